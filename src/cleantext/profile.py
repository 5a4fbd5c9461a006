"""Site profiles: how many of a site's pages each (normalised) line appears on.

A line that recurs across many pages of one site — a menu, a footer, "Recente din
bacau", a teaser that runs for a week — is boilerplate however long and well written
it is. :class:`SiteProfile` learns this from the pages a caller shows it. It is plain
state the caller owns: nothing is cached per process, so two runs over the same pages
give the same profile, the same saved bytes and the same extraction.

Storage is two parallel numpy arrays: sorted 64-bit line hashes (``uint64``) and, per
hash, the number of distinct pages it was seen on (``uint32``): 12 bytes per distinct
line. Pages are first collected in a pending buffer and folded into the arrays in
batches, so :meth:`SiteProfile.add` costs amortised O(lines of the page).

Memory is bounded by ``max_hashes`` (distinct hashes kept). Past the cap the profile
is *pruned*: first every hash seen on one page only is dropped (a line on one page
cannot mark boilerplate), then, if still over, the hashes with the lowest counts
(ties broken by the smaller hash value) until exactly ``max_hashes`` remain. Pruning
makes counts approximate and may depend on the order pages were added; a profile that
was never pruned (:attr:`SiteProfile.exact`) is exact and order-independent, and
:meth:`SiteProfile.merge` of exact profiles is associative and commutative.

Reading never changes a profile: a query, ``len``, ``repr``, ``==``, :attr:`dropped`,
:attr:`nbytes` or saving sees the pending pages folded in (and pruned) without
storing the fold, so when pages are folded depends only on what was added. (The fold
a read computes is cached until the next write, so a run of reads folds once.)

The file format (see :meth:`SiteProfile.to_bytes`) is a fixed header, raw
little-endian arrays and a checksum: small, versioned, and safe to load (no pickle).
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterable, Sequence
from os import PathLike
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from cleantext.errors import ProfileFormatError
from cleantext.options import Options
from cleantext.pagelines import (
    HashArray,
    line_hash,
    line_hashes,
    looks_like_html,
    normalised_hashes,
    page_hashes,
    page_lines,
)
from cleantext.textutil import normalise_line

__all__ = [
    "DEFAULT_MAX_HASHES",
    "ProfileFormatError",
    "SiteProfile",
    "line_hash",
    "line_hashes",
    "looks_like_html",
    "normalise_line",
    "page_lines",
]

CountArray = npt.NDArray[np.uint32]

DEFAULT_MAX_HASHES: Final = 4_000_000
"""Default cap on distinct line hashes kept (count): 4 M hashes x 12 bytes = 48 MB of
arrays. On news sites a page adds about 30-60 new distinct lines, so the cap is first
reached after roughly 10^5 pages; beyond that only lines seen at least twice survive."""

_FLUSH_PENDING: Final = 1 << 18
"""Pending per-page hashes (count) collected before they are folded into the sorted
arrays: 262,144 x 8 bytes = 2 MiB of buffer, large enough that the O(n) fold is rare."""

_MAGIC: Final = b"CTSPROF\x00"
_VERSION: Final = 1
# magic, version (u32), reserved flags (u32), pages, max_hashes, dropped, n (u64 each)
_HEADER = struct.Struct("<8sIIQQQQ")
_CHECKSUM_BYTES: Final = 8
_MAX_COUNT: Final = np.iinfo(np.uint32).max


def _pruned(hashes: HashArray, counts: CountArray, cap: int
            ) -> tuple[HashArray, CountArray, int]:
    """Apply the cap: drop single-page hashes, then the lowest counts (ties: the
    larger hash goes first) until ``cap`` remain. Returns the kept arrays and how
    many hashes were dropped; the inputs are not changed."""
    if hashes.size <= cap:
        return hashes, counts, 0
    before = int(hashes.size)
    keep = counts > 1
    hashes, counts = hashes[keep], counts[keep]
    if hashes.size > cap:
        order = np.lexsort((hashes, -counts.astype(np.int64)))[:cap]
        order.sort()
        hashes, counts = hashes[order], counts[order]
    return hashes, counts, before - int(hashes.size)


def _merge_sorted(h1: HashArray, c1: CountArray,
                  h2: HashArray, c2: CountArray) -> tuple[HashArray, CountArray]:
    """Union of two sorted distinct hash arrays, counts of shared hashes summed
    (saturating at 2^32-1). O(n1 + n2 log n1) time, no full re-sort."""
    if h1.size == 0:
        return h2.copy(), c2.copy()
    if h2.size == 0:
        return h1.copy(), c1.copy()
    idx = np.searchsorted(h1, h2)
    found = idx < h1.size
    found[found] = h1[idx[found]] == h2[found]
    counts = c1.astype(np.uint64)
    counts[idx[found]] += c2[found]
    counts = np.minimum(counts, _MAX_COUNT).astype(np.uint32)
    new = ~found
    hashes = np.insert(h1, idx[new], h2[new])
    return hashes, np.insert(counts, idx[new], c2[new])


class SiteProfile:
    """Counts of distinct pages per normalised line hash, for one site.

    Build it with :meth:`add` (a page), :meth:`add_lines` (a page's lines) or
    :meth:`add_many`; combine partial profiles with :meth:`merge`; ask with
    :meth:`line_count`, :meth:`line_share` or :meth:`shares`; persist with
    :meth:`save` / :meth:`load`. ``max_hashes`` caps the distinct hashes kept (see
    the module docstring for the pruning policy).
    """

    __slots__ = ("_counts", "_dropped", "_hashes", "_max_hashes", "_pages", "_pending",
                 "_pending_size", "_view")

    def __init__(self, *, max_hashes: int = DEFAULT_MAX_HASHES) -> None:
        if max_hashes < 1:
            raise ValueError(f"max_hashes must be at least 1, got {max_hashes}")
        self._max_hashes = max_hashes
        self._hashes: HashArray = np.empty(0, dtype=np.uint64)
        self._counts: CountArray = np.empty(0, dtype=np.uint32)
        self._pages = 0
        self._dropped = 0
        self._pending: list[HashArray] = []
        self._pending_size = 0
        self._view: tuple[HashArray, CountArray, int] | None = None

    # --- building ---------------------------------------------------------------------

    def add(self, page: str | bytes, *, text: bool | None = None,
            options: Options | None = None) -> None:
        """Count the lines of one page (HTML or a text dump, ``str`` or ``bytes``).

        Lines are found by :func:`page_lines` (the decoder and segmenter extraction
        uses; ``text`` and ``options`` as there). Pass the same ``options`` you later
        extract with, so the limits that cut lines agree.
        """
        self.add_lines(page_lines(page, text=text, options=options))

    def add_lines(self, lines: Iterable[str]) -> None:
        """Count one page given as its lines (the primitive: one call = one page).

        A line counts once per page however often it repeats there; lines that
        normalise to ``""`` are skipped. A page with no countable line still counts
        as a page (it lowers every line's share).
        """
        hashes = page_hashes(lines)
        self._pages += 1
        if hashes.size:
            self._view = None
            self._pending.append(hashes)
            self._pending_size += int(hashes.size)
            if self._pending_size >= _FLUSH_PENDING:
                self._flush()

    def add_many(self, pages: Iterable[str | bytes], *, text: bool | None = None,
                 options: Options | None = None) -> None:
        """:meth:`add` every page of ``pages``."""
        for page in pages:
            self.add(page, text=text, options=options)

    def _flush(self) -> None:
        """Fold the pending pages into the sorted arrays (then prune if over the cap).
        Called by writes only, when the pending buffer is full, so when folding and
        pruning happen depends on the pages added and never on what was read."""
        self._hashes, self._counts, self._dropped = self._folded()
        self._pending = []
        self._pending_size = 0
        self._view = None

    def _folded(self) -> tuple[HashArray, CountArray, int]:
        """The arrays and pruned count with the pending pages folded in: what every
        read sees. Computed without changing the profile; the result is kept in
        ``_view`` (a cache, dropped by the next write) so a run of reads folds once."""
        if not self._pending:
            return self._hashes, self._counts, self._dropped
        view = self._view
        if view is None:
            hashes, counts = np.unique(np.concatenate(self._pending), return_counts=True)
            merged_h, merged_c = _merge_sorted(self._hashes, self._counts, hashes,
                                               counts.astype(np.uint32))
            kept_h, kept_c, removed = _pruned(merged_h, merged_c, self._max_hashes)
            view = self._view = (kept_h, kept_c, self._dropped + removed)
        return view

    def merge(self, other: SiteProfile) -> SiteProfile:
        """A new profile counting the pages of both (neither input changes).

        Associative and commutative: counts add exactly, and the cap of the result is
        the larger of the two. If the sum exceeds the cap it is pruned, after which
        the result may depend on the merge order (see :attr:`exact`).
        """
        if not isinstance(other, SiteProfile):
            raise TypeError(f"can only merge a SiteProfile, not {type(other).__name__}")
        mine, theirs = self._folded(), other._folded()
        out = SiteProfile(max_hashes=max(self._max_hashes, other._max_hashes))
        hashes, counts = _merge_sorted(mine[0], mine[1], theirs[0], theirs[1])
        out._hashes, out._counts, removed = _pruned(hashes, counts, out._max_hashes)
        out._pages = self._pages + other._pages
        out._dropped = mine[2] + theirs[2] + removed
        return out

    # --- querying ---------------------------------------------------------------------

    @property
    def pages(self) -> int:
        """Pages added (count), including the pages of merged profiles."""
        return self._pages

    @property
    def max_hashes(self) -> int:
        """The cap on distinct hashes kept (count)."""
        return self._max_hashes

    @property
    def dropped(self) -> int:
        """Distinct hashes removed by pruning so far (count); 0 for an exact profile."""
        return self._folded()[2]

    @property
    def exact(self) -> bool:
        """True when no hash was ever pruned: every count is exact."""
        return self.dropped == 0

    @property
    def nbytes(self) -> int:
        """Bytes the hash and count arrays take with every added page folded in
        (12 per distinct hash kept; the pending buffer is not counted)."""
        hashes, counts, _ = self._folded()
        return int(hashes.nbytes + counts.nbytes)

    def _lookup(self, hashes: HashArray) -> CountArray:
        kept, counts, _ = self._folded()
        if kept.size == 0:
            return np.zeros(hashes.size, dtype=np.uint32)
        idx = np.minimum(np.searchsorted(kept, hashes), kept.size - 1)
        return np.where(kept[idx] == hashes, counts[idx], 0).astype(np.uint32)

    def line_count(self, text: str) -> int:
        """Number of pages (count) the line, after normalisation, was seen on."""
        if not normalise_line(text):
            return 0
        return int(self._lookup(np.array([line_hash(text)], dtype=np.uint64))[0])

    def line_share(self, text: str) -> float:
        """Share of the pages (0..1) the line was seen on; 0.0 for an empty profile."""
        return self.line_count(text) / self._pages if self._pages else 0.0

    def shares(self, texts: Sequence[str], *,
               includes_page: bool = False) -> npt.NDArray[np.float64]:
        """:meth:`line_share` of every text, as a ``float64`` array in input order.

        Lines that normalise to ``""`` get 0.0. This is what the feature stage calls.
        With ``includes_page=True`` (the page the texts come from was itself added to
        the profile, as ``extract_many(by_site=True)`` does), the share is over the
        *other* pages: ``(count - 1) / (pages - 1)``, so a line unique to this page
        gets 0.0 instead of ``1 / pages``, and a profile of this page alone gives 0.0
        everywhere instead of 1.0.
        """
        if not texts or not self._pages:
            return np.zeros(len(texts), dtype=np.float64)
        normalised = [normalise_line(t) for t in texts]
        counts = self._lookup(normalised_hashes(normalised)).astype(np.float64)
        counts[np.array([not n for n in normalised], dtype=bool)] = 0.0
        if not includes_page:
            return counts / float(self._pages)
        if self._pages < 2:
            return np.zeros(len(texts), dtype=np.float64)
        return np.maximum(counts - 1.0, 0.0) / float(self._pages - 1)

    def __len__(self) -> int:
        """Distinct line hashes kept."""
        return int(self._folded()[0].size)

    def __eq__(self, other: object) -> bool:
        """Same pages, same hashes with the same counts, same number pruned (the cap
        itself is a setting, not content, and is not compared)."""
        if not isinstance(other, SiteProfile):
            return NotImplemented
        mine, theirs = self._folded(), other._folded()
        return (self._pages == other._pages and mine[2] == theirs[2]
                and np.array_equal(mine[0], theirs[0]) and np.array_equal(mine[1], theirs[1]))

    __hash__ = None  # type: ignore[assignment]  # mutable: not hashable

    def __repr__(self) -> str:
        hashes, _, dropped = self._folded()
        exact = "" if dropped == 0 else f", dropped={dropped}"
        return (f"SiteProfile(pages={self._pages}, hashes={hashes.size}, "
                f"max_hashes={self._max_hashes}{exact})")

    def __reduce__(self) -> tuple[Any, ...]:
        # Sent between processes (batch workers, Dask) as the safe byte format.
        return (SiteProfile.from_bytes, (self.to_bytes(),))

    # --- persistence ------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The profile as bytes (format version 1), identical for equal profiles with
        the same cap.

        Layout, little-endian: magic ``b"CTSPROF\\0"``; version u32; flags u32 (0);
        pages, max_hashes, dropped, n u64 each; n hashes u64 (strictly increasing);
        n counts u32; then the first 8 bytes of blake2b of everything before.
        """
        hashes, counts, dropped = self._folded()
        n = int(hashes.size)
        body = b"".join((
            _HEADER.pack(_MAGIC, _VERSION, 0, self._pages, self._max_hashes, dropped, n),
            hashes.astype("<u8").tobytes(),
            counts.astype("<u4").tobytes(),
        ))
        return body + hashlib.blake2b(body, digest_size=_CHECKSUM_BYTES).digest()

    @classmethod
    def from_bytes(cls, data: bytes) -> SiteProfile:
        """Read :meth:`to_bytes` output; raise :class:`ProfileFormatError` if ``data``
        is not a valid profile of a version this library reads."""
        view = memoryview(data)
        if len(view) < _HEADER.size + _CHECKSUM_BYTES:
            raise ProfileFormatError(f"not a site profile: {len(view)} bytes is too short")
        magic, version, _flags, pages, max_hashes, dropped, n = _HEADER.unpack_from(view)
        if magic != _MAGIC:
            raise ProfileFormatError("not a site profile: wrong magic bytes")
        if version != _VERSION:
            raise ProfileFormatError(
                f"site profile format version {version} is not supported (this "
                f"library reads version {_VERSION})")
        expected = _HEADER.size + 12 * n + _CHECKSUM_BYTES
        if len(view) != expected:
            raise ProfileFormatError(
                f"corrupt site profile: {len(view)} bytes, header says {expected}")
        body, checksum = view[:-_CHECKSUM_BYTES], view[-_CHECKSUM_BYTES:]
        if hashlib.blake2b(body, digest_size=_CHECKSUM_BYTES).digest() != checksum:
            raise ProfileFormatError("corrupt site profile: checksum mismatch")
        start = _HEADER.size
        hashes = np.frombuffer(view, dtype="<u8", count=n, offset=start)
        counts = np.frombuffer(view, dtype="<u4", count=n, offset=start + 8 * n)
        return cls._from_arrays(hashes, counts, pages, max_hashes, dropped)

    @classmethod
    def _from_arrays(cls, hashes: npt.NDArray[Any], counts: npt.NDArray[Any], pages: int,
                     max_hashes: int, dropped: int) -> SiteProfile:
        """Build from checked-format arrays, validating what the checksum cannot."""
        if max_hashes < 1 or hashes.size > max_hashes:
            raise ProfileFormatError("corrupt site profile: hash count above its cap")
        if hashes.size > 1 and not bool(np.all(hashes[1:] > hashes[:-1])):
            raise ProfileFormatError("corrupt site profile: hashes not strictly increasing")
        if counts.size and (int(counts.min()) < 1 or int(counts.max()) > pages):
            raise ProfileFormatError("corrupt site profile: a count is outside 1..pages")
        out = cls(max_hashes=max_hashes)
        out._hashes = hashes.astype(np.uint64)
        out._counts = counts.astype(np.uint32)
        out._pages = pages
        out._dropped = dropped
        return out

    def save(self, path: str | PathLike[str]) -> None:
        """Write :meth:`to_bytes` to ``path`` (conventional suffix ``.ctprofile``)."""
        Path(path).write_bytes(self.to_bytes())

    @classmethod
    def load(cls, path: str | PathLike[str]) -> SiteProfile:
        """Read a file written by :meth:`save`; :class:`ProfileFormatError` if it is
        not one (``OSError`` if it cannot be read at all)."""
        return cls.from_bytes(Path(path).read_bytes())

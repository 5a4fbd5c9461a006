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

The file format (:mod:`cleantext.profile_io`) is a fixed header, raw little-endian
arrays and a checksum: small, versioned, and safe to load (no pickle).

A profile may also carry *cross-site counts* (:mod:`cleantext.crosssite`): per kept
hash, how many pages of other sites in the same corpus carry the line. They raise the
line's share (:meth:`SiteProfile.shares`), so a line repeated across the corpus counts
as boilerplate even on a site with one page.
"""

from __future__ import annotations

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
from cleantext.profile_io import CountArray, ProfileParts, check, decode, encode, kept, merge_sorted
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


DEFAULT_MAX_HASHES: Final = 4_000_000
"""Default cap on distinct line hashes kept (count): 4 M hashes x 12 bytes = 48 MB of
arrays. On news sites a page adds about 30-60 new distinct lines, so the cap is first
reached after roughly 10^5 pages; beyond that only lines seen at least twice survive."""

_FLUSH_PENDING: Final = 1 << 18
"""Pending per-page hashes (count) collected before they are folded into the sorted
arrays: 262,144 x 8 bytes = 2 MiB of buffer, large enough that the O(n) fold is rare."""



class SiteProfile:
    """Counts of distinct pages per normalised line hash, for one site.

    Build it with :meth:`add` (a page), :meth:`add_lines` (a page's lines) or
    :meth:`add_many`; combine partial profiles with :meth:`merge`; ask with
    :meth:`line_count`, :meth:`line_share` or :meth:`shares`; persist with
    :meth:`save` / :meth:`load`. ``max_hashes`` caps the distinct hashes kept (see
    the module docstring for the pruning policy).
    """

    __slots__ = ("_counts", "_dropped", "_full_at", "_hashes", "_max_hashes", "_min_letters",
                 "_others", "_pages", "_pending", "_pending_size", "_view")

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
        self._others: CountArray | None = None  # cross-site counts, aligned with _hashes
        self._full_at = 0
        self._min_letters = 0

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
        as a page (it lowers every line's share). Adding a page drops the profile's
        cross-site counts, if it had any (:mod:`cleantext.crosssite`).
        """
        hashes = page_hashes(lines)
        self._pages += 1
        self._others = None  # they described the corpus before this page
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
            merged_h, merged_c = merge_sorted(self._hashes, self._counts, hashes,
                                               counts.astype(np.uint32))
            dropped = self._dropped
            keep = kept(merged_h, merged_c, self._max_hashes)
            if keep is not None:
                dropped += int(merged_h.size - keep.size)
                merged_h, merged_c = merged_h[keep], merged_c[keep]
            view = self._view = (merged_h, merged_c, dropped)
        return view

    def merge(self, other: SiteProfile) -> SiteProfile:
        """A new profile counting the pages of both (neither input changes).

        Associative and commutative: counts add exactly, and the cap of the result is
        the larger of the two. If the sum exceeds the cap it is pruned, after which
        the result may depend on the merge order (see :attr:`exact`). Cross-site
        counts add too (a hash one side lacks counts 0 there), so merging one site's
        profiles from two files gives a lower bound of its cross-site counts over both.
        """
        if not isinstance(other, SiteProfile):
            raise TypeError(f"can only merge a SiteProfile, not {type(other).__name__}")
        mine, theirs = self._folded(), other._folded()
        out = SiteProfile(max_hashes=max(self._max_hashes, other._max_hashes))
        hashes, counts = merge_sorted(mine[0], mine[1], theirs[0], theirs[1])
        others = None
        if self._others is not None or other._others is not None:
            others = merge_sorted(mine[0], self._cross_or_zeros(),
                                   theirs[0], other._cross_or_zeros())[1]
            out._full_at = max(self._full_at, other._full_at)
            out._min_letters = max(self._min_letters, other._min_letters)
        keep = kept(hashes, counts, out._max_hashes)
        if keep is not None:
            out._dropped = int(hashes.size - keep.size)
            hashes, counts = hashes[keep], counts[keep]
            others = others[keep] if others is not None else None
        out._hashes, out._counts, out._others = hashes, counts, others
        out._pages = self._pages + other._pages
        out._dropped += mine[2] + theirs[2]
        return out

    def _cross_or_zeros(self) -> CountArray:
        if self._others is not None:
            return self._others
        return np.zeros(self._folded()[0].size, dtype=np.uint32)

    def with_cross_site(self, others: CountArray, full_at: int, min_letters: int = 0, *,
                        trim: bool = False) -> SiteProfile:
        """A copy carrying cross-site counts (:mod:`cleantext.crosssite` makes them):
        ``others[i]``, the pages of *other* sites of the corpus that carry the i-th
        hash of :meth:`hashes`; a line on ``full_at`` such pages gets share 1.0 from
        them, a line of fewer than ``min_letters`` letters (after normalisation) none.
        ``trim=True`` keeps only the hashes with ``others`` > 0 (for a site too small
        for its own share to count)."""
        hashes, counts, dropped = self._folded()
        if others.shape != hashes.shape:
            raise ValueError(f"{others.size} cross-site counts for {hashes.size} hashes")
        if full_at < 1:
            raise ValueError(f"full_at must be at least 1, got {full_at}")
        others = others.astype(np.uint32)
        if trim:
            keep = others > 0
            hashes, counts, others = hashes[keep], counts[keep], others[keep]
        return SiteProfile._from_parts(ProfileParts(
            hashes, counts, self._pages, self._max_hashes, dropped, others, full_at,
            min_letters))

    def without_cross_site(self) -> SiteProfile:
        """A copy without cross-site counts: the site's own counts only."""
        hashes, counts, dropped = self._folded()
        return SiteProfile._from_parts(ProfileParts(hashes, counts, self._pages,
                                                    self._max_hashes, dropped))

    # --- querying ---------------------------------------------------------------------

    @property
    def pages(self) -> int:
        """Pages added (count), including the pages of merged profiles."""
        return self._pages

    @property
    def cross_site(self) -> bool:
        """True when the profile carries cross-site counts (see :meth:`with_cross_site`)."""
        return self._others is not None

    def hashes(self) -> tuple[HashArray, CountArray]:
        """Copies of the kept hashes (sorted) and their page counts."""
        hashes, counts, _ = self._folded()
        return hashes.copy(), counts.copy()

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

    def _lookup(self, hashes: HashArray, column: CountArray | None = None) -> CountArray:
        """``column`` (default: the page counts) at each hash, 0 where not kept."""
        kept, counts, _ = self._folded()
        if kept.size == 0:
            return np.zeros(hashes.size, dtype=np.uint32)
        values = counts if column is None else column
        idx = np.minimum(np.searchsorted(kept, hashes), kept.size - 1)
        return np.where(kept[idx] == hashes, values[idx], 0).astype(np.uint32)

    def line_count(self, text: str) -> int:
        """Number of pages (count) the line, after normalisation, was seen on."""
        if not normalise_line(text):
            return 0
        return int(self._lookup(np.array([line_hash(text)], dtype=np.uint64))[0])

    def line_share(self, text: str) -> float:
        """Share of the pages (0..1) the line was seen on; 0.0 for an empty profile."""
        return self.line_count(text) / self._pages if self._pages else 0.0

    def shares(self, texts: Sequence[str], *, includes_page: bool = False,
               min_pages: int = 1, min_count: int = 1) -> npt.NDArray[np.float64]:
        """:meth:`line_share` of every text, as a ``float64`` array in input order.

        Lines that normalise to ``""`` get 0.0. This is what the feature stage calls.
        With ``includes_page=True`` (the page the texts come from was itself added to
        the profile, as ``extract_many(by_site=True)`` does), the share is over the
        *other* pages: ``(count - 1) / (pages - 1)``, so a line unique to this page
        gets 0.0 instead of ``1 / pages``, and a profile of this page alone gives 0.0
        everywhere instead of 1.0. A profile of fewer than ``min_pages`` pages gives
        no site share (0.0), nor does a line on fewer than ``min_count`` of its pages
        (with 2, a line of the extracted page alone, counted in the profile).

        A profile with cross-site counts gives each line the larger of its site share
        and ``min(1, others / full_at)``: a line on many pages of other sites of the
        corpus is boilerplate too (a widget, a CMS footer), whatever the site's size;
        but not a line of fewer than ``min_letters`` letters (a price, "Features").
        """
        own = self._pages >= max(min_pages, 1)
        if not texts or not (own or self._others is not None):
            return np.zeros(len(texts), dtype=np.float64)
        normalised = [normalise_line(t) for t in texts]
        hashes = normalised_hashes(normalised)
        empty = np.array([not n for n in normalised], dtype=bool)
        out = np.zeros(len(texts), dtype=np.float64)
        if own:
            counts = self._lookup(hashes).astype(np.float64)
            counts[counts < min_count] = 0.0
            if not includes_page:
                out = counts / float(self._pages)
            elif self._pages >= 2:
                out = np.maximum(counts - 1.0, 0.0) / float(self._pages - 1)
        if self._others is not None:
            others = self._lookup(hashes, self._others).astype(np.float64)
            others[[sum(c.isalpha() for c in n) < self._min_letters for n in normalised]] = 0
            out = np.maximum(out, np.minimum(others / float(self._full_at), 1.0))
        out[empty] = 0.0
        return out

    def __len__(self) -> int:
        """Distinct line hashes kept."""
        return int(self._folded()[0].size)

    def __eq__(self, other: object) -> bool:
        """Same pages, same hashes with the same counts, same number pruned (the cap
        itself is a setting, not content, and is not compared)."""
        if not isinstance(other, SiteProfile):
            return NotImplemented
        mine, theirs = self._folded(), other._folded()
        same_cross = (self._full_at, self._min_letters) == (other._full_at,
                                                            other._min_letters) and (
            self._others is None if other._others is None
            else self._others is not None and np.array_equal(self._others, other._others))
        return (self._pages == other._pages and mine[2] == theirs[2] and same_cross
                and np.array_equal(mine[0], theirs[0]) and np.array_equal(mine[1], theirs[1]))

    __hash__ = None  # type: ignore[assignment]  # mutable: not hashable

    def __repr__(self) -> str:
        hashes, _, dropped = self._folded()
        exact = "" if dropped == 0 else f", dropped={dropped}"
        cross = "" if self._others is None else (
            f", cross_site=(full_at={self._full_at}, min_letters={self._min_letters})")
        return (f"SiteProfile(pages={self._pages}, hashes={hashes.size}, "
                f"max_hashes={self._max_hashes}{exact}{cross})")

    def __reduce__(self) -> tuple[Any, ...]:
        # Sent between processes (batch workers, Dask) as the safe byte format.
        return (SiteProfile.from_bytes, (self.to_bytes(),))

    # --- persistence ------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The profile as bytes, identical for equal profiles with the same cap:
        format version 1, or version 2 when it carries cross-site counts
        (:mod:`cleantext.profile_io` has the layout)."""
        hashes, counts, dropped = self._folded()
        return encode(ProfileParts(hashes, counts, self._pages, self._max_hashes, dropped,
                                   self._others, self._full_at, self._min_letters))

    @classmethod
    def from_bytes(cls, data: bytes) -> SiteProfile:
        """Read :meth:`to_bytes` output; raise :class:`ProfileFormatError` if ``data``
        is not a valid profile of a version this library reads (1 or 2)."""
        return cls._from_parts(decode(data))

    @classmethod
    def _from_parts(cls, parts: ProfileParts) -> SiteProfile:
        """Build from checked arrays (validating what a checksum cannot)."""
        check(parts)
        out = cls(max_hashes=parts.max_hashes)
        out._hashes, out._counts = parts.hashes, parts.counts
        out._pages, out._dropped = parts.pages, parts.dropped
        out._others, out._full_at = parts.others, parts.full_at
        out._min_letters = parts.min_letters
        return out

    def save(self, path: str | PathLike[str]) -> None:
        """Write :meth:`to_bytes` to ``path`` (conventional suffix ``.ctprofile``)."""
        Path(path).write_bytes(self.to_bytes())

    @classmethod
    def load(cls, path: str | PathLike[str]) -> SiteProfile:
        """Read a file written by :meth:`save`; :class:`ProfileFormatError` if it is
        not one (``OSError`` if it cannot be read at all)."""
        return cls.from_bytes(Path(path).read_bytes())

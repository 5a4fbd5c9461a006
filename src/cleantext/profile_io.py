"""The site profile file format (bytes to arrays and back, checked, no pickle) and
the sorted-array helpers a profile is built with.

Two versions, both read:

* **version 1**, a profile of one site's own pages: magic ``b"CTSPROF\\0"``; version
  u32; flags u32 (0); pages, max_hashes, dropped, n u64 each; n hashes u64 (strictly
  increasing); n counts u32; the first 8 bytes of blake2b of everything before.
  Little-endian throughout.
* **version 2**, the same with cross-site counts (:mod:`cleantext.crosssite`): flags
  bit 0 set, ``full_at`` and ``min_letters`` (u32 each) right after the header, and n
  ``others`` u32 after the counts. Written only for a profile that has them, so a
  plain profile's bytes are those of version 1, as before.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from cleantext.errors import ProfileFormatError

__all__ = ["ProfileParts", "check", "decode", "encode", "kept", "merge_sorted"]

CountArray = npt.NDArray[np.uint32]
HashArray = npt.NDArray[np.uint64]

MAGIC: Final = b"CTSPROF\x00"
VERSIONS: Final = (1, 2)
HAS_OTHERS: Final = 1
"""Flags bit: the profile carries cross-site counts (version 2)."""

# magic, version (u32), flags (u32), pages, max_hashes, dropped, n (u64 each)
_HEADER = struct.Struct("<8sIIQQQQ")
_CROSS = struct.Struct("<II")  # full_at, min_letters
_CHECKSUM_BYTES: Final = 8
_MAX_COUNT: Final = np.iinfo(np.uint32).max


@dataclass(frozen=True, slots=True)
class ProfileParts:
    """A profile's content as the format holds it (``others`` ``None`` in version 1)."""

    hashes: HashArray
    counts: CountArray
    pages: int
    max_hashes: int
    dropped: int
    others: CountArray | None = None
    full_at: int = 0
    min_letters: int = 0


def _digest(body: bytes | memoryview) -> bytes:
    return hashlib.blake2b(body, digest_size=_CHECKSUM_BYTES).digest()


def encode(parts: ProfileParts) -> bytes:
    """The bytes of a profile: version 1 without ``others``, version 2 with them."""
    n = int(parts.hashes.size)
    version, flags = (1, 0) if parts.others is None else (2, HAS_OTHERS)
    chunks = [_HEADER.pack(MAGIC, version, flags, parts.pages, parts.max_hashes,
                           parts.dropped, n)]
    if parts.others is not None:
        chunks.append(_CROSS.pack(parts.full_at, parts.min_letters))
    chunks += [parts.hashes.astype("<u8").tobytes(), parts.counts.astype("<u4").tobytes()]
    if parts.others is not None:
        chunks.append(parts.others.astype("<u4").tobytes())
    body = b"".join(chunks)
    return body + _digest(body)


def decode(data: bytes) -> ProfileParts:
    """Read :func:`encode` output (either version); :class:`ProfileFormatError` when
    ``data`` is not one. Checks the length and checksum here, the arrays' content
    (order, count range) in :func:`check`."""
    view = memoryview(data)
    if len(view) < _HEADER.size + _CHECKSUM_BYTES:
        raise ProfileFormatError(f"not a site profile: {len(view)} bytes is too short")
    magic, version, flags, pages, max_hashes, dropped, n = _HEADER.unpack_from(view)
    if magic != MAGIC:
        raise ProfileFormatError("not a site profile: wrong magic bytes")
    if version not in VERSIONS:
        raise ProfileFormatError(
            f"site profile format version {version} is not supported (this "
            f"library reads versions {', '.join(map(str, VERSIONS))})")
    cross = version == 2 and bool(flags & HAS_OTHERS)
    start = _HEADER.size + (_CROSS.size if cross else 0)
    expected = start + (16 if cross else 12) * n + _CHECKSUM_BYTES
    if len(view) != expected:
        raise ProfileFormatError(
            f"corrupt site profile: {len(view)} bytes, header says {expected}")
    body, checksum = view[:-_CHECKSUM_BYTES], view[-_CHECKSUM_BYTES:]
    if _digest(body) != checksum:
        raise ProfileFormatError("corrupt site profile: checksum mismatch")
    hashes = np.frombuffer(view, dtype="<u8", count=n, offset=start)
    counts = np.frombuffer(view, dtype="<u4", count=n, offset=start + 8 * n)
    parts = ProfileParts(hashes.astype(np.uint64), counts.astype(np.uint32), pages,
                         max_hashes, dropped)
    if cross:
        others = np.frombuffer(view, dtype="<u4", count=n, offset=start + 12 * n)
        full_at, min_letters = _CROSS.unpack_from(view, _HEADER.size)
        parts = ProfileParts(parts.hashes, parts.counts, pages, max_hashes, dropped,
                             others.astype(np.uint32), full_at, min_letters)
    check(parts)
    return parts


def check(parts: ProfileParts) -> None:
    """Validate what a checksum cannot: the cap, hash order, count ranges."""
    hashes, counts = parts.hashes, parts.counts
    if parts.max_hashes < 1 or hashes.size > parts.max_hashes:
        raise ProfileFormatError("corrupt site profile: hash count above its cap")
    if hashes.size > 1 and not bool(np.all(hashes[1:] > hashes[:-1])):
        raise ProfileFormatError("corrupt site profile: hashes not strictly increasing")
    if counts.size and (int(counts.min()) < 1 or int(counts.max()) > parts.pages):
        raise ProfileFormatError("corrupt site profile: a count is outside 1..pages")
    if parts.others is not None and parts.full_at < 1:
        raise ProfileFormatError("corrupt site profile: cross-site full_at below 1")


# --- array helpers (sorted hashes with parallel counts) ---------------------------


def kept(hashes: HashArray, counts: CountArray, cap: int) -> npt.NDArray[np.intp] | None:
    """Apply the cap: the positions to keep after dropping single-page hashes, then the
    lowest counts (ties: the larger hash goes first) until ``cap`` remain; ``None``
    when nothing needs dropping. The inputs are not changed."""
    if hashes.size <= cap:
        return None
    keep = np.flatnonzero(counts > 1)
    if keep.size > cap:
        order = np.lexsort((hashes[keep], -counts[keep].astype(np.int64)))[:cap]
        order.sort()
        keep = keep[order]
    return keep


def merge_sorted(h1: HashArray, c1: CountArray,
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

"""Repetition across sites: lines that many pages of *other* sites in a corpus carry.

A site profile (:class:`~cleantext.SiteProfile`) sees one site's pages. In a WET file
most hosts have one or two pages, too few for a profile of their own, but their
boilerplate is not their own: a sharing widget, a cookie notice, a CMS footer or a
news agency's wire teaser is on many pages of many hosts. :func:`with_cross_site`
counts, over all the sites' profiles learnt from one corpus (the first pass of
``--site-profile auto``), how many pages of the corpus carry each line, and gives
every site's profile, per line it holds, the pages of the *other* sites that carry
it (:meth:`SiteProfile.with_cross_site`). Extraction then takes a line's share as the
larger of its site share and ``others / full_at`` (lines of at least ``min_letters``
letters).

Memory: the corpus-wide count is built from the profiles already in memory, in
batches of at most :data:`FOLD_BATCH` hashes, and capped at ``max_hashes``
(:data:`CORPUS_MAX_HASHES`) distinct hashes, pruned as a profile is: lines on one page
go first, since they cannot be on another site's page. Each profile then carries 4
bytes more per hash it keeps; a site below ``site_min_pages`` keeps only the lines
other sites share.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

import numpy as np

from cleantext.pagelines import HashArray
from cleantext.profile import SiteProfile
from cleantext.profile_io import CountArray, kept, merge_sorted

__all__ = ["CORPUS_MAX_HASHES", "CROSS_SITE_FULL_AT", "CROSS_SITE_MIN_LETTERS", "FOLD_BATCH",
           "corpus_counts", "with_cross_site"]

CROSS_SITE_FULL_AT: Final = 10
"""Pages of other sites (count) on which a line gets cross-site share 1.0; fewer give
a proportional share (``others / 10``), so the ``site_share`` rule (0.4) fires from 4
other pages. Chosen on WET files of trafilatura-dev, wcxb-dev and scrapinghub dumps
(docs/corpus.md), never on daniel-dev."""

CROSS_SITE_MIN_LETTERS: Final = 8
"""Letters (count, after :func:`~cleantext.textutil.normalise_line`) a line needs for a
cross-site share. Shorter lines repeat across sites as data, not boilerplate: every
price and number normalises to ``0 0``, and "Features", "Fazit" or "Compare" head many
sites' own content. Chosen with :data:`CROSS_SITE_FULL_AT` (docs/corpus.md)."""

FOLD_BATCH: Final = 1 << 18
"""Hashes (count) collected from profiles before they are folded into the corpus-wide
arrays: 262,144 x 12 bytes = 3 MB of buffer (plus the sort's temporaries)."""

CORPUS_MAX_HASHES: Final = 1 << 20
"""Cap on the distinct hashes of the corpus-wide counts (count): 1 M x 12 bytes = 12 MB.
Past it, lines seen on one page so far go first (most lines of a corpus are on one
page: 99 % in a synthetic 40,000-host file), so a line that comes back after a prune
is counted from there: a lower bound. Peak memory of the whole step on 40,000 one-page
hosts of 100 lines (4 M hashes): see docs/corpus.md."""


def _fold(pending: list[tuple[HashArray, CountArray]], hashes: HashArray,
          counts: CountArray, cap: int) -> tuple[HashArray, CountArray]:
    """Add the pending (hash, count) arrays to the sorted running arrays, then cap."""
    flat_h = np.concatenate([h for h, _ in pending])
    flat_c = np.concatenate([c for _, c in pending]).astype(np.uint64)
    order = np.argsort(flat_h, kind="stable")
    flat_h, flat_c = flat_h[order], flat_c[order]
    starts = np.flatnonzero(np.r_[True, flat_h[1:] != flat_h[:-1]])
    sums = np.minimum(np.add.reduceat(flat_c, starts), np.iinfo(np.uint32).max)
    hashes, counts = merge_sorted(hashes, counts, flat_h[starts], sums.astype(np.uint32))
    keep = kept(hashes, counts, cap)
    return (hashes, counts) if keep is None else (hashes[keep], counts[keep])


def corpus_counts(profiles: Iterable[SiteProfile], *, max_hashes: int = CORPUS_MAX_HASHES
                  ) -> tuple[HashArray, CountArray]:
    """Pages of all ``profiles`` together (count) per line hash, sorted by hash; at
    most ``max_hashes`` hashes (single-page lines pruned first, then the rarest)."""
    hashes: HashArray = np.empty(0, dtype=np.uint64)
    counts: CountArray = np.empty(0, dtype=np.uint32)
    pending: list[tuple[HashArray, CountArray]] = []
    size = 0
    for profile in profiles:
        own_h, own_c = profile.hashes()
        if own_h.size:
            pending.append((own_h, own_c))
            size += int(own_h.size)
        if size >= FOLD_BATCH:
            hashes, counts = _fold(pending, hashes, counts, max_hashes)
            pending, size = [], 0
    if pending:
        hashes, counts = _fold(pending, hashes, counts, max_hashes)
    return hashes, counts


def _others(profile: SiteProfile, hashes: HashArray, counts: CountArray) -> CountArray:
    """Per hash of ``profile``: the corpus's pages carrying it minus the site's own."""
    own_h, own_c = profile.hashes()
    if hashes.size == 0 or own_h.size == 0:
        return np.zeros(own_h.size, dtype=np.uint32)
    idx = np.minimum(np.searchsorted(hashes, own_h), hashes.size - 1)
    total = np.where(hashes[idx] == own_h, counts[idx], own_c).astype(np.int64)
    others: CountArray = np.maximum(total - own_c, 0).astype(np.uint32)
    return others


def with_cross_site(profiles: Mapping[str, SiteProfile], min_pages: int, *,
                    full_at: int = CROSS_SITE_FULL_AT,
                    min_letters: int = CROSS_SITE_MIN_LETTERS,
                    max_hashes: int = CORPUS_MAX_HASHES) -> dict[str, SiteProfile]:
    """The profiles of one corpus's sites, ready for extraction, with cross-site counts.

    ``profiles`` holds every site's profile, however small. A site with at least
    ``min_pages`` pages keeps its profile, with cross-site counts when any of its
    lines is on another site's page. A smaller site gets a profile only when some of
    its lines are on other sites' pages: it then holds just those lines (its own
    share does not count below ``min_pages``). With one site, or no line shared
    between sites, the result is exactly the profiles of ``min_pages`` pages or more.
    """
    hashes, counts = corpus_counts(profiles.values(), max_hashes=max_hashes)
    out: dict[str, SiteProfile] = {}
    for site, profile in profiles.items():
        others = _others(profile, hashes, counts)
        big = profile.pages >= min_pages
        if not others.any():
            if big:
                out[site] = profile
            continue
        out[site] = profile.with_cross_site(others, full_at, min_letters, trim=not big)
    return out

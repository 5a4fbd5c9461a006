"""Feature stage: blocks → a numpy matrix, one row per line, one named column per feature.

Every feature is language-agnostic: lengths, link density, punctuation, digits, the
share of the page's own most frequent short words (learned from the page, not from a
per-language list), repetition inside the page and across a site (SiteProfile),
position, the HTML tag, whole-token class/id hints of the ancestors, and the DOM
container the line sits in. Neighbour columns copy a few values of the lines before
and after, so the line model sees a little context before the context pass does.

This module holds :class:`FeatureMatrix` and :func:`compute_features`; the columns
are computed by family in :mod:`cleantext.features_text` (each line's own text),
:mod:`cleantext.features_page` (the line within its page) and
:mod:`cleantext.features_dom` (HTML structure), named in
:mod:`cleantext.feature_columns`. Imports those, :mod:`cleantext.blocks`,
:mod:`cleantext.numeric`, and (for types only) :mod:`cleantext.profile`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from cleantext.blocks import Segmented
from cleantext.feature_columns import COL, FEATURE_NAMES
from cleantext.features_dom import dom_columns, hint_mask, tag_columns
from cleantext.features_page import is_prefix_pair, neighbour_columns, page_columns
from cleantext.features_text import page_text, prose_flags, text_columns
from cleantext.numeric import BoolArray, FloatArray, IntArray

if TYPE_CHECKING:
    from cleantext.profile import SiteProfile

__all__ = ["FEATURE_NAMES", "SITE_LINE_MIN_PAGES", "FeatureMatrix", "compute_features",
           "hint_mask", "is_prefix_pair"]

SITE_LINE_MIN_PAGES = 2
"""Pages (count) of its profile a line must be on, the page being extracted included,
to have a site share; below, 0. Every auto profile counts that page, so a line of it
alone would get ``1 / pages``: 1/2 on a 2-page site, over ``Options.site_share``,
which kept ``site_min_pages`` at 3. From 3 pages that share never reached the rule
(no network reads the column), so only 2-page sites change. Not a tuned threshold but
the definition of repetition; the share over the *other* pages instead moved 4+ page
sites and cost daniel-dev text dumps 0.0066 (docs/site-profiles.md)."""


@dataclass(frozen=True, slots=True)
class FeatureMatrix:
    """Features of one page: ``values[i, j]`` is feature ``names[j]`` of line ``i``.

    ``prose`` flags lines that read like running text; ``groups`` gives each line's
    container (the nearest element holding two or more lines; for a text dump, runs
    of lines between blank-free breaks are not known, so each line is its own group).
    Both feed the context pass. ``normalised`` holds :func:`normalise_line` of each
    line (what makes two lines "the same line"), so later stages never normalise again.
    """

    names: tuple[str, ...]
    values: FloatArray
    prose: BoolArray
    groups: IntArray
    normalised: tuple[str, ...]

    def column(self, name: str) -> FloatArray:
        """One feature for every line."""
        return self.values[:, COL[name]]



def compute_features(seg: Segmented, site: SiteProfile | None = None,
                     title: str | None = None, site_min_pages: int = 2) -> FeatureMatrix:
    """The feature matrix of a segmented page (see :data:`FEATURE_NAMES`).

    ``site`` adds each line's share of the site's pages (left at 0 when the profile
    has fewer than ``site_min_pages`` pages, and for a line on fewer than
    :data:`SITE_LINE_MIN_PAGES` of them); ``title`` is the page's title candidate
    (from metadata) that ``title_overlap`` compares lines with.
    """
    blocks = seg.blocks
    n = len(blocks)
    out = np.zeros((n, len(FEATURE_NAMES)), dtype=np.float64)
    if n == 0:
        return FeatureMatrix(FEATURE_NAMES, out, np.zeros(0, dtype=bool),
                             np.zeros(0, dtype=np.int64), ())
    tokens, punct, sentences, norm = page_text([b.text for b in blocks])
    text_columns(out, blocks, tokens, punct, sentences)
    prose = prose_flags(out)
    page_columns(out, blocks, tokens, prose, title, norm)
    if site is not None:
        out[:, COL["site_share"]] = site.shares([b.text for b in blocks], min_pages=site_min_pages,
                                                min_count=SITE_LINE_MIN_PAGES)
    tag_columns(out, blocks)
    groups = dom_columns(out, seg, prose) if seg.elements else np.arange(n, dtype=np.int64)
    neighbour_columns(out, prose)
    return FeatureMatrix(FEATURE_NAMES, out, prose, groups, tuple(norm))


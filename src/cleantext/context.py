"""Context stage: decide short or uncertain lines from their neighbours.

The line model sees each line with only a little context. This pass looks at runs:

0. *Site repetition*: a line on at least ``Options.site_share`` of the site's pages
   (from a :class:`~cleantext.SiteProfile`) is boilerplate, however well it reads.
1. *Teaser cards*: a line printed twice in a row (a card's title, as on the seeds)
   starts a related-story card; the card's following lines up to the next blank
   structure (time stamps, a teaser sentence, an image placeholder) are RELATED,
   however well written the teaser is.
2. *Sandwiched lines*: a short or uncertain line between two body lines is body
   (a subheading, a one-line quote); one between two non-body lines is not.
3. *Islands*: a lone body line with no body line within the window on either side
   and far from the page's main body run is boilerplate (a stray teaser).

Every label it changes is recorded as a :class:`~cleantext.Reason` with source
``"context"``, so a reader can see the rule that fired.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from cleantext.document import Label, Reason
from cleantext.features import FeatureMatrix
from cleantext.options import Options

__all__ = ["ContextResult", "apply_context"]


@dataclass(frozen=True, slots=True)
class ContextResult:
    """Per line: the final label and the context reasons that changed or fixed it."""

    labels: tuple[Label, ...]
    reasons: tuple[tuple[Reason, ...], ...]


def apply_context(features: FeatureMatrix, body_p: npt.NDArray[np.float64],
                  initial: list[Label], options: Options) -> ContextResult:
    """Run the three rules of the module docstring over one page, in order."""
    labels = list(initial)
    reasons: list[list[Reason]] = [[] for _ in labels]
    _site_repeated(features, labels, reasons, options)
    _teaser_cards(features, labels, reasons)
    _sandwiched(features, body_p, labels, reasons, options)
    _islands(labels, reasons, options)
    return ContextResult(tuple(labels), tuple(tuple(r) for r in reasons))


def _set(labels: list[Label], reasons: list[list[Reason]], i: int, label: Label,
         rule: str, detail: str) -> None:
    if labels[i] is not label:
        reasons[i].append(Reason("context", rule, 1.0, f"{labels[i].value} → {label.value}: "
                                 f"{detail}"))
        labels[i] = label


def _site_repeated(features: FeatureMatrix, labels: list[Label],
                   reasons: list[list[Reason]], options: Options) -> None:
    share = features.column("site_share")
    for i in np.flatnonzero(share >= options.site_share):
        if labels[i] in (Label.BODY, Label.TITLE):
            new = Label.NAVIGATION if features.column("link_density")[i] >= 0.5 else (
                Label.RELATED if features.prose[i] else Label.OTHER)
            _set(labels, reasons, int(i), new, "site_repeated",
                 f"on {share[i]:.0%} of the site's pages")


def _teaser_cards(features: FeatureMatrix, labels: list[Label],
                  reasons: list[list[Reason]]) -> None:
    dup = features.column("dup_adjacent") > 0
    prose = features.prose
    n = len(labels)
    i = 0
    while i < n - 1:
        if not (dup[i] and dup[i + 1] and labels[i] is not Label.TITLE):
            i += 1
            continue
        # A card: the repeated title, then lines up to the next repeated title or
        # the first prose line's end, whichever comes first.
        end = i + 2
        while end < n and not dup[end] and end - i <= 5:
            end += 1
            if prose[end - 1]:
                break
        for j in range(i, end):
            if labels[j] is not Label.TITLE:
                _set(labels, reasons, j, Label.RELATED, "teaser_card",
                     "part of a card whose title is printed twice")
        i = end


def _sandwiched(features: FeatureMatrix, body_p: npt.NDArray[np.float64],
                labels: list[Label], reasons: list[list[Reason]], options: Options) -> None:
    chars = np.expm1(features.column("log_chars"))
    n = len(labels)
    for i in range(n):
        short = chars[i] < options.short_line_chars
        unsure = abs(body_p[i] - options.body_threshold) < options.uncertain_margin
        if not (short or unsure) or labels[i] in (Label.TITLE, Label.RELATED):
            continue
        before = _nearest_decided(labels, chars, i, -1, options)
        after = _nearest_decided(labels, chars, i, 1, options)
        if before is None or after is None:
            continue
        if before is Label.BODY and after is Label.BODY and labels[i] is not Label.BODY:
            if features.column("link_density")[i] < 0.5:
                _set(labels, reasons, i, Label.BODY, "between_body",
                     "short or uncertain line between two body lines")
        elif before is not Label.BODY and after is not Label.BODY and labels[i] is Label.BODY:
            _set(labels, reasons, i, before if before is after else Label.OTHER,
                 "between_boilerplate", "short or uncertain line between boilerplate")


def _nearest_decided(labels: list[Label], chars: npt.NDArray[np.float64], i: int, step: int,
                     options: Options) -> Label | None:
    """The label of the nearest long line within the window in direction ``step``."""
    j = i + step
    for _ in range(options.context_window * 2):
        if not 0 <= j < len(labels):
            return None
        if chars[j] >= options.short_line_chars or labels[j] is Label.BODY:
            return labels[j]
        j += step
    return None


def _islands(labels: list[Label], reasons: list[list[Reason]], options: Options) -> None:
    body = np.array([label is Label.BODY for label in labels], dtype=bool)
    if body.sum() < 3:
        return
    window = options.context_window
    for i in np.flatnonzero(body):
        lo, hi = max(0, i - window), min(len(labels), i + window + 1)
        if body[lo:hi].sum() == 1 and _run_mass_elsewhere(body, int(i)) >= 3:
            _set(labels, reasons, int(i), Label.OTHER, "island",
                 "lone body line far from the page's body")


def _run_mass_elsewhere(body: npt.NDArray[np.bool_], i: int) -> int:
    """Body lines in the page other than ``i`` (how much body the island stands apart from)."""
    return int(body.sum()) - 1

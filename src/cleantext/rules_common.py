"""What every page-level rule shares: the relabel step that records a reason, counts
stored as ``log1p`` back as whole numbers, and the page's runs of body lines and its
article span (:func:`article_lines`, which the title stage reads too).

Imports :mod:`cleantext.document`, :mod:`cleantext.features`, :mod:`cleantext.numeric`,
:mod:`cleantext.options`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from cleantext.document import Label, Reason
from cleantext.features import FeatureMatrix
from cleantext.numeric import FloatArray, true_runs
from cleantext.options import Options

__all__ = ["article_lines", "article_runs", "article_span", "body_runs", "counts", "longest_run",
           "relabel"]


def counts(features: FeatureMatrix, name: str) -> FloatArray:
    """A count feature stored as ``log1p`` (``log_chars``, ``log_words``) back as
    whole numbers."""
    return np.rint(np.expm1(features.column(name)))


def relabel(labels: list[Label], reasons: list[list[Reason]], i: int, label: Label,
            rule: str, detail: str) -> None:
    """Give line ``i`` the ``label`` (when it has another) with a ``"context"`` reason
    naming the ``rule`` and, in ``detail``, why."""
    if labels[i] is not label:
        reasons[i].append(Reason("context", rule, 1.0,
                                 f"{labels[i].value} → {label.value}: {detail}"))
        labels[i] = label


def body_runs(labels: Sequence[Label]) -> list[tuple[int, int]]:
    """``[start, end)`` of each run of consecutive BODY lines."""
    return true_runs([label is Label.BODY for label in labels])


def longest_run(runs: list[tuple[int, int]], chars: FloatArray) -> int:
    """Index (into ``runs``) of the run with most characters, the first on a tie."""
    return max(range(len(runs)), key=lambda r: chars[runs[r][0]:runs[r][1]].sum())


def article_runs(features: FeatureMatrix, labels: list[Label], options: Options
                  ) -> tuple[list[tuple[int, int]], int, int] | None:
    """The page's body runs and the indices of its article span's first and last
    run (:func:`article_span`), or None when the page has no single article."""
    runs = body_runs(labels)
    span = article_span(features, runs, options) if runs else None
    return None if span is None else (runs, *span)


def article_lines(features: FeatureMatrix, labels: Sequence[Label], options: Options
                  ) -> tuple[int, int] | None:
    """``[start, end)`` of the page's article: its article span when it has one
    (:func:`article_span`), else its longest run of BODY lines; None without body."""
    runs = body_runs(labels)
    if not runs:
        return None
    span = article_span(features, runs, options)
    if span is None:
        return runs[longest_run(runs, counts(features, "log_chars"))]
    return runs[span[0]][0], runs[span[1]][1]


def article_span(features: FeatureMatrix, runs: list[tuple[int, int]], options: Options
                  ) -> tuple[int, int] | None:
    """Indices (into ``runs``) of the first and last run of the page's article: the
    run with most text, joined with neighbouring runs of prose a few lines away.
    None when no run holds ``article_run_share`` of the body text (a listing)."""
    chars = counts(features, "log_chars")
    main = longest_run(runs, chars)
    if chars[runs[main][0]:runs[main][1]].sum() < options.article_run_share * sum(
            chars[s:e].sum() for s, e in runs):
        return None
    prose = features.prose
    gap = options.article_gap_lines
    first = last = main
    while (last + 1 < len(runs) and runs[last + 1][0] - runs[last][1] <= gap
           and prose[runs[last + 1][0]:runs[last + 1][1]].any()):
        last += 1
    while (first > 0 and runs[first][0] - runs[first - 1][1] <= gap
           and prose[runs[first - 1][0]:runs[first - 1][1]].any()):
        first -= 1
    return first, last

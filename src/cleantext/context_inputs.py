"""The context network's inputs: each line's first-pass log-odds beside those of its
neighbours, its container and the page's runs of body lines (:data:`CONTEXT_NAMES`).

The line model sees each line with only a little context. A second small network
(``context_html``/``context_text`` in ``data/model.json``, run by the score stage)
takes these inputs and gives the final BODY probability. It learns what hand rules
tried to say: a short line between two body paragraphs is body, a lone well-written
line after the end of the article is not.

Imports :mod:`cleantext._compiled`, :mod:`cleantext.feature_columns`,
:mod:`cleantext.features` and :mod:`cleantext.numeric`.
"""

from __future__ import annotations

from typing import cast

import numpy as np
import numpy.typing as npt

from cleantext._compiled import runs_compiled
from cleantext.feature_columns import COL
from cleantext.features import FeatureMatrix
from cleantext.numeric import BoolArray, FloatArray, IntArray, sigmoid

__all__ = ["CONTEXT_NAMES", "context_features"]

CONTEXT_NAMES: tuple[str, ...] = (
    "logit", "prev1", "prev2", "next1", "next2", "window3_mean", "window3_max",
    "window8_mean", "group_mean", "group_size", "body_before", "body_after", "page_body",
    "log_chars", "short", "link_density", "dup_adjacent", "card_run", "title_like", "prose",
    "near_dup_adjacent", "title_run", "card_list", "in_main",
    "run_share", "longest_share", "in_longest", "longest_distance",
)
_EDGE = -6.0  # log-odds given to the lines beyond the page's ends (surely not body)
# A prose line whose first-pass log-odds are above this (P(body) 0.27) joins a body
# line next to it in the runs that the run-shape inputs describe (see _run_shape).
_RUN_LOGIT = -1.0


def _shifted(values: FloatArray, k: int) -> FloatArray:
    """``values`` moved by ``k`` lines (positive: the line ``k`` before), edges padded."""
    out = np.full_like(values, _EDGE)
    if k > 0:
        out[k:] = values[:-k]
    elif k < 0:
        out[:k] = values[-k:]
    else:
        out[:] = values
    return out


def _window(values: FloatArray, half: int) -> tuple[FloatArray, FloatArray]:
    """Mean and max of ``values`` over ``i-half .. i+half`` (edges padded)."""
    if _COMPILED and len(values) > 1:  # the same sums in the same order, from a C loop
        # (one line: numpy sums the stack's single column pairwise, not row by row)
        mean = np.empty(len(values), dtype=np.float64)
        top = np.empty(len(values), dtype=np.float64)
        _window_loop(values, half, mean, top)
        return mean, top
    stack = np.vstack([_shifted(values, k) for k in range(-half, half + 1)])
    return stack.mean(axis=0), stack.max(axis=0)


def _window_loop(values: FloatArray, half: int, mean: FloatArray, top: FloatArray) -> None:
    """:func:`_window` into ``mean`` and ``top``: per line, the padded values of lines
    ``i+half`` down to ``i-half`` added in that order (the rows of the stack, which
    ``mean(axis=0)`` adds one after the other), divided by their count, and their
    maximum. A C loop when compiled (context_inputs.pxd); slow as Python, so only the
    compiled path uses it."""
    count = len(values)
    width = 2 * half + 1
    for i in range(count):
        total = 0.0
        largest = 0.0
        for k in range(-half, half + 1):
            j = i - k
            value = values[j] if 0 <= j < count else _EDGE
            if k == -half:
                total = value
                largest = value
            else:
                total += value
                if value > largest or value != value:  # NaN wins, as in np.max
                    largest = value
        mean[i] = total / width
        top[i] = largest


_COMPILED = runs_compiled(_window_loop)


def context_features(features: FeatureMatrix, logits: FloatArray, is_html: bool
                     ) -> FloatArray:
    """The context network's inputs (:data:`CONTEXT_NAMES`) for every line.

    The run-shape inputs (:func:`_run_shape`) are given to the text-dump network
    only and are 0 for HTML, where link density and class hints already tell the
    article from the teasers around it: with them the HTML network lost 0.006
    bag-of-words F1 on scrapinghub, the text network gained 0.012 there and 0.009
    on wcxb-dev (harness, text dumps).
    """
    n = len(logits)
    col = features.column
    chars = np.expm1(col("log_chars"))
    p = sigmoid(logits)
    mass = chars * p
    total = max(mass.sum(), 1.0)
    before = (np.cumsum(mass) - mass) / total
    groups = features.groups
    # (with weights, bincount gives float64, which numpy's stubs do not say)
    group_sum = cast(FloatArray, np.bincount(groups, weights=logits * chars, minlength=n))
    group_chars = cast(FloatArray, np.bincount(groups, weights=chars, minlength=n))
    group_count = np.bincount(groups, minlength=n)
    short = (chars < 40).astype(np.float64)
    run_share, longest_share, in_longest, distance = _run_shape(
        _first_pass_body(logits, features.prose, short) if not is_html
        else np.zeros(n, dtype=bool),
        chars)
    page_body = total / max(chars.sum(), 1.0)
    if _COMPILED and n > 1:  # the same values written into the matrix by C loops
        out = np.empty((n, len(CONTEXT_NAMES)), dtype=np.float64)
        out[:, _COPIED] = features.values[:, _COPIED_FROM]
        out[:, _RUNS] = np.column_stack((run_share, in_longest, distance))
        out[:, _RUNS[0] + 1] = longest_share
        _context_rows(out, logits, groups, group_sum, group_chars,
                      np.log1p(group_count[groups]), before, mass, total, short, page_body,
                      features.prose.view(np.uint8))
        _window_loop(logits, 3, out[:, 5], out[:, 6])
        _window_loop(logits, 8, out[:, 7], np.empty(n, dtype=np.float64))
        return out
    mean3, max3 = _window(logits, 3)
    mean8, _ = _window(logits, 8)
    return np.column_stack([
        logits, _shifted(logits, 1), _shifted(logits, 2), _shifted(logits, -1),
        _shifted(logits, -2), mean3, max3, mean8,
        group_sum[groups] / np.maximum(group_chars[groups], 1.0),
        np.log1p(group_count[groups]), before, 1.0 - before - mass / total,
        np.full(n, page_body),
        col("log_chars"), short, col("link_density"),
        col("dup_adjacent"), col("card_run"), col("title_like"),
        features.prose.astype(np.float64), col("near_dup_adjacent"), col("title_run"),
        col("card_list"), col("in_main"),
        run_share, np.full(n, longest_share), in_longest, distance,
    ])


def _context_rows(out: FloatArray, logits: FloatArray, groups: IntArray,
                  group_sum: FloatArray, group_chars: FloatArray, group_log: FloatArray,
                  before: FloatArray, mass: FloatArray, total: float, short: FloatArray,
                  page_body: float, prose: npt.NDArray[np.uint8]) -> None:
    """The compiled path's columns of :func:`context_features` that are not copies
    (of features, runs) nor windows: each line's log-odds and its neighbours' (edges
    padded), its group's mean log-odds and log size (``group_log``), the body mass
    before and after it, the page's body share, short and prose flags. The same IEEE
    operations as the column path; a C loop when compiled (context_inputs.pxd)."""
    n = len(logits)
    for i in range(n):
        out[i, 0] = logits[i]
        out[i, 1] = logits[i - 1] if i >= 1 else _EDGE
        out[i, 2] = logits[i - 2] if i >= 2 else _EDGE
        out[i, 3] = logits[i + 1] if i + 1 < n else _EDGE
        out[i, 4] = logits[i + 2] if i + 2 < n else _EDGE
        group = groups[i]
        weight = group_chars[group]
        out[i, 8] = group_sum[group] / (weight if weight >= 1.0 or weight != weight else 1.0)
        out[i, 9] = group_log[i]
        out[i, 10] = before[i]
        out[i, 11] = 1.0 - before[i] - mass[i] / total
        out[i, 12] = page_body
        out[i, 14] = short[i]
        out[i, 19] = 1.0 if prose[i] else 0.0


_COPIED = [CONTEXT_NAMES.index(name) for name in (
    "log_chars", "link_density", "dup_adjacent", "card_run", "title_like",
    "near_dup_adjacent", "title_run", "card_list", "in_main")]
_COPIED_FROM = [COL[CONTEXT_NAMES[k]] for k in _COPIED]
_RUNS = [CONTEXT_NAMES.index(name) for name in ("run_share", "in_longest",
                                                 "longest_distance")]
if (CONTEXT_NAMES[:15] != ("logit", "prev1", "prev2", "next1", "next2", "window3_mean",
                           "window3_max", "window8_mean", "group_mean", "group_size",
                           "body_before", "body_after", "page_body", "log_chars", "short")
        or CONTEXT_NAMES[19] != "prose" or _RUNS != [24, 26, 27]):
    raise RuntimeError("_context_rows writes the columns of CONTEXT_NAMES by position")


def _first_pass_body(logits: FloatArray, prose: BoolArray, short: FloatArray
                     ) -> BoolArray:
    """Lines the line model calls body, with doubtful paragraphs right beside them.

    A paragraph the line model doubts (a page's last paragraph, at its edge) next to
    a body line is read as part of that run, not as the first line away from it; a
    short line there is not (a "What do you think?" prompt after the article).
    """
    body = logits > 0
    near = np.zeros_like(body)
    near[1:] |= body[:-1]
    near[:-1] |= body[1:]
    joined: BoolArray = body | (
        near & prose & (short == 0) & (logits > _RUN_LOGIT))
    return joined


def _run_shape(body: BoolArray, chars: FloatArray
               ) -> tuple[FloatArray, float, FloatArray, FloatArray]:
    """Where each line stands in the page's runs of first-pass body lines.

    Returns, per line, the share of the first-pass body characters in the line's own
    run (0 off a run); the share held by the longest run (one number for the page:
    an article's page has one run that dominates, a listing many of a size); whether
    the line is in that run; and ``log1p`` of its distance in lines from that run.
    They let the context network learn what the article-span rules say by hand: a
    short run of teasers far from a dominant article is not part of it, while on a
    listing the same run is. Without any body line all four are 0.
    """
    n = len(body)
    zeros = np.zeros(n)
    if not body.any():
        return zeros, 0.0, zeros, zeros
    starts = body & ~np.concatenate(([False], body[:-1]))
    run_id = np.cumsum(starts) - 1
    run_chars = np.bincount(run_id[body], weights=chars[body])
    total = max(float(run_chars.sum()), 1.0)
    own = np.where(body, run_chars[np.maximum(run_id, 0)] / total, 0.0)
    longest = int(np.argmax(run_chars))
    members = np.flatnonzero(body & (run_id == longest))
    first, last = int(members[0]), int(members[-1])
    index = np.arange(n)
    distance = np.log1p(np.maximum(first - index, 0) + np.maximum(index - last, 0))
    inside = ((index >= first) & (index <= last)).astype(np.float64)
    return own, float(run_chars[longest]) / total, inside, distance.astype(np.float64)

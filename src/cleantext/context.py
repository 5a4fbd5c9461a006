"""Context stage: decide each line again in the light of its neighbours.

The line model sees each line with only a little context. This stage has two parts:

1. *Learned re-scoring*: a second small network (``context_html``/``context_text``
   in ``data/model.json``) takes the line model's log-odds of the line and of its
   neighbours, the mean over its DOM container, how much of the page's predicted
   body lies before and after it, and a few of its own features, and gives the
   final BODY probability. It learns what hand rules tried to say: a short line
   between two body paragraphs is body, a lone well-written line after the end of
   the article is not. When it flips the line model's decision, the line gets a
   ``"context"`` reason saying by how much.
2. *Structural rules*, applied after it and recorded as reasons:
   - *site repetition*: a line on at least ``Options.site_share`` of the site's
     pages (from a :class:`~cleantext.SiteProfile`) is boilerplate;
   - *teaser cards*: a line printed twice in a row (a related-story card's title)
     starts a card; the card's lines up to its teaser are RELATED as a whole,
     however well written the teaser is; a run of cards between recurring short
     separators (time stamps, "Image" placeholders) that the model did not keep is
     RELATED too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from cleantext.document import Label, Reason
from cleantext.features import FeatureMatrix
from cleantext.options import Options

__all__ = ["CONTEXT_NAMES", "ContextResult", "apply_rules", "context_features"]

FloatArray = npt.NDArray[np.float64]

CONTEXT_NAMES: tuple[str, ...] = (
    "logit", "prev1", "prev2", "next1", "next2", "window3_mean", "window3_max",
    "window8_mean", "group_mean", "group_size", "body_before", "body_after", "page_body",
    "log_chars", "short", "link_density", "dup_adjacent", "card_run", "title_like", "prose",
)
_EDGE = -6.0  # log-odds given to the lines beyond the page's ends (surely not body)


@dataclass(frozen=True, slots=True)
class ContextResult:
    """Per line: the final label and the context reasons that changed or fixed it."""

    labels: tuple[Label, ...]
    reasons: tuple[tuple[Reason, ...], ...]


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
    stack = np.vstack([_shifted(values, k) for k in range(-half, half + 1)])
    return stack.mean(axis=0), stack.max(axis=0)


def context_features(features: FeatureMatrix, logits: FloatArray) -> FloatArray:
    """The context network's inputs (:data:`CONTEXT_NAMES`) for every line."""
    n = len(logits)
    col = features.column
    chars = np.expm1(col("log_chars"))
    p = 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))
    mass = chars * p
    total = max(mass.sum(), 1.0)
    before = (np.cumsum(mass) - mass) / total
    groups = features.groups
    group_sum = np.bincount(groups, weights=logits * chars, minlength=n)
    group_chars = np.bincount(groups, weights=chars, minlength=n)
    group_count = np.bincount(groups, minlength=n)
    mean3, max3 = _window(logits, 3)
    mean8, _ = _window(logits, 8)
    out = np.column_stack([
        logits, _shifted(logits, 1), _shifted(logits, 2), _shifted(logits, -1),
        _shifted(logits, -2), mean3, max3, mean8,
        group_sum[groups] / np.maximum(group_chars[groups], 1.0),
        np.log1p(group_count[groups]), before, 1.0 - before - mass / total,
        np.full(n, total / max(chars.sum(), 1.0)),
        col("log_chars"), (chars < 40).astype(np.float64), col("link_density"),
        col("dup_adjacent"), col("card_run"), col("title_like"),
        features.prose.astype(np.float64),
    ])
    return out


def flip_reasons(first: FloatArray, final: FloatArray, threshold: float
                 ) -> list[tuple[Reason, ...]]:
    """A ``"context"`` reason for every line whose side of ``threshold`` changed."""
    out: list[tuple[Reason, ...]] = []
    for p1, p2 in zip(first.tolist(), final.tolist(), strict=True):
        if (p1 >= threshold) != (p2 >= threshold):
            toward = "body" if p2 >= threshold else "boilerplate"
            out.append((Reason("context", "neighbours", abs(p2 - p1),
                               f"P(body) {p1:.2f} → {p2:.2f}: neighbours say {toward}"),))
        else:
            out.append(())
    return out


def apply_rules(features: FeatureMatrix, initial: list[Label], options: Options
                ) -> ContextResult:
    """The structural rules of the module docstring, in order, with their reasons."""
    labels = list(initial)
    reasons: list[list[Reason]] = [[] for _ in labels]
    _site_repeated(features, labels, reasons, options)
    _teaser_cards(features, labels, reasons)
    _card_runs(features, labels, reasons)
    return ContextResult(tuple(labels), tuple(tuple(r) for r in reasons))


def _set(labels: list[Label], reasons: list[list[Reason]], i: int, label: Label,
         rule: str, detail: str) -> None:
    if labels[i] is not label:
        reasons[i].append(Reason("context", rule, 1.0,
                                 f"{labels[i].value} → {label.value}: {detail}"))
        labels[i] = label


def _site_repeated(features: FeatureMatrix, labels: list[Label],
                   reasons: list[list[Reason]], options: Options) -> None:
    share = features.column("site_share")
    links = features.column("link_density")
    for i in np.flatnonzero(share >= options.site_share).tolist():
        if labels[i] in (Label.BODY, Label.TITLE):
            new = Label.NAVIGATION if links[i] >= 0.5 else (
                Label.RELATED if features.prose[i] else Label.OTHER)
            _set(labels, reasons, i, new, "site_repeated",
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
        # A card: the repeated title, then lines up to the first prose line (the
        # teaser) or the next repeated title, at most a few lines on.
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


def _card_runs(features: FeatureMatrix, labels: list[Label],
               reasons: list[list[Reason]]) -> None:
    card = features.column("card_run") > 0
    for i in np.flatnonzero(card).tolist():
        if labels[i] in (Label.OTHER, Label.NAVIGATION) and features.prose[i]:
            _set(labels, reasons, i, Label.RELATED, "card_run",
                 "a teaser in a run of cards between recurring separators")

"""Score stage: features → each line's BODY probability, its label before the rules,
and the reasons of the networks.

The line network (:class:`~cleantext.model.BodyModel`) scores each line from its own
features; the context network re-scores it from the first scores of its
neighbourhood (:mod:`cleantext.context_inputs`); the category head names the
boilerplate label of a line that is not body. A line is BODY when its final P(body)
reaches ``Options.body_threshold``, else its category.

Each line's model reasons are the features that moved its score most, in log-odds
units (gradient × input: each standardised feature value times the network's local
slope for it, so the reasons of a line add up to roughly its log-odds). When the
context network flips the line model's decision, the line gets a ``"context"``
reason saying by how much. Reasons are computed only when a caller reads the lines.

Imports :mod:`cleantext.context_inputs`, :mod:`cleantext.document`,
:mod:`cleantext.features`, :mod:`cleantext.model`, :mod:`cleantext.numeric`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from cleantext.context_inputs import context_features
from cleantext.document import Label, Reason
from cleantext.features import FeatureMatrix
from cleantext.model import CATEGORY_LABELS, BodyModel, Model, load_model
from cleantext.numeric import FloatArray, matmul, sigmoid

__all__ = ["LineScores", "PageScores", "category_reasons", "context_probabilities",
           "flip_reasons", "model_reasons_rows", "score_lines", "score_page"]


@dataclass(frozen=True, slots=True)
class LineScores:
    """Scores of one page: BODY log-odds and probability, category logits, and the
    line network that gave them (whose :meth:`BodyModel.contributions` of the page's
    feature values are the model reasons, computed only when lines are read)."""

    logits: FloatArray            # (lines,) BODY log-odds
    body: FloatArray              # (lines,) probability 0..1
    category: FloatArray          # (lines, 4) logits, columns as CATEGORY_LABELS
    network: BodyModel            # the line network of the page's mode


def score_lines(features: FeatureMatrix, is_html: bool, model: Model | None = None
                ) -> LineScores:
    """BODY probabilities and category logits for every line of a page."""
    model = model or load_model()
    if features.names != model.names:
        raise RuntimeError("feature names differ from the model's; retrain the model")
    body_model = model.html if is_html else model.text
    x = features.values
    logits = body_model.log_odds(x)
    body = sigmoid(logits)
    category = matmul(x, model.category_coef.T) + model.category_intercept
    return LineScores(logits, body, category, body_model)


def context_probabilities(features: FeatureMatrix, logits: FloatArray, is_html: bool,
                          model: Model) -> FloatArray:
    """Final BODY probabilities from the context network (the line model's own
    probabilities when the model file has no context network)."""
    network = model.context_html if is_html else model.context_text
    if network is None:
        return sigmoid(logits)
    inputs = context_features(features, logits, is_html)
    final_logits = network.log_odds(inputs)
    return sigmoid(final_logits)


@dataclass(frozen=True, slots=True)
class PageScores:
    """The score stage's result for one page: the line network's scores
    (:class:`LineScores`), the final P(body) of every line (after the context
    network), each line's label were it not body (the category head's choice), and
    its label before the rules (BODY from ``body_threshold`` on, else that category)."""

    lines: LineScores
    final: FloatArray
    fallback: tuple[Label, ...]
    labels: tuple[Label, ...]
    model: Model


def score_page(features: FeatureMatrix, is_html: bool, model: Model, threshold: float
               ) -> PageScores:
    """Both networks and the category head over a page; ``threshold`` is
    ``Options.body_threshold``."""
    scores = score_lines(features, is_html, model)
    final = context_probabilities(features, scores.logits, is_html, model)
    best_category = np.argmax(scores.category, axis=1)
    fallback = tuple(CATEGORY_LABELS[c] for c in best_category.tolist())
    labels = tuple(Label.BODY if p >= threshold else other
                   for p, other in zip(final.tolist(), fallback, strict=True))
    return PageScores(scores, final, fallback, labels, model)


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


def model_reasons_rows(names: tuple[str, ...], contributions: FloatArray,
                       toward_body: Sequence[bool], top: int = 4) -> list[tuple[Reason, ...]]:
    """The ``top`` features that moved each line's BODY log-odds most (one row of
    ``contributions`` per line), at least 0.05 each, in one argsort over the whole
    matrix. Weights are signed toward the label the line got: for a body line a
    feature that raised the BODY log-odds is positive; for any other line, one that
    lowered it."""
    order = np.argsort(-np.abs(contributions), axis=1)[:, :top]
    picked = np.take_along_axis(contributions, order, axis=1)
    rows: list[tuple[Reason, ...]] = []
    for columns, values, body in zip(order.tolist(), picked.tolist(), toward_body, strict=True):
        sign = 1.0 if body else -1.0
        rows.append(tuple(
            Reason("model", names[j], sign * v, "raised P(body)" if v > 0 else "lowered P(body)")
            for j, v in zip(columns, values, strict=True) if abs(v) >= 0.05
        ))
    return rows


def category_reasons(model: Model, values: FloatArray, labels: Sequence[Label]
                     ) -> list[Reason | None]:
    """Why each boilerplate line got its category (row ``i`` of ``values`` with
    ``labels[i]``; None for BODY and TITLE lines): the feature that added most to
    it, or ``"default"`` when none added anything. One product and one argmax over
    the lines of each category."""
    result: list[Reason | None] = [None] * len(labels)
    for row, label in enumerate(CATEGORY_LABELS):
        lines = [i for i, line_label in enumerate(labels) if line_label is label]
        if not lines:
            continue
        contributions = values[lines] * model.category_coef[row]
        best = np.argmax(contributions, axis=1)
        picked = np.take_along_axis(contributions, best[:, None], axis=1)[:, 0]
        default = Reason("category", "default", float(model.category_intercept[row]),
                         f"{label.value}: no stronger evidence for another category")
        chose = f"chose {label.value}"
        for i, j, value in zip(lines, best.tolist(), picked.tolist(), strict=True):
            result[i] = default if value <= 0 else Reason("category", model.names[j], value,
                                                          chose)
    return result

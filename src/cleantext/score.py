"""Score stage: features → a body probability and a boilerplate category per line.

The line model is plain data shipped in ``data/model.json`` (never a pickle):

- ``body``: a small neural network (standardised features → one ReLU hidden layer →
  BODY log-odds), one weight set for HTML pages and one for text dumps (a dump has
  no links or tags, so the same feature means something else there). Trained by
  ``training/train.py``; a hidden layer lets link density count differently inside
  and outside the main container, which a linear model cannot.
- ``category``: for lines that are not body, a linear score per boilerplate label
  (NAVIGATION, RELATED, COMMENTS, OTHER) on the raw feature values; the highest wins.

Each line's reasons are the features that moved its score most, in log-odds units
(gradient × input: each standardised feature value times the network's local slope
for it, so the reasons of a line add up to roughly its log-odds).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import numpy.typing as npt

from cleantext.context import context_features
from cleantext.document import Label, Reason
from cleantext.features import FeatureMatrix

__all__ = ["CATEGORY_LABELS", "LineScores", "Model", "context_probabilities", "load_model",
           "score_lines"]

FloatArray = npt.NDArray[np.float64]
CATEGORY_LABELS: tuple[Label, ...] = (Label.NAVIGATION, Label.RELATED, Label.COMMENTS,
                                      Label.OTHER)
MODEL_VERSION = 2


@dataclass(frozen=True, slots=True)
class BodyModel:
    """``p = sigmoid(relu(z @ w1 + b1) @ w2 + b2)`` with ``z = (x - mean) / scale``."""

    mean: FloatArray
    scale: FloatArray
    w1: FloatArray   # (features, hidden)
    b1: FloatArray   # (hidden,)
    w2: FloatArray   # (hidden,)
    b2: float

    def log_odds(self, x: FloatArray) -> FloatArray:
        """BODY log-odds per line (rows of ``x``)."""
        pre = ((x - self.mean) / self.scale) @ self.w1 + self.b1
        out: FloatArray = np.where(pre > 0, pre, 0.0) @ self.w2 + self.b2
        return out

    def contributions(self, x: FloatArray) -> FloatArray:
        """Each feature's gradient × input contribution to each line's log-odds: the
        model reasons. Only a caller who reads the lines needs them, so they are a
        second pass (the same arithmetic as :meth:`log_odds` up to the hidden layer)."""
        z = (x - self.mean) / self.scale
        active = z @ self.w1 + self.b1 > 0
        slope = (active * self.w2) @ self.w1.T     # d logit / d z, per line
        out: FloatArray = z * slope
        return out


@dataclass(frozen=True, slots=True)
class Model:
    """The shipped line model (see the module docstring).

    ``html``/``text`` score each line from its own features; ``context_html`` and
    ``context_text`` re-score it from the first scores of its neighbourhood (see
    :mod:`cleantext.context`).
    """

    names: tuple[str, ...]
    html: BodyModel
    text: BodyModel
    category_coef: FloatArray       # (labels, features), raw feature units
    category_intercept: FloatArray  # (labels,)
    context_names: tuple[str, ...] = ()
    context_html: BodyModel | None = None
    context_text: BodyModel | None = None


@dataclass(frozen=True, slots=True)
class LineScores:
    """Scores of one page: BODY log-odds and probability, category logits, and the
    line network that gave them (whose :meth:`BodyModel.contributions` of the page's
    feature values are the model reasons, computed only when lines are read)."""

    logits: FloatArray            # (lines,) BODY log-odds
    body: FloatArray              # (lines,) probability 0..1
    category: FloatArray          # (lines, 4) logits, columns as CATEGORY_LABELS
    network: BodyModel            # the line network of the page's mode


def _array(values: object) -> FloatArray:
    array = np.asarray(values, dtype=np.float64)
    array.setflags(write=False)
    return array


def read_body_model(data: dict[str, object]) -> BodyModel:
    """One network from its ``model.json`` entry (mean, scale, w1, b1, w2, b2)."""
    return BodyModel(_array(data["mean"]), _array(data["scale"]), _array(data["w1"]),
                     _array(data["b1"]), _array(data["w2"]),
                     float(data["b2"]))  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The model shipped in the package (read once; the result is immutable)."""
    raw = resources.files("cleantext").joinpath("data/model.json").read_text("utf-8")
    data = json.loads(raw)
    if data.get("version") != MODEL_VERSION:
        raise RuntimeError(f"model.json has version {data.get('version')}, "
                           f"this code reads {MODEL_VERSION}")
    category = data["category"]
    if tuple(category["labels"]) != tuple(label.value for label in CATEGORY_LABELS):
        raise RuntimeError("model.json category labels do not match the code")
    context = data.get("context")
    return Model(tuple(data["feature_names"]), read_body_model(data["html"]),
                 read_body_model(data["text"]), _array(category["coef"]),
                 _array(category["intercept"]),
                 tuple(context["feature_names"]) if context else (),
                 read_body_model(context["html"]) if context else None,
                 read_body_model(context["text"]) if context else None)


def score_lines(features: FeatureMatrix, is_html: bool, model: Model | None = None
                ) -> LineScores:
    """BODY probabilities and category logits for every line of a page."""
    model = model or load_model()
    if features.names != model.names:
        raise RuntimeError("feature names differ from the model's; retrain the model")
    body_model = model.html if is_html else model.text
    x = features.values
    logits = body_model.log_odds(x)
    body = 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))
    category = x @ model.category_coef.T + model.category_intercept
    return LineScores(logits, body, category, body_model)


def context_probabilities(features: FeatureMatrix, logits: FloatArray, is_html: bool,
                          model: Model) -> FloatArray:
    """Final BODY probabilities from the context network (the line model's own
    probabilities when the model file has no context network)."""
    network = model.context_html if is_html else model.context_text
    if network is None:
        return 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))
    inputs = context_features(features, logits, is_html)
    final_logits = network.log_odds(inputs)
    probabilities: FloatArray = 1.0 / (1.0 + np.exp(-np.clip(final_logits, -30, 30)))
    return probabilities


def category_reason(model: Model, x: FloatArray, label: Label) -> Reason | None:
    """Why a boilerplate line got its category: the feature that added most to it."""
    if label not in CATEGORY_LABELS:
        return None
    row = CATEGORY_LABELS.index(label)
    contributions = x * model.category_coef[row]
    j = int(np.argmax(contributions))
    if contributions[j] <= 0:
        return Reason("category", "default", float(model.category_intercept[row]),
                      f"{label.value}: no stronger evidence for another category")
    return Reason("category", model.names[j], float(contributions[j]),
                  f"chose {label.value}")


def model_reasons(names: tuple[str, ...], contributions: FloatArray, toward_body: bool,
                  top: int = 4) -> tuple[Reason, ...]:
    """The ``top`` features that moved one line's BODY log-odds most.

    Weights are signed toward the label the line got: for a body line a feature that
    raised the BODY log-odds is positive; for any other line, one that lowered it.
    """
    sign = 1.0 if toward_body else -1.0
    order = np.argsort(-np.abs(contributions))[:top]
    return tuple(
        Reason("model", names[j], float(sign * contributions[j]),
               "raised P(body)" if contributions[j] > 0 else "lowered P(body)")
        for j in order if abs(contributions[j]) >= 0.05
    )


def model_reasons_rows(names: tuple[str, ...], contributions: FloatArray,
                       toward_body: Sequence[bool], top: int = 4) -> list[tuple[Reason, ...]]:
    """:func:`model_reasons` for every line of a page (one row of ``contributions``
    each): one argsort over the whole matrix instead of one numpy call per line."""
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
    """:func:`category_reason` for every line of a page (row ``i`` of ``values`` with
    ``labels[i]``): one product and one argmax over the lines of each category
    instead of a few numpy calls per line. The products and the picked maxima are
    the same floats as the per-line function gives."""
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

"""The shipped line model: plain data in ``data/model.json`` (never a pickle).

- ``body``: a small neural network (standardised features → one ReLU hidden layer →
  BODY log-odds), one weight set for HTML pages and one for text dumps (a dump has
  no links or tags, so the same feature means something else there). Trained by
  ``training/train.py``; a hidden layer lets link density count differently inside
  and outside the main container, which a linear model cannot.
- ``category``: for lines that are not body, a linear score per boilerplate label
  (NAVIGATION, RELATED, COMMENTS, OTHER) on the raw feature values; the highest wins.
- ``context``: the context networks (same shape as ``body``) that re-score each line
  from the first scores of its neighbourhood (:mod:`cleantext.context_inputs`).

Imports :mod:`cleantext.document` (labels) and :mod:`cleantext.numeric`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from cleantext.document import Label
from cleantext.numeric import FloatArray, matmul

__all__ = ["CATEGORY_LABELS", "BodyModel", "Model", "load_model", "read_body_model"]

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
        pre = matmul((x - self.mean) / self.scale, self.w1) + self.b1
        out: FloatArray = matmul(np.where(pre > 0, pre, 0.0), self.w2) + self.b2
        return out

    def contributions(self, x: FloatArray) -> FloatArray:
        """Each feature's gradient × input contribution to each line's log-odds: the
        model reasons. Only a caller who reads the lines needs them, so they are a
        second pass (the same arithmetic as :meth:`log_odds` up to the hidden layer)."""
        z = (x - self.mean) / self.scale
        active = matmul(z, self.w1) + self.b1 > 0
        slope = matmul(active * self.w2, self.w1.T)     # d logit / d z, per line
        out: FloatArray = z * slope
        return out


@dataclass(frozen=True, slots=True)
class Model:
    """The shipped line model (see the module docstring).

    ``html``/``text`` score each line from its own features; ``context_html`` and
    ``context_text`` re-score it from the first scores of its neighbourhood (see
    :mod:`cleantext.context_inputs`).
    """

    names: tuple[str, ...]
    html: BodyModel
    text: BodyModel
    category_coef: FloatArray       # (labels, features), raw feature units
    category_intercept: FloatArray  # (labels,)
    context_names: tuple[str, ...] = ()
    context_html: BodyModel | None = None
    context_text: BodyModel | None = None


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

"""Array aliases and small numeric helpers that several stages share.

Imports nothing of the package: any stage may use it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

__all__ = ["BoolArray", "FloatArray", "IntArray", "sigmoid", "true_runs"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]

# Log-odds are clipped to ±30 before exp: P(body) is then within 1e-13 of 0 or 1,
# and exp never overflows.
_LOGIT_CLIP = 30


def sigmoid(logits: FloatArray) -> FloatArray:
    """Probabilities (0..1) from log-odds, element-wise."""
    out: FloatArray = 1.0 / (1.0 + np.exp(-np.clip(logits, -_LOGIT_CLIP, _LOGIT_CLIP)))
    return out


def true_runs(flags: Sequence[bool] | BoolArray) -> list[tuple[int, int]]:
    """``[start, end)`` of each run of consecutive true ``flags``, in order."""
    runs: list[tuple[int, int]] = []
    start = -1
    for i, flag in enumerate(flags):
        if flag and start < 0:
            start = i
        elif not flag and start >= 0:
            runs.append((start, i))
            start = -1
    if start >= 0:
        runs.append((start, len(flags)))
    return runs

"""Array aliases and small numeric helpers that several stages share.

Imports nothing of the package: any stage may use it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

__all__ = ["BoolArray", "FloatArray", "IntArray", "matmul", "sigmoid", "true_runs"]

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


# OpenBLAS runs a matrix product on several threads once m·n·k reaches
# SMP_THRESHOLD_MIN × GEMM_MULTITHREAD_THRESHOLD = 65,536 × 4 (a matrix-vector product
# once m·n reaches 2,304 × 4), its compile-time defaults, which numpy's wheels keep.
# The worker threads then spin on a CPU for a while after every product: on a 2-core
# machine that doubled the CPU time of a page for no gain in wall time (docs/speed.md).
# :func:`matmul` cuts the rows into blocks strictly below these sizes, so no product
# of ours ever wakes a BLAS thread, whatever the environment says.
_GEMM_SERIAL_MAX = 65_536 * 4 - 1
_GEMV_SERIAL_MAX = 2_304 * 4 - 1


def matmul(a: FloatArray, b: FloatArray) -> FloatArray:
    """``a @ b`` for a 2-D ``a`` (rows × k) and a 1-D or 2-D ``b``, computed in row
    blocks small enough that OpenBLAS runs each on the calling thread. Each output
    row is the same dot products in the same order as one ``a @ b``; the blocks only
    decide which thread computes it (identical bits: ``benchmarks/same_output.py``)."""
    width = 1 if b.ndim == 1 else int(b.shape[1])
    limit = _GEMV_SERIAL_MAX if b.ndim == 1 else _GEMM_SERIAL_MAX
    rows = max(1, limit // max(1, int(a.shape[1]) * width))
    if a.shape[0] <= rows:
        small: FloatArray = a @ b
        return small
    out: FloatArray = np.empty((a.shape[0], *b.shape[1:]), dtype=np.result_type(a, b))
    for start in range(0, a.shape[0], rows):
        np.matmul(a[start:start + rows], b, out=out[start:start + rows])
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

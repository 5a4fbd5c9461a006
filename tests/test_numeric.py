"""The shared numeric helpers (numeric.py)."""

from __future__ import annotations

import numpy as np
import pytest

from cleantext.numeric import sigmoid, true_runs


def test_true_runs_finds_every_run_with_its_end_excluded() -> None:
    assert true_runs([True, True, False, True, False, False, True]) == [(0, 2), (3, 4), (6, 7)]
    assert true_runs([False, False]) == []
    assert true_runs([]) == []
    assert true_runs(np.array([True, True, True])) == [(0, 3)]


def test_sigmoid_is_clipped_and_symmetric() -> None:
    p = sigmoid(np.array([-1000.0, -2.0, 0.0, 2.0, 1000.0]))
    assert p[2] == 0.5
    assert p[1] + p[3] == pytest.approx(1.0, abs=1e-15)
    assert 0.0 < p[0] < 1e-12 and 1.0 - 1e-12 < p[4] <= 1.0

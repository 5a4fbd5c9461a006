"""The training script's network averaging (training/train.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training"))

from train import average_networks

from cleantext.model import BodyModel


def _network(rng: np.random.Generator, mean: np.ndarray, scale: np.ndarray,
             hidden: int) -> BodyModel:
    f = len(mean)
    return BodyModel(mean, scale, rng.normal(size=(f, hidden)), rng.normal(size=hidden),
                     rng.normal(size=hidden), float(rng.normal()))


def test_averaged_network_gives_the_mean_of_the_members_log_odds() -> None:
    rng = np.random.default_rng(1)
    mean, scale = rng.normal(size=5), rng.uniform(0.5, 2.0, size=5)
    members = [_network(rng, mean, scale, 4) for _ in range(3)]
    x = rng.normal(size=(20, 5))
    wide = average_networks(members)
    assert wide.w1.shape == (5, 12)
    expected = np.mean([m.log_odds(x) for m in members], axis=0)
    np.testing.assert_allclose(wide.log_odds(x), expected, rtol=1e-12, atol=1e-12)
    # Gradient × input reasons average the same way.
    np.testing.assert_allclose(wide.contributions(x),
                               np.mean([m.contributions(x) for m in members], axis=0),
                               atol=1e-12)


def test_one_network_is_returned_as_it_is() -> None:
    rng = np.random.default_rng(2)
    single = _network(rng, np.zeros(3), np.ones(3), 2)
    assert average_networks([single]) is single


def test_networks_with_other_standardisation_are_refused() -> None:
    rng = np.random.default_rng(3)
    a = _network(rng, np.zeros(3), np.ones(3), 2)
    b = _network(rng, np.ones(3), np.ones(3), 2)
    with pytest.raises(ValueError, match="standardisation"):
        average_networks([a, b])

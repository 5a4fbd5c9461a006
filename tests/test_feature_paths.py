"""The feature stage's compiled loops (features_dom, features_page) against the Python
path they replace, on real pages: bit-identical matrices on both paths of the build."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest

from cleantext import features_dom, features_page
from cleantext.features import compute_features
from cleantext.options import Options
from cleantext.segment import segment_html

PAGES = sorted((Path(__file__).parent / "fixtures" / "sample" / "html").glob("*.html.gz"))


@pytest.mark.parametrize("path", PAGES[:8], ids=lambda p: p.name)
def test_compiled_loops_give_the_python_paths_matrix(path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        seg = segment_html(handle.read(), Options())
    title = seg.title or "News of the day"
    results = []
    for compiled in (True, False):
        monkeypatch.setattr(features_dom, "_COMPILED", compiled)
        monkeypatch.setattr(features_page, "_COMPILED", compiled)
        results.append(compute_features(seg, title=title))
    loops, lists = results
    assert loops.values.tobytes() == lists.values.tobytes()
    assert loops.groups.tolist() == lists.groups.tolist()
    assert np.count_nonzero(loops.values) > 0


def test_distance_to_true_loop_and_numpy_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(5)
    for n, share in ((1, 0.5), (7, 0.0), (40, 0.1), (200, 0.4), (3, 1.0)):
        flags = rng.random(n) < share
        results = []
        for compiled in (True, False):
            monkeypatch.setattr(features_page, "_COMPILED", compiled)
            results.append(features_page._distance_to_true(flags).tolist())
        assert results[0] == results[1]

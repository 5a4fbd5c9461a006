"""Accuracy gate: F1 must not drop below the floors pinned in ``accuracy_floors.json``.

The bundled sample (tests/fixtures/sample) and the seeds are always checked. The
shared benchmark sets are checked when ``../shared/bench`` sits beside the repo (as on
CI); in a user's clone without it those cases skip and say why. A name ending in
``--text-mode`` is its set with each HTML page turned into a text dump first
(``benchmarks/textdump.py``), as ``benchmarks/evaluate.py --text-mode`` does.
"""

from __future__ import annotations

import gzip
import json
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from benchmarks.metrics import bag_of_words, mean_prf, with_without

HERE = Path(__file__).parent
FLOORS: dict[str, dict[str, float]] = {
    k: v for k, v in json.loads((HERE / "accuracy_floors.json").read_text()).items()
    if not k.startswith("_")
}
SHARED = HERE.parent.parent / "shared" / "bench"
FOLDERS = {"sample": HERE / "fixtures" / "sample", "seeds": HERE / "fixtures" / "seeds"}


TEXT_MODE = "--text-mode"


def _folder(name: str) -> Path:
    name = name.removesuffix(TEXT_MODE)
    return FOLDERS.get(name, SHARED / name)


def _score_case(args: tuple[str, dict[str, Any], bool]
                ) -> tuple[float | None, tuple[int, int, int]]:
    """BoW F1 of one case (None without gold body) and its with/without counts."""
    import cleantext
    from benchmarks.metrics import bag_of_words as bow
    from benchmarks.textdump import html_to_text

    folder, case, text_mode = Path(args[0]), args[1], args[2]
    html = folder / "html" / f"{case['id']}.html.gz"
    if html.exists():
        with gzip.open(html, "rt", encoding="utf-8") as handle:
            page = handle.read()
        doc = cleantext.extract_text(html_to_text(page)) if text_mode else cleantext.extract(page)
    else:
        doc = cleantext.extract_text((folder / "text" / f"{case['id']}.txt").read_text("utf-8"))
    f1 = bow(doc.text, case["body"]).f1 if case.get("body") else None
    ww = with_without(doc.text, case.get("with") or [], case.get("without") or [])
    return f1, (ww.found, ww.missed, ww.leaked)


def measure(folder: Path, text_mode: bool = False) -> dict[str, float]:
    """Mean BoW F1 over cases with a body; micro with/without F1 over the rest."""
    with open(folder / "cases.jsonl", encoding="utf-8") as handle:
        cases = [json.loads(line) for line in handle]
    jobs = [(str(folder), case, text_mode) for case in cases]
    if len(jobs) > 40:
        with ProcessPoolExecutor(2) as pool:
            results = list(pool.map(_score_case, jobs, chunksize=16))
    else:
        results = [_score_case(job) for job in jobs]
    f1s = [f for f, _ in results if f is not None]
    tp = sum(c[0] for _, c in results)
    fn = sum(c[1] for _, c in results)
    fp = sum(c[2] for _, c in results)
    out = {"with_without_f1": 2 * tp / max(2 * tp + fn + fp, 1)}
    if f1s:
        out["bow_f1"] = sum(f1s) / len(f1s)
    return out


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_f1_not_below_floor(name: str) -> None:
    folder = _folder(name)
    if not (folder / "cases.jsonl").exists():
        pytest.skip(f"{folder} is absent (shared benchmark sets are not in a user's clone)")
    measured = measure(folder, name.endswith(TEXT_MODE))
    for metric, floor in FLOORS[name].items():
        assert measured[metric] >= floor, (
            f"{name}: {metric} {measured[metric]:.4f} fell below the floor {floor:.4f}")


def test_metric_helpers_agree() -> None:
    """The gate's metric is the harness's: a perfect output scores 1, a disjoint 0."""
    assert bag_of_words("a b c", "a b c").f1 == 1.0
    assert bag_of_words("x y", "a b").f1 == 0.0
    assert mean_prf([bag_of_words("a", "a")]) is not None

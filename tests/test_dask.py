"""The Dask example (examples/dask_profile.py) gives exactly the single-process result."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

pytest.importorskip("dask", reason="the Dask example needs the optional extra 'dask'")
pytest.importorskip("dask.bag", reason="the Dask example needs 'dask[bag]'")

from cleantext.batch import extract_many

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "dask_profile.py"


@pytest.fixture(scope="module")
def example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dask_profile", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("npartitions", [1, 3, 10])
def test_dask_run_equals_extract_many(example: ModuleType, npartitions: int) -> None:
    # 3 sites x 6 pages plus one page of a fourth site: a site without a profile too
    pages = [*example.demo_pages(3, 6, seed=1), ("https://lone.example/p", "<p>alone</p>")]
    expected = [(url, doc.text) for (url, _), doc in
                zip(pages, extract_many(pages, by_site=True, kind="html"), strict=True)]
    assert example.run(pages, npartitions) == expected


def test_tree_reduction_merges_profiles_exactly(example: ModuleType) -> None:
    pages = example.demo_pages(2, 12, seed=2)
    one_pass = example.partition_profiles(pages)
    partials = [example.partition_profiles(pages[i:i + 5]) for i in range(0, len(pages), 5)]
    merged = example.merge_profiles([example.merge_profiles(partials[:2]),
                                     example.merge_profiles(partials[2:])])
    assert merged == one_pass
    assert {s: p.to_bytes() for s, p in merged.items()} == {
        s: p.to_bytes() for s, p in one_pass.items()}
    assert sorted(merged) == ["site0.example", "site1.example"]
    assert all(p.pages == 12 for p in merged.values())

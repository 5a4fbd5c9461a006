"""Golden cases: the library's labels for twelve pages, stored in ``tests/golden``.

A failure here is not necessarily a bug: a retrained model or a changed rule moves
labels. The message lists the lines whose label changed; if the changes are wanted,
run ``python tests/golden/regenerate.py`` and review ``git diff tests/golden``.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

GOLDEN = Path(__file__).parent / "golden"


def _load_regenerate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("golden_regenerate", GOLDEN / "regenerate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REGEN = _load_regenerate()
CASES: list[Path] = REGEN.case_dirs()
HOW_TO_UPDATE = ("If these changes are intended, run `python tests/golden/regenerate.py "
                 "{name}` and review `git diff tests/golden/{name}` before committing.")


def test_twelve_cases_with_sources_documented() -> None:
    assert len(CASES) == 12
    readme = (GOLDEN / "README.md").read_text(encoding="utf-8")
    undocumented = [case.name for case in CASES if f"`{case.name}`" not in readme]
    assert not undocumented, f"add source and licence to tests/golden/README.md: {undocumented}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_case(case: Path) -> None:
    expected = REGEN.load_expected(case)
    if expected is None:
        pytest.fail(f"{case.name} has no expected.json. " + HOW_TO_UPDATE.format(name=case.name))
    actual = REGEN.run_case(case)
    if actual != expected:
        changes = REGEN.describe_changes(expected, actual)
        message = "\n".join([f"{case.name}: {len(changes)} change(s) from the golden file:",
                             *(f"  {c}" for c in changes),
                             HOW_TO_UPDATE.format(name=case.name)])
        pytest.fail(message, pytrace=False)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_file_is_consistent(case: Path) -> None:
    """The stored file agrees with itself: text = BODY lines, indices in order."""
    expected = REGEN.load_expected(case)
    if expected is None:
        pytest.skip("no expected.json yet (test_golden_case reports it)")
    lines = expected["lines"]
    assert [row["index"] for row in lines] == list(range(len(lines)))
    assert expected["text"] == "\n".join(r["text"] for r in lines if r["label"] == "body")
    assert expected["input"] == REGEN.input_file(case).name
    # The stored form is what dumps() writes, so regenerating an unchanged case is a no-op.
    raw = (case / REGEN.EXPECTED).read_text(encoding="utf-8")
    assert raw == REGEN.dumps(expected)
    assert json.loads(raw) == expected


def test_describe_changes_names_label_flips_and_new_lines() -> None:
    old = {"title": "A", "text": "", "lines": [
        {"index": 0, "label": "body", "text": "kept"},
        {"index": 1, "label": "other", "text": "dropped"},
        {"index": 2, "label": "navigation", "text": "menu"}]}
    new = {"title": "B", "text": "", "lines": [
        {"index": 0, "label": "related", "text": "kept"},
        {"index": 1, "label": "navigation", "text": "menu"},
        {"index": 2, "label": "body", "text": "added"}]}
    assert REGEN.describe_changes(old, new) == [
        "title: 'A' → 'B'",
        "line 0: body → related: kept",
        "line gone (was other): dropped",
        "line 2 new (body): added",
    ]
    assert REGEN.describe_changes(old, old) == []

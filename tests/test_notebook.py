"""docs/notebook.ipynb runs top to bottom and what it displays renders.

No Jupyter needed: the code cells are executed in order in one namespace from the
``docs/`` folder (where the notebook says to run it). As in Jupyter, a cell whose last
statement is an expression displays that value; each displayed value must render
(``_repr_html_`` to parseable HTML, anything else to a non-empty repr).
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from cleantext.document import Document

DOCS = Path(__file__).resolve().parents[1] / "docs"
NOTEBOOK = DOCS / "notebook.ipynb"


def code_cells() -> list[str]:
    """Source of every code cell, in order."""
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert notebook["nbformat"] == 4
    return ["".join(cell["source"]) for cell in notebook["cells"]
            if cell["cell_type"] == "code"]


def run_cell(source: str, namespace: dict[str, Any]) -> tuple[Any, str]:
    """Execute one cell; return its displayed value (or None) and what it printed."""
    tree = ast.parse(source)
    last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    if last is not None:
        tree.body.pop()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(tree, "<cell>", "exec"), namespace)
        shown = eval(compile(ast.Expression(last.value), "<cell>", "eval"),
                     namespace) if last is not None else None
    return shown, out.getvalue()


def test_notebook_is_stored_without_outputs() -> None:
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


def test_notebook_runs_and_its_displays_render(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DOCS)
    namespace: dict[str, Any] = {"__name__": "__notebook__"}
    shown: list[Any] = []
    printed: list[str] = []
    for source in code_cells():
        value, text = run_cell(source, namespace)
        printed.append(text)
        if value is not None:
            shown.append(value)
    assert shown, "the notebook displays nothing"
    for value in shown:
        if hasattr(value, "_repr_html_"):
            assert lxml.html.fromstring(value._repr_html_()) is not None
        else:
            assert repr(value)
    docs = [value for value in shown if isinstance(value, Document)]
    assert docs, "the notebook never displays a Document"
    root = lxml.html.fromstring(docs[0]._repr_html_())
    assert len(root.xpath("//li[@data-line]")) == len(docs[0].lines) > 0
    assert sum(1 for text in printed if text.strip()) >= 3
    assert "open file://" in printed[-1]

"""The pipeline reads in one direction: each module of the core imports only modules
listed before it (counting imports inside functions; TYPE_CHECKING-only imports of
later modules are allowed, they never run)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "cleantext"

# Shared helpers first, then the stages in pipeline order (see docs/architecture.md).
ORDER = (
    "errors", "options", "numeric", "textutil", "document", "decode",
    "blocks", "html_tags", "html_walker", "segment",
    "feature_columns", "features_text", "features_page", "features_dom", "features",
    "model", "context_inputs", "score",
    "rules_common", "rules_cards", "rules_article", "rules_comments", "rules",
    "title", "explain", "assemble", "pipeline",
)
# Modules a core module may name for types only (under TYPE_CHECKING).
TYPES_ONLY = {"profile", "render"}


def _imports(path: Path) -> tuple[set[str], set[str]]:
    """Package modules that ``path`` imports at run time, and under TYPE_CHECKING."""
    tree = ast.parse(path.read_text("utf-8"))
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    run, types = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("cleantext"):
            parts = (node.module or "").split(".")
            names = parts[1:2] or [alias.name for alias in node.names]
            (types if id(node) in typing_only else run).update(names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("cleantext."):
                    run.add(alias.name.split(".")[1])
    return run, types


@pytest.mark.parametrize("module", ORDER)
def test_core_module_imports_only_earlier_ones(module: str) -> None:
    run, types = _imports(SRC / f"{module}.py")
    earlier = set(ORDER[:ORDER.index(module)])
    later_or_unknown = run - earlier
    if module == "document":
        later_or_unknown -= {"render"}  # owned elsewhere: Document.html renders lazily
    assert not later_or_unknown, f"{module} imports {sorted(later_or_unknown)}"
    assert types <= earlier | TYPES_ONLY


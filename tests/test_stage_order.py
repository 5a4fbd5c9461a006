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
    "_compiled",
    "errors", "option_fields", "options", "numeric", "textutil", "dates", "byline", "metatitle",
    "jsonld", "metakeys", "metadata", "linekind", "line", "htmlview", "markup_inline", "markup",
    "document",
    "decode",
    "blocks", "html_tags", "html_shape", "html_head", "html_walker", "segment_dump", "segment",
    "feature_columns", "features_text", "features_page", "features_dom", "features",
    "model", "context_inputs", "score",
    "rules_common", "rules_cards", "rules_article", "rules_comments", "rules_floor", "rules_tables",
    "rules_headings", "rules",
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
    assert not later_or_unknown, f"{module} imports {sorted(later_or_unknown)}"
    assert types <= earlier | TYPES_ONLY



def _package_graph() -> dict[str, set[str]]:
    """Every module of the package (``cli.run`` for the cli package's) → the package
    modules it imports at run time, inside functions included."""
    graph: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        name = ".".join(path.relative_to(SRC).with_suffix("").parts)
        name = name.removesuffix(".__init__")
        tree = ast.parse(path.read_text("utf-8"))
        typing_only: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                typing_only.update(id(n) for stmt in node.body for n in ast.walk(stmt))
        found: set[str] = set()
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 \
                    and node.module.startswith("cleantext"):
                found.add(node.module.removeprefix("cleantext").lstrip(".") or "__init__")
            elif isinstance(node, ast.ImportFrom) and node.level > 0:
                base = name.split(".")[:-node.level] if node.level else []
                found.add(".".join([*base, *(node.module or "").split(".")]).strip("."))
        graph[name] = {m for m in found if m != name}
    return graph


def test_no_import_cycle_in_the_package() -> None:
    """No cycle among all of src/cleantext's modules, imports inside functions counted
    (the package's own ``__init__``, which only re-exports, left out)."""
    graph = {k: v - {"__init__", ""} for k, v in _package_graph().items() if k != "__init__"}
    assert len(graph) > 30
    state: dict[str, int] = {}
    for start in graph:
        stack = [(start, iter(sorted(graph.get(start, ()))))]
        state.setdefault(start, 1)
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                path = [n for n, _ in stack]
                raise AssertionError("import cycle: " + " -> ".join(
                    [*path[path.index(child):], child]) if child in path else child)
            elif child not in state and child in graph:
                state[child] = 1
                stack.append((child, iter(sorted(graph[child]))))

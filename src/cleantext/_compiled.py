"""Which modules run compiled, and the switch that forces pure Python.

``pip install`` compiles the hot modules listed in :data:`COMPILABLE` with Cython
(pure-Python mode: the same ``.py`` files, C types from the ``.pxd`` files beside
them; see ``setup.py``). The extension module ``<name>.cpython-*.so`` then sits beside
``<name>.py`` and Python's import system prefers it. When no compiler was available
the install keeps only the ``.py`` files, with the same output.

Setting the environment variable ``CLEANTEXT_PURE_PYTHON=1`` before ``cleantext`` is
first imported puts a finder in front of ``sys.meta_path`` that loads those modules
from their ``.py`` source even when the extension modules exist: the test suite runs
on both paths that way (``.ci/run``). Importing this module installs the finder;
``cleantext/__init__.py`` imports it before anything else.

Imports nothing of the package.
"""

from __future__ import annotations

import ast
import importlib
import importlib.machinery
import importlib.util
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from types import FunctionType, ModuleType

__all__ = ["COMPILABLE", "PURE_PYTHON_ENV", "compiled_modules", "env_flag",
           "pure_python_forced", "runs_compiled", "undeclared_attributes"]

PURE_PYTHON_ENV = "CLEANTEXT_PURE_PYTHON"

# The modules setup.py compiles: the per-element walk, the per-line feature passes,
# the score stage's inputs and the context rules (their per-line and per-element
# loops: the recall floor's container walks), where docs/speed.md's per-stage profile
# puts the time.
COMPILABLE: tuple[str, ...] = (
    "textutil", "blocks", "html_tags", "html_shape", "html_head", "html_walker",
    "segment_dump", "segment",
    "feature_columns", "features_text", "features_page", "features_dom", "features",
    "context_inputs", "score",
    "rules_common", "rules_floor", "rules_cards", "rules_article", "rules_comments", "rules",
)

_PACKAGE_DIR = Path(__file__).resolve().parent


def env_flag(name: str) -> bool:
    """True when the environment variable ``name`` is set to anything but empty or
    ``0``: one reading for every switch (this one, and setup.py's build switches)."""
    return os.environ.get(name, "").strip() not in ("", "0")


def pure_python_forced() -> bool:
    """True when ``CLEANTEXT_PURE_PYTHON`` is set (:func:`env_flag`)."""
    return env_flag(PURE_PYTHON_ENV)


class _SourceFirstFinder:
    """Finds ``cleantext.<name>`` for the compilable names in its ``.py`` file, so an
    extension module of the same name beside it is never loaded."""

    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        package, _, name = fullname.partition(".")
        if package != "cleantext" or name not in COMPILABLE:
            return None
        source = _PACKAGE_DIR / f"{name}.py"
        if not source.is_file():
            return None
        return importlib.util.spec_from_file_location(fullname, source)


def _install() -> None:
    if pure_python_forced() and not any(isinstance(f, _SourceFirstFinder)
                                        for f in sys.meta_path):
        sys.meta_path.insert(0, _SourceFirstFinder())


def runs_compiled(function: object) -> bool:
    """True when ``function`` (one of its own module's functions, passed by that module)
    was compiled: Cython makes it a ``cyfunction``, not a Python function. A module
    that keeps a C loop beside its reference Python code asks this once, at import,
    to choose the loop only where it pays."""
    return not isinstance(function, FunctionType)


def compiled_modules() -> tuple[str, ...]:
    """The names in :data:`COMPILABLE` whose loaded module is an extension module
    (empty: everything runs as pure Python)."""
    found = []
    for name in COMPILABLE:
        module = importlib.import_module(f"cleantext.{name}")
        origin = getattr(module, "__file__", None) or ""
        if origin.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)):
            found.append(name)
    return tuple(found)


_PXD_CLASS = re.compile(r"^cdef class (\w+)\b.*:\s*$")
_PXD_ATTRIBUTE = re.compile(r"^\s+cdef\s+(?:public\s+|readonly\s+)?[\w.]+\s+(\w+)\s*$")


def _declared(pxd: str) -> dict[str, set[str]]:
    """Per ``cdef class`` of a .pxd file's text, the attribute names it declares."""
    found: dict[str, set[str]] = {}
    current: set[str] | None = None
    for line in pxd.splitlines():
        head = _PXD_CLASS.match(line)
        if head:
            current = found.setdefault(head.group(1), set())
        elif line and not line[0].isspace() and not line.startswith("#"):
            current = None
        elif current is not None:
            attribute = _PXD_ATTRIBUTE.match(line)
            if attribute:
                current.add(attribute.group(1))
    return found


def undeclared_attributes(name: str, package_dir: Path = _PACKAGE_DIR) -> tuple[str, ...]:
    """``Class.attribute`` for every ``self.attribute`` the methods of a class in
    ``<name>.py`` assign but ``<name>.pxd`` does not declare for its ``cdef class``.

    Cython compiles such a module without complaint, and the extension type then raises
    AttributeError at run time (it has no ``__dict__``); setup.py leaves a module with
    any undeclared attribute pure Python. Empty when there is no .pxd file."""
    pxd = package_dir / f"{name}.pxd"
    if not pxd.is_file():
        return ()
    declared = _declared(pxd.read_text("utf-8"))
    tree = ast.parse((package_dir / f"{name}.py").read_text("utf-8"))
    missing: set[str] = set()
    for node in tree.body:
        if not isinstance(node, ast.ClassDef) or node.name not in declared:
            continue
        for inner in ast.walk(node):
            if (isinstance(inner, ast.Attribute) and isinstance(inner.ctx, ast.Store)
                    and isinstance(inner.value, ast.Name) and inner.value.id == "self"
                    and inner.attr not in declared[node.name]):
                missing.add(f"{node.name}.{inner.attr}")
    return tuple(sorted(missing))


_install()

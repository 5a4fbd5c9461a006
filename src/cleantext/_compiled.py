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

import importlib
import importlib.machinery
import importlib.util
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

__all__ = ["COMPILABLE", "PURE_PYTHON_ENV", "compiled_modules", "pure_python_forced"]

PURE_PYTHON_ENV = "CLEANTEXT_PURE_PYTHON"

# The modules setup.py compiles: the per-element walk, the per-line feature passes
# and the score stage's inputs, where docs/speed.md's per-stage profile puts the time.
COMPILABLE: tuple[str, ...] = (
    "textutil", "blocks", "html_tags", "html_shape", "html_head", "html_walker",
    "segment_dump", "segment",
    "feature_columns", "features_text", "features_page", "features_dom", "features",
    "context_inputs", "score",
)

_PACKAGE_DIR = Path(__file__).resolve().parent


def pure_python_forced() -> bool:
    """True when ``CLEANTEXT_PURE_PYTHON`` is set to anything but empty or ``0``."""
    return os.environ.get(PURE_PYTHON_ENV, "").strip() not in ("", "0")


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


_install()

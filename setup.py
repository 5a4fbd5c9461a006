"""Build: the hot modules compiled with Cython when a compiler exists, else pure Python.

All metadata is in pyproject.toml; this file only adds the extension modules. The
modules listed in ``cleantext._compiled.COMPILABLE`` are compiled from their own
``.py`` source (Cython's pure-Python mode; C types come from the ``.pxd`` file beside a
module when there is one), so every feature is written once and the ``.py`` file stays
the reference. When Cython is missing, cythonize fails, or the C compiler fails, the
install goes on without extension modules and cleantext runs its pure-Python path
(same output; ``cleantext.__compiled__`` is then empty). ``CLEANTEXT_NO_COMPILE=1``
skips compiling on purpose; ``CLEANTEXT_REQUIRE_COMPILE=1`` turns every fallback into
an error (the wheel builds set it, so no wheel ships without its compiled core).

Editable installs (``pip install -e .``) build the extension modules in place, beside
the ``.py`` files in src/cleantext (git ignores them); after editing a compiled module,
run ``pip install -e .`` again (``python setup.py build_ext --inplace`` works only where
Cython is installed in the environment itself: pip's isolated build has it, the dev
virtualenv does not, and without it the old extension modules stay), or set
``CLEANTEXT_PURE_PYTHON=1`` to run the edited ``.py`` files without rebuilding.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
PACKAGE = ROOT / "src" / "cleantext"


def _build_helpers() -> Any:
    """cleantext/_compiled.py loaded from its file, without importing the package
    (whose dependencies need not be installed at build time); it imports only stdlib."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("_cleantext_compiled_build",
                                                  PACKAGE / "_compiled.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# annotation_typing off: the .py annotations are for mypy and keep Python semantics
# (Cython would otherwise make ``x: float`` a C double and check ``list`` exactly); C
# types come only from the .pxd files. binding: functions keep their signatures.
DIRECTIVES: dict[str, object] = {"language_level": "3", "binding": True,
                                 "embedsignature": True, "annotation_typing": False}


# COMPILABLE, undeclared_attributes and env_flag: the same definitions the package uses.
HELPERS = _build_helpers()


def _warn(message: str) -> None:
    if HELPERS.env_flag("CLEANTEXT_REQUIRE_COMPILE"):
        raise RuntimeError(f"cleantext setup: {message} (CLEANTEXT_REQUIRE_COMPILE is set)")
    print(f"cleantext setup: {message}; that part stays pure Python",
          file=sys.stderr)


def _drop_stale(name: str) -> None:
    """Remove an extension module of ``name`` left beside its .py file by an earlier
    in-place (editable) build: a module that now stays pure Python would otherwise
    keep running that old compiled code, which Python's import prefers."""
    for suffix in ("*.so", "*.pyd"):
        for stale in PACKAGE.glob(f"{name}.{suffix}"):
            stale.unlink()
            print(f"cleantext setup: removed the stale {stale.name}", file=sys.stderr)


def extension_modules() -> list[Extension]:
    """The Cython extension modules, or none when they cannot be generated."""
    if HELPERS.env_flag("CLEANTEXT_NO_COMPILE"):
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:
        _warn("Cython is not installed")
        return []
    built: list[Extension] = []
    for name in HELPERS.COMPILABLE:  # one by one: a module that fails stays pure Python
        missing = HELPERS.undeclared_attributes(name, PACKAGE)
        if missing:  # Cython would compile it and fail at run time (AttributeError)
            _warn(f"{name}.pxd does not declare {', '.join(missing)}")
            _drop_stale(name)
            continue
        extension = Extension(f"cleantext.{name}", [f"src/cleantext/{name}.py"])
        try:
            built.extend(cythonize(
                [extension],
                compiler_directives=DIRECTIVES,
                quiet=True,
            ))
        except Exception as exc:  # any Cython error: the pure-Python module still works
            _warn(f"cythonize failed for {name} ({exc})")
            _drop_stale(name)
    return built


class OptionalBuildExt(build_ext):
    """build_ext that never fails the install: a module that does not compile stays
    pure Python (Python imports the .py file when no extension module is beside it)."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:
            _warn(f"building the extension modules failed ({exc})")

    def build_extension(self, ext: Extension) -> None:
        try:
            super().build_extension(ext)
        except Exception as exc:
            _warn(f"compiling {ext.name} failed ({exc})")
            if self.inplace:
                _drop_stale(ext.name.rpartition(".")[2])


setup(ext_modules=extension_modules(), cmdclass={"build_ext": OptionalBuildExt})

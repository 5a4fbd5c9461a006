"""The compiled core and the pure-Python switch (cleantext/_compiled.py, setup.py).

The suite as a whole runs on both paths in CI (.ci/run); these tests check the switch
itself and that the two paths extract the same Documents from the bundled pages.
"""

from __future__ import annotations

import importlib.machinery
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import cleantext
from cleantext._compiled import (
    COMPILABLE,
    PURE_PYTHON_ENV,
    pure_python_forced,
    undeclared_attributes,
)

SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample" / "html"

# Prints, as JSON, the compiled modules, every compilable module's file, and the
# Document of each bundled sample page (scores unrounded).
_PROBE = """
import gzip, json, sys
from pathlib import Path
import cleantext
files = {name: sys.modules["cleantext." + name].__file__ for name in cleantext._compiled.COMPILABLE}
docs = {}
for path in sorted(Path(sys.argv[1]).iterdir()):
    doc = cleantext.extract(gzip.decompress(path.read_bytes()))
    docs[path.name] = [doc.title, doc.text,
                       [(line.label.value, line.score) for line in doc.lines]]
print(json.dumps({"compiled": list(cleantext.__compiled__), "files": files, "docs": docs}))
"""


def _probe(pure: bool) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != PURE_PYTHON_ENV}
    if pure:
        env[PURE_PYTHON_ENV] = "1"
    done = subprocess.run([sys.executable, "-c", _PROBE, str(SAMPLE)], env=env,
                          capture_output=True, text=True, check=True, timeout=600)
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_compiled_names_are_extension_modules() -> None:
    assert set(cleantext.__compiled__) <= set(COMPILABLE)
    for name in cleantext.__compiled__:
        origin = sys.modules[f"cleantext.{name}"].__file__ or ""
        assert origin.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))


def test_switch_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for value, forced in (("1", True), ("yes", True), ("0", False), ("", False)):
        monkeypatch.setenv(PURE_PYTHON_ENV, value)
        assert pure_python_forced() is forced
    monkeypatch.delenv(PURE_PYTHON_ENV)
    assert not pure_python_forced()


@pytest.mark.skipif(not SAMPLE.is_dir(), reason="bundled sample pages missing")
def test_pure_switch_loads_sources_and_gives_the_same_documents() -> None:
    pure = _probe(pure=True)
    assert pure["compiled"] == []
    files = pure["files"]
    assert isinstance(files, dict)
    assert all(str(path).endswith(".py") for path in files.values())
    default = _probe(pure=False)
    assert default["compiled"] == list(cleantext.__compiled__) or pure_python_forced()
    assert default["docs"].keys() == pure["docs"].keys()  # type: ignore[attr-defined]
    for name, (title, text, lines) in default["docs"].items():  # type: ignore[attr-defined]
        other_title, other_text, other_lines = pure["docs"][name]  # type: ignore[index]
        assert (title, text) == (other_title, other_text), name
        assert [label for label, _ in lines] == [label for label, _ in other_lines], name
        assert all(abs(a - b) <= 1e-9 for (_, a), (_, b) in zip(lines, other_lines,
                                                                  strict=True)), name


def test_version_says_which_path_runs() -> None:
    done = subprocess.run([sys.executable, "-m", "cleantext", "--version"],
                          capture_output=True, text=True, check=True, timeout=120)
    expected = "compiled: " + ", ".join(cleantext.__compiled__) if cleantext.__compiled__ \
        else "pure Python"
    assert expected.split(",")[0] in " ".join(done.stdout.split())


def test_every_pxd_declares_the_attributes_its_classes_set() -> None:
    # Cython compiles a .pxd that misses an attribute and the extension type then
    # raises AttributeError at run time; setup.py leaves such a module uncompiled.
    for name in COMPILABLE:
        assert undeclared_attributes(name) == (), name


def test_undeclared_attribute_is_found(tmp_path: Path) -> None:
    (tmp_path / "walk.py").write_text(
        "class Walk:\n"
        "    def __init__(self) -> None:\n"
        "        self.count = 0\n"
        "        self.seen, self.extra = [], {}\n"
        "    def step(self) -> None:\n"
        "        self.late = 1\n"
        "class Other:\n"
        "    def __init__(self) -> None:\n"
        "        self.free = 1\n")
    (tmp_path / "walk.pxd").write_text(
        "# a comment\ncdef class Walk:\n    cdef public Py_ssize_t count\n"
        "    cdef list seen\n    cpdef step(self)\n")
    assert undeclared_attributes("walk", tmp_path) == ("Walk.extra", "Walk.late")
    (tmp_path / "walk.pxd").unlink()
    assert undeclared_attributes("walk", tmp_path) == ()

"""Regenerate the golden files: run the library on every ``tests/golden/<name>/input.*``.

Usage (from the repository root)::

    python tests/golden/regenerate.py            # every case
    python tests/golden/regenerate.py seed-000-ro wcxb-0403-forum
    python tests/golden/regenerate.py --check    # compare only, exit 1 on a difference

Each case's ``expected.json`` holds the title, the body text and, per line, its index,
label and text. Scores and features are left out on purpose: a retrained model moves
every score a little, and only label changes should need a reviewer's eyes. After
regenerating, read ``git diff tests/golden`` line by line before committing it.

``input.html`` is run through :func:`cleantext.extract`, ``input.txt`` through
:func:`cleantext.extract_text`, both as bytes (so decoding is covered too) with the
default :class:`cleantext.Options`.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path
from typing import Any

GOLDEN = Path(__file__).resolve().parent
_SRC = GOLDEN.parents[1] / "src"
if str(_SRC) not in sys.path:
    sys.path.insert(0, str(_SRC))

import cleantext  # noqa: E402  (after the path set-up, so a clone needs no install)

EXPECTED = "expected.json"
# Characters of a line shown in a diff message; enough to recognise it.
_SHOWN_CHARS = 90


def case_dirs() -> list[Path]:
    """Every case folder (one holding an ``input.html`` or ``input.txt``), sorted."""
    return sorted(p.parent for p in GOLDEN.glob("*/input.*") if p.suffix in (".html", ".txt"))


def input_file(case: Path) -> Path:
    """The case's single input file."""
    inputs = [p for p in case.glob("input.*") if p.suffix in (".html", ".txt")]
    if len(inputs) != 1:
        raise ValueError(f"{case.name}: expected one input.html or input.txt, found {inputs}")
    return inputs[0]


def run_case(case: Path) -> dict[str, Any]:
    """What the current library makes of the case, in the ``expected.json`` shape."""
    source = input_file(case)
    data = source.read_bytes()
    doc = cleantext.extract(data) if source.suffix == ".html" else cleantext.extract_text(data)
    return {
        "input": source.name,
        "title": doc.title,
        "text": doc.text,
        "lines": [{"index": line.index, "label": line.label.value, "text": line.text}
                  for line in doc.lines],
    }


def dumps(result: dict[str, Any]) -> str:
    """JSON with one line per page line, so a label change is a one-line git diff."""
    head = ",\n".join(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
                      for key, value in result.items() if key != "lines")
    rows = ",\n".join(f"  {json.dumps(row, ensure_ascii=False)}" for row in result["lines"])
    lines = f"[\n{rows}\n ]" if rows else "[]"
    return f"{{\n{head},\n \"lines\": {lines}\n}}\n"


def load_expected(case: Path) -> dict[str, Any] | None:
    """The stored golden result, or None when the case has none yet."""
    path = case / EXPECTED
    if not path.exists():
        return None
    with open(path, encoding="utf-8") as handle:
        loaded: dict[str, Any] = json.load(handle)
    return loaded


def _short(text: str) -> str:
    return text if len(text) <= _SHOWN_CHARS else text[:_SHOWN_CHARS - 1] + "…"


def describe_changes(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    """Readable differences: title, lines whose label changed, lines added or removed."""
    out: list[str] = []
    if expected.get("title") != actual["title"]:
        out.append(f"title: {expected.get('title')!r} → {actual['title']!r}")
    old = [(row["text"], row["label"]) for row in expected.get("lines", [])]
    new = [(row["text"], row["label"]) for row in actual["lines"]]
    matcher = difflib.SequenceMatcher(a=[t for t, _ in old], b=[t for t, _ in new],
                                      autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            for i, j in zip(range(a1, a2), range(b1, b2), strict=True):
                if old[i][1] != new[j][1]:
                    out.append(f"line {j}: {old[i][1]} → {new[j][1]}: {_short(new[j][0])}")
            continue
        out.extend(f"line gone (was {label}): {_short(text)}" for text, label in old[a1:a2])
        out.extend(f"line {j} new ({new[j][1]}): {_short(new[j][0])}" for j in range(b1, b2))
    if not out and expected.get("text") != actual["text"]:
        out.append("body text differs (same labels): see the text field")
    return out


def main(argv: list[str] | None = None) -> int:
    """Regenerate (or with ``--check`` compare) the named cases, or all of them."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("cases", nargs="*", help="case folder names (default: all)")
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 on a diff")
    args = parser.parse_args(argv)
    cases = [GOLDEN / name for name in args.cases] if args.cases else case_dirs()
    status = 0
    for case in cases:
        actual = run_case(case)
        expected = load_expected(case)
        changes = (["no expected.json yet"] if expected is None
                   else describe_changes(expected, actual))
        if args.check:
            if changes:
                status = 1
                print(f"{case.name}: {len(changes)} change(s)")
                print("\n".join(f"  {c}" for c in changes))
            continue
        (case / EXPECTED).write_text(dumps(actual), encoding="utf-8")
        counts = {k: v for k, v in _counts(actual).items() if v}
        print(f"{case.name}: {len(actual['lines'])} lines {counts}, "
              f"{len(changes)} change(s) from before")
    return status


def _counts(result: dict[str, Any]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in result["lines"]:
        counts[row["label"]] = counts.get(row["label"], 0) + 1
    return counts


if __name__ == "__main__":
    sys.exit(main())

"""Snapshot cleantext's complete output on a fixed list of pages, or compare with one.

Speed work must not change anything a caller can see. This script hashes
``json.dumps(doc.to_dict(), sort_keys=True)`` (text, title, every line's label,
score, features, reasons) per page and writes the hashes to a JSON file; with
``--check FILE`` it recomputes them and lists the pages whose output differs.

A second hash per page covers every float unrounded (``to_dict`` rounds scores,
features and weights to four decimals), so even a last-bit change is reported.

The pages: the bundled sample (tests/fixtures/sample), the seed text dumps, the
first 300 wcxb-dev, 100 scrapinghub and 100 daniel-dev pages (file-name order),
and text dumps (benchmarks/textdump.py) of the first 50 trafilatura-dev pages.
Shared sets that are absent are skipped (and reported).

    PYTHONPATH=src python benchmarks/same_output.py snapshot.json
    PYTHONPATH=src python benchmarks/same_output.py --check snapshot.json
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import cleantext

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path("/work/shared/bench")
# Pages taken from each shared set (first N in file-name order).
HTML_SETS = (("wcxb-dev", 300), ("scrapinghub", 100), ("daniel-dev", 100))
TEXTDUMP_SET, TEXTDUMP_PAGES = "trafilatura-dev", 50

Page = tuple[str, Callable[[], cleantext.Document]]


def _read_gz(path: Path) -> str:
    """A gzip'd UTF-8 page as text."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return handle.read()


def _html_page(path: Path) -> Callable[[], cleantext.Document]:
    """A thunk extracting one HTML page (read when called, to keep memory flat)."""
    return lambda: cleantext.extract(_read_gz(path))


def _text_page(text: str) -> Callable[[], cleantext.Document]:
    """A thunk extracting one text dump."""
    return lambda: cleantext.extract_text(text)


def pages() -> Iterator[Page]:
    """Every page of the fixed list as (name, thunk)."""
    for path in sorted((ROOT / "tests/fixtures/sample/html").glob("*.html.gz")):
        yield f"sample/{path.name}", _html_page(path)
    for path in sorted((SHARED / "seeds/text").glob("*.txt")):
        yield f"seeds/{path.name}", _text_page(path.read_text(encoding="utf-8"))
    for name, count in HTML_SETS:
        for path in sorted((SHARED / name / "html").glob("*.html.gz"))[:count]:
            yield f"{name}/{path.name}", _html_page(path)
    sys.path.insert(0, str(ROOT))
    from benchmarks.textdump import html_to_text

    dumps = sorted((SHARED / TEXTDUMP_SET / "html").glob("*.html.gz"))[:TEXTDUMP_PAGES]
    for path in dumps:
        yield f"textdump/{path.name}", _text_page(html_to_text(_read_gz(path)))


def _exact(doc: cleantext.Document) -> list[object]:
    """Every float of a Document unrounded (``float.hex``), which ``to_dict`` rounds to
    four decimals: a change in the last bit of a score or feature shows here."""
    return [[line.score.hex(), [v.hex() for v in line.features.values()],
             [r.weight.hex() for r in line.reasons]] for line in doc.lines]


def _digest(payload: str) -> str:
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def snapshot() -> dict[str, list[str]]:
    """Page name → [SHA-256 of its Document's sorted ``to_dict`` JSON (or of the error
    it raised), SHA-256 of its unrounded floats (see :func:`_exact`)]."""
    result: dict[str, list[str]] = {}
    for name, run in pages():
        try:
            doc = run()
        except cleantext.ExtractionError as error:
            result[name] = [_digest(f"error {type(error).__name__}: {error}"), ""]
            continue
        result[name] = [_digest(json.dumps(doc.to_dict(), sort_keys=True)),
                        _digest(json.dumps(_exact(doc)))]
    return result


def main() -> int:
    """Write a snapshot, or check one; exit status 1 when any page differs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, nargs="?", help="snapshot file to write")
    parser.add_argument("--check", type=Path, help="snapshot file to compare with")
    args = parser.parse_args()
    if (args.file is None) == (args.check is None):
        parser.error("give either FILE or --check FILE")
    current = snapshot()
    if args.file is not None:
        args.file.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n")
        print(f"{len(current)} pages written to {args.file}")
        return 0
    old = json.loads(args.check.read_text())
    both = sorted(old.keys() & current.keys())
    differ = [k for k in both if old[k][0] != current[k][0]]
    floats = [k for k in both if old[k][0] == current[k][0] and old[k][1] != current[k][1]]
    missing = sorted(old.keys() ^ current.keys())
    for name in differ:
        print("DIFFERS (to_dict)", name)
    for name in floats:
        print("DIFFERS (unrounded floats only)", name)
    for name in missing:
        print("ONLY IN ONE", name)
    print(f"{len(current)} pages, {len(differ)} differ in to_dict, {len(floats)} in "
          f"unrounded floats only, {len(missing)} in one list only")
    return 1 if differ or floats or missing else 0


if __name__ == "__main__":
    sys.exit(main())

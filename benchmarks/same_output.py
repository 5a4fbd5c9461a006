"""Snapshot what cleantext extracts from every page, or compare with a snapshot.

A refactor or a compiled path must not change anything a caller can see. For each
page this records, through the public API only (so a snapshot taken on one version
can be checked on another whose records look different):

* the SHA-256 of ``doc.text``, the title, and every line's label (one letter each);
* the SHA-256 of every line's score as ``float.hex`` (bit-exact), and the scores
  themselves rounded to 9 decimals (so ``--tolerance`` can accept last-bit drift, as a
  compiled path may show: issue #20 asks for scores within 1e-9).

The pages: the bundled sample (tests/fixtures/sample), the seed text dumps, and every
page of scrapinghub, wcxb-dev, trafilatura-dev and daniel-dev twice — as HTML and as
the harness's text dump (benchmarks/textdump.py). ``--quick`` keeps the first 60 pages
of each set. Shared sets that are absent are skipped (and reported).

    python benchmarks/same_output.py snapshot.json            # write
    python benchmarks/same_output.py --check snapshot.json    # compare; exit 1 on a difference
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

import cleantext  # noqa: E402

SHARED = Path(os.environ.get("CLEANTEXT_BENCH", ROOT.parent / "shared" / "bench"))
SETS = ("scrapinghub", "wcxb-dev", "trafilatura-dev", "daniel-dev")
QUICK_PAGES = 60

Job = tuple[str, str, str]  # (name, "html" | "text" | "dump", path)


def _read_gz(path: Path) -> str:
    """A gzip'd UTF-8 page as text."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return handle.read()


def jobs(quick: bool) -> Iterator[Job]:
    """Every page of the fixed list as (name, kind, path)."""
    for path in sorted((ROOT / "tests/fixtures/sample/html").glob("*.html.gz")):
        yield f"sample/{path.name}", "html", str(path)
    for path in sorted((SHARED / "seeds/text").glob("*.txt")):
        yield f"seeds/{path.name}", "text", str(path)
    for name in SETS:
        paths = sorted((SHARED / name / "html").glob("*.html.gz"))
        if not paths:
            print(f"absent: {name}", file=sys.stderr)
        for path in paths[:QUICK_PAGES] if quick else paths:
            yield f"{name}/{path.name}", "html", str(path)
            yield f"{name}-dump/{path.name}", "dump", str(path)


def _extract(kind: str, path: str) -> cleantext.Document:
    if kind == "html":
        return cleantext.extract(_read_gz(Path(path)))
    if kind == "text":
        return cleantext.extract_text(Path(path).read_text(encoding="utf-8"))
    from benchmarks.textdump import html_to_text

    return cleantext.extract_text(html_to_text(_read_gz(Path(path))))


def _digest(payload: str) -> str:
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(job: Job) -> tuple[str, dict[str, object]]:
    """One page's record: text hash, title, labels, exact score hash, rounded scores."""
    name, kind, path = job
    try:
        doc = _extract(kind, path)
    except cleantext.ExtractionError as error:
        return name, {"error": f"{type(error).__name__}: {error}"}
    labels = "".join(str(getattr(line.label, "name", line.label))[0] for line in doc.lines)
    scores = [float(line.score) for line in doc.lines]
    return name, {"text": _digest(doc.text), "title": doc.title, "labels": labels,
                  "scores_exact": _digest(" ".join(s.hex() for s in scores)),
                  "scores": [round(s, 9) for s in scores]}


def snapshot(quick: bool, workers: int) -> dict[str, dict[str, object]]:
    """Page name → record (see :func:`record`)."""
    with ProcessPoolExecutor(workers) as pool:
        return dict(pool.map(record, jobs(quick), chunksize=16))


def compare(old: dict[str, dict[str, object]], new: dict[str, dict[str, object]],
            tolerance: float) -> int:
    """Print every difference; the number of pages that differ."""
    bad = 0
    for name in sorted(old.keys() | new.keys()):
        a, b = old.get(name), new.get(name)
        if a is None or b is None:
            print("ONLY IN ONE", name)
            bad += 1
            continue
        what = [key for key in ("error", "text", "title", "labels") if a.get(key) != b.get(key)]
        if not what and a.get("scores_exact") != b.get("scores_exact"):
            sa, sb = a.get("scores") or [], b.get("scores") or []
            assert isinstance(sa, list) and isinstance(sb, list)
            if len(sa) != len(sb) or any(
                    abs(x - y) > tolerance for x, y in zip(sa, sb, strict=True)):
                what.append("scores")
        if what:
            print("DIFFERS", name, ", ".join(what))
            bad += 1
    print(f"{len(new)} pages, {bad} differ (text, title, labels, or scores beyond {tolerance})")
    return bad


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, nargs="?", help="snapshot file to write")
    parser.add_argument("--check", type=Path, help="snapshot file to compare with")
    parser.add_argument("--quick", action="store_true", help=f"first {QUICK_PAGES} pages a set")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--tolerance", type=float, default=0.0,
                        help="largest score difference accepted (default 0: bit-exact)")
    args = parser.parse_args()
    if (args.file is None) == (args.check is None):
        parser.error("give either FILE or --check FILE")
    current = snapshot(args.quick, args.workers)
    if args.file is not None:
        args.file.write_text(json.dumps(current, sort_keys=True) + "\n")
        print(f"{len(current)} pages written to {args.file}")
        return 0
    old = json.loads(args.check.read_text())
    if args.quick:
        old = {k: v for k, v in old.items() if k in current}
    return 1 if compare(old, current, args.tolerance) else 0


if __name__ == "__main__":
    sys.exit(main())

"""Minimal pages from the shared sets' gold (issue #22): no boilerplate at all.

The first N gold paragraphs of 60 articles each from scrapinghub, daniel-dev and
wcxb-dev (its ``article`` pages) go into ``<article><h1>…</h1><p>…</p>…</article>``;
everything on such a page is the article, and the gold is the N paragraphs. Two h1
kinds: ``unrelated`` (words of another article's first paragraph) and ``lead`` (the
first words of the first paragraph: headline and lead alike). Scores cleantext and,
when installed, trafilatura and readability: mean bag-of-words F1 and empty outputs,
and empty outputs where the N paragraphs hold 15+ words (the #22 done-when).

daniel-dev's gold is read here only to build pages and whole figures, as the issue
specifies; no page of it is printed::

    python benchmarks/minimal_pages.py              # markdown table
    python benchmarks/minimal_pages.py --json OUT
"""

from __future__ import annotations

import argparse
import html
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

_REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(_REPO / "src"))
sys.path.insert(0, str(_REPO))

from benchmarks.metrics import bag_of_words  # noqa: E402
from benchmarks.peers import installed_peers  # noqa: E402
from cleantext import extract  # noqa: E402

SETS = ("scrapinghub", "daniel-dev", "wcxb-dev")
ARTICLES = 60        # articles per set, as the issue measured
SIZES = (1, 2, 3, 5)  # paragraphs per page
H1_KINDS = ("unrelated", "lead")
LEAD_WORDS = 8       # words of the first paragraph the ``lead`` h1 repeats
UNRELATED_WORDS = 5  # words of the ``unrelated`` h1
MIN_WORDS = 15       # pages whose paragraphs hold fewer words may come out empty
PEERS = ("trafilatura", "readability")


@dataclass(frozen=True, slots=True)
class MinimalPage:
    """One page: where its paragraphs came from, N, the h1 kind, HTML and gold."""

    set_name: str
    size: int
    h1_kind: str
    page: str
    gold: str


def gold_paragraphs(bench: Path, set_name: str) -> list[list[str]]:
    """The first :data:`ARTICLES` gold bodies of ``set_name`` with at least
    ``max(SIZES)`` paragraphs, each as its paragraphs (file order; wcxb-dev's
    article pages only)."""
    types: dict[str, str] = {}
    meta = bench / set_name / "meta.tsv"
    if meta.is_file():
        rows = [line.split("\t") for line in meta.read_text("utf-8").splitlines()]
        col = rows[0].index("page_type") if "page_type" in rows[0] else -1
        types = {r[0]: r[col] for r in rows[1:] if col >= 0 and len(r) > col}
    out: list[list[str]] = []
    with (bench / set_name / "cases.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            case = json.loads(line)
            if not case.get("body") or types.get(case["id"], "article") != "article":
                continue
            paragraphs = [p.strip() for p in case["body"].split("\n") if p.strip()]
            if len(paragraphs) >= max(SIZES):
                out.append(paragraphs)
            if len(out) == ARTICLES:
                break
    return out


def build_page(paragraphs: list[str], h1: str) -> str:
    """The article page: an h1 over the paragraphs, nothing else."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><article>"
            f"<h1>{html.escape(h1)}</h1>{body}</article></body></html>")


def minimal_pages(bench: Path) -> Iterator[MinimalPage]:
    """Every page of the benchmark: set × N × h1 kind × article."""
    for set_name in SETS:
        articles = gold_paragraphs(bench, set_name)
        for a, paragraphs in enumerate(articles):
            other = articles[(a + len(articles) // 2) % len(articles)][0].split()
            lead = paragraphs[0].split()
            heads = {"unrelated": " ".join(other[-UNRELATED_WORDS:]),
                     "lead": " ".join(lead[:LEAD_WORDS])}
            for size in SIZES:
                kept = paragraphs[:size]
                for kind in H1_KINDS:
                    yield MinimalPage(set_name, size, kind, build_page(kept, heads[kind]),
                                      "\n".join(kept))


def systems() -> dict[str, Callable[[str], str]]:
    """cleantext and the installed peers of :data:`PEERS`: page → text."""
    out: dict[str, Callable[[str], str]] = {"cleantext": lambda page: extract(page).text}
    for name, peer in installed_peers().items():
        if name in PEERS:
            out[name] = lambda page, run=peer.run: run(page, None)
    return out


def run(bench: Path) -> dict[str, dict[str, dict[str, float]]]:
    """Per ``"N=…, h1 …"`` row and system: mean F1, empty outputs, empty outputs
    among pages of 15+ words, and the page count."""
    runners = systems()
    sums: dict[str, dict[str, list[float]]] = {}
    for page in minimal_pages(bench):
        row = f"N={page.size}, h1 {page.h1_kind}"
        long_enough = len(page.gold.split()) >= MIN_WORDS
        for name, extractor in runners.items():
            text = extractor(page.page)
            f1 = bag_of_words(text, page.gold).f1
            cell = sums.setdefault(row, {}).setdefault(name, [0.0, 0, 0, 0])
            cell[0] += f1
            cell[1] += not text.strip()
            cell[2] += long_enough and not text.strip()
            cell[3] += 1
    return {row: {name: {"f1": c[0] / c[3], "empty": c[1], "empty_15": c[2], "pages": c[3]}
                  for name, c in cells.items()} for row, cells in sums.items()}


def markdown(results: dict[str, dict[str, dict[str, float]]]) -> str:
    """One row per N and h1 kind: each system's mean F1 (empty outputs)."""
    names = list(next(iter(results.values())))
    lines = ["| pages | " + " | ".join(f"{n} F1 (empty; empty at 15+ words)" for n in names)
             + " |", "|---" * (len(names) + 1) + "|"]
    for row, cells in results.items():
        lines.append(f"| {row} ({int(cells[names[0]]['pages'])}) | " + " | ".join(
            f"{cells[n]['f1']:.3f} ({int(cells[n]['empty'])}; {int(cells[n]['empty_15'])})"
            for n in names) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", type=Path, default=Path("/work/shared/bench"))
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args(argv)
    results = run(args.bench)
    print(markdown(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()

"""Where the text-dump F1 is lost: the HTML run's line labels moved onto the dump.

Each page of a set is extracted twice, from its HTML and from its text dump (the
harness's own dumper, as ``evaluate.py --text-mode`` feeds it). A dump line whose
text is also a line of the HTML run can take that run's label. The script scores
the dump's body as cleantext labels it; then with the HTML run's label taken on the
lines the HTML run puts in one category (COMMENTS, RELATED, NAVIGATION, OTHER or
TITLE, BODY), one category at a time; then on every matched line; and the HTML run
itself. Each row's gain over the first is what a perfect text-dump detector of that
category would be worth, measured against the gold — the decomposition of the gap
that the accuracy issue's text-dump clause asks to close.

    python benchmarks/text_gap.py --set trafilatura-dev

Scores are the harness's: mean bag-of-words F1 over pages with a gold body, and
with/without F1 for sets that have only those strings (trafilatura-dev).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.evaluate import Case, import_cleantext, load_cases, read_page, resolve_set
from benchmarks.metrics import WithWithout, bag_of_words, collapse_ws, with_without
from benchmarks.textdump import html_to_text

_BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
ROWS: tuple[tuple[str, frozenset[str] | None], ...] = (
    ("comments", frozenset({"comments"})),
    ("related", frozenset({"related"})),
    ("navigation", frozenset({"navigation"})),
    ("other + title", frozenset({"other", "title"})),
    ("body (missed)", frozenset({"body"})),
    ("every matched line", None),
)
"""The rows after the first: which of the HTML run's labels are taken over."""


@dataclass(frozen=True, slots=True)
class PagePair:
    """One page: its case; each dump line's text, its label and the HTML run's label
    of the same (whitespace-collapsed) text, at its first occurrence there, or None
    where the HTML run has no such line; the HTML run's body."""

    case: Case
    dump_lines: tuple[tuple[str, str, str | None], ...]
    html_body: str


def extract_pair(set_dir: Path, case: Case) -> PagePair | None:
    """Both runs of one page (None for a page stored as a text dump: no HTML)."""
    cleantext = import_cleantext()
    page, is_text = read_page(set_dir, case.id)
    if is_text:
        return None
    html_doc = cleantext.extract(page)
    text_doc = cleantext.extract_text(html_to_text(page))
    labels: dict[str, str] = {}
    for line in html_doc.lines:
        labels.setdefault(collapse_ws(line.text), line.label.value)
    dump = tuple((line.text, line.label.value, labels.get(collapse_ws(line.text)))
                 for line in text_doc.lines)
    return PagePair(case, dump, html_doc.text)


def transplanted(pair: PagePair, take: frozenset[str] | None) -> str:
    """The dump's body when each matched line whose HTML label is in ``take`` (every
    matched line if None) gets that label."""
    kept = []
    for text, label, html in pair.dump_lines:
        if html is not None and (take is None or html in take):
            label = html
        if label == "body":
            kept.append(text)
    return "\n".join(kept)


def set_score(pairs: Sequence[PagePair], body: Callable[[PagePair], str]) -> float:
    """Mean bag-of-words F1 over pages with a gold body, else with/without F1."""
    f1s = [bag_of_words(body(p), p.case.body).f1 for p in pairs if p.case.body]
    if f1s:
        return sum(f1s) / len(f1s)
    total: WithWithout | None = None
    for p in pairs:
        if p.case.with_ or p.case.without:
            found = with_without(body(p), p.case.with_, p.case.without)
            total = found if total is None else total + found
    return total.f1 if total is not None else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", required=True, help="a set name under --bench, or a path")
    parser.add_argument("--bench", type=Path, default=_BENCH)
    parser.add_argument("--limit", type=int, default=None, help="first N pages only")
    args = parser.parse_args()
    set_dir = resolve_set(args.set, args.bench)
    cases = load_cases(set_dir)[: args.limit]
    pairs = [p for p in (extract_pair(set_dir, c) for c in cases) if p is not None]
    dump = set_score(pairs, lambda p: transplanted(p, frozenset()))
    html = set_score(pairs, lambda p: p.html_body)
    print(f"{set_dir.name}: {len(pairs)} pages\n")
    print("| text-dump labels | F1 | gain |\n|---|---:|---:|")
    print(f"| cleantext's own | {dump:.4f} | |")
    for name, take in ROWS:
        score = set_score(pairs, partial(transplanted, take=take))
        print(f"| HTML run's on {name} | {score:.4f} | {score - dump:+.4f} |")
    print(f"| the HTML run itself | {html:.4f} | {html - dump:+.4f} |")


if __name__ == "__main__":
    main()

"""Structure F1 and metadata matching on wcxb-dev, cleantext and trafilatura side by side.

    python benchmarks/structure.py                 # whole wcxb-dev
    python benchmarks/structure.py --limit 200     # first 200 pages
    python benchmarks/structure.py --dates         # also time htmldate/dateparser

Structure F1 (as in /work/shared/bench/README.md, "wcxb-dev/gold-extra.jsonl"): the typed
blocks of a markdown text -- ``h`` (line starting with 1-6 ``#``), ``li`` (``-``, ``*``,
``+``, ``N.``/``N)``), ``tr`` (table row starting with ``|``, separator rows left out),
``code`` (each non-blank line inside a fence) -- keyed by type and normalised text; micro
P/R/F1 of the multiset overlap over pages whose gold has at least one block, overall,
per block type and per page type (meta.tsv). Metadata: title and author by normalised
equality, date by the same first 10 characters, over pages whose gold has the field.

cleantext's markdown is ``doc.to_markdown(title=False)`` (the gold leaves the title
out, as trafilatura's output does); its metadata is ``doc.metadata`` (HeadData filled
by the walker in its one pass). Data CC-BY-4.0, credit WCXB.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_REPO = Path(__file__).resolve().parent.parent
if str(_REPO) not in sys.path:
    sys.path.insert(0, str(_REPO))

import cleantext  # noqa: E402
from cleantext.cli.settings import parse_assignment  # noqa: E402

DEFAULT_SET = Path("/work/shared/bench/wcxb-dev")

Block = tuple[str, str]

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*)$")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+(.*)$")
_SEPARATOR_ROW = re.compile(r"^\s*\|?[\s:|-]*-[\s:|-]*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"[*_`]")
_WORDS = re.compile(r"\w+")


def normalise(text: str) -> str:
    """Link targets and ``*``, ``_``, backtick removed; lower-cased ``\\w+`` words, one space."""
    return " ".join(_WORDS.findall(_MARKS.sub(" ", _LINK.sub(r"\1", text)).lower()))


def blocks(markdown: str) -> Counter[Block]:
    """The multiset of typed blocks (``h``, ``li``, ``tr``, ``code``) of a markdown text."""
    out: Counter[Block] = Counter()
    in_code = False
    for line in markdown.splitlines():
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            if line.strip():
                out["code", normalise(line)] += 1
            continue
        stripped = line.strip()
        match = _HEADING.match(line)
        if match:
            out["h", normalise(match[2])] += 1
        elif stripped.startswith("|"):
            if not _SEPARATOR_ROW.match(stripped):
                out["tr", normalise(stripped)] += 1
        else:
            item = _ITEM.match(line)
            if item:
                out["li", normalise(item[1])] += 1
    return out


@dataclass
class Tally:
    """Micro counts: true positives, output blocks, gold blocks."""

    hit: int = 0
    out: int = 0
    gold: int = 0

    def add(self, out: Counter[Block], gold: Counter[Block]) -> None:
        self.hit += sum((out & gold).values())
        self.out += sum(out.values())
        self.gold += sum(gold.values())

    def prf(self) -> tuple[float, float, float]:
        p = self.hit / self.out if self.out else 0.0
        r = self.hit / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def by_type(counter: Counter[Block], kind: str) -> Counter[Block]:
    return Counter({k: v for k, v in counter.items() if k[0] == kind})


def same_text(ours: str | None, gold: str | None) -> bool:
    """Title/author match: equal normalised text (both non-empty)."""
    return bool(ours and gold) and normalise(ours or "") == normalise(gold or "")


def same_date(ours: str | None, gold: str | None) -> bool:
    """Date match: the same first 10 characters (YYYY-MM-DD)."""
    return bool(ours and gold) and (ours or "")[:10] == (gold or "")[:10]


# --- systems ---------------------------------------------------------------------------

@dataclass
class Result:
    markdown: str
    title: str | None
    author: str | None
    date: str | None
    seconds_meta: float = 0.0


OPTIONS = cleantext.Options()
"""The Options cleantext runs with (``--option NAME=VALUE`` changes fields)."""


def run_cleantext(html: str, url: str | None) -> Result:
    doc = cleantext.extract(html, url=url, options=OPTIONS)
    # The gold markdown is the body without the page title, as trafilatura's is.
    markdown = doc.to_markdown(title=False)
    start = time.perf_counter()
    meta = doc.metadata
    spent = time.perf_counter() - start
    return Result(markdown, meta.title, ", ".join(meta.authors) or None, meta.published, spent)


def run_trafilatura(html: str, url: str | None) -> Result:
    import trafilatura

    markdown = trafilatura.extract(html, url=url, output_format="markdown",
                                   include_formatting=True, include_tables=True) or ""
    meta = trafilatura.extract_metadata(html, default_url=url)
    if meta is None:
        return Result(markdown, None, None, None)
    return Result(markdown, meta.title, meta.author, meta.date)


SYSTEMS: dict[str, Callable[[str, str | None], Result]] = {
    "cleantext": run_cleantext, "trafilatura": run_trafilatura}


@dataclass
class Scores:
    structure: Tally = field(default_factory=Tally)
    kinds: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    pages: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    fields: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    meta_seconds: float = 0.0

    def add(self, res: Result, gold: dict[str, Any], page_type: str) -> None:
        want = blocks(gold.get("markdown") or "")
        if want:
            got = blocks(res.markdown)
            self.structure.add(got, want)
            self.pages[page_type].add(got, want)
            for kind in ("h", "li", "tr", "code"):
                self.kinds[kind].add(by_type(got, kind), by_type(want, kind))
        for name, ours, check in (("title", res.title, same_text),
                                  ("author", res.author, same_text),
                                  ("date", res.date, same_date)):
            gold_value = gold.get("publish_date" if name == "date" else name)
            if gold_value:
                self.fields[name][0] += int(check(ours, gold_value))
                self.fields[name][1] += 1
        self.meta_seconds += res.seconds_meta


def load(root: Path, limit: int | None) -> Iterable[tuple[dict[str, Any], str, str | None, str]]:
    types: dict[str, str] = {}
    for row in (root / "meta.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        cols = row.split("\t")
        types[cols[0]] = cols[3]
    cases = {c["id"]: c for c in map(json.loads, (root / "cases.jsonl").open(encoding="utf-8"))}
    with (root / "gold-extra.jsonl").open(encoding="utf-8") as fh:
        for count, line in enumerate(fh):
            if limit is not None and count >= limit:
                break
            gold = json.loads(line)
            with gzip.open(root / "html" / f"{gold['id']}.html.gz", "rt", encoding="utf-8") as f:
                html = f.read()
            yield gold, html, cases.get(gold["id"], {}).get("url"), types.get(gold["id"], "?")


def table(results: dict[str, Scores]) -> str:
    names = list(results)
    rows = ["| | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]

    def fmt(t: Tally) -> str:
        p, r, f = t.prf()
        return f"{f:.3f} ({p:.3f} / {r:.3f})"

    rows.append("| structure F1 (P / R) | " + " | ".join(fmt(results[n].structure) for n in names)
                + " |")
    for kind in ("h", "li", "tr", "code"):
        rows.append(f"| {kind} | " + " | ".join(fmt(results[n].kinds[kind]) for n in names) + " |")
    for name in ("title", "author", "date"):
        cells = []
        for n in names:
            hit, total = results[n].fields[name]
            cells.append(f"{hit / total:.3f} ({hit}/{total})" if total else "-")
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    for page_type in sorted({t for s in results.values() for t in s.pages}):
        rows.append(f"| structure: {page_type} | "
                    + " | ".join(fmt(results[n].pages[page_type]) for n in names) + " |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--systems", default="cleantext,trafilatura")
    parser.add_argument("--option", action="append", default=[], metavar="NAME=VALUE",
                        help="an Options field for cleantext (repeatable)")
    parser.add_argument("--dump", type=Path, help="write each page's markdown here (jsonl)")
    args = parser.parse_args(argv)
    global OPTIONS
    OPTIONS = OPTIONS.with_(**dict(map(parse_assignment, args.option)))
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    results = {name: Scores() for name in args.systems.split(",")}
    pages = 0
    for gold, html, url, page_type in load(args.set, args.limit):
        pages += 1
        for name, scores in results.items():
            res = SYSTEMS[name](html, url)
            scores.add(res, gold, page_type)
            if dump is not None:
                dump.write(json.dumps({"id": gold["id"], "system": name,
                                       "markdown": res.markdown}) + "\n")
    if dump is not None:
        dump.close()
    print(table(results))
    if "cleantext" in results:
        spent = 1000 * results["cleantext"].meta_seconds / max(pages, 1)
        print(f"\ncleantext metadata: {spent:.2f} ms/page "
              "(build_metadata, first read of doc.metadata)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""A standalone HTML report for a batch of pages: what was kept, what was dropped, why.

One self-contained page (inline CSS, no script, no external asset, and a
Content-Security-Policy that forbids both): a summary table with each page's label
counts as a stacked bar, bag-of-words precision/recall/F1 against gold bodies when they
are given, and one expandable section per page showing every labelled line (the same
markup as the notebook view, :func:`cleantext.render.lines_html`).

>>> from cleantext.report import bow_scores
>>> bow_scores("the cat sat", "The cat sat down").recall
0.75
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

import regex

from cleantext.document import Document, Label
from cleantext.errors import ExtractionError
from cleantext.inputs import expand, iter_records
from cleantext.kind import Kind, resolve_kind
from cleantext.metrics import Overlap, bag_of_words
from cleantext.options import Options
from cleantext.pipeline import extract, extract_text
from cleantext.render import (
    CSS_SCOPE,
    LABEL_COLOURS,
    escape,
    head_html,
    legend_html,
    lines_html,
    stylesheet,
)

__all__ = [
    "Overlap",
    "ReportItem",
    "bow_scores",
    "build_report",
    "load_gold",
    "render_report",
    "write_report",
]

_WORD = regex.compile(r"\w+")

PAGE_PATTERNS = ("*.html", "*.htm", "*.xhtml", "*.txt")
"""Files taken from folders by default (each also gzipped; WARC/ARC files always)."""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
"""The report's Content-Security-Policy: inline styles only, so even a rendering bug
could not run a script or make the browser fetch anything."""


bow_scores = bag_of_words
"""Bag-of-words P/R/F1 of an output against gold (:func:`cleantext.metrics.bag_of_words`,
the measure the benchmarks quote)."""


class ReportItem(NamedTuple):
    """One page of a report: its name, the extraction result and, optionally, its gold body."""

    name: str
    doc: Document
    gold: str | None = None


def _mean(values: Sequence[float]) -> float:
    """Arithmetic mean (the report averages per page, as the benchmarks do)."""
    return sum(values) / len(values) if values else 0.0


def _report_css() -> str:
    """Page-level CSS of the report (the line view brings its own, scoped)."""
    r = ".cleantext-report"
    rules = [
        f"{r}{{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
        "color:#1a1a1a;background:#fff;margin:24px;max-width:1400px}",
        f"{r} h1{{font-size:22px;margin:0 0 4px}}",
        f"{r} h2{{font-size:17px;margin:22px 0 8px}}",
        f"{r} .cleantext-sub{{color:#555;margin:0 0 10px}}",
        f"{r} .cleantext-bare{{border:0;padding:0}}",
        f"{r} table{{border-collapse:collapse;font-size:13px;width:100%}}",
        f"{r} th,{r} td{{border-bottom:1px solid #e3e3e3;padding:4px 8px;text-align:right;"
        "font-variant-numeric:tabular-nums}",
        f"{r} th{{background:#f5f5f5;font-weight:600}}",
        f"{r} td.cleantext-name,{r} th.cleantext-name{{text-align:left;"
        "overflow-wrap:anywhere;min-width:14em;max-width:28em}",
        f"{r} tfoot td{{font-weight:600;border-top:2px solid #ccc}}",
        f"{r} .cleantext-bar{{display:flex;width:220px;height:12px;border-radius:3px;"
        "overflow:hidden;background:#eee}",
        f"{r} .cleantext-seg{{height:100%}}",
        f"{r} .cleantext-page{{margin:6px 0}}",
        f"{r} details>summary{{cursor:pointer;padding:6px 8px;background:#f5f5f5;"
        "border-radius:4px;overflow-wrap:anywhere}",
        f"{r} details[open]>summary{{margin-bottom:6px}}",
        f"{r} .cleantext-err{{color:#a00000}}",
    ]
    rules += [f"{r} .cleantext-seg.cleantext-l-{label.value}{{background:{accent}}}"
              for label, (accent, _tint) in LABEL_COLOURS.items()]
    return "\n".join(rules)


def _bar(counts: Mapping[str, int]) -> str:
    """Stacked bar of a page's label counts (widths in % of its lines)."""
    total = sum(counts.values())
    tip = ", ".join(f"{name} {count}" for name, count in counts.items())
    segs = "".join(
        f'<span class="cleantext-seg cleantext-l-{name}" '
        f'style="width:{100 * count / total:.2f}%"></span>'
        for name, count in counts.items() if count and total
    )
    return f'<div class="cleantext-bar" title="{escape(tip)}">{segs}</div>'


def _score_cells(item: ReportItem) -> str:
    """P, R and F1 cells of one page ("–" without gold)."""
    if item.gold is None:
        return "<td>\u2013</td>" * 3
    o = bow_scores(item.doc.text, item.gold)
    return f"<td>{o.precision:.3f}</td><td>{o.recall:.3f}</td><td>{o.f1:.3f}</td>"


def _summary_table(items: Sequence[ReportItem]) -> str:
    """The table: one row per page (counts, bar, body words, scores) and a totals row."""
    labels = [label.value for label in Label]
    head = "".join(f"<th>{name}</th>" for name in labels)
    rows: list[str] = []
    for n, item in enumerate(items, 1):
        counts = {label.value: n for label, n in item.doc.label_counts.items()}
        cells = "".join(f"<td>{counts[name]}</td>" for name in labels)
        rows.append(
            f'<tr><td>{n}</td><td class="cleantext-name"><a href="#page-{n}">'
            f"{escape(item.name)}</a></td><td>{len(item.doc.lines)}</td>{cells}"
            f"<td>{_bar(counts)}</td><td>{len(_WORD.findall(item.doc.text))}</td>"
            f"{_score_cells(item)}</tr>")
    totals = Counter[str]()
    for item in items:
        totals.update(item.doc.label_counts)
    scored = [bow_scores(i.doc.text, i.gold) for i in items if i.gold is not None]
    means = ("".join(f"<td>{_mean([getattr(o, f) for o in scored]):.3f}</td>"
                     for f in ("precision", "recall", "f1"))
             if scored else "<td>\u2013</td>" * 3)
    foot = (f'<tr><td></td><td class="cleantext-name">all ({len(items)} pages; mean of '
            f"{len(scored)} with gold)</td><td>{sum(totals.values())}</td>"
            + "".join(f"<td>{totals[name]}</td>" for name in labels)
            + f"<td>{_bar({name: totals[name] for name in labels})}</td><td></td>{means}</tr>")
    return (f'<table class="cleantext-summary"><thead><tr><th>#</th>'
            f'<th class="cleantext-name">page</th><th>lines</th>{head}<th>labels</th>'
            "<th>body words</th><th>P</th><th>R</th><th>F1</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody><tfoot>{foot}</tfoot></table>")


def _page_section(n: int, item: ReportItem, expanded: bool) -> str:
    """One page: a collapsible ``<details>`` holding its labelled lines."""
    counts = item.doc.label_counts
    brief = ", ".join(f"{name} {count}" for name, count in counts.items() if count)
    score = ""
    if item.gold is not None:
        score = f" \u00b7 F1 {bow_scores(item.doc.text, item.gold).f1:.3f}"
    return (f'<section class="cleantext-page" id="page-{n}" data-page="{escape(item.name)}">'
            f'<details{" open" if expanded else ""}><summary><b>{n}. {escape(item.name)}</b>'
            f" \u2014 {len(item.doc.lines)} lines ({brief or 'none'}){score}</summary>"
            f'<div class="{CSS_SCOPE}">{head_html(item.doc)}{lines_html(item.doc)}</div>'
            "</details></section>")


def render_report(
    items: Iterable[ReportItem | tuple[str, Document, str | None]],
    *,
    failures: Sequence[tuple[str, str]] = (),
    title: str = "cleantext report",
    expanded: int = 0,
    options: Options | None = None,
) -> str:
    """The whole report as one HTML page (a string).

    ``items`` are ``(name, Document, gold body or None)``; ``failures`` are
    ``(name, error message)`` for pages that could not be extracted (listed, not
    fatal); ``expanded`` is how many page sections start open; ``options``, when
    given, are recorded in a collapsed "Options" section (every field's value).
    """
    pages = [ReportItem(*item) for item in items]
    totals = Counter[str]({label.value: 0 for label in Label})
    for item in pages:
        totals.update(item.doc.label_counts)
    failed = "".join(f"<li><b>{escape(name)}</b>: {escape(msg)}</li>" for name, msg in failures)
    failed_html = (f'<h2>Failed ({len(failures)})</h2><ul class="cleantext-err">{failed}</ul>'
                   if failures else "")
    sections = "\n".join(_page_section(n, item, n <= expanded) for n, item in enumerate(pages, 1))
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{stylesheet()}\n{_report_css()}</style></head>"
        f'<body class="cleantext-report"><h1>{escape(title)}</h1>'
        f'<p class="cleantext-sub">{len(pages)} pages \u00b7 {sum(totals.values())} lines. '
        "P/R/F1: bag-of-words overlap of the body with the gold body (lower-cased words, "
        "counted with repeats).</p>"
        f'<div class="{CSS_SCOPE} cleantext-bare">{legend_html(totals)}</div>'
        f"{_summary_table(pages)}{failed_html}{_options_html(options)}"
        f"<h2>Pages</h2>\n{sections}\n</body></html>\n"
    )


def _options_html(options: Options | None) -> str:
    """The options of the run, collapsed, as ``name = value`` lines (a valid
    ``cleantext.toml`` to repeat the run), or ``""``."""
    if options is None:
        return ""
    rows = "\n".join(f"{name} = {value!r}" for name, value in options.to_dict().items())
    return ('<details class="cleantext-options"><summary>Options</summary>'
            f"<pre>{escape(rows)}</pre></details>")


def write_report(
    items: Iterable[ReportItem | tuple[str, Document, str | None]],
    path: str | Path,
    *,
    failures: Sequence[tuple[str, str]] = (),
    title: str = "cleantext report",
    expanded: int = 0,
    options: Options | None = None,
) -> None:
    """Write :func:`render_report` of ``items`` to ``path`` as UTF-8 (same keywords)."""
    page = render_report(items, failures=failures, title=title, expanded=expanded,
                         options=options)
    Path(path).write_text(page, encoding="utf-8")


def load_gold(path: str | Path) -> dict[str, str]:
    """Gold bodies from a benchmark ``cases.jsonl``: ``id`` → ``body`` (null bodies skipped)."""
    gold: dict[str, str] = {}
    with open(path, encoding="utf-8") as handle:
        for row in handle:
            if row.strip():
                case = json.loads(row)
                if isinstance(case.get("body"), str):
                    gold[str(case["id"])] = case["body"]
    return gold


def _extract_record(data: bytes, source: str, url: str | None, options: Options,
                    kind: Kind) -> Document:
    """Extract one page as HTML or a text dump, as :func:`~cleantext.kind.resolve_kind`
    decides from ``kind``, the file name and the content."""
    run = extract_text if resolve_kind(kind, data, source) == "text" else extract
    return run(data, url=url, options=options)


def build_report(
    paths: Sequence[Path | str],
    gold: Mapping[str, str] | None = None,
    options: Options | None = None,
    *,
    title: str = "cleantext report",
    expanded: int = 0,
    patterns: Sequence[str] = PAGE_PATTERNS,
    kind: Kind = "auto",
) -> str:
    """Read and extract every page under ``paths`` and render the report.

    ``paths`` are files or folders; folders are walked recursively in sorted order
    for files matching ``patterns`` (default ``.html``/``.htm``/``.xhtml`` pages and
    ``.txt`` text dumps, each optionally ``.gz``) and WARC/ARC files. ``gold`` maps a
    page's name (its path without folder prefix and extensions, e.g. a benchmark case
    id) to its gold body; ``kind`` says how pages are read (:mod:`cleantext.kind`).
    Pages that cannot be read or extracted are listed as failures; ``title`` and
    ``expanded`` are passed to :func:`render_report`, and so are the options, which
    the report records.
    """
    opts = options if options is not None else Options()
    gold = gold or {}
    items: list[ReportItem] = []
    failures: list[tuple[str, str]] = []
    sources = expand([str(p) for p in paths], patterns)
    for record in iter_records(sources, max_bytes=opts.max_input_bytes):
        if record.error is not None:
            failures.append((record.name, record.error))
            continue
        try:
            doc = _extract_record(record.read(opts.max_input_bytes), record.source,
                                  record.url, opts, kind)
        except (ExtractionError, OSError) as exc:
            failures.append((record.name, f"{type(exc).__name__}: {exc}"))
            continue
        key = record.relpath
        body = gold.get(key, gold.get(key.rsplit("/", 1)[-1]))
        items.append(ReportItem(key, doc, body))
    return render_report(items, failures=failures, title=title, expanded=expanded,
                         options=opts)

"""Cost of hostile and huge pages: time and peak memory per case, to show cost is linear.

Every case runs in a fresh subprocess (``python bench_limits.py --child NAME``), so the
peak resident set (``resource.getrusage(...).ru_maxrss``) of one case cannot leak
into the next. The child builds its input, records its peak RSS so far, runs
:func:`cleantext.extract` (or :func:`cleantext.extract_text` for text dumps) once,
and prints one JSON object: seconds, peak RSS before and after, lines out, whether a
limit truncated the walk, or the typed error raised. The parent prints a table whose
``CPU s/MB`` column is the linearity check: it should stay roughly constant across
the ``page_*`` sizes. CPU seconds (``time.process_time``) rather than wall time,
because the benchmark machine is shared: wall time swings with the neighbours' load.

Run::

    python benchmarks/bench_limits.py                   # every case (about 3 minutes, 2 cores)
    python benchmarks/bench_limits.py --cases page_10k page_1m deep_100k
    python benchmarks/bench_limits.py --tracemalloc     # also Python-heap peaks (slower)
    python benchmarks/bench_limits.py --uncapped --cases page_1m page_10m page_50m
                                                        # no max_lines/max_elements cut
    python benchmarks/bench_limits.py --profile class_unique_10m   # cProfile top 25
    pytest benchmarks/bench_limits.py                   # pytest-benchmark, small cases only

Figures for one machine are in ``docs/limits.md``.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_SRC = Path(__file__).resolve().parents[1] / "src"
if str(_SRC) not in sys.path:
    sys.path.insert(0, str(_SRC))

import cleantext  # noqa: E402

MB = 1_000_000
"""Bytes in the megabytes of the case names and the s/MB column (decimal, as the issue)."""
SEED = 20240611
"""Seed of the page generator: every run measures the same bytes."""
_VOCABULARY = (
    "the of and to in a is that for it as was with be by on not he this are or his from "
    "at which but have an they you were her she there been one all we their has would "
    "when if so no will more can who said about what up out them into only other new "
    "some could time these two may then do first any my now such like our over man me "
    "even most made after also did many before must through back years where much your "
    "way well down should because each just those people how too little state good very "
    "make world still own see men work long get here between both life being under never "
    "day same another know while last might us great old year off come since against go "
    "came right used take three government council minister president reported statement"
)
_WORDS = _VOCABULARY.split()


@dataclass(frozen=True, slots=True)
class Case:
    """One benchmark input: how to build it (bytes) and which entry point reads it."""

    name: str
    build: Callable[[], bytes]
    text_dump: bool = False


def _sentence(rng: random.Random, words: int) -> str:
    body = " ".join(rng.choice(_WORDS) for _ in range(words))
    return body[0].upper() + body[1:] + "."


def _article_chunk(rng: random.Random, n: int) -> str:
    """One story's worth of page: nav list, headline, paragraphs with links, teasers."""
    nav = "".join(f'<li><a href="/s{i}">{rng.choice(_WORDS).title()}</a></li>'
                  for i in range(8))
    paras = []
    for _ in range(rng.randint(4, 9)):
        sentences = [_sentence(rng, rng.randint(8, 22)) for _ in range(rng.randint(2, 6))]
        if rng.random() < 0.4:
            sentences.insert(1, f'<a href="/x/{n}">{_sentence(rng, 3)}</a>')
        paras.append(f"<p>{' '.join(sentences)}</p>")
    teasers = "".join(
        f'<div class="teaser"><h3><a href="/t{n}-{i}">{_sentence(rng, 6)}</a></h3>'
        f"<span class=\"time\">{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}</span>"
        f"<p>{_sentence(rng, 14)}</p></div>" for i in range(3))
    return (f'<div class="story" id="s{n}"><nav class="menu"><ul>{nav}</ul></nav>'
            f"<article><h2>{_sentence(rng, 7)}</h2>{''.join(paras)}</article>"
            f'<aside class="related">{teasers}</aside></div>\n')


def realistic_page(size: int) -> bytes:
    """A generated news-like page of about ``size`` bytes (UTF-8), deterministic."""
    rng = random.Random(SEED)
    head = ("<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
            "<title>Generated page | Bench</title></head><body>"
            '<header class="masthead"><a href="/">Bench News</a></header><main>\n')
    tail = '</main><footer class="footer"><p>Copyright Bench News.</p></footer></body></html>'
    parts, total, n = [head], len(head) + len(tail), 0
    while total < size:
        chunk = _article_chunk(rng, n)
        parts.append(chunk)
        total += len(chunk.encode())
        n += 1
    parts.append(tail)
    return "".join(parts).encode()


def _text_dump(size: int) -> bytes:
    """A plain-text dump of about ``size`` bytes: one paragraph or menu item per line."""
    rng = random.Random(SEED)
    lines: list[str] = []
    total = 0
    while total < size:
        line = (_sentence(rng, rng.randint(20, 60)) if rng.random() < 0.6
                else rng.choice(_WORDS).title())
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines).encode()


def _wrap(body: str) -> bytes:
    return f"<html><head><title>t</title></head><body>{body}</body></html>".encode()


def _cases() -> dict[str, Case]:
    rng_words = " ".join(_WORDS)
    line = (rng_words + " ") * (20 * MB // (len(rng_words) + 1))
    cases = [
        Case("page_10k", lambda: realistic_page(10_000)),
        Case("page_1m", lambda: realistic_page(MB)),
        Case("page_5m", lambda: realistic_page(5 * MB)),
        Case("page_10m", lambda: realistic_page(10 * MB)),
        Case("page_20m", lambda: realistic_page(20 * MB)),
        Case("page_50m", lambda: realistic_page(50 * MB)),
        Case("text_10m", lambda: _text_dump(10 * MB), text_dump=True),
        Case("text_50m", lambda: _text_dump(50 * MB), text_dump=True),
        Case("deep_100k", lambda: _wrap("<p>before the nest</p>" + "<div>" * 100_000
                                        + "deep text" + "</div>" * 100_000
                                        + "<p>after the nest</p>")),
        Case("deep_unclosed_100k", lambda: _wrap("<p>before</p>" + "<div><span>x" * 100_000)),
        Case("siblings_1m", lambda: _wrap("<div>" + "<span>w</span>" * 1_000_000 + "</div>")),
        Case("siblings_p_1m", lambda: _wrap("<p>w</p>" * 1_000_000)),
        Case("line_20m_html", lambda: _wrap(f"<p>{line}</p>")),
        Case("line_20m_text", lambda: line.encode(), text_dump=True),
        Case("nospace_20m_text", lambda: b"a" * (20 * MB), text_dump=True),
        Case("attr_10m", lambda: _wrap('<div title="' + "x" * (10 * MB) + '">text</div>')),
        Case("class_10m", lambda: _wrap('<div class="' + "nav " * (10 * MB // 4)
                                        + '"><p>text</p></div>')),
        Case("class_unique_10m", lambda: _wrap(
            '<div class="' + " ".join(f"c{i}x" for i in range(10 * MB // 9))
            + '"><p>text</p></div>')),
        Case("colspan", lambda: _wrap(
            "<table><tr><td colspan=9007199254740991 rowspan=9007199254740991>cell</td>"
            "<td colspan=-1>b</td></tr></table>" * 1000)),
    ]
    return {case.name: case for case in cases}


CASES = _cases()
"""Every case by name, in the table's order."""


def _rss_mb() -> float:
    """Peak resident set of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MB


def run_case(case: Case, trace: bool, options: cleantext.Options) -> dict[str, Any]:
    """Build the case's input, extract once, and measure (runs inside the child)."""
    data = case.build()
    result: dict[str, Any] = {"case": case.name, "mb": len(data) / MB,
                              "rss_before": _rss_mb()}
    fn = cleantext.extract_text if case.text_dump else cleantext.extract
    if trace:
        tracemalloc.start()
    start, cpu_start = time.perf_counter(), time.process_time()
    try:
        doc = fn(data, options=options)
        result.update(lines=len(doc.lines), body_chars=len(doc.text), error=None)
    except cleantext.ExtractionError as exc:
        result.update(lines=0, body_chars=0, error=f"{type(exc).__name__}: {exc}")
    result["seconds"] = time.perf_counter() - start
    result["cpu_seconds"] = time.process_time() - cpu_start
    if trace:
        result["py_peak_mb"] = tracemalloc.get_traced_memory()[1] / MB
        tracemalloc.stop()
    result["rss_after"] = _rss_mb()
    return result


def _options(uncapped: bool) -> cleantext.Options:
    """Default options, or with the line and element caps lifted (``--uncapped``)."""
    if not uncapped:
        return cleantext.Options()
    return cleantext.Options().with_(max_lines=10**9, max_elements=10**9)


def _child(name: str, trace: bool, uncapped: bool) -> int:
    print(json.dumps(run_case(CASES[name], trace, _options(uncapped))))
    return 0


def _spawn(name: str, trace: bool, uncapped: bool) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", name] + (["--tracemalloc"] if trace else [])
    cmd += ["--uncapped"] if uncapped else []
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        return {"case": name, "error": f"child failed ({proc.returncode}): "
                f"{proc.stderr.strip().splitlines()[-1:]}"}
    out: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return out


def format_table(rows: list[dict[str, Any]]) -> str:
    """A Markdown table of the measurements (one row per case)."""
    head = ("| case | input MB | wall s | CPU s | CPU s/MB | peak RSS MB | RSS added MB |"
            " lines | result |\n|---|---:|---:|---:|---:|---:|---:|---:|---|")
    out = [head]
    for r in rows:
        if "seconds" not in r:
            out.append(f"| {r['case']} | | | | | | | | {r['error']} |")
            continue
        cpu = r.get("cpu_seconds", r["seconds"])
        per_mb = cpu / r["mb"] if r["mb"] >= 0.5 else float("nan")
        result = r["error"] or "ok"
        if "py_peak_mb" in r:
            result += f" (py heap peak {r['py_peak_mb']:.0f} MB)"
        out.append(f"| {r['case']} | {r['mb']:.2f} | {r['seconds']:.3f} | {cpu:.3f} |"
                   f" {per_mb:.3f} |"
                   f" {r['rss_after']:.0f} | {r['rss_after'] - r['rss_before']:.0f} |"
                   f" {r['lines']:,} | {result} |")
    return "\n".join(out)


def _profile(name: str) -> None:
    case = CASES[name]
    data = case.build()
    fn = cleantext.extract_text if case.text_dump else cleantext.extract
    profiler = cProfile.Profile()
    profiler.runcall(fn, data)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main(argv: list[str] | None = None) -> int:
    """Command line: run cases in subprocesses and print the table (see module doc)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", nargs="+", choices=sorted(CASES), default=list(CASES))
    parser.add_argument("--tracemalloc", action="store_true",
                        help="also trace the Python heap peak (slows the run 2-3x)")
    parser.add_argument("--uncapped", action="store_true",
                        help="lift max_lines and max_elements, to see cost without truncation")
    parser.add_argument("--json", type=Path, help="also write the raw rows here")
    parser.add_argument("--profile", choices=sorted(CASES), help="cProfile one case, in process")
    parser.add_argument("--child", choices=sorted(CASES), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _child(args.child, args.tracemalloc, args.uncapped)
    if args.profile:
        _profile(args.profile)
        return 0
    rows = []
    for name in args.cases:
        rows.append(_spawn(name, args.tracemalloc, args.uncapped))
        print(f"{name}: done", file=sys.stderr, flush=True)
    print(format_table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


def test_bench_page_1m(benchmark: Any) -> None:
    """pytest-benchmark: a generated 1 MB page through :func:`cleantext.extract`."""
    data = realistic_page(MB)
    doc = benchmark(cleantext.extract, data)
    assert doc.text


def test_bench_deep_nesting(benchmark: Any) -> None:
    """pytest-benchmark: 100,000-deep nesting, text before and after kept."""
    data = CASES["deep_100k"].build()
    doc = benchmark(cleantext.extract, data)
    assert "after the nest" in "\n".join(line.text for line in doc.lines)


if __name__ == "__main__":
    sys.exit(main())

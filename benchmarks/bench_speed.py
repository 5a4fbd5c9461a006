"""Extraction speed per stage, end to end, against lxml parsing alone and trafilatura.

Two ways to run it::

    pytest benchmarks/bench_speed.py --benchmark-only   # pytest-benchmark timings
    python benchmarks/bench_speed.py                    # the table docs/speed.md quotes
    python benchmarks/bench_speed.py --repeat 3 --loop 2000 --scrapinghub 100 --wcxb 100

Pages: the first ``--scrapinghub`` pages of /work/shared/bench/scrapinghub plus the
first ``--wcxb`` of wcxb-dev (file-name order, so the sample is fixed); when the shared
sets are absent, the bundled tests/fixtures/sample pages. Every page is decoded from
gzip to ``str`` before timing, so no figure includes reading files.

Figures (best of ``--repeat`` runs; the machine is shared, so compare
figures of one run with each other rather than across runs):

* per stage, CPU ms per page (``time.process_time``: the whole process, so BLAS
  worker threads count): lxml parse alone (the same parser options the segment stage
  uses), decode, segment (includes its lxml parse), features, score (line and context
  networks), context rules (flip reasons, title, rules), assemble, and the rest of the
  pipeline's glue; stages are timed by wrapping the functions :mod:`cleantext.pipeline`
  calls, so the pipeline runs unchanged;
* end to end: pages/s and MB/s (UTF-8 megabytes of input per second) of
  :func:`cleantext.extract`, with ratios ours / lxml parse and trafilatura / ours,
  and of ``extract`` followed by reading ``Document.lines`` (the line objects are
  built on first read, so a caller who reads only ``.text`` never pays for them), and
  CPU per page of the whole process (pages per CPU-second) for ours, the parse and
  trafilatura;
* parse alone with lexbor (``selectolax``), when installed, for the backend question;
* memory: peak RSS increase per page (Linux: the kernel's peak is reset before each
  page through /proc/self/clear_refs) and RSS after 200 and after ``--loop``
  extractions in one process, to show that memory does not grow.

OpenBLAS threads: the score stage's products run in row blocks below OpenBLAS's
threading threshold (``cleantext.numeric.matmul``), so no BLAS worker thread wakes in
any environment; the report prints the ``OPENBLAS_NUM_THREADS`` setting and
``cleantext.__compiled__`` (``CLEANTEXT_PURE_PYTHON=1`` times the pure-Python path).
``--quick`` prints the stage table and CPU per page only.

No figure is asserted: wall-clock limits fail on loaded machines and prove nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import gzip
import importlib
import os
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_SRC = Path(__file__).resolve().parents[1] / "src"
if str(_SRC) not in sys.path:
    sys.path.insert(0, str(_SRC))

import pytest  # noqa: E402
from lxml import etree  # noqa: E402

import cleantext  # noqa: E402
from cleantext.internal import pipeline  # noqa: E402

SHARED = Path("/work/shared/bench")
"""The shared benchmark sets (outside the repository); see their README.md."""

SAMPLE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "sample" / "html"
"""Bundled real pages, used when the shared sets are absent."""

# pipeline.<name> → stage it belongs to. Wrapping these names in the pipeline
# module's namespace times every stage without copying the pipeline's logic. Names
# the pipeline lacks (an older version of it, timed for comparison) are skipped.
STAGES: dict[str, str] = {
    "decode_page": "decode",
    "to_text": "decode",
    "segment_html": "segment",
    "compute_features": "features",
    "score_page": "score",
    "apply_rules": "rules",
    "title_before_rules": "title",
    "choose_title": "title",
    "build_document": "assemble",
    # Names of the pipeline before issue 17 (score, then context rules and title).
    "score_lines": "score",
    "context_probabilities": "score",
    "flip_reasons": "rules",
    "find_title": "title",
    "title_duplicates": "title",
}
STAGE_ORDER = ("decode", "segment", "features", "score", "rules", "title", "assemble")

PAGE_SIZE_KB = 1024
"""Bytes per KiB, for the RSS figures (Linux reports them in kB)."""


@dataclass(frozen=True, slots=True)
class Page:
    """One benchmark page: ``name`` (set/id) and its HTML as ``str``."""

    name: str
    html: str


def load_pages(scrapinghub: int, wcxb: int) -> list[Page]:
    """The fixed sample: first pages of the shared sets, else the bundled sample."""
    paths: list[tuple[str, Path]] = []
    for set_name, limit in (("scrapinghub", scrapinghub), ("wcxb-dev", wcxb)):
        folder = SHARED / set_name / "html"
        if folder.is_dir():
            paths += [(set_name, p) for p in sorted(folder.glob("*.html.gz"))[:limit]]
    if not paths:
        paths = [("sample", p) for p in sorted(SAMPLE.glob("*.html.gz"))]
    return [Page(f"{s}/{p.name.removesuffix('.html.gz')}", _read(p)) for s, p in paths]


def _read(path: Path) -> str:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return handle.read()


def lxml_parse(page: str) -> object:
    """Parse alone with the segment stage's parser options: the floor for any
    lxml-based extractor."""
    parser = etree.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True,
                              remove_pis=True, remove_blank_text=False, huge_tree=True)
    return etree.fromstring(page.encode("utf-8", "replace"), parser=parser)


def extract_with_lines(page: str) -> object:
    """Extraction for a caller who reads every line (the lines are built on first
    read; the timed stages above and plain ``extract`` cover a ``.text`` reader)."""
    return cleantext.extract(page).lines


MISSING: dict[str, str] = {}
"""Optional reference module → why it could not be imported (printed in the report)."""


def _optional(module: str) -> Any | None:
    try:
        return importlib.import_module(module)
    except ImportError as exc:  # trafilatura needs lxml_html_clean with lxml >= 5.2
        MISSING[module] = f"{type(exc).__name__}: {exc}".splitlines()[0]
        return None


def trafilatura_extract() -> Callable[[str], object] | None:
    """trafilatura's default extraction, or None when it is not installed."""
    trafilatura = _optional("trafilatura")
    if trafilatura is None:
        return None
    extract: Callable[[str], object] = trafilatura.extract
    return extract


def lexbor_parse() -> Callable[[str], object] | None:
    """selectolax's lexbor parse, or None when selectolax is not installed."""
    lexbor = _optional("selectolax.lexbor")
    if lexbor is None:
        return None
    parser: Callable[[str], object] = lexbor.LexborHTMLParser
    return parser


CPU_SECONDS: dict[str, float] = {}
"""Best CPU seconds of the last :func:`time_pages` run per function name: user plus
system time of the whole process (``getrusage(RUSAGE_SELF)``), so the time BLAS
worker threads spin on other cores counts too."""


def _process_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def time_pages(func: Callable[[str], object], pages: list[Page], repeat: int) -> float:
    """Best-of-``repeat`` wall seconds to run ``func`` over every page once (the best
    CPU seconds go to :data:`CPU_SECONDS` under the function's name)."""
    best = best_cpu = float("inf")
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), _process_cpu()
        for page in pages:
            func(page.html)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, _process_cpu() - start_cpu)
    CPU_SECONDS[_key(func)] = best_cpu
    return best


def _key(func: Callable[[str], object]) -> str:
    return f"{getattr(func, '__module__', '')}.{getattr(func, '__qualname__', repr(func))}"


STAGE_CLOCK = time.process_time
"""The stages' clock: CPU seconds of the whole process (all threads, so BLAS workers
count), which a loaded shared machine disturbs much less than wall time."""


@contextlib.contextmanager
def stage_timers(totals: dict[str, float]) -> Iterator[None]:
    """Within the block, seconds spent in each stage are added to ``totals``."""
    originals = {name: getattr(pipeline, name) for name in STAGES if hasattr(pipeline, name)}

    def wrap(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        stage = STAGES[name]

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = STAGE_CLOCK()
            try:
                return func(*args, **kwargs)
            finally:
                totals[stage] = totals.get(stage, 0.0) + STAGE_CLOCK() - start
        return timed

    try:
        for name, func in originals.items():
            setattr(pipeline, name, wrap(name, func))
        yield
    finally:
        for name, func in originals.items():
            setattr(pipeline, name, func)


def stage_seconds(pages: list[Page], repeat: int) -> dict[str, float]:
    """Seconds per stage over all pages (each stage's best of ``repeat`` runs), plus
    ``other``: the end-to-end time of the best run not inside any stage."""
    best: dict[str, float] = {}
    for _ in range(repeat):
        totals: dict[str, float] = {}
        with stage_timers(totals):
            start = STAGE_CLOCK()
            for page in pages:
                cleantext.extract(page.html)
            totals["total"] = STAGE_CLOCK() - start
        totals["other"] = totals["total"] - sum(totals.get(s, 0.0) for s in STAGE_ORDER)
        for key, value in totals.items():
            best[key] = min(best.get(key, float("inf")), value)
    return best


def _status_kb(field: str) -> int | None:
    """A ``VmRSS``/``VmHWM`` figure of /proc/self/status in kB (None off Linux)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def peak_rss_per_page(pages: list[Page]) -> list[int]:
    """Per page, kB by which the process's peak RSS rose above its RSS before the
    page (empty when the kernel does not let us reset the peak)."""
    peaks: list[int] = []
    for page in pages:
        gc.collect()
        if not _reset_peak():
            return []
        before = _status_kb("VmRSS")
        cleantext.extract(page.html)
        after = _status_kb("VmHWM")
        if before is None or after is None:
            return []
        peaks.append(max(after - before, 0))
    return peaks


def traced_peak_per_page(pages: list[Page]) -> list[int]:
    """Per page, the peak bytes of Python allocations during its extraction
    (tracemalloc; libxml2's tree is C memory and not counted)."""
    peaks: list[int] = []
    tracemalloc.start()
    try:
        for page in pages:
            tracemalloc.reset_peak()
            base = tracemalloc.get_traced_memory()[0]
            cleantext.extract(page.html)
            peaks.append(tracemalloc.get_traced_memory()[1] - base)
    finally:
        tracemalloc.stop()
    return peaks


def rss_over_loop(pages: list[Page], count: int, checkpoints: tuple[int, ...]
                  ) -> dict[int, int | None]:
    """RSS in kB after ``n`` extractions (cycling over the pages) for each checkpoint."""
    found: dict[int, int | None] = {}
    for n in range(1, count + 1):
        cleantext.extract(pages[n % len(pages)].html)
        if n in checkpoints:
            gc.collect()
            found[n] = _status_kb("VmRSS")
    return found


def _megabytes(pages: list[Page]) -> float:
    return sum(len(p.html.encode("utf-8", "replace")) for p in pages) / 1e6


def report(pages: list[Page], repeat: int, loop: int, quick: bool = False) -> None:
    """Print every figure of the module docstring as Markdown tables."""
    n, mb = len(pages), _megabytes(pages)
    print(f"{n} pages, {mb:.1f} MB of HTML (UTF-8); best of {repeat} runs; "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}; "
          f"cleantext.__compiled__={getattr(cleantext, '__compiled__', 'n/a')!r}\n")
    cleantext.extract(pages[0].html)  # load the model outside the timings
    parse = time_pages(lxml_parse, pages, repeat)
    stages = stage_seconds(pages, repeat)
    ours = time_pages(cleantext.extract, pages, repeat)
    print("| stage (CPU) | ms/page | share of end to end |\n|---|---:|---:|")
    cpu_parse = CPU_SECONDS[_key(lxml_parse)]
    print(f"| lxml parse alone (reference) | {1e3 * cpu_parse / n:.2f} | |")
    walk = stages.get("segment", 0.0) - cpu_parse
    print(f"| walk (segment minus the parse alone) | {1e3 * walk / n:.2f} | |")
    for stage in (*STAGE_ORDER, "other"):
        share = stages.get(stage, 0.0) / stages["total"]
        print(f"| {stage} | {1e3 * stages.get(stage, 0.0) / n:.2f} | {share:.0%} |")
    print(f"| end to end (timed stages) | {1e3 * stages['total'] / n:.2f} | 100% |\n")
    cpu_ours = CPU_SECONDS[_key(cleantext.extract)]
    print(f"CPU (whole process, BLAS threads included): cleantext.extract "
          f"{1e3 * cpu_ours / n:.2f} ms/page = {n / cpu_ours:.1f} pages per CPU-second "
          f"(wall {1e3 * ours / n:.2f} ms/page); lxml parse alone {n / cpu_parse:.0f} pages "
          f"per CPU-second; ours / lxml parse = {cpu_ours / cpu_parse:.1f}x the CPU\n")
    if quick:
        return
    print("| extractor | pages/s | MB/s | ratio |\n|---|---:|---:|---|")
    print(f"| lxml parse alone | {n / parse:.0f} | {mb / parse:.1f} | |")
    print(f"| cleantext.extract | {n / ours:.1f} | {mb / ours:.2f} | "
          f"ours / lxml parse = {ours / parse:.1f}x the time |")
    with_lines = time_pages(extract_with_lines, pages, repeat)
    print(f"| cleantext.extract, then .lines | {n / with_lines:.1f} | {mb / with_lines:.2f} | "
          f"{with_lines / ours:.2f}x the time of .text alone |")
    trafilatura = trafilatura_extract()
    if trafilatura is not None:
        theirs = time_pages(trafilatura, pages, 1)
        cpu_theirs = CPU_SECONDS[_key(trafilatura)]
        print(f"| trafilatura.extract (1 run) | {n / theirs:.1f} | {mb / theirs:.2f} | "
              f"trafilatura / ours = {theirs / ours:.2f}x the time; "
              f"{n / cpu_theirs:.1f} pages per CPU-second = "
              f"{cpu_theirs / cpu_ours:.2f}x ours in CPU |")
        done_when = (f"issue 20's done-when: ours / trafilatura pages per CPU-second = "
                     f"{cpu_theirs / cpu_ours:.2f} (target >= 5); ours / lxml parse CPU = "
                     f"{cpu_ours / cpu_parse:.1f}x (target <= 2)")
    else:
        done_when = (f"trafilatura not timed ({MISSING.get('trafilatura', 'not installed')}; "
                     "pip install -e '.[compare]')")
    lexbor = lexbor_parse()
    if lexbor is not None:
        lex = time_pages(lexbor, pages, repeat)
        print(f"| selectolax (lexbor) parse alone | {n / lex:.0f} | {mb / lex:.1f} | "
              f"lxml parse / lexbor parse = {parse / lex:.1f}x the time |")
    print(f"\n{done_when}")
    _memory_report(pages, loop)


def _memory_report(pages: list[Page], loop: int) -> None:
    peaks = peak_rss_per_page(pages)
    print()
    if peaks:
        print(f"peak RSS increase per page: median {statistics.median(peaks) / PAGE_SIZE_KB:.1f}"
              f" MB, max {max(peaks) / PAGE_SIZE_KB:.1f} MB")
    else:
        print("peak RSS per page: not available (needs Linux /proc/self/clear_refs)")
    traced = traced_peak_per_page(pages)
    print(f"peak Python allocations per page (tracemalloc): median "
          f"{statistics.median(traced) / 1e6:.1f} MB, max {max(traced) / 1e6:.1f} MB")
    first = min(200, loop)
    rss = rss_over_loop(pages, loop, (first, loop))
    print(f"RSS after {first} extractions: {_mb(rss.get(first))}; "
          f"after {loop}: {_mb(rss.get(loop))}")


def _mb(kb: int | None) -> str:
    return "n/a" if kb is None else f"{kb / PAGE_SIZE_KB:.1f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scrapinghub", type=int, default=100, help="pages of scrapinghub")
    parser.add_argument("--wcxb", type=int, default=100, help="pages of wcxb-dev")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; best is kept")
    parser.add_argument("--loop", type=int, default=2000,
                        help="extractions in one process for the memory-growth check")
    parser.add_argument("--quick", action="store_true",
                        help="stages and CPU per page only (no references, no memory)")
    args = parser.parse_args(argv)
    report(load_pages(args.scrapinghub, args.wcxb), args.repeat, args.loop, args.quick)
    return 0


# --- pytest-benchmark: a small fixed sample, one round per stage ---------------------

BENCH_PAGES = 20
"""Pages per pytest benchmark: enough to average page shapes, short enough to run."""


@pytest.fixture(scope="module")
def pages() -> list[Page]:
    found = load_pages(BENCH_PAGES, 0)
    if not found:
        pytest.skip("no pages: neither the shared sets nor tests/fixtures/sample are present")
    cleantext.extract(found[0].html)  # load the model outside the timings
    return found


def _run_all(func: Callable[[str], object], pages: list[Page]) -> None:
    for page in pages:
        func(page.html)


def test_lxml_parse_alone(benchmark: Any, pages: list[Page]) -> None:
    benchmark.pedantic(_run_all, args=(lxml_parse, pages), rounds=3, iterations=1)


def test_extract_end_to_end(benchmark: Any, pages: list[Page]) -> None:
    benchmark.pedantic(_run_all, args=(cleantext.extract, pages), rounds=3, iterations=1)


Call = tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]


def recorded_calls(pages: list[Page]) -> dict[str, list[Call]]:
    """Per stage, every call the pipeline made to it over ``pages`` (function and
    arguments), so a benchmark can replay one stage alone on real inputs."""
    calls: dict[str, list[Call]] = {stage: [] for stage in STAGE_ORDER}
    originals = {name: getattr(pipeline, name) for name in STAGES if hasattr(pipeline, name)}

    def wrap(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def recorder(*args: Any, **kwargs: Any) -> Any:
            calls[STAGES[name]].append((func, args, kwargs))
            return func(*args, **kwargs)
        return recorder

    try:
        for name, func in originals.items():
            setattr(pipeline, name, wrap(name, func))
        _run_all(cleantext.extract, pages)
    finally:
        for name, func in originals.items():
            setattr(pipeline, name, func)
    return calls


def _replay(calls: list[Call]) -> None:
    for func, args, kwargs in calls:
        func(*args, **kwargs)


@pytest.mark.parametrize("stage", STAGE_ORDER)
def test_stage(benchmark: Any, pages: list[Page], stage: str) -> None:
    """One stage alone, replayed on the inputs the pipeline gave it for the sample
    (no stage mutates its arguments, so every round sees the same input)."""
    calls = recorded_calls(pages)[stage]
    assert calls, f"stage {stage} was never called: the pipeline's names changed"
    benchmark.pedantic(_replay, args=(calls,), rounds=3, iterations=1)


def test_trafilatura_reference(benchmark: Any, pages: list[Page]) -> None:
    extract = trafilatura_extract()
    if extract is None:
        pytest.skip("trafilatura is not installed")
    benchmark.pedantic(_run_all, args=(extract, pages), rounds=1, iterations=1)


def test_memory_does_not_grow(pages: list[Page]) -> None:
    """RSS after 200 vs 600 extractions, printed (``-s``) and bounded loosely: a leak
    of a page's worth of objects per call would add hundreds of MB here."""
    rss = rss_over_loop(pages, 600, (200, 600))
    if rss.get(200) is None or rss.get(600) is None:
        pytest.skip("RSS is read from /proc/self/status (Linux only)")
    print(f"RSS after 200: {_mb(rss[200])}, after 600: {_mb(rss[600])}")
    grown = (rss[600] or 0) - (rss[200] or 0)
    assert grown < 64 * PAGE_SIZE_KB, f"RSS grew by {grown} kB over 400 extractions"


if __name__ == "__main__":
    sys.exit(main())

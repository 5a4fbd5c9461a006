"""Batch throughput of the real ``cleantext`` command (pages/s) with 1 and 2 workers.

The wcxb-dev pages (``../shared/bench/wcxb-dev/html/*.html.gz``) are gunzipped into a
temporary folder first, so the timing covers what a user's run covers — process start,
imports, walking the folder, reading, extracting, writing JSON Lines atomically — and
not gzip. Each run is::

    python -m cleantext DIR --format jsonl -o out.jsonl --workers N -q

timed from outside (wall clock, seconds), then pages/s = pages / seconds. Pages that fail
are counted (and their number printed): a failure is still a page the batch got through.
The CPU seconds of the command and its workers (user + system, from ``getrusage`` of
the children) are printed too: on a machine shared with other jobs the wall clock
measures the neighbours as much as cleantext, and pages per CPU-second does not. The
load average at the start is printed for the same reason.

Run::

    python benchmarks/bench_cli.py                      # all 1,358 pages, workers 1 and 2
    python benchmarks/bench_cli.py --limit 300          # a quicker look
    python benchmarks/bench_cli.py --workers 1 2 4 --extra --site-profile auto
    pytest benchmarks/bench_cli.py                      # pytest-benchmark, 60 pages

The shared set lives outside the repository; without it the script says so and exits 0,
and the pytest benchmark skips. Figures for one machine are in ``docs/cli.md``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
WCXB = ROOT.parent / "shared" / "bench" / "wcxb-dev"
"""The shared benchmark set (``../shared/bench/wcxb-dev`` from the repository)."""

PYTEST_PAGES = 60
"""Pages in the pytest-benchmark run: enough to amortise process start, small enough to
keep ``pytest benchmarks/`` quick on two shared cores."""


@dataclass(frozen=True, slots=True)
class Run:
    """One timed CLI run: workers, pages, failed pages, wall-clock and CPU seconds."""

    workers: int
    pages: int
    errors: int
    seconds: float
    cpu_seconds: float

    @property
    def pages_per_s(self) -> float:
        """Throughput, pages per second of wall clock."""
        return self.pages / self.seconds if self.seconds > 0 else 0.0

    @property
    def pages_per_cpu_s(self) -> float:
        """Pages per CPU-second (user + system, all processes of the run)."""
        return self.pages / self.cpu_seconds if self.cpu_seconds > 0 else 0.0


def unpack(html_dir: Path, target: Path, limit: int | None = None) -> int:
    """Gunzip the first ``limit`` pages (sorted by name; all for ``None``) into
    ``target`` as ``ID.html``; the number of pages written."""
    target.mkdir(parents=True, exist_ok=True)
    paths = sorted(html_dir.glob("*.html.gz"))[:limit]
    for path in paths:
        (target / path.name.removesuffix(".gz")).write_bytes(gzip.decompress(path.read_bytes()))
    return len(paths)


def run_cli(folder: Path, out: Path, workers: int, extra: Sequence[str] = ()) -> Run:
    """Time one ``cleantext FOLDER --format jsonl -o OUT --workers N`` run."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH")) if p)
    cmd = [sys.executable, "-m", "cleantext", str(folder), "--format", "jsonl",
           "-o", str(out), "--workers", str(workers), "-q", *extra]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, env=env, check=False)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if result.returncode not in (0, 1):
        raise RuntimeError(f"cleantext exited {result.returncode}: {result.stderr.decode()}")
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    errors = sum(1 for r in records if r["error"] is not None)
    return Run(workers, len(records), errors, seconds, cpu)


def measure(bench: Path, limit: int | None, workers: Sequence[int],
            extra: Sequence[str]) -> list[Run]:
    """Unpack a set's pages into a temporary folder and time one run per worker count."""
    with tempfile.TemporaryDirectory(prefix="bench_cli_") as tmp:
        pages = Path(tmp) / "pages"
        unpack(bench / "html", pages, limit)
        return [run_cli(pages, Path(tmp) / f"out{n}.jsonl", n, extra) for n in workers]


def main(argv: Sequence[str] | None = None) -> int:
    """Print a table of pages/s per worker count."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, default=WCXB, metavar="DIR",
                        help="benchmark set with html/*.html.gz (default: %(default)s)")
    parser.add_argument("--limit", type=int, default=None, help="first N pages only")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--extra", nargs=argparse.REMAINDER, default=[],
                        help="more cleantext flags, e.g. --site-profile auto")
    args = parser.parse_args(argv)
    if not (args.set / "html").is_dir():
        print(f"skipped: the shared benchmark set is absent ({args.set})")
        return 0
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    runs = measure(args.set, args.limit, args.workers, args.extra)
    print(f"cleantext CLI on {args.set.name} ({runs[0].pages} pages, cpu_count={os.cpu_count()}, "
          f"load average at start {load:.1f})")
    print(f"{'workers':>7} {'pages':>6} {'errors':>6} {'seconds':>8} {'pages/s':>8} "
          f"{'cpu s':>7} {'pages/cpu-s':>11}")
    for run in runs:
        print(f"{run.workers:>7} {run.pages:>6} {run.errors:>6} {run.seconds:>8.1f} "
              f"{run.pages_per_s:>8.1f} {run.cpu_seconds:>7.1f} {run.pages_per_cpu_s:>11.1f}")
    if len(runs) > 1 and runs[0].pages_per_s > 0:
        print(f"speed-up {runs[0].workers}->{runs[-1].workers} workers: "
              f"{runs[-1].pages_per_s / runs[0].pages_per_s:.2f}x")
    return 0


def test_cli_batch_throughput(benchmark: Any, tmp_path: Path) -> None:
    """pytest-benchmark: one 2-worker CLI run over the first PYTEST_PAGES pages."""
    import pytest

    if not (WCXB / "html").is_dir():
        pytest.skip(f"the shared benchmark set is absent ({WCXB})")
    count = unpack(WCXB / "html", tmp_path / "pages", PYTEST_PAGES)
    run = benchmark.pedantic(run_cli, args=(tmp_path / "pages", tmp_path / "out.jsonl", 2),
                             rounds=1, iterations=1)
    assert run.pages == count
    benchmark.extra_info["pages_per_s"] = round(run.pages_per_s, 1)


if __name__ == "__main__":
    sys.exit(main())

"""Throughput and memory of ``cleantext`` on a (large) WET file (docs/corpus.md).

Runs ``python -m cleantext WET --format jsonl -q ARGS... > OUT`` and samples, every
``--every`` seconds, the resident memory of the whole process tree (the main process
plus its workers, summed from ``/proc``), then prints records written, records/s, MB/s
of the (compressed) file and the peak RSS of the tree and of its largest process.
``--seconds`` stops the run (Ctrl-C, so it exits cleanly) after that long, to watch
memory on a file too large to finish: figures then cover the records done so far.

    python benchmarks/wet_memory.py [--seconds S] /tmp/big.warc.wet.gz -- -j 2 --site-profile auto

``--cross-site HOSTS`` instead times the end of pass one alone in this process
(:func:`cleantext.crosssite.with_cross_site`) on HOSTS one-page host profiles of 100
line hashes each (90 unique, 10 from a pool of 2,000 shared lines), the shape of a WET
file's many small hosts, and prints its time and the rise of peak RSS.

    python benchmarks/wet_memory.py --cross-site 40000 -
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_PAGE = os.sysconf("SC_PAGE_SIZE")


def tree(pid: int) -> list[int]:
    """``pid`` and every descendant (from /proc/*/stat parent ids)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    out, stack = [], [pid]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(children.get(current, []))
    return out


def rss(pid: int) -> int:
    """Resident bytes of one process (0 once it is gone)."""
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def cross_site(hosts: int) -> None:
    """Time and peak memory of with_cross_site on ``hosts`` synthetic one-page hosts."""
    import resource

    import numpy as np

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from cleantext.crosssite import with_cross_site
    from cleantext.profile import SiteProfile
    from cleantext.profile_io import ProfileParts, encode

    rng = np.random.default_rng(0)
    pool = rng.integers(1, 2**63, 2000, dtype=np.uint64)
    profiles = {}
    for i in range(hosts):
        lines = np.unique(np.concatenate([rng.integers(1, 2**63, 90, dtype=np.uint64),
                                          rng.choice(pool, 10)]))
        parts = ProfileParts(lines, np.ones(lines.size, dtype=np.uint32), 1, 4_000_000, 0)
        profiles[f"host{i}.example"] = SiteProfile.from_bytes(encode(parts))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    out = with_cross_site(profiles, 3)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{hosts} hosts, {sum(len(p) for p in profiles.values())} hashes: with_cross_site "
          f"in {seconds:.1f} s, peak RSS {before:.0f} -> {after:.0f} MiB; {len(out)} "
          f"profiles with {sum(len(p) for p in out.values())} hashes kept")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("wet", type=Path)
    ap.add_argument("--seconds", type=float, default=0.0, help="stop after this long")
    ap.add_argument("--every", type=float, default=2.0, help="sampling period, seconds")
    ap.add_argument("--cross-site", type=int, default=0, metavar="HOSTS",
                    help="time with_cross_site on HOSTS synthetic hosts instead (WET: -)")
    ap.add_argument("args", nargs="*", help="more cleantext arguments (after --)")
    args = ap.parse_args()
    if args.cross_site:
        cross_site(args.cross_site)
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        cmd = [sys.executable, "-m", "cleantext", str(args.wet), "--format", "jsonl", "-q",
               *args.args]
        start = time.perf_counter()
        sink = out.open("wb")
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.DEVNULL)
        peak_tree = peak_one = 0
        stopped = False
        while proc.poll() is None:
            sizes = [rss(p) for p in tree(proc.pid)]
            peak_tree, peak_one = max(peak_tree, sum(sizes)), max(peak_one, max(sizes))
            if args.seconds and time.perf_counter() - start > args.seconds and not stopped:
                proc.send_signal(signal.SIGINT)
                stopped = True
            time.sleep(args.every)
        seconds = time.perf_counter() - start
        sink.close()
        records = max(0, sum(1 for _ in out.open("rb")) - 1)  # the header is not a page
    size = args.wet.stat().st_size / 1e6
    note = " (stopped; figures for the records written)" if stopped else ""
    print(f"{args.wet.name} ({size:.0f} MB) {' '.join(args.args)}: {records} records in "
          f"{seconds:.0f} s{note}: {records / seconds:.1f} records/s; peak RSS "
          f"{peak_tree / 2**20:.0f} MiB for the process tree, {peak_one / 2**20:.0f} MiB "
          f"for the largest process; exit {proc.returncode}")
    if not stopped:
        print(f"  {size / seconds:.2f} MB/s of file")


if __name__ == "__main__":
    main()

"""Site-profile build speed (pages/s) and memory (bytes per page) on daniel-dev.

Two ways to run it::

    pytest benchmarks/bench_profile.py            # pytest-benchmark timings
    python benchmarks/bench_profile.py            # prints the figures docs/site-profiles.md quotes
    python benchmarks/bench_profile.py --synthetic 200000 --max-hashes 1000000

Figures: pages/s of :meth:`SiteProfile.add` (decode + segment + hash + count, per site),
pages/s of :meth:`SiteProfile.add_lines` alone (lines already segmented: the profile's
own cost), array bytes per page added (12 bytes per distinct hash kept, divided by
pages), and the tracemalloc peak of building. ``--synthetic N`` streams N made-up pages
into one profile to show the cap holding memory flat. The daniel-dev set lives outside
the repository; the pytest benchmarks skip when it is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
import tracemalloc
from collections.abc import Sequence
from pathlib import Path
from typing import Any

_SRC = Path(__file__).resolve().parents[1] / "src"
if str(_SRC) not in sys.path:
    sys.path.insert(0, str(_SRC))

from cleantext import SiteProfile  # noqa: E402
from cleantext.internal import page_lines  # noqa: E402

DANIEL = Path("/work/shared/bench/daniel-dev")
"""The benchmark set (pages of 284 news sites, 2011-12); see its SOURCE.md."""

SYNTHETIC_LINES = 40
"""Lines per made-up page in ``--synthetic`` runs: about a news page's block count."""
SYNTHETIC_SHARED = 0.3
"""Share of a made-up page's lines drawn from a site-wide pool (menus, teasers)."""

Pages = list[tuple[str, str]]


def load_daniel(root: Path = DANIEL) -> Pages:
    """``(site, html)`` for every page of the set, site = the domain inside the id."""
    out: Pages = []
    with (root / "cases.jsonl").open(encoding="utf-8") as cases:
        for raw in cases:
            case_id = json.loads(raw)["id"]
            with gzip.open(root / "html" / f"{case_id}.html.gz", "rt", encoding="utf-8") as f:
                out.append((case_id.split("_")[1].removeprefix("www."), f.read()))
    return out


def build_by_site(pages: Pages) -> dict[str, SiteProfile]:
    """One profile per site, every page through :meth:`SiteProfile.add` (HTML)."""
    profiles: dict[str, SiteProfile] = {}
    for site, html in pages:
        profiles.setdefault(site, SiteProfile()).add(html, text=False)
    return profiles


def build_from_lines(lines: Sequence[tuple[str, list[str]]]) -> dict[str, SiteProfile]:
    """The same from pre-segmented lines: the profile's own cost without parsing."""
    profiles: dict[str, SiteProfile] = {}
    for site, page in lines:
        profiles.setdefault(site, SiteProfile()).add_lines(page)
    return profiles


def memory_figures(profiles: dict[str, SiteProfile]) -> dict[str, float]:
    """Array bytes per page, per site and for all pages pooled into one profile."""
    pages = sum(p.pages for p in profiles.values())
    site_bytes = sum(p.nbytes for p in profiles.values())
    pooled = SiteProfile()
    for prof in profiles.values():
        pooled = pooled.merge(prof)
    return {"pages": pages, "sites": len(profiles),
            "bytes_per_page_by_site": site_bytes / pages,
            "bytes_per_page_pooled": pooled.nbytes / pages,
            "distinct_hashes_pooled": len(pooled)}


def synthetic(pages: int, max_hashes: int, seed: int = 0) -> dict[str, float]:
    """Stream made-up pages into one capped profile; memory and speed figures."""
    rng = random.Random(seed)
    pool = [f"shared line {rng.getrandbits(64):x}" for _ in range(2000)]
    shared = int(SYNTHETIC_LINES * SYNTHETIC_SHARED)
    prof = SiteProfile(max_hashes=max_hashes)
    tracemalloc.start()
    start = time.perf_counter()
    for _ in range(pages):
        unique = [f"body line {rng.getrandbits(64):x}" for _ in range(SYNTHETIC_LINES - shared)]
        prof.add_lines(rng.sample(pool, shared) + unique)
    nbytes = prof.nbytes  # folds the last pending pages
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"pages": pages, "pages_per_s (under tracemalloc)": pages / elapsed, "hashes": len(prof),
            "dropped": prof.dropped, "array_bytes": nbytes, "bytes_per_page": nbytes / pages,
            "tracemalloc_peak_mb": peak / 2**20}


def daniel_report() -> dict[str, Any]:
    """All daniel-dev figures: speeds, bytes per page, tracemalloc peak."""
    pages = load_daniel()
    start = time.perf_counter()
    lines = [(site, page_lines(html, text=False)) for site, html in pages]
    segment_s = time.perf_counter() - start
    start = time.perf_counter()
    profiles = build_from_lines(lines)
    lines_s = time.perf_counter() - start
    start = time.perf_counter()
    build_by_site(pages)
    add_s = time.perf_counter() - start
    tracemalloc.start()  # a second, slower pass: tracing distorts the timing
    build_by_site(pages)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"add_pages_per_s (decode+segment+count)": len(pages) / add_s,
            "segment_only_pages_per_s": len(pages) / segment_s,
            "add_lines_pages_per_s (profile only)": len(pages) / lines_s,
            "lines_per_page": sum(len(p) for _, p in lines) / len(pages),
            "tracemalloc_peak_mb (build)": peak / 2**20,
            **memory_figures(profiles)}


# --- pytest-benchmark ---------------------------------------------------------------------


def _daniel_or_skip() -> Pages:
    import pytest

    if not (DANIEL / "cases.jsonl").is_file():
        pytest.skip(f"benchmark set not found at {DANIEL} (it is not part of the repository)")
    return load_daniel()


def test_bench_profile_add(benchmark: Any) -> None:
    """Pages/s of the whole add() path on daniel-dev, profiles per site."""
    pages = _daniel_or_skip()
    profiles = benchmark.pedantic(build_by_site, args=(pages,), rounds=1, iterations=1)
    benchmark.extra_info.update(memory_figures(profiles))
    assert sum(p.pages for p in profiles.values()) == len(pages)


def test_bench_profile_add_lines(benchmark: Any) -> None:
    """Pages/s of add_lines() alone (lines segmented beforehand) on daniel-dev."""
    pages = _daniel_or_skip()
    lines = [(site, page_lines(html, text=False)) for site, html in pages]
    profiles = benchmark(build_from_lines, lines)
    benchmark.extra_info.update(memory_figures(profiles))
    assert sum(p.pages for p in profiles.values()) == len(pages)


def main() -> None:
    """Print the figures (daniel-dev if present, else only the synthetic run)."""
    parser = argparse.ArgumentParser(description="Site-profile speed and memory figures.")
    parser.add_argument("--synthetic", type=int, default=0, metavar="N",
                        help="also stream N made-up pages into one capped profile")
    parser.add_argument("--max-hashes", type=int, default=4_000_000,
                        help="cap for the synthetic run (distinct hashes)")
    args = parser.parse_args()
    if (DANIEL / "cases.jsonl").is_file():
        for name, value in daniel_report().items():
            print(f"daniel-dev  {name:42s} {value:,.1f}")
    else:
        print(f"daniel-dev not found at {DANIEL}: skipped")
    if args.synthetic:
        for name, value in synthetic(args.synthetic, args.max_hashes).items():
            print(f"synthetic   {name:42s} {value:,.1f}")


if __name__ == "__main__":
    main()

"""What a site profile adds: BoW F1 without and with, by site size and language.

Reads two ``evaluate.py --json`` runs of the same set, one plain and one with
``--site-profile``, and prints a markdown table: for sites with at least ``--min``
pages, for single-page sites, and per language on the large sites.

    python benchmarks/evaluate.py --set daniel-dev --json plain.json
    python benchmarks/evaluate.py --set daniel-dev --site-profile --json site.json
    python benchmarks/site_gain.py plain.json site.json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.evaluate import Case, load_cases, site_key


def _scores(path: Path) -> dict[str, float]:
    run = json.loads(path.read_text(encoding="utf-8"))
    pages: list[dict[str, Any]] = run["systems"]["cleantext"]["pages"]
    return {p["id"]: p["bow_f1"] for p in pages if p.get("bow_f1") is not None}


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("plain", type=Path)
    parser.add_argument("site", type=Path)
    parser.add_argument("--set", default="daniel-dev")
    parser.add_argument("--bench-root", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared" / "bench")
    parser.add_argument("--min", type=int, default=5, help="pages a large site has at least")
    args = parser.parse_args()
    cases: list[Case] = load_cases(args.bench_root / args.set)
    sites = {c.id: site_key(c) or c.id for c in cases}
    size = Counter(sites.values())
    lang = {c.id: c.lang or "?" for c in cases}
    plain, site = _scores(args.plain), _scores(args.site)
    groups: dict[str, list[str]] = defaultdict(list)
    for cid in plain.keys() & site.keys():
        n = size[sites[cid]]
        if n >= args.min:
            groups[f"sites with {args.min}+ pages"].append(cid)
            groups[f"  {lang[cid]}"].append(cid)
        elif n == 1:
            groups["single-page sites"].append(cid)
        else:
            groups[f"sites with 2-{args.min - 1} pages"].append(cid)
    print("| pages of | pages | F1 without | F1 with profile | gain |")
    print("|:---|---:|---:|---:|---:|")
    for name in sorted(groups, key=lambda k: (k.startswith("  "), k)):
        ids = groups[name]
        a, b = _mean([plain[i] for i in ids]), _mean([site[i] for i in ids])
        print(f"| {name} | {len(ids)} | {a:.4f} | {b:.4f} | {b - a:+.4f} |")


if __name__ == "__main__":
    main()

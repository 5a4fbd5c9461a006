"""Chart: F1 against pages/s, one point per extractor, one panel per benchmark set.

Reads the JSON files ``benchmarks/evaluate.py --json`` writes and saves one PNG:

    python benchmarks/plot.py benchmarks/results/cleantext-*.json -o docs/img/f1-speed.png

The F1 plotted is bag-of-words F1 where the set has gold bodies, else with/without F1.
Speed is pages per CPU-second of the extraction call, on a log axis.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def _point(system: dict[str, Any]) -> tuple[float, float] | None:
    summary = system["summary"]
    figure = summary.get("bow") or summary.get("with_without")
    speed = summary.get("pages_per_s")
    if not figure or not speed:
        return None
    return float(speed), float(figure["f1"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", nargs="+", type=Path, help="evaluate.py --json files")
    parser.add_argument("-o", "--output", type=Path, required=True, help="PNG to write")
    args = parser.parse_args()

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = [json.loads(path.read_text(encoding="utf-8")) for path in args.results]
    from matplotlib.ticker import LogLocator, ScalarFormatter

    cols = min(2, len(runs))
    rows = (len(runs) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(5.5 * cols, 4.0 * rows), squeeze=False)
    for ax in axes.flat[len(runs):]:
        ax.set_visible(False)
    for ax, run in zip(axes.flat, runs, strict=False):
        for name, system in sorted(run["systems"].items()):
            point = _point(system)
            if point is None:
                continue
            ours = name == "cleantext"
            ax.scatter(*point, s=70 if ours else 35, color="#c0392b" if ours else "#34495e",
                       zorder=3)
            ax.annotate(name, point, textcoords="offset points", xytext=(5, 4), fontsize=8,
                        fontweight="bold" if ours else "normal")
        ax.set_xscale("log")
        ax.xaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
        ax.xaxis.set_major_formatter(ScalarFormatter())
        ax.xaxis.set_minor_formatter(ScalarFormatter(useOffset=False))
        ax.tick_params(axis="x", which="minor", labelbottom=False)
        ax.set_xlabel("pages / CPU-second (log)")
        ax.set_ylabel("F1")
        mode = " (text dumps)" if run.get("text_mode") else ""
        ax.set_title(f"{run['set']}{mode}, {run['cases']} pages", fontsize=10)
        ax.grid(True, alpha=0.3)
    fig.tight_layout()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(args.output, dpi=110)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()

"""Body threshold on cross-validated figures: score every k-fold page (and daniel-dev
with the five fold models) at several ``Options.body_threshold`` values, with the fold
models ``benchmarks/crossval.py`` cached — no refit.

The networks run once per page; each threshold only re-labels and re-runs the rules,
title and assembly, exactly as ``run_pipeline`` does. Prints, per threshold, each
set's k-fold figure (the set's crossval metric) and wcxb-dev's per page type.

    OPENBLAS_NUM_THREADS=1 python training/calibrate.py --mode html --thresholds 0.45,0.5,0.55
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

_REPO = Path(__file__).resolve().parent.parent
for _path in (_REPO / "benchmarks", _REPO / "training", _REPO / "src", _REPO):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import crossval  # noqa: E402

from benchmarks.evaluate import PageScore, score_output  # noqa: E402
from cleantext.assemble import build_document  # noqa: E402
from cleantext.blocks import line_paths  # noqa: E402
from cleantext.document import Label  # noqa: E402
from cleantext.explain import line_reasons  # noqa: E402
from cleantext.model import Model  # noqa: E402
from cleantext.options import Options  # noqa: E402
from cleantext.rules import apply_rules  # noqa: E402
from cleantext.score import score_page  # noqa: E402
from cleantext.title import choose_title, title_before_rules  # noqa: E402


def texts_at(page: Any, model: Model, thresholds: list[float]) -> list[str]:
    """The page's extracted text at each threshold (run_pipeline's steps, networks once)."""
    seg, features = page.seg, page.features
    if not seg.blocks:
        return ["" for _ in thresholds]
    base = score_page(features, seg.is_html, model, 0.5)
    paths = line_paths(seg)
    blocks = seg.blocks
    out = []
    for threshold in thresholds:
        options = Options(body_threshold=threshold)
        labels = tuple(Label.BODY if p >= threshold else other for p, other in
                       zip(base.final.tolist(), base.fallback, strict=True))
        scores = replace(base, labels=labels)
        early = title_before_rules(seg, features, options)
        ruled = apply_rules(features, scores.labels, options, seg.is_html, scores.final,
                            lambda i: paths.get(blocks[i].element, ""), scores.fallback,
                            early.lines)
        titled = choose_title(seg, features, ruled.labels, options, early)
        reasons = partial(line_reasons, scores, features, ruled, titled, threshold)
        out.append(build_document(seg, features, scores.final, titled.labels, reasons,
                                  titled.title, None, paths).text)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", choices=("html", "text"), default="html")
    ap.add_argument("--thresholds", default="0.4,0.45,0.5,0.55,0.6")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/cleantext-train"))
    ap.add_argument("--code-version", default="", help="the fold models' code key")
    ap.add_argument("--daniel", action="store_true", help="score daniel-dev too")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    if args.code_version:
        version = args.code_version
        crossval.code_version = lambda: version  # type: ignore[assignment]
    thresholds = [float(t) for t in args.thresholds.split(",")]
    text_mode = args.mode == "text"
    sets = (*crossval.CV_SETS, crossval.HELD_OUT)
    setup = crossval.Setup(crossval.evaluate.DEFAULT_BENCH_ROOT, args.cache, 5, sets, False)
    cases = crossval.all_cases(setup.bench, sets)
    pool, scored = crossval.load_pool(setup, text_mode)
    plan = crossval.fit_plan(setup, pool)
    held = crossval.held_out_pages(setup, text_mode) if args.daniel else []
    runs: dict[tuple[str, float], list[PageScore]] = defaultdict(list)
    for k in range(setup.folds):
        networks = crossval.fit_cached(setup, plan[f"fold {k}"], text_mode, f"fold {k}")
        model = crossval.with_networks(networks, text_mode)
        pages = [p for p in scored if p.set_name in crossval.CV_SETS
                 and crossval.fold_of(p.site, setup.folds) == k] + held
        for page in pages:
            case = cases[(page.set_name, page.case_id)]
            for threshold, text in zip(thresholds, texts_at(page, model, thresholds),
                                       strict=True):
                runs[(page.set_name, threshold)].append(PageScore(
                    id=case.id, system="cleantext", lang=case.lang,
                    page_type=case.page_type, bytes=0, seconds=0.0, out_chars=len(text),
                    **score_output(case, text)))
        print(f"fold {k} scored", file=sys.stderr, flush=True)
    result: dict[str, Any] = {}
    for (set_name, threshold), scores in sorted(runs.items()):
        metric = crossval.metric_of(scores)
        row = {"all": crossval.figure(scores, metric)}
        if set_name == "wcxb-dev":
            for kind in sorted({p.page_type for p in scores}):
                row[kind] = crossval.figure([p for p in scores if p.page_type == kind], metric)
        result[f"{set_name} {threshold}"] = row
        print(set_name, threshold, {k: round(v, 4) for k, v in row.items() if v is not None},
              flush=True)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

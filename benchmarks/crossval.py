"""Cross-validated figures: the whole pipeline on pages it was neither fitted nor tuned on.

One command prints the table every change is judged by::

    python benchmarks/crossval.py --json benchmarks/results/crossval.json
    python benchmarks/crossval.py --mode html --quick          # smoke run, ~2 min

Protocol (issue #18), the same in each mode (HTML pages; ``text``: text dumps):

- **k-fold by site** over scrapinghub, wcxb-dev and trafilatura-dev: a page's fold is
  a stable hash of its site (the site as training/dataset.py defines it). For fold k
  the line and context networks are refitted exactly as training/train.py fits them
  (``fit_stages`` on ``mode_pages``) on every training page whose site is not in fold
  k, seeds included, and the pipeline (rules, thresholds, ``Options()``) runs with that
  model on the fold-k pages. Every page is scored once: one figure per set.
- **leave-one-set-out** (LOSO): fitted on the other two sets and the seeds, scored on
  the set left out, whole.
- **whole set, shipped model**: for comparison only — the shipped model was fitted on
  80% of these sites and every rule was tuned on them, so this figure flatters.
- **daniel-dev** is never trained on and only read as whole figures (and per
  language): from the shipped model and averaged over the fold models.
- **seeds** always stay in training (the only real dumps with gold): their figure,
  averaged over the fold models, is a check, not a held-out figure.
- **peers** on the same pages, from ``benchmarks/evaluate.py --no-cleantext
  --save-peers`` (``benchmarks/results/peers-SET[-text].json``, made on demand once per
  set and mode); the best peer is the one with the highest figure on the set's metric.

Metric per set: mean bag-of-words F1 over pages with a gold body, else micro
with/without F1 (trafilatura-dev). Page scores come from ``evaluate.score_output`` and
are aggregated with ``evaluate.summarise``, so every figure is the harness's own.
In text mode the scored pages are the harness's dumps (``benchmarks/textdump.py``),
which is what ``evaluate.py --text-mode`` feeds cleantext and the peers.

``--site-profile`` scores every page as a corpus job extracts it: with a profile of
its site built from the scored set's pages of that site (``evaluate.py
--site-profile``'s site key and profile building; no gold read); ``--site-profile
corpus`` adds cross-site counts over the set, as ``learn_profiles`` does. The fits
are the same (training pages carry no site share), so a profiled run only scores.

Fitted fold models are cached under ``--cache`` keyed by a hash of the code they
depend on (training/ and src/ but the stages after scoring: a rules change refits
nothing) and of the training pages, so a re-run only scores.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

_REPO = Path(__file__).resolve().parent.parent
for _path in (_REPO / "training", _REPO / "src", _REPO):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import train  # noqa: E402  (training/train.py: the fit every fold repeats)
from dataset import PageData, build_pages  # noqa: E402

from benchmarks import evaluate  # noqa: E402
from benchmarks.evaluate import Case, PageScore, render_table, score_output, summarise  # noqa: E402
from cleantext.blocks import Segmented  # noqa: E402
from cleantext.crosssite import with_cross_site  # noqa: E402
from cleantext.features import FEATURE_NAMES, SITE_LINE_MIN_PAGES, FeatureMatrix  # noqa: E402
from cleantext.options import Options, option_info  # noqa: E402
from cleantext.pipeline import run_pipeline  # noqa: E402
from cleantext.profile import SiteProfile  # noqa: E402
from cleantext.score import BodyModel, Model, load_model  # noqa: E402

CV_SETS = ("scrapinghub", "wcxb-dev", "trafilatura-dev")
"""The training sets that are folded; the seeds always stay in training."""
SEEDS = "seeds"
HELD_OUT = "daniel-dev"
"""Never trained on; read only as whole figures."""
FOLDS = 5
QUICK_SHARE = 8
"""``--quick`` keeps the sites whose hash is 0 mod this (about 1/8 of the pages)."""
LOCK_POLL_S = 10.0
"""Seconds between two looks at another process's fit in progress."""
QUICK_EPOCHS = 3
"""``--quick`` fits this many epochs instead of train.EPOCHS: a smoke run, not a figure."""
CLEANTEXT = "cleantext"
PROFILE_KINDS = ("site", "corpus")
"""``--site-profile`` kinds: ``site`` gives each page the profile of its site built
from the scored set's pages of that site (``evaluate.py --site-profile``); ``corpus``
adds cross-site counts over the set, as a corpus job's first pass does
(``cleantext.passes.learn_profiles``)."""
Networks = tuple[BodyModel, BodyModel]
Profiles = dict[tuple[str, str], SiteProfile]
"""(set, case id) → the profile the page is extracted with."""


# ------------------------------------------------------------------ fold assignment


def site_hash(site: str) -> int:
    """A stable 32-bit hash of a site name (the same on every machine and run)."""
    return int.from_bytes(hashlib.sha1(("crossval:" + site).encode()).digest()[:4], "big")


def fold_of(site: str, folds: int = FOLDS) -> int:
    """The fold (0 .. folds-1) every page of ``site`` is scored in."""
    return site_hash(site) % folds


def assign_folds(sites: Iterable[str], folds: int = FOLDS) -> dict[int, set[str]]:
    """Sites per fold: every site in exactly one fold (a fold may be empty)."""
    out: dict[int, set[str]] = {k: set() for k in range(folds)}
    for site in sites:
        out[fold_of(site, folds)].add(site)
    return out


# ---------------------------------------------------------------------- aggregation


def metric_of(scores: Sequence[PageScore]) -> str:
    """The set's metric: ``"bow"`` when some page has a gold body, else ``"with_without"``."""
    return "bow" if any(p.bow is not None for p in scores) else "with_without"


def figure(scores: Sequence[PageScore], metric: str) -> float | None:
    """The set-level F1 of ``scores`` on ``metric`` (None when no page has that gold)."""
    summary = summarise(scores)[metric]
    return None if summary is None else float(summary["f1"])


def merge_folds(per_fold: dict[int, list[PageScore]]) -> list[PageScore]:
    """The folds' page scores as one run; a page scored twice is an error."""
    merged: list[PageScore] = []
    seen: set[str] = set()
    for k in sorted(per_fold):
        for score in per_fold[k]:
            if score.id in seen:
                raise ValueError(f"page {score.id} scored in two folds")
            seen.add(score.id)
            merged.append(score)
    return merged


def best_peer(peers: dict[str, list[PageScore]], metric: str,
              keep: Callable[[PageScore], bool] = lambda p: True) -> tuple[str, float] | None:
    """The peer with the highest ``metric`` F1 over the pages ``keep`` selects."""
    best: tuple[str, float] | None = None
    for name, scores in sorted(peers.items()):
        value = figure([p for p in scores if keep(p)], metric)
        if value is not None and (best is None or value > best[1]):
            best = (name, value)
    return best


def mean_figure(runs: Sequence[Sequence[PageScore]], metric: str,
                keep: Callable[[PageScore], bool] = lambda p: True) -> float | None:
    """The mean over models of each model's whole-set figure (daniel-dev, seeds)."""
    values = [v for run in runs if (v := figure([p for p in run if keep(p)], metric)) is not None]
    return sum(values) / len(values) if values else None


def _has(attribute: str, value: str, page: PageScore) -> bool:
    return bool(getattr(page, attribute) == value)


@dataclass(frozen=True)
class SetResult:
    """Every page score of one set in one mode: the columns of the tables."""

    name: str
    columns: dict[str, list[list[PageScore]]]
    """Column name → runs (one run = a page score per page; several runs = one per
    model, averaged: daniel-dev and the seeds under the fold models)."""
    peers: dict[str, list[PageScore]]

    @property
    def metric(self) -> str:
        runs = [run for column in self.columns.values() for run in column]
        return metric_of([p for run in runs for p in run])

    def row(self, keep: Callable[[PageScore], bool] = lambda p: True,
            metric: str | None = None) -> dict[str, Any]:
        """The figures of every column and the best peer over the pages ``keep`` selects,
        on ``metric`` (default: the set's own, :attr:`metric`)."""
        metric = metric or self.metric
        out: dict[str, Any] = {"metric": metric}
        for column, runs in self.columns.items():
            out[column] = mean_figure(runs, metric, keep)
            out[column + " pages"] = max((sum(map(keep, run)) for run in runs), default=0)
        peer = best_peer(self.peers, metric, keep)
        out["best peer"] = None if peer is None else peer[0]
        out["best peer F1"] = None if peer is None else peer[1]
        return out

    def groups(self, by: str) -> dict[str, dict[str, Any]]:
        """``row`` per language (``by="lang"``) or page type (``"page_type"``)."""
        keys = sorted({getattr(p, by) for runs in self.columns.values() for run in runs
                       for p in run if getattr(p, by)})
        return {key: self.row(partial(_has, by, key)) for key in keys}


# -------------------------------------------------------------------------- running


@dataclass(frozen=True)
class Setup:
    """Where data and caches are, and how much to run."""

    bench: Path
    cache: Path
    folds: int
    sets: tuple[str, ...]
    quick: bool
    l2: float = train.L2
    options: Options = field(default_factory=Options)
    site_profile: str | None = None
    """None, or one of :data:`PROFILE_KINDS`: score every page with its site's profile."""


# Of the options, segmentation and features read only these groups' fields: their
# values go into the key in place of options.py, whose other fields tune the rules.
FIT_OPTION_GROUPS = frozenset({"limits", "html", "site"})


def code_version() -> str:
    """Hash of everything a fitted model depends on besides the data: training/, src/
    but the stages after scoring (``train.AFTER_SCORE``, rules*.py) and the command
    line, and the option values segmentation and features read
    (:data:`FIT_OPTION_GROUPS`)."""
    digest = hashlib.sha1()
    files = train.before_scoring() + sorted((_REPO / "training").glob("*.py")) + [
        _REPO / "training" / "category_weights.json"]
    for path in files:
        digest.update(path.name.encode() + path.read_bytes())
    fit_options = [(i.name, i.default) for i in option_info() if i.group in FIT_OPTION_GROUPS]
    digest.update(repr(fit_options).encode())
    return digest.hexdigest()[:16]


def _quick_keep(page: PageData) -> bool:
    return page.set_name == SEEDS or site_hash(page.site) % QUICK_SHARE == 0


def load_pool(setup: Setup, text_mode: bool) -> tuple[list[PageData], list[PageData]]:
    """(pages the networks are fitted on, pages scored): train.py's pages of the mode;
    in text mode the scored pages are the harness dumps alone, as evaluate.py feeds."""
    pool = train.mode_pages(setup.bench, setup.cache, text_mode)
    scored = train.load_data(setup.bench, setup.cache, "harness") if text_mode else pool
    if not text_mode and not all(p.seg.is_html for p in pool if p.set_name != SEEDS):
        # The cache's file names carry train.page_cache_version(); this is the last
        # guard should a pickle from older code load anyway.
        raise RuntimeError(f"stale page cache in {setup.cache}: HTML pages read as text "
                           "dumps; rebuild it (another --cache dir, or remove pages-*.pkl)")
    if setup.quick:
        pool = [p for p in pool if _quick_keep(p)]
        scored = [p for p in scored if _quick_keep(p)]
    return pool, scored


def held_out_pages(setup: Setup, text_mode: bool) -> list[PageData]:
    """daniel-dev's pages (the harness's dumps in text mode), built once and cached."""
    kind = "harness" if text_mode else "html"
    path = setup.cache / f"crossval-{HELD_OUT}-{kind}-{code_version()}.pkl"
    if path.exists():
        with path.open("rb") as handle:
            pages: list[PageData] = pickle.load(handle)
    else:
        pages = build_pages(setup.bench / HELD_OUT, "harness" if text_mode else False)
        setup.cache.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            pickle.dump(pages, handle)
    return pages[::QUICK_SHARE] if setup.quick else pages


def fit_key(setup: Setup, pages: Sequence[PageData], text_mode: bool,
            version: str | None = None) -> str:
    """The cache key of a fit: the code version (:func:`code_version` unless given),
    the mode, the settings and the training pages with their labels."""
    return hashlib.sha1(json.dumps([
        version or code_version(), text_mode, setup.l2, setup.quick,
        sorted(f"{p.set_name}/{p.case_id}" for p in pages), len(pages),
        hashlib.sha1(b"".join(p.labels.tobytes() for p in pages)).hexdigest(),
    ]).encode()).hexdigest()[:20]


def fit_cached(setup: Setup, pages: Sequence[PageData], text_mode: bool, label: str
               ) -> Networks:
    """``train.fit_stages`` on ``pages``, cached by code version and training pages.

    Several processes may share the cache (``--fit-only --reverse`` in a second shell
    fits from the other end of the plan): a fit in progress holds a lock file with its
    process id, and the others wait for its result instead of fitting it again.
    """
    path = setup.cache / f"crossval-fit-{fit_key(setup, pages, text_mode)}.pkl"
    lock = path.with_suffix(".lock")
    while not path.exists() and _held(lock):
        time.sleep(LOCK_POLL_S)
    if path.exists():
        with path.open("rb") as handle:
            cached: Networks = pickle.load(handle)
        return cached
    setup.cache.mkdir(parents=True, exist_ok=True)
    lock.write_text(str(os.getpid()), encoding="utf-8")
    started = time.perf_counter()
    epochs = train.EPOCHS
    train.EPOCHS = QUICK_EPOCHS if setup.quick else epochs
    try:
        networks = train.fit_stages(pages, setup.l2)
        with path.with_suffix(".tmp").open("wb") as handle:
            pickle.dump(networks, handle)
        path.with_suffix(".tmp").replace(path)
    finally:
        train.EPOCHS = epochs
        lock.unlink(missing_ok=True)
    print(f"  fitted {label} ({'text' if text_mode else 'html'}, {len(pages)} pages) in "
          f"{time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    return networks


def _held(lock: Path) -> bool:
    """True while ``lock`` names a live process other than this one."""
    try:
        pid = int(lock.read_text(encoding="utf-8"))
        os.kill(pid, 0)
    except (OSError, ValueError):
        return False
    return pid != os.getpid()


def fit_plan(setup: Setup, pool: Sequence[PageData]) -> dict[str, list[PageData]]:
    """Every model the protocol fits, by label, in fitting order: the k folds (seeds
    always in training), then one per left-out set."""
    plan = {f"fold {k}": [p for p in pool if p.set_name == SEEDS
                          or fold_of(p.site, setup.folds) != k] for k in range(setup.folds)}
    for set_name in CV_SETS:
        if set_name in setup.sets:
            plan[f"without {set_name}"] = [p for p in pool if p.set_name != set_name]
    return plan


def fit_only(setup: Setup, text_mode: bool, reverse: bool) -> None:
    """Fit (and cache) every model of the plan, last first if ``reverse``; no scoring."""
    plan = fit_plan(setup, load_pool(setup, text_mode)[0])
    for label in reversed(plan) if reverse else plan:
        fit_cached(setup, plan[label], text_mode, label)


def with_networks(networks: Networks, text_mode: bool) -> Model:
    """A model with ``networks`` for one mode and the shipped networks for the other
    (which scores no page of this mode)."""
    shipped = train.shipped_networks(not text_mode)
    return train.assemble_model(shipped, networks) if text_mode else train.assemble_model(
        networks, shipped)


def with_site_share(seg: Segmented, features: FeatureMatrix, profile: SiteProfile,
                    min_pages: int) -> FeatureMatrix:
    """A cached page's ``features`` with the ``site_share`` column that
    ``compute_features(seg, profile, ...)`` gives it (no other column reads the
    profile), so the page is not featurised again."""
    values = features.values.copy()
    values[:, FEATURE_NAMES.index("site_share")] = profile.shares(
        [b.text for b in seg.blocks], min_pages=min_pages, min_count=SITE_LINE_MIN_PAGES)
    return replace(features, values=values)


def score_pages(pages: Sequence[PageData], model: Model, cases: dict[tuple[str, str], Case],
                options: Options | None = None, profiles: Profiles | None = None
                ) -> list[PageScore]:
    """Run the pipeline (``options``, default ``Options()``) with ``model`` on cached
    pages and score each against its case's gold, as evaluate.py scores an
    ``extract`` call; a page in ``profiles`` is extracted with its site's profile (its
    cached features get the ``site_share`` column ``extract(site=...)`` computes)."""
    options = options or Options()
    profiles = profiles or {}
    out = []
    for page in pages:
        case = cases[(page.set_name, page.case_id)]
        url = case.url if case.url and "://" in case.url else None
        profile = profiles.get((page.set_name, page.case_id))
        features = page.features if profile is None else with_site_share(
            page.seg, page.features, profile, options.site_min_pages)
        text = run_pipeline(page.seg, options, profile, url, model, features).text
        out.append(PageScore(id=case.id, system=CLEANTEXT, lang=case.lang,
                             page_type=case.page_type, bytes=0, seconds=0.0,
                             out_chars=len(text), **score_output(case, text)))
    return out


def peer_scores(setup: Setup, set_name: str, text_mode: bool, ids: Sequence[str]
                ) -> dict[str, list[PageScore]]:
    """Every saved peer's page scores on ``ids``; runs the peers once (evaluate.py
    ``--no-cleantext --save-peers``) when no saved run exists, except with ``--quick``."""
    path = evaluate.peers_path(set_name, text_mode)
    if not path.is_file():
        if setup.quick:
            print(f"  no saved peers for {set_name}: run evaluate.py --save-peers",
                  file=sys.stderr)
            return {}
        argv = ["--set", set_name, "--bench-root", str(setup.bench), "--no-cleantext",
                "--save-peers"] + (["--text-mode"] if text_mode else [])
        real_stdout, sys.stdout = sys.stdout, sys.stderr  # its report is not ours
        try:
            evaluate.main(argv)
        finally:
            sys.stdout = real_stdout
    loaded = evaluate.load_peers(path, [], list(ids))
    return {name: result.pages for name, result in loaded.items()}


def _in_fold(folds: int, k: int, set_name: str) -> Callable[[PageData], bool]:
    return lambda p: p.set_name == set_name and fold_of(p.site, folds) == k


def run_folds(setup: Setup, text_mode: bool, pool: Sequence[PageData],
              scored: Sequence[PageData], extra: dict[str, list[PageData]],
              cases: dict[tuple[str, str], Case], profiles: Profiles | None = None
              ) -> tuple[dict[str, list[PageScore]], dict[str, list[list[PageScore]]]]:
    """k-fold: per CV set the merged fold scores; per ``extra`` set (daniel-dev, seeds)
    one run per fold model; pages in ``profiles`` scored with their site's profile."""
    per_fold: dict[str, dict[int, list[PageScore]]] = {s: {} for s in CV_SETS}
    runs: dict[str, list[list[PageScore]]] = {name: [] for name in extra}
    plan = fit_plan(setup, pool)
    for k in range(setup.folds):
        label = f"fold {k}"
        model = with_networks(fit_cached(setup, plan[label], text_mode, label), text_mode)
        for set_name in CV_SETS:
            if set_name in setup.sets:
                pages = list(filter(_in_fold(setup.folds, k, set_name), scored))
                per_fold[set_name][k] = score_pages(pages, model, cases, setup.options, profiles)
        for name, pages in extra.items():
            runs[name].append(score_pages(pages, model, cases, setup.options, profiles))
    merged = {s: merge_folds(per_fold[s]) for s in CV_SETS if s in setup.sets}
    return merged, runs


def site_profiles(setup: Setup, pages: Sequence[PageData], cases: dict[tuple[str, str], Case],
                  text_mode: bool) -> Profiles:
    """The profile each of ``pages`` is extracted with under ``setup.site_profile``.

    Per set, one profile per site (``evaluate.site_key``) from the set's ``pages`` of
    that site, read as ``evaluate.py --site-profile`` reads them (the page dumped in
    text mode; no gold is read): what a corpus job learns in its first pass. With
    ``corpus``, every site's profile also gets cross-site counts over the set's other
    sites (``with_cross_site``, as ``learn_profiles`` does), which gives a profile to
    a small site whose lines other sites carry. Pages on sites below
    ``options.site_min_pages`` get none unless cross-site counts give them one.
    """
    out: Profiles = {}
    for set_name in sorted({p.set_name for p in pages}):
        set_cases = [cases[(set_name, p.case_id)] for p in pages if p.set_name == set_name]
        config = evaluate.RunConfig(setup.bench / set_name, text_mode, ())
        by_site: dict[str, SiteProfile] = evaluate.build_profiles(set_cases, config)
        min_pages = setup.options.site_min_pages
        if setup.site_profile == "corpus":
            by_site = with_cross_site(by_site, min_pages)
        for case in set_cases:
            profile = by_site.get(evaluate.site_key(case) or "")
            if profile is not None and (profile.pages >= min_pages or profile.cross_site):
                out[(set_name, case.id)] = profile
    return out


def run_mode(setup: Setup, text_mode: bool, cases: dict[tuple[str, str], Case]
             ) -> tuple[dict[str, SetResult], dict[str, int]]:
    """The whole protocol in one mode: a :class:`SetResult` per set, and per set the
    pages scored with a site profile (none without ``--site-profile``)."""
    pool, scored = load_pool(setup, text_mode)
    extra: dict[str, list[PageData]] = {}
    if HELD_OUT in setup.sets:
        extra[HELD_OUT] = held_out_pages(setup, text_mode)
    if text_mode and SEEDS in setup.sets:  # HTML mode scores no dump
        extra[SEEDS] = [p for p in scored if p.set_name == SEEDS]
    profiles: Profiles = {}
    if setup.site_profile:
        chosen = [p for p in scored if p.set_name in setup.sets and p.set_name != SEEDS]
        profiles = site_profiles(setup, chosen + extra.get(HELD_OUT, []), cases, text_mode)
    profiled = {s: sum(1 for key in profiles if key[0] == s) for s in setup.sets}
    kfold, runs = run_folds(setup, text_mode, pool, scored, extra, cases, profiles)
    shipped = load_model()
    results: dict[str, SetResult] = {}
    plan = fit_plan(setup, pool)
    for set_name in kfold:
        label = f"without {set_name}"
        model = with_networks(fit_cached(setup, plan[label], text_mode, label), text_mode)
        pages = [p for p in scored if p.set_name == set_name]
        columns = {"k-fold": [kfold[set_name]],
                   "LOSO": [score_pages(pages, model, cases, setup.options, profiles)],
                   "shipped": [score_pages(pages, shipped, cases, setup.options, profiles)]}
        results[set_name] = SetResult(set_name, columns, peer_scores(
            setup, set_name, text_mode, [p.case_id for p in pages]))
    for name, pages in extra.items():
        columns = {"k-fold": runs[name],
                   "shipped": [score_pages(pages, shipped, cases, setup.options, profiles)]}
        results[name] = SetResult(name, columns, peer_scores(
            setup, name, text_mode, [p.case_id for p in pages]))
    return results, profiled


# ---------------------------------------------------------------------------- report


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _margin(row: dict[str, Any]) -> str:
    if row.get("k-fold") is None or row["best peer F1"] is None:
        return "—"
    return f"{row['k-fold'] - row['best peer F1']:+.3f}"


def _cells(row: dict[str, Any]) -> list[str]:
    peer = ("—" if row["best peer"] is None
            else f"{row['best peer F1']:.3f} {row['best peer']}")
    return [_fmt(row.get("k-fold")), _fmt(row.get("LOSO")), _fmt(row.get("shipped")),
            peer, _margin(row)]


COLUMNS = ["k-fold", "LOSO", "whole set, shipped model", "best peer", "margin (k-fold)"]


def main_table(rows: dict[str, dict[str, Any]]) -> str:
    """One row per set: the set's metric, pages, the protocol's figures, the best peer."""
    body = []
    for name, row in rows.items():
        metric = "BoW F1" if row["metric"] == "bow" else "W/WO F1"
        note = {HELD_OUT: " (never trained on)", SEEDS: " (in training: a check)"}
        body.append([name + note.get(name, ""), metric, str(row["shipped pages"]), *_cells(row)])
    return render_table(["set", "metric", "pages", *COLUMNS], body, markdown=True)


def group_table(groups: dict[str, dict[str, dict[str, Any]]], label: str,
                min_pages: int = 5) -> str:
    """Per set and language (or page type): the same columns, best peer of the group."""
    body = []
    for set_name, rows in groups.items():
        for key, row in sorted(rows.items(), key=lambda kv: -int(kv[1]["shipped pages"])):
            if row["shipped pages"] >= min_pages:
                body.append([set_name, key, str(row["shipped pages"]), *_cells(row)])
    return render_table(["set", label, "pages", *COLUMNS], body, markdown=True)


def report(results: dict[str, SetResult]) -> dict[str, Any]:
    """Every figure of one mode, JSON-ready."""
    return {
        "sets": {name: r.row() for name, r in results.items()},
        # wcxb-dev has both golds: its with/without figure beside the BoW one
        "with_without": {name: r.row(metric="with_without") for name, r in results.items()
                         if r.metric == "bow" and any(p.ww for run in r.columns["shipped"]
                                                      for p in run)},
        "by_lang": {name: r.groups("lang") for name, r in results.items()},
        "by_type": {name: r.groups("page_type") for name, r in results.items()
                    if any(p.page_type for run in r.columns["shipped"] for p in run)},
    }


def print_mode(mode: str, figures: dict[str, Any]) -> None:
    print(f"\n### {mode}\n")
    print(main_table(figures["sets"]))
    if figures.get("with_without"):
        print(f"\n{mode}, with/without F1 of the sets that also have gold bodies:\n")
        print(main_table(figures["with_without"]))
    if figures["by_type"]:
        print(f"\n{mode}, per page type (best peer of the group; 5+ pages):\n")
        print(group_table(figures["by_type"], "page type"))
    print(f"\n{mode}, per language (best peer of the group; 5+ pages):\n")
    print(group_table(figures["by_lang"], "lang"))


def all_cases(bench: Path, sets: Iterable[str]) -> dict[tuple[str, str], Case]:
    """Every case of ``sets`` keyed by (set, id), with meta.tsv's page types."""
    return {(name, c.id): c for name in sets for c in evaluate.load_cases(bench / name)}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--bench", type=Path, default=evaluate.DEFAULT_BENCH_ROOT)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/cleantext-train"),
                    help="training/train.py's page cache; fold models are cached here too")
    ap.add_argument("--mode", choices=("html", "text", "both"), default="both")
    ap.add_argument("--folds", type=int, default=FOLDS)
    ap.add_argument("--sets", default=",".join((*CV_SETS, HELD_OUT, SEEDS)),
                    help="sets to score (fits always use every training set)")
    ap.add_argument("--quick", action="store_true",
                    help=f"smoke run: 1/{QUICK_SHARE} of the sites, {QUICK_EPOCHS} epochs")
    ap.add_argument("--fit-only", action="store_true",
                    help="fit and cache the models, score nothing (a second process)")
    ap.add_argument("--reverse", action="store_true",
                    help="with --fit-only: fit the plan last model first")
    ap.add_argument("--json", type=Path, metavar="OUT", help="write every figure here")
    ap.add_argument("--site-profile", nargs="?", const="site", choices=PROFILE_KINDS,
                    help="extract every page with a profile of its site built from the "
                         "scored set's pages (no gold): 'site' (default) as evaluate.py "
                         "--site-profile, 'corpus' with cross-site counts as a corpus job")
    ap.add_argument("--option", action="append", default=[], metavar="NAME=VALUE",
                    help="score with this Options field changed (rules and thresholds "
                         "only: the fits do not see it); repeatable")
    return ap.parse_args(argv)


def scoring_options(changes: Sequence[str]) -> Options:
    """``Options()`` with the ``NAME=VALUE`` changes; a field that segmentation or
    features read (:data:`FIT_OPTION_GROUPS`) is refused, as the cached fits and
    pages were made without it."""
    infos = {i.name: i for i in option_info()}
    values: dict[str, object] = {}
    for change in changes:
        name, _, value = change.partition("=")
        if name not in infos or infos[name].group in FIT_OPTION_GROUPS:
            raise SystemExit(f"--option {change}: not a rules or threshold option")
        values[name] = infos[name].kind(value)
    return Options().with_(**values)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the protocol and print the tables (markdown)."""
    args = parse_args(argv)
    sets = tuple(s.strip() for s in args.sets.split(",") if s.strip())
    setup = Setup(args.bench, args.cache, args.folds, sets, args.quick,
                  options=scoring_options(args.option), site_profile=args.site_profile)
    cases = all_cases(args.bench, (*CV_SETS, HELD_OUT, SEEDS))
    modes = ("html", "text") if args.mode == "both" else (args.mode,)
    payload: dict[str, Any] = {"folds": args.folds, "quick": args.quick,
                               "code_version": code_version(), "modes": {}, "seconds": {},
                               "options": args.option, "site_profile": args.site_profile,
                               "profiled_pages": {}}
    if args.fit_only:
        for mode in modes:
            fit_only(setup, mode == "text", args.reverse)
        return 0
    for mode in modes:
        started = time.perf_counter()
        results, profiled = run_mode(setup, mode == "text", cases)
        figures = report(results)
        payload["modes"][mode] = figures
        payload["profiled_pages"][mode] = profiled
        payload["seconds"][mode] = round(time.perf_counter() - started)
        print_mode("HTML" if mode == "html" else "text dumps", figures)
        sys.stdout.flush()
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(payload, indent=1, ensure_ascii=False),
                                 encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

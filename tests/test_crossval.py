"""The cross-validation protocol's bookkeeping (benchmarks/crossval.py): folds by site,
the aggregation of page scores into set figures, and the site profiles pages are
scored with. No shared data needed."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training"))

from dataset import PageData

from benchmarks.crossval import (
    SetResult,
    Setup,
    assign_folds,
    best_peer,
    fold_of,
    group_table,
    main_table,
    mean_figure,
    merge_folds,
    metric_of,
    site_hash,
    site_profiles,
    with_site_share,
)
from benchmarks.evaluate import PageScore, load_cases
from benchmarks.metrics import Overlap, WithWithout
from cleantext import Options, SiteProfile
from cleantext.internal import compute_features, segment_html, title_candidate

SITES = [f"site{i}.example" for i in range(200)] + ["example.org", "ünicode.de", ""]


def _bow(pid: str, matched: int, predicted: int, gold: int, lang: str = "en",
         page_type: str | None = None, system: str = "cleantext") -> PageScore:
    return PageScore(id=pid, system=system, lang=lang, page_type=page_type, bytes=0,
                     seconds=0.0, out_chars=predicted, bow=Overlap(matched, predicted, gold))


def _ww(pid: str, found: int, missed: int, leaked: int, dropped: int,
        system: str = "cleantext") -> PageScore:
    return PageScore(id=pid, system=system, lang="de", page_type=None, bytes=0, seconds=0.0,
                     out_chars=1, ww=WithWithout(found, missed, leaked, dropped))


def test_every_site_lands_in_exactly_one_fold() -> None:
    folds = assign_folds(SITES, 5)
    assert sorted(folds) == [0, 1, 2, 3, 4]
    placed = [site for members in folds.values() for site in members]
    assert sorted(placed) == sorted(SITES)
    for k, members in folds.items():
        assert all(fold_of(site, 5) == k for site in members)
    # 203 sites over 5 folds: none is empty or holds most of them.
    assert all(20 <= len(members) <= 70 for members in folds.values())


def test_fold_is_stable_and_depends_on_the_site_only() -> None:
    # The hash is fixed (sha1), not Python's per-process salted hash():
    # these values must never change, or cached figures stop being comparable.
    assert site_hash("example.org") == 1270140454
    assert [fold_of(s, 5) for s in ("example.org", "bbc.co.uk", "spiegel.de")] == [4, 2, 1]
    assert assign_folds(SITES, 5) == assign_folds(list(reversed(SITES)), 5)


def test_merged_folds_score_each_page_once() -> None:
    merged = merge_folds({0: [_bow("a", 1, 2, 2)], 1: [_bow("b", 2, 2, 2)], 2: []})
    assert [p.id for p in merged] == ["a", "b"]
    with pytest.raises(ValueError, match="two folds"):
        merge_folds({0: [_bow("a", 1, 2, 2)], 1: [_bow("a", 1, 2, 2)]})


def test_bow_figure_is_the_mean_of_page_f1_and_ww_is_micro() -> None:
    pages = [_bow("a", 2, 2, 2), _bow("b", 1, 2, 2)]  # F1 1.0 and 0.5
    assert metric_of(pages) == "bow"
    result = SetResult("s", {"k-fold": [pages]}, {})
    assert result.row()["k-fold"] == pytest.approx(0.75)
    ww = [_ww("a", 3, 1, 0, 2), _ww("b", 1, 3, 2, 0)]  # micro: P 4/6, R 4/8
    assert metric_of(ww) == "with_without"
    row = SetResult("t", {"LOSO": [ww]}, {}).row()
    assert row["metric"] == "with_without"
    assert row["LOSO"] == pytest.approx(2 * (4 / 6) * (4 / 8) / (4 / 6 + 4 / 8))


def test_several_runs_are_averaged_figure_by_figure() -> None:
    run1 = [_bow("a", 2, 2, 2), _bow("b", 0, 2, 2)]  # 0.5
    run2 = [_bow("a", 2, 2, 2), _bow("b", 2, 2, 2)]  # 1.0
    assert mean_figure([run1, run2], "bow") == pytest.approx(0.75)
    assert mean_figure([[]], "bow") is None


def test_best_peer_is_the_highest_on_the_metric_and_groups_pick_their_own() -> None:
    ours = [_bow("a", 2, 2, 2, lang="en"), _bow("b", 1, 2, 2, lang="de")]
    peers = {
        "p1": [_bow("a", 1, 2, 2, "en", system="p1"), _bow("b", 2, 2, 2, "de", system="p1")],
        "p2": [_bow("a", 2, 2, 2, "en", system="p2"), _bow("b", 0, 2, 2, "de", system="p2")],
    }
    best = best_peer(peers, "bow")
    assert best is not None and best[0] == "p1" and best[1] == pytest.approx(0.75)
    result = SetResult("s", {"k-fold": [ours], "shipped": [ours]}, peers)
    row = result.row()
    assert (row["best peer"], row["k-fold"]) == ("p1", pytest.approx(0.75))
    groups = result.groups("lang")
    assert groups["en"]["best peer"] == "p2" and groups["en"]["k-fold"] == 1.0
    assert groups["de"]["best peer"] == "p1" and groups["de"]["k-fold"] == 0.5
    assert groups["de"]["shipped pages"] == 1


def test_tables_show_the_margin_to_the_best_peer() -> None:
    ours = [_bow("a", 1, 2, 2)]
    peers = {"p": [_bow("a", 2, 2, 2, system="p")]}
    row = SetResult("s", {"k-fold": [ours], "LOSO": [ours], "shipped": [ours]}, peers).row()
    table = main_table({"s": row})
    assert "| s | BoW F1 | 1 | 0.500 | 0.500 | 0.500 | 1.000 p | -0.500 |" in table
    assert group_table({"s": {"en": row}}, "lang", min_pages=2).count("\n") == 1


def test_a_set_with_both_golds_reports_either_metric() -> None:
    pages = [PageScore(id="a", system="cleantext", lang="en", page_type=None, bytes=0,
                       seconds=0.0, out_chars=1, bow=Overlap(1, 2, 2),
                       ww=WithWithout(1, 1, 0, 1))]
    result = SetResult("s", {"shipped": [pages]}, {})
    assert result.metric == "bow"
    assert result.row()["shipped"] == pytest.approx(0.5)
    ww = result.row(metric="with_without")
    assert ww["metric"] == "with_without"
    assert ww["shipped"] == pytest.approx(2 * 1.0 * 0.5 / 1.5)


MENU = "<ul><li><a href='/'>Home of the example site</a></li></ul>"
STORIES = {"a1": "apples", "a2": "bridges", "a3": "comets", "b1": "dunes"}


def _html(case_id: str) -> str:
    return (f"<html><body>{MENU}<p>A story about {STORIES[case_id]} is told here at "
            "length, with words of its own.</p></body></html>")


def _bench(root: Path) -> Path:
    """A set of three pages of a.example and one of b.example, all with the menu."""
    folder = root / "tiny"
    (folder / "html").mkdir(parents=True)
    with (folder / "cases.jsonl").open("w", encoding="utf-8") as out:
        for cid in STORIES:
            site = "a.example" if cid.startswith("a") else "www.b.example"
            out.write(json.dumps({"id": cid, "url": f"https://{site}/{cid}", "body": "x"}) + "\n")
            with gzip.open(folder / "html" / f"{cid}.html.gz", "wt", encoding="utf-8") as fh:
                fh.write(_html(cid))
    return root


def _page(case_id: str) -> PageData:
    seg = segment_html(_html(case_id), Options())
    n = len(seg.blocks)
    return PageData("tiny", case_id, "", "en", True, seg,
                    compute_features(seg, None, title_candidate(seg)),
                    np.zeros(n, dtype=np.int8), np.zeros(n, dtype=bool), None, (), ())


def test_pages_get_their_sites_profile_from_the_scored_pages_only(tmp_path: Path) -> None:
    bench = _bench(tmp_path)
    cases = {("tiny", c.id): c for c in load_cases(bench / "tiny")}
    pages = [_page(cid) for cid in STORIES]
    setup = Setup(bench, tmp_path, 5, ("tiny",), False, site_profile="site")
    profiles = site_profiles(setup, pages, cases, text_mode=False)
    # a.example has 3 pages (site_min_pages is 2); b.example one, so no profile of its own
    assert sorted(k[1] for k in profiles) == ["a1", "a2", "a3"]
    assert profiles[("tiny", "a1")] is profiles[("tiny", "a3")]
    assert profiles[("tiny", "a1")].pages == 3
    # without a2 among the scored pages a.example has 2: enough; with a1 alone, not
    pair = site_profiles(setup, [pages[0], pages[2]], cases, text_mode=False)
    assert sorted(k[1] for k in pair) == ["a1", "a3"] and pair[("tiny", "a1")].pages == 2
    assert site_profiles(setup, [pages[0]], cases, text_mode=False) == {}
    # as a corpus job: b.example's page gets the lines other sites carry
    corpus = Setup(bench, tmp_path, 5, ("tiny",), False, site_profile="corpus")
    shared = site_profiles(corpus, pages, cases, text_mode=False)
    assert ("tiny", "b1") in shared and shared[("tiny", "b1")].cross_site


def test_cached_features_get_the_site_share_extraction_computes() -> None:
    profile = SiteProfile()
    for cid in ("a1", "a2", "a3"):
        profile.add(_html(cid), text=False)
    page = _page("a2")
    for min_pages in (2, 3):
        filled = with_site_share(page.seg, page.features, profile, min_pages)
        expected = compute_features(page.seg, profile, title_candidate(page.seg), min_pages)
        assert np.array_equal(filled.values, expected.values)
        assert filled.column("site_share").max() == 1.0  # the menu, on every page
        assert filled.column("site_share").min() == 0.0  # a2's story: on this page alone
    assert not page.features.column("site_share").any()  # the cached page is untouched

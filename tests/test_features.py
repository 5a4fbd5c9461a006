"""Feature stage: named, finite columns that mean what their names say."""

from __future__ import annotations

import math

import numpy as np
import pytest
from builders import features_of, page, text_page

from cleantext.blocks import Segmented
from cleantext.features import FEATURE_NAMES, compute_features, hint_mask, is_prefix_pair
from cleantext.profile import SiteProfile
from cleantext.segment import Element

PROSE_1 = "The council met on Tuesday and voted to repair the old bridge before winter."
PROSE_2 = "Engineers said the work would take six weeks and cost less than first feared."
PROSE_3 = "Residents who use the crossing every day welcomed the decision at the meeting."


def test_every_column_is_named_and_finite() -> None:
    seg = page(
        "html/body/header/h1: Bridge to be repaired",
        "html/body/nav/ul/li#1: [Home]",
        "html/body/nav/ul/li#2: [News]",
        f"html/body/article/p#1: {PROSE_1}",
        f"html/body/article/p#2: {PROSE_2} [More]",
        "html/body/article/p#3: —",
        "html/body/footer/p: © 2024",
        title="Bridge to be repaired",
    )
    fm = compute_features(seg, title="Bridge to be repaired")
    assert fm.names == FEATURE_NAMES
    assert len(set(FEATURE_NAMES)) == len(FEATURE_NAMES)
    assert fm.values.shape == (7, len(FEATURE_NAMES))
    assert np.isfinite(fm.values).all()
    assert fm.prose.shape == fm.groups.shape == (7,)


def test_text_dump_columns_are_finite_and_dom_columns_zero() -> None:
    fm = compute_features(text_page("Headline here", PROSE_1, "...", "12:30"))
    assert np.isfinite(fm.values).all()
    for name in ("in_nav", "in_main", "container_share", "tag_p"):
        assert fm.column(name).tolist() == [0.0] * 4
    assert fm.column("tag_line").tolist() == [1.0] * 4
    assert fm.groups.tolist() == [0, 1, 2, 3]


def test_empty_page_gives_an_empty_matrix() -> None:
    fm = compute_features(text_page())
    assert fm.values.shape == (0, len(FEATURE_NAMES))


def test_link_density() -> None:
    f = features_of(page("html/body/ul/li: [Home]", "html/body/p#1: Read [more] here.",
                         "html/body/p#2: No links at all."))
    assert f["link_density"] == pytest.approx([1.0, 4 / len("Readmorehere."), 0.0])
    assert f["log_links"] == pytest.approx([math.log1p(1), math.log1p(1), 0.0])


def test_duplicates_in_the_page() -> None:
    # Digits and case are normalised away: "Comments (12)" is "comments (3)".
    f = features_of(text_page("Comments (12)", PROSE_1, "comments (3)", "COMMENTS (40)",
                              PROSE_2))
    assert f["dup_page"] == pytest.approx([math.log1p(2), 0, math.log1p(2), math.log1p(2), 0])
    assert f["dup_adjacent"] == [0.0, 0.0, 1.0, 1.0, 0.0]


def test_function_word_share_is_learned_from_the_page() -> None:
    # An invented language: no per-language list can know its function words, the
    # page's own frequent short words (ka, ta, ne, mi, sa) give them away.
    prose = [
        "Ka mori ta velu ne sato ka runi ta ne kelo mi sa fora.",
        "Ta bureni ka ne polastu mi veri ka sato ne lumo ta fen.",
        "Mi sa korvatu ka ne doren ta pelimo ka sa runi ne velu.",
    ]
    menu = "Kob Zut Stravoli Kemberat"   # short words too, but not recurring ones
    f = features_of(text_page(menu, *prose))
    assert f["fw_share"][0] == 0.0
    assert min(f["fw_share"][1:]) > 0.4


def test_card_run_between_recurring_time_stamps() -> None:
    f = features_of(text_page(
        PROSE_1,
        "12:30", "First card title", "First teaser sentence here.",
        "14:05", "Second card title", "Second teaser sentence here.",
        "09:45", "Third card title", "Third teaser sentence here.",
        PROSE_2,
    ))
    # Every line from the first stamp to the last one is inside the run.
    assert f["card_run"] == [0.0] + [1.0] * 7 + [0.0] * 3


def test_card_run_needs_three_nearby_separators() -> None:
    twice = features_of(text_page(PROSE_1, "12:30", "A title", "14:05", "B title", PROSE_2))
    assert set(twice["card_run"]) == {0.0}
    far = features_of(text_page("12:30", *[f"line {c}" for c in "abcdefgh"], "13:30",
                                *[f"row {c}" for c in "abcdefgh"], "14:30"))
    assert set(far["card_run"]) == {0.0}


def test_title_overlap_and_position() -> None:
    seg = text_page("Storm hits the coast", "Nothing in common, in any word.", "Storm news")
    f = features_of(seg, title="Storm hits the coast")
    assert f["title_overlap"] == pytest.approx([1.0, 0.0, 1 / 5])
    assert f["position"] == [0.0, 0.5, 1.0]
    assert f["is_first"] == [1.0, 0.0, 0.0]
    assert f["prev_log_chars"] == pytest.approx([
        0.0, math.log1p(len("Stormhitsthecoast")), math.log1p(len("Nothingincommon,inanyword."))])


# --- class/id hints ----------------------------------------------------------------------

BODY = "html.nav-open/body.single-post.comments-open"


def test_hints_from_tags_and_whole_class_tokens() -> None:
    f = features_of(page(
        f"{BODY}/nav/ul/li#1: [Home]",
        f"{BODY}/div.navigational/p: Navigational prose is not a menu.",
        f"{BODY}/article/p: {PROSE_1}",
        f"{BODY}/div.site-footer/p: Copyright notice",
        f"{BODY}/section#commentList/p: A reader's comment.",
        f"{BODY}/div.commentary/p: An expert's commentary.",
        f"{BODY}/div/div.topNavigation/a: [Sports]",
    ))
    assert f["in_nav"] == [1, 0, 0, 0, 0, 0, 1]
    assert f["in_footer"] == [0, 0, 0, 1, 0, 0, 0]
    assert f["in_comment"] == [0, 0, 0, 0, 1, 0, 0]
    assert f["in_article"] == [0, 0, 1, 0, 0, 0, 0]


def test_html_and_body_tokens_are_not_regions() -> None:
    f = features_of(page(f"{BODY}/div/p: {PROSE_1}"))
    assert f["in_nav"] == f["in_comment"] == f["in_article"] == [0.0]


def test_an_element_holding_the_whole_page_is_not_a_region() -> None:
    # An ASP.NET page inside one <form>, a theme's header wrapper around everything:
    # their hints would mark every line, the article's too.
    f = features_of(page(
        f"{BODY}/form#aspnetForm/div.header-wrapper/nav/a: [Home]",
        f"{BODY}/form#aspnetForm/div.header-wrapper/div/p: {PROSE_1}",
        f"{BODY}/form#aspnetForm/div.header-wrapper/div/p: {PROSE_1}",
    ))
    assert f["in_form"] == [0, 0, 0]
    assert f["in_header"] == [0, 0, 0]
    assert f["in_nav"] == [1, 0, 0]


def test_a_form_beside_the_article_is_still_a_region() -> None:
    f = features_of(page(
        f"{BODY}/div/p: {PROSE_1}",
        f"{BODY}/div/p: {PROSE_1}",
        f"{BODY}/form#login/p: Sign in to comment",
    ))
    assert f["in_form"] == [0, 0, 1]


def test_hint_mask_on_single_elements() -> None:
    nav = hint_mask(Element("nav", (), -1, 0))
    assert nav != 0
    assert hint_mask(Element("div", ("nav",), -1, 0)) == nav
    assert hint_mask(Element("div", ("navigational",), -1, 0)) == 0
    assert hint_mask(Element("div", ("subnav", "navs"), -1, 0)) == 0
    assert hint_mask(Element("div", ("nav", "footer"), -1, 0)) == nav | hint_mask(
        Element("footer", (), -1, 0))


# --- containers --------------------------------------------------------------------------


def test_containers_group_lines_and_measure_them() -> None:
    fm = compute_features(page(
        f"html/body/article/p#1: {PROSE_1}",
        f"html/body/article/p#2: {PROSE_2}",
        f"html/body/article/p#3: {PROSE_3}",
        "html/body/nav/ul/li#1: [Home]",
        "html/body/nav/ul/li#2: [About us]",
    ))
    groups = fm.groups.tolist()
    assert groups[0] == groups[1] == groups[2]
    assert groups[3] == groups[4] != groups[0]
    assert fm.prose.tolist() == [True, True, True, False, False]
    assert fm.column("container_share").tolist() == pytest.approx([1, 1, 1, 0, 0])
    assert fm.column("container_link_density").tolist() == pytest.approx([0, 0, 0, 1, 1])
    assert fm.column("in_main").tolist() == [1, 1, 1, 0, 0]


def test_split_article_containers_share_the_prose() -> None:
    fm = compute_features(page(
        f"html/body/div.a/p#1: {PROSE_1}",
        f"html/body/div.a/p#2: {PROSE_2}",
        f"html/body/div.b/p#1: {PROSE_3}",
        f"html/body/div.b/p#2: {PROSE_1} Again.",
    ))
    share = fm.column("container_share").tolist()
    assert share[0] == share[1] == pytest.approx(0.5, abs=0.05)
    assert share[2] == share[3] == pytest.approx(0.5, abs=0.05)


# --- site profile ------------------------------------------------------------------------

NEWSLETTER = "Subscribe to our newsletter"


def _profile(pages_with_line: int, pages_without: int) -> SiteProfile:
    profile = SiteProfile()
    for i in range(pages_with_line):
        profile.add_lines([NEWSLETTER, f"A story of its own number {i}th"])
    for i in range(pages_without):
        profile.add_lines([f"Another page, another story {i}th"])
    return profile


def test_site_share_is_zero_below_site_min_pages() -> None:
    seg = text_page(NEWSLETTER, PROSE_1)
    f = features_of(seg, site=_profile(2, 0), site_min_pages=3)
    assert f["site_share"] == [0.0, 0.0]


def test_site_share_counts_from_site_min_pages() -> None:
    seg = text_page(NEWSLETTER, PROSE_1)
    assert features_of(seg, site=_profile(3, 0), site_min_pages=3)["site_share"] == [1.0, 0.0]
    assert features_of(seg, site=_profile(3, 1), site_min_pages=3)["site_share"] == [0.75, 0.0]
    assert features_of(seg, site=_profile(2, 0), site_min_pages=2)["site_share"] == [1.0, 0.0]
    assert features_of(seg)["site_share"] == [0.0, 0.0]


def test_a_line_of_this_page_alone_has_no_site_share() -> None:
    # the page itself was counted: NEWSLETTER is on it and on one of the two others,
    # PROSE_1 on it alone
    seg = text_page(NEWSLETTER, PROSE_1)
    three = SiteProfile()
    for lines in ([NEWSLETTER, PROSE_1], [NEWSLETTER, "Elsewhere"], ["Third page"]):
        three.add_lines(lines)
    assert three.shares([NEWSLETTER, PROSE_1]).tolist() == pytest.approx([2 / 3, 1 / 3])
    assert features_of(seg, site=three)["site_share"] == pytest.approx([2 / 3, 0.0])
    # two pages: a line on the other page too is 1, a line of this page alone 0 (not 0.5)
    two = SiteProfile()
    for lines in ([NEWSLETTER, PROSE_1], [NEWSLETTER, "Elsewhere"]):
        two.add_lines(lines)
    assert two.shares([NEWSLETTER, PROSE_1]).tolist() == [1.0, 0.5]  # counted as before
    assert features_of(seg, site=two)["site_share"] == [1.0, 0.0]  # from 2 pages
    assert features_of(seg, site=two, site_min_pages=3)["site_share"] == [0.0, 0.0]


# --- card and headline shapes ------------------------------------------------------------


def test_near_duplicate_adjacent_lines() -> None:
    f = features_of(text_page(PROSE_1, "Flood warnings lifted acr…",
                              "Flood warnings lifted across the region", PROSE_2, "Flood"))
    assert f["near_dup_adjacent"] == [0.0, 1.0, 1.0, 0.0, 0.0]
    assert is_prefix_pair("flood warnings", "flood warnings lifted")
    assert is_prefix_pair("flood warnings lifted", "flood warnings")
    assert not is_prefix_pair("flood", "flood warnings")   # one word is too little
    assert not is_prefix_pair("", "flood warnings")


def test_title_run_counts_consecutive_headline_like_lines() -> None:
    f = features_of(text_page(PROSE_1, "Storm hits the coast", "Schools reopen on Monday",
                              "Council votes for repairs", PROSE_2, "Bridge closed again"))
    assert f["title_like"] == [0, 1, 1, 1, 0, 1]
    assert f["title_run"] == pytest.approx([0, math.log1p(3), math.log1p(3), math.log1p(3), 0,
                                            math.log1p(1)])
    assert f["prev_title_like"] == [0, 0, 1, 1, 1, 0]


def test_previous_line_time_stamp() -> None:
    f = features_of(text_page("12:30", "Card title here", PROSE_1))
    assert f["has_time"] == [1, 0, 0]
    assert f["prev_has_time"] == [0, 1, 0]


def test_add_up_gives_the_list_loop_sums() -> None:
    # The compiled path's subtree sums (features_dom._add_up over arrays) against the
    # list loop of _subtree_sums, on a random tree: the same float additions.
    from cleantext import features_dom
    rng = np.random.default_rng(7)
    parents = [-1] + [int(rng.integers(-1, i)) for i in range(1, 300)]
    owner = rng.integers(0, 300, size=120)
    values = rng.random((120, 4)) * 1000
    sums = np.zeros((300, 4))
    np.add.at(sums, owner, values)
    counts = np.bincount(owner, minlength=300).astype(np.int64)
    features_dom._add_up(np.array(parents, dtype=np.int64), sums, counts)
    columns = [sums[:, k].tolist() for k in range(4)]
    expected_counts = np.bincount(owner, minlength=300).tolist()
    start = np.zeros((300, 4))
    np.add.at(start, owner, values)
    expected = [list(column) for column in start.T.tolist()]
    for i in range(299, 0, -1):
        if parents[i] >= 0:
            for k in range(4):
                expected[k][parents[i]] += expected[k][i]
            expected_counts[parents[i]] += expected_counts[i]
    assert columns == expected
    assert counts.tolist() == expected_counts


def test_card_walk_finds_the_level_loops_cards(monkeypatch: pytest.MonkeyPatch) -> None:
    # The element table from C loops (_tree_compiled) and from Python lists
    # (_tree_python), and _card_lists with the walk of _card_walk (the compiled path)
    # and with the numpy level loop, on a random tree: the same values.
    from cleantext import features_dom
    rng = np.random.default_rng(11)
    parents = [-1] + [int(rng.integers(max(0, i - 20), i)) for i in range(1, 400)]
    tags = ("div", "li", "li", "body", "nav", "p", "li")
    elements = tuple(Element(tags[i % 7], ("menu",) if i % 5 == 0 else (), p, i % 9)
                     for i, p in enumerate(parents))
    seg = Segmented((), elements, None, None, False, True)
    owner = rng.integers(0, 400, size=150)
    values = np.column_stack((rng.random((150, 3)) * 100, rng.random(150) < 0.5))
    trees = [features_dom._tree_compiled(seg, owner, values, 2000.0),
             features_dom._tree_python(seg, owner, values, 2000.0)]
    for name in features_dom._Tree._fields[:-1]:
        assert getattr(trees[0], name).tolist() == getattr(trees[1], name).tolist(), name
    assert trees[0].masks.any() and (trees[0].repeat > 1).any()
    link_lines = (rng.random(400) < 0.5).astype(np.float64)
    line_counts = rng.integers(0, 9, size=400).astype(np.float64)
    results = []
    for compiled in (True, False):
        monkeypatch.setattr(features_dom, "_COMPILED", compiled)
        results.append(features_dom._card_lists(trees[1], owner, link_lines, line_counts))
    assert (results[0] > 0).any()
    assert results[0].tolist() == results[1].tolist()


def test_compiled_text_columns_equal_the_list_path(monkeypatch: pytest.MonkeyPatch) -> None:
    # features_text's compiled path (one loop for digits and capitals, the matrix
    # filled line by line) against its list path, on real pages: identical bits.
    import gzip
    from pathlib import Path

    from cleantext import features_text
    from cleantext.options import Options
    from cleantext.segment import segment_html
    pages = sorted((Path(__file__).parent / "fixtures" / "sample" / "html").glob("*.html.gz"))
    for path in pages[:6]:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            blocks = segment_html(handle.read(), Options()).blocks
        tokens, punct, sentences, _ = features_text.page_text([b.text for b in blocks])
        results = []
        for compiled in (True, False):
            monkeypatch.setattr(features_text, "COMPILED", compiled)
            out = np.zeros((len(blocks), len(FEATURE_NAMES)))
            features_text.text_columns(out, blocks, tokens, punct, sentences)
            results.append(out)
        assert results[0].any()
        assert results[0].tobytes() == results[1].tobytes()

"""Context stage: the structural rules and the reasons they leave behind."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest
from builders import labels, matrix, page, text_page

from cleantext.context_inputs import CONTEXT_NAMES, context_features
from cleantext.document import Label, Reason
from cleantext.features import FeatureMatrix, compute_features
from cleantext.options import Options
from cleantext.rules import RulesResult, apply_rules
from cleantext.score import flip_reasons

OPTS = Options()
ONE_CARD = Options(card_min_pairs=1)
"""The card rules on one card: the default waits for a list of two (issue #22; a single
repeated title over an article is no card list, see tests/test_minimal_pages.py)."""
PROSE_1 = "The council met on Tuesday and voted to repair the old bridge before winter."
PROSE_2 = "Engineers said the work would take six weeks and cost less than first feared."
PROSE_3 = "Residents who use the crossing every day welcomed the decision at the meeting."
CARD_TITLE = "Flood warnings lifted across the region"
TEASER = "Officials said on Monday that the river had fallen below the danger mark again."


def _rule_names(reasons: tuple[Reason, ...]) -> list[str]:
    return [r.name for r in reasons]


def _dump_rules(lines: list[str], letters: str, *, is_html: bool = False,
                options: Options = OPTS) -> RulesResult:
    """apply_rules on a page given as its lines and the letters of its initial labels."""
    fm = compute_features(text_page(*lines))
    return apply_rules(fm, labels(letters), options, is_html)


def _matrix_rules(fm: FeatureMatrix, letters: str, options: Options = OPTS) -> RulesResult:
    # builders.matrix names the lines "line a", "line b"...: distinct words, as digits
    # would normalise alike and look like repeated card titles.
    return apply_rules(fm, labels(letters), options, True)


# --- teaser cards ------------------------------------------------------------------------


def test_card_with_title_printed_twice_is_related_up_to_its_teaser() -> None:
    result = _dump_rules([PROSE_1, PROSE_2, CARD_TITLE, CARD_TITLE, TEASER, "Home"], "BBBBBN",
                         options=ONE_CARD)
    assert _dump_rules([PROSE_1, PROSE_2, CARD_TITLE, CARD_TITLE, TEASER, "Home"],
                       "BBBBBN").labels == tuple(labels("BBBBBN"))
    assert result.labels == tuple(labels("BBRRRN"))
    for i in (2, 3, 4):
        (reason,) = result.reasons[i]
        assert (reason.source, reason.name) == ("context", "teaser_card")
        assert reason.detail.startswith("body → related")
    assert result.reasons[0] == result.reasons[1] == result.reasons[5] == ()


def test_repeated_line_inside_the_article_leaves_the_article_alone() -> None:
    # A caption printed twice, then the article goes on: the pair is a card, the
    # paragraphs after it are not its teaser.
    result = _dump_rules([PROSE_1, CARD_TITLE, CARD_TITLE, PROSE_2, PROSE_3], "BBBBB",
                         options=ONE_CARD)
    assert result.labels == tuple(labels("BRRBB"))


def test_consecutive_cards_are_each_related() -> None:
    other = "Schools reopen after the storm damage is repaired"
    result = _dump_rules([PROSE_1, CARD_TITLE, CARD_TITLE, "Image", TEASER, other, other, PROSE_3],
                         "BBBOBBBB")
    assert result.labels == tuple(labels("BRRRRRRR"))
    # The "Image" placeholder inside the card (OTHER) changes too, with its reason.
    assert _rule_names(result.reasons[3]) == ["teaser_card"]


def test_standfirst_repeated_by_the_first_paragraph_is_not_a_card() -> None:
    standfirst = "The council voted on Tuesday to repair the old bridge before the winter."
    lines = ["Bridge", standfirst, f"{standfirst} Work begins in March and takes six weeks.",
             PROSE_2, PROSE_3]
    assert _dump_rules(lines, "TBBBB", is_html=True).labels == tuple(labels("TBBBB"))


def _html_rules(rows: list[str], letters: str) -> RulesResult:
    return apply_rules(compute_features(page(*rows)), labels(letters), OPTS, True)


def test_repeated_numbers_are_no_card_titles() -> None:
    # Figures normalise alike ("143,17 €" and "154,24 €" are both "0 0"): a table's
    # cells in a dump, not titles printed twice.
    lines = [PROSE_1, "143,17 €", "154,24 €", PROSE_2, "2,0 %", "3,5 %", PROSE_3]
    assert _dump_rules(lines, "BBBBBBB").labels == tuple(labels("BBBBBBB"))


def _sections(link: bool) -> list[str]:
    """An HTML page (its menu links) whose two sections each open with a heading that
    the next paragraph repeats; ``link`` makes the headings links."""
    body = "html/body/article"
    rows = ["html/body/nav/ul/li#1: [Home]", "html/body/nav/ul/li#2: [News]",
            f"{body}/p#0: {PROSE_1}"]
    for k, head in enumerate(("Why bananas make people happy", "Red bananas in Europe")):
        shown = f"[{head}]" if link else head
        rows += [f"{body}/h2#{k}: {shown}", f"{body}/p#a{k}: {head}: {PROSE_2}",
                 f"{body}/p#b{k}: {PROSE_3}"]
    return rows


def test_on_an_html_page_a_card_title_must_be_a_link() -> None:
    # A heading repeated by its paragraph, no link on either: the article going on.
    fm = compute_features(page(*_sections(link=False)))
    result = apply_rules(fm, labels("NNB" + "BBB" * 2), OPTS, True)
    assert result.labels == tuple(labels("NNB" + "BBB" * 2))
    # The same layout with the titles as links is a list of related-story cards.
    fm = compute_features(page(*_sections(link=True)))
    result = apply_rules(fm, labels("NNB" + "BBB" * 2), OPTS, True)
    assert result.labels == tuple(labels("NNB" + "RRR" * 2))


def test_title_cut_short_then_in_full_is_a_card() -> None:
    cut = "Flood warnings lifted acr…"
    result = _dump_rules([PROSE_1, cut, CARD_TITLE, TEASER], "BOBB", options=ONE_CARD)
    assert result.labels == tuple(labels("BRRR"))


def test_short_heading_before_the_first_card_is_related() -> None:
    result = _dump_rules([PROSE_1, "Recommended for you", CARD_TITLE, CARD_TITLE, TEASER],
                         "BOBBB", options=ONE_CARD)
    assert result.labels == tuple(labels("BRRRR"))
    assert _rule_names(result.reasons[1]) == ["card_heading"]
    # A longer line before a card is a subheading of its own, not the card's heading.
    long_head = "What the council decided about the bridge on Tuesday"
    result = _dump_rules([PROSE_1, long_head, CARD_TITLE, CARD_TITLE, TEASER], "BBBBB",
                         options=ONE_CARD)
    assert result.labels[1] is Label.BODY


def test_inline_read_also_teaser_in_a_text_dump() -> None:
    lines = [PROSE_1, "Read also", CARD_TITLE, PROSE_2]
    result = _dump_rules(lines, "BBBB")
    assert result.labels == tuple(labels("BRRB"))
    assert _rule_names(result.reasons[1]) == _rule_names(result.reasons[2]) == ["inline_teaser"]
    # HTML has links to tell such teasers; the rule is for text dumps only.
    assert _dump_rules(lines, "BBBB", is_html=True).labels == tuple(labels("BBBB"))
    # Not when the article does not go on after it.
    assert _dump_rules([PROSE_1, "Read also", CARD_TITLE, "Home"], "BBBB").labels == tuple(
        labels("BBBB"))


def test_card_run_rule_relabels_only_prose_boilerplate() -> None:
    fm = matrix(5, card_run=[1, 1, 1, 1, 0], prose=[True, False, True, True, True])
    result = _matrix_rules(fm, "OOBNO")
    assert result.labels == tuple(labels("ROBRO"))
    assert _rule_names(result.reasons[0]) == _rule_names(result.reasons[3]) == ["card_run"]


# --- site repetition ---------------------------------------------------------------------


def test_site_repeated_lines_become_boilerplate_with_a_reason() -> None:
    fm = matrix(5, site_share=[0.9, 0.9, 0.9, 0.2, 0.6],
                link_density=[0.8, 0.0, 0.0, 0.0, 0.0],
                prose=[False, True, False, False, False])
    result = _matrix_rules(fm, "BBNBT")
    assert result.labels == (Label.NAVIGATION, Label.RELATED, Label.NAVIGATION, Label.BODY,
                             Label.OTHER)
    (reason,) = result.reasons[0]
    assert reason == Reason("context", "site_repeated", 1.0,
                            "body → navigation: on 90% of the site's pages")
    assert _rule_names(result.reasons[4]) == ["site_repeated"]
    assert "title → other" in result.reasons[4][0].detail
    assert result.reasons[2] == result.reasons[3] == ()


def test_site_share_option_is_the_threshold() -> None:
    fm = matrix(2, site_share=[0.9, 0.6])
    assert _matrix_rules(fm, "BB", OPTS.with_(site_share=0.95)).labels == tuple(labels("BB"))
    assert _matrix_rules(fm, "BB", OPTS.with_(site_share=0.6)).labels == tuple(labels("OO"))


def test_rules_do_not_change_their_input() -> None:
    initial = labels("BB")
    apply_rules(matrix(2, site_share=[1.0, 1.0]), initial, OPTS, True)
    assert initial == labels("BB")


# --- flips of the context network --------------------------------------------------------


def test_flip_reasons_only_where_the_side_changed() -> None:
    first = np.array([0.2, 0.7, 0.6, 0.1])
    final = np.array([0.8, 0.3, 0.9, 0.4])
    reasons = flip_reasons(first, final, 0.5)
    assert reasons[2] == reasons[3] == ()
    (up,) = reasons[0]
    (down,) = reasons[1]
    assert (up.source, up.name) == (down.source, down.name) == ("context", "neighbours")
    assert up.weight == pytest.approx(0.6)
    assert down.weight == pytest.approx(0.4)
    assert "0.20 → 0.80" in up.detail and "body" in up.detail
    assert "boilerplate" in down.detail


def test_flip_reasons_follow_the_threshold() -> None:
    first, final = np.array([0.4]), np.array([0.6])
    assert flip_reasons(first, final, 0.5) != [()]
    assert flip_reasons(first, final, 0.35) == [()]
    assert flip_reasons(first, final, 0.65) == [()]


def test_context_features_shape() -> None:
    fm = compute_features(text_page(PROSE_1, "Home", PROSE_2))
    inputs = context_features(fm, np.array([2.0, -3.0, 1.5]), is_html=True)
    assert inputs.shape == (3, len(CONTEXT_NAMES))
    assert np.isfinite(inputs).all()
    logit = CONTEXT_NAMES.index("logit")
    prev1 = CONTEXT_NAMES.index("prev1")
    assert inputs[:, logit].tolist() == [2.0, -3.0, 1.5]
    assert inputs[1:, prev1].tolist() == [2.0, -3.0]


def test_run_shape_places_lines_against_the_longest_body_run() -> None:
    # Lines 0-1 a short run, 2-3 not body, 4-6 the longest run, 7 not body.
    chars = [100.0, 100.0, 20.0, 20.0, 300.0, 300.0, 300.0, 20.0]
    fm = matrix(8, log_chars=list(np.log1p(chars)))
    logits = np.array([1.0, 1.0, -2.0, -2.0, 3.0, 3.0, 3.0, -1.0])
    text = context_features(fm, logits, is_html=False)
    col = {name: text[:, CONTEXT_NAMES.index(name)] for name in (
        "run_share", "longest_share", "in_longest", "longest_distance")}
    short, longest = 200 / 1100, 900 / 1100
    assert col["run_share"].tolist() == pytest.approx([short] * 2 + [0] * 2 + [longest] * 3 + [0])
    assert col["longest_share"].tolist() == pytest.approx([longest] * 8)
    assert col["in_longest"].tolist() == [0, 0, 0, 0, 1, 1, 1, 0]
    assert col["longest_distance"].tolist() == pytest.approx(
        np.log1p([4, 3, 2, 1, 0, 0, 0, 1]).tolist())
    # HTML pages do not get them (links and class hints already place the article).
    html = context_features(fm, logits, is_html=True)
    for name in col:
        assert not html[:, CONTEXT_NAMES.index(name)].any()
    # No body line at all: every run input is 0, nothing divides by zero.
    none = context_features(fm, np.full(8, -3.0), is_html=False)
    assert not none[:, CONTEXT_NAMES.index("longest_share")].any()


# --- comment sections --------------------------------------------------------------------


def _comment_page(layouts: list[str], comment: str, letters: str, chars: list[float],
                  links: list[float] | None = None) -> RulesResult:
    """apply_rules on lines laid out as ``layouts``; ``comment`` marks with "c" the lines
    inside comment containers."""
    n = len(letters)
    fm = matrix(n, in_comment=[1.0 if c == "c" else 0.0 for c in comment],
                log_chars=list(np.log1p(chars)), link_density=links or [0.0] * n)
    return apply_rules(fm, labels(letters), OPTS, True, layout=layouts.__getitem__)


ARTICLE_P = "html/body/article/p"
COMMENT_P = "html/body/div/ol/li/div/p"


def test_comments_under_an_article_are_comments() -> None:
    result = _comment_page([ARTICLE_P, ARTICLE_P, COMMENT_P, COMMENT_P, "html/body/div/ol/li"],
                           "..ccc", "BBBBO", [300, 250, 200, 90, 20])
    assert result.labels == tuple(labels("BBCCC"))
    assert _rule_names(result.reasons[2]) == ["comment_section"]
    assert result.reasons[2][0].detail.startswith("body → comments")
    assert result.reasons[0] == result.reasons[1] == ()


def test_a_comment_author_line_is_comments_and_a_most_commented_box_stays_related() -> None:
    box = "html/body/aside/ul/li"
    result = _comment_page([ARTICLE_P, ARTICLE_P, COMMENT_P, COMMENT_P, box],
                           "..ccc", "BBRBR", [300, 250, 30, 200, 60],
                           links=[0.0, 0.0, 0.0, 0.0, 1.0])
    assert result.labels == tuple(labels("BBCCR"))


def test_forum_posts_laid_out_alike_stay_content() -> None:
    # The opening post is not marked as a comment, the replies are; one layout.
    post = "html/body/div/article/div/p"
    result = _comment_page([post] * 4, "..cc", "BBBB", [300, 250, 200, 200])
    assert result.labels == tuple(labels("BBBB"))


def test_comments_are_the_content_without_an_article_beside_them() -> None:
    # A single line outside the comment containers (a cookie notice) is no article.
    result = _comment_page(["html/body/div/p", COMMENT_P, COMMENT_P], ".cc", "BBB",
                           [600, 200, 200])
    assert result.labels == tuple(labels("BBB"))


def test_comment_rule_needs_the_layout_and_html() -> None:
    fm = matrix(3, in_comment=[0.0, 0.0, 1.0], log_chars=list(np.log1p([300, 300, 300])))
    assert apply_rules(fm, labels("BBB"), OPTS, True).labels == tuple(labels("BBB"))
    assert apply_rules(fm, labels("BBB"), OPTS, False,
                       layout=lambda i: ARTICLE_P if i < 2 else COMMENT_P).labels == tuple(
                           labels("BBB"))


# --- headline runs -----------------------------------------------------------------------


def _headline_page(letters: str, chars: Sequence[float], terminal: str, words: Sequence[float]
                   ) -> RulesResult:
    """apply_rules (text dump) on lines of ``chars`` characters; ``terminal`` marks
    with "t" the lines that end like sentences (and read as prose)."""
    n = len(letters)
    fm = matrix(n, prose=[c == "t" for c in terminal],
                log_chars=list(np.log1p(chars)), log_words=list(np.log1p(words)),
                ends_terminal=[1.0 if c == "t" else 0.0 for c in terminal])
    return apply_rules(fm, labels(letters), OPTS, False)


def test_headlines_in_a_short_run_after_the_article_are_related() -> None:
    result = _headline_page("BBNBBB", [400, 400, 10, 60, 60, 8], "tt....",
                            [60, 60, 1, 9, 9, 2])
    assert result.labels == tuple(labels("BBNRRO"))
    assert _rule_names(result.reasons[3]) == ["headline_run"]
    assert result.reasons[0] == result.reasons[1] == ()


def test_sentences_after_the_article_and_a_lede_before_it_stay_body() -> None:
    # The lede sits just above the article; the line after it ends like a sentence.
    result = _headline_page("BNBBNB", [90, 10, 400, 400, 10, 120], "..tt.t",
                            [12, 1, 60, 60, 1, 20])
    assert result.labels == tuple(labels("BNBBNB"))


def test_a_listing_has_no_article_to_measure_teasers_against() -> None:
    # Four runs of equal weight: no run holds half the body text.
    letters, chars = "BNBNBNB", [200, 10, 200, 10, 200, 10, 200]
    result = _headline_page(letters, chars, "." * 7, [30, 1, 30, 1, 30, 1, 30])
    assert result.labels == tuple(labels(letters))


# --- away from the article ---------------------------------------------------------------


def _away_page(letters: str, chars: Sequence[float], body_p: Sequence[float],
               links: Sequence[float], *, is_html: bool = True) -> RulesResult:
    n = len(letters)
    fm = matrix(n, prose=[c >= 200 for c in chars], log_chars=list(np.log1p(chars)),
                link_density=links, ends_terminal=[1.0] * n, log_words=[3.0] * n)
    return apply_rules(fm, labels(letters), OPTS, is_html, np.array(body_p),
                       fallback=labels("R" * n))


def test_doubtful_or_link_lines_away_from_the_article_are_not_body() -> None:
    # Article: lines 0-1. After a gap of boilerplate: a doubtful caption (P 0.6), a
    # sure but link-made headline (P 0.95, links 0.9) and a sure sentence (P 0.9).
    letters, chars = "BBNNNNBBB", [500, 500, 5, 5, 5, 5, 80, 80, 80]
    body_p = [0.9, 0.9, 0.1, 0.1, 0.1, 0.1, 0.6, 0.95, 0.9]
    links = [0, 0, 0, 0, 0, 0, 0, 0.9, 0]
    result = _away_page(letters, chars, body_p, links)
    assert result.labels == tuple(labels("BBNNNNRRB"))
    assert _rule_names(result.reasons[6]) == ["away_from_article"]
    assert "below the 0.70" in result.reasons[6][0].detail
    assert "link text" in result.reasons[7][0].detail
    # A text dump (no links) is judged by P(body) alone.
    dump = _away_page(letters, chars, body_p, [0.0] * 9, is_html=False)
    assert dump.labels == tuple(labels("BBNNNNRBB"))


def test_pages_without_one_article_keep_their_doubtful_lines() -> None:
    # Three runs of two cards each, none with half the body text (runs of two: the
    # stray rule, which judges lone lines, stays out of it).
    letters, chars = "BBNBBNBB", [200, 200, 5, 200, 200, 5, 200, 200]
    body_p, links = [0.6, 0.6, 0.1] * 2 + [0.6, 0.6], [0.0] * 8
    assert _away_page(letters, chars, body_p, links).labels == tuple(labels(letters))


# --- link headlines ----------------------------------------------------------------------


def test_a_linked_headline_outside_menus_is_related_and_menu_links_stay() -> None:
    fm = matrix(3, link_density=[1.0, 1.0, 1.0], log_words=list(np.log1p([9, 2, 9])),
                in_footer=[0.0, 0.0, 1.0])
    result = apply_rules(fm, labels("NNN"), OPTS, True)
    assert result.labels == tuple(labels("RNN"))
    assert _rule_names(result.reasons[0]) == ["link_headline"]
    # Text dumps have no links: nothing to judge.
    assert apply_rules(fm, labels("NNN"), OPTS, False).labels == tuple(labels("NNN"))


def test_a_long_run_of_headlines_in_a_text_dump_is_related() -> None:
    # An article of three paragraphs, a short line, then a portal's column of ten
    # teasers (headline glued to summary), one of which ends with a full stop.
    letters = "BBBN" + "B" * 10
    chars = [400.0] * 3 + [12.0] + [120.0] * 10
    terminal = "ttt." + "." * 9 + "t"
    result = _headline_page(letters, chars, terminal, [60, 60, 60, 2] + [18] * 10)
    assert result.labels == tuple(labels("BBBN" + "R" * 10))
    assert _rule_names(result.reasons[4]) == ["headline_list"]
    assert result.reasons[0] == ()


def test_shorter_or_sentence_ending_runs_are_not_headline_lists() -> None:
    nine = _headline_page("BBBN" + "B" * 9, [400.0] * 3 + [12.0] + [120.0] * 9,
                          "ttt." + "." * 9, [60, 60, 60, 2] + [18] * 9)
    assert nine.labels == tuple(labels("BBBN" + "B" * 9))
    # Ten paragraphs of which three end like sentences: a story, not a list.
    story = _headline_page("B" * 10, [120.0] * 10, "t..t..t...", [18] * 10)
    assert story.labels == tuple(labels("B" * 10))


def test_headline_lists_are_a_text_dump_rule() -> None:
    n = 10
    fm = matrix(n, log_chars=list(np.log1p([120.0] * n)), log_words=list(np.log1p([18] * n)))
    assert apply_rules(fm, labels("B" * n), OPTS, True).labels == tuple(labels("B" * n))


# --- menu runs ---------------------------------------------------------------------------


def test_a_run_of_short_items_in_a_text_dump_is_a_menu() -> None:
    fm = matrix(10, log_words=list(np.log1p([1, 2, 2, 1, 3, 12, 2, 3, 1, 2])),
                ends_terminal=[0.0] * 5 + [1.0] + [0.0] * 4)
    result = apply_rules(fm, labels("ORORRBOOOO"), OPTS, False)
    # Five short items are a menu; four (a byline, a date, a credit...) are not.
    assert result.labels == tuple(labels("NNNNNBOOOO"))
    assert _rule_names(result.reasons[0]) == ["menu_run"]
    # HTML has links to tell menus by: the rule is for text dumps only.
    assert apply_rules(fm, labels("ORORRBOOOO"), OPTS, True).labels == tuple(
        labels("ORORRBOOOO"))


def test_short_doubtful_lines_ending_the_article_are_dropped_back_to_a_sure_one() -> None:
    # Article of three paragraphs, then a prompt and a credit, both short and
    # doubtful, then the page's boilerplate.
    chars = [300.0, 300.0, 300.0, 22.0, 14.0, 30.0]
    fm = matrix(6, log_chars=list(np.log1p(chars)), prose=[True] * 3 + [False] * 3)
    body_p = np.array([0.9, 0.9, 0.9, 0.66, 0.54, 0.1])
    result = apply_rules(fm, labels("BBBBBO"), OPTS, False, body_p=body_p)
    assert result.labels == tuple(labels("BBBOOO"))
    assert all("stray" in _rule_names(result.reasons[i]) for i in (3, 4))
    # A sure short line ends the tail: it and everything before it stay body.
    sure = np.array([0.9, 0.9, 0.9, 0.95, 0.54, 0.1])
    kept = apply_rules(fm, labels("BBBBBO"), OPTS, False, body_p=sure)
    assert kept.labels == tuple(labels("BBBBOO"))


_ARTICLE = [
    "The council met on Tuesday and voted to repair the old bridge before the winter "
    "comes, after years of complaints from the people who cross it every day.",
    "Work is due to start in March, and the engineers expect the repairs to take six "
    "weeks, during which a ferry will carry people across the river for free.",
    "The mayor said that the town had waited long enough for the money, and that the "
    "bridge would be open again in time for the summer market in the old square.",
    "Shops on both sides of the river have said that they will stay open while the "
    "work goes on, and the bus company will add a service to the station.",
]


def _thread(stamps: list[list[str]], names: tuple[str, ...]) -> list[str]:
    """A dumped comment thread: each comment's stamp lines, its text, a "Reply"."""
    lines: list[str] = []
    for stamp, name in zip(stamps, names, strict=True):
        lines += [*stamp,
                  f"I think that the repairs are long overdue and {name} is glad that the "
                  "work will be done before the market, as it is the only way to the station.",
                  "Reply"]
    return lines


_COMMENTERS = ("anna", "bob_k", "Carla M.")


def test_dated_comments_under_a_dumped_article_are_comments() -> None:
    thread = _thread([[f"{name} on 12 May 2024 at 4:{minute} pm said:"]
                      for name, minute in zip(_COMMENTERS, (12, 31, 47), strict=True)],
                     _COMMENTERS)
    letters = "BBBB" + "RBO" * 3
    result = _dump_rules([*_ARTICLE, *thread], letters)
    # The stamps and the "Reply" buttons become COMMENTS; the comments' text keeps the
    # body decision (a dump gives no way to tell it from the article's text).
    assert result.labels == tuple(labels("BBBB" + "CBC" * 3))
    assert "comment_thread" in _rule_names(result.reasons[4])
    # HTML has class names for this: the rule is for text dumps only.
    assert _dump_rules([*_ARTICLE, *thread], letters, is_html=True).labels == tuple(
        labels(letters))


def test_a_thread_whose_stamps_end_in_am_or_pm_is_found_by_their_last_word() -> None:
    # "anna says" / "12 May 2024 at 4:12 pm" / comment / "Reply": the stamps' last two
    # tokens are "0 pm", "0 am", "0 am" (two alike, too few); their last word of three
    # letters or more is "may" in all three.
    thread = _thread([[f"{name} says", f"{day} May 2024 at {time}"] for name, day, time in
                      zip(_COMMENTERS, (12, 13, 14), ("4:12 pm", "9:05 am", "11:40 am"),
                          strict=True)],
                     _COMMENTERS)
    letters = "BBBB" + "ORBO" * 3
    result = _dump_rules([*_ARTICLE, *thread], letters)
    # From the line above the first stamp (its author) to the last "Reply".
    assert result.labels == tuple(labels("BBBB" + "CCBC" * 3))
    assert "comment_thread" in _rule_names(result.reasons[5])


def test_dated_teasers_with_a_headline_under_the_date_are_not_a_thread() -> None:
    # A card: date, headline, summary. The summary reads like a comment, but a
    # headline between it and the date makes the date a teaser's.
    teasers = []
    for day, topic in ((12, "Writing Groups"), (13, "Poetry Nights"), (14, "Book Clubs")):
        teasers += [f"July {day}, 2025 \u2022 9 min read", f"The Best {topic} In Town",
                    f"Looking for {topic.lower()} in town? We found friendly local groups "
                    "where people meet every week and share what they have written.",
                    "Learn more"]
    letters = "BBBB" + "ORRO" * 3
    assert _dump_rules([*_ARTICLE, *teasers], letters).labels == tuple(labels(letters))


def test_dated_headlines_after_a_dumped_article_are_not_a_thread() -> None:
    teasers = []
    for day in (3, 4, 5):
        teasers += [f"Bridge news, {day} May 2024",
                    f"Council to vote on the ferry timetable for the {day}th"]
    letters = "BBBB" + "OR" * 3
    assert _dump_rules([*_ARTICLE, *teasers], letters).labels == tuple(labels(letters))


# --- the title line the rules are given ---------------------------------------------------


def test_protected_lines_are_the_title_for_the_rules() -> None:
    # A headline printed twice starts a teaser card, unless it is the page's title.
    fm = compute_features(text_page(CARD_TITLE, CARD_TITLE, PROSE_1, PROSE_2))
    assert apply_rules(fm, labels("BBBB"), ONE_CARD, False).labels[:2] == tuple(labels("RR"))
    result = apply_rules(fm, labels("BBBB"), ONE_CARD, False, protected={0, 1})
    assert result.labels == tuple(labels("TTBB"))
    assert all(r == () for r in result.reasons)


def test_site_repetition_moves_even_a_protected_line() -> None:
    fm = matrix(2, site_share=[1.0, 0.0])
    result = apply_rules(fm, labels("BB"), OPTS, True, protected={0})
    assert result.labels == tuple(labels("OB"))
    assert result.reasons[0][0].name == "site_repeated"
    assert result.reasons[0][0].detail.startswith("title → other")


def test_compiled_window_equals_the_stacked_mean_and_max(monkeypatch: pytest.MonkeyPatch) -> None:
    # context_inputs' C loop (the compiled path) against the stacked shifts' mean and
    # max, on pages of 1 to 300 lines: identical bits.
    from cleantext import context_inputs
    rng = np.random.default_rng(5)
    for n in (*range(1, 40), 160, 300):
        values = rng.normal(0.0, 5.0, size=n)
        results = []
        for compiled in (True, False):
            monkeypatch.setattr(context_inputs, "_COMPILED", compiled)
            results.append([a.tobytes() for half in (3, 8)
                            for a in context_inputs._window(values, half)])
        assert results[0] == results[1]

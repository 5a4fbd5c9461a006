"""Assemble stage: the title and the Document built from labelled lines."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest
from builders import page, text_page

import cleantext
from cleantext.assemble import build_document
from cleantext.blocks import Segmented
from cleantext.document import Label, Reason
from cleantext.features import FEATURE_NAMES, compute_features
from cleantext.options import Options
from cleantext.segment import title_candidate
from cleantext.title import find_dump_title, find_title, title_duplicates

OPTS = Options()
HEADLINE = "Big storm hits the coast"
PROSE = "The storm reached the coast on Monday night and cut power to thousands of homes."
PROSE_2 = "Crews worked through the night, and by noon most of the town had electricity again."


def _find(seg: Segmented, options: Options = OPTS) -> tuple[int | None, str | None]:
    return find_title(seg, compute_features(seg, title=title_candidate(seg)), options)


def _find_dump(seg: Segmented, body: Sequence[int] = (), options: Options = OPTS
               ) -> tuple[int | None, str | None, bool]:
    """find_dump_title with the lines ``body`` labelled BODY, the others OTHER."""
    labels = [Label.BODY if i in body else Label.OTHER for i in range(len(seg.blocks))]
    return find_dump_title(seg, compute_features(seg), labels, options)


# --- metadata title ----------------------------------------------------------------------


@pytest.mark.parametrize(("title", "meta", "expected"), [
    (f"{HEADLINE} | Daily Planet", None, HEADLINE),
    (f"Daily Planet – {HEADLINE}", None, HEADLINE),
    (f"{HEADLINE} - News - Daily Planet", None, HEADLINE),
    (f"{HEADLINE} :: Daily Planet", None, HEADLINE),
    ("A well-known case", None, "A well-known case"),
    ("Site | Other page", f"{HEADLINE} tonight", f"{HEADLINE} tonight"),
    (None, None, None),
])
def test_title_candidate_removes_the_site_name(title: str | None, meta: str | None,
                                               expected: str | None) -> None:
    seg = page("html/body/p: x", title=title, meta_title=meta)
    assert title_candidate(seg) == expected


def test_html_title_is_the_heading_that_matches_the_metadata() -> None:
    seg = page(
        f"html/body/aside/p: {HEADLINE}",          # a teaser repeating the headline
        f"html/body/article/h1: {HEADLINE}",
        f"html/body/article/p: {PROSE}",
        title=f"{HEADLINE} | Daily Planet",
    )
    assert _find(seg) == (1, HEADLINE)
    assert title_duplicates(compute_features(seg).normalised, 1) == [0]


def test_html_title_line_needs_enough_overlap() -> None:
    # "Storm hits" shares 2 of the 5 tokens: overlap 0.4.
    # The h1 sits outside the article container, so it is no headline of its own.
    seg = page("html/body/div/h1: Storm hits", f"html/body/article/p: {PROSE}",
               title=f"{HEADLINE} | Daily Planet")
    assert _find(seg) == (None, HEADLINE)
    assert _find(seg, OPTS.with_(title_min_overlap=0.3)) == (0, "Storm hits")


def test_html_h1_of_the_article_is_the_title_whatever_the_title_tag_says() -> None:
    seg = page("html/body/article/h1: Storm hits", f"html/body/article/p: {PROSE}",
               title=f"{HEADLINE} | Daily Planet")
    assert _find(seg) == (0, "Storm hits")


def test_html_without_metadata_title_or_article_h1_has_none() -> None:
    seg = page("html/body/div/h2: Weather", f"html/body/article/p: {PROSE}")
    assert _find(seg) == (None, None)


# --- text dump headline ------------------------------------------------------------------

PROSE_3 = "Forecasters expect the storm to weaken as it moves inland over the weekend."


def test_dump_title_is_the_headline_above_the_article_that_repeats_its_words() -> None:
    seg = text_page("Skip to content", "Local news", "Sign in", HEADLINE, "By Jane Roe",
                    "12 May 2024", PROSE, PROSE_2, PROSE_3)
    assert _find_dump(seg, body=(6, 7, 8)) == (3, HEADLINE, True)


def test_dump_title_prefers_shared_words_to_nearness() -> None:
    # The caption is nearer the article but shares one word of four ("coast":
    # 1 / (4 + 2)); the headline shares three of five ("the", "storm", "coast":
    # 3 / (5 + 2)). Without the prior, the caption's share would be 1/4 against
    # 3/5 still; a caption sharing all its words would win there, not here.
    seg = text_page(HEADLINE, "Jane Roe, weather desk", "Photo: the coast at dawn",
                    PROSE, PROSE_2)
    assert _find_dump(seg, body=(3, 4)) == (0, HEADLINE, True)


def test_dump_title_prior_keeps_a_short_line_from_winning_on_share() -> None:
    # "The coast" shares both its words (2/2 without the prior, 2/4 with it); the
    # headline six of seven ("storm", "power", "thousands", "homes", "the", "coast":
    # 6/7 without, 6/9 with).
    headline = "Storm cuts power to thousands of homes on the coast"
    seg = text_page(headline, "Jane Roe", "The coast", PROSE, PROSE_2)
    assert _find_dump(seg, body=(3, 4), options=OPTS.with_(title_overlap_prior=0.0))[0] == 2
    assert _find_dump(seg, body=(3, 4))[0] == 0


def test_dump_title_may_be_the_articles_first_line() -> None:
    seg = text_page("Menu", HEADLINE, PROSE, PROSE_2)
    assert _find_dump(seg, body=(1, 2, 3)) == (1, HEADLINE, True)


def test_dump_without_a_line_sharing_the_articles_words_has_no_title() -> None:
    seg = text_page("Skip to content", "Sign in here", "Breaking: markets rally", PROSE,
                    PROSE_2)
    assert _find_dump(seg, body=(3, 4)) == (None, None, False)


def test_title_window_lines_option() -> None:
    seg = text_page(HEADLINE, "By Jane Roe", "12 May 2024", PROSE, PROSE_2)
    assert _find_dump(seg, body=(3, 4))[0] == 0
    assert _find_dump(seg, body=(3, 4), options=OPTS.with_(title_window_lines=2)) == (
        None, None, False)


def test_title_lead_chars_option() -> None:
    filler = "Readers asked us about it again last week, and here is what we learned."
    seg = text_page(HEADLINE, filler, filler, PROSE)   # only the third paragraph repeats it
    assert _find_dump(seg, body=(1, 2, 3))[0] == 0
    short_lead = OPTS.with_(title_lead_chars=len(filler))
    assert _find_dump(seg, body=(1, 2, 3), options=short_lead) == (None, None, False)


def test_dump_without_body_falls_back_to_a_headline_like_first_line() -> None:
    assert _find_dump(text_page(f"{HEADLINE} 15:53", PROSE)) == (0, HEADLINE, False)
    assert _find_dump(text_page(HEADLINE, PROSE)) == (0, HEADLINE, False)


@pytest.mark.parametrize("first", [
    "The storm hit the coast.",        # a sentence, not a headline
    "Home",                            # one word: a menu item
    "Storm " * 60,                     # longer than title_max_chars
])
def test_text_dump_first_line_that_is_no_headline(first: str) -> None:
    assert _find_dump(text_page(first.strip(), PROSE)) == (None, None, False)


def test_title_max_chars_option() -> None:
    seg = text_page(HEADLINE, PROSE)
    assert _find_dump(seg, options=OPTS.with_(title_max_chars=10)) == (None, None, False)
    assert _find_dump(seg, body=(1,), options=OPTS.with_(title_max_chars=10)) == (
        None, None, False)


def test_find_title_is_for_html_pages() -> None:
    with pytest.raises(ValueError, match="find_dump_title"):
        _find(text_page(HEADLINE, PROSE))


# --- the Document ------------------------------------------------------------------------


def test_build_document_joins_body_lines_and_keeps_every_line() -> None:
    seg = page(f"html/body/article/h1: {HEADLINE}", f"html/body/article/p#1: {PROSE}",
               "html/body/nav/a: [Home]", "html/body/article/p#2: Second paragraph.")
    features = compute_features(seg)
    reasons = ((), (Reason("model", "log_chars", 1.5, "raised P(body)"),),
               (Reason("context", "site_repeated", 1.0, "x"),), ())
    doc = build_document(seg, features, np.array([0.3, 0.9, 0.2, 0.6]),
                         [Label.TITLE, Label.BODY, Label.NAVIGATION, Label.BODY], reasons,
                         HEADLINE, "https://example.org/a")
    assert doc.text == f"{PROSE}\nSecond paragraph."
    assert (doc.title, doc.url) == (HEADLINE, "https://example.org/a")
    assert [line.index for line in doc.lines] == [0, 1, 2, 3]
    assert [line.score for line in doc.lines] == pytest.approx([0.7, 0.9, 0.8, 0.6])
    assert [line.tag for line in doc.lines] == ["h1", "p", "nav", "p"]
    assert doc.lines[2].path == "html/body/nav"
    assert tuple(doc.lines[0].features) == FEATURE_NAMES
    assert doc.lines[2].reasons[0].name == "site_repeated"
    model = [r for r in doc.lines[1].reasons if r.source == "model"]
    assert [(r.name, r.weight) for r in model] == [("log_chars", 1.5)]
    assert doc.lines[3].reasons == ()


def test_text_dump_lines_have_no_path() -> None:
    seg = text_page("one line", "two line")
    doc = build_document(seg, compute_features(seg), np.array([0.9, 0.1]),
                         [Label.BODY, Label.OTHER], ((), ()), None, None)
    assert [(line.tag, line.path) for line in doc.lines] == [("line", ""), ("line", "")]
    assert doc.text == "one line"


# --- end to end (needs the shipped model) ------------------------------------------------


def test_extract_labels_the_h1_title_and_its_repeat() -> None:
    html = (f"<html><head><title>{HEADLINE} | Daily Planet</title></head><body>"
            f"<article><h1>{HEADLINE}</h1><p>{PROSE}</p><p>{PROSE_2}</p></article>"
            "</body></html>")
    doc = cleantext.extract(html)
    assert doc.title == HEADLINE
    (title_line,) = [line for line in doc.lines if line.label is Label.TITLE]
    assert (title_line.tag, title_line.text) == ("h1", HEADLINE)
    assert title_line.reasons[0].name == "title_match"
    assert doc.text == f"{PROSE}\n{PROSE_2}"


def test_extract_text_title_above_the_article_is_labelled_and_left_out_of_the_body() -> None:
    dump = "\n".join(["Skip to content", "Home", "World", "Sport", HEADLINE, "By Jane Roe",
                      PROSE, PROSE_2, PROSE_3, "Share this story", "Contact us"])
    doc = cleantext.extract_text(dump)
    assert doc.title == HEADLINE
    (title_line,) = [line for line in doc.lines if line.label is Label.TITLE]
    assert title_line.index == 4
    assert title_line.reasons[0].name == "title_match"
    assert "above the article" in title_line.reasons[0].detail
    assert HEADLINE not in doc.text
    assert PROSE in doc.text


def test_extract_text_headline_with_time_stamp() -> None:
    doc = cleantext.extract_text(f"{HEADLINE} 15:53\n{PROSE}\n{PROSE_2}\n")
    assert doc.title == HEADLINE
    assert doc.lines[0].label is Label.TITLE

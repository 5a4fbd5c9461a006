"""Assemble stage: the title and the Document built from labelled lines."""

from __future__ import annotations

import numpy as np
import pytest
from builders import page, text_page

import cleantext
from cleantext.assemble import build_document, find_title, title_candidate, title_duplicates
from cleantext.document import Label, Reason
from cleantext.features import FEATURE_NAMES, compute_features
from cleantext.options import Options
from cleantext.segment import Segmented

OPTS = Options()
HEADLINE = "Big storm hits the coast"
PROSE = "The storm reached the coast on Monday night and cut power to thousands of homes."
PROSE_2 = "Crews worked through the night, and by noon most of the town had electricity again."


def _find(seg: Segmented, options: Options = OPTS) -> tuple[int | None, str | None]:
    return find_title(seg, compute_features(seg, title=title_candidate(seg)), options)


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
    seg = page("html/body/h1: Storm hits", f"html/body/p: {PROSE}",
               title=f"{HEADLINE} | Daily Planet")
    assert _find(seg) == (None, HEADLINE)
    assert _find(seg, OPTS.with_(title_min_overlap=0.3)) == (0, "Storm hits")


def test_html_without_metadata_title_has_none() -> None:
    assert _find(page("html/body/h1: Weather", f"html/body/p: {PROSE}")) == (None, None)


# --- text dump headline ------------------------------------------------------------------


def test_text_dump_first_short_line_is_the_title_without_its_time_stamp() -> None:
    assert _find(text_page(f"{HEADLINE} 15:53", PROSE)) == (0, HEADLINE)
    assert _find(text_page(HEADLINE, PROSE)) == (0, HEADLINE)


@pytest.mark.parametrize("first", [
    "The storm hit the coast.",        # a sentence, not a headline
    "Home",                            # one word: a menu item
    "Storm " * 60,                     # longer than title_max_chars
])
def test_text_dump_first_line_that_is_no_headline(first: str) -> None:
    assert _find(text_page(first.strip(), PROSE)) == (None, None)


def test_title_max_chars_option() -> None:
    seg = text_page(HEADLINE, PROSE)
    assert _find(seg, OPTS.with_(title_max_chars=10)) == (None, None)


# --- the Document ------------------------------------------------------------------------


def test_build_document_joins_body_lines_and_keeps_every_line() -> None:
    seg = page(f"html/body/article/h1: {HEADLINE}", f"html/body/article/p#1: {PROSE}",
               "html/body/nav/a: [Home]", "html/body/article/p#2: Second paragraph.")
    features = compute_features(seg)
    contributions = np.zeros((4, len(FEATURE_NAMES)))
    contributions[1, FEATURE_NAMES.index("log_chars")] = 1.5
    context = ((), (), (Reason("context", "site_repeated", 1.0, "x"),), ())
    doc = build_document(seg, features, np.array([0.3, 0.9, 0.2, 0.6]), contributions,
                         [Label.TITLE, Label.BODY, Label.NAVIGATION, Label.BODY], context,
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
                         np.zeros((2, len(FEATURE_NAMES))), [Label.BODY, Label.OTHER],
                         ((), ()), None, None)
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


def test_extract_text_headline_with_time_stamp() -> None:
    doc = cleantext.extract_text(f"{HEADLINE} 15:53\n{PROSE}\n{PROSE_2}\n")
    assert doc.title == HEADLINE
    assert doc.lines[0].label is Label.TITLE

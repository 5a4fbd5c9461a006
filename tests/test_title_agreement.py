"""Metadata's title by agreement between ``<title>`` and the visible title line
(:mod:`cleantext.metatitle`), alone and through ``build_metadata`` and ``extract``."""

from __future__ import annotations

import cleantext
from cleantext.metadata import HeadData, build_metadata
from cleantext.metatitle import title_by_agreement, title_parts

PARA = "<p>" + "Plain words of the article body that go on for a while here. " * 8 + "</p>"


def test_parts_split_on_spaced_separators_only() -> None:
    assert title_parts("Quickstart — Flask  Docs | Home") == ["Quickstart", "Flask Docs", "Home"]
    assert title_parts("Mini-SUV: on the rise") == ["Mini-SUV: on the rise"]
    assert title_parts("x" * 10_000)[0] == "x" * 2_000


def test_line_equal_to_the_first_part_is_the_title() -> None:
    assert title_by_agreement("What is Ownership? - The Book", "What is ownership",
                              None, None) == ("What is ownership", True)


def test_line_naming_the_site_gives_the_first_part() -> None:
    # A documentation set's name (or a logo) over its pages is the title line.
    assert title_by_agreement("ORM Quick Start — SQLAlchemy 2.0 Documentation",
                              "SQLAlchemy 2.0 Documentation", None, None) \
        == ("ORM Quick Start", False)


def test_long_line_after_a_short_first_part_is_the_headline() -> None:
    # "Site | Headline": the line has 5+ words and twice the first part's: left alone.
    assert title_by_agreement("Frommers | The 10 Best Airfare Search Sites",
                              "The 10 Best Airfare Search Sites", None, None) is None
    # A site named by og:site_name or the domain is cut from either side.
    assert title_by_agreement("Frommers | Best Sites", None, "Frommers", None) \
        == ("Best Sites", False)


def test_no_line_gives_the_first_part_and_one_part_settles_nothing() -> None:
    assert title_by_agreement("Affordable Movers | Low-Cost Moving in NJ", None, None, None) \
        == ("Affordable Movers", False)
    assert title_by_agreement("Just One Title", "Another line", None, None) is None
    assert title_by_agreement(None, "A line", None, None) is None
    # A line elsewhere (neither part) settles nothing: the metadata's choice stays.
    assert title_by_agreement("Alpha | Beta", "Gamma delta", None, None) is None


def test_build_metadata_prefers_the_agreed_title() -> None:
    head = HeadData(title="News | National Tutoring Alliance",
                    meta=(("og:title", "News | National Tutoring Alliance"),))
    lines = [("National Tutoring Alliance", "title"), ("Body text", "body")]
    meta = build_metadata(head, lines, "https://example.org/news")
    assert meta.title == "News"
    assert str(meta.source("title")) == "title-tag:title:first part"
    # A text dump (no head data) keeps its title line.
    dump = build_metadata(None, lines, None)
    assert dump.title == "National Tutoring Alliance"


def test_extract_reports_the_page_not_the_documentation_set() -> None:
    # The title stage takes the sidebar's heading (it matches <title> best); the
    # metadata title is the page's own part of <title>. Document.title is unchanged.
    page = ("<html><head><title>ORM Quick Start — SQLAlchemy Documentation</title></head>"
            "<body><div class=sidebar><h3>SQLAlchemy Documentation</h3><a href=/>Home</a>"
            f"</div><div class=body><h2>Installation notes</h2>{PARA}{PARA}</div></body></html>")
    doc = cleantext.extract(page)
    assert doc.title == "SQLAlchemy Documentation"
    assert doc.metadata.title == "ORM Quick Start"

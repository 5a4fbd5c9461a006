"""Metadata: source priority, provenance, dates across languages, hostile JSON-LD."""

from __future__ import annotations

import json

import pytest

from cleantext.byline import author_from_line
from cleantext.dates import find_date, normalise_date
from cleantext.jsonld import json_ld_objects
from cleantext.metadata import HeadData, MetadataLimits, Source, TimeTag, build_metadata

ARTICLE = json.dumps({"@context": "https://schema.org", "@graph": [
    {"@type": "WebSite", "name": "Example News"},
    {"@type": "NewsArticle", "headline": "Big news", "datePublished": "2024-03-10T08:00:00+0100",
     "dateModified": "2024-03-11", "author": [{"@id": "#jane"}, "John Roe"],
     "keywords": "energy, policy", "image": {"@id": "#img"}},
    {"@type": "ImageObject", "@id": "#img", "url": "https://example.com/a.jpg"},
    {"@type": "Person", "@id": "#jane", "name": "Jane Doe"}]})


def test_json_ld_beats_meta_and_records_sources() -> None:
    head = HeadData(title="Big news | Example News", lang="en_GB", json_ld=(ARTICLE,),
                    meta=(("og:title", "Other title"), ("author", "Meta Person"),
                          ("article:published_time", "2020-01-01")))
    meta = build_metadata(head, [], "https://example.com/big")
    assert meta.title == "Big news"
    assert meta.authors == ("Jane Doe", "John Roe")
    assert meta.published == "2024-03-10T08:00:00+01:00"
    assert meta.modified == "2024-03-11"
    assert meta.site_name == "Example News"
    assert meta.language == "en-GB"
    assert meta.tags == ("energy", "policy")
    assert meta.image == "https://example.com/a.jpg"
    assert meta.source("authors") == Source("json-ld", "author")
    assert meta.source("language") == Source("html-lang", "lang")
    assert meta.source("description") is None
    assert meta.to_dict()["sources"]["published"] == "json-ld:datePublished"


def test_meta_then_time_then_lines() -> None:
    head = HeadData(title="Headline - Site", meta=(("og:site_name", "Site"),),
                    times=(TimeTag("2023-05-01", 3), TimeTag("2023-06-02T10:00", 9, True)))
    lines = [("Headline", "title"), ("By Jane Doe", "other"), ("10 May 2023", "other")]
    meta = build_metadata(head, lines, None)
    assert meta.published == "2023-06-02T10:00"  # the pubdate-marked <time> first
    assert meta.source("published") == Source("time", "line 9")
    assert meta.authors == ("Jane Doe",)
    assert meta.source("authors") == Source("byline", "line 1")
    assert meta.title == "Headline"


def test_text_dump_gets_byline_and_date_lines() -> None:
    lines = [("Menu", "navigation"), ("A headline here", "title"),
             ("Autor: Jan Kowalski | 10.03.2024", "other"), ("Body text.", "body")]
    meta = build_metadata(None, lines, None)
    assert meta.title == "A headline here"
    assert meta.authors == ("Jan Kowalski",)
    assert meta.published == "2024-03-10"
    assert meta.canonical_url is None


@pytest.mark.parametrize(("text", "iso"), [
    ("10 March 2024", "2024-03-10"), ("March 10th, 2024", "2024-03-10"),
    ("10.03.2024", "2024-03-10"), ("3/10/2024", "2024-03-10"), ("25/12/2023", "2023-12-25"),
    ("2024年3月10日", "2024-03-10"), ("10 марта 2024 г.", "2024-03-10"),
    ("le 5 avril 2023", "2023-04-05"), ("10 de marzo de 2024", "2024-03-10"),
    ("Posted 2024/03/10 by admin", "2024-03-10"), ("no date 2024", None),
    ("31.02.2024", None), ("10 Foo 2024", None)])
def test_find_date(text: str, iso: str | None) -> None:
    assert find_date(text) == iso


def test_normalise_date_keeps_time_and_zone() -> None:
    assert normalise_date("2024-03-10T08:00:00Z") == "2024-03-10T08:00:00Z"
    assert normalise_date("20240310") == "2024-03-10"
    assert normalise_date("1800-01-01") is None


def test_byline_shapes() -> None:
    assert author_from_line("Written by John Smith, March 2, 2024") == "John Smith"
    assert author_from_line("By Jane van Doe · 5 min read", near_date=True) == "Jane van Doe"
    assert author_from_line("Autor: Jan Kowalski") == "Jan Kowalski"
    # the shape alone is not enough: no colon lead, no date on or next to the line
    assert author_from_line("All Skin Care") is None
    assert author_from_line("By Jane van Doe · 5 min read") is None
    assert author_from_line("Posted: March 10, 2024") is None
    assert author_from_line("A long sentence of the body that goes on and on.") is None


def test_author_values_are_cleaned() -> None:
    head = HeadData(microdata=(("author", "Written By: Tom May\n  Editor"),))
    assert build_metadata(head, [], None).authors == ("Tom May",)
    head = HeadData(microdata=(("author", ".css-x{margin:0}"), ("author", "Bo Kim 1,655 gold")))
    assert build_metadata(head, [], None).authors == ()


def test_invalid_json_ld_is_ignored_and_lenient_fixes_apply() -> None:
    broken = '{"@type": "Article", "headline": "Fixed",}'
    head = HeadData(json_ld=("{not json", broken), meta=(("og:title", "Meta"),))
    assert build_metadata(head, [], None).title == "Fixed"


def test_deep_json_ld_is_skipped_without_recursion() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    deep_obj = '{"a":' * 100_000 + "1" + "}" * 100_000
    head = HeadData(json_ld=(deep, deep_obj, '{"@type":"Article","headline":"Shallow"}'))
    assert build_metadata(head, [], None).title == "Shallow"


def test_huge_string_is_cut() -> None:
    huge = json.dumps({"@type": "Article", "headline": "x" * 20_000_000})
    limits = MetadataLimits(max_script_chars=30_000_000)
    meta = build_metadata(HeadData(json_ld=(huge,)), [], None, limits)
    assert meta.title is not None and len(meta.title) == limits.max_field_chars


def test_many_entries_are_bounded() -> None:
    many = json.dumps([{"@type": "Thing", "n": i} for i in range(100_000)])
    limits = MetadataLimits(max_script_chars=10_000_000)
    objects = json_ld_objects([many], max_scripts=16, max_bytes=limits.max_script_chars,
                              max_depth=32, max_nodes=limits.max_nodes)
    assert len(objects) == limits.max_nodes
    head = HeadData(json_ld=(many,) * 100, meta=(("author", "A Person"),) * 100_000)
    assert build_metadata(head, [], None, limits).authors == ("A Person",)


def test_author_list_forms_and_urls_dropped() -> None:
    ld = json.dumps({"@type": "BlogPosting", "author": {"name": "Ann Lee"}})
    assert build_metadata(HeadData(json_ld=(ld,)), [], None).authors == ("Ann Lee",)
    head = HeadData(meta=(("article:author", "https://facebook.com/x"), ("author", "Bo Kim")))
    assert build_metadata(head, [], None).authors == ("Bo Kim",)

"""Short and simple pages (issue #22): the only article on a page is never lost.

Property tests generate pages with nothing but an article — N paragraphs of prose in
one of five simple templates, with and without an h1 — and assert a non-empty body
holding every paragraph. Then the issue's three pages, and each rule of #22 on the
smallest page that should *not* trigger it.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleantext
from cleantext import Label

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

NOUNS = ("council", "river", "teacher", "garden", "market", "library", "engineer", "harbour",
         "village", "report", "winter", "bridge", "museum", "farmer", "station")
VERBS = ("opened", "visited", "described", "repaired", "watched", "planned", "measured",
         "painted", "followed", "praised")
PLACES = ("the old town", "the north valley", "a small school", "the main square",
          "the coast road", "the city hall")


@st.composite
def sentences(draw: st.DrawFn) -> str:
    """One sentence of simple prose: subject, verb, object, place, a clause."""
    a, b = draw(st.sampled_from(NOUNS)), draw(st.sampled_from(NOUNS))
    verb, place = draw(st.sampled_from(VERBS)), draw(st.sampled_from(PLACES))
    clause = draw(st.sampled_from((
        "and everyone agreed it had been worth the wait",
        "although the weather was colder than expected",
        "while the neighbours gathered to watch the work",
        "because the last plan had been dropped in spring")))
    return f"The {a} {verb} the {b} near {place}, {clause}."


@st.composite
def paragraphs(draw: st.DrawFn) -> list[str]:
    """One to five paragraphs of two or three sentences, no sentence twice on the
    page (prose does not repeat itself; a repeated line is a card's title)."""
    count = draw(st.integers(1, 5))
    sizes = [draw(st.integers(2, 3)) for _ in range(count)]
    pool = draw(st.lists(sentences(), min_size=sum(sizes), max_size=sum(sizes), unique=True))
    out, at = [], 0
    for size in sizes:
        out.append(" ".join(pool[at:at + size]))
        at += size
    return out


def _page(template: str, paras: list[str], h1: str | None) -> str:
    head = f"<h1>{h1}</h1>" if h1 else ""
    ps = "".join(f"<p>{p}</p>" for p in paras)
    inner = {
        "article": f"<article>{head}{ps}</article>",
        "main": f"<main>{head}{ps}</main>",
        "bare": head + "".join(f"{p}<br><br>" for p in paras),
        "divs": f"<div><div class=\"x\">{head}</div><div><div>"
                + "".join(f"<div>{p}</div>" for p in paras) + "</div></div></div>",
        "table": f"<table><tr><td>{head}</td></tr><tr><td>{ps}</td></tr></table>",
    }[template]
    return f"<html><head><title>A page</title></head><body>{inner}</body></html>"


@SETTINGS
@given(paras=paragraphs(),
       template=st.sampled_from(("article", "main", "bare", "divs", "table")),
       h1=st.sampled_from((None, "Winter at the harbour", "")))
def test_a_page_of_only_prose_comes_out_whole(paras: list[str], template: str,
                                              h1: str | None) -> None:
    doc = cleantext.extract(_page(template, paras, h1))
    assert doc.text.strip(), "empty body on a page that is all article"
    body = " ".join(doc.text.split())
    for p in paras:
        assert p in body


L1 = ("The committee met on Tuesday to discuss the new budget, and after a long debate it "
      "agreed to fund the library renovation for another two years.")
L2 = ("Residents who attended the meeting said they were pleased with the outcome, although "
      "several asked why the decision had taken so long to reach.")
L3 = ("The renovation will begin in the spring, and the library will stay open during the "
      "work, with some rooms closed for a few weeks at a time.")


def _labels(doc: cleantext.Document) -> list[tuple[Label, str]]:
    return [(line.label, line.text) for line in doc.lines]


def test_a_paragraph_printed_twice_is_the_articles_first_copy_kept() -> None:
    doc = cleantext.extract(f"<html><body><article><p>{L1}</p><p>{L1}</p><p>{L2}</p>"
                            "</article></body></html>")
    assert doc.text.split("\n") == [L1, L2]


def test_one_heading_over_an_article_is_its_title_not_a_card() -> None:
    doc = cleantext.extract(f"<main><article><h1>Lorem</h1><p>short line</p><p>{L2}</p>"
                            f"<p>{L3}</p></article></main>")
    assert _labels(doc)[0] == (Label.TITLE, "Lorem")
    assert L2 in doc.text and L3 in doc.text


def test_the_h1_of_the_article_is_title_when_the_title_tag_differs() -> None:
    doc = cleantext.extract("<html><head><title>My blog | Notes</title></head><body>"
                            f"<article><h1>Library renovation funded</h1><p>{L1}</p>"
                            f"<p>{L2}</p></article></body></html>")
    assert _labels(doc)[0] == (Label.TITLE, "Library renovation funded")
    assert doc.title == "Library renovation funded"
    assert doc.text.split("\n") == [L1, L2]


def test_an_h1_outside_the_article_is_not_its_headline() -> None:
    doc = cleantext.extract("<html><head><title>Zzz</title></head><body><header><h1>"
                            "Site of notes</h1></header><article>"
                            f"<p>{L1}</p><p>{L2}</p><p>{L3}</p></article></body></html>")
    assert doc.lines[0].label is not Label.TITLE


def _cards(doc: cleantext.Document) -> int:
    return sum(any(r.name == "teaser_card" for r in line.reasons) for line in doc.lines)


def test_a_list_of_repeated_titles_is_still_read_as_cards() -> None:
    dump = "\n".join([L1, L2, L3, "Bridge reopens", "Bridge reopens", L2[:80] + ".",
                      "Museum buys a painting", "Museum buys a painting", L3[:70] + "."])
    assert _cards(cleantext.extract_text(dump)) == 2  # both teasers


def test_one_repeated_title_is_no_list_of_cards() -> None:
    page = f"<html><body><article><p>{L1}</p><p>{L1}</p><p>{L2}</p></article></body></html>"
    assert _cards(cleantext.extract(page)) == 0
    # Without the precondition the same page is read as one card.
    assert _cards(cleantext.extract(page, options=cleantext.Options(card_min_pairs=1))) > 0


def test_the_floor_leaves_a_page_without_prose_empty() -> None:
    links = "".join(f"<li><a href='/{w}'>{w}</a></li>" for w in NOUNS)
    doc = cleantext.extract(f"<html><body><nav><ul>{links}</ul></nav></body></html>")
    assert not any(r.name == "recall_floor" for line in doc.lines for r in line.reasons)


def test_the_floor_waits_while_the_body_holds_the_container() -> None:
    doc = cleantext.extract(f"<html><body><article><p>{L1}</p><p>{L2}</p><p>{L3}</p>"
                            "</article></body></html>")
    assert not any(r.name == "recall_floor" for line in doc.lines for r in line.reasons)
    assert doc.text.split("\n") == [L1, L2, L3]


def test_a_repeat_away_from_the_body_is_not_the_articles() -> None:
    doc = cleantext.extract(f"<html><body><article><p>{L1}</p><p>{L2}</p><p>{L3}</p>"
                            "</article><aside><div><p>Bridge reopens after the long "
                            "winter works</p><p>Bridge reopens after the long winter "
                            "works</p></div></aside></body></html>")
    assert not any(r.name == "article_repeat" for line in doc.lines for r in line.reasons)

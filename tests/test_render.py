"""The notebook view (document_html) and terminal rows (terminal_lines) of a Document.

Built on hand-made Documents so the view is tested independently of the model; one
test at the end runs the real extractor on a bundled seed page.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import lxml.html
import pytest

from cleantext.document import Document, Label, Line, Reason
from cleantext.render import (
    CSS_SCOPE,
    document_html,
    fit_cells,
    stylesheet,
    terminal_lines,
    terminal_safe,
    visible_text,
)

SEEDS = Path(__file__).parent / "fixtures" / "seeds"

HOSTILE = (
    "<script>alert(1)</script>",
    '" onerror="alert(1)',
    "' onmouseover='alert(2)' x='",
    "<img src=x onerror=alert(3)>",
    "</style><script>alert(4)</script>",
    "&amp; &lt;b&gt; &#60;script&#62; &nbsp; &unknown;",
    "</li></ol></div><a href=\"javascript:alert(5)\">click</a>",
    "<!-- comment --> <![CDATA[ x ]]> <?php echo 1; ?>",
    "bell\x07 nul\x00 esc\x1b[31mred\x1b]0;title\x07 csi\x9b2J del\x7f",
)


def make_line(index: int, text: str, label: Label, score: float = 0.8,
              reasons: tuple[Reason, ...] = ()) -> Line:
    """A labelled line with the given evidence."""
    return Line(index=index, text=text, label=label, score=score, reasons=reasons)


def make_doc(rows: list[tuple[str, Label]], *, title: str | None = "A title",
             url: str | None = None, reasons: tuple[Reason, ...] = ()) -> Document:
    """A Document whose lines are ``rows`` in order; body text is the body lines."""
    lines = tuple(make_line(i, text, label, 0.5 + i % 5 / 10, reasons)
                  for i, (text, label) in enumerate(rows))
    body = "\n".join(line.text for line in lines if line.label is Label.BODY)
    return Document(text=body, title=title, lines=lines, url=url)


MIXED = [
    ("Home", Label.NAVIGATION),
    ("The headline of the story", Label.TITLE),
    ("First paragraph of the article, long enough to be body.", Label.BODY),
    ("Photo: agency", Label.OTHER),
    ("Second paragraph of the article.", Label.BODY),
    ("Read also: another story", Label.RELATED),
    ("Home", Label.NAVIGATION),  # same text twice: both lines must still appear
    ("Great article! -- a reader", Label.COMMENTS),
]


def rows_of(page: str) -> list[lxml.html.HtmlElement]:
    """The line elements of a rendered view, in document order."""
    root = lxml.html.fromstring(page)
    return list(root.xpath("//li[@data-line]"))


def test_every_line_appears_once_in_order_with_its_label() -> None:
    doc = make_doc(MIXED)
    rows = rows_of(document_html(doc))
    assert [int(r.get("data-line")) for r in rows] == list(range(1, len(MIXED) + 1))
    assert [r.get("data-label") for r in rows] == [label.value for _, label in MIXED]
    texts = [r.find_class("cleantext-text")[0].text_content() for r in rows]
    assert texts == [text for text, _ in MIXED]


def test_dropped_lines_are_marked_and_kept_lines_are_body_and_title() -> None:
    rows = rows_of(document_html(make_doc(MIXED)))
    kept = {r.get("data-label") for r in rows if "cleantext-kept" in r.classes}
    dropped = {r.get("data-label") for r in rows if "cleantext-dropped" in r.classes}
    assert kept == {"body", "title"}
    assert dropped == {"navigation", "other", "related", "comments"}


def test_legend_counts_every_label() -> None:
    root = lxml.html.fromstring(document_html(make_doc(MIXED)))
    chips = {c.get("data-label"): c.text_content() for c in root.find_class("cleantext-chip")}
    assert set(chips) == {label.value for label in Label}
    assert chips["navigation"] == "navigation 2"
    assert chips["body"] == "body 2"
    assert chips["title"] == "title 1"


def test_tooltip_holds_score_and_reasons() -> None:
    reasons = (Reason("model", "link_density", -2.5, "mostly link text"),
               Reason("model", "length", 0.25),
               Reason("context", "teaser_block", 1.0, "between related lines"))
    doc = make_doc([("Some line", Label.RELATED)], reasons=reasons)
    row = rows_of(document_html(doc))[0]
    tip = row.get("title").split("\n")
    assert tip[0] == "line 1 \u00b7 related \u00b7 score 0.500"
    # explain(): context reasons first, then model reasons by absolute weight
    assert tip[1:] == ["context:teaser_block +1.00 (between related lines)",
                       "model:link_density -2.50 (mostly link text)",
                       "model:length +0.25"]
    assert row.find_class("cleantext-why")[0].text_content() == tip[1]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_renders_as_text(text: str) -> None:
    reason = Reason("title", "matches_title", 1.0, text)
    doc = make_doc([(text, Label.BODY), ("ok", Label.NAVIGATION)], title=text, url=text,
                   reasons=(reason,))
    page = document_html(doc)
    root = lxml.html.fromstring(page)
    assert not root.xpath("//script | //img | //a | //iframe")
    assert "<script" not in page.lower()
    for element in root.iter():
        assert not [name for name in element.attrib if name.lower().startswith("on")]
    row = rows_of(page)[0]
    assert row.find_class("cleantext-text")[0].text_content() == visible_text(text)
    assert row.get("title").endswith(f"title:matches_title +1.00 ({visible_text(text)})")
    assert root.find_class("cleantext-title")[0].text_content() == visible_text(text)
    assert len(rows_of(page)) == 2


def test_control_characters_become_visible() -> None:
    assert visible_text("a\x1bb\x00c\x7fd\x9be\ud800") == "a\u241bb\u2400c\u2421d\ufffde\ufffd"
    assert visible_text("tab\tkept") == "tab\tkept"


def test_css_is_scoped_and_classes_are_prefixed() -> None:
    for rule in stylesheet().split("}"):
        if rule.strip():
            selectors = rule.split("{", 1)[0].split(",")
            assert all(s.strip().startswith(f".{CSS_SCOPE}") for s in selectors), rule
    root = lxml.html.fromstring(document_html(make_doc(MIXED)))
    classes = {c for el in root.iter() for c in el.classes}
    assert classes and all(c.startswith("cleantext-") for c in classes)
    assert not root.xpath("//link | //@src | //@href")


def test_empty_document_renders() -> None:
    page = document_html(Document(text="", title=None, lines=()))
    root = lxml.html.fromstring(page)
    assert not rows_of(page)
    assert "no lines" in root.text_content()
    assert "no title" in root.text_content()


def test_repr_html_is_the_view() -> None:
    doc = make_doc(MIXED)
    assert doc._repr_html_() == document_html(doc)


# ----------------------------------------------------------------------------- terminal

SGR = re.compile(r"\x1b\[[0-9;]*m")


def cells(text: str) -> int:
    """Terminal width of ``text`` (wide East Asian characters take two cells)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def test_terminal_rows_plain() -> None:
    doc = make_doc(MIXED, reasons=(Reason("model", "link_density", -1.5),))
    rows = terminal_lines(doc, colour=False, width=100)
    assert len(rows) == len(MIXED) + 2
    assert rows[0].split()[:4] == ["line", "label", "score", "text"]
    first = rows[1].split()
    assert first[:4] == ["1", "navigation", "0.50", "Home"]
    assert rows[1].endswith("model:link_density -1.50")
    assert rows[-1].startswith("8 lines: body 2, title 1, navigation 2")
    assert all("\x1b" not in row for row in rows)
    assert all(cells(row) <= 100 for row in rows[:-1])


def test_terminal_rows_cut_long_and_wide_text_to_width() -> None:
    doc = make_doc([("word " * 100, Label.BODY), ("漢字" * 80, Label.OTHER)])
    for width in (60, 80, 140):
        rows = terminal_lines(doc, colour=False, width=width)
        assert all(cells(row) <= width for row in rows[:-1])
        assert "\u2026" in rows[1] and "\u2026" in rows[2]


def test_terminal_reason_drops_detail_only_when_too_long() -> None:
    short = Reason("model", "len", 1.0, "long")
    long = Reason("model", "len", 1.0, "a detail sentence far too long for the column")
    assert terminal_lines(make_doc([("x", Label.BODY)], reasons=(short,)),
                          colour=False)[1].endswith("model:len +1.00 (long)")
    assert terminal_lines(make_doc([("x", Label.BODY)], reasons=(long,)),
                          colour=False)[1].endswith("model:len +1.00")


def test_terminal_narrow_width_drops_reason_column() -> None:
    doc = make_doc([("short", Label.BODY)], reasons=(Reason("model", "len", 1.0),))
    assert "model:len" in terminal_lines(doc, colour=False, width=100)[1]
    assert "model:len" not in terminal_lines(doc, colour=False, width=40)[1]


def test_terminal_colours_labels_and_dims_dropped_lines() -> None:
    rows = terminal_lines(make_doc(MIXED), colour=True, width=100)
    assert "\x1b[32mbody" in rows[3]
    assert "\x1b[33mnavigation" in rows[1] and "\x1b[2mHome" in rows[1]
    assert "\x1b[2m" not in rows[3]


@pytest.mark.parametrize("colour", [False, True])
def test_terminal_page_text_cannot_inject_escapes(colour: bool) -> None:
    evil = "a\x1b[2J\x1b]0;owned\x07b\x9b31mc\u202edcba\rZ\nY\x08"
    doc = make_doc([(evil, Label.BODY), (evil, Label.NAVIGATION)], title=evil,
                   reasons=(Reason("model", "x", 1.0, evil),))
    rows = terminal_lines(doc, colour=colour, width=200)
    for row in rows:
        rest = SGR.sub("", row) if colour else row
        assert not [ch for ch in rest if unicodedata.category(ch) == "Cc"], repr(row)
        assert "\u202e" not in rest
    assert "\u241b[2J" in rows[1]  # ESC shown as a visible symbol


@pytest.mark.parametrize(("text", "cells", "expected"), [
    ("abc", 5, "abc  "), ("abcde", 5, "abcde"), ("abcdef", 5, "abcd\u2026"),
    ("漢字漢字", 5, "漢字\u2026"), ("漢字漢字", 6, "漢字\u2026 "), ("漢字漢", 6, "漢字漢"),
    ("", 3, "   "), ("x" * 1_000_000, 4, "xxx\u2026"),
])
def test_fit_cells_cuts_by_terminal_cells(text: str, cells: int, expected: str) -> None:
    assert fit_cells(text, cells) == expected


def test_terminal_safe_is_one_row() -> None:
    assert terminal_safe("a\nb\tc\rd") == "a\u2424b c\u240dd"


def test_real_extraction_renders_every_line() -> None:
    from cleantext import extract_text

    path = next(iter(sorted((SEEDS / "text").glob("*.txt"))), None)
    if path is None:
        pytest.skip("seed fixtures not present")
    doc = extract_text(path.read_bytes())
    rows = rows_of(document_html(doc))
    assert [r.get("data-label") for r in rows] == [line.label.value for line in doc.lines]
    assert len(terminal_lines(doc, colour=False)) == len(doc.lines) + 2


def test_legend_dims_absent_labels() -> None:
    root = lxml.html.fromstring(document_html(make_doc([("x", Label.BODY)])))
    zero = {c.get("data-label") for c in root.find_class("cleantext-zero")}
    assert zero == {label.value for label in Label} - {"body"}

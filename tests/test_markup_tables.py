"""Table rendering: rows with fewer than two filled BODY cells become paragraphs (a
layout row, or a row whose other cells the classifier dropped), the rest stay tables;
the words are always those of the kept lines."""

from __future__ import annotations

from dataclasses import replace

import cleantext
from cleantext.document import Document, Label

PARA = "<p>" + "Plain words of the article body that go on for a while. " * 6 + "</p>"


def _doc(inner: str, drop: frozenset[str] = frozenset()) -> Document:
    """The page's Document with every line BODY but those whose text is in ``drop``
    (made RELATED), whatever the classifier thinks of a tiny page."""
    page = f"<html><head><title>T</title></head><body><article>{PARA}{inner}{PARA}" \
           "</article></body></html>"
    doc = cleantext.extract(page)
    lines = tuple(replace(line, label=Label.RELATED if line.text in drop else Label.BODY)
                  for line in doc.lines)
    return doc.replace(lines=lines, text="\n".join(
        line.text for line in lines if line.label is Label.BODY))


def _tables(markdown: str) -> list[str]:
    return [row for row in markdown.splitlines() if row.startswith("|")]


def test_row_with_one_filled_cell_is_a_paragraph() -> None:
    # A layout table: a spacer cell, an image cell, one cell of text per row.
    doc = _doc("<table><tr><td></td><td><img src=a.png></td><td>Story one here</td></tr>"
               "<tr><td></td><td></td><td>Story two here</td></tr></table>")
    md = doc.to_markdown(title=False)
    assert _tables(md) == []
    assert "\n\nStory one here\n\nStory two here\n\n" in md


def test_data_rows_stay_a_table_around_a_thin_row() -> None:
    doc = _doc("<table><tr><th>Name</th><th>Price</th></tr>"
               "<tr><td>Section B</td><td></td></tr>"
               "<tr><td>alpha</td><td>1.5</td></tr><tr><td>beta</td><td>2.5</td></tr></table>")
    md = doc.to_markdown(title=False)
    assert "| Name | Price |\n| --- | --- |\n\nSection B\n\n| alpha | 1.5 |\n| --- | --- |" \
           "\n| beta | 2.5 |" in md
    html = doc.to_html()
    assert "<p>Section B</p><table><tr><td>alpha</td><td>1.5</td></tr>" in html


def test_row_whose_other_cells_were_dropped_is_a_paragraph() -> None:
    doc = _doc("<table><tr><td>Rank</td><td>Firm</td></tr>"
               "<tr><td>1</td><td>Acme Group</td></tr><tr><td>2</td><td>Beta Inc</td></tr>"
               "</table>", drop=frozenset({"Acme Group"}))
    md = doc.to_markdown(title=False)
    assert "| Rank | Firm |\n| --- | --- |\n\n1\n\n| 2 | Beta Inc |\n| --- | --- |" in md
    assert "| 1 |" not in md and "Acme" not in md


def test_cell_of_several_lines_is_one_cell() -> None:
    # Cells with two lines make a layout row (paragraphs); a dump's rows stay tables.
    doc = _doc("<table><tr><td><p>one</p><p>two</p></td><td>x</td></tr></table>")
    assert _tables(doc.to_markdown(title=False)) == []
    dump = cleantext.extract_text("Intro line here\n| a | b |\n|---|---|\n| 1 |  |\n| 3 | 4 |\n")
    lines = tuple(replace(line, label=Label.BODY) for line in dump.lines)
    md = dump.replace(lines=lines).to_markdown(title=False)
    assert "| a | b |\n| --- | --- |\n\n1\n\n| 3 | 4 |" in md


def test_words_are_those_of_the_text() -> None:
    doc = _doc("<table><tr><td></td><td>Lone cell</td></tr><tr><td>k</td><td>v</td></tr>"
               "</table>", drop=frozenset({"v"}))
    words = sorted(doc.to_markdown(title=False).replace("|", " ").replace("-", " ").split())
    assert words == sorted(doc.text.split())

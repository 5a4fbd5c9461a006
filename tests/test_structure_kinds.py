"""Line kinds from HTML and text dumps, the Markdown and HTML renderers, metadata
through extract, the CLI formats, and hostile structure."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace

import cleantext
from cleantext.document import Document, Label
from cleantext.linekind import BlockType
from cleantext.markup import safe_href

PARA = "<p>" + "Plain words of the article body that go on for a while. " * 6 + "</p>"


def _page(inner: str, head: str = "") -> str:
    return (f"<html><head><title>A page</title>{head}</head><body><article>"
            f"{PARA}{inner}{PARA}</article></body></html>")


def _all_body(page: str) -> Document:
    """The page's Document with every line kept, so the renderers see all kinds
    whatever the classifier thinks of a tiny test page."""
    doc = cleantext.extract(page)
    lines = tuple(replace(line, label=Label.BODY) for line in doc.lines)
    return doc.replace(lines=lines, text="\n".join(line.text for line in lines))


def _kinds(inner: str) -> dict[str, object]:
    doc = cleantext.extract(_page(inner))
    return {line.text: line.kind for line in doc.lines}


def test_each_html_kind() -> None:
    kinds = _kinds("<h3>Sub head</h3><ol start='4'><li>first<ul><li>inner</li></ul></li>"
                   "<li>second</li></ol><table><thead><tr><th>k</th><th>v</th></tr></thead>"
                   "<tr><td>a</td><td>b</td></tr></table><pre>x = 1\n  y = 2</pre>"
                   "<blockquote>quoted</blockquote><figure><figcaption>cap</figcaption>"
                   "</figure><dl><dt>term</dt><dd>meaning</dd></dl>")
    head = kinds["Sub head"]
    assert head.type is BlockType.HEADING and head.level == 3  # type: ignore[attr-defined]
    first, inner, second = kinds["first"], kinds["inner"], kinds["second"]
    assert (first.type, first.ordered, first.number, first.level) == (  # type: ignore[attr-defined]
        BlockType.LIST_ITEM, True, 4, 1)
    assert second.number == 5 and inner.level == 2 and not inner.ordered  # type: ignore[attr-defined]
    k, b = kinds["k"], kinds["b"]
    assert k.type is BlockType.TABLE_ROW and k.header and k.cells == ("k", "v")  # type: ignore[attr-defined]
    assert not b.header and b.cells == ("a", "b") and b.column == 1  # type: ignore[attr-defined]
    code = kinds["x = 1 y = 2"]
    assert code.type is BlockType.CODE and code.raw == "x = 1\n  y = 2"  # type: ignore[attr-defined]
    assert kinds["quoted"].type is BlockType.QUOTE  # type: ignore[attr-defined]
    assert kinds["cap"].type is BlockType.CAPTION  # type: ignore[attr-defined]
    assert kinds["term"].type is BlockType.TERM  # type: ignore[attr-defined]
    assert kinds["meaning"].type is BlockType.DEFINITION  # type: ignore[attr-defined]


def test_spans_are_offsets_into_the_line() -> None:
    doc = cleantext.extract(_page("<p>Go <a href='/x'>to  the\nplace</a> and <b>bold</b>!</p>"))
    line = next(line for line in doc.lines if line.text.startswith("Go "))
    spans = {span.type: span for span in line.kind.spans}
    link = spans["link"]
    assert line.text[link.start:link.end] == "to the place" and link.href == "/x"
    assert line.text[spans["strong"].start:spans["strong"].end] == "bold"


def test_layout_table_rows_stay_paragraphs() -> None:
    kinds = _kinds("<table><tr><td><p>one</p><p>two</p></td><td>x</td></tr></table>")
    assert kinds["one"].type is BlockType.PARAGRAPH  # type: ignore[attr-defined]


def test_text_dump_bullets_numbers_and_rows() -> None:
    dump = "Intro line\n- apple\n  * pear\n2. second\n| a | b |\n|---|---|\n| 1 | 2 |\nA | B | C\n"
    doc = cleantext.extract_text(dump)
    kinds = {line.text: line.kind for line in doc.lines}
    assert kinds["- apple"].type is BlockType.LIST_ITEM and kinds["- apple"].prefix == 2
    assert kinds["* pear"].level == 2
    assert kinds["2. second"].ordered and kinds["2. second"].number == 2
    assert kinds["| 1 | 2 |"].type is BlockType.TABLE_ROW
    assert kinds["| 1 | 2 |"].cells == ("1", "2")
    assert kinds["Intro line"].type is BlockType.PARAGRAPH


def test_markdown_of_a_structured_page() -> None:
    doc = _all_body(_page(
        "<h2>Part two</h2><ul><li>top item<ul><li>nested item</li></ul></li></ul>"
        "<ol><li>one</li><li>two</li></ol><table><tr><th>h1</th><th>h|2</th></tr>"
        "<tr><td>c1</td><td>c2</td></tr></table><pre>if a:\n    b()</pre>"
        "<blockquote>wise words</blockquote>"))
    md = doc.to_markdown(title=False)
    assert "## Part two" in md
    assert "- top item\n    - nested item" in md
    assert "1. one\n2. two" in md
    assert "| h1 | h\\|2 |\n| --- | --- |\n| c1 | c2 |" in md
    assert "```\nif a:\n    b()\n```" in md
    assert "> wise words" in md
    assert doc.to_markdown().startswith("# ")


def test_heading_inside_a_list_item() -> None:
    kinds = _kinds("<ol start='3'><li><div><h3>Step head</h3></div><p>step text</p></li></ol>"
                   "<h3>Free head</h3><table><tr><td><h4>Cell head</h4></td></tr></table>")
    head, text = kinds["Step head"], kinds["step text"]
    assert head.type is BlockType.HEADING and head.level == 3  # type: ignore[attr-defined]
    assert (head.item_depth, head.group, head.ordered, head.number) == (  # type: ignore[attr-defined]
        1, text.group, True, 3)  # type: ignore[attr-defined]
    assert kinds["Free head"].item_depth == 0 and kinds["Cell head"].item_depth == 0  # type: ignore[attr-defined]


def test_markdown_of_headings_inside_list_items() -> None:
    doc = _all_body(_page(
        "<ul><li><h2>Alone one</h2></li><li><h2>Alone two</h2></li></ul>"
        "<ol><li><h3>Question one</h3><p>Answer, first part.</p><p>Second part.</p></li>"
        "<li>plain item</li><li><p>Lead</p><h4>Late head</h4></li></ol>"))
    md = doc.to_markdown(title=False)
    assert "- ## Alone one\n- ## Alone two" in md
    assert "### Question one\n\nAnswer, first part.\n\nSecond part.\n\n2. plain item" in md
    assert "Lead\n\n#### Late head" in md and "1. " not in md
    html = doc.to_html()
    assert "<li><h3>Question one</h3><p>Answer, first part. Second part.</p></li>" in html
    assert "<li><h2>Alone one</h2></li>" in html
    for word in doc.text.split():
        assert word in md


def test_markdown_links_and_emphasis_only_when_asked() -> None:
    doc = _all_body(_page("<p>See <a href='https://e.org/a(b)'>this</a> and "
                                  "<em>that</em> and <a href='javascript:x()'>bad</a>.</p>"))
    assert "[this]" not in doc.to_markdown()
    md = doc.to_markdown(links=True, emphasis=True)
    assert "[this](https://e.org/a%28b%29)" in md and "*that*" in md
    assert "javascript" not in md


def test_html_is_escaped_and_links_are_safe() -> None:
    doc = _all_body(_page("<h2>&lt;script&gt;alert(1)&lt;/script&gt;</h2>"
                                  "<p>A <a href='java\tscript:alert(1)'>trap</a> and "
                                  "<a href='/ok?a=1&amp;b=\"2\"'>fine</a> link.</p>"))
    out = doc.to_html()
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "javascript" not in out.replace("\t", "") and "alert(1)'" not in out
    assert '<a href="/ok?a=1&amp;b=&quot;2&quot;">fine</a>' in out
    assert safe_href(" JAVASCRIPT:x") is None and safe_href("data:x") is None
    assert safe_href("//cdn.example/x") == "//cdn.example/x"


def test_text_is_unchanged_by_structure() -> None:
    page = _page("<ul><li>item one</li><li>item two</li></ul>")
    doc = cleantext.extract(page)
    kept = [line.text for line in doc.lines if line.label.value == "body"]
    assert doc.text == "\n".join(kept)
    for word in doc.text.split():
        assert word in doc.to_markdown()


def test_metadata_from_json_ld_and_meta() -> None:
    head = ('<meta property="og:title" content="The OG title">'
            '<script type="application/ld+json">{"@type": "NewsArticle", '
            '"author": {"@type": "Person", "name": "Ada Lovelace"}, '
            '"datePublished": "2023-05-06T07:08:09Z"}</script>')
    doc = cleantext.extract(_page("", head=head), url="https://example.org/a")
    meta = doc.metadata
    assert meta.authors == ("Ada Lovelace",)
    assert meta.published == "2023-05-06T07:08:09Z"
    assert meta.source("authors") is not None and meta.source("authors").kind == "json-ld"  # type: ignore[union-attr]
    assert doc.to_dict()["metadata"]["authors"] == ["Ada Lovelace"]


def test_metadata_of_a_dump_from_its_byline() -> None:
    dump = ("Big headline of the day\nBy Jane Smith\nMarch 3, 2021\n"
            + "A body sentence of the article that keeps going on and on. " * 8 + "\n")
    meta = cleantext.extract_text(dump).metadata
    assert meta.published is not None and meta.published.startswith("2021-03-03")


def test_cli_markdown_html_and_jsonl() -> None:
    item = "<li>" + "A long list item sentence with many words in it, kept. " * 3 + "</li>"
    page = _page(f"<h2>Part of the story</h2>{PARA}<ul>{item * 3}</ul>")

    def run(*args: str) -> str:
        return subprocess.run([sys.executable, "-m", "cleantext", *args, "-q", "-"],
                              input=page.encode(), capture_output=True, check=True
                              ).stdout.decode()
    assert "## Part of the story" in run("--format", "markdown")
    assert "<h2>Part of the story</h2>" in run("--format", "html")
    records = [json.loads(r) for r in run("--format", "jsonl", "--with-markdown").splitlines()]
    page_record = next(r for r in records if "id" in r)
    assert "## Part of the story" in page_record["markdown"] and "metadata" in page_record


def test_hostile_structure_is_bounded() -> None:
    cells = "<tr>" + "<td>x</td>" * 1000 + "</tr>"
    doc = cleantext.extract("<html><body><table>" + cells * 1000 + "</table></body></html>")
    assert doc.lines is not None and isinstance(doc.to_markdown(), str)
    deep = "<ul><li>a" * 100_000 + "</li></ul>" * 100_000
    assert isinstance(cleantext.extract(f"<html><body>{deep}</body></html>").to_html(), str)
    pre = "<pre>" + "line  of code\n" * 1_500_000 + "</pre>"
    doc = cleantext.extract(f"<html><body>{pre}</body></html>")
    assert all(len(line.kind.raw or "") <= 1_000_000 for line in doc.lines)
    nested = '{"a":' * 100_000 + "1" + "}" * 100_000
    huge = '{"@type":"Article","author":"' + "A" * 5_000_000 + '"}'
    head = (f'<script type="application/ld+json">{nested}</script>'
            f'<script type="application/ld+json">{huge}</script>')
    meta = cleantext.extract(_page("", head=head)).metadata
    assert all(len(author) <= 1000 for author in meta.authors)

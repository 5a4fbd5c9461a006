"""Property tests (Hypothesis): any input gives a Document or an ExtractionError, the body
is made only of the page's own text, and extraction is deterministic.

"The page's own text" is checked against an independent oracle: lxml parses the same
page with the same protective settings, and its visible text (see :func:`_oracles`)
is whitespace-collapsed. Every body line must be a substring of it. For text dumps
the oracle is the whitespace-collapsed dump itself (after the decoder's removal of
control characters).
"""

from __future__ import annotations

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html

import cleantext
from cleantext import Document, ExtractionError
from cleantext.decode import clean_text
from cleantext.segment import SECOND_CHANCE_TAGS, SKIP_TAGS
from cleantext.textutil import normalise_joined, normalise_line

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
_WS = regex.compile(r"\s+")

TAGS = ("p", "div", "span", "a", "li", "ul", "nav", "h1", "h2", "td", "tr", "table", "b",
        "article", "footer", "section", "br", "script", "style", "pre", "em", "noscript")
WORDS = st.sampled_from(("alpha", "beta", "gamma", "delta", "Ünïcödé", "Привет", "漢字",
                         "x", "1999", "12:30", "&amp;", "&lt;", "&#169;", "&bogus;", " ",
                         "\n", ".", "!", "«»", "a-b", "\u00a0"))


def _collapse(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _is_hidden(el: etree._Element) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return ("hidden" in el.attrib or el.get("aria-hidden") == "true"
            or "display:none" in style or "visibility:hidden" in style)


def _oracles(page: str) -> tuple[str, ...]:
    """The page's visible text, whitespace-collapsed, as an independent parse sees it.

    Two readings, as documented in ``segment``: without never-visible elements
    (scripts, styles...) and without hidden elements and ``<noscript>``; and the
    second-chance reading that keeps the latter. Text is joined without separators,
    as the extractor joins inline pieces; subtrees are removed with their tails kept.
    """
    parser = lxml_html.HTMLParser(encoding="utf-8", no_network=True, huge_tree=True,
                                  remove_comments=True, remove_pis=True)
    data = clean_text(page).encode("utf-8", "replace")
    out = []
    for keep_hidden in (False, True):
        try:
            root = lxml_html.document_fromstring(data, parser=parser)
        except (etree.ParserError, ValueError):
            return ("",)
        doomed: list[lxml_html.HtmlElement] = [
            el for el in root.iter() if isinstance(el, lxml_html.HtmlElement)
            and isinstance(el.tag, str) and (
            el.tag.lower() in SKIP_TAGS or (not keep_hidden and (
                el.tag.lower() in SECOND_CHANCE_TAGS or _is_hidden(el))))]
        for el in doomed:
            if el.getparent() is not None:
                el.drop_tree()  # keeps the tail text
        out.append(_collapse("".join(str(t) for t in root.itertext())))
    return tuple(out)


def _check_lines(doc: Document, oracles: tuple[str, ...]) -> None:
    for body_line in doc.text.split("\n"):
        if body_line:
            assert any(_collapse(body_line) in o for o in oracles), (body_line, oracles[0][:300])
    for line in doc.lines:
        assert line.text and line.text == _collapse(line.text)
        assert 0.0 <= line.score <= 1.0


def _run(fn: object, page: str | bytes) -> Document | None:
    assert callable(fn)
    try:
        doc = fn(page)
    except ExtractionError:
        return None
    assert isinstance(doc, Document)
    again = fn(page)
    assert again.to_dict() == doc.to_dict()  # deterministic
    return doc


@st.composite
def trees(draw: st.DrawFn, depth: int = 0) -> str:
    """A random, mostly well-formed HTML fragment (with stray end tags now and then)."""
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 6 and draw(st.booleans()):
            tag = draw(st.sampled_from(TAGS))
            attrs = draw(st.sampled_from(("", ' class="nav menu"', ' id="content"',
                                          ' hidden', ' style="display:none"',
                                          ' class="postBody related-links"')))
            inner = draw(trees(depth + 1))
            close = draw(st.sampled_from((f"</{tag}>", f"</{tag}>", "", "</b>")))
            parts.append(f"<{tag}{attrs}>{inner}{close}")
        else:
            parts.append(" ".join(draw(st.lists(WORDS, max_size=8))))
    return "".join(parts)


@SETTINGS
@given(trees())
def test_random_trees(fragment: str) -> None:
    page = f"<html><head><title>t</title></head><body>{fragment}</body></html>"
    doc = _run(cleantext.extract, page)
    assert doc is not None  # well-formed text never warrants an error
    _check_lines(doc, _oracles(page))


@SETTINGS
@given(st.text(alphabet=st.sampled_from("<>/=\"' &;#!-abpdivlsc\n\t1é漢\x00"), max_size=400))
def test_random_html_ish_text(page: str) -> None:
    doc = _run(cleantext.extract, page)
    if doc is not None:
        _check_lines(doc, _oracles(page))


@SETTINGS
@given(st.binary(max_size=600))
def test_random_bytes(data: bytes) -> None:
    for fn in (cleantext.extract, cleantext.extract_text):
        doc = _run(fn, data)
        if doc is not None:
            for line in doc.lines:
                line.text.encode("utf-8")  # no lone surrogates
                assert not any(ord(c) < 32 for c in line.text)


@SETTINGS
@given(st.lists(st.text(min_size=0, max_size=120), max_size=30))
def test_text_dumps(lines: list[str]) -> None:
    dump = "\n".join(lines)
    doc = _run(cleantext.extract_text, dump)
    if doc is not None:
        _check_lines(doc, (_collapse(clean_text(dump)),))
        assert len(doc.lines) <= len([x for x in clean_text(dump).splitlines() if x.strip()])


@SETTINGS
@given(st.lists(st.text(st.characters(blacklist_characters="\n"), max_size=40), min_size=1,
                max_size=8))
def test_whole_page_normalisation_equals_line_by_line(lines: list[str]) -> None:
    # The feature stage normalises a page's lines in one pass over their joined,
    # case-folded text; each line must come out as normalise_line makes it alone.
    assert normalise_joined("\n".join(lines).casefold()) == [normalise_line(t) for t in lines]


@SETTINGS
@given(st.lists(st.text(st.characters(max_codepoint=127, blacklist_characters="\n"),
                        max_size=40), min_size=1, max_size=8))
def test_whole_page_normalisation_equals_line_by_line_in_ascii(lines: list[str]) -> None:
    # ASCII pages take the stdlib-re path (folded with lower(), as the features do).
    assert normalise_joined("\n".join(lines).lower()) == [normalise_line(t) for t in lines]

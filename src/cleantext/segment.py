"""Segment stage: a page (HTML or a text dump) becomes a list of :class:`Block` lines.

The only module that imports lxml. The HTML walk is iterative (``lxml.etree.iterwalk``),
so nesting depth cannot exhaust the Python stack. A block is one line of output: the
text between two block-level boundaries, with the characters inside links counted,
the element that holds it and the element tree above it (tags and whole class/id
tokens), so the feature stage can reason about containers without touching lxml.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
from lxml import etree
from lxml import html as lxml_html

from cleantext.errors import ParseError
from cleantext.options import Options

__all__ = ["Block", "Element", "Segmented", "segment_html", "segment_text", "split_tokens"]

# Elements whose start and end end a line (HTML block-level and table cells).
BLOCK_TAGS = frozenset(
    ["address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "noframes", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"]
)
# Elements whose content is never visible text.
SKIP_TAGS = frozenset(
    ["script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object", "embed", "canvas", "audio", "video", "select", "textarea", "button", "input", "option", "datalist", "map", "area", "picture", "source", "track"]
)
_LINK_TAGS = frozenset(("a",))
_WS = regex.compile(r"\s+")
# class/id tokens: split on separators and camelCase humps, keep whole lower-case words.
_TOKEN_SPLIT = regex.compile(r"[^\p{L}\p{N}]+|(?<=\p{Ll})(?=\p{Lu})")
_HIDDEN_STYLE = regex.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", regex.IGNORECASE)
_MAX_TOKENS = 24  # per element: class lists longer than this are utility-CSS noise


@dataclass(frozen=True, slots=True)
class Element:
    """One element of the walked tree: tag, whole class/id/role tokens, parent index."""

    tag: str
    tokens: tuple[str, ...]
    parent: int
    depth: int


@dataclass(frozen=True, slots=True)
class Block:
    """One line of the page.

    ``text`` has whitespace collapsed; ``link_chars`` counts non-space characters
    inside ``<a>`` elements (``chars`` the line's non-space characters, so link
    density is their ratio); ``links`` is the number of links that gave text;
    ``tag`` is the innermost block-level element holding the line (``"line"`` for a
    text dump); ``element`` the index in :attr:`Segmented.elements` of the innermost
    element open when the line started (``-1`` for text dumps).
    """

    text: str
    chars: int
    link_chars: int
    links: int
    tag: str
    element: int


@dataclass(frozen=True, slots=True)
class Segmented:
    """The segment stage's result: blocks in page order, the element table, metadata.

    ``title`` is the ``<title>`` text and ``meta_title`` the og:/twitter: title;
    ``lang`` the ``<html lang>`` value; ``truncated`` says a limit of
    :class:`Options` cut the walk short; ``is_html`` is False for text dumps.
    """

    blocks: tuple[Block, ...]
    elements: tuple[Element, ...]
    title: str | None
    meta_title: str | None
    lang: str | None
    truncated: bool
    is_html: bool


def split_tokens(value: str) -> tuple[str, ...]:
    """Whole lower-case words of a class/id value: ``"postBody related-links"`` →
    ``("post", "body", "related", "links")``. Never substrings of words."""
    words: list[str] = []
    for word in _TOKEN_SPLIT.split(value):
        if len(word) >= 2 and not word.isdigit():
            low = word.lower()
            if low not in words:
                words.append(low)
    return tuple(words[:_MAX_TOKENS])


def _collapse(text: str, limit: int) -> str:
    return _WS.sub(" ", text).strip()[:limit]


def segment_text(text: str, options: Options) -> Segmented:
    """A text dump → one block per non-empty line (no links, no tree)."""
    blocks: list[Block] = []
    for raw in text.splitlines():
        line = _collapse(raw, options.max_line_chars)
        if line:
            blocks.append(Block(line, _nonspace(line), 0, 0, "line", -1))
            if len(blocks) >= options.max_lines:
                return Segmented(tuple(blocks), (), None, None, None, True, False)
    return Segmented(tuple(blocks), (), None, None, None, False, False)


def _nonspace(text: str) -> int:
    return len(text) - text.count(" ")


def _parse(text: str) -> etree._Element | None:
    parser = lxml_html.HTMLParser(
        encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True,
        remove_blank_text=False, huge_tree=True, default_doctype=False,
    )
    try:
        root = lxml_html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except etree.ParserError:  # "Document is empty"
        return None
    except (etree.LxmlError, ValueError) as exc:
        raise ParseError(f"the HTML parser rejected the page: {exc}") from exc
    return root


def _first_text(root: etree._Element, xpath: str) -> str | None:
    found = root.xpath(xpath)
    if isinstance(found, list) and found:
        value = found[0]
        text = value if isinstance(value, str) else etree.tostring(
            value, method="text", encoding="unicode")
        cleaned = _collapse(str(text), 2000)
        return cleaned or None
    return None


def segment_html(text: str, options: Options) -> Segmented:
    """An HTML page → blocks (see :class:`Block`), walking the tree once, iteratively."""
    root = _parse(text)
    if root is None:
        return Segmented((), (), None, None, None, False, True)
    title = _first_text(root, "//head/title")
    meta_title = _first_text(
        root, "//meta[@property='og:title' or @name='og:title' or @name='twitter:title']"
        "/@content")
    lang_value = root.get("lang")
    walker = _Walker(options)
    walker.walk(root)
    return Segmented(tuple(walker.blocks), tuple(walker.elements), title, meta_title,
                     lang_value.strip().lower() or None if lang_value else None,
                     walker.truncated, True)


def _is_hidden(el: etree._Element) -> bool:
    attrib = el.attrib
    if "hidden" in attrib or attrib.get("aria-hidden") == "true":
        return True
    style = attrib.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


class _Walker:
    """Iterative walk state: the open-element stack and the line being filled."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.blocks: list[Block] = []
        self.elements: list[Element] = []
        self.stack: list[int] = []          # indices of open (recorded) elements
        self.block_tags: list[str] = []     # tags of open block-level elements
        self.overflow = 0                   # open elements deeper than max_depth
        self.link_depth = 0
        self.pieces: list[str] = []
        self.link_chars = 0
        self.links = 0
        self.line_element = -1
        self.truncated = False

    def walk(self, root: etree._Element) -> None:
        walker = etree.iterwalk(root, events=("start", "end"))
        count = 0
        for event, el in walker:
            tag = el.tag
            if not isinstance(tag, str):
                continue
            tag = tag.lower()
            if event == "start":
                count += 1
                if count > self.options.max_elements:
                    self.truncated = True
                    break
                if tag in SKIP_TAGS or _is_hidden(el):
                    walker.skip_subtree()
                    self._push_skipped()
                    continue
                self._start(el, tag)
            else:
                self._end(el, tag)
        self._flush()

    def _push_skipped(self) -> None:
        # The matching "end" event still comes; mark it so _end only adds the tail.
        self.stack.append(-2)

    def _start(self, el: etree._Element, tag: str) -> None:
        if tag in BLOCK_TAGS or tag == "br":
            self._flush()
        if tag in BLOCK_TAGS:
            self.block_tags.append(tag)
        if len(self.stack) - self.overflow >= self.options.max_depth:
            self.overflow += 1
            self.stack.append(-1)
        else:
            parent = self._parent()
            depth = len(self.stack) - self.overflow
            self.elements.append(Element(tag, _tokens(el), parent, depth))
            self.stack.append(len(self.elements) - 1)
        if tag in _LINK_TAGS:
            self.link_depth += 1
            self.links += 1
        if el.text:
            self._add(el.text)

    def _parent(self) -> int:
        for index in reversed(self.stack):
            if index >= 0:
                return index
        return -1

    def _end(self, el: etree._Element, tag: str) -> None:
        marker = self.stack.pop() if self.stack else -1
        if marker != -2:
            if marker == -1 and self.overflow:
                self.overflow -= 1
            if tag in _LINK_TAGS and self.link_depth:
                self.link_depth -= 1
            if tag in BLOCK_TAGS:
                self._flush()
                if self.block_tags:
                    self.block_tags.pop()
        if el.tail:
            self._add(el.tail)

    def _add(self, text: str) -> None:
        if not self.pieces:
            if text.isspace():
                return
            self.line_element = self._parent()
        self.pieces.append(text)
        if self.link_depth:
            self.link_chars += len(text) - sum(map(text.count, " \t\n\r\f\v\xa0"))

    def _flush(self) -> None:
        if not self.pieces:
            return
        line = _collapse("".join(self.pieces), self.options.max_line_chars)
        if line and len(self.blocks) < self.options.max_lines:
            chars = _nonspace(line)
            tag = self.block_tags[-1] if self.block_tags else "body"
            self.blocks.append(Block(line, chars, min(self.link_chars, chars),
                                     self.links, tag, self.line_element))
        elif line:
            self.truncated = True
        self.pieces = []
        self.link_chars = 0
        self.links = 0


def _tokens(el: etree._Element) -> tuple[str, ...]:
    attrib = el.attrib
    parts = [attrib.get(name) for name in ("class", "id", "role", "itemprop")]
    value = " ".join(p for p in parts if p)
    return split_tokens(value) if value else ()

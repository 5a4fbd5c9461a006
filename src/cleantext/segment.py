"""Segment stage: a page (HTML or a text dump) becomes a list of :class:`Block` lines.

The only module that imports lxml. The HTML walk is iterative (``lxml.etree.iterwalk``),
so nesting depth cannot exhaust the Python stack. A block is one line of output: the
text between two block-level boundaries, with the characters inside links counted,
the element that holds it and the element tree above it (tags and whole class/id
tokens), so the feature stage can reason about containers without touching lxml.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

import regex
from lxml import etree

from cleantext.errors import ParseError
from cleantext.options import Options
from cleantext.textutil import words

__all__ = ["Block", "Element", "Segmented", "segment_html", "segment_text", "split_tokens"]

# Elements whose start and end end a line (HTML block-level and table cells).
BLOCK_TAGS = frozenset((
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
    "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
    "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "noframes", "ol", "p",
    "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
))
# Elements whose content is never visible text. <head> itself is walked: broken
# pages get their whole body parsed into it, and its title/meta/link give no lines.
SKIP_TAGS = frozenset((
    "script", "style", "template", "title", "meta", "link", "base", "svg", "math", "iframe",
    "object", "embed", "canvas", "audio", "video", "select", "textarea", "input", "option",
    "datalist", "map", "area", "source", "track",
))
# Skipped form controls that a browser draws as a box between the words around them
# ("Your comment [text box] Post comment"); skipping them must keep the words apart.
_CONTROL_TAGS = frozenset(("select", "textarea", "input", "embed", "canvas", "audio",
                           "video", "iframe", "object"))
# Elements that are invisible in a plain fetch but sometimes hold the whole page:
# <noscript> (forum software serves its posts there to clients without JavaScript)
# and hidden elements (streamed server-rendered segments that scripts move into
# place). They are skipped unless they hold more text than the rest of the page.
SECOND_CHANCE_TAGS = frozenset(("noscript",))
_LINK_TAGS = frozenset(("a",))
_WS = regex.compile(r"\s+")
# class/id tokens: split on separators and camelCase humps, keep whole lower-case words.
_TOKEN_SPLIT = regex.compile(r"[^\p{L}\p{N}]+|(?<=\p{Ll})(?=\p{Lu})")
# The tokens of a lower-case ASCII value: whole runs of [a-z0-9] (its letters and
# digits) of two or more characters holding a letter. A match starts only at a
# run's start (the lookbehind) and its quantifiers are possessive: linear time.
_ASCII_TOKENS = re.compile(r"(?<![a-z0-9])(?=[a-z0-9]{2})[0-9]*+[a-z][a-z0-9]*+")
_HAS_UPPER = re.compile(r"[A-Z]").search
_HIDDEN_STYLE = regex.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", regex.IGNORECASE)
_MAX_TOKENS = 24  # per element: class lists longer than this are utility-CSS noise
# Characters of a class/id value read at most: 24 tokens of utility CSS fit in a few
# hundred; the cap keeps a 10 MB attribute from costing more than a normal one.
_MAX_TOKEN_SOURCE = 4096
# Pages nested deeper than libxml2 accepts (2048) are re-parsed with the nesting past
# this depth removed; half the limit leaves room for misjudged implied end tags.
_FLAT_DEPTH = 1024
_TAG = regex.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*>")
_VOID_TAGS = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                        "meta", "param", "source", "track", "wbr"))
_SELF_CLOSING_SIBLINGS = frozenset(("p", "li", "dt", "dd", "tr", "td", "th", "option"))


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
    text dump); ``element`` the index in :attr:`Segmented.elements` of that
    block-level element (``-1`` for text dumps).
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
    if len(value) > _MAX_TOKEN_SOURCE:
        # Bounded work for hostile attributes: read the head only, without the word
        # the cut went through (it would be a substring of a word).
        value = value[:_MAX_TOKEN_SOURCE].rpartition(" ")[0]
    # dict.fromkeys keeps the first occurrence of each word, in order.
    if value.isascii() and (value.islower() or not _HAS_UPPER(value)):
        # Same words as the regex below: in lower-case ASCII a letter or digit is
        # [a-z0-9], and there is no camelCase hump to split at (nor case to fold);
        # one findall gives the words the filter below keeps, without a Python-level
        # test per word.
        words = dict.fromkeys(_ASCII_TOKENS.findall(value))
    else:
        words = dict.fromkeys(word.lower() for word in _TOKEN_SPLIT.split(value)
                              if len(word) >= 2 and not word.isdigit())
    return tuple(words) if len(words) <= _MAX_TOKENS else tuple(
        itertools.islice(words, _MAX_TOKENS))


def _collapse(text: str, limit: int) -> str:
    """Whitespace collapsed to single spaces, trimmed, cut at ``limit`` characters
    (one character past the limit is kept so callers can tell a cut happened)."""
    if "\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text:
        # The only characters str.split() takes for whitespace and \s does not.
        return _WS.sub(" ", text).strip()[:limit + 1]
    return " ".join(text.split())[:limit + 1]  # same result, about 5x faster


def segment_text(text: str, options: Options) -> Segmented:
    """A text dump → one block per non-empty line (no links, no tree)."""
    blocks: list[Block] = []
    cut = False
    for raw in text.splitlines():
        line = _collapse(raw, options.max_line_chars)
        if len(line) > options.max_line_chars:
            line, cut = line[:options.max_line_chars], True
        if line:
            blocks.append(Block(line, _nonspace(line), 0, 0, "line", -1))
            if len(blocks) >= options.max_lines:
                return Segmented(tuple(blocks), (), None, None, None, True, False)
    return Segmented(tuple(blocks), (), None, None, None, cut, False)


def _nonspace(text: str) -> int:
    return len(text) - text.count(" ")


def _parse(text: str, utf8: bytes | None = None) -> tuple[etree._Element | None, bool]:
    """The parsed page, and whether libxml2's nesting limit still cut it short.

    libxml2 stops at nesting depth 2048 (with ``huge_tree``; 256 without) and silently
    drops the rest of the page. Such a page is parsed again with the nesting beyond
    :data:`_FLAT_DEPTH` removed (:func:`flatten_nesting`), which keeps its text.
    """
    root, too_deep = _parse_once(utf8 if utf8 is not None else text.encode("utf-8", "replace"))
    if too_deep:
        flat = flatten_nesting(text, _FLAT_DEPTH)
        root, too_deep = _parse_once(flat.encode("utf-8", "replace"))
    return root, too_deep


def _parse_once(data: bytes) -> tuple[etree._Element | None, bool]:
    """Parse UTF-8 ``data``; the root (None for an empty document) and whether
    libxml2's nesting limit cut the page short."""
    # etree's parser, not lxml.html's: lxml.html looks up a Python element class for
    # every element the walk touches, and the walk needs no HtmlElement methods.
    parser = etree.HTMLParser(
        encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True,
        remove_blank_text=False, huge_tree=True,
    )
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.ParserError:
        return None, False
    except (etree.LxmlError, ValueError) as exc:
        raise ParseError(f"the HTML parser rejected the page: {exc}") from exc
    if root is None:  # "Document is empty", as lxml.html.document_fromstring says
        return None, False
    too_deep = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    return root, too_deep


def flatten_nesting(text: str, cap: int) -> str:
    """``text`` with start and end tags nested deeper than ``cap`` replaced by a space.

    One linear pass over the tags with an approximate open-element stack: an end tag
    closes up to its start tag (ignored when none is open), a ``p``/``li``/``td``-like
    start closes a sibling of the same name, void and self-closing tags never nest.
    Text is kept whole; only the excess nesting (and its line breaks) is lost.
    """
    out: list[str] = []
    stack: list[str] = []
    open_count: Counter[str] = Counter()
    pos = 0
    for match in _TAG.finditer(text):
        closing, name = match.group(1), match.group(2).lower()
        if closing:
            if not open_count[name]:
                continue
            while stack:
                top = stack.pop()
                open_count[top] -= 1
                if top == name:
                    break
            keep = len(stack) < cap
        elif name in _VOID_TAGS or match.group(0).endswith("/>"):
            continue
        else:
            if name in _SELF_CLOSING_SIBLINGS and stack and stack[-1] == name:
                open_count[stack.pop()] -= 1
            keep = len(stack) < cap
            stack.append(name)
            open_count[name] += 1
        if not keep:
            out.append(text[pos:match.start()])
            out.append(" ")
            pos = match.end()
    out.append(text[pos:])
    return "".join(out)


def _first_text(root: etree._Element, xpath: str) -> str | None:
    found = root.xpath(xpath)
    if isinstance(found, list) and found:
        value = found[0]
        if isinstance(value, etree._Element):
            text = etree.tostring(value, method="text", encoding="unicode")
        else:
            text = str(value)
        cleaned = _collapse(text, 2000)[:2000]
        return cleaned or None
    return None


def segment_html(text: str, options: Options, utf8: bytes | None = None) -> Segmented:
    """An HTML page → blocks (see :class:`Block`), walking the tree once, iteratively.

    ``utf8`` may pass ``text`` already encoded as UTF-8 (it saves encoding it again).
    """
    root, cut = _parse(text, utf8)
    if root is None:
        return Segmented((), (), None, None, None, cut, True)
    title = _first_text(root, "//head/title")
    meta_title = _first_text(
        root, "//meta[@property='og:title' or @name='og:title' or @name='twitter:title']"
        "/@content")
    lang_value = root.get("lang")
    walker = _Walker(options, second_chance=False)
    walker.walk(root)
    if walker.unseen_chars > walker.seen_chars and not _copies_seen(walker):
        walker = _Walker(options, second_chance=True)
        walker.walk(root)
    return Segmented(tuple(walker.blocks), tuple(walker.elements), title, meta_title,
                     lang_value.strip().lower() or None if lang_value else None,
                     walker.truncated or cut, True)


def _copies_seen(walker: _Walker) -> bool:
    """True when the skipped text mostly repeats the words of the lines made.

    Pages often hide a copy of their article (a schema.org ``articleBody`` in a
    ``display:none`` block, sometimes twice); such a copy is not a page served to
    clients without scripts, and walking it would print the article three times.
    """
    seen = {word for block in walker.blocks for word in words(block.text)}
    hidden = [word for text in walker.unseen_texts for word in words(text)]
    if not hidden:
        return True
    repeated = sum(1 for word in hidden if word in seen)
    return repeated >= walker.options.hidden_copy_share * len(hidden)


# Bit flags of a tag name (see _tag_kind): one dict lookup per element of the walk
# replaces a lower() call and four set lookups.
_IS_BLOCK, _IS_SKIP, _IS_LINK, _IS_BREAK, _IS_SECOND = 1, 2, 4, 8, 16
_TOKEN_ATTRIBUTES = ("class", "id", "role", "itemprop")
_HIDING = frozenset(("hidden", "aria-hidden", "style"))  # the attributes _is_hidden reads


def _tag_kind(tag: str) -> tuple[str, int]:
    """The lower-case name of an element's tag and its ``_IS_*`` flags."""
    name = tag.lower()
    flags = ((_IS_BLOCK if name in BLOCK_TAGS else 0) | (_IS_SKIP if name in SKIP_TAGS else 0)
             | (_IS_LINK if name in _LINK_TAGS else 0) | (_IS_BREAK if name == "br" else 0)
             | (_IS_SECOND if name in SECOND_CHANCE_TAGS else 0))
    return name, flags


def _is_hidden(el: etree._Element, keys: list[str]) -> bool:
    """The element hides itself (``hidden``, ``aria-hidden="true"``, inline style).

    ``keys`` are the element's attribute names: an attribute absent from them reads
    as None, so the lookups run only for attributes the element has.
    """
    if "hidden" in keys or ("aria-hidden" in keys and el.get("aria-hidden") == "true"):
        return True
    if "style" not in keys:
        return False
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


class _Walker:
    """Iterative walk state: the open-element stack and the line being filled."""

    def __init__(self, options: Options, second_chance: bool) -> None:
        self.options = options
        self.max_depth = options.max_depth
        self.second_chance = second_chance
        self.token_cache: dict[str, tuple[str, ...]] = {}
        self.seen_chars = 0     # non-space characters of the lines made
        self.unseen_chars = 0   # characters in skipped noscript/hidden subtrees
        self.unseen_texts: list[str] = []   # their text pieces, to tell a copy of the page
        self.blocks: list[Block] = []
        self.elements: list[Element] = []
        self.stack: list[int] = []          # indices of open (recorded) elements
        # Open block-level elements: (tag, element index). A line belongs to the
        # innermost one; inline elements inside the line (a link whose class says
        # "comments-count") describe a word of it, not the region it sits in.
        self.blocks_open: list[tuple[str, int]] = []
        self.overflow = 0                   # open elements deeper than max_depth
        self.link_depth = 0
        self.pieces: list[str] = []         # text of the open line (cleared, never replaced)
        self.link_chars = 0
        self.links = 0
        self.line_element = -1
        self.truncated = False

    def walk(self, root: etree._Element) -> None:
        """Walk the tree once, filling :attr:`blocks` and :attr:`elements`.

        The loop runs for every start and end event of the page (thousands), so it
        keeps its state in locals and calls a method only where work is done.
        Whitespace-only text outside a line is dropped here, as ``_add`` would.
        """
        walker = etree.iterwalk(root, events=("start", "end"))
        kinds: dict[str, tuple[str, int]] = {}
        count = 0
        max_elements = self.options.max_elements
        check_hidden = not self.second_chance
        stack = self.stack
        pieces = self.pieces
        for event, el in walker:
            tag = el.tag
            if not isinstance(tag, str):
                continue
            kind = kinds.get(tag)
            if kind is None:
                kind = kinds[tag] = _tag_kind(tag)
            if event == "start":
                count += 1
                if count > max_elements:
                    self.truncated = True
                    break
                keys = el.keys()
                flags = kind[1]
                if flags & _IS_SKIP or (
                        check_hidden and (flags & _IS_SECOND or not _HIDING.isdisjoint(keys))
                        and self._invisible(el, flags, keys)):
                    walker.skip_subtree()
                    # The matching "end" event still comes: it adds only the tail.
                    stack.append(-2)
                    if pieces and kind[0] in _CONTROL_TAGS:
                        pieces.append(" ")  # a form control's box parts the words
                    continue
                self._start(el, kind, keys)
                text = el.text
            else:
                top = stack[-1] if stack else -1
                if top == -2 or (top >= 0 and not kind[1] & (_IS_BLOCK | _IS_LINK)):
                    stack.pop()  # a skipped or an inline element: nothing else to close
                else:
                    self._end(kind[1])
                text = el.tail
            if text:
                if pieces and not self.link_depth:
                    pieces.append(text)  # the common case of _add
                elif pieces or not text.isspace():
                    self._add(text)
        self._flush()

    def _tokens(self, el: etree._Element, keys: list[str]) -> tuple[str, ...]:
        """Whole tokens of the element's class/id/role/itemprop; pages repeat the same
        class strings hundreds of times, so each distinct value is split once."""
        get = el.get
        value = ""  # the non-empty values joined with spaces (a plain loop is cheapest)
        for name in _TOKEN_ATTRIBUTES:
            if name in keys:
                part = get(name)
                if part:
                    value = f"{value} {part}" if value else part
        if not value:
            return ()
        found = self.token_cache.get(value)
        if found is None:
            found = self.token_cache[value] = split_tokens(value)
        return found

    def _invisible(self, el: etree._Element, flags: int, keys: list[str]) -> bool:
        if flags & _IS_SECOND or (keys and _is_hidden(el, keys)):
            pieces = [t for t in el.itertext() if isinstance(t, str)]
            self.unseen_texts.extend(pieces)
            self.unseen_chars += sum(len(t.strip()) for t in pieces)
            return True
        return False

    def _start(self, el: etree._Element, kind: tuple[str, int], keys: list[str]) -> None:
        name, flags = kind
        if flags & (_IS_BLOCK | _IS_BREAK) and self.pieces:
            self._flush()
        stack = self.stack
        depth = len(stack) - self.overflow
        if depth >= self.max_depth:
            self.overflow += 1
            stack.append(-1)
            if flags & _IS_BLOCK:
                self.blocks_open.append((name, self._parent()))
        else:
            # No overflow here (while there is, depth stays at max_depth), so every
            # stack entry is an element index and the parent is the top entry.
            elements = self.elements
            index = len(elements)
            elements.append(Element(name, self._tokens(el, keys) if keys else (),
                                    stack[-1] if stack else -1, depth))
            stack.append(index)
            if flags & _IS_BLOCK:
                self.blocks_open.append((name, index))
        if flags & _IS_LINK:
            self.link_depth += 1
            self.links += 1

    def _parent(self) -> int:
        # The top ``overflow`` entries are markers (-1) of elements past max_depth:
        # jump over them so a line deep in a 2000-level nest costs O(1), not O(depth).
        top = len(self.stack) - self.overflow - 1
        while top >= 0 and self.stack[top] < 0:
            top -= 1
        return self.stack[top] if top >= 0 else -1

    def _end(self, flags: int) -> None:
        """Close an element that was walked into (not a skipped one)."""
        marker = self.stack.pop() if self.stack else -1
        if marker == -1 and self.overflow:
            self.overflow -= 1
        if flags & _IS_LINK and self.link_depth:
            self.link_depth -= 1
        if flags & _IS_BLOCK:
            if self.pieces:
                self._flush()
            if self.blocks_open:
                self.blocks_open.pop()

    def _add(self, text: str) -> None:
        if not self.pieces:
            if text.isspace():
                return
            self.line_element = self.blocks_open[-1][1] if self.blocks_open else self._parent()
        self.pieces.append(text)
        if self.link_depth:
            self.link_chars += len(text) - sum(map(text.count, " \t\n\r\f\v\xa0"))

    def _flush(self) -> None:
        if not self.pieces:
            return
        line = _collapse("".join(self.pieces), self.options.max_line_chars)
        if len(line) > self.options.max_line_chars:
            line = line[:self.options.max_line_chars]
            self.truncated = True
        if line and len(self.blocks) < self.options.max_lines:
            chars = _nonspace(line)
            self.seen_chars += chars
            tag = self.blocks_open[-1][0] if self.blocks_open else "body"
            self.blocks.append(Block(line, chars, min(self.link_chars, chars),
                                     self.links, tag, self.line_element))
        elif line:
            self.truncated = True
        self.pieces.clear()
        self.link_chars = 0
        self.links = 0

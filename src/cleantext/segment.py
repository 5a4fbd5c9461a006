"""Segment stage: a page (HTML or a text dump) becomes a list of :class:`Block` lines.

The only module that imports lxml. The page is walked as libxml2 parses it (the
parser's start, end and text events go to a parser target; no tree is built), so
nesting depth cannot exhaust the Python stack. A block is one line of output: the
text between two block-level boundaries, with the characters inside links counted,
the element that holds it and the element tree above it (tags and whole class/id
tokens), so the feature stage can reason about containers without touching lxml.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

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


# Element and Block are frozen dataclasses: the generated __init__ sets each field
# through object.__setattr__ (about 0.5 us per Element). The walk makes hundreds per
# page, so it fills the slots through their descriptors instead: the same objects,
# about 40% faster to make.
def _slot_setters(cls: type) -> tuple[Any, ...]:
    """The ``__set__`` of each field slot of the dataclass ``cls``, in field order."""
    return tuple(vars(cls)[field.name].__set__ for field in fields(cls))


_set_element_fields = _slot_setters(Element)
_set_block_fields = _slot_setters(Block)


def _element(tag: str, tokens: tuple[str, ...], parent: int, depth: int) -> Element:
    """``Element(tag, tokens, parent, depth)``, made faster (see above)."""
    element = Element.__new__(Element)
    set_tag, set_tokens, set_parent, set_depth = _set_element_fields
    set_tag(element, tag)
    set_tokens(element, tokens)
    set_parent(element, parent)
    set_depth(element, depth)
    return element


def _block(text: str, chars: int, link_chars: int, links: int, tag: str, element: int
           ) -> Block:
    """``Block(text, chars, link_chars, links, tag, element)``, made faster (see above)."""
    block = Block.__new__(Block)
    set_text, set_chars, set_link_chars, set_links, set_tag, set_element = _set_block_fields
    set_text(block, text)
    set_chars(block, chars)
    set_link_chars(block, link_chars)
    set_links(block, links)
    set_tag(block, tag)
    set_element(block, element)
    return block


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


def _parse(text: str, options: Options, utf8: bytes | None = None
           ) -> tuple[_Walker | None, bool, bytes]:
    """The first walk of the page (None for an empty document), whether libxml2's
    nesting limit still cut it short, and the UTF-8 bytes that were walked.

    libxml2 stops at nesting depth 2048 (with ``huge_tree``; 256 without) and silently
    drops the rest of the page. Such a page is parsed again with the nesting beyond
    :data:`_FLAT_DEPTH` removed (:func:`flatten_nesting`), which keeps its text.
    """
    data = utf8 if utf8 is not None else text.encode("utf-8", "replace")
    walker, too_deep = _parse_once(data, _Walker(options, second_chance=False))
    if too_deep:
        data = flatten_nesting(text, _FLAT_DEPTH).encode("utf-8", "replace")
        walker, too_deep = _parse_once(data, _Walker(options, second_chance=False))
    return walker, too_deep, data


def _parse_once(data: bytes, walker: _Walker) -> tuple[_Walker | None, bool]:
    """Parse UTF-8 ``data`` into ``walker`` (the parser's target); the walker (None
    for an empty document) and whether libxml2's nesting limit cut the page short."""
    # A parser target gets libxml2's events directly: no tree, no element proxies.
    # The events are those the tree would be built from (same elements, attributes
    # and text nodes, text arriving in chunks that the walker joins).
    parser = etree.HTMLParser(
        encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True,
        remove_blank_text=False, huge_tree=True,
        # The stubs' ParserTarget wants every method; lxml calls only those present
        # (no comment events wanted), and the HTML parser passes str, never bytes.
        target=walker,  # type: ignore[arg-type]
    )
    try:
        etree.fromstring(data, parser=parser)
    except etree.ParserError:
        return None, False
    except (etree.LxmlError, ValueError) as exc:
        raise ParseError(f"the HTML parser rejected the page: {exc}") from exc
    if not walker.started:  # "Document is empty", as lxml.html.document_fromstring says
        return None, False
    too_deep = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    return walker, too_deep


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


def segment_html(text: str, options: Options, utf8: bytes | None = None) -> Segmented:
    """An HTML page → blocks (see :class:`Block`), walking the parser's events once.

    ``utf8`` may pass ``text`` already encoded as UTF-8 (it saves encoding it again).
    """
    walker, cut, data = _parse(text, options, utf8)
    if walker is None:
        return Segmented((), (), None, None, None, cut, True)
    first = walker
    if walker.unseen_chars > walker.seen_chars and not _copies_seen(walker):
        # Walk the skipped noscript/hidden text too. There is no tree to walk again:
        # the same bytes are parsed again (a few pages in a hundred, ~1.5 ms each).
        second, _ = _parse_once(data, _Walker(options, second_chance=True))
        walker = second or walker
    lang_value = first.lang
    return Segmented(tuple(walker.blocks), tuple(walker.elements), _cleaned(first.title),
                     _cleaned(first.meta_title),
                     lang_value.strip().lower() or None if lang_value else None,
                     walker.truncated or cut, True)


def _cleaned(parts: list[str] | None) -> str | None:
    """A title's text pieces joined, whitespace collapsed, at most 2000 characters;
    None when there is no such element or it holds no text."""
    if parts is None:
        return None
    return _collapse("".join(parts), 2000)[:2000] or None


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
# Tags that give the page's titles (read even inside skipped subtrees) and the
# <head> they sit in.
_META_TAGS = frozenset(("head", "title", "meta"))
_TOKEN_ATTRIBUTES = ("class", "id", "role", "itemprop")
_HIDING = frozenset(("hidden", "aria-hidden", "style"))  # the attributes _is_hidden reads
_META_TITLE_NAMES = ("og:title", "twitter:title")  # <meta name=...> values of a title


def _tag_kind(tag: str) -> tuple[str, int]:
    """The lower-case name of an element's tag and its ``_IS_*`` flags."""
    name = tag.lower()
    flags = ((_IS_BLOCK if name in BLOCK_TAGS else 0) | (_IS_SKIP if name in SKIP_TAGS else 0)
             | (_IS_LINK if name in _LINK_TAGS else 0) | (_IS_BREAK if name == "br" else 0)
             | (_IS_SECOND if name in SECOND_CHANCE_TAGS else 0))
    return name, flags


def _is_hidden(attrib: Mapping[str, str]) -> bool:
    """The element hides itself (``hidden``, ``aria-hidden="true"``, inline style)."""
    if "hidden" in attrib or attrib.get("aria-hidden") == "true":
        return True
    style = attrib.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


class _Walker:
    """lxml parser target: turns the parser's start, end and text events into lines.

    The events are those of a depth-first walk of the tree (an element's text comes
    after its start event, its tail after its end event), without building the tree
    or an element proxy. Text arrives in chunks; they are gathered in :attr:`texts`
    and handled as one text node at the next start or end event. Only the first
    top-level element (the tree's root) is walked; the page's ``<title>`` (the first
    one directly under ``<head>``, with its tail, as ``tostring(method="text")`` reads
    it), its first og:/twitter: title ``<meta>`` that has a ``content``, and the
    root's ``lang`` are read anywhere in the document, skipped subtrees included.

    :meth:`start` and :meth:`end` run for every element of the page (about a thousand
    each), so their common path is written out inline rather than in helper calls;
    the text since the last event goes through :meth:`_text` (inlining that too measured
    no faster: 4.94 against 4.94 ms per page of segment, 200 pages).
    """

    def __init__(self, options: Options, second_chance: bool) -> None:
        self.options = options
        self.max_depth = options.max_depth
        self.max_elements = options.max_elements
        self.check_hidden = not second_chance
        self.token_cache: dict[str, tuple[str, ...]] = {}
        self.kinds: dict[str, tuple[str, int]] = {}
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
        self.count = 0                      # elements started in the walk
        self.texts: list[str] = []          # text chunks since the last start or end event
        # lxml calls ``target.data(chunk)``: a bound list method costs no Python frame.
        self.data = self.texts.append
        self.depth = 0                      # open elements of the document
        # Depth of the skipped element the events are inside of (its subtree is not
        # walked); -1 before the root starts and after the walk stopped.
        self.skip_to = -1
        self.started = False                # the root element has started
        self.collect = False                # the skipped subtree's text counts as unseen
        self.lang: str | None = None
        self.heads: list[int] = []          # depths of the open <head> elements
        self.title: list[str] | None = None       # text pieces of the page's <title>
        self.meta_title: list[str] | None = None  # [content] of the title <meta>
        self.title_at = 0       # depth of the <title> being read; -1: its tail is next

    def start(self, tag: str, attrib: Mapping[str, str]) -> None:
        """An element starts (``attrib``: its attributes)."""
        if self.texts:
            self._text()
        if self.title_at < 0:
            self.title_at = 0  # the title's tail (if any) has been read
        if tag in _META_TAGS:
            self._metadata(tag, attrib)
        self.depth += 1
        if self.skip_to:
            if self.started:
                return  # inside a skipped subtree (a third of the elements), or past the walk
            self.started = True  # the root
            self.skip_to = 0
            self.lang = attrib.get("lang")
        kind = self.kinds.get(tag)
        if kind is None:
            kind = self.kinds[tag] = _tag_kind(tag)
        name, flags = kind
        self.count += 1
        if self.count > self.max_elements:
            self.truncated = True
            self._stop()
            return
        pieces = self.pieces
        if flags & _IS_SKIP or (
                self.check_hidden and (flags & _IS_SECOND or not _HIDING.isdisjoint(attrib))
                and self._invisible(flags, attrib)):
            self.skip_to = self.depth
            # Its end event ends the skip (then comes its tail).
            self.stack.append(-2)
            if pieces and name in _CONTROL_TAGS:
                pieces.append(" ")  # a form control's box parts the words
            return
        if flags & (_IS_BLOCK | _IS_BREAK) and pieces:
            self._flush()
        stack = self.stack
        level = len(stack) - self.overflow
        if level >= self.max_depth:
            self.overflow += 1
            stack.append(-1)
            if flags & _IS_BLOCK:
                self.blocks_open.append((name, self._parent()))
        else:
            # No overflow here (while there is, level stays at max_depth), so every
            # stack entry is an element index and the parent is the top entry.
            elements = self.elements
            index = len(elements)
            elements.append(_element(name, self._tokens(attrib) if attrib else (),
                                     stack[-1] if stack else -1, level))
            stack.append(index)
            if flags & _IS_BLOCK:
                self.blocks_open.append((name, index))
        if flags & _IS_LINK:
            self.link_depth += 1
            self.links += 1

    def end(self, tag: str) -> None:
        """An element ends."""
        if self.texts:
            self._text()
        if self.title_at < 0:
            self.title_at = 0
        depth = self.depth
        self.depth = depth - 1
        if tag in _META_TAGS:
            self._metadata_end(tag, depth)
        skip_to = self.skip_to
        if skip_to:
            if depth == skip_to:
                # A skipped root ends the walk too.
                self.skip_to = -1 if depth == 1 else 0
                self.collect = False
                self.stack.pop()
            return
        if depth == 1:
            self.skip_to = -1  # the root ends: later top-level elements are not walked
        flags = self.kinds[tag][1]
        stack = self.stack
        marker = stack.pop() if stack else -1
        if marker >= 0 and not flags & (_IS_BLOCK | _IS_LINK):
            return  # an inline element: nothing else to close
        if marker == -1 and self.overflow:
            self.overflow -= 1
        if flags & _IS_LINK and self.link_depth:
            self.link_depth -= 1
        if flags & _IS_BLOCK:
            if self.pieces:
                self._flush()
            if self.blocks_open:
                self.blocks_open.pop()

    def close(self) -> None:
        """The document ends: the open line is made."""
        if self.texts:
            self._text()
        self._stop()

    def _stop(self) -> None:
        """End the walk: make the open line, ignore all later events but the titles'."""
        if self.skip_to >= 0:
            self._flush()
        self.skip_to = -1

    def _text(self) -> None:
        """Handle the text chunks gathered since the last event as one text node."""
        texts = self.texts
        text = texts[0] if len(texts) == 1 else "".join(texts)
        texts.clear()
        if self.title_at:
            self.title.append(text)  # type: ignore[union-attr]  # set with title_at
        if self.skip_to:
            if self.collect:
                self.unseen_texts.append(text)
                self.unseen_chars += len(text.strip())
            return
        pieces = self.pieces
        if pieces and not self.link_depth:
            pieces.append(text)  # the common case of _add
        elif pieces or not text.isspace():
            self._add(text)

    def _metadata(self, tag: str, attrib: Mapping[str, str]) -> None:
        """At the start of a head, title or meta element (before :attr:`depth` counts
        it): note the page's title element or title meta (the first of each)."""
        if tag == "head":
            self.heads.append(self.depth + 1)
        elif tag == "title":
            if self.title is None and self.heads and self.heads[-1] == self.depth:
                self.title = []
                self.title_at = self.depth + 1
        elif tag == "meta" and self.meta_title is None and "content" in attrib and (
                attrib.get("property") == "og:title"
                or attrib.get("name") in _META_TITLE_NAMES):
            self.meta_title = [attrib["content"]]

    def _metadata_end(self, tag: str, depth: int) -> None:
        """At the end of a head, title or meta element at ``depth``."""
        if depth == self.title_at:
            self.title_at = -1  # read the tail too
        if tag == "head" and self.heads and self.heads[-1] == depth:
            self.heads.pop()

    def _tokens(self, attrib: Mapping[str, str]) -> tuple[str, ...]:
        """Whole tokens of the element's class/id/role/itemprop; pages repeat the same
        class strings hundreds of times, so each distinct value is split once."""
        get = attrib.get
        # The non-empty values joined with spaces; role and itemprop are rare.
        value = get("class") or ""
        part = get("id")
        if part:
            value = f"{value} {part}" if value else part
        if "role" in attrib or "itemprop" in attrib:
            for name in _TOKEN_ATTRIBUTES[2:]:
                part = get(name)
                if part:
                    value = f"{value} {part}" if value else part
        if not value:
            return ()
        found = self.token_cache.get(value)
        if found is None:
            found = self.token_cache[value] = split_tokens(value)
        return found

    def _invisible(self, flags: int, attrib: Mapping[str, str]) -> bool:
        if flags & _IS_SECOND or (attrib and _is_hidden(attrib)):
            self.collect = True  # the subtree's text goes to unseen_texts (see _text)
            return True
        return False

    def _parent(self) -> int:
        # The top ``overflow`` entries are markers (-1) of elements past max_depth:
        # jump over them so a line deep in a 2000-level nest costs O(1), not O(depth).
        top = len(self.stack) - self.overflow - 1
        while top >= 0 and self.stack[top] < 0:
            top -= 1
        return self.stack[top] if top >= 0 else -1

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
            self.blocks.append(_block(line, chars, min(self.link_chars, chars),
                                      self.links, tag, self.line_element))
        elif line:
            self.truncated = True
        self.pieces.clear()
        self.link_chars = 0
        self.links = 0

"""The HTML walker: lxml parser events → the page's lines (:class:`~cleantext.blocks.Block`).

The hot path of the segment stage, kept whole (see :class:`HtmlWalker`). Imports
:mod:`cleantext.blocks`, :mod:`cleantext.html_tags`, :mod:`cleantext.options` and
:mod:`cleantext.textutil`.
"""

from __future__ import annotations

from collections.abc import Mapping

from cleantext.blocks import Block, Element, cut_line, make_block, make_element, nonspace_chars
from cleantext.html_head import HEAD_TAGS, HeadCollector
from cleantext.html_shape import LineShape
from cleantext.html_tags import (
    CONTROL_TAGS,
    HIDING,
    IS_BLOCK,
    IS_BREAK,
    IS_LINK,
    IS_SECOND,
    IS_SHAPE,
    IS_SKIP,
    META_TAGS,
    META_TITLE_NAMES,
    TOKEN_ATTRIBUTES,
    is_hidden,
    split_tokens,
    tag_kind,
)
from cleantext.options import Options
from cleantext.textutil import link_chars

__all__ = ["HtmlWalker"]


class HtmlWalker:
    """lxml parser target: turns the parser's start, end and text events into lines.

    The events are those of a depth-first walk of the tree (an element's text comes
    after its start event, its tail after its end event), without building the tree
    or an element proxy. Text arrives in chunks; they are gathered in :attr:`texts`
    and handled as one text node at the next start or end event. Only the first
    top-level element (the tree's root) is walked; the page's ``<title>`` (the first
    one directly under ``<head>``, with its tail, as ``tostring(method="text")`` reads
    it) and its first og:/twitter: title ``<meta>`` that has a ``content`` are read
    anywhere in the document, skipped subtrees included.

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
        self.heads: list[int] = []          # depths of the open <head> elements
        self.title: list[str] | None = None       # text pieces of the page's <title>
        self.meta_title: list[str] | None = None  # [content] of the title <meta>
        self.title_at = 0       # depth of the <title> being read; -1: its tail is next
        self.shape = LineShape(self.blocks, options.max_line_chars)  # each line's kind
        self.head = HeadCollector()         # metadata: meta, JSON-LD, links, times
        self.captures = self.head.captures  # elements whose text the head gathers

    def start(self, tag: str, attrib: Mapping[str, str]) -> None:
        """An element starts (``attrib``: its attributes)."""
        if self.texts:
            self._text()
        if self.title_at < 0:
            self.title_at = 0  # the title's tail (if any) has been read
        if tag in META_TAGS:
            self._metadata(tag, attrib)
        self.depth += 1
        if self.skip_to:
            if self.started:
                return  # inside a skipped subtree (a third of the elements), or past the walk
            self.started = True  # the root
            self.skip_to = 0
        kind = self.kinds.get(tag)
        if kind is None:
            kind = self.kinds[tag] = tag_kind(tag)
        name, flags = kind
        self.count += 1
        if self.count > self.max_elements:
            self.truncated = True
            self._stop()
            return
        pieces = self.pieces
        if flags & IS_SKIP or (
                self.check_hidden and (flags & IS_SECOND or not HIDING.isdisjoint(attrib))
                and self._invisible(flags, attrib)):
            self.skip_to = self.depth
            # Its end event ends the skip (then comes its tail).
            self.stack.append(-2)
            if pieces and name in CONTROL_TAGS:
                pieces.append(" ")  # a form control's box parts the words
            return
        if flags & (IS_BLOCK | IS_BREAK) and pieces:
            self._flush()
        stack = self.stack
        level = len(stack) - self.overflow
        if level >= self.max_depth:
            self.overflow += 1
            stack.append(-1)
            if flags & IS_BLOCK:
                self.blocks_open.append((name, self._parent()))
        else:
            # No overflow here (while there is, level stays at max_depth), so every
            # stack entry is an element index and the parent is the top entry.
            elements = self.elements
            index = len(elements)
            elements.append(make_element(name, self._tokens(attrib) if attrib else (),
                                     stack[-1] if stack else -1, level))
            stack.append(index)
            if flags & IS_BLOCK:
                self.blocks_open.append((name, index))
        if flags & IS_LINK:
            self.link_depth += 1
            self.links += 1
        if flags & IS_SHAPE:
            self.shape.open(name, attrib, len(pieces))

    def end(self, tag: str) -> None:
        """An element ends."""
        if self.texts:
            self._text()
        if self.title_at < 0:
            self.title_at = 0
        depth = self.depth
        self.depth = depth - 1
        if self.captures and self.captures[-1].depth == depth:
            self.head.end()
        if tag in META_TAGS:
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
        name, flags = self.kinds[tag]
        stack = self.stack
        marker = stack.pop() if stack else -1
        if marker >= 0 and not flags & (IS_BLOCK | IS_LINK | IS_SHAPE):
            return  # an inline element: nothing else to close
        if marker == -1 and self.overflow:
            self.overflow -= 1
        if flags & IS_LINK and self.link_depth:
            self.link_depth -= 1
        if flags & IS_BLOCK:
            if self.pieces:
                self._flush()
            if self.blocks_open:
                self.blocks_open.pop()
        if flags & IS_SHAPE:
            self.shape.close(name, len(self.pieces))

    def close(self) -> None:
        """The document ends: the open line is made."""
        if self.texts:
            self._text()
        self._stop()

    def release(self) -> None:
        """Drop the page's lines, elements and caches once the segment stage has copied
        what it returns.

        lxml's parser and its target context refer to each other, and the context holds
        its target, this walker: the walker outlives the parse until the cycle collector
        frees that cycle. Without this, everything the walker holds (a list entry per
        element and line, the class/id token cache, the skipped text) would wait for a
        collection too, be promoted into the older generations on the way and make
        their collections longer and more frequent (docs/speed.md, "Eighth session")."""
        self.blocks.clear()  # LineShape.blocks is this same list
        self.elements.clear()
        self.token_cache.clear()
        self.unseen_texts.clear()
        self.stack.clear()
        self.blocks_open.clear()
        self.pieces.clear()
        self.texts.clear()

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
        if self.captures:
            self.head.text(text)
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
        if tag in HEAD_TAGS:
            self.head.element(tag, attrib, self.depth + 1, len(self.blocks))
        if tag == "head":
            self.heads.append(self.depth + 1)
        elif tag == "title":
            if self.title is None and self.heads and self.heads[-1] == self.depth:
                self.title = []
                self.title_at = self.depth + 1
        elif tag == "meta" and self.meta_title is None and "content" in attrib and (
                attrib.get("property") == "og:title"
                or attrib.get("name") in META_TITLE_NAMES):
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
            if "itemprop" in attrib:
                self.head.itemprop(attrib, self.depth)
            for name in TOKEN_ATTRIBUTES[2:]:
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
        if flags & IS_SECOND or (attrib and is_hidden(attrib)):
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
            self.link_chars += link_chars(text)

    def _flush(self) -> None:
        if not self.pieces:
            return
        joined = "".join(self.pieces)
        line, cut = cut_line(joined, self.options.max_line_chars)
        if cut:
            self.truncated = True
        if line and len(self.blocks) < self.options.max_lines:
            chars = nonspace_chars(line)
            self.seen_chars += chars
            tag = self.blocks_open[-1][0] if self.blocks_open else "body"
            self.blocks.append(make_block(line, chars, min(self.link_chars, chars),
                                      self.links, tag, self.line_element,
                                      self.shape.kind(joined, line, self.pieces)))
        else:
            self.shape.skip_line()
            if line:
                self.truncated = True
        self.pieces.clear()
        self.link_chars = 0
        self.links = 0

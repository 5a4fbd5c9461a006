"""The HTML walker's structure tracker: which block a line is (:class:`LineShape`).

The walker (:mod:`cleantext.html_walker`) calls :meth:`LineShape.open` and
:meth:`LineShape.close` only for the few tags that carry structure (headings, lists,
tables, ``<pre>``, quotes, captions, definition lists, links and emphasis: the
``IS_SHAPE`` flag and
``SHAPE_TAGS`` of :mod:`cleantext.html_tags`), and :meth:`LineShape.kind` once per
line it makes. Every other element costs one bit test. The open structural elements are
kept on a stack of their own; a line's kind is read from its top entry and a few
counters, so it costs O(1) however deep the page nests. Table rows are fixed up when the
row ends (the cells' texts are known only then): a row whose cells hold more than one
line each, or that has a single cell, is layout and its lines stay paragraphs.

Imports :mod:`cleantext._compiled`, :mod:`cleantext.blocks`, :mod:`cleantext.html_tags`
and :mod:`cleantext.linekind`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from cleantext._compiled import runs_compiled
from cleantext.blocks import Block, fill_slots, make_block, slot_offsets, slot_setters
from cleantext.html_tags import SHAPE_TAGS
from cleantext.linekind import PARAGRAPH, BlockType, LineKind, Span, SpanType

__all__ = ["SHAPE_TAGS", "LineShape"]

_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_SPANS: dict[str, SpanType] = {"a": "link", "em": "emphasis", "i": "emphasis",
                               "strong": "strong", "b": "strong", "code": "code"}
_HEADING_KINDS = {n: LineKind(BlockType.HEADING, level=n) for n in _HEADINGS.values()}
_SIMPLE = {"blockquote": BlockType.QUOTE, "caption": BlockType.CAPTION,
           "figcaption": BlockType.CAPTION, "dt": BlockType.TERM, "dd": BlockType.DEFINITION}
_LISTS = frozenset(("ul", "ol", "menu", "dir"))
# Every tag the tracker is told about (SHAPE_TAGS) is handled by one of the above or
# by name in LineShape.open.
assert {*_HEADINGS, *_SPANS, *_SIMPLE, *_LISTS, "li", "pre", "table",
                      "thead", "tr", "td", "th"} == SHAPE_TAGS
# Spans kept per line, and characters of a link target kept: bounded work on link farms.
_MAX_SPANS = 256
_MAX_HREF = 2048
_SPAN_SETTERS = slot_setters(Span)


_KIND_SETTERS = slot_setters(LineKind)

# Compiled, the fields are stored straight into their slots and the object is untracked
# from the cycle collector, as for the walk's Elements and Blocks (see
# cleantext.blocks.fill_slots, which html_shape.pxd cimports): a LineKind or
# Span holds enum members, numbers, strings and tuples of Spans or strings, so no
# reference cycle can pass through it.


def _make_kind(block: BlockType, level: int, ordered: bool, number: int, group: int,
               row: int, column: int, raw: str | None, spans: tuple[Span, ...],
               item_depth: int = 0) -> LineKind:
    """``LineKind(block, level, ordered, number, group=group, row=row, column=column,
    raw=raw, spans=spans, item_depth=item_depth)`` (no header, cells or prefix) through
    the slot descriptors:
    half the time of the frozen ``__init__`` (0.7 against 1.4 us), once per line."""
    kind = LineKind.__new__(LineKind)
    if _COMPILED:
        fill_slots(kind, _KIND_AT, (block, level, ordered, number, False, group, row,
                                    column, (), 0, raw, spans, item_depth))
        return kind
    (set_type, set_level, set_ordered, set_number, set_header, set_group, set_row,
     set_column, set_cells, set_prefix, set_raw, set_spans, set_item_depth) = _KIND_SETTERS
    set_type(kind, block)
    set_level(kind, level)
    set_ordered(kind, ordered)
    set_number(kind, number)
    set_header(kind, False)
    set_group(kind, group)
    set_row(kind, row)
    set_column(kind, column)
    set_cells(kind, ())
    set_prefix(kind, 0)
    set_raw(kind, raw)
    set_spans(kind, spans)
    set_item_depth(kind, item_depth)
    return kind


def _paragraph(spans: tuple[Span, ...]) -> LineKind:
    """A paragraph line's kind: the shared :data:`PARAGRAPH` unless it has spans."""
    if spans:
        return _make_kind(BlockType.PARAGRAPH, 0, False, 0, -1, -1, -1, None, spans)
    return PARAGRAPH


def _span(kind: SpanType, start: int, end: int, href: str) -> Span:
    """``Span(kind, start, end, href)`` without the frozen dataclass's slow
    ``__init__`` (set through the slot descriptors, as :func:`~cleantext.blocks.make_block`)."""
    span = Span.__new__(Span)
    if _COMPILED:
        fill_slots(span, _SPAN_AT, (kind, start, end, href))
        return span
    set_type, set_start, set_end, set_href = _SPAN_SETTERS
    set_type(span, kind)
    set_start(span, start)
    set_end(span, end)
    set_href(span, href)
    return span


_SPAN_AT = slot_offsets(Span) if runs_compiled(_span) and runs_compiled(slot_offsets) else ()
_KIND_AT = slot_offsets(LineKind) if _SPAN_AT else ()
# Only when the field counts are those the makers write (see cleantext.blocks).
_COMPILED = len(_SPAN_AT) == 4 and len(_KIND_AT) == 13


def _number(value: str | None, default: int) -> int:
    """An ``<ol start>`` / ``<li value>`` number (short decimal strings only)."""
    if value and len(value) < 10:
        value = value.strip()
        if value.lstrip("-").isdigit():
            return int(value)
    return default


def _near_item(stack: list[list[Any]]) -> list[Any] | None:
    """The ``<li>`` entry a heading about to open sits in: among the top four open
    blocks (as an item's list is looked for), not past a list or a table cell."""
    for entry in stack[:-5:-1]:
        if entry[0] == "li":
            return entry
        if entry[0] in _LISTS or entry[0] == "td":
            return None
    return None


class LineShape:
    """The structural state of the walk (see the module docstring). ``blocks`` is the
    walker's own list of lines (table rows are fixed up in it when they end),
    ``max_chars`` the longest raw code text kept (``Options.max_line_chars``)."""

    def __init__(self, blocks: list[Block], max_chars: int) -> None:
        self.blocks = blocks
        self.max_chars = max_chars          # a code line's raw text is cut here
        self.stack: list[list[Any]] = []    # open structural blocks: [tag, ...fields]
        self.lists = 0                      # open <ul>/<ol>
        self.quotes = 0                     # open <blockquote>
        self.pres: list[int] = []           # group ids of open <pre>
        self.open_spans: list[list[Any]] = []   # [type, href, first piece]
        self.spans: list[tuple[SpanType, str, int, int]] = []  # closed, open line's
        self.groups = 0                     # ids given (li, pre, table)
        self.rows = 0                       # table rows seen
        self.thead = 0                      # open <thead>

    # --- events -----------------------------------------------------------------------

    def open(self, name: str, attrib: Any, piece: int) -> None:
        """An element of :data:`SHAPE_TAGS` starts; ``piece`` is the open line's piece count."""
        span = _SPANS.get(name)
        if span is not None:
            href = (attrib.get("href") or "")[:_MAX_HREF] if span == "link" else ""
            self.open_spans.append([span, href, piece])
            return
        stack = self.stack
        if name in _HEADINGS:
            stack.append([name, _HEADINGS[name], _near_item(stack)])
        elif name in _LISTS:
            self.lists += 1
            start = _number(attrib.get("start"), 1) if name == "ol" else 1
            stack.append([name, name == "ol", start])
        elif name == "li":
            owner = None
            for entry in stack[:-5:-1]:  # the top four entries, innermost first
                if entry[0] in _LISTS:
                    owner = entry
                    break
            ordered = bool(owner and owner[1])
            number = 0
            if owner is not None:
                value = attrib.get("value")
                number = owner[2] = _number(value, owner[2]) if value else owner[2]
                owner[2] += 1
            stack.append(["li", self.groups, max(self.lists, 1), ordered, number])
            self.groups += 1
        elif name == "pre":
            self.pres.append(self.groups)
            self.groups += 1
            stack.append(["pre"])
        elif name == "table":
            stack.append(["table", self.groups])
            self.groups += 1
        elif name == "thead":
            self.thead += 1
            stack.append(["thead"])
        elif name == "tr":
            table = -1  # the innermost open table's group (a loop: no closure in a cpdef)
            for entry in reversed(stack):
                if entry[0] == "table":
                    table = entry[1]
                    break
            # [tag, row, table, header, lines [(block, column)], columns, all th]
            stack.append(["tr", self.rows, table, self.thead > 0, [], 0, True])
            self.rows += 1
        elif name in ("td", "th"):
            row = stack[-1] if stack and stack[-1][0] == "tr" else None
            column = -1
            if row is not None:
                column = row[5]
                row[5] += 1
                row[6] = row[6] and name == "th"
            stack.append(["td", row, column])
        else:
            if name == "blockquote":
                self.quotes += 1
            stack.append([name])

    def close(self, name: str, piece: int) -> None:
        """An element of :data:`SHAPE_TAGS` ends (after its last line was made)."""
        if name in _SPANS:
            if self.open_spans:
                kind, href, first = self.open_spans.pop()
                if piece > first and len(self.spans) < _MAX_SPANS:
                    self.spans.append((kind, href, first, piece))
            return
        if not self.stack:
            return
        entry = self.stack.pop()
        if name in _LISTS:
            self.lists -= 1
        elif name == "pre" and self.pres:
            self.pres.pop()
        elif name == "blockquote":
            self.quotes -= 1
        elif name == "thead":
            self.thead -= 1
        elif entry[0] == "tr":
            self._row_end(entry)

    # --- lines ------------------------------------------------------------------------

    def kind(self, joined: str, line: str, pieces: list[str]) -> LineKind:
        """The kind of the line about to be made (``line`` its collapsed text, ``joined``
        its raw text, ``pieces`` the text pieces it was joined from)."""
        spans: tuple[Span, ...] = ()
        closed = self.spans
        if closed or self.open_spans:
            # cut_line collapses \x1c-\x1f (str.split spaces) only when none is there.
            plain = not ("\x1c" in joined or "\x1d" in joined or "\x1e" in joined
                         or "\x1f" in joined)
            first = closed[0] if len(closed) == 1 and not self.open_spans else None
            if first is not None and plain and first[2] == 0 and first[3] == len(pieces):
                # Most such lines are one link, closed: all of the line (as _line_spans).
                spans = (_span(first[0], 0, len(line), first[1]),)
                closed.clear()
            else:
                spans = self._line_spans(pieces, len(line), plain)
        if self.pres:
            raw = joined.strip("\n").rstrip()[:self.max_chars]
            return _make_kind(BlockType.CODE, 0, False, 0, self.pres[-1], -1, -1, raw, spans)
        stack = self.stack
        if not stack:
            return _paragraph(spans)
        top = stack[-1]
        tag = top[0]
        if tag == "li":
            return _make_kind(BlockType.LIST_ITEM, top[2], top[3], top[4], top[1], -1, -1,
                              None, spans)
        if tag in _HEADINGS:
            item = top[2]
            if item is not None:
                return _make_kind(BlockType.HEADING, top[1], item[3], item[4], item[1], -1, -1,
                                  None, spans, item[2])
            if spans:
                return _make_kind(BlockType.HEADING, top[1], False, 0, -1, -1, -1, None, spans)
            return _HEADING_KINDS[top[1]]
        if tag == "td" and top[1] is not None:
            row = top[1]
            row[4].append((len(self.blocks), top[2]))
            return _make_kind(BlockType.TABLE_ROW, 0, False, 0, row[2], row[1], top[2], None,
                              spans)
        simple = _SIMPLE.get(tag)
        if simple is not None:
            level = self.quotes if simple is BlockType.QUOTE else 0
            return _make_kind(simple, level, False, 0, -1, -1, -1, None, spans)
        return _paragraph(spans)

    def skip_line(self) -> None:
        """The open line made no line (blank or past ``max_lines``): forget its spans."""
        self.spans.clear()
        for entry in self.open_spans:
            entry[2] = 0

    def _line_spans(self, pieces: list[str], length: int, plain: bool) -> tuple[Span, ...]:
        """The open line's spans as character offsets into its collapsed text; spans
        still open continue on the next line from its first piece.

        Only the pieces' boundaries where a span starts or ends matter: the text between
        two of them is joined and split once (in C), never piece by piece. A span covers
        the words of pieces ``first``..``last - 1``, whitespace collapsed as
        :func:`~cleantext.blocks.cut_line` does (``str.split``). ``plain``: the line's
        text is its pieces collapsed, so a span of all the pieces is all of it."""
        spans = self.spans
        count = len(pieces)
        for entry in self.open_spans:
            if count > entry[2] and len(spans) < _MAX_SPANS:
                spans.append((entry[0], entry[1], entry[2], count))
            entry[2] = 0
        if not spans:
            return ()
        # The pieces that hold the line's words: lead .. tail - 1.
        lead, tail = 0, count
        while lead < tail and pieces[lead].isspace():
            lead += 1
        while tail > lead and (not pieces[tail - 1] or pieces[tail - 1].isspace()):
            tail -= 1
        if plain and all(span[2] <= lead and span[3] >= tail for span in spans):
            # The common case (a line that is one link): every span is the whole line.
            whole = tuple(_span(kind, 0, length, href) for kind, href, _, _ in spans)
            spans.clear()
            return whole
        # Per boundary: the collapsed length of the pieces before it, and whether
        # whitespace follows their last word (or nothing yet).
        state: dict[int, tuple[int, bool]] = {0: (0, False)}
        used, gap, at = 0, False, 0
        for bound in sorted({b for span in spans for b in span[2:]}):
            if bound > at:
                chunk = "".join(pieces[at:bound])
                words = chunk.split()
                if words:
                    if used and (gap or chunk[0].isspace()):
                        used += 1
                    used += sum(map(len, words)) + len(words) - 1
                    gap = chunk[-1].isspace()
                else:
                    gap = gap or bool(chunk)
                state[bound] = used, gap
                at = bound
        out: list[Span] = []
        for kind, href, first, last in spans:
            before, gap = state[first]
            end = min(state[last][0], length)
            if state[last][0] > before:  # the span has a word
                start = before
                if before and (gap or next(p for p in pieces[first:last] if p)[0].isspace()):
                    start += 1
                if start < end:
                    out.append(_span(kind, start, end, href))
        spans.clear()
        return tuple(out)

    def _row_end(self, row: list[Any]) -> None:
        """A ``<tr>`` ends: give its lines the row's cells, or make them paragraphs
        when the row is layout (one cell, or a cell of several lines)."""
        lines: list[tuple[int, int]] = row[4]
        if not lines:
            return
        columns = row[5]
        texts: list[list[str]] = [[] for _ in range(columns)]
        blocks = self.blocks
        for index, column in lines:
            if index < len(blocks) and 0 <= column < columns:
                texts[column].append(blocks[index].text)
        layout = columns < 2 or any(len(cell) > 1 for cell in texts)
        cells = tuple(" ".join(cell) for cell in texts)
        header = row[3] or row[6]
        for index, _column in lines:
            if index >= len(blocks):
                continue
            block = blocks[index]
            if layout:
                kind = _paragraph(block.kind.spans)
            else:
                kind = replace(block.kind, header=header, cells=cells)
            # replace(block, kind=kind), without its per-call field introspection.
            blocks[index] = make_block(block.text, block.chars, block.link_chars,
                                       block.links, block.tag, block.element, kind)


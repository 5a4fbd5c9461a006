"""What a line of a page is, structurally: :class:`LineKind` (heading, list item, table
row, code, ...) and its inline :class:`Span` s (links, emphasis).

Filled by the segment stage (the HTML walker reads the tags; text dumps their bullets,
numbers and ``|`` rows), carried on every :class:`~cleantext.line.Line` as
``line.kind`` and written into its records; the renderers (:mod:`cleantext.markup`)
read it and never parse the text again. Structure adds shape, never words: a line's
text is the same whatever its kind.

Imports only the standard library: it comes before :mod:`cleantext.line`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Literal, TypedDict

__all__ = ["PARAGRAPH", "BlockType", "LineKind", "LineKindDict", "Span", "SpanDict", "SpanType"]


class BlockType(str, enum.Enum):
    """The block a line is (a ``str``: ``json`` writes ``"heading"``)."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list_item"
    TABLE_ROW = "table_row"
    CODE = "code"
    QUOTE = "quote"
    CAPTION = "caption"
    TERM = "term"
    DEFINITION = "definition"

    def __str__(self) -> str:
        return self.value


SpanType = Literal["link", "emphasis", "strong", "code"]
"""An inline span: ``<a href>``, ``<em>``/``<i>``, ``<strong>``/``<b>``, inline ``<code>``."""


class SpanDict(TypedDict):
    """JSON-ready :class:`Span`."""

    type: SpanType
    start: int
    end: int
    href: str


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``start``..``end`` (0-based, end exclusive) of the line's text are a
    link (``href`` its target as written in the page, unchecked) or emphasised."""

    type: SpanType
    start: int
    end: int
    href: str = ""

    def to_dict(self) -> SpanDict:
        """JSON-ready view."""
        return {"type": self.type, "start": self.start, "end": self.end, "href": self.href}


class LineKindDict(TypedDict):
    """JSON-ready :class:`LineKind` (only the fields that apply are meaningful)."""

    type: BlockType
    level: int
    ordered: bool
    number: int
    header: bool
    group: int
    row: int
    column: int
    cells: list[str]
    prefix: int
    raw: str | None
    spans: list[SpanDict]
    item_depth: int


@dataclass(frozen=True, slots=True)
class LineKind:
    """A line's block type and the fields that go with it.

    - ``level``: a heading's level (1-6); a list item's nesting depth (1 = top list);
      a quote's nesting depth.
    - ``ordered`` / ``number``: a list item of an ``<ol>`` (or a numbered dump line) and
      its number (``start``/``value`` attributes honoured).
    - ``group``: the container the line belongs to, numbered from 0 in page order:
      the ``<li>`` of a list item (a second line of the same item continues it), the
      ``<pre>`` of a code line, the ``<table>`` of a table row, the run of ``|`` lines
      of a dump; -1 when none.
    - ``row`` / ``column`` / ``header`` / ``cells``: a table row line is one cell (the
      page's lines are split per cell): its row (numbered in page order), column, whether
      the row is a header row (``<th>`` cells only, or in ``<thead>``), and the texts of
      all the row's cells (``""`` for an empty one).
    - ``prefix``: characters at the start of the text that are a text dump's own list
      marker (``"- "``, ``"3. "``), which a renderer replaces with its own.
    - ``raw``: a code line's text with its line breaks and indentation kept.
    - ``spans``: links and emphasis inside the text.
    - ``item_depth``: a heading inside a list item (``<li><h3>``: a list of cards or
      steps whose titles are headings): the item's nesting depth (1 = top list), with
      ``group``, ``ordered`` and ``number`` those of the item; 0 for every other line.
    """

    type: BlockType = BlockType.PARAGRAPH
    level: int = 0
    ordered: bool = False
    number: int = 0
    header: bool = False
    group: int = -1
    row: int = -1
    column: int = -1
    cells: tuple[str, ...] = ()
    prefix: int = 0
    raw: str | None = None
    spans: tuple[Span, ...] = ()
    item_depth: int = 0

    def to_dict(self) -> LineKindDict:
        """JSON-ready view."""
        return {"type": self.type, "level": self.level, "ordered": self.ordered,
                "number": self.number, "header": self.header, "group": self.group,
                "row": self.row, "column": self.column, "cells": list(self.cells),
                "prefix": self.prefix, "raw": self.raw,
                "spans": [span.to_dict() for span in self.spans],
                "item_depth": self.item_depth}


PARAGRAPH = LineKind()
"""The kind of a plain line (shared: most lines are paragraphs)."""

"""The structure of a text dump's lines: bullets and numbers make list items, runs of
``|``-separated rows make tables (:class:`DumpShape`).

A dump has no tags, so only what its lines show is read: a leading ``-``/``*``/``•``
(and similar) bullet or a ``1.``/``1)`` number followed by a space, and a line with at
least two ``|`` separators (``| a | b |`` or ``a | b | c``) next to another such line.
The text of the line is not changed: ``prefix`` tells a renderer how many of its
characters are the dump's own marker. Imports :mod:`cleantext.linekind`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from cleantext.linekind import PARAGRAPH, BlockType, LineKind

__all__ = ["DumpShape", "lone_rows"]

# A bullet or a number (up to 3 digits, so years and prices stay text), then a space.
_ITEM = re.compile(r"([-*+•·◦▪‣–])\s+(?=\S)|(\d{1,3})[.)]\s+(?=\S)")
# Indentation counted per nesting level of a dump's list (2 spaces, a tab counts 4).
_INDENT = 2


class DumpShape:
    """The kinds of a dump's lines, one call per non-empty line in order.

    A ``|`` row is a table row only next to another one: :func:`lone_rows` undoes the
    lone ones once every line is read.
    """

    def __init__(self) -> None:
        self.groups = 0
        self.rows = 0
        self.table = -1                 # group of the open run of rows, -1: none

    def kind(self, raw: str, line: str) -> LineKind:
        """The kind of ``line`` (``raw``: the line as the dump has it, indentation kept)."""
        if line.count("|") >= 2:
            return self._row(line)
        self.table = -1
        match = _ITEM.match(line)
        if match is None:
            return PARAGRAPH
        indent = len(raw.expandtabs(4)) - len(raw.expandtabs(4).lstrip())
        level = 1 + min(indent // _INDENT, 8)
        group = self.groups
        self.groups += 1
        if match.group(2) is not None:
            return LineKind(BlockType.LIST_ITEM, level=level, ordered=True,
                            number=int(match.group(2)), group=group, prefix=match.end())
        return LineKind(BlockType.LIST_ITEM, level=level, group=group, prefix=match.end())

    def _row(self, line: str) -> LineKind:
        """A ``|`` row: its cells (outer empty cells of ``| a | b |`` dropped)."""
        cells = [cell.strip() for cell in line.split("|")]
        if line.startswith("|"):
            cells = cells[1:]
        if line.endswith("|"):
            cells = cells[:-1]
        if self.table < 0:
            self.table = self.groups
            self.groups += 1
        kind = LineKind(BlockType.TABLE_ROW, group=self.table, row=self.rows,
                        column=0, cells=tuple(cells))
        self.rows += 1
        return kind


def lone_rows(kinds: list[LineKind]) -> list[LineKind]:
    """``kinds`` with table rows that have no row of the same table next to them made
    paragraphs again (a single line with two ``|`` is more often a title or menu)."""
    out = list(kinds)
    for i, kind in enumerate(kinds):
        if kind.type is not BlockType.TABLE_ROW:
            continue
        near = [kinds[j] for j in (i - 1, i + 1) if 0 <= j < len(kinds)]
        if not any(k.type is BlockType.TABLE_ROW and k.group == kind.group for k in near):
            out[i] = replace(kind, type=BlockType.PARAGRAPH, group=-1, row=-1, column=-1,
                             cells=())
    return out

"""Coherent table labels: the cells of one table row, and the rows of one table,
share one decision.

An HTML table row is split into one line per cell (:class:`~cleantext.linekind.LineKind`
``row`` / ``column``), and the line model decides each cell apart: a ranking table's rank
column comes out BODY and its name and score columns RELATED, a data table's first
column BODY and its figures OTHER; in a long table it keeps every other row (alternate
row colours). A row is one record, a table one piece of content:

- *row*: when at least ``Options.table_row_body_share`` of a row's cells (and at least
  one) are BODY, its other cells are BODY too;
- *table*: then, when at least ``Options.table_body_share`` of a table's rows (and at
  least one) hold BODY and it has ``Options.table_min_rows`` rows, all its rows are BODY.

Each change carries a ``"context"`` reason. Only rows of more than one line count (a
caption row spanning the table is left as it is), and the page's title lines are left
alone. Text dumps print a row as one line, so the rules never change them.

Imports :mod:`cleantext.blocks`, :mod:`cleantext.document`, :mod:`cleantext.linekind`,
:mod:`cleantext.options` and :mod:`cleantext.rules_common`.
"""

from __future__ import annotations

from collections.abc import Collection

from cleantext.blocks import Segmented
from cleantext.document import Label, Reason
from cleantext.linekind import BlockType
from cleantext.options import Options
from cleantext.rules_common import relabel

__all__ = ["table_row_lines", "table_rows"]


def table_row_lines(tree: Segmented) -> list[list[int]]:
    """The line indices of each table row of the page (rows of more than one line),
    in page order: lines of one ``<table>`` (``group``) and one row (``row``)."""
    rows: dict[tuple[int, int], list[int]] = {}
    for i, block in enumerate(tree.blocks):
        kind = block.kind
        if kind.type is BlockType.TABLE_ROW and kind.row >= 0:
            rows.setdefault((kind.group, kind.row), []).append(i)
    return [lines for lines in rows.values() if len(lines) > 1]


def table_rows(tree: Segmented, labels: list[Label], reasons: list[list[Reason]],
               options: Options, protected: Collection[int] = ()) -> None:
    """The row rule, then the table rule (module docstring), on the page's rows of
    more than one line; lines in ``protected`` (the title's) are left alone."""
    rows = table_row_lines(tree)
    if options.table_row_body_share < 1.0:
        _coherent_rows(tree, rows, labels, reasons, options.table_row_body_share, protected)
    if options.table_body_share < 1.0:
        _whole_tables(tree, rows, labels, reasons, options, protected)


def _coherent_rows(tree: Segmented, rows: list[list[int]], labels: list[Label],
                   reasons: list[list[Reason]], share: float, protected: Collection[int]
                   ) -> None:
    """Make the cells of a row BODY when at least ``share`` of its cells (counted by
    column: a cell of several lines is BODY when one of them is), one at least, are."""
    blocks = tree.blocks
    for lines in rows:
        columns = {blocks[i].kind.column for i in lines}
        body = {blocks[i].kind.column for i in lines if labels[i] is Label.BODY}
        if not body or len(body) < share * len(columns):
            continue
        detail = f"{len(body)} of the row's {len(columns)} cells are body"
        for i in lines:
            if i not in protected:
                relabel(labels, reasons, i, Label.BODY, "table row", detail)


def _whole_tables(tree: Segmented, rows: list[list[int]], labels: list[Label],
                  reasons: list[list[Reason]], options: Options, protected: Collection[int]
                  ) -> None:
    """Make every row of a table BODY when at least ``table_body_share`` of its rows,
    one at least, hold a BODY line, and it has ``table_min_rows`` rows or more."""
    tables: dict[int, list[list[int]]] = {}
    for lines in rows:
        tables.setdefault(tree.blocks[lines[0]].kind.group, []).append(lines)
    for table in tables.values():
        body = sum(any(labels[i] is Label.BODY for i in lines) for lines in table)
        if len(table) < options.table_min_rows or not body or body < options.table_body_share \
                * len(table):
            continue
        detail = f"{body} of the table's {len(table)} rows are body"
        for lines in table:
            for i in lines:
                if i not in protected:
                    relabel(labels, reasons, i, Label.BODY, "table", detail)

"""Row-coherent table labels: the cells of one table row share one decision.

An HTML table row is split into one line per cell (:class:`~cleantext.linekind.LineKind`
``row`` / ``column``), and the line model decides each cell apart: a ranking table's rank
column comes out BODY and its name and score columns RELATED, a data table's first
column BODY and its figures OTHER. A row is one record; half of it is no use to a
reader. So when at least ``Options.table_row_body_share`` of a row's cells (and at
least one) are BODY, its other cells are BODY too, with a ``"context"`` reason. Lines
of the page's title are left alone. Text dumps print a row as one line, so the rule
never changes them.

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
    """Make the cells of a table row BODY when at least ``table_row_body_share`` of
    its cells (counted by column; a cell of several lines is BODY when one of them is)
    and at least one are BODY (module docstring)."""
    share = options.table_row_body_share
    if share >= 1.0:
        return
    blocks = tree.blocks
    for lines in table_row_lines(tree):
        columns = {blocks[i].kind.column for i in lines}
        body = {blocks[i].kind.column for i in lines if labels[i] is Label.BODY}
        if not body or len(body) < share * len(columns):
            continue
        detail = f"{len(body)} of the row's {len(columns)} cells are body"
        for i in lines:
            if i not in protected:
                relabel(labels, reasons, i, Label.BODY, "table row", detail)
    whole_tables(tree, labels, reasons, options, protected)


def whole_tables(tree: Segmented, labels: list[Label], reasons: list[list[Reason]],
                 options: Options, protected: Collection[int] = ()) -> None:
    """Make every row of a table BODY when at least ``table_body_share`` of its rows
    of more than one line (one at least; ``table_min_rows`` rows or more) hold a
    BODY line."""
    share = options.table_body_share
    if share >= 1.0:
        return
    tables: dict[int, list[list[int]]] = {}
    for lines in table_row_lines(tree):
        tables.setdefault(tree.blocks[lines[0]].kind.group, []).append(lines)
    for rows in tables.values():
        body = sum(any(labels[i] is Label.BODY for i in lines) for lines in rows)
        if len(rows) < options.table_min_rows or not body or body < share * len(rows):
            continue
        detail = f"{body} of the table's {len(rows)} rows are body"
        for lines in rows:
            for i in lines:
                if i not in protected:
                    relabel(labels, reasons, i, Label.BODY, "table", detail)

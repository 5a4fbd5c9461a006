"""Row-coherent table labels (rules_tables): the cells of one table row share one
decision, BODY when ``Options.table_row_body_share`` of them (and at least one) are;
a table of ``table_min_rows`` rows or more is all BODY when ``table_body_share`` of its
rows hold BODY."""

from __future__ import annotations

from collections.abc import Sequence

import cleantext
from cleantext.blocks import Block, Segmented
from cleantext.document import Label, Reason
from cleantext.linekind import PARAGRAPH, BlockType, LineKind
from cleantext.options import Options
from cleantext.rules_tables import table_row_lines, table_rows

B, X, R, T = Label.BODY, Label.OTHER, Label.RELATED, Label.TITLE


def _cell(row: int, column: int, table: int = 0) -> Block:
    kind = LineKind(BlockType.TABLE_ROW, group=table, row=row, column=column)
    return Block(f"cell {row}.{column}", 6, 0, 0, "td", 0, kind)


def _para() -> Block:
    return Block("A paragraph of text.", 17, 0, 0, "p", 0, PARAGRAPH)


def _page(blocks: Sequence[Block], is_html: bool = True) -> Segmented:
    return Segmented(tuple(blocks), (), None, None, False, is_html)


DEFAULT = Options()


def _run(tree: Segmented, labels: Sequence[Label], options: Options = DEFAULT,
         protected: Sequence[int] = ()) -> tuple[list[Label], list[list[Reason]]]:
    out = list(labels)
    reasons: list[list[Reason]] = [[] for _ in out]
    table_rows(tree, out, reasons, options, protected)
    return out, reasons


def test_one_body_cell_makes_the_row_body_with_a_reason() -> None:
    # A ranking table: the model kept the rank column and dropped the names.
    tree = _page([_para(), _cell(0, 0), _cell(0, 1), _cell(0, 2), _cell(1, 0), _cell(1, 1),
                  _cell(1, 2), _para()])
    labels, reasons = _run(tree, [B, B, R, X, X, R, R, B], ROWS_ONLY)
    assert labels == [B, B, B, B, X, R, R, B]
    assert reasons[2][0].name == "table row" and "1 of the row's 3 cells" in reasons[2][0].detail
    assert reasons[1] == [] and reasons[4] == [] and reasons[0] == []


ROWS_ONLY = Options(table_body_share=1.0)


def test_share_is_the_threshold_and_one_switches_it_off() -> None:
    tree = _page([_cell(0, 0), _cell(0, 1), _cell(0, 2), _cell(0, 3)])
    start = [B, X, X, X]
    assert _run(tree, start, Options(table_row_body_share=0.5))[0] == start
    assert _run(tree, [B, B, X, X], Options(table_row_body_share=0.5))[0] == [B, B, B, B]
    assert _run(tree, start, Options(table_row_body_share=1.0))[0] == start
    assert _run(tree, start)[0] == [B, B, B, B]


def test_cells_counted_by_column_and_rows_kept_apart_per_table() -> None:
    # Cell 0 of table 0 spans two lines; row 0 of table 1 is another row.
    tree = _page([_cell(0, 0), _cell(0, 0), _cell(0, 1), _cell(0, 0, table=1),
                  _cell(0, 1, table=1)])
    assert table_row_lines(tree) == [[0, 1, 2], [3, 4]]
    labels, _ = _run(tree, [B, B, X, X, X], Options(table_row_body_share=0.6))
    assert labels == [B, B, X, X, X]          # one column of two: below 0.6
    labels, _ = _run(tree, [X, B, X, X, X], Options(table_row_body_share=0.5))
    assert labels == [B, B, B, X, X]


def _table(rows: int, table: int = 0) -> list[Block]:
    return [_cell(r, c, table) for r in range(rows) for c in range(2)]


def test_a_table_with_a_body_row_is_all_body() -> None:
    # The model kept rows 0 and 2 of a four-row table, dropped 1 and 3 (alternate
    # row colours); the two-row table after it is too small for the table rule.
    tree = _page([*_table(4), *_table(2, table=1)])
    start = [B, B, R, R, B, B, X, X, B, X, X, X]
    labels, reasons = _run(tree, start)
    assert labels == [B] * 8 + [B, B, X, X]
    assert reasons[2][-1].name == "table" and "2 of the table's 4 rows" in reasons[2][-1].detail
    assert _run(tree, start, Options(table_body_share=0.75))[0] == [B, B, R, R, B, B, X, X,
                                                                      B, B, X, X]
    assert _run(tree, start, Options(table_min_rows=5))[0] == _run(tree, start, ROWS_ONLY)[0]
    assert _run(tree, [X] * 12)[0] == [X] * 12


def test_title_lines_and_paragraphs_are_left_alone() -> None:
    tree = _page([_cell(0, 0), _cell(0, 1), _para(), _para()])
    labels, _ = _run(tree, [T, B, X, B], protected=[0])
    assert labels == [T, B, X, B]


def _row_labels(doc: cleantext.Document) -> dict[int, set[Label]]:
    rows: dict[int, set[Label]] = {}
    for line in doc.lines:
        if line.kind.type is BlockType.TABLE_ROW:
            rows.setdefault(line.kind.row, set()).add(line.label)
    return rows


def test_extracted_rows_are_all_body_or_none_and_the_cells_reach_the_text() -> None:
    # The model leaves the header cell "Rank" out on its own (rule off), keeps its
    # neighbour "Firm name here": with the rule the whole row is kept.
    prose = "<p>" + "Plain words of the article body that go on for a while. " * 8 + "</p>"
    more = "<p>" + "More words of the article body that go on. " * 8 + "</p>"
    page = (f"<html><body><article>{prose}<table><tr><td>Rank</td><td>Firm name here</td>"
            f"</tr><tr><td>1</td><td>Acme</td></tr></table>{more}</article></body></html>")
    off = cleantext.extract(page, options=Options(table_row_body_share=1.0,
                                                  table_body_share=1.0))
    assert any(len(labels) > 1 for labels in _row_labels(off).values())
    assert "Rank" not in off.text.split("\n")
    doc = cleantext.extract(page)
    rows = _row_labels(doc)
    assert len(rows) == 2 and all(labels == {B} for labels in rows.values()), rows
    assert "Rank\nFirm name here\n1\nAcme" in doc.text
    assert "| Rank | Firm name here |" in doc.to_markdown(title=False)

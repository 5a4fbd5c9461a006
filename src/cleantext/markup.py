"""The kept lines of a page as Markdown (:func:`markdown_of`) and as clean semantic HTML
(:func:`semantic_html`), shaped by each line's :class:`~cleantext.linekind.LineKind`.

Both read the kinds the segment stage found and never parse the text again; both
render the BODY lines only (the title, when given, as the top heading), so their words
are those of ``Document.text``. Consecutive lines are grouped into runs first
(:func:`runs`): a list (items by depth; a second line of the same ``<li>`` continues
it), a table (rows by row number, cells by column), a code block (lines of one
``<pre>``), or a single heading, quote or paragraph.

Page text is hostile: links, emphasis and escapes come from
:mod:`cleantext.markup_inline` (HTML escaped, only safe link targets); Markdown also
escapes ``|`` in cells and fences code with more backticks than it holds. Imports
:mod:`cleantext.line`, :mod:`cleantext.linekind` and :mod:`cleantext.markup_inline`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Sequence

from cleantext.line import Label, Line
from cleantext.linekind import BlockType, LineKind
from cleantext.markup_inline import html_inline, md_escape, md_inline, safe_href

__all__ = ["markdown_of", "runs", "safe_href", "semantic_html"]

_GROUPED = {BlockType.LIST_ITEM: "list", BlockType.TABLE_ROW: "table", BlockType.CODE: "code"}
_DASHES = re.compile(r"^:?-+:?$")
# Cells with text a row needs to render as a table row (see _table_parts).
_MIN_TABLE_CELLS = 2


def _group_of(kind: LineKind) -> str | None:
    """The run a line's kind joins: ``list`` for a list item and for a heading inside
    one (``item_depth``), ``table``, ``code``, or None (a block of its own)."""
    if kind.item_depth and kind.type is BlockType.HEADING:
        return "list"
    return _GROUPED.get(kind.type)


def _depth_of(kind: LineKind) -> int:
    """A list line's nesting depth: a list item's level, a heading's item depth."""
    return kind.item_depth if kind.type is BlockType.HEADING else kind.level


def runs(lines: Sequence[Line]) -> Iterator[tuple[str, list[Line]]]:
    """The BODY lines grouped: ``("list" | "table" | "code", lines)`` for a run of list
    items (headings inside items among them), rows of one table or lines of one
    ``<pre>``, else ``(type, [line])``."""
    current: list[Line] = []
    name = ""
    for line in lines:
        if line.label is not Label.BODY:
            continue
        kind = line.kind
        group = _group_of(kind)
        last = current[-1].kind if current else None
        if group is not None and last is not None and group == name and (
                kind.group == last.group if group != "list"
                else _depth_of(kind) != _depth_of(last) or kind.ordered == last.ordered):
            current.append(line)
            continue
        if current:
            yield name, current
        if group is not None:
            name, current = group, [line]
        else:
            name, current = "", []
            yield kind.type.value, [line]
    if current:
        yield name, current


def _item_text(line: Line) -> str:
    """A list item's text without a text dump's own marker."""
    return line.text[line.kind.prefix:] if line.kind.prefix else line.text


def _depths(items: Sequence[Line]) -> list[int]:
    """Each item's nesting depth from 0, relative to the run (levels that skip a
    step or start deep are closed up)."""
    open_levels: list[int] = []
    out = []
    for line in items:
        level = _depth_of(line.kind)
        while open_levels and open_levels[-1] > level:
            open_levels.pop()
        if not open_levels or open_levels[-1] < level:
            open_levels.append(level)
        out.append(len(open_levels) - 1)
    return out


Part = tuple[Line, str, tuple[Line, ...]]
"""A block inside a list item: a heading line, or the item's other lines up to the next
heading (the first of them, their texts joined, all of them)."""


def _merged_items(items: Sequence[Line]) -> list[list[Part]]:
    """One entry per ``<li>``, its parts in order: a heading inside the item is a part
    of its own, the lines between two headings one part (a second line of the item
    continues the first)."""
    out: list[list[list[Line]]] = []
    for line in items:
        if out and line.kind.group == out[-1][0][0].kind.group and line.tag != "line":
            last = out[-1][-1]
            if (line.kind.type is BlockType.HEADING
                    or last[0].kind.type is BlockType.HEADING):
                out[-1].append([line])
            else:
                last.append(line)
        else:
            out.append([[line]])
    return [[(part[0], " ".join(x.text for x in part), tuple(part)) for part in item]
            for item in out]


Cell = tuple[Line, ...] | str
"""A table cell: the BODY lines that hold it (several when the cell breaks its text
into lines), or a text dump row's cell text."""


def _table_rows(rows: Sequence[Line]) -> list[tuple[bool, list[Cell]]]:
    """The rows of a table: (header, cells), each cell the lines holding it or the cell
    text for a text dump's row (one line per row); dump separator rows left out."""
    out: list[tuple[bool, list[Cell]]] = []
    last_row = None
    for line in rows:
        kind = line.kind
        if line.tag == "line":
            if kind.cells and not all(_DASHES.match(c) for c in kind.cells if c):
                out.append((False, list(kind.cells)))
            continue
        if kind.row != last_row:
            out.append((kind.header, []))
            last_row = kind.row
        cells = out[-1][1]
        while len(cells) < kind.column:
            cells.append("")
        if len(cells) > kind.column and isinstance(cells[-1], tuple):
            cells[-1] = (*cells[-1], line)  # a second line of the same cell
        else:
            cells.append((line,))
    return out


def _filled(cells: Sequence[Cell]) -> list[Cell]:
    """The cells that hold text."""
    return [c for c in cells if (c.strip() if isinstance(c, str) else c)]


def _table_parts(rows: Sequence[Line]) -> list[tuple[bool, list[tuple[bool, list[Cell]]]]]:
    """A table run cut where a row is not tabular: ``(True, rows)`` for a run of rows
    rendered as a table, ``(False, [row])`` for a row of fewer than two cells with
    BODY text, rendered as plain paragraphs, one per filled cell. Such a row is a
    layout row (a site's name bar over its story list, a feature list with check-mark
    images for cells) or one whose other cells are not BODY; as a table row it would be
    a row of empty cells. Measured on wcxb-dev's gold markdown (179 pages with a table
    on either side): table-row precision 0.580 -> 0.682, recall 0.570 -> 0.568."""
    out: list[tuple[bool, list[tuple[bool, list[Cell]]]]] = []
    for row in _table_rows(rows):
        tabular = len(_filled(row[1])) >= _MIN_TABLE_CELLS
        if tabular and out and out[-1][0]:
            out[-1][1].append(row)
        elif row[1]:
            out.append((tabular, [row]))
    return out


# --------------------------------------------------------------------------- markdown


def _fence(code: str) -> str:
    """A backtick fence longer than any run of backticks in ``code``."""
    longest = max((len(m) for m in re.findall(r"`+", code)), default=0)
    return "`" * max(3, longest + 1)


def _md_table(lines: Sequence[Line], inline: Callable[[Line], str]) -> list[str]:
    """The table's blocks: GFM tables (the first row of each as its header) and
    paragraphs for the rows that are not tabular (:func:`_table_parts`)."""
    def cell(value: Cell) -> str:
        text = value if isinstance(value, str) else " ".join(inline(v) for v in value)
        return text.replace("\\", "\\\\").replace("|", "\\|")

    blocks: list[str] = []
    for tabular, rows in _table_parts(lines):
        if not tabular:
            for c in _filled(rows[0][1]):
                texts = [c] if isinstance(c, str) else [inline(v) for v in c]
                blocks.extend(md_escape(text) for text in texts)
            continue
        width = max(len(cells) for _, cells in rows)
        out = []
        for number, (_, cells) in enumerate(rows):
            padded = [cell(c) for c in cells] + [""] * (width - len(cells))
            out.append("| " + " | ".join(padded) + " |")
            if number == 0:
                out.append("|" + " --- |" * width)
        blocks.append("\n".join(out))
    return blocks


def markdown_of(lines: Sequence[Line], title: str | None, *, links: bool = False,
                emphasis: bool = False) -> str:
    """GitHub-flavoured Markdown of the BODY lines, ``title`` (if any) as ``#``."""
    def inline(line: Line) -> str:
        return md_inline(line, line.text, links, emphasis)

    blocks = [f"# {' '.join(title.split())}"] if title else []
    for name, group in runs(lines):
        line = group[0]
        if name == "list":
            blocks.extend(_md_list(group, links, emphasis))
        elif name == "table":
            blocks.extend(_md_table(group, inline))
        elif name == "code":
            code = "\n".join(c.kind.raw if c.kind.raw is not None else c.text for c in group)
            fence = _fence(code)
            blocks.append(f"{fence}\n{code}\n{fence}")
        elif name == BlockType.HEADING.value:
            blocks.append(f"{'#' * _heading_level(line)} {inline(line)}")
        elif name == BlockType.QUOTE.value:
            blocks.append(f"{'>' * max(line.kind.level, 1)} {md_escape(inline(line))}")
        else:
            blocks.append(md_escape(inline(line)))
    return "\n\n".join(block for block in blocks if block)


def _heading_level(line: Line) -> int:
    """A heading line's level as Markdown and HTML can write it (1-6)."""
    return min(max(line.kind.level, 1), 6)


def _is_section(item: Sequence[Part]) -> bool:
    """A list item that holds a heading and more (an accordion's question and answer,
    a card, a step with its text): written as a section, not as a list entry. Only a
    heading splits an item into parts (:func:`_merged_items`), so two parts are one."""
    return len(item) > 1


def _md_list(group: Sequence[Line], links: bool, emphasis: bool) -> list[str]:
    """A list run as Markdown blocks: one marker per item, nested by depth (a heading
    that is all of its item written after the marker: ``- ## Name``); an item that holds
    a heading and more (:func:`_is_section`) as that heading and its paragraphs, outside
    the list. Measured on wcxb-dev's gold markdown: of 1,755 headings inside items, the
    gold writes those alone in their item as list items (102 against 31) and those with
    more as headings (653 against 8)."""
    items = _merged_items(group)
    blocks: list[str] = []
    start = 0
    for end in range(len(items) + 1):
        if end < len(items) and not _is_section(items[end]):
            continue
        if start < end:
            blocks.append(_md_items(items[start:end], links, emphasis))
        if end < len(items):
            for line, _, lines in items[end]:
                if line.kind.type is BlockType.HEADING:
                    body = md_inline(line, line.text, links, emphasis)
                    blocks.append(f"{'#' * _heading_level(line)} {body}")
                else:  # each line a paragraph, as outside lists
                    blocks.extend(md_escape(md_inline(x, x.text, links, emphasis))
                                  for x in lines)
        start = end + 1
    return blocks


def _md_items(items: Sequence[Sequence[Part]], links: bool, emphasis: bool) -> str:
    """List items (no sections: each one part) as one Markdown list, nested by depth."""
    depths = _depths([item[0][0] for item in items])
    rows = []
    for item, depth in zip(items, depths, strict=True):
        line, text, _ = item[0]
        marker = f"{line.kind.number}." if line.kind.ordered else "-"
        body = md_inline(line, text, links, emphasis)
        if line.kind.type is BlockType.HEADING:
            body = f"{'#' * _heading_level(line)} {body}"
        rows.append(f"{'    ' * depth}{marker} {_item_text_of(line, body)}")
    return "\n".join(rows)


def _item_text_of(first: Line, text: str) -> str:
    """An item's rendered text without a dump's marker (when it still starts with it)."""
    prefix = first.kind.prefix
    return text[prefix:] if prefix and text.startswith(first.text[:prefix]) else text


# ------------------------------------------------------------------------------- html


def _html_part(line: Line, text: str, links: bool, alone: bool) -> str:
    """One part of a list item (:func:`_merged_items`) as HTML: a heading as ``<hN>``,
    other text bare when it is the item's only part, else as ``<p>``."""
    inner = html_inline(line, links) if text == line.text else html.escape(text)
    if line.kind.prefix:
        inner = html.escape(_item_text(line))
    if line.kind.type is BlockType.HEADING:
        level = _heading_level(line)
        return f"<h{level}>{inner}</h{level}>"
    return inner if alone else f"<p>{inner}</p>"


def _html_list(group: Sequence[Line], links: bool) -> str:
    items = _merged_items(group)
    depths = _depths([item[0][0] for item in items])
    out: list[str] = []
    stack: list[str] = []
    for item, depth in zip(items, depths, strict=True):
        first = item[0][0]
        while len(stack) > depth + 1:
            out.append(f"</li></{stack.pop()}>")
        if len(stack) == depth + 1:
            out.append("</li>")
        while len(stack) < depth + 1:
            tag = "ol" if first.kind.ordered else "ul"
            start = first.kind.number
            out.append(f'<ol start="{start}">' if tag == "ol" and start != 1 else f"<{tag}>")
            stack.append(tag)
        alone = len(item) == 1
        out.append("<li>" + "".join(_html_part(line, text, links, alone) for line, text, _ in item))
    out.extend(f"</li></{tag}>" for tag in reversed(stack))
    return "".join(out)


def _html_table(group: Sequence[Line], links: bool) -> str:
    """``<table>`` s of the tabular rows, ``<p>`` s for the others (:func:`_table_parts`)."""
    def cell(value: Cell) -> str:
        if isinstance(value, str):
            return html.escape(value)
        return " ".join(html_inline(v, links) for v in value)

    out: list[str] = []
    for tabular, rows in _table_parts(group):
        if not tabular:
            out.extend(f"<p>{cell(c)}</p>" for c in _filled(rows[0][1]))
            continue
        out.append("<table>")
        for header, cells in rows:
            tag = "th" if header else "td"
            out.append("<tr>" + "".join(f"<{tag}>{cell(c)}</{tag}>" for c in cells) + "</tr>")
        out.append("</table>")
    return "".join(out)


def semantic_html(lines: Sequence[Line], title: str | None, *, links: bool = True) -> str:
    """Clean HTML of the BODY lines (``title`` as ``<h1>``), one block per line."""
    out = [f"<h1>{html.escape(title)}</h1>"] if title else []
    for name, group in runs(lines):
        line = group[0]
        if name == "list":
            out.append(_html_list(group, links))
        elif name == "table":
            out.append(_html_table(group, links))
        elif name == "code":
            code = "\n".join(c.kind.raw if c.kind.raw is not None else c.text for c in group)
            out.append(f"<pre><code>{html.escape(code)}</code></pre>")
        elif name == BlockType.HEADING.value:
            level = _heading_level(line)
            out.append(f"<h{level}>{html_inline(line, links)}</h{level}>")
        elif name == BlockType.QUOTE.value:
            out.append(f"<blockquote><p>{html_inline(line, links)}</p></blockquote>")
        else:
            out.append(f"<p>{html_inline(line, links)}</p>")
    return "\n".join(out)

"""See why: the labelled page as HTML (notebooks, reports) and as terminal rows.

:func:`document_html` (from :mod:`cleantext.htmlview`, re-exported here) is what
``Document._repr_html_`` returns: every line of the page in order, coloured by label,
dropped lines greyed, a legend, and on hover the line's score and top reasons.
:func:`terminal_lines` gives the same information as one row per line for a terminal.

Page text is hostile input. In HTML it is always escaped and control characters are
made visible (see :mod:`cleantext.htmlview`). In a terminal, control characters (ESC
included) and bidi overrides are replaced or removed, so a page cannot move the
cursor, recolour the screen or reorder the columns.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import replace
from types import MappingProxyType

from cleantext.document import Document
from cleantext.htmlview import (
    CSS_SCOPE,
    KEPT_LABELS,
    LABEL_COLOURS,
    REASONS_SHOWN,
    document_html,
    escape,
    head_html,
    legend_html,
    lines_html,
    stylesheet,
    visible_text,
)
from cleantext.line import Label, Line

__all__ = [
    "CSS_SCOPE",
    "KEPT_LABELS",
    "LABEL_COLOURS",
    "REASONS_SHOWN",
    "document_html",
    "escape",
    "head_html",
    "legend_html",
    "lines_html",
    "stylesheet",
    "terminal_lines",
    "terminal_safe",
    "visible_text",
]

# SGR colour per label for terminals (standard 8/16-colour codes, readable on dark and
# light backgrounds); dropped lines' text is additionally dimmed.
ANSI_COLOURS: Mapping[Label, str] = MappingProxyType({
    Label.BODY: "32",
    Label.TITLE: "1;34",
    Label.NAVIGATION: "33",
    Label.RELATED: "35",
    Label.COMMENTS: "36",
    Label.OTHER: "90",
})
ANSI_RESET = "\x1b[0m"
ANSI_DIM = "2"

# Bidi embeddings/overrides/isolates: harmless in HTML (each cell is isolated) but in a
# terminal they can reorder what is printed after them on the row.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def terminal_safe(text: str) -> str:
    """``text`` safe to print to a terminal: one row, no escapes, no bidi overrides.

    Tabs, newlines and every other control character become visible symbols (ESC is
    shown as U+241B), so a page cannot emit ANSI/OSC sequences through the view.
    """
    text = text.replace("\t", " ").replace("\n", "\u2424").replace("\r", "\u240d")
    return _BIDI.sub("", visible_text(text))


# ----------------------------------------------------------------------------- terminal

TEXT_CELLS_MIN = 16
"""Narrowest text column (terminal cells) before the reason column is dropped."""
REASON_CELLS = 34
"""Width of the reason column (cells): fits ``model:<feature> +1.23`` for typical names."""
_FIXED_CELLS = 4 + 1 + 10 + 1 + 5 + 2  # line no, space, label, space, score, gap


def _cell_width(ch: str) -> int:
    """Terminal cells one character takes: 2 for wide/fullwidth, 0 for combining marks."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Cf", "Mn", "Me"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def fit_cells(text: str, cells: int) -> str:
    """``text`` cut and padded to exactly ``cells`` terminal cells ("…" marks a cut).

    Reads only as far as the cut, so a megabyte-long line costs no more than a short one.
    """
    used = 0
    fits_with_mark = 0  # characters that fit while leaving one cell for "…"
    for position, ch in enumerate(text):
        width = _cell_width(ch)
        if used + width > cells:
            cut = text[:fits_with_mark]
            pad = cells - 1 - sum(_cell_width(c) for c in cut)
            return cut + "\u2026" + " " * pad
        used += width
        if used <= cells - 1:
            fits_with_mark = position + 1
    return text + " " * (cells - used)


def _paint(text: str, code: str, colour: bool) -> str:
    """``text`` wrapped in an SGR colour sequence when ``colour`` is on."""
    return f"\x1b[{code}m{text}{ANSI_RESET}" if colour and code else text


def _short_reason(line: Line, text: str) -> str:
    """The reason ``text`` (as :meth:`Document.explain` prints it), without its detail
    sentence when the whole would not fit the reason column, made terminal-safe."""
    if sum(_cell_width(ch) for ch in text) > REASON_CELLS:
        match = next((r for r in line.reasons if str(r) == text), None)
        if match is not None:
            text = str(replace(match, detail=""))
    return terminal_safe(text)


def terminal_lines(doc: Document, *, colour: bool, width: int = 100) -> list[str]:
    """One row per line of ``doc``: line no., label, score, text (cut to fit), top reason.

    ``width`` is the row width in terminal cells; ``colour`` adds ANSI colours by label
    (the caller decides, e.g. from ``sys.stdout.isatty()``). A header row comes first and
    a label-count summary last. Page text is passed through :func:`terminal_safe`.
    """
    text_cells = width - _FIXED_CELLS - REASON_CELLS - 1
    show_reason = text_cells >= TEXT_CELLS_MIN
    if not show_reason:
        text_cells = max(TEXT_CELLS_MIN, width - _FIXED_CELLS)
    header = f"{'line':>4} {'label':<10} {'score':>5}  {fit_cells('text', text_cells)}"
    rows = [(header + " top reason" if show_reason else header).rstrip()]
    for line, entry in zip(doc.lines, doc.explain(top=1), strict=True):
        code = ANSI_COLOURS[line.label]
        cut = fit_cells(terminal_safe(line.text), text_cells)
        core = cut.rstrip(" ")
        dim = ANSI_DIM if line.label not in KEPT_LABELS else ""
        text = _paint(core, dim, colour) + cut[len(core):]
        row = (f"{line.index + 1:>4} {_paint(f'{line.label.value:<10}', code, colour)} "
               f"{line.score:5.2f}  {text}")
        reasons: Sequence[str] = entry["reasons"]
        if show_reason and reasons:
            row += " " + fit_cells(_short_reason(line, reasons[0]), REASON_CELLS).rstrip()
        rows.append(row.rstrip())
    summary = ", ".join(_paint(f"{label.value} {count}", ANSI_COLOURS[label], colour)
                        for label, count in doc.label_counts.items())
    rows.append(f"{len(doc.lines)} lines: {summary}")
    return rows

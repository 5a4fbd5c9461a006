"""See why: the labelled page as HTML (notebooks, reports) and as terminal rows.

:func:`document_html` is what ``Document._repr_html_`` returns: every line of the page
in order, coloured by label, dropped lines greyed, a legend, and on hover the line's
score and top reasons (a ``title`` tooltip, so no JavaScript is needed anywhere).
:func:`terminal_lines` gives the same information as one row per line for a terminal.

Page text is hostile input. In HTML it is always escaped (``html.escape`` with
``quote=True``) and control characters are made visible, so a page holding
``<script>`` or attribute-breaking quotes renders as text. In a terminal, control
characters (ESC included) and bidi overrides are replaced or removed, so a page cannot
move the cursor, recolour the screen or reorder the columns.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from cleantext.document import Document, Label, Line

__all__ = [
    "CSS_SCOPE",
    "KEPT_LABELS",
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

CSS_SCOPE = "cleantext-doc"
"""Class of the view's root element; every CSS rule is scoped under it (and every class
the view uses starts with ``cleantext-``) so the view never restyles the host page."""

KEPT_LABELS = frozenset({Label.BODY, Label.TITLE})
"""Labels whose lines end up in the Document (body text and title); others are dropped."""

# Accent colour (chip, left bar) and row tint per label. Hues are far apart and each
# accent has at least 4.5:1 contrast on white (WCAG AA) so chip text stays readable.
LABEL_COLOURS: Mapping[Label, tuple[str, str]] = MappingProxyType({
    Label.BODY: ("#1b7a37", "#e7f5ea"),
    Label.TITLE: ("#1a56b0", "#e4eefc"),
    Label.NAVIGATION: ("#a65300", "#fdf1e3"),
    Label.RELATED: ("#7a3b9e", "#f4ebfa"),
    Label.COMMENTS: ("#00737d", "#e1f4f5"),
    Label.OTHER: ("#616161", "#f1f1f1"),
})

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

REASONS_SHOWN = 3
"""Model reasons per line in the tooltip (context and title reasons always shown)."""

# C0 controls (tab and newline kept), DEL, C1 controls (0x9b is a one-byte CSI on some
# terminals) and lone surrogates (cannot be encoded to UTF-8).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# Bidi embeddings/overrides/isolates: harmless in HTML (each cell is isolated) but in a
# terminal they can reorder what is printed after them on the row.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_CONTROL_PICTURES = 0x2400  # U+2400 "SYMBOL FOR NULL": C0 code n is shown as U+2400+n
_DEL_PICTURE = "\u2421"
_REPLACEMENT = "\ufffd"


def _picture(match: re.Match[str]) -> str:
    """Visible stand-in for one control character (e.g. ESC becomes U+241B)."""
    code = ord(match.group())
    if code < 0x20:
        return chr(_CONTROL_PICTURES + code)
    return _DEL_PICTURE if code == 0x7F else _REPLACEMENT


def visible_text(text: str) -> str:
    """``text`` with control characters shown as symbols and lone surrogates replaced."""
    return _CONTROL.sub(_picture, text)


def terminal_safe(text: str) -> str:
    """``text`` safe to print to a terminal: one row, no escapes, no bidi overrides.

    Tabs, newlines and every other control character become visible symbols (ESC is
    shown as U+241B), so a page cannot emit ANSI/OSC sequences through the view.
    """
    text = text.replace("\t", " ").replace("\n", "\u2424").replace("\r", "\u240d")
    return _BIDI.sub("", visible_text(text))


def escape(text: str) -> str:
    """Escape for HTML text and attribute values alike (quotes included)."""
    return html.escape(visible_text(text), quote=True)


def stylesheet() -> str:
    """The view's CSS, every rule scoped under ``.cleantext-doc`` (no external assets)."""
    s = f".{CSS_SCOPE}"
    rules = [
        f"{s}{{font:13px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
        "color:#1a1a1a;background:#fff;padding:10px 12px;border:1px solid #ddd;"
        "border-radius:6px;max-width:100%;box-sizing:border-box}",
        f"{s} .cleantext-head{{margin:0 0 6px}}",
        f"{s} .cleantext-title{{font-size:16px;font-weight:600;margin:0}}",
        f"{s} .cleantext-meta{{color:#555;font-size:12px}}",
        f"{s} .cleantext-legend{{display:flex;flex-wrap:wrap;gap:6px;list-style:none;"
        "margin:6px 0 8px;padding:0;align-items:center}",
        f"{s} .cleantext-chip{{border-radius:10px;padding:1px 8px;font-size:12px;"
        "color:#fff;white-space:nowrap}",
        f"{s} .cleantext-chip.cleantext-zero{{opacity:.45}}",
        f"{s} .cleantext-note{{color:#555;font-size:12px}}",
        f"{s} .cleantext-lines{{list-style:none;margin:0;padding:0}}",
        f"{s} .cleantext-line{{display:grid;grid-template-columns:3em 6.6em 2.8em "
        "minmax(0,1fr) minmax(0,15em);gap:0 8px;margin:1px 0;padding:2px 6px 2px 4px;"
        "border-left:4px solid transparent;border-radius:2px}",
        f"{s} .cleantext-no{{color:#777;text-align:right;font-variant-numeric:tabular-nums}}",
        f"{s} .cleantext-lab{{font-size:11px;font-weight:600;align-self:start;"
        "padding-top:1px}",
        f"{s} .cleantext-score{{color:#555;font-variant-numeric:tabular-nums}}",
        f"{s} .cleantext-text{{white-space:pre-wrap;overflow-wrap:anywhere;"
        "unicode-bidi:isolate}",
        f"{s} .cleantext-why{{color:#666;font-size:11px;overflow-wrap:anywhere;"
        "unicode-bidi:isolate}",
        f"{s} .cleantext-dropped .cleantext-text{{color:#8a8a8a}}",
        f"{s} .cleantext-l-title .cleantext-text{{font-weight:600}}",
        f"{s} .cleantext-line:hover{{outline:1px solid #999}}",
    ]
    for label, (accent, tint) in LABEL_COLOURS.items():
        cls = f"cleantext-l-{label.value}"
        rules.append(f"{s} .cleantext-chip.{cls}{{background:{accent}}}")
        rules.append(f"{s} .cleantext-line.{cls}{{border-left-color:{accent}}}")
        rules.append(f"{s} .cleantext-line.{cls} .cleantext-lab{{color:{accent}}}")
        rules.append(f"{s} .cleantext-kept.{cls}{{background:{tint}}}")
    rules.append(f"{s} .cleantext-dropped{{background:#fafafa}}")
    return "\n".join(rules)


def legend_html(counts: Mapping[str, int]) -> str:
    """The legend: one chip per label in its colour with its line count."""
    chips = "".join(
        f'<li class="cleantext-chip cleantext-l-{label.value}'
        f'{"" if counts.get(label.value, 0) else " cleantext-zero"}" '
        f'data-label="{label.value}">{label.value} {counts.get(label.value, 0)}</li>'
        for label in Label
    )
    note = ('<li class="cleantext-note">tinted rows are kept (body, title); grey text is '
            "dropped; hover a row for its score and reasons</li>")
    return f'<ul class="cleantext-legend">{chips}{note}</ul>'


def _tooltip(entry: Mapping[str, Any]) -> str:
    """Hover text of one line: number, label, score, then one reason per row."""
    head = f"line {entry['line']} \u00b7 {entry['label']} \u00b7 score {entry['score']:.3f}"
    reasons: list[str] = entry["reasons"]
    return "\n".join([head, *reasons]) if reasons else f"{head}\n(no reasons recorded)"


def lines_html(doc: Document) -> str:
    """The ``<ol>`` of every line of ``doc``, in order, each exactly once.

    Each ``<li>`` carries ``data-line`` (1-based, as in :meth:`Document.explain`),
    ``data-label`` and ``data-score``; its ``title`` holds the score and reasons.
    """
    rows: list[str] = []
    for line, entry in zip(doc.lines, doc.explain(top=REASONS_SHOWN), strict=True):
        kept = "kept" if line.label in KEPT_LABELS else "dropped"
        reasons: list[str] = entry["reasons"]
        rows.append(
            f'<li class="cleantext-line cleantext-l-{line.label.value} cleantext-{kept}" '
            f'data-line="{line.index + 1}" data-label="{line.label.value}" '
            f'data-score="{line.score:.3f}" title="{escape(_tooltip(entry))}">'
            f'<span class="cleantext-no">{line.index + 1}</span>'
            f'<span class="cleantext-lab">{line.label.value}</span>'
            f'<span class="cleantext-score">{line.score:.2f}</span>'
            f'<span class="cleantext-text">{escape(line.text)}</span>'
            f'<span class="cleantext-why">{escape(reasons[0]) if reasons else ""}</span></li>'
        )
    if not rows:
        return '<p class="cleantext-note">(the page has no lines)</p>'
    return '<ol class="cleantext-lines">' + "\n".join(rows) + "</ol>"


def head_html(doc: Document) -> str:
    """Title, URL and a one-line summary of what was kept."""
    counts = doc.label_counts
    kept = sum(counts[label.value] for label in KEPT_LABELS)
    title = escape(doc.title) if doc.title else "<i>(no title found)</i>"
    url = f" \u00b7 {escape(doc.url)}" if doc.url else ""
    return (f'<div class="cleantext-head"><p class="cleantext-title">{title}</p>'
            f'<div class="cleantext-meta">{len(doc.lines)} lines \u00b7 {kept} kept \u00b7 '
            f"{len(doc.lines) - kept} dropped \u00b7 {len(doc.text)} body characters{url}"
            "</div></div>")


def document_html(doc: Document) -> str:
    """The labelled page as one self-contained HTML fragment (inline, scoped CSS).

    Safe to embed anywhere: page text is escaped, there is no script and no external
    asset. ``Document._repr_html_`` returns this, so Jupyter shows it for ``doc``.
    """
    return (f'<div class="{CSS_SCOPE}"><style>{stylesheet()}</style>'
            f"{head_html(doc)}{legend_html(doc.label_counts)}{lines_html(doc)}</div>")


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
    summary = ", ".join(_paint(f"{name} {count}", ANSI_COLOURS[Label(name)], colour)
                        for name, count in doc.label_counts.items())
    rows.append(f"{len(doc.lines)} lines: {summary}")
    return rows

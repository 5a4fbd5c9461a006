"""The labelled page as HTML: what ``Document._repr_html_`` shows in a notebook and
what the report (:mod:`cleantext.report`) embeds per page.

:func:`document_html` gives every line of the page in order, coloured by label,
dropped lines greyed, a legend, and on hover the line's score and top reasons (a
``title`` tooltip, so no JavaScript is needed anywhere).

Page text is hostile input: it is always escaped (``html.escape`` with ``quote=True``)
and control characters are made visible, so a page holding ``<script>`` or
attribute-breaking quotes renders as text.

This module reads a page through the small :class:`Page` protocol and imports only
:mod:`cleantext.line`, so :mod:`cleantext.document` can use it for ``_repr_html_``
without an import cycle; :mod:`cleantext.render` re-exports it next to the terminal view.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Protocol

from cleantext.line import ExplainRow, Label, Line

__all__ = [
    "CSS_SCOPE",
    "KEPT_LABELS",
    "LABEL_COLOURS",
    "REASONS_SHOWN",
    "Page",
    "document_html",
    "escape",
    "head_html",
    "legend_html",
    "lines_html",
    "stylesheet",
    "visible_text",
]


class Page(Protocol):
    """What the view reads of a :class:`~cleantext.Document` (which satisfies it)."""

    @property
    def text(self) -> str: ...

    @property
    def title(self) -> str | None: ...

    @property
    def url(self) -> str | None: ...

    @property
    def lines(self) -> tuple[Line, ...]: ...

    @property
    def label_counts(self) -> dict[Label, int]: ...

    def explain(self, top: int = 3) -> list[ExplainRow]: ...


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

REASONS_SHOWN = 3
"""Model reasons per line in the tooltip (context and title reasons always shown)."""

# C0 controls (tab and newline kept), DEL, C1 controls (0x9b is a one-byte CSI on some
# terminals) and lone surrogates (cannot be encoded to UTF-8).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
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


def legend_html(counts: Mapping[Label, int] | Mapping[str, int]) -> str:
    """The legend: one chip per label in its colour with its line count (``counts``
    keyed by :class:`Label`, as ``Document.label_counts``, or by label value)."""
    chips = "".join(
        f'<li class="cleantext-chip cleantext-l-{label.value}'
        f'{"" if counts.get(label, 0) else " cleantext-zero"}" '
        f'data-label="{label.value}">{label.value} {counts.get(label, 0)}</li>'
        for label in Label
    )
    note = ('<li class="cleantext-note">tinted rows are kept (body, title); grey text is '
            "dropped; hover a row for its score and reasons</li>")
    return f'<ul class="cleantext-legend">{chips}{note}</ul>'


def _tooltip(entry: ExplainRow) -> str:
    """Hover text of one line: number, label, score, then one reason per row."""
    head = f"line {entry['index'] + 1} \u00b7 {entry['label']} \u00b7 score {entry['score']:.3f}"
    reasons = entry["reasons"]
    return "\n".join([head, *reasons]) if reasons else f"{head}\n(no reasons recorded)"


def lines_html(doc: Page) -> str:
    """The ``<ol>`` of every line of ``doc``, in order, each exactly once.

    Each ``<li>`` carries ``data-index`` (0-based, the ``index`` of every record),
    ``data-line`` (1-based, the number shown to a reader), ``data-label`` and
    ``data-score``; its ``title`` holds the score and reasons.
    """
    rows: list[str] = []
    for line, entry in zip(doc.lines, doc.explain(top=REASONS_SHOWN), strict=True):
        kept = "kept" if line.label in KEPT_LABELS else "dropped"
        reasons = entry["reasons"]
        rows.append(
            f'<li class="cleantext-line cleantext-l-{line.label.value} cleantext-{kept}" '
            f'data-index="{line.index}" data-line="{line.index + 1}" '
            f'data-label="{line.label.value}" '
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


def head_html(doc: Page) -> str:
    """Title, URL and a one-line summary of what was kept."""
    counts = doc.label_counts
    kept = sum(counts[label] for label in KEPT_LABELS)
    title = escape(doc.title) if doc.title else "<i>(no title found)</i>"
    url = f" \u00b7 {escape(doc.url)}" if doc.url else ""
    return (f'<div class="cleantext-head"><p class="cleantext-title">{title}</p>'
            f'<div class="cleantext-meta">{len(doc.lines)} lines \u00b7 {kept} kept \u00b7 '
            f"{len(doc.lines) - kept} dropped \u00b7 {len(doc.text)} body characters{url}"
            "</div></div>")


def document_html(doc: Page) -> str:
    """The labelled page as one self-contained HTML fragment (inline, scoped CSS).

    Safe to embed anywhere: page text is escaped, there is no script and no external
    asset. ``Document._repr_html_`` returns this, so Jupyter shows it for ``doc``.
    """
    return (f'<div class="{CSS_SCOPE}"><style>{stylesheet()}</style>'
            f"{head_html(doc)}{legend_html(doc.label_counts)}{lines_html(doc)}</div>")

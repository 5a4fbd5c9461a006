"""Inline rendering shared by the Markdown and HTML renderers (:mod:`cleantext.markup`):
a line's text with its links and emphasis (:class:`~cleantext.linekind.Span`) as
Markdown or as escaped HTML, the escape of a leading character that would start
another Markdown block, and the check that keeps only safe link targets.

Page text is hostile: HTML output escapes every text and attribute, and a link keeps its
target only when it is http(s) or relative (after removing the control characters and
spaces browsers ignore, so ``java\\tscript:`` is caught). Imports :mod:`cleantext.line`
and :mod:`cleantext.linekind`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence

from cleantext.line import Line
from cleantext.linekind import Span

__all__ = ["html_inline", "md_escape", "md_inline", "safe_href"]

_BLOCK_START = re.compile(r"^(\s*)(?:([#>*+=|`~-])|(\d+)([.)]))")
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_MD_MARKS = {"emphasis": "*", "strong": "**", "code": "`"}
_HTML_TAGS = {"emphasis": "em", "strong": "strong", "code": "code"}


def safe_href(href: str) -> str | None:
    """``href`` when it is an http(s), protocol-relative or relative target, else None
    (``javascript:``, ``data:``, ``vbscript:``, anything else with a scheme)."""
    cleaned = _URL_IGNORED.sub("", href)
    if not cleaned:
        return None
    scheme = _SCHEME.match(cleaned)
    if scheme and scheme.group(1).lower() not in ("http", "https"):
        return None
    return cleaned


def _with_spans(text: str, spans: Sequence[Span], wrap: Callable[[Span, str], str],
                plain: Callable[[str], str]) -> str:
    """``text`` with the outermost non-overlapping spans wrapped (``plain`` escapes the
    text between and inside them)."""
    out: list[str] = []
    at = 0
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.start < at or span.end > len(text):
            continue
        out.append(plain(text[at:span.start]))
        out.append(wrap(span, plain(text[span.start:span.end])))
        at = span.end
    out.append(plain(text[at:]))
    return "".join(out)


def md_escape(text: str) -> str:
    """``text`` with a leading character that would start a Markdown block escaped."""
    def escaped(m: re.Match[str]) -> str:
        if m.group(2) is not None:
            return f"{m.group(1)}\\{m.group(2)}"
        return f"{m.group(1)}{m.group(3)}\\{m.group(4)}"
    return _BLOCK_START.sub(escaped, text, count=1)


def md_inline(line: Line, text: str, links: bool, emphasis: bool) -> str:
    """``text`` (the line's own) with links and emphasis as asked."""
    if not (links or emphasis) or not line.kind.spans or text != line.text:
        return text

    def wrap(span: Span, inner: str) -> str:
        if span.type == "link":
            href = safe_href(span.href) if links else None
            if href is None or not inner.strip():
                return inner
            href = href.replace("(", "%28").replace(")", "%29")
            return f"[{inner.replace(']', chr(92) + ']')}]({href})"
        mark = _MD_MARKS[span.type] if emphasis else ""
        return f"{mark}{inner}{mark}" if mark and inner.strip() == inner else inner

    return _with_spans(text, line.kind.spans, wrap, lambda s: s)


def html_inline(line: Line, links: bool) -> str:
    """The line's text escaped, its links (safe targets only) and emphasis as tags."""
    def wrap(span: Span, inner: str) -> str:
        if span.type == "link":
            href = safe_href(span.href) if links else None
            if href is None:
                return inner
            return f'<a href="{html.escape(href, quote=True)}">{inner}</a>'
        tag = _HTML_TAGS[span.type]
        return f"<{tag}>{inner}</{tag}>"

    return _with_spans(line.text, line.kind.spans, wrap, html.escape)

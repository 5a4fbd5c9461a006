"""Turn an HTML page into a plain-text page dump: all visible text, one block per line.

This is the harness's own, independent dumper (it does not use cleantext's
segmenter, so ``--text-mode`` measures cleantext on text it did not prepare
itself). It imitates what a person gets by copying a rendered page:

* ``<head>``, ``script``, ``style``, ``noscript``, ``template``, ``svg``, comments
  and elements hidden with the ``hidden`` attribute or an inline
  ``display:none`` / ``visibility:hidden`` style are dropped;
* a block-level element (``p``, ``div``, ``li``, ``h1``, ``td``...) or a ``<br>``
  ends the current line;
* whitespace runs collapse to one space; empty lines are dropped;
* inside ``<pre>`` the source's own line breaks are kept;
* a page whose scripts would put its text on screen — the visible page holds less
  than half as many characters as its ``<noscript>`` and hidden elements together
  (a forum's crawler view in ``<noscript>``, a streamed React page's ``hidden``
  chunks) — is dumped again with those elements shown, as a browser running the
  scripts would show them. Without this, 22 wcxb-dev pages dumped to nothing and 23
  more to a line or two that a person copying the rendered page would not get.

The walk is an explicit stack, never recursion, so deeply nested pages are safe.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html

__all__ = ["BLOCK_TAGS", "SKIP_TAGS", "html_to_text", "lines_to_html"]

SKIP_TAGS = frozenset({
    "head", "script", "style", "noscript", "template", "svg", "math", "object",
    "iframe", "frameset", "noframes",
})
"""Elements whose whole subtree is invisible text (or not text at all)."""

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
    "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
    "html", "legend", "li", "main", "menu", "nav", "ol", "option", "p", "pre",
    "section", "select", "summary", "table", "tbody", "td", "textarea", "tfoot", "th",
    "thead", "tr", "ul",
})
"""Elements that start and end a line of the dump (table cells included: one cell,
one line, which keeps a cell's text from running into the next one)."""

_WS_RE = re.compile(r"\s+")
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


@dataclass
class _Lines:
    """Accumulates inline text and emits collapsed non-empty lines."""

    lines: list[str] = field(default_factory=list)
    buffer: list[str] = field(default_factory=list)
    pre_depth: int = 0

    def add(self, text: str | None) -> None:
        if not text:
            return
        if self.pre_depth == 0:
            self.buffer.append(text)
            return
        first, *rest = text.split("\n")
        self.buffer.append(first)
        for part in rest:
            self.flush()
            self.buffer.append(part)

    def flush(self) -> None:
        line = _WS_RE.sub(" ", "".join(self.buffer)).strip()
        if line:
            self.lines.append(line)
        self.buffer.clear()


def _style_hidden(element: etree._Element) -> bool:
    style = element.get("style")
    return bool(style and _HIDDEN_STYLE_RE.search(style))


def _is_hidden(element: etree._Element) -> bool:
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    return bool(style and _HIDDEN_STYLE_RE.search(style))


def _parse(page: str) -> etree._Element | None:
    """Parse ``page`` with lxml's HTML parser; ``None`` for an empty document.

    The text is handed over as UTF-8 bytes so that a leftover ``<?xml encoding=...?>``
    or charset declaration cannot make lxml refuse a ``str``; ``huge_tree`` lifts
    libxml2's nesting limit of 256, past which it would silently drop the text.
    """
    parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True,
                                 huge_tree=True)
    try:
        root: etree._Element | None = lxml_html.document_fromstring(
            page.encode("utf-8", "surrogatepass"), parser=parser
        )
    except (etree.ParserError, ValueError):
        return None
    return root


def html_to_text(page: str) -> str:
    """The visible text of ``page``, one block per line (``"\\n"``-joined, no blank lines)."""
    root = _parse(page)
    if root is None:
        return ""
    shown = _walk(root, scripted=False)
    if _SCRIPTED_SHARE * _scripted_chars(root) > sum(len(line) for line in shown):
        shown = _walk(root, scripted=True)
    return "\n".join(shown)


_SCRIPTED_SHARE = 0.5
"""The visible text must hold at least this share of the characters in ``<noscript>``
and hidden elements, or the page is dumped with them shown (see the module doc)."""


def _is_scripted(element: etree._Element) -> bool:
    """``<noscript>``, or hidden by the ``hidden`` attribute that scripts lift (an
    inline ``display:none`` stays hidden: menus and dialogs waiting for a click)."""
    return element.tag == "noscript" or element.get("hidden") is not None


def _scripted_chars(root: etree._Element) -> int:
    """Characters of text inside ``<noscript>`` and ``hidden`` elements of the body
    (outermost ones only)."""
    body = root.find("body")
    total = 0
    for element in () if body is None else body.iter():
        if isinstance(element.tag, str) and _is_scripted(element) and not any(
                _is_scripted(a) for a in element.iterancestors() if isinstance(a.tag, str)):
            text = etree.tostring(element, method="text", encoding="unicode", with_tail=False)
            total += len(_WS_RE.sub(" ", text).strip())
    return total


def _walk(root: etree._Element, scripted: bool) -> list[str]:
    """The dump's lines; with ``scripted``, ``<noscript>`` and ``hidden`` elements are
    shown (and a ``<noscript>``'s text, which lxml may keep as one string, is parsed)."""
    out = _Lines()
    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if closing:
            if tag == "pre":
                out.pre_depth -= 1
            if tag in BLOCK_TAGS:
                out.flush()
            out.add(element.tail)
            continue
        if scripted and tag == "noscript" and len(element) == 0 and element.text:
            inner = _parse(element.text)
            if inner is not None:
                out.flush()
                out.lines.extend(_walk(inner, scripted=True))
            out.add(element.tail)
            continue
        if not tag or (tag in SKIP_TAGS and not (scripted and tag == "noscript")) or (
                _is_hidden(element) and not (scripted and _is_scripted(element)
                                             and not _style_hidden(element))):
            out.add(element.tail)
            continue
        if tag == "br":
            out.flush()
            out.add(element.tail)
            continue
        if tag in BLOCK_TAGS:
            out.flush()
        if tag == "pre":
            out.pre_depth += 1
        out.add(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    out.flush()
    return out.lines


def lines_to_html(text: str) -> str:
    """Wrap a text dump as minimal HTML, one ``<p>`` per non-empty line.

    Used to feed text-mode pages to the HTML-only peers, so that in ``--text-mode``
    every system sees the same information (the lines, no markup).
    """
    paragraphs = "".join(
        f"<p>{html_lib.escape(line)}</p>\n" for line in text.splitlines() if line.strip()
    )
    return f"<html><head><meta charset='utf-8'></head><body>\n{paragraphs}</body></html>"

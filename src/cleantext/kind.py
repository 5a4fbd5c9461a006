"""Whether a page is HTML or a plain-text page dump: decided here, and only here.

Every entry point takes one ``kind`` argument, :data:`Kind`: ``"html"`` and ``"text"``
force the reading, ``"auto"`` lets :func:`resolve_kind` decide per page —
:func:`cleantext.extract_many`, the ``cleantext`` command (``--kind``) and the HTML
report alike.
"""

from __future__ import annotations

from typing import Literal

from cleantext.profile import looks_like_html

__all__ = ["HTML_SUFFIXES", "KINDS", "TEXT_SUFFIXES", "Kind", "PageKind", "resolve_kind"]

Kind = Literal["auto", "html", "text"]
"""How a page is read: as HTML, as a text dump (one block per line), or decided per page."""

PageKind = Literal["html", "text"]
"""What :func:`resolve_kind` decides for one page."""

KINDS: tuple[Kind, ...] = ("auto", "html", "text")

TEXT_SUFFIXES = (".txt",)
"""File name endings (after an optional ``.gz``) of text dumps."""

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".xml", ".warc", ".arc")
"""File name endings (after an optional ``.gz``) of HTML pages and web archives
(whose records are HTTP responses with an HTML content type)."""


def resolve_kind(kind: Kind, page: str | bytes, name: str | None = None) -> PageKind:
    """How to read ``page``: ``kind`` itself unless it is ``"auto"``; then by the file
    ``name`` when it ends like a text dump or an HTML page (``.gz`` ignored), and
    otherwise (no name, standard input, another ending) by content:
    :func:`~cleantext.profile.looks_like_html` on its first 4 KB.
    """
    if kind != "auto":
        return kind
    if name:
        lower = name.lower().removesuffix(".gz")
        if lower.endswith(TEXT_SUFFIXES):
            return "text"
        if lower.endswith(HTML_SUFFIXES):
            return "html"
    return "html" if looks_like_html(page) else "text"

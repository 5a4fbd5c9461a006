"""What the HTML walker collects for the page's metadata (:class:`HeadCollector`).

The walker hands it the few elements that carry metadata as they pass (``<meta>``,
``<script type="application/ld+json">``, ``<link rel>``, ``<html lang>``, ``<time>``,
and elements with an ``itemprop``), in the same pass that makes the lines; the text of
the ones whose value is their content (a JSON-LD script, a ``<time>`` without
``datetime``, a microdata author) is gathered while the element is open. Everything is
bounded by :class:`~cleantext.metadata.MetadataLimits` (entries per list, characters per
text), so a hostile page costs no more than its size. :meth:`HeadCollector.head` gives
the :class:`~cleantext.metadata.HeadData` that :func:`~cleantext.metadata.build_metadata`
reads.

Imports :mod:`cleantext.metadata`.
"""

from __future__ import annotations

from collections.abc import Mapping

from cleantext.metadata import HeadData, MetadataLimits, TimeTag

__all__ = ["HEAD_TAGS", "HeadCollector"]

HEAD_TAGS = frozenset(("meta", "script", "link", "html", "time"))
"""Tags :meth:`HeadCollector.element` reads (anywhere, skipped subtrees included)."""
_MICRODATA = frozenset(("author", "datepublished", "datemodified", "headline"))
_LINK_RELS = frozenset(("canonical", "author"))
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class _Capture:
    """An element whose text is being gathered: where it ends, what it is, its key
    (microdata property; ``"pubdate"`` for a publication ``<time>``), the line it dates."""

    __slots__ = ("depth", "key", "left", "line", "pieces", "what")

    def __init__(self, depth: int, what: str, key: str, left: int, line: int = -1) -> None:
        self.depth = depth
        self.what = what
        self.key = key
        self.left = left        # characters still kept
        self.line = line
        self.pieces: list[str] = []


class HeadCollector:
    """The metadata of one walk, gathered as the elements pass (see the module docstring).

    ``captures`` holds the elements whose text is being gathered, innermost last;
    the walker feeds them
    every text node (:meth:`text`) and ends the top one at its end event (:meth:`end`).
    """

    def __init__(self, limits: MetadataLimits | None = None) -> None:
        self.limits = lim = limits or MetadataLimits()
        self.lang: str | None = None
        self.meta: list[tuple[str, str]] = []
        self.json_ld: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.times: list[TimeTag] = []
        self.microdata: list[tuple[str, str]] = []
        self.captures: list[_Capture] = []
        self.max_entries = lim.max_meta
        self.max_text = lim.max_field_chars

    def element(self, tag: str, attrib: Mapping[str, str], depth: int, line: int) -> None:
        """One element of :data:`HEAD_TAGS` starts at ``depth``; ``line`` is the number of
        lines made so far (a ``<time>`` dates the line after it)."""
        get = attrib.get
        if tag == "meta":
            key = get("property") or get("name") or get("itemprop") or get("http-equiv")
            content = get("content")
            if key and content is not None and len(self.meta) < self.max_entries:
                self.meta.append((key.lower()[:200], content[:self.max_text]))
        elif tag == "script":
            kind = get("type") or ""
            if "ld+json" in kind.lower() and len(self.json_ld) < self.limits.max_scripts:
                self.captures.append(_Capture(depth, "json-ld", "",
                                              self.limits.max_script_chars))
        elif tag == "link":
            rel, href = get("rel"), get("href")
            if rel and href and len(self.links) < self.max_entries:
                self.links.extend((r, href[:self.max_text]) for r in rel.lower().split()
                                  if r in _LINK_RELS)
        elif tag == "html":
            if self.lang is None:
                self.lang = (get("lang") or get("xml:lang") or get(_XML_LANG) or "")[:100]
        elif tag == "time" and len(self.times) < self.max_entries:
            pubdate = "pubdate" in attrib or (get("itemprop") or "").lower() == "datepublished"
            value = get("datetime")
            if value:
                self.times.append(TimeTag(value.strip()[:self.max_text], line, pubdate))
            else:
                self.captures.append(_Capture(depth, "time", "pubdate" if pubdate else "",
                                              self.max_text, line))

    def itemprop(self, attrib: Mapping[str, str], depth: int) -> None:
        """An element with an ``itemprop`` starts at ``depth`` (its value is its
        ``content``/``datetime`` attribute, else its text)."""
        prop = (attrib.get("itemprop") or "").lower()
        if prop not in _MICRODATA or len(self.microdata) >= self.max_entries:
            return
        value = attrib.get("content") or attrib.get("datetime")
        if value:
            self.microdata.append((prop, value[:self.max_text]))
        else:
            self.captures.append(_Capture(depth, "microdata", prop, self.max_text))

    def text(self, text: str) -> None:
        """A text node inside every open capture (each keeps its first characters)."""
        for capture in self.captures:
            if capture.left > 0:
                piece = text[:capture.left]
                capture.pieces.append(piece)
                capture.left -= len(piece)

    def end(self) -> None:
        """The innermost capture's element ends: its value is kept."""
        capture = self.captures.pop()
        value = "".join(capture.pieces)
        if capture.what == "json-ld":
            self.json_ld.append(value)
            return
        value = " ".join(value.split())
        if not value:
            return
        if capture.what == "time":
            if len(self.times) < self.max_entries:
                self.times.append(TimeTag(value, capture.line, capture.key == "pubdate"))
        elif len(self.microdata) < self.max_entries:
            self.microdata.append((capture.key, value))

    def head(self, title: str | None) -> HeadData:
        """The collected :class:`HeadData` (``title``: the page's ``<title>`` text)."""
        return HeadData(title=title, lang=self.lang or None, meta=tuple(self.meta),
                        json_ld=tuple(self.json_ld), links=tuple(self.links),
                        times=tuple(self.times), microdata=tuple(self.microdata))

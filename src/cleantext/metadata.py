"""A page's metadata: title, authors, dates, language, site, description, URL, image, tags.

Pure: no parsing of HTML here. The HTML walker fills a :class:`HeadData` in its one pass
(meta tags, JSON-LD script texts, links, ``<html lang>``, ``<time>``, microdata, ``<title>``);
text dumps have none and pass ``None``. :func:`build_metadata` then takes every field from
the best source that has it, in this order: JSON-LD > meta (OpenGraph, Twitter, Dublin
Core, plain names) > microdata and ``<time>`` > the visible byline and date lines near the
page's title (the labelled lines). Each field records where it came from as a
:class:`Source`, the way line labels carry reasons. Exceptions to the order, each because
the other source is the standard one for the field: the canonical URL prefers
``<link rel=canonical>``, the language ``<html lang>``.

Never raises on bad metadata; JSON-LD is read with bounded size, depth and node count
(:mod:`cleantext.jsonld`), every string is cut to ``max_field_chars``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from cleantext.byline import (
    author_from_line,
    clean_author,
    date_from_lines,
    language_tag,
    strip_site_name,
)
from cleantext.dates import find_date, normalise_date
from cleantext.jsonld import json_ld_objects
from cleantext.metakeys import LD_KEYS, META_KEYS, SIDE_TYPES
from cleantext.metatitle import fold, title_by_agreement

__all__ = ["HeadData", "Metadata", "MetadataLimits", "Source", "TimeTag", "build_metadata"]


@dataclass(frozen=True, slots=True)
class Source:
    """Where a field came from: ``kind`` ("json-ld", "meta", "microdata", "time", "link",
    "title-tag", "html-lang", "byline", "date-line", "url") and ``key`` (the property,
    meta name or ``"line N"``)."""

    kind: str
    key: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"


@dataclass(frozen=True, slots=True)
class TimeTag:
    """One ``<time>`` element: its ``datetime`` attribute (else its text), the index of
    the first visible line at or after it, and whether it is marked as the publication
    date (``pubdate`` attribute or ``itemprop="datePublished"``)."""

    value: str
    line: int
    pubdate: bool = False


@dataclass(frozen=True, slots=True)
class HeadData:
    """What the HTML walker collects for metadata, in document order, untouched.

    ``meta``: (key lower-cased, content) of every ``<meta>`` with ``name``, ``property``,
    ``itemprop`` or ``http-equiv`` and a ``content``. ``json_ld``: raw texts of
    ``<script type="application/ld+json">``. ``links``: (rel lower-cased, href) of
    ``<link>`` and ``<a>`` with ``rel`` canonical, author or alternate-hreflang-less.
    ``lang``: ``<html lang>`` (or ``xml:lang``). ``times``: the ``<time>`` elements.
    ``microdata``: (itemprop, text or ``content``/``datetime``) of non-meta elements whose
    itemprop is author, name-in-author, datePublished, dateModified or headline.
    ``title``: the ``<title>`` text.
    """

    title: str | None = None
    lang: str | None = None
    meta: tuple[tuple[str, str], ...] = ()
    json_ld: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    times: tuple[TimeTag, ...] = ()
    microdata: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class MetadataLimits:
    """Bounds on the work metadata may cost on a hostile page (counts and characters)."""

    max_scripts: int = 16
    """JSON-LD scripts read; real pages carry 1-5."""
    max_script_chars: int = 1_000_000
    """Characters of one script read; articleBody-heavy news JSON-LD stays under 200 k."""
    max_depth: int = 32
    """Nesting depth; real JSON-LD is under 10 deep, deeper scripts are skipped whole."""
    max_nodes: int = 2_000
    """JSON objects walked over all scripts; product graphs with offers reach a few hundred."""
    max_meta: int = 1_000
    """Meta entries read; pages carry under 100."""
    max_field_chars: int = 1_000
    """Longest string kept in any field (descriptions run to ~300 characters)."""
    max_items: int = 20
    """Authors and tags kept."""
    line_window: int = 25
    """Visible lines read after the title line (or from the top) for a byline or date."""
    date_scan_lines: int = 400
    """Lines searched for an OTHER/RELATED date line when none is near the title; the
    byline block of long pages sits up to ~300 lines down (menus first)."""
    title_headline_words: int = 5
    """Words of a title line that make it a headline (with ``title_headline_ratio``)."""
    title_headline_ratio: float = 2.0
    """A title line that is a later part of ``<title>`` is its headline ("Site |
    Headline"), not the site's name, with at least this many words and this many times
    the first part's (:mod:`cleantext.metatitle`). On wcxb-dev 4 words: 1,027 titles
    matched, 5: 1,030, 6: 1,031, never: 1,024 (ratio 1.5-3 alike); 5 keeps more of the
    section-first headlines of German news in trafilatura-dev ("Neu - Japanisches
    Mini-SUV auf dem Vormarsch")."""


@dataclass(frozen=True, slots=True)
class Metadata:
    """A page's metadata. Dates are ISO 8601 as precise as the source (date or datetime).

    ``sources`` pairs each filled field name with its :class:`Source`; read one with
    :meth:`source`.
    """

    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    modified: str | None = None
    language: str | None = None
    site_name: str | None = None
    description: str | None = None
    canonical_url: str | None = None
    image: str | None = None
    tags: tuple[str, ...] = ()
    sources: tuple[tuple[str, Source], ...] = ()

    def source(self, name: str) -> Source | None:
        """Where field ``name`` came from, or None when it is empty."""
        return next((src for key, src in self.sources if key == name), None)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready view; sources as ``"kind:key"`` strings."""
        out: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        out["authors"], out["tags"] = list(self.authors), list(self.tags)
        out["sources"] = {key: str(src) for key, src in self.sources}
        return out


_LIST_SPLIT = re.compile(r"[,;|]")  # parts stripped after: no \s* (quadratic on spaces)
_URLISH = re.compile(r"^(?:https?:)?//|^www\.|\.(?:com|org|net)/", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def _clean(value: object, limits: MetadataLimits) -> str | None:
    """A trimmed, space-collapsed string cut to ``max_field_chars``, or None."""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return None
    text = _SPACE.sub(" ", html.unescape(str(value)[: limits.max_field_chars * 2])).strip()
    return text[: limits.max_field_chars] or None


def _types(node: dict[str, object]) -> set[str]:
    raw = node.get("@type")
    items = raw if isinstance(raw, list) else [raw]
    return {t.lower().rsplit("/", 1)[-1] for t in items[:8] if isinstance(t, str)}


def _names(value: object, ids: dict[str, dict[str, object]], limits: MetadataLimits
           ) -> list[str]:
    """Person/organisation names of an ``author``-like value: str, {name}, {@id}, or a list."""
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items[: limits.max_items]:
        if isinstance(item, dict):
            ref = item.get("@id")
            if "name" not in item and isinstance(ref, str) and ref in ids:
                item = ids[ref]
            item = item.get("name")
        raw = item if isinstance(item, str) else None
        name = _clean(clean_author(raw[: limits.max_field_chars]) if raw else None, limits)
        if name and not _URLISH.search(name):
            out.append(name)
    return out


def _urls(value: object, ids: dict[str, dict[str, object]], limits: MetadataLimits
          ) -> str | None:
    """The first URL of an ``image``/``url``-like value: str, {url|@id}, or a list; a bare
    ``{"@id"}`` reference is resolved to the entity it names ("#primaryimage")."""
    for item in (value if isinstance(value, list) else [value])[: limits.max_items]:
        if isinstance(item, dict):
            ref = item.get("@id")
            if "url" not in item and isinstance(ref, str) and ref in ids:
                item = ids[ref]
            item = item.get("url") or item.get("contentUrl") or item.get("@id")
        text = _clean(item, limits)
        if text:
            return text
    return None


def _tags(value: object, limits: MetadataLimits) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items[: limits.max_items]:
        text = _clean(item, limits)
        if text:
            out.extend(t.strip() for t in _LIST_SPLIT.split(text) if t.strip())
    return tuple(dict.fromkeys(out))[: limits.max_items]


class _Fields:
    """First-come field store: sources are offered best first, a set field stays set."""

    def __init__(self, limits: MetadataLimits) -> None:
        self.limits = limits
        self.values: dict[str, object] = {}
        self.sources: dict[str, Source] = {}

    def offer(self, name: str, raw: object, source: Source) -> None:
        if name in self.values or raw is None:
            return
        value: object
        if name in ("authors", "tags"):
            items = raw if isinstance(raw, (list, tuple)) else ()
            value = tuple(dict.fromkeys(items))[: self.limits.max_items]
        elif name in ("published", "modified"):
            text = _clean(raw, self.limits)
            value = normalise_date(text) if text else None
        else:
            value = _clean(raw, self.limits)
        if value:
            self.values[name] = value
            self.sources[name] = source


def _from_json_ld(store: _Fields, scripts: Sequence[str]) -> None:
    lim = store.limits
    nodes = json_ld_objects(scripts, max_scripts=lim.max_scripts, max_bytes=lim.max_script_chars,
                            max_depth=lim.max_depth, max_nodes=lim.max_nodes)
    ids: dict[str, dict[str, object]] = {}
    for node in nodes:  # a bare {"@id"} reference must not shadow the entity it names
        ref = node.get("@id")
        if isinstance(ref, str) and len(node) > len(ids.get(ref, ())):
            ids[ref] = node
    typed = [(n, _types(n)) for n in nodes if "@type" in n]
    main = [n for n, t in typed if t and not t & SIDE_TYPES and not any("page" in x for x in t)]
    pages = [n for n, t in typed if any("page" in x for x in t)]
    for node in main + pages:
        for name, keys in LD_KEYS.items():
            for key in keys:
                value = node.get(key)
                if value is None:
                    continue
                src = Source("json-ld", key)
                if name == "authors":
                    store.offer(name, _names(value, ids, lim), src)
                elif name in ("image", "canonical_url"):
                    store.offer(name, _urls(value, ids, lim), src)
                elif name == "tags":
                    store.offer(name, _tags(value, lim), src)
                elif name == "language" and isinstance(value, dict):
                    store.offer(name, value.get("alternateName") or value.get("name"), src)
                else:
                    store.offer(name, value, src)
    for node, kinds in typed:
        if "website" in kinds:
            store.offer("site_name", node.get("name"), Source("json-ld", "WebSite.name"))
        elif kinds & {"organization", "newsmediaorganization", "corporation"}:
            store.offer("site_name", node.get("name"), Source("json-ld", "Organization.name"))


def _from_meta(store: _Fields, meta: Sequence[tuple[str, str]]) -> None:
    lim = store.limits
    by_key: dict[str, list[str]] = {}
    for key, value in meta[: lim.max_meta]:
        by_key.setdefault(key.strip().lower(), []).append(value)
    for name, keys in META_KEYS.items():
        for key in keys:
            values = by_key.get(key)
            if not values:
                continue
            src = Source("meta", key)
            if name == "authors":
                store.offer(name, [n for v in values for n in _names(v, {}, lim)], src)
            elif name == "tags":
                store.offer(name, _tags(values, lim), src)
            else:
                store.offer(name, values[0], src)


def _from_page(store: _Fields, head: HeadData) -> None:
    lim = store.limits
    for key, value in head.microdata[: lim.max_meta]:
        low = key.lower()
        src = Source("microdata", key)
        if low == "author":
            store.offer("authors", _names(value, {}, lim), src)
        elif low in ("datepublished", "datemodified"):
            store.offer("published" if low == "datepublished" else "modified", value, src)
        elif low == "headline":
            store.offer("title", value, src)
    times = sorted(head.times[: lim.max_meta], key=lambda t: not t.pubdate)
    for tag in times:
        store.offer("published", tag.value, Source("time", f"line {tag.line}"))
    store.offer("title", head.title, Source("title-tag", "title"))


def build_metadata(head: HeadData | None, lines: Sequence[tuple[str, str]], url: str | None,
                   limits: MetadataLimits | None = None) -> Metadata:
    """The page's :class:`Metadata` from its head data (None for text dumps), its labelled
    lines (text, label name) and its URL. Never raises on bad metadata."""
    lim = limits or MetadataLimits()
    store = _Fields(lim)
    if head is not None:
        for rel, href in head.links[: lim.max_meta]:
            if rel.lower() == "canonical":
                store.offer("canonical_url", href, Source("link", "canonical"))
        store.offer("language", language_tag(head.lang), Source("html-lang", "lang"))
        _from_json_ld(store, head.json_ld)
        _from_meta(store, head.meta)
        _from_page(store, head)
    title_at = next((i for i, (_, label) in enumerate(lines[:500]) if label == "title"), None)
    _from_lines(store, lines, title_at)
    store.offer("canonical_url", url, Source("url", "input"))
    values = store.values
    if "language" in values:
        lang = language_tag(values["language"])
        values["language"] = lang
    title = values.get("title")
    site = values.get("site_name")
    site = site if isinstance(site, str) else None
    if isinstance(title, str) and store.sources["title"].key != "headline":
        values["title"] = strip_site_name(title, site, url)
    if head is not None:
        line = lines[title_at][0] if title_at is not None else None
        _agree_title(store, head.title, line, title_at, site, url)
    kept = {k: v for k, v in values.items() if v}
    sources = tuple((f.name, store.sources[f.name]) for f in fields(Metadata)
                    if f.name in kept)
    return Metadata(**kept, sources=sources)  # type: ignore[arg-type]


def _prefer_title_line(store: _Fields, line: str, index: int) -> None:
    """The visible title line replaces a metadata title that contains it ("Headline |
    Site" vs "Headline"): the page's own headline, without the site name, beats
    guessing the separator. Otherwise the metadata title stays (or the line fills it)."""
    current = store.values.get("title")
    folded = fold(line)
    if not folded or (isinstance(current, str) and folded not in fold(current)):
        return
    store.values.pop("title", None)
    store.offer("title", line, Source("title-line", f"line {index}"))


def _agree_title(store: _Fields, tag: str | None, line: str | None, index: int | None,
                 site: str | None, url: str | None) -> None:
    """The title ``<title>`` and the visible title ``line`` (line ``index``) agree on,
    when they do (:func:`~cleantext.metatitle.title_by_agreement`), replaces the one
    found."""
    lim = store.limits
    agreed = title_by_agreement(tag, line, site, url,
                                lim.title_headline_words, lim.title_headline_ratio)
    if agreed is not None:
        store.values["title"] = agreed[0]
        store.sources["title"] = (Source("title-line", f"line {index}") if agreed[1]
                                  else Source("title-tag", "title:first part"))


def _from_lines(store: _Fields, lines: Sequence[tuple[str, str]], title_at: int | None
                ) -> None:
    """Byline and date from the visible lines just after the title line ``title_at``
    (or the top)."""
    lim = store.limits
    start = title_at + 1 if title_at is not None else 0
    window = list(enumerate(lines[start : start + lim.line_window], start))
    if start:
        _prefer_title_line(store, lines[start - 1][0], start - 1)
    if "authors" not in store.values:
        dated = {i for i, (text, _) in window if len(text) < 80 and find_date(text)}
        for index, (text, label) in window:
            near = bool(dated & {index - 2, index - 1, index + 1, index + 2})
            name = author_from_line(text, near) if label != "body" else None
            if name:
                store.offer("authors", [name], Source("byline", f"line {index}"))
                break
    if "published" not in store.values:
        found = date_from_lines((i, text) for i, (text, label) in window if label != "body")
        # No date by the title: the first date line labelled OTHER or RELATED (a byline
        # block is often taken for a teaser), anywhere in the first ``date_scan_lines``.
        # Measured on wcxb-dev: OTHER only 0.833 of gold dates, OTHER+RELATED 0.843.
        found = found or date_from_lines(
            (i, text) for i, (text, label) in enumerate(lines[: lim.date_scan_lines])
            if label in ("other", "related"))
        if found:
            store.offer("published", found[1], Source("date-line", f"line {found[0]}"))

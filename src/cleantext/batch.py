"""Extract many pages at once, optionally learning each site's boilerplate first.

:func:`extract_many` is the convenience around :class:`~cleantext.SiteProfile`: with
``by_site=True`` it makes two passes over the pages — first one profile per site
(pages grouped by URL host), then every page extracted against its site's profile —
and returns the documents in input order. Pages are materialised in memory (both
passes need them); for collections larger than memory build the profiles with
:meth:`SiteProfile.add` / :meth:`SiteProfile.merge` in a streaming or map-reduce job
(see ``docs/site-profiles.md``) and call :func:`cleantext.extract` per page.

With ``workers > 1`` both passes run in a process pool on chunks of pages; the result
is identical to ``workers=1`` because partial profiles merge exactly and documents are
put back in input order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import chain
from typing import Final
from urllib.parse import urlsplit

from cleantext.document import Document
from cleantext.options import Options
from cleantext.profile import SiteProfile, looks_like_html, page_lines

__all__ = ["PageInput", "extract_many", "site_key"]

PageInput = str | bytes | tuple[str | None, str | bytes]
"""A page for :func:`extract_many`: the page alone, or a ``(url, page)`` pair."""

_CHUNK_PAGES: Final = 16
"""Pages per task sent to a worker process: enough to amortise the cost of shipping
a task (and its sites' profiles), small enough to keep both cores busy to the end."""


def site_key(url: str | None) -> str | None:
    """The site a URL belongs to: its host, lower-cased, without a leading ``www.``.

    ``None`` for ``None``, for a URL without a host (``"page.html"``) and for a URL
    that cannot be parsed. ``http://WWW.Example.com:8080/a`` → ``"example.com"``.
    """
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.") or None


@dataclass(frozen=True, slots=True)
class _Item:
    """One input page with what both passes need to know about it."""

    url: str | None
    page: str | bytes
    is_text: bool
    site: str | None


def _items(pages: Iterable[PageInput], text: bool | None, by_site: bool) -> list[_Item]:
    items: list[_Item] = []
    for number, entry in enumerate(pages):
        url, page = entry if isinstance(entry, tuple) else (None, entry)
        if not isinstance(page, str | bytes):
            raise TypeError(f"page {number}: expected str or bytes, not {type(page).__name__}")
        site = site_key(url)
        if by_site and site is None:
            raise ValueError(
                f"by_site=True needs a URL with a host for every page, to group pages by "
                f"site; page {number} has {url!r}. Pass (url, page) pairs.")
        is_text = (not looks_like_html(page)) if text is None else text
        items.append(_Item(url, page, is_text, site))
    return items


def _chunks(items: Sequence[_Item]) -> list[Sequence[_Item]]:
    return [items[i:i + _CHUNK_PAGES] for i in range(0, len(items), _CHUNK_PAGES)]


def _build_profiles(items: Sequence[_Item], options: Options | None) -> dict[str, SiteProfile]:
    """One partial profile per site for the given pages (a worker's map step)."""
    profiles: dict[str, SiteProfile] = {}
    for item in items:
        if item.site is not None:
            lines = page_lines(item.page, text=item.is_text, options=options)
            profiles.setdefault(item.site, SiteProfile()).add_lines(lines)
    return profiles


def _merge_all(partials: Iterable[Mapping[str, SiteProfile]]) -> dict[str, SiteProfile]:
    """Merge per-chunk profiles site by site (exact, so the chunking does not matter)."""
    merged: dict[str, SiteProfile] = {}
    for partial in partials:
        for site, prof in partial.items():
            merged[site] = merged[site].merge(prof) if site in merged else prof
    return merged


def _extract_chunk(items: Sequence[_Item], profiles: Mapping[str, SiteProfile],
                   options: Options | None) -> list[Document]:
    """Extract each page with its site's profile (``None`` when it has none)."""
    from cleantext.pipeline import extract, extract_text

    docs: list[Document] = []
    for item in items:
        site = profiles.get(item.site) if item.site is not None else None
        run = extract_text if item.is_text else extract
        docs.append(run(item.page, url=item.url, options=options, site=site))
    return docs


def _profiles_for(chunk: Sequence[_Item],
                  profiles: Mapping[str, SiteProfile]) -> dict[str, SiteProfile]:
    return {i.site: profiles[i.site] for i in chunk if i.site is not None and i.site in profiles}


def extract_many(pages: Iterable[PageInput], *, by_site: bool = False,
                 options: Options | None = None, text: bool | None = None,
                 profile_min_pages: int = 2, workers: int = 1) -> list[Document]:
    """Extract every page; the documents come back in input order.

    ``pages`` holds pages (``str`` or ``bytes``) or ``(url, page)`` pairs; the URL is
    passed to :func:`cleantext.extract` and, with ``by_site=True``, names the page's
    site (:func:`site_key`). Then a :class:`~cleantext.SiteProfile` is built per site
    from all its pages, and pages of sites with at least ``profile_min_pages`` pages
    (count; a profile of one page says nothing about repetition) are extracted with
    ``site=`` that profile. ``by_site=True`` raises :class:`ValueError` if a page has
    no URL with a host.

    ``text=True`` reads every page as a text dump, ``False`` as HTML, ``None`` decides
    per page (:func:`~cleantext.profile.looks_like_html`). ``workers`` > 1 runs both
    passes in that many processes, with the same result. Errors of a page
    (:class:`~cleantext.ExtractionError`) propagate and stop the batch.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    if profile_min_pages < 1:
        raise ValueError(f"profile_min_pages must be at least 1, got {profile_min_pages}")
    items = _items(pages, text, by_site)
    chunks = _chunks(items)
    if workers == 1 or len(chunks) < 2:
        profiles = _build_profiles(items, options) if by_site else {}
        profiles = {s: p for s, p in profiles.items() if p.pages >= profile_min_pages}
        return _extract_chunk(items, profiles, options)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        profiles = {}
        if by_site:
            partials = pool.map(_build_profiles, chunks, [options] * len(chunks))
            profiles = {s: p for s, p in _merge_all(partials).items()
                        if p.pages >= profile_min_pages}
        shipped = [_profiles_for(chunk, profiles) for chunk in chunks]
        results = pool.map(_extract_chunk, chunks, shipped, [options] * len(chunks))
        return list(chain.from_iterable(results))

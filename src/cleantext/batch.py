"""Extract many pages at once, optionally learning each site's boilerplate first.

:func:`extract_many` is the convenience around :class:`~cleantext.SiteProfile`: with
``by_site=True`` it makes two passes over the pages — first one profile per site
(pages grouped by URL host), then every page extracted against its site's profile —
and returns the documents in input order. Pages are materialised in memory (both
passes need them); for collections larger than memory build the profiles with
:meth:`SiteProfile.add` / :meth:`SiteProfile.merge` in a streaming or map-reduce job
(see ``docs/site-profiles.md``) and call :func:`cleantext.extract` per page.

The passes and the process pool are :mod:`cleantext.passes`, shared with the
``cleantext`` command. With ``workers > 1`` both passes run in a process pool on
chunks of pages; the result is identical to ``workers=1`` because partial profiles
merge exactly and documents are put back in input order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain

from cleantext.document import Document
from cleantext.kind import Kind, PageKind, resolve_kind
from cleantext.options import Options
from cleantext.passes import (
    chunked,
    learn_profiles,
    profiles_for,
    run_ordered,
    site_key,
)
from cleantext.pipeline import extract, extract_text
from cleantext.profile import SiteProfile

__all__ = ["PageInput", "extract_many", "site_key"]

PageInput = str | bytes | tuple[str | None, str | bytes]
"""A page for :func:`extract_many`: the page alone, or a ``(url, page)`` pair."""

_CHUNK_PAGES = 16
"""Pages per task sent to a worker process: enough to amortise the cost of shipping
a task (and its sites' profiles), small enough to keep both cores busy to the end."""


@dataclass(frozen=True, slots=True)
class _Item:
    """One input page with what both passes need to know about it."""

    url: str | None
    page: str | bytes
    kind: PageKind
    site: str | None


class _Items:
    """How pass one reads an :class:`_Item` (:class:`cleantext.passes.PageSource`)."""

    def site(self, item: _Item) -> str | None:
        return item.site

    def load(self, item: _Item) -> tuple[str | bytes, PageKind]:
        return item.page, item.kind


def _items(pages: Iterable[PageInput], kind: Kind, by_site: bool) -> list[_Item]:
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
        items.append(_Item(url, page, resolve_kind(kind, page), site))
    return items


def _extract_chunk(items: Sequence[_Item], profiles: Mapping[str, SiteProfile],
                   options: Options | None) -> list[Document]:
    """Extract each page with its site's profile (``None`` when it has none)."""
    docs: list[Document] = []
    for item in items:
        site = profiles.get(item.site) if item.site is not None else None
        run = extract_text if item.kind == "text" else extract
        docs.append(run(item.page, url=item.url, options=options, site=site))
    return docs


def _worker_died(task: tuple[object, ...]) -> list[Document]:
    """A worker process died extracting a chunk: nothing to stand in for it."""
    raise RuntimeError("a worker process died while extracting pages (out of memory?)")


def extract_many(pages: Iterable[PageInput], *, by_site: bool = False,
                 options: Options | None = None, kind: Kind = "auto",
                 workers: int = 1) -> list[Document]:
    """Extract every page; the documents come back in input order.

    ``pages`` holds pages (``str`` or ``bytes``) or ``(url, page)`` pairs; the URL is
    passed to :func:`cleantext.extract` and, with ``by_site=True``, names the page's
    site (:func:`site_key`). Then a :class:`~cleantext.SiteProfile` is built per site
    from all its pages, and pages of sites with at least ``options.site_min_pages``
    pages (:attr:`Options.site_min_pages`; smaller profiles say too little about
    repetition) are extracted with ``site=`` that profile. ``by_site=True`` raises
    :class:`ValueError` if a page has no URL with a host.

    ``kind="text"`` reads every page as a text dump, ``"html"`` as HTML, ``"auto"``
    decides per page by content (:func:`cleantext.kind.resolve_kind`). ``workers`` > 1
    runs both passes in that many processes, with the same result. Errors of a page
    (:class:`~cleantext.ExtractionError`) propagate and stop the batch.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    opts = options if options is not None else Options()
    items = _items(pages, kind, by_site)
    size = _CHUNK_PAGES
    workers = workers if len(items) > size else 1  # one chunk: no pool needed
    profiles: dict[str, SiteProfile] = {}
    if by_site:
        profiles = learn_profiles(items, _Items(), opts, workers=workers, size=size)
    if workers == 1:
        return _extract_chunk(items, profiles, options)
    tasks = ((chunk, profiles_for((i.site for i in chunk), profiles), options)
             for chunk in chunked(items, size))
    return list(chain.from_iterable(run_ordered(_extract_chunk, tasks, workers, _worker_died)))

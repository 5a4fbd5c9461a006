"""Many pages in two passes — learn each site's profile, then extract — on a process pool.

Shared by :func:`cleantext.extract_many` and the ``cleantext`` command, which differ
only in what a page is (an in-memory page, a file or archive record) and in what they
do with a result:

* :func:`learn_profiles` is pass one: one :class:`~cleantext.SiteProfile` per site
  from all of its pages, kept for sites with at least ``Options.site_min_pages``
  pages (extraction ignores smaller profiles anyway). With workers, each chunk of
  pages gives partial profiles that are merged exactly, so the result does not depend
  on the chunking or the number of workers.
* :func:`run_ordered` runs any per-chunk function (pass two: extract a chunk with its
  sites' profiles, :func:`profiles_for`) on a process pool, results in input order,
  surviving a worker that dies.
"""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol, TypeVar
from urllib.parse import urlsplit

from cleantext.crosssite import with_cross_site
from cleantext.kind import PageKind
from cleantext.options import Options
from cleantext.profile import SiteProfile

__all__ = [
    "TASKS_PER_WORKER",
    "PageSource",
    "chunk_size",
    "chunked",
    "learn_profiles",
    "profiles_for",
    "run_ordered",
    "site_key",
]

T = TypeVar("T")
T_contra = TypeVar("T_contra", contravariant=True)
R = TypeVar("R")
Task = tuple[Any, ...]

TASKS_PER_WORKER = 4
"""Chunks in flight per worker process: enough to keep every worker busy while the
main process consumes results in order, few enough to bound memory (archive records
carry their bytes)."""

MAX_CHUNK = 8
"""Largest number of pages sent to a worker in one task. Chunks amortise the cost of
sending options and site profiles; small chunks keep a progress bar live and both
cores busy to the end."""


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


class PageSource(Protocol[T_contra]):
    """How pass one reads an item (picklable: it is sent to worker processes)."""

    def site(self, item: T_contra) -> str | None:
        """The item's site (profile key), ``None`` when it has none; read without
        loading the page."""

    def load(self, item: T_contra) -> tuple[str | bytes, PageKind]:
        """The page and how to read it; may raise for an unreadable page."""


def chunk_size(total: int | None, workers: int) -> int:
    """Pages per worker task: up to :data:`MAX_CHUNK`, fewer for small batches so
    every worker gets several tasks (``total`` is ``None`` when unknown)."""
    if workers <= 1:
        return 1
    if total is None:
        return MAX_CHUNK
    return max(1, min(MAX_CHUNK, total // (workers * TASKS_PER_WORKER)))


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive runs of at most ``size`` items."""
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _learn_one(item: T, source: PageSource[T], options: Options,
               learnt: dict[str, SiteProfile]) -> None:
    """Add one page to its site's profile in ``learnt``. A page that cannot be read
    (for any reason, bugs included) is left out: pass two extracts it again and
    reports the error there."""
    site = source.site(item)
    if site is None:
        return
    try:
        page, kind = source.load(item)
        learnt.setdefault(site, SiteProfile()).add(page, text=kind == "text", options=options)
    except Exception:  # reported by pass two
        return


def _learn_chunk(chunk: Sequence[T], source: PageSource[T],
                 options: Options) -> tuple[int, dict[str, SiteProfile]]:
    """Worker task of pass one: ``(pages in the chunk, their sites' partial profiles)``."""
    learnt: dict[str, SiteProfile] = {}
    for item in chunk:
        _learn_one(item, source, options, learnt)
    return len(chunk), learnt


def _learn_crashed(task: Task) -> tuple[int, dict[str, SiteProfile]]:
    """Pass one after a worker died on ``task``: its pages teach nothing."""
    return len(task[0]), {}


def learn_profiles(items: Iterable[T], source: PageSource[T], options: Options, *,
                   workers: int = 1, size: int = MAX_CHUNK,
                   progress: Callable[[int], None] | None = None) -> dict[str, SiteProfile]:
    """Pass one: the profile of every site with at least ``options.site_min_pages``
    readable pages among ``items``, with cross-site counts
    (:func:`cleantext.crosssite.with_cross_site`: smaller sites get a profile of the
    lines other sites' pages share).

    In this process for ``workers`` ≤ 1 (each page added straight to its profile),
    else in chunks of ``size`` on a pool, partial profiles merged exactly.
    ``progress(n)`` is called after each ``n`` pages.
    """
    merged: dict[str, SiteProfile] = {}
    if workers <= 1:
        for item in items:
            _learn_one(item, source, options, merged)
            if progress is not None:
                progress(1)
    else:
        tasks = ((chunk, source, options) for chunk in chunked(items, size))
        for pages, partial in run_ordered(_learn_chunk, tasks, workers, _learn_crashed):
            for site, profile in partial.items():
                merged[site] = merged[site].merge(profile) if site in merged else profile
            if progress is not None:
                progress(pages)
    return with_cross_site(merged, options.site_min_pages)


def profiles_for(sites: Iterable[str | None],
                 profiles: Mapping[str, SiteProfile]) -> dict[str, SiteProfile]:
    """The profiles of the given sites (what a worker task of pass two needs)."""
    return {s: profiles[s] for s in sites if s is not None and s in profiles}


def run_ordered(fn: Callable[..., R], tasks: Iterable[Task], workers: int,
                on_crash: Callable[[Task], R]) -> Iterator[R]:
    """``fn(*task)`` for every task, results in task order, on ``workers`` processes.

    One worker runs in this process. With more, at most ``workers * TASKS_PER_WORKER``
    tasks are in flight. If a worker process dies (a crash in native code, the OOM
    killer), the tasks in flight are re-run one by one in fresh single-use pools, so
    only the task that kills its process is lost: ``on_crash(task)`` stands in for it.
    """
    if workers <= 1:
        for task in tasks:
            yield fn(*task)
        return
    pool = _new_pool(workers)
    pending: deque[tuple[Task, Future[R]]] = deque()
    try:
        for task in tasks:
            pending.append((task, pool.submit(fn, *task)))
            while len(pending) >= workers * TASKS_PER_WORKER or (
                    pending and pending[0][1].done()):
                yield from _next_result(pending, fn, on_crash)
                pool = _renewed(pool, workers)
        while pending:
            yield from _next_result(pending, fn, on_crash)
            pool = _renewed(pool, workers)
    finally:
        for _, future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def _ignore_interrupts() -> None:
    """Worker initialiser: Ctrl-C is the main process's to handle (it cancels the
    pending work and cleans up), so workers do not print their own tracebacks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _new_pool(workers: int) -> ProcessPoolExecutor:
    """A process pool whose workers ignore SIGINT."""
    return ProcessPoolExecutor(max_workers=workers, initializer=_ignore_interrupts)


def _next_result(pending: deque[tuple[Task, Future[R]]], fn: Callable[..., R],
                 on_crash: Callable[[Task], R]) -> Iterator[R]:
    """The head task's result; after a worker crash, every pending task re-run alone."""
    future = pending[0][1]
    try:
        result = future.result()
    except BrokenProcessPool:
        tasks = [t for t, _ in pending]
        pending.clear()
        for again in tasks:
            yield _run_isolated(fn, again, on_crash)
        return
    pending.popleft()
    yield result


def _renewed(pool: ProcessPoolExecutor, workers: int) -> ProcessPoolExecutor:
    """``pool``, or a fresh one if a crash broke it."""
    if not getattr(pool, "_broken", False):
        return pool
    pool.shutdown(wait=False, cancel_futures=True)
    return _new_pool(workers)


def _run_isolated(fn: Callable[..., R], task: Task, on_crash: Callable[[Task], R]) -> R:
    """``fn(*task)`` in a process of its own; ``on_crash(task)`` if that process dies."""
    with _new_pool(1) as solo:
        try:
            return solo.submit(fn, *task).result()
        except BrokenProcessPool:
            return on_crash(task)

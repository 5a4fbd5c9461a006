"""Extract a web archive (WARC, ARC, WET) from Python, streamed, optionally by site.

:func:`extract_archive` is :func:`cleantext.extract_many` for files too large for
memory: it reads the archive one record at a time (:func:`cleantext.inputs.iter_archive`)
and yields ``(record, document)`` pairs in file order. With ``by_site=True`` it makes
the same two passes as ``cleantext FILE --site-profile auto``
(:mod:`cleantext.passes`): pass one streams the file and keeps only each host's line
counts (:class:`~cleantext.SiteProfile`, bounded by its ``max_hashes``), pass two
re-reads the file and extracts every page with its host's profile.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from cleantext.document import Document
from cleantext.errors import ExtractionError
from cleantext.inputs import Record, RecordPages, Source, iter_archive
from cleantext.options import Options
from cleantext.passes import chunk_size, chunked, learn_profiles, profiles_for, run_ordered
from cleantext.pipeline import extract, extract_text
from cleantext.profile import SiteProfile

__all__ = ["extract_archive"]

Result = tuple[Record, Document | None]


def _extract_chunk(chunk: Sequence[Record], profiles: Mapping[str, SiteProfile],
                   options: Options) -> list[Result]:
    """Extract each record with its host's profile; ``None`` for an unreadable page
    (its error is in ``record.error`` or was raised by extraction)."""
    out: list[Result] = []
    pages = RecordPages("auto", options.max_input_bytes)
    for record in chunk:
        if record.error is not None:
            out.append((record, None))
            continue
        try:
            data, kind = pages.load(record)
            run = extract_text if kind == "text" else extract
            site = profiles.get(record.host) if record.host else None
            out.append((record, run(data, url=record.url, options=options, site=site)))
        except (ExtractionError, OSError) as exc:
            out.append((Record(record.name, record.source, record.relpath, record.url,
                               record.host, error=f"{type(exc).__name__}: {exc}",
                               record_id=record.record_id), None))
    return out


def _chunk_died(task: tuple[object, ...]) -> list[Result]:
    """A worker died on a chunk: each of its records reported as an error."""
    chunk: Sequence[Record] = task[0]  # type: ignore[assignment]
    return [(Record(r.name, r.source, r.relpath, r.url, r.host, record_id=r.record_id,
                    error="internal error: the worker process died"), None) for r in chunk]


def extract_archive(path: str | Path, *, by_site: bool = False,
                    options: Options | None = None, workers: int = 1) -> Iterator[Result]:
    """Every page of the archive at ``path`` as ``(record, document)``, in file order.

    ``record`` carries the URL, ``record_id`` (WARC-Record-ID) and, for a page that
    could not be read or extracted, ``error`` (then ``document`` is ``None``; the
    archive goes on). HTML responses are read as HTML, ``conversion`` records (WET)
    as text dumps. ``by_site=True`` first learns one profile per host from the whole
    file (hosts with at least ``options.site_min_pages`` pages), streaming it twice.
    ``workers`` > 1 runs both passes on a process pool, with the same result.
    """
    opts = options if options is not None else Options()
    source = Source(str(path), Path(path).name, archive=True)

    def records() -> Iterator[Record]:
        return iter_archive(source, max_bytes=opts.max_input_bytes)
    size = chunk_size(None, workers)
    profiles: dict[str, SiteProfile] = {}
    if by_site:
        profiles = learn_profiles(records(), RecordPages("auto", opts.max_input_bytes), opts,
                                  workers=workers, size=size)
    tasks = ((chunk, profiles_for((r.host for r in chunk), profiles), opts)
             for chunk in chunked(records(), size))
    for results in run_ordered(_extract_chunk, tasks, workers, _chunk_died):
        yield from results

"""The pages inside a web archive: WARC, ARC and Common Crawl WET files, streamed.

A WARC file holds records of several types; two of them are pages:

* ``response`` records whose HTTP ``Content-Type`` is HTML — read as HTML;
* ``conversion`` records — a page already turned into plain text, one block per line
  (Common Crawl's WET files are WARC files of ``conversion`` records, after one
  ``warcinfo``) — read as a text dump.

``warcinfo``, ``request``, ``metadata``, ``resource``, ``revisit`` records and
non-HTML responses are skipped. :func:`iter_payloads` reads the archive with
``warcio`` one record at a time from an open file: a record's bytes are held only
until the caller moves on, so memory does not grow with the number of records and a
multi-GB file is never loaded whole. Reading needs the optional ``warcio`` package
(``pip install 'cleantext[warc]'``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Final

from cleantext.kind import PageKind

__all__ = ["ARCHIVE_SUFFIXES", "HTML_CONTENT_TYPES", "Payload", "is_archive", "iter_payloads"]

ARCHIVE_SUFFIXES: Final = (".warc", ".arc", ".wet", ".warc.gz", ".arc.gz", ".wet.gz")
"""File name endings read as web archives rather than as one page (``.warc.wet.gz``,
Common Crawl's WET name, ends in ``.wet.gz``)."""

HTML_CONTENT_TYPES: Final = frozenset({"text/html", "application/xhtml+xml"})
"""Media types of the archive responses that are extracted; the rest are skipped."""

_CHUNK: Final = 1 << 20
"""Bytes read at a time when draining what warcio's content decoder left of a record."""


@dataclass(frozen=True, slots=True)
class Payload:
    """One page of an archive: its ``WARC-Record-ID`` (``None`` in ARC files, which
    have none), target URL, how to read it (``"html"`` for a response, ``"text"`` for
    a conversion record), its bytes or why they could not be read, ``offset``, the
    record's byte offset in the (compressed) file, and ``date``, its ``WARC-Date``."""

    record_id: str | None
    url: str | None
    kind: PageKind
    offset: int
    data: bytes | None = None
    error: str | None = None
    date: str | None = None


def is_archive(name: str) -> bool:
    """True when ``name`` ends like a WARC, ARC or WET file (:data:`ARCHIVE_SUFFIXES`)."""
    return name.lower().endswith(ARCHIVE_SUFFIXES)


class WarcioMissing(ImportError):
    """``warcio`` is not installed; the message says how to install it."""


def iter_payloads(path: str, *, max_bytes: int) -> Iterator[Payload]:
    """Every page record of the archive at ``path``, in file order, streamed.

    Raises :class:`WarcioMissing` before reading when warcio is missing, ``OSError``
    when the file cannot be opened, and whatever warcio raises when the archive breaks
    part-way (after yielding the records before the break). A record larger than
    ``max_bytes`` (bytes) or damaged (truncated, digest mismatch) is yielded with
    ``error`` set and no data.
    """
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError as exc:
        raise WarcioMissing("reading WARC/ARC/WET files needs the optional warcio "
                            "package: pip install 'cleantext[warc]'") from exc
    with open(path, "rb") as handle:
        archive = ArchiveIterator(handle, arc2warc=True, check_digests=True)
        for record in archive:
            kind = _page_kind(record)
            if kind is None:
                continue
            payload = _payload(record, kind, max_bytes)
            # the offset is known once the record was read to its end
            yield replace(payload, offset=archive.get_record_offset())


def _page_kind(record: object) -> PageKind | None:
    """``"html"`` for an HTML response, ``"text"`` for a conversion record, ``None``
    for every other record (skipped)."""
    rec_type = getattr(record, "rec_type", None)
    if rec_type == "conversion":
        return "text"
    if rec_type == "response" and _is_html(record):
        return "html"
    return None


def _is_html(record: object) -> bool:
    """True when a warcio record's HTTP Content-Type is an HTML media type."""
    headers = getattr(record, "http_headers", None)
    if headers is None:
        return False
    value = headers.get_header("Content-Type") or ""
    return value.split(";", 1)[0].strip().lower() in HTML_CONTENT_TYPES


def _payload(record: object, kind: PageKind, max_bytes: int) -> Payload:
    """The page of one warcio record (payload de-chunked and content-decoded)."""
    headers = record.rec_headers  # type: ignore[attr-defined]
    record_id = headers.get_header("WARC-Record-ID")
    url = headers.get_header("WARC-Target-URI")
    date = headers.get_header("WARC-Date")
    try:
        data: bytes = record.content_stream().read(max_bytes + 1)  # type: ignore[attr-defined]
    except Exception as exc:  # a bad chunked or gzip encoding of this one payload
        return Payload(record_id, url, kind, 0,
                       error=f"unreadable payload: {type(exc).__name__}: {exc}", date=date)
    if len(data) > max_bytes:
        return Payload(record_id, url, kind, 0,
                       error=f"InputTooLarge: record larger than {max_bytes:,} bytes", date=date)
    problem = _damage(record)
    if problem:
        return Payload(record_id, url, kind, 0, error=problem, date=date)
    return Payload(record_id, url, kind, 0, data=data, date=date)


def _damage(record: object) -> str:
    """Why a fully read warcio record is damaged, or ``""``: shorter than its
    Content-Length (a truncated archive), or a WARC payload/block digest mismatch.

    warcio itself hands out a truncated record's partial payload without complaint.
    """
    raw = getattr(record, "raw_stream", None)
    while raw is not None and raw.read(_CHUNK):
        pass  # drain what the content decoder left (chunk trailers, padding)
    missing = int(getattr(raw, "limit", 0) or 0)
    if missing > 0:
        return f"truncated record: {missing:,} bytes missing (archive cut short?)"
    checker = getattr(record, "digest_checker", None)
    if checker is not None and checker.passed is False:
        return f"corrupt record: {'; '.join(checker.problems) or 'digest mismatch'}"
    return ""

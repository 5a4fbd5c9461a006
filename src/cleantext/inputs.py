"""Turn the command line's inputs into records: one record per page to extract.

An input is a file, a folder (walked recursively, in sorted order), ``-`` for standard
input, or a WARC/ARC archive (``.warc``, ``.arc``, optionally ``.gz``), whose HTTP
responses with an HTML content type become one record each. Reading WARC needs the
optional ``warcio`` package (``pip install 'cleantext[warc]'``); without it an archive
gives one error record saying so (the batch goes on), rather than an exception.

Files are not read here: a :class:`Record` for a file carries its path and is read by
:meth:`Record.read` in whichever process extracts it, so a folder of pages is read in
parallel and never held in memory at once. Standard input and archive records carry
their bytes. Gzip is undone transparently (recognised by its magic bytes, not by name),
with the decompressed size bounded so a gzip bomb cannot exhaust memory.

Enumeration never raises for one bad input: a missing file or a broken archive gives
a record whose :attr:`Record.error` says what went wrong, and the batch goes on.
"""

from __future__ import annotations

import fnmatch
import os
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Literal

from cleantext.errors import InputTooLarge
from cleantext.passes import site_key

__all__ = [
    "ARCHIVE_SUFFIXES",
    "HTML_CONTENT_TYPES",
    "HostPolicy",
    "Record",
    "Source",
    "expand",
    "gunzip_bounded",
    "host_of",
    "iter_records",
    "read_bounded",
]

HostPolicy = Literal["url", "path"]
"""Where a record's host (the key of its site profile) comes from: ``"url"`` the host of
its URL (``--url``, or the WARC target URI); ``"path"`` the name of the file's parent
folder, for saved pages laid out as ``pages/<site>/<page>.html``."""

GZIP_MAGIC = b"\x1f\x8b"
"""First two bytes of every gzip member (RFC 1952)."""

ARCHIVE_SUFFIXES = (".warc", ".arc", ".warc.gz", ".arc.gz")
"""File name endings read as web archives rather than as one page."""

HTML_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml"})
"""Media types of the archive responses that are extracted; the rest are skipped."""

STDIN_NAME = "-"
"""The input name that means standard input."""

_CHUNK = 1 << 20
"""Read and decompression step, in bytes: large enough to be fast, small enough that
going past the size limit costs at most one chunk of memory."""


@dataclass(frozen=True, slots=True)
class Source:
    """One file found on the command line or in a folder, before it is opened.

    ``path`` is where to read it (``"-"`` for standard input); ``relpath`` is the
    POSIX-style relative path its outputs mirror under ``-o DIR/``; ``archive`` says it
    is a WARC/ARC file to split into records.
    """

    path: str
    relpath: str
    archive: bool = False


@dataclass(frozen=True, slots=True)
class Record:
    """One page to extract.

    ``name`` identifies it in messages and in the JSON Lines output: the file path as
    given, ``"-"`` for standard input, or the archive's ``WARC-Record-ID``. ``source``
    is the file it came from. ``data`` holds the bytes when they are already in memory
    (stdin, archives); otherwise ``path`` is read by :meth:`read`. ``relpath`` is the
    output path (POSIX, no extension) under ``-o DIR/``; ``host`` keys the site
    profile; ``error`` is set when the input could not even be enumerated.
    """

    name: str
    source: str
    relpath: str
    url: str | None = None
    host: str | None = None
    path: str | None = None
    data: bytes | None = None
    error: str | None = None

    def read(self, max_bytes: int) -> bytes:
        """The page's bytes, gunzipped if they are gzip, at most ``max_bytes`` bytes.

        Raises :class:`OSError` if the file cannot be read and
        :class:`~cleantext.InputTooLarge` past ``max_bytes`` (bytes, after gunzip).
        """
        if self.data is not None:
            raw = self.data
        elif self.path is not None:
            raw = read_bounded(self.path, max_bytes)
        else:
            raise OSError(f"{self.name}: record has neither bytes nor a path")
        if raw.startswith(GZIP_MAGIC):
            return gunzip_bounded(raw, max_bytes)
        if len(raw) > max_bytes:
            raise InputTooLarge("max_input_bytes", len(raw), max_bytes)
        return raw


def read_bounded(path: str, max_bytes: int) -> bytes:
    """Read a file, refusing one larger than ``max_bytes`` before reading it whole.

    (A gzip file larger than that compressed is refused too: it could only grow.) The
    decompressed size of gzip is checked by :func:`gunzip_bounded`. Raises
    :class:`OSError` when the file is unreadable.
    """
    with open(path, "rb") as handle:
        info = os.fstat(handle.fileno())
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(f"{path}: is a directory")
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        size = max(info.st_size, len(data))
        raise InputTooLarge("max_input_bytes", size, max_bytes)
    return data


def gunzip_bounded(data: bytes, max_bytes: int) -> bytes:
    """Decompress every gzip member of ``data``, stopping once past ``max_bytes``.

    Raises :class:`~cleantext.InputTooLarge` when the decompressed size would exceed
    ``max_bytes`` (the reported size is then the point where reading stopped, a lower
    bound) and :class:`OSError` for a corrupt or truncated stream.
    """
    out: list[bytes] = []
    size = 0
    rest = data
    while rest:
        inflater = zlib.decompressobj(wbits=31)
        try:
            while rest and not inflater.eof:
                chunk = inflater.decompress(rest, _CHUNK)
                rest = inflater.unconsumed_tail
                size += len(chunk)
                if size > max_bytes:
                    raise InputTooLarge("max_input_bytes (decompressed)", size, max_bytes)
                out.append(chunk)
        except zlib.error as exc:
            raise OSError(f"corrupt gzip data: {exc}") from exc
        if not inflater.eof:
            raise OSError("truncated gzip data")
        rest = inflater.unused_data
        if rest and not rest.startswith(GZIP_MAGIC):
            break  # trailing garbage after the last member is ignored, as gzip(1) does
    return b"".join(out)


def host_of(url: str | None) -> str | None:
    """The site of ``url`` as site profiles key it (:func:`cleantext.passes.site_key`:
    host lower-cased, leading ``www.`` dropped), or ``None`` when it has no host."""
    return site_key(url)


def is_archive(name: str) -> bool:
    """True when ``name`` ends like a WARC or ARC file (see :data:`ARCHIVE_SUFFIXES`)."""
    return name.lower().endswith(ARCHIVE_SUFFIXES)


def matches(name: str, patterns: Sequence[str]) -> bool:
    """True when the file name matches one of the glob ``patterns`` (all if none).

    A name ending in ``.gz`` also matches without that ending, so ``*.html`` selects
    ``page.html.gz`` too.
    """
    if not patterns:
        return True
    names = (name, name[:-3]) if name.endswith(".gz") else (name,)
    return any(fnmatch.fnmatch(n, p) for n in names for p in patterns)


def walk(root: str, patterns: Sequence[str]) -> list[str]:
    """Files under ``root``, relative POSIX paths, sorted; hidden entries skipped.

    Iterative (an explicit stack of folders), never follows symlinked folders (so a
    link loop cannot hang it), and silently skips folders it may not list.
    """
    found: list[str] = []
    stack = [""]
    while stack:
        rel = stack.pop()
        try:
            entries = list(os.scandir(os.path.join(root, rel) if rel else root))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            child = f"{rel}/{entry.name}" if rel else entry.name
            if entry.is_dir(follow_symlinks=False):
                stack.append(child)
            elif entry.is_file() and (matches(entry.name, patterns) or is_archive(entry.name)):
                found.append(child)
    return sorted(found)


def expand(inputs: Sequence[str], patterns: Sequence[str] = ()) -> list[Source]:
    """The files named by ``inputs``: files as given, folders walked, ``-`` kept.

    ``patterns`` filter files found in folders (files named directly are always
    taken). With one input, output paths are relative to it (a folder's files mirror
    its layout; a file is its own name); with several, they keep the path as given,
    so two ``index.html`` in different folders do not collide.
    """
    sources: list[Source] = []
    for given in inputs:
        if given == STDIN_NAME:
            sources.append(Source(STDIN_NAME, "stdin"))
        elif os.path.isdir(given):
            prefix = _safe_relpath(given) if len(inputs) > 1 else ""
            for rel in walk(given, patterns):
                full = os.path.join(given, *rel.split("/"))
                out = f"{prefix}/{rel}" if prefix else rel
                sources.append(Source(full, out, is_archive(rel)))
        else:
            rel = _safe_relpath(given) if len(inputs) > 1 else Path(given).name
            sources.append(Source(given, rel, is_archive(given)))
    return sources


def _safe_relpath(given: str) -> str:
    """``given`` as a relative POSIX path that stays inside an output folder."""
    parts = [p for p in PurePosixPath(Path(given).as_posix()).parts
             if p not in ("/", "", ".", "..") and not p.endswith(":\\")]
    return "/".join(parts) or "input"


def strip_suffixes(relpath: str) -> str:
    """``relpath`` without ``.gz`` and a page or archive extension, for output naming."""
    stem = relpath[:-3] if relpath.lower().endswith(".gz") else relpath
    for suffix in (".html", ".htm", ".xhtml", ".txt", ".warc", ".arc"):
        if stem.lower().endswith(suffix):
            return stem[: -len(suffix)]
    return stem


def iter_records(
    sources: Iterable[Source],
    *,
    max_bytes: int,
    url: str | None = None,
    host_from: HostPolicy = "url",
    stdin: BinaryIO | None = None,
) -> Iterator[Record]:
    """One :class:`Record` per page of ``sources``, in order.

    ``url`` is given to every page that is not from an archive (archive records use
    their target URI); ``host_from`` chooses where file pages get their host.
    ``stdin`` defaults to the process's binary standard input.
    """
    for source in sources:
        relpath = strip_suffixes(source.relpath)
        if source.archive:
            yield from iter_archive(source, max_bytes=max_bytes)
            continue
        host = host_of(url)
        if host_from == "path" and source.path != STDIN_NAME:
            host = Path(source.path).resolve().parent.name or None
        if source.path == STDIN_NAME:
            data = _read_stdin(stdin, max_bytes)
            yield Record(STDIN_NAME, STDIN_NAME, relpath, url, host, data=data)
        elif not os.path.exists(source.path):
            yield Record(source.path, source.path, relpath, url, host,
                         error=f"FileNotFoundError: no such file or folder: {source.path}")
        else:
            yield Record(source.path, source.path, relpath, url, host, path=source.path)


def _read_stdin(stdin: BinaryIO | None, max_bytes: int) -> bytes:
    """All of standard input, read up to one byte past the limit (checked later)."""
    stream = stdin if stdin is not None else sys.stdin.buffer
    return stream.read(max_bytes + 1)


def iter_archive(source: Source, *, max_bytes: int) -> Iterator[Record]:
    """The HTML HTTP responses of a WARC/ARC file, one record each.

    Request, metadata and non-HTML records are skipped. A record's name is its
    ``WARC-Record-ID``; ARC has no record ids (warcio would invent a random one on
    every read), so an ARC record is named ``ARCHIVE#OFFSET`` (byte offset of the
    record), stable from run to run. A record whose payload cannot be read gives an
    error record and the archive goes on; a missing ``warcio`` or an archive that
    breaks part-way gives one error record naming the archive, after the records read
    before the break.
    """
    base = strip_suffixes(source.relpath)
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        yield Record(source.path, source.path, base, error=(
            "reading WARC/ARC files needs the optional warcio package: "
            "pip install 'cleantext[warc]'"))
        return
    is_arc = source.path.lower().removesuffix(".gz").endswith(".arc")
    count = 0
    try:
        with open(source.path, "rb") as handle:
            archive = ArchiveIterator(handle, arc2warc=True, check_digests=True)
            for record in archive:
                if record.rec_type != "response" or not _is_html(record):
                    continue
                count += 1
                page = _archive_record(record, source, f"{base}/{count:06d}", max_bytes)
                if is_arc:  # the offset is known once the record was read to its end
                    page = replace(page, name=f"{source.path}#{archive.get_record_offset()}")
                yield page
    except Exception as exc:  # warcio raises assorted errors on a corrupt archive
        yield Record(source.path, source.path, base,
                     error=f"broken archive after {count} page(s): {type(exc).__name__}: {exc}")


def _is_html(record: object) -> bool:
    """True when a warcio record's HTTP Content-Type is an HTML media type."""
    headers = getattr(record, "http_headers", None)
    if headers is None:
        return False
    value = headers.get_header("Content-Type") or ""
    return value.split(";", 1)[0].strip().lower() in HTML_CONTENT_TYPES


def _archive_record(record: object, source: Source, relpath: str, max_bytes: int) -> Record:
    """A :class:`Record` for one warcio response record (payload de-chunked and
    content-decoded), named by its WARC-Record-ID."""
    headers = record.rec_headers  # type: ignore[attr-defined]
    record_id = headers.get_header("WARC-Record-ID") or relpath
    url = headers.get_header("WARC-Target-URI")
    try:
        data: bytes = record.content_stream().read(max_bytes + 1)  # type: ignore[attr-defined]
    except Exception as exc:  # a bad chunked or gzip encoding of this one payload
        return Record(record_id, source.path, relpath, url, host_of(url),
                      error=f"unreadable payload: {type(exc).__name__}: {exc}")
    if len(data) > max_bytes:
        return Record(record_id, source.path, relpath, url, host_of(url),
                      error=f"InputTooLarge: response larger than {max_bytes:,} bytes")
    problem = _damage(record)
    if problem:
        return Record(record_id, source.path, relpath, url, host_of(url), error=problem)
    return Record(record_id, source.path, relpath, url, host_of(url), data=data)


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

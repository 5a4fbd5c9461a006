"""Turn the command line's inputs into records: one record per page to extract.

An input is a file, a folder (walked recursively, in sorted order), ``-`` for standard
input, or a WARC/ARC/WET archive (``.warc``, ``.arc``, ``.wet``, optionally ``.gz``),
whose HTML responses and ``conversion`` records (text dumps) become one record each,
streamed (:mod:`cleantext.archives`). Reading WARC needs the
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
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Literal

from cleantext.archives import (
    ARCHIVE_SUFFIXES,
    HTML_CONTENT_TYPES,
    WarcioMissing,
    is_archive,
    iter_payloads,
)
from cleantext.errors import InputTooLarge
from cleantext.kind import Kind, PageKind, resolve_kind
from cleantext.passes import site_key

__all__ = [
    "ARCHIVE_SUFFIXES",
    "HTML_CONTENT_TYPES",
    "HostPolicy",
    "Record",
    "RecordPages",
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
    given, ``"-"`` for standard input, or the archive's ``WARC-Record-ID``
    (``record_id``, ``None`` outside WARC files). ``source``
    is the file it came from. ``data`` holds the bytes when they are already in memory
    (stdin, archives); otherwise ``path`` is read by :meth:`read`. ``relpath`` is the
    output path (POSIX, no extension) under ``-o DIR/``; ``host`` keys the site
    profile; ``error`` is set when the input could not even be enumerated; ``kind``
    is how an archive record is read (an HTML response or a WET ``conversion`` text
    dump), ``None`` when the file name or content decides; ``date`` the archive
    record's ``WARC-Date``.
    """

    name: str
    source: str
    relpath: str
    url: str | None = None
    host: str | None = None
    path: str | None = None
    data: bytes | None = None
    error: str | None = None
    record_id: str | None = None
    kind: PageKind | None = None
    date: str | None = None

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


@dataclass(frozen=True, slots=True)
class RecordPages:
    """How the site-profile pass reads a :class:`~cleantext.inputs.Record`
    (a :class:`cleantext.passes.PageSource`): its host, its bytes and kind."""

    kind: Kind
    max_bytes: int

    def site(self, item: Record) -> str | None:
        """The record's host, ``None`` for a record that failed to enumerate."""
        return item.host if item.error is None else None

    def load(self, item: Record) -> tuple[bytes, PageKind]:
        """The record's bytes and whether they are HTML or a text dump (an archive
        record's own kind unless ``kind`` forces one; else by name, then content)."""
        data = item.read(self.max_bytes)
        if self.kind == "auto" and item.kind is not None:
            return data, item.kind
        return data, resolve_kind(self.kind, data, item.source)


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
    for suffix in (".html", ".htm", ".xhtml", ".txt", ".wet", ".warc", ".arc"):
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
    """The pages of a WARC/ARC/WET file, one record each, streamed
    (:func:`cleantext.archives.iter_payloads`): HTML responses and ``conversion``
    records (text dumps, as in Common Crawl WET files); the rest is skipped.

    A record's name is its ``WARC-Record-ID``; ARC has no record ids (warcio would
    invent a random one on every read), so an ARC record is named ``ARCHIVE#OFFSET``
    (byte offset of the record), stable from run to run. A record whose payload cannot
    be read gives an error record and the archive goes on; a missing ``warcio`` or an
    archive that breaks part-way gives one error record naming the archive, after the
    records read before the break.
    """
    base = strip_suffixes(source.relpath)
    is_arc = source.path.lower().removesuffix(".gz").endswith(".arc")
    count = 0
    try:
        for payload in iter_payloads(source.path, max_bytes=max_bytes):
            count += 1
            relpath = f"{base}/{count:06d}"
            record_id = None if is_arc else payload.record_id
            name = f"{source.path}#{payload.offset}" if is_arc else (record_id or relpath)
            yield Record(name, source.path, relpath, payload.url, host_of(payload.url),
                         data=payload.data, error=payload.error, record_id=record_id,
                         kind=payload.kind, date=payload.date)
    except WarcioMissing as exc:
        yield Record(source.path, source.path, base, error=str(exc))
    except Exception as exc:  # warcio raises assorted errors on a corrupt archive
        yield Record(source.path, source.path, base,
                     error=f"broken archive after {count} page(s): {type(exc).__name__}: {exc}")

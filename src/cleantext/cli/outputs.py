"""What the command writes: each page rendered in its format, and where it goes.

Formats: ``txt`` (the body), ``json`` (the whole document plus an ``options`` key with
the effective options), ``jsonl`` (a header record ``{"cleantext": VERSION, "options":
{...}}`` first, then one record per input), ``markdown``, ``explain`` and ``wet`` (a
WARC file of conversion records, :mod:`cleantext.cli.wet`). Outputs go
to one stream (stdout or ``-o FILE``, :class:`StreamSink`) or one file per input
(``-o DIR/``, :class:`DirSink`); files appear atomically (:class:`AtomicFile`).
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal

from cleantext import __version__
from cleantext.cli.wet import conversion_record
from cleantext.document import Document
from cleantext.inputs import Record
from cleantext.options import Options
from cleantext.render import terminal_lines

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "AtomicFile",
    "DirSink",
    "Format",
    "Outcome",
    "StreamSink",
    "header_record",
    "jsonl_record",
    "render",
    "render_markdown",
    "write_atomic",
]

Format = Literal["txt", "json", "jsonl", "markdown", "html", "explain", "wet"]
FORMATS: tuple[str, ...] = ("txt", "json", "jsonl", "markdown", "html", "wet")
"""Values of ``--format``; ``--explain`` is one more, terminal-only rendering."""

EXTENSIONS: Mapping[str, str] = {
    "txt": ".txt", "json": ".json", "jsonl": ".jsonl", "markdown": ".md", "html": ".html",
    "explain": ".txt", "wet": ".warc.wet",
}
"""File extension of each format's output under ``-o DIR/``."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of one page: its rendering (``None`` when it failed, except in
    ``jsonl`` where the record carries the error) and the error message if any."""

    name: str
    relpath: str
    rendered: str | None
    error: str | None = None
    detail: str = ""


def render_markdown(doc: Document) -> str:
    """The title as a ``#`` heading, then the body with its headings, lists, tables,
    code and quotes (:meth:`Document.to_markdown`)."""
    return doc.to_markdown()


def jsonl_record(record: Record, doc: Document | None, error: str | None,
                 markdown: bool = False) -> str:
    """The JSON Lines record of one input: id (path or WARC-Record-ID), source file,
    record_id (the WARC-Record-ID, ``null`` outside WARC/WET files), url, title, text,
    label_counts, metadata, ``markdown`` when asked (the body as
    :meth:`Document.to_markdown`) and error (``null`` when it worked)."""
    data: dict[str, Any] = {
        "id": record.name,
        "source": record.source,
        "record_id": record.record_id,
        "url": doc.url if doc is not None and doc.url else record.url,
        "title": doc.title if doc is not None else None,
        "text": doc.text if doc is not None else None,
        "label_counts": doc.label_counts if doc is not None else None,
        "metadata": doc.metadata.to_dict() if doc is not None else None,
    }
    if markdown:
        data["markdown"] = doc.to_markdown() if doc is not None else None
    data["error"] = error
    return json.dumps(data, ensure_ascii=False)


def header_record(options: Options) -> str:
    """The first line of every ``jsonl`` output: the version and the effective options
    (no ``id`` key, so it cannot be mistaken for a page's record)."""
    return json.dumps({"cleantext": __version__, "options": options.to_dict()})


def render(doc: Document, record: Record, fmt: Format, options: Options, *,
           colour: bool = False, width: int = 100, markdown: bool = False) -> str:
    """``doc`` in format ``fmt`` (no trailing newline); ``json`` records ``options``,
    ``colour`` and ``width`` (terminal cells) shape ``explain``, ``markdown`` adds the
    markdown to ``jsonl`` records."""
    if fmt == "json":
        data: dict[str, Any] = {**doc.to_dict(), "options": options.to_dict()}
        return json.dumps(data, ensure_ascii=False, indent=2)
    if fmt == "jsonl":
        return jsonl_record(record, doc, None, markdown)
    if fmt == "markdown":
        return render_markdown(doc)
    if fmt == "html":
        return doc.to_html()
    if fmt == "wet":
        return conversion_record(doc, record)
    if fmt == "explain":
        return "\n".join(terminal_lines(doc, colour=colour, width=width))
    return doc.text


class AtomicFile:
    """A file that appears at ``path`` complete or not at all.

    Bytes go to a hidden temporary file in the same folder (so the final rename stays
    on one file system); :meth:`commit` flushes and renames it over ``path`` with
    :func:`os.replace`, :meth:`abort` deletes it. The temporary file is created with
    mode 0o666 minus the umask, like any file the user writes.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.temp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        fd = os.open(self.temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        self.handle: BinaryIO = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        """Append ``data`` to the temporary file."""
        self.handle.write(data)

    def commit(self) -> None:
        """Make the file appear at its path (replacing any older file there)."""
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        os.replace(self.temp, self.path)

    def abort(self) -> None:
        """Drop the temporary file; ``path`` is left as it was."""
        self.handle.close()
        self.temp.unlink(missing_ok=True)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through an :class:`AtomicFile`."""
    out = AtomicFile(path)
    try:
        out.write(data)
    except BaseException:
        out.abort()
        raise
    out.commit()


class StreamSink:
    """All outputs in one stream (stdout or one file), in order.

    A batch in ``json`` is a JSON array; ``txt`` documents are separated by an empty
    line (a body never contains one); ``markdown`` documents by a ``---`` rule;
    ``explain`` gets a ``==> name <==`` header per page; ``jsonl`` one line per input,
    after the ``header`` line (:func:`header_record`) written first when given.
    """

    def __init__(self, write: Callable[[bytes], None], fmt: Format, batch: bool,
                 header: str | None = None) -> None:
        self._write = write
        self._fmt = fmt
        self._batch = batch
        self._count = 0
        if header is not None:
            write((header + "\n").encode("utf-8"))

    def add(self, outcome: Outcome) -> None:
        """Write one outcome (skipped when it failed and has no rendering)."""
        if outcome.rendered is None:
            return
        text = outcome.rendered
        if self._batch and self._fmt == "explain":
            text = f"==> {outcome.name} <==\n{text}"
        if self._count:
            text = self._separator() + text
        elif self._batch and self._fmt == "json":
            text = "[\n" + text
        self._write((text + "\n").encode("utf-8"))
        self._count += 1

    @property
    def written(self) -> int:
        """Outputs written so far (count)."""
        return self._count

    def _separator(self) -> str:
        return {"json": ",\n", "jsonl": "", "markdown": "\n---\n\n",
                "html": "\n<hr>\n"}.get(self._fmt, "\n")

    def finish(self) -> None:
        """Close the JSON array of a batch."""
        if self._batch and self._fmt == "json":
            self._write(b"]\n" if self._count else b"[]\n")


class DirSink:
    """One file per input under ``root``, each written atomically, at the input's
    relative path with its extension (and ``.gz``) replaced by the format's. When two
    inputs would share a name (``a.html`` and ``a.html.gz``), the later one keeps its
    full file name (``a.html.gz.txt``), then gets ``~2``, ``~3``… Failed inputs write
    nothing. A ``header`` line (``jsonl``) starts every file."""

    def __init__(self, root: Path, fmt: Format, header: str | None = None) -> None:
        self._root = root
        self._suffix = EXTENSIONS[fmt]
        self._used: set[Path] = set()
        self._header = "" if header is None else header + "\n"

    def _path(self, outcome: Outcome) -> Path:
        base = self._root.joinpath(*outcome.relpath.split("/"))
        path = base.with_name(base.name + self._suffix)
        if path in self._used:
            path = base.with_name(Path(outcome.name).name + self._suffix)
        number = 2
        while path in self._used:
            path = base.with_name(f"{base.name}~{number}{self._suffix}")
            number += 1
        self._used.add(path)
        return path

    def add(self, outcome: Outcome) -> None:
        """Write one outcome's file."""
        if outcome.rendered is None:
            return
        text = self._header + outcome.rendered + "\n"
        write_atomic(self._path(outcome), text.encode("utf-8"))

    def finish(self) -> None:
        """Nothing left to do: every file was committed as it came."""

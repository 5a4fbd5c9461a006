"""``--format wet``: the cleaned pages as a WET file, for corpus builders.

The output is a WARC/1.0 file shaped like Common Crawl's WET files: one ``warcinfo``
record first (the cleantext version and the effective options, as the ``jsonl``
header), then one ``conversion`` record per page holding the cleaned body text, its
``WARC-Target-URI`` the page's URL and its ``WARC-Refers-To`` the record it was
extracted from. Written by hand (the format is simple), so writing needs no
``warcio``; warcio reads it back. Each record is its own gzip member when the output
file name ends in ``.gz`` (as WET files are), plain otherwise (standard output).

Record ids are derived from the input (a name-based UUID), and a record's date is the
source record's ``WARC-Date`` when it has one, so the same input gives the same file.
"""

from __future__ import annotations

import json
import uuid
import zlib
from collections.abc import Callable
from datetime import datetime, timezone

from cleantext import __version__
from cleantext.document import Document
from cleantext.inputs import Record
from cleantext.options import Options

__all__ = ["WetSink", "conversion_record", "warcinfo_record"]

_NAMESPACE = uuid.UUID("6f0b7c52-3c1e-4f57-9b1e-2f3d0c1e7a11")
"""Namespace of the name-based (version 5) UUIDs that identify output records."""

_GZIP_LEVEL = 6
"""zlib level of each gzip member: gzip(1)'s default, a fair size/speed trade."""


def _header_value(value: str) -> str:
    """``value`` on one line: a WARC header cannot hold CR or LF."""
    return " ".join(value.split())


def _record(fields: list[tuple[str, str]], body: bytes) -> str:
    """One WARC/1.0 record as text (headers CRLF-separated, the UTF-8 body, and the
    two CRLFs that end a record). ``Content-Length`` is the body's length in bytes."""
    head = ["WARC/1.0", *(f"{k}: {_header_value(v)}" for k, v in fields),
            f"Content-Length: {len(body)}"]
    return "\r\n".join(head) + "\r\n\r\n" + body.decode("utf-8") + "\r\n\r\n"


def _now() -> str:
    """The current UTC time as a WARC-Date (ISO 8601, seconds, ``Z``)."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _record_uri(name: str) -> str:
    """A WARC-Record-ID made from ``name``: the same name, the same id."""
    return f"<urn:uuid:{uuid.uuid5(_NAMESPACE, name)}>"


def warcinfo_record(options: Options) -> str:
    """The first record of the output: software and effective options (JSON)."""
    body = (f"software: cleantext/{__version__}\r\n"
            f"format: WARC file of cleaned page text (conversion records)\r\n"
            f"cleantext-options: {json.dumps(options.to_dict(), sort_keys=True)}\r\n")
    fields = [("WARC-Type", "warcinfo"), ("WARC-Date", _now()),
              ("WARC-Record-ID", _record_uri(f"warcinfo {body}")),
              ("Content-Type", "application/warc-fields")]
    return _record(fields, body.encode("utf-8"))


def conversion_record(doc: Document, record: Record) -> str:
    """The ``conversion`` record of one page: its cleaned body text, with the page's
    URL, the id of the record it came from (``WARC-Refers-To``), its title and label
    counts (``Cleantext-Title``, ``Cleantext-Labels``, JSON)."""
    fields = [("WARC-Type", "conversion")]
    url = doc.url or record.url
    if url:
        fields.append(("WARC-Target-URI", url))
    fields += [("WARC-Date", record.date or _now()),
               ("WARC-Record-ID", _record_uri(f"{record.source}\0{record.name}"))]
    if record.record_id:
        fields.append(("WARC-Refers-To", record.record_id))
    if doc.title:
        fields.append(("Cleantext-Title", doc.title))
    fields += [("Cleantext-Labels", json.dumps(doc.label_counts, sort_keys=True)),
               ("Content-Type", "text/plain")]
    return _record(fields, doc.text.encode("utf-8"))


class WetSink:
    """Writes the warcinfo record, then every page's conversion record, in order;
    each record a gzip member when ``compress`` is true."""

    def __init__(self, write: Callable[[bytes], None], options: Options, *,
                 compress: bool) -> None:
        self._write = write
        self._compress = compress
        self._count = 0
        self._emit(warcinfo_record(options))

    def _emit(self, text: str) -> None:
        data = text.encode("utf-8")
        if self._compress:
            packer = zlib.compressobj(_GZIP_LEVEL, zlib.DEFLATED, 31)
            data = packer.compress(data) + packer.flush()
        self._write(data)

    def add(self, outcome: object) -> None:
        """Write one outcome's record (a failed page has none)."""
        rendered: str | None = getattr(outcome, "rendered", None)
        if rendered is None:
            return
        self._emit(rendered)
        self._count += 1

    @property
    def written(self) -> int:
        """Page records written so far (count)."""
        return self._count

    def finish(self) -> None:
        """Nothing to close: every record is complete as written."""

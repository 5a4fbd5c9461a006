"""The lines of a page as a site profile sees them, and their stable hashes.

:func:`page_lines` decodes and segments a page exactly as extraction does, so the
hashes a :class:`~cleantext.SiteProfile` stores (:func:`line_hash`) match the lines the
feature stage later asks about. :func:`looks_like_html` is the cheap sniff that tells
an HTML page from a text dump when the caller does not say.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Final

import numpy as np
import numpy.typing as npt
import regex

from cleantext.decode import to_text
from cleantext.options import Options
from cleantext.segment import segment_html, segment_text
from cleantext.textutil import normalise_line

__all__ = ["HashArray", "line_hash", "line_hashes", "looks_like_html", "normalised_hashes",
           "page_hashes", "page_lines"]

HashArray = npt.NDArray[np.uint64]

_HTML_SNIFF_CHARS: Final = 4096
"""Characters at the start of a page inspected to decide whether it is HTML."""

_HTML_TAG = regex.compile(r"<(?:[a-zA-Z][a-zA-Z0-9-]*[\s/>]|!--|!doctype|/[a-zA-Z])",
                          regex.IGNORECASE)


def _digest(normalised: str) -> bytes:
    return hashlib.blake2b(normalised.encode("utf-8"), digest_size=8).digest()


def line_hash(text: str) -> int:
    """Stable 64-bit hash (unsigned int) of :func:`normalise_line` of ``text``.

    blake2b with an 8-byte digest, read little-endian: the same on every machine and
    in every process (Python's own ``hash()`` is salted per process).
    """
    return int.from_bytes(_digest(normalise_line(text)), "little")


def line_hashes(texts: Iterable[str]) -> HashArray:
    """:func:`line_hash` of every text, as a ``uint64`` array in input order."""
    return normalised_hashes(normalise_line(t) for t in texts)


def normalised_hashes(normalised: Iterable[str]) -> HashArray:
    """The hash of every already-normalised line, as a ``uint64`` array in input order."""
    joined = b"".join(_digest(n) for n in normalised)
    return np.frombuffer(joined, dtype="<u8").astype(np.uint64)


def page_hashes(lines: Iterable[str]) -> HashArray:
    """Sorted distinct hashes of the non-empty normalised lines of one page."""
    normalised = (normalise_line(line) for line in lines)
    joined = b"".join(_digest(n) for n in normalised if n)
    return np.unique(np.frombuffer(joined, dtype="<u8").astype(np.uint64))


def looks_like_html(page: str | bytes) -> bool:
    """True when the first 4 KB of ``page`` contain tag markup (``<p``, ``</``,
    ``<!--``, ``<!doctype``); a text dump with ``a < b`` in it is still text.

    Bytes are sniffed without decoding: markup is ASCII in every encoding a page
    uses, and NUL bytes are dropped first so UTF-16/32 pages are recognised too.
    """
    head = page[:_HTML_SNIFF_CHARS]
    if isinstance(head, bytes):
        head = head.replace(b"\x00", b"").decode("latin-1")
    return _HTML_TAG.search(head) is not None


def page_lines(page: str | bytes, *, text: bool | None = None,
               options: Options | None = None) -> list[str]:
    """The lines extraction sees for ``page``, in order.

    Decoded and segmented exactly as :func:`cleantext.extract` does (same decoder, same
    segmenter, same ``options`` limits), so a profile's hashes match the lines the
    feature stage later asks about. ``text=True`` reads a text dump (one block per
    line), ``False`` HTML, ``None`` decides by :func:`looks_like_html`. Raises what
    extraction raises for unreadable input (:class:`~cleantext.InputTooLarge`,
    :class:`~cleantext.DecodeError`, :class:`~cleantext.ParseError`).
    """
    opts = Options() if options is None else options
    decoded = to_text(page, opts.max_input_bytes, opts.max_control_share)
    as_text = (not looks_like_html(decoded)) if text is None else text
    segmented = segment_text(decoded, opts) if as_text else segment_html(decoded, opts)
    return [block.text for block in segmented.blocks]


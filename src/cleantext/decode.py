"""Input stage: turn bytes or str into clean text the parser and the line splitter accept.

Bytes are decoded in this order: a byte-order mark; the page's own declaration
(``<meta charset>``, ``http-equiv``, an XML declaration) unless the bytes are valid
UTF-8 that contradicts it; UTF-8; UTF-16 without a BOM (recognised by its NUL
pattern); then a statistical detector (charset-normalizer). Whatever comes out has
NUL and other C0/C1 control characters and lone surrogates removed, because lxml
rejects them and no reader wants them.
"""

from __future__ import annotations

import codecs

import regex

from cleantext.errors import DecodeError, InputTooLarge

__all__ = ["clean_text", "decode_bytes", "to_text"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# A charset declaration near the top of the page: <meta charset=...>,
# <meta http-equiv content="...; charset=...">, or <?xml ... encoding="...">.
_DECLARED = regex.compile(
    rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", regex.IGNORECASE
)
_HEAD_BYTES = 4096  # declarations must sit in the first 4 KiB (as the HTML spec's prescan)
# Latin-1 as declared on the web means windows-1252 (WHATWG Encoding Standard).
_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
            "us-ascii": "cp1252", "ascii": "cp1252", "x-user-defined": "cp1252",
            "win-1251": "cp1251", "gb2312": "gb18030", "gbk": "gb18030"}
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\p{Cs}\ufffe\uffff]+")


def clean_text(text: str) -> str:
    """``text`` without NUL, other control characters and lone surrogates."""
    return _CONTROL.sub("", text)


def _declared(data: bytes) -> str | None:
    match = _DECLARED.search(data[:_HEAD_BYTES])
    if match is None:
        return None
    name = match.group(1).decode("ascii").lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte of the head is NUL (ASCII-heavy UTF-16)."""
    head = data[:2048]
    if len(head) < 4:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd > 0.4 * len(head) / 2 and even < 0.05 * len(head) / 2:
        return "utf-16-le"
    if even > 0.4 * len(head) / 2 and odd < 0.05 * len(head) / 2:
        return "utf-16-be"
    return None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(data: bytes) -> str:
    """Decode page bytes to text (see the module docstring for the order of evidence).

    Raises :class:`DecodeError` only when nothing yields text, which with the
    detector's last resort (windows-1252 with replacement) does not happen for
    non-empty input; binary junk is caught later by the caller's control-share check.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return data.decode(utf16, errors="replace")
    as_utf8 = _try(data, "utf-8")
    declared = _declared(data)
    if declared is not None and (as_utf8 is None or declared == "utf-8" or data.isascii()):
        text = _try(data, declared)
        if text is not None:
            return text
    if as_utf8 is not None:
        return as_utf8
    return _detect(data)


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 1 << 20]).best()
    encoding = best.encoding if best is not None else "cp1252"
    try:
        return data.decode(encoding, errors="replace")
    except LookupError as exc:  # pragma: no cover - detector names a codec Python lacks
        raise DecodeError(f"no usable encoding for input (detector said {encoding})") from exc


def to_text(page: str | bytes, max_bytes: int, max_control_share: float) -> str:
    """The page as clean text.

    Raises :class:`InputTooLarge` past ``max_bytes`` (for ``str`` its length in
    characters, a cheap stand-in for its UTF-8 size), and :class:`DecodeError` when
    more than ``max_control_share`` of the decoded characters are control characters:
    such input is binary (an image, a zip), not a page.
    """
    if isinstance(page, bytes | bytearray | memoryview):
        data = bytes(page)
        if len(data) > max_bytes:
            raise InputTooLarge("max_input_bytes", len(data), max_bytes)
        text = decode_bytes(data)
    elif isinstance(page, str):
        if len(page) > max_bytes:
            raise InputTooLarge("max_input_bytes", len(page), max_bytes)
        text = page
    else:
        raise TypeError(f"page must be str or bytes, not {type(page).__name__}")
    cleaned = clean_text(text)
    dropped = len(text) - len(cleaned)
    if text and dropped > max_control_share * len(text):
        raise DecodeError(
            f"input looks binary: {dropped:,} of {len(text):,} characters are control characters"
        )
    return cleaned

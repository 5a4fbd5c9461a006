"""Input stage: turn bytes or str into clean text the parser and the line splitter accept.

Bytes are decoded in this order: a byte-order mark; the page's own declaration
(``<meta charset>``, ``http-equiv``, an XML declaration) unless the bytes are valid
UTF-8 that contradicts it; UTF-8; UTF-16 without a BOM (recognised by its NUL
pattern); UTF-8 with stray invalid bytes or a pasted-in legacy passage (decoded run
by run); then a statistical detector (charset-normalizer). Whatever comes out has
NUL and other C0/C1 control characters and lone surrogates removed, because lxml
rejects them and no reader wants them.
"""

from __future__ import annotations

import codecs
import re

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
# UTF-16 high bytes of one alphabetic script plus ASCII: 0x00 and one or two blocks.
_UTF16_HIGH_BYTES = 8
# One maximal run of well-formed UTF-8 (RFC 3629 table): alternatives are disjoint by
# their first byte, so matching is linear.
_UTF8_RUN = regex.compile(
    rb"(?:[\x00-\x7f]|[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]"
    rb"|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2})+"
)
_NOT_LEAD = bytes(range(0xC2))  # deleting these leaves UTF-8 lead bytes (and junk >= 0xf5)
# Valid multi-byte sequences per invalid run for UTF-8 to win: against a legacy
# declaration, strong evidence; on a page that says UTF-8 (or nothing), a tenth is
# plenty (legacy text makes a valid sequence by chance about once per 100 words).
_STRONG_UTF8 = 10.0
_WEAK_UTF8 = 0.1
_MIN_DETECT_BYTES = 64  # fewer invalid bytes than this are decoded as windows-1252
# The standard library's engine scans this plain character class about twice as fast
# as ``regex`` (it runs over the whole page, so it counts).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]+")


# The same characters in UTF-8, for the fast check of :func:`_is_clean`: ASCII
# controls as bytes to delete, C1 controls (U+0080-U+009F) and U+FFFE/U+FFFF as byte
# sequences. Lone surrogates make the strict UTF-8 encoding fail.
_ASCII_CONTROL_BYTES = bytes((*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F))
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")
_NONCHAR_UTF8 = re.compile(rb"\xef\xbf[\xbe\xbf]")


def clean_text(text: str) -> str:
    """``text`` without NUL, other control characters and lone surrogates."""
    return _clean(text)[0]


def _clean(text: str, utf8: bytes | None = None) -> tuple[str, bytes | None]:
    """:func:`clean_text`, and the text's UTF-8 encoding when the check made it (the
    text was clean), so the parser need not encode the page a second time. ``utf8``
    is the text's UTF-8 encoding when the caller has it (the page's own bytes)."""
    data = _clean_utf8(text, utf8)
    if data is not None:
        return text, data
    return _CONTROL.sub("", text), None


def _clean_utf8(text: str, data: bytes | None = None) -> bytes | None:
    """The UTF-8 encoding of ``text`` (``data`` when given) when it has none of the
    characters :data:`_CONTROL` removes, else None.

    About four times faster than scanning with :data:`_CONTROL` on a typical page
    (UTF-8 encoding, a byte delete and two searches with a literal prefix all run in
    C over bytes), and most pages are clean, so the slow scan runs only on the rest.
    """
    if data is None:
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates
            return None
    if (len(data.translate(None, _ASCII_CONTROL_BYTES)) == len(data)
            and _C1_UTF8.search(data) is None and _NONCHAR_UTF8.search(data) is None):
        return data
    return None


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
    """``utf-16-le``/``-be`` for BOM-less UTF-16, judged on the first 2 KiB.

    ASCII-heavy UTF-16 has NUL in every other byte. Text in one alphabetic script
    (Cyrillic, Greek, Arabic...) with ASCII spaces or markup has few distinct high
    bytes (0x00 and the script's block) against many distinct low bytes; that pattern
    needs NULs to exist (at least 2% of the head), which 8-bit text never has.
    """
    head = data[:2048]
    if len(head) < 4:
        return None
    half = len(head) / 2
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    if even + odd < 0.02 * len(head):
        return None
    low_le, high_le = len(set(head[0::2])), len(set(head[1::2]))
    if high_le <= _UTF16_HIGH_BYTES and low_le >= 3 * high_le:
        return "utf-16-le"
    if low_le <= _UTF16_HIGH_BYTES and high_le >= 3 * low_le:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes, min_ratio: float) -> str | None:
    """UTF-8 with stray invalid bytes or pasted-in legacy text, decoded run by run.

    Valid UTF-8 runs are decoded as UTF-8; the invalid runs between them in one legacy
    encoding, the detector's guess for all of them together (windows-1252 when they
    are too few to judge). Used when there is a valid multi-byte sequence and they
    number at least ``min_ratio`` times the invalid runs; otherwise None (the page is
    in a legacy encoding: its non-ASCII bytes hardly ever form valid UTF-8 by chance).
    """
    bad: list[tuple[int, int]] = []
    pos = 0
    for match in _UTF8_RUN.finditer(data):
        if match.start() > pos:
            bad.append((pos, match.start()))
        pos = match.end()
    if pos < len(data):
        bad.append((pos, len(data)))
    bad_lead = sum(len(data[a:b].translate(None, _NOT_LEAD)) for a, b in bad)
    multibyte = len(data.translate(None, _NOT_LEAD)) - bad_lead
    if not bad or multibyte < max(1.0, min_ratio * len(bad)):
        return None
    junk = b" ".join(data[a:b] for a, b in bad)
    encoding = _detect_encoding(junk) if len(junk) >= _MIN_DETECT_BYTES else "cp1252"
    pieces: list[str] = []
    pos = 0
    for a, b in bad:
        pieces.append(data[pos:a].decode("utf-8"))
        pieces.append(data[a:b].decode(encoding, errors="replace"))
        pos = b
    pieces.append(data[pos:].decode("utf-8"))
    return "".join(pieces)


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
    return _decode(data)[0]


def _decode(data: bytes) -> tuple[str, bool]:
    """:func:`decode_bytes`, and whether the text is ``data`` read as strict UTF-8
    (then ``data`` is the text's UTF-8 encoding, which the parser reads: the page
    need not be encoded again, about 0.1 ms for a 170 KB page)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace"), False
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return data.decode(utf16, errors="replace"), False
    as_utf8 = _try(data, "utf-8")
    declared = _declared(data)
    if as_utf8 is None:
        # Against a legacy declaration, UTF-8 needs strong evidence to win.
        claims_utf8 = declared in (None, "utf-8")
        mixed = _mostly_utf8(data, _WEAK_UTF8 if claims_utf8 else _STRONG_UTF8)
        if mixed is not None:
            return mixed, False
    if as_utf8 is not None and declared in (None, "utf-8"):
        return as_utf8, True  # decoding it again as the declared UTF-8 gives the same
    if declared is not None and (as_utf8 is None or data.isascii()):
        text = _try(data, declared)
        if text is not None:
            return text, False
    if as_utf8 is not None:
        return as_utf8, True
    return _detect(data), False


def _detect_encoding(data: bytes) -> str:
    """The detector's encoding for ``data`` (first MiB), windows-1252 when it has none."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 1 << 20]).best()
    encoding = best.encoding if best is not None else "cp1252"
    try:
        return codecs.lookup(encoding).name
    except LookupError:  # pragma: no cover - detector names a codec Python lacks
        return "cp1252"


def _detect(data: bytes) -> str:
    return data.decode(_detect_encoding(data), errors="replace")


def to_text(page: str | bytes, max_bytes: int, max_control_share: float) -> str:
    """The page as clean text (see :func:`decode_page`)."""
    return decode_page(page, max_bytes, max_control_share)[0]


def decode_page(page: str | bytes, max_bytes: int, max_control_share: float
                ) -> tuple[str, bytes | None]:
    """The page as clean text, and its UTF-8 encoding when that came for free (None
    otherwise): the HTML parser reads UTF-8, and encoding a page costs about as
    much as checking it.

    Raises :class:`InputTooLarge` past ``max_bytes`` (for ``str`` its length in
    characters, a cheap stand-in for its UTF-8 size), and :class:`DecodeError` when
    more than ``max_control_share`` of the decoded characters are control characters:
    such input is binary (an image, a zip), not a page.
    """
    if isinstance(page, bytes | bytearray | memoryview):
        data = bytes(page)
        if len(data) > max_bytes:
            raise InputTooLarge("max_input_bytes", len(data), max_bytes)
        text, exact = _decode(data)
        known = data if exact else None
    elif isinstance(page, str):
        if len(page) > max_bytes:
            raise InputTooLarge("max_input_bytes", len(page), max_bytes)
        text, known = page, None
    else:
        raise TypeError(f"page must be str or bytes, not {type(page).__name__}")
    cleaned, utf8 = _clean(text, known)
    dropped = len(text) - len(cleaned)
    if text and dropped > max_control_share * len(text):
        raise DecodeError(
            f"input looks binary: {dropped:,} of {len(text):,} characters are control characters"
        )
    return cleaned, utf8

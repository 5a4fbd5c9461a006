"""Decode stage: bytes → clean text, in the documented order of evidence."""

from __future__ import annotations

import codecs
import random

import pytest

from cleantext.decode import clean_text, decode_bytes, decode_page, to_text
from cleantext.errors import DecodeError, ExtractionError, InputTooLarge

RU = ("Президент России Владимир Путин планирует поездку в Северную Корею после "
      "приглашения из Пхеньяна, сообщил в понедельник пресс-секретарь Кремля.")
DE = "Grüße aus Köln – „Anführungszeichen“ und ein Euro-Zeichen: 5 €."
LIMIT = 1 << 20


def _page(charset: str | None, paragraph: str) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return f"<html><head>{meta}<title>t</title></head><body><p>{paragraph}</p></body></html>"


@pytest.mark.parametrize(("bom", "encoding"), [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
])
def test_byte_order_mark_decides_and_is_dropped(bom: bytes, encoding: str) -> None:
    # The meta tag lies; the BOM wins over it.
    page = _page("windows-1251", DE)
    assert decode_bytes(bom + page.encode(encoding)) == page


def test_meta_charset_is_used_for_legacy_bytes() -> None:
    page = _page("windows-1251", RU)
    assert decode_bytes(page.encode("cp1251")) == page


def test_http_equiv_and_xml_declarations_are_read() -> None:
    equiv = ('<html><head><meta http-equiv="Content-Type" content="text/html; '
             f'charset=koi8-r"></head><body><p>{RU}</p></body></html>')
    assert decode_bytes(equiv.encode("koi8-r")) == equiv
    xml = f'<?xml version="1.0" encoding="windows-1251"?><html><body><p>{RU}</p></body></html>'
    assert decode_bytes(xml.encode("cp1251")) == xml


def test_latin1_declaration_means_windows_1252() -> None:
    page = _page("iso-8859-1", "Smart “quotes” and a dash – in 1252.")
    assert decode_bytes(page.encode("cp1252")) == page


def test_wrong_declaration_is_overruled_by_valid_utf8() -> None:
    page = _page("iso-8859-1", DE)
    assert decode_bytes(page.encode("utf-8")) == page
    page = _page("windows-1251", RU)
    assert decode_bytes(page.encode("utf-8")) == page


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("paragraph", ["Plain ASCII paragraph of a page.", RU])
def test_utf16_without_bom(encoding: str, paragraph: str) -> None:
    page = _page(None, paragraph)
    assert decode_bytes(page.encode(encoding)) == page


def test_invalid_utf8_without_declaration_goes_to_the_detector() -> None:
    page = _page(None, " ".join([RU] * 3))
    assert decode_bytes(page.encode("cp1251")) == page


def test_legacy_bytes_declared_utf8_go_to_the_detector() -> None:
    page = _page("utf-8", " ".join([RU] * 3))
    assert RU in decode_bytes(page.encode("cp1251"))


def test_stray_invalid_byte_in_utf8_keeps_the_rest() -> None:
    data = _page(None, DE).encode("utf-8").replace(b"<p>", b"<p>\xff ")
    text = decode_bytes(data)
    assert DE in text


def test_binary_junk_raises_decode_error() -> None:
    junk = random.Random(7).randbytes(8192)
    with pytest.raises(DecodeError, match="binary"):
        to_text(junk, LIMIT, 0.1)
    assert issubclass(DecodeError, ExtractionError)


def test_control_share_option_is_the_limit() -> None:
    text = "a" * 90 + "\x00" * 10
    with pytest.raises(DecodeError):
        to_text(text, LIMIT, 0.05)
    assert to_text(text, LIMIT, 0.2) == "a" * 90


def test_nul_and_control_characters_are_removed() -> None:
    assert clean_text("a\x00b\x07c\x1bd\x7fe\x85f\x9fg\ud800h\ufffei") == "abcdefghi"
    assert clean_text("tab\there\nnew\r\nline") == "tab\there\nnew\r\nline"
    assert to_text(b"x\x00y z", LIMIT, 0.5) == "xy z"


@pytest.mark.parametrize("page", [b"x" * 101, "x" * 101])
def test_input_too_large(page: str | bytes) -> None:
    with pytest.raises(InputTooLarge) as info:
        to_text(page, 100, 0.1)
    assert (info.value.limit, info.value.size, info.value.maximum) == ("max_input_bytes", 101,
                                                                       100)
    assert to_text(page[:100], 100, 0.1) == "x" * 100


def test_wrong_type_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        to_text(123, LIMIT, 0.1)  # type: ignore[arg-type]


def test_bytearray_and_memoryview_are_bytes() -> None:
    data = _page(None, DE).encode("utf-8")
    from_array = to_text(bytearray(data), LIMIT, 0.1)  # type: ignore[arg-type]
    assert from_array == to_text(memoryview(data), LIMIT, 0.1)  # type: ignore[arg-type]
    assert from_array == to_text(data, LIMIT, 0.1)


@pytest.mark.parametrize("charset", [None, "utf-8", "UTF8"])
def test_utf8_page_hands_its_own_bytes_to_the_parser(charset: str | None) -> None:
    data = _page(charset, RU).encode("utf-8")
    text, utf8 = decode_page(data, LIMIT, 0.1)
    assert text == data.decode("utf-8")
    assert utf8 is data  # not a second encoding of the same text


def test_legacy_page_and_dirty_utf8_page_get_a_checked_encoding() -> None:
    legacy = _page("windows-1251", RU).encode("cp1251")
    text, utf8 = decode_page(legacy, LIMIT, 0.1)
    assert RU in text and utf8 == text.encode("utf-8")
    dirty = _page("utf-8", DE + "\x00\x07").encode("utf-8")
    text, utf8 = decode_page(dirty, LIMIT, 0.1)
    assert DE in text and "\x00" not in text and "\x07" not in text
    assert utf8 is None  # the parser encodes the cleaned text itself

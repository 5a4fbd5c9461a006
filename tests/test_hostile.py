"""Hostile input: limits, huge and deep pages, broken encodings, entity and network tricks.

Every case asserts on output (text kept, size bounded, typed error raised), never on
time: a regression to quadratic cost shows up as a hang of the suite instead.
"""

from __future__ import annotations

import random
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

import cleantext
from cleantext import DecodeError, ExtractionError, InputTooLarge, Options
from cleantext.decode import decode_bytes
from cleantext.segment import flatten_nesting, split_tokens

PROSE = ("The council approved the new budget on Monday after a long debate about "
         "schools, roads and the future of the old market hall in the town centre.")


def _page(body: str, head: str = "<title>Budget news</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def _all_text(doc: cleantext.Document) -> str:
    return "\n".join(line.text for line in doc.lines)


# --- limits -------------------------------------------------------------------------

def test_input_over_max_bytes_raises_typed_error() -> None:
    opts = Options().with_(max_input_bytes=1000)
    with pytest.raises(InputTooLarge) as info:
        cleantext.extract(b"<p>" + b"x" * 2000 + b"</p>", options=opts)
    assert (info.value.limit, info.value.size, info.value.maximum) == ("max_input_bytes",
                                                                       2007, 1000)
    with pytest.raises(InputTooLarge):
        cleantext.extract_text("y" * 1001, options=opts)
    assert isinstance(info.value, ExtractionError)


def test_max_elements_truncates_the_walk() -> None:
    page = _page("".join(f"<p>{PROSE} Item {i}.</p>" for i in range(3000)))
    doc = cleantext.extract(page, options=Options().with_(max_elements=200))
    assert 0 < len(doc.lines) < 200
    assert "Item 0." in _all_text(doc) and "Item 2999." not in _all_text(doc)


def test_max_lines_and_max_line_chars() -> None:
    dump = "\n".join(f"{PROSE} Line {i}." for i in range(500))
    doc = cleantext.extract_text(dump, options=Options().with_(max_lines=50))
    assert len(doc.lines) == 50
    long_line = "word " * 50_000
    doc = cleantext.extract(_page(f"<p>{long_line}</p>"),
                            options=Options().with_(max_line_chars=1000))
    assert doc.lines and max(len(line.text) for line in doc.lines) <= 1000


def test_max_depth_keeps_text_of_deeper_elements() -> None:
    page = _page("<div>" * 600 + f"<p>{PROSE}</p>" + "</div>" * 600 + "<p>tail text</p>")
    doc = cleantext.extract(page, options=Options().with_(max_depth=20))
    text = _all_text(doc)
    assert PROSE in text and "tail text" in text
    assert all(line.path.count("/") < 12 for line in doc.lines)


@pytest.mark.parametrize("depth", [3000, 100_000])
def test_nesting_beyond_libxml2_limit_keeps_the_rest_of_the_page(depth: int) -> None:
    page = _page("<p>before the nest</p>" + "<div>" * depth + "deep text"
                 + "</div>" * depth + "<p>after the nest</p>")
    text = _all_text(cleantext.extract(page))
    assert "before the nest" in text and "deep text" in text and "after the nest" in text


def test_unclosed_and_misnested_deep_tags_finish_with_bounded_output() -> None:
    page = "<p>before</p>" + "<div><span>x" * 50_000 + "<b></i>" * 10_000
    doc = cleantext.extract(page)
    assert "before" in _all_text(doc)
    assert sum(len(line.text) for line in doc.lines) <= len(page)


def test_flatten_nesting_keeps_text_and_drops_only_deep_tags() -> None:
    assert flatten_nesting("<a><b><c>x</c></b></a>", 1) == "<a>  x  </a>"
    assert flatten_nesting("<p>a<p>b<br><img src=x>c</p>", 1) == "<p>a<p>b<br><img src=x>c</p>"
    assert flatten_nesting("</x><div>ok</div>", 0) == "</x> ok "


def test_many_siblings() -> None:
    doc = cleantext.extract(_page("<div>" + "<span>w</span>" * 50_000 + "</div>"))
    assert len(doc.lines) == 1 and doc.lines[0].text.count("w") == 50_000


def test_huge_class_attribute_is_read_in_bounded_time() -> None:
    unique = " ".join(f"c{i}x" for i in range(1_000_000))
    page = _page(f'<div class="{unique}" title="{"t" * 1_000_000}"><p>{PROSE}</p></div>')
    assert PROSE in _all_text(cleantext.extract(page))
    tokens = split_tokens(unique)
    assert len(tokens) == 24 and tokens[:2] == ("c0x", "c1x")


def test_split_tokens_never_returns_a_cut_word() -> None:
    assert split_tokens("x" * 5000 + " nav") == ()
    assert split_tokens("nav " * 2000 + "y" * 300) == ("nav",)
    assert split_tokens("postBody related-links") == ("post", "body", "related", "links")


def test_absurd_colspan_and_rowspan() -> None:
    row = ('<tr><td colspan=9007199254740991 rowspan=9007199254740991>cell text</td>'
           '<td colspan=-1 rowspan=0>other</td><td colspan="1e308">third</td></tr>')
    doc = cleantext.extract(_page(f"<table>{row * 200}</table>"))
    texts = [line.text for line in doc.lines]
    assert texts.count("cell text") == 200 and texts.count("third") == 200


def test_binary_input_raises_decode_error() -> None:
    rng = random.Random(7)
    for data in (b"\x89PNG\r\n\x1a\n" + rng.randbytes(20_000), b"\x00" * 5000,
                 b"PK\x03\x04" + rng.randbytes(5000)):
        with pytest.raises(DecodeError):
            cleantext.extract(data)
        with pytest.raises(DecodeError):
            cleantext.extract_text(data)


@pytest.mark.parametrize("page", [b"", b"   \n\t ", "", "<html></html>", b"<!-- only -->",
                                  "<script>var x = 1;</script>"])
def test_empty_pages_give_empty_documents(page: str | bytes) -> None:
    doc = cleantext.extract(page)
    assert doc.text == "" and doc.lines == ()


def test_wrong_argument_type_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        cleantext.extract(12345)  # type: ignore[arg-type]


# --- encodings ----------------------------------------------------------------------

RO = ("Preşedintele rus Vladimir Putin planifică o călătorie în Coreea de Nord vecină "
      "după ce a primit o invitaţie din partea Phenianului, a anunţat luni Kremlinul.")
RU = ("Президент России Владимир Путин планирует поездку в Северную Корею после "
      "приглашения из Пхеньяна, сообщил в понедельник пресс-секретарь Кремля.")
EL = "Ο πρόεδρος της Ρωσίας σχεδιάζει ταξίδι στη Βόρεια Κορέα μετά από πρόσκληση."
FR = "Le conseil a voté le budget après un débat animé sur les écoles et la façade."


def _meta_page(charset: str, *paragraphs: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return _page(body, f'<meta charset="{charset}"><title>News</title>')


def test_wrong_meta_charset_is_overruled_by_valid_utf8() -> None:
    data = _meta_page("iso-8859-1", RO, RU).encode("utf-8")
    text = _all_text(cleantext.extract(data))
    assert RO in text and RU in text


def test_legacy_bytes_declared_as_utf8_are_detected() -> None:
    data = _meta_page("utf-8", RU, RU).encode("cp1251")
    assert RU in _all_text(cleantext.extract(data))


def test_correct_legacy_declaration_is_used() -> None:
    data = _meta_page("windows-1252", FR).encode("cp1252")
    assert FR in _all_text(cleantext.extract(data))
    data = _meta_page("koi8-r", RU).encode("koi8-r")
    assert RU in _all_text(cleantext.extract(data))


def test_mixed_encodings_keep_both_passages() -> None:
    head, tail = _meta_page("utf-8", RO, RO).split("</body>")
    data = (head.encode("utf-8") + f"<p>{RU}</p><p>{RU}</p>".encode("cp1251")
            + f"</body>{tail}".encode())
    text = _all_text(cleantext.extract(data))
    assert RO in text and RU in text


def test_utf8_page_with_a_cp1252_passage() -> None:
    head, tail = _meta_page("utf-8", RO).split("</body>")
    data = head.encode("utf-8") + f"<p>{FR}</p>".encode("cp1252") + f"</body>{tail}".encode()
    text = _all_text(cleantext.extract(data))
    assert RO in text and FR in text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
@pytest.mark.parametrize("paragraph", [RO, RU, EL])
def test_utf16_and_utf32_with_and_without_bom(encoding: str, paragraph: str) -> None:
    page = _meta_page("utf-16", paragraph)
    assert paragraph in _all_text(cleantext.extract(page.encode(encoding)))
    dump = f"{paragraph}\n{paragraph}\n"
    assert paragraph in _all_text(cleantext.extract_text(dump.encode(encoding)))


def test_invalid_utf8_sequences_are_replaced_not_fatal() -> None:
    bad = (b"\xff\xfe", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80", b"\xe2\x82",
           b"\x80")
    data = b"".join(b"<p>caf\xc3\xa9 " + junk + b" " + PROSE.encode() + b"</p>" for junk in bad)
    doc = cleantext.extract(data)
    text = _all_text(doc)
    assert text.count(PROSE) == len(bad) and text.count("café") == len(bad)
    assert "\ud800" not in text
    text.encode("utf-8")  # no lone surrogates left: this would raise


def test_nul_and_control_characters_are_removed() -> None:
    noisy = "".join(ch + ("\x00" if i % 17 == 0 else "") for i, ch in enumerate(PROSE))
    for page in (f"<p>{noisy}\x07\x1b[31m</p>", f"<p>{noisy}\x07\x1b[31m</p>".encode()):
        text = _all_text(cleantext.extract(page))
        assert PROSE in text and "[31m" in text
        assert not any(ord(c) < 32 and c not in "\n\t" for c in text)
    text = _all_text(cleantext.extract_text(f"{noisy}\x85\x9f\ufffe\ud800 end"))
    assert PROSE in text and text.endswith(" end")


def test_declared_charset_python_lacks_falls_back() -> None:
    data = _meta_page("x-unknown-charset-42", RO).encode("utf-8")
    assert RO in _all_text(cleantext.extract(data))


def test_decode_bytes_boms() -> None:
    assert decode_bytes(b"\xef\xbb\xbfabc") == "abc"
    assert decode_bytes("abc".encode("utf-16")) == "abc"
    assert decode_bytes("abc".encode("utf-32")) == "abc"


# --- no outside access, no entity expansion -----------------------------------------

@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A loopback TCP socket nobody should connect to (proves no fetch was attempted)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.setblocking(False)
    yield sock
    sock.close()


def _connections(sock: socket.socket) -> int:
    count = 0
    while True:
        try:
            conn, _ = sock.accept()
        except BlockingIOError:
            return count
        conn.close()
        count += 1


def test_external_entities_xinclude_and_links_are_never_fetched(
        tmp_path: Path, listener: socket.socket) -> None:
    secret = tmp_path / "secret.txt"
    marker = "SECRET-MARKER-51f0c2"
    secret.write_text(marker + "\n", encoding="utf-8")
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/x"
    page = f"""<?xml version="1.0"?>
<!DOCTYPE html [
  <!ENTITY file SYSTEM "{secret.as_uri()}">
  <!ENTITY passwd SYSTEM "file:///etc/passwd">
  <!ENTITY net SYSTEM "{url}/entity">
  <!ENTITY % pe SYSTEM "{url}/dtd"> %pe;
]>
<html xmlns:xi="http://www.w3.org/2001/XInclude"><head><title>Entities</title>
<link rel="stylesheet" href="{url}/css"><script src="{url}/js"></script></head>
<body><p>Start &file; &passwd; &net; end.</p>
<xi:include href="{secret.as_uri()}" parse="text"/>
<xi:include href="{url}/xinclude" parse="text"/>
<iframe src="{url}/frame"></iframe><img src="{url}/img"><object data="{url}/obj"></object>
<p>{PROSE}</p></body></html>"""
    for doc in (cleantext.extract(page), cleantext.extract(page.encode()),
                cleantext.extract_text(page)):
        text = _all_text(doc) + (doc.title or "")
        assert marker not in text and "root:" not in text
    assert PROSE in _all_text(cleantext.extract(page))
    assert _connections(listener) == 0


def test_billion_laughs_is_not_expanded() -> None:
    defs = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)]
    page = (f"<!DOCTYPE html [{''.join(defs)}]><html><body><p>&lol9; {PROSE}</p>"
            f"<p>{'&lol9;' * 1000}</p></body></html>")
    for doc in (cleantext.extract(page), cleantext.extract(page.encode())):
        out = sum(len(line.text) for line in doc.lines) + len(doc.title or "")
        assert out <= len(page)
        assert "lollollol" not in _all_text(doc)


def test_quadratic_blowup_entity_is_not_expanded() -> None:
    big = "x" * 100_000
    page = (f'<!DOCTYPE html [<!ENTITY a "{big}">]><html><body><p>'
            + "&a;" * 10_000 + "</p></body></html>")
    doc = cleantext.extract(page)
    assert sum(len(line.text) for line in doc.lines) <= len(page)

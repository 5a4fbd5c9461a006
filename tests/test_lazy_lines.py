"""Document.lines is built on first read: the contract that nothing observable changes.

An extraction keeps what its lines are made from and builds the ``Line`` objects when
a caller first reads ``Document.lines`` (directly or through equality, ``repr``,
pickling, ``to_dict`` ...). These tests pin that a Document whose lines were never read
behaves exactly like one whose lines were read, and that reading only the body text,
title or label counts builds no line.
"""

from __future__ import annotations

import copy
import dataclasses
import gzip
import pickle
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cleantext import Document, Label, Line, Reason, extract, extract_text
from cleantext.assemble import PageLines

SAMPLE = Path(__file__).parent / "fixtures" / "sample" / "html"
PROSE = ("The council met on Tuesday and voted to repair the old bridge before winter, "
         "after engineers warned that the crossing would not survive another season.")
PROSE_2 = ("Work is due to start in March. Engineers expect the repairs to take six weeks, "
           "during which a ferry will carry pedestrians across the river free of charge.")
PAGE = ("<html><head><title>Bridge repairs | Town News</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Bridge repairs</h1><p>{PROSE}</p><p>{PROSE_2}</p></article>"
        "<footer><p>© 2024 Town News. All rights reserved.</p></footer></body></html>")
DUMP = f"Bridge repairs\nHome | News | Sport\n{PROSE}\n{PROSE_2}\n© 2024 Town News"


def _sample_page() -> str:
    """A bundled real page (many lines, every kind of reason)."""
    path = sorted(SAMPLE.glob("*.html.gz"))[0]
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return handle.read()


MAKERS: dict[str, Callable[[], Document]] = {
    "html": lambda: extract(PAGE, url="https://town.example/a"),
    "text": lambda: extract_text(DUMP),
    "sample": lambda: extract(_sample_page()),
}


@pytest.fixture(params=sorted(MAKERS))
def make(request: pytest.FixtureRequest) -> Callable[[], Document]:
    return MAKERS[request.param]


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Counts the times any page's lines are built."""
    calls: list[int] = []
    original = PageLines.build

    def counted(self: PageLines) -> tuple[Line, ...]:
        calls.append(1)
        return original(self)

    monkeypatch.setattr(PageLines, "build", counted)
    yield calls


def test_text_title_and_counts_build_no_line(make: Callable[[], Document],
                                             builds: list[int]) -> None:
    doc = make()
    text, title, counts, url = doc.text, doc.title, doc.label_counts, doc.url
    assert builds == []
    assert text and bool(doc)
    assert counts == {label.value: sum(line.label is label for line in doc.lines)
                      for label in Label}
    assert builds == [1]
    assert (doc.text, doc.title, doc.label_counts, doc.url) == (text, title, counts, url)


def test_lines_are_built_once_and_kept(make: Callable[[], Document],
                                       builds: list[int]) -> None:
    doc = make()
    first = doc.lines
    assert doc.lines is first
    assert builds == [1]
    assert isinstance(first, tuple) and all(isinstance(line, Line) for line in first)
    assert [line.index for line in first] == list(range(len(first)))


def test_unread_document_equals_read_one(make: Callable[[], Document]) -> None:
    unread, read = make(), make()
    lines = read.lines
    assert unread == read and read == unread
    assert hash(make()) == hash(read)
    assert repr(make()) == repr(read)
    assert make().to_dict() == read.to_dict()
    assert make().to_rows() == read.to_rows()
    assert make().explain(top=2) == read.explain(top=2)
    # The same Document made eagerly, as a user would by hand.
    eager = Document(text=read.text, title=read.title, lines=lines, url=read.url,
                     truncated=read.truncated, metadata=read.metadata)
    assert make() == eager and eager.to_dict() == make().to_dict()


def test_the_body_text_is_the_body_lines(make: Callable[[], Document]) -> None:
    doc = make()
    assert doc.text == "\n".join(line.text for line in doc.lines if line.label is Label.BODY)


def test_pickle_and_copy_round_trip_an_unread_document(make: Callable[[], Document]) -> None:
    expected = make().to_dict()
    for clone in (pickle.loads(pickle.dumps(make())), copy.copy(make()),
                  copy.deepcopy(make())):
        assert type(clone.lines) is tuple
        assert clone == make()
        assert clone.to_dict() == expected


def test_replace_keeps_unread_lines_unread(make: Callable[[], Document],
                                           builds: list[int]) -> None:
    moved = make().replace(url="https://elsewhere.example/")
    assert builds == []
    assert moved.url == "https://elsewhere.example/"
    assert moved.lines == make().lines and moved.text == make().text


def test_lines_is_a_plain_property_not_a_field() -> None:
    """No descriptor swapped in after the class is built: ``lines`` is an ordinary
    read-only property over a private slot."""
    assert isinstance(vars(Document)["lines"], property)
    assert vars(Document)["lines"].fset is None
    assert not dataclasses.is_dataclass(Document)


def test_reasons_are_the_same_whenever_they_are_read(make: Callable[[], Document]) -> None:
    doc = make()
    again = make()
    _ = again.text, again.label_counts
    assert [line.reasons for line in doc.lines] == [line.reasons for line in again.lines]
    assert all(isinstance(r, Reason) for line in doc.lines for r in line.reasons)
    assert any(line.reasons for line in doc.lines)


def test_lines_stay_read_only() -> None:
    doc = extract(PAGE)
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.lines = ()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        Document(text="", title=None, lines=()).lines = ()  # type: ignore[misc]


def test_a_hand_made_document_is_unchanged() -> None:
    line = Line(index=0, text="Hello.", label=Label.BODY, score=0.9)
    doc = Document(text="Hello.", title=None, lines=(line,))
    assert doc.lines == (line,)
    assert doc.label_counts["body"] == 1
    assert pickle.loads(pickle.dumps(doc)) == doc
    assert repr(doc).startswith("Document(text='Hello.', title=None, lines=(Line(")

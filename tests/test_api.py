"""The public API: names, entry points, options and the shapes of the result types."""

from __future__ import annotations

import dataclasses
import json
import typing
from collections.abc import Mapping
from pathlib import Path

import pytest

import cleantext
from cleantext import (
    Document,
    DocumentDict,
    ExplainRow,
    Features,
    Label,
    Line,
    LineDict,
    Options,
    Reason,
    ReasonDict,
    ReasonSource,
    RowDict,
)
from cleantext.features import FEATURE_NAMES
from cleantext.line import DIGITS, REASON_SOURCES

# Pinned on purpose: adding or removing a public name must be a visible, reviewed change.
PUBLIC_NAMES = [
    "MODES",
    "DecodeError",
    "Document",
    "DocumentDict",
    "ExplainRow",
    "ExtractionError",
    "Features",
    "InputTooLarge",
    "Label",
    "Line",
    "LineDict",
    "Mode",
    "Options",
    "ParseError",
    "ProfileFormatError",
    "Reason",
    "ReasonDict",
    "ReasonSource",
    "RowDict",
    "SiteProfile",
    "__compiled__",
    "__version__",
    "extract",
    "extract_many",
    "extract_text",
]
PROSE = ("The council met on Tuesday and voted to repair the old bridge before winter, "
         "after engineers warned that the crossing would not survive another season.")
PROSE_2 = ("Work is due to start in March. Engineers expect the repairs to take six weeks, "
           "during which a ferry will carry pedestrians across the river free of charge.")
PAGE = (f"<html><head><title>Bridge repairs | Town News</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Bridge repairs</h1><p>{PROSE}</p><p>{PROSE_2}</p></article>"
        f"</body></html>")


def test_public_names_are_pinned() -> None:
    assert cleantext.__all__ == PUBLIC_NAMES


@pytest.mark.parametrize("name", PUBLIC_NAMES)
def test_every_public_name_is_importable(name: str) -> None:
    namespace: dict[str, object] = {}
    exec(f"from cleantext import {name}", namespace)
    assert namespace[name] is getattr(cleantext, name)


def test_error_hierarchy() -> None:
    for error in (cleantext.InputTooLarge, cleantext.DecodeError, cleantext.ParseError):
        assert issubclass(error, cleantext.ExtractionError)
    assert issubclass(cleantext.ProfileFormatError, ValueError)
    assert not issubclass(cleantext.ProfileFormatError, cleantext.ExtractionError)


def test_a_broken_profile_is_not_swallowed_by_except_extraction_error(tmp_path: Path) -> None:
    broken = tmp_path / "site.ctprofile"
    broken.write_bytes(b"not a profile at all, just some bytes")
    with pytest.raises(cleantext.ProfileFormatError):
        try:
            cleantext.SiteProfile.load(broken)
        except cleantext.ExtractionError:  # what a loop skipping bad pages writes
            pytest.fail("a broken profile file was treated as a bad page")


# --- options -----------------------------------------------------------------------------


def test_presets_order_the_body_threshold() -> None:
    presets = {mode: Options.preset(mode) for mode in cleantext.MODES}
    assert set(presets) == {"precision", "balanced", "recall"}
    assert (presets["precision"].body_threshold > presets["balanced"].body_threshold
            > presets["recall"].body_threshold)
    assert presets["balanced"] == Options()
    # Presets move the body threshold only.
    for preset in presets.values():
        assert dataclasses.replace(preset, body_threshold=0.5) == Options()


@pytest.mark.parametrize("mode", ["fast", "", "Precision", "balanced "])
def test_unknown_preset_is_a_value_error(mode: str) -> None:
    with pytest.raises(ValueError, match="unknown mode"):
        Options.preset(mode)  # type: ignore[arg-type]


def test_with_changes_fields_and_rejects_unknown_names() -> None:
    base = Options()
    changed = base.with_(body_threshold=0.7, max_lines=10)
    assert (changed.body_threshold, changed.max_lines) == (0.7, 10)
    assert base.body_threshold == 0.5
    with pytest.raises(TypeError, match="body_treshold"):
        base.with_(body_treshold=0.7)
    with pytest.raises(dataclasses.FrozenInstanceError):
        base.body_threshold = 0.1  # type: ignore[misc]


# --- empty input -------------------------------------------------------------------------


@pytest.mark.parametrize("html", [
    "", b"", "   \n\t ", b"\xef\xbb\xbf",
    "<html><head><title>Only a title</title></head><body><script>go()</script></body></html>",
    "<!-- nothing but a comment -->",
])
def test_text_free_html_gives_an_empty_document(html: str | bytes) -> None:
    doc = cleantext.extract(html, url="https://example.org/")
    assert (doc.text, doc.lines, doc.has_body) == ("", (), False)
    assert bool(doc) is True  # an empty body is a result, not a failure
    assert doc.url == "https://example.org/"
    assert set(doc.label_counts.values()) == {0}


@pytest.mark.parametrize("text", ["", b"", "\n\n  \n", "\t"])
def test_empty_text_dump_gives_an_empty_document(text: str | bytes) -> None:
    doc = cleantext.extract_text(text)
    assert (doc.text, doc.title, doc.lines) == ("", None, ())


# --- hand-built results ------------------------------------------------------------------


def _document() -> Document:
    features = Features(("a", "b"), (1.0, -2.5))
    reasons = (Reason("model", "a", 0.9, "raised P(body)"),
               Reason("model", "b", -0.2, "lowered P(body)"),
               Reason("context", "teaser_card", 1.0, "body → related"))
    return Document(
        text="Body line.",
        title="Title",
        lines=(
            Line(0, "Title", Label.TITLE, 0.8, "h1", "html/body/h1", features, ()),
            Line(1, "Body line.", Label.BODY, 0.9, "p", "html/body/p", features, reasons[:2]),
            Line(2, "Teaser.", Label.RELATED, 0.6, "p", "html/body/aside/p", features, reasons),
        ),
        url="https://example.org/a",
    )


def test_to_dict_shape_and_json() -> None:
    data = _document().to_dict()
    assert list(data) == list(DocumentDict.__annotations__)
    assert list(data) == ["url", "title", "truncated", "text", "label_counts", "metadata",
                          "lines"]
    assert data["truncated"] is False
    assert data["label_counts"] == {"body": 1, "title": 1, "navigation": 0, "related": 1,
                                    "comments": 0, "other": 0}
    line = data["lines"][2]
    assert list(line) == list(LineDict.__annotations__)
    assert list(line) == ["index", "text", "label", "score", "tag", "path", "features",
                          "reasons", "kind"]
    assert line["label"] == "related" and line["label"] is Label.RELATED
    assert line["features"] == {"a": 1.0, "b": -2.5}
    assert line["reasons"][2] == {"source": "context", "name": "teaser_card", "weight": 1.0,
                                  "detail": "body → related"}
    assert list(line["reasons"][2]) == list(ReasonDict.__annotations__)
    assert json.loads(json.dumps(data)) == data
    text = json.dumps(data)
    assert '"label": "related"' in text and '"label_counts": {"body": 1,' in text


def test_to_rows_shape() -> None:
    rows = _document().to_rows()
    assert len(rows) == 3
    assert list(rows[1]) == list(RowDict.__annotations__)
    assert list(rows[1]) == ["index", "label", "score", "tag", "path", "text", "reasons",
                             "features", "kind"]
    assert rows[1]["reasons"] == "model:a +0.90 (raised P(body)); model:b -0.20 (lowered P(body))"
    assert rows[2]["features"] == {"a": 1.0, "b": -2.5}


def test_explain_shape_and_top() -> None:
    explained = _document().explain(top=1)
    assert [e["index"] for e in explained] == [0, 1, 2]
    assert list(explained[2]) == list(ExplainRow.__annotations__)
    assert list(explained[2]) == ["index", "label", "score", "text", "top_features", "reasons",
                                  "kind"]
    assert explained[2]["top_features"] == {"a": 0.9}
    # Context reasons are always kept, and come first.
    assert explained[2]["reasons"] == ["context:teaser_card +1.00 (body → related)",
                                       "model:a +0.90 (raised P(body))"]
    assert len(_document().explain(top=3)[2]["reasons"]) == 3


def _records_of(doc: Document) -> list[tuple[str, list[dict[str, object]]]]:
    return [("to_dict", [dict(line) for line in doc.to_dict()["lines"]]),
            ("to_rows", [dict(row) for row in doc.to_rows()]),
            ("explain", [dict(row) for row in doc.explain()])]


@pytest.mark.parametrize("make", [_document, lambda: cleantext.extract(PAGE)],
                         ids=["hand-made", "extracted"])
def test_one_key_scheme_across_records(make: typing.Callable[[], Document]) -> None:
    """index (0-based), label and score mean the same in every record of a line."""
    doc = make()
    expected = [(line.index, line.label, round(line.score, DIGITS), line.text)
                for line in doc.lines]
    assert [line.index for line in doc.lines] == list(range(len(doc.lines)))
    for name, records in _records_of(doc):
        seen = [(r["index"], r["label"], r["score"], r["text"]) for r in records]
        assert seen == expected, name
        assert all("line" not in r for r in records), name


def test_record_floats_have_four_digits() -> None:
    line = Line(0, "x", Label.BODY, 0.123456, features=Features(("a",), (0.987654,)),
                reasons=(Reason("model", "a", 1.234567),))
    doc = Document(text="x", title=None, lines=(line,))
    assert doc.to_dict()["lines"][0]["score"] == 0.1235
    assert doc.to_dict()["lines"][0]["features"] == {"a": 0.9877}
    assert doc.to_dict()["lines"][0]["reasons"][0]["weight"] == 1.2346
    assert doc.to_rows()[0]["score"] == doc.explain()[0]["score"] == 0.1235
    assert doc.explain()[0]["top_features"] == {"a": 1.2346}


def test_label_counts_are_keyed_by_label() -> None:
    counts = _document().label_counts
    assert list(counts) == list(Label)
    assert all(type(key) is Label for key in counts)
    assert counts[Label.RELATED] == counts["related"] == 1  # a Label is a str
    assert json.dumps(counts) == ('{"body": 1, "title": 1, "navigation": 0, "related": 1, '
                                  '"comments": 0, "other": 0}')


def test_reason_source_values_are_the_documented_four() -> None:
    assert {"model", "category", "context", "title"} == REASON_SOURCES
    assert set(typing.get_args(ReasonSource)) == REASON_SOURCES
    explain_md = (Path(__file__).parents[1] / "docs" / "explain.md").read_text("utf-8")
    for source in REASON_SOURCES:
        assert f'``"{source}"``' in (Reason.__doc__ or ""), source
        assert f'`{source}:' in explain_md, source
    with pytest.raises(ValueError, match="source"):
        Reason("rule", "x", 1.0)  # type: ignore[arg-type]
    # An extraction uses only documented sources, and a real page uses all four kinds
    # the pipeline makes for a labelled page (title appears when a title line exists).
    doc = cleantext.extract(PAGE)
    seen = {r.source for line in doc.lines for r in line.reasons}
    assert seen <= REASON_SOURCES
    assert {"model", "category", "title"} <= seen


def test_every_document_is_truthy() -> None:
    empty = Document(text="", title=None, lines=())
    assert bool(empty) is True and empty.has_body is False
    assert Document(text="Body.", title=None, lines=()).has_body is True
    assert bool(cleantext.extract("<p></p>")) is True


def test_document_replace_and_immutability() -> None:
    doc = _document()
    moved = doc.replace(url="https://example.org/b")
    assert moved.url == "https://example.org/b" and moved.lines == doc.lines
    assert moved != doc and moved.replace(url=doc.url) == doc
    with pytest.raises(TypeError, match="nope"):
        doc.replace(nope=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.text = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del doc.title


def test_features_is_a_read_only_mapping() -> None:
    features = Features(("a", "b"), (1.0, 2.0))
    assert isinstance(features, Mapping)
    assert dict(features) == {"a": 1.0, "b": 2.0}
    with pytest.raises(KeyError):
        features["c"]
    with pytest.raises(TypeError):
        features["a"] = 3.0  # type: ignore[index]
    with pytest.raises(ValueError):
        Features(("a",), (1.0, 2.0))


# --- end to end (needs the shipped model) ------------------------------------------------


def test_extract_accepts_str_and_bytes_alike() -> None:
    from_str = cleantext.extract(PAGE)
    from_bytes = cleantext.extract(PAGE.encode("utf-8"))
    assert from_str == from_bytes
    assert from_str.text == f"{PROSE}\n{PROSE_2}"
    assert "Home" not in from_str.text.split()
    assert from_str.title == "Bridge repairs"


def test_extract_text_accepts_str_and_bytes_alike() -> None:
    dump = f"Bridge repairs\n{PROSE}\nHome | News | Contact\n"
    assert cleantext.extract_text(dump) == cleantext.extract_text(dump.encode("utf-16"))


def test_short_clean_text_dump_keeps_its_paragraphs() -> None:
    """A dump with nothing but a headline and two paragraphs: every line is at an edge
    of the page, which position features alone would read as boilerplate."""
    doc = cleantext.extract_text(f"Bridge repairs\n{PROSE}\n{PROSE_2}\n")
    assert doc.text == f"{PROSE}\n{PROSE_2}"


def test_line_features_are_read_only_with_the_feature_names() -> None:
    doc = cleantext.extract(PAGE)
    for line in doc.lines:
        assert isinstance(line.features, Mapping)
        assert tuple(line.features) == FEATURE_NAMES
        assert all(isinstance(v, float) for v in line.features.values())
    with pytest.raises(TypeError):
        doc.lines[0].features["log_chars"] = 0.0  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.lines[0].label = Label.BODY  # type: ignore[misc]


def test_truncated_pages_say_so() -> None:
    assert not cleantext.extract(PAGE).truncated
    cut = cleantext.extract(PAGE, options=Options().with_(max_lines=2))
    assert cut.truncated
    assert [line.text for line in cut.lines] == ["Home News", "Bridge repairs"]
    assert cleantext.extract_text("a b\nc d\ne f", options=Options(max_lines=1)).truncated


def test_line_scores_and_labels_are_in_range() -> None:
    doc = cleantext.extract(PAGE)
    assert all(0.0 <= line.score <= 1.0 for line in doc.lines)
    assert all(isinstance(line.label, Label) for line in doc.lines)
    assert doc.text == "\n".join(line.text for line in doc.lines if line.is_body)

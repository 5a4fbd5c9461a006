"""The public API: names, entry points, options and the shapes of the result types."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping

import pytest

import cleantext
from cleantext import Document, Features, Label, Line, Options, Reason
from cleantext.features import FEATURE_NAMES

# Pinned on purpose: adding or removing a public name must be a visible, reviewed change.
PUBLIC_NAMES = [
    "MODES",
    "DecodeError",
    "Document",
    "ExtractionError",
    "Features",
    "InputTooLarge",
    "Label",
    "Line",
    "Mode",
    "Options",
    "ParseError",
    "ProfileFormatError",
    "Reason",
    "SiteProfile",
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
    for error in (cleantext.InputTooLarge, cleantext.DecodeError, cleantext.ParseError,
                  cleantext.ProfileFormatError):
        assert issubclass(error, cleantext.ExtractionError)


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
    assert (doc.text, doc.lines, bool(doc)) == ("", (), False)
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
    assert list(data) == ["url", "title", "truncated", "text", "label_counts", "lines"]
    assert data["truncated"] is False
    assert data["label_counts"] == {"body": 1, "title": 1, "navigation": 0, "related": 1,
                                    "comments": 0, "other": 0}
    line = data["lines"][2]
    assert list(line) == ["index", "text", "label", "score", "tag", "path", "features",
                          "reasons"]
    assert line["label"] == "related"
    assert line["features"] == {"a": 1.0, "b": -2.5}
    assert line["reasons"][2] == {"source": "context", "name": "teaser_card", "weight": 1.0,
                                  "detail": "body → related"}
    assert json.loads(json.dumps(data)) == data


def test_to_rows_shape() -> None:
    rows = _document().to_rows()
    assert len(rows) == 3
    assert list(rows[1]) == ["index", "label", "score", "tag", "text", "reasons", "f_a", "f_b"]
    assert rows[1]["reasons"] == "model:a +0.90 (raised P(body)); model:b -0.20 (lowered P(body))"
    assert rows[2]["f_b"] == -2.5


def test_explain_shape_and_top() -> None:
    explained = _document().explain(top=1)
    assert [e["line"] for e in explained] == [1, 2, 3]
    assert list(explained[2]) == ["line", "label", "score", "text", "top_features", "reasons"]
    assert explained[2]["top_features"] == {"a": 0.9}
    # Context reasons are always kept, and come first.
    assert explained[2]["reasons"] == ["context:teaser_card +1.00 (body → related)",
                                       "model:a +0.90 (raised P(body))"]
    assert len(_document().explain(top=3)[2]["reasons"]) == 3


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

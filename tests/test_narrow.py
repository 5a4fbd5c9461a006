"""The stdlib ``re`` passes for narrow text (below U+2500) match the ``regex`` ones."""

from __future__ import annotations

import regex

from cleantext import features_text as features
from cleantext import textutil
from cleantext.textutil import WORD, is_narrow, normalise_joined, normalise_line, words

# Every narrow character, each between two letters and on a line of its own, so runs,
# run boundaries and line breaks of every class are exercised.
_CHARS = [chr(i) for i in range(0x2500) if chr(i) != "\n"]
_TEXT = "\n".join(f"a{c}b{c}{c}1 {c}" for c in _CHARS)


def test_the_sample_is_narrow() -> None:
    assert is_narrow(_TEXT) and not is_narrow(_TEXT + "\u2500") and not is_narrow("漢")


def test_words_and_normalising_match_regex() -> None:
    folded = _TEXT.casefold()
    narrow = "\n".join(line for line in folded.split("\n") if is_narrow(line))
    assert words(narrow) == WORD.findall(narrow)
    assert normalise_joined(narrow) == [normalise_line(t) for t in narrow.split("\n")]


def test_feature_passes_match_regex() -> None:
    assert (features._NARROW_WORD_OR_BREAK.findall(_TEXT)
            == features._WORD_OR_BREAK.findall(_TEXT))
    assert (features._NARROW_NOT_PUNCT_OR_BREAK.sub("", _TEXT)
            == features._NOT_PUNCT_OR_BREAK.sub("", _TEXT))


def test_narrow_class_ranges() -> None:
    assert textutil.narrow_class(regex.compile(r"[0-9]")) == "0-9"
    assert textutil.narrow_class(regex.compile(r"[ab]|d")) == "a-bd"


def test_digit_counts_match_isdigit() -> None:
    lines = _TEXT.split("\n")
    assert features._digit_counts(lines) == [sum(map(str.isdigit, t)) for t in lines]
    mixed = [*lines[:50], "漢 ١٢ 3"]  # a wide line: counted line by line
    assert features._digit_counts(mixed) == [sum(map(str.isdigit, t)) for t in mixed]


def test_sentence_ends_match_regex() -> None:
    text = "\n".join(f"a{c}. b!{c}c?" for c in _CHARS) + " end."
    assert ([m.start() for m in features._NARROW_SENTENCE_END.finditer(text)]
            == [m.start() for m in features._SENTENCE_END.finditer(text)])
    for tail in ("x.", "x.\n", "x.\n\n", "x.”", "x.a", "…"):
        assert (features._NARROW_SENTENCE_END.findall(tail)
                == features._SENTENCE_END.findall(tail))

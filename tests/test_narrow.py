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


# --- the one-loop pass (textutil.narrow_passes, a C loop when compiled) -------------------

def _regex_passes(joined: str) -> tuple[list[list[str]], list[int], list[str]]:
    """Tokens, punctuation counts and normalised text per line from the regex passes."""
    lines = joined.split("\n")
    return ([WORD.findall(line.casefold()) for line in lines],
            [len(features._PUNCT.findall(line)) for line in lines],
            [normalise_line(line) for line in lines])


def test_narrow_passes_match_the_regex_passes() -> None:
    lines = [line for line in _TEXT.split("\n") if is_narrow(line.casefold())]
    # Runs of every class at line starts and ends, digit runs next to words and
    # separators, empty lines, and letters whose case folding is longer (ß, İ).
    lines += ["", " ", "12", "a12b 3,4", "  x__y  ", "Straße İstanbul ÉCOLE",
              "-- 2025-12-03 --", "…", "1½ ١٢٣ x", "a\tb\x1cc\u00a0d", "A.B.C."]
    joined = "\n".join(lines)
    passes = textutil.narrow_passes(joined, joined.casefold())
    assert passes is not None
    assert passes == _regex_passes(joined)


def test_narrow_passes_refuse_wide_text() -> None:
    assert textutil.narrow_passes("a\n漢", "a\n漢") is None
    assert textutil.narrow_passes("a\u2500", "a") is None  # the punctuation pass reads joined


def test_narrow_line_counts_match_isdigit_and_the_first_letter() -> None:
    lines = [*_TEXT.split("\n"), "", "ǅx", "1 ß É", "١٢ x²", "…a", "42"]
    counted = textutil.narrow_line_counts("\n".join(lines))
    assert counted is not None
    first = [regex.search(r"\p{L}", line) for line in lines]
    assert counted == ([sum(map(str.isdigit, line)) for line in lines],
                       [f is not None and f.group().isupper() for f in first])
    assert textutil.narrow_line_counts("a\n漢") is None


def test_link_chars_skip_the_seven_spaces_only() -> None:
    for text in ("", " a\tb\nc\rd\fe\vf\xa0g ", "\x1c\x85\u2000x", "plain"):
        assert textutil.link_chars(text) == len(text) - sum(map(text.count, " \t\n\r\f\v\xa0"))

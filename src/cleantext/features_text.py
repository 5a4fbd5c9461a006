"""Text features of each line on its own: lengths, tokens, punctuation, sentence
ends, digits, times and dates, and the prose flag (:func:`prose_flags`).

Each is one pass over the page's lines joined with ``"\\n"`` where that gives the
per-line values exactly (see :func:`page_text`). Imports :mod:`cleantext.blocks`,
:mod:`cleantext.feature_columns`, :mod:`cleantext.numeric`, :mod:`cleantext.textutil`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import TypeVar

import numpy as np
import regex

from cleantext.blocks import Block
from cleantext.feature_columns import COL, MOSTLY_LINKS
from cleantext.numeric import BoolArray, FloatArray
from cleantext.textutil import (
    COMPILED,
    NARROW_WORD,
    WORD,
    is_narrow,
    narrow_class,
    narrow_line_counts,
    narrow_passes,
    normalise_joined,
    normalise_line,
)

__all__ = ["page_text", "prose_flags", "text_columns"]

_PUNCT = regex.compile(r"\p{P}")
_SENTENCE_END = regex.compile(r"[.!?。！？…؟।](?=[\s\"'”’»)\]]|$)")
_FIRST_LETTER = regex.compile(r"\p{L}")
# A teaser title often ends with its publication time: "... was presented 18:33".
_END_TIME = regex.compile(r"(?<!\d)\d{1,2}:\d{2}$")
_TERMINAL = frozenset(".!?。！？…؟।\"'”’»)]:;")
_TIME = regex.compile(r"(?<!\d)\d{1,2}[:.]\d{2}(?!\d)")
_DATE = regex.compile(r"(?<!\d)(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|(?:19|20)\d{2})(?!\d)")
# Whole-page passes over the lines joined with "\n" (see page_text): WORD that also
# returns each line break, and everything but punctuation and line breaks.
_WORD_OR_BREAK = regex.compile(WORD.pattern + r"|\n")
_NOT_PUNCT_OR_BREAK = regex.compile(r"[^\p{P}\n]+")
# The same passes for narrow text (see textutil.is_narrow) in the stdlib ``re``.
_NARROW_WORD_OR_BREAK = re.compile(NARROW_WORD + "|\n")
_NARROW_NOT_PUNCT_OR_BREAK = re.compile(f"[^{narrow_class(_PUNCT)}\n]+")
# Everything but str.isdigit characters and line breaks, for narrow text.
# _SENTENCE_END with its whitespace class listed (its other characters are literal).
_NARROW_SENTENCE_END = re.compile(
    "[.!?。！？…؟।](?=[" + narrow_class(regex.compile(r"\s")) + "\"'”’»)\\]]|$)")
_NARROW_NOT_DIGIT_OR_BREAK = re.compile(f"[^{narrow_class(str.isdigit)}\n]+")
_T = TypeVar("_T")
# Per narrow code point (below U+2500, as textutil.is_narrow): bit 1 when it ends a
# sentence and bit 2 when it may follow a sentence end, as _NARROW_SENTENCE_END itself
# decides (about 3 ms at import), for the compiled loop of _sentence_counts.
_NARROW_END = 0x2500
_SENTENCE_TABLE = bytes(
    (_NARROW_SENTENCE_END.match(chr(code) + " ") is not None)
    | (_NARROW_SENTENCE_END.match("." + chr(code)) is not None) << 1
    for code in range(_NARROW_END))

# Columns written by text_columns, in the order it lists them; the
# entries at _LOG_COLUMNS (positions in that tuple) are counts stored as log1p.
_TEXT_COLUMNS = (0, 1, 2, 3, 4, 5, 6, 7, 8, COL["ends_ellipsis"], COL["ends_time"], 9, 10, 11)
_LOG_COLUMNS = (0, 1, 4, 6)

def page_text(texts: list[str]) -> tuple[list[list[str]], list[int], list[int], list[str]]:
    """Per line: its tokens, punctuation count, sentence-end count and normalised text.

    Each is one regex pass over the page's lines joined with ``"\\n"`` instead of
    one call per line: no token, punctuation mark or sentence end contains or
    crosses a line break, and a sentence end before the break matches as it does
    before the end of its own line (``\\s`` instead of ``$``), so the values are
    those of the per-line calls. ASCII lines and the others are joined apart (see
    :func:`_joined_passes`). Lines that contain a ``"\\n"`` are done one by one.
    """
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:
        return ([WORD.findall(t.casefold()) for t in texts],
                [len(_PUNCT.findall(t)) for t in texts],
                [len(_SENTENCE_END.findall(t)) for t in texts],
                [normalise_line(t) for t in texts])
    # Compiled, one C loop counts the sentence ends of a narrow page (None: not narrow).
    counted = _sentence_counts(joined, len(texts)) if COMPILED else None
    narrow_page = counted is not None or is_narrow(joined)
    if counted is not None:
        sentences = counted
    else:
        starts = list(itertools.accumulate([len(t) + 1 for t in texts[:-1]], initial=0))
        sentence_end = _NARROW_SENTENCE_END if narrow_page else _SENTENCE_END
        ends = [m.start() for m in sentence_end.finditer(joined)]
        line_of_end = np.searchsorted(starts, ends, side="right") - 1
        sentences = np.bincount(line_of_end, minlength=len(texts)).tolist()
    if narrow_page:  # every line is narrow: no need to ask each
        tokens, punct, norm = _joined_passes(texts, joined, narrow=True)
        return tokens, punct, sentences, norm
    narrow = list(map(is_narrow, texts))
    narrow_rows = [i for i, flag in enumerate(narrow) if flag]
    if len(narrow_rows) in (0, len(texts)):
        tokens, punct, norm = _joined_passes(texts)
        return tokens, punct, sentences, norm
    other_rows = [i for i, flag in enumerate(narrow) if not flag]
    fast = _joined_passes([texts[i] for i in narrow_rows])
    slow = _joined_passes([texts[i] for i in other_rows])
    return (_merge(narrow_rows, fast[0], other_rows, slow[0]),
            _merge(narrow_rows, fast[1], other_rows, slow[1]), sentences,
            _merge(narrow_rows, fast[2], other_rows, slow[2]))


def _joined_passes(texts: list[str], joined: str | None = None, narrow: bool = False
                   ) -> tuple[list[list[str]], list[int], list[str]]:
    """Tokens, punctuation counts and normalised text of lines without ``"\\n"``,
    from whole-text passes over them joined with ``"\\n"``; narrow text (whose case
    folding is narrow too: a few capitals fold above U+2500) goes through the stdlib
    ``re`` equivalents of the patterns. ``joined``: the lines joined, when the
    caller has it already; ``narrow``: the caller found it narrow."""
    if joined is None:
        joined = "\n".join(texts)
    folded = joined.casefold()
    narrow = narrow or is_narrow(joined)
    if narrow and COMPILED:  # the same values from one C loop (see narrow_passes),
        passes = narrow_passes(joined, folded)  # which checks the folding is narrow
        if passes is not None:
            return passes
    if narrow and is_narrow(folded):
        found = _NARROW_WORD_OR_BREAK.findall(folded)
        kept = _NARROW_NOT_PUNCT_OR_BREAK.sub("", joined)
    else:
        found = _WORD_OR_BREAK.findall(folded)
        kept = _NOT_PUNCT_OR_BREAK.sub("", joined)
    # Tokens hold no whitespace: join them with spaces, cut at the breaks, split.
    tokens = [part.split() for part in " ".join(found).split("\n")]
    punct = list(map(len, kept.split("\n")))
    return tokens, punct, normalise_joined(folded)


def _sentence_counts(joined: str, count: int) -> list[int] | None:
    """Per line of ``joined`` (``count`` lines joined with ``"\\n"``), the matches of
    _NARROW_SENTENCE_END in it: a sentence end followed by the end of the text or a
    character that may follow one (:data:`_SENTENCE_TABLE`). None when the text is not
    narrow. A C loop when compiled (features_text.pxd); only that path uses it."""
    table = _SENTENCE_TABLE
    counts = [0] * count
    line = 0
    size = len(joined)
    for i in range(size):
        code = ord(joined[i])
        if code >= _NARROW_END:
            return None
        if code == 10:
            line += 1
        elif table[code] & 1:
            if i + 1 == size:
                counts[line] += 1
            else:
                after = ord(joined[i + 1])
                if after < _NARROW_END and table[after] & 2:
                    counts[line] += 1
    return counts


def _merge(rows_a: list[int], values_a: list[_T], rows_b: list[int], values_b: list[_T]
           ) -> list[_T]:
    """Two per-line lists of disjoint line sets (``rows_*`` ascending) in line order."""
    by_row = dict(zip(rows_a, values_a, strict=True))
    by_row.update(zip(rows_b, values_b, strict=True))
    return [by_row[i] for i in range(len(by_row))]


def text_columns(out: FloatArray, blocks: Sequence[Block], tokens: list[list[str]],
                  punct: list[int], sentences: list[int]) -> None:
    """The per-line text columns, in :data:`_TEXT_COLUMNS` order: one Python list per
    column (a comprehension per column costs less than a call per line), then one
    numpy write. ``punct`` and ``sentences`` count each line's punctuation marks and
    sentence ends (see :func:`page_text`); counts at :data:`_LOG_COLUMNS` are
    stored as log1p."""
    if not blocks:
        return
    texts = [b.text for b in blocks]
    # The time and date patterns need a digit (\\d is a subset of str.isdigit).
    joined = "\n".join(texts)
    counted = narrow_line_counts(joined) if COMPILED else None
    if counted is not None and len(counted[0]) == len(texts):  # one C loop for both
        digits, upper = counted
    else:  # (compiled, a wide page's digits from a C loop over all its characters)
        found = _line_digits(joined, len(texts)) if COMPILED else None
        digits = found if found is not None else _digit_counts(texts)
        upper = [f is not None and f.group().isupper()
                 for f in map(_FIRST_LETTER.search, texts)]
    if COMPILED:  # the same values written into the matrix by a C loop
        _fill_text_columns(out, blocks, tokens, punct, sentences, digits, upper,
                           _line_shapes(texts, digits))
        logs = [_TEXT_COLUMNS[k] for k in _LOG_COLUMNS]
        out[:, logs] = np.log1p(out[:, logs])
        return
    raw_chars = [b.chars for b in blocks]
    chars = [max(c, 1) for c in raw_chars]
    columns = (
        raw_chars, list(map(len, tokens)),
        [min(sum(map(len, t)) / len(t), 20.0) if t else 0.0 for t in tokens],
        [b.link_chars / c for b, c in zip(blocks, chars, strict=True)],
        [b.links for b in blocks],
        [p / c for p, c in zip(punct, chars, strict=True)], sentences,
        [t[-1] in _TERMINAL for t in texts],
        upper,
        [t.endswith(("...", "…")) for t in texts],
        [d > 0 and _END_TIME.search(t) is not None for t, d in zip(texts, digits, strict=True)],
        [d / c for d, c in zip(digits, chars, strict=True)],
        [d > 0 and _TIME.search(t) is not None for t, d in zip(texts, digits, strict=True)],
        [d > 0 and _DATE.search(t) is not None for t, d in zip(texts, digits, strict=True)],
    )
    table = np.array(columns, dtype=np.float64).T
    logs = list(_LOG_COLUMNS)
    table[:, logs] = np.log1p(table[:, logs])
    out[:, list(_TEXT_COLUMNS)] = table


def _fill_text_columns(out: FloatArray, blocks: Sequence[Block], tokens: list[list[str]],
                       punct: list[int], sentences: list[int], digits: list[int],
                       upper: list[bool], shapes: list[int]) -> None:
    """:func:`text_columns`' values (the counts not yet as log1p), written line by line
    into ``out``; ``shapes`` holds per line the bits of :func:`_line_shapes`.
    Compiled (features_text.pxd) a C loop into the matrix's memory, with no Python list
    per column and no list-to-array conversion; the quotients are the same IEEE
    divisions of the same whole numbers. Only the compiled path uses it."""
    ellipsis_column = COL["ends_ellipsis"]
    end_time_column = COL["ends_time"]
    for i in range(len(blocks)):
        block = blocks[i]
        text = block.text
        raw = block.chars
        chars = raw if raw > 1 else 1
        words = tokens[i]
        count = len(words)
        out[i, 0] = raw
        out[i, 1] = count
        if count:
            total = 0
            for word in words:
                total += len(word)
            out[i, 2] = min(total / count, 20.0)
        else:
            out[i, 2] = 0.0
        out[i, 3] = block.link_chars / chars
        out[i, 4] = block.links
        out[i, 5] = punct[i] / chars
        out[i, 6] = sentences[i]
        out[i, 7] = 1.0 if text[-1] in _TERMINAL else 0.0
        out[i, 8] = 1.0 if upper[i] else 0.0
        out[i, ellipsis_column] = 1.0 if text.endswith(("...", "…")) else 0.0
        shape = shapes[i]
        out[i, end_time_column] = 1.0 if shape & 1 else 0.0
        out[i, 9] = digits[i] / chars
        out[i, 10] = 1.0 if shape & 2 else 0.0
        out[i, 11] = 1.0 if shape & 4 else 0.0


def _line_shapes(texts: list[str], digits: list[int]) -> list[int]:
    """Per line, bit 1 when _END_TIME matches it, 2 for _TIME and 4 for _DATE: 0
    without a digit, else from :func:`_digit_shapes` or, for a line it cannot read,
    the patterns themselves (compiled path)."""
    shapes: list[int] = []
    for i in range(len(texts)):
        bits = 0
        if digits[i] > 0:
            text = texts[i]
            bits = _digit_shapes(text)
            if bits < 0:
                bits = ((_END_TIME.search(text) is not None)
                        | (_TIME.search(text) is not None) << 1
                        | (_DATE.search(text) is not None) << 2)
        shapes.append(bits)
    return shapes


def _digit_shapes(text: str) -> int:
    """Which of _END_TIME (bit 1), _TIME (2) and _DATE (4) match an ASCII line, read
    from its maximal runs of digits, where ``\\d`` is 0-9; -1 for a line that is not
    ASCII or holds a line break. A match starts where a run does (the lookbehinds) and
    its digit groups end before a non-digit, so they are whole runs: _TIME a run of 1-2
    digits, ``:`` or ``.``, a run of 2; _END_TIME that with ``:`` at the line's end;
    _DATE a run of 4 from 19 or 20, or runs of 1-4, 1-2 and 1-4 with ``./-`` between.
    tests/test_feature_paths.py checks it against the patterns."""
    size = len(text)
    found = 0
    start0 = end0 = start1 = end1 = -9  # the last run, and the one before it
    i = 0
    while i < size:
        code = ord(text[i])
        if code > 127 or code == 10:
            return -1
        if code < 48 or code > 57:
            i += 1
            continue
        start = i
        while i < size and 48 <= ord(text[i]) <= 57:
            i += 1
        length = i - start
        joined = end0 == start - 1 and end0 - start0 <= 2  # a run of 1-2 and one mark
        if length == 2 and joined and text[end0] in ":.":
            found |= 2 if text[end0] == "." or i < size else 3
        if length == 4 and text[start:start + 2] in ("19", "20"):
            found |= 4
        if (length <= 4 and joined and end1 == start0 - 1 and end1 - start1 <= 4
                and text[end0] in "./-" and text[end1] in "./-"):
            found |= 4
        start1, end1, start0, end0 = start0, end0, start, i
    return found


def _line_digits(joined: str, count: int) -> list[int] | None:
    """Per line of ``joined`` (``count`` lines joined with ``"\\n"``), its characters
    for which ``str.isdigit`` holds, any page (compiled path); None when ``joined``
    has another number of lines."""
    digits = [0] * count
    line = 0
    for i in range(len(joined)):
        code = joined[i]
        if code == "\n":
            line += 1
            if line == count:
                return None
        elif code.isdigit():
            digits[line] += 1
    return digits if line == count - 1 else None


def _digit_counts(texts: list[str]) -> list[int]:
    """Per line, its characters for which ``str.isdigit`` holds: for a narrow page,
    one pass deleting everything else from the lines joined with ``"\\n"`` (about 10x
    faster than a count per line); else per line, ASCII ones (whose digits are
    exactly 0-9) with ten ``str.count`` calls."""
    joined = "\n".join(texts)
    if is_narrow(joined) and joined.count("\n") == len(texts) - 1:
        return list(map(len, _NARROW_NOT_DIGIT_OR_BREAK.sub("", joined).split("\n")))
    return [sum(map(t.count, "0123456789")) if t.isascii() else sum(map(str.isdigit, t))
            for t in texts]


def prose_flags(out: FloatArray) -> BoolArray:
    """Lines that read like running text: 10+ tokens, a sentence end, few links."""
    flags: BoolArray = (out[:, 1] >= np.log1p(10)) & (out[:, 6] > 0) & (
        out[:, 3] < MOSTLY_LINKS)
    return flags

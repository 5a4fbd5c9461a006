"""Text helpers shared by every stage: tokenising and line normalisation.

Tokens are what the features and the site profile count: runs of letters, marks,
digits or underscores, except that Han, Hiragana and Katakana characters count one
token each (these scripts write no spaces, and a character is their nearest unit of
a short function word).

Imports only the standard library, ``regex`` and :mod:`cleantext._compiled`.
"""

from __future__ import annotations

import array
import re
from collections.abc import Callable

import regex

from cleantext._compiled import runs_compiled

__all__ = ["COMPILED", "NARROW_WORD", "WORD", "is_narrow", "link_chars", "narrow_class",
           "narrow_line_counts", "narrow_passes", "normalise_joined", "normalise_line",
           "words"]

# WORD's two alternatives: a Han/Kana character is a token of its own; runs of the
# other word characters are one token each.
_ONE_CHAR_TOKEN = r"[\p{Han}\p{Hiragana}\p{Katakana}]"
_TOKEN_CHARS = r"[\p{L}\p{M}\p{N}_]"
WORD = regex.compile(_ONE_CHAR_TOKEN + "|" + _TOKEN_CHARS + "+")
_DIGITS = regex.compile(r"\p{N}+")
_NOT_WORD = regex.compile(r"[^\p{L}\p{M}\p{N}]+")
# _NOT_WORD that stops at line breaks: on lines joined with "\n" it replaces the
# same runs as _NOT_WORD does line by line (no run can cross the "\n").
_NOT_WORD_OR_BREAK = regex.compile(r"[^\p{L}\p{M}\p{N}\n]+")

# Narrow text: every character below U+2500 (the alphabets from Latin to Georgian,
# Hangul Jamo and Ethiopic, general punctuation, currency, letter-like and number
# forms, arrows, mathematical and technical symbols), as nearly every European and
# Middle Eastern page's lines are. The whole-page passes run on such text in the
# stdlib ``re``, several times faster than ``regex``: their character classes are
# the narrow characters the ``regex`` patterns match, listed at import (about a
# millisecond each) from those patterns themselves, so both match alike there.
_NARROW_LIMIT = 0x2500
_NARROW_CHARS = "".join(map(chr, range(_NARROW_LIMIT)))
_WIDE = re.compile(r"[^\x00-\u24ff]")


def is_narrow(text: str) -> bool:
    """True when every character of ``text`` is below U+2500 (see above)."""
    return text.isascii() or _WIDE.search(text) is None


def narrow_class(pattern: regex.Pattern[str] | Callable[[str], bool],
                 negate: bool = False) -> str:
    """The inside of an ``re`` character class of the narrow characters that
    ``pattern`` matches (of those it does not match if ``negate``): ``pattern`` must
    match runs of one character class, so its matches hold exactly its members; or
    a test of one character (``str.isdigit``). Consecutive code points are written
    as ranges."""
    test: Callable[[str], bool]
    if isinstance(pattern, regex.Pattern):
        test = set("".join(pattern.findall(_NARROW_CHARS))).__contains__
    else:
        test = pattern
    points = [i for i in range(_NARROW_LIMIT) if test(chr(i)) != negate]
    parts: list[str] = []
    start = 0
    for k in range(1, len(points) + 1):
        if k == len(points) or points[k] != points[k - 1] + 1:  # a run ends at k - 1
            low, high = re.escape(chr(points[start])), re.escape(chr(points[k - 1]))
            parts.append(low if start == k - 1 else f"{low}-{high}")
            start = k
    return "".join(parts)


def _narrow_word() -> str:
    """The ``re`` source of WORD for narrow text (same alternatives, same order)."""
    one = narrow_class(regex.compile(_ONE_CHAR_TOKEN))
    return (f"[{one}]|" if one else "") + f"[{narrow_class(regex.compile(_TOKEN_CHARS))}]+"


NARROW_WORD = _narrow_word()
"""WORD as stdlib ``re`` source, for narrow text only (see :func:`is_narrow`)."""
_NARROW_WORD = re.compile(NARROW_WORD)
_NARROW_DIGITS = re.compile(f"[{narrow_class(_DIGITS)}]+")
_NARROW_NOT_WORD_OR_BREAK = re.compile(f"[^{narrow_class(_NOT_WORD, negate=True)}\n]+")


def words(text: str) -> list[str]:
    """Lower-cased tokens of ``text`` (see the module docstring)."""
    folded = text.casefold()
    return _NARROW_WORD.findall(folded) if is_narrow(folded) else WORD.findall(folded)


def normalise_line(text: str) -> str:
    """``text`` reduced to what makes two lines "the same line" of a site or page.

    Case folded, every run of digits replaced by ``0`` (dates, counters and times
    change from page to page), punctuation, symbols and whitespace collapsed to one
    space, trimmed. So "Posted 12 Jul 2025 |" and "posted 3 jul 2024" normalise alike;
    a line of only punctuation normalises to ``""``.
    """
    folded = _DIGITS.sub("0", text.casefold())
    return _NOT_WORD.sub(" ", folded).strip()


def normalise_joined(folded: str) -> list[str]:
    """:func:`normalise_line` of every line of ``folded``: a page's lines joined with
    ``"\\n"`` and case folded (the lines holding no ``"\\n"`` of their own), in two
    regex calls for the whole page. Case folding maps each character on its own, and
    neither the digit runs nor the non-word runs can cross a line break, so every line
    comes out as :func:`normalise_line` makes it.
    """
    if is_narrow(folded):
        digits = _NARROW_DIGITS.sub("0", folded)
        return [part.strip() for part in _NARROW_NOT_WORD_OR_BREAK.sub(" ", digits).split("\n")]
    digits = _DIGITS.sub("0", folded)
    return [part.strip() for part in _NOT_WORD_OR_BREAK.sub(" ", digits).split("\n")]


# --- the compiled whole-page pass (see narrow_passes) ---------------------------------

_PUNCT = regex.compile(r"\p{P}")
# Bits of _NARROW_TABLE, per narrow code point: what each pattern above makes of it.
_IS_DIGIT = 1      # \p{N}: _DIGITS (a run of them normalises to "0")
_IS_WORD = 2       # \p{L}\p{M}\p{N}: kept by normalisation (_NOT_WORD is the rest)
_IS_TOKEN = 4      # _TOKEN_CHARS: runs of them are WORD tokens
_IS_ONE = 8        # _ONE_CHAR_TOKEN: a token of its own where a token starts
_IS_PUNCT = 16     # \p{P}: what the features count as punctuation
_IS_LETTER = 32    # \p{L}: a line's first letter (is it a capital?)
_IS_DIGIT_CHAR = 64    # str.isdigit: the features' digit counts


def _narrow_table() -> bytes:
    """Per narrow code point, the bits above, read from the patterns themselves (as
    :func:`narrow_class` reads them), so the table and the patterns agree."""
    table = bytearray(_NARROW_LIMIT)
    for bit, pattern, negate in ((_IS_DIGIT, _DIGITS, False), (_IS_WORD, _NOT_WORD, True),
                                 (_IS_TOKEN, regex.compile(_TOKEN_CHARS), False),
                                 (_IS_ONE, regex.compile(_ONE_CHAR_TOKEN), False),
                                 (_IS_PUNCT, _PUNCT, False),
                                 (_IS_LETTER, regex.compile(r"\p{L}"), False)):
        members = set("".join(pattern.findall(_NARROW_CHARS)))
        for point in range(_NARROW_LIMIT):
            if (chr(point) in members) != negate:
                table[point] |= bit
    for point in range(_NARROW_LIMIT):
        if chr(point).isdigit():
            table[point] |= _IS_DIGIT_CHAR
    return bytes(table)


_NARROW_TABLE = memoryview(_narrow_table())


def narrow_passes(joined: str, folded: str
                  ) -> tuple[list[list[str]], list[int], list[str]] | None:
    """Per line of ``joined`` (a page's lines joined with ``"\\n"``, each without one of
    its own; ``folded`` its case folding): its WORD tokens (of ``folded``), its count of
    ``\\p{P}`` characters (of ``joined``) and its :func:`normalise_line` text; None when
    either holds a character that is not narrow (:func:`is_narrow`).

    The same values as the regex passes of :func:`normalise_joined` and
    ``features_text._joined_passes`` give, from loops over the characters with the
    classes looked up in :data:`_NARROW_TABLE`: compiled (textutil.pxd) they are C
    loops, several times faster than those passes, so they call it only then; as Python
    it is their slower equal, which tests/test_narrow.py checks on every shape of line.
    """
    lines = _tokens_and_norms(folded)
    punct = _punct_counts(joined)
    if lines is None or punct is None:
        return None
    return lines[0], punct, lines[1]


def _tokens_and_norms(folded: str) -> tuple[list[list[str]], list[str]] | None:
    """The tokens and normalised text of each line of ``folded`` (see
    :func:`narrow_passes`), in one loop; None at a character that is not narrow."""
    table = _NARROW_TABLE
    count = len(folded)
    buffer = array.array("I", bytes(4 * (count + 1)))  # the normalised page, code points
    out = memoryview(buffer)
    tokens: list[list[str]] = []
    line: list[str] = []
    used = 0            # code points written to out
    line_start = 0      # where the line's normalised text starts in out
    token_start = -1    # where the open token starts in folded (-1: none is open)
    space = False       # a non-word run since the last written character
    digits = False      # inside a run of digits (written as one "0")
    for i in range(count + 1):
        code = ord(folded[i]) if i < count else 10
        if code >= _NARROW_LIMIT:
            return None
        bits = table[code]
        if token_start >= 0 and not bits & _IS_TOKEN:  # "\\n" is no token character
            line.append(folded[token_start:i])
            token_start = -1
        if code == 10:
            tokens.append(line)
            line = []
            if i < count:
                out[used] = 10
                used += 1
            line_start = used
            space = digits = False
            continue
        if token_start < 0:
            if bits & _IS_ONE:
                line.append(folded[i:i + 1])
            elif bits & _IS_TOKEN:
                token_start = i
        if bits & _IS_WORD:
            if bits & _IS_DIGIT and digits:
                continue
            if space and used > line_start:
                out[used] = 32
                used += 1
            space = False
            digits = (bits & _IS_DIGIT) != 0
            out[used] = 48 if digits else code
            used += 1
        else:
            space = True
            digits = False
    return tokens, buffer[:used].tobytes().decode("utf-32-le").split("\n")


def _punct_counts(joined: str) -> list[int] | None:
    """Per line of ``joined``, its ``\\p{P}`` characters (None: a wide character)."""
    table = _NARROW_TABLE
    counts: list[int] = []
    found = 0
    for i in range(len(joined)):
        code = ord(joined[i])
        if code == 10:
            counts.append(found)
            found = 0
        elif code >= _NARROW_LIMIT:
            return None
        elif table[code] & _IS_PUNCT:
            found += 1
    counts.append(found)
    return counts


def narrow_line_counts(joined: str) -> tuple[list[int], list[bool]] | None:
    """Per line of ``joined`` (lines joined with ``"\\n"``): its ``str.isdigit``
    characters, and whether its first ``\\p{L}`` letter is a capital (``isupper``);
    None when it holds a character that is not narrow. One loop, a C loop when
    compiled (see :func:`narrow_passes`)."""
    table = _NARROW_TABLE
    digits: list[int] = []
    upper: list[bool] = []
    found = 0
    first = True        # no letter yet on this line
    capital = False
    for i in range(len(joined)):
        code = ord(joined[i])
        if code == 10:
            digits.append(found)
            upper.append(capital)
            found = 0
            first = True
            capital = False
        elif code >= _NARROW_LIMIT:
            return None
        else:
            bits = table[code]
            if bits & _IS_DIGIT_CHAR:
                found += 1
            if first and bits & _IS_LETTER:
                first = False
                capital = joined[i].isupper()
    digits.append(found)
    upper.append(capital)
    return digits, upper


def link_chars(text: str) -> int:
    """Characters of ``text`` other than the seven whitespace characters the walker
    does not count inside links (space, \\t, \\n, \\r, \\f, \\v, no-break space).
    Compiled, a C loop; as Python, seven ``str.count`` calls (faster there)."""
    if not COMPILED:
        return len(text) - sum(map(text.count, " \t\n\r\f\v\xa0"))
    found = 0
    for i in range(len(text)):
        code = ord(text[i])
        if code != 32 and not 9 <= code <= 13 and code != 160:
            found += 1
    return found


COMPILED = runs_compiled(narrow_passes)
"""This module runs compiled (Cython), so :func:`narrow_passes` is a C loop."""

"""Text helpers shared by every stage: tokenising and line normalisation.

Tokens are what the features and the site profile count: runs of letters, marks,
digits or underscores, except that Han, Hiragana and Katakana characters count one
token each (these scripts write no spaces, and a character is their nearest unit of
a short function word).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import regex

__all__ = ["NARROW_WORD", "WORD", "is_narrow", "narrow_class", "normalise_joined",
           "normalise_line", "words"]

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

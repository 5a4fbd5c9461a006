"""Text helpers shared by every stage: tokenising and line normalisation.

Tokens are what the features and the site profile count: runs of letters, marks,
digits or underscores, except that Han, Hiragana and Katakana characters count one
token each (these scripts write no spaces, and a character is their nearest unit of
a short function word).
"""

from __future__ import annotations

import re

import regex

__all__ = ["WORD", "normalise_joined", "normalise_line", "words"]

WORD = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]|[\p{L}\p{M}\p{N}_]+")
_DIGITS = regex.compile(r"\p{N}+")
_NOT_WORD = regex.compile(r"[^\p{L}\p{M}\p{N}]+")
# _NOT_WORD that stops at line breaks: on lines joined with "\n" it replaces the
# same runs as _NOT_WORD does line by line (no run can cross the "\n").
_NOT_WORD_OR_BREAK = regex.compile(r"[^\p{L}\p{M}\p{N}\n]+")
# The same two passes for ASCII text in the stdlib ``re``, several times faster there:
# their classes are the ASCII characters the ``regex`` patterns match, listed from
# those patterns themselves.
_ASCII = tuple(map(chr, range(128)))
_ASCII_DIGITS = re.compile(
    "[" + "".join(re.escape(c) for c in _ASCII if _DIGITS.fullmatch(c)) + "]+")
_ASCII_NOT_WORD_OR_BREAK = re.compile(
    "[^" + "".join(re.escape(c) for c in _ASCII if not _NOT_WORD.fullmatch(c)) + "\n]+")


def words(text: str) -> list[str]:
    """Lower-cased tokens of ``text`` (see the module docstring)."""
    return WORD.findall(text.casefold())


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
    if folded.isascii():
        digits = _ASCII_DIGITS.sub("0", folded)
        return [part.strip() for part in _ASCII_NOT_WORD_OR_BREAK.sub(" ", digits).split("\n")]
    digits = _DIGITS.sub("0", folded)
    return [part.strip() for part in _NOT_WORD_OR_BREAK.sub(" ", digits).split("\n")]

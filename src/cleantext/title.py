"""Title stage: the page's title and its TITLE lines, for HTML and text dumps alike.

An HTML page's title is the line that best matches its metadata title (``og:title``,
``<title>``, see :func:`~cleantext.segment.title_candidate`), preferring headings, or
when none matches the first ``<h1>`` of its main or article container: it
is found from the features alone, before the rules (:func:`title_before_rules`), so
the rules can leave its lines alone. A text dump has no metadata: its title is the
headline-like line above its article whose words the article repeats most
(:func:`find_dump_title`), found after the rules, which tell where the article is.
:func:`choose_title` gives the labels with the title's lines marked, the title and
the lines' ``"title"`` reasons.

Imports :mod:`cleantext.blocks`, :mod:`cleantext.document`, :mod:`cleantext.features`,
:mod:`cleantext.options`, :mod:`cleantext.rules_common`, :mod:`cleantext.segment`,
:mod:`cleantext.textutil`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import regex

from cleantext.blocks import Segmented
from cleantext.document import Label, Reason
from cleantext.features import FeatureMatrix
from cleantext.options import Options
from cleantext.rules_common import article_lines
from cleantext.segment import title_candidate
from cleantext.textutil import words

__all__ = ["PageTitle", "TitleLines", "choose_title", "find_dump_title", "find_title",
           "title_before_rules", "title_duplicates"]

_TRAILING_STAMP = regex.compile(r"(?<!\s)\s+\d{1,2}[:.]\d{2}$")


@dataclass(frozen=True, slots=True)
class TitleLines:
    """A title found before the rules: its text (None: none), the lines that hold it
    (the title line and its repeats; empty when the title comes from metadata only,
    or is a dump's, found later) and why they are the title."""

    text: str | None
    lines: frozenset[int]
    why: str


@dataclass(frozen=True, slots=True)
class PageTitle:
    """The title stage's result: every line's label with the title's lines TITLE,
    the page's title, and the ``"title"`` reason of each title line."""

    labels: tuple[Label, ...]
    title: str | None
    reasons: Mapping[int, Reason]


_HTML_WHY = "matches the page's title"


def title_before_rules(seg: Segmented, features: FeatureMatrix, options: Options
                       ) -> TitleLines:
    """An HTML page's title and its lines (:func:`find_title`), which the rules
    protect; for a text dump nothing yet (see :func:`choose_title`)."""
    if not seg.is_html:
        return TitleLines(None, frozenset(), "")
    index, text = find_title(seg, features, options)
    if index is None:
        return TitleLines(text, frozenset(), _HTML_WHY)
    lines = frozenset((index, *title_duplicates(features.normalised, index)))
    return TitleLines(text, lines, _HTML_WHY)


def choose_title(seg: Segmented, features: FeatureMatrix, labels: Sequence[Label],
                 options: Options, early: TitleLines) -> PageTitle:
    """The page's title and its TITLE lines, from the labels after the rules.

    For HTML, ``early`` (from :func:`title_before_rules`) holds the title, and the
    rules have kept its lines TITLE (or moved them, when the line repeats over the
    site); a dump's title is found here (:func:`find_dump_title`).
    """
    if seg.is_html:
        why = Reason("title", "title_match", 1.0, early.why)
        return PageTitle(tuple(labels), early.text, dict.fromkeys(early.lines, why))
    index, title, above = find_dump_title(seg, features, labels, options)
    marked = list(labels)
    reasons: dict[int, Reason] = {}
    if index is not None:
        why = Reason("title", "title_match", 1.0,
                     "headline-like line above the article, which repeats its words"
                     if above else "headline-like first line")
        for i in (index, *title_duplicates(features.normalised, index)):
            marked[i] = Label.TITLE
            reasons[i] = why
    return PageTitle(tuple(marked), title, reasons)


def _clean_title(text: str) -> str:
    return _TRAILING_STAMP.sub("", text).strip()


def find_title(seg: Segmented, features: FeatureMatrix, options: Options
               ) -> tuple[int | None, str | None]:
    """Index of an HTML page's title line (or None) and its title (or None).

    A text dump has no metadata to match: see :func:`find_dump_title`.
    """
    if not seg.is_html:
        raise ValueError("find_title reads an HTML page's metadata; a dump's title "
                         "comes from find_dump_title")
    blocks = seg.blocks
    if not blocks:
        return None, title_candidate(seg)
    overlap = features.column("title_overlap").copy()
    heading = features.column("tag_heading")
    ranked = overlap + options.title_heading_bonus * heading
    best = int(np.argmax(ranked))
    if overlap[best] >= options.title_min_overlap:
        return best, _clean_title(blocks[best].text)
    headline = _article_headline(seg, features)
    if headline is not None:
        return headline, _clean_title(blocks[headline].text)
    return None, title_candidate(seg)


def _article_headline(seg: Segmented, features: FeatureMatrix) -> int | None:
    """The first ``<h1>`` inside the page's main or article container (its
    headline, whatever ``<title>`` says: a blog names itself there), or None."""
    inside = (features.column("in_main") > 0) | (features.column("in_article") > 0)
    for i, block in enumerate(seg.blocks):
        if block.tag == "h1" and inside[i] and block.text.strip():
            return i
    return None


# Line endings that close a sentence or introduce what follows, in Latin, CJK
# (full-width) and Devanagari script: not a headline's. An ellipsis ("...", "…")
# may end a shortened headline, and a question mark a question.
_NOT_HEADLINE_END = (".", ":", ",", ";", "。", "．", "：", "，", "；", "、", "।")


def find_dump_title(seg: Segmented, features: FeatureMatrix, labels: Sequence[Label],
                    options: Options) -> tuple[int | None, str | None, bool]:
    """Index and text of a text dump's title line, or ``(None, None)``, and whether
    it was found above the article (False: none, or the first-line fallback).

    ``labels`` are the lines' labels after the context rules. Candidates are the
    headline-shaped lines (two words or more, at most ``title_max_chars``, no
    sentence-closing punctuation) in the ``title_window_lines`` above the article
    (:func:`~cleantext.rules_common.article_lines`), and its first line when more
    follow. Each scores the share of its words (:func:`_content_words`) that the
    article's lead holds (the first ``title_lead_chars`` characters of its other
    BODY lines), over its word count plus ``title_overlap_prior``, plus
    ``title_shape_bonus`` when it reads like a headline; of equal scores the
    nearer the article wins. A headline restates its story, so the article
    repeats its words; a byline, a photo's caption, the site name, a menu or
    another story's headline repeat fewer, and a line sharing none is never the
    title. A dump without body lines gets its first line as title when that reads
    like a headline.
    """
    blocks = seg.blocks
    article = article_lines(features, labels, options)
    if article is None:
        return (*_first_line_title(seg, features, options), False)
    start, end = article
    # The words of the article's lead but its first line's, tokenised in one call
    # (no token crosses a line break); the cut may leave half a word at the end.
    lead = "\n".join(blocks[i].text for i in range(start + 1, end)
                     if labels[i] is Label.BODY)[:options.title_lead_chars]
    rest = _content_words(lead)
    body = rest | _content_words(blocks[start].text)
    shaped = features.column("title_like")
    n_words = features.column("log_words")
    best, best_score = None, -np.inf
    last = start if end - start > 1 else start - 1
    for i in range(max(0, start - options.title_window_lines), last + 1):
        text = blocks[i].text.strip()
        if (len(text) > options.title_max_chars or n_words[i] < _TWO_WORDS
                or (text.endswith(_NOT_HEADLINE_END) and not text.endswith("..."))):
            continue
        own = _content_words(text)
        found = len(own & (body if i < start else rest))
        if not found:
            continue
        score = (found / (len(own) + options.title_overlap_prior)
                 + options.title_shape_bonus * shaped[i])
        if score >= best_score:
            best, best_score = i, score
    if best is None:
        return None, None, False
    return best, _clean_title(blocks[best].text), True


_TWO_WORDS = float(np.log1p(2))  # log_words of a two-word line


def _content_words(text: str) -> set[str]:
    """Distinct tokens of three characters or more, or of one or two characters
    from U+2E80 on (a Han or Kana character is a token of its own; Hangul words
    are short), numbers left out: the words a headline and its article share (a
    date line shares its year with the article, not its story)."""
    return {w for w in set(words(text))
            if (len(w) >= 3 or ord(w[0]) >= _CJK_START) and not w.isdigit()}


# From U+2E80 (CJK radicals) on, scripts write words of one or two characters.
_CJK_START = 0x2E80


def _first_line_title(seg: Segmented, features: FeatureMatrix, options: Options
                      ) -> tuple[int | None, str | None]:
    """A text dump's first line as its title when it reads like a headline."""
    first = seg.blocks[0].text
    headline_like = (len(first) <= options.title_max_chars and not first.endswith(".")
                     and features.column("log_words")[0] >= _TWO_WORDS)
    return (0, _clean_title(first)) if headline_like else (None, None)


def title_duplicates(normalised: Sequence[str], index: int) -> list[int]:
    """Other lines whose normalised text (:attr:`FeatureMatrix.normalised`) equals
    the title line's: a repeated headline."""
    key = normalised[index]
    return [i for i, line in enumerate(normalised) if i != index and line == key]

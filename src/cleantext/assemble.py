"""Assemble stage: pick the title line and build the :class:`~cleantext.Document`.

The title is the line that best matches the page's metadata title (``og:title``,
``<title>``), preferring headings. A text dump has no metadata: its title is the
headline-like line above its article whose words the article repeats most
(:func:`find_dump_title`). The body is every BODY line, in page order, one per line
of :attr:`Document.text`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import regex

from cleantext.context import article_lines
from cleantext.document import Document, Features, Label, Line, Reason, deferred_document
from cleantext.features import FeatureMatrix
from cleantext.options import Options
from cleantext.score import FloatArray, model_reasons_rows
from cleantext.segment import Block, Segmented
from cleantext.textutil import words

__all__ = ["build_document", "find_dump_title", "find_title", "line_paths", "title_candidate"]

# Separators between a headline and the site name in <title>: "Headline | Site".
# Each starts its whitespace run only where one begins ((?<!\s)), so a long run of
# spaces is tried once, not once per space: linear on any input.
_TITLE_SEPARATORS = regex.compile(r"(?<!\s)\s+[|\-–—:·•»]+\s+|(?<!\s)\s+::\s+")
_TRAILING_STAMP = regex.compile(r"(?<!\s)\s+\d{1,2}[:.]\d{2}$")


def title_candidate(seg: Segmented) -> str | None:
    """The metadata title with a trailing/leading site name removed, or None."""
    raw = seg.meta_title or seg.title
    if not raw:
        return None
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(raw) if p.strip()]
    return max(parts, key=len) if parts else raw


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
    return None, title_candidate(seg)


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
    (:func:`~cleantext.context.article_lines`), and its first line when more
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


ReasonRows = Sequence[tuple[Reason, ...]]
"""Per line, the reasons that come before the model's (title, context, category)."""


@dataclass(frozen=True, slots=True, eq=False)
class PageLines:
    """A page's lines before they are :class:`Line` objects: what
    :func:`build_document` keeps so that ``Document.lines`` is built on first read
    (a :class:`~cleantext.document.LineSource`). The arrays are the pipeline's own,
    never written after the Document is made; ``contributions`` gives the model's
    feature contributions and ``reasons`` the non-model reasons of every line when
    called (so the model, category and flip reasons all wait for a reader).
    Compared and hashed by identity (numpy arrays have no single truth value)."""

    blocks: tuple[Block, ...]
    labels: tuple[Label, ...]
    scores_body: FloatArray
    names: tuple[str, ...]
    values: FloatArray
    contributions: Callable[[], FloatArray]
    paths: dict[int, str]
    reasons: Callable[[], ReasonRows]

    def build(self) -> tuple[Line, ...]:
        """Every line with label, score (on its own side), features and reasons."""
        labels = self.labels
        names = self.names
        model_rows = model_reasons_rows(names, self.contributions(),
                                        [label is Label.BODY for label in labels])
        leading = self.reasons()
        values = self.values.tolist()
        paths = self.paths
        return tuple(
            Line(index=i, text=block.text, label=label,
                 score=p if label is Label.BODY else 1.0 - p, tag=block.tag,
                 path=paths.get(block.element, ""),
                 features=Features(names, tuple(values[i])),
                 reasons=leading[i] + model_rows[i])
            for i, (block, label, p) in enumerate(zip(self.blocks, labels,
                                                      self.scores_body.tolist(), strict=True))
        )


def build_document(seg: Segmented, features: FeatureMatrix, scores_body: FloatArray,
                   contributions: FloatArray | Callable[[], FloatArray],
                   labels: Sequence[Label],
                   context_reasons: ReasonRows | Callable[[], ReasonRows], title: str | None,
                   url: str | None, paths: dict[int, str] | None = None) -> Document:
    """The Document: body text, title and every line with label, score and reasons.

    The body text needs only the labels; the :class:`Line` objects are built when a
    caller first reads ``Document.lines`` (see :class:`PageLines`).
    ``contributions`` is each line's feature contributions to its log-odds (lines ×
    features, the model reasons), or a function that gives them, and
    ``context_reasons`` each line's non-model reasons, or a function that gives them
    (both called then); ``paths`` is :func:`line_paths` of ``seg`` when the caller
    already made it."""
    if paths is None:
        paths = line_paths(seg)
    labels = tuple(labels)
    reasons = context_reasons if callable(context_reasons) else _given(context_reasons)
    explain = contributions if callable(contributions) else _fixed(contributions)
    source = PageLines(seg.blocks, labels, scores_body, features.names, features.values,
                       explain, paths, reasons)
    text = "\n".join(block.text for block, label in zip(seg.blocks, labels, strict=True)
                     if label is Label.BODY)
    return deferred_document(text, title, source, url, seg.truncated)


def _fixed(matrix: FloatArray) -> Callable[[], FloatArray]:
    """``matrix`` as the function :class:`PageLines` calls."""
    return lambda: matrix


def _given(rows: ReasonRows) -> Callable[[], ReasonRows]:
    """``rows`` as the function :class:`PageLines` calls."""
    fixed = tuple(rows)
    return lambda: fixed


# A line's path names at most this many elements, its own and the nearest ancestors.
_PATH_LEVELS = 12


def line_paths(seg: Segmented) -> dict[int, str]:
    """Element index → slash-separated tags from the root to it, keeping the last
    :data:`_PATH_LEVELS` (for the elements that hold lines; text dumps have none).

    Each element's tags are its parent's plus its own, so every ancestor is visited
    once per page instead of once per line above it.
    """
    elements = seg.elements
    if not elements:
        return {}
    chains: dict[int, tuple[str, ...]] = {}
    paths: dict[int, str] = {}
    for block in seg.blocks:
        index = block.element
        if index < 0 or index in paths:
            continue
        todo: list[int] = []
        up = index
        while up >= 0 and up not in chains:
            todo.append(up)
            up = elements[up].parent
        chain = chains[up] if up >= 0 else ()
        for j in reversed(todo):
            chain = chains[j] = (*chain, elements[j].tag)[-_PATH_LEVELS:]
        paths[index] = "/".join(chains[index])
    return paths

"""What the HTML walker knows about tags and attributes: which tags end a line, which
hide their text, and the whole words of a class/id value (:func:`split_tokens`).

Imports only the standard library, ``regex`` and :mod:`cleantext._compiled`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping

import regex

from cleantext._compiled import runs_compiled

__all__ = ["BLOCK_TAGS", "CONTROL_TAGS", "HIDING", "IS_BLOCK", "IS_BREAK", "IS_LINK",
           "IS_SECOND", "IS_SHAPE", "IS_SKIP", "META_TAGS", "META_TITLE_NAMES",
           "SECOND_CHANCE_TAGS", "SHAPE_TAGS", "SKIP_TAGS", "TOKEN_ATTRIBUTES", "is_hidden",
           "split_tokens", "tag_kind"]

# Elements whose start and end end a line (HTML block-level and table cells).
BLOCK_TAGS = frozenset((
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
    "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
    "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "noframes", "ol", "p",
    "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
))
# Elements whose content is never visible text, or not part of the running text: <rt>
# and <rp> are a ruby annotation's reading and its fallback parentheses (Japanese
# 子<rt>こ</rt>ども reads 子ども; with the reading kept, a sentence's words are broken up
# and match neither a search nor the gold). <head> itself is walked: broken pages get
# their whole body parsed into it, and its title/meta/link give no lines.
SKIP_TAGS = frozenset((
    "script", "style", "template", "title", "meta", "link", "base", "svg", "math", "iframe",
    "object", "embed", "canvas", "audio", "video", "select", "textarea", "input", "option",
    "datalist", "map", "area", "source", "track", "rt", "rp",
))
# Skipped form controls that a browser draws as a box between the words around them
# ("Your comment [text box] Post comment"); skipping them must keep the words apart.
CONTROL_TAGS = frozenset(("select", "textarea", "input", "embed", "canvas", "audio",
                           "video", "iframe", "object"))
# Elements that are invisible in a plain fetch but sometimes hold the whole page:
# <noscript> (forum software serves its posts there to clients without JavaScript)
# and hidden elements (streamed server-rendered segments that scripts move into
# place). They are skipped unless they hold more text than the rest of the page.
SECOND_CHANCE_TAGS = frozenset(("noscript",))
_LINK_TAGS = frozenset(("a",))
# class/id tokens: split on separators and camelCase humps, keep whole lower-case words.
_TOKEN_SPLIT = regex.compile(r"[^\p{L}\p{N}]+|(?<=\p{Ll})(?=\p{Lu})")
# The tokens of a lower-case ASCII value: whole runs of [a-z0-9] (its letters and
# digits) of two or more characters holding a letter. A match starts only at a
# run's start (the lookbehind) and its quantifiers are possessive: linear time.
_ASCII_TOKENS = re.compile(r"(?<![a-z0-9])(?=[a-z0-9]{2})[0-9]*+[a-z][a-z0-9]*+")
_HAS_UPPER = re.compile(r"[A-Z]").search
_HIDDEN_STYLE = regex.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", regex.IGNORECASE)
_MAX_TOKENS = 24  # per element: class lists longer than this are utility-CSS noise
# Characters of a class/id value read at most: 24 tokens of utility CSS fit in a few
# hundred; the cap keeps a 10 MB attribute from costing more than a normal one.
_MAX_TOKEN_SOURCE = 4096


def split_tokens(value: str) -> tuple[str, ...]:
    """Whole lower-case words of a class/id value: ``"postBody related-links"`` →
    ``("post", "body", "related", "links")``. Never substrings of words."""
    if len(value) > _MAX_TOKEN_SOURCE:
        # Bounded work for hostile attributes: read the head only, without the word
        # the cut went through (it would be a substring of a word).
        value = value[:_MAX_TOKEN_SOURCE].rpartition(" ")[0]
    # dict.fromkeys keeps the first occurrence of each word, in order.
    if _COMPILED and value.isascii():
        return tuple(_ascii_words(value))
    if value.isascii() and (value.islower() or not _HAS_UPPER(value)):
        # Same words as the regex below: in lower-case ASCII a letter or digit is
        # [a-z0-9], and there is no camelCase hump to split at (nor case to fold);
        # one findall gives the words the filter below keeps, without a Python-level
        # test per word.
        words = dict.fromkeys(_ASCII_TOKENS.findall(value))
    else:
        words = dict.fromkeys(word.lower() for word in _TOKEN_SPLIT.split(value)
                              if len(word) >= 2 and not word.isdigit())
    return tuple(words) if len(words) <= _MAX_TOKENS else tuple(
        itertools.islice(words, _MAX_TOKENS))


def _ascii_words(value: str) -> dict[str, None]:
    """The words :func:`split_tokens` finds in an ASCII ``value``, at most
    :data:`_MAX_TOKENS` of them, each once, in order: the runs of ``[A-Za-z0-9]``, cut
    again before a capital that follows a lower-case letter (``_TOKEN_SPLIT``'s
    camelCase hump), that hold a letter and two or more characters, lower-cased.

    One pass over the characters; compiled (html_tags.pxd) it is a C loop, several
    times faster than the regex calls, so :func:`split_tokens` uses it only then
    (:data:`_COMPILED`); as Python it is the slower equal of the regex paths, which
    tests/test_segment.py checks it against."""
    words: dict[str, None] = {}
    count = len(value)
    start = 0
    letter = False      # the open run holds a letter
    capital = False     # ... and a capital (so it is lower-cased)
    lower = False       # the previous character is a lower-case letter
    for i in range(count + 1):
        code = ord(value[i]) if i < count else 32
        is_lower = 97 <= code <= 122
        is_upper = 65 <= code <= 90
        if (lower and is_upper) or not (is_lower or is_upper or 48 <= code <= 57):
            # The run ends here: at a hump, or at a character that is no letter or digit.
            if letter and i - start >= 2:
                word = value[start:i]
                words[word.lower() if capital else word] = None  # a repeat keeps its place
                if len(words) == _MAX_TOKENS:
                    return words
            start = i if is_upper else i + 1
            letter = capital = False
        if is_lower or is_upper:
            letter = True
            capital = capital or is_upper
        lower = is_lower
    return words


_COMPILED = runs_compiled(_ascii_words)
"""This module runs compiled (Cython), so :func:`_ascii_words` is a C loop."""


# Bit flags of a tag name (see tag_kind): one dict lookup per element of the walk
# replaces a lower() call and four set lookups.
IS_BLOCK, IS_SKIP, IS_LINK, IS_BREAK, IS_SECOND, IS_SHAPE = 1, 2, 4, 8, 16, 32
# Tags that carry a line's structure (headings, lists, tables, code, quotes, captions,
# definition lists) or an inline span (links, emphasis, inline code): the walker tells
# its structure tracker (cleantext.html_shape) about these only.
SHAPE_TAGS = frozenset((
    "h1", "h2", "h3", "h4", "h5", "h6", "a", "em", "i", "strong", "b", "code",
    "blockquote", "caption", "figcaption", "dt", "dd", "ul", "ol", "menu", "dir", "li",
    "pre", "table", "thead", "tr", "td", "th",
))
# Tags that give the page's titles and metadata (read even inside skipped subtrees)
# and the <head> they sit in.
META_TAGS = frozenset(("head", "title", "meta", "script", "link", "html", "time"))
TOKEN_ATTRIBUTES = ("class", "id", "role", "itemprop")
HIDING = frozenset(("hidden", "aria-hidden", "style"))  # the attributes is_hidden reads
META_TITLE_NAMES = ("og:title", "twitter:title")  # <meta name=...> values of a title


def tag_kind(tag: str) -> tuple[str, int]:
    """The lower-case name of an element's tag and its ``_IS_*`` flags."""
    name = tag.lower()
    flags = ((IS_BLOCK if name in BLOCK_TAGS else 0) | (IS_SKIP if name in SKIP_TAGS else 0)
             | (IS_LINK if name in _LINK_TAGS else 0) | (IS_BREAK if name == "br" else 0)
             | (IS_SECOND if name in SECOND_CHANCE_TAGS else 0)
             | (IS_SHAPE if name in SHAPE_TAGS else 0))
    return name, flags


def is_hidden(attrib: Mapping[str, str]) -> bool:
    """The element hides itself (``hidden``, ``aria-hidden="true"``, inline style)."""
    if "hidden" in attrib or attrib.get("aria-hidden") == "true":
        return True
    style = attrib.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


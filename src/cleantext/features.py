"""Feature stage: blocks → a numpy matrix, one row per line, one named column per feature.

Every feature is language-agnostic: lengths, link density, punctuation, digits, the
share of the page's own most frequent short words (learned from the page, not from a
per-language list), repetition inside the page and across a site (SiteProfile),
position, the HTML tag, whole-token class/id hints of the ancestors, and the DOM
container the line sits in. Neighbour columns copy a few values of the lines before
and after, so the line model sees a little context before the context pass does.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

import numpy as np
import numpy.typing as npt
import regex

from cleantext.segment import Block, Element, Segmented
from cleantext.textutil import (
    NARROW_WORD,
    WORD,
    is_narrow,
    narrow_class,
    normalise_joined,
    normalise_line,
)

if TYPE_CHECKING:
    from cleantext.profile import SiteProfile

__all__ = ["FEATURE_NAMES", "FeatureMatrix", "compute_features", "hint_mask", "is_prefix_pair"]

FloatArray = npt.NDArray[np.float64]

_PUNCT = regex.compile(r"\p{P}")
_SENTENCE_END = regex.compile(r"[.!?。！？…؟।](?=[\s\"'”’»)\]]|$)")
_FIRST_LETTER = regex.compile(r"\p{L}")
# A teaser title often ends with its publication time: "... was presented 18:33".
_END_TIME = regex.compile(r"(?<!\d)\d{1,2}:\d{2}$")
_TERMINAL = frozenset(".!?。！？…؟।\"'”’»)]:;")
_TIME = regex.compile(r"(?<!\d)\d{1,2}[:.]\d{2}(?!\d)")
_DATE = regex.compile(r"(?<!\d)(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|(?:19|20)\d{2})(?!\d)")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
# Whole-page passes over the lines joined with "\n" (see _page_text): WORD that also
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

# Hint groups: whole class/id/role tokens and tags that mark a region of a page.
# These are web-wide conventions (HTML5 landmark names and their usual spellings),
# not names of particular sites; the model learns how much each group matters.
def _group(words: str) -> frozenset[str]:
    return frozenset(words.split())


HINTS: tuple[tuple[str, frozenset[str]], ...] = (
    ("nav", _group("nav navigation navbar menu menubar breadcrumb breadcrumbs pagination "
                   "pager skip toc")),
    ("header", _group("header masthead topbar banner")),
    ("footer", _group("footer copyright colophon contentinfo")),
    ("aside", _group("aside sidebar widget complementary rail")),
    ("form", _group("form login signup subscribe newsletter search")),
    ("article", _group("article main content post entry story body text articlebody "
                       "blogpost")),
    ("comment", _group("comment comments commentlist disqus respond reply replies "
                       "discussion")),
    ("related", _group("related recommended recommendations popular trending latest teaser "
                       "teasers recirculation recirc suggested similar more outbrain taboola")),
    ("share", _group("share sharing social sharebar")),
    ("ad", _group("ad ads advert advertisement adsense sponsor sponsored promo promoted")),
    ("caption", _group("caption figcaption credit credits figure photo")),
    ("meta", _group("byline author date time meta published dateline tags tag category "
                    "categories")),
)
# Share of the page's characters (0..1) above which an element is the page's frame, not
# a region of it, and its hints are ignored (see _dom_columns). 0.9: such wrappers hold
# everything (99-100%); a comment section or sidebar that big leaves no page around it.
_SCAFFOLD_SHARE = 0.9
_TAG_HINTS = {"nav": "nav", "header": "header", "footer": "footer", "aside": "aside",
              "form": "form", "article": "article", "main": "article",
              "figcaption": "caption", "time": "meta", "address": "meta"}
_HINT_BIT = {name: 1 << i for i, (name, _) in enumerate(HINTS)}
# Every hint word with the bits of all the groups it belongs to.
_WORD_BITS = {word: sum(_HINT_BIT[name] for name, words in HINTS if word in words)
              for word in set().union(*(words for _, words in HINTS))}
_TAG_GROUPS = {"h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading",
               "h5": "heading", "h6": "heading", "p": "p", "li": "li", "dd": "li", "dt": "li",
               "td": "cell", "th": "cell", "pre": "pre", "blockquote": "pre",
               "figcaption": "caption", "caption": "caption", "line": "line"}
_TAG_NAMES = ("heading", "p", "li", "cell", "pre", "caption", "line")

FEATURE_NAMES: tuple[str, ...] = (
    "log_chars", "log_words", "word_len", "link_density", "log_links", "punct_share",
    "log_sentences", "ends_terminal", "starts_upper", "digit_share", "has_time", "has_date",
    "fw_share", "dup_page", "dup_adjacent", "card_run", "title_like", "position",
    "prose_position", "prose_gap",
    "is_first", "title_overlap", "site_share",
    *(f"tag_{name}" for name in _TAG_NAMES),
    *(f"in_{name}" for name, _ in HINTS),
    "in_main", "container_share", "container_link_density", "page_comment_share",
    "prev_prose", "next_prose", "prev_link_density", "next_link_density",
    "prev_log_chars", "next_log_chars", "window_prose",
    "prev_title_like", "next_title_like", "prev_has_time", "near_dup_adjacent", "title_run",
    "ends_ellipsis", "ends_time", "card_list",
)
_COL = {name: i for i, name in enumerate(FEATURE_NAMES)}
# A card of a list sits at most this many levels above its line ...
_CARD_LEVELS = 6
# ... and holds at most this many lines (title, kicker, date, summary, more).
_CARD_MAX_UNIT_LINES = 6
# A card separator is a line shorter than this (characters) ...
_CARD_SEPARATOR_CHARS = 40
# ... recurring at most this many lines apart (a card: stamp, title, teaser, image, +2).
_CARD_MAX_GAP = 6


@dataclass(frozen=True, slots=True)
class FeatureMatrix:
    """Features of one page: ``values[i, j]`` is feature ``names[j]`` of line ``i``.

    ``prose`` flags lines that read like running text; ``groups`` gives each line's
    container (the nearest element holding two or more lines; for a text dump, runs
    of lines between blank-free breaks are not known, so each line is its own group).
    Both feed the context pass. ``normalised`` holds :func:`normalise_line` of each
    line (what makes two lines "the same line"), so later stages never normalise again.
    """

    names: tuple[str, ...]
    values: FloatArray
    prose: npt.NDArray[np.bool_]
    groups: npt.NDArray[np.int64]
    normalised: tuple[str, ...]

    def column(self, name: str) -> FloatArray:
        """One feature for every line."""
        return self.values[:, _COL[name]]


def hint_mask(element: Element) -> int:
    """Bit mask of the hint groups an element's own tag and tokens belong to."""
    mask = 0
    group = _TAG_HINTS.get(element.tag)
    if group is not None:
        mask |= _HINT_BIT[group]
    for token in element.tokens:
        mask |= _WORD_BITS.get(token, 0)
    return mask


def compute_features(seg: Segmented, site: SiteProfile | None = None,
                     title: str | None = None, site_min_pages: int = 3) -> FeatureMatrix:
    """The feature matrix of a segmented page (see :data:`FEATURE_NAMES`).

    ``site`` adds each line's share of the site's pages (left at 0 when the profile
    has fewer than ``site_min_pages`` pages); ``title`` is the page's title candidate
    (from metadata) that ``title_overlap`` compares lines with.
    """
    blocks = seg.blocks
    n = len(blocks)
    out = np.zeros((n, len(FEATURE_NAMES)), dtype=np.float64)
    if n == 0:
        return FeatureMatrix(FEATURE_NAMES, out, np.zeros(0, dtype=bool),
                             np.zeros(0, dtype=np.int64), ())
    tokens, punct, sentences, norm = _page_text([b.text for b in blocks])
    _text_columns(out, blocks, tokens, punct, sentences)
    prose = _prose_flags(out)
    _page_columns(out, blocks, tokens, prose, title, norm)
    if site is not None and site.pages >= site_min_pages:
        out[:, _COL["site_share"]] = site.shares([b.text for b in blocks])
    _tag_columns(out, blocks)
    groups = _dom_columns(out, seg, prose) if seg.elements else np.arange(n, dtype=np.int64)
    _neighbour_columns(out, prose)
    return FeatureMatrix(FEATURE_NAMES, out, prose, groups, tuple(norm))


# Columns written by _text_columns, in the order it lists them; the
# entries at _LOG_COLUMNS (positions in that tuple) are counts stored as log1p.
_TEXT_COLUMNS = (0, 1, 2, 3, 4, 5, 6, 7, 8, _COL["ends_ellipsis"], _COL["ends_time"], 9, 10, 11)
_LOG_COLUMNS = (0, 1, 4, 6)

def _page_text(texts: list[str]) -> tuple[list[list[str]], list[int], list[int], list[str]]:
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
    starts = list(itertools.accumulate([len(t) + 1 for t in texts[:-1]], initial=0))
    sentence_end = _NARROW_SENTENCE_END if is_narrow(joined) else _SENTENCE_END
    ends = [m.start() for m in sentence_end.finditer(joined)]
    line_of_end = np.searchsorted(starts, ends, side="right") - 1
    sentences: list[int] = np.bincount(line_of_end, minlength=len(texts)).tolist()
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


def _joined_passes(texts: list[str]) -> tuple[list[list[str]], list[int], list[str]]:
    """Tokens, punctuation counts and normalised text of lines without ``"\\n"``,
    from whole-text passes over them joined with ``"\\n"``; narrow text (whose case
    folding is narrow too: a few capitals fold above U+2500) goes through the stdlib
    ``re`` equivalents of the patterns."""
    joined = "\n".join(texts)
    folded = joined.casefold()
    if is_narrow(joined) and is_narrow(folded):
        found = _NARROW_WORD_OR_BREAK.findall(folded)
        kept = _NARROW_NOT_PUNCT_OR_BREAK.sub("", joined)
    else:
        found = _WORD_OR_BREAK.findall(folded)
        kept = _NOT_PUNCT_OR_BREAK.sub("", joined)
    # Tokens hold no whitespace: join them with spaces, cut at the breaks, split.
    tokens = [part.split() for part in " ".join(found).split("\n")]
    punct = list(map(len, kept.split("\n")))
    return tokens, punct, normalise_joined(folded)


def _merge(rows_a: list[int], values_a: list[_T], rows_b: list[int], values_b: list[_T]
           ) -> list[_T]:
    """Two per-line lists of disjoint line sets (``rows_*`` ascending) in line order."""
    by_row = dict(zip(rows_a, values_a, strict=True))
    by_row.update(zip(rows_b, values_b, strict=True))
    return [by_row[i] for i in range(len(by_row))]


def _text_columns(out: FloatArray, blocks: Sequence[Block], tokens: list[list[str]],
                  punct: list[int], sentences: list[int]) -> None:
    """The per-line text columns, in :data:`_TEXT_COLUMNS` order: one Python list per
    column (a comprehension per column costs less than a call per line), then one
    numpy write. ``punct`` and ``sentences`` count each line's punctuation marks and
    sentence ends (see :func:`_page_text`); counts at :data:`_LOG_COLUMNS` are
    stored as log1p."""
    if not blocks:
        return
    texts = [b.text for b in blocks]
    raw_chars = [b.chars for b in blocks]
    chars = [max(c, 1) for c in raw_chars]
    # The time and date patterns need a digit (\\d is a subset of str.isdigit).
    digits = _digit_counts(texts)
    firsts = [_FIRST_LETTER.search(t) for t in texts]
    columns = (
        raw_chars, list(map(len, tokens)),
        [min(sum(map(len, t)) / len(t), 20.0) if t else 0.0 for t in tokens],
        [b.link_chars / c for b, c in zip(blocks, chars, strict=True)],
        [b.links for b in blocks],
        [p / c for p, c in zip(punct, chars, strict=True)], sentences,
        [t[-1] in _TERMINAL for t in texts],
        [f is not None and f.group().isupper() for f in firsts],
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


def _prose_flags(out: FloatArray) -> npt.NDArray[np.bool_]:
    """Lines that read like running text: 10+ tokens, a sentence end, few links."""
    flags: npt.NDArray[np.bool_] = (out[:, 1] >= np.log1p(10)) & (out[:, 6] > 0) & (
        out[:, 3] < 0.5)
    return flags


def _function_words(tokens: list[list[str]], prose: npt.NDArray[np.bool_]) -> set[str]:
    """The page's own function words: its most frequent short tokens in running text.

    Short means at most 3 characters (Han/Kana tokens are single characters); the top
    40 by count, among tokens seen at least twice. Works for any language with words
    or characters; no list per language.
    """
    source = [t for t, p in zip(tokens, prose, strict=True) if p] or tokens
    # One flat list, counted at once (ties of most_common keep first-seen order, so
    # the result is that of counting line by line).
    counts = Counter([t for toks in source for t in toks if len(t) <= 3 and not t.isdigit()])
    return {t for t, c in counts.most_common(40) if c >= 2}


def _page_columns(out: FloatArray, blocks: Sequence[Block], tokens: list[list[str]],
                  prose: npt.NDArray[np.bool_], title: str | None, norm: list[str]) -> None:
    n = len(blocks)
    fw = _function_words(tokens, prose)
    counts = Counter(norm)
    title_tokens = set(WORD.findall(title.casefold())) if title else set()
    # Python lists per column, written to the matrix once each (cheaper than cells).
    in_fw = fw.__contains__
    fw_share = [sum(map(in_fw, toks)) / len(toks) if toks else 0.0 for toks in tokens]
    out[:, _COL["fw_share"]] = fw_share
    out[:, _COL["dup_page"]] = np.log1p(np.array([counts[key] - 1 for key in norm],
                                                 dtype=np.float64))
    pairs = list(itertools.pairwise(norm))
    same = [a == b for a, b in pairs]
    prefix = [is_prefix_pair(a, b) for a, b in pairs]
    out[:, _COL["dup_adjacent"]] = _either_neighbour(same)
    out[:, _COL["near_dup_adjacent"]] = _either_neighbour(prefix)
    if title_tokens:
        out[:, _COL["title_overlap"]] = _jaccard(title_tokens, tokens)
    out[:, _COL["position"]] = np.arange(n) / max(n - 1, 1)
    out[0, _COL["is_first"]] = 1.0
    chars = np.where(prose, np.exp(out[:, 0]) - 1, 0.0)
    total = chars.sum()
    if total > 0:
        out[:, _COL["prose_position"]] = (np.cumsum(chars) - chars / 2) / total
    out[:, _COL["prose_gap"]] = np.log1p(_distance_to_true(prose))
    out[:, _COL["card_run"]] = _card_runs(norm, [len(b.text) for b in blocks])
    out[:, _COL["title_like"]] = (
        (out[:, _COL["log_words"]] >= np.log1p(2)) & (out[:, _COL["log_words"]] <= np.log1p(20))
        & (out[:, _COL["ends_terminal"]] == 0) & (out[:, _COL["starts_upper"]] == 1))


def _jaccard(reference: set[str], tokens: list[list[str]]) -> list[float]:
    """Per line, |reference ∩ its tokens| / |reference ∪ its tokens| (0.0 for a line
    without tokens). Lines sharing no token skip the sets; the union is counted, not
    built: the same whole numbers, so the same quotients."""
    size = len(reference)
    overlap: list[float] = []
    for toks in tokens:
        if not toks or reference.isdisjoint(toks):
            overlap.append(0.0)
        else:
            own = set(toks)
            shared = len(reference & own)
            overlap.append(shared / (size + len(own) - shared))
    return overlap


def _either_neighbour(pair_flags: list[bool]) -> FloatArray:
    """Per line, 1.0 when the flag of its pair with the previous or the next line is
    set (``pair_flags[i]`` is the flag of lines ``i`` and ``i + 1``)."""
    flags = np.array(pair_flags, dtype=bool)
    result = np.zeros(len(flags) + 1, dtype=np.float64)
    result[:-1] += flags
    result[1:] += flags
    return np.minimum(result, 1.0)


def is_prefix_pair(a: str, b: str) -> bool:
    """One line starts the other (a card's title cut short, then in full), both of at
    least two words: the shape of a teaser whose title is printed twice."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return " " in short and long.startswith(short)


def _card_runs(norm: list[str], lengths: list[int]) -> FloatArray:
    """1.0 for lines inside a run of cards: between two nearby occurrences of the same
    short line that recurs at least three times on the page (a time stamp, an
    "Image" placeholder, a "-" separator), as lists of teasers print them."""
    n = len(norm)
    result = np.zeros(n, dtype=np.float64)
    positions: dict[str, list[int]] = {}
    for i, key in enumerate(norm):
        if lengths[i] < _CARD_SEPARATOR_CHARS:
            positions.setdefault(key, []).append(i)
    for found in positions.values():
        if len(found) < 3:
            continue
        for a, b in itertools.pairwise(found):
            if b - a <= _CARD_MAX_GAP:
                result[a:b + 1] = 1.0
    return result


def _distance_to_true(flags: npt.NDArray[np.bool_]) -> FloatArray:
    """Per index, the distance (in lines) to the nearest True; n when there is none."""
    n = len(flags)
    idx = np.arange(n)
    where = np.flatnonzero(flags)
    if where.size == 0:
        return np.full(n, float(n))
    pos = np.searchsorted(where, idx)
    left = np.where(pos > 0, idx - where[np.maximum(pos - 1, 0)], n)
    right = np.where(pos < where.size, where[np.minimum(pos, where.size - 1)] - idx, n)
    return np.minimum(left, right).astype(np.float64)


def _tag_columns(out: FloatArray, blocks: Sequence[Block]) -> None:
    base = _COL["tag_heading"]
    for i, block in enumerate(blocks):
        group = _TAG_GROUPS.get(block.tag)
        if group is not None:
            out[i, base + _TAG_NAMES.index(group)] = 1.0


def _dom_columns(out: FloatArray, seg: Segmented, prose: npt.NDArray[np.bool_]
                 ) -> npt.NDArray[np.int64]:
    """DOM hint, container and main-element columns; returns each line's container."""
    elements = seg.elements
    parents = [e.parent for e in elements]
    parent = np.array(parents, dtype=np.int64)
    owner = np.maximum(np.array([b.element for b in seg.blocks], dtype=np.int64), 0)
    chars = np.exp(out[:, 0]) - 1
    links = out[:, 3] * np.maximum(chars, 1)
    prose_chars = np.where(prose, chars, 0.0)
    # A headline link: mostly link text and at least four tokens ("Read more" is not).
    headline_links = (out[:, 3] > 0.5) & (out[:, _COL["log_words"]] >= np.log1p(4))
    sub_prose, sub_chars, sub_links, link_lines, counts = _subtree_sums(
        parents, owner, np.stack((prose_chars, chars, links,
                                  headline_links.astype(np.float64)), axis=1))
    # An element that holds (nearly) the whole page is scaffolding, like <html> and
    # <body>: a <form> around an ASP.NET page, a "header-wrapper" around everything.
    # Its class/id words and tag say nothing about one region against another.
    scaffold = (sub_chars >= _SCAFFOLD_SHARE * max(float(chars.sum()), 1.0)).tolist()
    mask_list: list[int] = []
    cache: dict[tuple[str, tuple[str, ...]], int] = {}
    for index, element in enumerate(elements):  # parents come before children
        inherited = mask_list[element.parent] if element.parent >= 0 else 0
        if scaffold[index] or element.tag in ("html", "body"):
            mask_list.append(inherited)
            continue
        key = (element.tag, element.tokens)
        own = cache.get(key)
        if own is None:
            own = cache[key] = hint_mask(element)
        mask_list.append(own | inherited)
    masks = np.array(mask_list, dtype=np.int64)
    block_masks = masks[owner]
    for bit, (name, _) in enumerate(HINTS):
        out[:, _COL[f"in_{name}"]] = (block_masks >> bit) & 1
    container = _containers(parent, owner, np.array(counts, dtype=np.int64), seg)
    total = max(prose_chars.sum(), 1.0)
    out[:, _COL["container_share"]] = sub_prose[container] / total
    out[:, _COL["container_link_density"]] = sub_links[container] / np.maximum(
        sub_chars[container], 1.0)
    in_comment = out[:, _COL["in_comment"]] > 0
    out[:, _COL["page_comment_share"]] = prose_chars[in_comment].sum() / total
    main = _main_element(parent, owner, prose_chars)
    if main >= 0:
        out[:, _COL["in_main"]] = _is_under(parents, owner, main)
    line_counts = np.array(counts, dtype=np.float64)  # whole numbers: exact as floats
    out[:, _COL["card_list"]] = _card_lists(seg, parent, owner, link_lines, line_counts)
    return container


def _card_lists(seg: Segmented, parent: npt.NDArray[np.int64], owner: npt.NDArray[np.int64],
                link_lines: FloatArray, line_counts: FloatArray) -> FloatArray:
    """log(1 + siblings) for lines inside a repeated small unit headed by a link.

    Walking up from the line's element (at most ``_CARD_LEVELS`` levels), the first
    ancestor that has at least two siblings of its own tag under the same parent,
    holds at most ``_CARD_MAX_UNIT_LINES`` lines and at least one headline link (a
    mostly-link line of four tokens or more) is a card of a teaser list: a linked
    title and its summary. A product or service box whose only link is "Learn
    more" is not; paragraphs of an article repeat too, but hold no headline link.
    """
    keys = [(e.parent, e.tag) for e in seg.elements]
    siblings = Counter(keys)
    repeat = np.array([siblings[key] for key in keys], dtype=np.float64)
    fits = (repeat >= 3) & (link_lines >= 1) & (line_counts <= _CARD_MAX_UNIT_LINES)
    fits &= np.array([tag not in ("html", "body") for _, tag in keys], dtype=bool)
    result = np.zeros(len(owner), dtype=np.float64)
    current = owner.copy()
    pending = np.ones(len(owner), dtype=bool)
    for _ in range(_CARD_LEVELS):
        valid = pending & (current >= 0)
        hit = valid & fits[np.maximum(current, 0)]
        result[hit] = np.log1p(repeat[current[hit]])
        pending &= ~hit
        current = np.where(valid, parent[np.maximum(current, 0)], -1)
    return result


def _subtree_sums(parents: list[int], owner: npt.NDArray[np.int64], values: FloatArray
                  ) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, list[int]]:
    """Per element, the sums of the four columns of ``values`` over the blocks under
    it, and the number of those blocks (children come after their parents).

    One loop for all of them: Python floats add exactly as float64 does, and each
    column gets the same additions in the same order as it would alone (np.add.at
    adds the rows in order), without numpy's per-item cost.
    """
    m = len(parents)
    start = np.zeros((m, 4), dtype=np.float64)
    np.add.at(start, owner, values)
    a, b, c, d = start.T.tolist()
    counts: list[int] = np.bincount(owner, minlength=m).tolist()
    for i in range(m - 1, 0, -1):
        p = parents[i]
        if p >= 0:
            a[p] += a[i]
            b[p] += b[i]
            c[p] += c[i]
            d[p] += d[i]
            counts[p] += counts[i]
    return (np.array(a, dtype=np.float64), np.array(b, dtype=np.float64),
            np.array(c, dtype=np.float64), np.array(d, dtype=np.float64), counts)


def _containers(parent: npt.NDArray[np.int64], owner: npt.NDArray[np.int64],
                counts: npt.NDArray[np.int64], seg: Segmented) -> npt.NDArray[np.int64]:
    """Per block, the nearest ancestor that holds at least two blocks (its container);
    ``counts`` holds the number of blocks under each element."""
    result = owner.copy()
    for _ in range(_depth_limit(seg)):
        lonely = (counts[result] < 2) & (parent[result] >= 0)
        if not lonely.any():
            break
        result = np.where(lonely, parent[result], result)
    containers: npt.NDArray[np.int64] = result.astype(np.int64)
    return containers


def _depth_limit(seg: Segmented) -> int:
    """Upper bound on ancestor steps: the deepest recorded element's depth plus one."""
    return max((e.depth for e in seg.elements), default=0) + 1


def _main_element(parent: npt.NDArray[np.int64], owner: npt.NDArray[np.int64],
                  prose_chars: FloatArray) -> int:
    """The element gathering most running text from its children and grandchildren.

    Each block gives its prose characters to its element's parent in full and to the
    grandparent by half (the classic readability scheme); the best element wins.
    """
    if prose_chars.sum() <= 0:
        return -1
    score = np.zeros(len(parent), dtype=np.float64)
    p1 = parent[owner]
    ok1 = p1 >= 0
    np.add.at(score, p1[ok1], prose_chars[ok1])
    p2 = np.where(ok1, parent[np.maximum(p1, 0)], -1)
    ok2 = p2 >= 0
    np.add.at(score, p2[ok2], prose_chars[ok2] / 2)
    np.add.at(score, owner, prose_chars / 4)
    return int(np.argmax(score))


def _is_under(parents: list[int], owner: npt.NDArray[np.int64], ancestor: int) -> FloatArray:
    """1.0 for blocks whose element is ``ancestor`` or lies below it."""
    under = [False] * len(parents)  # a Python list: no numpy scalar per element
    under[ancestor] = True
    for i in range(ancestor + 1, len(parents)):
        p = parents[i]
        if p >= 0 and under[p]:
            under[i] = True
    return np.array(under, dtype=bool)[owner].astype(np.float64)


def _neighbour_columns(out: FloatArray, prose: npt.NDArray[np.bool_]) -> None:
    p = prose.astype(np.float64)
    ld = out[:, _COL["link_density"]]
    lc = out[:, _COL["log_chars"]]
    tl = out[:, _COL["title_like"]]
    for name, values in (("prose", p), ("link_density", ld), ("log_chars", lc),
                         ("title_like", tl)):
        out[1:, _COL[f"prev_{name}"]] = values[:-1]
        out[:-1, _COL[f"next_{name}"]] = values[1:]
    out[1:, _COL["prev_has_time"]] = out[:-1, _COL["has_time"]]
    out[:, _COL["window_prose"]] = _window_mean(p, 2)
    out[:, _COL["title_run"]] = np.log1p(_run_lengths(tl > 0))


def _run_lengths(flags: npt.NDArray[np.bool_]) -> FloatArray:
    """Per line, the length of the run of consecutive True flags it belongs to (0 if
    False): a run of headline-like lines is a list of links, in a dump as in HTML."""
    n = len(flags)
    out = np.zeros(n, dtype=np.float64)
    start = 0
    while start < n:
        if not flags[start]:
            start += 1
            continue
        end = start
        while end < n and flags[end]:
            end += 1
        out[start:end] = end - start
        start = end
    return out


def _window_mean(values: FloatArray, half: int) -> FloatArray:
    """Mean of ``values`` over ``i-half .. i+half`` (clipped at the page's ends)."""
    n = len(values)
    csum = np.concatenate(([0.0], np.cumsum(values)))
    idx = np.arange(n)
    lo = np.maximum(idx - half, 0)
    hi = np.minimum(idx + half + 1, n)
    mean: FloatArray = (csum[hi] - csum[lo]) / (hi - lo)
    return mean

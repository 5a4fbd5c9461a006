"""DOM features of each line (HTML only): its tag group, the hint groups of its
ancestors' class/id tokens and tags, its container, the page's main element, and
whether it sits in a card of a teaser list.

Imports :mod:`cleantext._compiled`, :mod:`cleantext.blocks`,
:mod:`cleantext.feature_columns`, :mod:`cleantext.numeric`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from cleantext._compiled import runs_compiled
from cleantext.blocks import Block, Element, Segmented
from cleantext.feature_columns import COL, HINTS, MOSTLY_LINKS, TAG_GROUPS, TAG_NAMES
from cleantext.numeric import BoolArray, FloatArray, IntArray

__all__ = ["dom_columns", "hint_mask", "tag_columns"]

# Share of the page's characters (0..1) above which an element is the page's frame, not
# a region of it, and its hints are ignored (see dom_columns). 0.9: such wrappers hold
# everything (99-100%); a comment section or sidebar that big leaves no page around it.
_SCAFFOLD_SHARE = 0.9
_TAG_HINTS = {"nav": "nav", "header": "header", "footer": "footer", "aside": "aside",
              "form": "form", "article": "article", "main": "article",
              "figcaption": "caption", "time": "meta", "address": "meta"}
_HINT_BIT = {name: 1 << i for i, (name, _) in enumerate(HINTS)}
# Every hint word with the bits of all the groups it belongs to.
_WORD_BITS = {word: sum(_HINT_BIT[name] for name, words in HINTS if word in words)
              for word in set().union(*(words for _, words in HINTS))}
# A card of a list sits at most this many levels above its line ...
_CARD_LEVELS = 6
# ... and holds at most this many lines (title, kicker, date, summary, more).
_CARD_MAX_UNIT_LINES = 6


_TAG_BITS = {tag: _HINT_BIT[group] for tag, group in _TAG_HINTS.items()}
_FRAME_TAGS = frozenset(("html", "body"))


def hint_mask(element: Element) -> int:
    """Bit mask of the hint groups an element's own tag and tokens belong to."""
    return _TAG_BITS.get(element.tag, 0) | _token_bits(element.tokens)


def _token_bits(tokens: tuple[str, ...]) -> int:
    """Bit mask of the hint groups of class/id tokens."""
    mask = 0
    for token in tokens:
        mask |= _WORD_BITS.get(token, 0)
    return mask


def _element_masks(elements: Sequence[Element], scaffold: list[bool]) -> list[int]:
    """Per element, the hint bits of its own tag and tokens (none for scaffolding and
    ``<html>``/``<body>``, see :func:`dom_columns`) and of all its ancestors.

    The walk shares one tokens tuple among the elements of one class/id value, so each
    tuple's bits are found once, keyed by its ``id`` (the tuples live as long as the
    elements, so no id is reused meanwhile): no tuple hashed per element."""
    masks: list[int] = []
    by_tokens: dict[int, int] = {}
    tag_bits = _TAG_BITS.get
    for index, element in enumerate(elements):  # parents come before children
        parent = element.parent
        inherited = masks[parent] if parent >= 0 else 0
        if scaffold[index] or element.tag in _FRAME_TAGS:
            masks.append(inherited)
            continue
        own = tag_bits(element.tag, 0)
        tokens = element.tokens
        if tokens:
            bits = by_tokens.get(id(tokens))
            if bits is None:
                bits = by_tokens[id(tokens)] = _token_bits(tokens)
            own |= bits
        masks.append(own | inherited)
    return masks



def tag_columns(out: FloatArray, blocks: Sequence[Block]) -> None:
    base = COL["tag_heading"]
    for i, block in enumerate(blocks):
        group = TAG_GROUPS.get(block.tag)
        if group is not None:
            out[i, base + TAG_NAMES.index(group)] = 1.0


def dom_columns(out: FloatArray, seg: Segmented, prose: BoolArray
                 ) -> IntArray:
    """DOM hint, container and main-element columns; returns each line's container."""
    elements = seg.elements
    parents = [e.parent for e in elements]
    parent = np.array(parents, dtype=np.int64)
    owner = np.maximum(np.array([b.element for b in seg.blocks], dtype=np.int64), 0)
    chars = np.exp(out[:, 0]) - 1
    links = out[:, 3] * np.maximum(chars, 1)
    prose_chars = np.where(prose, chars, 0.0)
    # A headline link: mostly link text and at least four tokens ("Read more" is not).
    headline_links = (out[:, 3] > MOSTLY_LINKS) & (out[:, COL["log_words"]] >= np.log1p(4))
    sub_prose, sub_chars, sub_links, link_lines, counts = _subtree_sums(
        parents, parent, owner, np.stack((prose_chars, chars, links,
                                  headline_links.astype(np.float64)), axis=1))
    # An element that holds (nearly) the whole page is scaffolding, like <html> and
    # <body>: a <form> around an ASP.NET page, a "header-wrapper" around everything.
    # Its class/id words and tag say nothing about one region against another.
    scaffold = (sub_chars >= _SCAFFOLD_SHARE * max(float(chars.sum()), 1.0)).tolist()
    masks = np.array(_element_masks(elements, scaffold), dtype=np.int64)
    block_masks = masks[owner]
    for bit, (name, _) in enumerate(HINTS):
        out[:, COL[f"in_{name}"]] = (block_masks >> bit) & 1
    container = _containers(parent, owner, np.array(counts, dtype=np.int64), seg)
    total = max(prose_chars.sum(), 1.0)
    out[:, COL["container_share"]] = sub_prose[container] / total
    out[:, COL["container_link_density"]] = sub_links[container] / np.maximum(
        sub_chars[container], 1.0)
    in_comment = out[:, COL["in_comment"]] > 0
    out[:, COL["page_comment_share"]] = prose_chars[in_comment].sum() / total
    main = _main_element(parent, owner, prose_chars)
    if main >= 0:
        out[:, COL["in_main"]] = _is_under(parents, owner, main)
    line_counts = np.array(counts, dtype=np.float64)  # whole numbers: exact as floats
    out[:, COL["card_list"]] = _card_lists(seg, parent, owner, link_lines, line_counts)
    return container


def _card_lists(seg: Segmented, parent: IntArray, owner: IntArray,
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
    if _COMPILED:  # the same cards from a C loop (see _card_walk)
        cards = np.full(len(owner), -1, dtype=np.int64)
        _card_walk(owner, parent, fits.view(np.uint8), cards)
        hit = cards >= 0
        result[hit] = np.log1p(repeat[cards[hit]])
        return result
    current = owner.copy()
    pending = np.ones(len(owner), dtype=bool)
    for _ in range(_CARD_LEVELS):
        valid = pending & (current >= 0)
        hit = valid & fits[np.maximum(current, 0)]
        result[hit] = np.log1p(repeat[current[hit]])
        pending &= ~hit
        current = np.where(valid, parent[np.maximum(current, 0)], -1)
    return result


def _card_walk(owner: IntArray, parent: IntArray, fits: npt.NDArray[np.uint8],
               cards: IntArray) -> None:
    """Per line, the first element that ``fits`` as a card on its way up from its
    element (``owner``), at most :data:`_CARD_LEVELS` elements, into ``cards`` (left
    at -1 when none): what the level loop of :func:`_card_lists` finds, as a C loop
    over the arrays when compiled (features_dom.pxd); slow as Python, so only the
    compiled path uses it."""
    for line in range(len(owner)):
        current = owner[line]
        for _level in range(_CARD_LEVELS):
            if current < 0:
                break
            if fits[current]:
                cards[line] = current
                break
            current = parent[current]


def _subtree_sums(parents: list[int], parent: IntArray, owner: IntArray, values: FloatArray
                  ) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, list[int]]:
    """Per element, the sums of the four columns of ``values`` over the blocks under
    it, and the number of those blocks (children come after their parents;
    ``parents`` and ``parent`` are the same parent indices, as a list and an array).

    One loop for all of them: Python floats add exactly as float64 does, and each
    column gets the same additions in the same order as it would alone (np.add.at
    adds the rows in order), without numpy's per-item cost. Compiled, the loop is
    :func:`_add_up` over the arrays themselves (C doubles: the same additions again).
    """
    m = len(parents)
    start = np.zeros((m, 4), dtype=np.float64)
    np.add.at(start, owner, values)
    if _COMPILED:
        totals = np.bincount(owner, minlength=m).astype(np.int64)
        _add_up(parent, start, totals)
        return (start[:, 0], start[:, 1], start[:, 2], start[:, 3], totals.tolist())
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


def _add_up(parent: IntArray, sums: FloatArray, counts: IntArray) -> None:
    """Add each element's four ``sums`` and its ``counts`` to its parent's, last
    element first (as :func:`_subtree_sums` does with lists): a C loop over the arrays
    when compiled (features_dom.pxd), slow as Python, so only the compiled path uses it."""
    for i in range(len(parent) - 1, 0, -1):
        p = parent[i]
        if p >= 0:
            sums[p, 0] += sums[i, 0]
            sums[p, 1] += sums[i, 1]
            sums[p, 2] += sums[i, 2]
            sums[p, 3] += sums[i, 3]
            counts[p] += counts[i]


_COMPILED = runs_compiled(_add_up)


def _containers(parent: IntArray, owner: IntArray,
                counts: IntArray, seg: Segmented) -> IntArray:
    """Per block, the nearest ancestor that holds at least two blocks (its container);
    ``counts`` holds the number of blocks under each element."""
    result = owner.copy()
    for _ in range(_depth_limit(seg)):
        lonely = (counts[result] < 2) & (parent[result] >= 0)
        if not lonely.any():
            break
        result = np.where(lonely, parent[result], result)
    containers: IntArray = result.astype(np.int64)
    return containers


def _depth_limit(seg: Segmented) -> int:
    """Upper bound on ancestor steps: the deepest recorded element's depth plus one."""
    return max([e.depth for e in seg.elements], default=0) + 1


def _main_element(parent: IntArray, owner: IntArray,
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


def _is_under(parents: list[int], owner: IntArray, ancestor: int) -> FloatArray:
    """1.0 for blocks whose element is ``ancestor`` or lies below it."""
    under = [False] * len(parents)  # a Python list: no numpy scalar per element
    under[ancestor] = True
    for i in range(ancestor + 1, len(parents)):
        p = parents[i]
        if p >= 0 and under[p]:
            under[i] = True
    return np.array(under, dtype=bool)[owner].astype(np.float64)


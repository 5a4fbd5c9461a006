"""DOM features of each line (HTML only): its tag group, the hint groups of its
ancestors' class/id tokens and tags, its container, the page's main element, and
whether it sits in a card of a teaser list.

Imports :mod:`cleantext._compiled`, :mod:`cleantext.blocks`,
:mod:`cleantext.feature_columns`, :mod:`cleantext.numeric`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from cleantext._compiled import runs_compiled
from cleantext.blocks import Block, Element, Segmented, slot_offsets
from cleantext.feature_columns import COL, HINTS, MOSTLY_LINKS, TAG_GROUPS
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
_TAG_COLUMN = {tag: COL[f"tag_{group}"] for tag, group in TAG_GROUPS.items()}
# The in_<group> columns follow each other in HINTS order (_hint_columns relies on it).
_HINT_FIRST, _HINT_COUNT = COL[f"in_{HINTS[0][0]}"], len(HINTS)
if [COL[f"in_{name}"] for name, _ in HINTS] != list(range(_HINT_FIRST, _HINT_FIRST + _HINT_COUNT)):
    raise RuntimeError("the in_<group> columns must follow each other in HINTS order")


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
    ``<html>``/``<body>``) and of all its ancestors. Each tokens tuple (one per class/id
    value, alive as long as the elements) is looked up once, by its ``id``."""
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
    """1.0 in the tag_<group> column of each line whose tag has a group."""
    for i in range(len(blocks)):
        column = _TAG_COLUMN.get(blocks[i].tag)
        if column is not None:
            out[i, column] = 1.0


def dom_columns(out: FloatArray, seg: Segmented, prose: BoolArray) -> IntArray:
    """DOM hint, container and main-element columns; returns each line's container."""
    owner = np.maximum(np.array([b.element for b in seg.blocks], dtype=np.int64), 0)
    chars = np.exp(out[:, 0]) - 1
    links = out[:, 3] * np.maximum(chars, 1)
    prose_chars = np.where(prose, chars, 0.0)
    # A headline link: mostly link text and at least four tokens ("Read more" is not).
    headline_links = (out[:, 3] > MOSTLY_LINKS) & (out[:, COL["log_words"]] >= np.log1p(4))
    values = np.stack((prose_chars, chars, links, headline_links.astype(np.float64)), axis=1)
    # An element that holds (nearly) the whole page is scaffolding, like <html> and
    # <body>: a <form> around an ASP.NET page, a "header-wrapper" around everything.
    # Its class/id words and tag say nothing about one region against another.
    floor = _SCAFFOLD_SHARE * max(float(chars.sum()), 1.0)
    tree = (_tree_compiled if _COMPILED else _tree_python)(seg, owner, values, floor)
    if _COMPILED:  # the twelve hint columns written by one C loop
        _hint_columns(out, tree.masks, owner, _HINT_FIRST)
    else:
        block_masks = tree.masks[owner]
        for bit, (name, _) in enumerate(HINTS):
            out[:, COL[f"in_{name}"]] = (block_masks >> bit) & 1
    container = tree.container
    sub_prose, sub_chars, sub_links = tree.sums[:, 0], tree.sums[:, 1], tree.sums[:, 2]
    total = max(prose_chars.sum(), 1.0)
    out[:, COL["container_share"]] = sub_prose[container] / total
    out[:, COL["container_link_density"]] = sub_links[container] / np.maximum(
        sub_chars[container], 1.0)
    in_comment = out[:, COL["in_comment"]] > 0
    out[:, COL["page_comment_share"]] = prose_chars[in_comment].sum() / total
    main = _main_element(tree.parent, owner, prose_chars)
    if main >= 0:
        out[:, COL["in_main"]] = _is_under(tree, owner, main)
    line_counts = tree.counts.astype(np.float64)  # whole numbers: exact as floats
    out[:, COL["card_list"]] = _card_lists(tree, owner, tree.sums[:, 3], line_counts)
    return container


class _Tree(NamedTuple):
    """The element table for :func:`dom_columns`, per element: parent, the sums of the
    four value columns over the lines under it and their count, its and its ancestors'
    hint bits, siblings of its tag (itself included), ``<html>``/``<body>``; per line
    its container (``parents``: the parent list, pure path only)."""

    parent: IntArray
    sums: FloatArray
    counts: IntArray
    masks: IntArray
    repeat: FloatArray
    frame: BoolArray
    container: IntArray
    parents: list[int]


def _tree_python(seg: Segmented, owner: IntArray, values: FloatArray, floor: float) -> _Tree:
    """:class:`_Tree` from Python lists: the reference, run when not compiled."""
    elements = seg.elements
    parents = [e.parent for e in elements]
    parent = np.array(parents, dtype=np.int64)
    sums, counts = _subtree_sums(parents, owner, values)
    scaffold = (sums[:, 1] >= floor).tolist()
    masks = np.array(_element_masks(elements, scaffold), dtype=np.int64)
    keys = [(e.parent, e.tag) for e in elements]
    siblings = Counter(keys)
    repeat = np.array([siblings[key] for key in keys], dtype=np.float64)
    frame = np.array([tag in _FRAME_TAGS for _, tag in keys], dtype=bool)
    count_array, container = np.array(counts, dtype=np.int64), owner.copy()
    _climb(parent, count_array, max([e.depth for e in elements], default=0) + 1, container)
    return _Tree(parent, sums, count_array, masks, repeat, frame, container, parents)


def _tree_compiled(seg: Segmented, owner: IntArray, values: FloatArray, floor: float) -> _Tree:
    """:class:`_Tree` from C loops over arrays (the compiled path): the same integers,
    and the same float additions in the same order as :func:`_tree_python`."""
    elements = seg.elements
    m = len(elements)
    parent, own, tag_id = (np.empty(m, dtype=np.int64) for _ in range(3))
    frame = np.empty(m, dtype=np.uint8)
    tags: dict[str, int] = {}
    depth = _read_elements(elements, parent, own, frame, tag_id, tags)
    sums = np.zeros((m, 4), dtype=np.float64)
    np.add.at(sums, owner, values)
    counts = np.bincount(owner, minlength=m).astype(np.int64)
    _add_up(parent, sums, counts)
    skip = (sums[:, 1] >= floor).view(np.uint8) | frame
    masks = np.zeros(m, dtype=np.int64)
    _inherit_masks(parent, own, skip, masks)
    keys = parent * max(len(tags), 1) + tag_id  # (parent, tag) as one number
    order = np.argsort(keys, kind="stable")
    repeat = np.empty(m, dtype=np.float64)
    _run_counts(keys, order, repeat)
    container = owner.copy()
    _climb(parent, counts, depth + 1, container)
    return _Tree(parent, sums, counts, masks, repeat, frame.view(bool), container, [])


def _read_elements(elements: Sequence[Element], parent: IntArray, own: IntArray,
                   frame: npt.NDArray[np.uint8], tag_id: IntArray, tags: dict[str, int]
                   ) -> int:
    """One pass over the elements (compiled path): each one's parent, own hint bits
    (:func:`_element_masks`), ``<html>``/``<body>`` flag and tag number (``tags``, in
    first-seen order); returns the greatest depth (0 for none)."""
    by_tokens: dict[int, int] = {}
    tag_bits: list[int] = []
    frames: list[bool] = []
    deepest = elements[0].depth if len(elements) else 0  # max(..., default=0)
    for index in range(len(elements)):
        element = elements[index]
        if _SLOTS and type(element) is Element:  # compiled: the slots read directly
            tag, tokens = _slot(element, _TAG_AT), _slot(element, _TOKENS_AT)  # noqa: F821
            up, depth = _slot(element, _PARENT_AT), _slot(element, _DEPTH_AT)  # noqa: F821
        else:
            tag, tokens, up, depth = element.tag, element.tokens, element.parent, element.depth
        parent[index] = up
        known = tags.get(tag)
        if known is None:  # a tag's bits and frame flag looked up once a page
            known = tags[tag] = len(tags)
            tag_bits.append(_TAG_BITS.get(tag, 0))
            frames.append(tag in _FRAME_TAGS)
        number = known
        tag_id[index] = number
        frame[index] = frames[number]
        bits = tag_bits[number]
        if tokens:
            key = id(tokens)
            found = by_tokens.get(key)
            if found is None:
                found = by_tokens[key] = _token_bits(tokens)
            bits |= found
        own[index] = bits
        if depth > deepest:
            deepest = depth
    return deepest


def _inherit_masks(parent: IntArray, own: IntArray, skip: npt.NDArray[np.uint8],
                   masks: IntArray) -> None:
    """Per element, its ``own`` bits (none where ``skip``) and all its ancestors'."""
    for index in range(len(parent)):
        up = parent[index]
        inherited = masks[up] if up >= 0 else 0
        masks[index] = inherited if skip[index] else own[index] | inherited


def _run_counts(keys: IntArray, order: IntArray, repeat: FloatArray) -> None:
    """Per item, how many share its key (runs in ``order``, which sorts ``keys``)."""
    count = len(order)
    start = 0
    while start < count:
        end = start + 1
        while end < count and keys[order[end]] == keys[order[start]]:
            end += 1
        for j in range(start, end):
            repeat[order[j]] = end - start
        start = end


def _climb(parent: IntArray, counts: IntArray, limit: int, container: IntArray) -> None:
    """Each line's container: its element (given in ``container``) moved up, at most
    ``limit`` steps, to the nearest one holding at least two lines (``counts``)."""
    for line in range(len(container)):
        current = container[line]
        for _step in range(limit):
            if counts[current] >= 2 or parent[current] < 0:
                break
            current = parent[current]
        container[line] = current


def _hint_columns(out: FloatArray, masks: IntArray, owner: IntArray, first: int) -> None:
    """Column ``first + bit`` of a line: bit ``bit`` of its element's mask (compiled)."""
    for line in range(len(owner)):
        mask = masks[owner[line]]
        for bit in range(_HINT_COUNT):
            out[line, first + bit] = (mask >> bit) & 1


def _card_lists(tree: _Tree, owner: IntArray, link_lines: FloatArray,
                line_counts: FloatArray) -> FloatArray:
    """log(1 + siblings) for lines inside a repeated small unit headed by a link.

    Walking up from the line's element (at most ``_CARD_LEVELS`` levels), the first
    ancestor that has at least two siblings of its own tag under the same parent,
    holds at most ``_CARD_MAX_UNIT_LINES`` lines and at least one headline link (a
    mostly-link line of four tokens or more) is a card of a teaser list: a linked
    title and its summary. A product or service box whose only link is "Learn
    more" is not; paragraphs of an article repeat too, but hold no headline link.
    """
    parent, repeat = tree.parent, tree.repeat
    fits = (repeat >= 3) & (link_lines >= 1) & (line_counts <= _CARD_MAX_UNIT_LINES)
    fits &= ~tree.frame
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
    element, at most :data:`_CARD_LEVELS` of them, into ``cards`` (-1: none): the level
    loop of :func:`_card_lists` as a C loop (compiled path)."""
    for line in range(len(owner)):
        current = owner[line]
        for _level in range(_CARD_LEVELS):
            if current < 0:
                break
            if fits[current]:
                cards[line] = current
                break
            current = parent[current]


def _subtree_sums(parents: list[int], owner: IntArray, values: FloatArray
                  ) -> tuple[FloatArray, list[int]]:
    """Per element (a row), the sums of the four columns of ``values`` over the blocks
    under it, and their number: one list loop, whose Python floats add as float64 does
    (each column the same additions in the same order as np.add.at, row by row)."""
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
    return np.array((a, b, c, d), dtype=np.float64).T, counts


def _add_up(parent: IntArray, sums: FloatArray, counts: IntArray) -> None:
    """Add each element's four ``sums`` and its ``counts`` to its parent's, last
    element first, as :func:`_subtree_sums` does with lists (compiled path)."""
    for i in range(len(parent) - 1, 0, -1):
        p = parent[i]
        if p >= 0:
            sums[p, 0] += sums[i, 0]
            sums[p, 1] += sums[i, 1]
            sums[p, 2] += sums[i, 2]
            sums[p, 3] += sums[i, 3]
            counts[p] += counts[i]


_COMPILED = runs_compiled(_add_up)
# Compiled, _read_elements reads an Element's fields from their slots at the offsets of
# blocks.slot_offsets (_slot, features_dom.pxd: a member descriptor's __get__, in C).
_slot: Callable[[object, int], Any]
_SLOTS = _COMPILED and runs_compiled(slot_offsets) and len(slot_offsets(Element)) == 4
_TAG_AT, _TOKENS_AT, _PARENT_AT, _DEPTH_AT = slot_offsets(Element) if _SLOTS else (0, 0, 0, 0)


def _main_element(parent: IntArray, owner: IntArray, prose_chars: FloatArray) -> int:
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


def _is_under(tree: _Tree, owner: IntArray, ancestor: int) -> FloatArray:
    """1.0 for blocks whose element is ``ancestor`` or lies below it."""
    if _COMPILED:
        marked = np.zeros(len(tree.parent), dtype=np.uint8)
        _mark_under(tree.parent, ancestor, marked)
        return marked.view(bool)[owner].astype(np.float64)
    parents = tree.parents  # a Python list: no numpy scalar per element
    under = [False] * len(parents)
    under[ancestor] = True
    for i in range(ancestor + 1, len(parents)):
        p = parents[i]
        if p >= 0 and under[p]:
            under[i] = True
    return np.array(under, dtype=bool)[owner].astype(np.float64)


def _mark_under(parent: IntArray, ancestor: int, under: npt.NDArray[np.uint8]) -> None:
    """:func:`_is_under`'s loop over the parent array (compiled path)."""
    under[ancestor] = 1
    for i in range(ancestor + 1, len(parent)):
        p = parent[i]
        if p >= 0 and under[p]:
            under[i] = 1

"""The segment stage's types: :class:`Element`, :class:`Block` and :class:`Segmented`.

Kept apart from the HTML walker (:mod:`cleantext.html_walker`) so that every later
stage can read a segmented page without importing lxml. Imports only
the standard library, ``regex``, :mod:`cleantext._compiled`, :mod:`cleantext.linekind`
and :mod:`cleantext.metadata` (the types a line and the page's head data are made of).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

import regex

from cleantext._compiled import runs_compiled
from cleantext.linekind import PARAGRAPH, LineKind
from cleantext.metadata import HeadData

__all__ = [
    "Block",
    "Element",
    "Segmented",
    "cut_line",
    "fill_slots",
    "line_paths",
    "make_block",
    "make_element",
    "nonspace_chars",
    "slot_offsets",
    "slot_setters",
]


@dataclass(frozen=True, slots=True)
class Element:
    """One element of the walked tree: tag, whole class/id/role tokens, parent index."""

    tag: str
    tokens: tuple[str, ...]
    parent: int
    depth: int


@dataclass(frozen=True, slots=True)
class Block:
    """One line of the page.

    ``text`` has whitespace collapsed; ``link_chars`` counts non-space characters
    inside ``<a>`` elements (``chars`` the line's non-space characters, so link
    density is their ratio); ``links`` is the number of links that gave text;
    ``tag`` is the innermost block-level element holding the line (``"line"`` for a
    text dump); ``element`` the index in :attr:`Segmented.elements` of that
    block-level element (``-1`` for text dumps); ``kind`` what the line is in the
    page's structure (heading, list item, ...; see :mod:`cleantext.linekind`).
    """

    text: str
    chars: int
    link_chars: int
    links: int
    tag: str
    element: int
    kind: LineKind = PARAGRAPH


@dataclass(frozen=True, slots=True)
class Segmented:
    """The segment stage's result: blocks in page order, the element table, metadata.

    ``title`` is the ``<title>`` text and ``meta_title`` the og:/twitter: title;
    ``truncated`` says a limit of :class:`~cleantext.Options` cut the walk short;
    ``is_html`` is False for text dumps; ``head`` what the walk found for
    :class:`~cleantext.metadata.Metadata` (None for text dumps).
    """

    blocks: tuple[Block, ...]
    elements: tuple[Element, ...]
    title: str | None
    meta_title: str | None
    truncated: bool
    is_html: bool
    head: HeadData | None = None


# Element and Block are frozen dataclasses: the generated __init__ sets each field
# through object.__setattr__ (about 0.5 us per Element). The walk makes hundreds per
# page, so it fills the slots through their descriptors instead: the same objects,
# about 40% faster to make.
def slot_setters(cls: type) -> tuple[Any, ...]:
    """The ``__set__`` of each field slot of the dataclass ``cls``, in field order."""
    return tuple(vars(cls)[field.name].__set__ for field in fields(cls))


_set_element_fields = slot_setters(Element)
_set_block_fields = slot_setters(Block)

# Compiled, make_element and make_block (and html_shape's LineKind and Span makers) do
# two more things, through C functions declared in blocks.pxd (the names have no Python
# value and are called only when _COMPILED says this module was compiled):
# - each field is stored straight into its slot (_fill, at the offset its member
#   descriptor gives: what the descriptor's __set__ does, without a Python call per
#   field; about a third of the time);
# - the object is untracked from the cycle collector (_gc_untrack: CPython's
#   PyObject_GC_UnTrack). An Element or Block holds only strings, ints, tuples of
#   strings and a LineKind, none of which can lead back to it, so it can never be part
#   of a reference cycle. Untracked, the ~900 of them a page makes are no longer
#   traversed by every young collection nor promoted into the old generations, whose
#   full collections then come less often (docs/speed.md, "Eighth session").
# Pure Python can do neither and keeps the descriptors' setters.
_gc_untrack: Callable[[object], None]
_fill: Callable[[object, int, object], None]
_slot_offset: Callable[[object], int]


def slot_offsets(cls: type) -> tuple[int, ...]:
    """Compiled only: the byte offset of each field slot of the dataclass ``cls`` in its
    objects, in field order (from the slots' member descriptors); empty when one of
    them is not a plain object slot (then the setters are used)."""
    found = tuple(_slot_offset(vars(cls)[field.name]) for field in fields(cls))  # noqa: F821
    return found if all(at > 0 for at in found) else ()


def fill_slots(obj: object, at: tuple[int, ...], values: tuple[object, ...]) -> None:
    """Compiled only: store ``values`` in the slots of the new object ``obj`` at the
    offsets ``at`` (:func:`slot_offsets`, field order), then untrack it from the cycle
    collector; the one writer of the makers here and in :mod:`cleantext.html_shape`."""
    for index in range(len(values)):
        _fill(obj, at[index], values[index])  # noqa: F821  (blocks.pxd, see above)
    _gc_untrack(obj)  # noqa: F821


def make_element(tag: str, tokens: tuple[str, ...], parent: int, depth: int) -> Element:
    """``Element(tag, tokens, parent, depth)``, made faster (see above)."""
    element = Element.__new__(Element)
    if _COMPILED:
        fill_slots(element, _ELEMENT_AT, (tag, tokens, parent, depth))
        return element
    set_tag, set_tokens, set_parent, set_depth = _set_element_fields
    set_tag(element, tag)
    set_tokens(element, tokens)
    set_parent(element, parent)
    set_depth(element, depth)
    return element


def make_block(text: str, chars: int, link_chars: int, links: int, tag: str, element: int,
               kind: LineKind) -> Block:
    """``Block(text, chars, link_chars, links, tag, element, kind)``, made faster (see above)."""
    block = Block.__new__(Block)
    if _COMPILED:
        fill_slots(block, _BLOCK_AT, (text, chars, link_chars, links, tag, element, kind))
        return block
    (set_text, set_chars, set_link_chars, set_links, set_tag, set_element,
     set_kind) = _set_block_fields
    set_text(block, text)
    set_chars(block, chars)
    set_link_chars(block, link_chars)
    set_links(block, links)
    set_tag(block, tag)
    set_element(block, element)
    set_kind(block, kind)
    return block


_ELEMENT_AT = slot_offsets(Element) if runs_compiled(make_element) else ()
_BLOCK_AT = slot_offsets(Block) if _ELEMENT_AT else ()
# Only when the field counts are those the makers write (a field added to Element or
# Block must be added there too; until then the setters' unpacking fails loudly).
_COMPILED = len(_ELEMENT_AT) == 4 and len(_BLOCK_AT) == 7


_WS = regex.compile(r"\s+")


def cut_line(text: str, limit: int) -> tuple[str, bool]:
    """``text`` with whitespace collapsed to single spaces and trimmed, cut at
    ``limit`` characters (``Options.max_line_chars``), and whether it was cut."""
    if "\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text:
        # The only characters str.split() takes for whitespace and \s does not.
        line = _WS.sub(" ", text).strip()[:limit + 1]
    else:
        line = " ".join(text.split())[:limit + 1]  # same result, about 5x faster
    if len(line) > limit:
        return line[:limit], True
    return line, False


def nonspace_chars(text: str) -> int:
    """Characters of a collapsed line that are not spaces."""
    return len(text) - text.count(" ")


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

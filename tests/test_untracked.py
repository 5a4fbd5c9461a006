"""How the walk makes its objects (blocks.make_element/make_block,
html_shape._make_kind/_span).

Compiled, the segment stage stores the fields of the Elements, Blocks, LineKinds and
Spans it makes straight into their slots and untracks them from the cycle collector
(none can be part of a reference cycle); pure Python cannot and uses the slots'
setters, leaving them tracked. Either way they are the same objects: equal to the
ones the dataclass constructors make.
"""

from __future__ import annotations

import gc
import sys

import pytest

from cleantext import blocks, html_shape
from cleantext._compiled import runs_compiled
from cleantext.blocks import Block, Element
from cleantext.linekind import PARAGRAPH, LineKind, Span
from cleantext.options import Options
from cleantext.segment import segment_html

_PAGE = """<html><head><title>T</title></head><body>
<div class="main content" id="x"><h2>A heading</h2>
<p>Some <a href="/a">linked</a> and <strong>strong</strong> words.</p>
<ul><li>one</li><li>two</li></ul></div></body></html>"""


def test_untracked_exactly_when_compiled() -> None:
    seg = segment_html(_PAGE, Options())
    kinds = [block.kind for block in seg.blocks if block.kind.spans]
    spans = [span for kind in kinds for span in kind.spans]
    assert seg.elements and seg.blocks and kinds and spans
    tracked = not runs_compiled(blocks.make_element)
    assert runs_compiled(html_shape._span) == runs_compiled(blocks.make_element)
    for made in (*seg.elements, *seg.blocks, *kinds, *spans):
        assert gc.is_tracked(made) == tracked, made


def test_same_objects_as_the_constructors() -> None:
    seg = segment_html(_PAGE, Options())
    for element in seg.elements:
        assert element == Element(element.tag, element.tokens, element.parent,
                                  element.depth)
        assert type(element) is Element
    for block in seg.blocks:
        kind = block.kind
        assert block == Block(block.text, block.chars, block.link_chars, block.links,
                              block.tag, block.element, kind)
        rebuilt = LineKind(kind.type, kind.level, kind.ordered, kind.number,
                           group=kind.group, row=kind.row, column=kind.column, raw=kind.raw,
                           spans=tuple(Span(s.type, s.start, s.end, s.href)
                                       for s in kind.spans))
        assert kind == rebuilt
    gc.collect()  # the collector meets untracked objects only through tracked ones
    assert seg.blocks[0].text == "A heading"


_COMPILED = runs_compiled(blocks.make_element)


@pytest.mark.skipif(not _COMPILED, reason="the slots are filled directly only when compiled")
def test_slot_offsets_follow_the_fields() -> None:
    # Slots are laid out in name order, fields in declaration order: a wrong mapping
    # would put a value in another field (caught by the equality tests above too).
    for cls, count in ((Element, 4), (Block, 7), (Span, 4), (LineKind, 13)):
        offsets = blocks.slot_offsets(cls)
        assert len(offsets) == count and len(set(offsets)) == count
    element = blocks.make_element("div", ("a",), 7, 3)
    assert (element.tag, element.tokens, element.parent, element.depth) == (
        "div", ("a",), 7, 3)


def test_made_objects_hold_and_release_their_fields() -> None:
    value = "".join(("unique", "-tag"))  # a new string: only we refer to it
    before = sys.getrefcount(value)
    made = [blocks.make_element(value, (), -1, 0) for _ in range(100)]
    made += [blocks.make_block(value, 1, 0, 0, value, -1, PARAGRAPH) for _ in range(100)]
    assert sys.getrefcount(value) == before + 300
    del made
    assert sys.getrefcount(value) == before


def _left_alive(page: str, calls: int) -> int:
    """Tracked objects left alive (uncollected) by ``calls`` segmentations of ``page``."""
    gc.collect()
    gc.disable()
    try:
        before = len(gc.get_objects())
        for _ in range(calls):
            segment_html(page, Options())
        return len(gc.get_objects()) - before
    finally:
        gc.enable()
        gc.collect()


def test_a_segmented_page_leaves_only_the_parser_cycle() -> None:
    # lxml's parser and its target context refer to each other and hold the walker:
    # HtmlWalker.release empties it, so the cycle holds a few objects, not the page's
    # elements, lines and token cache (300 distinct class values here) until the
    # cycle collector runs.
    items = "".join(f'<div class="c{i} part{i}"><p>line {i}</p></div>' for i in range(300))
    page = f"<html><body>{items}</body></html>"
    left = _left_alive(page, 5)
    assert left < 5 * 100, left

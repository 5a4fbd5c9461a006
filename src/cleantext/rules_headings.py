"""Rules on block kinds: a section heading inside the body's flow is the body's; a
caption is not.

The line model decides a heading from its own few words, and a short heading reads
like a menu item or a box title ("Ingredients", "How it works"), so it often comes
out OTHER or NAVIGATION while the paragraphs around it are BODY. A heading
(:class:`~cleantext.linekind.LineKind` ``heading``, from ``<h2>``..``<h6>``) with a
BODY line among the ``Options.article_gap_lines`` lines before it and BODY right after
it divides the article, and is BODY too. The gap before is the one that lets a photo
or an advert split the article's runs (:func:`~cleantext.rules_common.article_span`):
a section often follows a figure. After it, the section's own text comes first: a box
inside the article ("Read also", "More on this") has its links there, not BODY. A run
of headings in a row (an ``<h2>`` right above an ``<h3>``) is judged as one. Only
headings of ``Options.section_heading_max_words`` words at most count (a long one is a
teaser's headline or a pull quote), and level-1 headings never do (the page's title,
not one of its sections); nor do the page's title lines. Each change carries a
``"context"`` reason. Text dumps have no heading kinds, so the rule never changes them.

A caption (``<figcaption>``, a table's ``<caption>``) describes a picture or a table
beside the article: a BODY caption becomes OTHER (:func:`captions`). Measured against
keeping them (benchmarks/crossval.py, HTML, k-fold / LOSO): scrapinghub +0.0010 /
+0.0007, wcxb-dev +0.0007 / +0.0006, trafilatura-dev +0.0015 / +0.0024, daniel-dev (held
out) +0.0000; every set's gold leaves most captions out. Lines merely inside a figure
(the ``in_caption`` feature: photo credits, galleries) were measured too and cost
daniel-dev 0.0095.

Imports :mod:`cleantext.blocks`, :mod:`cleantext.document`, :mod:`cleantext.linekind`,
:mod:`cleantext.options` and :mod:`cleantext.rules_common`.
"""

from __future__ import annotations

from collections.abc import Collection

from cleantext.blocks import Segmented
from cleantext.document import Label, Reason
from cleantext.linekind import BlockType
from cleantext.options import Options
from cleantext.rules_common import relabel

__all__ = ["captions", "section_headings"]


def section_headings(tree: Segmented, labels: list[Label], reasons: list[list[Reason]],
                     options: Options, protected: Collection[int] = ()) -> None:
    """Make BODY each heading of level 2 or more and ``section_heading_max_words``
    words at most whose run of headings has BODY within ``article_gap_lines`` lines
    before and right after it (module docstring); lines in ``protected`` (the title's)
    are left alone; 0 words: off."""
    if options.section_heading_max_words <= 0:
        return
    blocks = tree.blocks
    n = len(labels)
    gap = max(1, options.article_gap_lines)
    i = 0
    while i < n:
        if blocks[i].kind.type is not BlockType.HEADING:
            i += 1
            continue
        end = i
        while end < n and blocks[end].kind.type is BlockType.HEADING:
            end += 1
        if Label.BODY in labels[max(0, i - gap):i] and end < n and labels[end] is Label.BODY:
            for k in range(i, end):
                if (k not in protected and blocks[k].kind.level >= 2
                        and len(blocks[k].text.split()) <= options.section_heading_max_words):
                    relabel(labels, reasons, k, Label.BODY, "section heading",
                            f"heading with body within {gap} lines before and right "
                            "after: a section of the article")
        i = end


def captions(tree: Segmented, labels: list[Label], reasons: list[list[Reason]],
             protected: Collection[int] = ()) -> None:
    """Make each BODY caption line (module docstring) OTHER; the title's lines are
    left alone."""
    for i, block in enumerate(tree.blocks):
        if (block.kind.type is BlockType.CAPTION and labels[i] is Label.BODY
                and i not in protected):
            relabel(labels, reasons, i, Label.OTHER, "caption",
                    "a picture's or table's caption, beside the article's text")

"""The recall floor (HTML): a page with running text never comes out (nearly) empty.

After every other rule, when the page's BODY lines hold less than
``Options.floor_body_share`` of the words its best candidate container holds, and
that container holds at least ``Options.floor_min_words`` words in paragraphs (lines
of 25+ characters, not mostly links, outside comments and the title), the
container's readable lines become BODY again, as Readability and trafilatura's
baseline fall back to one container. Candidates are scored as Readability scores
them: each line of 25+ characters gives its block's parent ``1 + commas +
min(chars / 100, 3)`` points and its grandparent half that; a candidate's points
are then scaled by one minus its link density. A line printed twice in a row inside
the restored container keeps its first copy only (a pull quote, a CMS glitch).

Before the floor, :func:`article_repeats`: a paragraph printed twice in a row right
next to a body paragraph of the same container is the article's own (the model and
the card rules read a repeat as a card's title); its first copy is BODY, the second
not.

Imports :mod:`cleantext.blocks`, :mod:`cleantext.document`,
:mod:`cleantext.feature_columns`, :mod:`cleantext.features`, :mod:`cleantext.options`,
:mod:`cleantext.rules_common`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from cleantext.blocks import Segmented
from cleantext.document import Label, Reason
from cleantext.feature_columns import MOSTLY_LINKS
from cleantext.features import FeatureMatrix
from cleantext.numeric import FloatArray
from cleantext.options import Options
from cleantext.rules_common import article_lines, counts, relabel

__all__ = ["article_repeats", "article_siblings", "best_container", "outside_container",
           "recall_floor"]

PARAGRAPH_CHARS = 25
"""Characters from which a line counts as a paragraph (Readability's own cut)."""
LENGTH_POINTS = 3
"""At most this many points for a paragraph's length, one per 100 characters
(Readability's scale)."""
CANDIDATES = 5
"""Candidates (by points before link density) whose link density is measured: the
top one after scaling is nearly always among them."""


def _candidate_lines(seg: Segmented, candidates: Sequence[int]) -> dict[int, list[int]]:
    """For each candidate element, the indexes of the lines whose block lies inside it
    (itself included), in page order: one walk up per element, memoised, with a bit
    per candidate for the candidates an element is inside."""
    elements = seg.elements
    bits = {element: 1 << k for k, element in enumerate(candidates)}
    masks: dict[int, int] = {-1: 0}    # element -> bits of the candidates it is inside
    out: dict[int, list[int]] = {element: [] for element in candidates}
    for i, block in enumerate(seg.blocks):
        path = []
        up = block.element
        while up not in masks:
            path.append(up)
            up = elements[up].parent
        mask = masks[up]
        for element in reversed(path):
            mask |= bits.get(element, 0)
            masks[element] = mask
        if mask:
            for element, bit in bits.items():
                if mask & bit:
                    out[element].append(i)
    return out


def best_container(seg: Segmented) -> list[int] | None:
    """The lines of the element Readability would pick as the page's content, or None
    when no line is long enough to count as a paragraph. Computed once per page
    (:func:`cleantext.rules.apply_rules`) for :func:`outside_container` and
    :func:`recall_floor`."""
    elements = seg.elements
    points: dict[int, float] = {}
    for block in seg.blocks:
        if block.chars < PARAGRAPH_CHARS or block.element < 0:
            continue
        score = 1 + block.text.count(",") + block.text.count("，") + min(
            block.chars // 100, LENGTH_POINTS)
        parent = elements[block.element].parent
        if parent >= 0:
            points[parent] = points.get(parent, 0.0) + score
            grand = elements[parent].parent
            if grand >= 0:
                points[grand] = points.get(grand, 0.0) + score / 2
    if not points:
        return None
    best: tuple[float, int, list[int]] | None = None
    candidates = sorted(points, key=lambda e: -points[e])[:CANDIDATES]
    found = _candidate_lines(seg, candidates)
    for element in candidates:
        lines = found[element]
        chars = sum(seg.blocks[i].chars for i in lines)
        links = sum(seg.blocks[i].link_chars for i in lines)
        scaled = points[element] * (1 - links / chars if chars else 0.0)
        if best is None or scaled > best[0]:
            best = (scaled, element, lines)
    return None if best is None else best[2]


def recall_floor(features: FeatureMatrix, seg: Segmented, container: list[int] | None,
                 labels: list[Label], reasons: list[list[Reason]], options: Options,
                 protected: Collection[int]) -> None:
    """The rule of the module docstring: relabels in place, with a reason.
    ``container`` is :func:`best_container` of ``seg``."""
    if container is None:
        return
    words = counts(features, "log_words")
    links = features.column("link_density")
    comment = features.column("in_comment") > 0
    readable = [i for i in container if i not in protected and links[i] < MOSTLY_LINKS
                and not comment[i]]
    prose_words = sum(words[i] for i in readable if seg.blocks[i].chars >= PARAGRAPH_CHARS)
    body_words = sum(words[i] for i, label in enumerate(labels) if label is Label.BODY)
    if prose_words < options.floor_min_words or body_words >= (
            options.floor_body_share * prose_words):
        return
    why = (f"the page's body holds {body_words:.0f} words, its best container "
           f"{prose_words:.0f} in paragraphs: the container is kept")
    _restore(features.normalised, readable, labels, reasons, why)


def _restore(normalised: Sequence[str], lines: list[int], labels: list[Label],
             reasons: list[list[Reason]], why: str) -> None:
    previous = ""
    for i in lines:
        if normalised[i] and normalised[i] == previous:
            relabel(labels, reasons, i, Label.OTHER, "recall_floor",
                    "the line above printed again inside the kept container")
        else:
            relabel(labels, reasons, i, Label.BODY, "recall_floor", why)
        previous = normalised[i]


def _parent(seg: Segmented, i: int) -> int:
    """The parent element of line ``i``'s element (-2 for a line outside any)."""
    element = seg.blocks[i].element
    return seg.elements[element].parent if element >= 0 else -2


def article_repeats(features: FeatureMatrix, seg: Segmented, labels: list[Label],
                    reasons: list[list[Reason]]) -> None:
    """The repeat rule of the module docstring: relabels in place, with a reason."""
    norm = features.normalised
    n = len(labels)

    for i in range(n - 1):
        if not (norm[i] and norm[i] == norm[i + 1] and features.prose[i]
                and labels[i] is not Label.BODY and labels[i + 1] is not Label.BODY
                and Label.TITLE not in (labels[i], labels[i + 1])):
            continue
        beside = [j for j in (i - 1, i + 2) if 0 <= j < n and labels[j] is Label.BODY
                  and features.prose[j] and _parent(seg, j) == _parent(seg, i)]
        if beside:
            relabel(labels, reasons, i, Label.BODY, "article_repeat",
                    "a paragraph printed twice beside the article's body: its first copy")
            relabel(labels, reasons, i + 1, Label.OTHER, "article_repeat",
                    "the paragraph above printed again")


def article_siblings(features: FeatureMatrix, seg: Segmented, labels: list[Label],
                     reasons: list[list[Reason]], options: Options,
                     body_p: FloatArray) -> None:
    """The sibling rule of the module docstring: relabels in place, with a reason."""
    span = article_lines(features, labels, options)
    if span is None:
        return
    blocks = seg.blocks
    links = features.column("link_density")
    comment = features.column("in_comment") > 0

    def joins(i: int, beside: int) -> bool:
        return (labels[i] not in (Label.BODY, Label.TITLE) and features.prose[i]
                and blocks[i].chars >= PARAGRAPH_CHARS and links[i] < MOSTLY_LINKS
                and not comment[i] and body_p[i] >= options.sibling_min_p
                and _parent(seg, i) == _parent(seg, beside))

    start, end = span
    i = start - 1
    while i >= 0 and joins(i, i + 1):
        relabel(labels, reasons, i, Label.BODY, "article_sibling",
                "a paragraph beside the article's, of the same parent element")
        i -= 1
    i = end
    while i < len(labels) and joins(i, i - 1):
        relabel(labels, reasons, i, Label.BODY, "article_sibling",
                "a paragraph beside the article's, of the same parent element")
        i += 1


def outside_container(features: FeatureMatrix, container: list[int] | None,
                      labels: list[Label], reasons: list[list[Reason]], options: Options,
                      body_p: FloatArray, fallback: Sequence[Label]) -> None:
    """When the best container (``container``, :func:`best_container`'s lines) holds
    ``article_run_share`` of the body's words, a body line outside it needs
    ``away_margin`` more P(body) to stay body, as one away from the article's span
    does: the comments, bios and blurbs around a short article."""
    if container is None:
        return
    inside = set(container)
    words = counts(features, "log_words")
    body = [i for i, label in enumerate(labels) if label is Label.BODY]
    held = sum(words[i] for i in body if i in inside)
    if held < options.article_run_share * sum(words[i] for i in body):
        return
    needed = options.body_threshold + options.away_margin
    for i in body:
        if i not in inside and body_p[i] < needed:
            new = fallback[i] if fallback[i] is not Label.BODY else Label.OTHER
            relabel(labels, reasons, i, new, "outside_container",
                    f"P(body) {body_p[i]:.2f}, below the {needed:.2f} needed outside the "
                    "container that holds the article")

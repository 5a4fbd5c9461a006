"""Assemble stage: the :class:`~cleantext.Document` from the labels, the title and
the reasons.

The body is every BODY line, in page order, one per line of :attr:`Document.text`;
the :class:`Line` objects wait for a caller who reads ``Document.lines``
(:class:`PageLines`); the page's metadata is built on first read of
``Document.metadata`` (:func:`page_metadata`). Imports :mod:`cleantext.blocks`,
:mod:`cleantext.document`, :mod:`cleantext.features`, :mod:`cleantext.metadata` and
:mod:`cleantext.numeric` only: the reasons come
ready-made (:mod:`cleantext.explain`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from cleantext.blocks import Block, Segmented, line_paths
from cleantext.document import Document, Features, Label, Line, Reason, deferred_document
from cleantext.features import FeatureMatrix
from cleantext.metadata import Metadata, build_metadata
from cleantext.numeric import FloatArray

__all__ = ["PageLines", "ReasonRows", "build_document", "page_metadata"]

ReasonRows = Sequence[tuple[Reason, ...]]
"""Per line, all its reasons (title, context, category, model), in order."""


@dataclass(frozen=True, slots=True, eq=False)
class PageLines:
    """A page's lines before they are :class:`Line` objects: what
    :func:`build_document` keeps so that ``Document.lines`` is built on first read
    (a :class:`~cleantext.document.LineSource`). The arrays are the pipeline's own,
    never written after the Document is made; ``reasons`` gives every line's reasons
    when called (so they all wait for a reader). Compared and hashed by identity
    (numpy arrays have no single truth value)."""

    blocks: tuple[Block, ...]
    labels: tuple[Label, ...]
    scores_body: FloatArray
    names: tuple[str, ...]
    values: FloatArray
    paths: dict[int, str]
    reasons: Callable[[], ReasonRows]

    def build(self) -> tuple[Line, ...]:
        """Every line with label, score (on its own side), features and reasons."""
        names = self.names
        reasons = self.reasons()
        values = self.values.tolist()
        paths = self.paths
        return tuple(
            Line(index=i, text=block.text, label=label,
                 score=p if label is Label.BODY else 1.0 - p, tag=block.tag,
                 path=paths.get(block.element, ""),
                 features=Features(names, tuple(values[i])), reasons=reasons[i],
                 kind=block.kind)
            for i, (block, label, p) in enumerate(zip(self.blocks, self.labels,
                                                      self.scores_body.tolist(), strict=True))
        )


def build_document(seg: Segmented, features: FeatureMatrix, scores_body: FloatArray,
                   labels: Sequence[Label], reasons: ReasonRows | Callable[[], ReasonRows],
                   title: str | None, url: str | None,
                   paths: dict[int, str] | None = None) -> Document:
    """The Document: body text, title and every line with label, score and reasons.

    The body text needs only the labels; the :class:`Line` objects are built when a
    caller first reads ``Document.lines`` (see :class:`PageLines`). ``reasons`` is
    every line's reasons, or a function that gives them (called then); ``paths`` is
    :func:`~cleantext.blocks.line_paths` of ``seg`` when the caller already made it."""
    if paths is None:
        paths = line_paths(seg)
    labels = tuple(labels)
    source = PageLines(seg.blocks, labels, scores_body, features.names, features.values,
                       paths, reasons if callable(reasons) else _given(reasons))
    text = "\n".join(block.text for block, label in zip(seg.blocks, labels, strict=True)
                     if label is Label.BODY)
    return deferred_document(text, title, source, url, seg.truncated,
                             partial(page_metadata, seg, labels, url))


def page_metadata(seg: Segmented, labels: Sequence[Label], url: str | None) -> Metadata:
    """The page's :class:`Metadata` from its head data (None for a text dump) and its
    labelled lines (bylines and date lines near the title)."""
    return build_metadata(seg.head, [(block.text, label.value) for block, label
                                     in zip(seg.blocks, labels, strict=True)], url)


def _given(rows: ReasonRows) -> Callable[[], ReasonRows]:
    """``rows`` as the function :class:`PageLines` calls."""
    fixed = tuple(rows)
    return lambda: fixed

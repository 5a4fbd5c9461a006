"""Small builders for unit tests: pages, blocks and feature matrices from short descriptions.

A page is written one line per row, ``"path: text"``:

    page("html/body.single-post/nav.menu/ul/li: [Home]",
         "html/body.single-post/article/p: A sentence with [a link] in it.")

- ``path`` is ``/``-separated elements ``tag.class1.class2#id``; rows with the same
  path prefix share those elements (so two ``.../ul/li`` rows are in the same ``li``;
  give siblings ids, ``li#1`` and ``li#2``, to keep them apart);
- as in the segmenter, a line belongs to the innermost block-level element of its path
  (its ``tag`` and ``element``); inline elements after it (``a``, ``span``) only
  exist in the element table;
- ``[...]`` in the text marks a link (its characters count as link characters, each
  bracket pair is one link); the brackets are not part of the line's text.

Text dumps are :func:`text_page`; label sequences are :func:`labels` (one letter per
line); a :class:`FeatureMatrix` with chosen columns is :func:`matrix`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import regex

from cleantext.blocks import Block, Element, Segmented
from cleantext.document import Label
from cleantext.features import FEATURE_NAMES, FeatureMatrix, compute_features
from cleantext.html_tags import BLOCK_TAGS, split_tokens

__all__ = ["blocks_of", "features_of", "labels", "matrix", "page", "text_page"]

_LINK = regex.compile(r"\[([^\]]*)\]")
_LETTERS = {"B": Label.BODY, "T": Label.TITLE, "N": Label.NAVIGATION, "R": Label.RELATED,
            "C": Label.COMMENTS, "O": Label.OTHER}


def _nonspace(text: str) -> int:
    return len(text) - text.count(" ")


def _element(spec: str, parent: int, depth: int) -> Element:
    """``"div.a.b#c"`` → Element(tag="div", tokens of "a b c")."""
    head, _, ident = spec.partition("#")
    tag, *classes = head.split(".")
    value = " ".join([*classes, ident] if ident else classes)
    return Element(tag, split_tokens(value) if value else (), parent, depth)


def _block(text_spec: str, element: int, tag: str) -> Block:
    text = " ".join(_LINK.sub(r"\1", text_spec).split())
    link_chars = sum(_nonspace(m) for m in _LINK.findall(text_spec))
    links = len(_LINK.findall(text_spec))
    return Block(text, _nonspace(text), link_chars, links, tag, element)


def page(*rows: str, title: str | None = None, meta_title: str | None = None,
         truncated: bool = False) -> Segmented:
    """A segmented HTML page from ``"path: text"`` rows (see the module docstring)."""
    elements: list[Element] = []
    index: dict[str, int] = {}
    blocks: list[Block] = []
    for row in rows:
        path, sep, text_spec = row.partition(": ")
        if not sep:
            raise ValueError(f"row needs 'path: text': {row!r}")
        parent, prefix, tag, owner = -1, "", "body", -1
        for depth, spec in enumerate(path.split("/")):
            prefix = f"{prefix}/{spec}"
            if prefix not in index:
                elements.append(_element(spec, parent, depth))
                index[prefix] = len(elements) - 1
            parent = index[prefix]
            if elements[parent].tag in BLOCK_TAGS:
                tag, owner = elements[parent].tag, parent
        blocks.append(_block(text_spec, owner if owner >= 0 else parent, tag))
    return Segmented(tuple(blocks), tuple(elements), title, meta_title, truncated, True)


def text_page(*lines: str) -> Segmented:
    """A segmented text dump: one block per line, no elements, no links."""
    blocks = tuple(Block(t, _nonspace(t), 0, 0, "line", -1) for t in lines)
    return Segmented(blocks, (), None, None, False, False)


def blocks_of(seg: Segmented) -> list[str]:
    """The texts of a page's blocks, in order."""
    return [b.text for b in seg.blocks]


def features_of(seg: Segmented, **kwargs: object) -> dict[str, list[float]]:
    """``compute_features`` as ``{feature name: [value per line]}`` for readable asserts."""
    fm = compute_features(seg, **kwargs)  # type: ignore[arg-type]
    return {name: fm.column(name).tolist() for name in fm.names}


def labels(letters: str) -> list[Label]:
    """``"BBNRT"`` → [BODY, BODY, NAVIGATION, RELATED, TITLE] (C comments, O other)."""
    return [_LETTERS[c] for c in letters]


def matrix(n: int, *, prose: Sequence[bool] | None = None,
           groups: Sequence[int] | None = None, normalised: Sequence[str] | None = None,
           **columns: Sequence[float]) -> FeatureMatrix:
    """A FeatureMatrix of ``n`` lines: every feature 0 except the named ``columns``.

    ``prose`` defaults to all False, ``groups`` to one group per line, ``normalised``
    (the lines as :func:`normalise_line` gives them) to distinct ``"line a"``,
    ``"line b"``, ...
    """
    values = np.zeros((n, len(FEATURE_NAMES)), dtype=np.float64)
    for name, column in columns.items():
        if len(column) != n:
            raise ValueError(f"column {name} has {len(column)} values, expected {n}")
        values[:, FEATURE_NAMES.index(name)] = column
    flags = np.array(prose if prose is not None else [False] * n, dtype=bool)
    group = np.array(groups if groups is not None else range(n), dtype=np.int64)
    norm = (tuple(normalised) if normalised is not None
            else tuple(f"line {chr(ord('a') + i)}" for i in range(n)))
    return FeatureMatrix(FEATURE_NAMES, values, flags, group, norm)


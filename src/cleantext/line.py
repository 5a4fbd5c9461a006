"""One labelled line of a page: :class:`Label`, :class:`Features`, :class:`Reason`, :class:`Line`.

These are plain frozen dataclasses (and one read-only mapping); numpy never leaks
out of the feature and scoring stages. A :class:`Line` carries everything needed to
explain its label: the score, the named feature values, and the reasons (which
feature or rule pushed which way).

The JSON-ready records of a line are :class:`TypedDict` s with one key scheme shared
by :meth:`Line.to_dict`, :meth:`Line.to_row` and :meth:`Line.explain_row` (and so by
``Document.to_dict`` / ``to_rows`` / ``explain``): ``index`` is the 0-based position
among the page's lines, ``label`` a :class:`Label` (a ``str``, so ``json`` writes
``"body"``), and every float is rounded to :data:`DIGITS` decimals.

This module imports only :mod:`cleantext.linekind` (a line's structural kind):
the Document (:mod:`cleantext.document`)
and the HTML view (:mod:`cleantext.htmlview`) both build on it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Final, Literal, TypedDict, get_args

from cleantext.linekind import PARAGRAPH, LineKind, LineKindDict

__all__ = [
    "DIGITS",
    "REASON_SOURCES",
    "ExplainRow",
    "Features",
    "Label",
    "Line",
    "LineDict",
    "Reason",
    "ReasonDict",
    "ReasonSource",
    "RowDict",
]

DIGITS: Final = 4
"""Decimals kept for every float of a record (score, feature value, reason weight):
1e-4 is far below any threshold the pipeline uses (its smallest step is 0.05), and
four digits keep a page's JSON about a third smaller than full ``repr`` floats."""


class Label(str, enum.Enum):
    """What a line of a page is. A ``str`` subclass: ``Label.BODY == "body"``, and
    ``json`` writes a Label (as a value or a dict key) as its value."""

    BODY = "body"
    """The article's own text (or a forum's posts, a product's description)."""
    TITLE = "title"
    """The headline."""
    NAVIGATION = "navigation"
    """Menus, breadcrumbs, footers, pagination, link lists."""
    RELATED = "related"
    """Related / latest / recommended stories, "read also" links and teasers."""
    COMMENTS = "comments"
    """Reader comments and the comment form around them."""
    OTHER = "other"
    """Captions, bylines, dates, share bars, forms, ads, cookie text."""

    def __str__(self) -> str:
        return self.value


class Features(Mapping[str, float]):
    """Read-only mapping of a line's named feature values (shared names, own values)."""

    __slots__ = ("_names", "_values")

    def __init__(self, names: tuple[str, ...], values: tuple[float, ...]) -> None:
        if len(names) != len(values):
            raise ValueError("names and values differ in length")
        self._names = names
        self._values = values

    def __getitem__(self, key: str) -> float:
        try:
            return self._values[self._names.index(key)]
        except ValueError:
            raise KeyError(key) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __hash__(self) -> int:
        return hash((self._names, self._values))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Features):
            return self._names == other._names and self._values == other._values
        return super().__eq__(other)

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={v:.3g}" for n, v in zip(self._names, self._values, strict=True))
        return f"Features({inner})"


EMPTY_FEATURES = Features((), ())

ReasonSource = Literal["model", "category", "context", "title"]
"""Where a :class:`Reason` comes from:

- ``"model"``: one feature's contribution to the line model's body/boilerplate
  log-odds (the strongest few per line).
- ``"category"``: for a boilerplate line, the feature that added most to the category
  it got (navigation, related, comments, other), or ``default`` when none did.
- ``"context"``: the neighbour pass or a context rule changed or confirmed the label.
- ``"title"``: the line matched the page's title and was labelled TITLE.
"""

REASON_SOURCES: Final[frozenset[str]] = frozenset(get_args(ReasonSource))
"""Every value :attr:`Reason.source` may take."""


class ReasonDict(TypedDict):
    """JSON-ready :class:`Reason` (``weight`` rounded to :data:`DIGITS`)."""

    source: ReasonSource
    name: str
    weight: float
    detail: str


@dataclass(frozen=True, slots=True)
class Reason:
    """One cause of a line's label.

    ``source`` is one of :data:`ReasonSource` (``"model"``, ``"category"``,
    ``"context"``, ``"title"``; anything else raises ``ValueError``). ``name`` is the
    feature or rule name; ``weight`` is the signed contribution in log-odds units
    (positive pushes toward the label the line got); ``detail`` is a short
    human-readable sentence.
    """

    source: ReasonSource
    name: str
    weight: float
    detail: str = ""

    def __post_init__(self) -> None:
        if self.source not in REASON_SOURCES:
            raise ValueError(f"Reason.source must be one of {sorted(REASON_SOURCES)}, "
                             f"not {self.source!r}")

    def __str__(self) -> str:
        sign = "+" if self.weight >= 0 else "-"
        text = f"{self.source}:{self.name} {sign}{abs(self.weight):.2f}"
        return f"{text} ({self.detail})" if self.detail else text

    def to_dict(self) -> ReasonDict:
        """JSON-ready view (``weight`` rounded to :data:`DIGITS` decimals)."""
        return {"source": self.source, "name": self.name,
                "weight": round(self.weight, DIGITS), "detail": self.detail}


class LineDict(TypedDict):
    """:meth:`Line.to_dict`: the whole line, features and reasons included."""

    index: int
    text: str
    label: Label
    score: float
    tag: str
    path: str
    features: dict[str, float]
    reasons: list[ReasonDict]
    kind: LineKindDict


class RowDict(TypedDict):
    """:meth:`Line.to_row`: one flat table row (``reasons`` the top three as one string);
    ``pandas.json_normalize(doc.to_rows())`` spreads ``features`` into
    ``features.<name>`` columns."""

    index: int
    label: Label
    score: float
    tag: str
    path: str
    text: str
    reasons: str
    features: dict[str, float]
    kind: str


class ExplainRow(TypedDict):
    """:meth:`Line.explain_row`: why the line got its label. ``top_features`` maps the
    strongest model features to their weights; ``reasons`` are the reasons as text,
    the non-model ones first."""

    index: int
    label: Label
    score: float
    text: str
    top_features: dict[str, float]
    reasons: list[str]
    kind: str


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the page with its label and the evidence for it.

    ``index`` is the 0-based position among the page's lines; ``score`` is the line
    model's confidence (0..1) in the line's side of the body/boilerplate split:
    P(body) for a body line, 1 - P(body) for any other. Where the context pass
    overruled the model the score is below 0.5 and a ``"context"`` reason says why;
    ``tag`` is the HTML element that
    holds the line (``"line"`` for a text dump); ``path`` its DOM path (empty for text);
    ``kind`` what the line is in the page's structure (:class:`~cleantext.linekind.LineKind`:
    heading, list item, table row, code, ...; records write it as ``kind``).
    """

    index: int
    text: str
    label: Label
    score: float
    tag: str = "line"
    path: str = ""
    features: Mapping[str, float] = field(default=EMPTY_FEATURES, compare=False)
    reasons: tuple[Reason, ...] = ()
    kind: LineKind = PARAGRAPH

    @property
    def is_body(self) -> bool:
        """True when the line is part of :attr:`Document.text`."""
        return self.label is Label.BODY

    def _features(self) -> dict[str, float]:
        return {k: round(v, DIGITS) for k, v in self.features.items()}

    def to_dict(self) -> LineDict:
        """JSON-ready view of the line (features and reasons included)."""
        return {
            "index": self.index,
            "text": self.text,
            "label": self.label,
            "score": round(self.score, DIGITS),
            "tag": self.tag,
            "path": self.path,
            "features": self._features(),
            "reasons": [r.to_dict() for r in self.reasons],
            "kind": self.kind.to_dict(),
        }

    def to_row(self) -> RowDict:
        """One table row: the line's fields, the top three reasons joined with ``"; "``."""
        return {
            "index": self.index,
            "label": self.label,
            "score": round(self.score, DIGITS),
            "tag": self.tag,
            "path": self.path,
            "text": self.text,
            "reasons": "; ".join(str(r) for r in self.reasons[:3]),
            "features": self._features(),
            "kind": self.kind.type.value,
        }

    def explain_row(self, top: int = 3) -> ExplainRow:
        """Why the line got its label. ``top`` is how many model reasons to keep
        (largest absolute weight first); every other reason is always kept."""
        model = sorted((r for r in self.reasons if r.source == "model"),
                       key=lambda r: -abs(r.weight))[:top]
        other = [r for r in self.reasons if r.source != "model"]
        return {
            "index": self.index,
            "label": self.label,
            "score": round(self.score, DIGITS),
            "text": self.text,
            "top_features": {r.name: round(r.weight, DIGITS) for r in model},
            "reasons": [str(r) for r in other + model],
            "kind": self.kind.type.value,
        }

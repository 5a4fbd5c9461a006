"""The result types a user sees: :class:`Document`, :class:`Line`, :class:`Label`, :class:`Reason`.

These are plain frozen dataclasses; numpy never leaks out of the feature and scoring
stages. A :class:`Line` carries everything needed to explain its label: the score,
the named feature values, and the reasons (which feature or rule pushed which way).
An extraction builds its Document's lines on first read of :attr:`Document.lines`
(see :func:`deferred_document`); nothing else about the Document shows it.
"""

from __future__ import annotations

import enum
import types
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, overload

__all__ = ["Document", "Features", "Label", "Line", "Reason"]


class Label(str, enum.Enum):
    """What a line of a page is."""

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


@dataclass(frozen=True, slots=True)
class Reason:
    """One cause of a line's label.

    ``source`` is ``"model"`` (a feature's contribution to the line model's score),
    ``"context"`` (the neighbour pass changed or confirmed the label) or ``"title"``
    (the line matched the page's title). ``name`` is the feature or rule name;
    ``weight`` is the signed contribution in log-odds units (positive pushes toward
    the label the line got); ``detail`` is a short human-readable sentence.
    """

    source: str
    name: str
    weight: float
    detail: str = ""

    def __str__(self) -> str:
        sign = "+" if self.weight >= 0 else "-"
        text = f"{self.source}:{self.name} {sign}{abs(self.weight):.2f}"
        return f"{text} ({self.detail})" if self.detail else text


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the page with its label and the evidence for it.

    ``index`` is the 0-based position among the page's lines; ``score`` is the line
    model's confidence (0..1) in the line's side of the body/boilerplate split:
    P(body) for a body line, 1 - P(body) for any other. Where the context pass
    overruled the model the score is below 0.5 and a ``"context"`` reason says why;
    ``tag`` is the HTML element that
    holds the line (``"line"`` for a text dump); ``path`` its DOM path (empty for text).
    """

    index: int
    text: str
    label: Label
    score: float
    tag: str = "line"
    path: str = ""
    features: Mapping[str, float] = field(default=EMPTY_FEATURES, compare=False)
    reasons: tuple[Reason, ...] = ()

    @property
    def is_body(self) -> bool:
        """True when the line is part of :attr:`Document.text`."""
        return self.label is Label.BODY

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready view of the line (features and reasons included)."""
        return {
            "index": self.index,
            "text": self.text,
            "label": self.label.value,
            "score": round(self.score, 4),
            "tag": self.tag,
            "path": self.path,
            "features": {k: round(v, 4) for k, v in self.features.items()},
            "reasons": [
                {"source": r.source, "name": r.name, "weight": round(r.weight, 4),
                 "detail": r.detail}
                for r in self.reasons
            ],
        }


@dataclass(frozen=True, slots=True)
class Document:
    """The result of one extraction.

    ``text`` is the body, one paragraph per line; ``title`` the headline or ``None``;
    ``lines`` every line of the page in order, each labelled; ``url`` what the caller
    passed, if anything; ``truncated`` is True when a limit of :class:`Options`
    (``max_elements``, ``max_lines``, nesting past what the parser keeps) cut the
    page short, so the result covers only its beginning.
    """

    text: str
    title: str | None
    lines: tuple[Line, ...]
    url: str | None = None
    truncated: bool = False

    @property
    def label_counts(self) -> dict[str, int]:
        """Number of lines per label, every label present (zero when absent)."""
        counts = {label.value: 0 for label in Label}
        stored = _LINES_SLOT.__get__(self, Document)
        labels = (stored.labels if not isinstance(stored, tuple)
                  else (line.label for line in stored))
        for label in labels:
            counts[label.value] += 1
        return counts

    def __bool__(self) -> bool:
        return bool(self.text)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready view: url, title, text, label counts and every line."""
        return {
            "url": self.url,
            "title": self.title,
            "truncated": self.truncated,
            "text": self.text,
            "label_counts": self.label_counts,
            "lines": [line.to_dict() for line in self.lines],
        }

    def to_rows(self) -> list[dict[str, Any]]:
        """One flat dict per line, ready for ``pandas.DataFrame(doc.to_rows())``.

        Columns: index, label, score, tag, text, reasons (top three as text) and one
        ``f_<name>`` column per feature.
        """
        rows: list[dict[str, Any]] = []
        for line in self.lines:
            row: dict[str, Any] = {
                "index": line.index,
                "label": line.label.value,
                "score": line.score,
                "tag": line.tag,
                "text": line.text,
                "reasons": "; ".join(str(r) for r in line.reasons[:3]),
            }
            for name, value in line.features.items():
                row[f"f_{name}"] = value
            rows.append(row)
        return rows

    def explain(self, top: int = 3) -> list[dict[str, Any]]:
        """Why each line got its label: line number, label, score, top features, reasons.

        ``top`` is how many model reasons to keep per line (largest absolute weight
        first); context and title reasons are always kept.
        """
        out: list[dict[str, Any]] = []
        for line in self.lines:
            model = sorted((r for r in line.reasons if r.source == "model"),
                           key=lambda r: -abs(r.weight))[:top]
            other = [r for r in line.reasons if r.source != "model"]
            out.append({
                "line": line.index + 1,
                "label": line.label.value,
                "score": round(line.score, 3),
                "text": line.text,
                "top_features": {r.name: round(r.weight, 3) for r in model},
                "reasons": [str(r) for r in other + model],
            })
        return out

    def _repr_html_(self) -> str:
        from cleantext.render import document_html

        return document_html(self)


class LineSource(Protocol):
    """What a page's :class:`Line` objects are made from, until a caller reads them.

    The pipeline hands one to :func:`deferred_document`, so a caller who reads only
    :attr:`Document.text` or :attr:`Document.title` never pays for the per-line
    objects (a ``Line``, its ``Features`` and about four ``Reason`` per line, about
    a sixth of an extraction's time). ``labels`` is every line's label, in order (for
    :attr:`Document.label_counts`); :meth:`build` makes the lines, the same every call.
    """

    @property
    def labels(self) -> tuple[Label, ...]:
        """Every line's label, in page order."""

    def build(self) -> tuple[Line, ...]:
        """The page's lines, in order."""


_LINES_SLOT: types.MemberDescriptorType = Document.__dict__["lines"]
"""The slot that stores :attr:`Document.lines` (made by ``dataclass(slots=True)``):
a tuple of lines, or a :class:`LineSource` until the lines are first read."""


class _DeferredLines:
    """:attr:`Document.lines` in place of the bare slot: on the first read of a
    Document made by :func:`deferred_document` the lines are built and stored in
    the slot, so every later read (and equality, hashing, ``repr``, pickling, copying,
    ``dataclasses.replace``/``asdict``, which all read the attribute) sees the tuple.
    Two threads reading at once may both build; both get equal tuples."""

    __slots__ = ()

    @overload
    def __get__(self, doc: None, owner: type[Document]) -> _DeferredLines: ...

    @overload
    def __get__(self, doc: Document, owner: type[Document] | None = None
                ) -> tuple[Line, ...]: ...

    def __get__(self, doc: Document | None, owner: type[Document] | None = None
                ) -> tuple[Line, ...] | _DeferredLines:
        if doc is None:
            return self
        stored = _LINES_SLOT.__get__(doc, Document)
        if isinstance(stored, tuple):
            return stored
        lines: tuple[Line, ...] = stored.build()
        _LINES_SLOT.__set__(doc, lines)
        return lines

    def __set__(self, doc: Document, value: tuple[Line, ...] | LineSource) -> None:
        # Reached only through object.__setattr__ (the dataclass __init__ and
        # unpickling); the frozen dataclass's __setattr__ still refuses assignment.
        _LINES_SLOT.__set__(doc, value)


setattr(Document, "lines", _DeferredLines())  # noqa: B010 (hidden from type checkers on purpose)


def deferred_document(text: str, title: str | None, source: LineSource, url: str | None,
                      truncated: bool) -> Document:
    """A :class:`Document` whose :attr:`~Document.lines` are built from ``source`` on
    first read; equal, in every observable way, to one made with the lines up front."""
    doc = Document(text=text, title=title, lines=(), url=url, truncated=truncated)
    _LINES_SLOT.__set__(doc, source)
    return doc

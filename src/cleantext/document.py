"""The result of an extraction: :class:`Document` (its lines are :mod:`cleantext.line`).

A Document is immutable. An extraction builds its lines only when a caller first
reads :attr:`Document.lines` (see :func:`deferred_document`): reading the body text,
title or label counts costs no line objects, and nothing else about the Document
shows the difference.

:class:`Label`, :class:`Features`, :class:`Reason` and :class:`Line` live in
:mod:`cleantext.line` and are re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import FrozenInstanceError
from typing import Any, Final, Protocol, TypedDict

from cleantext.htmlview import document_html
from cleantext.line import (
    EMPTY_FEATURES,
    ExplainRow,
    Features,
    Label,
    Line,
    LineDict,
    Reason,
    ReasonDict,
    ReasonSource,
    RowDict,
)
from cleantext.markup import markdown_of, semantic_html
from cleantext.metadata import Metadata

__all__ = [
    "EMPTY_FEATURES",
    "Document",
    "DocumentDict",
    "ExplainRow",
    "Features",
    "Label",
    "Line",
    "LineDict",
    "LineSource",
    "Reason",
    "ReasonDict",
    "ReasonSource",
    "RowDict",
    "deferred_document",
]


class DocumentDict(TypedDict):
    """:meth:`Document.to_dict`: the Document and every line (:class:`LineDict`).
    ``label_counts`` has every :class:`Label` as a key (a ``str``: ``"body"`` in JSON)."""

    url: str | None
    title: str | None
    truncated: bool
    text: str
    label_counts: dict[Label, int]
    metadata: dict[str, Any]
    lines: list[LineDict]


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


_FIELDS: Final = ("text", "title", "lines", "url", "truncated", "metadata")
"""The constructor's arguments, in order: what equality, hashing, ``repr``,
pickling and :meth:`Document.replace` cover."""


class Document:
    """The result of one extraction.

    ``text`` is the body, one paragraph per line; ``title`` the headline or ``None``;
    ``lines`` every line of the page in order, each labelled; ``url`` what the caller
    passed, if anything; ``truncated`` is True when a limit of :class:`Options`
    (``max_elements``, ``max_lines``, nesting past what the parser keeps) cut the
    page short, so the result covers only its beginning; ``metadata`` the page's
    :class:`~cleantext.metadata.Metadata` (authors, dates, ...).

    Immutable (assignment raises ``dataclasses.FrozenInstanceError``); equal,
    hashable, printable, picklable and copyable by its six fields, whether or not
    its lines were read yet. Change a field with :meth:`replace` (also
    ``copy.replace`` on Python 3.13+).

    Every Document is truthy, including a successful extraction of a page with no
    body: an empty body is a result, not a failure (failures raise
    :class:`~cleantext.ExtractionError`). Test :attr:`has_body` for "found text".
    """

    __slots__ = ("_lines", "_metadata", "text", "title", "truncated", "url")

    text: str
    title: str | None
    url: str | None
    truncated: bool
    _lines: tuple[Line, ...] | LineSource
    _metadata: Metadata | Callable[[], Metadata]

    def __init__(self, text: str, title: str | None, lines: Iterable[Line],
                 url: str | None = None, truncated: bool = False,
                 metadata: Metadata | None = None) -> None:
        setter = object.__setattr__
        setter(self, "text", text)
        setter(self, "title", title)
        setter(self, "_lines", lines if isinstance(lines, tuple) else tuple(lines))
        setter(self, "url", url)
        setter(self, "truncated", truncated)
        setter(self, "_metadata", metadata if metadata is not None else Metadata())

    @property
    def lines(self) -> tuple[Line, ...]:
        """Every line of the page, in order. For an extraction, built on first read
        and kept (two threads reading at once may both build; both get equal tuples)."""
        stored = self._lines
        if isinstance(stored, tuple):
            return stored
        built = stored.build()
        object.__setattr__(self, "_lines", built)
        return built

    @property
    def metadata(self) -> Metadata:
        """The page's :class:`~cleantext.metadata.Metadata` (title, authors, dates,
        language, site, description, canonical URL, image, tags, each with its source).
        For an extraction, built on first read from the page's head data and its
        labelled lines, and kept."""
        stored = self._metadata
        if isinstance(stored, Metadata):
            return stored
        built = stored()
        object.__setattr__(self, "_metadata", built)
        return built

    @property
    def has_body(self) -> bool:
        """True when the extraction found body text (:attr:`text` is not empty)."""
        return bool(self.text)

    @property
    def label_counts(self) -> dict[Label, int]:
        """Number of lines per :class:`Label`, every label present (zero when absent).
        Keys are Labels (``str`` subclasses: ``counts["body"]`` works too)."""
        counts = dict.fromkeys(Label, 0)
        stored = self._lines
        labels = (line.label for line in stored) if isinstance(stored, tuple) else stored.labels
        for label in labels:
            counts[label] += 1
        return counts

    # --- value semantics ----------------------------------------------------------------

    def _values(self) -> tuple[Any, ...]:
        return (self.text, self.title, self.lines, self.url, self.truncated, self.metadata)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={value!r}"
                          for name, value in zip(_FIELDS, self._values(), strict=True))
        return f"Document({inner})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Document, self._values())

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def replace(self, **changes: Any) -> Document:
        """A copy with the named fields (``text``, ``title``, ``lines``, ``url``,
        ``truncated``, ``metadata``) changed; unread lines and metadata stay unread
        when not given."""
        unknown = set(changes) - set(_FIELDS)
        if unknown:
            raise TypeError(f"Document has no field(s) {sorted(unknown)}")
        out = Document(changes.get("text", self.text), changes.get("title", self.title),
                       changes.get("lines", ()), changes.get("url", self.url),
                       changes.get("truncated", self.truncated), changes.get("metadata"))
        if "lines" not in changes:
            object.__setattr__(out, "_lines", self._lines)
        if "metadata" not in changes:
            object.__setattr__(out, "_metadata", self._metadata)
        return out

    __replace__ = replace

    # --- records ------------------------------------------------------------------------

    def to_dict(self) -> DocumentDict:
        """JSON-ready view: url, title, truncated, text, label counts and every line."""
        return {
            "url": self.url,
            "title": self.title,
            "truncated": self.truncated,
            "text": self.text,
            "label_counts": self.label_counts,
            "metadata": self.metadata.to_dict(),
            "lines": [line.to_dict() for line in self.lines],
        }

    def to_markdown(self, links: bool = False, emphasis: bool = False,
                    title: bool = True) -> str:
        """The kept lines (title and body) as GitHub-flavoured Markdown: headings,
        nested and numbered lists, tables, fenced code, quotes (see
        :mod:`cleantext.markup`). ``links`` writes links as ``[text](url)``,
        ``emphasis`` keeps ``*em*``, ``**strong**`` and inline code; ``title=False``
        leaves out the ``#`` title heading. The words are those of :attr:`text`."""
        return markdown_of(self.lines, self.title if title else None, links=links,
                           emphasis=emphasis)

    def to_html(self, links: bool = True) -> str:
        """The kept lines as clean semantic HTML (``<h1>``…, ``<p>``, ``<ul>``/``<ol>``,
        ``<table>``, ``<pre><code>``, ``<blockquote>``), every text escaped, safe to
        embed; ``links`` keeps ``<a href>`` for http(s) and relative targets only."""
        return semantic_html(self.lines, self.title, links=links)

    def to_rows(self) -> list[RowDict]:
        """One flat record per line (:meth:`Line.to_row`), ready for
        ``pandas.DataFrame(doc.to_rows())`` (or ``pandas.json_normalize`` to spread the
        ``features`` dict into one column per feature)."""
        return [line.to_row() for line in self.lines]

    def explain(self, top: int = 3) -> list[ExplainRow]:
        """Why each line got its label (:meth:`Line.explain_row`): index, label, score,
        text, top features, reasons. ``top`` is how many model reasons to keep per line
        (largest absolute weight first); every other reason is always kept."""
        return [line.explain_row(top) for line in self.lines]

    def _repr_html_(self) -> str:
        """The notebook view (:func:`cleantext.htmlview.document_html`)."""
        return document_html(self)


def deferred_document(text: str, title: str | None, source: LineSource, url: str | None,
                      truncated: bool, metadata: Callable[[], Metadata] | None = None
                      ) -> Document:
    """A :class:`Document` whose :attr:`~Document.lines` are built from ``source`` on
    first read (and :attr:`~Document.metadata` by ``metadata``); equal, in every
    observable way, to one made with the lines and metadata up front."""
    doc = Document(text=text, title=title, lines=(), url=url, truncated=truncated)
    object.__setattr__(doc, "_lines", source)
    if metadata is not None:
        object.__setattr__(doc, "_metadata", metadata)
    return doc

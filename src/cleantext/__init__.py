"""cleantext: strip boilerplate from web pages and show why every line was kept or dropped.

>>> import cleantext
>>> doc = cleantext.extract("<html><body><nav><a href='/'>Home</a></nav>"
...                         "<p>A paragraph of the article that is long enough to count, "
...                         "with a full sentence in it.</p></body></html>")
>>> doc.text
'A paragraph of the article that is long enough to count, with a full sentence in it.'
"""

from __future__ import annotations

# First: with CLEANTEXT_PURE_PYTHON=1 this installs the finder that loads the .py
# modules instead of their compiled copies (cleantext/_compiled.py).
from cleantext._compiled import compiled_modules
from cleantext.batch import extract_many
from cleantext.document import Document, DocumentDict
from cleantext.errors import (
    DecodeError,
    ExtractionError,
    InputTooLarge,
    ParseError,
    ProfileFormatError,
)
from cleantext.line import (
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
from cleantext.options import MODES, Mode, Options
from cleantext.pipeline import extract, extract_text
from cleantext.profile import SiteProfile

__version__ = "0.1.0"

__compiled__: tuple[str, ...] = compiled_modules()
"""The modules running as compiled extension modules; empty (false) when everything
runs as pure Python (no compiler at install time, or ``CLEANTEXT_PURE_PYTHON=1``)."""

__all__ = [
    "MODES",
    "DecodeError",
    "Document",
    "DocumentDict",
    "ExplainRow",
    "ExtractionError",
    "Features",
    "InputTooLarge",
    "Label",
    "Line",
    "LineDict",
    "Mode",
    "Options",
    "ParseError",
    "ProfileFormatError",
    "Reason",
    "ReasonDict",
    "ReasonSource",
    "RowDict",
    "SiteProfile",
    "__compiled__",
    "__version__",
    "extract",
    "extract_many",
    "extract_text",
]

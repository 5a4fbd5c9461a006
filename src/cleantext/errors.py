"""Typed errors for input that cannot be read.

Every failure a caller can provoke with bad input is an :class:`ExtractionError`;
anything else escaping the library is a bug. Empty or text-free input is *not* an
error: it gives an empty :class:`~cleantext.Document`.
"""

from __future__ import annotations

__all__ = ["DecodeError", "ExtractionError", "InputTooLarge", "ParseError"]


class ExtractionError(Exception):
    """Base class of every error raised for input the library cannot read."""


class InputTooLarge(ExtractionError):
    """The input exceeds a size limit set in :class:`~cleantext.Options`.

    ``limit`` names the option, ``size`` is the measured size and ``maximum`` the
    allowed one, both in the option's unit (bytes, characters or elements).
    """

    def __init__(self, limit: str, size: int, maximum: int) -> None:
        super().__init__(f"input too large: {limit} is {size:,}, the maximum is {maximum:,}")
        self.limit = limit
        self.size = size
        self.maximum = maximum


class DecodeError(ExtractionError):
    """Bytes that no encoding turns into text (for instance binary data)."""


class ParseError(ExtractionError):
    """Markup the HTML parser rejects outright."""

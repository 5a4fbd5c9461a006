"""Typed errors for input that cannot be read.

Every failure a caller can provoke with a bad *page* is an :class:`ExtractionError`;
anything else escaping the library is a bug. Empty or text-free input is *not* an
error: it gives an empty :class:`~cleantext.Document`.

A bad saved site profile is not a bad page: :class:`ProfileFormatError` is a
:class:`ValueError` and deliberately *not* an ExtractionError, so a loop that skips
unreadable pages with ``except ExtractionError`` still stops on a broken profile
file instead of quietly extracting every page without it.
"""

from __future__ import annotations

__all__ = ["DecodeError", "ExtractionError", "InputTooLarge", "ParseError", "ProfileFormatError"]


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


class ProfileFormatError(ValueError):
    """Bytes that are not a valid saved :class:`~cleantext.SiteProfile` (foreign,
    truncated, corrupted, or written by a newer version). A :class:`ValueError`, not
    an :class:`ExtractionError` (see the module docstring)."""

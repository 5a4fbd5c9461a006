"""How an :class:`~cleantext.Options` field is declared and checked: :func:`opt` makes
a field whose metadata holds its group, help and valid range; :func:`check_value`
checks a value against them. Imports nothing of the package.
"""

from __future__ import annotations

import math
from dataclasses import field
from typing import Any, TypeVar

__all__ = ["check_value", "opt"]

_T = TypeVar("_T", int, float)


def opt(default: _T, group: str, help: str, *, lo: float | None = None,
         hi: float | None = None) -> _T:
    """A field with ``default`` whose metadata holds its group, one-line help and
    valid range ``lo <= value <= hi`` (either bound may be open: ``None``)."""
    meta = {"group": group, "help": help, "lo": lo, "hi": hi}
    return field(default=default, metadata=meta)


def check_value(name: str, value: Any, kind: type, lo: float | None, hi: float | None) -> None:
    """Raise ValueError (or TypeError for a wrong type) naming ``name`` unless
    ``value`` is a finite number of ``kind`` (an int is a float) within ``lo..hi``."""
    accepted = (int, float) if kind is float else (int,)
    if isinstance(value, bool) or not isinstance(value, accepted):
        raise TypeError(f"{name} must be {kind.__name__}, not {type(value).__name__} "
                        f"({value!r})")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, not {value!r}")
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        span = (f"between {lo} and {hi}" if lo is not None and hi is not None
                else f"at least {lo}" if lo is not None else f"at most {hi}")
        raise ValueError(f"{name} must be {span}, not {value!r}")

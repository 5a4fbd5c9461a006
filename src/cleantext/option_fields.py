"""How an :class:`~cleantext.Options` field is declared and checked: :func:`opt` makes
a field whose metadata holds its group, help and valid range; :func:`check_value`
checks a value against them; :func:`infos_of` lists a dataclass's fields as
:class:`OptionInfo`. Imports nothing of the package.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

__all__ = ["OptionInfo", "check_value", "infos_of", "opt"]

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


@dataclass(frozen=True, slots=True)
class OptionInfo:
    """One field: name, type (int or float), default, group, help and valid range."""

    name: str
    kind: type
    default: int | float
    group: str
    help: str
    lo: float | None
    hi: float | None


def infos_of(cls: type) -> list[OptionInfo]:
    """One :class:`OptionInfo` per field of the dataclass ``cls`` (fields made by
    :func:`opt`), in declaration order."""
    kinds: dict[str, type] = {"int": int, "float": float}
    return [OptionInfo(f.name, kinds[str(f.type)], f.default,  # type: ignore[arg-type]
                       f.metadata["group"], f.metadata["help"],
                       f.metadata["lo"], f.metadata["hi"])
            for f in fields(cls)]

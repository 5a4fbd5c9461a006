"""Read dates from metadata values and visible lines, in any language, without a dependency.

Two entry points. :func:`normalise_date` reads a *structured* value (JSON-LD, meta
``content``, ``<time datetime>``): ISO 8601 first, then the visible forms. :func:`find_date`
looks for a date *inside* a short visible line ("Posted 10 March 2024", "10.03.2024",
"2024年3月10日"). Both return ISO 8601: ``YYYY-MM-DD``, or ``YYYY-MM-DDTHH:MM[:SS][zone]``
when the source gives a time. Month names of ~40 languages come from CLDR
(``data/months.json``, made by ``benchmarks/make_months.py``); names that mean different
months in different languages are left out.

Why our own code and not dateparser or htmldate: on wcxb-dev (708 pages with a gold
date) dateparser/htmldate matched no more dates than this module while costing 10-100x
the time per page (docs/structure.md has the figures). Every pattern here is linear
(no nested quantifiers) and input is cut to ``max_chars`` before matching.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

__all__ = ["find_date", "normalise_date"]

MIN_YEAR = 1970
"""Earliest year accepted (web pages, and a guard against ids read as dates)."""
MAX_YEAR = 2099
"""Latest year accepted."""

_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d{1,9})?\s*(Z|[+-]\d{2}:?\d{2})?)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?(Z)?")
_YMD = re.compile(r"(?<!\d)(\d{4})\s?[./]\s?(\d{1,2})\s?[./]\s?(\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<![\d.])(\d{1,2})\s?([./-])\s?(\d{1,2})\s?\2\s?(\d{4})(?!\d)")
_CJK = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})")
_WORD = r"([^\W\d_]{3,12})\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th|er|º|\.)?"
_D_MONTH_Y = re.compile(rf"(?<!\d){_DAY}\s*(?:de\s+)?{_WORD},?\s*(?:de\s+)?(\d{{4}})(?!\d)")
_MONTH_D_Y = re.compile(rf"{_WORD}\s+{_DAY},?\s+(\d{{4}})(?!\d)")
_Y_MONTH_D = re.compile(rf"(?<!\d)(\d{{4}})\.?\s+{_WORD}\s+(\d{{1,2}})(?!\d)")


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    """Lower-cased month name -> 1..12, read once from the packaged CLDR table."""
    raw = resources.files("cleantext").joinpath("data/months.json").read_text("utf-8")
    table: dict[str, int] = json.loads(raw)
    return table


def _valid(year: int, month: int, day: int) -> bool:
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12 and 1 <= day <= 31):
        return False
    return not (month == 2 and day > 29) and not (month in (4, 6, 9, 11) and day > 30)


def _iso(year: int, month: int, day: int) -> str | None:
    return f"{year:04d}-{month:02d}-{day:02d}" if _valid(year, month, day) else None


def _with_time(day: str, match: re.Match[str], first: int) -> str:
    """``day`` plus the time groups starting at ``first`` (hour, minute, second, zone)."""
    hour, minute, second, zone = match.group(first, first + 1, first + 2, first + 3)
    if hour is None or minute is None or int(hour) > 23 or int(minute) > 59:
        return day
    text = f"{day}T{int(hour):02d}:{minute}" + (f":{second}" if second else "")
    if zone:
        text += "Z" if zone == "Z" else f"{zone[:3]}:{zone[-2:]}"
    return text


def normalise_date(value: str, max_chars: int = 200) -> str | None:
    """ISO 8601 from a structured date value, or None when it holds no plausible date.

    Structured values are nearly always ISO ("2024-03-10T08:00:00+01:00"); compact
    "20240310" and visible forms are read too, as some CMSs write them in meta tags.
    """
    text = value.strip()[:max_chars]
    match = _ISO.search(text)
    if match:
        day = _iso(int(match[1]), int(match[2]), int(match[3]))
        if day:
            return _with_time(day, match, 4)
    match = _COMPACT.fullmatch(text)
    if match:
        day = _iso(int(match[1]), int(match[2]), int(match[3]))
        if day:
            return _with_time(day, match, 4) if match[4] else day
    return find_date(text, max_chars)


def _numeric(text: str) -> str | None:
    match = _YMD.search(text) or _CJK.search(text)
    if match:
        day = _iso(int(match[1]), int(match[2]), int(match[3]))
        if day:
            return day
    match = _DMY.search(text)
    if not match:
        return None
    first, second, year = int(match[1]), int(match[3]), int(match[4])
    # "/" is the US month-first order unless the first part cannot be a month;
    # "." and "-" are day-first nearly everywhere they are used.
    if match[2] == "/" and first <= 12:
        return _iso(year, first, second) or _iso(year, second, first)
    return _iso(year, second, first) or _iso(year, first, second)


def _named(text: str) -> str | None:
    months = _months()
    for match in _D_MONTH_Y.finditer(text):
        month = months.get(match[2].lower())
        if month:
            return _iso(int(match[3]), month, int(match[1]))
    for match in _MONTH_D_Y.finditer(text):
        month = months.get(match[1].lower())
        if month:
            return _iso(int(match[3]), month, int(match[2]))
    for match in _Y_MONTH_D.finditer(text):
        month = months.get(match[2].lower())
        if month:
            return _iso(int(match[1]), month, int(match[3]))
    return None


def find_date(text: str, max_chars: int = 200) -> str | None:
    """The first plausible calendar date written in ``text`` (ISO ``YYYY-MM-DD``), or None.

    Only the first ``max_chars`` characters are read: a date line is short, and the
    cut keeps the cost bounded on hostile lines. Forms read: ISO, ``Y/M/D``, ``D.M.Y``,
    ``M/D/Y`` (day-first when the first part exceeds 12), CJK ``Y年M月D日``, and a month
    name with day and year in either order (any language in the CLDR table).
    """
    text = text[:max_chars]
    if not any(ch.isdigit() for ch in text):
        return None
    match = _ISO.search(text)
    if match:
        day = _iso(int(match[1]), int(match[2]), int(match[3]))
        if day:
            return day
    return _numeric(text) or _named(text)

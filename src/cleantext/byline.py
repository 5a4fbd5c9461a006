"""Text shapes for metadata: byline and date lines ("By Jane Doe", "Autor: Jan Kowalski",
"10.03.2024"), a site name after the title ("Headline | Site"), language tags.

Language-agnostic shapes, no word lists: a byline is a short line of one or two short
lead words (the last ending in ":" or at most four letters: By, Von, Par, Por, Door,
Autor:, Written by) followed by a name of two to four capitalised words, then nothing
or a separator (``|``, ``·``, ``•``, ``—``, ``,``) and anything (often the date).
A date line is a short line with a calendar date in it (:func:`cleantext.dates.find_date`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import regex

from cleantext.dates import find_date

__all__ = ["TITLE_SEPARATORS", "author_from_line", "clean_author", "date_from_lines",
           "language_tag", "strip_site_name"]

MAX_LINE_CHARS = 160
"""Longest line read as a byline or date line; real ones are under ~100 characters."""
MAX_DATE_WORDS = 14
"""Most words a date line may have ("Published 10 March 2024, updated 11 March 2024 ...")."""

_NAME_WORD = r"\p{Lu}[\p{L}'’\-]*\.?"
_BYLINE = regex.compile(
    rf"^(?P<lead>(?:\p{{L}}{{1,12}}\s+)?(?:\p{{L}}{{1,4}}|\p{{L}}{{1,12}}\s?:))\s+"
    rf"(?P<name>{_NAME_WORD}(?:\s+(?:\p{{Ll}}{{1,3}}\s+)?{_NAME_WORD}){{1,3}})"
    r"\s*(?:$|[|·•—–,/]|\s-\s|\s\d)")


def author_from_line(text: str, near_date: bool = False) -> str | None:
    """The name in a byline-shaped line, or None.

    The shape alone is weak ("All Skin Care", "Book Free Demo" have it too), so a line
    counts only with a second sign of a byline: a lead ending in ":" ("Autor:"), a date
    on the same line, or ``near_date`` (a date line next to it, as bylines sit by dates).
    """
    text = text.strip()
    if len(text) > MAX_LINE_CHARS:
        return None
    match = _BYLINE.match(text)
    if not match:
        return None
    name = match["name"].strip()
    if find_date(name) or any(ch.isdigit() for ch in name):
        return None
    if match["lead"].endswith(":") or near_date or find_date(text[match.end("name"):]):
        return name
    return None


MAX_AUTHOR_WORDS = 8
"""Most words in one author value; longer ones are bios or whole author boxes."""
_COLON_LEAD = regex.compile(r"^[\p{L} ]{1,24}:\s*")


def clean_author(value: str) -> str | None:
    """An author value from metadata or microdata, cut to its first line, without a
    "Label:" lead ("Written By: Tom May"), or None when it is no name (code, URLs, long
    bios, badge counts)."""
    first = next((part.strip() for part in value.splitlines() if part.strip()), "")
    name = _COLON_LEAD.sub("", first) if ":" in first[:26] else first
    if not name or "{" in name or sum(ch.isdigit() for ch in name) > 2:
        return None
    return name if len(name.split()) <= MAX_AUTHOR_WORDS else None


def date_from_lines(lines: Iterable[tuple[int, str]]) -> tuple[int, str] | None:
    """(index, ISO date) of the first short line that holds a date, or None."""
    for index, text in lines:
        if len(text) > MAX_LINE_CHARS or len(text.split()) > MAX_DATE_WORDS:
            continue
        found = find_date(text)
        if found:
            return index, found
    return None


_SPACE = re.compile(r"\s+")
def language_tag(value: object) -> str | None:
    """``en_US`` -> ``en-US``; only tag-shaped values (letters, digits, ``-``) kept."""
    if not isinstance(value, str):
        return None
    text = value.strip().replace("_", "-").split(",")[0].strip()
    return text if re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}", text) else None


TITLE_SEPARATORS = re.compile(r"(?<!\s)\s+[|\-–—:·•»/]{1,2}\s+")
r"""A separator between the parts of a ``<title>`` ("Headline | Site"). The guard before
``\s+`` keeps it linear on long whitespace runs (a match starts only where a run does)."""


def strip_site_name(title: str, site: str | None, url: str | None) -> str:
    """``"Headline | Site"`` -> ``"Headline"`` when a side names the site or the domain."""
    parts = TITLE_SEPARATORS.split(" ".join(title.split()))
    if len(parts) < 2:
        return title
    marks = {_SPACE.sub("", (site or "").lower())}
    if url:
        host = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.lower()).split("/")[0]
        marks |= {host, host.rsplit(".", 1)[0]}
    for side in (parts[-1], parts[0]):
        key = _SPACE.sub("", side.lower())
        if key and (key in marks or (len(key) > 3 and any(m and key in m for m in marks))):
            kept = [p for p in parts if p is not side]
            return " - ".join(kept).strip() or title
    return title

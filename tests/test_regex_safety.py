"""No regex blow-ups: every compiled pattern in the package, fed the worst strings.

Review (docs/limits.md has the table): every pattern is a character class, a bounded
repetition, or a single unbounded quantifier not followed by anything that can fail
and restart it; none nests quantifiers. Two title patterns (``segment``, ``title``) start with
``\\s+`` and are quadratic on long whitespace runs; they only ever see
whitespace-collapsed text (titles and lines are collapsed by ``segment``), so they
are fed collapsed worst strings here and the end-to-end tests below prove the real
call paths stay linear.

Inputs are 200,000 characters: a quadratic pattern would need ~10^10 steps (the suite
hangs visibly) while a linear one takes milliseconds. There is no wall-clock
assertion; each check asserts on the result.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import regex

import cleantext
from cleantext import Options
from cleantext.decode import clean_text
from cleantext.segment import split_tokens
from cleantext.textutil import normalise_line, words

N = 200_000
"""Characters per worst string (see the module docstring)."""

WORST_UNITS = (
    " ", "\t", "\xa0", "\u3000", "1", ".", "-", "a", "aB", " - ", " | ", ": ", "12:",
    "1.", "12/", "1-", "<", "<a", "&", "&amp", "display ", "charset=", "漢", "é", "ab ",
    ".!?", "…", "a1", "\u200b", "»",
)
"""Runs of spaces, digits, punctuation, separators, letters, alternation bait."""

# Patterns reviewed as linear only on whitespace-collapsed input (see docstring).
# (byline.TITLE_SEPARATORS was one; a (?<!\s) guard made it linear on any input.)
COLLAPSED_ONLY: frozenset[str] = frozenset()


def _patterns() -> Iterator[tuple[str, re.Pattern[str] | regex.Pattern[str]]]:
    """Every compiled pattern of every module, named after the module that compiles it."""
    for info in pkgutil.iter_modules(cleantext.__path__, "cleantext."):
        module = importlib.import_module(info.name)
        # The .py source, also when the module runs compiled (inspect finds no source
        # for an extension module).
        base = Path(cleantext.__path__[0]) / info.name.rpartition(".")[2]
        source = (base / "__init__.py" if info.ispkg else base.with_suffix(".py")).read_text(
            "utf-8")
        for name, value in sorted(vars(module).items()):
            defined_here = regex.search(rf"(?m)^{regex.escape(name)}\s*(?::[^=]*)?=", source)
            if isinstance(value, re.Pattern | regex.Pattern) and defined_here:
                yield f"{info.name}.{name}", value


PATTERNS = dict(_patterns())


def _worst(unit: str) -> str:
    return unit * (N // len(unit))


def test_patterns_were_found() -> None:
    # Guards the discovery above: if it found nothing the next test would pass vacuously.
    assert len(PATTERNS) >= 15
    assert "cleantext.textutil.WORD" in PATTERNS and "cleantext.blocks._WS" in PATTERNS


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_is_linear_on_worst_strings(name: str) -> None:
    pattern = PATTERNS[name]
    for unit in WORST_UNITS:
        text = _worst(unit)
        if name in COLLAPSED_ONLY:
            text = " ".join(text.split())
        subject: str | bytes = text
        if isinstance(pattern.pattern, bytes):
            subject = text.encode("utf-8")
        found = pattern.findall(subject)  # type: ignore[arg-type]
        replaced = pattern.sub(type(subject)(), subject)  # type: ignore[arg-type]
        assert len(found) <= len(subject) + 1
        assert len(replaced) <= len(subject)


@pytest.mark.parametrize("unit", WORST_UNITS)
def test_text_helpers_complete_on_worst_strings(unit: str) -> None:
    text = _worst(unit)
    assert clean_text(text) == text  # no unit holds a control character
    assert len(normalise_line(text)) <= len(text)
    assert len(words(text)) <= len(text)
    assert len(split_tokens(text)) <= 24


@pytest.mark.parametrize("unit", [" - ", " | ", "1.", "12:", "-", ".", "a", "漢", " : "])
def test_pipeline_completes_on_worst_lines_and_titles(unit: str) -> None:
    text = _worst(unit)
    opts = Options()
    doc = cleantext.extract_text(text + "\n" + text, options=opts)
    assert sum(len(line.text) for line in doc.lines) <= 2 * len(text)
    page = (f"<html><head><title>{text}</title><meta property='og:title' content='{text}'>"
            f"</head><body><p class='{text}' style='{text}'>{text}</p></body></html>")
    doc = cleantext.extract(page, options=opts)
    assert len(doc.lines) == 1 and len(doc.lines[0].text) <= len(text)
    assert doc.title is None or len(doc.title) <= len(text)

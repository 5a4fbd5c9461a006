"""The five seed pages — the user's own text dumps — must come out clean.

Every ``with`` string in the body, no ``without`` string in it, the gold title where
there is one, and the Serbian page (003), which has no boilerplate, loses no line.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import cleantext

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def _cases() -> list[dict[str, Any]]:
    with open(SEEDS / "cases.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _norm(text: str) -> str:
    return " ".join(text.split())


def _extract(case: dict[str, Any]) -> cleantext.Document:
    text = (SEEDS / "text" / f"{case['id']}.txt").read_text(encoding="utf-8")
    return cleantext.extract_text(text)


CASES = _cases()
IDS = [c["id"][:3] for c in CASES]


def test_five_seeds_bundled() -> None:
    assert len(CASES) == 5


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_every_body_line_kept(case: dict[str, Any]) -> None:
    body = _norm(_extract(case).text)
    missing = [s for s in case["with"] if _norm(s) not in body]
    assert not missing, f"body lines lost: {missing}"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_no_boilerplate_kept(case: dict[str, Any]) -> None:
    body = _norm(_extract(case).text)
    leaked = [s for s in case["without"] if _norm(s) in body]
    assert not leaked, f"boilerplate kept: {leaked}"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_title(case: dict[str, Any]) -> None:
    assert _extract(case).title == case["title"]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_body_equals_gold_lines(case: dict[str, Any]) -> None:
    """Stronger than with/without: the body is exactly the gold body lines."""
    assert _extract(case).text.splitlines() == case["body"].splitlines()


def test_serbian_page_loses_no_line() -> None:
    case = next(c for c in CASES if c["id"].startswith("003"))
    doc = _extract(case)
    dropped = [line.text for line in doc.lines
               if line.label not in (cleantext.Label.BODY, cleantext.Label.TITLE)]
    assert dropped == []
    assert len(doc.lines) == 12


def test_teaser_cards_are_related() -> None:
    """The Romanian page's related-story cards (title printed twice) are RELATED."""
    case = next(c for c in CASES if c["id"].startswith("000"))
    doc = _extract(case)
    cards = [line for line in doc.lines if line.text.startswith("Gripa aviară a trecut")]
    assert cards and all(line.label is cleantext.Label.RELATED for line in cards)


_NO_LXML_PROBE = """
import sys
sys.modules["lxml"] = None  # an environment without lxml: importing it raises
import cleantext
text = open(sys.argv[1], encoding="utf-8").read()
print(cleantext.extract_text(text).text)
"""


def test_text_dumps_need_no_html_parser() -> None:
    """A text dump is extracted without lxml (a corpus job over WET files never loads
    libxml2), and with exactly the output of the normal path."""
    case = next(c for c in CASES if c["id"].startswith("000"))
    path = SEEDS / "text" / f"{case['id']}.txt"
    done = subprocess.run([sys.executable, "-c", _NO_LXML_PROBE, str(path)],
                          capture_output=True, text=True, check=True, timeout=300)
    assert done.stdout.rstrip("\n") == _extract(case).text

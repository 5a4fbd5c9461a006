"""Write ``src/cleantext/data/months.json``: month names of many languages, from CLDR.

The table maps a lower-cased month name (wide and abbreviated, format and stand-alone
forms, dots removed, 3+ letters) to its number 1..12. Names that mean different months
in different languages (Croatian "listopad" is October, Polish "listopad" November) are
left out: a date we cannot read beats a wrong one. Run once when the language list
changes (needs ``pip install babel``, a dev-only tool; the library reads the JSON)::

    python benchmarks/make_months.py
"""

from __future__ import annotations

import json
from pathlib import Path

from babel import Locale

_CODES = (
    "en de fr es it pt nl pl ru uk bg sr sr_Latn ro cs sk hu sv da nb fi tr el hr sl lt lv et"
    " id ms vi ca gl eu ga is sq mk be kk az"
)
LANGUAGES = tuple(_CODES.split())
"""The languages of the shared sets and of Europe's larger web, plus a few neighbours."""

OUT = Path(__file__).resolve().parent.parent / "src" / "cleantext" / "data" / "months.json"


def month_names() -> dict[str, int]:
    """Every unambiguous month name of :data:`LANGUAGES`, lower-cased, to 1..12."""
    seen: dict[str, set[int]] = {}
    for code in LANGUAGES:
        loc = Locale.parse(code)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in loc.months[context][width].items():
                    key = name.lower().replace(".", "").strip()
                    if len(key) >= 3 and not key.isdigit():
                        seen.setdefault(key, set()).add(int(number))
    return {k: next(iter(v)) for k, v in sorted(seen.items()) if len(v) == 1}


if __name__ == "__main__":
    table = month_names()
    OUT.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    print(f"{len(table)} names -> {OUT}")

"""Which labels the shared sets' boilerplate strings land in (issue #18, item 3).

For each string, the line of the page that holds it (whitespace-collapsed substring
match; strings spread over several lines, or found nowhere, are counted apart) and
that line's label. Reported: trafilatura-dev's ``without`` strings (related-story
links, "read also" teasers, reader comments: the goal is 0.80 of them in COMMENTS
or RELATED lines) and wcxb-dev's forum pages, whose ``with`` strings are the thread
(the posts are the content: BODY, not COMMENTS) and whose ``without`` strings are the
site around it::

    python benchmarks/string_labels.py
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

_REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(_REPO / "src"))

from cleantext import Label, extract  # noqa: E402


def _collapse(text: str) -> str:
    return " ".join(text.split())


def page_types(bench: Path, set_name: str) -> dict[str, str]:
    """``id`` → ``page_type`` from the set's meta.tsv (empty without one)."""
    meta = bench / set_name / "meta.tsv"
    if not meta.is_file():
        return {}
    rows = [r.split("\t") for r in meta.read_text("utf-8").splitlines()]
    col = rows[0].index("page_type")
    return {r[0]: r[col] for r in rows[1:] if len(r) > col}


def cases(bench: Path, set_name: str, page_type: str | None) -> Iterator[dict[str, object]]:
    """The set's cases, only those of ``page_type`` when given."""
    types = page_types(bench, set_name)
    with (bench / set_name / "cases.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            case = json.loads(line)
            if page_type is None or types.get(case["id"]) == page_type:
                yield case


def tally(bench: Path, set_name: str, key: str, page_type: str | None = None) -> Counter[str]:
    """Per label, how many of the ``key`` strings lie in a line of that label;
    ``"(split)"`` for strings no single line holds but the page does, ``"(absent)"``
    for strings the page's lines do not hold at all."""
    out: Counter[str] = Counter()
    for case in cases(bench, set_name, page_type):
        strings = [_collapse(s) for s in case.get(key) or [] if isinstance(s, str) and s.strip()]
        if not strings:
            continue
        path = bench / set_name / "html" / f"{case['id']}.html.gz"
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            doc = extract(handle.read())
        lines = [(_collapse(line.text), line.label) for line in doc.lines]
        joined = " ".join(text for text, _ in lines)
        for s in strings:
            label = next((lab.value for text, lab in lines if s in text), None)
            out[label or ("(split)" if s in joined else "(absent)")] += 1
    return out


def share(counts: Counter[str], labels: tuple[Label, ...]) -> float:
    """The share of the strings found in one line that lie in a line of ``labels``."""
    found = sum(v for k, v in counts.items() if not k.startswith("("))
    return sum(counts[lab.value] for lab in labels) / found if found else 0.0


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", type=Path, default=Path("/work/shared/bench"))
    args = ap.parse_args(argv)
    rows = [("trafilatura-dev", "without", None, (Label.COMMENTS, Label.RELATED)),
            ("wcxb-dev", "with", "forum", (Label.BODY,)),
            ("wcxb-dev", "without", "forum", (Label.COMMENTS, Label.RELATED, Label.NAVIGATION,
                                              Label.OTHER))]
    print("| set | strings | pages | share in | share | labels (strings) |")
    print("|---|---|---|---|---:|---|")
    for set_name, key, page_type, labels in rows:
        counts = tally(args.bench, set_name, key, page_type)
        names = "/".join(lab.value.upper() for lab in labels)
        detail = ", ".join(f"{k} {v}" for k, v in counts.most_common())
        print(f"| {set_name} | {key} | {page_type or 'all'} | {names} | "
              f"{share(counts, labels):.3f} | {detail} |")


if __name__ == "__main__":
    main()

"""Labels from gold: align each shared case's gold to the page's lines.

For every case of a benchmark folder (``cases.jsonl`` + ``html/ID.html.gz`` or
``text/ID.txt``) this segments the page with the library's own segmenter, computes
the feature matrix, and gives each line a training label:

- ``1`` (body), ``0`` (not body) or ``-1`` (unknown: left out of training);
- a category for non-body lines when the gold says it (``comments`` strings of the
  trafilatura set), else ``""``.

Alignment, gold body (scrapinghub, wcxb, seeds): a line of 3+ tokens is body when
at least 60% of its token trigrams occur in the gold, not body at 20% or less, and
unknown between. A shorter line is body when its tokens occur as a run in the gold
and a neighbour is body, not body when they do not occur, unknown otherwise.
Alignment, with/without strings (trafilatura-dev): a line that contains a ``with``
string, or is contained in one, is body; likewise ``without`` → not body.
Everything else is unknown. The result is deterministic.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))  # benchmarks.textdump, the harness's own dumper

from cleantext import Options  # noqa: E402
from cleantext.internal import (  # noqa: E402
    FeatureMatrix,
    Segmented,
    compute_features,
    segment_html,
    segment_text,
    title_candidate,
    words,
)

BODY_COVERAGE = 0.6   # trigram share above which a line is gold body
NOT_COVERAGE = 0.2    # trigram share below which a line is not body


@dataclass(frozen=True)
class PageData:
    """One page ready for training: features, labels, gold and bookkeeping."""

    set_name: str
    case_id: str
    site: str
    lang: str
    is_html: bool
    seg: Segmented
    features: FeatureMatrix
    labels: npt.NDArray[np.int8]      # 1 body, 0 not, -1 unknown
    comments: npt.NDArray[np.bool_]   # lines matching a gold comment string
    gold: str | None
    with_: tuple[str, ...]
    without: tuple[str, ...]


def site_of(case: dict[str, object], set_name: str, meta: dict[str, str]) -> str:
    """The site a case belongs to: wcxb domain, URL host, or the id's domain part."""
    cid = str(case["id"])
    if cid in meta:
        return meta[cid]
    url = case.get("url")
    if isinstance(url, str) and "://" in url:
        host = urlparse(url).netloc.lower()
        return host.removeprefix("www.")
    if set_name == "trafilatura-dev":
        return cid.split("-")[0].lower().removeprefix("www.")
    return cid


def is_validation(site: str) -> bool:
    """Deterministic 20% of sites held out for validation."""
    return hashlib.sha1(site.encode()).digest()[0] < 52


def _trigrams(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i:i + 3]) for i in range(len(tokens) - 2)}


def align_body(texts: list[str], gold: str) -> npt.NDArray[np.int8]:
    """Labels from a gold body (see the module docstring)."""
    gold_tokens = words(gold)
    grams = _trigrams(gold_tokens)
    joined = " " + " ".join(gold_tokens) + " "
    labels = np.full(len(texts), -1, dtype=np.int8)
    short: list[int] = []
    for i, text in enumerate(texts):
        toks = words(text)
        if len(toks) >= 3:
            mine = [tuple(toks[j:j + 3]) for j in range(len(toks) - 2)]
            cov = sum(g in grams for g in mine) / len(mine)
            labels[i] = 1 if cov >= BODY_COVERAGE else 0 if cov <= NOT_COVERAGE else -1
        elif toks:
            short.append(i)
        else:
            labels[i] = 0
    for i in short:
        run = " " + " ".join(words(texts[i])) + " "
        if run not in joined:
            labels[i] = 0
        elif (i > 0 and labels[i - 1] == 1) or (i + 1 < len(texts) and labels[i + 1] == 1):
            labels[i] = 1
    return labels


def _collapse(text: str) -> str:
    return " ".join(text.split())


def align_strings(texts: list[str], with_: list[str], without: list[str],
                  comments: list[str]) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.bool_]]:
    """Labels from with/without strings (see the module docstring)."""
    labels = np.full(len(texts), -1, dtype=np.int8)
    is_comment = np.zeros(len(texts), dtype=bool)
    keep = [_collapse(s) for s in with_ if s.strip()]
    drop = [_collapse(s) for s in without if s.strip()]
    com = {_collapse(s) for s in comments if s.strip()}
    for i, text in enumerate(texts):
        line = _collapse(text)
        long_enough = len(line) >= 20
        for s in drop:
            if s in line or (long_enough and line in s):
                labels[i] = 0
                is_comment[i] |= s in com
        for s in keep:
            if s in line or (long_enough and line in s):
                labels[i] = 1
    return labels, is_comment


def read_cases(folder: Path) -> Iterator[dict[str, object]]:
    with open(folder / "cases.jsonl", encoding="utf-8") as handle:
        for raw in handle:
            yield json.loads(raw)


def _meta(folder: Path) -> dict[str, str]:
    path = folder / "meta.tsv"
    if not path.exists():
        return {}
    rows = [line.rstrip("\n").split("\t") for line in path.open(encoding="utf-8")]
    head = rows[0]
    return {r[0]: r[head.index("domain")] for r in rows[1:]}


def _comment_counts(folder: Path) -> dict[str, int]:
    path = folder / "id_map.tsv"
    if not path.exists():
        return {}
    rows = [line.rstrip("\n").split("\t") for line in path.open(encoding="utf-8")][1:]
    return {r[0]: int(r[2]) for r in rows}


def load_page(folder: Path, case: dict[str, object]) -> str:
    cid = str(case["id"])
    html = folder / "html" / f"{cid}.html.gz"
    if html.exists():
        with gzip.open(html, "rt", encoding="utf-8") as handle:
            return handle.read()
    return (folder / "text" / f"{cid}.txt").read_text(encoding="utf-8")


def as_text_dump(seg: Segmented, options: Options) -> Segmented:
    """The page as a plain-text dump would give it: the same lines, no markup."""
    return segment_text("\n".join(b.text for b in seg.blocks), options)


def _page(args: tuple[Path, dict[str, object], bool | str, dict[str, str], dict[str, int]]
          ) -> PageData:
    folder, case, text_mode, meta, ncom = args
    options = Options()
    page = load_page(folder, case)
    is_html = (folder / "html").exists()
    if text_mode == "harness" and is_html:
        from benchmarks.textdump import html_to_text
        seg = segment_text(html_to_text(page), options)
    else:
        seg = segment_html(page, options) if is_html else segment_text(page, options)
    if text_mode is True and is_html:
        seg = as_text_dump(seg, options)
    texts = [b.text for b in seg.blocks]
    features = compute_features(seg, None, title_candidate(seg))
    gold = case.get("body")
    with_ = [str(s) for s in case.get("with") or []]  # type: ignore[attr-defined]
    without = [str(s) for s in case.get("without") or []]  # type: ignore[attr-defined]
    k = ncom.get(str(case["id"]), 0)
    comments = without[len(without) - k:] if k else []
    if isinstance(gold, str) and gold.strip():
        labels = align_body(texts, gold)
        is_comment = np.zeros(len(texts), dtype=bool)
    else:
        labels, is_comment = align_strings(texts, with_, without, comments)
    return PageData(folder.name, str(case["id"]), site_of(case, folder.name, meta),
                    str(case.get("lang") or ""), seg.is_html, seg, features, labels,
                    is_comment, gold if isinstance(gold, str) else None,
                    tuple(with_), tuple(without))


def build_pages(folder: Path, text_mode: bool | str, workers: int = 2) -> list[PageData]:
    """Every case of ``folder`` as :class:`PageData` (HTML, or text dumps if asked),
    in ``cases.jsonl`` order whatever the number of worker processes."""
    from concurrent.futures import ProcessPoolExecutor

    meta = _meta(folder)
    ncom = _comment_counts(folder)
    jobs = [(folder, case, text_mode, meta, ncom) for case in read_cases(folder)]
    if workers <= 1:
        return [_page(job) for job in jobs]
    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(_page, jobs, chunksize=8))

"""Thread safety: 8 threads over the same and different pages give the sequential results.

The pipeline keeps no mutable module-level state (a fresh lxml parser per call, a
model loaded into immutable arrays), so concurrent calls must return Documents equal
to the ones a single thread produces, whatever the interleaving.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import cleantext
from cleantext import Document, ExtractionError, Options

SEEDS = Path(__file__).parent / "fixtures" / "seeds" / "text"
THREADS = 8
ROUNDS = 3
"""Times each page is extracted per thread (more interleavings, still under 10 s)."""


def _html_pages() -> list[str | bytes]:
    para = ("The council approved the new budget on Monday after a long debate about "
            "schools, roads and the future of the old market hall. ")
    article = "".join(f"<p>{para * (i % 3 + 1)}Paragraph {i}.</p>" for i in range(12))
    nav = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(10))
    return [
        f"<html><head><title>Budget | Town</title></head><body><nav><ul>{nav}</ul></nav>"
        f"<article><h1>Budget</h1>{article}</article><footer>© Town</footer></body></html>",
        ("<html><head><meta charset='windows-1252'></head><body><p>Caf\xe9 cr\xe8me "
         + para + "</p></body></html>").encode("cp1252"),
        ("<p>before</p>" + "<div>" * 3000 + para + "</div>" * 3000 + "<p>after</p>"),
        b"\xef\xbb\xbf<div class='comments'><p>" + para.encode() * 3 + b"</p></div>",
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20,  # binary: DecodeError every time
    ]


Job = tuple[Callable[..., Document], str | bytes, Options | None]


def _jobs() -> list[Job]:
    jobs: list[Job] = []
    for path in sorted(SEEDS.glob("*.txt")):
        jobs.append((cleantext.extract_text, path.read_bytes(), None))
    for page in _html_pages():
        jobs.append((cleantext.extract, page, None))
        jobs.append((cleantext.extract, page, Options.preset("recall")))
    return jobs


def _outcome(job: Job) -> Any:
    fn, page, options = job
    try:
        return fn(page, options=options).to_dict()
    except ExtractionError as exc:
        return (type(exc).__name__, str(exc))


def test_jobs_are_not_trivial() -> None:
    jobs = _jobs()
    assert len(jobs) >= 10
    outcomes = [_outcome(job) for job in jobs]
    assert sum(isinstance(o, dict) and bool(o["text"]) for o in outcomes) >= 6
    assert any(isinstance(o, tuple) and o[0] == "DecodeError" for o in outcomes)


def test_eight_threads_same_and_different_pages_match_sequential() -> None:
    jobs = _jobs()
    expected = [_outcome(job) for job in jobs]
    barrier = threading.Barrier(THREADS)

    def worker(offset: int) -> list[tuple[int, Any]]:
        barrier.wait()  # start together for maximum overlap
        results = []
        for r in range(ROUNDS):
            # Thread k starts at job k: at any moment threads work on different pages,
            # and every page is also processed by several threads at once.
            for step in range(len(jobs)):
                index = (offset + step + r) % len(jobs)
                results.append((index, _outcome(jobs[index])))
        return results

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        futures = [pool.submit(worker, k) for k in range(THREADS)]
        all_results = [f.result() for f in futures]
    for results in all_results:
        assert len(results) == ROUNDS * len(jobs)
        for index, outcome in results:
            assert outcome == expected[index], f"job {index} differs under threads"


def test_same_page_many_threads_at_once() -> None:
    page = _html_pages()[0]
    expected = cleantext.extract(page).to_dict()
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        outcomes = list(pool.map(lambda _: cleantext.extract(page).to_dict(), range(64)))
    assert all(o == expected for o in outcomes)

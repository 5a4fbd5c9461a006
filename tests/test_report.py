"""The standalone batch report: structure, scores, escaping, and a real browser load.

The browser tests drive headless Chromium over the DevTools protocol (a pipe, no
network port) and fail on any console error, uncaught exception or failed load. They
skip, saying so, only when no Chromium binary is installed.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from cleantext.document import Document, Label, Line, Reason
from cleantext.options import Options
from cleantext.render import document_html
from cleantext.report import (
    ReportItem,
    bow_scores,
    build_report,
    load_gold,
    render_report,
    write_report,
)

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def make_doc(rows: list[tuple[str, Label]], title: str | None = "Title") -> Document:
    """A Document whose lines are ``rows``; body text is its body lines."""
    reasons = (Reason("model", "length", 0.7, "long line"),)
    lines = tuple(Line(i, text, label, 0.75, reasons=reasons)
                  for i, (text, label) in enumerate(rows))
    body = "\n".join(text for text, label in rows if label is Label.BODY)
    return Document(text=body, title=title, lines=lines)


PAGE_A = make_doc([("Menu", Label.NAVIGATION), ("Big news", Label.TITLE),
                   ("The cat sat on the mat.", Label.BODY), ("More stories", Label.RELATED)])
PAGE_B = make_doc([("Only body here, nothing else.", Label.BODY)], title=None)
EVIL = ('<script>window.pwned=1</script><img src=x onerror="window.pwned=2">'
        '" onmouseover="window.pwned=3" </style></details></section>&amp;\x1b[31m')
PAGE_EVIL = make_doc([(EVIL, Label.BODY), (EVIL, Label.COMMENTS)], title=EVIL)


# ------------------------------------------------------------------------------- scores

def test_bow_scores_multiset_overlap() -> None:
    o = bow_scores("the the cat", "The cat sat")
    assert (o.precision, o.recall) == pytest.approx((2 / 3, 2 / 3))
    assert o.f1 == pytest.approx(2 / 3)
    assert bow_scores("Путин и Ким", "путин, ким!").recall == 1.0
    assert bow_scores("Путин и Ким", "путин, ким!").precision == pytest.approx(2 / 3)


def test_bow_scores_empty_sides() -> None:
    assert bow_scores("", "").f1 == 1.0
    assert bow_scores("", "gold words").f1 == 0.0
    empty_gold = bow_scores("output words", "")
    assert (empty_gold.precision, empty_gold.recall, empty_gold.f1) == (0.0, 1.0, 0.0)
    assert bow_scores("a b", "c d").f1 == 0.0


# ---------------------------------------------------------------------------- structure

def parse(page: str) -> lxml.html.HtmlElement:
    """Parse a whole report (fails on nothing; structure is asserted by the caller)."""
    return lxml.html.document_fromstring(page)


def test_report_has_one_section_per_page_with_all_lines() -> None:
    page = render_report([("a", PAGE_A, None), ReportItem("b", PAGE_B, "only body here")])
    assert page.startswith("<!DOCTYPE html>")
    root = parse(page)
    sections = root.xpath("//section[@class='cleantext-page']")
    assert [s.get("data-page") for s in sections] == ["a", "b"]
    assert [s.get("id") for s in sections] == ["page-1", "page-2"]
    for section, doc in zip(sections, (PAGE_A, PAGE_B), strict=True):
        labels = [li.get("data-label") for li in section.xpath(".//li[@data-line]")]
        assert labels == [line.label.value for line in doc.lines]
        assert section.find("details") is not None
    body_rows = root.xpath("//table[@class='cleantext-summary']/tbody/tr")
    assert len(body_rows) == 2
    assert [a.get("href") for a in root.xpath("//table//a")] == ["#page-1", "#page-2"]


def test_report_scores_pages_with_gold_only() -> None:
    root = parse(render_report([("a", PAGE_A, "the cat sat on a mat"), ("b", PAGE_B, None)]))
    rows = root.xpath("//table[@class='cleantext-summary']/tbody/tr")
    a_cells = [td.text_content() for td in rows[0].findall("td")][-3:]
    b_cells = [td.text_content() for td in rows[1].findall("td")][-3:]
    expected = bow_scores(PAGE_A.text, "the cat sat on a mat")
    assert a_cells == [f"{expected.precision:.3f}", f"{expected.recall:.3f}",
                       f"{expected.f1:.3f}"]
    assert b_cells == ["\u2013"] * 3
    foot = [td.text_content() for td in root.xpath("//tfoot/tr/td")]
    assert foot[-1] == f"{expected.f1:.3f}"  # mean over the one page that has gold
    assert "mean of 1 with gold" in foot[1]
    assert foot[2] == "5"  # total lines


def test_report_bars_match_counts() -> None:
    root = parse(render_report([("a", PAGE_A, None)]))
    bar = root.xpath("//tbody//div[@class='cleantext-bar']")[0]
    widths = {seg.get("class").split()[-1]: seg.get("style") for seg in bar}
    assert widths == {f"cleantext-l-{name}": "width:25.00%"
                      for name in ("title", "body", "navigation", "related")}


def test_report_escapes_hostile_names_and_text() -> None:
    page = render_report([(EVIL, PAGE_EVIL, EVIL)], failures=[(EVIL, EVIL)], title=EVIL)
    root = parse(page)
    assert not root.xpath("//script | //img | //iframe | //object | //embed")
    assert "<script" not in page.lower()
    for element in root.iter():
        assert not [a for a in element.attrib if a.lower().startswith("on")]
    assert len(root.xpath("//section[@class='cleantext-page']")) == 1
    assert len(root.xpath("//li[@data-line]")) == 2
    assert root.xpath("//section/@data-page") == [EVIL.replace("\x1b", "\u241b")]
    assert not root.xpath("//link | //@src")
    csp = root.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert csp and "default-src 'none'" in csp[0]


def test_report_lists_failures_and_expands_on_request() -> None:
    root = parse(render_report([("a", PAGE_A, None), ("b", PAGE_B, None)],
                               failures=[("bad.html", "ParseError: broken")], expanded=1))
    assert root.xpath("//ul[@class='cleantext-err']/li")[0].text_content() == \
        "bad.html: ParseError: broken"
    assert [d.get("open") is not None for d in root.xpath("//details")] == [True, False]


def test_write_report_and_load_gold(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text(json.dumps({"id": "a", "body": "x y"}) + "\n"
                     + json.dumps({"id": "b", "body": None}) + "\n\n", encoding="utf-8")
    assert load_gold(cases) == {"a": "x y"}
    out = tmp_path / "r.html"
    write_report([("a", PAGE_A, "x y")], out)
    assert len(parse(out.read_text(encoding="utf-8")).xpath("//section")) == 1


def test_build_report_reads_html_gzip_and_text(tmp_path: Path) -> None:
    html = ("<html><head><title>Hello</title></head><body><nav><a href='/'>Home</a></nav>"
            "<p>A paragraph of the article that is long enough to count, with a full "
            "sentence in it.</p></body></html>")
    (tmp_path / "one.html").write_text(html, encoding="utf-8")
    (tmp_path / "two.html.gz").write_bytes(gzip.compress(html.encode()))
    (tmp_path / "three.txt").write_text("Title line\n\nA body line of text that is "
                                        "long enough to be kept as body.\n", encoding="utf-8")
    (tmp_path / "four.html.gz").write_bytes(b"\x1f\x8bnot really gzip")
    (tmp_path / "notes.md").write_text("not a page", encoding="utf-8")
    gold = {"one": "A paragraph of the article that is long enough to count, with a "
                   "full sentence in it."}
    root = parse(build_report([tmp_path], gold))
    names = root.xpath("//section[@class='cleantext-page']/@data-page")
    assert sorted(names) == ["one", "three", "two"]
    failed = root.xpath("//ul[@class='cleantext-err']/li")
    assert len(failed) == 1 and "four.html.gz" in failed[0].text_content()
    first = root.xpath("//tbody/tr")[names.index("one")]
    assert first.findall("td")[-1].text_content() != "\u2013"


def test_build_report_of_seed_pages_with_gold() -> None:
    if not (SEEDS / "cases.jsonl").exists():
        pytest.skip("seed fixtures not present")
    gold = load_gold(SEEDS / "cases.jsonl")
    root = parse(build_report([SEEDS / "text"], gold, Options(max_lines=500)))
    recorded = root.xpath("//details[@class='cleantext-options']/pre")[0].text_content()
    assert "max_lines = 500" in recorded.splitlines()
    sections = root.xpath("//section[@class='cleantext-page']")
    assert len(sections) == len(list((SEEDS / "text").glob("*.txt")))
    f1 = [td.text_content() for td in root.xpath("//tbody/tr/td[last()]")]
    assert all(0.0 <= float(v) <= 1.0 for v in f1)


# ------------------------------------------------------------------------------ browser

CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--remote-debugging-pipe",
)
BROWSER_TIMEOUT_S = 60.0  # whole load, generous for a busy 2-core CI machine


class DevTools:
    """Minimal Chrome DevTools protocol client over ``--remote-debugging-pipe``.

    Chromium reads commands on its fd 3 and writes replies and events on fd 4, each
    message JSON terminated by a NUL byte.
    """

    def __init__(self, exe: str, profile: Path) -> None:
        self._to_r, self._to_w = os.pipe()
        self._from_r, self._from_w = os.pipe()
        self.proc = subprocess.Popen(
            [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
            close_fds=False, preexec_fn=self._child_fds, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(self._to_r)
        os.close(self._from_w)
        self._buf = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []
        self.deadline = time.monotonic() + BROWSER_TIMEOUT_S

    def _child_fds(self) -> None:
        read_end, write_end = os.dup(self._to_r), os.dup(self._from_w)
        os.dup2(read_end, 3)
        os.dup2(write_end, 4)

    def send(self, method: str, params: dict[str, Any] | None = None,
             session: str | None = None) -> dict[str, Any]:
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_w, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.receive()
            if reply.get("id") == self._id:
                assert "error" not in reply, reply
                result: dict[str, Any] = reply["result"]
                return result
            self.events.append(reply)

    def receive(self) -> dict[str, Any]:
        while b"\0" not in self._buf:
            left = self.deadline - time.monotonic()
            ready, _, _ = select.select([self._from_r], [], [], max(left, 0))
            if not ready:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._from_r, 1 << 16)
            if not chunk:
                raise EOFError("Chromium closed the DevTools pipe")
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def close(self) -> None:
        with contextlib.suppress(EOFError, TimeoutError, OSError):
            self.send("Browser.close")
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=BROWSER_TIMEOUT_S)
        os.close(self._to_w)
        os.close(self._from_r)


def browser_problems(events: list[dict[str, Any]]) -> list[str]:
    """Console errors, uncaught exceptions and failed loads among DevTools events."""
    problems: list[str] = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.exceptionThrown":
            problems.append(json.dumps(params["exceptionDetails"])[:300])
        elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
            problems.append(json.dumps(params["args"])[:300])
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            problems.append(params["entry"]["text"])
    return problems


@pytest.fixture()
def chromium() -> str:
    """Path of the Chromium binary; skips (saying why) when none is installed."""
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.skip("Chromium not installed (apt-get install chromium) - browser check skipped")
    return exe


def load_in_browser(exe: str, page: Path, profile: Path,
                    probe: str) -> tuple[list[str], Any]:
    """Open ``page``; return its console problems and the JSON value of ``probe`` (JS)."""
    tools = DevTools(exe, profile)
    try:
        target = tools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = tools.send("Target.attachToTarget",
                             {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Runtime", "Log", "Page"):
            tools.send(f"{domain}.enable", session=session)
        tools.send("Page.navigate", {"url": page.resolve().as_uri()}, session=session)
        while not any(e.get("method") == "Page.loadEventFired" for e in tools.events):
            tools.events.append(tools.receive())
        value = tools.send("Runtime.evaluate", {"expression": f"JSON.stringify({probe})",
                                                "returnByValue": True}, session=session)
        return browser_problems(tools.events), json.loads(value["result"]["value"])
    finally:
        tools.close()


PROBE = ("{scripts: document.scripts.length, pwned: window.pwned === undefined ? null : "
         "window.pwned, lines: document.querySelectorAll('li[data-line]').length, "
         "sections: document.querySelectorAll('section.cleantext-page').length}")


def test_browser_check_detects_errors(chromium: str, tmp_path: Path) -> None:
    """The harness itself can fail: a broken page yields its three problems."""
    bad = tmp_path / "bad.html"
    bad.write_text("<!doctype html><title>t</title><img src='missing.png'>"
                   "<script>console.error('boom'); window.pwned = 1; nosuchfn();</script>",
                   encoding="utf-8")
    problems, probe = load_in_browser(chromium, bad, tmp_path / "profile", PROBE)
    assert len(problems) == 3, problems
    assert probe["pwned"] == 1 and probe["scripts"] == 1


def test_report_loads_in_chromium_without_errors(chromium: str, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    write_report([("a", PAGE_A, "the cat"), ("b", PAGE_B, None), (EVIL, PAGE_EVIL, EVIL)],
                 out, failures=[(EVIL, EVIL)], expanded=3)
    problems, probe = load_in_browser(chromium, out, tmp_path / "profile", PROBE)
    assert problems == []
    assert probe == {"scripts": 0, "pwned": None, "lines": 7, "sections": 3}


def test_notebook_view_runs_no_page_script_in_chromium(chromium: str, tmp_path: Path) -> None:
    """The view has no CSP to hide behind: escaping alone must keep the page inert."""
    out = tmp_path / "view.html"
    out.write_text("<!DOCTYPE html><html><head><meta charset='utf-8'><title>view</title>"
                   f"</head><body>{document_html(PAGE_EVIL)}{document_html(PAGE_A)}"
                   "</body></html>", encoding="utf-8")
    problems, probe = load_in_browser(chromium, out, tmp_path / "profile", PROBE)
    assert problems == []
    assert probe == {"scripts": 0, "pwned": None, "lines": 6, "sections": 0}


def test_bow_scores_normalise_unicode() -> None:
    composed, decomposed = "\u0219tiri", "s\u0326tiri"  # "știri", precomposed vs combining
    assert bow_scores(composed.upper(), decomposed).f1 == 1.0


def test_bow_scores_agree_with_benchmark_metrics() -> None:
    metrics = pytest.importorskip("benchmarks.metrics")
    pairs = [("the the cat", "The cat sat"), ("", "x"), ("x", ""), ("", ""),
             ("Путин и Ким", "путин, ким!"), ("İstanbul ŞEHİR", "istanbul şehir")]
    for output, gold in pairs:
        theirs = metrics.bag_of_words(output, gold)
        ours = bow_scores(output, gold)
        assert (ours.precision, ours.recall, ours.f1) == pytest.approx(
            (theirs.precision, theirs.recall, theirs.f1)), (output, gold)

"""The ``cleantext`` command, driven as a user drives it: a subprocess per command line.

Every test runs ``python -m cleantext`` with ``PYTHONPATH=src`` (the package need not
be installed) on small pages written by the test, the seed text dumps bundled under
``tests/fixtures/seeds/text`` and, for archives, a WARC built with warcio. Outputs are
compared with what the library itself returns for the same input, so these tests check
the command's plumbing (reading, ordering, formats, errors, atomic writes), not the
extractor's accuracy. A few in-process tests cover what a subprocess cannot provoke
(an internal error inside one page).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Literal

import pytest

import cleantext
from cleantext import Options, passes
from cleantext.cli import pages as cli_pages
from cleantext.cli import run as cli_main
from cleantext.cli import settings
from cleantext.inputs import Record
from cleantext.markup_inline import md_escape as _md_escape
from cleantext.options import option_info
from cleantext.profile import SiteProfile

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
SEEDS = ROOT / "tests" / "fixtures" / "seeds" / "text"
ANSI = "\x1b["


def cli_env(**extra: str) -> dict[str, str]:
    """The environment of a CLI run: ``src`` first on PYTHONPATH, no NO_COLOR."""
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH")) if p)
    env.update(extra)
    return env


def run_cli(*args: str, cwd: Path, stdin: bytes | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m cleantext ARGS`` in ``cwd`` and capture its output (bytes)."""
    return subprocess.run([sys.executable, "-m", "cleantext", *args], cwd=cwd, input=stdin,
                          capture_output=True, env=env or cli_env(), timeout=120, check=False)


def page(number: int, site: str = "Harbour News") -> bytes:
    """A small article page: menu, headline, two paragraphs unique to ``number``, footer."""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Story {number}</title>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Story number {number} about the quay</h1>
<p>The harbour authority said on Tuesday that quay {number} will open next spring, after
two years of work and several delays caused by the winter storms on the coast.</p>
<p>Fishermen welcomed the news about quay {number}, saying the old one had become dangerous
in winter and that their boats had been damaged there more than once this year.</p>
</article><footer>Copyright 2024 {site}. All rights reserved.</footer></body></html>
""".encode()


def library_text(data: bytes, **kwargs: Any) -> str:
    """The body the library returns for ``data`` (what the CLI must print)."""
    doc: cleantext.Document = cleantext.extract(data, **kwargs)
    return doc.text


@pytest.fixture()
def pages(tmp_path: Path) -> Path:
    """``pages/`` with four good pages in two folders and one binary-junk file."""
    root = tmp_path / "pages"
    for number in range(1, 5):
        folder = root / ("alpha" if number <= 2 else "beta")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"p{number}.html").write_bytes(page(number))
    (root / "beta" / "broken.html").write_bytes(bytes(range(256)) * 16)
    return root


def jsonl(data: bytes) -> list[dict[str, Any]]:
    """Parse JSON Lines output: the page records, after checking the header record."""
    header, *records = [json.loads(line) for line in data.decode("utf-8").splitlines()]
    assert set(header) == {"cleantext", "options"}, header
    return records


# --- single pages -----------------------------------------------------------------------------


def test_single_page_body_to_stdout(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(page(7))
    result = run_cli("page.html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert out == library_text(page(7)) + "\n"
    assert "quay 7 will open next spring" in out
    assert result.stderr == b""  # no summary line for a single page


def test_text_dump_flag_reads_seed_dump(tmp_path: Path) -> None:
    seed = sorted(SEEDS.glob("*.txt"))[0]
    result = run_cli("--kind", "text", str(seed), cwd=tmp_path)
    assert run_cli("--text", str(seed), cwd=tmp_path).stdout == result.stdout  # alias
    assert result.returncode == 0, result.stderr
    expected = cleantext.extract_text(seed.read_bytes()).text
    assert expected, "the seed dump should have a body"
    assert result.stdout.decode("utf-8") == expected + "\n"


def test_stdin_with_url(tmp_path: Path) -> None:
    url = "https://news.example.org/quay"
    result = run_cli("-", "--url", url, "--format", "jsonl", cwd=tmp_path, stdin=page(3))
    assert result.returncode == 0, result.stderr
    [record] = jsonl(result.stdout)
    assert record["id"] == "-"
    assert record["url"] == url
    assert record["text"] == library_text(page(3), url=url)
    assert record["error"] is None


def test_gzip_is_read_by_magic_bytes_not_name(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(gzip.compress(page(5)))
    result = run_cli("page.html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8") == library_text(page(5)) + "\n"


def test_json_format_is_the_whole_document(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(page(2))
    result = run_cli("page.html", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc.pop("options") == Options().to_dict()
    assert doc == json.loads(json.dumps(cleantext.extract(page(2)).to_dict()))
    assert {line["label"] for line in doc["lines"]} <= {label.value for label in cleantext.Label}


def test_markdown_format_title_heading_and_paragraphs(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(page(4))
    result = run_cli("page.html", "--format", "markdown", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    doc = cleantext.extract(page(4))
    out = result.stdout.decode("utf-8").rstrip("\n")
    assert out == doc.to_markdown().rstrip("\n")
    blocks = out.split("\n\n")
    assert blocks[0] == f"# {doc.title}"
    assert [b.lstrip("# ") for b in blocks[1:]] == doc.text.splitlines()


def test_markdown_escapes_lines_that_would_become_markup() -> None:
    assert _md_escape("# not a heading") == "\\# not a heading"
    assert _md_escape("1. not a list") == "1\\. not a list"
    assert _md_escape("> not a quote") == "\\> not a quote"
    assert _md_escape("plain text") == "plain text"


def test_explain_is_plain_when_piped(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(page(1))
    doc = cleantext.extract(page(1))
    result = run_cli("page.html", "--explain", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert ANSI not in out
    rows = out.splitlines()
    assert len(rows) == len(doc.lines) + 2  # header, one row per line, label summary
    for line, row in zip(doc.lines, rows[1:-1], strict=True):
        assert line.label.value in row
    forced = run_cli("page.html", "--explain", "--colour", "always", cwd=tmp_path)
    assert ANSI in forced.stdout.decode("utf-8")


def on_terminal(args: list[str], cwd: Path, env: dict[str, str], stream: str) -> str:
    """Run the CLI with ``stream`` (``"stdout"`` or ``"stderr"``) on a pseudo-terminal
    and return what the terminal received."""
    import pty

    master, slave = pty.openpty()
    redirect = {stream: slave}
    proc = subprocess.Popen([sys.executable, "-m", "cleantext", *args], cwd=cwd, env=env,
                            stdout=redirect.get("stdout", subprocess.DEVNULL),
                            stderr=redirect.get("stderr", subprocess.DEVNULL))
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    proc.wait(timeout=120)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal (pty)")
def test_explain_colours_on_a_terminal_unless_no_color(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(page(1))
    args = ["page.html", "--explain"]
    assert ANSI in on_terminal(args, tmp_path, cli_env(), "stdout")
    assert ANSI not in on_terminal(args, tmp_path, cli_env(NO_COLOR="1"), "stdout")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal (pty)")
def test_progress_bar_only_on_a_terminal(pages: Path) -> None:
    args = ["pages", "--format", "jsonl", "-o", "out.jsonl"]
    shown = on_terminal(args, pages.parent, cli_env(), "stderr")
    assert "\r[" in shown and "/5" in shown  # the bar, with the known total
    assert "5 pages, 1 error" in shown  # the summary line after it
    quiet = on_terminal([*args, "--quiet"], pages.parent, cli_env(), "stderr")
    assert "\r[" not in quiet and "pages/s" not in quiet
    assert "broken.html" in quiet  # errors are still reported


# --- batches ----------------------------------------------------------------------------------


def test_folder_with_broken_file_jsonl_and_exit_1(pages: Path) -> None:
    result = run_cli("pages", "--format", "jsonl", "-o", "out.jsonl", "--workers", "2",
                     cwd=pages.parent)
    assert result.returncode == 1
    stderr = result.stderr.decode("utf-8")
    assert "pages/beta/broken.html" in stderr and "DecodeError" in stderr
    summary = stderr.strip().splitlines()[-1]
    assert "5 pages" in summary and "1 error" in summary and "pages/s" in summary
    assert "\r" not in stderr  # no progress bar when stderr is not a terminal
    records = jsonl((pages.parent / "out.jsonl").read_bytes())
    assert [r["id"] for r in records] == [
        "pages/alpha/p1.html", "pages/alpha/p2.html",
        "pages/beta/broken.html", "pages/beta/p3.html", "pages/beta/p4.html"]
    broken = records[2]
    assert broken["error"].startswith("DecodeError") and broken["text"] is None
    for record, number in zip([records[i] for i in (0, 1, 3, 4)], (1, 2, 3, 4), strict=True):
        assert record["error"] is None
        assert record["text"] == library_text(page(number))
        assert record["title"] == cleantext.extract(page(number)).title
        assert sum(record["label_counts"].values()) == len(cleantext.extract(page(number)).lines)


def test_all_good_batch_exits_0(pages: Path) -> None:
    (pages / "beta" / "broken.html").unlink()
    result = run_cli("pages", "--format", "jsonl", cwd=pages.parent)
    assert result.returncode == 0, result.stderr
    assert len(jsonl(result.stdout)) == 4


def test_missing_input_is_reported_and_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "good.html").write_bytes(page(1))
    result = run_cli("missing.html", "good.html", "--format", "jsonl", cwd=tmp_path)
    assert result.returncode == 1
    missing, good = jsonl(result.stdout)
    assert missing["id"] == "missing.html" and "no such file" in missing["error"]
    assert good["error"] is None and good["text"] == library_text(page(1))
    assert b"missing.html" in result.stderr


def test_output_order_with_two_workers(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(24):
        (folder / f"{number:02d}.html").write_bytes(page(number))
    one = run_cli("many", "--format", "jsonl", "--workers", "1", cwd=tmp_path)
    two = run_cli("many", "--format", "jsonl", "--workers", "2", cwd=tmp_path)
    assert one.returncode == two.returncode == 0
    assert two.stdout == one.stdout
    assert [r["id"] for r in jsonl(two.stdout)] == [f"many/{n:02d}.html" for n in range(24)]


def test_output_folder_mirrors_relative_paths(pages: Path) -> None:
    result = run_cli("pages", "-o", "out/", "--format", "markdown", cwd=pages.parent)
    assert result.returncode == 1  # the broken page
    out = pages.parent / "out"
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == ["alpha/p1.md", "alpha/p2.md", "beta/p3.md", "beta/p4.md"]
    assert (out / "alpha" / "p2.md").read_text("utf-8").startswith("# ")


def test_glob_filters_folder_files(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a.html").write_bytes(page(1))
    (folder / "b.html.gz").write_bytes(gzip.compress(page(2)))
    (folder / "notes.md").write_bytes(b"# not a page")
    result = run_cli("mixed", "--glob", "*.html", "--format", "jsonl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [r["id"] for r in jsonl(result.stdout)] == ["mixed/a.html", "mixed/b.html.gz"]


def test_folder_of_seed_dumps_reads_txt_as_text(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    result = run_cli("seeds", "--format", "jsonl", "--workers", "2", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    records = jsonl(result.stdout)
    seeds = sorted(SEEDS.glob("*.txt"))
    assert len(records) == len(seeds) == 5
    for record, seed in zip(records, seeds, strict=True):
        assert record["text"] == cleantext.extract_text(seed.read_bytes()).text


# --- archives ---------------------------------------------------------------------------------


def build_warc(path: Path, compress: bool = True) -> None:
    """A WARC (gzipped per record unless ``compress`` is false): a request, two HTML
    responses and a PNG response."""
    warcwriter = pytest.importorskip("warcio.warcwriter", reason="warcio is not installed")
    from warcio.statusandheaders import StatusAndHeaders

    with open(path, "wb") as handle:
        writer = warcwriter.WARCWriter(handle, gzip=compress)

        def add(url: str, kind: str, body: bytes, headers: StatusAndHeaders) -> None:
            writer.write_record(writer.create_warc_record(
                url, kind, payload=io.BytesIO(body), http_headers=headers))

        add("https://a.example/one", "request", b"", StatusAndHeaders(
            "GET /one HTTP/1.1", [("Host", "a.example")], is_http_request=True))
        add("https://a.example/one", "response", page(1), StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"))
        add("https://a.example/logo.png", "response", b"\x89PNG\r\n\x1a\n", StatusAndHeaders(
            "200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1"))
        add("https://b.example/two", "response", page(2), StatusAndHeaders(
            "200 OK", [("Content-Type", "application/xhtml+xml")], protocol="HTTP/1.1"))


def test_warc_html_responses_only(tmp_path: Path) -> None:
    build_warc(tmp_path / "crawl.warc.gz")
    result = run_cli("crawl.warc.gz", "--format", "jsonl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    records = jsonl(result.stdout)
    assert [r["url"] for r in records] == ["https://a.example/one", "https://b.example/two"]
    assert all(r["id"].startswith("<urn:uuid:") for r in records)
    assert len({r["id"] for r in records}) == 2
    assert all(r["source"] == "crawl.warc.gz" for r in records)
    assert records[0]["text"] == library_text(page(1), url="https://a.example/one")
    assert "2 pages" in result.stderr.decode("utf-8")


def test_damaged_warc_records_are_errors_not_pages(tmp_path: Path) -> None:
    build_warc(tmp_path / "crawl.warc", compress=False)
    data = (tmp_path / "crawl.warc").read_bytes()
    (tmp_path / "cut.warc").write_bytes(data[: data.rindex(b"quay 2 will open")])
    flipped = data.replace(b"quay 1 will open", b"quay 9 will open")
    (tmp_path / "flipped.warc").write_bytes(flipped)
    cut = run_cli("cut.warc", "--format", "jsonl", cwd=tmp_path)
    assert cut.returncode == 1
    first, second = jsonl(cut.stdout)
    assert first["error"] is None and "truncated record" in second["error"]
    bad = run_cli("flipped.warc", "--format", "jsonl", cwd=tmp_path)
    assert bad.returncode == 1
    first, second = jsonl(bad.stdout)
    assert "corrupt record" in first["error"] and second["error"] is None


def test_arc_records_get_stable_names(tmp_path: Path) -> None:
    pytest.importorskip("warcio", reason="warcio is not installed")
    http = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + page(3)
    version = b"1 0 cleantext-test\nURL IP-address Archive-date Content-type Archive-length\n"
    header = b"filedesc://t.arc 0.0.0.0 20240101000000 text/plain %d\n" % len(version)
    entry = b"http://a.example/three 1.2.3.4 20240101000000 text/html %d\n" % len(http)
    (tmp_path / "t.arc").write_bytes(header + version + b"\n" + entry + http + b"\n")
    runs = [run_cli("t.arc", "--format", "jsonl", cwd=tmp_path) for _ in range(2)]
    assert runs[0].returncode == 0, runs[0].stderr
    assert runs[0].stdout == runs[1].stdout
    [record] = jsonl(runs[0].stdout)
    assert record["id"] == f"t.arc#{len(header + version) + 1}"
    assert record["url"] == "http://a.example/three"
    assert record["text"] == library_text(page(3), url="http://a.example/three")


def test_warc_without_warcio_says_how_to_install(tmp_path: Path) -> None:
    build_warc(tmp_path / "crawl.warc.gz")
    shadow = tmp_path / "shadow" / "warcio"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('warcio hidden by the test')\n")
    env = cli_env()
    env["PYTHONPATH"] = os.pathsep.join([str(shadow.parent), env["PYTHONPATH"]])
    result = run_cli("crawl.warc.gz", "--format", "jsonl", cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert "pip install 'cleantext[warc]'" in result.stderr.decode("utf-8")
    [record] = jsonl(result.stdout)
    assert "warcio" in record["error"]


# --- site profiles ----------------------------------------------------------------------------


def test_site_profile_auto_then_saved(tmp_path: Path) -> None:
    site = tmp_path / "pages" / "harbour"
    site.mkdir(parents=True)
    for number in range(4):
        (site / f"p{number}.html").write_bytes(page(number))
    auto = run_cli("pages", "--site-profile", "auto", "--host-from", "path",
                   "--save-profiles", "profiles", "--format", "jsonl", cwd=tmp_path)
    assert auto.returncode == 0, auto.stderr
    assert "site profiles for 1 host" in auto.stderr.decode("utf-8")
    profile = SiteProfile()
    for number in range(4):
        profile.add(page(number), text=False)
    assert SiteProfile.load(tmp_path / "profiles" / "harbour.ctprofile") == profile
    expected = [cleantext.extract(page(n), site=profile).text for n in range(4)]
    assert [r["text"] for r in jsonl(auto.stdout)] == expected
    saved = run_cli("pages/harbour/p2.html", "--site-profile", "profiles/harbour.ctprofile",
                    cwd=tmp_path)
    assert saved.returncode == 0, saved.stderr
    assert saved.stdout.decode("utf-8") == expected[2] + "\n"


def test_site_profile_auto_replays_stdin_for_the_second_pass(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # A profile needs Options.site_min_pages >= 2 pages (a one-page profile would mark
    # every line), so stdin alone cannot give one: check the replay itself. Pass one and
    # pass two must both see the page, read from stdin once.
    stdin = io.BytesIO(page(8))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stdin))
    parser = cli_main.build_parser()
    args = parser.parse_args(["-", "--url", "https://www.harbour.example/quay",
                              "--site-profile", "auto", "--no-config"])
    plan = cli_main.make_plan(parser, args)
    records = cli_main._records_factory(plan, two_passes=True)
    first, second = list(records()), list(records())
    assert [r.data for r in first] == [r.data for r in second] == [page(8)]
    assert first[0].host == "harbour.example"
    assert stdin.read() == b""  # read once, replayed from memory


def test_bad_site_profile_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(page(1))
    (tmp_path / "junk.ctprofile").write_bytes(b"not a profile")
    result = run_cli("page.html", "--site-profile", "junk.ctprofile", cwd=tmp_path)
    assert result.returncode == 2
    assert b"cannot load --site-profile" in result.stderr


# --- options, usage, entry points -------------------------------------------------------------


def test_option_flags_reach_the_library(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(page(1))
    for flags, options in (
        (["--mode", "precision"], Options.preset("precision")),
        (["-O", "body_threshold=0.99"], Options(body_threshold=0.99)),
        (["--mode", "recall", "-O", "max-lines=3"], Options.preset("recall").with_(max_lines=3)),
    ):
        result = run_cli("page.html", *flags, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stdout.decode("utf-8") == library_text(page(1), options=options) + "\n"


def test_help_fits_one_screen(tmp_path: Path) -> None:
    result = run_cli("--help", cwd=tmp_path, env=cli_env(COLUMNS="80"))
    assert result.returncode == 0
    lines = result.stdout.decode("utf-8").splitlines()
    assert len(lines) <= 60, len(lines)
    text = "\n".join(lines)
    for flag in ("-O NAME=VALUE", "--config", "--kind", "--mode", "--site-profile"):
        assert flag in text
    assert "--body-threshold" not in text


def test_options_lists_every_field_with_metadata_help(tmp_path: Path) -> None:
    result = run_cli("options", "--no-config", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("utf-8")
    for info in option_info():
        row = next(line for line in text.splitlines() if line.split()[:1] == [info.name])
        assert info.kind.__name__ in row and repr(info.default) in row and info.help in row


def test_options_help_needs_no_source(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_source(obj: object) -> str:
        raise OSError("no source")

    monkeypatch.setattr("inspect.getsource", no_source)
    table = settings.options_table()
    assert "P(body) above which a line is body" in table
    assert table.count("\n") + 1 == len(option_info()) + len({i.group for i in option_info()})


@pytest.mark.parametrize("args", [
    [],
    ["page.html", "--explain", "--format", "json"],
    ["page.html", "--no-such-flag"],
    ["page.html", "--workers", "-1"],
    ["page.html", "page.html", "--url", "https://x.example/"],
    ["page.html", "-O", "body_threshold=not-a-number"],
    ["page.html", "-O", "body_threshold=7"],
    ["page.html", "-O", "no_such_option=1"],
    ["page.html", "-O", "body_threshold"],
    ["page.html", "--mode", "sloppy"],
    ["-", "-"],
])
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "page.html").write_bytes(page(1))
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == b""
    assert b"usage: cleantext" in result.stderr


def test_console_script_entry_point(tmp_path: Path) -> None:
    script = shutil.which("cleantext")
    if script is None:
        pytest.skip("the 'cleantext' console script is not on PATH (package not installed)")
    (tmp_path / "page.html").write_bytes(page(6))
    result = subprocess.run([script, "page.html"], cwd=tmp_path, capture_output=True,
                            env=cli_env(), timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8") == library_text(page(6)) + "\n"


def test_report_subcommand(pages: Path) -> None:
    result = run_cli("report", "pages", "-o", "report.html", cwd=pages.parent)
    assert result.returncode == 0, result.stderr
    html = (pages.parent / "report.html").read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "alpha/p1" in html and "broken" in html


# --- atomic output ----------------------------------------------------------------------------


def _default_sigint() -> None:
    """In the child before exec: SIGINT back to its default action. A test suite started
    in the background by a non-interactive shell inherits SIGINT ignored, and Python
    then installs no KeyboardInterrupt handler: the signal would be lost (as a user's
    ``nohup`` asks) and the run would finish instead."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.skipif(sys.platform == "win32", reason="sends SIGINT")
def test_interrupted_run_leaves_old_output_and_no_temp_file(pages: Path) -> None:
    out = pages.parent / "out.jsonl"
    out.write_text("previous run\n")
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleantext", "pages", "-", "--format", "jsonl", "-o", "out.jsonl"],
        cwd=pages.parent, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, env=cli_env(), preexec_fn=_default_sigint)
    # The output's temporary file exists from the start; the run cannot end before
    # stdin is closed, so the signal always lands mid-run.
    deadline = time.monotonic() + 60
    while not list(pages.parent.glob(".out.jsonl.*.tmp")):
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert out.read_text() == "previous run\n"
    assert list(pages.parent.glob(".out.jsonl.*")) == []


def test_successful_run_replaces_output_and_leaves_no_temp(pages: Path) -> None:
    out = pages.parent / "out.jsonl"
    out.write_text("previous run\n")
    result = run_cli("pages", "--format", "jsonl", "-o", "out.jsonl", cwd=pages.parent)
    assert result.returncode == 1  # the broken page
    assert len(jsonl(out.read_bytes())) == 5
    assert [p.name for p in pages.parent.iterdir() if p.name.startswith(".")] == []


# --- in process: what a subprocess cannot provoke ---------------------------------------------


def test_internal_error_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli_pages, "extract", boom)
    job = cli_pages.Job(options=Options(), fmt="jsonl")
    record = Record("x.html", "x.html", "x", data=page(1))
    outcome = cli_pages.process(record, job)
    assert outcome.error == "internal error: RuntimeError: a bug"
    assert json.loads(outcome.rendered or "")["error"] == outcome.error


def test_crashed_worker_loses_only_its_own_chunk() -> None:
    tasks = [(n,) for n in range(6)]
    results = list(passes.run_ordered(_die_on_three, tasks, 2, lambda task: -task[0]))
    assert results == [0, 10, 20, -3, 40, 50]


def _die_on_three(number: int) -> int:
    """Worker function for the crash test: kills its process on 3 (like a segfault)."""
    if number == 3:
        os._exit(1)
    return number * 10


# --- inputs: gzip, limits, folder walk --------------------------------------------------------


def test_gunzip_bounded_reads_every_member_and_stops_a_bomb() -> None:
    from cleantext.errors import InputTooLarge
    from cleantext.inputs import gunzip_bounded

    assert gunzip_bounded(gzip.compress(b"abc") + gzip.compress(b"def"), 10) == b"abcdef"
    bomb = gzip.compress(b"\0" * 5_000_000)
    with pytest.raises(InputTooLarge):
        gunzip_bounded(bomb, 1_000_000)
    with pytest.raises(OSError, match=r"corrupt|truncated"):
        gunzip_bounded(gzip.compress(b"x" * 1000)[:-12], 10_000)


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    (tmp_path / "big.html").write_bytes(page(1) * 20)
    result = run_cli("big.html", "-O", "max_input_bytes=1_000", "-f", "jsonl", cwd=tmp_path)
    assert result.returncode == 1
    [record] = jsonl(result.stdout)
    assert record["error"].startswith("InputTooLarge")


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_walk_skips_hidden_entries_and_symlink_loops(tmp_path: Path) -> None:
    from cleantext.inputs import walk

    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "page.html").write_bytes(b"<p>x</p>")
    (tmp_path / "a" / ".hidden.html").write_bytes(b"<p>x</p>")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.html").write_bytes(b"<p>x</p>")
    (tmp_path / "a" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "notes.md").write_bytes(b"x")
    assert walk(str(tmp_path), ["*.html"]) == ["a/b/page.html"]
    assert walk(str(tmp_path), []) == ["a/b/page.html", "notes.md"]


# --- options: -O, config files, precedence, validation ----------------------------------------


def test_assignment_values_are_typed_from_the_field() -> None:
    assert settings.parse_assignment("body_threshold=0.7") == ("body_threshold", 0.7)
    assert settings.parse_assignment("max-lines=1_000") == ("max_lines", 1000)
    mode = Literal["fast", "slow"]
    assert settings.convert("x", "slow", mode) == "slow"
    assert settings.convert("x", "off", bool) is False
    assert settings.convert("x", "True", bool) is True
    for text, annotation in (("medium", mode), ("maybe", bool), ("1.5", int), ("x", float)):
        with pytest.raises(settings.SettingError, match="x must be"):
            settings.convert("x", text, annotation)
    with pytest.raises(settings.SettingError, match="did you mean 'site_share'"):
        settings.parse_assignment("site_shar=0.5")


def test_config_file_and_precedence(tmp_path: Path) -> None:
    config = tmp_path / "tuned.toml"
    config.write_text('mode = "recall"\nmax_lines = 50\nstray-max-p = 1\n')
    got = settings.resolve_options(None, config, [], cwd=tmp_path).options
    assert got == Options.preset("recall").with_(max_lines=50, stray_max_p=1.0)
    # defaults < --mode < config < -O: the config's field beats --mode, -O beats both
    config.write_text("body_threshold = 0.45\nmax_lines = 50\n")
    got = settings.resolve_options("precision", config, ["max_lines=7"], cwd=tmp_path).options
    assert (got.body_threshold, got.max_lines) == (0.45, 7)
    assert settings.resolve_options("precision", None, [], discover=False).options == \
        Options.preset("precision")


@pytest.mark.parametrize("text, message", [
    ("body_treshold = 0.5\n", "did you mean 'body_threshold'"),
    ("max_lines = 2.5\n", "max_lines must be int"),
    ("body_threshold = true\n", "body_threshold must be float"),
    ("body_threshold = 7\n", "body_threshold must be between 0 and 1"),
    ('mode = "sloppy"\n', "mode must be one of"),
    ("max_lines = \n", "config"),
])
def test_bad_config_is_a_setting_error(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "cleantext.toml").write_text(text)
    with pytest.raises(settings.SettingError, match=message):
        settings.resolve_options(None, None, [], cwd=tmp_path)


def test_config_discovered_in_parent_folders(tmp_path: Path) -> None:
    deep = tmp_path / "project" / "src" / "deep"
    deep.mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text("[tool.cleantext]\nmax_lines = 11\n")
    (tmp_path / "project" / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    found = settings.resolve_options(None, None, [], cwd=deep)
    assert found.config == tmp_path / "pyproject.toml"  # the table-less one is skipped
    assert found.options.max_lines == 11
    (tmp_path / "project" / "cleantext.toml").write_text("max_lines = 22\n")
    assert settings.resolve_options(None, None, [], cwd=deep).options.max_lines == 22
    assert settings.resolve_options(None, None, [], cwd=deep, discover=False).config is None


def test_config_reaches_the_command_and_is_recorded(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(page(1))
    (tmp_path / "pyproject.toml").write_text("[tool.cleantext]\nbody_threshold = 0.99\n")
    tuned = Options(body_threshold=0.99)
    result = run_cli("page.html", "-f", "jsonl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    header = json.loads(result.stdout.decode("utf-8").splitlines()[0])
    assert header["options"] == tuned.to_dict()
    assert jsonl(result.stdout)[0]["text"] == library_text(page(1), options=tuned)
    as_json = json.loads(run_cli("page.html", "-f", "json", cwd=tmp_path).stdout)
    assert as_json["options"]["body_threshold"] == 0.99
    plain = run_cli("page.html", "-f", "json", "--no-config", cwd=tmp_path)
    assert json.loads(plain.stdout)["options"] == Options().to_dict()
    listed = run_cli("options", cwd=tmp_path).stdout.decode("utf-8")
    assert "pyproject.toml" in listed and "(now 0.99)" in listed
    bad = run_cli("page.html", "--config", "missing.toml", cwd=tmp_path)
    assert bad.returncode == 2 and b"missing.toml" in bad.stderr


@pytest.mark.parametrize("changes, field", [
    ({"body_threshold": 7}, "body_threshold"),
    ({"stray_max_p": -0.1}, "stray_max_p"),
    ({"max_lines": 0}, "max_lines"),
    ({"kicker_max_words": 2.5}, "kicker_max_words"),
    ({"away_margin": float("nan")}, "away_margin"),
    ({"title_overlap_prior": float("inf")}, "title_overlap_prior"),
    ({"site_min_pages": 0}, "site_min_pages"),
    ({"site_share": 1.5}, "site_share"),
])
def test_options_validated_when_built(changes: dict[str, Any], field: str) -> None:
    with pytest.raises((ValueError, TypeError), match=field):
        Options(**changes)
    with pytest.raises((ValueError, TypeError), match=field):
        Options().with_(**changes)


def test_valid_options_and_presets_still_build() -> None:
    # a line of the page alone has no share, so no site_share is too low for a size
    assert Options(site_min_pages=1, site_share=0.1).site_min_pages == 1
    assert Options(body_threshold=1, max_lines=1).body_threshold == 1
    for mode in cleantext.MODES:
        assert 0 < Options.preset(mode).body_threshold < 1

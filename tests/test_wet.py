"""Common Crawl WET files: conversion records read as text dumps, one output record per
page with its URL and record id, repetition across a host's pages learnt with
``--site-profile auto``, and ``--format wet`` read back by warcio.

The WET files are written at test time by ``tests/fixtures/make_wet.py`` (warcio's
own writer, independent of cleantext's).
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import cleantext

pytest.importorskip("warcio", reason="warcio is not installed")

from tests.fixtures.make_wet import PLUG, harbour_pages, write_wet

SRC = Path(__file__).resolve().parents[1] / "src"


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """``python -m cleantext ARGS`` in ``cwd``, output captured."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH")) if p)
    return subprocess.run([sys.executable, "-m", "cleantext", *args], cwd=cwd, env=env,
                          capture_output=True, timeout=120, check=False)


def jsonl(data: bytes) -> list[dict[str, Any]]:
    """The page records of jsonl output (the header record checked and dropped)."""
    header, *records = [json.loads(line) for line in data.decode("utf-8").splitlines()]
    assert "id" not in header and "options" in header
    return records


def test_one_record_per_page_with_url_and_record_id(tmp_path: Path) -> None:
    pages = harbour_pages()
    ids = write_wet(tmp_path / "crawl.warc.wet.gz", pages)
    result = run_cli("crawl.warc.wet.gz", "--format", "jsonl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    records = jsonl(result.stdout)
    assert [r["url"] for r in records] == [url for url, _ in pages]
    assert [r["record_id"] for r in records] == ids
    assert [r["id"] for r in records] == ids
    for record, (url, text) in zip(records, pages, strict=True):
        assert record["error"] is None
        assert record["text"] == cleantext.extract_text(text, url=url).text
        assert sum(record["label_counts"].values()) == len(text.splitlines())


def test_plain_wet_and_a_folder_of_wet_files(tmp_path: Path) -> None:
    pages = harbour_pages()
    folder = tmp_path / "dumps"
    folder.mkdir()
    write_wet(folder / "a.wet", pages[:2], compress=False)
    write_wet(folder / "b.wet.gz", pages[2:])
    result = run_cli("dumps", "--format", "jsonl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [r["url"] for r in jsonl(result.stdout)] == [url for url, _ in pages]


def test_conversion_records_in_a_warc_others_skipped(tmp_path: Path) -> None:
    pages = harbour_pages()[:2]
    ids = write_wet(tmp_path / "full.warc.gz", pages, extras=True)
    result = run_cli("full.warc.gz", "--format", "jsonl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    records = jsonl(result.stdout)
    # warcinfo, request and metadata records give nothing; each conversion one page
    assert [r["record_id"] for r in records] == ids
    assert records[0]["text"] == cleantext.extract_text(pages[0][1], url=pages[0][0]).text


def test_site_profile_auto_learns_the_repeated_line(tmp_path: Path) -> None:
    write_wet(tmp_path / "crawl.warc.wet.gz", harbour_pages())
    alone = jsonl(run_cli("crawl.warc.wet.gz", "--format", "jsonl", cwd=tmp_path).stdout)
    auto = run_cli("crawl.warc.wet.gz", "--format", "jsonl", "--site-profile", "auto",
                   cwd=tmp_path)
    assert auto.returncode == 0, auto.stderr
    assert "site profiles for 1 host" in auto.stderr.decode("utf-8")
    learnt = jsonl(auto.stdout)
    assert all(PLUG in r["text"] for r in alone)  # one page cannot tell
    assert not any(PLUG in r["text"] for r in learnt)
    for before, after in zip(alone, learnt, strict=True):
        assert after["label_counts"]["body"] == before["label_counts"]["body"] - 1
        # the articles' own paragraphs stay
        assert after["text"] in before["text"] and after["text"]


def test_site_profile_auto_learns_a_line_repeated_across_hosts(tmp_path: Path) -> None:
    # Ten hosts of one page each: no host has a profile of its own, but the plug is
    # on 9 other hosts' pages of the file (cross-site share 0.9), so auto drops it.
    pages = [(f"https://port{n}.example/news", text)
             for n, (_, text) in enumerate(harbour_pages() * 2)]
    write_wet(tmp_path / "ports.warc.wet.gz", pages)
    alone = jsonl(run_cli("ports.warc.wet.gz", "--format", "jsonl", cwd=tmp_path).stdout)
    auto = run_cli("ports.warc.wet.gz", "--format", "jsonl", "--site-profile", "auto",
                   cwd=tmp_path)
    assert auto.returncode == 0, auto.stderr
    learnt = jsonl(auto.stdout)
    assert len(learnt) == 10 and all(PLUG in r["text"] for r in alone)
    assert not any(PLUG in r["text"] for r in learnt)
    for before, after in zip(alone, learnt, strict=True):
        assert after["text"] in before["text"] and after["text"]  # the stories stay


def test_extract_many_by_site_on_wet_pages(tmp_path: Path) -> None:
    pages = harbour_pages()
    docs = cleantext.extract_many(pages, by_site=True, kind="text")
    assert not any(PLUG in d.text for d in docs)
    assert all(PLUG in d.text for d in cleantext.extract_many(pages, kind="text"))


def test_extract_archive_streams_two_passes(tmp_path: Path) -> None:
    from cleantext.corpus import extract_archive

    pages = harbour_pages()
    ids = write_wet(tmp_path / "crawl.warc.wet.gz", pages, extras=True)
    alone = list(extract_archive(tmp_path / "crawl.warc.wet.gz"))
    learnt = list(extract_archive(tmp_path / "crawl.warc.wet.gz", by_site=True))
    assert [r.record_id for r, _ in learnt] == ids
    assert [r.url for r, _ in learnt] == [url for url, _ in pages]
    assert all(doc is not None and PLUG in doc.text for _, doc in alone)
    assert all(doc is not None and PLUG not in doc.text for _, doc in learnt)
    expected = cleantext.extract_many(pages, by_site=True, kind="text")
    assert [doc.text for _, doc in learnt if doc] == [d.text for d in expected]


def test_format_wet_reads_back_with_warcio(tmp_path: Path) -> None:
    from warcio.archiveiterator import ArchiveIterator

    pages = harbour_pages()
    ids = write_wet(tmp_path / "crawl.warc.wet.gz", pages)
    as_jsonl = jsonl(run_cli("crawl.warc.wet.gz", "--format", "jsonl", cwd=tmp_path).stdout)
    result = run_cli("crawl.warc.wet.gz", "--format", "wet", "-o", "clean.warc.wet.gz",
                     cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = (tmp_path / "clean.warc.wet.gz").read_bytes()
    assert data[:2] == b"\x1f\x8b" and gzip.decompress(data).startswith(b"WARC/1.0\r\n")
    with open(tmp_path / "clean.warc.wet.gz", "rb") as handle:
        records = [(r.rec_type, r.rec_headers, r.content_stream().read())
                   for r in ArchiveIterator(handle, check_digests=True)]
    assert [kind for kind, _, _ in records] == ["warcinfo"] + ["conversion"] * len(pages)
    assert b"cleantext-options" in records[0][2]
    for (_, headers, body), source_id, expected in zip(records[1:], ids, as_jsonl,
                                                       strict=True):
        assert headers.get_header("WARC-Target-URI") == expected["url"]
        assert headers.get_header("WARC-Refers-To") == source_id
        assert headers.get_header("Content-Type") == "text/plain"
        assert json.loads(headers.get_header("Cleantext-Labels")) == expected["label_counts"]
        assert body.decode("utf-8") == expected["text"]
    again = run_cli("clean.warc.wet.gz", "--format", "jsonl", cwd=tmp_path)
    assert [r["url"] for r in jsonl(again.stdout)] == [e["url"] for e in as_jsonl]


def test_format_wet_to_stdout_is_plain_and_refuses_a_folder(tmp_path: Path) -> None:
    write_wet(tmp_path / "crawl.wet", harbour_pages()[:1], compress=False)
    result = run_cli("crawl.wet", "--format", "wet", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n")
    assert result.stdout.count(b"WARC-Type: conversion\r\n") == 1
    refused = run_cli("crawl.wet", "--format", "wet", "-o", "out/", cwd=tmp_path)
    assert refused.returncode == 2
    assert b"--format wet writes one file" in refused.stderr

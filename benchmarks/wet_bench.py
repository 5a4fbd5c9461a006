"""Text dumps at corpus scale: a WET file of a shared set's pages, scored (issue #21).

Builds a Common Crawl-style WET file from a set's pages (default ``daniel-dev``): each
HTML page dumped to text by the harness's own dumper (:mod:`benchmarks.textdump`),
written as a ``conversion`` record whose ``WARC-Target-URI`` is
``http://SITE/ID`` (SITE as :func:`benchmarks.evaluate.site_key` derives it: for
daniel-dev the domain inside the id). Then scores bag-of-words F1 against the gold
bodies (mean over pages with a gold body), and with/without F1 for sets with those
strings (trafilatura-dev), for:

* ``cleantext`` on the WET file, without and with ``--site-profile auto`` (the command
  line, as a corpus builder runs it, through ``--format jsonl``), and with the auto
  profiles of sites of 3+ pages stripped of their cross-site counts (what auto did
  before them: the site's own repetition only);
* a CCNet-style baseline: drop every line whose normalised hash
  (:func:`cleantext.pagelines.line_hash`) appears on at least N other pages of the
  same file, for N = 1..8; every N is printed, the best marked;
* keep-everything: the whole dump.

Only whole-set figures are printed (daniel-dev's licence is unstated: measure, do
not inspect or train on it page by page).

``synth`` writes a synthetic WET file of about SIZE MB by repeating the set's records
(URLs made distinct per copy) for throughput and memory runs (docs/corpus.md).

    python benchmarks/wet_bench.py score [--set daniel-dev] [-j 2] [-O NAME=VALUE] [--auto-only]
    python benchmarks/wet_bench.py build OUT.warc.wet.gz
    python benchmarks/wet_bench.py synth /tmp/big.warc.wet.gz --mb 100
    python benchmarks/wet_bench.py read /tmp/big.warc.wet.gz

(``synth`` rewrites every copy with warcio, about 6 s per 4 MB; for 1 GB, concatenating
the gzip members of a one-copy file, ``cat``, repeats the records as well.)
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

_REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(_REPO), str(_REPO / "src")]

from benchmarks.evaluate import Case, load_cases, read_page, site_key  # noqa: E402
from benchmarks.metrics import WithWithout, bag_of_words, mean_prf, with_without  # noqa: E402
from benchmarks.textdump import html_to_text  # noqa: E402
from cleantext.pagelines import line_hash  # noqa: E402
from cleantext.profile import SiteProfile  # noqa: E402
from cleantext.textutil import normalise_line  # noqa: E402

BENCH = Path("/work/shared/bench")
CCNET_MAX_N = 8
"""Largest N tried for the CCNet-style baseline (lines on ≥ N other pages dropped)."""


PSL = Path("/usr/share/publicsuffix/public_suffix_list.dat")
"""The Public Suffix List as Debian's ``publicsuffix`` package installs it (read only
by ``--host registered``, a measurement)."""


def registered_domain(host: str, rules: frozenset[str]) -> str:
    """``host``'s registered domain under the Public Suffix List ``rules`` (lines of
    the list: ``*.`` wildcards, ``!`` exceptions): its public suffix and one label."""
    labels = host.split(".")
    for i in range(len(labels)):
        tail = ".".join(labels[i:])
        if "!" + tail in rules:
            return tail
        wild = ".".join(["*", *labels[i + 1:]])
        if tail in rules or (i + 1 < len(labels) and wild in rules):
            return ".".join(labels[max(i - 1, 0):])
    return ".".join(labels[-2:])


def psl_rules() -> frozenset[str]:
    """The rules of :data:`PSL` (comments and blank lines dropped)."""
    lines = PSL.read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("//"))


def cases_with_sites(set_dir: Path, host: str = "site") -> Iterator[tuple[str, Case]]:
    """``(url, case)`` of every page with a site, in file order; with ``host``
    ``"registered"`` the URL's host is the site's registered domain."""
    rules = psl_rules() if host == "registered" else frozenset()
    for case in load_cases(set_dir):
        site = site_key(case)
        if site is not None:
            site = registered_domain(site, rules) if rules else site
            yield f"http://{site}/{case.id}", case


def dumps(set_dir: Path, host: str = "site") -> Iterator[tuple[str, str, str | None]]:
    """``(url, text dump, gold body)`` of every page with a site, in file order
    (``host`` as :func:`cases_with_sites`)."""
    for url, case in cases_with_sites(set_dir, host):
        page, is_text = read_page(set_dir, case.id)
        yield url, page if is_text else html_to_text(page), case.body


def write_wet(path: Path, pages: Iterator[tuple[str, str]]) -> int:
    """Write a gzipped WET file (warcinfo, then one conversion record per page) with
    warcio; the number of page records."""
    from warcio.warcwriter import WARCWriter

    count = 0
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(writer.create_warcinfo_record(
            path.name, {"software": "benchmarks/wet_bench.py"}))
        for url, text in pages:
            writer.write_record(writer.create_warc_record(
                url, "conversion", payload=io.BytesIO(text.encode("utf-8")),
                warc_content_type="text/plain"))
            count += 1
    return count


def run_cleantext(wet: Path, *extra: str) -> dict[str, str]:
    """``cleantext WET --format jsonl EXTRA``: the text of each page by URL."""
    out = subprocess.run([sys.executable, "-m", "cleantext", str(wet), "--format", "jsonl",
                          "-q", *extra], capture_output=True, check=True)
    records = [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]
    return {r["url"]: r["text"] or "" for r in records if "id" in r}


def ccnet(texts: dict[str, str], n: int, counts: Counter[int]) -> dict[str, str]:
    """Each page without the lines whose hash is on at least ``n`` other pages."""
    out = {}
    for url, text in texts.items():
        kept = [line for line in text.splitlines()
                if not normalise_line(line) or counts[line_hash(line)] - 1 < n]
        out[url] = "\n".join(kept)
    return out


def page_counts(texts: dict[str, str]) -> Counter[int]:
    """For every normalised line hash, the number of distinct pages it is on."""
    counts: Counter[int] = Counter()
    for text in texts.values():
        counts.update({line_hash(line) for line in text.splitlines() if normalise_line(line)})
    return counts


def bow_f1(outputs: dict[str, str], gold: dict[str, str]) -> float:
    """Mean bag-of-words F1 over the pages with a gold body."""
    prf = mean_prf([bag_of_words(outputs.get(url, ""), body) for url, body in gold.items()])
    return prf.f1 if prf is not None else float("nan")


def ww_f1(outputs: dict[str, str], cases: dict[str, Case]) -> float:
    """With/without F1 summed over the pages with ``with``/``without`` strings."""
    total = WithWithout()
    for url, case in cases.items():
        if case.with_ or case.without:
            total = total + with_without(outputs.get(url, ""), case.with_, case.without)
    return total.f1 if total.checks else float("nan")


def site_only(saved: Path, out: Path, min_pages: int = 3) -> None:
    """Copy the profiles ``--save-profiles`` wrote to ``out`` without their cross-site
    counts, and only for sites of ``min_pages`` or more: what auto profiles were before
    cross-site counts (the "auto, site only" row)."""
    out.mkdir()
    for path in saved.glob("*.ctprofile"):
        profile = SiteProfile.load(path)
        if profile.pages >= min_pages:
            profile.without_cross_site().save(out / path.name)


def systems(wet: Path, workers: int, tmp: Path, options: list[str],
            auto_only: bool) -> dict[str, dict[str, str]]:
    """The command's output per URL: alone, with auto profiles of each site only,
    with auto profiles and cross-site counts (what ``--site-profile auto`` does);
    ``options`` (``NAME=VALUE``) are passed to every run as ``-O``; with
    ``auto_only`` only the last."""
    jobs = ["-j", str(workers), *(f"-O{o}" for o in options)]
    auto = run_cleantext(wet, *jobs, "--site-profile", "auto", "--save-profiles",
                         str(tmp / "saved"))
    if auto_only:
        return {"cleantext --site-profile auto (site + cross-site)": auto}
    site_only(tmp / "saved", tmp / "site-only")
    return {"cleantext": run_cleantext(wet, *jobs),
            "cleantext --site-profile auto, site only (before cross-site)":
                run_cleantext(wet, *jobs, "--site-profile", str(tmp / "site-only")),
            "cleantext --site-profile auto (site + cross-site)": auto}


def score(set_name: str, workers: int, options: list[str], *, auto_only: bool = False,
          digits: int = 3, host: str = "site") -> None:
    """Build the WET file in a temporary folder and print every figure: BoW F1 when
    the set has gold bodies, with/without F1 when it has those strings (``options``
    and ``auto_only`` as :func:`systems`; ``auto_only`` skips the baselines too;
    figures printed with ``digits`` decimals; ``host`` as :func:`cases_with_sites`)."""
    pages = list(dumps(BENCH / set_name, host))
    cases = dict(cases_with_sites(BENCH / set_name, host))
    gold = {url: body for url, _, body in pages if body}
    texts = {url: text for url, text, _ in pages}
    with tempfile.TemporaryDirectory() as tmp:
        wet = Path(tmp) / f"{set_name}.warc.wet.gz"
        write_wet(wet, ((u, t) for u, t, _ in pages))
        outputs = systems(wet, workers, Path(tmp), options, auto_only)
    sites = Counter(url.split("/")[2] for url in texts)
    print(f"{set_name}: {len(pages)} pages ({len(gold)} with gold) of {len(sites)} sites, "
          f"{sum(1 for c in sites.values() if c >= 3)} with 3+ pages")
    print("| system | BoW F1 | with/without F1 |\n|---|---:|---:|")

    def row(name: str, out: dict[str, str]) -> None:
        bow, ww = bow_f1(out, gold), ww_f1(out, cases)
        print("| " + " | ".join([name, *("—" if f != f else f"{f:.{digits}f}" for f in (bow, ww))])
              + " |")
    if not auto_only:
        baselines(texts, gold, cases, row)
    for name, out in outputs.items():
        row(name, out)
        if len(out) != len(pages):
            print(f"warning: {len(out)} records for {len(pages)} pages")


def baselines(texts: dict[str, str], gold: dict[str, str], cases: dict[str, Case],
              row: Callable[[str, dict[str, str]], None]) -> None:
    """Print the rows of keep-everything and of the CCNet-style filter for every N."""
    row("keep everything", texts)
    counts = page_counts(texts)
    figures = {n: ccnet(texts, n, counts) for n in range(1, CCNET_MAX_N + 1)}
    best = max(figures, key=lambda n: bow_f1(figures[n], gold) if gold else
               ww_f1(figures[n], cases))
    for n, out in figures.items():
        row(f"CCNet-style, drop lines on ≥ {n} other pages{' (best)' if n == best else ''}",
            out)


def synth(out: Path, set_name: str, megabytes: float) -> None:
    """A WET file of about ``megabytes`` MB on disk (compressed), by repeating records."""
    pages = [(url, text) for url, text, _ in dumps(BENCH / set_name)]
    one = Path(tempfile.mkstemp(suffix=".warc.wet.gz")[1])
    write_wet(one, iter(pages))
    per_copy = one.stat().st_size
    one.unlink()
    copies = max(1, round(megabytes * 1e6 / per_copy))

    def repeated() -> Iterator[tuple[str, str]]:
        for copy in range(copies):
            for url, text in pages:
                yield f"{url}/{copy}", text
    records = write_wet(out, repeated())
    raw = sum(len(t.encode("utf-8")) for _, t in pages) * copies
    print(f"{out}: {records} records, {out.stat().st_size / 1e6:.0f} MB on disk, "
          f"{raw / 1e6:.0f} MB of text")


def read_only(path: Path) -> None:
    """Stream every record of ``path`` as the command does (no extraction): records,
    MB/s of compressed file and peak RSS of this process."""
    import resource
    import time

    from cleantext.inputs import expand, iter_records

    start = time.perf_counter()
    count = size = 0
    for record in iter_records(expand([str(path)]), max_bytes=50_000_000):
        count += 1
        size += len(record.data or b"")
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{path}: {count} records, {size / 1e6:.0f} MB of text in {seconds:.0f} s: "
          f"{count / seconds:.0f} records/s, {path.stat().st_size / 1e6 / seconds:.1f} MB/s "
          f"(file), peak RSS {peak:.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    s = sub.add_parser("score", help="build the WET file and print BoW F1 of every system")
    s.add_argument("--set", default="daniel-dev")
    s.add_argument("-j", "--workers", type=int, default=2)
    s.add_argument("-O", "--option", action="append", default=[], metavar="NAME=VALUE",
                   help="passed to every cleantext run (repeatable)")
    s.add_argument("--auto-only", action="store_true",
                   help="only the --site-profile auto row (no baselines)")
    s.add_argument("--digits", type=int, default=3, help="decimals of the figures")
    s.add_argument("--host", choices=("site", "registered"), default="site",
                   help="URL host: the set's site, or its registered domain (Public "
                        "Suffix List)")
    b = sub.add_parser("build", help="write the WET file of a set")
    b.add_argument("out", type=Path)
    b.add_argument("--set", default="daniel-dev")
    y = sub.add_parser("synth", help="a synthetic WET file of about --mb MB")
    y.add_argument("out", type=Path)
    y.add_argument("--set", default="daniel-dev")
    y.add_argument("--mb", type=float, default=100.0)
    r = sub.add_parser("read", help="stream a WET file's records only: speed, peak RSS")
    r.add_argument("path", type=Path)
    args = ap.parse_args()
    if args.command == "score":
        score(args.set, args.workers, args.option, auto_only=args.auto_only,
              digits=args.digits, host=args.host)
    elif args.command == "build":
        count = write_wet(args.out, ((u, t) for u, t, _ in dumps(BENCH / args.set)))
        print(f"{args.out}: {count} records")
    elif args.command == "read":
        read_only(args.path)
    else:
        synth(args.out, args.set, args.mb)


if __name__ == "__main__":
    main()

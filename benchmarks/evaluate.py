"""Score cleantext (and, side by side, other extractors) on a benchmark set.

A set is a folder with ``cases.jsonl`` and ``html/ID.html.gz`` pages (or
``text/ID.txt`` page dumps), as under ``/work/shared/bench``; ``meta.tsv`` may add a
``page_type`` and ``domain`` per id. One command prints one table::

    python benchmarks/evaluate.py --set scrapinghub
    python benchmarks/evaluate.py --set wcxb-dev --text-mode --peers trafilatura,justext
    python benchmarks/evaluate.py --set daniel-dev --site-profile --reuse-peers --markdown

Figures per system: bag-of-words and 4-token shingle precision/recall/F1 (mean over
pages with a gold body), with/without micro precision/recall/F1 with the share of
``with`` strings found and of ``without`` strings absent, crashes, pages/s and MB/s
(only the extraction call is timed, on input already in memory), then the same per
language and per page type. See ``benchmarks/metrics.py`` for the definitions and
``benchmarks/README.md`` for the options.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import importlib.metadata
import io
import json
import multiprocessing
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, redirect_stdout
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any
from urllib.parse import urlsplit

import regex

_REPO = Path(__file__).resolve().parent.parent
if str(_REPO) not in sys.path:  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(_REPO))

from benchmarks.metrics import (  # noqa: E402
    Overlap,
    WithWithout,
    bag_of_words,
    mean_prf,
    shingle_overlap,
    tokens,
    with_without,
)
from benchmarks.peers import PEERS, installed_peers  # noqa: E402
from benchmarks.textdump import html_to_text, lines_to_html  # noqa: E402

DEFAULT_BENCH_ROOT = Path("/work/shared/bench")
"""Where ``--set NAME`` looks for NAME (override with ``--bench-root``)."""

RESULTS_DIR = _REPO / "benchmarks" / "results"
"""Saved peer runs (``peers-<set>[-text].json``); git-ignored."""

CLEANTEXT = "cleantext"
CJK_LANGS = frozenset({"zh", "ja"})
"""Languages for which the per-language table adds a row scored on CJK characters."""

DEFAULT_TIMEOUT_S = 120.0
"""Seconds one extraction call may take before it counts as a crash (empty output).
Far above any normal page (the slowest peer needs ~2 s on a 5 MB page); it only
keeps one pathological page from stalling a whole run."""

ERROR_CHARS = 200
"""Characters of a crash's message kept in the page score (enough to recognise it)."""

PROGRESS_EVERY = 100
"""Pages between two progress lines on stderr."""

WARM_UP_PAGE = "<html><body><p>Warm up: import every module before timing.</p></body></html>"

_DANIEL_ID_RE = regex.compile(r"^\d{8}_(?P<domain>[^_]+)_[0-9a-f]{16,}$")


# --------------------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class Case:
    """One page of a set with its gold (``with_``/``without`` may be empty)."""

    id: str
    url: str | None
    lang: str
    body: str | None
    with_: tuple[str, ...]
    without: tuple[str, ...]
    page_type: str | None = None
    domain: str | None = None


def resolve_set(name_or_path: str, bench_root: Path) -> Path:
    """A set's folder: ``name_or_path`` itself if it is a folder, else ``bench_root/NAME``."""
    path = Path(name_or_path)
    if not (path / "cases.jsonl").is_file():
        path = bench_root / name_or_path
    if not (path / "cases.jsonl").is_file():
        raise SystemExit(f"error: no cases.jsonl in {name_or_path!r} nor in {path}")
    return path


def _read_meta(set_dir: Path) -> dict[str, dict[str, str]]:
    meta_path = set_dir / "meta.tsv"
    if not meta_path.is_file():
        return {}
    # split on "\n" only: str.splitlines would also cut at U+2028 etc. inside a title
    rows = meta_path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    header = rows[0].split("\t")
    table = (r.split("\t") for r in rows[1:] if r)
    return {cols[0]: dict(zip(header, cols, strict=False)) for cols in table}


def load_cases(set_dir: Path) -> list[Case]:
    """Every case of the set, in file order, with ``meta.tsv``'s type and domain if any."""
    meta = _read_meta(set_dir)
    cases = []
    with (set_dir / "cases.jsonl").open(encoding="utf-8") as fh:
        for raw in fh:
            if not raw.strip():
                continue
            item = json.loads(raw)
            extra = meta.get(item["id"], {})
            cases.append(Case(
                id=item["id"], url=item.get("url"), lang=item.get("lang") or "?",
                body=item.get("body"), with_=tuple(item.get("with") or ()),
                without=tuple(item.get("without") or ()),
                page_type=extra.get("page_type") or None, domain=extra.get("domain") or None,
            ))
    return cases


def select_cases(cases: list[Case], ids: Sequence[str] | None, limit: int | None) -> list[Case]:
    """The cases named in ``ids`` (in that order; unknown ids are an error), then the
    first ``limit`` of them."""
    if ids:
        by_id = {c.id: c for c in cases}
        missing = [i for i in ids if i not in by_id]
        if missing:
            raise SystemExit(f"error: unknown id(s): {', '.join(missing[:5])}")
        cases = [by_id[i] for i in ids]
    return cases[:limit] if limit is not None else cases


def is_text_set(set_dir: Path) -> bool:
    """True for a set of text dumps (``text/`` and no ``html/``), like the seeds."""
    return (set_dir / "text").is_dir() and not (set_dir / "html").is_dir()


def read_page(set_dir: Path, case_id: str) -> tuple[str, bool]:
    """The page as stored (decoded str) and whether it is a text dump."""
    text_path = set_dir / "text" / f"{case_id}.txt"
    if text_path.is_file():
        return text_path.read_text(encoding="utf-8"), True
    with gzip.open(set_dir / "html" / f"{case_id}.html.gz", "rt", encoding="utf-8") as fh:
        return fh.read(), False


def prepare_input(set_dir: Path, case_id: str, text_mode: bool) -> tuple[str, bool]:
    """What the systems get: the page, or its text dump in text mode (dumping untimed)."""
    page, is_text = read_page(set_dir, case_id)
    if text_mode and not is_text:
        return html_to_text(page), True
    return page, is_text


def site_key(case: Case) -> str | None:
    """The site a page belongs to: ``meta.tsv`` domain, else the url's host, else the
    domain inside a ``date_domain_hash`` id (daniel); ``www.`` dropped."""
    host = case.domain
    if not host and case.url and "://" in case.url:
        host = urlsplit(case.url).hostname
    if not host:
        match = _DANIEL_ID_RE.match(case.id)
        host = match.group("domain") if match else None
    if not host:
        return None
    host = host.lower()
    return host[4:] if host.startswith("www.") else host


# ------------------------------------------------------------------------ systems


def import_cleantext() -> ModuleType:
    """``import cleantext``, adding the repo's ``src/`` to the path if needed."""
    try:
        return importlib.import_module("cleantext")
    except ImportError:
        src = _REPO / "src"
        if not (src / "cleantext").is_dir():
            raise SystemExit(
                "error: cannot import cleantext (install it or set PYTHONPATH)") from None
        sys.path.insert(0, str(src))
        return importlib.import_module("cleantext")


@dataclass(frozen=True, slots=True)
class RunConfig:
    """How every system is run; pickled to worker processes."""

    set_dir: Path
    text_mode: bool
    systems: tuple[str, ...]
    mode: str | None = None
    timeout_s: float = DEFAULT_TIMEOUT_S
    outputs_dir: Path | None = None


def run_system(name: str, page: str, is_text: bool, case: Case, config: RunConfig,
               profile: Any) -> str:
    """Run one system on one page and return its text (exceptions propagate)."""
    if name == CLEANTEXT:
        ct = import_cleantext()
        options = ct.Options.preset(config.mode) if config.mode else None
        url = case.url if case.url and "://" in case.url else None
        extract = ct.extract_text if is_text else ct.extract
        kwargs: dict[str, Any] = {"url": url, "options": options}
        if profile is not None:
            kwargs["site"] = profile
        text: str = extract(page, **kwargs).text
        return text
    peer = {p.name: p for p in PEERS}[name]
    return peer.run(lines_to_html(page) if is_text else page, case.lang)


class PageTimeout(BaseException):
    """An extraction call ran past ``--timeout``.

    A ``BaseException`` so that a peer's own ``except Exception`` cannot swallow it."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`PageTimeout` in the block after ``seconds`` (POSIX main thread only;
    elsewhere, or for ``seconds <= 0``, no limit)."""
    usable = (seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise PageTimeout(f"no result after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def warm_up(config: RunConfig) -> None:
    """Run each system once on a tiny page, untimed, so imports and caches are not
    billed to the first real page. A system that fails here stops the run."""
    case = Case("warm-up", None, "en", None, (), ())
    for name in config.systems:
        try:
            run_system(name, WARM_UP_PAGE, False, case, config, None)
        except Exception as exc:  # report any failure of the system
            hint = " (use --no-cleantext to run the peers only)" if name == CLEANTEXT else ""
            raise SystemExit(f"error: {name} fails on a trivial page: {exc!r}{hint}") from exc


# ------------------------------------------------------------------------ scoring


@dataclass(frozen=True, slots=True)
class PageScore:
    """One system's result on one page: raw counts, so any subset can be re-aggregated.

    ``bow``/``shingle``/``bow_cjk`` are ``None`` when the page has no gold body with
    tokens; ``ww`` is ``None`` without ``with``/``without`` strings. ``seconds`` is the
    extraction call's wall time, ``cpu_seconds`` the CPU time this process spent in it
    (what the speed columns use: it hardly moves when other jobs share the machine),
    ``bytes`` the UTF-8 size of the input it got.
    """

    id: str
    system: str
    lang: str
    page_type: str | None
    bytes: int
    seconds: float
    out_chars: int
    cpu_seconds: float = 0.0
    error: str = ""
    bow: Overlap | None = None
    shingle: Overlap | None = None
    bow_cjk: Overlap | None = None
    ww: WithWithout | None = None

    @property
    def crashed(self) -> bool:
        """True when the system raised (or timed out) on the page."""
        return bool(self.error)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict (overlaps as [matched, predicted, gold], ww as 4 counts)."""
        def ov(o: Overlap | None) -> list[int] | None:
            return None if o is None else [o.matched, o.predicted, o.gold]

        ww = self.ww
        return {
            "id": self.id, "system": self.system, "lang": self.lang,
            "page_type": self.page_type, "bytes": self.bytes,
            "seconds": round(self.seconds, 6), "cpu_seconds": round(self.cpu_seconds, 6),
            "out_chars": self.out_chars,
            "error": self.error, "bow": ov(self.bow), "shingle": ov(self.shingle),
            "bow_cjk": ov(self.bow_cjk),
            "ww": None if ww is None else [ww.found, ww.missed, ww.leaked, ww.dropped],
            "bow_f1": None if self.bow is None else round(self.bow.f1, 4),
        }

    @classmethod
    def from_json(cls, item: dict[str, Any]) -> PageScore:
        """Inverse of :meth:`to_json`."""
        def ov(v: list[int] | None) -> Overlap | None:
            return None if v is None else Overlap(*v)

        return cls(
            id=item["id"], system=item["system"], lang=item["lang"],
            page_type=item.get("page_type"), bytes=item["bytes"], seconds=item["seconds"],
            cpu_seconds=item.get("cpu_seconds", 0.0), out_chars=item["out_chars"],
            error=item.get("error", ""), bow=ov(item["bow"]),
            shingle=ov(item["shingle"]), bow_cjk=ov(item.get("bow_cjk")),
            ww=None if item["ww"] is None else WithWithout(*item["ww"]),
        )


def score_output(case: Case, output: str) -> dict[str, Any]:
    """The metric fields of :class:`PageScore` for ``output`` against the case's gold."""
    fields: dict[str, Any] = {}
    if case.body and tokens(case.body):
        fields["bow"] = bag_of_words(output, case.body)
        fields["shingle"] = shingle_overlap(output, case.body)
        if case.lang in CJK_LANGS:
            fields["bow_cjk"] = bag_of_words(output, case.body, split_cjk=True)
    if case.with_ or case.without:
        fields["ww"] = with_without(output, case.with_, case.without)
    return fields


def save_output(outputs_dir: Path, system: str, case_id: str, output: str) -> None:
    """Write one system's text for one page to ``outputs_dir/system/ID.txt``."""
    folder = outputs_dir / system
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{case_id}.txt").write_text(output, encoding="utf-8")


@dataclass(frozen=True, slots=True)
class Timed:
    """One extraction call: its text (``""`` after a crash), the crash message, wall
    time and CPU time of this process (seconds)."""

    output: str
    error: str
    wall_s: float
    cpu_s: float


def timed_run(name: str, page: str, is_text: bool, case: Case, config: RunConfig,
              profile: Any) -> Timed:
    """Run one system on one page, timing only the call; any failure = empty output."""
    # Peers print warnings on stdout (boilerpy3); keep the report clean.
    with time_limit(config.timeout_s), redirect_stdout(io.StringIO()):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            output = run_system(name, page, is_text, case, config, profile)
            error = ""
        except (Exception, PageTimeout) as exc:
            message = str(exc).strip()
            error = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
            output, error = "", error[:ERROR_CHARS]
        return Timed(output, error, time.perf_counter() - wall, time.process_time() - cpu)


def evaluate_case(config: RunConfig, task: tuple[Case, Any]) -> list[PageScore]:
    """Run every system of ``config`` on one case and score each output."""
    case, profile = task
    page, is_text = prepare_input(config.set_dir, case.id, config.text_mode)
    size = len(page.encode("utf-8", "surrogatepass"))
    results = []
    for name in config.systems:
        run = timed_run(name, page, is_text, case, config, profile)
        if config.outputs_dir is not None:
            save_output(config.outputs_dir, name, case.id, run.output)
        results.append(PageScore(
            id=case.id, system=name, lang=case.lang, page_type=case.page_type,
            bytes=size, seconds=run.wall_s, cpu_seconds=run.cpu_s,
            out_chars=len(run.output), error=run.error, **score_output(case, run.output),
        ))
    return results


def run_all(config: RunConfig, tasks: list[tuple[Case, Any]], workers: int) -> list[PageScore]:
    """Evaluate every task, in ``workers`` processes if more than one; progress on stderr."""
    job = partial(evaluate_case, config)
    out: list[PageScore] = []
    started = time.perf_counter()

    def collect(results: Iterable[list[PageScore]]) -> None:
        for done, scores in enumerate(results, 1):
            out.extend(scores)
            if done % PROGRESS_EVERY == 0 or done == len(tasks):
                print(f"  {done}/{len(tasks)} pages, {time.perf_counter() - started:.0f} s",
                      file=sys.stderr, flush=True)

    if workers > 1:
        with multiprocessing.Pool(workers) as pool:
            collect(pool.imap(job, tasks))
    else:
        collect(map(job, tasks))
    return out


# -------------------------------------------------------------------- site profiles


def build_profiles(cases: list[Case], config: RunConfig) -> dict[str, Any]:
    """One ``cleantext.SiteProfile`` per site, fed every page of the set from that site
    (the page being scored included, as a crawl of the site would), with the same
    options extraction uses. Untimed."""
    ct = import_cleantext()
    set_dir, text_mode = config.set_dir, config.text_mode
    options = ct.Options.preset(config.mode) if config.mode else None
    profile_cls = getattr(ct, "SiteProfile", None)
    if profile_cls is None:  # not exported yet: the module that defines it
        try:
            profile_cls = importlib.import_module("cleantext.profile").SiteProfile
        except (ImportError, AttributeError):
            profile_cls = None
    if profile_cls is None:
        raise SystemExit("error: --site-profile needs cleantext.SiteProfile, which this "
                         "version of cleantext does not have")
    profiles: dict[str, Any] = {}
    for case in cases:
        key = site_key(case)
        if key is None:
            continue
        page, is_text = prepare_input(set_dir, case.id, text_mode)
        profiles.setdefault(key, profile_cls()).add(page, text=is_text, options=options)
    return profiles


# ----------------------------------------------------------------------- summaries


def _prf_dict(pages: Sequence[Overlap]) -> dict[str, float | int] | None:
    prf = mean_prf(pages)
    if prf is None:
        return None
    return {"pages": len(pages), "precision": prf.precision, "recall": prf.recall,
            "f1": prf.f1}


def _ww_dict(pages: Sequence[WithWithout]) -> dict[str, Any] | None:
    if not pages:
        return None
    total = sum(pages, WithWithout())
    return {"pages": len(pages), "found": total.found, "missed": total.missed,
            "leaked": total.leaked, "dropped": total.dropped,
            "precision": total.precision, "recall": total.recall, "f1": total.f1,
            "with_share": total.with_share, "without_share": total.without_share}


def summarise(pages: Sequence[PageScore]) -> dict[str, Any]:
    """Set-level figures of one system over ``pages`` (see module docstring).

    ``pages_per_s`` and ``mb_per_s`` divide by the CPU time of the calls;
    ``wall_pages_per_s`` by their wall time (higher on a busy machine)."""
    wall = sum(p.seconds for p in pages)
    cpu = sum(p.cpu_seconds for p in pages)
    megabytes = sum(p.bytes for p in pages) / 1e6
    return {
        "pages": len(pages),
        "crashes": sum(p.crashed for p in pages),
        "empty": sum(p.out_chars == 0 for p in pages),
        "bow": _prf_dict([p.bow for p in pages if p.bow is not None]),
        "shingle": _prf_dict([p.shingle for p in pages if p.shingle is not None]),
        "bow_cjk": _prf_dict([p.bow_cjk for p in pages if p.bow_cjk is not None]),
        "with_without": _ww_dict([p.ww for p in pages if p.ww is not None]),
        "seconds": wall,
        "cpu_seconds": cpu,
        "megabytes": megabytes,
        "pages_per_s": len(pages) / cpu if cpu > 0 else None,
        "mb_per_s": megabytes / cpu if cpu > 0 else None,
        "wall_pages_per_s": len(pages) / wall if wall > 0 else None,
    }


def group_by(pages: Iterable[PageScore], key: Callable[[PageScore], str | None]
             ) -> dict[str, list[PageScore]]:
    """Pages grouped by ``key`` (pages whose key is ``None`` are left out), keys sorted."""
    groups: dict[str, list[PageScore]] = {}
    for page in pages:
        value = key(page)
        if value is not None:
            groups.setdefault(value, []).append(page)
    return dict(sorted(groups.items()))


@dataclass
class SystemResult:
    """Every page score of one system, plus where they came from."""

    name: str
    pages: list[PageScore] = field(default_factory=list)
    source: str = "run"

    def report(self) -> dict[str, Any]:
        """Summary, per-language and per-type breakdowns, and the page scores."""
        return {
            "source": self.source,
            "summary": summarise(self.pages),
            "by_lang": {k: summarise(v) for k, v in group_by(self.pages,
                                                             lambda p: p.lang).items()},
            "by_type": {k: summarise(v) for k, v in group_by(self.pages,
                                                             lambda p: p.page_type).items()},
            "pages": [p.to_json() for p in self.pages],
        }


# --------------------------------------------------------------------------- tables


def _fmt(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]], markdown: bool) -> str:
    """A table as aligned plain text or as GitHub markdown (first column left-aligned,
    the others right-aligned)."""
    if markdown:
        lines = ["| " + " | ".join(headers) + " |",
                 "|" + "|".join([":---"] + ["---:"] * (len(headers) - 1)) + "|"]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)
    widths = [max(len(str(c)) for c in col) for col in zip(headers, *rows, strict=True)]
    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=True)))
    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in rows])


def main_table(reports: dict[str, dict[str, Any]], markdown: bool) -> str:
    """One row per system: the figures that exist for this set, then speed."""
    summaries = {name: r["summary"] for name, r in reports.items()}
    has_bow = any(s["bow"] for s in summaries.values())
    has_ww = any(s["with_without"] for s in summaries.values())
    headers = ["system", "pages"]
    if has_bow:
        headers += ["BoW P", "BoW R", "BoW F1", "shingle F1"]
    if has_ww:
        headers += ["W/WO P", "W/WO R", "W/WO F1", "with found", "without absent"]
    headers += ["crashes", "pages/s", "MB/s"]
    rows = []
    for name, s in summaries.items():
        row = [name, str(s["pages"])]
        if has_bow:
            bow, sh = s["bow"] or {}, s["shingle"] or {}
            row += [_fmt(bow.get("precision")), _fmt(bow.get("recall")), _fmt(bow.get("f1")),
                    _fmt(sh.get("f1"))]
        if has_ww:
            ww = s["with_without"] or {}
            row += [_fmt(ww.get("precision")), _fmt(ww.get("recall")), _fmt(ww.get("f1")),
                    _fmt(ww.get("with_share")), _fmt(ww.get("without_share"))]
        row += [str(s["crashes"]), _fmt(s["pages_per_s"], 1), _fmt(s["mb_per_s"], 2)]
        rows.append(row)
    return render_table(headers, rows, markdown)


def breakdown_table(reports: dict[str, dict[str, Any]], by: str, metric: str,
                    markdown: bool) -> str | None:
    """Rows = languages (``by="by_lang"``) or page types, columns = systems' ``metric``
    F1 (``"bow"`` or ``"with_without"``); CJK languages get an extra row on characters."""
    names = list(reports)
    groups: dict[str, int] = {}
    for r in reports.values():
        for key, s in r[by].items():
            if s[metric]:
                groups[key] = max(groups.get(key, 0), s[metric]["pages"])
    if len(groups) < 2:
        return None
    rows = []
    for key in sorted(groups, key=lambda k: (-groups[k], k)):
        cells = [reports[n][by].get(key, {}).get(metric) or {} for n in names]
        rows.append([key, str(groups[key])] + [_fmt(c.get("f1")) for c in cells])
        if metric == "bow" and by == "by_lang" and key in CJK_LANGS:
            cjk = [reports[n][by].get(key, {}).get("bow_cjk") or {} for n in names]
            rows.append([f"{key} (chars)", str(groups[key])] + [_fmt(c.get("f1")) for c in cjk])
    label = {"by_lang": "lang", "by_type": "page type"}[by]
    return render_table([label, "pages", *names], rows, markdown)


def print_report(set_name: str, config: RunConfig, reports: dict[str, dict[str, Any]],
                 markdown: bool, site_profile: bool) -> None:
    """Main table, breakdowns and crash notes on stdout."""
    mode = "text dumps" if config.text_mode else "HTML"
    extra = f", mode {config.mode}" if config.mode else ""
    extra += ", site profiles" if site_profile else ""
    print(f"\n{'### ' if markdown else ''}{set_name} ({mode}{extra})\n")
    print(main_table(reports, markdown))
    for by in ("by_lang", "by_type"):
        for metric, title in (("bow", "BoW F1"), ("with_without", "W/WO F1")):
            table = breakdown_table(reports, by, metric, markdown)
            if table:
                label = "language" if by == "by_lang" else "page type"
                print(f"\n{title} by {label}:\n")
                print(table)
    for name, r in reports.items():
        crashed = [p for p in r["pages"] if p["error"]]
        if crashed:
            shown = "; ".join(f"{p['id']}: {p['error'][:80]}" for p in crashed[:3])
            print(f"\n{name}: {len(crashed)} crash(es), e.g. {shown}")


def worst_pages(pages: Sequence[PageScore], count: int) -> str:
    """The ``count`` pages with the lowest BoW F1 (or W/WO F1 without gold bodies)."""
    def score(p: PageScore) -> float | None:
        if p.bow is not None:
            return p.bow.f1
        return p.ww.f1 if p.ww is not None else None

    scored = sorted(((s, p) for p in pages if (s := score(p)) is not None),
                    key=lambda item: (item[0], item[1].id))
    lines = [f"\nworst {min(count, len(scored))} pages:"]
    for value, page in scored[:count]:
        bow, ww = page.bow, page.ww or WithWithout()
        detail = (f"P {bow.precision:.3f} R {bow.recall:.3f}" if bow is not None
                  else f"with found {ww.found}/{ww.found + ww.missed}, "
                       f"without leaked {ww.leaked}/{ww.leaked + ww.dropped}")
        lines.append(f"  {value:.3f}  {page.id}  [{page.lang}] {detail}")
    return "\n".join(lines)


# --------------------------------------------------------------------- saved peers


def peers_path(set_name: str, text_mode: bool) -> Path:
    """Where a set's peer run is saved."""
    return RESULTS_DIR / f"peers-{set_name}{'-text' if text_mode else ''}.json"


def _versions(names: Iterable[str]) -> dict[str, str]:
    dists = {"trafilatura": "trafilatura", "trafilatura-precision": "trafilatura",
             "justext": "justext", "readability": "readability-lxml",
             "boilerpy3": "boilerpy3", "resiliparse": "resiliparse"}
    out = {}
    for name in names:
        try:
            out[name] = importlib.metadata.version(dists.get(name, name))
        except importlib.metadata.PackageNotFoundError:
            out[name] = "source tree"
    return out


def save_peers(path: Path, set_name: str, text_mode: bool,
               results: dict[str, SystemResult]) -> None:
    """Write the peers' page scores so later runs can ``--reuse-peers``."""
    peers = {n: r for n, r in results.items() if n != CLEANTEXT}
    payload = {"set": set_name, "text_mode": text_mode, "versions": _versions(peers),
               "peers": {n: [p.to_json() for p in r.pages] for n, r in peers.items()}}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    print(f"saved peer results to {path}", file=sys.stderr)


def load_peers(path: Path, wanted: Sequence[str], ids: Sequence[str]) -> dict[str, SystemResult]:
    """Saved peer scores for the ``ids`` being evaluated, in that order."""
    if not path.is_file():
        raise SystemExit(f"error: no saved peer results at {path} (run once with --save-peers)")
    payload = json.loads(path.read_text(encoding="utf-8"))
    out = {}
    for name, items in payload["peers"].items():
        if wanted and name not in wanted:
            continue
        by_id = {item["id"]: PageScore.from_json(item) for item in items}
        missing = [i for i in ids if i not in by_id]
        if missing:
            print(f"warning: saved {name} lacks {len(missing)} page(s), e.g. {missing[0]}",
                  file=sys.stderr)
        out[name] = SystemResult(name, [by_id[i] for i in ids if i in by_id],
                                 source=f"{path.name} ({payload['versions'].get(name, '?')})")
    return out


# ----------------------------------------------------------------------------- CLI


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options (see ``--help`` and benchmarks/README.md)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--set", required=True, help="set folder, or a name under --bench-root")
    ap.add_argument("--bench-root", type=Path, default=DEFAULT_BENCH_ROOT,
                    help=f"where set names are looked up (default {DEFAULT_BENCH_ROOT})")
    ap.add_argument("--limit", type=int, help="only the first N cases")
    ap.add_argument("--ids", help="comma-separated case ids, or @FILE with one id per line")
    ap.add_argument("--mode", choices=("precision", "balanced", "recall"),
                    help="cleantext preset (Options.preset(MODE)); default: Options()")
    ap.add_argument("--text-mode", action="store_true",
                    help="turn each HTML page into a text dump first (benchmarks/textdump.py)")
    ap.add_argument("--site-profile", action="store_true",
                    help="give cleantext a SiteProfile built from the set's pages of each site")
    ap.add_argument("--peers", default="all",
                    help="all | none | comma-separated names "
                         f"({', '.join(p.name for p in PEERS)}); default all installed")
    ap.add_argument("--no-cleantext", action="store_true", help="run the peers only")
    ap.add_argument("--reuse-peers", action="store_true",
                    help="take peer figures from benchmarks/results/peers-SET.json")
    ap.add_argument("--save-peers", action="store_true",
                    help="save this run's peer figures there (whole set only)")
    ap.add_argument("--json", type=Path, metavar="OUT", help="write every figure and page score")
    ap.add_argument("--workers", type=int, default=1, help="processes (default 1)")
    ap.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S,
                    help=f"seconds per extraction call before it counts as a crash "
                         f"(default {DEFAULT_TIMEOUT_S:g}; 0 = none)")
    ap.add_argument("--markdown", action="store_true", help="print markdown tables")
    ap.add_argument("--outputs", type=Path, metavar="DIR",
                    help="write each system's text per page to DIR/SYSTEM/ID.txt")
    ap.add_argument("--worst", type=int, default=0, metavar="N",
                    help="list cleantext's N lowest-scoring pages (BoW F1, else W/WO F1)")
    return ap.parse_args(argv)


def chosen_peers(spec: str, reuse: bool = False) -> list[str]:
    """Peer names from ``--peers``: unknown names are an error, and so are uninstalled
    ones unless ``reuse`` (saved figures need no install; ``all`` = every known peer)."""
    installed = installed_peers()
    if spec == "none":
        return []
    if spec == "all":
        return [p.name for p in PEERS] if reuse else list(installed)
    names = [n.strip() for n in spec.split(",") if n.strip()]
    known = {p.name for p in PEERS}
    for name in names:
        if name not in known:
            raise SystemExit(f"error: unknown peer {name!r}; known: {', '.join(sorted(known))}")
        if name not in installed and not reuse:
            raise SystemExit(f"error: peer {name!r} is not installed")
    return names


def _ids_arg(spec: str | None) -> list[str] | None:
    if not spec:
        return None
    if spec.startswith("@"):
        return [line.strip() for line in Path(spec[1:]).read_text().splitlines() if line.strip()]
    return [i.strip() for i in spec.split(",") if i.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation described by ``argv`` and print the tables."""
    args = parse_args(argv)
    set_dir = resolve_set(args.set, args.bench_root)
    set_name = set_dir.name
    text_mode = args.text_mode or is_text_set(set_dir)
    cases = select_cases(load_cases(set_dir), _ids_arg(args.ids), args.limit)
    peers = chosen_peers(args.peers, reuse=args.reuse_peers)
    if args.save_peers and (args.limit is not None or args.ids or args.reuse_peers):
        raise SystemExit("error: --save-peers needs a fresh run on the whole set")
    run_names = ([] if args.no_cleantext else [CLEANTEXT]) + ([] if args.reuse_peers else peers)
    config = RunConfig(set_dir, text_mode, tuple(run_names), args.mode, args.timeout,
                       args.outputs)
    results = {n: SystemResult(n) for n in run_names}
    if run_names:
        warm_up(config)
        profiles: dict[str, Any] = {}
        if args.site_profile and CLEANTEXT in run_names:
            started = time.perf_counter()
            profiles = build_profiles(cases, config)
            shared = sum(1 for c in cases if getattr(profiles.get(site_key(c) or ""),
                                                     "pages", 0) >= 2)
            print(f"built {len(profiles)} site profiles in "
                  f"{time.perf_counter() - started:.1f} s; {shared} of {len(cases)} pages "
                  "share theirs with another page", file=sys.stderr)
        tasks = [(c, profiles.get(site_key(c) or "")) for c in cases]
        print(f"{set_name}: {len(cases)} pages, systems: {', '.join(run_names)}",
              file=sys.stderr)
        for score in run_all(config, tasks, args.workers):
            results[score.system].pages.append(score)
    if args.reuse_peers:
        results.update(load_peers(peers_path(set_name, text_mode), peers,
                                  [c.id for c in cases]))
    if args.save_peers:
        save_peers(peers_path(set_name, text_mode), set_name, text_mode, results)
    reports = {n: r.report() for n, r in results.items()}
    print_report(set_name, config, reports, args.markdown, args.site_profile)
    if args.worst and CLEANTEXT in results:
        print(worst_pages(results[CLEANTEXT].pages, args.worst))
    if args.json:
        write_json(args, set_dir, text_mode, len(cases), reports)
    return 0


def write_json(args: argparse.Namespace, set_dir: Path, text_mode: bool, n_cases: int,
               reports: dict[str, dict[str, Any]]) -> None:
    """Write the run's settings, every system's figures and page scores to ``--json``."""
    payload = {
        "set": set_dir.name, "set_dir": str(set_dir), "cases": n_cases,
        "text_mode": text_mode, "mode": args.mode, "site_profile": args.site_profile,
        "versions": _versions(reports), "systems": reports,
    }
    ct = sys.modules.get("cleantext")
    if ct is not None:  # which source tree was measured
        payload["cleantext"] = {"version": getattr(ct, "__version__", "?"),
                                "path": str(getattr(ct, "__file__", "?"))}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {args.json}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())

"""The ``cleantext`` command: extract the body of pages, one file or a whole crawl.

::

    cleantext page.html                          # body to stdout
    cleantext --text dump.txt                    # a plain-text page dump
    curl -s URL | cleantext - --url URL          # standard input
    cleantext pages/ -o out.jsonl --format jsonl --workers 4
    cleantext crawl.warc.gz --format jsonl       # HTML responses of a web archive
    cleantext page.html --explain                # every line, its label and why
    cleantext pages/ --site-profile auto --host-from path
    cleantext report pages/ -o report.html       # an HTML report of a folder

See ``docs/cli.md`` for every flag with examples. Exit status: 0 when every input was
extracted, 1 when at least one failed (each failure is reported on stderr and, in
``jsonl``, in its record), 2 for a usage error, 130 when interrupted.
"""

from __future__ import annotations

import argparse
import ast
import inspect
import io
import json
import os
import re
import secrets
import shutil
import signal
import sys
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, BinaryIO, Literal, TextIO, TypeVar

from cleantext import options as options_module
from cleantext.document import Document
from cleantext.errors import ExtractionError
from cleantext.inputs import (
    STDIN_NAME,
    HostPolicy,
    Record,
    Source,
    expand,
    iter_records,
)
from cleantext.options import MODES, Options
from cleantext.profile import SiteProfile

__all__ = ["FORMATS", "Job", "Outcome", "build_parser", "main", "option_docs", "process_chunk"]

R = TypeVar("R")
Task = tuple[Any, ...]
Format = Literal["txt", "json", "jsonl", "markdown", "explain"]
PageKind = Literal["auto", "html", "text"]
FORMATS: tuple[str, ...] = ("txt", "json", "jsonl", "markdown")
"""Values of ``--format``; ``--explain`` is a fifth, terminal-only rendering."""

EXTENSIONS: Mapping[str, str] = {
    "txt": ".txt", "json": ".json", "jsonl": ".jsonl", "markdown": ".md", "explain": ".txt",
}
"""File extension of each format's output under ``-o DIR/``."""

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
"""Exit statuses: all good; some input failed; bad command line; Ctrl-C (128 + SIGINT)."""

PROGRESS_INTERVAL_S = 0.1
"""Seconds between progress-bar redraws: smooth to the eye, negligible cost."""

PROGRESS_BAR_CELLS = 30
"""Width of the progress bar itself, in terminal cells."""

TASKS_PER_WORKER = 4
"""Chunks in flight per worker process: enough to keep every worker busy while the
main process writes results in order, few enough to bound memory (archive records
carry their bytes)."""

MAX_CHUNK = 8
"""Largest number of pages sent to a worker in one task. Chunks amortise the cost of
sending options and site profiles; small chunks keep the progress bar live."""

DEFAULT_EXPLAIN_WIDTH = 100
"""Row width (cells) of ``--explain`` when stdout is not a terminal."""


# --- options as flags ---------------------------------------------------------------


def option_docs() -> dict[str, str]:
    """The attribute docstring of every :class:`~cleantext.Options` field, whitespace
    collapsed, read with :mod:`ast` from the options module's source.

    Returns an empty mapping when the source is not available (a frozen or
    bytecode-only install): the flags then still work, with a generic help text.
    """
    try:
        source = inspect.getsource(options_module)
    except (OSError, TypeError):
        return {}
    docs: dict[str, str] = {}
    for node in ast.parse(source).body:
        if not (isinstance(node, ast.ClassDef) and node.name == Options.__name__):
            continue
        for stmt, after in zip(node.body, node.body[1:], strict=False):
            if (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)
                    and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                    and isinstance(after.value.value, str)):
                docs[stmt.target.id] = _plain(" ".join(after.value.value.split()))
    return docs


_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")
_LITERAL = re.compile(r"``([^`]+)``")


def _plain(text: str) -> str:
    """reStructuredText markup of a docstring made terminal-friendly:
    ``:func:`name``` becomes ``name``, double backquotes are dropped."""
    return _LITERAL.sub(r"\1", _ROLE.sub(r"\1", text))


def _option_fields() -> list[tuple[str, type, Any]]:
    """``(name, type, default)`` of each Options field whose default is a bool, int,
    float or str: the types a flag can carry. Other fields are not exposed."""
    out: list[tuple[str, type, Any]] = []
    for spec in fields(Options):
        default = spec.default
        for kind in (bool, int, float, str):
            if type(default) is kind:
                out.append((spec.name, kind, default))
                break
    return out


def add_option_flags(parser: argparse.ArgumentParser) -> None:
    """Add ``--mode`` and one flag per :class:`~cleantext.Options` field to ``parser``.

    The flag of field ``body_threshold`` is ``--body-threshold`` (``--option-NAME``
    if that clashes with a command-line flag); its type comes from the default value
    and its help from the field's docstring (:func:`option_docs`).
    """
    group = parser.add_argument_group(
        "extraction options",
        "Start from the --mode preset, then override single fields of cleantext.Options.")
    group.add_argument("--mode", choices=MODES, default="balanced",
                       help="preset trading precision for recall (default: %(default)s)")
    docs = option_docs()
    taken = set(parser._option_string_actions)
    for name, kind, default in _option_fields():
        flag = "--" + name.replace("_", "-")
        if flag in taken:
            flag = "--option-" + name.replace("_", "-")
        text = docs.get(name, f"Options.{name}").replace("%", "%%")
        shown = f"{default:_}" if kind is int else repr(default)
        help_text = f"{text} (default: {shown})"
        if kind is bool:
            group.add_argument(flag, dest=f"opt_{name}", action=argparse.BooleanOptionalAction,
                               default=None, help=help_text)
        else:
            metavar = {int: "N", float: "X", str: "TEXT"}[kind]
            group.add_argument(flag, dest=f"opt_{name}", type=kind, default=None,
                               metavar=metavar, help=help_text)


def options_from_args(args: argparse.Namespace) -> Options:
    """The :class:`~cleantext.Options` the flags ask for: the mode's preset with every
    field flag that was given applied on top. Raises ValueError/TypeError when the
    resulting options are invalid."""
    changes = {name: getattr(args, f"opt_{name}") for name, _, _ in _option_fields()
               if getattr(args, f"opt_{name}", None) is not None}
    base = Options.preset(args.mode)
    return base.with_(**changes) if changes else base


# --- the parser -----------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``cleantext [options] INPUT...`` (extraction)."""
    parser = argparse.ArgumentParser(
        prog="cleantext",
        description="Extract the article body of web pages and label every other line.",
        epilog="Also: 'cleantext report INPUT... -o report.html' (see 'cleantext report -h'). "
               "Exit status: 0 all inputs extracted, 1 some input failed, 2 usage error.")
    parser.add_argument("inputs", nargs="*", metavar="INPUT",
                        help="HTML file, text dump (--text), folder (recursive), WARC/ARC "
                             "archive (.warc, .arc, optionally .gz), or - for stdin; "
                             "gzip is read transparently")
    parser.add_argument("-o", "--output", metavar="PATH",
                        help="write to PATH instead of stdout: a folder if PATH ends with / or "
                             "is one (one file per input, mirroring input paths), else a single "
                             "file; written atomically")
    parser.add_argument("-f", "--format", choices=FORMATS, default=None,
                        help="txt: body; json: the whole document; jsonl: one record per "
                             "input; markdown: title heading and paragraphs (default: txt)")
    parser.add_argument("--explain", action="store_true",
                        help="show every line with its label, score and top reason, "
                             "coloured by label on a terminal")
    parser.add_argument("--colour", "--color", choices=("auto", "always", "never"),
                        default="auto", help="colours for --explain: auto = when stdout is a "
                                             "terminal and NO_COLOR is unset")
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument("--text", dest="kind", action="store_const", const="text",
                      help="read every input as a plain-text page dump, one block per line "
                           "(default: files named *.txt are dumps, the rest HTML)")
    kind.add_argument("--html", dest="kind", action="store_const", const="html",
                      help="read every input as HTML, whatever its name")
    parser.add_argument("--url", help="URL of the page (single input or stdin); sets its host")
    parser.add_argument("--glob", action="append", default=[], metavar="PATTERN",
                        help="only files matching PATTERN inside folders (repeatable; "
                             "'*.html' also matches '*.html.gz')")
    parser.add_argument("-j", "--workers", type=int, default=1, metavar="N",
                        help="worker processes (0 = one per CPU; default: 1)")
    parser.add_argument("--site-profile", metavar="auto|PATH",
                        help="auto: learn each host's repeated lines from the inputs first "
                             "(two passes); PATH: a saved profile file, or a folder of "
                             "HOST.ctprofile files")
    parser.add_argument("--save-profiles", metavar="DIR",
                        help="with --site-profile auto: also save each host's profile as "
                             "DIR/HOST.ctprofile")
    parser.add_argument("--host-from", choices=("url", "path"), default="url",
                        help="host of a page for site profiles: url = from --url or the WARC "
                             "target URI; path = the name of the file's parent folder")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no progress bar and no summary line (errors still reported)")
    parser.add_argument("--debug", action="store_true",
                        help="print the traceback of internal errors")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    add_option_flags(parser)
    return parser


def _version() -> str:
    from cleantext import __version__

    return __version__


# --- one page: extract and render -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Job:
    """What to do with each page; sent to worker processes with every chunk.

    ``fmt`` is the output format; ``kind`` how pages are read (``"auto"``: files named
    ``*.txt`` or ``*.txt.gz`` are text dumps, everything else HTML); ``colour`` and
    ``width`` (terminal cells) shape ``--explain``; ``debug`` keeps tracebacks.
    """

    options: Options
    fmt: Format = "txt"
    kind: PageKind = "auto"
    colour: bool = False
    width: int = DEFAULT_EXPLAIN_WIDTH
    debug: bool = False


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of one page: its rendering (``None`` when it failed, except in
    ``jsonl`` where the record carries the error) and the error message if any."""

    name: str
    relpath: str
    rendered: str | None
    error: str | None = None
    detail: str = ""


_MARKDOWN_BLOCK_START = re.compile(r"^(\s*)(?:([#>*+=|`~-])|(\d+)([.)]))")


def _markdown_escape(line: str) -> str:
    """``line`` with a backslash before a leading character that would start a
    Markdown block (heading, quote, list, rule, table, fence; ``1.`` becomes ``1\\.``)
    so it stays a paragraph."""
    def escaped(m: re.Match[str]) -> str:
        if m.group(2) is not None:
            return f"{m.group(1)}\\{m.group(2)}"
        return f"{m.group(1)}{m.group(3)}\\{m.group(4)}"
    return _MARKDOWN_BLOCK_START.sub(escaped, line, count=1)


def render_markdown(doc: Document) -> str:
    """The title as a ``#`` heading, then each body paragraph, blank lines between."""
    blocks = [f"# {' '.join(doc.title.split())}"] if doc.title else []
    blocks.extend(_markdown_escape(p) for p in doc.text.splitlines() if p.strip())
    return "\n\n".join(blocks)


def jsonl_record(record: Record, doc: Document | None, error: str | None) -> str:
    """The JSON Lines record of one input: id (path or WARC-Record-ID), source file,
    url, title, text, label_counts and error (``null`` when it worked)."""
    return json.dumps({
        "id": record.name,
        "source": record.source,
        "url": doc.url if doc is not None and doc.url else record.url,
        "title": doc.title if doc is not None else None,
        "text": doc.text if doc is not None else None,
        "label_counts": doc.label_counts if doc is not None else None,
        "error": error,
    }, ensure_ascii=False)


def render(doc: Document, record: Record, job: Job) -> str:
    """``doc`` in the job's format (no trailing newline)."""
    if job.fmt == "json":
        return json.dumps(doc.to_dict(), ensure_ascii=False, indent=2)
    if job.fmt == "jsonl":
        return jsonl_record(record, doc, None)
    if job.fmt == "markdown":
        return render_markdown(doc)
    if job.fmt == "explain":
        from cleantext.render import terminal_lines

        return "\n".join(terminal_lines(doc, colour=job.colour, width=job.width))
    return doc.text


def is_text_dump(record: Record, job: Job) -> bool:
    """Whether ``record`` is read as a text dump: forced by ``--text``/``--html``, else
    by name (``.txt``, optionally ``.gz``; archive records are always HTML)."""
    if job.kind != "auto":
        return job.kind == "text"
    return record.source.lower().removesuffix(".gz").endswith(".txt")


def process(record: Record, job: Job, site: SiteProfile | None = None) -> Outcome:
    """Read, extract and render one page; never raises for a bad page.

    :class:`~cleantext.ExtractionError` and :class:`OSError` are the page's fault;
    anything else is reported as an internal error (a bug) without stopping the batch.
    """
    from cleantext import extract, extract_text

    try:
        if record.error is not None:
            raise OSError(record.error)
        data = record.read(job.options.max_input_bytes)
        run = extract_text if is_text_dump(record, job) else extract
        doc = run(data, url=record.url, options=job.options, site=site)
        return Outcome(record.name, record.relpath, render(doc, record, job))
    except (ExtractionError, OSError) as exc:
        error = str(exc) if record.error is not None else f"{type(exc).__name__}: {exc}"
        detail = ""
    except Exception as exc:  # a bug: report it, keep the batch going
        error = f"internal error: {type(exc).__name__}: {exc}"
        detail = traceback.format_exc() if job.debug else ""
    rendered = jsonl_record(record, None, error) if job.fmt == "jsonl" else None
    return Outcome(record.name, record.relpath, rendered, error, detail)


def process_chunk(chunk: Sequence[Record], job: Job, profiles: Mapping[str, SiteProfile],
                  fallback: SiteProfile | None = None) -> list[Outcome]:
    """:func:`process` every record of a chunk with its host's site profile, or
    ``fallback`` (a profile for every page, or ``None``) when its host has none."""
    return [process(r, job, profiles.get(r.host, fallback) if r.host else fallback)
            for r in chunk]


def learn_chunk(chunk: Sequence[Record], job: Job) -> dict[str, SiteProfile]:
    """Site profiles of the hosts in ``chunk`` (pass one of ``--site-profile auto``).

    Pages that cannot be read (for any reason, bugs included) are left out here; pass
    two extracts them again and reports the error.
    """
    learnt: dict[str, SiteProfile] = {}
    for record in chunk:
        if record.host is None or record.error is not None:
            continue
        try:
            data = record.read(job.options.max_input_bytes)
            profile = learnt.setdefault(record.host, SiteProfile())
            profile.add(data, text=is_text_dump(record, job), options=job.options)
        except Exception:  # unreadable pages (or bugs) are reported by pass two
            continue
    return learnt


def _learn_task(chunk: Sequence[Record], job: Job) -> tuple[int, dict[str, SiteProfile]]:
    """Worker task of pass one: ``(pages in the chunk, their hosts' profiles)``."""
    return len(chunk), learn_chunk(chunk, job)


def _learn_crashed(task: Task) -> tuple[int, dict[str, SiteProfile]]:
    """Pass one after a worker died on ``task``: its pages teach nothing."""
    return len(task[0]), {}


# --- running chunks in order, in parallel -------------------------------------------------


def chunked(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    """Consecutive runs of at most ``size`` records."""
    chunk: list[Record] = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_ordered(fn: Callable[..., R], tasks: Iterable[Task], workers: int,
                on_crash: Callable[[Task], R]) -> Iterator[R]:
    """``fn(*task)`` for every task, results in task order, on ``workers`` processes.

    One worker runs in this process. With more, at most ``workers * TASKS_PER_WORKER``
    tasks are in flight. If a worker process dies (a crash in native code, the OOM
    killer), the tasks in flight are re-run one by one in fresh single-use pools, so
    only the task that kills its process is lost: ``on_crash(task)`` stands in for it.
    """
    if workers <= 1:
        for task in tasks:
            yield fn(*task)
        return
    pool = _new_pool(workers)
    pending: deque[tuple[Task, Future[R]]] = deque()
    try:
        for task in tasks:
            pending.append((task, pool.submit(fn, *task)))
            while len(pending) >= workers * TASKS_PER_WORKER or (
                    pending and pending[0][1].done()):
                yield from _next_result(pending, fn, on_crash)
                pool = _renewed(pool, workers)
        while pending:
            yield from _next_result(pending, fn, on_crash)
            pool = _renewed(pool, workers)
    finally:
        for _, future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def _ignore_interrupts() -> None:
    """Worker initialiser: Ctrl-C is the main process's to handle (it cancels the
    pending work and cleans up), so workers do not print their own tracebacks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _new_pool(workers: int) -> ProcessPoolExecutor:
    """A process pool whose workers ignore SIGINT."""
    return ProcessPoolExecutor(max_workers=workers, initializer=_ignore_interrupts)


def _next_result(pending: deque[tuple[Task, Future[R]]], fn: Callable[..., R],
                 on_crash: Callable[[Task], R]) -> Iterator[R]:
    """The head task's result; after a worker crash, every pending task re-run alone."""
    future = pending[0][1]
    try:
        result = future.result()
    except BrokenProcessPool:
        tasks = [t for t, _ in pending]
        pending.clear()
        for again in tasks:
            yield _run_isolated(fn, again, on_crash)
        return
    pending.popleft()
    yield result


def _renewed(pool: ProcessPoolExecutor, workers: int) -> ProcessPoolExecutor:
    """``pool``, or a fresh one if a crash broke it."""
    if not getattr(pool, "_broken", False):
        return pool
    pool.shutdown(wait=False, cancel_futures=True)
    return _new_pool(workers)


def _run_isolated(fn: Callable[..., R], task: Task, on_crash: Callable[[Task], R]) -> R:
    """``fn(*task)`` in a process of its own; ``on_crash(task)`` if that process dies."""
    with _new_pool(1) as solo:
        try:
            return solo.submit(fn, *task).result()
        except BrokenProcessPool:
            return on_crash(task)


def _crashed_chunk(task: Task) -> list[Outcome]:
    """Outcomes for a chunk whose worker process died: every page an internal error."""
    chunk: Sequence[Record] = task[0]
    job: Job = task[1]
    error = "internal error: the worker process died while extracting this input"
    return [Outcome(r.name, r.relpath,
                    jsonl_record(r, None, error) if job.fmt == "jsonl" else None, error)
            for r in chunk]


# --- output ---------------------------------------------------------------------------------


class AtomicFile:
    """A file that appears at ``path`` complete or not at all.

    Bytes go to a hidden temporary file in the same folder (so the final rename stays
    on one file system); :meth:`commit` flushes and renames it over ``path`` with
    :func:`os.replace`, :meth:`abort` deletes it. The temporary file is created with
    mode 0o666 minus the umask, like any file the user writes.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.temp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        fd = os.open(self.temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        self.handle: BinaryIO = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        """Append ``data`` to the temporary file."""
        self.handle.write(data)

    def commit(self) -> None:
        """Make the file appear at its path (replacing any older file there)."""
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        os.replace(self.temp, self.path)

    def abort(self) -> None:
        """Drop the temporary file; ``path`` is left as it was."""
        self.handle.close()
        self.temp.unlink(missing_ok=True)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through an :class:`AtomicFile`."""
    out = AtomicFile(path)
    try:
        out.write(data)
    except BaseException:
        out.abort()
        raise
    out.commit()


class StreamSink:
    """All outputs in one stream (stdout or one file), in order.

    A batch in ``json`` is a JSON array; ``txt`` documents are separated by an empty
    line (a body never contains one); ``markdown`` documents by a ``---`` rule;
    ``explain`` gets a ``==> name <==`` header per page; ``jsonl`` one line per input.
    """

    def __init__(self, write: Callable[[bytes], None], fmt: Format, batch: bool) -> None:
        self._write = write
        self._fmt = fmt
        self._batch = batch
        self._count = 0

    def add(self, outcome: Outcome) -> None:
        """Write one outcome (skipped when it failed and has no rendering)."""
        if outcome.rendered is None:
            return
        text = outcome.rendered
        if self._batch and self._fmt == "explain":
            text = f"==> {outcome.name} <==\n{text}"
        if self._count:
            text = self._separator() + text
        elif self._batch and self._fmt == "json":
            text = "[\n" + text
        self._write((text + "\n").encode("utf-8"))
        self._count += 1

    @property
    def written(self) -> int:
        """Outputs written so far (count)."""
        return self._count

    def _separator(self) -> str:
        return {"json": ",\n", "jsonl": "", "markdown": "\n---\n\n"}.get(self._fmt, "\n")

    def finish(self) -> None:
        """Close the JSON array of a batch."""
        if self._batch and self._fmt == "json":
            self._write(b"]\n" if self._count else b"[]\n")


class DirSink:
    """One file per input under ``root``, each written atomically, at the input's
    relative path with its extension (and ``.gz``) replaced by the format's. When two
    inputs would share a name (``a.html`` and ``a.html.gz``), the later one keeps its
    full file name (``a.html.gz.txt``), then gets ``~2``, ``~3``… Failed inputs write
    nothing."""

    def __init__(self, root: Path, fmt: Format) -> None:
        self._root = root
        self._suffix = EXTENSIONS[fmt]
        self._used: set[Path] = set()

    def _path(self, outcome: Outcome) -> Path:
        base = self._root.joinpath(*outcome.relpath.split("/"))
        path = base.with_name(base.name + self._suffix)
        if path in self._used:
            path = base.with_name(Path(outcome.name).name + self._suffix)
        number = 2
        while path in self._used:
            path = base.with_name(f"{base.name}~{number}{self._suffix}")
            number += 1
        self._used.add(path)
        return path

    def add(self, outcome: Outcome) -> None:
        """Write one outcome's file."""
        if outcome.rendered is None:
            return
        write_atomic(self._path(outcome), (outcome.rendered + "\n").encode("utf-8"))

    def finish(self) -> None:
        """Nothing left to do: every file was committed as it came."""


# --- progress and summary ---------------------------------------------------------------------


@dataclass(slots=True)
class Progress:
    """Counts of a run, a progress bar on a terminal and the final summary line.

    ``total`` is the number of pages when known (files), ``None`` for archives;
    ``label`` names the phase on the bar (``"learning"`` for pass one of site profiles).
    """

    stream: TextIO
    show_bar: bool
    total: int | None = None
    done: int = 0
    errors: int = 0
    started: float = field(default_factory=time.perf_counter)
    drawn: float = 0.0
    label: str = ""

    def count(self, outcome: Outcome) -> None:
        """Count one finished page and redraw the bar if it is time."""
        self.errors += outcome.error is not None
        self.count_many(1)

    def count_many(self, pages: int) -> None:
        """Count ``pages`` finished pages and redraw the bar if it is time."""
        self.done += pages
        now = time.perf_counter()
        if self.show_bar and now - self.drawn >= PROGRESS_INTERVAL_S:
            self.drawn = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.done / max(now - self.started, 1e-9)
        if self.total:
            filled = PROGRESS_BAR_CELLS * self.done // self.total
            bar = "#" * filled + "." * (PROGRESS_BAR_CELLS - filled)
            text = f"[{bar}] {self.done}/{self.total}"
        else:
            text = f"{self.done} pages"
        text += f", {_plural(self.errors, 'error')}, {rate:.1f} pages/s"
        text = f"{self.label}: {text}" if self.label else text
        width = shutil.get_terminal_size().columns - 1
        self.stream.write("\r" + text[:width] + "\x1b[K")
        self.stream.flush()

    def clear(self) -> None:
        """Erase the bar so a message can be printed on a clean line."""
        if self.show_bar and self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def summary(self) -> str:
        """``N pages, E errors, R pages/s (T s)`` for the whole run."""
        elapsed = time.perf_counter() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        return (f"cleantext: {_plural(self.done, 'page')}, {_plural(self.errors, 'error')}, "
                f"{rate:.1f} pages/s ({elapsed:.1f} s)")


def _plural(count: int, noun: str) -> str:
    """``1 page``, ``2 pages``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def report_error(outcome: Outcome, progress: Progress, stream: TextIO) -> None:
    """Print one failed input on ``stream`` (above the progress bar)."""
    progress.clear()
    stream.write(f"cleantext: {outcome.name}: {outcome.error}\n")
    if outcome.detail:
        stream.write(outcome.detail)
    stream.flush()


# --- putting it together -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Plan:
    """A checked command line: what to read, how to extract it, where to write it.

    ``batch`` is true for a folder, an archive or several inputs (then a summary line
    is printed and stream formats separate documents); ``total`` is the page count
    when known before reading (no archives); ``output_dir`` / ``output_file`` the
    ``-o`` target (neither for stdout).
    """

    sources: list[Source]
    job: Job
    workers: int
    batch: bool
    total: int | None
    output_dir: Path | None
    output_file: Path | None
    url: str | None
    host_from: HostPolicy
    quiet: bool


def _colour_wanted(choice: str, to_stdout: bool) -> bool:
    """``--colour``: ``auto`` means stdout is a terminal and ``NO_COLOR`` is unset/empty."""
    if choice != "auto":
        return choice == "always"
    return to_stdout and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def make_plan(parser: argparse.ArgumentParser, args: argparse.Namespace) -> Plan:
    """Check the arguments (``parser.error`` exits with status 2) and plan the run."""
    if not args.inputs:
        parser.error("no input given (a file, a folder, an archive, or - for stdin)")
    if args.inputs.count(STDIN_NAME) > 1:
        parser.error("standard input (-) can be read only once")
    if args.explain and args.format is not None:
        parser.error("--explain is an output format of its own: drop --format")
    if args.workers < 0:
        parser.error("--workers must be 0 (one per CPU) or more")
    if args.save_profiles and args.site_profile != "auto":
        parser.error("--save-profiles needs --site-profile auto")
    try:
        options = options_from_args(args)
    except (TypeError, ValueError) as exc:
        parser.error(f"invalid extraction option: {exc}")
    sources = expand(args.inputs, args.glob)
    several = len(args.inputs) > 1 or any(os.path.isdir(i) for i in args.inputs)
    batch = several or any(s.archive for s in sources)
    if args.url is not None and batch:
        parser.error("--url applies to a single page: give one file or -")
    to_dir = args.output is not None and (
        args.output.endswith(("/", os.sep)) or os.path.isdir(args.output))
    fmt: Format = "explain" if args.explain else (args.format or "txt")
    to_stdout = args.output is None
    job = Job(options=options, fmt=fmt, kind=args.kind or "auto",
              colour=_colour_wanted(args.colour, to_stdout),
              width=(shutil.get_terminal_size().columns if to_stdout and sys.stdout.isatty()
                     else DEFAULT_EXPLAIN_WIDTH),
              debug=args.debug)
    return Plan(sources=sources, job=job, workers=args.workers or (os.cpu_count() or 1),
                batch=batch,
                total=None if any(s.archive for s in sources) else len(sources),
                output_dir=Path(args.output) if to_dir else None,
                output_file=Path(args.output) if args.output and not to_dir else None,
                url=args.url, host_from=args.host_from, quiet=args.quiet)


def _records_factory(plan: Plan, two_passes: bool) -> Callable[[], Iterator[Record]]:
    """A function giving the records afresh for each pass; for two passes, standard
    input is read once and replayed."""
    stdin_bytes: bytes | None = None
    if two_passes and any(s.path == STDIN_NAME for s in plan.sources):
        stdin_bytes = sys.stdin.buffer.read(plan.job.options.max_input_bytes + 1)

    def records() -> Iterator[Record]:
        replay = io.BytesIO(stdin_bytes) if stdin_bytes is not None else None
        return iter_records(plan.sources, max_bytes=plan.job.options.max_input_bytes,
                            url=plan.url, host_from=plan.host_from, stdin=replay)
    return records


def _chunk_size(plan: Plan) -> int:
    """Pages per worker task: up to :data:`MAX_CHUNK`, fewer for small batches so
    every worker gets several tasks."""
    if plan.workers <= 1:
        return 1
    if plan.total is None:
        return MAX_CHUNK
    return max(1, min(MAX_CHUNK, plan.total // (plan.workers * TASKS_PER_WORKER)))


def learn_profiles(plan: Plan, records: Callable[[], Iterator[Record]],
                   progress: Progress) -> dict[str, SiteProfile]:
    """Pass one of ``--site-profile auto``: a profile per host with at least
    ``Options.site_min_pages`` readable pages (fewer would be ignored by extraction
    anyway); partial profiles from workers are merged exactly.

    Reports on stderr (unless quiet) how many hosts got a profile and how many pages
    had no host to learn from (they are extracted without a profile).
    """
    hostless = 0

    def counted() -> Iterator[Record]:
        nonlocal hostless
        for record in records():
            hostless += record.host is None and record.error is None
            yield record

    merged: dict[str, SiteProfile] = {}
    tasks = ((chunk, plan.job) for chunk in chunked(counted(), _chunk_size(plan)))
    for partial in run_ordered(_learn_task, tasks, plan.workers, _learn_crashed):
        pages, learnt = partial
        for host, profile in learnt.items():
            merged[host] = merged[host].merge(profile) if host in merged else profile
        progress.count_many(pages)
    min_pages = plan.job.options.site_min_pages
    profiles = {h: p for h, p in merged.items() if p.pages >= min_pages}
    if not plan.quiet:
        progress.clear()
        note = (f"; {_plural(hostless, 'page')} without a host get none (give --url, or "
                "--host-from path for folders of sites)" if hostless else "")
        print(f"cleantext: learnt site profiles for {_plural(len(profiles), 'host')}{note}",
              file=sys.stderr)
    return profiles


def load_profiles(path: str) -> tuple[dict[str, SiteProfile], SiteProfile | None]:
    """``--site-profile PATH``: ``({}, profile)`` for one saved profile, or
    ``({host: profile}, None)`` for a folder of ``HOST.ctprofile`` files."""
    if os.path.isdir(path):
        return ({p.name.removesuffix(".ctprofile"): SiteProfile.load(p)
                 for p in sorted(Path(path).glob("*.ctprofile"))}, None)
    return {}, SiteProfile.load(path)


def save_profiles(profiles: Mapping[str, SiteProfile], folder: str) -> None:
    """Write each host's profile to ``folder/HOST.ctprofile``, atomically."""
    for host, profile in sorted(profiles.items()):
        name = host.replace("/", "_").replace(os.sep, "_")
        write_atomic(Path(folder) / f"{name}.ctprofile", profile.to_bytes())


def _profiles_for(chunk: Sequence[Record],
                  profiles: Mapping[str, SiteProfile]) -> dict[str, SiteProfile]:
    """The profiles of the hosts present in ``chunk`` (what a worker task needs)."""
    return {r.host: profiles[r.host] for r in chunk if r.host is not None and r.host in profiles}


def extract_all(plan: Plan, records: Iterator[Record], profiles: Mapping[str, SiteProfile],
                fallback: SiteProfile | None) -> Iterator[Outcome]:
    """Every page's outcome, in input order."""
    tasks = ((chunk, plan.job, _profiles_for(chunk, profiles), fallback)
             for chunk in chunked(records, _chunk_size(plan)))
    for outcomes in run_ordered(process_chunk, tasks, plan.workers, _crashed_chunk):
        yield from outcomes


def _open_sink(plan: Plan) -> tuple[StreamSink | DirSink, AtomicFile | None]:
    """The sink for the plan's output and, for ``-o FILE``, the atomic file behind it."""
    if plan.output_dir is not None:
        return DirSink(plan.output_dir, plan.job.fmt), None
    if plan.output_file is not None:
        target = AtomicFile(plan.output_file)
        return StreamSink(target.write, plan.job.fmt, plan.batch), target
    out = sys.stdout.buffer

    def write(data: bytes) -> None:
        out.write(data)
        out.flush()
    return StreamSink(write, plan.job.fmt, plan.batch), None


def _write_outcomes(plan: Plan, outcomes: Iterable[Outcome], progress: Progress) -> None:
    """Send every outcome to the output. ``-o FILE`` is committed only once all are
    written, and only if at least one input gave an output."""
    sink, target = _open_sink(plan)
    try:
        for outcome in outcomes:
            sink.add(outcome)
            progress.count(outcome)
            if outcome.error is not None:
                report_error(outcome, progress, sys.stderr)
        sink.finish()
    except BaseException:
        if target is not None:
            target.abort()
        raise
    if target is None:
        return
    if isinstance(sink, StreamSink) and sink.written:
        target.commit()
    else:  # every input failed: leave no empty file (and any older one as it was)
        target.abort()


def run(plan: Plan, args: argparse.Namespace) -> int:
    """Extract every input of ``plan``; the exit status (0 all good, 1 some failed)."""
    auto = args.site_profile == "auto"
    records = _records_factory(plan, two_passes=auto)
    show_bar = plan.batch and not plan.quiet and sys.stderr.isatty()
    profiles: dict[str, SiteProfile] = {}
    fallback: SiteProfile | None = None
    if auto:
        learning = Progress(sys.stderr, show_bar, plan.total, label="learning")
        profiles = learn_profiles(plan, records, learning)
        if args.save_profiles:
            save_profiles(profiles, args.save_profiles)
    elif args.site_profile:
        profiles, fallback = load_profiles(args.site_profile)
    progress = Progress(sys.stderr, show_bar, plan.total)
    _write_outcomes(plan, extract_all(plan, records(), profiles, fallback), progress)
    progress.clear()
    if plan.batch and not plan.quiet:
        print(progress.summary(), file=sys.stderr)
    return EXIT_FAILED if progress.errors else EXIT_OK


def extract_main(argv: Sequence[str]) -> int:
    """``cleantext [options] INPUT...``."""
    parser = build_parser()
    args = parser.parse_args(argv)
    plan = make_plan(parser, args)
    if args.site_profile not in (None, "auto"):
        try:
            load_profiles(args.site_profile)
        except (OSError, ValueError) as exc:
            parser.error(f"cannot load --site-profile {args.site_profile}: {exc}")
    return run(plan, args)


def build_report_parser() -> argparse.ArgumentParser:
    """The parser of ``cleantext report INPUT... -o report.html``."""
    parser = argparse.ArgumentParser(
        prog="cleantext report",
        description="Write one self-contained HTML page showing, for every input page, "
                    "each line with its label, score and reasons.")
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="HTML files, *.txt text dumps, folders or WARC archives")
    parser.add_argument("-o", "--output", required=True, metavar="FILE",
                        help="where to write the report (written atomically)")
    parser.add_argument("--gold", metavar="CASES_JSONL",
                        help="benchmark cases.jsonl with gold bodies: adds precision, "
                             "recall and F1 per page (matched by file name = case id)")
    parser.add_argument("--title", default="cleantext report", help="the report's heading")
    add_option_flags(parser)
    return parser


def report_main(argv: Sequence[str]) -> int:
    """``cleantext report INPUT... -o FILE``: the HTML report of :mod:`cleantext.report`."""
    from cleantext.report import build_report, load_gold

    parser = build_report_parser()
    args = parser.parse_args(argv)
    try:
        options = options_from_args(args)
        gold = load_gold(args.gold) if args.gold else None
    except (TypeError, ValueError, OSError) as exc:
        parser.error(str(exc))
    missing = [i for i in args.inputs if not os.path.exists(i)]
    for name in missing:
        print(f"cleantext: {name}: no such file or folder", file=sys.stderr)
    html = build_report(args.inputs, gold, options, title=args.title)
    write_atomic(Path(args.output), html.encode("utf-8"))
    return EXIT_FAILED if missing else EXIT_OK


def _silence_stdout() -> None:
    """After a closed pipe (``cleantext big/ | head``), send further output nowhere so
    the interpreter's final flush does not raise again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``cleantext`` console script and ``python -m cleantext``.

    Returns the exit status instead of raising :class:`SystemExit`, so it can also be
    called from Python: 0 all inputs extracted, 1 some failed, 2 usage error, 130
    interrupted.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args[:1] == ["report"]:
            return report_main(args[1:])
        return extract_main(args)
    except SystemExit as exc:  # argparse: --help/--version (0) and usage errors (2)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except KeyboardInterrupt:
        print("cleantext: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_FAILED

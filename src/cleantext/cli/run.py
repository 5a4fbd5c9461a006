"""Putting the command together: check the command line, plan the run, read, extract
and write every input, report progress and errors. Exit status: 0 when every input
was extracted, 1 when at least one failed, 2 for a usage error, 130 when interrupted.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from cleantext.cli.arguments import build_options_parser, build_parser, build_report_parser
from cleantext.cli.outputs import (
    AtomicFile,
    DirSink,
    Format,
    Outcome,
    StreamSink,
    header_record,
    write_atomic,
)
from cleantext.cli.pages import (
    DEFAULT_EXPLAIN_WIDTH,
    Job,
    crashed_chunk,
    process_chunk,
)
from cleantext.cli.progress import Progress, plural, report_error
from cleantext.cli.settings import SettingError, Settings, options_table, resolve_options
from cleantext.cli.wet import WetSink
from cleantext.inputs import (
    STDIN_NAME,
    HostPolicy,
    Record,
    RecordPages,
    Source,
    expand,
    iter_records,
)
from cleantext.passes import chunk_size, chunked, learn_profiles, profiles_for, run_ordered
from cleantext.profile import SiteProfile
from cleantext.report import build_report, load_gold

__all__ = ["EXIT_FAILED", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE", "Plan", "main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
"""Exit statuses: all good; some input failed; bad command line; Ctrl-C (128 + SIGINT)."""


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


def settings_from(parser: argparse.ArgumentParser, args: argparse.Namespace) -> Settings:
    """The options of ``--mode``, the config file and ``-O`` (usage error: exit 2)."""
    try:
        return resolve_options(args.mode, Path(args.config) if args.config else None,
                               args.assignments, discover=not args.no_config)
    except SettingError as exc:
        parser.error(str(exc))


def _check_args(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Usage errors that need no reading (``parser.error`` exits with status 2)."""
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


def make_plan(parser: argparse.ArgumentParser, args: argparse.Namespace) -> Plan:
    """Check the arguments (``parser.error`` exits with status 2) and plan the run."""
    _check_args(parser, args)
    options = settings_from(parser, args).options
    sources = expand(args.inputs, args.glob)
    several = len(args.inputs) > 1 or any(os.path.isdir(i) for i in args.inputs)
    batch = several or any(s.archive for s in sources)
    if args.url is not None and batch:
        parser.error("--url applies to a single page: give one file or -")
    to_dir = args.output is not None and (
        args.output.endswith(("/", os.sep)) or os.path.isdir(args.output))
    fmt: Format = "explain" if args.explain else (args.format or "txt")
    if fmt == "wet" and to_dir:
        parser.error("--format wet writes one file: give -o FILE.warc.wet.gz, or none")
    to_stdout = args.output is None
    job = Job(options=options, fmt=fmt, kind=args.kind or "auto",
              colour=_colour_wanted(args.colour, to_stdout),
              width=(shutil.get_terminal_size().columns if to_stdout and sys.stdout.isatty()
                     else DEFAULT_EXPLAIN_WIDTH),
              debug=args.debug, markdown=args.with_markdown)
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
    """Pages per worker task (:func:`cleantext.passes.chunk_size`)."""
    return chunk_size(plan.total, plan.workers)


def learn_site_profiles(plan: Plan, records: Callable[[], Iterator[Record]],
                        progress: Progress) -> dict[str, SiteProfile]:
    """Pass one of ``--site-profile auto`` (:func:`cleantext.passes.learn_profiles`).

    Reports on stderr (unless quiet) how many hosts got a profile and how many pages
    had no host to learn from (they are extracted without a profile).
    """
    hostless = 0

    def counted() -> Iterator[Record]:
        nonlocal hostless
        for record in records():
            hostless += record.host is None and record.error is None
            yield record

    source = RecordPages(plan.job.kind, plan.job.options.max_input_bytes)
    profiles = learn_profiles(counted(), source, plan.job.options, workers=plan.workers,
                              size=_chunk_size(plan), progress=progress.count_many)
    if not plan.quiet:
        progress.clear()
        note = (f"; {plural(hostless, 'page')} without a host get none (give --url, or "
                "--host-from path for folders of sites)" if hostless else "")
        print(f"cleantext: learnt site profiles for {plural(len(profiles), 'host')}{note}",
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


def extract_all(plan: Plan, records: Iterator[Record], profiles: Mapping[str, SiteProfile],
                fallback: SiteProfile | None) -> Iterator[Outcome]:
    """Every page's outcome, in input order."""
    tasks = ((chunk, plan.job, profiles_for((r.host for r in chunk), profiles), fallback)
             for chunk in chunked(records, _chunk_size(plan)))
    for outcomes in run_ordered(process_chunk, tasks, plan.workers, crashed_chunk):
        yield from outcomes


Sink = StreamSink | DirSink | WetSink


def _open_sink(plan: Plan) -> tuple[Sink, AtomicFile | None]:
    """The sink for the plan's output and, for ``-o FILE``, the atomic file behind it.
    ``jsonl`` output starts with the header record of the effective options, ``wet``
    with a warcinfo record (gzipped per record when the file name ends in ``.gz``)."""
    fmt = plan.job.fmt
    header = header_record(plan.job.options) if fmt == "jsonl" else None
    if plan.output_dir is not None:
        return DirSink(plan.output_dir, fmt, header), None
    target = AtomicFile(plan.output_file) if plan.output_file is not None else None
    if target is not None:
        write = target.write
    else:
        out = sys.stdout.buffer

        def write(data: bytes) -> None:
            out.write(data)
            out.flush()
    if fmt == "wet":
        compress = plan.output_file is not None and plan.output_file.name.endswith(".gz")
        return WetSink(write, plan.job.options, compress=compress), target
    return StreamSink(write, fmt, plan.batch, header), target


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
    if isinstance(sink, StreamSink | WetSink) and sink.written:
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
        profiles = learn_site_profiles(plan, records, learning)
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


def report_main(argv: Sequence[str]) -> int:
    """``cleantext report INPUT... -o FILE``: the HTML report of :mod:`cleantext.report`."""
    parser = build_report_parser()
    args = parser.parse_args(argv)
    options = settings_from(parser, args).options
    try:
        gold = load_gold(args.gold) if args.gold else None
    except (ValueError, OSError) as exc:
        parser.error(str(exc))
    missing = [i for i in args.inputs if not os.path.exists(i)]
    for name in missing:
        print(f"cleantext: {name}: no such file or folder", file=sys.stderr)
    html = build_report(args.inputs, gold, options, title=args.title, kind=args.kind or "auto")
    write_atomic(Path(args.output), html.encode("utf-8"))
    return EXIT_FAILED if missing else EXIT_OK


def options_main(argv: Sequence[str]) -> int:
    """``cleantext options``: every option with type, default, range and help."""
    parser = build_options_parser()
    args = parser.parse_args(argv)
    settings = settings_from(parser, args)
    if settings.config is not None:
        print(f"# config: {settings.config}")
    print(options_table(settings.options))
    return EXIT_OK


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
        if args[:1] == ["options"]:
            return options_main(args[1:])
        return extract_main(args)
    except SystemExit as exc:  # argparse: --help/--version (0) and usage errors (2)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except KeyboardInterrupt:
        print("cleantext: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_FAILED

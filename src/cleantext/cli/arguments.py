"""The command lines: ``cleantext [options] INPUT...``, ``cleantext report`` and
``cleantext options``. Everyday flags only; every extraction threshold is reached
through ``-O NAME=VALUE`` or a config file (:mod:`cleantext.cli.settings`)."""

from __future__ import annotations

import argparse

from cleantext import __compiled__, __version__
from cleantext.cli.outputs import FORMATS
from cleantext.kind import KINDS
from cleantext.options import MODES

__all__ = ["build_options_parser", "build_parser", "build_report_parser"]


def add_settings(parser: argparse.ArgumentParser) -> None:
    """``--kind``, ``--mode``, ``-O``, ``--config`` and ``--no-config``."""
    group = parser.add_argument_group(
        "reading and options",
        "Options: defaults < --mode < config file < -O. 'cleantext options' lists them.")
    group.add_argument("--kind", choices=KINDS, default=None,
                       help="html, text (a page dump, one block per line) or auto: *.txt "
                            "files are dumps, *.html HTML, others by content")
    group.add_argument("--text", dest="kind", action="store_const", const="text",
                       help=argparse.SUPPRESS)
    group.add_argument("--html", dest="kind", action="store_const", const="html",
                       help=argparse.SUPPRESS)
    group.add_argument("--mode", choices=MODES, default=None,
                       help="preset trading precision for recall (default: balanced)")
    group.add_argument("-O", "--option", action="append", default=[], metavar="NAME=VALUE",
                       dest="assignments", help="set one option (repeatable)")
    group.add_argument("--config", metavar="FILE",
                       help="TOML options file (default: nearest cleantext.toml, or "
                            "pyproject.toml with [tool.cleantext])")
    group.add_argument("--no-config", action="store_true",
                       help="ignore config files found in this folder or its parents")


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``cleantext [options] INPUT...`` (extraction)."""
    parser = argparse.ArgumentParser(
        prog="cleantext", usage="%(prog)s [options] INPUT...",
        description="Extract the article body of web pages and label every other line.",
        epilog="Also: 'cleantext report INPUT... -o FILE' (HTML report), 'cleantext "
               "options' (every option). Exit: 0 ok, 1 some input failed, 2 usage error.")
    parser.add_argument("inputs", nargs="*", metavar="INPUT",
                        help="HTML file, text dump, folder, WARC/ARC archive or - (stdin)")
    out = parser.add_argument_group("output")
    out.add_argument("-o", "--output", metavar="PATH",
                     help="a file, or a folder (ending in /) for one file per input")
    out.add_argument("-f", "--format", choices=FORMATS, default=None,
                     help="default txt (the body); jsonl: one record per input")
    out.add_argument("--with-markdown", action="store_true",
                     help="jsonl records carry the body as markdown too")
    out.add_argument("--explain", action="store_true",
                     help="every line with its label, score and top reason")
    out.add_argument("--colour", "--color", choices=("auto", "always", "never"),
                     default="auto", help="colours for --explain (default: auto)")
    out.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    batch = parser.add_argument_group("batches")
    batch.add_argument("--url", help="URL of a single page or stdin (sets its host)")
    batch.add_argument("--glob", action="append", default=[], metavar="PATTERN",
                       help="only files matching PATTERN inside folders (repeatable)")
    batch.add_argument("-j", "--workers", type=int, default=1, metavar="N",
                       help="worker processes (0 = one per CPU; default: 1)")
    batch.add_argument("--site-profile", metavar="auto|PATH",
                       help="auto: learn each host's repeated lines first; PATH: a saved "
                            "profile or a folder of HOST.ctprofile files")
    batch.add_argument("--save-profiles", metavar="DIR",
                       help="with --site-profile auto: save DIR/HOST.ctprofile")
    batch.add_argument("--host-from", choices=("url", "path"), default="url",
                       help="a page's host: its URL, or its file's parent folder")
    add_settings(parser)
    parser.add_argument("--debug", action="store_true", help="tracebacks of internal errors")
    compiled = f"compiled: {', '.join(__compiled__)}" if __compiled__ else "pure Python"
    parser.add_argument("--version", action="version",
                        version=f"%(prog)s {__version__} ({compiled})")
    return parser


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
    add_settings(parser)
    return parser


def build_options_parser() -> argparse.ArgumentParser:
    """The parser of ``cleantext options``: every option with type, default and help."""
    parser = argparse.ArgumentParser(
        prog="cleantext options",
        description="List every extraction option: name, type, default, valid range and "
                    "help; a value set by --mode, a config file or -O is shown as (now X).")
    add_settings(parser)
    return parser

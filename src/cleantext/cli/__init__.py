"""The ``cleantext`` command: extract the body of pages, one file or a whole crawl.

::

    cleantext page.html                          # body to stdout
    cleantext --kind text dump.txt               # a plain-text page dump
    curl -s URL | cleantext - --url URL          # standard input
    cleantext pages/ -o out.jsonl -f jsonl -j 4
    cleantext crawl.warc.gz -f jsonl             # HTML responses of a web archive
    cleantext page.html --explain                # every line, its label and why
    cleantext pages/ --site-profile auto --host-from path
    cleantext page.html -O body_threshold=0.6    # any option; see 'cleantext options'
    cleantext report pages/ -o report.html       # an HTML report of a folder

Modules: :mod:`~cleantext.cli.arguments` (the parsers), :mod:`~cleantext.cli.settings`
(options from ``--mode``, config files and ``-O``), :mod:`~cleantext.cli.pages` (one
page, in a worker), :mod:`~cleantext.cli.outputs` (formats and sinks),
:mod:`~cleantext.cli.progress` and :mod:`~cleantext.cli.run` (the run and ``main``). The passes
and the process pool are :mod:`cleantext.passes`, shared with ``extract_many``. See
``docs/cli.md`` for every flag with examples.
"""

from __future__ import annotations

from cleantext.cli.arguments import build_parser
from cleantext.cli.run import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, main

__all__ = ["EXIT_FAILED", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]

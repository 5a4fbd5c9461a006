"""One page of the command: read, extract and render it, in whichever process runs it.

:class:`Job` is what every page shares (options, format, input kind); it is sent to
worker processes with each chunk. :func:`process_chunk` is the worker task of the
extraction pass; :class:`~cleantext.inputs.RecordPages` tells the shared site-profile
pass (:func:`cleantext.passes.learn_profiles`) how to read a record.
"""

from __future__ import annotations

import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cleantext.cli.outputs import Format, Outcome, jsonl_record, render
from cleantext.errors import ExtractionError
from cleantext.inputs import Record, RecordPages
from cleantext.kind import Kind
from cleantext.options import Options
from cleantext.pipeline import extract, extract_text
from cleantext.profile import SiteProfile

__all__ = ["DEFAULT_EXPLAIN_WIDTH", "Job", "crashed_chunk", "process",
           "process_chunk"]

DEFAULT_EXPLAIN_WIDTH = 100
"""Row width (cells) of ``--explain`` when stdout is not a terminal."""


@dataclass(frozen=True, slots=True)
class Job:
    """What to do with each page; sent to worker processes with every chunk.

    ``fmt`` is the output format; ``kind`` how pages are read (``"auto"``: by file
    name, else by content, :func:`cleantext.kind.resolve_kind`); ``colour`` and
    ``width`` (terminal cells) shape ``--explain``; ``debug`` keeps tracebacks;
    ``markdown`` adds the body as markdown to ``jsonl`` records.
    """

    options: Options
    fmt: Format = "txt"
    kind: Kind = "auto"
    colour: bool = False
    width: int = DEFAULT_EXPLAIN_WIDTH
    debug: bool = False
    markdown: bool = False


def process(record: Record, job: Job, site: SiteProfile | None = None) -> Outcome:
    """Read, extract and render one page; never raises for a bad page.

    :class:`~cleantext.ExtractionError` and :class:`OSError` are the page's fault;
    anything else is reported as an internal error (a bug) without stopping the batch.
    """
    try:
        if record.error is not None:
            raise OSError(record.error)
        data, kind = RecordPages(job.kind, job.options.max_input_bytes).load(record)
        run = extract_text if kind == "text" else extract
        doc = run(data, url=record.url, options=job.options, site=site)
        rendered = render(doc, record, job.fmt, job.options, colour=job.colour,
                          width=job.width, markdown=job.markdown)
        return Outcome(record.name, record.relpath, rendered)
    except (ExtractionError, OSError) as exc:
        error = str(exc) if record.error is not None else f"{type(exc).__name__}: {exc}"
        detail = ""
    except Exception as exc:  # a bug: report it, keep the batch going
        error = f"internal error: {type(exc).__name__}: {exc}"
        detail = traceback.format_exc() if job.debug else ""
    rendered_error = jsonl_record(record, None, error) if job.fmt == "jsonl" else None
    return Outcome(record.name, record.relpath, rendered_error, error, detail)


def process_chunk(chunk: Sequence[Record], job: Job, profiles: Mapping[str, SiteProfile],
                  fallback: SiteProfile | None = None) -> list[Outcome]:
    """:func:`process` every record of a chunk with its host's site profile, or
    ``fallback`` (a profile for every page, or ``None``) when its host has none."""
    return [process(r, job, profiles.get(r.host, fallback) if r.host else fallback)
            for r in chunk]


def crashed_chunk(task: tuple[object, ...]) -> list[Outcome]:
    """Outcomes for a chunk whose worker process died: every page an internal error."""
    chunk: Sequence[Record] = task[0]  # type: ignore[assignment]
    job: Job = task[1]  # type: ignore[assignment]
    error = "internal error: the worker process died while extracting this input"
    return [Outcome(r.name, r.relpath,
                    jsonl_record(r, None, error) if job.fmt == "jsonl" else None, error)
            for r in chunk]

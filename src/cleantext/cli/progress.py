"""Progress on a terminal: a bar while pages are processed, a summary line at the end."""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from typing import TextIO

from cleantext.cli.outputs import Outcome

__all__ = ["PROGRESS_BAR_CELLS", "PROGRESS_INTERVAL_S", "Progress", "plural", "report_error"]

PROGRESS_INTERVAL_S = 0.1
"""Seconds between progress-bar redraws: smooth to the eye, negligible cost."""

PROGRESS_BAR_CELLS = 30
"""Width of the progress bar itself, in terminal cells."""


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
        text += f", {plural(self.errors, 'error')}, {rate:.1f} pages/s"
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
        return (f"cleantext: {plural(self.done, 'page')}, {plural(self.errors, 'error')}, "
                f"{rate:.1f} pages/s ({elapsed:.1f} s)")


def plural(count: int, noun: str) -> str:
    """``1 page``, ``2 pages``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def report_error(outcome: Outcome, progress: Progress, stream: TextIO) -> None:
    """Print one failed input on ``stream`` (above the progress bar)."""
    progress.clear()
    stream.write(f"cleantext: {outcome.name}: {outcome.error}\n")
    if outcome.detail:
        stream.write(outcome.detail)
    stream.flush()

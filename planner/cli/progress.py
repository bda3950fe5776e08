"""How `planner batch` shows its progress: a bar on a terminal, a line every so often
elsewhere (a log file, CI)."""

from __future__ import annotations

import os
import sys
import time
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from planner.batch import Progress

PROGRESS_EVERY_ENV = "PLANNER_PROGRESS_EVERY"  # seconds between progress lines off a terminal
PROGRESS_EVERY_S = 30.0


def progress_every() -> float:
    try:
        return max(0.0, float(os.environ.get(PROGRESS_EVERY_ENV, PROGRESS_EVERY_S)))
    except ValueError:
        return PROGRESS_EVERY_S


class ProgressBar:
    """On a terminal: click's progress bar on stderr, with the failures so far."""

    def __init__(self) -> None:
        self.stack = ExitStack()
        self.bar: Any = None
        self.done = 0

    def __call__(self, progress: Progress) -> None:
        if self.bar is None:
            self.bar = self.stack.enter_context(
                click.progressbar(
                    length=progress.total,
                    label="athletes",
                    file=sys.stderr,
                    show_pos=True,
                    item_show_func=lambda note: note,
                )
            )
        note = f"{progress.failed} without a plan" if progress.failed else None
        self.bar.update(progress.done - self.done, note)
        self.done = progress.done

    def close(self) -> None:
        self.stack.close()
        self.bar = None


class ProgressLines:
    """Off a terminal (a log file, CI): a plain progress line every `every` seconds."""

    def __init__(self, every: float, clock: Any = time.monotonic):
        self.every = every
        self.clock = clock
        self.last = clock()

    def __call__(self, progress: Progress) -> None:
        now = self.clock()
        if progress.done == progress.total or now - self.last < self.every:
            return  # the last word is the summary's
        self.last = now
        eta = "" if progress.eta_s is None else f", ETA {_duration(progress.eta_s)}"
        failed = f", {progress.failed} without a plan" if progress.failed else ""
        click.echo(
            f"progress: {progress.done}/{progress.total} athletes{failed} after "
            f"{_duration(progress.elapsed_s)}{eta}",
            err=True,
        )

    def close(self) -> None:
        pass


def _duration(seconds: Any) -> str:
    seconds = round(float(seconds))
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"

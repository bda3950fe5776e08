"""`planner batch`: one plan per athlete of a roster CSV, a thin shell over planner.batch.

Only click is imported here at module level, so `planner --help` stays fast; the library
(pydantic, pandas, OR-Tools) loads when the command runs.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from planner.cli_support import EXIT_INTERRUPTED, friendly_errors

if TYPE_CHECKING:
    from planner.batch import BatchSummary, Progress

EXIT_OK, EXIT_INPUT, EXIT_SOME_FAILED = 0, 3, 6
PROGRESS_EVERY_ENV = "PLANNER_PROGRESS_EVERY"  # seconds between progress lines off a terminal
PROGRESS_EVERY_S = 30.0
FORMAT_NAMES = ("json", "markdown", "csv", "table")  # planner.batch.FORMATS, without importing it

_EPILOG = """Examples:

\b
    planner batch examples/roster.csv --out plans/
    planner batch team.csv --config club.toml --out plans/ --resume --format markdown,csv

\b
Roster columns: athlete (unique id, required), name, config (a TOML path relative to the
roster; else --config; else the defaults), and any config key as a column, e.g.
week.sessions, week.available_days, athlete.level, load.max_week. Lists and [min, max]
pairs are ;-separated (mon;wed;fri, 2;3), an empty cell means no override and `none`
clears an optional key. A row's cells win over --time-limit, which wins over the TOML.
Each athlete is solved with one CP-SAT worker, so the plans do not depend on --jobs.

\b
Writes OUT/ID.plan.EXT per athlete, OUT/summary.csv and OUT/overview.md; replaces only
files an earlier batch wrote there (others with --force), never an input, and refuses to
share OUT with a batch that is still running. On a terminal a progress bar shows; elsewhere
(logs, CI) a progress line every 30 s (PLANNER_PROGRESS_EVERY=SECONDS).
Exit codes: 0 every athlete has a plan, 1 internal error, 2 usage, 3 the roster (or
--config, --catalog, --out) cannot be used, 6 some athletes have no plan (summary.csv says
which and why), 130 interrupted (Ctrl-C or SIGTERM; summary.csv says what finished)."""


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(f.strip() for f in value.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMAT_NAMES]
    if unknown or not chosen:
        raise click.BadParameter(
            f"{', '.join(unknown) or 'nothing'} is not a format; choose from "
            f"{', '.join(FORMAT_NAMES)}, separated by commas"
        )
    return chosen


@click.command(epilog=_EPILOG)
@click.argument("roster", type=click.Path(path_type=Path, readable=False))
@click.option(
    "-o", "--out", type=click.Path(path_type=Path), required=True, help="Directory for the plans."
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, readable=False),
    help="Base TOML for rows without a config of their own.",
)
@click.option(
    "--catalog",
    "catalog_path",
    type=click.Path(path_type=Path, readable=False),
    help="Catalog CSV for every athlete instead of the configs' or the bundled one.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1, max=512),
    help="Athletes solved at once, one process each (default: one per core).",
)
@click.option(
    "--resume", is_flag=True, help="Skip athletes whose inputs are unchanged since their last run."
)
@click.option("--time-limit", type=click.FloatRange(min=0.01), help="Seconds per athlete.")
@click.option(
    "--format",
    "formats",
    default="json,markdown",
    show_default=True,
    callback=_formats,
    help=f"Plan files to write, comma-separated: {', '.join(FORMAT_NAMES)}.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Solve on this Dask distributed scheduler (e.g. tcp://10.0.0.5:8786) instead of "
    "local processes; needs pip install 'planner[dask]'.",
)
@click.option(
    "--force", is_flag=True, help="Replace files in OUT that planner batch did not write."
)
@friendly_errors
def batch(
    roster: Path,
    out: Path,
    config_path: Path | None,
    catalog_path: Path | None,
    jobs: int | None,
    resume: bool,
    time_limit: float | None,
    formats: tuple[str, ...],
    scheduler: str | None,
    force: bool,
) -> None:
    """Plan every athlete in ROSTER (a CSV, one row per athlete) independently, in parallel."""
    from planner.batch import BatchInterrupted, read_roster, run_batch

    table = read_roster(roster)  # roster-level problems first: exit 3 before anything runs
    for problem in table.unknown_columns.values():
        click.echo(f"warning: {problem}", err=True)
    tty = sys.stderr.isatty() and not os.environ.get("CI")
    bar = _ProgressBar() if tty else _ProgressLines(_progress_every())
    try:
        summary = run_batch(
            table,
            out,
            config=config_path,
            catalog=catalog_path,
            formats=formats,
            jobs=jobs,
            resume=resume,
            time_limit=time_limit,
            scheduler=scheduler,
            progress=bar,
            force=force,
        )
    except BatchInterrupted as exc:
        bar.close()
        _report(exc.summary)
        click.echo("interrupted: the athletes marked INTERRUPTED were not solved", err=True)
        sys.exit(EXIT_INTERRUPTED)
    finally:
        bar.close()
    _report(summary)
    sys.exit(EXIT_OK if summary.ok else EXIT_SOME_FAILED)


def _progress_every() -> float:
    try:
        return max(0.0, float(os.environ.get(PROGRESS_EVERY_ENV, PROGRESS_EVERY_S)))
    except ValueError:
        return PROGRESS_EVERY_S


def _report(summary: BatchSummary) -> None:
    for result in summary.results:
        for warning in result.warnings:
            click.echo(f"warning: {warning}", err=True)
    results = summary.results
    planned = sum(1 for r in results if r.has_plan)
    where = f"with {summary.processes} process(es)" if summary.processes else "on the Dask cluster"
    solved = f"{summary.solved} solved {where}" if summary.solved else "none solved"
    click.echo(
        f"{planned} of {len(results)} athletes have a plan ({solved}, {summary.resumed} "
        f"unchanged since the last run) in {summary.wall_time_s:.1f} s",
        err=True,
    )
    for r in summary.failed:
        who = r.athlete or f"line {r.line}"
        click.echo(f"  {who}: {r.status}: {r.error}", err=True)
    files = sum(len(r.files) for r in results)
    click.echo(
        f"wrote {summary.summary_path} and {summary.overview_path}; "
        f"{files} plan files in {summary.out_dir}",
        err=True,
    )


class _ProgressBar:
    """One self-rewriting line on stderr: done / total, failures, ETA."""

    def __init__(self, width: int = 24):
        self.width = width
        self.drawn = False
        self.last = 0.0

    def __call__(self, progress: Progress) -> None:
        now = time.monotonic()
        finished = progress.done == progress.total
        if not finished and now - self.last < 0.1:
            return
        self.last = now
        filled = self.width * progress.done // max(1, progress.total)
        eta = "" if progress.eta_s is None or finished else f", ETA {_duration(progress.eta_s)}"
        failed = f", {progress.failed} without a plan" if progress.failed else ""
        line = (
            f"[{'#' * filled}{'.' * (self.width - filled)}] {progress.done}/{progress.total} "
            f"athletes{failed}{eta}"
        )
        click.echo(f"\r\033[K{line}", nl=False, err=True)
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            click.echo("", err=True)
            self.drawn = False


class _ProgressLines:
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

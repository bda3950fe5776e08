"""`planner batch`: one plan per athlete of a roster CSV, a thin shell over planner.batch.

Only click is imported here at module level, so `planner --help` stays fast; the library
(pydantic, pandas, OR-Tools) loads when the command runs.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from planner.cli.options import (
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    TIME_LIMIT,
    friendly_errors,
)
from planner.cli.progress import (
    PROGRESS_EVERY_ENV,
    PROGRESS_EVERY_S,
    ProgressBar,
    ProgressLines,
    progress_every,
)
from planner.formats import BATCH_DEFAULT_FORMATS, FORMATS

if TYPE_CHECKING:
    from planner.batch import BatchSummary

_EPILOG = f"""Examples:

\b
    planner batch examples/roster.csv --out plans/
    planner batch examples/team/roster.csv --out 'plans/{{date}}' --jobs 2
    planner batch team.csv --config club.toml --out plans/ --resume --format markdown,csv

\b
The roster: .xlsx (first sheet, or --sheet) or CSV (UTF-8, BOM or Windows-1252; comma,
semicolon with decimal commas, or tab). Columns, headers in any case and spacing: athlete
(unique id), name, config (the group's TOML, relative to the roster; else --config), any
config key by its dotted path (planner schema --keys) or as coaches write it: Level, Goal,
Days, Sessions, Long run, Hard runs, Minutes, Equipment (Kit), Exclude, Race, Distance,
Block start (a row with a [block] gets a block), and notes (Notes, Comment, --notes; other
columns such as Event group too). A header close to a key but none stops the run. Lists
are ;- or ,-separated (Mon, Wed, Fri), `none` clears a key, an empty cell keeps it.
Rows starting with # are comments. A row's cells win over --time-limit, which wins over
the TOML. Each athlete is solved with one CP-SAT worker, so plans do not depend on --jobs.

\b
Writes OUT/ID.plan.EXT per athlete in each --format, and ID.plan.json always
(ID.conflicts.txt when no plan exists; the last good plan is kept, marked stale),
OUT/summary.csv, OUT/overview.md and the team's files: OUT/index.html (the week of
everyone, linking each athlete's report), OUT/team.csv (every plan's rows) and
OUT/team.xlsx (the summary and a sheet per athlete); moves the files of
athletes no longer on the roster to OUT/removed/ and files it wrote that were edited by
hand since to OUT/edited/; replaces only files an earlier batch
wrote there (others with --force), never an input, and refuses to share OUT with a batch
that is still running. On a terminal a progress bar shows; elsewhere
(logs, CI) a progress line every {PROGRESS_EVERY_S:g} s ({PROGRESS_EVERY_ENV}=SECONDS).
"""
_EPILOG += (
    f"Exit codes: {EXIT_OK} every athlete has a plan, {EXIT_INTERNAL} internal error, "
    f"{EXIT_USAGE} usage, {EXIT_INPUT} the roster\n(or --config, --catalog, --out) cannot be "
    f"used, {EXIT_SOME_FAILED} some athletes have no plan (summary.csv says\nwhich and why), "
    f"{EXIT_INTERRUPTED} interrupted (Ctrl-C or SIGTERM; summary.csv says what finished)."
)


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(f.strip() for f in value.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(
            f"{', '.join(unknown) or 'nothing'} is not a format; choose from "
            f"{', '.join(FORMATS)}, separated by commas"
        )
    return chosen


@click.command(short_help="Plan every athlete in a roster (CSV or .xlsx).", epilog=_EPILOG)
@click.argument("roster", type=click.Path(path_type=Path, readable=False))
@click.option(
    "-o",
    "--out",
    metavar="DIR",
    required=True,
    help="Directory for the plans; {date} or {week} in it make a folder per run "
    "(plans/{date} -> plans/2026-11-30, plans/{week} -> plans/2026-W49).",
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
@click.option("--time-limit", type=TIME_LIMIT, help="Seconds per athlete.")
@click.option(
    "--format",
    "formats",
    default=",".join(BATCH_DEFAULT_FORMATS),
    show_default=True,
    callback=_formats,
    help=f"Plan files to write, comma-separated: {', '.join(FORMATS)} (json is always "
    "written: the team files are built from it).",
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
@click.option("--sheet", metavar="NAME", help="An .xlsx roster's sheet (default: the first).")
@click.option(
    "--start",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="ics: a week plan's calendar starts here (default: the coming Monday); a block's "
    "events fall on its own dates.",
)
@click.option(
    "--notes",
    metavar="COLUMNS",
    default="",
    help="Comma-separated headers that hold notes, beside Notes and Comment (a header close "
    "to a config key stops the run otherwise).",
)
@friendly_errors
def batch(
    roster: Path,
    out: str,
    config_path: Path | None,
    catalog_path: Path | None,
    jobs: int | None,
    resume: bool,
    time_limit: float | None,
    formats: tuple[str, ...],
    scheduler: str | None,
    force: bool,
    sheet: str | None,
    notes: str,
    start: datetime | None,
) -> None:
    """Plan every athlete in ROSTER (CSV or .xlsx, one row per athlete) independently, in
    parallel."""
    from planner.batch import BatchInterrupted, read_roster, run_batch

    noted = [n.strip() for n in notes.split(",") if n.strip()]
    table = read_roster(roster, sheet, noted)  # roster problems first: exit 3 before solving
    click.echo(f"reading {roster}: {table.sheet.described}", err=True)
    for problem in table.warnings:
        click.echo(f"warning: {problem}", err=True)
    tty = sys.stderr.isatty() and not os.environ.get("CI")
    bar = ProgressBar() if tty else ProgressLines(progress_every())
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
            calendar_start=start.date() if start else None,
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


def _report(summary: BatchSummary) -> None:
    for problem in summary.catalog_warnings:
        click.echo(f"warning: {problem}", err=True)
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
        kept = " (last good plan kept, marked stale)" if r.stale else ""
        click.echo(f"  {who}: {r.status}: {r.error}{kept}", err=True)
    for athlete, moved in summary.moved_aside:
        click.echo(f"  {athlete}: no longer on the roster; moved {', '.join(moved)}", err=True)
    for name, kept in summary.set_aside:
        click.echo(f"  {name}: edited by hand since the last run; kept as {kept}", err=True)
    files = sum(1 for r in results if r.has_plan for name in r.files if ".plan." in name)
    stale = sum(1 for r in results if r.stale)
    kept = f"; {stale} athlete(s) keep their last good plan (stale)" if stale else ""
    click.echo(
        f"wrote {summary.summary_path} and {summary.overview_path}; "
        f"{files} plan files in {summary.out_dir}{kept}",
        err=True,
    )
    if summary.team_files_error:
        click.echo(f"the team files were not written: {summary.team_files_error}", err=True)
        return
    click.echo(
        f"the team: {summary.out_dir / 'index.html'} (open it in a browser), team.csv, team.xlsx",
        err=True,
    )

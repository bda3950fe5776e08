"""`planner replan`: a solved week again after life moved sessions (a thin shell)."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from planner.cli.options import (
    _EPILOG,
    EXIT_INFEASIBLE,
    EXIT_INTERNAL,
    EXIT_NO_PLAN,
    EXIT_OK,
    FORMAT_HELP,
    TIME_LIMIT,
    catalog_option,
    clock_options,
    format_for,
    friendly_errors,
    interruptible,
    output_options,
)
from planner.formats import FORMATS
from planner.replan.edits import date_text, weekday
from planner.vocabulary import BLOCK_TIME_LIMIT

REPLAN_TIME_LIMIT = 10.0  # seconds for a week, unless --time-limit says


@click.command(
    short_help="Re-plan a week or block after the week changed.",
    epilog="Examples:\n\n\b\n"
    "    planner solve examples/marathon-base.toml --format json -o week.json\n"
    "    planner replan week.json --done tue --missed thu\n"
    "    planner replan week.json --done tue --move thu:sat --format json\n\n" + _EPILOG,
)
@click.argument("plan_path", metavar="PLAN.json", type=click.Path(path_type=Path, readable=False))
@click.option("--done", multiple=True, metavar="DAY", help="The session on DAY was done: kept.")
@click.option(
    "--missed",
    multiple=True,
    metavar="DAY",
    help="The session on DAY was missed.",
)
@click.option(
    "--move", multiple=True, metavar="FROM:TO", help="Move the session on FROM to TO, e.g. thu:sat."
)
@click.option(
    "--unavailable", multiple=True, metavar="DAY", help="No session can be on DAY this week."
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(path_type=Path, readable=False),
    help="Read the training log's entries for this plan (planner log) as edits too.",
)
@catalog_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    help="ics: a week's sessions as changes to the plan's calendar (with --start); a "
    "block's calendar, its event ids kept. " + FORMAT_HELP,
)
@output_options
@click.option(
    "--time-limit",
    type=TIME_LIMIT,
    help=f"Seconds (default {REPLAN_TIME_LIMIT:g} for a week, {BLOCK_TIME_LIMIT:g} for a block).",
)
@click.option(
    "--start",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="ics, a week: the first day of the re-planned week.",
)
@clock_options
@friendly_errors
def replan(
    plan_path: Path,
    done: tuple[str, ...],
    missed: tuple[str, ...],
    move: tuple[str, ...],
    unavailable: tuple[str, ...],
    db_path: Path | None,
    catalog_path: Path | None,
    fmt: str | None,
    output: str | None,
    force: bool,
    time_limit: float | None,
    start: datetime | None,
    at: str,
    timezone: str | None,
) -> None:
    """Re-plan the week or block in PLAN.json (from planner solve or planner block --format
    json) with the fewest changed exercise slots: done sessions stay as they were, missed ones
    move to a free day when the rules allow (else their work is dropped), every weekly and
    block rule still holds. DAY is a weekday for a week, a date (YYYY-MM-DD) for a block: the
    block's weeks from the first date on are re-planned, the ones before are kept."""
    from planner.replan.edits import Edits, parse_move
    from planner.replan.plan_file import read_plan_file
    from planner.replan.run import run_block, run_week
    from planner.replan.steer import Hold
    from planner.writes import check_output_path, write_atomic

    fmt = format_for(fmt, output)
    plan_file = read_plan_file(plan_path, catalog_path)
    block = plan_file.is_block
    calendar = clock = None
    if fmt == "ics" and block:
        from planner.report.calendar_options import session_clock

        clock = session_clock(at, timezone)
    elif fmt == "ics":
        if start is None:
            raise click.UsageError("--format ics needs --start DATE: the week's first day")
        from planner.report.calendar_options import calendar_options

        calendar = calendar_options(start.date(), 1, at, timezone)
    parse = date_text if block else weekday
    edits = Edits(
        tuple(parse(d, "--done") for d in done),
        tuple(parse(d, "--missed") for d in missed),
        tuple(parse_move(m, parse) for m in move),
        tuple(parse(d, "--unavailable") for d in unavailable),
    )
    holds: tuple[Hold, ...] = ()
    if db_path is not None:
        from planner.training_log.edits import hard_days_of_a_week, logged_edits, logged_holds

        edits = logged_edits(db_path, plan_file).merged(edits)
        holds = logged_holds(db_path, plan_file) if block else ()
        if not block:
            for said in hard_days_of_a_week(db_path, plan_file):
                click.echo(f"note: {said}", err=True)
    default = BLOCK_TIME_LIMIT if block else REPLAN_TIME_LIMIT
    plan_file = plan_file.with_config(
        plan_file.config.with_solver(time_limit=time_limit or default)
    )
    destination = None
    if output is not None:
        destination = check_output_path(output, force, inputs=(plan_path,))
    click.echo(f"re-planning {plan_path} ...", err=True)
    run = interruptible(
        lambda: (
            run_block(plan_file, edits, holds, fmt, clock)
            if block
            else run_week(plan_file, edits, fmt, calendar)
        )
    )
    if run.violations:
        for violation in run.violations:
            click.echo(f"internal error: the checker rejected the plan: {violation}", err=True)
        sys.exit(EXIT_INTERNAL)
    click.echo(run.summary, err=True)
    if run.conflicts and fmt != "table":
        for line in run.conflicts:
            click.echo(line, err=True)
    if not run.has_plan and fmt != "json":
        click.echo(run.text, nl=False, err=True)
    elif destination is not None:
        write_atomic(destination, run.text)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(run.text, nl=False)
    code = {"OPTIMAL": EXIT_OK, "FEASIBLE": EXIT_OK, "INFEASIBLE": EXIT_INFEASIBLE}
    sys.exit(code.get(run.status, EXIT_NO_PLAN if not run.has_plan else EXIT_INTERNAL))

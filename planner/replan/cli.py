"""`planner replan`: a solved week again after life moved sessions (a thin shell)."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from planner.cli_support import (
    _EPILOG,
    EXIT_INFEASIBLE,
    EXIT_INTERNAL,
    EXIT_NO_PLAN,
    EXIT_OK,
    TIME_LIMIT,
    catalog_option,
    clock_options,
    friendly_errors,
    interruptible,
    output_options,
)
from planner.formats import FORMATS

REPLAN_TIME_LIMIT = 10.0  # seconds for a week, unless --time-limit says


@click.command(
    epilog="Examples:\n\n\b\n"
    "    planner solve examples/marathon-base.toml --format json -o week.json\n"
    "    planner replan week.json --done tue --missed thu\n"
    "    planner replan week.json --done tue --move thu:sat --format json\n\n" + _EPILOG
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
    type=click.Choice([*FORMATS, "ics"]),
    default="table",
    show_default=True,
    help="ics: that week's sessions as changes to the plan's calendar (with --start).",
)
@output_options
@click.option("--time-limit", type=TIME_LIMIT, help=f"Seconds (default {REPLAN_TIME_LIMIT:g}).")
@click.option(
    "--start",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="ics: the first day of the re-planned week.",
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
    fmt: str,
    output: str | None,
    force: bool,
    time_limit: float | None,
    start: datetime | None,
    at: str,
    timezone: str | None,
) -> None:
    """Re-plan the week in PLAN.json (from planner solve --format json) with the fewest
    changed exercise slots: done sessions stay as they were, missed ones move to a free day
    when the rules allow (else their work is dropped), every weekly rule still holds."""
    from planner.files import check_output_path, write_atomic
    from planner.replan.edits import Edits, parse_move, weekday
    from planner.replan.pipeline import replan_week
    from planner.replan.plan_file import read_plan_file
    from planner.replan.render import render_replan
    from planner.report.explain import conflict_lines

    calendar = None
    if fmt == "ics":
        if start is None:
            raise click.UsageError(
                "--format ics needs --start DATE, the re-planned week's first day"
            )
        from planner.report.calendar_options import calendar_options

        calendar = calendar_options(start.date(), 1, at, timezone)
    edits = Edits(
        tuple(weekday(d, "--done") for d in done),
        tuple(weekday(d, "--missed") for d in missed),
        tuple(parse_move(m, weekday) for m in move),
        tuple(weekday(d, "--unavailable") for d in unavailable),
    )
    plan_file = read_plan_file(plan_path, catalog_path)
    if plan_file.is_block:
        raise click.UsageError(f"{plan_path} is a block; re-planning a block is not built yet")
    if db_path is not None:
        from planner.training_log.edits import logged_edits

        edits = logged_edits(db_path, plan_file).merged(edits)
    config = plan_file.config.with_solver(time_limit=time_limit or REPLAN_TIME_LIMIT)
    plan_file = plan_file.with_config(config)
    destination = None
    if output is not None:
        destination = check_output_path(output, force, inputs=(plan_path,))
    click.echo(f"re-planning {plan_path} ...", err=True)
    replanned = interruptible(lambda: replan_week(plan_file, edits))
    result = replanned.result
    if result.violations:
        for violation in result.violations:
            click.echo(f"internal error: the checker rejected the plan: {violation}", err=True)
        sys.exit(EXIT_INTERNAL)
    click.echo(f"{result.summary()}, {replanned.changed_slots} changed slots", err=True)
    if result.conflicts and fmt != "table":
        for line in conflict_lines(result.conflicts, replanned.config):
            click.echo(line, err=True)
    if calendar is not None and result.plan is not None:
        from planner.plan import Plan
        from planner.replan.ics import replan_ics

        planned = {d: list(ids) for d, ids in plan_file.week_sessions().items()}
        old = Plan.from_ids(plan_file.catalog, config.profile, planned)
        text = replan_ics(old, result.plan, config, calendar)
    else:
        text = render_replan(replanned, plan_file.catalog, fmt if fmt in FORMATS else "table")
    if result.plan is None and fmt != "json":
        click.echo(text, nl=False, err=True)
    elif destination is not None:
        write_atomic(destination, text)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)
    code = {"OPTIMAL": EXIT_OK, "FEASIBLE": EXIT_OK, "INFEASIBLE": EXIT_INFEASIBLE}
    sys.exit(code.get(str(result.status), EXIT_NO_PLAN if result.plan is None else EXIT_INTERNAL))

"""The command line: a thin shell that loads inputs, calls the library and reports.

Exit codes are declared in planner/cli/options.py (and listed in every command's help).
"""

from __future__ import annotations

import sys
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from planner.cli.options import (
    _EPILOG,
    EXIT_INFEASIBLE,
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_MEANINGS,
    EXIT_NO_PLAN,
    EXIT_OK,
    EXIT_USAGE,
    FORMAT_HELP,
    TIME_LIMIT,
    catalog_option,
    clock_options,
    exit_codes,
    format_for,
    interruptible,
    output_options,
    solver_options,
    terminal_width,
    warn_unused_calendar_flags,
)
from planner.cli.options import friendly_errors as _friendly_errors
from planner.formats import FORMATS

_catalog_option = catalog_option


@click.group(
    epilog=exit_codes(*EXIT_MEANINGS), context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(package_name="planner")
def main() -> None:
    """Optimal weekly strength sessions for runners, proven with a constraint solver."""


@main.command(
    short_help="Find the best week for the athlete and prove it optimal.",
    epilog="Example:\n\n    planner solve examples/marathon-base.toml\n\n" + _EPILOG,
)
@click.argument("config_path", metavar="CONFIG", type=click.Path(path_type=Path, readable=False))
@_catalog_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    help="html: a printable page; ics: a calendar file, with --start (and --weeks, --time, "
    "--timezone). " + FORMAT_HELP,
)
@output_options
@solver_options(
    "Seconds (default 10), counted from reading the inputs: the solver gets what is left."
)
@click.option(
    "--start",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="ics: the calendar starts on the first session day on or after this date "
    "(default: the coming Monday, today on a Monday).",
)
@click.option(
    "--weeks", type=click.IntRange(1, 104), default=8, show_default=True, help="ics: repeats."
)
@clock_options
@_friendly_errors
def solve(
    config_path: Path,
    catalog_path: Path | None,
    fmt: str | None,
    output: str | None,
    force: bool,
    time_limit: float | None,
    seed: int | None,
    workers: int | None,
    start: datetime | None,
    weeks: int,
    at: str,
    timezone: str | None,
) -> None:
    """Find the best week for the athlete in CONFIG and prove it optimal."""
    from planner.deadline import Deadline, OutOfTime
    from planner.inputs import load_inputs
    from planner.pipeline import plan_week
    from planner.report import render_week as render
    from planner.report.explain import conflict_lines
    from planner.report.table import wrapped_to
    from planner.writes import check_output_path, write_atomic

    fmt = format_for(fmt, output)
    calendar = _calendar_options(fmt, start, weeks, at, timezone)
    solver = {"time_limit": time_limit, "seed": seed, "workers": workers}
    started = time.monotonic()  # the time limit counts reading the inputs too
    given = Deadline(time_limit, started) if time_limit is not None else None
    try:  # a limit given here stops a catalog too large to read in it (a config's, after)
        inputs = load_inputs(config_path, catalog_path, solver, given)
    except OutOfTime as late:
        click.echo(f"UNKNOWN: no plan: {late.note}", err=True)
        sys.exit(EXIT_NO_PLAN)
    destination = None
    if output is not None:  # before solving: a plan must never be lost for want of a file
        destination = check_output_path(output, force, inputs=(config_path, inputs.catalog.path))
    _warn(inputs.warnings)
    click.echo(
        f"solving {config_path} with {len(inputs.catalog)} exercises from "
        f"{inputs.catalog.path} ...",
        err=True,
    )
    deadline = Deadline(inputs.config.solver.time_limit, started)
    result = interruptible(lambda: plan_week(inputs.catalog, inputs.config, deadline=deadline))
    if result.violations:
        for violation in result.violations:
            click.echo(f"internal error: the checker rejected the plan: {violation}", err=True)
        sys.exit(EXIT_INTERNAL)
    click.echo(result.summary(), err=True)
    if result.conflicts and fmt in ("json", "csv"):  # the others explain it in their text
        for line in conflict_lines(result.conflicts, inputs.config):
            click.echo(line, err=True)
    if calendar is not None and result.plan is not None:
        from planner.report.ics import as_ics

        text = as_ics(result, inputs.config, calendar)
    else:
        with wrapped_to(None if destination is not None else terminal_width()):
            text = render(result, inputs.config, inputs.catalog, fmt if fmt in FORMATS else "table")
    if result.plan is None and fmt != "json":
        click.echo(text, nl=False, err=True)  # no plan: the explanation is a diagnostic
    elif destination is not None:
        write_atomic(destination, text)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)
    sys.exit(_exit_code(str(result.status)))


def _calendar_options(
    fmt: str, start: datetime | None, weeks: int, at: str, timezone: str | None
) -> Any:
    """The calendar settings of `--format ics`, checked before anything is solved."""
    if fmt != "ics":
        warn_unused_calendar_flags()
        return None
    from planner.report.calendar_options import calendar_options, coming_monday

    if start is None:
        first = coming_monday(date.today())
        click.echo(f"calendar from {first.isoformat()}, the coming Monday (--start)", err=True)
    else:
        first = start.date()
    return calendar_options(first, weeks, at, timezone)


def _warn(warnings: Any) -> None:
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)


def _exit_code(status: str) -> int:
    return {
        "OPTIMAL": EXIT_OK,
        "FEASIBLE": EXIT_OK,
        "INFEASIBLE": EXIT_INFEASIBLE,
        "UNKNOWN": EXIT_NO_PLAN,
    }.get(status, EXIT_INTERNAL)


@main.command(
    short_help="Say which rules conflict, or which bind at the optimum.",
    epilog="Example:\n\n    planner explain examples/marathon-base.toml\n\n" + _EPILOG,
)
@click.argument("config_path", metavar="CONFIG", type=click.Path(path_type=Path, readable=False))
@_catalog_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.option("--time-limit", type=TIME_LIMIT, help="Seconds per solve.")
@_friendly_errors
def explain(
    config_path: Path, catalog_path: Path | None, fmt: str, time_limit: float | None
) -> None:
    """Say which rules conflict (no plan) or which rules bind at the optimum (a plan exists)."""
    from planner.inputs import load_inputs
    from planner.report.explain import binding_report, conflicts_report
    from planner.week.explain import explain_binding, explain_conflict

    inputs = load_inputs(config_path, catalog_path, {"time_limit": time_limit})
    _warn(inputs.warnings)
    config, catalog = inputs.config, inputs.catalog
    limit = config.solver.time_limit
    report = interruptible(lambda: explain_conflict(catalog, config, limit))
    conflicts = report.conflicts
    if report.undecided:
        click.echo(f"No answer: {report.note}", err=True)
        sys.exit(EXIT_NO_PLAN)
    if report.note:
        click.echo(f"No plan: {report.note}", err=True)
        sys.exit(EXIT_INFEASIBLE)
    if conflicts:
        click.echo(conflicts_report(conflicts, config, fmt), nl=False)
        sys.exit(EXIT_INFEASIBLE)
    optimum, rows = interruptible(lambda: explain_binding(catalog, config, limit))
    if optimum is None:
        click.echo("no optimal plan within the time limit; try a larger --time-limit", err=True)
        sys.exit(EXIT_NO_PLAN)
    click.echo(binding_report(optimum, rows, fmt), nl=False)


@main.command(
    epilog="Example:\n\n    planner check examples/home-kit-30min.toml\n\n"
    + exit_codes(
        EXIT_OK, EXIT_INTERNAL, EXIT_USAGE, EXIT_INPUT, EXIT_INTERRUPTED, ok="the inputs are valid"
    )
)
@click.argument("config_path", metavar="CONFIG", type=click.Path(path_type=Path, readable=False))
@_catalog_option
@_friendly_errors
def check(config_path: Path, catalog_path: Path | None) -> None:
    """Validate CONFIG and its catalog without solving."""
    from planner.inputs import load_inputs
    from planner.training.eligibility import eligible_exercises
    from planner.week.advice import check_summary

    inputs = load_inputs(config_path, catalog_path)
    _warn(inputs.warnings)
    usable = eligible_exercises(inputs.catalog, inputs.config)
    click.echo(
        f"{config_path}: ok ({len(inputs.catalog)} exercises in {inputs.catalog.path}, "
        f"{len(usable)} usable by this athlete)"
    )
    for line in check_summary(inputs.config, inputs.catalog):
        click.echo(line)


@main.command(
    short_help="The config's JSON Schema, or every key it takes (--keys).",
    epilog="Examples:\n\n\b\n    planner schema > config.schema.json\n    planner schema --keys\n\n"
    + exit_codes(EXIT_OK, EXIT_INTERNAL, EXIT_USAGE, ok="printed"),
)
@click.option(
    "--keys",
    is_flag=True,
    help="List every config key (a roster column) with what it holds and its default.",
)
def schema(keys: bool) -> None:
    """Print the JSON Schema of the config file, or (--keys) every key as a roster column."""
    import json

    if keys:
        from planner.batch.columns import key_rows
        from planner.report.table import table, wrapped_to

        with wrapped_to(terminal_width()):
            lines = table(["key (roster column)", "holds", "default"], key_rows())
        click.echo("\n".join(lines))
        return
    from planner.config.config import json_schema

    click.echo(json.dumps(json_schema(), indent=2))


from planner.cli.batch import batch  # noqa: E402
from planner.cli.block import block  # noqa: E402
from planner.cli.catalog import catalog_group  # noqa: E402
from planner.cli.log import log_command  # noqa: E402
from planner.cli.replan import replan  # noqa: E402

main.add_command(batch)
main.add_command(block)
main.add_command(catalog_group)
main.add_command(replan)
main.add_command(log_command)

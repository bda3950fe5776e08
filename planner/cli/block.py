"""`planner block`: a training block to race day, solved as one model (a thin shell)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from planner.cli.options import (
    _EPILOG,
    EXIT_INFEASIBLE,
    EXIT_INTERNAL,
    EXIT_NO_PLAN,
    EXIT_OK,
    FORMAT_HELP,
    catalog_option,
    clock_options,
    format_for,
    friendly_errors,
    interruptible,
    output_options,
    solver_options,
    terminal_width,
    warn_unused_calendar_flags,
)
from planner.formats import FORMATS
from planner.vocabulary import BLOCK_TIME_LIMIT


@click.command(
    short_help="Plan the block of weeks to race day and prove it.",
    epilog="Example:\n\n    planner block examples/block-10k.toml\n\n" + _EPILOG,
)
@click.argument("config_path", metavar="CONFIG", type=click.Path(path_type=Path, readable=False))
@catalog_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    help="html: a printable page with the volume curve; ics: a calendar, one event per session "
    "on its date (with --time, --timezone). " + FORMAT_HELP,
)
@output_options
@solver_options(
    f"Seconds for the whole block (default: the config's [solver] time_limit if it sets one, "
    f"else {BLOCK_TIME_LIMIT:g})."
)
@clock_options
@friendly_errors
def block(
    config_path: Path,
    catalog_path: Path | None,
    fmt: str | None,
    output: str | None,
    force: bool,
    time_limit: float | None,
    seed: int | None,
    workers: int | None,
    at: str,
    timezone: str | None,
) -> None:
    """Plan the block of weeks in CONFIG's [block] section to race day, as one model: phases,
    progression, deloads and taper, every week's rules in every week."""
    from planner.errors import ConfigError, Problem
    from planner.inputs import load_inputs
    from planner.pipeline import plan_block
    from planner.report.block_render import render_block
    from planner.report.calendar_options import session_clock
    from planner.report.explain import conflict_lines
    from planner.report.table import wrapped_to
    from planner.writes import check_output_path, write_atomic

    fmt = format_for(fmt, output)
    clock = session_clock(at, timezone) if fmt == "ics" else None  # before anything is read
    if fmt != "ics":
        warn_unused_calendar_flags()
    inputs = load_inputs(config_path, catalog_path)
    config = inputs.config
    settings = config.block
    if settings is None:
        raise ConfigError(
            [
                Problem(
                    str(config_path),
                    "no [block] section: add one with start and race (or weeks), e.g.\n"
                    "  [block]\n  start = 2027-01-04\n  race = 2027-03-28",
                    key="block",
                )
            ]
        )
    if time_limit is None and "time_limit" not in config.solver.model_fields_set:
        time_limit = BLOCK_TIME_LIMIT
    config = config.with_solver(time_limit=time_limit, seed=seed, workers=workers)
    if output is not None:
        check_output_path(output, force, inputs=(config_path, inputs.catalog.path))
    for warning in inputs.warnings:
        click.echo(f"warning: {warning}", err=True)
    weeks = settings.week_count
    click.echo(
        f"solving a {weeks}-week block for {config_path} with {len(inputs.catalog)} exercises "
        f"(up to {config.solver.time_limit:g} s) ...",
        err=True,
    )
    result = interruptible(lambda: plan_block(inputs.catalog, config))
    if result.violations:
        for violation in result.violations:
            click.echo(f"internal error: the checker rejected the block: {violation}", err=True)
        sys.exit(EXIT_INTERNAL)
    click.echo(result.summary(), err=True)
    if result.conflicts and fmt == "json":  # the other formats explain it as text
        for line in conflict_lines(result.conflicts, config):
            click.echo(line, err=True)
    with wrapped_to(None if output is not None else terminal_width()):  # a file: whole lines
        text = render_block(result, config, inputs.catalog, fmt, clock=clock)
    if result.weeks is None and fmt != "json":
        click.echo(text, nl=False, err=True)
    elif output is not None:
        write_atomic(output, text)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)
    code = {"OPTIMAL": EXIT_OK, "FEASIBLE": EXIT_OK, "INFEASIBLE": EXIT_INFEASIBLE}
    sys.exit(code.get(str(result.status), EXIT_NO_PLAN if result.weeks is None else EXIT_INTERNAL))

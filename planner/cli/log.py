"""`planner log`: what happened to a planned session, kept in an SQLite training log."""

from __future__ import annotations

from pathlib import Path

import click

from planner.cli.options import (
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_USAGE,
    exit_codes,
    friendly_errors,
)

DEFAULT_LOG = "training-log.sqlite"


@click.command(
    "log",
    short_help="Log what happened to a planned session.",
    epilog="Examples:\n\n\b\n"
    "    planner log week.json tue done --rpe 8 --note 'heavy legs'\n"
    "    planner log week.json thu missed\n"
    "    planner log week.json fri moved:sat\n"
    "    planner log --db training-log.sqlite --show --athlete Jonas\n\n"
    + exit_codes(EXIT_OK, EXIT_INTERNAL, EXIT_USAGE, EXIT_INPUT, ok="logged or shown"),
)
@click.argument("plan_path", metavar="PLAN.json", required=False, type=click.Path(path_type=Path))
@click.argument("day", metavar="DAY", required=False)
@click.argument("what", metavar="done|missed|moved:TO", required=False)
@click.option("--rpe", type=click.FloatRange(1, 10), help="How hard it felt, 1-10 (done only).")
@click.option("--note", help="A word about the session.")
@click.option(
    "--db",
    "db_path",
    type=click.Path(path_type=Path),
    help=f"The log file (default: {DEFAULT_LOG} beside the plan).",
)
@click.option("--show", is_flag=True, help="Show what was planned and what happened.")
@click.option("--athlete", help="--show: only this athlete's entries.")
@friendly_errors
def log_command(
    plan_path: Path | None,
    day: str | None,
    what: str | None,
    rpe: float | None,
    note: str | None,
    db_path: Path | None,
    show: bool,
    athlete: str | None,
) -> None:
    """Log what happened to the session on DAY of PLAN.json (DAY: a weekday, or a date for a
    block): done, missed, or moved:TO. `planner replan PLAN.json --db LOG` reads it."""
    from planner.training_log.show import show_log
    from planner.training_log.write import log_session

    if db_path is None:
        db_path = (plan_path.parent if plan_path is not None else Path()) / DEFAULT_LOG
    if show:
        if day is not None:
            raise click.UsageError("--show takes no DAY; give only --db (and --athlete)")
        click.echo(show_log(db_path, plan_path, athlete), nl=False)
        return
    if plan_path is None or day is None or what is None:
        raise click.UsageError("give PLAN.json DAY done|missed|moved:TO, or --show")
    click.echo(log_session(db_path, plan_path, day, what, rpe, note))

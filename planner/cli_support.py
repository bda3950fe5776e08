"""What every command shares: exit codes and turning errors into messages."""

from __future__ import annotations

import functools
import sys
import tempfile
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

import click

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE, EXIT_INPUT, EXIT_INFEASIBLE, EXIT_NO_PLAN = 0, 1, 2, 3, 4, 5
F = TypeVar("F", bound=Callable[..., Any])

_EPILOG = (
    "Exit codes: 0 plan found, 1 internal error, 2 usage, 3 invalid input, "
    "4 infeasible, 5 time limit without a plan."
)


def friendly_errors(command: F) -> F:
    """User mistakes become messages with exit 3; bugs become one line plus a log file."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from planner.errors import PlannerError

        try:
            return command(*args, **kwargs)
        except PlannerError as exc:
            for problem in exc.problems:
                click.echo(f"error: {problem}", err=True)
            sys.exit(EXIT_INPUT)
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:  # a bug: say so briefly, keep the details in a file
            with tempfile.NamedTemporaryFile(
                "w", prefix="planner-crash-", suffix=".log", delete=False
            ) as log:
                traceback.print_exc(file=log)
            click.echo(
                f"internal error: {type(exc).__name__}: {exc} (traceback in {log.name}); "
                "please report it",
                err=True,
            )
            sys.exit(EXIT_INTERNAL)

    return wrapper  # type: ignore[return-value]

"""What every command shares: exit codes, turning errors into messages, and interrupts."""

from __future__ import annotations

import errno
import functools
import math
import os
import signal
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn, TypeVar

import click

from planner.formats import FORMATS

# Every exit code of every command, declared here only (the README has the same table).
EXIT_OK, EXIT_INTERNAL, EXIT_USAGE, EXIT_INPUT, EXIT_INFEASIBLE, EXIT_NO_PLAN = 0, 1, 2, 3, 4, 5
EXIT_SOME_FAILED = 6  # planner batch: some athletes have no plan
EXIT_INTERRUPTED = 130  # Ctrl-C or SIGTERM, as shells report an interrupted command
F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

EXIT_MEANINGS = {
    EXIT_OK: "plan found",
    EXIT_INTERNAL: "internal error",
    EXIT_USAGE: "usage",
    EXIT_INPUT: "invalid input",
    EXIT_INFEASIBLE: "infeasible",
    EXIT_NO_PLAN: "time limit without a plan",
    EXIT_SOME_FAILED: "batch: some athletes have no plan",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C or SIGTERM)",
}


def exit_codes(*codes: int, **meanings: str) -> str:
    """The help's line of the exit codes a command can return (`ok="valid"` renames one)."""
    names = {**EXIT_MEANINGS, **{EXIT_OK: meanings.get("ok", EXIT_MEANINGS[EXIT_OK])}}
    return "Exit codes: " + ", ".join(f"{code} {names[code]}" for code in codes) + "."


# solve, explain and block: a plan, none, or none yet.
_EPILOG = exit_codes(
    EXIT_OK, EXIT_INTERNAL, EXIT_USAGE, EXIT_INPUT, EXIT_INFEASIBLE, EXIT_NO_PLAN, EXIT_INTERRUPTED
)


catalog_option = click.option(
    "--catalog",
    "catalog_path",
    type=click.Path(path_type=Path, readable=False),  # planner reads it and says what is wrong
    help="Catalog CSV to use instead of the config's or the bundled one.",
)


class Seconds(click.FloatRange):
    """A number of seconds within the range; nan, which passes any range (no comparison with
    it fails), is refused too."""

    name = "seconds"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        seconds = super().convert(value, param, ctx)
        if math.isnan(seconds):
            self.fail(f"{value!r} is not a number of seconds", param, ctx)
        return seconds


# --time-limit of every command: config's solver.time_limit bounds, checked where the value is
# typed, so a bad one is a usage error, not blamed on a config file (tests/test_cli.py checks
# that the two agree).
TIME_LIMIT = Seconds(min=0.01, max=86_400)


def _stacked(*options: Callable[[F], F]) -> Callable[[F], F]:
    """Several click options as one decorator, in the order they are listed."""

    def decorate(command: F) -> F:
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


# A plan file's extension -> the format it is written in when --format is not given.
EXTENSIONS = {ext: name for name, ext in FORMATS.items()} | {"markdown": "markdown", "htm": "html"}
FORMAT_HELP = "Default: the output file's extension (plan.json: json), else table."


def format_for(fmt: str | None, output: str | None) -> str:
    """--format, or, without it, the format the output file's extension names: `-o plan.html`
    writes the page, not the table (a plan.json of table text could not be re-planned)."""
    named = EXTENSIONS.get(Path(output).suffix.lower().lstrip(".")) if output else None
    if fmt is None:
        return named or "table"
    if named is not None and named != fmt:
        click.echo(f"warning: writing --format {fmt} to {output}, not {named}", err=True)
    return fmt


# What every command that writes a plan takes: where it goes, and the solver's settings.
output_options = _stacked(
    click.option(
        "-o",
        "--output",
        type=click.Path(readable=False, allow_dash=True),
        callback=lambda ctx, param, value: None if value == "-" else value,
        help="Write here, not stdout ('-': stdout).",
    ),
    click.option("--force", is_flag=True, help="Overwrite the output file if it exists."),
)


def solver_options(time_help: str) -> Callable[[F], F]:
    return _stacked(
        click.option("--time-limit", type=TIME_LIMIT, help=time_help),
        click.option("--seed", type=click.IntRange(0, 2**31 - 1), help="Solver seed (default 0)."),
        click.option(
            "--workers", type=click.IntRange(min=1, max=64), help="Solver threads (default 1)."
        ),
    )


# A calendar's clock: the session's time of day and the time zone (--format ics).
clock_options = _stacked(
    click.option(
        "--time", "at", default="18:00", show_default=True, help="ics: session start, HH:MM."
    ),
    click.option("--timezone", help="ics: an IANA time zone, e.g. Europe/Berlin (default: local)."),
)


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled as Ctrl-C is: stop, keep what is finished, exit 130."""


def friendly_errors(command: F) -> F:
    """User mistakes become messages with exit 3; bugs become one line plus a log file;
    Ctrl-C and SIGTERM become one line and exit 130."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from planner.errors import PlannerError
        from planner.files import forget_inputs
        from planner.report.table import wrapped_to

        forget_inputs()  # a new run: what an earlier one read (tests run many) is no input now
        try:
            with _sigterm_as_interrupt(), wrapped_to(terminal_width()):
                try:
                    return command(*args, **kwargs)
                finally:  # here, where a full disk can still be said in words, not at exit
                    sys.stdout.flush()
        except PlannerError as exc:
            for problem in exc.problems:
                click.echo(f"error: {problem}", err=True)
            sys.exit(EXIT_INPUT)
        except KeyboardInterrupt as exc:
            click.echo(f"interrupted ({_cause(exc)})", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except BrokenPipeError:
            # The reader closed the pipe (`planner ... | head`): it has what it wanted.
            # Point stdout at /dev/null so the interpreter's final flush fails quietly too.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(EXIT_OK)
        except OSError as exc:
            if exc.errno not in _NO_ROOM:
                _internal_error(exc)
            # Our files are written by planner.writes, which names them: this is stdout.
            from planner.writes import write_reason

            click.echo(f"error: cannot write to standard output: {write_reason(exc)}", err=True)
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # quiet at exit
            sys.exit(EXIT_INPUT)
        except Exception as exc:  # a bug: say so briefly, keep the details in a file
            _internal_error(exc)

    return wrapper  # type: ignore[return-value]


def terminal_width() -> int | None:
    """The width tables printed now wrap to: the terminal's ($COLUMNS first, as the shell
    sets it); None (whole lines) for a pipe or a file, whose reader may want to grep them."""
    import shutil

    return shutil.get_terminal_size().columns if _stdout_is_terminal() else None


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


_NO_ROOM = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def _internal_error(exc: BaseException) -> NoReturn:
    """A bug: one line, capped, and the traceback in a file."""
    with tempfile.NamedTemporaryFile(
        "w", prefix="planner-crash-", suffix=".log", delete=False
    ) as log:
        traceback.print_exc(file=log)
    text = f"{type(exc).__name__}: {exc}"
    text = text if len(text) <= 300 else text[:300] + "..."
    click.echo(f"internal error: {text} (traceback in {log.name}); please report it", err=True)
    sys.exit(EXIT_INTERNAL)


def _cause(exc: BaseException) -> str:
    return "SIGTERM" if isinstance(exc, Terminated) else "Ctrl-C"


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """While a command runs, SIGTERM raises Terminated in the main thread, so the command
    stops as cleanly as on Ctrl-C (a batch stops its workers and writes its summary)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def interruptible(work: Callable[[], T]) -> T:
    """Run `work` (a solve) in a helper thread, so that Ctrl-C and SIGTERM, which Python
    delivers to the main thread between bytecodes, end the command at once instead of when
    the solver returns. Nothing is half-written then: outputs are written after the solve.
    """
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = work()
        except BaseException as exc:  # handed to the main thread below
            box["error"] = exc

    thread = threading.Thread(target=target, name="planner-solve", daemon=True)
    thread.start()
    try:
        while thread.is_alive():
            thread.join(0.1)
    except KeyboardInterrupt as exc:
        # The solver thread cannot be stopped from here and must not run on into the
        # interpreter's shutdown: report and leave at once.
        click.echo(f"interrupted ({_cause(exc)})", err=True)
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        os._exit(EXIT_INTERRUPTED)
    if "error" in box:
        raise box["error"]
    value: T = box["value"]
    return value


CALENDAR_FLAGS = {"start": "--start", "weeks": "--weeks", "at": "--time", "timezone": "--timezone"}


def warn_unused_calendar_flags() -> None:
    """A calendar flag given with another format does nothing: say so, not ignore it."""
    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return
    given = [
        flag
        for name, flag in CALENDAR_FLAGS.items()
        if ctx.get_parameter_source(name) == click.core.ParameterSource.COMMANDLINE
    ]
    if given:
        verb = "shapes" if len(given) == 1 else "shape"
        click.echo(f"warning: {', '.join(given)} only {verb} --format ics; ignored", err=True)

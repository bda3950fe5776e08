"""What a new user meets first: -h, `-o -`, the exit codes each command's help lists, and a
calendar without --start."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from planner.cli import options as cli_support
from planner.cli.main import main
from planner.report.calendar_options import coming_monday

EXAMPLE = Path(__file__).parent.parent / "examples" / "5k-bodyweight.toml"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def listed_codes(help_text: str) -> set[int]:
    line = " ".join(help_text.split()).split("Exit codes:")[1].strip()
    return {int(code) for code in re.findall(r"(?:^|, )(\d+) [a-z]", line)}  # the help ends so


@pytest.mark.parametrize(
    ("command", "codes"),
    [
        ((), {0, 1, 2, 3, 4, 5, 6, 130}),
        (("solve",), {0, 1, 2, 3, 4, 5, 130}),
        (("block",), {0, 1, 2, 3, 4, 5, 130}),
        (("explain",), {0, 1, 2, 3, 4, 5, 130}),
        (("check",), {0, 1, 2, 3, 130}),
        (("schema",), {0, 1, 2}),
        (("batch",), {0, 1, 2, 3, 6, 130}),
        (("log",), {0, 1, 2, 3}),  # it solves nothing: no 4 or 5 (once listed)
    ],
)
def test_help_lists_the_exit_codes_the_command_can_return(
    command: tuple[str, ...], codes: set[int]
) -> None:
    result = run(*command, "-h")
    assert result.exit_code == 0
    assert listed_codes(result.output) == codes


def test_every_command_is_summed_up_in_full() -> None:
    # click cuts a docstring's first sentence at the width with "..."; each command says
    # what it does in a line of its own instead.
    lines = run("-h").output.split("Commands:")[1].split("Exit codes")[0].splitlines()
    listed = [line.split(None, 1) for line in lines if line.strip()]
    assert {name for name, _ in listed} >= {"solve", "block", "batch", "replan", "log"}
    assert not [text for _, text in listed if text.endswith("...")]


def test_dash_o_dash_is_stdout(tmp_path: Path) -> None:
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = run("solve", EXAMPLE, "--format", "json", "-o", "-")
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0
    assert '"status": "OPTIMAL"' in result.stdout
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize(
    ("today", "monday"),
    [
        (date(2026, 12, 7), date(2026, 12, 7)),  # a Monday: this week
        (date(2026, 12, 8), date(2026, 12, 14)),
        (date(2026, 12, 13), date(2026, 12, 14)),  # a Sunday: tomorrow
    ],
)
def test_calendar_starts_on_the_coming_monday(today: date, monday: date) -> None:
    assert coming_monday(today) == monday


def test_ics_without_start_is_a_calendar_from_the_coming_monday() -> None:
    result = run("solve", EXAMPLE, "--format", "ics")
    assert result.exit_code == 0, result.output
    first = coming_monday(date.today()).strftime("%Y%m%d")
    starts = re.findall(r"DTSTART[^:]*:(\d{8})", result.stdout)
    assert starts and min(starts) >= first
    assert f"calendar from {coming_monday(date.today()).isoformat()}" in result.stderr


def table_lines(text: str) -> list[str]:
    """The lines of the tables in a table-format week: from each header to the blank line."""
    lines, inside = [], False
    for line in text.splitlines():
        inside = inside or line.startswith("exercise ")
        if inside and not line.strip():
            inside = False
        if inside:
            lines.append(line)
    return lines


def test_tables_wrap_to_the_terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "70")
    whole = table_lines(run("solve", EXAMPLE).stdout)  # a pipe: whole lines
    monkeypatch.setattr(cli_support, "_stdout_is_terminal", lambda: True)
    wrapped = table_lines(run("solve", EXAMPLE).stdout)
    assert wrapped and max(map(len, wrapped)) <= 70
    assert max(map(len, whole)) > 70
    assert len(wrapped) > len(whole)


def test_a_file_is_never_wrapped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "70")
    monkeypatch.setattr(cli_support, "_stdout_is_terminal", lambda: True)
    out = tmp_path / "week.txt"
    assert run("solve", EXAMPLE, "-o", out).exit_code == 0
    assert max(map(len, table_lines(out.read_text()))) > 70


def test_calendar_flags_with_another_format_are_named_not_ignored() -> None:
    result = run("solve", EXAMPLE, "--start", "2027-01-04", "--time", "07:00")
    assert result.exit_code == 0
    assert "warning: --start, --time only shape --format ics; ignored" in result.stderr
    assert "warning" not in run("solve", EXAMPLE).stderr

"""`planner block` on the command line: formats, the JSON contract, exit codes and files."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from block_files import race_block
from click.testing import CliRunner, Result

# The dates of the block's session days in week 1 (it starts on Monday 4 January 2027).
WEEK_ONE = {"mon": "2027-01-04", "thu": "2027-01-07", "sat": "2027-01-09", "sun": "2027-01-10"}


def run(*args: str | Path) -> Result:
    from planner.cli.main import main

    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def block_file(tmp_path: Path, tiny_csv: Path) -> Path:
    return race_block(tmp_path, tiny_csv)


def test_the_table_shows_the_calendar_the_progression_and_every_week(block_file: Path) -> None:
    result = run("block", block_file)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Training block for Ana (intermediate) to race day Sun 24 Jan 2027" in out
    assert "proven optimal over the whole block" in out
    for line in ("   1  Mon 04 Jan 2027  strength  build", "deload", "race"):
        assert line in out
    assert "Main lifts and their progression" in out
    assert out.count("Week ") == 3
    assert "3-week block: OPTIMAL" in result.stderr


def test_json_follows_the_block_contract_and_agrees_with_the_week(block_file: Path) -> None:
    result = run("block", block_file, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    week = json.loads(run("solve", block_file, "--format", "json").stdout)
    for key in ("status", "objective", "best_bound", "gap", "config", "catalog", "solver",
                "conflicts"):  # fmt: skip
        assert key in data and key in week, key
    assert data["catalog"] == week["catalog"]
    assert data["config"]["solver"]["time_limit"] == 60  # a block's default
    assert {**data["config"], "solver": None} == {**week["config"], "solver": None}
    assert data["race"] == "2027-01-24"
    assert [w["week"] for w in data["weeks"]] == [1, 2, 3]
    assert [w["start"] for w in data["weeks"]] == ["2027-01-04", "2027-01-11", "2027-01-18"]
    assert [(w["deload"], w["taper"]) for w in data["weeks"]] == [
        (False, False),
        (True, False),
        (False, True),
    ]
    assert all(w["phase"] == "strength" for w in data["weeks"])
    first_day = data["weeks"][0]["days"][0]
    assert first_day["date"] == WEEK_ONE[first_day["day"]]
    assert set(first_day) == {*week["days"][0], "date"}  # the week's day object plus a date
    assert set(first_day["exercises"][0]) == set(week["days"][0]["exercises"][0])
    assert data["weeks"][0]["load"] == sum(d["load"] for d in data["weeks"][0]["days"])


def test_csv_has_a_row_per_exercise_and_date(block_file: Path) -> None:
    result = run("block", block_file, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["week"] for r in rows} == {"1", "2", "3"}
    assert rows[0]["date"] == WEEK_ONE[rows[0]["day"]] and rows[0]["kind"] == "build"
    assert {r["athlete"] for r in rows} == {"Ana"}


def test_same_inputs_give_the_same_block(block_file: Path) -> None:
    def plan() -> dict[str, object]:
        data: dict[str, Any] = json.loads(run("block", block_file, "--format", "json").stdout)
        del data["solver"]["wall_time_s"]
        return data

    assert plan() == plan()


def test_a_config_without_a_block_is_bad_input(config_file: Callable[..., Path]) -> None:
    result = run("block", config_file("[athlete]\nlevel = 'beginner'\n"))
    assert result.exit_code == 3
    assert "block: no [block] section" in result.stderr


def test_no_block_exits_4_and_says_which_rules(block_file: Path) -> None:
    # One set of everything: a deload week cannot cut the volume.
    text = block_file.read_text() + "\n".join(
        f"[goal.prescription.{role}]\nsets = 1" for role in ("strength", "stability", "endurance")
    )
    block_file.write_text(text)
    result = run("block", block_file)
    assert result.exit_code == 4, result.output
    assert "block.deload_every" in result.stderr
    assert "Traceback" not in result.output


def test_output_is_written_once_and_never_over_a_file_without_force(
    block_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "block.md"
    assert run("block", block_file, "--format", "markdown", "-o", target).exit_code == 0
    assert target.read_text().startswith("# Training block for Ana")
    again = run("block", block_file, "-o", target)
    assert again.exit_code == 3 and "--force" in again.stderr
    assert run("block", block_file, "-o", target, "--force").exit_code == 0


def test_a_block_whose_sessions_all_keep_the_legs_light_says_so(tmp_path: Path) -> None:
    # Every session the day before a hard run or the long run: no main lift can come, and
    # the block once blamed 'the goal has no dose rule' (a strength goal has one).
    config = tmp_path / "tom.toml"
    config.write_text(
        '[athlete]\nname = "Tom"\nlevel = "intermediate"\ngoal = "strength"\n[week]\n'
        'available_days = ["mon", "wed", "fri"]\nsessions = 3\nlong_run = "sat"\n'
        'hard_runs = ["tue", "thu"]\nmax_session_minutes = 50\n[equipment]\n'
        'available = ["dumbbell", "kettlebell"]\n[block]\nstart = 2027-01-04\nweeks = 3\n',
        encoding="utf-8",
    )
    result = run("block", config)
    assert result.exit_code == 0, result.output
    assert "(no main lifts: every session keeps the legs light" in result.stdout
    assert "no dose rule" not in result.stdout
    assert "Every session falls the day before a key run" in result.stdout  # each week's note


def test_each_session_of_a_block_says_its_warm_up(tmp_path: Path) -> None:
    # The week's table says it; the block's text and Markdown did not (a new user's trial).
    example = Path(__file__).resolve().parents[1] / "examples" / "block-10k.toml"
    for fmt in ("table", "markdown"):
        result = run("block", example, "--format", fmt)
        assert result.exit_code == 0, result.output
        sessions = result.stdout.count("(mon): load") + result.stdout.count("(wed): load")
        sessions += result.stdout.count("(fri): load")
        assert result.stdout.count("Warm-up: 5 min easy movement") == sessions > 20
        assert "ramp-up sets of Barbell Back Squat before its work sets." in result.stdout

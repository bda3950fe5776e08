"""planner replan and planner log on a bundled example, through the command line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import Result
from test_cli import EXAMPLES, run

from planner.replan.plan_file import read_plan_file

MARATHON = EXAMPLES / "marathon-base.toml"  # sessions tue, thu, fri of mon, tue, thu, fri


@pytest.fixture(scope="module")
def week_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("replan") / "week.json"
    assert run("solve", MARATHON, "--format", "json", "-o", path).exit_code == 0
    return path


def _sessions(result: Result) -> dict[str, list[str]]:
    data = json.loads(result.stdout)
    return {d["day"]: [e["id"] for e in d["exercises"]] for d in data["days"]}


def test_replan_json_says_what_changed(week_json: Path) -> None:
    old = json.loads(week_json.read_text())
    result = run("replan", week_json, "--done", "tue", "--move", "thu:sat", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["days"][0] == old["days"][0]  # tue, done: byte for byte
    assert data["replan"]["edits"]["moved"] == [{"from": "thu", "to": "sat"}]
    # Thursday's 7 exercises move to Saturday, the eve of Sunday's long run, where the good
    # morning (a heavy lift) may not go: it is dropped, and one light lower-body exercise
    # comes in beside the wall sit that moves with it, for Saturday's 2 lower-body exercises
    # (session.lower). 6 moved, 1 out, 1 in: 8 slots.
    moved = {(m["id"], m["from"], m["to"]) for c in data["changes"] for m in c["moved"]}
    assert ("single_leg_wall_sit", "thu", "sat") in moved and len(moved) == 6
    thu, sat = data["changes"]
    assert (thu["day"], thu["removed"], sat["day"], len(sat["added"])) == (
        "thu",
        ["good_morning"],
        "sat",
        1,
    )
    assert data["changed_slots"] == 8
    assert "sat" in _sessions(result) and "thu" not in _sessions(result)


def test_the_profiles_minimums_stay_targets_in_a_replan(week_json: Path) -> None:
    """marathon-base writes its session bands but no [goal]: a re-plan reads the bands as
    rules and the goal's dose and heavy-set floor as the targets they were in the solve."""
    plan = read_plan_file(week_json)
    assert not plan.config.defaulted("session.lower")
    assert plan.config.defaulted("goal.dose") and plan.config.defaulted("goal.heavy_sets")
    assert "goal.heavy_sets" in json.loads(week_json.read_text())["profile_targets"]


def test_replan_table_shows_the_changes(week_json: Path) -> None:
    result = run("replan", week_json, "--done", "tue", "--missed", "thu")
    assert result.exit_code == 0, result.output
    assert "Changes:" in result.stdout and "thu (missed):" in result.stdout
    markdown = run("replan", week_json, "--missed", "thu", "--format", "markdown")
    assert "## Changes:" in markdown.stdout
    page = run("replan", week_json, "--missed", "thu", "--format", "html")
    assert '<section class="changes">' in page.stdout


def _events(text: str) -> dict[str, str]:
    """UID -> the event's text."""
    return {
        re.search(r"UID:(\S+)", event)[1]: event  # type: ignore[index]
        for event in text.split("BEGIN:VEVENT")[1:]
    }


def test_ics_keeps_the_ids_of_unchanged_sessions(week_json: Path) -> None:
    start = ("--start", "2026-12-07")
    solved = _events(run("solve", MARATHON, "--format", "ics", *start).stdout)
    replanned = run(
        "replan", week_json, "--done", "tue", "--missed", "thu", "--format", "ics", *start
    )
    assert replanned.exit_code == 0, replanned.output
    events = _events(replanned.stdout)
    tue = next(uid for uid in solved if uid.startswith("tue-"))
    thu = next(uid for uid in solved if uid.startswith("thu-"))
    assert tue in events and "RECURRENCE-ID" in events[tue]  # unchanged: same id
    assert "STATUS:CANCELLED" in events[thu]  # missed, nowhere to go: cancelled in place
    # An override's SEQUENCE is above its series' (0): calendars apply it as a revision.
    assert "SEQUENCE:1" in events[tue] and "SEQUENCE:1" in events[thu]
    assert all("SEQUENCE" not in event for event in solved.values())


def test_log_then_replan_from_the_log(week_json: Path, tmp_path: Path) -> None:
    plan = tmp_path / "week.json"
    plan.write_bytes(week_json.read_bytes())
    assert run("log", plan, "tue", "done", "--rpe", "9", "--note", "hard").exit_code == 0
    assert run("log", plan, "thu", "moved:sat").exit_code == 0
    db = tmp_path / "training-log.sqlite"
    shown = run("log", "--db", db, "--show", "--athlete", "Jonas")
    assert "moved to sat" in shown.stdout and "hard" in shown.stdout
    result = run("replan", plan, "--db", db, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["replan"]["edits"]["done"] == ["tue"]
    assert "sat" in _sessions(result)
    # Tuesday at RPE 9 against its RPE 7.5 (a range's middle): said, where it was silent.
    assert "note: tue was logged at RPE 9 against 7.5 prescribed" in result.stderr
    assert "note: thu" not in result.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--missed", "thurs"), "did you mean 'thu'"),
        (("--done", "mon"), "mon has no session"),
        (("--move", "thu"), "is not FROM:TO"),
        (("--move", "thu:fri"), "fri already holds a session"),
        (("--done", "tue", "--missed", "tue"), "marked both done and missed"),
    ],
)
def test_replan_bad_edits_exit_3(week_json: Path, args: tuple[str, ...], says: str) -> None:
    result = run("replan", week_json, *args)
    assert result.exit_code == 3 and says in result.stderr, result.output


def test_replan_refuses_a_file_that_is_not_a_plan(tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text('{"hello": 1}')
    result = run("replan", bad, "--done", "mon")
    assert result.exit_code == 3 and "is not a plan" in result.stderr


def test_log_refuses_a_corrupt_database(week_json: Path, tmp_path: Path) -> None:
    db = tmp_path / "log.sqlite"
    db.write_bytes(b"garbage" * 100)
    result = run("log", week_json, "tue", "done", "--db", db)
    assert result.exit_code == 3 and "not a training log" in result.stderr
    assert db.read_bytes() == b"garbage" * 100


def test_a_replan_says_what_its_week_misses_of_the_goal(week_json: Path) -> None:
    # Tuesday moved to Sunday, the long run's day, which keeps the legs light: its back squat
    # cannot come, and the re-planned week says so.
    result = run("replan", week_json, "--move", "tue:sun", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert "back_squat" not in _sessions(result)["sun"]
    assert (
        "sun: 0 strength exercise(s) for the goal, not 1: the long run on sun keeps the legs "
        "light" in " ".join(data["notes"])
    )


def test_a_week_over_stands_as_it_happened(week_json: Path) -> None:
    # Tuesday missed, Thursday and Friday done: no day is left to plan (a new user's case,
    # once exit 4 with 'None changed slots' on stderr).
    result = run("replan", week_json, "--missed", "tue", "--done", "fri")
    assert result.exit_code == 0, result.output
    assert "no day is left to plan, so the week stands as it happened" in result.stdout
    assert "None" not in result.stderr
    assert "changed slots" in result.stderr

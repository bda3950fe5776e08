"""Re-planning a block from a date on: weeks before it kept, the week with news re-planned
with the fewest changes, every weekly and block rule checked; the log holds a step after a
week too hard or mostly missed, and says so."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from test_cli import run

from planner.config.block import BlockWeek
from planner.replan.steer import Hold, LoggedDay, held_weeks, holds_from_log, prescribed_rpe

BLOCK = """
catalog = "{catalog}"

[athlete]
name = "Ana"
goal = "strength"

[week]
available_days = ["mon", "wed", "fri", "sat"]
sessions = 2
max_session_minutes = 300

[session]
lower = [1, 2]
calf = [0, 0]
core = [1, 1]
upper = [0, 0]
plyometric = [0, 0]
mobility = [0, 0]

[balance]
soleus_to_gastrocnemius = [0.1, 100.0]
core_min = {{ anti_extension = 0, anti_lateral_flexion = 0, anti_rotation = 0 }}

[equipment]
available = ["band", "box", "dumbbell", "pullup_bar"]

[goal]
dose = 1
eve_dose = 0
heavy_per_week = {{}}

[block]
start = 2027-01-04
weeks = 4
deload_every = 0
phases = ["strength"]
"""


@pytest.fixture(scope="module")
def block_json(tmp_path_factory: pytest.TempPathFactory, tiny_csv: Path) -> Path:
    directory = tmp_path_factory.mktemp("block")
    config = directory / "block.toml"
    config.write_text(BLOCK.format(catalog=tiny_csv.as_posix()), encoding="utf-8")
    path = directory / "block.json"
    result = run("block", config, "--format", "json", "-o", path, "--time-limit", "30")
    assert result.exit_code == 0, result.output
    return path


def _dated(data: dict[str, object]) -> dict[str, list[str]]:
    weeks = data["weeks"]
    assert isinstance(weeks, list)
    return {d["date"]: [e["id"] for e in d["exercises"]] for w in weeks for d in w["days"]}


def _week_two(block_json: Path) -> list[str]:
    data = json.loads(block_json.read_text())
    return [d["date"] for d in data["weeks"][1]["days"]]


def _replan(block_json: Path, *args: str) -> Result:
    return run("replan", block_json, *args, "--format", "json", "--time-limit", "30")


def test_missed_date_replans_its_week_and_keeps_the_ones_before(block_json: Path) -> None:
    first, second = _week_two(block_json)
    old = json.loads(block_json.read_text())
    result = _replan(block_json, "--done", first, "--missed", second)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    kept = {k: v for k, v in data["weeks"][0].items() if k != "setup"}  # setup: re-plan's own
    assert kept == old["weeks"][0]  # week 1 kept, byte for byte
    assert data["weeks"][1]["days"][0] == old["weeks"][1]["days"][0]  # done: as it was
    assert data["replan"]["from_week"] == 2
    assert {c["day"] for c in data["changes"]} <= {d for d in _dated(data)} | {second}
    assert all(c["day"] >= second for c in data["changes"])
    assert data["changed_slots"] >= 1
    assert second not in _dated(data)


def test_block_dates_must_be_dates_in_the_block(block_json: Path) -> None:
    result = run("replan", block_json, "--missed", "tuesday")
    assert result.exit_code == 3 and "is not a date of the block" in result.stderr
    result = run("replan", block_json, "--missed", "2030-01-01")
    assert result.exit_code == 3 and "is not in the block" in result.stderr


def test_a_block_edit_on_a_day_without_a_session_names_the_dates(block_json: Path) -> None:
    # Once "tue has no session in the plan (sessions: mon, wed)" for a date given.
    first, second = _week_two(block_json)
    day = date.fromisoformat(first) + timedelta(days=1)
    while day.isoformat() in (first, second):
        day += timedelta(days=1)
    result = run("replan", block_json, "--done", day.isoformat())
    assert result.exit_code == 3, result.output
    said = f"{day.isoformat()} has no session in the plan (sessions: {first}, {second})"
    assert said in result.stderr


def _uids(text: str) -> dict[str, str]:
    return {
        re.search(r"UID:(\S+)", e)[1]: e  # type: ignore[index]
        for e in text.split("BEGIN:VEVENT")[1:]
    }


def test_block_ics_keeps_ids_and_cancels_what_is_gone(block_json: Path, tiny_csv: Path) -> None:
    first, second = _week_two(block_json)
    result = run("replan", block_json, "--done", first, "--missed", second, "--format", "ics")
    assert result.exit_code == 0, result.output
    events = _uids(result.stdout)
    cancelled = [uid for uid, text in events.items() if "STATUS:CANCELLED" in text]
    assert len(cancelled) == 1 and cancelled[0].startswith(second)
    assert any(uid.startswith(first) for uid in events)


def test_log_rpe_holds_the_next_weeks_step(block_json: Path, tmp_path: Path) -> None:
    plan = tmp_path / "block.json"
    plan.write_bytes(block_json.read_bytes())
    first, _ = _week_two(plan)
    assert run("log", plan, first, "done", "--rpe", "10").exit_code == 0
    result = _replan(plan, "--db", str(tmp_path / "training-log.sqlite"))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert any("week 3 holds week 2's step" in n for n in data["replan"]["notes"])
    old = json.loads(plan.read_text())

    def doses(weeks: list[dict[str, object]], n: int) -> dict[str, str]:
        days = weeks[n]["days"]
        assert isinstance(days, list)
        return {e["id"]: f"{e['sets']}x{e['reps']} {e['intensity']}" for d in days
                for e in d["exercises"]}  # fmt: skip

    week2, week3 = doses(data["weeks"], 1), doses(data["weeks"], 2)
    same = set(week2) & set(week3)
    assert same and all(week2[i] == week3[i] for i in same)  # held: no step up
    old2, old3 = doses(old["weeks"], 1), doses(old["weeks"], 2)
    assert any(old2[i] != old3[i] for i in set(old2) & set(old3))  # it would have stepped


def _week(number: int, step: int) -> BlockWeek:
    return BlockWeek(number, date(2027, 1, 4 + 7 * (number - 1)), "strength", False, False, step)


def test_held_week_shifts_the_steps_after_it() -> None:
    weeks = tuple(_week(n, n - 1) for n in range(1, 5))
    held = held_weeks(weeks, [Hold(2, "")])
    assert [w.step for w in held] == [0, 1, 1, 2]


@pytest.mark.parametrize(("rpe", "held"), [(9.0, True), (8.5, True), (8.0, False), (None, False)])
def test_rpe_one_above_the_prescription_holds(rpe: float | None, held: bool) -> None:
    """RPE 7-8 prescribed is a target of 7.5: 8.5 is 1 above it (the boundary), 8 is not."""
    day = LoggedDay(2, "done", rpe, prescribed_rpe(["75-80% 1RM (RPE 7-8)"]), ("Squat",))
    holds = holds_from_log([day], {2: 2})
    assert bool(holds) is held


@pytest.mark.parametrize(("missed", "held"), [(2, True), (1, False)])
def test_mostly_missed_week_repeats_its_step(missed: int, held: bool) -> None:
    days = [LoggedDay(3, "missed", None, None, ()) for _ in range(missed)]
    holds = holds_from_log(days, {3: 2})
    assert bool(holds) is held
    if held:
        assert "week 4 repeats week 3's step: 2 of its 2 sessions were missed" in holds[0].note


@pytest.fixture(scope="module")
def deload_json(tmp_path_factory: pytest.TempPathFactory, tiny_csv: Path) -> Path:
    """BLOCK with week 2 a deload (it repeats week 1 with half the sets)."""
    directory = tmp_path_factory.mktemp("deload")
    config = directory / "block.toml"
    text = BLOCK.format(catalog=tiny_csv.as_posix()).replace("deload_every = 0", "deload_every = 2")
    config.write_text(text, encoding="utf-8")
    path = directory / "block.json"
    result = run("block", config, "--format", "json", "-o", path, "--time-limit", "30")
    assert result.exit_code == 0, result.output
    assert json.loads(path.read_text())["weeks"][1]["kind"] == "deload"
    return path


def _volume(week: dict[str, Any]) -> int:
    return sum(e["load"] * e["sets"] for d in week["days"] for e in d["exercises"])


def test_a_missed_deload_session_is_dropped_and_the_deload_still_lightens(
    deload_json: Path,
) -> None:
    # A new user's case: the checker rejected the re-plan (exit 1), a deload having to
    # repeat the week before day by day with one of its days gone.
    first, second = _week_two(deload_json)
    result = _replan(deload_json, "--done", first, "--missed", second)
    assert result.exit_code == 0, result.output
    weeks = json.loads(result.stdout)["weeks"]
    assert second not in {d["date"] for d in weeks[1]["days"]}
    assert _volume(weeks[1]) <= 0.75 * _volume(weeks[0])


def test_a_moved_deload_session_goes_where_asked(deload_json: Path) -> None:
    # Once exit 4: a deload that must repeat the week before day by day has no other day.
    first, second = _week_two(deload_json)
    day = date.fromisoformat(second)
    saturday = (day + timedelta(days=5 - day.weekday())).isoformat()
    result = _replan(deload_json, "--done", first, "--move", f"{second}:{saturday}")
    assert result.exit_code == 0, result.output
    weeks = json.loads(result.stdout)["weeks"]
    days = {d["date"] for d in weeks[1]["days"]}
    assert saturday in days and second not in days
    assert _volume(weeks[1]) <= 0.75 * _volume(weeks[0])


def test_a_replans_status_says_what_it_proved_optimal(block_json: Path) -> None:
    # Once "proven optimal over the whole block", beside a note that the optimum was over
    # the re-planned week only.
    first, second = _week_two(block_json)
    result = run("replan", block_json, "--done", first, "--missed", second, "--time-limit", "30")
    assert result.exit_code == 0, result.output
    status = next(line for line in result.stdout.splitlines() if line.startswith("Status:"))
    assert "proven optimal over week 2;" in status or "proven optimal over weeks 2-" in status
    assert "whole block" not in status

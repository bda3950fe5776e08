"""Re-planning a week: done sessions stay byte for byte, missed and moved work goes where the
rules allow with the fewest changed slots (known by hand on the tiny catalog), every rule
still holds (the checker), and when none can, the conflict is explained."""

from __future__ import annotations

import json
from pathlib import Path

from replan_plans import core_config, write_plan

from planner.catalog.catalog import Catalog
from planner.plan.week import Status
from planner.replan.edits import Edits
from planner.replan.pipeline import WeekReplanResult, replan_week
from planner.replan.plan_file import read_plan_file
from planner.replan.render import render_replan
from planner.replan.slots import changed_slots, day_changes
from planner.week.check import check_plan


def _replan(path: Path, edits: Edits) -> WeekReplanResult:
    replanned = replan_week(read_plan_file(path), edits)
    assert replanned.result.violations == ()
    return replanned


def _days(replanned: WeekReplanResult) -> dict[str, list[str]]:
    assert replanned.result.plan is not None
    return replanned.result.plan.ids()


def test_missed_session_moves_to_the_free_day_one_change(tmp_path: Path, tiny: Catalog) -> None:
    config = core_config(["mon", "wed", "fri"], 2)
    path = write_plan(tmp_path, tiny, config, {"mon": ["plank"], "wed": ["side_plank"]})
    replanned = _replan(path, Edits(done=("mon",), missed=("wed",)))
    assert replanned.result.status == Status.OPTIMAL
    assert _days(replanned) == {"mon": ["plank"], "fri": ["side_plank"]}
    assert replanned.changed_slots == 1  # by hand: side plank moves, nothing else must
    moved = [c.as_dict() for c in replanned.changes]
    assert moved[0]["day"] == "wed" and moved[0]["why"] == "missed"
    assert moved[0]["moved"] == [{"id": "side_plank", "from": "wed", "to": "fri"}]


def test_done_day_is_byte_for_byte_in_the_json(tmp_path: Path, tiny: Catalog) -> None:
    config = core_config(["mon", "wed", "fri"], 2)
    path = write_plan(tmp_path, tiny, config, {"mon": ["plank"], "wed": ["side_plank"]})
    replanned = _replan(path, Edits(done=("mon",), missed=("wed",)))
    old = json.loads(path.read_text())["days"]
    new = json.loads(render_replan(replanned, tiny, "json"))
    assert json.dumps(new["days"][0]) == json.dumps(old[0])
    assert new["changed_slots"] == 1 and new["changes"][0]["day"] == "wed"


def test_no_free_day_drops_the_missed_work(tmp_path: Path, tiny: Catalog) -> None:
    config = core_config(["mon", "wed"], 2)
    path = write_plan(tmp_path, tiny, config, {"mon": ["plank"], "wed": ["side_plank"]})
    replanned = _replan(path, Edits(missed=("mon",)))
    assert _days(replanned) == {"wed": ["side_plank"]}
    assert replanned.changed_slots == 1
    assert any("1 of 2 sessions" in note for note in replanned.notes)


def test_move_goes_where_asked(tmp_path: Path, tiny: Catalog) -> None:
    config = core_config(["mon", "wed", "fri"], 2)
    path = write_plan(tmp_path, tiny, config, {"mon": ["plank"], "wed": ["side_plank"]})
    replanned = _replan(path, Edits(done=("mon",), moves=(("wed", "thu"),)))
    assert _days(replanned) == {"mon": ["plank"], "thu": ["side_plank"]}
    assert [c.why for c in replanned.changes] == ["moved to thu", "moved here from wed"]


def test_move_next_to_the_same_family_changes_the_exercise(tmp_path: Path, tiny: Catalog) -> None:
    """Boundary: the moved plank would sit the day after Monday's plank (same family on
    consecutive days), so it must become another exercise: 2 changed slots, no fewer."""
    config = core_config(["mon", "thu"], 2, variety={"max_per_week": 2})
    path = write_plan(tmp_path, tiny, config, {"mon": ["plank"], "thu": ["plank"]})
    replanned = _replan(path, Edits(done=("mon",), moves=(("thu", "tue"),)))
    days = _days(replanned)
    assert set(days) == {"mon", "tue"} and days["mon"] == ["plank"]
    assert days["tue"] != ["plank"]
    assert replanned.changed_slots == 2
    assert check_plan(replanned.result.plan, tiny, replanned.config) == []  # type: ignore[arg-type]


def test_nothing_logged_changes_nothing(tmp_path: Path, tiny: Catalog) -> None:
    config = core_config(["mon", "wed", "fri"], 2)
    path = write_plan(tmp_path, tiny, config, {"mon": ["plank"], "wed": ["side_plank"]})
    replanned = _replan(path, Edits(done=("mon",)))
    assert replanned.changed_slots == 0 and replanned.changes == ()


def test_unlogged_past_session_is_kept_and_said(tmp_path: Path, tiny: Catalog) -> None:
    config = core_config(["mon", "wed", "fri"], 3)
    days = {"mon": ["plank"], "wed": ["side_plank"], "fri": ["pallof_press"]}
    path = write_plan(tmp_path, tiny, config, days)
    replanned = _replan(path, Edits(missed=("wed",)))
    assert _days(replanned)["mon"] == ["plank"]
    assert replanned.replan.assumed_done == ("mon",)
    assert any(note.startswith("mon: before the last day logged") for note in replanned.notes)


def test_no_replan_keeps_every_rule_is_explained(tmp_path: Path, tiny: Catalog) -> None:
    """The week needs anti-lateral-flexion work (at least 3) and only the missed Wednesday's
    side plank gave it; Friday is left, but the config now keeps out the side plank and the
    carry: no re-plan keeps every rule, and the conflict is named."""
    balance = {"core_min": {"anti_lateral_flexion": 3}}
    exclude = {"exercises": ["side_plank", "suitcase_carry"]}
    config = core_config(["mon", "wed", "fri"], 2, balance=balance, exclude=exclude)
    path = write_plan(tmp_path, tiny, config, {"mon": ["plank"], "wed": ["side_plank"]})
    replanned = replan_week(read_plan_file(path), Edits(done=("mon",), missed=("wed",)))
    assert replanned.result.status == Status.INFEASIBLE
    assert replanned.result.plan is None
    assert replanned.result.note or replanned.result.conflicts


def test_a_week_with_no_day_left_stands_as_it_happened(tmp_path: Path, tiny: Catalog) -> None:
    """Wednesday, the last day, was missed and held the week's only anti-lateral-flexion
    work: nothing is left to plan, so the week is what happened, and the rule it breaks so
    is said, not refused (a new user's 'missed Monday, did the rest' failed with exit 4)."""
    balance = {"core_min": {"anti_lateral_flexion": 3}}
    config = core_config(["mon", "wed"], 2, balance=balance)
    path = write_plan(tmp_path, tiny, config, {"mon": ["plank"], "wed": ["side_plank"]})
    replanned = _replan(path, Edits(done=("mon",), missed=("wed",)))
    assert _days(replanned) == {"mon": ["plank"]}
    assert replanned.changed_slots == 1
    assert replanned.notes[0] == "no day is left to plan, so the week stands as it happened"
    broken = [n for n in replanned.notes if n.startswith("as it happened, the week breaks")]
    assert len(broken) == 1 and "core_function_minimums" in broken[0]
    assert [c.as_dict()["why"] for c in replanned.changes] == ["missed"]


def test_a_week_with_no_day_left_and_every_rule_kept_says_only_that(
    tmp_path: Path, tiny: Catalog
) -> None:
    config = core_config(["mon", "wed"], 2)
    path = write_plan(tmp_path, tiny, config, {"mon": ["plank"], "wed": ["side_plank"]})
    replanned = _replan(path, Edits(done=("mon",), missed=("wed",)))
    assert _days(replanned) == {"mon": ["plank"]}
    assert not [n for n in replanned.notes if "breaks" in n]


def test_changed_slots_counts_a_move_once() -> None:
    old = {"mon": ["a", "b"], "wed": ["c"]}
    new = {"mon": ["a"], "fri": ["b", "d"]}
    assert changed_slots(old, new) == 3  # b moved, c removed, d added
    changes = {c.day: c for c in day_changes(old, new)}
    assert changes["wed"].removed == ["c"] and changes["fri"].added == ["d"]
    assert changes["mon"].moved[0].target == "fri"

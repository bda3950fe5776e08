"""Defaults that give way to the kit (planner/training/kit_defaults.py): variety.max_per_week
where a category has too few usable exercises to fill its sessions, and the soleus side of
balance.soleus_to_gastrocnemius where the kit has no soleus work; a value the config writes
stays a hard rule. The model, the checker and the plan's notes read the same numbers."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from typing import Any

import pytest
from conftest import BASE, assert_infeasible, merge

from planner.catalog.catalog import Catalog
from planner.config.config import Config, parse_config
from planner.pipeline import plan_week
from planner.plan.week import Plan, SolveResult, Status
from planner.training.kit_defaults import kit_defaults, soleus_band, uses_per_week
from planner.week.advice import plan_notes
from planner.week.check import check_plan

THREE_DAYS: dict[str, Any] = {"available_days": ["mon", "wed", "fri"], "sessions": 3}
# Without equipment the tiny catalog's only upper-body exercise is push_up.
ONE_UPPER: dict[str, Any] = {
    "week": THREE_DAYS,
    "session": {"upper": [1, 1]},
    "equipment": {"available": []},
}


def _config(variety: dict[str, Any] | None = None, **sections: Any) -> Config:
    """The tests' BASE with `variety` as given: left out, the cap is the default's."""
    data = merge(BASE, sections)
    del data["variety"]
    if variety is not None:
        data["variety"] = variety
    return parse_config(data)


def _uses(result: SolveResult) -> Counter[str]:
    assert result.plan is not None
    return Counter(p.exercise.id for s in result.plan.sessions for p in s.exercises)


def test_the_one_exercise_the_kit_allows_comes_back_each_session(tiny: Catalog) -> None:
    config = _config(**ONE_UPPER)
    assert uses_per_week(config, tiny)["upper"] == 3
    result = plan_week(tiny, config)
    assert result.status == Status.OPTIMAL, result.summary()
    assert result.violations == ()
    assert _uses(result)["push_up"] == 3
    notes = " ".join(plan_notes(config, tiny))
    assert "only push_up for upper work" in notes
    assert "up to 3 times a week" in notes


def test_a_written_cap_stays_a_rule(tiny: Catalog) -> None:
    config = _config(variety={"max_per_week": 2}, **ONE_UPPER)
    assert uses_per_week(config, tiny)["upper"] == 2
    assert not [n for n in plan_notes(config, tiny) if "times a week" in n]
    assert_infeasible(tiny, names="variety.max_per_week", variety={"max_per_week": 2}, **ONE_UPPER)


def test_enough_exercises_keep_the_default(tiny: Catalog) -> None:
    # push_up and band_row, twice each, fill three sessions of one: no exercise needs more.
    sections = {**ONE_UPPER, "equipment": {"available": ["band"]}}
    config = _config(**sections)
    assert uses_per_week(config, tiny)["upper"] == 2
    result = plan_week(tiny, config)
    assert result.status == Status.OPTIMAL, result.summary()
    assert max(_uses(result).values()) == 2


@pytest.mark.parametrize(
    ("sessions", "usable", "least", "most"),
    [
        (["mon", "wed", "fri", "sun"], [], 1, 4),  # one exercise, four sessions: each
        (["mon", "wed", "fri", "sun"], ["band"], 1, 2),  # two exercises fill four
        (["mon", "wed", "fri"], [], 2, 3),  # two a session wanted: still once a session
    ],
)
def test_uses_follow_the_sessions_and_what_is_usable(
    tiny: Catalog, sessions: list[str], usable: list[str], least: int, most: int
) -> None:
    week = {"available_days": sessions, "sessions": len(sessions)}
    config = _config(week=week, session={"upper": [least, least]}, equipment={"available": usable})
    assert uses_per_week(config, tiny)["upper"] == most
    assert uses_per_week(config, tiny)["core"] == 2  # a category with room keeps the default


def test_the_checker_reads_the_same_cap(tiny: Catalog) -> None:
    days = {d: ["push_up"] for d in THREE_DAYS["available_days"]}
    defaulted = _config(**ONE_UPPER)
    plan = Plan.from_ids(tiny, defaulted.profile, days)
    assert [v for v in check_plan(plan, tiny, defaulted) if v.rule == "max_uses_per_week"] == []
    written = _config(variety={"max_per_week": 2}, **ONE_UPPER)
    broken = [v for v in check_plan(plan, tiny, written) if v.rule == "max_uses_per_week"]
    assert [v.message for v in broken] == ["push_up used 3 times > 2"]


def test_a_missing_calf_exercise_names_the_day_before(tiny: Catalog) -> None:
    # Two sessions on consecutive days and one usable calf movement: the week does it once
    # (a movement never comes two days in a row), and the note says that, not "no room".
    config = _config(
        athlete={"level": "beginner"},
        week={"available_days": ["mon", "tue"], "sessions": 2},
        session={"core": [1, 1]},
        exclude={"exercises": ["calf_raise_bent", "soleus_wall_sit"]},
    )
    data = config.as_written()
    del data["session"]["calf"]  # the profile's band: a target, missed with a note
    config = parse_config(data)
    result = plan_week(tiny, config)
    assert result.status == Status.OPTIMAL, result.summary()
    assert _uses(result)["calf_raise_straight"] == 1
    assert any(
        "calf exercise(s), not 1: the only movement family your kit and level allow "
        "(calf_raise) is trained the day before or after" in note
        for note in result.missed
    ), result.missed


# --- the soleus side of balance.soleus_to_gastrocnemius --------------------------------

# Two calf sessions; without calf_raise_bent and soleus_wall_sit the only calf exercise is
# the straight-knee raise (gastrocnemius 3, soleus 1): twice a week is soleus 2 against
# gastrocnemius 6, under the default band's 0.75.
STRAIGHT_ONLY: dict[str, Any] = {
    "athlete": {"level": "beginner"},
    "week": {"available_days": ["mon", "thu"], "sessions": 2},
    "session": {"calf": [1, 1]},
    "exclude": {"exercises": ["calf_raise_bent", "soleus_wall_sit"]},
}


def _band_default(**sections: Any) -> Config:
    data = merge(BASE, sections)
    del data["balance"]["soleus_to_gastrocnemius"]
    return parse_config(data)


def test_no_soleus_work_in_the_kit_lowers_the_floor_to_what_it_can_do(tiny: Catalog) -> None:
    config = _band_default(**STRAIGHT_ONLY)
    # the floor is the straight-knee raise's own ratio, 1/3: twice a week sits on it
    assert kit_defaults(config, tiny).soleus_low == Fraction(1, 3)
    assert soleus_band(config, tiny) == (0.33, 3.0)
    result = plan_week(tiny, config)
    assert result.status == Status.OPTIMAL, result.summary()
    assert result.violations == ()
    assert _uses(result)["calf_raise_straight"] == 2
    assert any("no bent-knee or seated calf raise" in n for n in plan_notes(config, tiny))


def test_a_written_band_stays_a_rule(tiny: Catalog) -> None:
    band = {"soleus_to_gastrocnemius": [0.75, 3.0]}
    config = parse_config(merge(BASE, {**STRAIGHT_ONLY, "balance": band}))
    assert kit_defaults(config, tiny).soleus_low == Fraction(3, 4)
    assert_infeasible(tiny, names="balance.soleus_to_gastrocnemius", balance=band, **STRAIGHT_ONLY)
    # and the checker holds the plan the default allowed to the written band
    days = {"mon": ["calf_raise_straight"], "thu": ["calf_raise_straight"]}
    plan = Plan.from_ids(tiny, config.profile, days)
    broken = [v.message for v in check_plan(plan, tiny, config)]
    assert "soleus 2 / gastrocnemius 6 outside [0.75, 3.0]" in broken
    assert check_plan(plan, tiny, _band_default(**STRAIGHT_ONLY)) == []


def test_one_soleus_exercise_in_the_kit_keeps_the_floor(tiny: Catalog) -> None:
    sections = {**STRAIGHT_ONLY, "exclude": {"exercises": ["calf_raise_bent"]}}
    config = _band_default(**sections)
    assert kit_defaults(config, tiny).soleus_low == Fraction(3, 4)
    result = plan_week(tiny, config)
    assert result.status == Status.OPTIMAL, result.summary()
    assert _uses(result)["soleus_wall_sit"] >= 1
    assert not any("no bent-knee" in n for n in plan_notes(config, tiny))


def test_a_shortfall_in_a_plan_not_proven_optimal_blames_the_time_not_the_week(
    tiny: Catalog,
) -> None:
    # Nothing in the kit, level or rules keeps a calf exercise out of Monday: a proven plan
    # without one had no room; a plan the search stopped at may simply not have found it.
    from planner.week.shortfalls import missed_targets

    config = _config(athlete={"level": "beginner"}, session={"lower": [1, 1], "core": [0, 1]})
    data = config.as_written()
    del data["session"]["calf"]  # the profile's band: a target, missed with a note
    config = parse_config(data)
    plan = Plan.from_ids(tiny, config.profile, {"mon": ["squat_bw"]})
    proven = [n for n in missed_targets(plan, tiny, config) if "calf" in n]
    stopped = [n for n in missed_targets(plan, tiny, config, proven=False) if "calf" in n]
    assert len(proven) == len(stopped) == 1
    assert "no room in 300 minutes with the stress caps" in proven[0]
    assert "no room found in 300 minutes in the time the search had" in stopped[0]
    assert "a longer --time-limit may find one" in stopped[0]


# Every available day keeps the legs light (Friday before Saturday's hard run, Sunday's long
# run): the kit's only soleus work, a dumbbell seated calf raise prescribed heavy, fits no
# session, so it cannot hold the soleus floor up (the real catalog's garage gym left a
# Friday without calf work this way).
NO_LIGHT_SOLEUS_WORK = [
    "bent_knee_calf_raise",
    "single_leg_bent_knee_calf_raise",
    "soleus_wall_hold",
    "single_leg_balance_reach",
    "heel_toe_walk",
]
LIGHT_DAYS: dict[str, Any] = {
    "athlete": {"goal": "strength", "level": "intermediate"},
    "equipment": {"available": ["dumbbell"]},
    "week": {"available_days": ["fri", "sun"], "hard_runs": ["sat"], "long_run": "sun"},
    "exclude": {"exercises": NO_LIGHT_SOLEUS_WORK},
    "solver": {"workers": 1, "seed": 0},
}


def test_soleus_work_too_hard_for_every_day_does_not_hold_the_floor(bundled: Catalog) -> None:
    config = parse_config(LIGHT_DAYS)
    # the most soleus-leaning light raise left, tib_raise_to_calf_raise, gives 1/2
    assert kit_defaults(config, bundled).soleus_low == Fraction(1, 2)
    result = plan_week(bundled, config)
    assert result.status == Status.OPTIMAL, result.summary()
    assert result.violations == ()
    assert result.plan is not None
    for session in result.plan.sessions:
        assert any(p.exercise.category == "calf" for p in session.exercises), session.day
    notes = " ".join(plan_notes(config, bundled))
    assert "On days that all keep the legs light, your kit and level allow no bent-knee" in notes


def test_one_day_with_fresh_legs_lets_the_heavy_soleus_work_hold_the_floor(
    bundled: Catalog,
) -> None:
    week = {**LIGHT_DAYS["week"], "available_days": ["tue", "fri", "sun"]}
    config = parse_config({**LIGHT_DAYS, "week": week})
    assert kit_defaults(config, bundled).soleus_low == Fraction(3, 4)

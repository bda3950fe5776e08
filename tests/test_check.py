"""The independent checker on hand-made plans, each breaking exactly one rule."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from conftest import merge

from planner import check
from planner.catalog import Catalog
from planner.check import Violation, check_plan
from planner.config import Config, parse_config
from planner.model.rules import HARD_RULES
from planner.plan import Plan, Prescription, Session

# A week that every rule is switched on for, and a plan that satisfies all of them:
#   mon: squat_bw, calf_raise_bent, plank, push_up        load 7, 16 min
#   wed: lunge_bw, calf_raise_straight, side_plank, band_row   load 7, 17 min
# gastrocnemius 4, soleus 4; core (3, 3, 0); leg load on wed (before thu) 3 + 2 = 5.
CHECK_BASE: dict[str, Any] = {
    "athlete": {"level": "intermediate", "goal": "strength"},
    "week": {
        "available_days": ["mon", "wed", "fri"],
        "sessions": 2,
        "long_run": "sun",
        "hard_runs": ["thu"],
        "max_session_minutes": 30,
    },
    "session": {
        "lower": [1, 2],
        "calf": [1, 1],
        "core": [1, 2],
        "upper": [1, 1],
        "plyometric": [0, 1],
        "mobility": [0, 1],
    },
    "weekly": {"lower": [2, 2]},
    "balance": {
        "soleus_to_gastrocnemius": [0.5, 2.0],
        "core_min": {"anti_extension": 3, "anti_lateral_flexion": 3, "anti_rotation": 0},
        "core_spread": 3,
    },
    "load": {"max_session": 10, "max_week": 20, "max_lower_before_key_run": 8},
    "variety": {"max_per_week": 1},
    "equipment": {"available": ["band", "box", "dumbbell"]},
    "exclude": {"exercises": ["hip_flexor_stretch"], "tags": ["high_impact"]},
}

VALID: dict[str, list[str]] = {
    "mon": ["squat_bw", "calf_raise_bent", "plank", "push_up"],
    "wed": ["lunge_bw", "calf_raise_straight", "side_plank", "band_row"],
}


def config(**overrides: Any) -> Config:
    return parse_config(merge(CHECK_BASE, overrides))


def build(catalog: Catalog, days: dict[str, list[str]]) -> Plan:
    """A Plan made by hand from Session and Prescription objects, not by the solver."""
    return Plan(
        tuple(
            Session(day, tuple(Prescription(catalog[i], 3, 10) for i in exercise_ids))
            for day, exercise_ids in days.items()
        )
    )


def edit(days: dict[str, list[str]], day: str, old: str | None, new: str | None) -> None:
    if old is None:
        days[day].append(new)  # type: ignore[arg-type]
    elif new is None:
        days[day].remove(old)
    else:
        days[day][days[day].index(old)] = new


def rules(violations: list[Violation]) -> list[str]:
    return [v.rule for v in violations]


def test_checker_mirrors_every_hard_rule_by_name() -> None:
    assert [c.__name__ for c in check.CHECKS] == [r.__name__ for r in HARD_RULES]


def test_valid_plan_has_no_violations(tiny: Catalog) -> None:
    plan = build(tiny, VALID)
    assert plan.load == 14
    assert [s.minutes for s in plan.sessions] == [16, 17]
    assert check_plan(plan, tiny, config()) == []


def test_valid_plan_from_ids_has_no_violations(tiny: Catalog) -> None:
    plan = Plan.from_ids(tiny, "strength", VALID)
    assert check_plan(plan, tiny, config()) == []


Case = tuple[str, dict[str, Any], Callable[[dict[str, list[str]]], None]]


def _move(days: dict[str, list[str]], old: str, new: str) -> None:
    days[new] = days.pop(old)


CASES: dict[str, Case] = {
    "day not available": (
        "sessions_on_available_days", {}, lambda d: _move(d, "wed", "tue"),
    ),
    "too few sessions": ("sessions_on_available_days", {"week": {"sessions": 3}}, lambda d: None),
    "empty session": (
        "sessions_on_available_days",
        {"week": {"sessions": 3}, "session": {c: [0, 2] for c in ("lower", "core", "calf")}
         | {"upper": [0, 1]}},
        lambda d: d.update(fri=[]),
    ),
    "missing equipment": (
        "allowed_exercises_only", {}, lambda d: edit(d, "wed", "band_row", "pull_up"),
    ),
    "above level": (
        "allowed_exercises_only", {}, lambda d: edit(d, "wed", "lunge_bw", "step_up_box"),
    ),
    "excluded exercise": (
        "allowed_exercises_only", {}, lambda d: edit(d, "mon", None, "hip_flexor_stretch"),
    ),
    "excluded tag": ("allowed_exercises_only", {}, lambda d: edit(d, "mon", None, "pogo_hops")),
    "session count": (
        "category_counts_per_session", {}, lambda d: edit(d, "mon", "push_up", None),
    ),
    "weekly count": ("category_counts_per_week", {}, lambda d: edit(d, "mon", None, "bridge")),
    "session minutes": (
        "session_minutes",
        {"week": {"max_session_minutes": 17}},
        lambda d: edit(d, "mon", None, "ankle_rocks"),  # 16 + 3 = 19 min
    ),
    "session load": (
        "session_load",
        {"load": {"max_session": 7}},
        lambda d: edit(d, "mon", "squat_bw", "squat_goblet"),  # 7 + 2 = 9
    ),
    "weekly load": (
        "weekly_load",
        {"load": {"max_week": 14}},
        lambda d: edit(d, "wed", "calf_raise_straight", "calf_raise_single"),  # 15
    ),
    "same family twice": (
        "one_exercise_per_family_per_session",
        {"weekly": {"lower": None}, "load": {"max_session": 20}},
        lambda d: edit(d, "mon", None, "squat_goblet"),
    ),
    "family on consecutive days": (
        "no_family_on_consecutive_days",
        {"week": {"available_days": ["mon", "tue", "wed"]}},
        lambda d: (_move(d, "wed", "tue"), edit(d, "tue", "lunge_bw", "squat_goblet")),
    ),
    "family on sun and mon": (
        "no_family_on_consecutive_days",
        {"week": {"available_days": ["mon", "wed", "sun"]}},
        lambda d: (_move(d, "wed", "sun"), edit(d, "sun", "lunge_bw", "squat_goblet")),
    ),
    "used twice": ("max_uses_per_week", {}, lambda d: edit(d, "wed", "band_row", "push_up")),
    "heavy legs before hard run": (
        "light_legs_before_key_runs",
        {"load": {"max_lower_before_key_run": 6}},
        lambda d: edit(d, "wed", "lunge_bw", "hinge_rdl"),  # 5 + 2 = 7 before thu
    ),
    "heavy legs before long run on monday": (
        "light_legs_before_key_runs",
        {
            "week": {"available_days": ["wed", "sun"], "hard_runs": [], "long_run": "mon"},
            "load": {"max_lower_before_key_run": 4},
        },
        # mon's session (leg load 4) moves to wed, wed's (leg load 5) to sun, before mon
        lambda d: d.update(wed=d.pop("mon"), sun=d.pop("wed")),
    ),
    "too much soleus": (
        "soleus_gastrocnemius_band",
        {},
        lambda d: edit(d, "wed", "calf_raise_straight", "soleus_wall_sit"),  # 5 / 1
    ),
    "too little soleus": (
        "soleus_gastrocnemius_band",
        {},
        lambda d: edit(d, "mon", "calf_raise_bent", "calf_raise_single"),  # 2 / 6
    ),
    "core minimum": (
        "core_function_minimums", {}, lambda d: edit(d, "mon", "plank", "bird_dog"),
    ),
    "core spread": ("core_function_spread", {}, lambda d: edit(d, "mon", None, "dead_bug")),
}  # fmt: skip


@pytest.mark.parametrize("name", list(CASES))
def test_one_broken_rule_is_reported_alone(tiny: Catalog, name: str) -> None:
    rule, overrides, change = CASES[name]
    cfg = config(**overrides)
    days = {d: list(v) for d, v in VALID.items()}
    change(days)
    if cfg.week.session_count == len(VALID) and set(VALID) <= set(cfg.week.available_days):
        # The break comes from the plan edit: the valid plan still passes this config.
        assert check_plan(build(tiny, VALID), tiny, cfg) == []
    violations = check_plan(build(tiny, days), tiny, cfg)
    assert rules(violations) == [rule], [str(v) for v in violations]


def test_every_rule_has_a_breaking_case() -> None:
    assert {rule for rule, _, _ in CASES.values()} == {r.__name__ for r in HARD_RULES}


def test_violation_messages_name_the_numbers(tiny: Catalog) -> None:
    days = {d: list(v) for d, v in VALID.items()}
    edit(days, "mon", "squat_bw", "squat_goblet")
    (violation,) = check_plan(build(tiny, days), tiny, config(load={"max_session": 7}))
    assert violation == Violation("session_load", "mon: load 9 > 7")
    assert str(violation) == "session_load: mon: load 9 > 7"


def test_two_broken_rules_are_both_reported(tiny: Catalog) -> None:
    days = {d: list(v) for d, v in VALID.items()}
    edit(days, "wed", "band_row", "push_up")  # push_up twice
    edit(days, "mon", "plank", "bird_dog")  # anti-extension 0
    assert sorted(rules(check_plan(build(tiny, days), tiny, config()))) == [
        "core_function_minimums",
        "max_uses_per_week",
    ]


def test_unknown_exercise_is_reported(tiny: Catalog) -> None:
    stranger = replace(tiny["plank"], id="not_in_catalog")
    plan = build(tiny, VALID)
    mon = plan.sessions[0]
    plan = Plan(
        (Session("mon", (*mon.exercises, Prescription(stranger, 3, 10))), *plan.sessions[1:])
    )
    assert rules(check_plan(plan, tiny, config())) == ["catalog"]


def test_same_day_twice_is_reported(tiny: Catalog) -> None:
    plan = build(tiny, VALID)
    twice = Plan((plan.sessions[0], replace(plan.sessions[1], day="mon")))
    assert "sessions_on_available_days" in rules(check_plan(twice, tiny, config()))


def test_checker_uses_the_catalog_not_the_plan_copy(tiny: Catalog) -> None:
    # A plan carrying a doctored copy of an exercise is judged by the catalog's numbers.
    light = replace(tiny["squat_goblet"], load=0)
    plan = build(tiny, VALID)
    mon = plan.sessions[0]
    doctored = Session("mon", (Prescription(light, 3, 10), *mon.exercises[1:]))
    violations = check_plan(
        Plan((doctored, plan.sessions[1])), tiny, config(load={"max_session": 8})
    )
    assert rules(violations) == ["session_load"]

"""The independent checker on hand-made plans, each breaking exactly one rule."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from conftest import make_config, merge

from planner.catalog.catalog import Catalog
from planner.config.config import Config, parse_config
from planner.config.goals import Profile
from planner.model.limits import ADDERS
from planner.plan.week import Plan, Prescription, Session
from planner.rulebook import RULES
from planner.week import check
from planner.week.check import Violation, check_plan

# A week that every rule is switched on for, and a plan that satisfies all of them:
#   mon: squat_goblet, calf_raise_bent, plank, push_up        load 9, 18 min
#   wed: hinge_rdl, calf_raise_straight, side_plank, band_row  load 9, 18 min
# gastrocnemius 4, soleus 4; core (3, 3, 0); leg load on wed (before thu) 5 + 2 = 7; one
# loaded lower-body lift a session (the goal's dose, wed being the eve of thu's hard run);
# side_plank is pinned; two loaded lower-body lifts in the week, one needed.
# Minutes (strength, intermediate; 4 s a rep, 60 s to set up): the loaded lift is the main
# track, 4 x 5 = 80 s + 60 = 140 s of work and 3 x 180 s of rests = 680 s; the accessories
# are paired into those rests: calf raise and push-up or row (endurance 3 x 12) 204 s + 2 x
# 60 s, plank (stability 3 x 8) 156 s + 2 x 45 s, so the paired track is 140 + 324 + 246 +
# 324 = 1034 s, longer than 680 s: 17.2 minutes, 18.
CHECK_BASE: dict[str, Any] = {
    "athlete": {"level": "intermediate", "goal": "endurance"},
    "week": {
        "available_days": ["mon", "wed", "fri"],
        "sessions": 2,
        "long_run": "sun",
        "hard_runs": ["thu"],
        # above the profile's short_session_minutes (goals.toml): every exercise keeps its sets
        "max_session_minutes": 31,
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
    "load": {"max_session": 12, "max_week": 21, "max_lower_before_key_run": 8},
    "variety": {"max_per_week": 1},
    "equipment": {"available": ["band", "box", "dumbbell"]},
    "exclude": {"exercises": ["hip_flexor_stretch"], "tags": ["high_impact"]},
    "include": {"exercises": ["side_plank"]},
    # The strength dose at RPE 7, so a lift for the goal is light enough for the eve of the
    # hard run (the profile's "75-80% 1RM (RPE 7-8)" is read at its top, RPE 8).
    "goal": {
        "dose": 1,
        "eve_dose": 1,
        "heavy_per_week": {"lower": 1},
        "prescription": {"strength": {"intensity": "75% 1RM (RPE 7)"}},
    },
}

WRITTEN_SETS = {
    "strength": {"sets": 3},
    "endurance": {"sets": 3},
    "stability": {"sets": 3},
    "mobility": {"sets": 2},
    "power": {"sets": 3},
}

VALID: dict[str, list[str]] = {
    "mon": ["squat_goblet", "calf_raise_bent", "plank", "push_up"],
    "wed": ["hinge_rdl", "calf_raise_straight", "side_plank", "band_row"],
}


def config(**overrides: Any) -> Config:
    return parse_config(merge(CHECK_BASE, overrides))


def build(catalog: Catalog, days: dict[str, list[str]], profile: Profile | None = None) -> Plan:
    """A Plan made by hand from Session and Prescription objects, not by the solver."""
    profile = profile or config().profile
    return Plan(
        tuple(
            Session(day, tuple(Prescription.of(catalog[i], profile) for i in exercise_ids))
            for day, exercise_ids in days.items()
        )
    )


def edit(
    days: dict[str, list[str]], day: str, old: str | None, new: str | None
) -> dict[str, list[str]]:
    if old is None:
        days[day].append(new)  # type: ignore[arg-type]
    elif new is None:
        days[day].remove(old)
    else:
        days[day][days[day].index(old)] = new
    return days


def rules(violations: list[Violation]) -> list[str]:
    return [v.rule for v in violations]


def test_checker_mirrors_every_hard_rule_by_name() -> None:
    assert set(check.CHECKS) == set(ADDERS) == {r.name for r in RULES}
    assert all(name == c.__name__ for name, c in check.CHECKS.items())


def test_valid_plan_has_no_violations(tiny: Catalog) -> None:
    plan = build(tiny, VALID)
    assert plan.load == 18
    assert [s.minutes for s in plan.sessions] == [18, 18]
    assert check_plan(plan, tiny, config()) == []


def test_valid_plan_from_ids_has_no_violations(tiny: Catalog) -> None:
    plan = Plan.from_ids(tiny, config().profile, VALID)
    by_hand = build(tiny, VALID).sessions
    assert plan == Plan(tuple(Session.ordered(s.day, s.exercises) for s in by_hand))
    assert check_plan(plan, tiny, config()) == []


# A case's edit changes the days in place; what it returns is not used.
Case = tuple[str, dict[str, Any], Callable[[dict[str, list[str]]], object]]


def _move(days: dict[str, list[str]], old: str, new: str) -> dict[str, list[str]]:
    days[new] = days.pop(old)
    return days


CASES: dict[str, Case] = {
    "day not available": (
        "sessions_on_available_days", {}, lambda d: _move(d, "wed", "tue"),
    ),
    "too few sessions": ("sessions_on_available_days", {"week": {"sessions": 3}}, lambda d: None),
    "empty session": (
        "sessions_on_available_days",
        {"week": {"sessions": 3}, "session": {c: [0, 2] for c in ("lower", "core", "calf")}
         | {"upper": [0, 1]}, "goal": {"dose": 0}},  # an empty fri has no goal dose either
        lambda d: d.update(fri=[]),
    ),
    "missing equipment": (
        "allowed_exercises_only", {}, lambda d: edit(d, "wed", "band_row", "pull_up"),
    ),
    "above level": (
        "allowed_exercises_only", {}, lambda d: edit(d, "mon", "squat_goblet", "step_up_box"),
    ),
    "excluded exercise": (
        "allowed_exercises_only", {}, lambda d: edit(d, "mon", None, "hip_flexor_stretch"),
    ),
    "excluded tag": (
        "allowed_exercises_only", {}, lambda d: edit(d, "mon", None, "pogo_hops"),  # load 12
    ),
    "pin left out": (
        "pinned_exercises_included",
        {},
        lambda d: edit(d, "wed", "side_plank", "suitcase_carry"),  # the same core coverage
    ),
    "session count": (
        "category_counts_per_session", {}, lambda d: edit(d, "mon", "push_up", None),
    ),
    "weekly count": ("category_counts_per_week", {}, lambda d: edit(d, "mon", None, "bridge")),
    "session minutes": (
        "session_minutes",
        # the sets written, so the 18-minute session keeps them (a short session drops a set
        # of what the profile fills in)
        {"week": {"max_session_minutes": 18}, "goal": {"prescription": WRITTEN_SETS}},
        # ankle_rocks (mobility 2 x 10, 15 s rest) adds 140 + 15 s to mon's paired track:
        # 1034 + 155 = 1189 s, 20 min
        lambda d: edit(d, "mon", None, "ankle_rocks"),
    ),
    "session load": (
        "session_load",
        {"load": {"max_session": 9}},
        # push_up (load 2) and band_row (1) change days: wed 5 + 2 + 1 + 2 = 10
        lambda d: (edit(d, "mon", "push_up", "band_row"), edit(d, "wed", "band_row", "push_up")),
    ),
    "weekly load": (
        "weekly_load",
        {"load": {"max_week": 18}},
        lambda d: edit(d, "wed", "calf_raise_straight", "calf_raise_single"),  # 19
    ),
    "same family twice": (
        "one_exercise_per_family_per_session",
        {"weekly": {"lower": None}},
        lambda d: edit(d, "mon", None, "squat_bw"),
    ),
    "family on consecutive days": (
        "no_family_on_consecutive_days",
        {"week": {"available_days": ["mon", "tue", "wed"]}, "variety": {"max_per_week": 2}},
        lambda d: (_move(d, "wed", "tue"), edit(d, "tue", "hinge_rdl", "squat_goblet")),
    ),
    "family on sun and mon": (
        "no_family_on_consecutive_days",
        {"week": {"available_days": ["mon", "wed", "sun"]}, "variety": {"max_per_week": 2}},
        lambda d: (_move(d, "wed", "sun"), edit(d, "sun", "hinge_rdl", "squat_goblet")),
    ),
    "used twice": ("max_uses_per_week", {}, lambda d: edit(d, "wed", "band_row", "push_up")),
    "heavy legs before hard run": (
        "light_legs_before_key_runs",
        {"load": {"max_lower_before_key_run": 7}},
        lambda d: edit(d, "wed", "calf_raise_straight", "calf_raise_single"),  # 5 + 3 = 8
    ),
    "heavy legs before long run on monday": (
        "light_legs_before_key_runs",
        {
            "week": {"available_days": ["wed", "sun"], "hard_runs": [], "long_run": "mon"},
            "load": {"max_lower_before_key_run": 6},
        },
        # mon's session (leg load 6) moves to wed, wed's (leg load 7) to sun, before mon
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
    "goal dose": (
        "goal_dose_per_session",
        {},
        lambda d: edit(d, "mon", "squat_goblet", "squat_bw"),  # no strength stimulus
    ),
    "goal dose on the eve of a key run": (
        "goal_dose_per_session",
        {},
        # a two-legged bridge cannot be made heavy: no strength stimulus
        lambda d: edit(d, "wed", "hinge_rdl", "bridge"),
    ),
    "too little heavy work": (
        "heavy_work_per_week",
        # two heavy lower-body lifts needed; wed (the eve) needs no dose, so a bridge there
        # breaks only the weekly heavy work
        {"goal": {"eve_dose": 0, "heavy_per_week": {"lower": 2}}},
        lambda d: edit(d, "wed", "hinge_rdl", "bridge"),
    ),
    "core spread": ("core_function_spread", {}, lambda d: edit(d, "mon", None, "dead_bug")),
    # Stress as prescribed (planner/training/stress.py): mon 26 and wed 26, of which legs 17 and 20.
    "session stress": (
        "session_stress",
        {"fatigue": {"max_session": 26}},
        lambda d: edit(d, "mon", None, "ankle_rocks"),  # + 1
    ),
    "weekly stress": (
        "weekly_stress",
        {"fatigue": {"max_week": 52}},
        lambda d: edit(d, "wed", None, "ankle_rocks"),  # + 1
    ),
    "leg stress before a key run": (
        "leg_stress_before_key_runs",
        {"fatigue": {"max_legs_before_key_run": 20}},
        # 2 x the load, prescribed at RPE 7 all the same: 14 + 11 = 25
        lambda d: edit(d, "wed", "calf_raise_straight", "calf_raise_single"),
    ),
    "hard legs before a key run": (
        "no_hard_legs_before_key_runs",
        {},
        # a single-leg lunge without load is prescribed at RPE 8 with a 4 s lowering
        lambda d: edit(d, "wed", "hinge_rdl", "lunge_bw"),
    ),
    "hard legs on the long-run day": (
        "no_hard_legs_on_long_run_day",
        {"week": {"long_run": "mon"}},
        lambda d: edit(d, "mon", "squat_goblet", "lunge_bw"),
    ),
    "too many heavy sets": (
        "heavy_sets_per_week",
        {"goal": {"heavy_sets": [0, 2]}},
        lambda d: edit(d, "mon", "squat_goblet", "lunge_bw"),  # 3 x 6 at RPE 8
    ),
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
    assert {rule for rule, _, _ in CASES.values()} == {r.name for r in RULES}


def test_violation_messages_name_the_numbers(tiny: Catalog) -> None:
    days = {d: list(v) for d, v in VALID.items()}
    edit(days, "mon", "push_up", "band_row")
    edit(days, "wed", "band_row", "push_up")
    (violation,) = check_plan(build(tiny, days), tiny, config(load={"max_session": 9}))
    assert violation == Violation("session_load", "wed: load 10 > 9")
    assert str(violation) == "session_load: wed: load 10 > 9"


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
        (
            Session("mon", (*mon.exercises, Prescription.of(stranger, config().profile))),
            *plan.sessions[1:],
        )
    )
    assert rules(check_plan(plan, tiny, config())) == ["catalog"]


def test_same_day_twice_is_reported(tiny: Catalog) -> None:
    plan = build(tiny, VALID)
    twice = Plan((plan.sessions[0], replace(plan.sessions[1], day="mon")))
    assert "sessions_on_available_days" in rules(check_plan(twice, tiny, config()))


def test_checker_uses_the_catalog_not_the_plan_copy(tiny: Catalog) -> None:
    # A plan carrying a doctored copy of an exercise is judged by the catalog's numbers:
    # a bridge that claims load 0 makes mon 9 + 0 by the plan, 9 + 1 by the catalog.
    light = replace(tiny["bridge"], load=0)
    plan = build(tiny, VALID)
    mon = plan.sessions[0]
    doctored = Session("mon", (*mon.exercises, Prescription.of(light, config().profile)))
    assert doctored.load == 9
    violations = check_plan(
        Plan((doctored, plan.sessions[1])),
        tiny,
        config(load={"max_session": 9}, weekly={"lower": None}),
    )
    assert violations == [Violation("session_load", "mon: load 10 > 9")]


@pytest.mark.parametrize(
    ("equipment", "lower", "broken"),
    [
        # Without weights the hardest bodyweight work counts toward a strength dose: a
        # single-leg lunge can be made hard for few reps, a two-legged squat cannot.
        (["band"], "lunge_bw", []),
        (["band"], "squat_bw", ["goal_dose_per_session"]),
        # Heavy is the prescription's: with dumbbells at hand the single-leg lunge at RPE 8
        # still counts (the hardness and coverage terms prefer a loaded lift).
        (["band", "dumbbell"], "lunge_bw", []),
        (["band", "dumbbell"], "squat_goblet", []),
    ],
)
def test_goal_dose_counts_work_prescribed_heavy(
    tiny: Catalog, equipment: list[str], lower: str, broken: list[str]
) -> None:
    cfg = make_config(
        athlete={"goal": "strength"},
        session={"lower": [1, 1]},
        equipment={"available": equipment},
        goal={"dose": 1},
    )
    plan = Plan.from_ids(tiny, cfg.profile, {"mon": [lower]})
    assert rules(check_plan(plan, tiny, cfg)) == broken

"""The coach's week rubric (benchmarks/rubric.py) on small hand-written plan JSONs: each check
passes a plan that keeps its rule, fails one that breaks it, and holds at the boundary."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo root: benchmarks/

from benchmarks import rubric
from benchmarks import rubric_reading as reading
from benchmarks.population import KITS, population
from benchmarks.quality import quality_section
from benchmarks.quality_block import week_failures, week_kinds

BUNDLED_CATALOG = Path(__file__).resolve().parents[1] / "catalog.csv"


def ex(
    id: str = "goblet_squat",
    category: str = "lower",
    *,
    role: str = "endurance",
    sets: int = 3,
    reps: int = 10,
    unit: str = "reps",
    intensity: str = "RPE 7 (3 reps in reserve)",
    tempo: str | None = None,
    loaded: bool = True,
) -> dict[str, Any]:
    return {
        "id": id,
        "category": category,
        "role": role,
        "sets": sets,
        "reps": reps,
        "unit": unit,
        "intensity": intensity,
        "tempo": tempo,
        "loaded": loaded,
    }


HEAVY: dict[str, Any] = {"role": "strength", "sets": 4, "reps": 5, "intensity": "80% 1RM (RPE 8)"}


def plan(
    days: dict[str, list[dict[str, Any]]],
    *,
    level: str = "intermediate",
    goal: str = "endurance",
    kit: tuple[str, ...] = ("dumbbell",),
    hard_runs: tuple[str, ...] = (),
    long_run: str | None = None,
    coverage: dict[str, int] | None = None,
) -> dict[str, Any]:
    return {
        "status": "OPTIMAL",
        "config": {
            "athlete": {"level": level, "goal": goal},
            "week": {"hard_runs": list(hard_runs), "long_run": long_run},
            "equipment": {"available": list(kit)},
        },
        "days": [{"day": d, "warm_up": "5 min easy", "exercises": e} for d, e in days.items()],
        "coverage": coverage
        or dict.fromkeys(
            ("gastrocnemius", "soleus", "anti_extension", "anti_lateral_flexion", "anti_rotation"),
            3,
        ),
    }


def test_a_range_is_read_at_its_top() -> None:
    e = ex(intensity="75-80% 1RM (RPE 7-8)")
    assert reading.percent_1rm(e) == 80
    assert reading.rpe(e) == 8
    assert reading.rpe(ex(intensity="RPE 8, hardest version you can do")) == 8
    assert reading.percent_1rm(ex(intensity="explosive, full rest")) is None


def test_a_plan_nobody_gets_names_the_conflict() -> None:
    refused = {"status": "INFEASIBLE", "days": [], "conflicts": [{"rule": "goal.dose"}]}
    assert rubric.planned(refused) == ["no plan (INFEASIBLE): goal.dose"]
    assert rubric.planned(plan({"mon": [ex()]})) == []


@pytest.mark.parametrize(("level", "ceiling"), [("beginner", 8), ("intermediate", 12)])
def test_heavy_sets_a_week_stop_at_the_level_ceiling(level: str, ceiling: int) -> None:
    # 4 sets a lift: the ceiling in lifts of 4 sets, then one set more in a 5-set lift
    lifts = [ex(f"lift{i}", **HEAVY) for i in range(ceiling // 4)]
    assert rubric.heavy_sets_a_week(plan({"mon": lifts}, level=level)) == []
    over = [*lifts, ex("one_more", **{**HEAVY, "sets": 1})]
    assert rubric.heavy_sets_a_week(plan({"mon": over}, level=level)) != []


def test_a_heavy_set_has_at_most_6_reps_at_a_hard_effort() -> None:
    assert reading.heavy_set(ex(**HEAVY))
    assert not reading.heavy_set(ex(**{**HEAVY, "reps": 7}))
    assert not reading.heavy_set(ex(**{**HEAVY, "intensity": "75% 1RM (RPE 7)"}))
    assert not reading.heavy_set(ex("calf_raise", "calf", **HEAVY))


def test_strength_with_weights_has_a_heavy_floor() -> None:
    five = [ex(**{**HEAVY, "sets": 5})]
    six = [ex(**{**HEAVY, "sets": 6})]
    assert rubric.heavy_sets_a_week(plan({"mon": five}, goal="strength")) != []
    assert rubric.heavy_sets_a_week(plan({"mon": six}, goal="strength")) == []
    assert rubric.heavy_sets_a_week(plan({"mon": five}, goal="strength", kit=())) == []


@pytest.mark.parametrize(
    "exercise",
    [
        ex("pogo", "plyometric", role="power", intensity="explosive"),
        ex(**HEAVY),
        ex("calf", "calf", intensity="RPE 8"),
        ex("lunge", tempo="3-1-1", loaded=False),
    ],
)
def test_the_eve_of_a_key_run_keeps_the_legs_light(exercise: dict[str, Any]) -> None:
    eve = plan({"sun": [exercise]}, hard_runs=("mon",))  # the week wraps: sun is mon's eve
    assert rubric.light_legs_on_eves(eve) != []
    not_eve = plan({"sat": [exercise]}, hard_runs=("mon",))
    assert rubric.light_legs_on_eves(not_eve) == []


def test_core_and_upper_work_stay_hard_on_an_eve() -> None:
    light = [ex(), ex("plank", "core", intensity="RPE 8"), ex("row", "upper", **HEAVY)]
    assert rubric.light_legs_on_eves(plan({"fri": light}, long_run="sat")) == []


def test_a_session_runs_in_the_coachs_order() -> None:
    ordered = [
        ex("leg_swing", "mobility", role="mobility"),
        ex("pogo", "plyometric", role="power", intensity="explosive"),
        ex("back_squat", **HEAVY),
        ex("calf_raise", "calf"),
        ex("row", "upper"),
        ex("plank", "core", unit="seconds", reps=30),
        ex("hamstring_stretch", "mobility", role="mobility", unit="seconds", reps=30),
    ]
    assert rubric.order(plan({"mon": ordered})) == []
    jumps_late = [*ordered[2:4], ordered[1]]
    assert rubric.order(plan({"mon": jumps_late})) == [
        "mon pogo: jumps and explosive work after other lower-body and calf work"
    ]
    no_warm_up = plan({"mon": ordered})
    no_warm_up["days"][0]["warm_up"] = ""
    assert rubric.order(no_warm_up) == ["mon: no warm-up line"]


def test_a_doable_set_has_at_most_20_reps() -> None:
    assert rubric.doable(plan({"mon": [ex(reps=20)]})) == []
    assert rubric.doable(plan({"mon": [ex(reps=21)]})) != []
    assert rubric.doable(plan({"mon": [ex(unit="seconds", reps=60)]})) == []


def test_hard_bodyweight_leg_work_has_at_most_12_reps() -> None:
    def squat(reps: int, loaded: bool = False) -> dict[str, Any]:
        return plan({"mon": [ex(reps=reps, intensity="RPE 8", loaded=loaded)]})

    assert rubric.doable(squat(12)) == []
    assert rubric.doable(squat(13)) != []
    assert rubric.doable(squat(15, loaded=True)) == []


@pytest.mark.parametrize(("reps", "broken"), [(5, False), (6, True)])
def test_a_near_maximal_movement_stops_at_the_catalogs_reps(reps: int, broken: bool) -> None:
    nordic = ex("nordic_curl", reps=reps, loaded=False)  # advanced, 5 reps in the catalog
    week = plan({"mon": [nordic]}) | {"catalog": {"path": str(BUNDLED_CATALOG)}}
    assert bool(rubric.doable(week)) is broken
    squat = ex("bodyweight_squat", reps=15, loaded=False)  # beginner: the 12 at RPE 8 rules
    assert rubric.doable(plan({"mon": [squat]}) | {"catalog": week["catalog"]}) == []


def test_flexibility_needs_two_timed_holds_a_session() -> None:
    hold = ex("stretch", "mobility", role="mobility", unit="seconds", reps=45)
    drill = ex("leg_swing", "mobility", role="mobility")
    assert rubric.flexibility_holds(plan({"mon": [hold, hold]}, goal="flexibility")) == []
    one = plan({"mon": [hold, drill, drill]}, goal="flexibility")
    assert rubric.flexibility_holds(one) == ["mon: 1 timed static hold(s)"]
    assert rubric.flexibility_holds(plan({"mon": [drill]}, goal="endurance")) == []


def test_the_goal_shows_off_the_eves() -> None:
    goblet = ex(**HEAVY)
    bodyweight = ex("split_squat", **HEAVY, loaded=False)
    assert rubric.goal_shows(plan({"mon": [goblet]}, goal="strength")) == []
    assert rubric.goal_shows(plan({"mon": [bodyweight]}, goal="strength")) != []
    assert rubric.goal_shows(plan({"mon": [bodyweight]}, goal="strength", kit=())) == []
    eve = plan({"mon": [ex()]}, goal="strength", hard_runs=("tue",))
    assert rubric.goal_shows(eve) == []
    assert rubric.goal_shows(plan({"mon": [goblet, goblet]})) == ["mon: 2 heavy lifts, not 1"]
    jump = ex("pogo", "plyometric", role="power")
    assert rubric.goal_shows(plan({"mon": [jump, goblet]}, goal="power")) == []
    assert rubric.goal_shows(plan({"mon": [jump]}, goal="power")) == [
        "no heavy lower-body set in the week"
    ]


def test_a_bodyweight_heavy_lift_is_the_kits_best_only_where_the_plan_says_so() -> None:
    bodyweight = ex("single_leg_rdl", **HEAVY, loaded=False)
    week = plan({"sun": [bodyweight]}, goal="strength", kit=("barbell",))
    assert rubric.goal_shows(week) == ["sun: no heavy loaded lift"]
    why = (
        "sun: no loaded heavy lift for the goal: the only movement family your kit and level"
        " allow (bridge) is trained the day before or after"
    )
    assert rubric.goal_shows({**week, "notes": [why]}) == []
    # The note excuses the load, not the effort: a light session still fails.
    light = plan({"sun": [ex("single_leg_rdl", loaded=False)]}, goal="strength", kit=("barbell",))
    assert rubric.goal_shows({**light, "notes": [why]}) == ["sun: no heavy loaded lift"]
    # Another day's note excuses nothing.
    assert rubric.goal_shows({**week, "notes": [why.replace("sun:", "mon:")]}) != []


def test_the_seeds_counts() -> None:
    session = [
        ex("a"),
        ex("b"),
        ex("c", "calf"),
        ex("d", "core"),
        ex("e", "core"),
        ex("f", "upper"),
    ]
    assert rubric.seed_counts(plan({"mon": session})) == []
    assert rubric.seed_counts(plan({"mon": session[1:]})) == ["mon: 1 lower, not 2-3"]
    untrained = plan({"mon": session}, coverage={"gastrocnemius": 2})
    assert "week: soleus untrained" in rubric.seed_counts(untrained)


def test_the_population_is_seeded_and_writes_only_what_a_new_user_writes() -> None:
    runners = population(40)
    assert runners == population(40)
    assert {r.kit for r in runners} == set(KITS)
    for r in runners:
        assert set(r.data) == {"athlete", "week"}
        assert set(r.data["week"]) <= {
            "available_days",
            "hard_runs",
            "long_run",
            "max_session_minutes",
        }


def test_the_quality_section_judges_every_runner_on_both_catalogs() -> None:
    section = quality_section(2, work_limit=1.0, jobs=1)
    assert len(section.runs) == 4
    assert [row[0] for row in section.tables[0].rows] == [
        "planned",
        *[name for name, _ in rubric.WEEK_CHECKS[1:]],
    ]
    assert not section.problems  # the independent checker agrees with every plan


def test_a_blocks_weeks_are_read_as_weeks_where_the_block_allows() -> None:
    # Two heavy sets of a strength goal with weights: short of the week's floor of 6.
    light = plan({"mon": [ex(**{**HEAVY, "sets": 2})]}, goal="strength")
    assert week_failures([(5, "build", light)])["weeks: heavy sets a week"] == [
        "week 5: 2 heavy sets < 6 for intermediate strength with weights"
    ]
    # The ramp, a deload (half the sets) and the taper (no heavy legs) may hold fewer.
    for kind in ("ramp", "deload", "taper"):
        assert week_failures([(5, kind, light)])["weeks: heavy sets a week"] == []
    # A deload still keeps the goal's heavy lift: what it halves is the sets.
    bodyweight = plan({"mon": [ex("split_squat", **HEAVY, loaded=False)]}, goal="strength")
    assert week_failures([(5, "deload", bodyweight)])["weeks: goal shows"] == [
        "week 5: mon: no heavy loaded lift"
    ]
    assert week_failures([(5, "ramp", bodyweight)])["weeks: goal shows"] == []


def test_a_blocks_first_two_build_weeks_ramp() -> None:
    def planned(number: int, deload: bool = False, taper: bool = False) -> Any:
        week = SimpleNamespace(number=number, deload=deload, taper=taper)
        return SimpleNamespace(setup=SimpleNamespace(week=week))

    weeks = [planned(1), planned(2, deload=True), planned(3), planned(4), planned(5, taper=True)]
    assert week_kinds(weeks) == {1: "ramp", 2: "deload", 3: "ramp", 4: "build", 5: "taper"}

"""Doable prescriptions (planner/training/doable.py), verified by the independent checker from the
plan's own prescription (planner/week/check_doable.py): no set over 20 reps, hard bodyweight
lower-body work at most 12, and past that a harder version, one side or a slower tempo."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import assert_valid, make_config, solve_ok

from planner.catalog.catalog import Catalog
from planner.config.config import parse_config
from planner.config.goals import GoalSettings, resolve
from planner.errors import ConfigError
from planner.pipeline import plan_week
from planner.plan.week import Plan, Prescription, Session
from planner.training.doable import HARDER, SLOW_TEMPO
from planner.training.intensity import near_max
from planner.training.prescription import prescribe
from planner.week.check import check_plan


def _hard_endurance() -> GoalSettings:
    """Strength-endurance written at RPE 8 (the bundled dose stays at RPE 7 and under)."""
    return GoalSettings.model_validate(
        {"prescription": {"endurance": {"intensity": "RPE 8 (2 reps in reserve)"}}}
    )


def test_advanced_endurance_bodyweight_squats_stop_at_12_and_slow_down(bundled: Catalog) -> None:
    profile = resolve("endurance", "advanced", _hard_endurance())  # 3 x 15 at RPE 8
    squat = prescribe(bundled["bodyweight_squat"], profile)
    assert (squat.reps, squat.tempo) == (12, SLOW_TEMPO)
    assert HARDER in squat.intensity
    goblet = prescribe(bundled["goblet_squat"], replace(profile, order=("endurance",)))
    assert goblet.reps == 15  # loaded: add weight, not reps, so 15 is doable at RPE 8


def test_a_block_never_grows_a_set_past_the_caps(bundled: Catalog) -> None:
    # the most work steps, at RPE 8
    late = replace(resolve("endurance", "advanced", _hard_endurance()), block_step=10)
    assert prescribe(bundled["bodyweight_squat"], late).reps == 12
    assert prescribe(bundled["standing_calf_raise"], late).reps <= 20


@pytest.mark.parametrize(("reps", "capped"), [(12, False), (13, True)])
def test_twelve_hard_bodyweight_reps_are_the_boundary(
    bundled: Catalog, reps: int, capped: bool
) -> None:
    override = {"endurance": {"reps": reps, "intensity": "RPE 8 (2 reps in reserve)"}}
    config = make_config(
        athlete={"goal": "endurance", "level": "advanced"}, goal={"prescription": override}
    )
    dosed = prescribe(bundled["bodyweight_squat"], config.profile)
    assert dosed.reps == 12
    assert (HARDER in dosed.intensity) is capped
    assert (dosed.tempo == SLOW_TEMPO) is capped


@pytest.mark.parametrize(("asked", "given"), [(4, 4), (5, 5), (6, 5), (15, 5)])
def test_a_nordic_curl_stops_at_the_catalogs_reps_at_any_effort(
    bundled: Catalog, asked: int, given: int
) -> None:
    # An advanced bodyweight movement: every rep is near-maximal, so the flexibility goal's
    # strength-endurance dose (15 reps at 3 in reserve) is 5, the catalog's set of it.
    override = {"endurance": {"reps": asked}}
    config = make_config(
        athlete={"goal": "flexibility", "level": "advanced"}, goal={"prescription": override}
    )
    nordic = bundled["nordic_curl"]
    assert nordic.level == "advanced" and nordic.reps == 5 and not nordic.loaded
    dosed = prescribe(nordic, config.profile)
    assert (dosed.role, dosed.reps) == ("endurance", given)
    slider = prescribe(bundled["slider_hamstring_curl"], config.profile)  # intermediate
    assert slider.reps == asked


def test_a_flexibility_week_with_a_nordic_curl_passes_the_checker(bundled: Catalog) -> None:
    config = parse_config(
        {
            "athlete": {"goal": "flexibility", "level": "advanced"},
            "week": {"available_days": ["mon", "thu"], "max_session_minutes": 45},
            "include": {"exercises": ["nordic_curl"]},
            "solver": {"time_limit": 5.0, "workers": 1},
        }
    )
    result = plan_week(bundled, config)
    assert_valid(result, bundled, config)
    assert result.plan is not None
    nordic = next(
        p for s in result.plan.sessions for p in s.exercises if p.exercise.id == "nordic_curl"
    )
    assert nordic.reps == 5  # 3 x 15 before


def test_an_easy_bodyweight_set_keeps_its_reps(bundled: Catalog) -> None:
    override = {"endurance": {"reps": 20, "intensity": "RPE 6 (4 reps in reserve)"}}
    config = make_config(goal={"prescription": override})
    assert prescribe(bundled["bodyweight_squat"], config.profile).reps == 20


def test_a_config_asking_more_than_20_reps_is_refused_by_name() -> None:
    make_config(goal={"prescription": {"endurance": {"reps": 20}}})
    with pytest.raises(ConfigError, match=r"goal\.prescription\.endurance\.reps"):
        make_config(goal={"prescription": {"endurance": {"reps": 21}}})


def test_hard_effort_reads_a_range_at_its_top() -> None:
    assert near_max("75-80% 1RM (RPE 7-8)")
    assert near_max("RPE 8, hardest version you can do")
    assert not near_max("RPE 7 (3 reps in reserve)")
    assert not near_max("70% 1RM (RPE 6-7)")


def _one_session(bundled: Catalog, exercise: str, reps: int, intensity: str) -> Plan:
    profile = resolve("endurance", "advanced")
    p = Prescription.of(bundled[exercise], profile)
    written = replace(p, dosed=replace(p.dosed, reps=reps, intensity=intensity, tempo=None))
    return Plan((Session("mon", (written,)),))


@pytest.mark.parametrize(
    ("exercise", "reps", "intensity", "broken"),
    [
        ("bodyweight_squat", 12, "RPE 8", False),
        ("bodyweight_squat", 13, "RPE 8", True),
        ("bodyweight_squat", 19, "RPE 7", False),
        ("goblet_squat", 15, "RPE 8", False),
        ("goblet_squat", 21, "RPE 6", True),
        ("push_up", 21, "RPE 6", True),
        ("nordic_curl", 5, "RPE 7", False),  # advanced, 5 reps in the catalog
        ("nordic_curl", 6, "RPE 7", True),
    ],
)
def test_the_checker_reads_the_plans_own_sets(
    bundled: Catalog, exercise: str, reps: int, intensity: str, broken: bool
) -> None:
    plan = _one_session(bundled, exercise, reps, intensity)
    found = [v for v in check_plan(plan, bundled, make_config()) if v.rule == "doable_sets"]
    assert bool(found) is broken, found


def test_a_bodyweight_advanced_endurance_week_is_doable(bundled: Catalog) -> None:
    result = solve_ok(
        bundled,
        athlete={"goal": "endurance", "level": "advanced"},
        equipment={"available": []},
        week={"available_days": ["mon", "wed", "fri"], "sessions": 3},
        session={"lower": [2, 3], "calf": [1, 2], "core": [2, 2], "upper": [1, 1]},
    )
    assert result.plan is not None
    hard_bodyweight = [
        p
        for s in result.plan.sessions
        for p in s.exercises
        if p.exercise.category == "lower" and not p.exercise.loaded and near_max(p.intensity)
    ]
    assert hard_bodyweight  # the case this test is about
    assert all(p.reps <= 12 for p in hard_bodyweight)

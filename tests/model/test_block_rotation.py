"""A week that brings new exercises may be planned to fit its rotation's last build week
(planner/model/block/rotation.py): the weeks after it keep only its exercises while their
prescriptions grow."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from ortools.sat.python import cp_model

from planner.catalog.catalog import Catalog
from planner.config.config import Config, parse_config
from planner.model.block.rotation import dropped, fit_ahead, last_build_week, rotation_end
from planner.model.block.weeks_block import WeeksBlock
from planner.model.build import build_model, configure
from planner.plan.week import Plan
from planner.training.week_setup import WeekSetup, week_setups
from planner.week.check import check_plan

# The quality benchmark's block 3: an advanced flexibility runner with dumbbells, two 40-minute
# sessions, a marathon 18 weeks out. Its holds grow 5 s a build week, so the third week of
# a rotation is the longest.
STRETCHER: dict[str, Any] = {
    "athlete": {"level": "advanced", "goal": "flexibility"},
    "week": {
        "available_days": ["tue", "wed", "thu", "sat", "sun"],
        "hard_runs": ["mon", "wed"],
        "long_run": "sun",
        "max_session_minutes": 40,
        "sessions": 2,
    },
    "block": {"start": date(2027, 1, 4), "race": date(2027, 5, 9), "distance": "marathon"},
    "equipment": {"available": ["dumbbell"]},
    "solver": {"workers": 1, "seed": 0},
}


@pytest.fixture(scope="module")
def stretcher() -> tuple[Config, tuple[WeekSetup, ...]]:
    config = parse_config(STRETCHER)
    return config, week_setups(config)


def test_a_rotation_runs_from_a_week_that_brings_new_exercises_to_the_next(
    stretcher: tuple[Config, tuple[WeekSetup, ...]],
) -> None:
    config, setups = stretcher
    builds = [not (s.week.deload or s.week.taper) for s in setups]
    # Weeks 1-3 build, 4 deloads, 5-7 build (5 rotates: every 3rd build week), 8 deloads...
    assert builds[:8] == [True, True, True, False, True, True, True, False]
    assert last_build_week(setups, config, 0) == 2
    assert rotation_end(setups, config, 0) == 4
    assert last_build_week(setups, config, 4) == 6
    assert rotation_end(setups, config, 4) == 8
    # A week inside a rotation, or a deload, brings nothing new: nothing to fit.
    assert last_build_week(setups, config, 1) is None
    assert last_build_week(setups, config, 3) is None


def test_without_rotation_the_first_week_fits_the_phases_last_build_week() -> None:
    config = parse_config({**STRETCHER, "block": {**STRETCHER["block"], "rotate_every": 0}})
    setups = week_setups(config)
    last = max(i for i, s in enumerate(setups) if not (s.week.deload or s.week.taper))
    assert last_build_week(setups, config, 0) == last
    assert all(last_build_week(setups, config, i) is None for i in range(1, len(setups)))


def _best(catalog: Catalog, setup: WeekSetup, fits: WeekSetup | None) -> tuple[Plan, int]:
    """The week's best plan alone, its exercises prescribed as `fits` would, and its score."""
    built = build_model(catalog, setup.config)
    if fits is not None:
        fit_ahead(built.model, built.variables, fits)
    solver = cp_model.CpSolver()
    configure(solver, setup.config, None)
    assert solver.solve(built.model) == cp_model.OPTIMAL
    later = (fits or setup).config.profile
    return Plan.from_ids(catalog, later, built.variables.extract(solver)), round(
        solver.objective_value
    )


def test_a_choice_fitted_ahead_is_a_plan_in_the_rotations_longest_week(
    bundled: Catalog, stretcher: tuple[Config, tuple[WeekSetup, ...]]
) -> None:
    _, setups = stretcher
    fifth, seventh = setups[4], setups[6]
    # Week 5's best alone runs over 40 minutes once its exercises are prescribed as in week 7,
    # so weeks 6 and 7, keeping only its exercises, must drop some.
    alone, best = _best(bundled, fifth, None)
    over = {p.rule for p in check_plan(_as_in(alone, seventh, bundled), bundled, seventh.config)}
    assert over == {"session_minutes"}
    fitted, score = _best(bundled, fifth, seventh)
    assert check_plan(fitted, bundled, seventh.config) == []
    assert best - 10 <= score < best  # a few points of week 5 for two whole weeks


def test_fitting_a_week_to_its_own_rules_changes_nothing(
    bundled: Catalog, stretcher: tuple[Config, tuple[WeekSetup, ...]]
) -> None:
    # The boundary: a later week that prescribes as this one adds no constraint that bites.
    fifth = stretcher[1][4]
    best = _best(bundled, fifth, None)[1]
    fitted, score = _best(bundled, fifth, fifth)
    assert score == best
    assert check_plan(fitted, bundled, fifth.config) == []


def _as_in(plan: Plan, setup: WeekSetup, catalog: Catalog) -> Plan:
    days = {s.day: [p.exercise.id for p in s.exercises] for s in plan.sessions}
    return Plan.from_ids(catalog, setup.config.profile, days)


def test_fitting_ahead_is_tried_only_when_the_rotation_dropped_an_exercise() -> None:
    def week(volume: str) -> Any:
        return SimpleNamespace(setup=SimpleNamespace(week=SimpleNamespace(volume=volume)))

    five = {("mon", "a"): 1, ("mon", "b"): 1, ("thu", "c"): 1, ("thu", "d"): 1, ("thu", "e"): 1}
    four = {**five, ("thu", "e"): 0}
    kinds = ["full", "full", "deload", "full"]
    block = WeeksBlock([five, five, four, five], [week(k) for k in kinds], [None] * 4, {})
    assert not dropped(block, 0, 2)  # week 2 kept all five
    assert not dropped(block, 0, 3)  # the deload's fewer sets are no drop
    block.values[3] = four
    assert dropped(block, 0, 4)  # the rotation's last build week lost one
    assert not dropped(block, 0, 3)  # ... but it lies past the rotation's end

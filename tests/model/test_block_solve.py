"""How a block is solved (planner/model/block_solve.py, block_start.py): weeks fixed for
the week-by-week build stay linked to the weeks after them, and a first block stands when
the one-model search runs out of time."""

from __future__ import annotations

from typing import Any

import pytest
from block_fixtures import block_config

from planner.block_check import check_block
from planner.block_setup import week_setups
from planner.catalog import Catalog
from planner.model import block_solve
from planner.model.block_build import build_block_model
from planner.model.build import STATUS, configure
from planner.plan import Status
from planner.report.block_render import render_block


def _solved(built: Any) -> Any:
    from ortools.sat.python import cp_model

    solver = cp_model.CpSolver()
    status = STATUS[solver.solve(built.model)]
    return solver, status


def _week_with(tiny: Catalog, config: Any, exercise: str) -> dict[tuple[str, str], int]:
    """Week 1's values with `exercise` on Monday, solved with its own rules."""
    built = build_block_model(tiny, config, week_setups(config)[:1])
    v = built.weeks[0].variables
    assert v is not None
    built.model.add(v.does["mon", exercise] == 1)
    solver, status = _solved(built)
    assert status == Status.OPTIMAL
    return {key: solver.value(var) for key, var in v.does.items()}


@pytest.mark.parametrize("main_lift", ["squat_goblet", "hinge_rdl"])
def test_a_fixed_week_keeps_its_values_and_the_next_week_holds_its_main_lift(
    tiny: Catalog, main_lift: str
) -> None:
    config = block_config({"weeks": 2, "deload_every": 0})
    first = _week_with(tiny, config, main_lift)
    built = build_block_model(tiny, config, week_setups(config), objective_weeks={1}, fixed=[first])
    solver, status = _solved(built)
    assert status == Status.OPTIMAL
    week1, week2 = (part.variables for part in built.weeks)
    assert week1 is not None and week2 is not None
    assert {key: solver.value(var) for key, var in week1.does.items()} == first
    assert solver.value(week2.does["mon", main_lift]) == 1  # main_lifts_held_within_phase


def test_a_fixed_week_breaking_the_link_leaves_the_next_week_without_a_plan(
    tiny: Catalog,
) -> None:
    config = block_config({"weeks": 2, "deload_every": 0})
    first = _week_with(tiny, config, "squat_goblet")
    built = build_block_model(tiny, config, week_setups(config), objective_weeks={1}, fixed=[first])
    week2 = built.weeks[1].variables
    assert week2 is not None
    built.model.add(week2.does["mon", "squat_goblet"] == 0)  # the held lift refused
    assert _solved(built)[1] == Status.INFEASIBLE


def test_the_first_block_stands_when_the_search_finds_none_in_time(
    tiny: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = block_config({"weeks": 3, "deload_every": 0})
    setups = week_setups(config)

    def no_bounds(*args: Any) -> None:  # the first block then cannot be proven optimal
        return None

    def no_time(solver: Any, config: Any, parameters: Any) -> None:
        configure(solver, config, parameters)
        solver.parameters.max_deterministic_time = 0.0  # the search stops at once

    monkeypatch.setattr(block_solve, "_bound_each_week", no_bounds)
    monkeypatch.setattr(block_solve, "configure", no_time)
    result = block_solve.solve_block(tiny, config, setups)
    assert result.status == Status.FEASIBLE
    assert result.weeks is not None and result.objective is not None
    assert check_block(result.weeks, tiny, config) == []
    # no week bounds, and a search stopped at once reports 0, which is no bound
    assert result.best_bound is None
    assert "no bound known" in render_block(result, config, tiny, "table")
    assert list(result.step_s) == ["build", "week_bounds", "first_block", "search"]

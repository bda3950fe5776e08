"""How a block is solved (planner/model/block_solve.py): a first block stands when the
one-model search runs out of time."""

from __future__ import annotations

from typing import Any

import pytest
from block_fixtures import block_config

from planner.block_check import check_block
from planner.block_setup import week_setups
from planner.catalog import Catalog
from planner.model import block_solve
from planner.model.build import configure
from planner.plan import Status
from planner.report.block_render import render_block


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
    assert list(result.step_s) == ["first_block", "week_bounds", "complete", "search"]

"""A first block, week by week: each week solved on its own objective, the weeks before it
fixed, the block's rules kept; when a week has no plan given the weeks before it, those
are reopened with it (planner/model/block/windows.py). It is the block solver's starting
point (a full hint) and, in benchmarks/, the greedy peer the one-model optimum is
measured against.

The block model grows a week at a time (BlockBuilder), so each week's solve is a copy of
the model so far: building stays linear in the number of weeks.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from ortools.sat.python import cp_model

from planner.catalog.catalog import Catalog
from planner.config.config import Config
from planner.model.block.build import BlockBuilder, BlockModel
from planner.model.block.context import WeekPart
from planner.model.block.windows import WeekValues, next_week
from planner.model.build import configure
from planner.training.week_setup import WeekSetup


def grow_block(
    catalog: Catalog,
    config: Config,
    setups: Sequence[WeekSetup],
    parameters: dict[str, Any] | None = None,
    deadline: float | None = None,
    reopen: bool = True,
) -> tuple[BlockModel, list[WeekValues | None] | None]:
    """The whole block model, and the week-by-week block found while building it: per week
    the value of each does[day, exercise] (None for a week without training); None instead
    of the list when some week found no plan, the weeks before it reopened (`reopen`) or
    not (the plain greedy)."""
    builder = BlockBuilder(catalog, config, len(setups))
    fixed: list[WeekValues | None] | None = []
    for setup in setups:
        part = builder.add_week(setup)
        if fixed is None:
            continue
        if part.variables is None:
            fixed.append(None)
            continue
        weeks = builder.ctx.weeks
        capped = deadline is not None  # the planner's solve, not the plain greedy
        fixed = next_week(builder.model, weeks, fixed, config, parameters, deadline, reopen, capped)
    return builder.finish(), fixed


def week_by_week(
    catalog: Catalog,
    config: Config,
    setups: Sequence[WeekSetup],
    parameters: dict[str, Any] | None = None,
    deadline: float | None = None,
) -> list[WeekValues | None] | None:
    """The week-by-week block alone (the greedy peer)."""
    return grow_block(catalog, config, setups, parameters, deadline)[1]


def complete(
    built: BlockModel,
    start: list[WeekValues | None],
    config: Config,
    parameters: dict[str, Any] | None,
    deadline: float,
) -> tuple[cp_model.CpSolver, int] | None:
    """The week-by-week block in the full model: a solver holding every variable's value,
    and its objective; None when it cannot be completed in time."""
    probe = built.model.clone()
    _fix(probe, built.weeks, start)
    solver = _solver(config, parameters, deadline)
    if solver.solve(probe) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return solver, round(solver.objective_value)


def _fix(model: cp_model.CpModel, weeks: Sequence[WeekPart], values: Sequence[Any]) -> None:
    for part, chosen in zip(weeks, values, strict=False):
        if part.variables is not None and chosen is not None:
            for key, var in part.variables.does.items():
                model.add(var == chosen[key])


def _solver(
    config: Config, parameters: dict[str, Any] | None, deadline: float | None
) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    configure(solver, config, parameters)
    if deadline is not None:
        solver.parameters.max_time_in_seconds = max(0.01, deadline - time.perf_counter())
    return solver

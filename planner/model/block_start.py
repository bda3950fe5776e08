"""A first block, week by week: each week solved on its own objective, the weeks before it
fixed, the block's rules kept. It is the block solver's starting point (a full hint) and,
in benchmarks/, the greedy peer the one-model optimum is measured against."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from ortools.sat.python import cp_model

from planner.block_setup import WeekSetup
from planner.catalog import Catalog
from planner.config import Config
from planner.model.block_build import BlockModel, build_block_model
from planner.model.build import configure


def week_by_week(
    catalog: Catalog,
    config: Config,
    setups: Sequence[WeekSetup],
    parameters: dict[str, Any] | None = None,
    deadline: float | None = None,
) -> list[dict[tuple[str, str], int] | None] | None:
    """Per week, the value of each does[day, exercise] (None for a week without training),
    or None when some week found no plan given the weeks before it."""
    fixed: list[dict[tuple[str, str], int] | None] = []
    for n in range(len(setups)):
        built = build_block_model(
            catalog, config, setups[: n + 1], objective_weeks={n}, fixed=fixed
        )
        solver = cp_model.CpSolver()
        configure(solver, config, parameters)
        if deadline is not None:
            solver.parameters.max_time_in_seconds = max(0.01, deadline - time.perf_counter())
        status = solver.solve(built.model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        v = built.weeks[n].variables
        fixed.append(None if v is None else {key: solver.value(var) for key, var in v.does.items()})
    return fixed


def first_block(
    catalog: Catalog,
    config: Config,
    setups: Sequence[WeekSetup],
    built: BlockModel,
    parameters: dict[str, Any] | None,
    deadline: float,
) -> tuple[cp_model.CpSolver, int] | None:
    """The week-by-week block completed in the full model: a solver holding every
    variable's value, and its objective; None when the week-by-week build found no block."""
    start = week_by_week(catalog, config, setups, parameters, deadline)
    if start is None:
        return None
    probe = built.model.clone()
    for part, values in zip(built.weeks, start, strict=True):
        if part.variables is not None and values is not None:
            for key, var in part.variables.does.items():
                probe.add(probe.get_bool_var_from_proto_index(var.index) == values[key])
    solver = cp_model.CpSolver()
    configure(solver, config, parameters)
    solver.parameters.max_time_in_seconds = max(0.01, deadline - time.perf_counter())
    if solver.solve(probe) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return solver, round(solver.objective_value)

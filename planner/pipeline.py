"""The one way a plan is made: solve, then verify with the independent checker."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from planner.catalog.catalog import Catalog
from planner.config.config import Config
from planner.deadline import Deadline
from planner.plan.block import BlockResult
from planner.plan.week import SolveResult, Status
from planner.week.check import check_plan
from planner.week.shortfalls import missed_in


def plan_week(
    catalog: Catalog,
    config: Config,
    parameters: dict[str, Any] | None = None,
    deadline: Deadline | None = None,
) -> SolveResult:
    """Solve the athlete's week and re-verify every hard rule on the plan it returns.

    `deadline`: the time limit's clock, when it started before this call (the command's
    start, so that reading the inputs counts); by default it starts now."""
    from planner.model import solve  # OR-Tools loads only when a solve is asked for

    result = solve(catalog, config, parameters=parameters, deadline=deadline)
    if result.status == Status.INFEASIBLE:
        from planner.week.explain import explain_conflict

        limit = config.solver.time_limit
        report = explain_conflict(catalog, config, limit, proven_infeasible=True)
        return replace(result, conflicts=report.conflicts, note=report.note)
    if result.plan is None:
        return result
    violations = check_plan(result.plan, catalog, config)
    missed = missed_in(result, catalog, config)
    return replace(result, violations=tuple(str(v) for v in violations), missed=missed)


def plan_block(
    catalog: Catalog, config: Config, parameters: dict[str, Any] | None = None
) -> BlockResult:
    """Solve the athlete's block as one model and re-verify every rule of every week."""
    from planner.block.check import check_block
    from planner.model.block.solve import solve_block
    from planner.training.week_setup import week_setups

    setups = week_setups(config)
    result = solve_block(catalog, config, setups, parameters=parameters)
    if result.status == Status.INFEASIBLE:
        from planner.block.explain import explain_block_conflict

        report = explain_block_conflict(catalog, config, setups, config.solver.time_limit)
        return replace(result, conflicts=report.conflicts, note=report.note)
    if result.weeks is None:
        return result
    from planner.block.shortfalls import with_week_notes

    violations = check_block(result.weeks, catalog, config)
    result = with_week_notes(result, catalog)
    return replace(result, violations=tuple(str(v) for v in violations))

"""Each week's best alone: a bound on its part of the block's objective, and the plan the
week (or its phase) starts from in the first block (planner/model/block/start.py).

A week of the block is its week model plus the block's links, so it scores no more than
the week alone. A week near the race alone also keeps the block rules that read only that
week (OWN_WEEK_RULES: no heavy legs in the taper's last days, nothing for the legs in the
last two, no session on the race's eve): still a bound, and a tighter one. The marathon's
race week alone scores 4,430, under those rules 4,410.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from planner.catalog.catalog import Catalog
from planner.config.config import Config
from planner.model.block.build import BlockBuilder
from planner.model.block.context import WeekPart
from planner.model.block.rules import OWN_WEEK_RULES
from planner.model.block.windows import WeekValues, week_values
from planner.model.build import ORTOOLS_VERSION, STATUS, configure, solve
from planner.plan.week import Plan, SolveResult
from planner.training.week_setup import LEG_FREE_DAYS, WeekSetup, week_key

# How long each week alone may look for its proof, in CP-SAT's deterministic seconds (work,
# not the clock, so the block is the same whatever the machine's load). A week unproven in
# that has no bound; its best plan found still serves as a start.
WEEK_BOUND_WORK_S = 3.0


def bound_key(setup: WeekSetup, config: Config) -> str:
    """Weeks with equal keys have the same best alone; a week near the race is its own."""
    key = week_key(setup.config)
    return f"{key}|week {setup.week.number}" if near_race(setup, config) else key


def week_optima(
    catalog: Catalog,
    config: Config,
    setups: Sequence[WeekSetup],
    parameters: dict[str, Any] | None,
    deadline: float,
) -> dict[str, SolveResult]:
    """Each training week's best alone, by bound_key (alike weeks are solved once), each
    after at most WEEK_BOUND_WORK_S of work; the weeks not reached by the deadline left out."""
    work = {**(parameters or {}), "max_deterministic_time": WEEK_BOUND_WORK_S}
    best: dict[str, SolveResult] = {}
    for setup in setups:
        key = bound_key(setup, config)
        if not setup.rests and key not in best and time.perf_counter() < deadline:
            best[key] = best_alone(catalog, config, setup, work, deadline)
    return best


def best_alone(
    catalog: Catalog,
    config: Config,
    setup: WeekSetup,
    parameters: dict[str, Any] | None,
    deadline: float,
) -> SolveResult:
    """The week's best alone (with its own block rules when near the race)."""
    left = max(0.01, deadline - time.perf_counter())
    week_config = setup.config.with_solver(time_limit=left)
    if near_race(setup, config):
        return _alone_with_own_rules(catalog, config, setup, week_config, parameters)
    return solve(catalog, week_config, parameters=parameters)


def near_race(setup: WeekSetup, config: Config) -> bool:
    settings = config.block
    if settings is None or settings.race is None:
        return False
    reach = max(settings.taper_days, LEG_FREE_DAYS + 1)
    left = (setup.week.days_before_race(day) for day in setup.days)
    return any(d is not None and 0 <= d < reach for d in left)


def _alone_with_own_rules(
    catalog: Catalog,
    config: Config,
    setup: WeekSetup,
    week_config: Config,
    parameters: dict[str, Any] | None,
) -> SolveResult:
    started = time.perf_counter()
    builder = BlockBuilder(catalog, config, 1, only=OWN_WEEK_RULES)
    part = builder.add_week(setup)
    built = builder.finish()
    solver = cp_model.CpSolver()
    configure(solver, week_config, parameters)
    status = STATUS[solver.solve(built.model)]
    common: dict[str, Any] = {
        "wall_time_s": time.perf_counter() - started,
        "seed": week_config.solver.seed,
        "workers": week_config.solver.workers,
        "ortools_version": ORTOOLS_VERSION,
        "solver_time_s": solver.wall_time,
    }
    if not status.has_plan or part.variables is None:
        return SolveResult(status, None, None, None, **common)
    plan = Plan.from_ids(catalog, setup.config.profile, part.variables.extract(solver))
    bound = math.floor(solver.best_objective_bound + 1e-6)
    return SolveResult(status, plan, round(solver.objective_value), bound, **common)


# A week's bound from its root alone: the LP there gave each marathon week its optimum (8216
# for the build weeks) in 0.1 s, where finding the plan took 0.4 s more. Any bound CP-SAT
# reports is valid, however early it stops. Presolve found nothing the LP missed on the
# marathon's weeks (the same bounds) and took 40 % of the time: 0.13 -> 0.075 s a week.
ROOT_ONLY = {"stop_after_root_propagation": True, "cp_model_presolve": False}
# A template's or a week near the race's plan, and its proof: stopping within a twentieth of
# a percent of the bound saved the half-marathon block b02 4 s, and cost its block 0.08 %.
PLAN_WORK = {"max_deterministic_time": WEEK_BOUND_WORK_S}


@dataclass
class AloneWeek:
    """One distinct week alone: its model (the week model and the block rules that read only
    it), its part, and the bound on its share of any block's objective."""

    model: cp_model.CpModel
    part: WeekPart
    bound: int
    plan: WeekValues | None = None  # its best plan alone, when searched for one


Alone = dict[tuple[str, tuple[str, ...]], AloneWeek]  # by alone_key: bound_key and days


def alone_key(setup: WeekSetup, config: Config) -> tuple[str, tuple[str, ...]]:
    return bound_key(setup, config), setup.days


def weeks_alone(
    catalog: Catalog,
    config: Config,
    setups: Sequence[WeekSetup],
    parameters: dict[str, Any] | None,
    deadline: float,
    plan_by: float | None = None,
) -> Alone | None:
    """Each distinct week alone, bounded at its root; each phase's last build week and the
    weeks near the race also planned (its plan is the phase's template, start.py's
    _phase_templates), until `plan_by`: a loaded machine bounds the rest at their root only.
    None when a week has no bound (no plan at all, or time ran out) or is one as it
    happened."""
    last_build: dict[str, tuple[str, tuple[str, ...]]] = {}
    for setup in setups:
        w = setup.week
        if not (setup.rests or w.deload or w.taper or setup.disrupted or setup.over):
            last_build[w.phase] = alone_key(setup, config)
    # A template's plan starts its phase; a week near the race, whose own rules the weeks
    # before it never met (no heavy legs in the taper), starts from its own.
    planned = set(last_build.values()) | {
        alone_key(s, config) for s in setups if not s.rests and near_race(s, config)
    }
    alone: Alone = {}
    for setup in setups:
        key = alone_key(setup, config)
        if setup.rests or key in alone:
            continue
        if setup.over or time.perf_counter() >= deadline:
            return None  # a week as it happened is the re-plan's (planner/replan)
        builder = BlockBuilder(catalog, config, 1, only=OWN_WEEK_RULES)
        part = builder.add_week(setup)
        model = builder.finish().model
        planning = key in planned and (plan_by is None or time.perf_counter() < plan_by)
        work = PLAN_WORK if planning else ROOT_ONLY
        solver = solver_for(config, {**(parameters or {}), **work}, deadline)
        status = solver.solve(model)
        bound = _bound(solver, status)
        if bound is None:
            return None
        week = AloneWeek(model, part, bound)
        if planning and status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            week.plan = week_values(solver, part)
        alone[key] = week
    return alone


def _bound(solver: cp_model.CpSolver, status: cp_model.CpSolverStatus) -> int | None:
    """The week's bound: the best bound its search reached (its optimum when proven; at the
    root, the LP's). Not the objective when OPTIMAL: a search stopped by its gap limit says
    OPTIMAL too (8,199 found, 8,203 its bound). None when it has none: infeasible, or
    CP-SAT's placeholder (0 and 0)."""
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.UNKNOWN):
        return None
    reported = solver.best_objective_bound
    if not math.isfinite(reported) or (reported == 0 and solver.objective_value == 0):
        return None
    return math.floor(reported + 1e-6)


def solver_for(config: Config, parameters: dict[str, Any], deadline: float) -> cp_model.CpSolver:
    """A solver with the config's and these parameters, stopping at the deadline at last."""
    solver = cp_model.CpSolver()
    configure(solver, config, parameters)
    solver.parameters.max_time_in_seconds = max(0.01, deadline - time.perf_counter())
    return solver

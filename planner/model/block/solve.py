"""Solve a block: bounds from each week alone, a first block week by week, then the one-model
search over the whole block."""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from ortools.sat.python import cp_model

from planner.catalog.catalog import Catalog
from planner.config.config import Config
from planner.model.block.bounds import best_alone, bound_key, week_optima, weeks_alone
from planner.model.block.build import BlockModel, build_block_model
from planner.model.block.start import complete, grow_block
from planner.model.block.week_models import block_from_week_models, played_again
from planner.model.block.weeks_block import WeeksBlock
from planner.model.block.windows import WeekValues, repair_short_weeks
from planner.model.build import ORTOOLS_VERSION, STATUS, configure
from planner.plan.block import BLOCK_GAP_LIMIT, BlockResult, PlannedWeek
from planner.plan.week import Plan, SolveResult, Status
from planner.training.week_setup import WeekSetup

BOUNDS_SHARE = 1 / 3  # of the time limit, for the weeks alone before the first block
COMPLETE_GRACE_S = 5.0  # seconds past the limit a found first block may take to complete
# None when the weeks' models already suffice.
LATER_STEPS = ("whole_model", "complete", "repair", "search")


def solve_block(
    catalog: Catalog,
    config: Config,
    setups: Sequence[WeekSetup],
    *,
    parameters: dict[str, Any] | None = None,
) -> BlockResult:
    """Solve the whole block; the status says whether one was found and proven optimal.

    The steps share the time limit. Each distinct week alone is bounded at its root (a week
    of the block is its week model plus the block's links, so it scores no more), and the
    plan of each phase's last build week, or of a week near the race, found: where the
    phase, or the week, starts. A first block is then built week by week in small models,
    each week a copy of its own with the weeks before it as constants
    (planner/model/block/week_models.py), looking ahead to the taper from the last week that
    may bring new exercises before it (look_ahead.py), and played again from that week when
    it falls short all the same. Within BLOCK_GAP_LIMIT of the weeks' bounds it is the
    answer (optimal when it meets them all). Otherwise, or when a week found no plan
    that way, the whole model takes over: the first block grown in it (start.py, which can
    reopen earlier weeks) or the one found, completed, each week below its bound solved
    again with the week before it (windows.py), then the one-model search from it, the
    bounds in its LP.
    """
    started = time.perf_counter()
    limit = config.solver.time_limit
    deadline = started + limit
    steps = _Steps(started)
    alone = weeks_alone(
        catalog, config, setups, parameters, deadline, started + BOUNDS_SHARE * limit
    )
    steps.done("week_bounds")
    quick = (
        None
        if alone is None
        else block_from_week_models(alone, config, setups, parameters, deadline)
    )
    steps.done("first_block")
    if alone is not None and quick is not None and not _near(quick.objective, quick.bound):
        # Short of the gap limit: the taper weeks mostly lost to the weeks before them.
        quick = played_again(quick, alone, config, setups, parameters, deadline) or quick
    steps.done("look_ahead")
    over = quick is not None and time.perf_counter() >= deadline
    if quick is not None and (over or _near(quick.objective, quick.bound)):
        # Within the gap limit; or out of time, when the whole model could not help.
        short = "gap limit" if _near(quick.objective, quick.bound) else "time limit"
        result = _quick_result(catalog, config, setups, quick, started, short)
        return replace(result, step_s={**steps.seconds, **dict.fromkeys(LATER_STEPS, 0.0)})
    if quick is not None:
        # Short of the gap limit: the block found so is the whole model's start, each week
        # capped at its bound (a week of the block scores no more than the week alone).
        built = build_block_model(catalog, config, setups)
        bounds: dict[int, int] | None = dict(quick.bounds)
        for index, cap in quick.bounds.items():
            terms = built.weeks[index].terms
            built.model.add(sum(t.weight * t.expression for t in terms) <= cap)
        values: list[WeekValues | None] | None = list(quick.values)
    else:
        # The weeks alone may take a share of the limit, so that a loaded machine still
        # leaves the first block its time; a week not reached is bounded after it.
        optima = week_optima(catalog, config, setups, parameters, started + BOUNDS_SHARE * limit)
        built, values = grow_block(catalog, config, setups, parameters, deadline, optima=optima)
    steps.done("whole_model")
    # A first block found is completed even when it took the whole limit (every choice is
    # fixed, so this is propagation, about a second): a block a little late beats none.
    late = max(deadline, time.perf_counter() + COMPLETE_GRACE_S)
    start = None if values is None else complete(built, values, config, parameters, late)
    steps.done("complete")
    if start is None and quick is not None:  # a loaded machine: the weeks' block stands
        result = _quick_result(catalog, config, setups, quick, started, "time limit")
        return replace(result, step_s={**steps.seconds, "repair": 0.0, "search": 0.0})
    if quick is None:
        bounds = _bound_each_week(catalog, built, parameters, deadline, optima)
    solver = cp_model.CpSolver()
    if start is not None and bounds is not None and not _near(start[1], sum(bounds.values())):
        # Weeks below their bound often lost it to a link with the week before: cheap to
        # win back in a window, where the one-model search may not find it in the limit.
        start = repair_short_weeks(
            built.model, built.weeks, start, bounds, config, parameters, deadline, _near
        )
    steps.done("repair")
    fell_back, left = False, None  # the first block stands; the bound known then
    stopped = ""
    if start is not None and bounds is not None and start[1] >= sum(bounds.values()):
        solver, status = start[0], Status.OPTIMAL  # the first block meets every week's bound
    elif start is not None and bounds is not None and _near(start[1], sum(bounds.values())):
        # Within the gap limit of the weeks' bounds: the search could only close the rest.
        solver, status, stopped = start[0], Status.FEASIBLE, "gap limit"
        fell_back, left = True, sum(bounds.values())
    else:
        if start is not None:
            for var in range(len(built.model.proto.variables)):
                built.model.add_hint(
                    built.model.get_int_var_from_proto_index(var),
                    start[0].value(built.model.get_int_var_from_proto_index(var)),
                )
        configure(solver, config, parameters)
        solver.parameters.max_time_in_seconds = max(0.01, deadline - time.perf_counter())
        solver.parameters.relative_gap_limit = BLOCK_GAP_LIMIT
        status = STATUS[solver.solve(built.model)]
        if status == Status.OPTIMAL and _short_of_bound(solver):
            status, stopped = Status.FEASIBLE, "gap limit"  # near enough, not a proof
        if status == Status.UNKNOWN and start is not None:
            # Time ran out before the search returned a block: the first block stands.
            fell_back, left = True, _bound_left(solver, bounds, start[1])
            solver, status = start[0], Status.FEASIBLE
    steps.done("search")
    result = _result(catalog, config, setups, built, solver, status, started)
    if fell_back:  # the first block's own solver knows no bound
        result = replace(result, best_bound=left)
    if result.status == Status.FEASIBLE and not stopped:
        stopped = "time limit"
    return replace(result, step_s=steps.seconds, stopped=stopped)


def _quick_result(
    catalog: Catalog,
    config: Config,
    setups: Sequence[WeekSetup],
    block: WeeksBlock,
    started: float,
    short: str = "gap limit",
) -> BlockResult:
    """The block found week by week in small models, optimal when it meets its weeks'
    bounds, else stopped `short` of them (within the gap limit, or out of time)."""
    weeks = []
    terms: dict[str, int] = {}
    for part, solver in zip(block.parts, block.solvers, strict=True):
        v = part.variables
        days = {} if v is None or solver is None else v.extract(solver)
        weeks.append(PlannedWeek(part.setup, Plan.from_ids(catalog, part.config.profile, days)))
        for t in part.terms:
            assert solver is not None
            terms[t.name] = terms.get(t.name, 0) + t.weight * round(solver.value(t.expression))
    proven = block.objective >= block.bound
    return BlockResult(
        Status.OPTIMAL if proven else Status.FEASIBLE,
        tuple(weeks),
        block.objective,
        block.objective if proven else block.bound,
        wall_time_s=time.perf_counter() - started,
        seed=config.solver.seed,
        workers=config.solver.workers,
        ortools_version=ORTOOLS_VERSION,
        setups=tuple(setups),
        solver_time_s=block.solver_s,
        stopped="" if proven else short,
        objective_terms=terms,
    )


def _near(objective: int, bound: int) -> bool:
    return bound - objective <= BLOCK_GAP_LIMIT * max(1, abs(objective))


def _short_of_bound(solver: cp_model.CpSolver) -> bool:
    return math.floor(solver.best_objective_bound + 1e-6) > round(solver.objective_value)


class _Steps:
    """Wall seconds per step, each from the end of the one before."""

    def __init__(self, started: float) -> None:
        self.last = started
        self.seconds: dict[str, float] = {}

    def done(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] = now - self.last
        self.last = now


def _result(
    catalog: Catalog,
    config: Config,
    setups: Sequence[WeekSetup],
    built: BlockModel,
    solver: cp_model.CpSolver,
    status: Status,
    started: float,
) -> BlockResult:
    common: dict[str, Any] = {
        "wall_time_s": time.perf_counter() - started,
        "seed": config.solver.seed,
        "workers": config.solver.workers,
        "ortools_version": ORTOOLS_VERSION,
        "setups": tuple(setups),
        "solver_time_s": solver.wall_time,
    }
    if not status.has_plan:
        return BlockResult(status, None, None, None, **common)
    weeks = []
    terms: dict[str, int] = {}
    for part in built.weeks:
        v = part.variables
        days = {} if v is None else v.extract(solver)
        weeks.append(PlannedWeek(part.setup, Plan.from_ids(catalog, part.config.profile, days)))
        for t in part.terms:
            terms[t.name] = terms.get(t.name, 0) + t.weight * round(solver.value(t.expression))
    objective = sum(terms.values())
    bound = (
        objective if status == Status.OPTIMAL else math.floor(solver.best_objective_bound + 1e-6)
    )
    return BlockResult(status, tuple(weeks), objective, bound, objective_terms=terms, **common)


def _bound_left(search: cp_model.CpSolver, bounds: dict[int, int] | None, found: int) -> int | None:
    """The best bound known when the search returned no block: the week caps' sum, or the
    search's own bound when it has one. A search that returned no block reports 0 for its
    objective and its bound (CP-SAT 9.x, even past presolve), which is no bound: a block
    that misses a target scores below 0, so 0 would pass for one. A bound below the block
    already found is no bound either."""
    known = [] if bounds is None else [sum(bounds.values())]
    reported = search.best_objective_bound
    placeholder = reported == 0 and search.objective_value == 0
    if math.isfinite(reported) and not placeholder:
        own = math.floor(reported + 1e-6)
        known += [own] if own >= found else []
    return min(known, default=None)


def _bound_each_week(
    catalog: Catalog,
    built: BlockModel,
    parameters: dict[str, Any] | None,
    deadline: float,
    optima: dict[str, SolveResult] | None = None,
) -> dict[int, int] | None:
    """Cap each week's objective at that week's optimum on its own, and return the caps by
    week (0-based).

    A week of the block is its week model plus the block's links, so it can score no more
    than the week alone. The caps are redundant, but they give the LP the bound the links
    hide. None when some week's optimum was not proven in time (that week stays uncapped).
    Weeks whose optimum is in `optima` were capped when the block was grown (start.py).
    """
    assert built.config is not None
    best: dict[str, SolveResult] = dict(optima or {})
    bounds: dict[int, int] | None = {}
    for index, part in enumerate(built.weeks):
        if part.variables is None or not part.terms:
            continue
        key = bound_key(part.setup, built.config)
        capped = key in best and best[key].status == Status.OPTIMAL
        if not capped and (key not in best or time.perf_counter() < deadline):
            best[key] = best_alone(catalog, built.config, part.setup, parameters, deadline)
        week = best[key]
        if week.status != Status.OPTIMAL or week.objective is None:
            bounds = None
            continue
        if not capped:
            built.model.add(sum(t.weight * t.expression for t in part.terms) <= week.objective)
        if bounds is not None:
            bounds[index] = week.objective
    return bounds

"""The re-planned block as CP-SAT sees it: the block model (planner/model/block/build.py)
with the kept weeks and the done sessions fixed, the changed-slots layer of the week
re-plan over the weeks re-planned, and the same lexicographic two-step solve, each step
from a complete hint (the old block, then the first step's answer).

The block model merges twins (exercises the model cannot tell apart), so slots are counted
per representative, and the sessions that stand get their own exercise ids back.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from planner.catalog.catalog import Catalog
from planner.config.config import Config
from planner.model.block.build import BlockBuilder
from planner.model.block.context import WeekPart
from planner.model.build import ORTOOLS_VERSION, STATUS
from planner.model.variables import Variables
from planner.plan.block import BlockResult, PlannedWeek
from planner.plan.week import Plan, Status
from planner.replan.block_setup import BlockReplan
from planner.replan.week_model import _hint_solution, _run, changed_slots_expression


@dataclass(frozen=True)
class BlockReplanSolve:
    result: BlockResult
    changed: int | None
    narrow: bool = True  # the weeks without news were kept as they were


def solve_block_replan(
    catalog: Catalog, config: Config, replan: BlockReplan, parameters: dict[str, Any] | None
) -> BlockReplanSolve:
    started = time.perf_counter()
    deadline = started + config.solver.time_limit
    builder = BlockBuilder(catalog, config, len(replan.setups))
    for setup in replan.setups:
        builder.add_week(setup)
    built = builder.finish()
    model = built.model
    changed: list[cp_model.LinearExprT] = []
    for i, part in enumerate(built.weeks):
        v = part.variables
        if v is None:
            continue
        reference = _as_representatives(v, replan.reference[i])
        _fix(model, v, _as_representatives(v, replan.fixed[i]), whole=i < replan.first)
        if i >= replan.first:
            changed.append(changed_slots_expression(model, v, reference))
        for day in v.days:
            model.add_hint(v.trains_on[day], day in reference)
            for e in v.exercises:
                model.add_hint(v.does[day, e.id], e.id in reference.get(day, ()))
    total = cp_model.LinearExpr.sum(changed)
    objective = sum(t.weight * t.expression for p in built.weeks for t in p.terms)
    common: dict[str, Any] = {
        "seed": config.solver.seed,
        "workers": config.solver.workers,
        "ortools_version": ORTOOLS_VERSION,
        "setups": replan.setups,
    }
    # The weeks with news first, the others as they were; all weeks from the date on only
    # when no such block keeps every rule.
    narrow = model.clone()
    _keep_other_weeks(narrow, built.weeks, replan)
    status, solver, steps = _lexicographic(narrow, total, objective, config, parameters, deadline)
    narrowed = status != Status.INFEASIBLE
    if not narrowed:
        status, solver, more = _lexicographic(model, total, objective, config, parameters, deadline)
        steps += more
    if solver is None:
        wall = time.perf_counter() - started
        result = BlockResult(status, None, None, None, wall, solver_time_s=steps, **common)
        return BlockReplanSolve(result, None, narrowed)
    weeks = []
    terms: dict[str, int] = {}
    for i, part in enumerate(built.weeks):
        v = part.variables
        days = {} if v is None else v.extract(solver)
        days.update({d: list(ids) for d, ids in replan.fixed[i].items()})  # their own ids
        order = {d: n for n, d in enumerate(part.setup.days)}
        days = dict(sorted(days.items(), key=lambda item: order.get(item[0], 7)))
        weeks.append(PlannedWeek(part.setup, Plan.from_ids(catalog, part.config.profile, days)))
        for t in part.terms:
            terms[t.name] = terms.get(t.name, 0) + t.weight * round(solver.value(t.expression))
    value = sum(terms.values())
    bound = value if status == Status.OPTIMAL else max(value, round(solver.best_objective_bound))
    result = BlockResult(
        status,
        tuple(weeks),
        value,
        bound,
        time.perf_counter() - started,
        objective_terms=terms,
        solver_time_s=steps,
        **common,
    )
    return BlockReplanSolve(result, round(solver.value(total)), narrowed)


def _keep_other_weeks(
    model: cp_model.CpModel, weeks: Sequence[WeekPart], replan: BlockReplan
) -> None:
    """The weeks from the date on without news stay as they were."""
    for i, part in enumerate(weeks):
        v = part.variables
        if v is None or i < replan.first or i in replan.free:
            continue
        reference = _as_representatives(v, replan.reference[i])
        for day in v.days:
            model.add(v.trains_on[day] == int(day in reference))
            for e in v.exercises:
                model.add(v.does[day, e.id] == int(e.id in reference.get(day, ())))


def _lexicographic(
    model: cp_model.CpModel,
    changed: cp_model.LinearExprT,
    objective: cp_model.LinearExprT,
    config: Config,
    parameters: dict[str, Any] | None,
    deadline: float,
) -> tuple[Status, cp_model.CpSolver | None, float]:
    """Fewest changed slots, then the best block among those; the status, the solver
    holding the answer, and the solver's seconds."""
    model.minimize(changed)
    first = _run(model, config, parameters, deadline)
    first_status = STATUS[first.solve(model)]
    if not first_status.has_plan:
        return first_status, None, first.wall_time
    model.add(changed <= round(first.objective_value))
    _hint_solution(model, first)
    model.maximize(objective)
    second = _run(model, config, parameters, deadline)
    status = STATUS[second.solve(model)]
    seconds = first.wall_time + second.wall_time
    if not status.has_plan:
        # The objective's own variables are unset in the first step: no best block to give.
        return Status.UNKNOWN, None, seconds
    if first_status != Status.OPTIMAL:
        status = Status.FEASIBLE
    return status, second, seconds


def _as_representatives(
    v: Variables, sessions: Mapping[str, Sequence[str]]
) -> dict[str, tuple[str, ...]]:
    """Exercise ids as the model's representatives of their twins; ids the model does not
    hold (no longer allowed) stay as they are and count as changed."""
    rep = {i: r for r, ids in v.twins.items() for i in ids}
    return {d: tuple(rep.get(i, i) for i in ids) for d, ids in sessions.items()}


def _fix(
    model: cp_model.CpModel, v: Variables, fixed: Mapping[str, Sequence[str]], whole: bool
) -> None:
    """Fixed sessions hold exactly their exercises; in a kept (`whole`) week, the other
    days hold nothing."""
    for day in v.days:
        if day in fixed:
            model.add(v.trains_on[day] == 1)
            for e in v.exercises:
                model.add(v.does[day, e.id] == int(e.id in fixed[day]))
        elif whole:
            model.add(v.trains_on[day] == 0)

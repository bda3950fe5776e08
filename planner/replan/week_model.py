"""The re-planned week as CP-SAT sees it: the week model (planner/model/build.py) with the
fixed sessions fixed, a changed-slots layer, and a lexicographic solve: fewest changed
exercise slots first, then the week's own objective among the plans that change that few.

Both steps start from a complete hint: the old plan (with the asked moves made) for the
first, the first step's answer for the second, so the solver starts at a plan that is
already nearly right. Twins are not merged and dominated exercises not dropped here: the
old plan names exact exercises, and a done session must come back exactly as it was.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from planner.catalog.catalog import Catalog
from planner.config.config import Config
from planner.model.build import ORTOOLS_VERSION, STATUS, WeekModel, build_model, configure
from planner.model.variables import Variables
from planner.plan.week import Plan, SolveResult, Status
from planner.replan.setup import WeekReplan
from planner.training.eligibility import eligible_exercises


@dataclass(frozen=True)
class ReplanSolve:
    """A re-plan's solve: the week (a SolveResult, so every report can show it), the
    session count it found room for, and its changed slots against the reference."""

    result: SolveResult
    sessions: int
    changed: int | None
    config: Config  # the week's config at that session count


def solve_replan(
    catalog: Catalog, replan: WeekReplan, parameters: dict[str, Any] | None = None
) -> ReplanSolve:
    """The planned number of sessions when the rules allow it, else one fewer and so on:
    missed work is moved when it can be and dropped only when it cannot."""
    started = time.perf_counter()
    deadline = started + replan.config.solver.time_limit
    fewest = max(len(replan.fixed), 1)
    tried: ReplanSolve | None = None
    for sessions in range(replan.config.week.session_count, fewest - 1, -1):
        config = replan.config.reshaped(sessions=sessions)
        tried = _solve_count(catalog, replan, config, parameters, started, deadline)
        if tried.result.status != Status.INFEASIBLE:
            return tried
    assert tried is not None
    first = replan.config
    return ReplanSolve(tried.result, first.week.session_count, None, first)


def _solve_count(
    catalog: Catalog,
    replan: WeekReplan,
    config: Config,
    parameters: dict[str, Any] | None,
    started: float,
    deadline: float,
) -> ReplanSolve:
    built = _build(catalog, config, replan)
    v = built.variables
    changed = changed_slots_expression(built.model, v, replan.reference)
    _fix_sessions(built.model, v, replan.fixed)
    _hint_plan(built.model, v, replan.reference)
    built.model.minimize(changed)
    first = _run(built.model, config, parameters, deadline)
    first_status = STATUS[first.solve(built.model)]
    if not first_status.has_plan:
        return ReplanSolve(_no_plan(first_status, config, started, first), 0, None, config)
    fewest = round(first.objective_value)
    built.model.add(changed <= fewest)
    _hint_solution(built.model, first)
    objective = sum(t.weight * t.expression for t in built.terms)
    built.model.maximize(objective)
    second = _run(built.model, config, parameters, deadline)
    status = STATUS[second.solve(built.model)]
    solver = second if status.has_plan else first
    if not status.has_plan:
        status = Status.FEASIBLE  # the first step's plan stands: fewest changes, not best
    elif first_status != Status.OPTIMAL:
        status = Status.FEASIBLE  # fewest changes not proven: neither is the whole
    plan = Plan.from_ids(catalog, config.profile, v.extract(solver))
    terms = {t.name: t.weight * round(solver.value(t.expression)) for t in built.terms}
    value = sum(terms.values())
    bound = value if status == Status.OPTIMAL else _bound(second, value)
    result = SolveResult(
        status,
        plan,
        value,
        bound,
        time.perf_counter() - started,
        config.solver.seed,
        config.solver.workers,
        ORTOOLS_VERSION,
        objective_terms=terms,
        solver_time_s=first.wall_time + second.wall_time,
    )
    return ReplanSolve(result, config.week.session_count, round(solver.value(changed)), config)


def _build(catalog: Catalog, config: Config, replan: WeekReplan) -> WeekModel:
    planned = {i for ids in replan.old.values() for i in ids}
    chosen = {e.id for e in eligible_exercises(catalog, config)} | planned
    exercises = [e for e in catalog if e.id in chosen]
    return build_model(
        catalog, config, exercises=exercises, merge_twins=False, drop_dominated=False
    )


def changed_slots_expression(
    model: cp_model.CpModel, v: Variables, reference: Mapping[str, Sequence[str]]
) -> cp_model.LinearExprT:
    """Per exercise, the larger of the reference's slots it leaves and the new slots it
    takes (planner/replan/slots.py counts the same on plain plans)."""
    per_exercise: list[cp_model.LinearExprT] = []
    for e in v.exercises:
        was = [d for d, ids in reference.items() if e.id in ids]
        left = sum(1 - v.does[d, e.id] if d in v.days else 1 for d in was)
        took = sum(v.does[d, e.id] for d in v.days if d not in was)
        if not was:
            per_exercise.append(took)
            continue
        count = model.new_int_var(0, len(was) + len(v.days), f"changed[{e.id}]")
        model.add(count >= left)
        model.add(count >= took)
        per_exercise.append(count)
    return cp_model.LinearExpr.sum(per_exercise)


def _fix_sessions(
    model: cp_model.CpModel, v: Variables, fixed: Mapping[str, Sequence[str]]
) -> None:
    """A fixed session holds exactly its exercises: what was done stays done."""
    for day, ids in fixed.items():
        model.add(v.trains_on[day] == 1)
        for e in v.exercises:
            model.add(v.does[day, e.id] == int(e.id in ids))


def _hint_plan(model: cp_model.CpModel, v: Variables, plan: Mapping[str, Sequence[str]]) -> None:
    for day in v.days:
        model.add_hint(v.trains_on[day], day in plan)
        for e in v.exercises:
            model.add_hint(v.does[day, e.id], e.id in plan.get(day, ()))


def _hint_solution(model: cp_model.CpModel, solver: cp_model.CpSolver) -> None:
    """Every variable at its value in the solver's answer: a complete hint."""
    model.clear_hints()  # type: ignore[no-untyped-call]
    for index in range(len(model.proto.variables)):
        var = model.get_int_var_from_proto_index(index)
        model.add_hint(var, solver.value(var))


def _run(
    model: cp_model.CpModel,
    config: Config,
    parameters: dict[str, Any] | None,
    deadline: float,
) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    configure(solver, config, parameters)
    solver.parameters.max_time_in_seconds = max(0.01, deadline - time.perf_counter())
    return solver


def _bound(solver: cp_model.CpSolver, value: int) -> int:
    bound = solver.best_objective_bound
    return max(value, math.floor(bound + 1e-6)) if math.isfinite(bound) else value


def _no_plan(
    status: Status, config: Config, started: float, solver: cp_model.CpSolver
) -> SolveResult:
    return SolveResult(
        status,
        None,
        None,
        None,
        time.perf_counter() - started,
        config.solver.seed,
        config.solver.workers,
        ORTOOLS_VERSION,
        solver_time_s=solver.wall_time,
    )

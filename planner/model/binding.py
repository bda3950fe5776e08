"""Which rules bind at the optimum: how much better the plan gets without each of them."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from ortools.sat.python import cp_model

from planner.catalog.catalog import Catalog, Exercise
from planner.config.config import Config
from planner.model.build import WeekModel, build_model
from planner.model.conflicts import solver_for
from planner.training.eligibility import EXCLUSION_RULES, eligible_exercises, exclusion_reasons

T = TypeVar("T")


@dataclass(frozen=True)
class Binding:
    """How much better the optimum gets when one rule is dropped."""

    rule: str
    objective_without: int | None  # None: not solved to optimality in time
    gain: int | None


def binding_rules(
    catalog: Catalog, config: Config, time_limit: float = 10.0
) -> tuple[int | None, list[Binding]]:
    """The optimum, and for every rule group the optimum without it (a rule binds if it gains).

    Each rule is measured in its own single-threaded solve, so the measures run side by side,
    one per core (MEASURES_AT_ONCE), with the same answers in any order: on the 851-exercise
    import a binding report took 45 s one by one."""
    # Only the usable exercises: the equipment, level and exclusion rules are measured apart,
    # so twins (which differ only in what those rules read) are merged here as in a solve.
    usable = eligible_exercises(catalog, config)
    built = build_model(catalog, config, guarded=True, exercises=usable, merge_twins=True)
    assert built.guards is not None
    rules = list(built.guards)
    solver = solver_for(time_limit)
    built.model.add_assumptions(list(built.guards.values()))
    if solver.solve(built.model) != cp_model.OPTIMAL:
        return None, []
    optimum = round(solver.objective_value)
    tight = _tight_rules(built, solver)
    hint = {var.index: solver.boolean_value(var) for var in built.variables.does.values()}
    built.model.clear_assumptions()

    def without(rule: str) -> Binding:
        if rule not in tight:
            return Binding(rule, optimum, 0)  # slack everywhere: dropping it gains 0
        # Fixing the other guards (rather than assuming them) lets presolve simplify.
        assert built.guards is not None
        trial = built.model.clone()
        for other in rules:
            trial.add(
                trial.get_bool_var_from_proto_index(built.guards[other].index) == (other != rule)
            )
        for index, value in hint.items():
            trial.add_hint(trial.get_bool_var_from_proto_index(index), value)
        return _measured(rule, trial, optimum, time_limit)

    measures = [partial(without, r) for r in rules]
    measures += [
        partial(_without_exclusion, catalog, config, usable, rule, extra, optimum, time_limit)
        for rule, extra in _kept_out_by_one(catalog, config).items()
    ]
    return optimum, side_by_side(measures)


MEASURES_AT_ONCE = os.cpu_count() or 1


def side_by_side(measures: Sequence[Callable[[], T]]) -> list[T]:
    """Each measure's answer, in order; run in threads, as CP-SAT leaves the GIL while it
    solves."""
    if len(measures) <= 1 or MEASURES_AT_ONCE <= 1:
        return [m() for m in measures]
    with ThreadPoolExecutor(min(len(measures), MEASURES_AT_ONCE)) as pool:
        return list(pool.map(lambda m: m(), measures))


def _measured(rule: str, model: cp_model.CpModel, optimum: int, time_limit: float) -> Binding:
    solver = solver_for(time_limit)
    if solver.solve(model) != cp_model.OPTIMAL:
        return Binding(rule, None, None)
    best = round(solver.objective_value)
    return Binding(rule, best, best - optimum)


def _kept_out_by_one(catalog: Catalog, config: Config) -> dict[str, list[Exercise]]:
    """Per exclusion rule, the exercises it alone keeps out (rules keeping out none left out),
    in EXCLUSION_RULES' order."""
    alone: dict[str, list[Exercise]] = {rule: [] for rule in EXCLUSION_RULES}
    for e in catalog:
        reasons = exclusion_reasons(e, config)
        if len(reasons) == 1:
            alone[reasons[0]].append(e)
    return {rule: extra for rule, extra in alone.items() if extra}


def _without_exclusion(
    catalog: Catalog,
    config: Config,
    usable: Sequence[Exercise],
    rule: str,
    extra: list[Exercise],
    optimum: int,
    time_limit: float,
) -> Binding:
    """Re-solve with `extra`, the exercises only this exclusion rule keeps out, let back in."""
    # Guarded, every rule assumed but this one: unguarded, allowed_exercises_only would keep
    # the let-in exercises out again, and the rule would never seem to bind. Not merged:
    # twins differ in what the exclusion rules read.
    built = build_model(catalog, config, guarded=True, exercises=[*usable, *extra])
    assert built.guards is not None
    built.model.add_assumptions([lit for key, lit in built.guards.items() if key != rule])
    return _measured(rule, built.model, optimum, time_limit)


def _tight_rules(built: WeekModel, solver: cp_model.CpSolver) -> set[str]:
    """Rules with at least one constraint at its bound in the solution (or not linear)."""
    assert built.guards is not None
    rule_of = {lit.index: rule for rule, lit in built.guards.items()}
    tight: set[str] = set()
    for ct in built.model.proto.constraints:
        rules = {rule_of[i] for i in ct.enforcement_literal if i in rule_of}
        if not rules or rules <= tight:
            continue
        if not ct.has_linear():
            tight |= rules
            continue
        activity = sum(
            c * solver.value(built.model.get_int_var_from_proto_index(v))
            for v, c in zip(ct.linear.vars, ct.linear.coeffs, strict=True)
        )
        if activity in set(ct.linear.domain):
            tight |= rules
    return tight

"""Which rules bind at the optimum: how much better the plan gets without each of them."""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.catalog.catalog import Catalog
from planner.config.config import Config
from planner.model.build import WeekModel, build_model
from planner.model.conflicts import solver_for
from planner.training.eligibility import EXCLUSION_RULES, eligible_exercises, exclusion_reasons


@dataclass(frozen=True)
class Binding:
    """How much better the optimum gets when one rule is dropped."""

    rule: str
    objective_without: int | None  # None: not solved to optimality in time
    gain: int | None


def binding_rules(
    catalog: Catalog, config: Config, time_limit: float = 10.0
) -> tuple[int | None, list[Binding]]:
    """The optimum, and for every rule group the optimum without it (a rule binds if it gains)."""
    # Only the usable exercises: the equipment, level and exclusion rules are measured apart.
    built = build_model(
        catalog, config, guarded=True, exercises=eligible_exercises(catalog, config)
    )
    assert built.guards is not None
    rules = list(built.guards)
    solver = solver_for(time_limit)
    built.model.add_assumptions(list(built.guards.values()))
    if solver.solve(built.model) != cp_model.OPTIMAL:
        return None, []
    optimum = round(solver.objective_value)
    tight = _tight_rules(built, solver)
    results = []
    hint = {var.index: solver.boolean_value(var) for var in built.variables.does.values()}
    built.model.clear_assumptions()
    for rule in rules:
        if rule not in tight:
            results.append(Binding(rule, optimum, 0))  # slack everywhere: dropping it gains 0
            continue
        # Fixing the other guards (rather than assuming them) lets presolve simplify.
        trial = built.model.clone()
        for other in rules:
            trial.add(
                trial.get_bool_var_from_proto_index(built.guards[other].index) == (other != rule)
            )
        for index, value in hint.items():
            trial.add_hint(trial.get_bool_var_from_proto_index(index), value)
        status = solver.solve(trial)
        if status == cp_model.OPTIMAL:
            best = round(solver.objective_value)
            results.append(Binding(rule, best, best - optimum))
        else:
            results.append(Binding(rule, None, None))
    results.extend(_binding_exclusions(catalog, config, optimum, time_limit))
    return optimum, results


def _binding_exclusions(
    catalog: Catalog, config: Config, optimum: int, time_limit: float
) -> list[Binding]:
    """Re-solve with the exercises that only one exclusion rule keeps out let back in."""
    usable = eligible_exercises(catalog, config)
    results = []
    for rule in EXCLUSION_RULES:
        extra = [e for e in catalog if exclusion_reasons(e, config) == [rule]]
        if not extra:
            continue
        # Guarded, every rule assumed but this one: unguarded, allowed_exercises_only would
        # keep the let-in exercises out again, and the rule would never seem to bind.
        built = build_model(catalog, config, guarded=True, exercises=[*usable, *extra])
        assert built.guards is not None
        built.model.add_assumptions([lit for key, lit in built.guards.items() if key != rule])
        solver = solver_for(time_limit)
        if solver.solve(built.model) == cp_model.OPTIMAL:
            best = round(solver.objective_value)
            results.append(Binding(rule, best, best - optimum))
        else:
            results.append(Binding(rule, None, None))
    return results


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

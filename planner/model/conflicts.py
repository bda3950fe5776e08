"""Find which config rules conflict, and how far each would have to move for a plan to exist.

Every rule group sits behind one enforcement literal (see `RuleContext.when`). An
objective-free solve with all literals assumed, on one worker, gives a core of literals
(CP-SAT's cores are only trustworthy without an objective and with one worker); it is
shrunk to a minimal set by deletion. For a numeric rule in that set, a second solve
without it measures the least (or most) value that would work with the other rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import permutations
from typing import Any

from ortools.sat.python import cp_model

from planner.catalog import Catalog
from planner.config import Config
from planner.eligibility import EXCLUSION_RULES, eligible_exercises, exclusion_reasons
from planner.model.build import WeekModel, build_model
from planner.model.variables import Variables
from planner.vocabulary import CATEGORIES, CORE_FUNCTIONS, LEG_CATEGORIES, next_day


@dataclass(frozen=True)
class Measured:
    """What a rule's quantity can best be while every other rule holds."""

    rule: str
    best: int | None  # None: even without this rule no plan exists
    sense: str  # "min": the rule is a cap, "max": the rule is a floor


def minimal_conflict(
    catalog: Catalog, config: Config, time_limit: float = 10.0
) -> list[str] | None:
    """A minimal set of rule keys that cannot hold together, or None if a plan exists."""
    built = build_model(catalog, config, with_objective=False, guarded=True)
    assert built.guards is not None
    rules = list(built.guards)
    if _feasible(built, rules, time_limit):
        return None
    core = _core(built, rules, time_limit)
    i = 0
    while i < len(core):
        trial = core[:i] + core[i + 1 :]
        if _feasible(built, trial, time_limit):
            i += 1
        else:
            core = trial
    return sorted(core, key=rules.index)


def feasible_with(
    catalog: Catalog,
    config: Config,
    enforced: Iterable[str] | None = None,
    time_limit: float = 10.0,
) -> bool:
    """Whether a plan exists when only the `enforced` rule groups hold (None: all of them)."""
    built = build_model(catalog, config, with_objective=False, guarded=True)
    assert built.guards is not None
    rules = list(built.guards) if enforced is None else [r for r in enforced if r in built.guards]
    return _feasible(built, rules, time_limit)


def rule_groups(catalog: Catalog, config: Config) -> list[str]:
    """Every rule group key the model has for this athlete, in the order rules are added."""
    built = build_model(catalog, config, with_objective=False, guarded=True)
    assert built.guards is not None
    return list(built.guards)


def _solver(time_limit: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = time_limit
    # Enforced (guarded) constraints reach the LP only at linearization level 2; without
    # the LP, proving a load cap infeasible is a blind search.
    solver.parameters.linearization_level = 2
    solver.parameters.catch_sigint_signal = False  # see DEFAULT_PARAMETERS in build.py
    return solver


def _feasible(built: WeekModel, rules: Iterable[str], time_limit: float) -> bool:
    assert built.guards is not None
    built.model.clear_assumptions()
    built.model.add_assumptions([built.guards[r] for r in rules])
    status = _solver(time_limit).solve(built.model)
    if status == cp_model.UNKNOWN:
        raise TimeoutError("the conflict search ran out of time")
    return status in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def _core(built: WeekModel, rules: list[str], time_limit: float) -> list[str]:
    assert built.guards is not None
    built.model.clear_assumptions()
    built.model.add_assumptions([built.guards[r] for r in rules])
    solver = _solver(time_limit)
    solver.solve(built.model)
    by_index = {built.guards[r].index: r for r in rules}
    core = [by_index[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in by_index]
    return sorted(core, key=rules.index) or rules


Measure = Callable[[cp_model.CpModel, Variables, Config], cp_model.LinearExprT]


def _largest(model: cp_model.CpModel, name: str, terms: Sequence[Any]) -> cp_model.IntVar:
    top = model.new_int_var(-10_000, 10_000, name)
    for term in terms:
        model.add(top >= term)
    return top


def _day_totals(v: Variables, weight: Callable[[object], int]) -> list[cp_model.LinearExprT]:
    return [v.weighted(d, {e.id: weight(e) for e in v.exercises}) for d in v.days]


def _max_session_load(m: cp_model.CpModel, v: Variables, c: Config) -> cp_model.LinearExprT:
    return _largest(m, "max_session_load", _day_totals(v, lambda e: e.load))  # type: ignore[attr-defined]


def _max_session_minutes(m: cp_model.CpModel, v: Variables, c: Config) -> cp_model.LinearExprT:
    return _largest(m, "max_session_minutes", _day_totals(v, lambda e: e.minutes))  # type: ignore[attr-defined]


def _week_load(m: cp_model.CpModel, v: Variables, c: Config) -> cp_model.LinearExprT:
    return v.week({e.id: e.load for e in v.exercises})


def _max_leg_load_before_key_run(
    m: cp_model.CpModel, v: Variables, c: Config
) -> cp_model.LinearExprT:
    key = set(c.week.key_run_days)
    legs = {e.id: e.load if e.category in LEG_CATEGORIES else 0 for e in v.exercises}
    return _largest(m, "max_leg_load", [v.weighted(d, legs) for d in v.days if next_day(d) in key])


def _max_uses(m: cp_model.CpModel, v: Variables, c: Config) -> cp_model.LinearExprT:
    return _largest(m, "max_uses", [sum(v.does[d, e.id] for d in v.days) for e in v.exercises])


def _core_spread(m: cp_model.CpModel, v: Variables, c: Config) -> cp_model.LinearExprT:
    totals: dict[str, Any] = {
        f: v.week({e.id: e.covers(f) for e in v.exercises}) for f in CORE_FUNCTIONS
    }
    return _largest(m, "core_spread", [totals[a] - totals[b] for a, b in permutations(totals, 2)])


# Caps: the least value of the quantity that any plan needs.
CAPS: dict[str, Measure] = {
    "load.max_week": _week_load,
    "load.max_session": _max_session_load,
    "week.max_session_minutes": _max_session_minutes,
    "load.max_lower_before_key_run": _max_leg_load_before_key_run,
    "variety.max_per_week": _max_uses,
    "balance.core_spread": _core_spread,
}


def _core_total(function: str) -> Measure:
    def measure(m: cp_model.CpModel, v: Variables, c: Config) -> cp_model.LinearExprT:
        return v.week({e.id: e.covers(function) for e in v.exercises})

    return measure


# Floors: the most of the quantity that any plan can reach.
FLOORS: dict[str, Measure] = {f"balance.core_min.{f}": _core_total(f) for f in CORE_FUNCTIONS}


def _session_count(category: str, top: bool) -> Measure:
    """Largest count over sessions (top) or smallest count over sessions that take place."""

    def measure(m: cp_model.CpModel, v: Variables, c: Config) -> cp_model.LinearExprT:
        counts = [sum(v.on(d, [e for e in v.exercises if e.category == category])) for d in v.days]
        if top:
            return _largest(m, f"most_{category}", counts)
        least = m.new_int_var(0, 50, f"least_{category}")
        for d, count in zip(v.days, counts, strict=True):
            m.add(least <= count).only_enforce_if(v.trains_on[d])
        return least

    return measure


def _session_total(m: cp_model.CpModel, v: Variables, c: Config) -> cp_model.LinearExprT:
    return sum(v.trains_on.values())


FLOORS["week.sessions"] = _session_total


def _weekly_count(category: str) -> Measure:
    def measure(m: cp_model.CpModel, v: Variables, c: Config) -> cp_model.LinearExprT:
        return sum(sum(v.on(d, [e for e in v.exercises if e.category == category])) for d in v.days)

    return measure


for _category in CATEGORIES:
    CAPS[f"session.{_category}.max"] = _session_count(_category, top=True)
    FLOORS[f"session.{_category}.min"] = _session_count(_category, top=False)
    CAPS[f"weekly.{_category}.max"] = _weekly_count(_category)
    FLOORS[f"weekly.{_category}.min"] = _weekly_count(_category)


def measure_rule(
    catalog: Catalog, config: Config, rule: str, keep: Iterable[str], time_limit: float = 10.0
) -> Measured | None:
    """Optimise the quantity `rule` limits, with the rules in `keep` enforced and `rule` off."""
    sense = "min" if rule in CAPS else "max" if rule in FLOORS else None
    if sense is None:
        return None
    built = build_model(catalog, config, with_objective=False, guarded=True)
    assert built.guards is not None
    quantity = (CAPS if sense == "min" else FLOORS)[rule](built.model, built.variables, config)
    if sense == "min":
        built.model.minimize(quantity)
    else:
        built.model.maximize(quantity)
    base = rule.rsplit(".", 1)[0] if rule.endswith((".min", ".max")) else rule
    built.model.add_assumptions([built.guards[r] for r in keep if r != base and r in built.guards])
    solver = _solver(time_limit)
    status = solver.solve(built.model)
    if status == cp_model.OPTIMAL:
        return Measured(rule, round(solver.objective_value), sense)
    if status == cp_model.INFEASIBLE:
        return Measured(rule, None, sense)
    return None


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
    solver = _solver(time_limit)
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
        built = build_model(catalog, config, exercises=[*usable, *extra])
        solver = _solver(time_limit)
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

"""Find which config rules conflict, and how far each would have to move for a plan to exist.

Every rule group sits behind one enforcement literal (see `RuleContext.add`). An
objective-free solve with all literals assumed, on one worker, gives a core of literals
(CP-SAT's cores are only trustworthy without an objective and with one worker); it is
shrunk to a minimal set by deletion. For a numeric rule in that set, a second solve
without it measures the least (or most) value that would work with the other rules.

The whole search shares one time budget; when it runs out before a conflict is named,
`SearchTimedOut` says so, and whether it ran out before it was even known that no plan
exists (the caller reports an infeasible week without the conflict, or no answer).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from ortools.sat.python import cp_model

from planner.catalog.catalog import Catalog
from planner.config.config import Config
from planner.model.build import WeekModel, build_model
from planner.model.limits import LIMITS, Side
from planner.rule_kinds import Sense
from planner.rulebook import rule_of


class SearchTimedOut(Exception):
    """The conflict search used up its time before it could finish; `undecided` when that was
    before the first solve proved that no plan exists."""

    def __init__(self, message: str, undecided: bool = False) -> None:
        super().__init__(message)
        self.undecided = undecided


class Budget:
    """Seconds left for a chain of solves that together must respect one time limit."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds

    def remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise SearchTimedOut("the conflict search ran out of time")
        return left


@dataclass(frozen=True)
class Measured:
    """What a rule's quantity can best be while every other rule holds."""

    rule: str
    best: int | None  # None: even without this rule no plan exists
    sense: str  # "min": the rule is a cap, "max": the rule is a floor


def minimal_conflict(
    catalog: Catalog, config: Config, budget: Budget, built: WeekModel | None = None
) -> list[str] | None:
    """A minimal set of rule keys that cannot hold together, or None if a plan exists.
    `built`: the week's guarded model, when the caller has built it already."""
    built = built or guarded_week(catalog, config)
    assert built.guards is not None
    return shrink(built, list(built.guards), budget)


def guarded_week(catalog: Catalog, config: Config) -> WeekModel:
    """The week's model without an objective, each rule group behind its own literal, and a
    week of at least one session outside them: week.sessions allows no fewer, so a conflict
    that one session already has (10-minute sessions that must hold 6 exercises) does not
    name the session count, whose no value could help."""
    built = build_model(catalog, config, with_objective=False, guarded=True)
    built.model.add(sum(built.variables.trains_on.values()) >= 1)
    return built


def feasible_with(
    catalog: Catalog,
    config: Config,
    enforced: Iterable[str] | None = None,
    time_limit: float = 10.0,
) -> bool:
    """Whether a plan exists when only the `enforced` rule groups hold (None: all of them)."""
    built = guarded_week(catalog, config)
    assert built.guards is not None
    rules = list(built.guards) if enforced is None else [r for r in enforced if r in built.guards]
    return _feasible(built, rules, Budget(time_limit))


def rule_groups(catalog: Catalog, config: Config) -> list[str]:
    """Every rule group key the model has for this athlete, in the order rules are added."""
    built = guarded_week(catalog, config)
    assert built.guards is not None
    return list(built.guards)


def solver_for(time_limit: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = time_limit
    # Enforced (guarded) constraints reach the LP only at linearization level 2; without
    # the LP, proving a load cap infeasible is a blind search.
    solver.parameters.linearization_level = 2
    solver.parameters.catch_sigint_signal = False  # see DEFAULT_PARAMETERS in build.py
    return solver


class Guarded(Protocol):
    """A model whose rule groups sit behind enforcement literals (a week or a block)."""

    model: cp_model.CpModel
    guards: dict[str, cp_model.IntVar] | None


def shrink(built: Guarded, rules: list[str], budget: Budget) -> list[str] | None:
    """A minimal set of the `rules` that cannot hold together, or None if they can; a time-out
    before the first solve decided is `undecided`."""
    try:
        core = _core(built, rules, budget)
    except SearchTimedOut as exc:
        raise SearchTimedOut(str(exc), undecided=True) from None
    if core is None:
        return None
    i = 0
    while i < len(core):
        trial = core[:i] + core[i + 1 :]
        if _feasible(built, trial, budget):
            i += 1
        else:
            core = trial
    return sorted(core, key=rules.index)


def _feasible(built: Guarded, rules: Iterable[str], budget: Budget) -> bool:
    assert built.guards is not None
    built.model.clear_assumptions()
    built.model.add_assumptions([built.guards[r] for r in rules])
    status = solver_for(budget.remaining()).solve(built.model)
    if status == cp_model.UNKNOWN:
        raise SearchTimedOut("the conflict search ran out of time")
    return status in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def _core(built: Guarded, rules: list[str], budget: Budget) -> list[str] | None:
    """The rules of an infeasibility core with every rule assumed, or None if a plan exists."""
    assert built.guards is not None
    built.model.clear_assumptions()
    built.model.add_assumptions([built.guards[r] for r in rules])
    solver = solver_for(budget.remaining())
    status = solver.solve(built.model)
    if status == cp_model.UNKNOWN:
        raise SearchTimedOut("the conflict search ran out of time")
    if status != cp_model.INFEASIBLE:
        return None
    by_index = {built.guards[r].index: r for r in rules}
    core = [by_index[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in by_index]
    return sorted(core, key=rules.index) or rules


def measure_rule(
    catalog: Catalog,
    config: Config,
    key: str,
    keep: Iterable[str],
    budget: Budget,
    side: Side | None = None,
    base: WeekModel | None = None,
) -> Measured | None:
    """Optimise the quantity the rule behind `key` limits, with `keep` enforced and it off.

    For a cap the least value any plan needs, for a floor the most any plan reaches; a band
    is measured on one `side` ("min": its floor, "max": its cap). None when the rule has no
    number to move; SearchTimedOut when the budget runs out first. `base`: the week's guarded
    model (guarded_week), when the caller has built it already; it is left as it was.
    """
    found = rule_of(key)
    if found is None or found.sense == Sense.FIXED:
        return None
    if found.sense == Sense.BAND:
        assert side is not None
        sense: Side = "max" if side == "min" else "min"
    else:
        sense = "min" if found.sense == Sense.CAP else "max"
    built = base or guarded_week(catalog, config)
    assert built.guards is not None
    # A copy: the quantity's variables and the objective stay out of the caller's model, so
    # one model built for an explanation serves each rule it measures (a build is about
    # 0.1 s of a 0.2 s measure on an example).
    model = built.model.clone()
    model.clear_assumptions()
    part = key.rsplit(".", 1)[-1]
    quantity = LIMITS[found.name].measure(model, built.variables, config, part, sense)
    if sense == "min":
        model.minimize(quantity)
    else:
        model.maximize(quantity)
    model.add_assumptions([built.guards[r] for r in keep if r != key and r in built.guards])
    solver = solver_for(budget.remaining())
    status = solver.solve(model)
    if status == cp_model.OPTIMAL:
        return Measured(key, round(solver.objective_value), sense)
    if status == cp_model.INFEASIBLE:
        return Measured(key, None, sense)
    raise SearchTimedOut("the time ran out before the rule was measured")

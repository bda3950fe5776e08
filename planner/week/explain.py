"""Infeasibility and binding rules, explained in a coach's words.

The solver side lives in planner/model/conflicts.py; this module turns rule keys into
sentences and computed fixes into advice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from planner.catalog.catalog import Catalog
from planner.config.config import Config, parse_config, set_dotted
from planner.errors import ConfigError
from planner.plan.week import Conflict
from planner.rule_kinds import Sense
from planner.rulebook import phrase, rule_of, rule_value

if TYPE_CHECKING:
    from planner.model.limits import Side


@dataclass(frozen=True)
class ConflictReport:
    """The conflicting rules, or a note saying why they could not be named."""

    conflicts: tuple[Conflict, ...] = ()
    note: str = ""
    # The time ran out before it was known whether a plan exists: no answer, not infeasible.
    undecided: bool = False


def explain_conflict(
    catalog: Catalog, config: Config, time_limit: float = 10.0, *, proven_infeasible: bool = False
) -> ConflictReport:
    """The minimal set of rules that cannot hold together, each with its smallest fix.

    The search as a whole keeps to `time_limit`; when it runs out, the report has no
    conflicts and a note saying so. `proven_infeasible`: a solve has already shown that no
    plan exists (else running out on the first solve leaves the question open).
    """
    from planner.model.conflicts import (
        Budget,
        SearchTimedOut,
        guarded_week,
        measure_rule,
        minimal_conflict,
    )

    budget = Budget(time_limit)
    built = guarded_week(catalog, config)  # one model for the search and every measure
    try:
        rules = minimal_conflict(catalog, config, budget, built)
    except SearchTimedOut as exc:
        if exc.undecided and not proven_infeasible:
            return ConflictReport(
                note=f"the time ran out ({time_limit:g} s) before it was known whether a plan "
                "exists; raise --time-limit",
                undecided=True,
            )
        return ConflictReport(
            note="the rules cannot all hold together, but the search for which ones ran "
            f"out of its {time_limit:g} s; raise --time-limit to name them"
        )
    if rules is None:
        return ConflictReport()
    assert built.guards is not None
    everything = list(built.guards)

    unmeasured: set[str] = set()

    def measure(key: str, side: Side | None = None) -> int | None:
        # With every other rule kept, so that applying the fix alone gives a plan.
        try:
            measured = measure_rule(catalog, config, key, everything, budget, side, built)
        except SearchTimedOut:
            unmeasured.add(key)
            return None
        return None if measured is None else measured.best

    conflicts = []
    for key in rules:
        others = "; ".join(phrase(config, r) for r in rules if r != key) or "the other rules"
        advice, fix = _advice(config, key, measure)
        if fix is not None and not _accepted(config, key, fix):
            # A fix outside what the key allows (no sessions at all) is no plan either.
            advice, fix = _NO_SINGLE_VALUE, None
        if fix is None and key in unmeasured:
            # Not "no single value works": nobody knows, the search stopped before it knew.
            advice = (
                f"part of the conflict; the search ran out of its {time_limit:g} s before "
                "it could measure what value would work; raise --time-limit for one"
            )
        message = (
            f"{others}: {advice}"
            if fix is not None
            else f"{phrase(config, key)} cannot hold together with: {others}"
        )
        said = phrase(config, key)
        conflicts.append(Conflict(key, message, rule_value(config, key), fix, advice, said))
    return ConflictReport(tuple(conflicts))


def _advice(config: Config, key: str, measure: Any) -> tuple[str, Any]:
    """A short sentence on what the other rules need from this one, and the value that works."""
    value = rule_value(config, key)
    found = rule_of(key)
    sense = found.sense if found else Sense.FIXED
    if found and sense == Sense.CAP:
        best = measure(key)
        if best is not None:
            quantity = found.quantity_of(key)
            return f"they need {quantity} of at least {best}; {key} is {value}", best
    if found and sense == Sense.FLOOR:
        best = measure(key)
        if best is not None and best < value:
            quantity = found.quantity_of(key)
            return f"they allow at most {best} {quantity}; {key} is {value}", best
    if sense == Sense.BAND:
        category = key.rsplit(".", 1)[-1]
        per_session = found is not None and found.name == "category_counts_per_session"
        where = "in every session" if per_session else "in the week"
        some = "in some session" if per_session else "in the week"
        low, high = value
        floor, cap = measure(key, "min"), measure(key, "max")
        if floor == 0 and per_session and category in EVERY_SESSION:
            # dropping the category from a session is no fix a coach would take
            return (
                f"they leave no room for a {category} exercise in some session; every "
                f"session keeps its {category} work, so one of the other rules must give",
                None,
            )
        if floor is not None and floor < low:
            return (
                f"they allow at most {floor} {category} exercise(s) {where}; "
                f"{key} asks for at least {low}",
                [floor, max(floor, high)],
            )
        if cap is not None and cap > high:
            return (
                f"they need at least {cap} {category} exercises {some}; "
                f"{key} allows at most {high}",
                [min(low, cap), cap],
            )
    return _NO_SINGLE_VALUE, None


_NO_SINGLE_VALUE = "part of the conflict; no single value of it alone makes a plan possible"
# The seed's session: lower body, calves, core and upper body every time.
EVERY_SESSION = ("lower", "calf", "core", "upper")


def _accepted(config: Config, key: str, value: Any) -> bool:
    """Whether the config still validates with `key` set to `value`."""
    data = config.effective()
    set_dotted(data, key, value)
    try:
        parse_config(data)
    except ConfigError:
        return False
    return True


@dataclass(frozen=True)
class BindingRule:
    rule: str
    value: Any
    phrase: str
    objective_without: int | None
    gain: int | None


def explain_binding(
    catalog: Catalog, config: Config, time_limit: float = 10.0
) -> tuple[int | None, list[BindingRule]]:
    """The optimum and, per rule, how much better the plan gets without it (0: not binding)."""
    from planner.model.binding import binding_rules

    optimum, found = binding_rules(catalog, config, time_limit)
    rows = [
        BindingRule(b.rule, rule_value(config, b.rule), phrase(config, b.rule),
                    b.objective_without, b.gain)
        for b in found
    ]  # fmt: skip
    rows.sort(key=lambda r: -(r.gain if r.gain is not None else 10**9))
    return optimum, rows

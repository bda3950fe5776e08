"""Infeasibility and binding rules, explained in a coach's words.

The solver side lives in planner/model/conflicts.py; this module turns rule keys into
sentences and computed fixes into advice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planner.catalog import Catalog
from planner.config import Config
from planner.plan import Conflict

_QUANTITY = {
    "load.max_week": "a weekly load",
    "load.max_session": "a session load",
    "week.max_session_minutes": "a session length (minutes)",
    "load.max_lower_before_key_run": "a leg load the day before a key run",
    "variety.max_per_week": "uses of one exercise per week",
    "balance.core_spread": "a core spread",
}


def rule_value(config: Config, rule: str) -> Any:
    """The config value behind a rule key (None for rules that are not config keys)."""
    node: Any = config.effective()
    for part in rule.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def phrase(config: Config, rule: str) -> str:
    """What the rule asks for, as a coach would say it."""
    value = rule_value(config, rule)
    week = config.week
    if rule == "week.sessions":
        return f"{week.sessions} sessions on {', '.join(week.available_days)}"
    if rule.startswith(("session.", "weekly.")):
        low, high = value
        count = str(low) if low == high else f"{low}-{high}"
        per = "session" if rule.startswith("session.") else "week"
        return f"{count} {rule.split('.')[1]} exercises per {per}"
    if rule.startswith("balance.core_min."):
        return f"weekly {rule.rsplit('.', 1)[1].replace('_', '-')} coverage of at least {value}"
    texts: dict[str, Any] = {
        "load.max_week": lambda: f"a weekly load of at most {value}",
        "load.max_session": lambda: f"a session load of at most {value}",
        "week.max_session_minutes": lambda: f"sessions of at most {value} minutes",
        "load.max_lower_before_key_run": lambda: (
            f"leg load of at most {value} the day before a key run ({', '.join(week.key_run_days)})"
        ),
        "variety.max_per_week": lambda: f"each exercise at most {value} time(s) a week",
        "balance.soleus_to_gastrocnemius": lambda: (
            f"soleus work between {value[0]} and {value[1]} times the gastrocnemius work"
        ),
        "balance.core_spread": lambda: f"core functions within {value} points of each other",
        "equipment.available": lambda: (
            f"only the equipment {', '.join(value)}" if value else "bodyweight exercises only"
        ),
        "athlete.level": lambda: f"only {value}-level exercises or easier",
        "exclude.exercises": lambda: f"excluding {', '.join(value)}",
        "exclude.tags": lambda: f"no exercises tagged {', '.join(value)}",
        "family.per_session": lambda: "one exercise per movement family in a session",
        "family.consecutive_days": lambda: "no movement family on two days in a row",
    }
    return str(texts[rule]()) if rule in texts else rule


def explain_conflict(
    catalog: Catalog, config: Config, time_limit: float = 10.0
) -> tuple[Conflict, ...]:
    """The minimal set of rules that cannot hold together, each with its smallest fix."""
    from planner.model.conflicts import measure_rule, minimal_conflict, rule_groups

    rules = minimal_conflict(catalog, config, time_limit)
    if rules is None:
        return ()
    everything = rule_groups(catalog, config)

    def measure(rule: str) -> int | None:
        # With every other rule kept, so that applying the fix alone gives a plan.
        measured = measure_rule(catalog, config, rule, everything, time_limit)
        return None if measured is None else measured.best

    conflicts = []
    for rule in rules:
        others = "; ".join(phrase(config, r) for r in rules if r != rule) or "the other rules"
        advice, fix = _advice(config, rule, measure)
        message = (
            f"{others}: {advice}"
            if fix is not None
            else f"{phrase(config, rule)} cannot hold together with: {others}"
        )
        conflicts.append(Conflict(rule, message, rule_value(config, rule), fix, advice))
    return tuple(conflicts)


def _advice(config: Config, rule: str, measure: Any) -> tuple[str, Any]:
    """A short sentence on what the other rules need from this one, and the value that works."""
    value = rule_value(config, rule)
    if rule in _QUANTITY:
        best = measure(rule)
        if best is not None:
            return f"they need {_QUANTITY[rule]} of at least {best}; {rule} is {value}", best
    if rule.startswith("balance.core_min."):
        best = measure(rule)
        function = rule.rsplit(".", 1)[1].replace("_", "-")
        if best is not None:
            return f"they allow at most {best} weekly {function} coverage; {rule} is {value}", best
    if rule == "week.sessions":
        best = measure(rule)
        if best is not None and best < value:
            return f"they allow at most {best} session(s) a week; {rule} is {value}", best
    if rule.startswith(("session.", "weekly.")):
        category = rule.split(".")[1]
        where = "in every session" if rule.startswith("session.") else "in the week"
        some = "in some session" if rule.startswith("session.") else "in the week"
        low, high = value
        floor, cap = measure(f"{rule}.min"), measure(f"{rule}.max")
        if floor is not None and floor < low:
            return (
                f"they allow at most {floor} {category} exercise(s) {where}; "
                f"{rule} asks for at least {low}",
                [floor, max(floor, high)],
            )
        if cap is not None and cap > high:
            return (
                f"they need at least {cap} {category} exercises {some}; "
                f"{rule} allows at most {high}",
                [min(low, cap), cap],
            )
    return "part of the conflict; no single value of it alone makes a plan possible", None


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
    from planner.model.conflicts import binding_rules

    optimum, found = binding_rules(catalog, config, time_limit)
    rows = [
        BindingRule(b.rule, rule_value(config, b.rule), phrase(config, b.rule),
                    b.objective_without, b.gain)
        for b in found
    ]  # fmt: skip
    rows.sort(key=lambda r: -(r.gain if r.gain is not None else 10**9))
    return optimum, rows

"""Why no block exists, in a coach's words: a week that cannot be planned even on its own
(named, with its conflicting rules and their fixes), or the block rules that cannot hold
together across the weeks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from planner.catalog.catalog import Catalog
from planner.config.config import Config
from planner.plan.week import Conflict
from planner.rulebook import phrase, rule_value
from planner.training.week_setup import WeekSetup, week_key
from planner.week.explain import ConflictReport, explain_conflict


def explain_block_conflict(
    catalog: Catalog, config: Config, setups: Sequence[WeekSetup], time_limit: float = 10.0
) -> ConflictReport:
    from planner.model.block.conflicts import minimal_block_conflict
    from planner.model.conflicts import Budget, SearchTimedOut

    budget = Budget(time_limit)
    try:
        failing = _weeks_without_a_plan(catalog, setups, budget)
        if failing:
            first = failing[0]
            report = explain_conflict(catalog, week_alone(first), budget.remaining())
            alike = [s for s in failing if _label(s) == _label(first)]
            return _in_weeks(report, alike)
        rules = minimal_block_conflict(catalog, config, setups, budget)
    except SearchTimedOut:
        return ConflictReport(
            note="the block's rules cannot all hold together, but the search for which ones "
            f"ran out of its {time_limit:g} s; raise --time-limit to name them"
        )
    if not rules:
        return ConflictReport()
    conflicts = []
    for key in rules:
        others = "; ".join(phrase(config, r) for r in rules if r != key) or (
            "the weekly rules of its weeks"
        )
        message = f"{phrase(config, key)} cannot hold together with: {others}"
        conflicts.append(
            Conflict(key, message, rule_value(config, key), None, message, phrase(config, key))
        )
    return ConflictReport(tuple(conflicts))


def week_alone(setup: WeekSetup) -> Config:
    """The week's config with the days the race keeps free taken out of its days."""
    if not setup.free_days:
        return setup.config
    days = [d for d in setup.config.week.available_days if d not in setup.free_days]
    return setup.config.reshaped(available_days=days)


def _weeks_without_a_plan(
    catalog: Catalog, setups: Sequence[WeekSetup], budget: Any
) -> list[WeekSetup]:
    """The weeks that have no plan even on their own (each distinct week solved once)."""
    from planner.model.conflicts import feasible_with

    known: dict[str, bool] = {}
    failing = []
    for setup in setups:
        if setup.rests:
            continue
        alone = week_alone(setup)
        key = week_key(alone)
        if key not in known:
            known[key] = feasible_with(catalog, alone, None, budget.remaining())
        if not known[key]:
            failing.append(setup)
    return failing


def _label(setup: WeekSetup) -> str:
    week = setup.week
    kinds = {"race": "race week", "taper": "taper", "deload": "deload"}
    return kinds.get(week.volume, week.phase)


def _in_weeks(report: ConflictReport, weeks: Sequence[WeekSetup]) -> ConflictReport:
    """The week's conflicts, each message saying which week(s) they hold in."""
    numbers = ", ".join(str(s.week.number) for s in weeks)
    where = f"week{'s' if len(weeks) > 1 else ''} {numbers} ({_label(weeks[0])})"
    conflicts = tuple(
        replace(c, message=f"{where}: {c.message}", advice=f"{where}: {c.advice or c.message}")
        for c in report.conflicts
    )
    return ConflictReport(conflicts, f"{where}: {report.note}" if report.note else "")

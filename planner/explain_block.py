"""Why no block exists, in a coach's words: a week that cannot be planned even on its own
(named, with its conflicting rules and their fixes), or the block rules that cannot hold
together across the weeks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from planner.block_setup import WeekSetup
from planner.catalog import Catalog
from planner.config import Config
from planner.explain import ConflictReport, explain_conflict
from planner.plan import Conflict
from planner.rulebook import phrase, rule_value


def explain_block_conflict(
    catalog: Catalog, config: Config, setups: Sequence[WeekSetup], time_limit: float = 10.0
) -> ConflictReport:
    from planner.model.block_conflicts import minimal_block_conflict
    from planner.model.conflicts import Budget, SearchTimedOut, feasible_with

    budget = Budget(time_limit)
    try:
        seen: set[str] = set()
        for setup in setups:
            if setup.rests:
                continue
            alone = week_alone(setup)
            key = alone.model_dump_json() + repr(alone.profile)
            if key in seen:
                continue
            seen.add(key)
            if not feasible_with(catalog, alone, None, budget.remaining()):
                report = explain_conflict(catalog, alone, budget.remaining())
                return _in_week(report, setup, setups)
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
        conflicts.append(Conflict(key, message, rule_value(config, key), None, message))
    return ConflictReport(tuple(conflicts))


def week_alone(setup: WeekSetup) -> Config:
    """The week's config with the days the race keeps free taken out of its days."""
    if not setup.free_days:
        return setup.config
    config = setup.config
    days = [d for d in config.week.available_days if d not in setup.free_days]
    shaped = config.model_copy(
        update={"week": config.week.model_copy(update={"available_days": days})}
    )
    shaped._profile = config.profile
    return shaped


def _in_week(
    report: ConflictReport, setup: WeekSetup, setups: Sequence[WeekSetup]
) -> ConflictReport:
    """The week's conflicts, each message saying which week(s) it is about."""
    same = [
        s.week.number
        for s in setups
        if not s.rests
        and week_alone(s).model_dump_json() == week_alone(setup).model_dump_json()
        and repr(s.config.profile) == repr(setup.config.profile)
    ]
    week = setup.week
    kind = (
        "race week"
        if week.volume == "race"
        else "taper"
        if week.taper
        else "deload"
        if week.deload
        else week.phase
    )
    where = (
        f"week {', '.join(map(str, same))} ({kind})"
        if len(same) < 2
        else (f"weeks {', '.join(map(str, same))} ({kind})")
    )
    conflicts = tuple(
        replace(c, message=f"{where}: {c.message}", advice=f"{where}: {c.advice or c.message}")
        for c in report.conflicts
    )
    note = f"{where}: {report.note}" if report.note else ""
    return ConflictReport(conflicts, note)

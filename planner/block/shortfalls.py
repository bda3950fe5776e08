"""What each week of a block misses of its phase's targets, and why, as a week plan says it
(planner/week/shortfalls.py), with the block's own reason where a week alone would have had
room: a week keeps the exercises of the one before it, a deload repeats it, a taper does less.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from planner.catalog.catalog import Catalog
from planner.model.block.coach_rules import brings_new
from planner.plan.block import BlockResult, PlannedWeek
from planner.plan.week import Status
from planner.training.week_setup import WeekSetup
from planner.week.shortfalls import missed_targets


def with_week_notes(result: BlockResult, catalog: Catalog) -> BlockResult:
    """The result with each week's notes on the targets it misses (none when it meets them)."""
    if result.weeks is None:
        return result
    setups = [w.setup for w in result.weeks]
    proven = result.status == Status.OPTIMAL
    weeks = tuple(
        replace(w, missed=tuple(_missed(w, setups, i, catalog, proven)))
        for i, w in enumerate(result.weeks)
    )
    return replace(result, weeks=weeks)


def _missed(
    week: PlannedWeek, setups: Sequence[WeekSetup], i: int, catalog: Catalog, proven: bool
) -> list[str]:
    if not week.plan.sessions:
        return []
    config = week.setup.config
    no_room, taper = _no_room(setups, i), week.setup.week.taper
    return missed_targets(week.plan, catalog, config, proven, no_room, heavy_legs=not taper)


def _no_room(setups: Sequence[WeekSetup], i: int) -> str:
    """Why a block week has no room for an exercise a week alone could hold."""
    setup = setups[i]
    minutes = setup.config.week.max_session_minutes
    if setup.week.taper:
        return (
            "the taper does less: fewer and shorter sessions, with only exercises the block "
            "has done"
        )
    if setup.week.deload:
        return "a deload repeats the week before it, with fewer sets"
    if brings_new(setups, setup.config, i):
        return (
            f"no room in {minutes} minutes with the stress caps, one exercise per movement "
            "family and the block's rules (the phase's main lifts, most of the week before)"
        )
    return (
        "this week may only keep exercises of the build week before it (new ones come at a "
        "phase change or when the accessories rotate), and those allow no more here"
    )

"""A block as an iCalendar file: one event per dated session, no repeating week. Each event
names its week ("Week 3 of 12, strength phase, deload") and the goal of its phase, and its
id is the athlete's and the date's, so importing a re-planned block updates the events."""

from __future__ import annotations

from datetime import datetime, time

from planner.config.config import Config
from planner.plan.block import BlockResult, PlannedWeek
from planner.report.block_weeks import KIND_NAMES, week_kind
from planner.report.ics import CalendarOptions, DatedSession, calendar_of


def block_ics(
    result: BlockResult,
    config: Config,
    at: time,
    timezone: str | None,
    now: datetime | None = None,
) -> str:
    """Every session of the block on its date at `at` (in `timezone`; None: floating)."""
    assert result.weeks is not None and config.block is not None
    options = CalendarOptions(config.block.start, 1, at, timezone)
    total = len(result.weeks)
    return calendar_of(
        (dated for planned in result.weeks for dated in _dated(planned, total)),
        config,
        options,
        now,
    )


def week_title(planned: PlannedWeek, total: int) -> str:
    """ "Week 3 of 12, strength phase, build" (or deload, taper, race week)."""
    week = planned.setup.week
    return f"Week {week.number} of {total}, {week.phase} phase, {KIND_NAMES[week_kind(week)]}"


def _dated(planned: PlannedWeek, total: int) -> list[DatedSession]:
    week = planned.setup.week
    title = week_title(planned, total)
    focus = planned.setup.config.profile.summary  # the phase's goal, not the athlete's
    return [DatedSession(week.date_of(s.day), s, None, title, focus) for s in planned.plan.sessions]

"""A re-planned block in the formats a user can ask for: the block as `planner block` shows
it, with what changed by date, why, and which weeks the log held (JSON: `replan`,
`changes`, `changed_slots`). Its calendar keeps every event id: they are the athlete's and
the date's, so an unchanged session is the same event, a changed one updates in place, and
a session no longer there is cancelled under its own id."""

from __future__ import annotations

import json
from datetime import date, datetime, time

from icalendar import Calendar, Event

from planner.catalog.catalog import Catalog
from planner.config.config import Config
from planner.replan.block_pipeline import BlockReplanResult
from planner.replan.render import change_lines, with_changes
from planner.report.block_render import block_dict, render_block
from planner.report.ics import _uid


def render_block_replan(
    replanned: BlockReplanResult,
    config: Config,
    catalog: Catalog,
    fmt: str,
    clock: tuple[time, str | None] | None = None,
) -> str:
    result = replanned.result
    if fmt == "json":
        data = block_dict(result, config, catalog)
        for week, setup in zip(data["weeks"], replanned.replan.setups, strict=False):
            # What the next re-plan must know of this week beyond the config: its step
            # (the log may hold it) and the days and sessions it now has.
            week["setup"] = {
                "step": setup.week.step,
                "available_days": list(setup.config.week.available_days),
                "sessions": setup.config.week.session_count,
                "disrupted": setup.disrupted,
                "over": setup.over,
            }
        data["replan"] = {
            "edits": replanned.edits.as_dict(),
            "from_week": replanned.replan.first + 1,
            "notes": list(replanned.notes),
        }
        data["changes"] = [c.as_dict() for c in replanned.changes]
        data["changed_slots"] = replanned.changed_slots
        return json.dumps(data, indent=2) + "\n"
    text = render_block(result, config, catalog, fmt, clock=clock, scope=replanned.optimal_over)
    if result.weeks is None or fmt == "csv":
        return text
    if fmt == "ics":
        return _with_cancelled(text, replanned, config, clock or (time(18, 0), None))
    lines = change_lines(
        replanned.changes,
        replanned.changed_slots,
        replanned.notes,
        catalog,
        markdown=fmt == "markdown",
    )
    return with_changes(text, lines, fmt, "<h2>Volume over the weeks")


def _with_cancelled(
    text: str, replanned: BlockReplanResult, config: Config, clock: tuple[time, str | None]
) -> str:
    """The block's calendar plus a cancelled event for every date that lost its session."""
    gone = [c.day for c in replanned.changes if _emptied(c.day, replanned)]
    if not gone:
        return text
    calendar = Calendar.from_ical(text)
    at, zone_name = clock
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(zone_name) if zone_name else None
    stamp = datetime.now().astimezone().replace(microsecond=0)
    for when in gone:
        event = Event()
        event.add("uid", _uid(config.athlete.name, when))
        event.add("dtstamp", stamp)
        event.add("dtstart", datetime.combine(date.fromisoformat(when), at, tzinfo=zone))
        event.add("summary", "Strength: cancelled (re-planned)")
        event.add("status", "CANCELLED")
        calendar.add_component(event)
    out: str = calendar.to_ical().decode("utf-8")
    return out


def _emptied(when: str, replanned: BlockReplanResult) -> bool:
    weeks = replanned.result.weeks or ()
    for planned in weeks:
        for session in planned.plan.sessions:
            if planned.setup.week.date_of(session.day).isoformat() == when:
                return False
    return True

"""A re-planned week for a calendar that already holds the plan (`planner solve --format ics`
imported): each session of that week is an override of its weekday's series, under the
series' own event id (UID) with RECURRENCE-ID set, so a calendar updates that one week in
place; a session no longer there cancels its occurrence; a session on a new day is a
one-off event with an id of its own date. Unchanged sessions keep their ids and content.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from planner.config.config import Config
from planner.plan.week import Plan, Session
from planner.report.cells import one_line
from planner.report.ics import (
    CalendarOptions,
    DatedSession,
    _description,
    _first_on_or_after,
    _summary,
    _uid,
)


def replan_ics(
    old: Plan,
    new: Plan,
    config: Config,
    options: CalendarOptions,
    now: datetime | None = None,
) -> str:
    """The week starting `options.start` (re-planned) as overrides of the old plan's series."""
    calendar = Calendar()
    calendar.add("prodid", "-//planner//strength week//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", one_line(f"Strength: {config.athlete.name}"))
    stamp = (now or datetime.now(UTC)).replace(microsecond=0)
    zone = ZoneInfo(options.timezone) if options.timezone else None
    who = config.athlete.name
    series = {s.day for s in old.sessions}
    new_days = {s.day for s in new.sessions}

    def at(day: str) -> datetime:
        return datetime.combine(_on(options.start, day), options.at, tzinfo=zone)

    for session in new.sessions:
        event = _event(session, config, at(session.day), stamp)
        if session.day in series:
            event.add("uid", _uid(who, session.day))
            event.add("recurrence-id", at(session.day))
            event.add("sequence", REVISION)
        else:
            event.add("uid", _uid(who, _on(options.start, session.day).isoformat()))
        calendar.add_component(event)
    for session in old.sessions:
        if session.day not in new_days:
            event = _event(session, config, at(session.day), stamp)
            event.add("uid", _uid(who, session.day))
            event.add("recurrence-id", at(session.day))
            event.add("sequence", REVISION)
            event.add("status", "CANCELLED")
            calendar.add_component(event)
    if zone is not None:
        calendar.add_missing_timezones()
    text: str = calendar.to_ical().decode("utf-8")
    return text


# An override revises its series' occurrence: a calendar applies a change whose SEQUENCE is
# above the series' (0), and may keep the occurrence as it was otherwise (RFC 5545 3.8.7.4).
REVISION = 1


def _on(start: date, day: str) -> date:
    return _first_on_or_after(start, day)


def _event(session: Session, config: Config, start: datetime, stamp: datetime) -> Event:
    event = Event()
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("duration", timedelta(minutes=session.minutes))
    event.add("summary", one_line(f"Strength: {_summary(session)}"))
    event.add("description", _description(DatedSession(start.date(), session), config))
    return event

"""The week as an iCalendar file (RFC 5545): one weekly repeating event per session day.

Written with the `icalendar` library rather than by hand: folding, escaping and time zone
definitions (VTIMEZONE) are where hand-written calendars break in calendar apps.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from planner.config import Config
from planner.plan import Session, SolveResult
from planner.vocabulary import DAYS

_DAY_NAMES = dict(zip(DAYS, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                             "Saturday", "Sunday"), strict=True))  # fmt: skip


@dataclass(frozen=True)
class CalendarOptions:
    """When the week goes into a calendar: from `start`, `weeks` times, at `at` o'clock."""

    start: date
    weeks: int = 8
    at: time = time(18, 0)
    timezone: str | None = None  # an IANA name; None: floating local time


def as_ics(
    result: SolveResult, config: Config, options: CalendarOptions, now: datetime | None = None
) -> str:
    """The plan's sessions as weekly events starting on or after `options.start`."""
    assert result.plan is not None
    calendar = Calendar()
    calendar.add("prodid", "-//planner//strength week//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Strength: {config.athlete.name}")
    stamp = (now or datetime.now(UTC)).replace(microsecond=0)
    zone = ZoneInfo(options.timezone) if options.timezone else None
    for session in result.plan.sessions:
        first = _first_on_or_after(options.start, session.day)
        begins = datetime.combine(first, options.at, tzinfo=zone)
        event = Event()
        event.add("uid", _uid(config, session.day))
        event.add("dtstamp", stamp)
        event.add("dtstart", begins)
        event.add("duration", timedelta(minutes=session.minutes))
        event.add("rrule", {"freq": "weekly", "count": options.weeks})
        event.add("summary", f"Strength: {_summary(session)}")
        event.add("description", _description(session, config))
        calendar.add_component(event)
    if zone is not None:
        calendar.add_missing_timezones()
    text: str = calendar.to_ical().decode("utf-8")
    return text


def _first_on_or_after(start: date, day: str) -> date:
    return start + timedelta(days=(DAYS.index(day) - start.weekday()) % 7)


def _uid(config: Config, day: str) -> str:
    """Stable across re-solves of the same athlete, so re-importing updates the event."""
    digest = hashlib.sha256(f"{config.athlete.name}\n{day}".encode()).hexdigest()[:16]
    return f"{day}-{digest}@planner"


def _summary(session: Session) -> str:
    lower = [p.exercise.name for p in session.exercises if p.exercise.category == "lower"]
    main = ", ".join(lower[:2]) or session.exercises[0].exercise.name
    return f"{main} ({len(session.exercises)} exercises, {session.minutes} min)"


def _description(session: Session, config: Config) -> str:
    lines = [f"{_DAY_NAMES[session.day]}: {config.profile.summary}", ""]
    for p in session.exercises:
        rest = f"{p.rest_s} s rest"
        tempo = f", tempo {p.tempo}" if p.tempo else ""
        lines.append(f"- {p.exercise.name}: {p.dose}, {p.intensity}, {rest}{tempo}")
        if p.exercise.cue:
            lines.append(f"  {p.exercise.cue}")
    return "\n".join(lines)

"""Sessions as an iCalendar file (RFC 5545): a week as one weekly repeating event per
session day, a block (planner/report/block_ics.py) as one event per dated session.

Written with the `icalendar` library rather than by hand: folding, escaping and time zone
definitions (VTIMEZONE) are where hand-written calendars break in calendar apps.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from planner.config.config import Config
from planner.plan.week import Session, SolveResult
from planner.report.cells import one_line
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


@dataclass(frozen=True)
class DatedSession:
    """A session on a date, repeating weekly `weeks` times (None: once). A weekly plan gives
    one per session day; a multi-week block gives one per dated session, each naming its
    week (`title`, "week 3 of 12, strength phase, build") and its phase's goal (`focus`, the
    goal profile's summary; None: the config's)."""

    on: date
    session: Session
    weeks: int | None = None
    title: str = ""
    focus: str | None = None


def as_ics(
    result: SolveResult,
    config: Config,
    options: CalendarOptions,
    now: datetime | None = None,
    key: str | None = None,
) -> str:
    """The plan's sessions as weekly events starting on or after `options.start`. `key`
    names the athlete in the event ids (a roster id; default: the athlete's name)."""
    assert result.plan is not None
    return calendar_of(weekly(result.plan.sessions, options), config, options, now, key)


def weekly(sessions: Iterable[Session], options: CalendarOptions) -> list[DatedSession]:
    """Each session on the first of its weekday on or after the start, repeated weekly."""
    return [
        DatedSession(_first_on_or_after(options.start, s.day), s, options.weeks) for s in sessions
    ]


def calendar_of(
    sessions: Iterable[DatedSession],
    config: Config,
    options: CalendarOptions,
    now: datetime | None = None,
    key: str | None = None,
) -> str:
    """An iCalendar file with one event per dated session (a weekly rule when it repeats)."""
    calendar = Calendar()
    calendar.add("prodid", "-//planner//strength week//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # X-WR-CALNAME and SUMMARY are one line (icalendar refuses a line break in them).
    calendar.add("x-wr-calname", one_line(f"Strength: {config.athlete.name}"))
    stamp = (now or datetime.now(UTC)).replace(microsecond=0)
    zone = ZoneInfo(options.timezone) if options.timezone else None
    who = config.athlete.name if key is None else key
    for dated in sessions:
        session = dated.session
        event = Event()
        # A repeating event is one per weekday; a one-off is one per date.
        slot = session.day if dated.weeks is not None else dated.on.isoformat()
        event.add("uid", _uid(who, slot))
        event.add("dtstamp", stamp)
        event.add("dtstart", datetime.combine(dated.on, options.at, tzinfo=zone))
        event.add("duration", timedelta(minutes=session.minutes))
        if dated.weeks is not None:
            event.add("rrule", {"freq": "weekly", "count": dated.weeks})
        what = f"Strength ({dated.title})" if dated.title else "Strength"
        event.add("summary", one_line(f"{what}: {_summary(session)}"))
        event.add("description", _description(dated, config))
        calendar.add_component(event)
    if zone is not None:
        calendar.add_missing_timezones()
    text: str = calendar.to_ical().decode("utf-8")
    return text


def _first_on_or_after(start: date, day: str) -> date:
    return start + timedelta(days=(DAYS.index(day) - start.weekday()) % 7)


def _uid(athlete: str, slot: str) -> str:
    """Stable across re-solves of the same athlete, so re-importing updates the event."""
    digest = hashlib.sha256(f"{athlete}\n{slot}".encode()).hexdigest()[:16]
    return f"{slot}-{digest}@planner"


def _summary(session: Session) -> str:
    lower = [p.exercise.name for p in session.exercises if p.exercise.category == "lower"]
    main = ", ".join(lower[:2]) or session.exercises[0].exercise.name
    return f"{main} ({len(session.exercises)} exercises, {session.minutes} min)"


def _description(dated: DatedSession, config: Config) -> str:
    session = dated.session
    focus = config.profile.summary if dated.focus is None else dated.focus
    when = _DAY_NAMES[session.day]
    if dated.weeks is None:  # a one-off event says its date
        when += f" {dated.on.day} {dated.on:%B %Y}"
    head = [f"{when}: {dated.title}", focus] if dated.title else [f"{when}: {focus}"]
    lines = [*head, "", f"Warm-up: {session.warm_up}."]
    for p in session.exercises:
        rest = f"{p.rest_s} s rest"
        tempo = f", tempo {p.tempo}" if p.tempo else ""
        lines.append(f"- {p.exercise.name}: {p.dose}, {p.intensity}, {rest}{tempo}")
        if p.exercise.cue:
            lines.append(f"  {p.exercise.cue}")
    return "\n".join(lines)

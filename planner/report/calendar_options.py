"""Checking what a user asks of a calendar export: a time of day and a time zone."""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from planner.errors import PlannerError, Problem, did_you_mean
from planner.report.ics import CalendarOptions


def coming_monday(today: date) -> date:
    """The calendar's default first day: a week plan starts on a Monday, and a runner who
    asks on a Monday means this week."""
    return today + timedelta(days=-today.weekday() % 7)


def calendar_options(start: date, weeks: int, at: str, timezone: str | None) -> CalendarOptions:
    """CalendarOptions from the command line, or a PlannerError naming the bad option."""
    return CalendarOptions(start, weeks, *session_clock(at, timezone))


def session_clock(at: str, timezone: str | None) -> tuple[time, str | None]:
    """`--time` and `--timezone` checked: the time of day sessions start, and the zone (None:
    floating local time). A block's calendar needs no more: its dates are the block's."""
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", at.strip())
    if match is None:
        raise PlannerError(
            [Problem("--time", f"{at!r} is not a time of day; write HH:MM, e.g. 18:30")]
        )
    if timezone is not None:
        _check_zone(timezone)
    return time(int(match[1]), int(match[2])), timezone


def _check_zone(name: str) -> None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        hint = did_you_mean(name, _zones())
        raise PlannerError(
            [
                Problem(
                    "--timezone",
                    f"{name!r} is not a known time zone{hint}; "
                    "use an IANA name such as Europe/Berlin or America/New_York",
                )
            ]
        ) from None


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())

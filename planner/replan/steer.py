"""The log steers the block: a week that was too hard (a session logged at an RPE at least
1 above its prescription) or mostly missed is followed by a week at the same step of the
progression instead of the next one, and the steps after it shift by one.

Plain data: the block's calendar with some steps held, and the reasons in words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from planner.config.block import BlockWeek

_RPE = re.compile(r"RPE (\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?")


@dataclass(frozen=True)
class Hold:
    week: int  # the week (1-based) whose step the next week repeats
    note: str


def held_weeks(weeks: tuple[BlockWeek, ...], holds: Sequence[Hold]) -> tuple[BlockWeek, ...]:
    """The weeks with each hold applied: every later week of the held week's phase above
    its step comes one step down, so the next week repeats the held week's step and the
    phase goes on from there (its deload and taper weeks with it). Applied to the steps the
    plan has, which may already hold an earlier week."""
    out = list(weeks)
    for hold in sorted(holds, key=lambda h: h.week):
        held = out[hold.week - 1]
        for n in range(hold.week, len(out)):
            week = out[n]
            if week.phase == held.phase and week.step > held.step:
                out[n] = replace(week, step=week.step - 1)
    return tuple(out)


def prescribed_rpe(intensities: Sequence[str]) -> float | None:
    """The highest RPE a session prescribes, a range counting as its middle ("RPE 7-8" is a
    target of 7.5 with room either side); None when it names none."""
    found = [
        (float(m[1]) + float(m[2] or m[1])) / 2 for text in intensities for m in _RPE.finditer(text)
    ]
    return max(found, default=None)


@dataclass(frozen=True)
class LoggedDay:
    week: int  # 1-based
    outcome: str
    rpe: float | None
    prescribed: float | None
    names: tuple[str, ...]  # the session's lifts, for the note


def holds_from_log(logged: Sequence[LoggedDay], sessions_per_week: Mapping[int, int]) -> list[Hold]:
    """A hold after each week with a session logged at least 1 RPE above its prescription,
    or with more than half its sessions missed."""
    holds: dict[int, str] = {}
    for day in logged:
        if (
            day.outcome == "done"
            and day.rpe is not None
            and day.prescribed is not None
            and day.rpe >= day.prescribed + 1
        ):
            holds.setdefault(
                day.week,
                f"week {day.week + 1} holds week {day.week}'s step: a session was logged at "
                f"RPE {day.rpe:g} against RPE {day.prescribed:g} prescribed "
                f"({', '.join(day.names[:2])})",
            )
    for week, planned in sessions_per_week.items():
        missed = sum(1 for d in logged if d.week == week and d.outcome == "missed")
        if planned and missed * 2 > planned:
            holds.setdefault(
                week,
                f"week {week + 1} repeats week {week}'s step: {missed} of its {planned} "
                "sessions were missed",
            )
    return [Hold(w, note) for w, note in sorted(holds.items())]

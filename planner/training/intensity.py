"""How a prescription's intensity text is read: one grammar for the planner's own code.

An intensity names a percentage of a one-rep max ("80% 1RM"), an effort ("RPE 8") and reps
in reserve ("(2 reps in reserve)"), each a number or a range ("75-80% 1RM", "RPE 7-8"). A
range is read at its top where effort matters: "75-80% 1RM (RPE 7-8)" lets the athlete
reach 80 % and RPE 8, so that is what the legs carry into the next day. The checker
(planner/week/check_dose.py) and the benchmarks' rubric read the text on their own, so a
mistake here cannot hide itself there.
"""

from __future__ import annotations

import re

NUMBER = r"\d+(?:\.\d+)?"
_RANGE = rf"({NUMBER})(?:\s*-\s*({NUMBER}))?"
PERCENT = re.compile(rf"{_RANGE}\s*% 1RM")
RPE = re.compile(rf"RPE {_RANGE}")
RESERVE = re.compile(rf"\({_RANGE} reps in reserve\)")

HEAVY_PERCENT = 80.0
HEAVY_RPE = 8.0


def numbers(pattern: re.Pattern[str], text: str) -> list[float]:
    """The first number or range the pattern finds in the text, both ends; [] if none."""
    match = pattern.search(text)
    return [float(g) for g in match.groups() if g is not None] if match else []


def percent_of(intensity: str) -> float | None:
    """The %1RM an intensity names (the top of a range), if any."""
    found = numbers(PERCENT, intensity)
    return found[-1] if found else None


def rpe_of(intensity: str) -> float | None:
    """The RPE an intensity names (the top of a range), if any."""
    found = numbers(RPE, intensity)
    return found[-1] if found else None


def near_max(intensity: str) -> bool:
    """At 80 % 1RM or more, or RPE 8 or more (a range at its top)."""
    percent, rpe = percent_of(intensity), rpe_of(intensity)
    return (percent or 0) >= HEAVY_PERCENT or (rpe or 0) >= HEAVY_RPE

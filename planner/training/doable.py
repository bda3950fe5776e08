"""Doable prescriptions: a set a runner can actually finish at the effort it names.

No set is over 20 repetitions, and bodyweight lower-body work prescribed at RPE 8 or
harder stops at 12: nobody reaches RPE 8 on the 19th bodyweight squat. Past 12, harder
means a harder exercise, not more reps, so the prescription slows the lowering to three
seconds (when it has no tempo yet) and tells the athlete to take the next harder version
of the movement or do it one side at a time (COACHING.md, "doable").
"""

from __future__ import annotations

import re

from planner.catalog.catalog import Exercise

MAX_REPS = 20
BODYWEIGHT_HARD_MAX_REPS = 12
HARD_RPE = 8.0
HARD_PERCENT = 80.0
SLOW_TEMPO = "3-1-1"
HARDER = "past 12 reps: a harder version or one side at a time"


def _top(pattern: str, intensity: str) -> float:
    """The top of the first number or range the pattern finds ("RPE 7-8" -> 8), else 0."""
    match = re.search(pattern, intensity)
    if not match:
        return 0.0
    return max(float(x) for x in re.findall(r"\d+(?:\.\d+)?", match.group(0)))


def hard_effort(intensity: str) -> bool:
    """The intensity names RPE 8 or more, or 80 % of a one-rep max or more (a range at its
    top: "75-80% 1RM (RPE 7-8)" is hard)."""
    number = r"\d+(?:\.\d+)?(?:\s*-\s*\d+(?:\.\d+)?)?"
    return (
        _top(rf"RPE {number}", intensity) >= HARD_RPE
        or _top(rf"{number}\s*% 1RM", intensity) >= HARD_PERCENT
    )


def bodyweight_legs(exercise: Exercise) -> bool:
    return exercise.category == "lower" and not exercise.loaded and exercise.unit == "reps"


def doable(
    exercise: Exercise, reps: int, intensity: str, tempo: str | None
) -> tuple[int, str, str | None]:
    """Reps, intensity and tempo capped so the set can be done as prescribed."""
    if exercise.unit != "reps":
        return reps, intensity, tempo
    if bodyweight_legs(exercise) and hard_effort(intensity) and reps > BODYWEIGHT_HARD_MAX_REPS:
        return BODYWEIGHT_HARD_MAX_REPS, f"{intensity}; {HARDER}", tempo or SLOW_TEMPO
    return min(reps, MAX_REPS), intensity, tempo

"""Doable prescriptions: a set a runner can actually finish at the effort it names.

No set is over 20 repetitions, and bodyweight lower-body work prescribed at RPE 8 or
harder stops at 12: nobody reaches RPE 8 on the 19th bodyweight squat. Past 12, harder
means a harder exercise, not more reps, so the prescription slows the lowering to three
seconds (when it has no tempo yet) and tells the athlete to take the next harder version
of the movement or do it one side at a time (COACHING.md, "doable").

A bodyweight lower-body movement rated advanced (a Nordic curl, a single-leg slider curl) is
near-maximal however it is prescribed: its sets stop at the catalog's reps for it, which is
what one set of the movement holds. Fifteen Nordic curls at "3 reps in reserve" is a
strength-endurance dose nobody can do; five is a hard set.
"""

from __future__ import annotations

from planner.catalog.catalog import Exercise
from planner.training.intensity import near_max

MAX_REPS = 20
BODYWEIGHT_HARD_MAX_REPS = 12
SLOW_TEMPO = "3-1-1"
HARDER = "past 12 reps: a harder version or one side at a time"


def bodyweight_legs(exercise: Exercise) -> bool:
    return exercise.category == "lower" and not exercise.loaded and exercise.unit == "reps"


def near_maximal_move(exercise: Exercise) -> bool:
    return bodyweight_legs(exercise) and exercise.level == "advanced"


def doable(
    exercise: Exercise, reps: int, intensity: str, tempo: str | None
) -> tuple[int, str, str | None]:
    """Reps, intensity and tempo capped so the set can be done as prescribed."""
    if exercise.unit != "reps":
        return reps, intensity, tempo
    if near_maximal_move(exercise) and reps > exercise.reps:
        return exercise.reps, intensity, tempo
    if bodyweight_legs(exercise) and near_max(intensity) and reps > BODYWEIGHT_HARD_MAX_REPS:
        return BODYWEIGHT_HARD_MAX_REPS, f"{intensity}; {HARDER}", tempo or SLOW_TEMPO
    return min(reps, MAX_REPS), intensity, tempo

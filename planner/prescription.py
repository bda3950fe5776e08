"""How the catalog's default prescription changes with the athlete's goal."""

from __future__ import annotations

from planner.catalog import Exercise


def prescribe(exercise: Exercise, goal: str) -> tuple[int, int]:
    """Sets and reps (or seconds / meters) for this exercise under this goal."""
    sets, reps = exercise.sets, exercise.reps
    if exercise.category in {"mobility", "plyometric"} or exercise.unit != "reps":
        # Jumps stay low-rep and quality-first; holds and drills keep their duration.
        extra_set = goal == "flexibility" and exercise.category == "mobility"
        return sets + int(extra_set), reps
    if goal == "endurance":
        return sets, _coach_round(reps * 1.25)
    if goal == "strength":
        return min(sets + 1, 5), max(4, _coach_round(reps * 0.6))
    if goal == "power":
        return sets, max(3, _coach_round(reps * 0.5))
    return sets, reps


def _coach_round(reps: float) -> int:
    """Round to numbers a coach writes: any up to 6, even up to 12, then multiples of 5."""
    if reps <= 6:
        return max(1, round(reps))
    step = 2 if reps <= 12 else 5
    return int(step * round(reps / step))

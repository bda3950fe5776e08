"""How each exercise is prescribed for the athlete's goal, and how long that takes.

An exercise's role is the first stimulus in the goal's order that it can deliver (see
planner/goals.py); the role's dose at the athlete's level gives sets, reps or hold time,
intensity, rest and tempo. Timed holds and carries keep their catalog unit. Calf, core,
upper-body and mobility work rest at most 90 s between sets even in a heavy role: long
rests are for the big lower-body lifts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from planner.catalog import Exercise
from planner.goals import Profile

ACCESSORY_REST_S = 90
SECONDS_PER_REP = 4
SETUP_S = 60  # setting up and moving on to the next exercise
METERS_PER_SECOND = 1


@dataclass(frozen=True)
class Dosed:
    role: str
    sets: int
    reps: int  # repetitions, seconds or meters, as `unit` says
    unit: str
    intensity: str
    rest_s: int
    tempo: str | None
    per_side: bool

    @property
    def minutes(self) -> int:
        """Sets x work + rest between sets + setting up, rounded up to whole minutes."""
        if self.unit == "reps":
            per_rep = SECONDS_PER_REP + (_tempo_seconds(self.tempo) - 3 if self.tempo else 0)
            work = self.reps * per_rep
        elif self.unit == "seconds":
            work = self.reps
        else:
            work = self.reps // METERS_PER_SECOND
        work *= 2 if self.per_side else 1
        total = self.sets * work + (self.sets - 1) * self.rest_s + SETUP_S
        return math.ceil(total / 60)


def prescribe(exercise: Exercise, profile: Profile) -> Dosed:
    """Sets, reps (or seconds / meters), intensity, rest and tempo for this athlete."""
    role = profile.role_of(exercise.stimuli)
    dose = profile.prescription[role]
    if exercise.unit == "reps":
        reps = dose.reps
    elif exercise.unit == "seconds":
        reps = dose.seconds or exercise.reps
    else:
        reps = exercise.reps
    rest = dose.rest_s
    if exercise.category != "lower" and role in ("strength", "power"):
        rest = min(rest, ACCESSORY_REST_S)
    intensity = dose.intensity
    tempo = dose.tempo
    if role == "strength" and not exercise.loaded and exercise.unit == "reps":
        # No weight to add: slow the lowering so a few reps are hard (the post's progressions).
        intensity = f"{intensity}; bodyweight: choose the hardest version you can do"
        tempo = tempo or "4-1-1"
    if exercise.unit == "seconds" and role != "mobility":
        intensity = f"{reps} s hold, {intensity}"
    return Dosed(role, dose.sets, reps, exercise.unit, intensity, rest, tempo, exercise.per_side)


def _tempo_seconds(tempo: str) -> int:
    """Seconds one rep takes at a tempo such as "3-1-1" (down, pause, up)."""
    try:
        return sum(int(part) for part in tempo.split("-"))
    except ValueError:
        return SECONDS_PER_REP


def serves_goal(exercise: Exercise, profile: Profile) -> bool:
    """The exercise counts toward the goal's dose: its category and its main stimulus."""
    return exercise.category in profile.dose_categories and profile.primary in exercise.stimuli


GOAL_SCORE_MAX = 4


def goal_score(exercise: Exercise, profile: Profile) -> int:
    """How much the exercise serves the goal, for the objective: 3 for the goal's main
    stimulus, 1 for heavy or explosive work in a supporting role, +1 when it is loaded in a
    heavy or explosive role (an athlete with weights should lift them)."""
    role = profile.role_of(exercise.stimuli)
    score = 3 if role == profile.primary else 1 if role in ("strength", "power") else 0
    heavy = role in ("strength", "power") and exercise.category != "core"
    return score + int(heavy and exercise.loaded)

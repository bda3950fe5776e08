"""Fatigue from the prescription: what one prescribed exercise costs the legs and the body.

The catalog's `load` (1-7) says how demanding a movement is at its usual dose; the stress
of an exercise in a plan scales it by what is prescribed:

    stress = round(sets x load x effort x reps x tempo x side x impact)

- effort: 85 % 1RM or RPE 9 and up 1.5; 80 % or RPE 8 1.25; RPE 7 (or 70-79 %) 1.0;
  easier 0.75. Explosive work with no number 1.25, mobility and stretching 0.5.
- reps: a set of 8-12 reps 1.0, fewer 0.9 (heavy sets are short), more 1.0 + 0.02 a rep.
- tempo: a lowering of 3 s or more (slow eccentric) 1.25: it makes the soreness.
- side: one side at a time 1.25 (each leg does the whole set and the session is longer).
- impact: plyometrics 1.0 + 0.02 a ground contact past 10 in a set (landings add up).

One unit is one set of a movement of catalog load 1 at RPE 7: a plank set, or about a
tenth of a 4 x 4 barbell back squat at 85 % 1RM (6 x 4 x 1.5 x 0.9 = 32 units). So a
session of a heavy squat, two lighter lifts, a calf raise, core and upper work is about
70-90 units; see the README for choosing caps.

Heavy sets and hard legs are read from the same prescription: a lower-body set is heavy
at 80 % 1RM or more, or RPE 8 or more, with at most 6 reps (Storen 2008's 4 x 4RM).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.catalog.catalog import Exercise
from planner.training.intensity import near_max, percent_of, rpe_of
from planner.vocabulary import next_day

if TYPE_CHECKING:  # a prescription's and a config's fields are read; none of their code runs
    from planner.config.config import Config
    from planner.training.prescription import Dosed

HEAVY_MAX_REPS = 6
SLOW_ECCENTRIC_S = 3

_LEGS = ("lower", "calf")


def eccentric_seconds(tempo: str | None) -> int:
    """Seconds of lowering a tempo such as "4-1-1" asks for (0 when none is given)."""
    if not tempo:
        return 0
    head = tempo.split("-")[0]
    return int(head) if head.isdigit() else 0


def effort(intensity: str, role: str) -> float:
    percent, rpe = percent_of(intensity), rpe_of(intensity)
    if (percent or 0) >= 85 or (rpe or 0) >= 9:
        return 1.5
    if near_max(intensity):
        return 1.25
    if (percent or 0) >= 70 or (rpe or 0) >= 7:
        return 1.0
    if percent is not None or rpe is not None:
        return 0.75
    return {"power": 1.25, "mobility": 0.5}.get(role, 1.0)


def stress(exercise: Exercise, dosed: Dosed) -> int:
    """The exercise's stress as prescribed, in units (see the module's docstring)."""
    factor = exercise.load * effort(dosed.intensity, dosed.role)
    if dosed.unit == "reps":
        if dosed.reps < 8:
            factor *= 0.9
        elif dosed.reps > 12:
            factor *= 1.0 + 0.02 * (dosed.reps - 12)
    if eccentric_seconds(dosed.tempo) >= SLOW_ECCENTRIC_S:
        factor *= 1.25
    if dosed.per_side:
        factor *= 1.25
    if exercise.category == "plyometric" and dosed.unit == "reps" and dosed.reps > 10:
        factor *= 1.0 + 0.02 * (dosed.reps - 10)
    return max(1, round(dosed.sets * factor))


def heavy_sets(exercise: Exercise, dosed: Dosed) -> int:
    """The lower-body sets this prescription makes heavy: near maximum, 6 reps or fewer."""
    heavy = (
        exercise.category == "lower"
        and dosed.unit == "reps"
        and dosed.reps <= HEAVY_MAX_REPS
        and near_max(dosed.intensity)
    )
    return dosed.sets if heavy else 0


def hard_for_legs(exercise: Exercise, dosed: Dosed) -> str | None:
    """Why this prescription spoils a key run the next day, or None when it does not:
    jumps, explosive lower-body or calf work, a set near maximum, or a slow lowering (3 s or
    more)."""
    if exercise.category == "plyometric":
        return "jumps"
    if exercise.category not in _LEGS:
        return None
    if dosed.role == "power":
        # A swing or a clean at maximal intent loads the hamstrings and hips fast, as a jump
        # loads the tendons: explosive leg work waits for a fresh day too.
        return "explosive leg work"
    if near_max(dosed.intensity):
        return f"{dosed.intensity}"
    if eccentric_seconds(dosed.tempo) >= SLOW_ECCENTRIC_S:
        return f"tempo {dosed.tempo} (slow lowering)"
    return None


def leg_stress(exercise: Exercise, dosed: Dosed) -> int:
    """Stress on the legs: lower-body, calf and plyometric work only."""
    return stress(exercise, dosed) if exercise.category in (*_LEGS, "plyometric") else 0


def light_leg_days(config: Config) -> set[str]:
    """The days whose sessions keep the legs light: the eve of a key run, and the long run's
    own day unless the config allows heavy legs there."""
    days: set[str] = {
        d for d in config.week.available_days if next_day(d) in config.week.key_run_days
    }
    if config.week.long_run and not config.week.heavy_legs_on_long_run_day:
        days.add(config.week.long_run)
    return days

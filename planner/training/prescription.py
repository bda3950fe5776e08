"""How each exercise is prescribed for the athlete's goal, and how long that takes.

An exercise's role is the first stimulus in the goal's order that it can deliver (see
planner/config/goals.py); the role's dose at the athlete's level gives sets, reps or hold time,
intensity, rest and tempo. Timed holds and carries keep their catalog unit. Calf, core,
upper-body and mobility work rest at most 90 s between sets even in a heavy role: long
rests are for the big lower-body lifts.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from planner.catalog.catalog import Exercise
from planner.config.goals import Dose, Profile, goal_book
from planner.training.doable import doable
from planner.training.intensity import HEAVY_RPE, RPE, numbers
from planner.training.progression import RPE_STEP, cut_sets, hold_seconds, progressed
from planner.vocabulary import LEG_LOADING_EQUIPMENT, LEVELS

if TYPE_CHECKING:  # a config's fields are read; the training layer builds none
    from planner.config.config import Config

ACCESSORY_REST_S = 90
UPPER_SETS = 3
UPPER_REPS = 8
UPPER_EFFORT = "RPE 7 (3 reps in reserve)"
BODYWEIGHT_RPE = 8.0  # no 1RM to take a percentage of: effort says how hard
BODYWEIGHT_REST_S = 120  # a hard bodyweight set needs less recovery than a heavy barbell one
SECONDS_PER_REP = 4
SETUP_S = 60  # setting up and moving on to the next exercise
SHORT_SESSION_LEAST_SETS = 2
METERS_PER_SECOND = 1
# A beginner's first weeks of a block are for learning the lifts (Blagrove & Hooper); after
# this many building weeks the cue gives way to the load.
LEARNING_WEEKS = 4
LEARNING_CUE = ", learn the movement"


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
    def busy_s(self) -> int:
        """Seconds of work: every set (both sides when single-leg) plus setting up."""
        if self.unit == "reps":
            per_rep = _tempo_seconds(self.tempo) if self.tempo else SECONDS_PER_REP
            work = self.reps * per_rep
        elif self.unit == "seconds":
            work = self.reps
        else:
            work = self.reps // METERS_PER_SECOND
        work *= 2 if self.per_side else 1
        return self.sets * work + SETUP_S

    @property
    def rest_total_s(self) -> int:
        """Seconds of rest between sets."""
        return (self.sets - 1) * self.rest_s

    @property
    def minutes(self) -> int:
        """The exercise done on its own: work, rests and setting up, in whole minutes."""
        return math.ceil((self.busy_s + self.rest_total_s) / 60)


# Lower-body lifts and jumps are the main work: their rests are taken in full. Calf, core,
# upper-body and mobility work is paired with them and done in those rests, as a coach
# does when time is short, so a session lasts the longer of the two tracks.
MAIN_CATEGORIES = ("lower", "plyometric")


def session_tracks(exercises: list[tuple[Exercise, Dosed]]) -> tuple[int, int]:
    """Seconds of the main track (main lifts with their rests) and of the paired track
    (main lifts' work plus all accessory work and rests)."""
    main = sum(d.busy_s + d.rest_total_s for e, d in exercises if e.category in MAIN_CATEGORIES)
    main_busy = sum(d.busy_s for e, d in exercises if e.category in MAIN_CATEGORIES)
    accessories = sum(
        d.busy_s + d.rest_total_s for e, d in exercises if e.category not in MAIN_CATEGORIES
    )
    return main, main_busy + accessories


def minutes_of_session(exercises: list[tuple[Exercise, Dosed]]) -> int:
    """How long a session takes with accessories paired into the main lifts' rests."""
    return math.ceil(max(session_tracks(exercises)) / 60)


# prescribe's answers by (profile, exercise) identity: a block model asks it about 2,400 times
# a week for 170 exercises (a third of building the marathon block). Both are frozen; each
# entry holds them, so an id is never reused for another while its entry lives.
_PRESCRIBED: dict[tuple[int, int], tuple[Profile, Exercise, Dosed]] = {}
_PRESCRIBED_MOST = 50_000


def prescribe(exercise: Exercise, profile: Profile) -> Dosed:
    """Sets, reps (or seconds / meters), intensity, rest and tempo for this athlete."""
    key = (id(profile), id(exercise))
    known = _PRESCRIBED.get(key)
    if known is not None and known[0] is profile and known[1] is exercise:
        return known[2]
    if len(_PRESCRIBED) >= _PRESCRIBED_MOST:
        _PRESCRIBED.clear()
    dosed = _prescribed(exercise, profile)
    _PRESCRIBED[key] = (profile, exercise, dosed)
    return dosed


def _prescribed(exercise: Exercise, profile: Profile) -> Dosed:
    role = profile.role_of(exercise.stimuli)
    line = profile.progression.get(role)
    step = profile.step_for(role)
    dose = profile.prescription[role]
    if role == "mobility" and exercise.unit == "reps":
        # A dynamic drill is warm-up for every goal: the shared easy dose, not progressed
        # (the flexibility goal's own dose is for stretches held for time).
        drills = cast(dict[str, Dose], goal_book().prescription["mobility"])
        dose, line = drills[profile.level], None
    if line is not None:  # in a block: this week's step along the role's line
        dose = progressed(dose, line.by, step)
    if exercise.unit == "reps":
        reps = dose.reps
    elif exercise.unit == "seconds":
        reps = dose.seconds or (
            hold_seconds(exercise.reps, line.by, step) if line else exercise.reps
        )
    else:
        reps = exercise.reps
    rest = dose.rest_s
    if exercise.category != "lower" and role in ("strength", "power"):
        rest = min(rest, ACCESSORY_REST_S)
    intensity = dose.intensity
    if profile.block_step is not None and profile.block_step >= LEARNING_WEEKS:
        intensity = intensity.replace(LEARNING_CUE, "")
    tempo = dose.tempo
    if role == "strength" and not exercise.loaded and exercise.unit == "reps":
        # No weight to add: a slow lowering and the hardest version make few reps hard.
        shift = RPE_STEP * step if line is not None and line.by == "intensity" else 0
        intensity = f"RPE {BODYWEIGHT_RPE + shift:g}, hardest version you can do"
        tempo = tempo or "4-1-1"
        rest = min(rest, BODYWEIGHT_REST_S)
    elif role == "strength" and "1RM" in intensity and "barbell" not in exercise.equipment:
        # Percentages of a one-rep max are for barbell lifts; dumbbells go by effort.
        intensity = _effort_only(intensity)
    if exercise.unit == "seconds" and role != "mobility":
        intensity = f"{reps} s hold, steady breathing"
    elif exercise.unit == "meters" and role not in ("power", "mobility"):
        intensity = "heavy enough to walk tall" if exercise.loaded else "tall and steady"
    sets = dose.sets
    if exercise.category == "upper" and role == "strength" and exercise.unit == "reps":
        # Upper-body work keeps a runner's posture and arm drive; it is not for size or a
        # maximal lift (the seed: "not about bulking up"): moderate sets short of failure,
        # the same at every step of a block, whatever the goal does with the legs.
        sets, reps, tempo = min(sets, UPPER_SETS), max(reps, UPPER_REPS), None
        intensity, rest = UPPER_EFFORT, min(rest, ACCESSORY_REST_S)
    if role == "strength" and exercise.category == "lower" and profile.heavy_lift_sets:
        sets = min(sets, profile.heavy_lift_sets)  # the week's heavy sets spread over sessions
    if role in profile.short_roles and sets > SHORT_SESSION_LEAST_SETS:
        sets -= 1  # a short session: every exercise kept, one set fewer
    # A deload or taper cuts the sets the week would do, a short session's included: the other
    # way round, a 30-minute deload kept its 2-set exercises at 2 (46 of 58 sets).
    sets = cut_sets(sets, profile.volume)
    reps, intensity, tempo = doable(exercise, reps, intensity, tempo)
    return Dosed(role, sets, reps, exercise.unit, intensity, rest, tempo, exercise.per_side)


METERS_PER_CONTACT = 2  # a skip or bound lands about every two meters


def contacts(exercise: Exercise, dosed: Dosed) -> int:
    """Ground contacts of a jump as prescribed: every rep (both legs for single-leg work),
    or a landing every two meters of skipping and bounding; 0 for anything else."""
    if exercise.category != "plyometric":
        return 0
    per_set = dosed.reps // METERS_PER_CONTACT if dosed.unit == "meters" else dosed.reps
    return dosed.sets * per_set * (2 if dosed.per_side else 1)


def _effort_only(intensity: str) -> str:
    """ "80% 1RM (RPE 8)" -> "RPE 8 (2 reps in reserve)"; a range stays a range ("RPE 7-8
    (2-3 reps in reserve)"), so a dumbbell lift is as hard as the barbell one it stands for."""
    rpe = numbers(RPE, intensity) or [HEAVY_RPE]  # a percentage alone: a heavy lift's effort
    effort = "-".join(f"{x:g}" for x in rpe)
    reserve = "-".join(f"{10 - x:g}" for x in reversed(rpe))
    return f"RPE {effort} ({reserve} reps in reserve)"


def _tempo_seconds(tempo: str) -> int:
    """Seconds one rep takes at a tempo such as "3-1-1" (down, pause, up)."""
    try:
        return sum(int(part) for part in tempo.split("-"))
    except ValueError:
        return SECONDS_PER_REP


def heavy_work(exercise: Exercise, category: str) -> bool:
    """The exercise is heavy work of that category: it is prescribed for strength (low reps
    near the limit: loaded, or the hardest bodyweight version). Heavy is the prescription's,
    so an athlete whose kit has no loaded calf raise does the hardest one the catalog has;
    the hardness term prefers a loaded one when there is one."""
    return exercise.category == category and "strength" in exercise.stimuli


def serves_goal(exercise: Exercise, profile: Profile, equipment: Iterable[str] = ()) -> bool:
    """The exercise counts toward the goal's dose: its category and its main stimulus; for a
    mobility dose, a static stretch held for time (a drill in reps is warm-up). For a
    strength dose that is a lift prescribed heavy, loaded or the hardest bodyweight version;
    with weights at hand a loaded one in every session is a target of its own (loaded_dose)."""
    if exercise.category not in profile.dose_categories or profile.primary not in exercise.stimuli:
        return False
    if profile.primary == "mobility":  # stretching is held for time; drills are warm-up
        return exercise.unit == "seconds"
    return True


def loaded_dose(config: Config, exercises: Iterable[Exercise]) -> list[Exercise]:
    """The loaded lifts that serve a strength goal's dose, when the athlete owns weights for
    the legs: with such a lift at hand, each session off the light days holds one (a target;
    COACHING.md, "strength: heavy loaded lifts when the kit allows"). Empty otherwise: then
    the hardest bodyweight version is the dose."""
    profile, equipment = config.profile, config.equipment.available
    if (
        profile.primary != "strength"
        or not profile.dose
        or not set(equipment) & set(LEG_LOADING_EQUIPMENT)
    ):
        return []
    return [e for e in exercises if e.loaded and serves_goal(e, profile, equipment)]


MAX_HARDNESS = 6
LOADED_HARDNESS = 3  # above the whole level ladder (0-2): a load beats a harder variant


def hardness(exercise: Exercise) -> int:
    """How hard a version of its movement an exercise is, 0-6: its level (beginner 0,
    intermediate 1, advanced 2), plus 3 when it is loaded and 1 more for a barbell, the
    heaviest load a runner lifts. A barbell back squat is 5, a goblet squat 3, a
    bodyweight split squat 0, a Bulgarian split squat 4, a Nordic curl 2. A load counts
    more than any harder bodyweight variant (a goblet squat beats a Nordic curl), so with
    weights at hand a loaded lift wins a heavy slot, even at the price of a repeat (the
    variety term's 2): COACHING, "strength: heavy loaded lifts when the kit allows".
    Without weights the hardest bodyweight version wins."""
    barbell = "barbell" in exercise.equipment
    return LEVELS.index(exercise.level) + LOADED_HARDNESS * int(exercise.loaded) + int(barbell)


def coverage_points(exercise: Exercise, muscle: str, profile: Profile) -> int:
    """Weekly coverage one exercise adds to a muscle, counting intensity.

    Its catalog points (0-3), plus, on the muscles it mainly trains (2 points or more): 1
    when it is prescribed for the goal's main stimulus in the goal's categories, 1 when it
    is loaded in a heavy or explosive role, and 1 more when that load is a barbell (the
    heaviest a runner can lift). A barbell back squat for a strength goal gives the quads
    3 + 3; a goblet squat 3 + 2; a bodyweight squat prescribed for strength-endurance 3.
    """
    points = exercise.covers(muscle)
    if points < 2:
        return points
    role = profile.role_of(exercise.stimuli)
    main = role == profile.primary and exercise.category in profile.dose_categories
    heavy = role in ("strength", "power") and exercise.category != "core" and exercise.loaded
    barbell = heavy and "barbell" in exercise.equipment
    return points + int(main) + int(heavy) + int(barbell)

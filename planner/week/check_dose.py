"""What a plan's prescriptions add up to, read from the plan as written: a session's minutes,
a week's jump contacts, and whether a dose grew by more than a step.

Stated here from scratch, not taken from planner/training/: if the prescription code got
its arithmetic wrong, the model would share the mistake and only this would see it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from planner.catalog.catalog import Exercise

# How long the work takes: a rep with no tempo written takes 4 s, a rep with a tempo such as
# "3-1-1" the sum of its parts; meters are covered at 1 m/s; each exercise takes a minute to
# set up. Lower-body lifts and jumps take their rests in full; every other exercise is
# done in those rests, so a session lasts the longer of the two tracks.
REP_S = 4
SETUP_S = 60
MAIN_WORK = ("lower", "plyometric")
METERS_PER_CONTACT = 2  # a skip or a bound lands about every two meters
# One step of progression from one week to the next (the coach's rule for a block).
STEP = {"sets": 1, "reps": 2, "seconds": 5, "% 1RM": 2.5, "RPE": 0.5}


class Written(Protocol):
    """A prescription as the plan writes it."""

    @property
    def role(self) -> str: ...
    @property
    def sets(self) -> int: ...
    @property
    def reps(self) -> int: ...
    @property
    def unit(self) -> str: ...
    @property
    def intensity(self) -> str: ...
    @property
    def rest_s(self) -> int: ...
    @property
    def tempo(self) -> str | None: ...
    @property
    def per_side(self) -> bool: ...


def _work_s(d: Written) -> int:
    if d.unit == "reps":
        per_rep = REP_S
        if d.tempo and all(part.isdigit() for part in d.tempo.split("-")):
            per_rep = sum(int(part) for part in d.tempo.split("-"))
        once = d.reps * per_rep
    else:
        once = d.reps  # seconds held, or meters at 1 m/s
    return d.sets * once * (2 if d.per_side else 1) + SETUP_S


def session_minutes(done: Sequence[tuple[Exercise, Written]]) -> int:
    """Whole minutes a session takes, its accessories done in the main lifts' rests."""
    main = paired = 0
    for e, d in done:
        rests = (d.sets - 1) * d.rest_s
        if e.category in MAIN_WORK:
            main += _work_s(d) + rests
            paired += _work_s(d)
        else:
            paired += _work_s(d) + rests
    return math.ceil(max(main, paired) / 60)


def contacts(e: Exercise, d: Written) -> int:
    """Ground contacts of a jump: each rep (each leg when one side at a time), or a landing
    every two meters; nothing for other work."""
    if e.category != "plyometric":
        return 0
    per_set = d.reps // METERS_PER_CONTACT if d.unit == "meters" else d.reps
    return d.sets * per_set * (2 if d.per_side else 1)


_NUMBER = r"(\d+(?:\.\d+)?)(?:\s*-\s*(\d+(?:\.\d+)?))?"  # a number or a range


def _range(label: str, text: str) -> tuple[float, float] | None:
    """The number or range a label names, as (low, high): "RPE 7.5-8.5" is (7.5, 8.5)."""
    found = re.search(rf"RPE {_NUMBER}" if label == "RPE" else rf"{_NUMBER}\s*% 1RM", text)
    if not found:
        return None
    low = float(found.group(1))
    return low, float(found.group(2) or low)


def _first(label: str, text: str) -> float | None:
    found = _range(label, text)
    return found[0] if found else None


def _top(label: str, text: str) -> float | None:
    """A range read at its top, the effort the athlete may reach."""
    found = _range(label, text)
    return found[1] if found else None


def grew_past_a_step(before: Written, after: Written) -> str | None:
    """How a dose grew by more than one step from one week to the next, in words; None when
    it grew by a step or less, or serves another role."""
    if before.role != after.role:
        return None
    if after.sets - before.sets > STEP["sets"]:
        return f"sets {before.sets} -> {after.sets}"
    if after.unit != "meters":
        step = STEP["seconds"] if after.unit == "seconds" else STEP["reps"]
        if after.reps - before.reps > step:
            return f"{after.unit} {before.reps} -> {after.reps}"
    for label in ("% 1RM", "RPE"):
        old, new = _first(label, before.intensity), _first(label, after.intensity)
        if old is not None and new is not None and new - old > STEP[label]:
            return f"intensity {before.intensity!r} -> {after.intensity!r}"
    return None


def fell_past_a_step(before: Written, after: Written) -> str | None:
    """How a lift kept into a new phase fell back by more than a step, in words; None when
    it did not (planner/training/progression.py fell_back, restated): effort down by more
    than a step (RPE; % 1RM where no RPE is given; a range at its top) or two sets fewer,
    for the same role."""
    if before.role != after.role:
        return None
    if before.sets - after.sets > STEP["sets"]:
        return f"sets {before.sets} -> {after.sets}"
    for label in ("RPE", "% 1RM"):
        old, new = _top(label, before.intensity), _top(label, after.intensity)
        if old is not None and new is not None:
            fell = old - new > STEP[label]
            return f"effort {before.intensity!r} -> {after.intensity!r}" if fell else None
    return None

"""The independent checker's word on doable sets, read from the plan's own prescription
(its reps, unit and intensity text), stated from scratch: no set over 20 repetitions, and
bodyweight lower-body work at RPE 8 or more, or 80 % of a one-rep max or more, at most 12;
a bodyweight lower-body movement rated advanced (a Nordic curl) at most the catalog's reps
for it, whatever the effort, since every rep of it is near-maximal."""

from __future__ import annotations

import re
from collections.abc import Iterator

from planner.plan.week import Plan, Prescription

MOST_REPS = 20
MOST_HARD_BODYWEIGHT_REPS = 12


def _hard(intensity: str) -> bool:
    rpe = re.search(r"RPE (\d+(?:\.\d+)?)(?:\s*-\s*(\d+(?:\.\d+)?))?", intensity)
    share = re.search(r"(\d+(?:\.\d+)?)(?:\s*-\s*(\d+(?:\.\d+)?))?\s*% 1RM", intensity)
    top_rpe = max(float(x) for x in rpe.groups() if x) if rpe else 0.0
    top_share = max(float(x) for x in share.groups() if x) if share else 0.0
    return top_rpe >= 8 or top_share >= 80


def _bodyweight_legs_hard(p: Prescription) -> bool:
    e = p.exercise
    return e.category == "lower" and not e.loaded and _hard(p.intensity)


def _advanced_bodyweight_legs(p: Prescription) -> bool:
    e = p.exercise
    return e.category == "lower" and not e.loaded and e.level == "advanced"


def undoable_sets(plan: Plan) -> Iterator[str]:
    """One line per prescribed set nobody can do as written."""
    for session in plan.sessions:
        for p in session.exercises:
            e = p.exercise
            if e.unit != "reps":
                continue
            where = f"{session.day} {e.id}: {p.reps} reps"
            if p.reps > MOST_REPS:
                yield f"{where} a set, at most {MOST_REPS}"
            elif p.reps > MOST_HARD_BODYWEIGHT_REPS and _bodyweight_legs_hard(p):
                yield f"{where} of bodyweight at {p.intensity!r}, at most 12"
            elif p.reps > e.reps and _advanced_bodyweight_legs(p):
                yield f"{where} of an advanced bodyweight movement, at most {e.reps}"

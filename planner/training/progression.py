"""How a block moves a prescription from week to week (the goal book's [progression]).

One step of a role's line changes one thing: intensity (+2.5 % of 1RM and +0.5 RPE, the
weight goes up while sets and reps stay), sets (one more), or work (two more reps, or
five more seconds of a hold or stretch). Deload and taper weeks cut sets and keep the
intensity of the week before (Bosquet et al. 2007 for the taper).
"""

from __future__ import annotations

import math
import re

from planner.config.goals import Dose as GoalDose
from planner.training.intensity import PERCENT, RESERVE, RPE, numbers

PERCENT_STEP = 2.5
RPE_STEP = 0.5
REPS_STEP = 2
SECONDS_STEP = 5
MAX_RPE = 10.0


def progressed(dose: GoalDose, by: str, step: int) -> GoalDose:
    """The dose `step` steps along a line that changes `by` (intensity, sets or work)."""
    if step == 0:
        return dose
    if by == "intensity":
        return dose.model_copy(update={"intensity": shifted_intensity(dose.intensity, step)})
    if by == "sets":
        return dose.model_copy(update={"sets": max(1, dose.sets + step)})
    seconds = None if dose.seconds is None else max(5, dose.seconds + SECONDS_STEP * step)
    return dose.model_copy(
        update={"reps": max(1, dose.reps + REPS_STEP * step), "seconds": seconds}
    )


def hold_seconds(seconds: int, by: str, step: int) -> int:
    """A hold whose time comes from the catalog, moved along a work line."""
    return max(5, seconds + SECONDS_STEP * step) if by == "work" else seconds


def shifted_intensity(text: str, step: int) -> str:
    """ "80% 1RM (RPE 8)" two steps down is "75% 1RM (RPE 7)"; words stay as they are."""

    def number(value: float) -> str:
        return f"{value:g}"

    def percent(match: re.Match[str]) -> str:
        values = [float(g) + PERCENT_STEP * step for g in match.groups() if g is not None]
        return "-".join(number(v) for v in values) + "% 1RM"

    def rpe(match: re.Match[str]) -> str:
        values = [min(MAX_RPE, float(g) + RPE_STEP * step) for g in match.groups() if g is not None]
        return "RPE " + "-".join(number(v) for v in values)

    def reserve(match: re.Match[str]) -> str:
        left = [max(0.0, float(g) - RPE_STEP * step) for g in match.groups() if g is not None]
        return f"({'-'.join(number(v) for v in left)} reps in reserve)"

    return RESERVE.sub(reserve, RPE.sub(rpe, PERCENT.sub(percent, text)))


def cut_sets(sets: int, volume: str) -> int:
    """Sets in a week whose volume is cut: a deload halves them (rounded up, 3 -> 2), the
    race week halves them rounded down (3 -> 1), other taper weeks drop one."""
    if volume == "deload":
        return math.ceil(sets / 2)
    if volume == "race":
        return max(1, sets // 2)
    if volume == "taper":
        return max(1, sets - 1)
    return sets


Dose = tuple[str, int, int, str, str]  # role, sets, reps (or seconds / meters), unit, intensity


def jump(before: Dose, after: Dose) -> str | None:
    """How a prescription grew by more than one step from one week to the next, in words;
    None when it grew by a step or less, or was prescribed for another role (other work)."""
    role0, sets0, work0, unit, text0 = before
    role1, sets1, work1, _, text1 = after
    if role0 != role1:
        return None
    if sets1 - sets0 > 1:
        return f"sets {sets0} -> {sets1}"
    step = SECONDS_STEP if unit == "seconds" else REPS_STEP
    if unit != "meters" and work1 - work0 > step:
        return f"{unit} {work0} -> {work1}"
    for pattern, most in ((PERCENT, PERCENT_STEP), (RPE, RPE_STEP)):
        old, new = numbers(pattern, text0), numbers(pattern, text1)
        if old and new and new[0] - old[0] > most:
            return f"intensity {text0!r} -> {text1!r}"
    return None


def fell_back(before: Dose, after: Dose) -> str | None:
    """How a lift kept into a new phase fell back by more than a step, in words; None when
    it did not. Effort, not the percentage, is what carries: a new phase may trade 87.5 %
    x 4 for 82.5 % x 5 at the same RPE (its own dose), which is no reset; effort falling by
    more than RPE_STEP (PERCENT_STEP where no RPE is given), or two sets fewer, is. A range
    is read at its top, the effort the athlete may reach: an endurance phase's heavy lift at
    RPE 7.5-8.5 keeps a strength phase's RPE 8.5, so the lift carries into it."""
    role0, sets0, _, _, text0 = before
    role1, sets1, _, _, text1 = after
    if role0 != role1:
        return None
    if sets0 - sets1 > 1:
        return f"sets {sets0} -> {sets1}"
    rpe0, rpe1 = numbers(RPE, text0), numbers(RPE, text1)
    if rpe0 and rpe1:
        return f"effort {text0!r} -> {text1!r}" if rpe0[-1] - rpe1[-1] > RPE_STEP else None
    pct0, pct1 = numbers(PERCENT, text0), numbers(PERCENT, text1)
    if pct0 and pct1 and pct0[-1] - pct1[-1] > PERCENT_STEP:
        return f"effort {text0!r} -> {text1!r}"
    return None

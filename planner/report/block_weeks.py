"""What the block's outputs say about its weeks, shared by the table, the page, the chart and
the calendar: each week's kind, and each phase's main lifts week by week."""

from __future__ import annotations

import re
from dataclasses import dataclass

from planner.config.block import BlockWeek
from planner.plan.block import BLOCK_GAP_LIMIT, BlockResult, PlannedWeek
from planner.plan.week import Prescription
from planner.training.prescription import serves_goal
from planner.training.stress import light_leg_days

# A week's kind as a coach names it.
KIND_NAMES = {"build": "build", "deload": "deload", "taper": "taper", "race": "race week"}


def week_kind(week: BlockWeek) -> str:
    """build, deload, taper or race (the week holding the race)."""
    return {"full": "build"}.get(week.volume, week.volume)


@dataclass(frozen=True)
class PhaseLifts:
    """A phase's main lifts, week by week: a row per week, a dose per lift ("-": not done)."""

    phase: str
    lifts: tuple[str, ...]  # their names
    rows: tuple[tuple[str, tuple[str, ...]], ...]  # ("4 deload", ("2 x 5 RPE 8", ...))


def main_lifts(weeks: tuple[PlannedWeek, ...], equipment: list[str]) -> list[PhaseLifts]:
    """Each phase's main lifts (its goal's dose exercises), over its building and deload
    weeks: how their dose and intensity move."""
    phases: list[tuple[str, list[PlannedWeek]]] = []
    for planned in weeks:
        week = planned.setup.week
        if not planned.plan.sessions or week.taper:
            continue
        if not phases or phases[-1][0] != week.phase:
            phases.append((week.phase, []))
        phases[-1][1].append(planned)
    out = []
    for phase, members in phases:
        profile = members[0].setup.config.profile
        main: dict[str, str] = {}
        for planned in members:
            for s in planned.plan.sessions:
                for p in s.exercises:
                    if serves_goal(p.exercise, profile, equipment):
                        main.setdefault(p.exercise.id, p.exercise.name)
        if not main:
            continue
        rows = []
        for planned in members:
            doses = {p.exercise.id: p for s in planned.plan.sessions for p in s.exercises}
            week = planned.setup.week
            label = f"{week.number}{' deload' if week.deload else ''}"
            rows.append((label, tuple(_dose(doses[i]) if i in doses else "-" for i in main)))
        out.append(PhaseLifts(phase, tuple(main.values()), tuple(rows)))
    return out


def no_main_lifts(weeks: tuple[PlannedWeek, ...]) -> str:
    """Why the block shows no main lifts: a goal without a dose, or sessions that all keep
    the legs light, or else the week notes say."""
    building = [w for w in weeks if w.plan.sessions and not w.setup.week.taper]
    if all(w.setup.config.profile.dose == 0 for w in building):
        return "the goal has no dose rule"
    if all(s.day in light_leg_days(w.setup.config) for w in building for s in w.plan.sessions):
        return (
            "every session keeps the legs light (the day before a key run, or the long run): "
            "training on another day would allow them"
        )
    return "no session holds one of the goal's dose exercises; each week's notes say why"


def _dose(p: Prescription) -> str:
    """A dose in a few characters: "4 x 5 75%", "3 x 6/side RPE 7.5", "3 x 40 s"."""
    percent = re.search(r"[\d.]+(?:-[\d.]+)?% 1RM", p.intensity)
    rpe = re.search(r"RPE [\d.]+(?:-[\d.]+)?", p.intensity)
    short = percent.group(0).replace(" 1RM", "") if percent else rpe.group(0) if rpe else ""
    return f"{p.dose} {short}".strip()


def stop_reason(result: BlockResult) -> str:
    """Why a block found is not proven optimal, in words."""
    if result.stopped == "gap limit":
        return f"the search stops within {BLOCK_GAP_LIMIT:.2%} of the bound"
    return "time limit"

"""The independent checks of planner/model/block/coach_rules.py, by the same names: steady
weeks, a progression that carries over, jumps that build up, a taper that does less.
Plain Python over the planned weeks; no OR-Tools, no model code."""

from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction

from planner.block.check_register import Weeks, verifies_block
from planner.config.config import Config
from planner.plan.block import PlannedWeek
from planner.plan.week import Prescription
from planner.training.week_setup import LEG_FREE_DAYS
from planner.vocabulary import LEG_CATEGORIES
from planner.week.check import Violation
from planner.week.check_dose import contacts, fell_past_a_step, grew_past_a_step

CARRY_LEAST = Fraction(3, 5)
CONTACTS_START = 80
CONTACTS_STEP = 40
INTENSE_JUMP_LOAD = 5
JUMP_MEMORY = 2


def _prescriptions(planned: PlannedWeek) -> list[Prescription]:
    return [p for s in planned.plan.sessions for p in s.exercises]


def _ids(planned: PlannedWeek) -> set[str]:
    return {p.exercise.id for p in _prescriptions(planned)}


def _building(planned: PlannedWeek) -> bool:
    week = planned.setup.week
    return bool(planned.plan.sessions) and not week.deload and not week.taper


def _build_pairs(weeks: Weeks) -> Iterator[tuple[PlannedWeek, PlannedWeek]]:
    """Each build week with the build week before it (a deload between them skipped)."""
    previous: PlannedWeek | None = None
    for planned in weeks:
        if _building(planned):
            if previous is not None:
                yield previous, planned
            previous = planned


@verifies_block
def exercises_carry_within_phase(weeks: Weeks, config: Config) -> Iterator[Violation]:
    every = config.block.rotate_every if config.block else 0
    steady = [w for w in weeks if not w.setup.disrupted]  # a re-planned week went otherwise
    for before, planned in _build_pairs(steady):
        phase = planned.setup.week.phase
        if before.setup.week.phase != phase:
            continue
        number = planned.setup.week.number
        count = sum(  # the phase's build weeks before this one
            1
            for w in steady
            if _building(w) and w.setup.week.phase == phase and w.setup.week.number < number
        )
        old, new = _ids(before), _ids(planned)
        kept = len(old & new)
        if kept < CARRY_LEAST * max(len(old), len(new)):
            yield Violation(
                "exercises_carry_within_phase",
                f"week {number}: keeps {kept} of {len(old)} exercises, holds {len(new)}",
            )
        rotates = every > 0 and count % every == 0
        if new - old and not rotates:
            yield Violation(
                "exercises_carry_within_phase",
                f"week {number}: new {sorted(new - old)} outside a rotation week",
            )


@verifies_block
def progression_carries(weeks: Weeks, config: Config) -> Iterator[Violation]:
    for before, planned in _build_pairs(weeks):
        if before.setup.week.step > planned.setup.week.step:
            yield Violation(
                "progression_carries",
                f"week {planned.setup.week.number}: the step fell back "
                f"({before.setup.week.step} -> {planned.setup.week.step})",
            )
        # A new phase's own dose applies from the step carried, its effort kept.
        same_phase = before.setup.week.phase == planned.setup.week.phase
        old = {p.exercise.id: p for p in _prescriptions(before)}
        for p in _prescriptions(planned):
            was = old.get(p.exercise.id)
            if was is None:
                continue
            if same_phase:
                fell = grew_past_a_step(p.dosed, was.dosed)
            else:
                fell = fell_past_a_step(was.dosed, p.dosed)
            if fell:
                yield Violation(
                    "progression_carries",
                    f"week {planned.setup.week.number}: {p.exercise.id} fell back ({fell})",
                )


def _contacts(planned: PlannedWeek) -> int:
    return sum(contacts(p.exercise, p.dosed) for p in _prescriptions(planned))


@verifies_block
def jumps_build_up(weeks: Weeks, config: Config) -> Iterator[Violation]:
    cap = config.block.max_contacts if config.block else None
    for n, planned in enumerate(weeks):
        number = planned.setup.week.number
        now = _contacts(planned)
        if cap is not None and now > cap:
            yield Violation("jumps_build_up", f"week {number}: {now} contacts > {cap}")
        before = _contacts(weeks[n - 1]) if n > 0 else 0
        if _building(planned) and now > max(before + CONTACTS_STEP, CONTACTS_START):
            yield Violation("jumps_build_up", f"week {number}: contacts {before} -> {now}")
        lighter = [
            p.exercise.load
            for w in weeks[max(0, n - JUMP_MEMORY) : n]
            for p in _prescriptions(w)
            if p.exercise.category == "plyometric"
        ]
        for p in _prescriptions(planned):
            load = p.exercise.load
            hard = p.exercise.category == "plyometric" and load >= INTENSE_JUMP_LOAD
            if hard and not any(earlier < load for earlier in lighter):
                yield Violation(
                    "jumps_build_up",
                    f"week {number}: {p.exercise.id} with no lighter jump in the weeks before",
                )


@verifies_block
def taper_does_less(weeks: Weeks, config: Config) -> Iterator[Violation]:
    builds = [w for w in weeks if _building(w)]
    for planned in weeks:
        if not planned.setup.week.taper or not planned.plan.sessions:
            continue
        number = planned.setup.week.number
        for build in builds:
            if build.setup.week.number > number:
                break
            if len(_ids(planned)) > len(_ids(build)):
                yield Violation(
                    "taper_does_less",
                    f"week {number}: {len(_ids(planned))} exercises, week "
                    f"{build.setup.week.number} {len(_ids(build))}",
                )
            minutes = sum(s.minutes for s in planned.plan.sessions)
            most = sum(s.minutes for s in build.plan.sessions)
            if minutes > most:
                yield Violation(
                    "taper_does_less",
                    f"week {number}: {minutes} min, week {build.setup.week.number} {most}",
                )
        for session in planned.plan.sessions:
            left = planned.setup.week.days_before_race(session.day)
            if left is not None and 0 <= left <= LEG_FREE_DAYS:
                for p in session.exercises:
                    if p.exercise.category in LEG_CATEGORIES:
                        yield Violation(
                            "taper_does_less",
                            f"week {number} {session.day}: {p.exercise.id} {left} day(s) "
                            "before the race",
                        )
        last = [b for b in builds if b.setup.week.number < number]
        now, then = _contacts(planned), _contacts(last[-1]) if last else 0
        if last and now > then:
            yield Violation(
                "taper_does_less",
                f"week {number}: {now} contacts, week {last[-1].setup.week.number} {then}",
            )
        yield from _short_race_week(planned, builds)


def _short_race_week(planned: PlannedWeek, builds: list[PlannedWeek]) -> Iterator[Violation]:
    """Each race-week session lasts at most half the longest build session, rounded up."""
    number = planned.setup.week.number
    before = [s.minutes for b in builds if b.setup.week.number < number for s in b.plan.sessions]
    if planned.setup.week.volume != "race" or not before:
        return
    most = math.ceil(max(before) / 2)
    for session in planned.plan.sessions:
        if session.minutes > most:
            yield Violation(
                "taper_does_less",
                f"week {number} {session.day}: {session.minutes} min, half the longest build"
                f" session {most}",
            )

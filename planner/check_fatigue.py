"""The checker's fatigue rules: verified from the plan's own prescriptions (sets, reps,
intensity, tempo), never from the model. The stress arithmetic is planner/stress.py's, a
plain function of a prescription that the model also uses to weigh its variables."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from planner.stress import hard_for_legs, heavy_sets, leg_stress, stress
from planner.vocabulary import LEG_LOADING_EQUIPMENT, next_day

if TYPE_CHECKING:
    from planner.check import Violation
    from planner.config import Config
    from planner.plan import Plan, Session


def check_fatigue(plan: Plan, config: Config) -> Iterator[Violation]:
    from planner.check import Violation

    level, caps = config.athlete.level, config.fatigue
    key_runs = set(config.week.key_run_days)
    for s in plan.sessions:
        total = sum(stress(p.exercise, p.dosed) for p in s.exercises)
        if total > caps.cap("max_session", level):
            cap = caps.cap("max_session", level)
            yield Violation("session_stress", f"{s.day}: stress {total} > {cap}")
        if next_day(s.day) in key_runs:
            yield from _hard_legs(s, "no_hard_legs_before_key_runs", "before a key run")
            legs = sum(leg_stress(p.exercise, p.dosed) for p in s.exercises)
            cap = caps.cap("max_legs_before_key_run", level)
            if legs > cap:
                yield Violation("leg_stress_before_key_runs", f"{s.day}: leg stress {legs} > {cap}")
        if s.day == config.week.long_run and not config.week.heavy_legs_on_long_run_day:
            yield from _hard_legs(s, "no_hard_legs_on_long_run_day", "on the long-run day")
    week = sum(stress(p.exercise, p.dosed) for s in plan.sessions for p in s.exercises)
    if week > caps.cap("max_week", level):
        yield Violation("weekly_stress", f"stress {week} > {caps.cap('max_week', level)}")
    heavy = sum(heavy_sets(p.exercise, p.dosed) for s in plan.sessions for p in s.exercises)
    least, most = config.profile.heavy_sets
    owns = bool(set(config.equipment.available) & set(LEG_LOADING_EQUIPMENT))
    if not owns or config.defaulted("goal.heavy_sets"):
        least = 0  # no floor without weights; the profile's floor is a target
    if not least <= heavy <= most:
        yield Violation(
            "heavy_sets_per_week", f"{heavy} heavy lower-body sets, allowed [{least}, {most}]"
        )


def _hard_legs(session: Session, rule: str, when: str) -> Iterator[Violation]:
    from planner.check import Violation

    for p in session.exercises:
        why = hard_for_legs(p.exercise, p.dosed)
        if why:
            yield Violation(rule, f"{session.day}: {p.exercise.id} ({why}) {when}")

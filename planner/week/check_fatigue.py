"""The checker's fatigue rules: verified from the plan's own prescriptions (sets, reps,
intensity, tempo), never from the model. The stress arithmetic is planner/training/stress.py's, a
plain function of a prescription that the model also uses to weigh its variables."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from planner.catalog.catalog import Exercise
from planner.config.config import Config
from planner.rulebook import rule
from planner.training.stress import hard_for_legs, heavy_sets, leg_stress, stress
from planner.vocabulary import LEG_LOADING_EQUIPMENT, next_day
from planner.week.check_week import Violation, Week, verifies

if TYPE_CHECKING:
    from planner.training.prescription import Dosed

Prescribed = list[tuple[Exercise, "Dosed"]]


@verifies
def session_stress(week: Week, config: Config) -> Iterator[Violation]:
    cap = config.fatigue.cap("max_session", config.athlete.level)
    for day, done in week.prescribed.items():
        total = sum(stress(e, d) for e, d in done)
        if total > cap:
            yield Violation("session_stress", f"{day}: stress {total} > {cap}")


@verifies
def weekly_stress(week: Week, config: Config) -> Iterator[Violation]:
    cap = config.fatigue.cap("max_week", config.athlete.level)
    total = sum(stress(e, d) for done in week.prescribed.values() for e, d in done)
    if total > cap:
        yield Violation("weekly_stress", f"stress {total} > {cap}")


@verifies
def leg_stress_before_key_runs(week: Week, config: Config) -> Iterator[Violation]:
    cap = config.fatigue.cap("max_legs_before_key_run", config.athlete.level)
    for day, done in week.prescribed.items():
        legs = sum(leg_stress(e, d) for e, d in done)
        if next_day(day) in config.week.key_run_days and legs > cap:
            yield Violation("leg_stress_before_key_runs", f"{day}: leg stress {legs} > {cap}")


@verifies
def no_hard_legs_before_key_runs(week: Week, config: Config) -> Iterator[Violation]:
    for day, done in week.prescribed.items():
        if next_day(day) in config.week.key_run_days:
            yield from _hard_legs(day, done, "no_hard_legs_before_key_runs", "before a key run")


@verifies
def no_hard_legs_on_long_run_day(week: Week, config: Config) -> Iterator[Violation]:
    day = config.week.long_run
    if day in week.prescribed and not config.week.heavy_legs_on_long_run_day:
        done = week.prescribed[day]
        yield from _hard_legs(day, done, "no_hard_legs_on_long_run_day", "on the long-run day")


@verifies
def heavy_sets_per_week(week: Week, config: Config) -> Iterator[Violation]:
    heavy = sum(heavy_sets(e, d) for done in week.prescribed.values() for e, d in done)
    least, most = config.profile.heavy_sets
    owns = bool(set(config.equipment.available) & set(LEG_LOADING_EQUIPMENT))
    if not owns or config.defaulted(rule("heavy_sets_per_week").key):
        least = 0  # no floor without weights; the profile's floor is a target
    if not least <= heavy <= most:
        yield Violation(
            "heavy_sets_per_week", f"{heavy} heavy lower-body sets, allowed [{least}, {most}]"
        )


def _hard_legs(day: str, done: Prescribed, rule: str, when: str) -> Iterator[Violation]:
    for e, d in done:
        why = hard_for_legs(e, d)
        if why:
            yield Violation(rule, f"{day}: {e.id} ({why}) {when}")

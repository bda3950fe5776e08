"""The independent checker for a block: every weekly rule in every week (planner/week/check.py,
under that week's config), and the rules that link the weeks, restated from scratch in
plain Python under the names of planner/model/block/rules.py. No OR-Tools.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from fractions import Fraction

from planner.block import coach_check  # noqa: F401  (registers the coach's block checks)
from planner.block.check_register import BLOCK_CHECKS, Weeks, verifies_block
from planner.block_rulebook import BLOCK_RULES
from planner.catalog.catalog import Catalog
from planner.config.config import Config
from planner.plan.block import PlannedWeek
from planner.plan.week import Prescription
from planner.vocabulary import LEG_LOADING_EQUIPMENT
from planner.week.check import Violation, check_plan
from planner.week.check_dose import grew_past_a_step

DELOAD_MOST = Fraction(3, 4)  # of the week before's volume
RACE_WEEK_MOST = Fraction(3, 5)  # of the block's peak volume


def check_block(weeks: Weeks, catalog: Catalog, config: Config) -> list[Violation]:
    """Every broken rule of the block; an empty list means the block is valid."""
    problems: list[Violation] = []
    for planned in weeks:
        if planned.setup.rests and not planned.plan.sessions:
            continue  # the race week with no day free before the eve: nothing to train
        if planned.setup.over:
            continue  # over and as it happened (a re-plan): its weekly rules cannot apply
        for v in check_plan(planned.plan, catalog, planned.setup.config):
            problems.append(Violation(v.rule, f"week {planned.setup.week.number}: {v.message}"))
    for rule in BLOCK_RULES:
        problems.extend(BLOCK_CHECKS[rule.name](weeks, config))
    return problems


def _days(planned: PlannedWeek) -> dict[str, list[Prescription]]:
    return {s.day: list(s.exercises) for s in planned.plan.sessions}


def _volume(planned: PlannedWeek) -> int:
    return sum(p.exercise.load * p.sets for s in planned.plan.sessions for p in s.exercises)


def _building(planned: PlannedWeek) -> bool:
    week = planned.setup.week
    return bool(planned.plan.sessions) and not week.deload and not week.taper


def _main_lifts(planned: PlannedWeek, config: Config) -> dict[str, list[str]]:
    """Per day, the exercises that count toward the week's goal dose."""
    profile = planned.setup.config.profile
    owns_weights = bool(set(config.equipment.available) & set(LEG_LOADING_EQUIPMENT))
    must_be_loaded = profile.primary == "strength" and owns_weights
    return {
        day: sorted(
            p.exercise.id
            for p in exercises
            if p.exercise.category in profile.dose_categories
            and profile.primary in p.exercise.stimuli
            and (p.exercise.loaded or not must_be_loaded)
            # a flexibility dose is stretches held for time; drills in reps are warm-up
            and (profile.primary != "mobility" or p.exercise.unit == "seconds")
        )
        for day, exercises in _days(planned).items()
    }


@verifies_block
def main_lifts_held_within_phase(weeks: Weeks, config: Config) -> Iterator[Violation]:
    previous: PlannedWeek | None = None
    for planned in weeks:
        if not _building(planned) or planned.setup.disrupted:
            continue
        if previous is not None and previous.setup.week.phase == planned.setup.week.phase:
            before, now = _main_lifts(previous, config), _main_lifts(planned, config)
            for day in sorted(set(before) | set(now)):
                if before.get(day, []) != now.get(day, []):
                    yield Violation(
                        "main_lifts_held_within_phase",
                        f"week {planned.setup.week.number} {day}: main lifts {now.get(day, [])}"
                        f", the week before {before.get(day, [])}",
                    )
        previous = planned


@verifies_block
def deload_weeks_lighten(weeks: Weeks, config: Config) -> Iterator[Violation]:
    for i, planned in enumerate(weeks):
        number = planned.setup.week.number
        if i == 0 or not planned.setup.week.deload:
            continue
        # After a week that went otherwise than planned, the last one that did not.
        before = next((w for w in reversed(weeks[:i]) if not w.setup.disrupted), None)
        if before is None:
            continue
        ids = {d: [p.exercise.id for p in ps] for d, ps in _days(planned).items()}
        ids_before = {d: [p.exercise.id for p in ps] for d, ps in _days(before).items()}
        if ids != ids_before and not planned.setup.disrupted:  # one that went otherwise: its cap
            yield Violation("deload_weeks_lighten", f"week {number} changes the week before's")
        if _volume(planned) > DELOAD_MOST * _volume(before):
            yield Violation(
                "deload_weeks_lighten",
                f"week {number}: volume {_volume(planned)} > 3/4 of {_volume(before)}",
            )


@verifies_block
def progression_capped(weeks: Weeks, config: Config) -> Iterator[Violation]:
    previous: PlannedWeek | None = None
    for planned in weeks:
        if not planned.plan.sessions or planned.setup.week.deload:
            continue
        if previous is not None:
            before = {p.exercise.id: p for ps in _days(previous).values() for p in ps}
            for ps in _days(planned).values():
                for p in ps:
                    if p.exercise.id in before:
                        grew = grew_past_a_step(before[p.exercise.id].dosed, p.dosed)
                        if grew:
                            yield Violation(
                                "progression_capped",
                                f"week {planned.setup.week.number}: {p.exercise.id} {grew}",
                            )
        previous = planned


@verifies_block
def taper_volume_falls(weeks: Weeks, config: Config) -> Iterator[Violation]:
    volumes = [_volume(w) for w in weeks]
    tapering = [i for i, w in enumerate(weeks) if w.setup.week.taper]
    for i in tapering:
        if i > 0 and volumes[i] > volumes[i - 1]:
            yield Violation(
                "taper_volume_falls",
                f"week {i + 1}: volume {volumes[i]} > the week before's {volumes[i - 1]}",
            )
    if tapering and volumes[-1] > RACE_WEEK_MOST * max(volumes):
        yield Violation(
            "taper_volume_falls", f"race week volume {volumes[-1]} > 60 % of {max(volumes)}"
        )


@verifies_block
def no_heavy_legs_in_taper(weeks: Weeks, config: Config) -> Iterator[Violation]:
    block = config.block
    if block is None or block.race is None:
        return
    first = block.race - timedelta(days=block.taper_days - 1)
    for planned in weeks:
        for day, exercises in _days(planned).items():
            when = planned.setup.week.date_of(day)
            if first <= when <= block.race:
                for p in exercises:
                    if p.exercise.category == "lower" and p.role == "strength":
                        yield Violation(
                            "no_heavy_legs_in_taper",
                            f"{when} ({day}): {p.exercise.id} is heavy lower-body work",
                        )


@verifies_block
def taper_brings_nothing_new(weeks: Weeks, config: Config) -> Iterator[Violation]:
    done: Counter[str] = Counter()
    for planned in weeks:
        ids = {p.exercise.id for ps in _days(planned).values() for p in ps}
        if planned.setup.week.taper:
            for new in sorted(ids - set(done)):
                yield Violation(
                    "taper_brings_nothing_new",
                    f"week {planned.setup.week.number}: {new} was not done before the taper",
                )
        done.update(ids)


@verifies_block
def rest_before_race(weeks: Weeks, config: Config) -> Iterator[Violation]:
    race = config.block.race if config.block else None
    if race is None:
        return
    for planned in weeks:
        for day in _days(planned):
            when = planned.setup.week.date_of(day)
            if when >= race - timedelta(days=1):
                yield Violation("rest_before_race", f"a session on {when} ({day}), race {race}")

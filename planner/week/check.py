"""The independent checker: re-verifies every hard rule on a finished plan, without OR-Tools.

Each check carries the name of the rule in planner/model/rules.py that it mirrors (the
rulebook's name), and states the rule from scratch in plain Python so a modelling bug
cannot hide itself. Only the words (days, levels, categories) are shared with the model,
through planner/vocabulary.py, so a word added there is checked here too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from fractions import Fraction

from planner.catalog.catalog import Catalog, Exercise
from planner.config.config import Config
from planner.plan.week import Plan
from planner.rulebook import RULES, rule
from planner.training.kit_defaults import kit_defaults
from planner.vocabulary import (
    CATEGORIES,
    CORE_FUNCTIONS,
    LEG_CATEGORIES,
    LEVELS,
    next_day,
)
from planner.week import check_dose, check_fatigue  # noqa: F401  (registers the fatigue checks)
from planner.week.check_doable import undoable_sets
from planner.week.check_week import CHECKS, Violation, Week, verifies


def check_plan(plan: Plan, catalog: Catalog, config: Config) -> list[Violation]:
    """Every broken hard rule in the plan; an empty list means the plan is valid."""
    week = Week()
    week.kit = kit_defaults(config, catalog)
    problems: list[Violation] = []
    for session in plan.sessions:
        if session.day in week:
            problems.append(Violation("sessions_on_available_days", f"{session.day} twice"))
        week[session.day] = []
        for p in session.exercises:
            if p.exercise.id not in catalog:
                problems.append(Violation("catalog", f"{p.exercise.id!r} is not in the catalog"))
                continue
            week[session.day].append(catalog[p.exercise.id])
            week.prescribed.setdefault(session.day, []).append((catalog[p.exercise.id], p.dosed))
    for hard_rule in RULES:
        problems.extend(CHECKS[hard_rule.name](week, config))
    problems.extend(Violation("doable_sets", line) for line in undoable_sets(plan))
    return problems


def _total(exercises: list[Exercise], muscle: str) -> int:
    return sum(e.covers(muscle) for e in exercises)


def _all(week: Week) -> list[Exercise]:
    return [e for exercises in week.values() for e in exercises]


@verifies
def sessions_on_available_days(week: Week, config: Config) -> Iterator[Violation]:
    if len(week) != config.week.sessions:
        yield Violation(
            "sessions_on_available_days",
            f"{len(week)} sessions planned, {config.week.sessions} asked for",
        )
    for day in week:
        if day not in config.week.available_days:
            yield Violation("sessions_on_available_days", f"{day} is not an available day")
        if not week[day]:
            yield Violation("sessions_on_available_days", f"{day} has an empty session")


@verifies
def allowed_exercises_only(week: Week, config: Config) -> Iterator[Violation]:
    have = set(config.equipment.available)
    for day, exercises in week.items():
        for e in exercises:
            if e.id in config.exclude.exercises:
                yield Violation("allowed_exercises_only", f"{day}: {e.id} is excluded")
            banned = e.tags & set(config.exclude.tags)
            if banned:
                yield Violation("allowed_exercises_only", f"{day}: {e.id} has tag {banned}")
            if not e.equipment <= have:
                missing = sorted(e.equipment - have)
                yield Violation("allowed_exercises_only", f"{day}: {e.id} needs {missing}")
            if LEVELS.index(e.level) > LEVELS.index(config.athlete.level):
                yield Violation("allowed_exercises_only", f"{day}: {e.id} is {e.level}")


@verifies
def pinned_exercises_included(week: Week, config: Config) -> Iterator[Violation]:
    done = {e.id for e in _all(week)}
    for exercise_id in config.include.exercises:
        if exercise_id not in done:
            yield Violation("pinned_exercises_included", f"{exercise_id} is pinned but not planned")


@verifies
def category_counts_per_session(week: Week, config: Config) -> Iterator[Violation]:
    for day, exercises in week.items():
        counts = Counter(e.category for e in exercises)
        for category in CATEGORIES:
            low, high = getattr(config.session, category)
            if config.defaulted(rule("category_counts_per_session").key_for(category)):
                low = 0  # the goal profile's minimum is a target, not a rule
            if not low <= counts[category] <= high:
                yield Violation(
                    "category_counts_per_session",
                    f"{day}: {counts[category]} {category}, allowed [{low}, {high}]",
                )


@verifies
def category_counts_per_week(week: Week, config: Config) -> Iterator[Violation]:
    counts = Counter(e.category for e in _all(week))
    for category in CATEGORIES:
        band = getattr(config.weekly, category)
        if band is not None and not band[0] <= counts[category] <= band[1]:
            yield Violation(
                "category_counts_per_week", f"{counts[category]} {category}, allowed {list(band)}"
            )


@verifies
def session_minutes(week: Week, config: Config) -> Iterator[Violation]:
    for day, done in week.prescribed.items():
        minutes = check_dose.session_minutes(done)
        if minutes > config.week.max_session_minutes:
            yield Violation(
                "session_minutes",
                f"{day}: {minutes} min > {config.week.max_session_minutes}",
            )


@verifies
def session_load(week: Week, config: Config) -> Iterator[Violation]:
    for day, exercises in week.items():
        load = sum(e.load for e in exercises)
        if load > config.load.max_session:
            yield Violation("session_load", f"{day}: load {load} > {config.load.max_session}")


@verifies
def weekly_load(week: Week, config: Config) -> Iterator[Violation]:
    load = sum(e.load for e in _all(week))
    if config.load.max_week is not None and load > config.load.max_week:
        yield Violation("weekly_load", f"load {load} > {config.load.max_week}")


@verifies
def one_exercise_per_family_per_session(week: Week, config: Config) -> Iterator[Violation]:
    for day, exercises in week.items():
        for family, n in Counter(e.family for e in exercises).items():
            if n > 1:
                yield Violation(
                    "one_exercise_per_family_per_session", f"{day}: {n} x family {family}"
                )


@verifies
def no_family_on_consecutive_days(week: Week, config: Config) -> Iterator[Violation]:
    for day, exercises in week.items():
        following = next_day(day)
        if following in week and following != day:
            shared = {e.family for e in exercises} & {e.family for e in week[following]}
            for family in sorted(shared):
                yield Violation(
                    "no_family_on_consecutive_days", f"family {family} on {day} and {following}"
                )


@verifies
def max_uses_per_week(week: Week, config: Config) -> Iterator[Violation]:
    uses = Counter(e.id for e in _all(week))
    for e in {e.id: e for e in _all(week)}.values():
        most = week.kit.uses.get(e.category, config.variety.max_per_week)
        if uses[e.id] > most:
            yield Violation("max_uses_per_week", f"{e.id} used {uses[e.id]} times > {most}")


@verifies
def light_legs_before_key_runs(week: Week, config: Config) -> Iterator[Violation]:
    cap = config.load.max_lower_before_key_run
    key_runs = set(config.week.hard_runs) | ({config.week.long_run} - {None})
    if cap is None:
        return
    for day, exercises in week.items():
        if next_day(day) in key_runs:
            load = sum(e.load for e in exercises if e.category in LEG_CATEGORIES)
            if load > cap:
                yield Violation(
                    "light_legs_before_key_runs",
                    f"{day}: leg load {load} > {cap} before the key run on {next_day(day)}",
                )


@verifies
def soleus_gastrocnemius_band(week: Week, config: Config) -> Iterator[Violation]:
    band = config.balance.soleus_to_gastrocnemius
    if band is None:
        return
    soleus, gastrocnemius = _total(_all(week), "soleus"), _total(_all(week), "gastrocnemius")
    low, high = Fraction(str(band[0])), Fraction(str(band[1]))
    if week.kit.soleus_low is not None:
        low = week.kit.soleus_low  # lowered to what a kit without soleus work can do
    if not low * gastrocnemius <= soleus <= high * gastrocnemius:
        yield Violation(
            "soleus_gastrocnemius_band",
            f"soleus {soleus} / gastrocnemius {gastrocnemius} outside {list(band)}",
        )


@verifies
def core_function_minimums(week: Week, config: Config) -> Iterator[Violation]:
    for function in CORE_FUNCTIONS:
        if config.defaulted(rule("core_function_minimums").key_for(function)):
            continue  # the default minimum is a target, not a rule
        total, minimum = _total(_all(week), function), getattr(config.balance.core_min, function)
        if total < minimum:
            yield Violation("core_function_minimums", f"{function} {total} < {minimum}")


@verifies
def goal_dose_per_session(week: Week, config: Config) -> Iterator[Violation]:
    profile, key_runs = config.profile, set(config.week.key_run_days)
    for day, exercises in week.items():
        eve = next_day(day) in key_runs
        dose_key = rule("goal_dose_per_session").key_for("eve_dose" if eve else "dose")
        if config.defaulted(dose_key):
            continue  # the goal profile's dose is a target, not a rule
        dose = profile.eve_dose if eve else profile.dose
        count = sum(
            1
            for e in exercises
            if e.category in profile.dose_categories
            and profile.primary in e.stimuli
            and (e.unit == "seconds" or profile.primary != "mobility")
        )
        if count < dose:
            yield Violation(
                "goal_dose_per_session",
                f"{day}: {count} {profile.primary} exercise(s), the goal asks for {dose}",
            )


@verifies
def heavy_work_per_week(week: Week, config: Config) -> Iterator[Violation]:
    if config.defaulted(rule("heavy_work_per_week").keys[0]):
        return  # the goal profile's heavy work is a target, not a rule
    for category, least in config.profile.heavy_per_week.items():
        count = sum(1 for e in _all(week) if e.category == category and "strength" in e.stimuli)
        if count < least:
            yield Violation(
                "heavy_work_per_week", f"{count} heavy {category} exercise(s), at least {least}"
            )


@verifies
def core_function_spread(week: Week, config: Config) -> Iterator[Violation]:
    spread = config.balance.core_spread
    if spread is None:
        return
    totals = [_total(_all(week), f) for f in CORE_FUNCTIONS]
    if max(totals) - min(totals) > spread:
        yield Violation("core_function_spread", f"core coverages {totals} spread > {spread}")


__all__ = ["CHECKS", "Violation", "Week", "check_plan"]

"""Contradictions cheap enough to catch before building a model, reported as input errors."""

from __future__ import annotations

from collections import Counter

from planner.catalog.catalog import Catalog, Exercise
from planner.config.config import Config
from planner.config.files import ConfigSource
from planner.errors import ConfigError, Problem
from planner.rulebook import rule
from planner.training.eligibility import (
    EXCLUSION_RULES,
    eligible_exercises,
    exclusion_reason,
    exclusion_reasons,
)
from planner.vocabulary import CATEGORIES


def precheck(catalog: Catalog, config: Config, where: ConfigSource) -> None:
    """Raise ConfigError when a category minimum the config wrote (or a weekly band) cannot
    be met by any usable exercise; the goal profile's own minimums are targets, missed with
    a note, never a refusal."""
    problems: list[Problem] = []
    by_category: dict[str, list[Exercise]] = {}
    for e in catalog:
        by_category.setdefault(e.category, []).append(e)
    for category in CATEGORIES:
        session_min = config.session.of(category)[0]
        if config.defaulted(rule("category_counts_per_session").key_for(category)):
            session_min = 0  # the goal profile's minimum is a target: the plan says it is missed
        weekly = config.weekly.of(category)
        needed_families = session_min
        if session_min == 0 and not (weekly and weekly[0] > 0):
            continue
        members = by_category.get(category, [])
        usable = eligible_exercises(members, config)
        families = {e.family for e in usable}
        counts = "category_counts_per_session" if session_min else "category_counts_per_week"
        key = rule(counts).key_for(category)
        if not usable:
            removed = Counter(exclusion_reason(e, config) for e in members)
            why = ", ".join(f"{n} by {rule}" for rule, n in sorted(removed.items()))
            detail = f"the catalog has {len(members)} {category} exercise(s)" + (
                f", all ruled out: {why}" if members else ""
            )
            problems.append(
                where.problem(
                    key,
                    f"asks for at least one {category} exercise but none is usable: {detail}; "
                    "add equipment, lower the minimum or drop an exclusion",
                )
            )
        elif len(families) < needed_families:
            problems.append(
                where.problem(
                    key,
                    f"asks for {session_min} {category} exercises per session, but the usable "
                    f"ones come from only {len(families)} movement famil"
                    f"{'y' if len(families) == 1 else 'ies'} ({', '.join(sorted(families))}) "
                    "and a session takes one exercise per family",
                )
            )
    problems += _includes_ruled_out(catalog, config, where)
    if problems:
        raise ConfigError(problems)


def _includes_ruled_out(catalog: Catalog, config: Config, where: ConfigSource) -> list[Problem]:
    """An exercise the config includes that its own level, kit or exclusions keep out: no
    plan can hold it, and the rule to change is known before any solve."""
    key = rule("pinned_exercises_included").key
    problems = []
    for exercise_id in config.include.exercises:
        if exercise_id not in catalog:
            continue  # an unknown id is reported where the config is read
        e = catalog[exercise_id]
        why = [_why_out(e, reason, config) for reason in exclusion_reasons(e, config)]
        if why:
            problems.append(
                where.problem(
                    key,
                    f"includes {e.id}, which no plan can hold: {'; '.join(why)}; change that, "
                    f"or drop {e.id} from {key}",
                )
            )
    return problems


def _why_out(e: Exercise, reason: str, config: Config) -> str:
    """What the exclusion rule `reason` (its key) finds in the exercise, in its words."""
    excluded, tagged, equipment, level = EXCLUSION_RULES
    if reason == excluded:
        return f"{excluded} lists it too"
    if reason == tagged:
        return f"{tagged} keeps out its tag {', '.join(sorted(e.tags & set(config.exclude.tags)))}"
    if reason == equipment:
        missing = sorted(e.equipment - set(config.equipment.available))
        return f"it needs {' and '.join(missing)}, which {equipment} does not list"
    assert reason == level
    return f"it is rated {e.level} and {level} is {config.athlete.level}"

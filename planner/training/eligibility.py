"""Which catalog exercises this athlete may do at all, and why the others are left out."""

from __future__ import annotations

from planner.catalog.catalog import Catalog, Exercise
from planner.config.config import Config
from planner.rulebook import rule
from planner.vocabulary import level_allows

# The keys of allowed_exercises_only, in the order a reason is given.
EXCLUSION_RULES = rule("allowed_exercises_only").keys


def exclusion_reasons(exercise: Exercise, config: Config) -> list[str]:
    """Every config rule that rules this exercise out, as key paths; empty if it is allowed."""
    excluded, tagged, equipment, level = EXCLUSION_RULES
    broken = {
        excluded: exercise.id in config.exclude.exercises,
        tagged: bool(exercise.tags & set(config.exclude.tags)),
        equipment: not exercise.equipment <= set(config.equipment.available),
        level: not level_allows(config.athlete.level, exercise.level),
    }
    return [key for key in EXCLUSION_RULES if broken[key]]


def exclusion_reason(exercise: Exercise, config: Config) -> str | None:
    """The first config rule that rules this exercise out, or None if it is allowed."""
    reasons = exclusion_reasons(exercise, config)
    return reasons[0] if reasons else None


def eligible_exercises(catalog: Catalog, config: Config) -> tuple[Exercise, ...]:
    return tuple(e for e in catalog if exclusion_reason(e, config) is None)

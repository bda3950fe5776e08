"""Which catalog exercises this athlete may do at all, and why the others are left out."""

from __future__ import annotations

from planner.catalog import Catalog, Exercise
from planner.config import Config
from planner.vocabulary import level_allows


def exclusion_reason(exercise: Exercise, config: Config) -> str | None:
    """The config rule that rules this exercise out, as a key path, or None if it is allowed."""
    if exercise.id in config.exclude.exercises:
        return "exclude.exercises"
    if exercise.tags & set(config.exclude.tags):
        return "exclude.tags"
    if not exercise.equipment <= set(config.equipment.available):
        return "equipment.available"
    if not level_allows(config.athlete.level, exercise.level):
        return "athlete.level"
    return None


def eligible_exercises(catalog: Catalog, config: Config) -> tuple[Exercise, ...]:
    return tuple(e for e in catalog if exclusion_reason(e, config) is None)

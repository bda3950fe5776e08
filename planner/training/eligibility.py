"""Which catalog exercises this athlete may do at all, and why the others are left out."""

from __future__ import annotations

from collections.abc import Iterable

from planner.catalog.catalog import Exercise
from planner.config.config import Config
from planner.rulebook import rule
from planner.vocabulary import level_allows

# The keys of allowed_exercises_only, in the order a reason is given.
EXCLUSION_RULES = rule("allowed_exercises_only").keys


def exclusion_reasons(exercise: Exercise, config: Config) -> list[str]:
    """Every config rule that rules this exercise out, as key paths; empty if it is allowed."""
    return _Exclusions(config).reasons(exercise)


def exclusion_reason(exercise: Exercise, config: Config) -> str | None:
    """The first config rule that rules this exercise out, or None if it is allowed."""
    reasons = exclusion_reasons(exercise, config)
    return reasons[0] if reasons else None


def eligible_exercises(catalog: Iterable[Exercise], config: Config) -> tuple[Exercise, ...]:
    exclusions = _Exclusions(config)  # once, not per exercise: catalogs run to 80,000 rows
    return tuple(e for e in catalog if not exclusions.reasons(e))


class _Exclusions:
    """The config's exclusion rules, read once."""

    def __init__(self, config: Config):
        self.exercises = frozenset(config.exclude.exercises)
        self.tags = frozenset(config.exclude.tags)
        self.equipment = frozenset(config.equipment.available)
        self.level = config.athlete.level

    def reasons(self, exercise: Exercise) -> list[str]:
        excluded, tagged, equipment, level = EXCLUSION_RULES
        broken = {
            excluded: exercise.id in self.exercises,
            tagged: bool(exercise.tags & self.tags),
            equipment: not exercise.equipment <= self.equipment,
            level: not level_allows(self.level, exercise.level),
        }
        return [key for key in EXCLUSION_RULES if broken[key]]

"""How often one exercise may come back in a week.

`variety.max_per_week` (2 unless the config sets it) holds every exercise. When the config
leaves it to that default and the athlete's kit and level leave a category too few
exercises to fill its sessions' minimums (a kettlebell owner's one calf raise against three
sessions of at least one calf exercise), each exercise of that category may come back as
often as filling the sessions needs, once a session at most: a coach repeats the one calf
raise the kit allows rather than leave a session without calf work. A cap the config
writes is the athlete's rule and stays as written.

Plain data, no solver: the model, the checker and the plan's notes read the same numbers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from planner.catalog.catalog import Exercise
from planner.config.config import Config
from planner.rulebook import rule
from planner.training.eligibility import eligible_exercises
from planner.vocabulary import CATEGORIES


def uses_per_week(config: Config, catalog: Iterable[Exercise]) -> dict[str, int]:
    """Per category, the most times one of its exercises may be in the week."""
    most = config.variety.max_per_week
    uses = dict.fromkeys(CATEGORIES, most)
    if not config.defaulted(rule("max_uses_per_week").key):
        return uses
    sessions = config.week.session_count
    usable = Counter(e.category for e in eligible_exercises(catalog, config))
    for category in CATEGORIES:
        needed = sessions * config.session.of(category)[0]
        have = usable[category]
        if have and have * most < needed:
            uses[category] = min(-(-needed // have), sessions)  # ceil, once a session at most
    return uses


def repeat_notes(config: Config, catalog: Iterable[Exercise]) -> list[str]:
    """A sentence for each category whose exercises may come back more often than the
    default allows, and why."""
    usable = eligible_exercises(catalog, config)
    notes = []
    for category, uses in uses_per_week(config, usable).items():
        if uses <= config.variety.max_per_week:
            continue
        names = ", ".join(e.id for e in usable if e.category == category)
        notes.append(
            f"Your kit and level allow only {names} for {category} work, so each may come "
            f"back up to {uses} times a week (variety.max_per_week is "
            f"{config.variety.max_per_week} by default) and every session still has its "
            f"{category} exercise(s); set variety.max_per_week to keep the default."
        )
    return notes

"""Defaults that give way to what the athlete's kit and level allow.

Two rules have defaults a small kit can make impossible to keep together with the session
counts, and a coach would bend the default rather than leave a session short:

- `variety.max_per_week` (2) holds every exercise. When a category has too few usable
  exercises to fill its sessions' minimums (a kettlebell owner's one calf raise against
  three sessions of at least one calf exercise), each of them may come back as often as
  filling the sessions needs, once a session at most.
- `balance.soleus_to_gastrocnemius` keeps the week's soleus work at least 0.75 of its
  gastrocnemius work. When no usable calf exercise trains the soleus more than the
  gastrocnemius (no bent-knee or seated raise in the kit), only the band's top holds: the
  straight-knee raise the kit allows comes back rather than being held to one a week.

A value the config writes is the athlete's rule and stays as written. Plain data, no
solver: the model, the checker and the plan's notes read the same numbers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from planner.catalog.catalog import Exercise
from planner.config.config import Config
from planner.rulebook import rule
from planner.training.eligibility import eligible_exercises
from planner.vocabulary import CATEGORIES


@dataclass(frozen=True)
class KitDefaults:
    uses: dict[str, int]  # per category, the most times one of its exercises may be in a week
    soleus_floor: bool  # the low side of balance.soleus_to_gastrocnemius holds


def kit_defaults(config: Config, catalog: Iterable[Exercise]) -> KitDefaults:
    usable = eligible_exercises(catalog, config)
    return KitDefaults(_uses_per_week(config, usable), _soleus_floor(config, usable))


def uses_per_week(config: Config, catalog: Iterable[Exercise]) -> dict[str, int]:
    """Per category, the most times one of its exercises may be in the week."""
    return _uses_per_week(config, eligible_exercises(catalog, config))


def _uses_per_week(config: Config, usable: tuple[Exercise, ...]) -> dict[str, int]:
    most = config.variety.max_per_week
    uses = dict.fromkeys(CATEGORIES, most)
    if not config.defaulted(rule("max_uses_per_week").key):
        return uses
    sessions = config.week.session_count
    have = Counter(e.category for e in usable)
    for category in CATEGORIES:
        needed = sessions * config.session.of(category)[0]
        if have[category] and have[category] * most < needed:
            uses[category] = min(-(-needed // have[category]), sessions)  # ceil; once a session
    return uses


def _soleus_floor(config: Config, usable: tuple[Exercise, ...]) -> bool:
    if not config.defaulted(rule("soleus_gastrocnemius_band").key):
        return True
    return any(_soleus_biased(e) for e in usable)


def _soleus_biased(e: Exercise) -> bool:
    return e.category == "calf" and e.covers("soleus") > e.covers("gastrocnemius")


def soleus_band(config: Config, catalog: Iterable[Exercise]) -> tuple[float, float] | None:
    """The soleus : gastrocnemius band as it holds for this kit (0 at the bottom when the
    kit has no soleus work and the config leaves the band to its default)."""
    band = config.balance.soleus_to_gastrocnemius
    if band is None:
        return None
    usable = eligible_exercises(catalog, config)
    return (band[0] if _soleus_floor(config, usable) else 0.0, band[1])


def kit_notes(config: Config, catalog: Iterable[Exercise]) -> list[str]:
    """A sentence for each default the kit bends, and why."""
    usable = eligible_exercises(catalog, config)
    notes = []
    for category, uses in _uses_per_week(config, usable).items():
        if uses <= config.variety.max_per_week:
            continue
        names = ", ".join(e.id for e in usable if e.category == category)
        notes.append(
            f"Your kit and level allow only {names} for {category} work, so each may come "
            f"back up to {uses} times a week (variety.max_per_week is "
            f"{config.variety.max_per_week} by default) and every session still has its "
            f"{category} exercise(s)."
        )
    band = config.balance.soleus_to_gastrocnemius
    if band is not None and not _soleus_floor(config, usable):
        notes.append(
            "Your kit and level allow no bent-knee or seated calf raise, the soleus's own "
            f"work, so the week's calf work may lean to the gastrocnemius (the default "
            f"balance.soleus_to_gastrocnemius of at least {band[0]} gives way; at most "
            f"{band[1]} still holds)."
        )
    return notes

"""Defaults that give way to what the athlete's kit and level allow.

Two rules have defaults a small kit can make impossible to keep together with the session
counts, and a coach would bend the default rather than leave a session short:

- `variety.max_per_week` (2) holds every exercise. When a category has too few usable
  exercises to fill its sessions' minimums (a kettlebell owner's one calf raise against
  three sessions of at least one calf exercise), each of them may come back as often as
  filling the sessions needs, once a session at most.
- `balance.soleus_to_gastrocnemius` keeps the week's soleus work at least 0.75 of its
  gastrocnemius work. When no usable calf exercise trains the soleus more than the
  gastrocnemius (no bent-knee or seated raise in the kit), the floor is what the kit's most
  soleus-leaning calf exercise gives: the straight-knee raise the kit allows comes back
  rather than being held to one a week. (A floor of 0 was tried: the same optima, found up
  to 6x slower on the real catalog's flexibility runners, as the floor prunes the search.)

Both count the exercises the athlete can do on some available day: when every day keeps the
legs light (the eve of a key run, the long run's day), a barbell calf raise prescribed at
80 % 1RM is in the kit but in no session, and a garage gym's one bodyweight calf raise must
fill the calf slots alone.

A value the config writes is the athlete's rule and stays as written. Plain data, no
solver: the model, the checker and the plan's notes read the same numbers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from planner.catalog.catalog import Exercise
from planner.config.config import Config
from planner.rulebook import rule
from planner.training.eligibility import eligible_exercises
from planner.training.prescription import prescribe
from planner.training.stress import hard_for_legs, light_leg_days
from planner.vocabulary import CATEGORIES


@dataclass(frozen=True)
class KitDefaults:
    uses: dict[str, int]  # per category, the most times one of its exercises may be in a week
    # the low side of balance.soleus_to_gastrocnemius as it holds (None: no band)
    soleus_low: Fraction | None


def kit_defaults(config: Config, catalog: Iterable[Exercise]) -> KitDefaults:
    usable = usable_in_week(config, catalog)
    return KitDefaults(_uses_per_week(config, usable), _soleus_low(config, usable))


def usable_in_week(config: Config, catalog: Iterable[Exercise]) -> tuple[Exercise, ...]:
    """The exercises the kit and level allow that some available day can hold."""
    return _holdable(config, eligible_exercises(catalog, config))


def _holdable(config: Config, allowed: tuple[Exercise, ...]) -> tuple[Exercise, ...]:
    """Of the exercises the kit and level allow, those some available day can hold: when
    every day keeps the legs light, none whose prescription is hard for them."""
    if not set(config.week.available_days) <= light_leg_days(config):
        return allowed
    profile = config.profile
    return tuple(e for e in allowed if hard_for_legs(e, prescribe(e, profile)) is None)


def uses_per_week(config: Config, catalog: Iterable[Exercise]) -> dict[str, int]:
    """Per category, the most times one of its exercises may be in the week."""
    return _uses_per_week(config, usable_in_week(config, catalog))


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


def _soleus_low(config: Config, usable: tuple[Exercise, ...]) -> Fraction | None:
    band = config.balance.soleus_to_gastrocnemius
    if band is None:
        return None
    low = Fraction(str(band[0]))
    if not config.defaulted(rule("soleus_gastrocnemius_band").key):
        return low
    ratios = [
        Fraction(e.covers("soleus"), e.covers("gastrocnemius"))
        for e in usable
        if e.category == "calf" and e.covers("gastrocnemius")
    ]
    soleus_only = any(e.category == "calf" and not e.covers("gastrocnemius") for e in usable)
    if soleus_only or not ratios or max(ratios) > 1:
        return low  # the kit has soleus work (or no calf work to lean either way)
    return min(low, max(ratios))


def soleus_band(config: Config, catalog: Iterable[Exercise]) -> tuple[float, float] | None:
    """The soleus : gastrocnemius band as it holds for this kit (0 at the bottom when the
    kit has no soleus work and the config leaves the band to its default)."""
    band = config.balance.soleus_to_gastrocnemius
    low = _soleus_low(config, usable_in_week(config, catalog))
    return None if band is None or low is None else (round(float(low), 2), band[1])


def kit_notes(config: Config, catalog: Iterable[Exercise]) -> list[str]:
    """A sentence for each default the kit bends, and why."""
    allowed = eligible_exercises(catalog, config)
    usable = _holdable(config, allowed)
    light = len(usable) < len(allowed)
    why = ("On days that all keep the legs light, your" if light else "Your") + " kit and level"
    notes = []
    for category, uses in _uses_per_week(config, usable).items():
        if uses <= config.variety.max_per_week:
            continue
        names = ", ".join(e.id for e in usable if e.category == category)
        notes.append(
            f"{why} allow only {names} for {category} work, so each may come "
            f"back up to {uses} times a week (variety.max_per_week is "
            f"{config.variety.max_per_week} by default) and every session still has its "
            f"{category} exercise(s)."
        )
    band, low = config.balance.soleus_to_gastrocnemius, _soleus_low(config, usable)
    if band is not None and low is not None and low < Fraction(str(band[0])):
        notes.append(
            f"{why} allow no bent-knee or seated calf raise, the soleus's own "
            "work, so the week's calf work may lean to the gastrocnemius as far as its "
            f"straight-knee raises do: soleus at least {float(low):.2f} of the gastrocnemius, "
            f"not the default balance.soleus_to_gastrocnemius's {band[0]}."
        )
    return notes

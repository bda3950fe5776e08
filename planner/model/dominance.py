"""Exercises the optimum never needs: those that enough others beat on every count.

Exercise B dominates A (same category) when B is at least as good for every rule and for
the objective: no more load, no more seconds on either track of a session, at least the
coverage A earns on every muscle, the same raw soleus, gastrocnemius and core-function
points (the balance rules are two-sided), counting for the goal's dose and heavy work
whenever A does, and at least A's hardness (the objective's H). Equal exercises are
ordered by catalog position, so dominance is a strict order.

Dropping A keeps every optimum when, wherever A is used, some dominator can take its slot
without breaking the family rules or repeating an exercise. A dominator in A's family is
free unless it is used elsewhere in the week; a dominator of another family is free unless
a member of that family is used at all (only families whose usable members are all in A's
category count, so that only slots of A's category can block them). Each other slot of A's
category blocks at most one such unit, and the week holds at most S - 1 of them besides A
(S: sessions times the category's session maximum, or the weekly maximum). So with at least
S units A can always be swapped for a free dominator: the week keeps every rule, gains or
keeps its objective, and the swaps end since each moves to an exercise with fewer
dominators. This removes near-duplicates that twin merging (identical profiles) cannot.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from planner.catalog.catalog import Exercise
from planner.config.config import Config
from planner.model.rules import track_seconds
from planner.training.eligibility import exclusion_reason
from planner.training.prescription import (
    Dosed,
    coverage_points,
    hardness,
    heavy_work,
    prescribe,
    serves_goal,
)
from planner.training.stress import hard_for_legs, heavy_sets, leg_stress, stress
from planner.vocabulary import CATEGORIES, MUSCLES

# Two-sided rules count these raw catalog points: a dominator must match them exactly.
EQUAL_POINTS = (
    "soleus",
    "gastrocnemius",
    "anti_extension",
    "anti_lateral_flexion",
    "anti_rotation",
)


# The most exercises compared pair by pair (time and memory grow with the square: 67,000
# took 94 s and 8.7 GB); a larger group is kept whole, which only leaves the solver more
# to choose from.
MAX_GROUP = 2000


def undominated(exercises: Sequence[Exercise], config: Config) -> tuple[Exercise, ...]:
    """`exercises` less those that enough usable exercises dominate (see the module doc);
    pinned exercises and exercises the config rules out are kept as they are."""
    usable = [e for e in exercises if exclusion_reason(e, config) is None]
    categories_of: dict[str, set[str]] = {}
    for e in usable:
        categories_of.setdefault(e.family, set()).add(e.category)
    pinned = set(config.include.exercises)
    dropped: set[str] = set()
    for category in CATEGORIES:
        slots = _most_slots(config, category)
        groups: dict[tuple[int, ...], list[Exercise]] = {}
        for e in usable:
            if e.category == category:
                groups.setdefault(tuple(e.covers(m) for m in EQUAL_POINTS), []).append(e)
        for group in groups.values():
            if len(group) > MAX_GROUP:  # comparing every pair would cost more than it saves
                continue
            dominates = _dominance(group, config, category)
            for j, a in enumerate(group):
                if a.id in pinned:
                    continue
                better = [group[i] for i in np.flatnonzero(dominates[:, j])]
                same_family = sum(1 for b in better if b.family == a.family)
                other_families = {
                    b.family
                    for b in better
                    if b.family != a.family and categories_of[b.family] == {category}
                }
                if same_family + len(other_families) >= slots:
                    dropped.add(a.id)
    return tuple(e for e in exercises if e.id not in dropped)


def _most_slots(config: Config, category: str) -> int:
    """The most exercises of `category` a week can hold."""
    most = config.session.of(category)[1] * config.week.session_count
    weekly = config.weekly.of(category)
    return min(most, weekly[1]) if weekly is not None else most


def _fatigue(e: Exercise, dosed: Dosed) -> tuple[int, ...]:
    """Less stress dominates; heavy sets must match (the band has a floor and a ceiling);
    work allowed on an eve dominates work that is not."""
    heavy = heavy_sets(e, dosed)
    return (
        -stress(e, dosed),
        -leg_stress(e, dosed),
        heavy,
        -heavy,
        -int(bool(hard_for_legs(e, dosed))),
    )


def _dominance(group: list[Exercise], config: Config, category: str) -> np.ndarray:
    """dominates[i, j]: group[i] dominates group[j] (larger is better in every column)."""
    profile, equipment = config.profile, config.equipment.available
    main, paired = track_seconds(group, config)
    rows = [
        [
            *(coverage_points(e, m, profile) for m in MUSCLES),
            int(serves_goal(e, profile, equipment)),
            # with a most on the dose (a target too), counting for it is two-sided
            -int(serves_goal(e, profile, equipment)) if profile.dose_most is not None else 0,
            int(heavy_work(e, category)),
            hardness(e),  # the objective's H: a dominator is at least as hard a version
            -e.load,
            -main[e.id],
            -paired[e.id],
            *_fatigue(e, prescribe(e, profile)),
        ]
        for e in group
    ]
    values = np.array(rows, dtype=np.int64)
    at_least = (values[:, None, :] >= values[None, :, :]).all(axis=2)
    better = (values[:, None, :] > values[None, :, :]).any(axis=2)
    order = np.arange(len(group))
    dominates: np.ndarray = at_least & (better | (order[:, None] < order[None, :]))
    np.fill_diagonal(dominates, False)
    return dominates

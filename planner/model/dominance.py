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
from planner.deadline import Deadline
from planner.model.rules import track_seconds
from planner.training.eligibility import eligible_exercises
from planner.training.prescription import (
    Dosed,
    coverage_points,
    hardness,
    heavy_work,
    prescribe,
    serves_goal,
)
from planner.training.stress import hard_for_legs, heavy_sets, leg_stress, stress
from planner.vocabulary import MUSCLES

# Two-sided rules count these raw catalog points: a dominator must match them exactly.
EQUAL_POINTS = (
    "soleus",
    "gastrocnemius",
    "anti_extension",
    "anti_lateral_flexion",
    "anti_rotation",
)


# The most exercises compared pair by pair, in one group and in all: time and memory grow
# with the square of a group (67,000 rows took 94 s and 8.7 GB comparing every pair). The
# smallest groups are compared first; the rest are kept whole, which only leaves the solver
# more to choose from. A fixed budget, not the clock, so the same inputs give the same model.
MAX_GROUP = 2000
MAX_PAIRS = 3 * MAX_GROUP**2


def undominated(
    exercises: Sequence[Exercise], config: Config, deadline: Deadline | None = None
) -> tuple[Exercise, ...]:
    """`exercises` less those that enough usable exercises dominate (see the module doc);
    pinned exercises and exercises the config rules out are kept as they are. With a
    `deadline`, OutOfTime when it runs out between groups."""
    usable = eligible_exercises(exercises, config)
    categories_of: dict[str, set[str]] = {}
    for e in usable:
        categories_of.setdefault(e.family, set()).add(e.category)
    pinned = set(config.include.exercises)
    groups: dict[tuple[object, ...], list[Exercise]] = {}
    for e in usable:
        groups.setdefault((e.category, *(e.covers(m) for m in EQUAL_POINTS)), []).append(e)
    dropped: set[str] = set()
    pairs = 0
    for group in sorted(groups.values(), key=len):  # stable: ties keep catalog order
        category = group[0].category
        slots = _most_slots(config, category)
        if len(group) - 1 < slots:  # fewer possible dominators than slots: none can go
            continue
        pairs += len(group) ** 2
        if len(group) > MAX_GROUP or pairs > MAX_PAIRS:
            break  # comparing every pair would cost more than it saves; the rest are larger
        if deadline is not None:
            deadline.check("comparing similar exercises")
        exclusive = [categories_of[e.family] == {category} for e in group]
        for j in np.flatnonzero(
            _replaceable(_dominance(group, config, category), group, exclusive, slots)
        ):
            if group[j].id not in pinned:
                dropped.add(group[j].id)
    return tuple(e for e in exercises if e.id not in dropped)


def _replaceable(
    dominates: np.ndarray, group: list[Exercise], exclusive: list[bool], slots: int
) -> np.ndarray:
    """Which of the group have at least `slots` dominating units: each dominator of their
    own family, and each other family (of only this category) with a dominator."""
    code = {name: i for i, name in enumerate(sorted({e.family for e in group}))}
    family = np.array([code[e.family] for e in group])
    same = family[:, None] == family[None, :]
    same_family = (dominates & same).sum(axis=0)
    others = dominates & ~same & np.array(exclusive)[:, None]
    by_family = np.argsort(family, kind="stable")
    starts = np.flatnonzero(np.r_[True, np.diff(family[by_family]) != 0])
    other_families = np.logical_or.reduceat(others[by_family], starts, axis=0).sum(axis=0)
    replaceable: np.ndarray = same_family + other_families >= slots
    return replaceable


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
    # Column by column: n x n at a time, never n x n x columns (320 MB at 2,000 exercises).
    at_least = np.ones((len(group), len(group)), dtype=bool)
    better = np.zeros((len(group), len(group)), dtype=bool)
    for column in values.T:
        at_least &= column[:, None] >= column[None, :]
        better |= column[:, None] > column[None, :]
    order = np.arange(len(group))
    dominates: np.ndarray = at_least & (better | (order[:, None] < order[None, :]))
    np.fill_diagonal(dominates, False)
    return dominates

"""The objective of a plan given as exercise ids, scored from scratch (no solver) by the terms
planner declares once (`planner.model.objective.TERMS`), the lexicographic targets term
included. Used to score the greedy plans and to cross-check the objective values CP-SAT and
HiGHS report for their own plans.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from planner.catalog.catalog import Catalog
from planner.config.config import Config
from planner.model.objective import score_week


def plan_objective(days: Mapping[str, Sequence[str]], catalog: Catalog, config: Config) -> int:
    """Objective of a week given as {day: [exercise ids]}."""
    week = {d: [catalog[i] for i in ids] for d, ids in days.items()}
    return score_week(week, catalog, config)

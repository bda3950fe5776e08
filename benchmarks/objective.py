"""The README objective of a plan, computed from scratch (no solver involved).

  w_cov * sum_m R_m(C_m) - w_load * L + w_var * (D - N)

Used to score the greedy plans and to cross-check the objective values CP-SAT and HiGHS
report for their own plans.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from planner.catalog import Catalog
from planner.config import Config
from planner.targets import coverage_reward, weekly_targets
from planner.vocabulary import MUSCLES


def plan_objective(days: Mapping[str, Sequence[str]], catalog: Catalog, config: Config) -> int:
    """Objective of a week given as {day: [exercise ids]}."""
    done = [catalog[i] for ids in days.values() for i in ids]
    targets = weekly_targets(config.athlete.goal, config.week.session_count)
    coverage = sum(coverage_reward(sum(e.covers(m) for e in done), targets[m]) for m in MUSCLES)
    load = sum(e.load for e in done)
    repeats = len({e.id for e in done}) - len(done)
    w = config.objective
    return w.coverage * coverage - w.load * load + w.variety * repeats

"""The README objective of a plan, computed from scratch (no solver involved).

  w_cov * sum_m R_m(C_m) - w_load * max(0, L - T) + w_var * (D - N) - w_eve * E

C_m counts `prescription.coverage_points` (catalog points plus the intensity bonus), L is
the week's load and T the goal profile's weekly load, D - N is distinct exercises minus
exercise slots, and E the sessions on a day before a key run. Used to score the greedy
plans and to cross-check the objective values CP-SAT and HiGHS report for their own plans.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from planner.catalog import Catalog
from planner.config import Config
from planner.prescription import coverage_points
from planner.targets import coverage_reward, weekly_targets
from planner.vocabulary import MUSCLES, next_day


def plan_objective(days: Mapping[str, Sequence[str]], catalog: Catalog, config: Config) -> int:
    """Objective of a week given as {day: [exercise ids]}."""
    profile = config.profile
    done = [catalog[i] for ids in days.values() for i in ids]
    targets = weekly_targets(config.athlete.goal, config.week.session_count)
    coverage = sum(
        coverage_reward(sum(coverage_points(e, m, profile) for e in done), targets[m])
        for m in MUSCLES
    )
    load_off = max(sum(e.load for e in done) - profile.weekly_load, 0)
    repeats = len({e.id for e in done}) - len(done)
    key_runs = set(config.week.key_run_days)
    eves = sum(1 for d in days if next_day(d) in key_runs)
    w = config.objective
    return (
        w.coverage * coverage
        - w.load * load_off
        + w.variety * repeats
        - w.rest_before_key_runs * eves
    )

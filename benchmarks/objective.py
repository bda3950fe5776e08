"""The README objective of a plan, computed from scratch (no solver involved).

  w_cov * sum_m R_m(C_m) - w_load * max(0, L - T) + w_var * (D - N) - w_eve * E + w_hard * H

C_m counts `prescription.coverage_points` (catalog points plus the intensity bonus), L is
the week's load and T the goal profile's weekly load, D - N is distinct exercises minus
exercise slots, E the sessions on a day before a key run, and H the hardness of the goal's
dose (each session's `dose` hardest goal exercises, each week's `heavy_per_week` hardest
heavy ones per category), less the lexicographic weight per unit short of the goal
profile's targets (benchmarks/objective_targets.py). Used to score the greedy
plans and to cross-check the objective values CP-SAT and HiGHS report for their own plans.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from benchmarks.objective_targets import missed_units
from planner.catalog import Catalog, Exercise
from planner.config import Config
from planner.model.objective import lexicographic_weight
from planner.prescription import coverage_points, hardness, heavy_work, serves_goal
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
    sessions = {d: [catalog[i] for i in ids] for d, ids in days.items()}
    return (
        w.coverage * coverage
        - w.load * load_off
        + w.variety * repeats
        - w.rest_before_key_runs * eves
        + w.hardness * dose_hardness(sessions, config)
        - lexicographic_weight(config) * missed_units(sessions, catalog, config)
    )


def dose_hardness(days: Mapping[str, Sequence[Exercise]], config: Config) -> int:
    """H: the hardness of each session's `dose` hardest goal exercises (`eve_dose` before a
    key run) plus that of each week's `heavy_per_week` hardest heavy exercises per category."""
    profile = config.profile
    key_runs = set(config.week.key_run_days)

    def top(exercises: list[Exercise], count: int) -> int:
        return sum(sorted((hardness(e) for e in exercises), reverse=True)[:count])

    total = 0
    for day, exercises in days.items():
        dose = profile.eve_dose if next_day(day) in key_runs else profile.dose
        total += top([e for e in exercises if serves_goal(e, profile)], dose)
    done = [e for exercises in days.values() for e in exercises]
    for category, least in profile.heavy_per_week.items():
        total += top([e for e in done if heavy_work(e, category)], least)
    return total

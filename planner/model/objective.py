"""The soft goals, one function per goal, each returning its named terms.

maximize  w_cov * sum_m R_m(C_m)  -  w_load * L  +  w_var * V
  C_m : weekly coverage of muscle / core function m
  R_m : concave reward toward the goal's weekly target (planner.targets), built from unit
        segments with decreasing gains so the LP relaxation stays tight
  L   : weekly load
  V   : variety = distinct exercises - exercise slots, i.e. minus the number of repeats, so
        variety never pays for adding exercises, only for not repeating them
Ties between equally good plans are settled by the solver's deterministic search (one
worker, or interleaved search for several), so the same inputs give the same plan.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.config import Config
from planner.model.variables import Variables
from planner.targets import marginal_gains, weekly_targets
from planner.vocabulary import MUSCLES


@dataclass
class Term:
    """A named part of the objective: value = weight * expression (weight may be negative)."""

    name: str
    weight: int
    expression: cp_model.LinearExprT


def coverage_toward_targets(model: cp_model.CpModel, v: Variables, config: Config) -> Term:
    """Reward weekly coverage of every muscle up to its target, each extra point worth less."""
    targets = weekly_targets(config.athlete.goal, config.week.session_count)
    reward: list[cp_model.LinearExprT] = []
    for muscle in MUSCLES:
        points = {e.id: e.covers(muscle) for e in v.exercises}
        reachable = min(targets[muscle], _max_reachable(v, points, config))
        if reachable <= 0:
            continue
        gains = marginal_gains(targets[muscle])[:reachable]
        segments = [model.new_bool_var(f"covered[{muscle},{k + 1}]") for k in range(reachable)]
        model.add(sum(segments) <= v.week(points))
        for earlier, later in itertools.pairwise(segments):
            model.add_implication(later, earlier)  # fill in order: breaks segment symmetry
        reward.append(sum(g * s for g, s in zip(gains, segments, strict=True)))
    return Term("coverage", config.objective.coverage, sum(reward))


def weekly_load_penalty(v: Variables, config: Config) -> Term:
    """Less total load is better: the body adapts to only so much at once."""
    return Term("load", -config.objective.load, v.week({e.id: e.load for e in v.exercises}))


def repeats_avoided(model: cp_model.CpModel, v: Variables, config: Config) -> Term:
    """Prefer different exercises over repeating one: each repeat in the week costs."""
    variety: list[cp_model.LinearExprT] = []
    for e in v.exercises:
        slots = sum(v.does[d, e.id] for d in v.days)
        # Distinct exercises among a representative's uses: at most one per twin.
        used = model.new_int_var(0, v.copies(e), f"used[{e.id}]")
        model.add(used <= slots)
        variety.append(used - slots)
    return Term("variety", config.objective.variety, sum(variety))


def _max_reachable(v: Variables, points: dict[str, int], config: Config) -> int:
    """An upper bound on weekly coverage, so no segment is created that can never fill."""
    best = sorted((p for p in points.values() if p), reverse=True)
    uses = config.variety.max_per_week
    return sum(best) * min(uses, config.week.session_count)

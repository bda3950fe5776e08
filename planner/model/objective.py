"""The soft goals, one function per goal, each returning its named terms.

maximize  w_cov * sum_m R_m(C_m)  -  w_load * L  +  w_var * V
  C_m : weekly coverage of muscle / core function m
  R_m : concave reward toward the goal's weekly target (planner.targets), built from unit
        segments with decreasing gains so the LP relaxation stays tight
  L   : weekly load;   V : number of distinct exercises in the week
A tie-break term below the objective's resolution makes the optimal plan unique, so the
plan is the same whatever the number of workers.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.catalog import Exercise
from planner.config import Config
from planner.model.variables import Variables
from planner.targets import marginal_gains, weekly_targets
from planner.vocabulary import MUSCLES

TIE_BREAK_RANGE = 1 << 10


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
        for earlier, later in zip(segments, segments[1:], strict=False):
            model.add_implication(later, earlier)  # fill in order: breaks segment symmetry
        reward.append(sum(g * s for g, s in zip(gains, segments, strict=True)))
    return Term("coverage", config.objective.coverage, sum(reward))


def weekly_load_penalty(v: Variables, config: Config) -> Term:
    """Less total load is better: the body adapts to only so much at once."""
    return Term("load", -config.objective.load, v.week({e.id: e.load for e in v.exercises}))


def distinct_exercises(model: cp_model.CpModel, v: Variables, config: Config) -> Term:
    """Reward each different exercise used in the week."""
    used = []
    for e in v.exercises:
        u = model.new_bool_var(f"used[{e.id}]")
        model.add(u <= sum(v.does[d, e.id] for d in v.days))
        used.append(u)
    return Term("variety", config.objective.variety, sum(used))


def tie_break(v: Variables, config: Config) -> cp_model.LinearExprT:
    """A small pseudo-random preference per (day, exercise), fixed by the seed."""
    return sum(_tie_weight(config.solver.seed, d, e.id) * v.does[d, e.id] for d, e in _pairs(v))


def tie_break_scale(v: Variables, config: Config) -> int:
    """Objective multiplier so that the whole tie-break is worth less than one objective point."""
    per_session = sum(config.session.of(c)[1] for c in config.session.model_fields)
    return TIE_BREAK_RANGE * per_session * len(v.days) + 1


def _pairs(v: Variables) -> list[tuple[str, Exercise]]:
    return [(d, e) for d in v.days for e in v.exercises]


def _tie_weight(seed: int, day: str, exercise_id: str) -> int:
    digest = hashlib.blake2b(f"{seed}|{day}|{exercise_id}".encode(), digest_size=8).digest()
    return 1 + int.from_bytes(digest, "big") % (TIE_BREAK_RANGE - 1)


def _max_reachable(v: Variables, points: dict[str, int], config: Config) -> int:
    """An upper bound on weekly coverage, so no segment is created that can never fill."""
    best = sorted((p for p in points.values() if p), reverse=True)
    uses = config.variety.max_per_week
    return sum(best) * min(uses, config.week.session_count)

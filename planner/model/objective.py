"""The soft goals, one function per goal, each returning its named terms.

maximize  w_cov * sum_m R_m(C_m) - w_load * max(0, L - T) + w_var * V - w_eve * E + w_hard * H
  C_m : weekly coverage of muscle / core function m, counting intensity: an exercise adds
        its catalog points, plus a bonus on the muscles it mainly trains when it is
        prescribed for the goal's main stimulus or loaded in a heavy role
        (planner.prescription.coverage_points), so a loaded squat outscores a bodyweight one
  R_m : concave reward toward the goal's weekly target (planner.training.targets), built from unit
        segments with decreasing gains so the LP relaxation stays tight
  L, T: weekly load and the goal profile's weekly load for the level: up to that dose load
        is free (coverage, counting intensity, and the goal's dose rule make sure the week
        trains); beyond it every point costs, as the body adapts to only so much (the caps
        stay hard rules). A two-sided cost was tried: it made the proofs 10-20x slower by
        splitting ties between near-equal weeks.
  V   : variety = distinct exercises - exercise slots, i.e. minus the number of repeats (the
        model counts the repeats), so variety never pays for adding exercises, only for not
        repeating them
  E   : sessions on the day before a key run (preferred elsewhere when that costs nothing)
  H   : how hard the goal's dose is done: per session, the hardness (planner.training.prescription
        .hardness: level, barbell) of its `dose` hardest exercises serving the goal, and per
        week that of the `heavy_per_week` hardest heavy exercises of each category. Coverage
        saturates at its targets, so without H a barbell squat and a goblet squat tie and a
        full gym got dumbbell work; H makes the heaviest version the equipment and level
        allow win, for the dose only (the other slots stay with coverage and balance).
Above all of them, the goal profile's targets (planner/model/goal_terms.py): each unit a
week misses one by costs more than the others can gain together.
Ties between equally good plans are settled by the solver's deterministic search (one
worker, or interleaved search for several), so the same inputs give the same plan.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.catalog.catalog import Catalog
from planner.config.config import Config
from planner.deadline import Deadline
from planner.model.goal_terms import (
    Week,
    dose_done_hard,
    hardness_score,
    lexicographic_weight,
    missed_targets_score,
    targets_met,
)
from planner.model.variables import Variables
from planner.training.prescription import coverage_points
from planner.training.targets import coverage_reward, marginal_gains, weekly_targets
from planner.vocabulary import MUSCLES, next_day


@dataclass
class Term:
    """A named part of the objective: value = weight * expression (weight may be negative)."""

    name: str
    weight: int
    expression: cp_model.LinearExprT


@dataclass(frozen=True)
class ObjectiveTerm:
    """One part of the objective, declared once: its name, its weight for a config (a key of
    the config's [objective] with the sign of a reward or a cost, or one derived from the
    config), how the model builds it and how a finished week scores on it. The model, the
    benchmarks' scorer and their peers all read TERMS, so a term added here is solved for
    and scored alike."""

    name: str
    weight: Callable[[Config], int]
    build: Callable[[cp_model.CpModel, Variables, Config], cp_model.LinearExprT]
    score: Callable[[Week, Catalog, Config], int]


def week_terms(
    model: cp_model.CpModel, v: Variables, config: Config, deadline: Deadline | None = None
) -> list[Term]:
    """The objective's terms for one week, as the model maximises them; with a `deadline`,
    OutOfTime when it runs out between two terms."""
    terms = []
    for t in TERMS:
        if deadline is not None:
            deadline.check("adding the objective")
        terms.append(Term(t.name, t.weight(config), t.build(model, v, config)))
    return terms


def score_week(days: Week, catalog: Catalog, config: Config) -> int:
    """The objective of a finished week, computed from its exercises alone (no solver)."""
    return sum(scored_terms(days, catalog, config).values())


def scored_terms(days: Week, catalog: Catalog, config: Config) -> dict[str, int]:
    """Each term's weighted value on a finished week, by name."""
    return {t.name: t.weight(config) * t.score(days, catalog, config) for t in TERMS}


def coverage_toward_targets(
    model: cp_model.CpModel, v: Variables, config: Config
) -> cp_model.LinearExprT:
    """Reward weekly coverage of every muscle up to its target, each extra point worth less."""
    targets = weekly_targets(config.athlete.goal, config.week.session_count)
    profile = config.profile
    reward: list[cp_model.LinearExprT] = []
    for muscle in MUSCLES:
        points = {e.id: coverage_points(e, muscle, profile) for e in v.exercises}
        reachable = min(targets[muscle], _max_reachable(v, points, config))
        if reachable <= 0:
            continue
        gains = marginal_gains(targets[muscle])[:reachable]
        segments = [model.new_bool_var(f"covered[{muscle},{k + 1}]") for k in range(reachable)]
        model.add(sum(segments) <= v.week(points))
        for earlier, later in itertools.pairwise(segments):
            model.add_implication(later, earlier)  # fill in order: breaks segment symmetry
        reward.append(sum(g * s for g, s in zip(gains, segments, strict=True)))
    return sum(reward)


def load_toward_dose(model: cp_model.CpModel, v: Variables, config: Config) -> cp_model.IntVar:
    """Load beyond the goal's weekly dose for the level costs: recovery has a limit."""
    load = v.week({e.id: e.load for e in v.exercises})
    target = config.profile.weekly_load
    most = sum(e.load for e in v.exercises) * len(v.days)
    over = model.new_int_var(0, max(most, 0), "load_over_dose")
    model.add(over >= load - target)
    return over


def rest_before_key_runs(
    model: cp_model.CpModel, v: Variables, config: Config
) -> cp_model.LinearExprT:
    """A session the day before a key run costs a little: fresher legs when it is free."""
    key_runs = set(config.week.key_run_days)
    eves = [v.trains_on[d] for d in v.days if next_day(d) in key_runs]
    return sum(eves)


def repeats_avoided(model: cp_model.CpModel, v: Variables, config: Config) -> cp_model.LinearExprT:
    """Prefer different exercises over repeating one: each repeat in the week costs.

    A representative's uses beyond one per twin are repeats. They are counted by a variable
    the objective pushes down (repeats >= uses - twins), not as distinct - uses with a
    `distinct <= uses` variable the objective pushes up: the two have the same LP, but the
    search, which tries an objective variable's best value first, read "distinct = 1" as
    "do this exercise" and dived into crowded weeks it then had to undo (block-marathon's
    week: deterministic time 0.17 -> 0.04, median of 5 seeds; the bound was already exact).
    """
    repeats: list[cp_model.IntVar] = []
    for e in v.exercises:
        spare_days = len(v.days) - v.copies(e)
        if spare_days <= 0:
            continue  # one use per twin fills every day: no repeat possible
        repeat = model.new_int_var(0, spare_days, f"repeats[{e.id}]")
        model.add_max_equality(repeat, [0, v.uses(e) - v.copies(e)])
        repeats.append(repeat)
    return -cp_model.LinearExpr.sum(repeats)


def _max_reachable(v: Variables, points: dict[str, int], config: Config) -> int:
    """An upper bound on weekly coverage, so no segment is created that can never fill.

    A representative of merged twins may be used once per twin as often as one exercise,
    so it counts that many times (counting it once cut off better plans).
    """
    uses, sessions = config.variety.max_per_week, config.week.session_count
    return sum(
        p * min(v.most_uses(e, uses) * v.copies(e), sessions)
        for e in v.exercises
        if (p := points[e.id])
    )


# How a finished week scores on each term: the same quantities as the model's expressions
# at the optimum, computed from the week's exercises.


def coverage_score(days: Week, catalog: Catalog, config: Config) -> int:
    done = [e for exercises in days.values() for e in exercises]
    targets = weekly_targets(config.athlete.goal, config.week.session_count)
    profile = config.profile
    return sum(
        coverage_reward(sum(coverage_points(e, m, profile) for e in done), targets[m])
        for m in MUSCLES
    )


def load_score(days: Week, catalog: Catalog, config: Config) -> int:
    load = sum(e.load for exercises in days.values() for e in exercises)
    return max(load - config.profile.weekly_load, 0)


def variety_score(days: Week, catalog: Catalog, config: Config) -> int:
    done = [e.id for exercises in days.values() for e in exercises]
    return len(set(done)) - len(done)


def eves_score(days: Week, catalog: Catalog, config: Config) -> int:
    key_runs = set(config.week.key_run_days)
    return sum(1 for d in days if next_day(d) in key_runs)


TERMS: tuple[ObjectiveTerm, ...] = (
    ObjectiveTerm(
        "coverage", lambda c: c.objective.coverage, coverage_toward_targets, coverage_score
    ),
    ObjectiveTerm("load", lambda c: -c.objective.load, load_toward_dose, load_score),
    ObjectiveTerm("variety", lambda c: c.objective.variety, repeats_avoided, variety_score),
    ObjectiveTerm(
        "key_run_eves",
        lambda c: -c.objective.rest_before_key_runs,
        rest_before_key_runs,
        eves_score,
    ),
    ObjectiveTerm("hardness", lambda c: c.objective.hardness, dose_done_hard, hardness_score),
    ObjectiveTerm(
        "targets_missed", lambda c: -lexicographic_weight(c), targets_met, missed_targets_score
    ),
)

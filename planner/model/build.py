"""Assemble the CP-SAT model from rules and goals, solve it, and map the answer to a result."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any

from ortools.sat.python import cp_model

from planner.catalog.catalog import Catalog, Exercise
from planner.config.config import Config
from planner.deadline import Deadline, OutOfTime
from planner.model.context import RuleContext
from planner.model.dominance import undominated
from planner.model.objective import Term, scored_terms, week_terms
from planner.model.rules import add_hard_rules
from planner.model.variables import Variables
from planner.plan.week import Plan, SolveResult, Status
from planner.training.eligibility import eligible_exercises
from planner.training.kit_defaults import kit_defaults

log = logging.getLogger(__name__)
ORTOOLS_VERSION = version("ortools")

STATUS = {
    cp_model.OPTIMAL: Status.OPTIMAL,
    cp_model.FEASIBLE: Status.FEASIBLE,
    cp_model.INFEASIBLE: Status.INFEASIBLE,
    cp_model.UNKNOWN: Status.UNKNOWN,
    cp_model.MODEL_INVALID: Status.MODEL_INVALID,
}

# Measured on the bundled and synthetic catalogs (see benchmarks/): with the default
# linearization the LP misses the coverage and variety links and proofs stall.
DEFAULT_PARAMETERS: dict[str, Any] = {
    "linearization_level": 2,
    # All rows in the LP from the start: halves deterministic time on the examples
    # (home-kit 0.42 -> 0.10), neutral at 300-1,000 exercises.
    "add_lp_constraints_lazily": False,
    # Presolve's inclusion detection spends seconds on the many near-identical rows of a
    # large catalog and finds little: 1,000 exercises x 5 sessions 6.9 -> 1.7 s, 300 x 5
    # 2.4 -> 1.5 s (benchmarks.tune, one change at a time).
    "presolve_inclusion_work_limit": 0,
    # Probing costs more than it prunes here: marathon-base 0.28 -> 0.17 s, home-kit
    # 0.29 -> 0.19 s, about 2x at 300-1,000 exercises.
    "cp_model_probing_level": 0,
    # Symmetry detection ran in every presolve round (0.55 s each on an 851-exercise import
    # whose near-duplicates differ only in family) and found orbits twin merging and the
    # dominance filter already remove: marathon-base on such a catalog 0.36 -> 0.12 CPU s,
    # the real import's examples 0.07-0.15 -> 0.05-0.09, neutral on synthetic catalogs.
    "symmetry_level": 0,
    # Ctrl-C is the caller's: CP-SAT's own handler would end the search as if the time limit
    # had run out (exit 5, not "interrupted") and leave SIGINT at its default afterwards.
    "catch_sigint_signal": False,
}


MULTI_WORKER_SUBSOLVERS = ("max_lp", "quick_restart", "default_lp", "core", "reduced_costs")


@dataclass
class WeekModel:
    """A built model with its variables, objective terms and optional rule guards."""

    model: cp_model.CpModel
    variables: Variables
    terms: list[Term]
    guards: dict[str, cp_model.IntVar] | None


def build_model(
    catalog: Catalog,
    config: Config,
    *,
    with_objective: bool = True,
    guarded: bool = False,
    exercises: Sequence[Exercise] | None = None,
    merge_twins: bool | None = None,
    drop_dominated: bool | None = None,
    deadline: Deadline | None = None,
) -> WeekModel:
    """The weekly model; `guarded` puts every rule behind an enforcement literal (explain).

    Twins are merged and dominated exercises dropped by default (both keep every optimum),
    but not in a guarded model: there exercises that differ only in equipment, level or
    tags must stay apart for the exclusion rules, and a dropped rule could need them.
    With a `deadline`, building stops with OutOfTime between steps once it has run out.
    """
    if merge_twins is None:
        merge_twins = not guarded
    if drop_dominated is None:
        drop_dominated = not guarded
    model = cp_model.CpModel()
    chosen = (
        tuple(exercises)
        if exercises is not None
        else (tuple(catalog) if guarded else eligible_exercises(catalog, config))
    )
    kit = kit_defaults(config, chosen)
    if drop_dominated:
        chosen = undominated(chosen, config, deadline)
    if deadline is not None:
        deadline.check("creating the variables")
    v = Variables.create(
        model,
        config.week.available_days,
        chosen,
        merge_twins=merge_twins,
        keep=frozenset(config.include.exercises),
        kit=kit,
    )
    ctx = RuleContext(model, v, config, guards={} if guarded else None, deadline=deadline)
    add_hard_rules(ctx)
    terms: list[Term] = []
    if with_objective:
        terms = week_terms(model, v, config, deadline)
        model.maximize(sum(t.weight * t.expression for t in terms))
    return WeekModel(model, v, terms, ctx.guards)


def solve(
    catalog: Catalog,
    config: Config,
    *,
    parameters: dict[str, Any] | None = None,
    deadline: Deadline | None = None,
) -> SolveResult:
    """Solve one athlete's week; the status says whether a plan was found and proven optimal.

    The time limit counts from `deadline.started` (default: now), so that reading the
    inputs and building the model count too: the solver gets what is left. When nothing
    is left before the solver starts, the result is UNKNOWN with a note saying why.
    """
    deadline = deadline or Deadline(config.solver.time_limit)
    started = time.perf_counter()
    try:
        deadline.check("reading the inputs")
        built = build_model(catalog, config, deadline=deadline)
        deadline.check("handing the model to the solver")
    except OutOfTime as late:
        log.info("out of time before solving: %s", late)
        return SolveResult(
            Status.UNKNOWN,
            None,
            None,
            None,
            time.perf_counter() - started,
            config.solver.seed,
            config.solver.workers,
            ORTOOLS_VERSION,
            note=late.note,
        )
    solver = cp_model.CpSolver()
    configure(solver, config, parameters, time_limit=deadline.remaining())
    code = solver.solve(built.model)
    status = STATUS[code]
    wall = time.perf_counter() - started
    log.info("solved: %s in %.3f s (%s)", status, wall, solver.response_stats().splitlines()[0])
    if not status.has_plan:
        return SolveResult(
            status,
            None,
            None,
            None,
            wall,
            config.solver.seed,
            config.solver.workers,
            ORTOOLS_VERSION,
            solver_time_s=solver.wall_time,
        )
    plan = Plan.from_ids(catalog, config.profile, built.variables.extract(solver))
    # The plan's own score, not the model's value: in a plan not proven optimal a coverage
    # segment or a cost's slack need not be tight yet, so the solver's value can understate
    # the plan (at the optimum the two are equal; tests/model/test_objective_declared.py).
    week = {s.day: [p.exercise for p in s.exercises] for s in plan.sessions}
    terms = scored_terms(week, catalog, config)
    objective = sum(terms.values())
    bound = math.floor(solver.best_objective_bound + 1e-6)
    if status == Status.FEASIBLE and objective == bound:
        status = Status.OPTIMAL  # the plan meets the proven bound: no plan can do better
    return SolveResult(
        status,
        plan,
        objective,
        bound,
        wall,
        config.solver.seed,
        config.solver.workers,
        ORTOOLS_VERSION,
        objective_terms=terms,
        solver_time_s=solver.wall_time,
    )


def configure(
    solver: cp_model.CpSolver,
    config: Config,
    parameters: dict[str, Any] | None,
    time_limit: float | None = None,
) -> None:
    """Parameters, seed, workers and the time limit (`time_limit`: what is left of the
    config's, when work before the solve counted against it)."""
    solver.parameters.max_time_in_seconds = (
        config.solver.time_limit if time_limit is None else time_limit
    )
    solver.parameters.random_seed = config.solver.seed
    solver.parameters.num_workers = config.solver.workers
    if config.solver.workers > 1:
        # One worker is deterministic; several are made so by interleaving their searches in
        # fixed batches. The LP-heavy subsolvers first: with CP-SAT's default portfolio,
        # two interleaved workers took 5-10 s on the examples, these take about 1 s.
        solver.parameters.interleave_search = True
        solver.parameters.subsolvers.extend(MULTI_WORKER_SUBSOLVERS[: config.solver.workers])
    for name, value in {**DEFAULT_PARAMETERS, **(parameters or {})}.items():
        if isinstance(value, list | tuple):
            getattr(solver.parameters, name).extend(value)
        else:
            setattr(solver.parameters, name, value)

"""One block instance through every solver, each block checked, scored and compared.

- `solve_block`: planner's block solve as `planner block` runs it (bounds from each week
  alone, the week-by-week block as a complete hint, then the one-model search), 1 worker;
  its steps' seconds come from BlockResult.step_s.
- `alone`: the same one model searched by CP-SAT without the week bounds and the hint.
- `greedy`: the week-by-week block alone (planner.model.block.start.grow_block: each
  week solved on its own objective with the weeks before it fixed, while the model grows,
  none reopened when a week finds no plan), completed in the whole model; the greedy peer.
- `highs`: the same block as a MIP (block_mip.py), 1 thread.

Every block must pass `planner.block_check.check_block`, and is scored from scratch: the
sum over its weeks of `objective.plan_objective` under each week's config. A solver may
report less than its block scores (a MIP incumbent's auxiliary columns can lag behind its
plan) but never more, and a proven optimum must equal its score; two proven optima must
agree and no block may beat a proven optimum or a bound. A broken claim is a MISMATCH.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ortools.sat.python import cp_model

from benchmarks.block_mip import (  # highspy itself loads only to solve
    OMITTED_RULES,
    run_block_highs,
)
from benchmarks.cpsat_run import SolveTimes, recorded_solve
from benchmarks.instances import BlockInstance
from benchmarks.objective import plan_objective
from planner.block.check import check_block
from planner.catalog.catalog import Catalog
from planner.model.block.build import BlockModel, build_block_model
from planner.model.block.solve import solve_block
from planner.model.block.start import complete, grow_block
from planner.model.build import configure
from planner.plan.block import PlannedWeek
from planner.plan.week import Plan, Status

SOLVERS = ("solve_block", "alone", "greedy", "highs")


@dataclass
class BlockRun:
    times: SolveTimes  # objective: the block's score (recomputed); extra["reported"]: solver's
    weeks: tuple[PlannedWeek, ...] | None
    checked: bool = True  # passes check_block and its score matches the claim

    @property
    def objective(self) -> int | None:
        return self.times.objective


@dataclass
class BlockResult:
    instance: BlockInstance
    runs: dict[str, BlockRun]  # by SOLVERS name
    problems: list[str] = field(default_factory=list)

    @property
    def optimum(self) -> int | None:
        """The proven optimum, from whichever solver proved it."""
        return next((r.objective for r in self.runs.values() if r.times.proven), None)

    def gap_to_best(self, solver: str) -> float | None:
        """How far the solver's block is below the optimum (or the best block found)."""
        mine = self.runs[solver].objective if solver in self.runs else None
        found = [r.objective for r in self.runs.values() if r.objective is not None]
        best = self.optimum if self.optimum is not None else max(found, default=None)
        if mine is None or best is None:
            return None
        return (best - mine) / max(1, abs(best))


def block_score(weeks: Sequence[PlannedWeek], catalog: Catalog) -> int:
    total = 0
    for w in weeks:
        days = {s.day: [p.exercise.id for p in s.exercises] for s in w.plan.sessions}
        total += plan_objective(days, catalog, w.setup.config)
    return total


def run_solve_block(inst: BlockInstance) -> BlockRun:
    cpu0 = time.process_time()
    r = solve_block(inst.catalog, inst.config, inst.setups)
    cpu_s = time.process_time() - cpu0
    proven = r.status == Status.OPTIMAL
    times = SolveTimes(
        solver="cp-sat",
        status=str(r.status),
        objective=r.objective,
        bound=r.best_bound,
        first_s=None,
        gap1_s=r.wall_time_s if r.gap is not None and r.gap <= 0.01 else None,
        optimal_s=r.wall_time_s if proven else None,
        solve_s=r.wall_time_s,
        build_s=0.0,  # building is part of its first step
        cpu_s=cpu_s,
        extra={"steps": r.step_s},
    )
    return BlockRun(times, r.weeks)


def run_alone(inst: BlockInstance) -> BlockRun:
    t0 = time.perf_counter()
    built = build_block_model(inst.catalog, inst.config, inst.setups)
    solver = cp_model.CpSolver()
    configure(solver, inst.config, None)
    times = recorded_solve(solver, built.model, time.perf_counter() - t0)
    weeks = _weeks(inst, built, solver) if times.objective is not None else None
    return BlockRun(times, weeks)


def run_greedy(inst: BlockInstance) -> BlockRun:
    """The week-by-week block, timed from building the model to its completed block."""
    t0, cpu0 = time.perf_counter(), time.process_time()
    deadline = t0 + inst.config.solver.time_limit
    # the plain greedy: no earlier week reopened when a week finds no plan
    built, values = grow_block(inst.catalog, inst.config, inst.setups, None, deadline, False)
    start = None if values is None else complete(built, values, inst.config, None, deadline)
    elapsed, cpu_s = time.perf_counter() - t0, time.process_time() - cpu0
    weeks = None if start is None else _weeks(inst, built, start[0])
    times = SolveTimes(
        solver="greedy",
        status="FAILED" if start is None else "PLAN",
        objective=None if start is None else start[1],
        bound=None,
        first_s=None if start is None else elapsed,
        gap1_s=None,
        optimal_s=None,
        solve_s=elapsed,
        build_s=0.0,
        cpu_s=cpu_s,
    )
    return BlockRun(times, weeks)


def run_highs(inst: BlockInstance) -> BlockRun:
    times, weeks = run_block_highs(
        inst.catalog, inst.config, inst.setups, inst.config.solver.time_limit
    )
    return BlockRun(times, weeks)


def _weeks(
    inst: BlockInstance, built: BlockModel, solver: cp_model.CpSolver
) -> tuple[PlannedWeek, ...]:
    weeks = []
    for part in built.weeks:
        days = {} if part.variables is None else part.variables.extract(solver)
        plan = Plan.from_ids(inst.catalog, part.config.profile, days)
        weeks.append(PlannedWeek(part.setup, plan))
    return tuple(weeks)


def evaluate_block(inst: BlockInstance, with_highs: bool) -> BlockResult:
    runners = {"solve_block": run_solve_block, "alone": run_alone, "greedy": run_greedy}
    if with_highs:
        runners["highs"] = run_highs
    result = BlockResult(inst, {})
    for name, run in runners.items():
        result.runs[name] = _verified(name, run(inst), inst, result.problems)
    result.problems += _disagreements(result)
    return result


def _verified(name: str, run: BlockRun, inst: BlockInstance, problems: list[str]) -> BlockRun:
    """Check the block and put its recomputed score in place of the solver's claim."""
    if run.weeks is None:
        return run
    before = len(problems)
    violations = check_block(run.weeks, inst.catalog, inst.config)
    if name == "highs":  # a relaxation: the rules its MIP omits may break
        violations = [v for v in violations if v.rule not in OMITTED_RULES]
    if violations:
        problems.append(f"{inst.name}: {name} block fails check_block: {violations[0]}")
    score = block_score(run.weeks, inst.catalog)
    claimed = run.times.objective
    if claimed is not None and (claimed > score or (run.times.proven and claimed != score)):
        problems.append(
            f"{inst.name}: {name} reports objective {claimed}, its block scores {score}"
        )
    extra = {**run.times.extra, "reported": claimed}
    times = replace(run.times, objective=score, extra=extra)
    return BlockRun(times, run.weeks, len(problems) == before)


def _disagreements(result: BlockResult) -> list[str]:
    p: list[str] = []
    name = result.instance.name
    # HiGHS's MIP omits rules (block_mip.OMITTED_RULES): its optimum is a bound, not one.
    proven = {k: r.objective for k, r in result.runs.items() if r.times.proven and k != "highs"}
    relaxed = result.runs.get("highs")
    if relaxed is not None and relaxed.times.proven and relaxed.objective is not None:
        for k, r in result.runs.items():
            if k != "highs" and r.objective is not None and r.objective > relaxed.objective:
                p.append(f"MISMATCH: {name}: {k} block {r.objective} beats HiGHS's relaxation")
    if len(set(proven.values())) > 1:
        p.append(f"MISMATCH: {name}: proven optima differ: {proven}")
    for k, r in result.runs.items():
        for other, optimum in proven.items():
            if optimum is None or other == k:
                continue
            if r.objective is not None and r.objective > optimum:
                p.append(f"MISMATCH: {name}: {k} block {r.objective} beats {other}'s optimum")
            if r.times.bound is not None and r.times.bound < optimum:
                p.append(f"MISMATCH: {name}: {k} bound {r.times.bound} < {other}'s optimum")
    return p

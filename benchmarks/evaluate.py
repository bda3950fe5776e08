"""One instance solved by CP-SAT, HiGHS and greedy, and every answer checked against the others.

A plan must pass `planner.check.check_plan` and score what its solver reported; two proven
optima must be equal, and no plan may beat a proven optimum or a bound. A broken solver
claim is a MISMATCH (a model or checker bug), which sets the exit status.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any

from benchmarks.cpsat_run import SolveTimes, run_cpsat
from benchmarks.greedy import GreedyResult, greedy_plan
from benchmarks.instances import Instance
from benchmarks.objective import plan_objective
from benchmarks.output import RunRow
from benchmarks.stats import median_time
from planner.plan.week import Plan
from planner.week.check import check_plan


@dataclass
class InstanceResult:
    instance: Instance
    cp: SolveTimes
    cp_runs: list[SolveTimes]
    highs: SolveTimes | None
    highs_runs: list[SolveTimes]
    greedy: GreedyResult
    problems: list[str] = field(default_factory=list)
    plan_ok: dict[str, bool] = field(default_factory=dict)  # solver -> passes the checks

    @property
    def best_known(self) -> int | None:
        """The optimum if either solver proved it, else the best plan found."""
        for r in (self.cp, self.highs):
            if r is not None and r.proven:
                return r.objective
        found = [r.objective for r in (self.cp, self.highs) if r and r.objective is not None]
        return max(found) if found else None

    @property
    def greedy_gap(self) -> float | None:
        """How much better our plan is than greedy's, relative to ours (None: greedy failed)."""
        if self.greedy.objective is None or self.cp.objective is None:
            return None
        return (self.cp.objective - self.greedy.objective) / max(1, abs(self.cp.objective))


@dataclass
class Cell:
    """One table row: the instances of one catalog and session count, solved `repeat` times."""

    results: list[InstanceResult]
    repeat: int

    @property
    def group(self) -> str:
        return self.results[0].instance.group


def evaluate(
    inst: Instance, repeat: int, with_highs: bool, parameters: dict[str, Any] | None = None
) -> InstanceResult:
    cp_runs = [run_cpsat(inst.catalog, inst.config, parameters) for _ in range(repeat)]
    highs_runs: list[SolveTimes] = []
    if with_highs:
        from benchmarks.highs_model import run_highs  # highspy is optional

        highs_runs = [run_highs(inst.catalog, inst.config) for _ in range(repeat)]
    result = InstanceResult(
        inst,
        median_run(cp_runs),
        cp_runs,
        median_run(highs_runs) if highs_runs else None,
        highs_runs,
        greedy_plan(inst.catalog, inst.config),
    )
    p = result.problems
    result.plan_ok["cp-sat"] = _verify("CP-SAT", result.cp, inst, p)
    result.plan_ok["highs"] = _verify("HiGHS", result.highs, inst, p)
    if len({r.objective for r in cp_runs}) > 1:
        p.append(f"CP-SAT objective differs between repeats: {[r.objective for r in cp_runs]}")
    if result.highs is not None:
        p += _solver_disagreements(result.cp, result.highs)
    p += _greedy_problems(result)
    return result


def median_run(runs: list[SolveTimes]) -> SolveTimes:
    """One result whose times are the medians over repeated runs of the same instance."""
    first = runs[0]
    if len(runs) == 1:
        return first
    return SolveTimes(
        solver=first.solver,
        status=statistics.mode([r.status for r in runs]),
        objective=first.objective,
        bound=first.bound,
        first_s=median_time([r.first_s for r in runs]),
        gap1_s=median_time([r.gap1_s for r in runs]),
        optimal_s=median_time([r.optimal_s for r in runs]),
        solve_s=statistics.median([r.solve_s for r in runs]),
        build_s=statistics.median([r.build_s for r in runs]),
        cpu_s=statistics.median([r.cpu_s for r in runs]),
        plan=first.plan,
        extra=first.extra,
    )


def _verify(name: str, result: SolveTimes | None, inst: Instance, problems: list[str]) -> bool:
    """check_plan and the recomputed objective agree with what the solver reported."""
    if result is None or result.plan is None:
        return True
    before = len(problems)
    plan = Plan.from_ids(inst.catalog, inst.config.profile, result.plan)
    violations = check_plan(plan, inst.catalog, inst.config)
    if violations:
        problems.append(f"{name} plan fails check_plan: {violations[0]}")
    recomputed = plan_objective(result.plan, inst.catalog, inst.config)
    if recomputed != result.objective:
        problems.append(
            f"{name} reports objective {result.objective}, its plan scores {recomputed}"
        )
    return len(problems) == before


def _solver_disagreements(cp: SolveTimes, hi: SolveTimes) -> list[str]:
    p: list[str] = []
    if cp.proven and hi.proven and cp.objective != hi.objective:
        p.append(f"MISMATCH: CP-SAT optimum {cp.objective} != HiGHS optimum {hi.objective}")
    for a, b, an, bn in ((cp, hi, "CP-SAT", "HiGHS"), (hi, cp, "HiGHS", "CP-SAT")):
        optimum = a.objective if a.proven else None  # a proven run always has an objective
        if optimum is None:
            continue
        if b.objective is not None and b.objective > optimum:
            p.append(f"MISMATCH: {bn} plan {b.objective} beats {an}'s 'optimum' {optimum}")
        if b.bound is not None and b.bound < optimum:
            p.append(f"MISMATCH: {bn} bound {b.bound} is below {an}'s optimum {optimum}")
    if cp.status == "INFEASIBLE" and hi.plan is not None:
        p.append("MISMATCH: CP-SAT says infeasible, HiGHS found a plan")
    if hi.status == "INFEASIBLE" and cp.plan is not None:
        p.append("MISMATCH: HiGHS says infeasible, CP-SAT found a plan")
    return p


def _greedy_problems(result: InstanceResult) -> list[str]:
    p: list[str] = []
    best = result.best_known
    g = result.greedy
    if g.objective is not None and best is not None and g.objective > best:
        p.append(f"greedy plan {g.objective} beats the best known {best}")
    if g.objective is not None and result.cp.plan is None:
        p.append("greedy found a plan where CP-SAT found none")
    return p


def run_rows(r: InstanceResult) -> list[RunRow]:
    """The per-run CSV rows: every CP-SAT and HiGHS solve, then the greedy plan."""
    inst = r.instance
    base = {
        "section": "scaling",
        "group": inst.group,
        "instance": inst.name,
        "catalog": inst.catalog_label,
        "catalog_size": len(inst.catalog),
        "sessions": inst.sessions,
        "seed": "" if inst.seed is None else inst.seed,
    }
    rows = []
    for runs in (r.cp_runs, r.highs_runs):
        for i, s in enumerate(runs):
            rows.append(
                {
                    **base,
                    "solver": s.solver,
                    "run": i + 1,
                    **s.csv_fields(),
                    "plan_ok": r.plan_ok.get(s.solver, True) if s.plan else "",
                    "note": "; ".join(r.problems),
                }
            )
    g = r.greedy
    rows.append(
        {
            **base,
            "solver": "greedy",
            "run": 1,
            "status": "FAILED" if g.failed else "PLAN",
            "objective": g.objective,
            "gap": None if r.greedy_gap is None else round(r.greedy_gap, 6),
            "solve_s": g.time_s,
            "plan_ok": not g.failed,
            "note": g.reason,
        }
    )
    return rows

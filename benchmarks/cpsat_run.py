"""CP-SAT on planner's own model, with the times the issue asks for.

The model comes from `planner.model.build.build_model` and the solver is configured by
`planner.model.build.configure`, i.e. exactly like `planner.model.build.solve`
(DEFAULT_PARAMETERS, the config's time limit, seed and workers). A solution callback and a
best-bound callback record (seconds since the solve started, incumbent, bound) events, from
which the time to the first plan, to a gap <= 1 % and to the proof are read.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from planner.catalog.catalog import Catalog
from planner.config.config import Config
from planner.model.build import WeekModel, build_model, configure
from planner.plan.week import relative_gap


@dataclass
class SolveTimes:
    """What one solver run produced; times are seconds since the solve call, None if never."""

    solver: str
    status: str  # OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN, ...
    objective: int | None
    bound: int | None
    first_s: float | None
    gap1_s: float | None
    optimal_s: float | None
    solve_s: float  # the whole solve call
    build_s: float  # building the model (not in the times above)
    cpu_s: float = 0.0  # process CPU time of the solve call (robust to a busy machine)
    plan: dict[str, list[str]] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def proven(self) -> bool:
        return self.status == "OPTIMAL"

    @property
    def gap(self) -> float | None:
        return relative_gap(self.objective, self.bound)

    def csv_fields(self) -> dict[str, Any]:
        """The run's outcome and times, as the per-run CSV's columns hold them."""
        return {
            "status": self.status,
            "objective": self.objective,
            "bound": self.bound,
            "gap": None if self.gap is None else round(self.gap, 6),
            "first_s": self.first_s,
            "gap1_s": self.gap1_s,
            "optimal_s": self.optimal_s,
            "solve_s": self.solve_s,
            "cpu_s": self.cpu_s,
            "build_s": self.build_s,
        }


def gap_times(
    events: list[tuple[float, float | None, float | None]], *, maximize: bool = True
) -> tuple[float | None, float | None]:
    """(time of the first incumbent, time the gap first reached <= 1 %) from events of
    (t, incumbent or None, bound or None), in any order."""
    best: float | None = None
    bound: float | None = None
    first = gap1 = None
    for t, incumbent, new_bound in sorted(events, key=lambda e: e[0]):
        if incumbent is not None:
            if best is None or (incumbent > best if maximize else incumbent < best):
                best = incumbent
            first = t if first is None else first
        if new_bound is not None and (
            bound is None or (new_bound < bound if maximize else new_bound > bound)
        ):
            bound = new_bound
        if (
            gap1 is None
            and best is not None
            and bound is not None
            and abs(bound - best) / max(1.0, abs(best)) <= 0.01 + 1e-12
        ):
            gap1 = t
    return first, gap1


class _Recorder(cp_model.CpSolverSolutionCallback):
    def __init__(self, started: list[float]) -> None:
        super().__init__()
        self.started = started
        self.events: list[tuple[float, float | None, float | None]] = []

    def on_solution_callback(self) -> None:
        t = time.perf_counter() - self.started[0]
        self.events.append((t, self.objective_value, self.best_objective_bound))


_STATUS = {
    cp_model.OPTIMAL: "OPTIMAL",
    cp_model.FEASIBLE: "FEASIBLE",
    cp_model.INFEASIBLE: "INFEASIBLE",
    cp_model.UNKNOWN: "UNKNOWN",
    cp_model.MODEL_INVALID: "MODEL_INVALID",
}


def run_cpsat(
    catalog: Catalog,
    config: Config,
    parameters: dict[str, Any] | None = None,
    transform: Callable[[WeekModel, Catalog, Config], None] | None = None,
) -> SolveTimes:
    """Solve like planner.model.build.solve does, recording the solve's progress.

    `parameters` override DEFAULT_PARAMETERS and `transform` may change the built model
    (both only for experiments: benchmarks/tune.py).
    """
    t0 = time.perf_counter()
    built = build_model(catalog, config)
    if transform is not None:
        transform(built, catalog, config)
    build_s = time.perf_counter() - t0
    solver = cp_model.CpSolver()
    configure(solver, config, parameters)
    times = recorded_solve(solver, built.model, build_s)
    if times.objective is not None:
        times.plan = built.variables.extract(solver)
    return times


def recorded_solve(
    solver: cp_model.CpSolver, model: cp_model.CpModel, build_s: float
) -> SolveTimes:
    """Solve a configured solver on `model`, recording when the first plan came, when the
    gap reached 1 % and when optimality was proven; the caller reads the plan from `solver`."""
    started = [0.0]
    recorder = _Recorder(started)
    bounds: list[tuple[float, float | None, float | None]] = []
    solver.best_bound_callback = lambda b: bounds.append(
        (time.perf_counter() - started[0], None, b)
    )
    cpu0 = time.process_time()
    started[0] = time.perf_counter()
    code = solver.solve(model, recorder)
    solve_s = time.perf_counter() - started[0]
    cpu_s = time.process_time() - cpu0
    status = _STATUS[code]
    first, gap1 = gap_times(recorder.events + bounds)
    optimal = solve_s if status == "OPTIMAL" else None
    if status == "OPTIMAL" and gap1 is None:
        gap1 = solve_s
    objective = bound = None
    if status in ("OPTIMAL", "FEASIBLE"):
        objective = round(solver.objective_value)
        bound = math.floor(solver.best_objective_bound + 1e-6)
    elif math.isfinite(solver.best_objective_bound):
        bound = math.floor(solver.best_objective_bound + 1e-6)
    return SolveTimes(
        solver="cp-sat",
        status=status,
        objective=objective,
        bound=bound,
        first_s=first,
        gap1_s=gap1,
        optimal_s=optimal,
        solve_s=solve_s,
        build_s=build_s,
        cpu_s=cpu_s,
        extra={
            "solver_wall_s": solver.wall_time,
            "branches": solver.num_branches,
            "dtime": solver.response_proto.deterministic_time,
        },
    )


def parse_parameter(item: str) -> tuple[str, Any]:
    """'key=value' -> (key, value as bool, int, float or str), for solver parameters."""
    key, _, text = item.partition("=")
    value: Any = text.strip()
    if value.lower() in ("true", "false"):
        value = value.lower() == "true"
    else:
        for kind in (int, float):
            try:
                value = kind(value)
                break
            except ValueError:
                pass
    return key.strip(), value

"""Solve a `mip.Mip` with HiGHS (highspy), timing first plan / 1 % gap / proof like CP-SAT.

Shared by the weekly MIP (`highs_model.run_highs`) and the block MIP (`block_mip.py`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from benchmarks.cpsat_run import SolveTimes, gap_times
from benchmarks.mip import Mip


@dataclass
class MipAnswer:
    times: SolveTimes  # plan left None: the caller reads its plan from `values`
    values: list[float] | None  # every column's value, when HiGHS has a feasible solution


def solve_mip(
    mip: Mip,
    *,
    seed: int,
    time_limit: float,
    threads: int = 1,
    callbacks: bool = True,
    options: dict[str, bool | float | str] | None = None,
    build_s: float = 0.0,
) -> MipAnswer:
    """Maximise `mip` with `mip_rel_gap = 0` (prove optimality, like CP-SAT).

    `callbacks=False` skips the progress callbacks (first plan and 1 % gap are then unknown)
    to measure their overhead; `options` are extra HiGHS options, for experiments.
    """
    import highspy

    t0 = time.perf_counter()
    # highspy (1.16) leaves Highs.__init__ unannotated, so mypy calls it untyped
    h = highspy.Highs()  # type: ignore[no-untyped-call]
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", threads)
    h.setOptionValue("random_seed", seed)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", 0.0)
    for key, value in (options or {}).items():
        h.setOptionValue(key, value)
    n = len(mip.names)
    h.addVars(n, np.zeros(n), np.array(mip.col_upper, dtype=np.float64))
    h.changeColsIntegrality(
        n, np.arange(n, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * n)
    )
    h.changeColsCost(n, np.arange(n, dtype=np.int32), np.array(mip.cost, dtype=np.float64))
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    h.addRows(
        len(mip.row_lower),
        np.array(mip.row_lower, dtype=np.float64),
        np.array(mip.row_upper, dtype=np.float64),
        len(mip.row_index),
        np.array(mip.row_start[:-1], dtype=np.int32),
        np.array(mip.row_index, dtype=np.int32),
        np.array(mip.row_value, dtype=np.float64),
    )
    build_s += time.perf_counter() - t0
    events: list[tuple[float, float | None, float | None]] = []
    started = [0.0]

    def improving(e: object) -> None:
        out = e.data_out  # type: ignore[attr-defined]
        events.append((time.perf_counter() - started[0], out.objective_function_value, None))

    def interrupt(e: object) -> None:
        out = e.data_out  # type: ignore[attr-defined]
        events.append((time.perf_counter() - started[0], None, out.mip_dual_bound))

    if callbacks:
        h.cbMipImprovingSolution.subscribe(improving)
        h.cbMipInterrupt.subscribe(interrupt)
    cpu0 = time.process_time()
    started[0] = time.perf_counter()
    h.run()
    solve_s = time.perf_counter() - started[0]
    cpu_s = time.process_time() - cpu0
    model_status = h.getModelStatus()
    info = h.getInfo()
    status = {
        highspy.HighsModelStatus.kOptimal: "OPTIMAL",
        highspy.HighsModelStatus.kInfeasible: "INFEASIBLE",
    }.get(model_status, "UNKNOWN")
    values = objective = bound = None
    if info.primal_solution_status == highspy.SolutionStatus.kSolutionStatusFeasible:
        values = list(h.getSolution().col_value)
        objective = round(info.objective_function_value)
        bound = int(np.floor(info.mip_dual_bound + 1e-6))
        if status == "UNKNOWN":
            status = "FEASIBLE"
    first, gap1 = gap_times(events)
    if status == "OPTIMAL" and gap1 is None:
        gap1 = solve_s
    if first is None and values is not None and callbacks:
        first = solve_s
    times = SolveTimes(
        solver="highs",
        status=status,
        objective=objective,
        bound=bound,
        first_s=first,
        gap1_s=gap1,
        optimal_s=solve_s if status == "OPTIMAL" else None,
        solve_s=solve_s,
        build_s=build_s,
        cpu_s=cpu_s,
        extra={
            "columns": len(mip.names),
            "rows": len(mip.row_lower),
            "nodes": info.mip_node_count,
            "highs_status": h.modelStatusToString(model_status),
        },
    )
    return MipAnswer(times, values)

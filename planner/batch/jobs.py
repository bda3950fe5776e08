"""One athlete's solve: the job sent to a worker process, and the outcome it sends back."""

from __future__ import annotations

import os
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from datetime import time as time_of_day
from typing import Any, Protocol

from planner.batch.results import AthleteStatus, RuleConflict
from planner.catalog.catalog import Catalog
from planner.config.config import Config
from planner.plan.block import BlockResult
from planner.plan.week import Conflict, SolveResult

# Test hook: "ID:crash" makes that athlete's worker process die, "ID:hang" makes it hang.
FAULT_ENV = "PLANNER_BATCH_FAULT"


@dataclass(frozen=True)
class Job:
    """Everything a worker needs to solve one athlete; plain picklable data, no file paths."""

    athlete: str
    stem: str
    config: Config
    catalog: Catalog
    formats: tuple[str, ...]
    fingerprint: str
    calendar_start: date | None = None  # a week's ics: its first Monday (a block has dates)

    @property
    def kind(self) -> str:
        """ "block" for an athlete whose config has a [block] (a season to race day), else
        "week"."""
        return "week" if self.config.block is None else "block"


@dataclass(frozen=True)
class Outcome:
    """What a worker sends back: the result in numbers and the plan files' text."""

    status: AthleteStatus
    objective: int | None = None
    gap: float | None = None
    load: int | None = None
    sessions: int | None = None
    phases: tuple[str, ...] = ()  # a block's phase of each week, in order
    wall_time_s: float = 0.0
    solver_time_s: float = 0.0
    texts: dict[str, str] = field(default_factory=dict)  # format -> file content
    conflicts: tuple[RuleConflict, ...] = ()
    error: str = ""
    detail: str = ""  # a traceback, for the log only


class Runner(Protocol):
    """Where the per-athlete solves run: LocalRunner (processes.py) or DaskRunner (cluster.py).

    Both take the same jobs and run the same solve_job, so validation, resume, files and the
    summary do not depend on where the solves ran.
    """

    processes: int  # local processes used; 0 on a cluster

    def run(self, jobs: Sequence[Job], done: Callable[[Job, Outcome], None]) -> None:
        """Solve every job, calling done(job, outcome) in the calling thread as each ends."""


def solve_job(job: Job) -> Outcome:
    """Solve, check and render one athlete. Runs in a worker; never raises for a bad athlete."""
    _inject_fault(job.athlete)
    try:
        return _solve(job)
    except Exception as exc:  # a bug: keep the batch going and say where it happened
        return Outcome(
            AthleteStatus.ERROR,
            error=f"internal error: {type(exc).__name__}: {exc}",
            detail=traceback.format_exc(),
        )


def _solve(job: Job) -> Outcome:
    from planner.pipeline import plan_week

    if job.kind == "block":
        return _solve_block(job)
    result = plan_week(job.catalog, job.config)
    status, conflicts, numbers = _outcome_numbers(result)
    if result.violations:
        return Outcome(
            AthleteStatus.CHECK_FAILED,
            **numbers,
            error="internal error: the checker rejected the plan: " + "; ".join(result.violations),
        )
    if result.plan is None:
        return Outcome(
            status, **numbers, error=_no_plan_reason(status, job.config, conflicts, result.note)
        )
    texts = {
        fmt: plan_text(result, job.config, job.catalog, fmt, job.athlete, job.calendar_start)
        for fmt in job.formats
    }
    return Outcome(
        status, **numbers, load=result.plan.load, sessions=len(result.plan.sessions), texts=texts
    )


def _outcome_numbers(result: Any) -> tuple[AthleteStatus, tuple[Any, ...], dict[str, Any]]:
    """A week's or a block's result as an Outcome states it: its status, its conflicts and
    the numbers every outcome carries (the two results share these fields)."""
    conflicts = tuple(_conflict(c) for c in result.conflicts)
    numbers: dict[str, Any] = {
        "objective": result.objective,
        "gap": None if result.gap is None else round(result.gap, 6),
        "wall_time_s": round(result.wall_time_s, 3),
        "solver_time_s": result.solver_time_s,
        "conflicts": conflicts,
    }
    return AthleteStatus(str(result.status)), conflicts, numbers


def _solve_block(job: Job) -> Outcome:
    """The athlete's block, as `planner block` plans it, in every format asked for."""
    from planner.pipeline import plan_block
    from planner.report.block_render import render_block

    result = plan_block(job.catalog, job.config)
    status, conflicts, numbers = _outcome_numbers(result)
    if result.violations:
        return Outcome(
            AthleteStatus.CHECK_FAILED,
            **numbers,
            error="internal error: the checker rejected the block: " + "; ".join(result.violations),
        )
    if result.weeks is None:
        reason = _no_plan_reason(status, job.config, conflicts, result.note)
        return Outcome(status, **numbers, error=reason.replace("no plan", "no block", 1))
    texts = {
        fmt: _block_ics(result, job.config)
        if fmt == "ics"
        else render_block(result, job.config, job.catalog, fmt, False)
        for fmt in job.formats
    }
    first = result.weeks[0].plan
    return Outcome(
        status,
        **numbers,
        load=first.load,
        sessions=len(first.sessions),
        texts=texts,
        phases=tuple(w.setup.week.phase for w in result.weeks),
    )


def _stamp(day: date) -> datetime:
    """A calendar's DTSTAMP in a batch: its first day, not the clock, so that the same
    inputs give the same file (the events' ids, not their stamps, make an import update)."""
    return datetime.combine(day, time_of_day(0), UTC)


def _block_ics(result: BlockResult, config: Config) -> str:
    from planner.report.block_ics import block_ics

    assert config.block is not None
    return block_ics(result, config, time_of_day(18), None, _stamp(config.block.start))


def _conflict(conflict: Conflict) -> RuleConflict:
    """One conflicting rule as plain data: its advice, value and smallest fix when known."""
    return RuleConflict(
        conflict.rule, conflict.advice or conflict.message, conflict.value, conflict.fix
    )


def _no_plan_reason(
    status: AthleteStatus,
    config: Config,
    conflicts: tuple[RuleConflict, ...],
    note: str = "",
) -> str:
    """Short: summary.csv has a line per athlete; the batch adds where to make the change."""
    if status is AthleteStatus.INFEASIBLE:
        if conflicts:
            return f"no plan: {len(conflicts)} rules cannot all hold together"
        return "no plan satisfies the rules" + (f" ({note})" if note else "")
    if status is AthleteStatus.UNKNOWN:  # the note: it ran out before the solver started
        return note or (
            f"the time limit ({config.solver.time_limit:g} s) ran out before any plan was found"
        )
    return f"the solver returned {status}"


def plan_text(
    result: SolveResult,
    config: Config,
    catalog: Catalog,
    fmt: str,
    athlete: str,
    start: date | None = None,
) -> str:
    """A plan file: the renderer's output minus the wall time (summary.csv has it), its CSV
    rows carrying the athlete's roster id.

    Leaving the time out makes the files byte-identical for the same inputs, whatever the
    process count or machine load, so --jobs 1 and --jobs 8 can be compared with diff.
    """
    from planner.report.render import render

    if fmt == "ics" and result.plan is not None:
        from planner.report.ics import CalendarOptions, as_ics

        assert start is not None  # run_batch sets it when ics is asked for
        return as_ics(result, config, CalendarOptions(start), _stamp(start), athlete)
    return render(result, config, catalog, fmt, timing=False, athlete=athlete)


def _inject_fault(athlete: str) -> None:
    """Test hook (see FAULT_ENV): make this athlete's process die or hang, as a bug might."""
    for entry in filter(None, os.environ.get(FAULT_ENV, "").split(",")):
        target, _, fault = entry.rpartition(":")
        if target == athlete and fault == "crash":
            os._exit(70)
        if target == athlete and fault == "hang":
            time.sleep(3600)

"""How each athlete's entry ended, and what a whole batch did."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from planner.errors import Problem

SUMMARY_NAME = "summary.csv"
OVERVIEW_NAME = "overview.md"
# The team's files, built from every athlete's plan JSON (planner/batch/team_files.py).
INDEX_NAME = "index.html"
TEAM_CSV_NAME = "team.csv"
TEAM_XLSX_NAME = "team.xlsx"
TEAM_NAMES = (INDEX_NAME, TEAM_CSV_NAME, TEAM_XLSX_NAME)


class AthleteStatus(StrEnum):
    """How one athlete's batch entry ended: the solver's statuses plus the batch's own."""

    OPTIMAL = "OPTIMAL"
    FEASIBLE = "FEASIBLE"
    INFEASIBLE = "INFEASIBLE"
    UNKNOWN = "UNKNOWN"  # the time limit ran out before any plan was found
    MODEL_INVALID = "MODEL_INVALID"
    BAD_INPUT = "BAD_INPUT"  # the row or its config did not validate; nothing was solved
    CHECK_FAILED = "CHECK_FAILED"  # the independent checker rejected the solver's plan
    CRASHED = "CRASHED"  # the solver process died or hung and was killed
    ERROR = "ERROR"  # an unexpected exception (a bug); the traceback is logged
    NOT_WRITTEN = "NOT_WRITTEN"  # planned, but its files could not be written (a full disk)
    INTERRUPTED = "INTERRUPTED"  # the batch was stopped (Ctrl-C, SIGTERM) before its turn

    @property
    def has_plan(self) -> bool:
        return self in (AthleteStatus.OPTIMAL, AthleteStatus.FEASIBLE)

    @property
    def is_final(self) -> bool:
        """Re-solving unchanged inputs cannot change this answer, so --resume may skip it."""
        return self.has_plan or self is AthleteStatus.INFEASIBLE


@dataclass(frozen=True)
class RuleConflict:
    """One rule of an athlete's conflict: what the others need from it, and its smallest
    fix (None when no single value of it alone makes a plan possible). Plain JSON data."""

    rule: str
    advice: str
    value: Any = None
    fix: Any = None

    @property
    def change(self) -> float | None:
        """How far the fix moves the value, relative to it (0.5: by half); None: no fix."""
        if self.fix is None:
            return None
        old, new = _numbers(self.value), _numbers(self.fix)
        if old is None or new is None or len(old) != len(new):
            return None
        return sum(abs(a - b) for a, b in zip(old, new, strict=True)) / max(
            1.0, sum(abs(a) for a in old)
        )

    def as_json(self) -> list[Any]:
        return [self.rule, self.advice, self.value, self.fix]

    @classmethod
    def from_json(cls, data: Any) -> RuleConflict:
        rule, advice, value, fix = data  # a stored entry of another shape is a ValueError
        return cls(str(rule), str(advice), value, fix)


def _numbers(value: Any) -> list[float] | None:
    items = value if isinstance(value, list | tuple) else [value]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in items):
        return None
    return [float(v) for v in items]


def smallest_fix(conflicts: tuple[RuleConflict, ...]) -> RuleConflict | None:
    """The conflict whose own fix is the smallest change (the first such, in rule order)."""
    fixed = [c for c in conflicts if c.change is not None]
    return min(fixed, key=lambda c: c.change or 0.0) if fixed else None


@dataclass(frozen=True)
class AthleteResult:
    """One line of summary.csv."""

    athlete: str
    name: str
    line: int
    status: AthleteStatus
    objective: int | None = None
    gap: float | None = None
    load: int | None = None
    load_cap: int | None = None
    sessions: int | None = None
    wall_time_s: float | None = None
    solver_time_s: float | None = None
    conflicts: tuple[RuleConflict, ...] = ()
    error: str = ""
    files: tuple[str, ...] = ()
    resumed: bool = False
    warnings: tuple[str, ...] = ()
    group: str = ""  # the config the row builds on (its event group), as the roster names it
    notes: dict[str, str] = field(default_factory=dict)  # the coach's own columns
    planned: str = ""  # the date of the plan in `files`: today's, or an earlier, stale one
    stale: bool = False  # no plan now; `files` hold the last good one
    days: tuple[str, ...] = ()  # the session days of the plan in `files`
    kind: str = "week"  # or "block": the athlete's config has a [block] to race day

    @property
    def has_plan(self) -> bool:
        return self.status.has_plan


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    failed: int
    elapsed_s: float
    eta_s: float | None  # None until a first solve has finished


@dataclass(frozen=True)
class BatchSummary:
    """What run_batch did: one result per roster row, in roster order, and where it wrote."""

    roster: str
    out_dir: Path
    results: tuple[AthleteResult, ...]
    roster_warnings: tuple[Problem, ...]
    solved: int
    resumed: int
    processes: int  # local processes used; 0 on a Dask cluster
    wall_time_s: float
    interrupted: bool = False  # Ctrl-C or SIGTERM stopped it; see the INTERRUPTED athletes
    note_columns: tuple[str, ...] = ()  # the roster's own columns, in its order
    moved_aside: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (athlete off the roster, files)
    set_aside: tuple[tuple[str, str], ...] = ()  # (file edited by hand, where it was moved)
    team_files_error: str = ""  # why index.html, team.csv and team.xlsx were not written
    # Rows of the catalogs read that look like a slip (planner.catalog.catalog.typo_warnings).
    catalog_warnings: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return all(r.has_plan for r in self.results)

    @property
    def failed(self) -> tuple[AthleteResult, ...]:
        return tuple(r for r in self.results if not r.has_plan)

    def counts(self) -> dict[str, int]:
        return dict(Counter(str(r.status) for r in self.results).most_common())

    @property
    def summary_path(self) -> Path:
        return self.out_dir / SUMMARY_NAME

    @property
    def overview_path(self) -> Path:
        return self.out_dir / OVERVIEW_NAME


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM stopped the batch; summary.csv and overview.md say what finished."""

    def __init__(self, summary: BatchSummary):
        super().__init__("the batch was interrupted")
        self.summary = summary

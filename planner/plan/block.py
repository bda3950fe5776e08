"""A solved block as plain data: its weeks, each a week plan with its setup."""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.plan.week import Conflict, Plan, Status, outcome_line, relative_gap
from planner.training.week_setup import WeekSetup

# The one-model search stops once the block is within this share of its bound, and says so:
# the last points (a repeat in a taper week, a race-week exercise the block has not done)
# can take the rest of a minute to prove, or more (issue 21: "within 0.1 %").
BLOCK_GAP_LIMIT = 1e-3


@dataclass(frozen=True)
class PlannedWeek:
    setup: WeekSetup
    plan: Plan  # no sessions for a week without training
    # The phase's targets the week misses, and why (planner/block/shortfalls.py).
    missed: tuple[str, ...] = ()

    @property
    def volume(self) -> int:
        """The week's load as prescribed: catalog load times sets, summed."""
        return sum(p.exercise.load * p.sets for s in self.plan.sessions for p in s.exercises)


@dataclass(frozen=True)
class BlockResult:
    """What a block solve returned: a status always, the weeks when a block was found."""

    status: Status
    weeks: tuple[PlannedWeek, ...] | None
    objective: int | None
    best_bound: int | None
    wall_time_s: float
    seed: int
    workers: int
    ortools_version: str
    setups: tuple[WeekSetup, ...] = ()
    violations: tuple[str, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    note: str = ""
    solver_time_s: float = 0.0
    # Why a block is not proven optimal: "time limit", or "gap limit" when the search
    # stopped within BLOCK_GAP_LIMIT of the bound (not worth the wait).
    stopped: str = ""
    objective_terms: dict[str, int] = field(default_factory=dict)
    # Wall seconds of each step of the solve (planner/model/block/solve.py), in order:
    # where the time went when a block takes long (benchmarks/ reports them).
    step_s: dict[str, float] = field(default_factory=dict)

    @property
    def gap(self) -> float | None:
        return relative_gap(self.objective, self.best_bound)

    def summary(self) -> str:
        outcome = outcome_line(self.status, self.objective, self.gap, self.wall_time_s)
        return f"{len(self.setups)}-week block: {outcome}"

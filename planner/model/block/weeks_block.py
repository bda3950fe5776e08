"""The first block as it grows week by week (week_models.py): each week's plan, score,
solver and bound."""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from planner.model.block.context import WeekPart
from planner.model.block.seen_only import Held, SeenOnly
from planner.model.block.week_probe import Solved
from planner.model.block.windows import WeekValues, week_values


@dataclass
class WeeksBlock:
    """The block found week by week: per week its values (None without training), its score
    and its solver, and the bound on each week's score, by week (0-based)."""

    values: list[WeekValues | None]
    parts: list[WeekPart]
    solvers: list[cp_model.CpSolver | None]
    bounds: dict[int, int]
    solver_s: float = 0.0
    scores: dict[int, int] = field(default_factory=dict)
    # Taper weeks' best with only the exercises held before them (seen_only.py), by week
    # and what was held: the look-ahead's forecast, then the week's own cap.
    seen_only: dict[tuple[int, Held], SeenOnly | None] = field(default_factory=dict)
    ahead: int | None = None  # the week that looked ahead (look_ahead.py), once it has
    # Points each week after it may fall short of its cap and not be searched further: the
    # weeks share what the block may still fall short by once it has looked ahead.
    share: float | None = None

    @property
    def objective(self) -> int:
        return sum(self.scores.values())

    @property
    def bound(self) -> int:
        return sum(self.bounds.values())

    def head(self, weeks: int) -> WeeksBlock:
        """A copy of the block's first `weeks` weeks (its solver seconds all kept)."""
        kept = range(weeks)
        return WeeksBlock(
            self.values[:weeks],
            self.parts[:weeks],
            self.solvers[:weeks],
            {i: b for i, b in self.bounds.items() if i in kept},
            self.solver_s,
            {i: s for i, s in self.scores.items() if i in kept},
            dict(self.seen_only),
            self.ahead if self.ahead is not None and self.ahead < weeks else None,
            self.share if self.ahead is not None and self.ahead < weeks else None,
        )


def append_week(block: WeeksBlock, part: WeekPart, solved: Solved | None, bound: int = 0) -> None:
    i = len(block.parts)
    block.parts.append(part)
    block.values.append(None if solved is None else week_values(solved[0], part))
    block.solvers.append(None if solved is None else solved[0])
    if solved is not None:
        block.bounds[i] = bound
        block.scores[i] = solved[1]
        block.solver_s += solved[0].wall_time

"""A small row-by-row MIP builder for `highs_model.py`: integer columns with bounds, rows as
lower <= sum(coef * column) <= upper, kept as plain lists ready for highspy's addRows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from planner.catalog.catalog import Exercise

INF = float("inf")
Terms = dict[int, float]  # column -> coefficient


@dataclass
class Mip:
    """A maximisation MIP over integer columns (binary unless given another upper bound)."""

    days: tuple[str, ...] = ()
    exercises: tuple[Exercise, ...] = ()
    names: list[str] = field(default_factory=list)
    cost: list[float] = field(default_factory=list)
    col_upper: list[float] = field(default_factory=list)
    row_lower: list[float] = field(default_factory=list)
    row_upper: list[float] = field(default_factory=list)
    row_start: list[int] = field(default_factory=lambda: [0])
    row_index: list[int] = field(default_factory=list)
    row_value: list[float] = field(default_factory=list)
    row_names: list[str] = field(default_factory=list)
    does: dict[tuple[str, str], int] = field(default_factory=dict)
    trains_on: dict[str, int] = field(default_factory=dict)

    def column(self, name: str, cost: float = 0.0, upper: float = 1.0) -> int:
        self.names.append(name)
        self.cost.append(cost)
        self.col_upper.append(upper)
        return len(self.names) - 1

    def row(self, name: str, terms: Terms, lower: float = -INF, upper: float = INF) -> None:
        terms = {c: v for c, v in terms.items() if v}
        self.row_names.append(name)
        self.row_lower.append(lower)
        self.row_upper.append(upper)
        self.row_index.extend(terms)
        self.row_value.extend(terms.values())
        self.row_start.append(len(self.row_index))

    def on(
        self, day: str, members: Iterable[Exercise], weight: dict[str, int] | None = None
    ) -> Terms:
        """sum over `members` of weight * does[day, e] (weight 1 when not given)."""
        return {
            self.does[day, e.id]: float(weight[e.id] if weight else 1)
            for e in members
            if weight is None or weight[e.id]
        }

    def week(self, weight: dict[str, int]) -> Terms:
        """sum over the week's days and all exercises of weight * does."""
        out: Terms = {}
        for d in self.days:
            out.update(self.on(d, self.exercises, weight))
        return out

    def objective_of(self, values: list[float]) -> float:
        return float(np.dot(self.cost, values))


def add(a: Terms, b: Terms, factor: float = 1.0) -> Terms:
    """a + factor * b."""
    out = dict(a)
    for c, v in b.items():
        out[c] = out.get(c, 0.0) + factor * v
    return out

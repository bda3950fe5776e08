"""The time limit as one clock: reading the inputs, filtering the catalog and building the
model count against `--time-limit`, and the solver gets what is left of it.

A 67,000-row catalog once spent 94 s before the solver started under `--time-limit 5`.
Work before the solve checks the clock between its steps (`Deadline.check`); when the
limit has run out, OutOfTime ends it and the pipeline answers as a solve that ran out of
time would (no plan, exit 5), saying where the time went.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field


class OutOfTime(Exception):
    """The time limit ran out before the solver could start; `doing` is the step it was in."""

    def __init__(self, limit: float, spent: float, doing: str):
        super().__init__(f"{doing}: {spent:.2f} s of {limit:g} s")
        self.limit = limit
        self.spent = spent
        self.doing = doing

    @property
    def note(self) -> str:
        """What a user reads: where the time went and what to do."""
        return (
            f"the time limit ({self.limit:g} s) ran out before the solver could start: after "
            f"{self.spent:.1f} s, planner was still {self.doing} (reading the inputs and "
            "building the model count against the limit); raise --time-limit "
            "(or solver.time_limit) or use a smaller catalog"
        )


@dataclass(frozen=True)
class Deadline:
    """`limit` seconds from `started` (time.monotonic(); by default, now)."""

    limit: float
    started: float = field(default_factory=time.monotonic)

    def spent(self) -> float:
        return time.monotonic() - self.started

    def remaining(self) -> float:
        return self.limit - self.spent()

    def check(self, doing: str) -> None:
        """Raise OutOfTime when nothing is left of the limit; `doing` names the step."""
        spent = self.spent()
        if spent >= self.limit:
            raise OutOfTime(self.limit, spent, doing)

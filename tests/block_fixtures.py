"""Small blocks on the tiny catalog, solved and checked, for the block's tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from conftest import make_config, merge

from planner.block_check import check_block
from planner.block_plan import BlockResult
from planner.catalog import Catalog
from planner.config import Config
from planner.pipeline import plan_block
from planner.plan import Status

MONDAY = date(2027, 1, 4)
SUNDAY_OF_WEEK_3 = date(2027, 1, 24)

# One Monday session: one or two lower-body lifts, a core exercise; a strength goal with
# its dose (the second lift leaves room for the light legs a taper needs).
OPEN = {
    "session": {"lower": [1, 2], "core": [1, 1]},
    "athlete": {"goal": "strength", "level": "intermediate"},
    "goal": {"dose": 1, "eve_dose": 0},
}


def block_config(block: dict[str, Any], **sections: Any) -> Config:
    return make_config(block={"start": MONDAY, **block}, **merge(OPEN, sections))


def solve_block_ok(catalog: Catalog, config: Config) -> BlockResult:
    """Solved, proven optimal, and valid for the independent checker."""
    result = plan_block(catalog, config)
    assert result.status == Status.OPTIMAL, (result.summary(), result.conflicts, result.note)
    assert result.weeks is not None
    assert result.violations == ()
    assert check_block(result.weeks, catalog, config) == []
    return result


def ids(result: BlockResult, week: int, day: str = "mon") -> list[str]:
    assert result.weeks is not None
    plan = result.weeks[week - 1].plan
    return [p.exercise.id for s in plan.sessions if s.day == day for p in s.exercises]

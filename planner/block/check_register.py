"""The register of block checks: each verifies one block rule, under the rule's name."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.config.config import Config
    from planner.plan.block import PlannedWeek
    from planner.week.check import Violation

Weeks = Sequence["PlannedWeek"]
BlockCheck = Callable[[Weeks, "Config"], Iterator["Violation"]]

BLOCK_CHECKS: dict[str, BlockCheck] = {}


def verifies_block(check: BlockCheck) -> BlockCheck:
    """Register a block check under its name, which is the name of the rule it verifies."""
    BLOCK_CHECKS[check.__name__] = check
    return check

"""What the checker reads and reports: a week of exercises as the plan holds them, with
their prescriptions, one broken rule, and the register of checks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.catalog.catalog import Exercise
from planner.rulebook import BY_NAME
from planner.training.kit_defaults import KitDefaults

if TYPE_CHECKING:
    from planner.config.config import Config
    from planner.training.prescription import Dosed


@dataclass(frozen=True)
class Violation:
    rule: str  # the rulebook's name of the rule, as in model/rules.py
    message: str

    @property
    def keys(self) -> tuple[str, ...]:
        """The config keys of the broken rule (none for a plan that names no catalog row)."""
        found = BY_NAME.get(self.rule)
        return found.keys if found else ()

    def __str__(self) -> str:
        return f"{self.rule}: {self.message}"


class Week(dict[str, list[Exercise]]):
    """Each session day's catalog exercises; `prescribed` pairs them with the plan's own
    prescriptions (sets, reps, intensity, tempo), which the fatigue rules are judged by."""

    def __init__(self) -> None:
        super().__init__()
        self.prescribed: dict[str, list[tuple[Exercise, Dosed]]] = {}
        # The defaults the kit bends (planner/training/kit_defaults.py); check_plan sets it.
        self.kit = KitDefaults({}, soleus_low=None)


Check = Callable[[Week, "Config"], Iterator[Violation]]

# Every hard rule's check, by rule name (the rulebook's); check_plan runs them in its order.
CHECKS: dict[str, Check] = {}


def verifies(check: Check) -> Check:
    """Register a check under its name, which is the name of the rule it verifies."""
    CHECKS[check.__name__] = check
    return check

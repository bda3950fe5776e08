"""What a hard rule is, as data: its name, config keys, sense and words (planner/rulebook.py
lists the week's rules, planner/block_rulebook.py the block's)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planner.config.config import Config


class Sense(StrEnum):
    CAP = "cap"
    FLOOR = "floor"
    BAND = "band"
    FIXED = "fixed"


# What the rule asks for, in a coach's words: (config, key, value) -> sentence.
Says = Callable[["Config", str, Any], str]


@dataclass(frozen=True)
class Rule:
    name: str  # the function name in model/rules.py and check.py
    keys: tuple[str, ...]  # the rule groups (config keys) it enforces, one literal each
    sense: Sense
    says: Says
    # For caps and floors: the quantity a fix measures, e.g. "a weekly load"; `{part}`
    # stands for the last part of the key (a category or a core function).
    quantity: str = ""
    # False for rules built into the planner: their keys are names, not config settings.
    configurable: bool = True

    @property
    def key(self) -> str:
        """The rule's key, for rules with exactly one."""
        (only,) = self.keys
        return only

    def key_for(self, part: str) -> str:
        """The key of this rule for one category, core function or exclusion."""
        for key in self.keys:
            if key.rsplit(".", 1)[-1] == part or key == part:
                return key
        raise KeyError(f"{self.name} has no key for {part!r}")

    def quantity_of(self, key: str) -> str:
        return self.quantity.format(part=part_of(key).replace("_", "-"))


def part_of(key: str) -> str:
    """The last part of a rule key: the category, core function or exclusion it names."""
    return key.rsplit(".", 1)[-1]


def count_range(value: Any) -> str:
    """A [low, high] band as a coach writes it: "2-3", or "2" when both ends agree."""
    low, high = value
    return str(low) if low == high else f"{low}-{high}"

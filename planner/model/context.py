"""What a hard rule is added with: the model, its variables, the config, the rule being added
and, when explaining infeasibility, the enforcement literal of each rule key."""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from planner.catalog.catalog import Exercise
from planner.config.config import Config
from planner.deadline import Deadline
from planner.model.variables import Variables
from planner.rule_kinds import Rule


@dataclass
class RuleContext:
    model: cp_model.CpModel
    v: Variables
    config: Config
    guards: dict[str, cp_model.IntVar] | None = None  # rule key -> enforcement literal
    rule: Rule | None = None  # the rule being added
    deadline: Deadline | None = None  # the time limit, when building counts against it
    _by_family: dict[str, list[Exercise]] = field(default_factory=dict)

    def __setattr__(self, name: str, value: object) -> None:
        # Each rule family starts by naming itself (add_hard_rules): between two families is
        # where a model too large for the time limit stops being built (OutOfTime).
        if name == "rule" and value is not None and getattr(self, "deadline", None) is not None:
            assert self.deadline is not None
            self.deadline.check("adding the rules")
        super().__setattr__(name, value)

    def add(self, constraint: cp_model.Constraint, part: str | None = None) -> None:
        """Add a constraint of the current rule; `part` picks the key of a rule with several
        (a category, a core function, an exclusion key)."""
        assert self.rule is not None
        key = self.rule.key if part is None else self.rule.key_for(part)
        if self.guards is None:
            return
        if key not in self.guards:
            self.guards[key] = self.model.new_bool_var(f"enforce[{key}]")
        constraint.only_enforce_if(self.guards[key])

    def at_least(
        self, total: cp_model.LinearExprT, least: cp_model.LinearExprT, part: str | None = None
    ) -> None:
        """`total >= least` under the current rule's key (`part` picks one): a hard rule when
        the config wrote the key; when it comes from the goal profile, a target whose
        shortfall the objective puts above everything else (Variables.shortfalls) and the
        plan reports."""
        assert self.rule is not None
        key = self.rule.key if part is None else self.rule.key_for(part)
        if not self.config.defaulted(key):
            self.add(self.model.add(total >= least), part=part)
            return
        short = self.model.new_int_var(0, 100, f"short[{key},{len(self.v.shortfalls)}]")
        self.model.add(cp_model.LinearExpr.sum([total, short]) >= least)
        self.v.shortfalls.append((key, short))

    def defaulted(self, part: str) -> bool:
        """The current rule's key for `part` comes from the goal profile."""
        assert self.rule is not None
        return self.config.defaulted(self.rule.key_for(part))

    def families(self) -> dict[str, list[Exercise]]:
        if not self._by_family:
            for e in self.v.exercises:
                self._by_family.setdefault(e.family, []).append(e)
        return self._by_family

    def in_category(self, category: str) -> list[Exercise]:
        return [e for e in self.v.exercises if e.category == category]

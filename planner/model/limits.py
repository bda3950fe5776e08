"""Caps and floors stated once: the quantity a rule limits and the bound the config sets.

A numeric rule is declared with `@limit`: a function that lists the amounts of its quantity
(one per session, one per exercise, or one for the week) and the bounds that hold them. The
model enforces the rule from that declaration (`quantity <= cap`, `quantity >= floor`) and
the conflict search measures the same amounts to say how far a bound must move, so the two
can never drift apart. Rules without a number to move register with `@hard_rule`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from ortools.sat.python import cp_model

from planner.config.config import Config
from planner.model.context import RuleContext
from planner.model.variables import Variables

AddRule = Callable[[RuleContext], None]
Bound = Callable[[Config, str], int | None]
Side = Literal["min", "max"]  # "min": measure a cap's quantity, "max": a floor's


@dataclass(frozen=True)
class Amount:
    """One amount of a rule's quantity, e.g. one session's load.

    `part` names the rule key it answers to (a category, a core function; the key's last
    part), `when` is the literal that scales the bound (a session that takes place), and
    `per` is how many units of the quantity one unit of the bound allows (60 seconds a
    minute; an exercise's twins share one cap)."""

    part: str | None  # None for a rule with one key
    expr: cp_model.LinearExprT
    when: cp_model.IntVar | None = None
    per: int = 1
    floor_waived: bool = False  # the floor gives way here (the profile's jumps on an eve)


Amounts = Callable[[Variables, Config], Sequence[Amount]]


@dataclass(frozen=True)
class Limit:
    amounts: Amounts
    cap: Bound | None = None  # None: no most; a cap returning None is off for this config
    floor: Bound | None = None  # a floor returning 0 or None is off
    exact: bool = False  # the cap and the floor are one number, enforced as an equality
    target_when_defaulted: bool = False  # a floor the goal profile filled in is a target
    also: AddRule | None = None  # the rest of the rule, with no number to move

    def enforce(self, ctx: RuleContext) -> None:
        for amount in self.amounts(ctx.v, ctx.config):
            self._enforce_one(ctx, amount)
        if self.also is not None:
            self.also(ctx)

    def _enforce_one(self, ctx: RuleContext, a: Amount) -> None:
        least = self.floor(ctx.config, a.part or "") if self.floor and not a.floor_waived else None
        if self.exact:
            ctx.add(ctx.model.add(a.expr == _scaled(least or 0, a)), part=a.part)
            return
        most = self.cap(ctx.config, a.part or "") if self.cap else None
        if least is not None and most is not None and a.when is None:
            # a band on one amount: one constraint, both sides
            low, high = least * a.per, most * a.per
            ctx.add(ctx.model.add_linear_constraint(a.expr, low, high), part=a.part)
            return
        if least:
            if self.target_when_defaulted:
                ctx.at_least(a.expr, _scaled(least, a), a.part)
            else:
                ctx.add(ctx.model.add(a.expr >= _scaled(least, a)), part=a.part)
        if most is not None:
            ctx.add(ctx.model.add(a.expr <= _scaled(most, a)), part=a.part)

    def measure(
        self, model: cp_model.CpModel, v: Variables, config: Config, part: str, side: Side
    ) -> cp_model.LinearExprT:
        """The quantity, in the bound's units, to minimise (a cap, "min": the least bound any
        plan needs) or maximise (a floor, "max": the most any plan reaches)."""
        amounts = [a for a in self.amounts(v, config) if a.part in (part, None)]
        if side == "max":
            amounts = [a for a in amounts if not a.floor_waived]
        if len(amounts) == 1 and amounts[0].per == 1 and amounts[0].when is None:
            return amounts[0].expr
        bound = model.new_int_var(-10_000, 10_000, f"{side}[{part}]")
        for a in amounts:
            if side == "min":
                model.add(a.per * bound >= a.expr)
            else:
                fits = model.add(a.per * bound <= a.expr)
                if a.when is not None:
                    fits.only_enforce_if(a.when)
        return bound


def _scaled(bound: int, a: Amount) -> cp_model.LinearExprT:
    value = bound * a.per
    return value * a.when if a.when is not None else value


# Every hard rule's adder and every numeric rule's declaration, by rule name; the rulebook
# gives the order they are added in.
ADDERS: dict[str, AddRule] = {}
LIMITS: dict[str, Limit] = {}


def hard_rule(add: AddRule) -> AddRule:
    """Register a rule with no number to move (or one stated by hand), under its name."""
    ADDERS[add.__name__] = add
    return add


def limit(
    cap: Bound | None = None,
    floor: Bound | None = None,
    *,
    exact: bool = False,
    target_when_defaulted: bool = False,
    also: AddRule | None = None,
) -> Callable[[Amounts], Amounts]:
    """Declare a cap, floor or band: the decorated function lists the amounts it holds."""

    def register(amounts: Amounts) -> Amounts:
        declared = Limit(amounts, cap, floor, exact, target_when_defaulted, also)
        LIMITS[amounts.__name__] = declared
        ADDERS[amounts.__name__] = declared.enforce
        return amounts

    return register

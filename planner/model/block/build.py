"""The block as one CP-SAT model: a full week model per week, linked by the block's rules,
so the optimum is over the whole block (the sum of the weeks' objectives)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.catalog.catalog import Catalog
from planner.config.config import Config
from planner.model.block.context import BlockContext, WeekPart
from planner.model.block.rules import link_week
from planner.model.context import RuleContext
from planner.model.objective import week_terms
from planner.model.rules import add_hard_rules
from planner.model.variables import Variables
from planner.training.eligibility import eligible_exercises
from planner.training.kit_defaults import kit_defaults
from planner.training.week_setup import WeekSetup


@dataclass
class BlockModel:
    model: cp_model.CpModel
    weeks: list[WeekPart]
    guards: dict[str, cp_model.IntVar] | None
    config: Config | None = None  # the block's own (each week's is in its part)


class BlockBuilder:
    """A block model grown a week at a time; after each week the model is that far of the
    block, every rule in place."""

    def __init__(
        self,
        catalog: Catalog,
        config: Config,
        total: int,
        *,
        with_objective: bool = True,
        guarded: bool = False,
        only: frozenset[str] | None = None,
    ) -> None:
        self.model = cp_model.CpModel()
        self.only = only  # the block rules to link by (names), or all of them
        self.config = config
        self.with_objective = with_objective
        self.chosen = eligible_exercises(catalog, config)
        self.ctx = BlockContext(self.model, [], config, total, {} if guarded else None)

    def add_week(self, setup: WeekSetup) -> WeekPart:
        if setup.rests:
            part = WeekPart(setup, None)
        else:
            keep = frozenset(self.config.include.exercises)
            v = Variables.create(
                self.model,
                setup.days,
                self.chosen,
                merge_twins=True,
                keep=keep,
                prefix=f"w{setup.week.number}.",
                kit=kit_defaults(setup.config, self.chosen),
            )
            if setup.over:  # as it happened (planner/replan fixes it): no day to plan
                for (day, _), does in v.does.items():
                    self.model.add_implication(does, v.trains_on[day])
            else:
                add_hard_rules(RuleContext(self.model, v, setup.config))
            terms = week_terms(self.model, v, setup.config) if self.with_objective else []
            part = WeekPart(setup, v, terms)
        self.ctx.weeks.append(part)
        link_week(self.ctx, len(self.ctx.weeks) - 1, self.only)
        return part

    def finish(self) -> BlockModel:
        parts = self.ctx.weeks
        if self.with_objective:
            self.model.maximize(sum(t.weight * t.expression for p in parts for t in p.terms))
        return BlockModel(self.model, parts, self.ctx.guards, self.config)


def build_block_model(
    catalog: Catalog,
    config: Config,
    setups: Sequence[WeekSetup],
    *,
    with_objective: bool = True,
    guarded: bool = False,
) -> BlockModel:
    """One model for the block; `guarded` puts each block rule behind a literal (explain)."""
    builder = BlockBuilder(
        catalog, config, len(setups), with_objective=with_objective, guarded=guarded
    )
    for setup in setups:
        builder.add_week(setup)
    return builder.finish()

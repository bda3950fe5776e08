"""The block as one CP-SAT model: a full week model per week, linked by the block's rules,
so the optimum is over the whole block (the sum of the weeks' objectives)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model
from ortools.util.python.sorted_interval_list import Domain

from planner.block_setup import WeekSetup
from planner.catalog import Catalog
from planner.config import Config
from planner.eligibility import eligible_exercises
from planner.model.block_rules import BlockContext, WeekPart, add_block_rules
from planner.model.objective import week_terms
from planner.model.rules import RuleContext, add_hard_rules
from planner.model.variables import Variables


@dataclass
class BlockModel:
    model: cp_model.CpModel
    weeks: list[WeekPart]
    guards: dict[str, cp_model.IntVar] | None


def build_block_model(
    catalog: Catalog,
    config: Config,
    setups: Sequence[WeekSetup],
    *,
    with_objective: bool = True,
    guarded: bool = False,
    objective_weeks: set[int] | None = None,
    fixed: Sequence[dict[tuple[str, str], int] | None] = (),
) -> BlockModel:
    """One model for the block; `guarded` puts each block rule behind a literal (explain);
    `objective_weeks` (0-based) keeps only those weeks' terms in the objective.

    `fixed` holds the does[day, exercise] values of the first weeks (week_by_week): those
    weeks are fixed to them and get no rules or terms of their own, week or block, which
    their values met when they were solved; the block's rules still link the weeks after
    them to them. Building every fixed week's rules again made week by week quadratic.
    """
    model = cp_model.CpModel()
    chosen = eligible_exercises(catalog, config)
    keep = frozenset(config.include.exercises)
    parts: list[WeekPart] = []
    for setup in setups:
        if setup.rests:
            parts.append(WeekPart(setup, None))
            continue
        v = Variables.create(
            model, setup.days, chosen, merge_twins=True, keep=keep, prefix=f"w{setup.week.number}."
        )
        if len(parts) < len(fixed):
            _fix(v, fixed[len(parts)])
            parts.append(WeekPart(setup, v, fixed=True))
            continue
        add_hard_rules(RuleContext(model, v, setup.config))
        scored = objective_weeks is None or len(parts) in objective_weeks
        terms = week_terms(model, v, setup.config) if with_objective and scored else []
        parts.append(WeekPart(setup, v, terms))
    ctx = BlockContext(model, parts, config, guards={} if guarded else None)
    add_block_rules(ctx)
    if with_objective:
        model.maximize(sum(t.weight * t.expression for part in parts for t in part.terms))
    return BlockModel(model, parts, ctx.guards)


def _fix(v: Variables, values: dict[tuple[str, str], int] | None) -> None:
    """Fix a week's variables to a solved week's values (none: the week holds nothing)."""
    for key, var in v.does.items():
        var.with_domain(Domain.from_values([values[key] if values else 0]))
    for day, var in v.trains_on.items():
        trains = any(values[day, e.id] for e in v.exercises) if values else False
        var.with_domain(Domain.from_values([int(trains)]))

"""A re-plan of a week or a block, solved and rendered, as the command line reports it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from typing import Any

from planner.formats import FORMATS
from planner.replan.edits import Edits
from planner.replan.plan_file import PlanFile
from planner.replan.steer import Hold
from planner.report.explain import conflict_lines


@dataclass(frozen=True)
class Run:
    status: str
    has_plan: bool
    violations: tuple[str, ...]
    summary: str
    conflicts: tuple[str, ...]  # the conflict in words, one line each
    text: str


def run_week(plan_file: PlanFile, edits: Edits, fmt: str, calendar: Any) -> Run:
    from planner.plan.week import Plan
    from planner.replan.ics import replan_ics
    from planner.replan.pipeline import replan_week
    from planner.replan.render import render_replan

    replanned = replan_week(plan_file, edits)
    result, config = replanned.result, plan_file.config
    if calendar is not None and result.plan is not None:
        planned = {d: list(ids) for d, ids in plan_file.week_sessions().items()}
        old = Plan.from_ids(plan_file.catalog, config.profile, planned)
        text = replan_ics(old, result.plan, config, calendar)
    else:
        text = render_replan(replanned, plan_file.catalog, fmt if fmt in FORMATS else "table")
    return Run(
        str(result.status),
        result.plan is not None,
        result.violations,
        _summary(result.summary(), replanned.changed_slots),
        tuple(conflict_lines(result.conflicts, replanned.config)),
        text,
    )


def run_block(
    plan_file: PlanFile,
    edits: Edits,
    holds: tuple[Hold, ...],
    fmt: str,
    clock: tuple[time, str | None] | None,
) -> Run:
    from planner.replan.block_pipeline import replan_block
    from planner.replan.block_render import render_block_replan

    replanned = replan_block(plan_file, edits, holds)
    result, config = replanned.result, plan_file.config
    text = render_block_replan(replanned, config, plan_file.catalog, fmt, clock)
    return Run(
        str(result.status),
        result.weeks is not None,
        result.violations,
        _summary(
            f"{result.summary()}, from week {replanned.replan.first + 1}", replanned.changed_slots
        ),
        tuple(conflict_lines(result.conflicts, config)),
        text,
    )


def _summary(outcome: str, changed: int | None) -> str:
    """The outcome line, with the changed slots when there is a re-plan to count them in."""
    return outcome if changed is None else f"{outcome}, {changed} changed slots"

"""The one way a block is re-planned: the dated edits and the log's holds set the weeks up,
the block is solved with the fewest changed slots, the independent block checker verifies
every weekly and block rule, and the changes are said by date."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from planner.plan.block import BlockResult
from planner.plan.week import Status
from planner.replan.block_setup import BlockReplan, block_replan
from planner.replan.check import replan_violations
from planner.replan.edits import Edits
from planner.replan.plan_file import PlanFile
from planner.replan.slots import DayChange, changed_slots, day_changes
from planner.replan.steer import Hold, LoggedDay, holds_from_log, prescribed_rpe


@dataclass(frozen=True)
class BlockReplanResult:
    result: BlockResult
    replan: BlockReplan
    changes: tuple[DayChange, ...]
    changed_slots: int | None
    notes: tuple[str, ...]
    edits: Edits
    optimal_over: str = "the whole block"  # what the solve proved optimal: the weeks re-planned


def replan_block(
    plan_file: PlanFile,
    edits: Edits,
    holds: tuple[Hold, ...] = (),
    parameters: dict[str, Any] | None = None,
) -> BlockReplanResult:
    from planner.block.check import check_block
    from planner.replan.block_model import solve_block_replan

    config, catalog = plan_file.config, plan_file.catalog
    old = plan_file.dated_sessions()
    carried = [w.get("setup") for w in plan_file.data["weeks"]]
    replan = block_replan(config, old, edits, holds, carried, catalog)
    solved = solve_block_replan(catalog, config, replan, parameters)
    result = solved.result
    if result.status == Status.INFEASIBLE:
        from planner.block.explain import explain_block_conflict

        report = explain_block_conflict(catalog, config, replan.setups, config.solver.time_limit)
        note = report.note or (
            "no block from the first re-planned week on keeps every rule with the sessions "
            "already done; each rule holds on its own"
        )
        result = replace(result, conflicts=report.conflicts, note=note)
    if result.weeks is None:
        return BlockReplanResult(result, replan, (), None, replan.notes, edits)
    violations = [str(v) for v in check_block(result.weeks, catalog, config)]
    for i, planned in enumerate(result.weeks):
        ids = {d: tuple(i) for d, i in planned.plan.ids().items()}
        for problem in replan_violations(ids, replan.fixed[i], replan.closed[i]):
            violations.append(f"week {i + 1}: {problem}")
    from planner.block.shortfalls import with_week_notes  # OR-Tools: only when re-planning

    result = with_week_notes(result, catalog)
    assert result.weeks is not None
    weeks = result.weeks
    result = replace(result, violations=tuple(violations))
    new = {
        planned.setup.week.date_of(day).isoformat(): ids
        for planned in weeks
        for day, ids in planned.plan.ids().items()
    }
    notes = (*replan.notes, _scope(replan, solved.narrow))
    dates = sorted({*old, *new})
    changes = day_changes(old, new, dates)
    for change in changes:
        change.why = edits.reason(change.day)
    # What the solve was optimal over: the weeks with news, or every week from the first.
    first = min(replan.free) + 1 if solved.narrow else replan.first + 1
    last = max(replan.free) + 1 if solved.narrow else len(replan.setups)
    over = f"weeks {first}-{last}" if last > first else f"week {first}"
    return BlockReplanResult(
        result, replan, tuple(changes), changed_slots(old, new), notes, edits, over
    )


def _scope(replan: BlockReplan, narrow: bool) -> str:
    weeks = ", ".join(str(i + 1) for i in sorted(replan.free))
    if narrow:
        return (
            f"re-planned week(s) {weeks}; the other weeks from week {replan.first + 1} on stay as "
            "they were (they still keep every rule), so the optimum is over these weeks"
        )
    return (
        f"no block that changes only week(s) {weeks} keeps every rule, so every week from "
        f"week {replan.first + 1} on was re-planned"
    )


def log_holds(plan_file: PlanFile, logged: list[tuple[str, str, float | None]]) -> list[Hold]:
    """Holds from the log's (date, outcome, rpe) entries for a block plan."""
    config = plan_file.config
    assert config.block is not None
    start = config.block.start
    intensities: dict[str, list[str]] = {}
    names: dict[str, tuple[str, ...]] = {}
    per_week: dict[int, int] = {}
    for week in plan_file.data["weeks"]:
        for day in week["days"]:
            intensities[day["date"]] = [e["intensity"] for e in day["exercises"]]
            names[day["date"]] = tuple(e["name"] for e in day["exercises"])
            per_week[week["week"]] = per_week.get(week["week"], 0) + 1
    days = [
        LoggedDay(
            (date.fromisoformat(when) - start).days // 7 + 1,
            outcome,
            rpe,
            prescribed_rpe(intensities.get(when, [])),
            names.get(when, ()),
        )
        for when, outcome, rpe in logged
    ]
    return holds_from_log(days, per_week)

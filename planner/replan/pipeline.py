"""The one way a week is re-planned: read the edits against the plan, solve with the fewest
changed slots, verify with the independent checker, and say what changed and why."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from planner.config.config import Config
from planner.plan.week import Plan, SolveResult, Status
from planner.replan.check import replan_violations
from planner.replan.edits import Edits, check_edits
from planner.replan.plan_file import PlanFile
from planner.replan.setup import WeekReplan, week_replan
from planner.replan.slots import DayChange, changed_slots, day_changes
from planner.vocabulary import DAYS
from planner.week.check import check_plan
from planner.week.shortfalls import missed_in


@dataclass(frozen=True)
class WeekReplanResult:
    result: SolveResult  # the re-planned week, as a solve's result
    replan: WeekReplan
    config: Config  # the re-planned week's rules (its days and session count)
    changes: tuple[DayChange, ...]
    changed_slots: int | None  # against the old plan
    notes: tuple[str, ...]


def replan_week(
    plan_file: PlanFile, edits: Edits, parameters: dict[str, Any] | None = None
) -> WeekReplanResult:
    from planner.replan.week_model import solve_replan  # OR-Tools loads only for a solve

    old = plan_file.week_sessions()
    check_edits(edits, old, DAYS)
    replan = week_replan(plan_file.config, old, edits)
    if not replan.open_days:
        return _as_it_happened(plan_file, replan)
    solved = solve_replan(plan_file.catalog, replan, parameters)
    result, config = solved.result, solved.config
    if result.status == Status.INFEASIBLE:
        result = _explained(plan_file, replan, result)
    if result.plan is None:
        return WeekReplanResult(result, replan, config, (), None, _notes(replan, None, config))
    new = {d: tuple(ids) for d, ids in result.plan.ids().items()}
    closed = [d for d in DAYS if d not in config.week.available_days]
    violations = [str(v) for v in check_plan(result.plan, plan_file.catalog, config)]
    violations += replan_violations(new, replan.fixed, closed)
    result = _with(result, violations)
    # what the re-planned week misses of its goal's targets, as a solve says it
    result = replace(result, missed=missed_in(result, plan_file.catalog, config))
    changes = day_changes(old, new)
    for change in changes:
        change.why = edits.reason(change.day)
    return WeekReplanResult(
        result, replan, config, tuple(changes), changed_slots(old, new), _notes(replan, new, config)
    )


def _as_it_happened(plan_file: PlanFile, replan: WeekReplan) -> WeekReplanResult:
    """No day is left to plan: the week stands as it happened, done sessions and missed
    ones. A weekly rule it breaks so is said, not refused: nothing is left to change (a
    block's week over so stands the same way)."""
    from planner.model.build import ORTOOLS_VERSION
    from planner.model.objective import scored_terms

    catalog, fixed = plan_file.catalog, replan.fixed
    config = replan.config.reshaped(sessions=len(fixed)) if fixed else replan.config
    days = {d: list(fixed[d]) for d in DAYS if d in fixed}
    plan = Plan.from_ids(catalog, config.profile, days)
    terms = scored_terms({d: [catalog[i] for i in ids] for d, ids in days.items()}, catalog, config)
    value = sum(terms.values())
    solver = config.solver
    result = SolveResult(Status.OPTIMAL, plan, value, value, 0.0, solver.seed, solver.workers,
                         ORTOOLS_VERSION, objective_terms=terms)  # fmt: skip
    result = replace(result, missed=missed_in(result, catalog, config))
    new = {d: tuple(ids) for d, ids in days.items()}
    changes = day_changes(replan.old, new)
    for change in changes:
        change.why = replan.edits.reason(change.day)
    broken = [
        f"as it happened, the week breaks a rule it was planned under: {v}"
        for v in check_plan(plan, catalog, config)
    ]
    notes = (
        "no day is left to plan, so the week stands as it happened",
        *_notes(replan, None, config),  # the done sessions assumed; no count to explain
        *broken,
    )
    return WeekReplanResult(
        result, replan, config, tuple(changes), changed_slots(replan.old, new), notes
    )


def _with(result: SolveResult, violations: list[str]) -> SolveResult:
    return replace(result, violations=tuple(violations))


def _explained(plan_file: PlanFile, replan: WeekReplan, result: SolveResult) -> SolveResult:
    """Why no week keeps every rule: the rules that conflict over the days left, as `solve`
    explains them; else the sessions already done are what leaves no room."""
    from planner.week.explain import explain_conflict

    config = replan.config
    report = explain_conflict(
        plan_file.catalog, config, config.solver.time_limit, proven_infeasible=True
    )
    if report.conflicts or report.note:
        return replace(result, conflicts=report.conflicts, note=report.note)
    fixed = ", ".join(replan.fixed) or "none"
    return replace(
        result,
        note=f"the sessions already done ({fixed}) leave no week over the days left "
        f"({', '.join(replan.open_days) or 'none'}) that keeps every rule; each rule holds on "
        "its own, so the done sessions' exercises are what the rest of the week cannot "
        "balance (a weekly minimum or cap, or a family on consecutive days)",
    )


def _notes(
    replan: WeekReplan, new: dict[str, tuple[str, ...]] | None, config: Config
) -> tuple[str, ...]:
    notes: list[str] = []
    for day in replan.assumed_done:
        notes.append(
            f"{day}: before the last day logged and not logged, so kept as planned (log it "
            "missed if it was)"
        )
    if new is None:
        return tuple(notes)
    for origin, target in replan.edits.moves:
        if target not in new:
            notes.append(
                f"the {origin} session could not go to {target} under the week's rules; "
                "it went where the rules allow"
            )
    if len(new) < replan.planned_sessions:
        left = ", ".join(replan.open_days) or "none"
        notes.append(
            f"{len(new)} of {replan.planned_sessions} sessions: the days left ({left}) have "
            "room for no more under the week's rules, so missed work is dropped, not crammed in"
        )
    elif replan.edits.missed:
        notes.append(
            f"missed work moved: the week keeps its {len(new)} sessions ({', '.join(new)})"
        )
    return tuple(notes)

"""One entry of the log, checked against its plan before it is written."""

from __future__ import annotations

from pathlib import Path

from planner.errors import PlannerError, Problem
from planner.replan.edits import date_text, weekday
from planner.replan.plan_file import PlanFile, read_plan_file
from planner.training_log.store import open_log, record

OUTCOMES = ("done", "missed", "moved:TO")


def log_session(
    db_path: Path, plan_path: Path, day: str, what: str, rpe: float | None, note: str | None
) -> str:
    """Record it and say what was recorded."""
    plan_file = read_plan_file(plan_path)
    sessions = plan_file.dated_sessions() if plan_file.is_block else plan_file.week_sessions()
    slot = _day(plan_file, day, "DAY")
    if slot not in sessions:
        planned = ", ".join(sessions) or "none"
        raise PlannerError(
            [Problem(str(plan_path), f"{slot} has no session in the plan (sessions: {planned})")]
        )
    outcome, _, target = what.strip().lower().partition(":")
    if outcome not in ("done", "missed", "moved") or (outcome == "moved") != bool(target):
        raise PlannerError(
            [Problem("planner log", f"{what!r} is not one of {', '.join(OUTCOMES)}")]
        )
    moved_to = _day(plan_file, target, "moved:TO") if target else None
    if rpe is not None and outcome != "done":
        raise PlannerError([Problem("planner log", "--rpe is for a session done")])
    names = [plan_file.catalog[i].name if i in plan_file.catalog else i for i in sessions[slot]]
    athlete = str(plan_file.config.athlete.name)
    kind = "block" if plan_file.is_block else "week"
    with open_log(db_path, create=True) as db:
        replaced = record(
            db,
            (plan_file.sha256, str(plan_path), athlete, kind),
            (slot, outcome, moved_to, rpe, note, ", ".join(names)),
        )
    said = f"{outcome} to {moved_to}" if moved_to else outcome
    feel = f" at RPE {rpe:g}" if rpe is not None else ""
    again = " (replaced the earlier entry for that day)" if replaced else ""
    return f"logged {athlete}'s {slot} session {said}{feel} in {db_path}{again}"


def _day(plan_file: PlanFile, text: str, option: str) -> str:
    if not plan_file.is_block:
        return weekday(text, option, "planner log")
    return date_text(text, option, "planner log")

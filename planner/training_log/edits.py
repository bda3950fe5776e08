"""The log's entries for one plan as a re-plan's edits (planner replan --db)."""

from __future__ import annotations

from pathlib import Path

from planner.replan.block_pipeline import log_holds
from planner.replan.edits import Edits
from planner.replan.plan_file import PlanFile
from planner.replan.steer import Hold
from planner.training_log.store import Entry, entries, open_log


def logged_entries(db_path: Path, plan_file: PlanFile) -> list[Entry]:
    with open_log(db_path, create=False) as db:
        return entries(db, sha256=plan_file.sha256)


def logged_edits(db_path: Path, plan_file: PlanFile) -> Edits:
    """Done, missed and moved sessions as the log has them for this plan."""
    logged = logged_entries(db_path, plan_file)
    return Edits(
        done=tuple(e.day for e in logged if e.outcome == "done"),
        missed=tuple(e.day for e in logged if e.outcome == "missed"),
        moves=tuple((e.day, e.moved_to) for e in logged if e.outcome == "moved" and e.moved_to),
    )


def logged_holds(db_path: Path, plan_file: PlanFile) -> tuple[Hold, ...]:
    """The weeks of a block whose step the next week repeats, from the log (steer.py)."""
    logged = [(e.day, e.outcome, e.rpe) for e in logged_entries(db_path, plan_file)]
    return tuple(log_holds(plan_file, logged))

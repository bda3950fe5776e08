"""The log's entries for one plan as a re-plan's edits (planner replan --db)."""

from __future__ import annotations

from pathlib import Path

from planner.replan.block_pipeline import log_holds
from planner.replan.edits import Edits
from planner.replan.plan_file import PlanFile
from planner.replan.steer import Hold, prescribed_rpe
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


def hard_days_of_a_week(db_path: Path, plan_file: PlanFile) -> list[str]:
    """A week plan's sessions the log has at 1 RPE or more above what they prescribe: for a
    block that holds the next week's step; a week plan has no next week, so it is said."""
    intensities = {
        day["day"]: [str(e.get("intensity") or "") for e in day["exercises"]]
        for day in plan_file.data["days"]
    }
    said = []
    for entry in logged_entries(db_path, plan_file):
        prescribed = prescribed_rpe(intensities.get(entry.day, []))
        hard = entry.rpe is not None and prescribed is not None and entry.rpe >= prescribed + 1
        if entry.outcome == "done" and hard:
            said.append(
                f"{entry.day} was logged at RPE {entry.rpe:g} against {prescribed:g} "
                "prescribed: a week plan has no next week to hold, so keep next week's loads "
                "as they are (a block holds its next step so)"
            )
    return said

"""The log as a table: what was planned and what happened."""

from __future__ import annotations

from pathlib import Path

from planner.replan.plan_file import read_plan_file
from planner.report.table import table
from planner.training_log.store import Entry, entries, open_log
from planner.vocabulary import DAYS


def show_log(db_path: Path, plan_path: Path | None, athlete: str | None) -> str:
    sha = None if plan_path is None else read_plan_file(plan_path).sha256
    with open_log(db_path, create=False) as db:
        found = entries(db, sha256=sha, athlete=athlete)
    if not found:
        who = f" for {athlete}" if athlete else ""
        return f"no entries{who} in {db_path}\n"
    found.sort(key=_order)
    header = ["athlete", "plan", "day", "happened", "rpe", "note", "planned"]
    rows = [
        [e.athlete, e.plan, e.day, _happened(e), "" if e.rpe is None else f"{e.rpe:g}",
         e.note or "", e.planned]
        for e in found
    ]  # fmt: skip
    return "\n".join(table(header, rows)) + "\n"


def _order(entry: Entry) -> tuple[str, str, int, str]:
    rank = DAYS.index(entry.day) if entry.day in DAYS else -1
    return (entry.athlete, entry.plan, rank, entry.day)


def _happened(entry: Entry) -> str:
    return f"moved to {entry.moved_to}" if entry.outcome == "moved" else entry.outcome

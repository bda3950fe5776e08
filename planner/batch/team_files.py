"""The team's files: index.html (the week at a glance, everyone's status, the summary),
team.csv (every athlete's plan rows, stacked) and team.xlsx (the summary and a sheet per
athlete).

They are built from each athlete's plan JSON, which a batch always writes: a plan solved in
this run, one unchanged since the last and a stale one kept from an earlier run read alike.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
from dataclasses import dataclass, replace
from datetime import datetime, time
from pathlib import Path
from typing import Any

from planner.batch.history import today
from planner.batch.report import SUMMARY_COLUMNS, plan_state, summary_table
from planner.batch.results import (
    INDEX_NAME,
    TEAM_CSV_NAME,
    TEAM_XLSX_NAME,
    AthleteResult,
    BatchSummary,
)
from planner.bounded import loads_json
from planner.errors import PlannerError
from planner.files import read_input
from planner.report.cells import csv_cell
from planner.report.team_html import Member, team_index
from planner.report.week import PLAN_COLUMNS, WeekGlance, glance, plan_rows
from planner.report.xlsx import Sheet, sheet_names, workbook
from planner.writes import write_all

log = logging.getLogger(__name__)

# The file an athlete's name links to, best first: the page, the handout, the data.
_REPORT_ORDER = (".plan.html", ".plan.md", ".plan.txt", ".plan.json")
_SUMMARY_SHEET = "Summary"
_OFF_PAGE = {"files", "wall_time_s", "resumed"}


@dataclass(frozen=True)
class TeamPlan:
    """An athlete's plan as the team files show it."""

    week: WeekGlance
    rows: list[list[Any]]  # the plan CSV's rows, the athlete column first
    phases: tuple[tuple[int, str, str], ...] = ()  # a block's (week, phase, kind) of each week
    shown: int = 0  # the block's week shown: this week's, else the first (0: a week plan)
    starts: str = ""  # a block that has not begun: its first day, as the page says it


def team_plans(out: Path, results: tuple[AthleteResult, ...]) -> dict[str, TeamPlan]:
    """Each athlete's plan, read from the plan JSON among their files. A JSON that is not a
    plan (edited by hand, or from an older planner) is left out with a warning in the log."""
    plans = {}
    for r in results:
        name = next((f for f in r.files if f.endswith(".plan.json")), None)
        if not r.athlete or name is None:
            continue
        try:
            _, text = read_input(out / name, "plan JSON", "plan JSON", PlannerError, "")
            data = loads_json(text)
            plans[r.athlete] = _team_plan(r.athlete, data)
        except (PlannerError, OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            log.warning("%s: not a plan (%s: %s); left out of the team files", name,
                        type(exc).__name__, exc)  # fmt: skip
    return plans


def _team_plan(athlete: str, data: dict[str, Any]) -> TeamPlan:
    """A week's plan as it is; a block by the week it is in today (before it starts, its
    first week; after the race, its last), with every week's phase."""
    if "weeks" not in data:
        return TeamPlan(glance(data), plan_rows(athlete, data["days"]))
    weeks = data["weeks"]
    now = today().isoformat()
    shown = next(
        (w for w in reversed(weeks) if str(w["start"]) <= now), weeks[0]
    )  # ISO dates sort as dates
    week = {**data, "days": shown["days"], "load": shown["load"]}
    phases = tuple((int(w["week"]), str(w["phase"]), str(w["kind"])) for w in weeks)
    rows = [row for w in weeks for row in plan_rows(athlete, w["days"])]
    first = str(weeks[0]["start"])
    starts = dt.date.fromisoformat(first).strftime("%a %d %b %Y") if now < first else ""
    return TeamPlan(glance(week), rows, phases, int(shown["week"]), starts)


def with_days(summary: BatchSummary, plans: dict[str, TeamPlan]) -> BatchSummary:
    """The summary with each athlete's session days (of the plan in their files)."""
    results = tuple(
        replace(r, days=plans[r.athlete].week.session_days) if r.athlete in plans else r
        for r in summary.results
    )
    return replace(summary, results=results)


def write_team_files(out: Path, summary: BatchSummary, plans: dict[str, TeamPlan]) -> list[Path]:
    """Write index.html, team.csv and team.xlsx; return their paths."""
    header, rows = summary_table(summary)
    # The page leaves out what its links and the files say better (file names, timings).
    shown = [i for i, h in enumerate(header) if i >= len(SUMMARY_COLUMNS) or h not in _OFF_PAGE]
    written: dict[str, str | bytes] = {
        INDEX_NAME: team_index(
            Path(summary.roster).name,
            _members(summary, plans),
            [header[i] for i in shown],
            [[row[i] for i in shown] for row in rows],
            summary.counts(),
        ),
        TEAM_CSV_NAME: team_csv(summary, plans),
        TEAM_XLSX_NAME: team_workbook(summary, plans, header, rows),
    }
    write_all([(out / name, content) for name, content in written.items()])
    return [out / name for name in written]


def team_csv(summary: BatchSummary, plans: dict[str, TeamPlan]) -> str:
    """Every athlete's plan rows in roster order: the plan CSVs stacked under one header."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(PLAN_COLUMNS)
    for r in summary.results:
        for row in plans[r.athlete].rows if r.athlete in plans else ():
            writer.writerow([csv_cell(v) for v in row])
    return buffer.getvalue()


def team_workbook(
    summary: BatchSummary,
    plans: dict[str, TeamPlan],
    header: list[str],
    rows: list[list[object]],
) -> bytes:
    """A summary sheet naming each athlete's sheet, then one sheet per athlete with a plan."""
    planned = [r.athlete for r in summary.results if r.athlete in plans]
    names = dict(zip(planned, sheet_names(planned, taken=[_SUMMARY_SHEET]), strict=True))
    summary_rows = [
        [*row, names.get(r.athlete, "")] for r, row in zip(summary.results, rows, strict=True)
    ]
    sheets = [Sheet(_SUMMARY_SHEET, [*header, "sheet"], summary_rows)]
    sheets += [Sheet(names[a], PLAN_COLUMNS, plans[a].rows) for a in planned]
    return workbook(sheets, created=datetime.combine(today(), time()))


def _members(summary: BatchSummary, plans: dict[str, TeamPlan]) -> list[Member]:
    members = []
    for r in summary.results:
        plan = plans.get(r.athlete)
        members.append(
            Member(
                r.athlete,
                r.name,
                r.group,
                str(r.status),
                plan_state(r),
                r.has_plan,
                reason=r.error,
                week=plan.week if plan else None,
                phases=plan.phases if plan else (),
                shown=plan.shown if plan else 0,
                starts=plan.starts if plan else "",
                report=_first(r.files, _REPORT_ORDER) if plan else "",
                conflicts=_first(r.files, (".conflicts.txt",)),
                notes=tuple((c, r.notes[c]) for c in summary.note_columns if r.notes.get(c)),
                line=r.line,
                planned=r.planned,
            )
        )
    return members


def _first(files: tuple[str, ...], endings: tuple[str, ...]) -> str:
    for ending in endings:
        for name in files:
            if name.endswith(ending):
                return name
    return ""

"""A solved block in the formats a user can ask for: JSON (the block contract), a table or
Markdown (a calendar of weeks with the volume curve, the main lifts' progression, then every
week's sessions) and CSV (one row per exercise and date)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, time
from typing import Any

from planner.catalog.catalog import Catalog
from planner.config.config import Config
from planner.plan.block import BlockResult, PlannedWeek
from planner.report.block_weeks import main_lifts, no_main_lifts, stop_reason, week_kind
from planner.report.cells import csv_cell, md_cell, one_line
from planner.report.explain import conflict_lines
from planner.report.render import outcome_fields, rest_text
from planner.report.table import table
from planner.report.week import plan_days

BAR_WIDTH = 24


def render_block(
    result: BlockResult,
    config: Config,
    catalog: Catalog,
    fmt: str,
    timing: bool = True,
    clock: tuple[time, str | None] | None = None,
    scope: str = "the whole block",
) -> str:
    """The block in one format (table, markdown, json, csv, html or ics); `clock` is the ics
    events' time of day and zone (default 18:00, floating); `scope` what the solve was
    optimal over (a re-plan's: its weeks). A result without a block is explained as text in
    every format but JSON."""
    if fmt == "json":
        return json.dumps(block_dict(result, config, catalog, timing), indent=2) + "\n"
    if result.weeks is None or fmt in ("table", "markdown"):
        return _text(result, config, markdown=fmt == "markdown", timing=timing, scope=scope)
    if fmt == "csv":
        return _csv(result, config.athlete.name)
    if fmt == "ics":
        from planner.report.block_ics import block_ics

        return block_ics(result, config, *(clock or (time(18, 0), None)))
    from planner.report.block_html import block_html  # jinja2 loads only when asked for

    return block_html(result, config, catalog, timing, scope)


def block_dict(
    result: BlockResult, config: Config, catalog: Catalog, timing: bool = True
) -> dict[str, Any]:
    race = config.block.race if config.block else None
    data = outcome_fields(result, config, catalog, timing)
    data.update(
        race=None if race is None else race.isoformat(),
        weeks=[_week_dict(w) for w in result.weeks or ()],
    )
    return data


def _week_dict(planned: PlannedWeek) -> dict[str, Any]:
    week = planned.setup.week
    days = plan_days(planned.plan)
    for day in days:
        day["date"] = week.date_of(day["day"]).isoformat()
    return {
        "week": week.number,
        "start": week.start.isoformat(),
        "phase": week.phase,
        "kind": week_kind(week),
        "deload": week.deload,
        "taper": week.taper,
        "load": planned.plan.load,
        "volume": planned.volume,
        "profile": planned.setup.config.profile.summary,
        "notes": list(planned.missed),
        "days": days,
    }


def _csv(result: BlockResult, athlete: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = ["id", "name", "category", "role", "sets", "reps", "unit", "per_side",
               "intensity", "rest_s", "tempo", "load", "minutes", "cue"]  # fmt: skip
    writer.writerow(["athlete", "week", "phase", "kind", "date", "day", *columns])
    for planned in result.weeks or ():
        week = _week_dict(planned)
        for day in week["days"]:
            for e in day["exercises"]:
                cells = [athlete, week["week"], week["phase"], week["kind"], day["date"]]
                cells.append(day["day"])
                cells += [e[c] if e[c] is not None else "" for c in columns]
                writer.writerow([csv_cell(c) for c in cells])
    return out.getvalue()


def _text(result: BlockResult, config: Config, markdown: bool, timing: bool, scope: str) -> str:
    h1, h2 = ("# ", "## ") if markdown else ("", "")
    athlete = config.athlete
    name = md_cell(athlete.name) if markdown else one_line(athlete.name)
    block = config.block
    assert block is not None
    race = f" to race day {_date(block.race)}" if block.race else ""
    out = [f"{h1}Training block for {name} ({athlete.level}){race}", ""]
    out.append(_status(result, timing, scope))
    if result.weeks is None:
        why = ["", f"No block: {result.note}"] if result.note else []
        return "\n".join([*out, *why, *conflict_lines(result.conflicts, config, markdown)]) + "\n"
    out += ["", f"{h2}The weeks", ""] if markdown else ["", "The weeks:"]
    out += _calendar(result.weeks, markdown)
    out += (
        ["", f"{h2}Main lifts and their progression", ""]
        if markdown
        else [
            "",
            "Main lifts and their progression:",
        ]
    )
    out += _progression(result.weeks, config.equipment.available, markdown)
    for planned in result.weeks:
        out += ["", *_week_text(planned, markdown)]
    return "\n".join(out) + "\n"


def _status(result: BlockResult, timing: bool, scope: str) -> str:
    took = f" in {result.wall_time_s:.2f} s" if timing else ""
    if result.weeks is None:
        return f"Status: {result.status}: no block{took}"
    if str(result.status) == "OPTIMAL":
        proof = f"proven optimal over {scope}"
    elif result.gap is None:  # the first block, when the search found none in time
        proof = "best found, no bound known (time limit)"
    else:
        proof = f"best found, gap to bound {result.gap:.3%} ({stop_reason(result)})"
    return f"Status: {result.status}: {proof}; objective {result.objective}{took}"


def _calendar(weeks: tuple[PlannedWeek, ...], markdown: bool) -> list[str]:
    peak = max((w.volume for w in weeks), default=0) or 1
    rows = []
    for planned in weeks:
        week = planned.setup.week
        days = ", ".join(s.day for s in planned.plan.sessions) or "rest"
        bar = "#" * round(BAR_WIDTH * planned.volume / peak)
        rows.append(
            [str(week.number), _date(week.start), week.phase, week_kind(week), days,
             str(planned.plan.load), str(planned.volume), bar]
        )  # fmt: skip
    header = ["week", "starts", "phase", "kind", "sessions", "load", "volume", "volume curve"]
    return table(header, rows, markdown, align="rllllrrl")


def _progression(weeks: tuple[PlannedWeek, ...], equipment: list[str], markdown: bool) -> list[str]:
    out: list[str] = []
    for lifts in main_lifts(weeks, equipment):
        name = md_cell if markdown else one_line
        rows = [[label, *doses] for label, doses in lifts.rows]
        phase = lifts.phase
        out += ["", f"{phase} phase:" if not markdown else f"*{phase} phase*", ""]
        out += table(["week", *map(name, lifts.lifts)], rows, markdown)
    return out[1:] if out else [f"(no main lifts: {no_main_lifts(weeks)})"]


def _week_text(planned: PlannedWeek, markdown: bool) -> list[str]:
    h3 = "### " if markdown else ""
    week = planned.setup.week
    kind = week_kind(week)
    title = (
        f"{h3}Week {week.number} ({_date(week.start)}, {week.phase}, {kind}): "
        f"load {planned.plan.load}, volume {planned.volume}"
    )
    out = [title]
    if planned.missed:
        out.append("")
        out += [f"- {md_cell(n)}" if markdown else n for n in planned.missed]
    if not planned.plan.sessions:
        return [*out, "", "No strength work: the race is early this week."]
    for s in planned.plan.sessions:
        when = week.date_of(s.day)
        rows = [
            [md_cell(p.exercise.name) if markdown else one_line(p.exercise.name), p.dose,
             p.intensity, rest_text(p.rest_s), str(p.minutes)]
            for p in s.exercises
        ]  # fmt: skip
        out += ["", f"{_date(when)} ({s.day}): load {s.load}, {s.minutes} min"]
        out += [f"Warm-up: {md_cell(s.warm_up) if markdown else s.warm_up}.", ""]
        out += table(["exercise", "sets x reps", "intensity", "rest", "min"], rows, markdown)
    return out


def _date(when: date | None) -> str:
    return "" if when is None else when.strftime("%a %d %b %Y")

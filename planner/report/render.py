"""Turn a SolveResult into the formats a user can ask for."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from planner.advice import plan_notes
from planner.catalog import Catalog
from planner.config import Config
from planner.plan import Plan, SolveResult
from planner.report.cells import csv_cell, md_cell, one_line
from planner.report.explain import conflict_lines
from planner.report.table import table
from planner.targets import weekly_targets
from planner.vocabulary import MUSCLES, next_day

_DAY_NAMES = {
    "mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
    "fri": "Friday", "sat": "Saturday", "sun": "Sunday",
}  # fmt: skip


def render(
    result: SolveResult, config: Config, catalog: Catalog, fmt: str, timing: bool = True
) -> str:
    """The result in one format; timing=False leaves out the wall time, so the same inputs
    give byte-identical files whatever the machine load (batch uses this)."""
    if fmt == "json":
        return as_json(result, config, catalog, timing)
    if fmt == "csv":
        return as_csv(result, config, catalog)
    return _text(result, config, catalog, markdown=fmt == "markdown", timing=timing)


def as_dict(
    result: SolveResult, config: Config, catalog: Catalog, timing: bool = True
) -> dict[str, Any]:
    plan = result.plan
    data: dict[str, Any] = {
        "status": str(result.status),
        "objective": result.objective,
        "best_bound": result.best_bound,
        "gap": result.gap,
        "objective_terms": result.objective_terms,
        "config": config.effective(),
        "catalog": {
            "path": str(catalog.path),
            "sha256": catalog.sha256,
            "exercises": len(catalog),
        },
        "profile": config.profile.summary,
        "notes": plan_notes(config, catalog),
        "conflicts": [c.as_dict() for c in result.conflicts],
        "note": result.note,
        "days": [] if plan is None else _days(plan),
        "load": None if plan is None else plan.load,
        "coverage": None if plan is None else plan.coverage(),
        "targets": weekly_targets(config.athlete.goal, config.week.session_count),
        "solver": {
            "wall_time_s": round(result.wall_time_s, 4),
            "workers": result.workers,
            "seed": result.seed,
            "ortools": result.ortools_version,
        },
    }
    if not timing:
        del data["solver"]["wall_time_s"]
    return data


def _days(plan: Plan) -> list[dict[str, Any]]:
    return [
        {
            "day": s.day,
            "exercises": [
                {
                    "id": p.exercise.id,
                    "name": p.exercise.name,
                    "category": p.exercise.category,
                    "family": p.exercise.family,
                    "role": p.role,
                    "sets": p.sets,
                    "reps": p.reps,
                    "unit": p.exercise.unit,
                    "per_side": p.per_side,
                    "intensity": p.intensity,
                    "rest_s": p.rest_s,
                    "tempo": p.tempo,
                    "load": p.exercise.load,
                    "loaded": p.exercise.loaded,
                    "minutes": p.minutes,
                    "cue": p.exercise.cue,
                }
                for p in s.exercises
            ],
            "load": s.load,
            "minutes": s.minutes,
        }
        for s in plan.sessions
    ]


def as_json(result: SolveResult, config: Config, catalog: Catalog, timing: bool = True) -> str:
    return json.dumps(as_dict(result, config, catalog, timing), indent=2) + "\n"


def as_csv(result: SolveResult, config: Config, catalog: Catalog) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = ["id", "name", "category", "family", "role", "sets", "reps", "unit", "per_side",
               "intensity", "rest_s", "tempo", "load", "minutes", "cue"]  # fmt: skip
    writer.writerow(["day", *columns])
    for day in as_dict(result, config, catalog)["days"]:
        for e in day["exercises"]:
            cells = [day["day"], *(e[c] if e[c] is not None else "" for c in columns)]
            writer.writerow([csv_cell(c) for c in cells])
    return out.getvalue()


def _text(
    result: SolveResult, config: Config, catalog: Catalog, markdown: bool, timing: bool = True
) -> str:
    h1, h2 = ("# ", "## ") if markdown else ("", "")
    out: list[str] = []
    athlete = config.athlete
    name = md_cell(athlete.name) if markdown else one_line(athlete.name)
    out.append(f"{h1}Strength week for {name} ({athlete.level}, goal: {athlete.goal})")
    out.append("")
    out.append(_status_line(result, timing))
    notes = plan_notes(config, catalog)
    if markdown:  # a list, or Markdown runs the lines into the status paragraph
        out.extend(["", *(f"- {md_cell(note)}" for note in notes)])
    else:
        out.extend(notes)
    plan = result.plan
    if plan is None:
        why = ["", f"No plan: {result.note}"] if result.note else []
        return "\n".join([*out, *why, *conflict_lines(result.conflicts, config, markdown)]) + "\n"
    key_runs = set(config.week.key_run_days)
    for s in plan.sessions:
        out.append("")
        note = ""
        following = next_day(s.day)
        if following in key_runs:
            run = "long run" if following == config.week.long_run else "hard run"
            note = f", {run} tomorrow"
        title = f"{_DAY_NAMES[s.day]}: load {s.load}, {s.minutes} min{note}"
        out.append(f"{h2}{title}")
        if markdown:
            out.append("")
        rows = [
            [p.exercise.name, p.exercise.category, p.dose, p.intensity,  # table() escapes
             _rest(p.rest_s), str(p.exercise.load), str(p.minutes)]
            for p in s.exercises
        ]  # fmt: skip
        header = ["exercise", "category", "sets x reps", "intensity", "rest", "load", "min"]
        out.extend(table(header, rows, markdown))
        if sum(p.minutes for p in s.exercises) > s.minutes:
            out.append("")
            out.append(
                "Do the calf, core, upper-body and mobility work in the rests between the sets "
                f"of the lower-body lifts and jumps: {s.minutes} min in all."
            )
        cues = [p for p in s.exercises if p.exercise.cue]
        if cues:
            out.append("")
            for p in cues:
                cue = md_cell(p.exercise.cue) if markdown else one_line(p.exercise.cue)
                out.append(f"- {_name(p.exercise.name, markdown)}: {cue}")
    out.append("")
    weekly_cap = "" if config.load.max_week is None else f" (cap {config.load.max_week})"
    out.append(f"{h2}Week: {len(plan.sessions)} sessions, load {plan.load}{weekly_cap}, "
               f"{sum(s.minutes for s in plan.sessions)} min")  # fmt: skip
    if markdown:
        out.append("")
    coverage = plan.coverage()
    targets = weekly_targets(config.athlete.goal, config.week.session_count)
    rows = [[m, str(coverage[m]), str(targets[m]), _bar(coverage[m], targets[m])] for m in MUSCLES]
    out.extend(table(["muscle / core function", "coverage", "target", ""], rows, markdown))
    ratio = (
        f"{coverage['soleus'] / coverage['gastrocnemius']:.2f}"
        if coverage["gastrocnemius"]
        else "n/a"
    )
    band = config.balance.soleus_to_gastrocnemius
    band_text = "" if band is None else f" (allowed {band[0]}-{band[1]})"
    out.append("")
    out.append(f"soleus : gastrocnemius = {ratio}{band_text}")
    return "\n".join(out) + "\n"


def _status_line(result: SolveResult, timing: bool = True) -> str:
    took = f"solved in {result.wall_time_s:.2f} s, " if timing else ""
    if result.plan is None:
        return f"Status: {result.status}: no plan ({took}seed {result.seed})"
    proof = (
        "proven optimal"
        if str(result.status) == "OPTIMAL"
        else f"best found, gap to bound {result.gap:.2%} (time limit)"
    )
    terms = ", ".join(f"{k} {v:+d}" for k, v in result.objective_terms.items())
    return (
        f"Status: {result.status}: {proof}; objective {result.objective} ({terms}); "
        f"{took}seed {result.seed}, {result.workers} worker(s)"
    )


def _name(name: str, markdown: bool) -> str:
    return md_cell(name) if markdown else one_line(name)


def _rest(seconds: int) -> str:
    if seconds >= 60 and seconds % 60 == 0:
        return f"{seconds // 60} min"
    return f"{seconds} s"


def _bar(value: int, target: int, width: int = 12) -> str:
    if target <= 0:
        return ""
    filled = min(width, round(width * value / target))
    return "#" * filled + "." * (width - filled) + (" +" if value > target else "")

"""Turn a SolveResult into the formats a user can ask for."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Protocol

from planner.catalog.catalog import Catalog
from planner.config.config import Config
from planner.plan.week import Conflict, SolveResult, Status
from planner.report.cells import csv_cell, md_cell, one_line
from planner.report.explain import conflict_lines
from planner.report.table import table
from planner.report.week import PLAN_COLUMNS, plan_days, plan_rows
from planner.training.kit_defaults import soleus_band
from planner.training.targets import weekly_targets
from planner.vocabulary import MUSCLES, next_day
from planner.week.advice import plan_notes

_DAY_NAMES = {
    "mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
    "fri": "Friday", "sat": "Saturday", "sun": "Sunday",
}  # fmt: skip


def render(
    result: SolveResult,
    config: Config,
    catalog: Catalog,
    fmt: str,
    timing: bool = True,
    athlete: str | None = None,
) -> str:
    """The result in one format; timing=False leaves out the wall time (and the HTML's date),
    so the same inputs give byte-identical files whatever the machine load (batch uses this).
    `athlete` fills the CSV's athlete column (a batch passes the roster id; default: the
    athlete's name). A week without a plan is explained as text, also for html."""
    if fmt == "json":
        return as_json(result, config, catalog, timing)
    if fmt == "csv":
        return as_csv(result, config, catalog, athlete)
    if fmt == "html" and result.plan is not None:
        from planner.report.html import as_html  # jinja2 loads only when asked for

        return as_html(result, config, catalog, timing)
    return _text(result, config, catalog, markdown=fmt == "markdown", timing=timing)


def as_dict(
    result: SolveResult, config: Config, catalog: Catalog, timing: bool = True
) -> dict[str, Any]:
    plan = result.plan
    data = outcome_fields(result, config, catalog, timing)
    data.update(
        profile=config.profile.summary,
        notes=plan_notes(config, catalog) + list(result.missed),
        days=[] if plan is None else plan_days(plan),
        load=None if plan is None else plan.load,
        stress=None if plan is None else plan.stress,
        heavy_sets=None if plan is None else plan.heavy_sets,
        coverage=None if plan is None else plan.coverage(),
        targets=weekly_targets(config.athlete.goal, config.week.session_count),
    )
    data["solver"] = data.pop("solver")  # last, as it always was
    return data


class Outcome(Protocol):
    """What a week's and a block's results share (planner.plan.SolveResult, BlockResult),
    read only."""

    @property
    def status(self) -> Status: ...

    @property
    def objective(self) -> int | None: ...

    @property
    def best_bound(self) -> int | None: ...

    @property
    def objective_terms(self) -> dict[str, int]: ...

    @property
    def conflicts(self) -> tuple[Conflict, ...]: ...

    @property
    def note(self) -> str: ...

    @property
    def wall_time_s(self) -> float: ...

    @property
    def workers(self) -> int: ...

    @property
    def seed(self) -> int: ...

    @property
    def ortools_version(self) -> str: ...

    @property
    def gap(self) -> float | None: ...


def outcome_fields(
    result: Outcome, config: Config, catalog: Catalog, timing: bool = True
) -> dict[str, Any]:
    """The JSON fields a week and a block share: the verdict, the inputs, the solver."""
    data: dict[str, Any] = {
        "status": str(result.status),
        "objective": result.objective,
        "best_bound": result.best_bound,
        "gap": result.gap,
        "objective_terms": result.objective_terms,
        "config": config.effective(),
        "profile_targets": config.profile_targets(),
        "catalog": {
            "path": str(catalog.path),
            "sha256": catalog.sha256,
            "exercises": len(catalog),
        },
        "conflicts": [c.as_dict() for c in result.conflicts],
        "note": result.note,
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


def as_json(result: SolveResult, config: Config, catalog: Catalog, timing: bool = True) -> str:
    return json.dumps(as_dict(result, config, catalog, timing), indent=2) + "\n"


def as_csv(
    result: SolveResult, config: Config, catalog: Catalog, athlete: str | None = None
) -> str:
    """One row per exercise; the athlete column lets a team's plans be stacked and joined."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(PLAN_COLUMNS)
    days = [] if result.plan is None else plan_days(result.plan)
    for row in plan_rows(config.athlete.name if athlete is None else athlete, days):
        writer.writerow([csv_cell(c) for c in row])
    return out.getvalue()


def _text(
    result: SolveResult, config: Config, catalog: Catalog, markdown: bool, timing: bool = True
) -> str:
    h1, h2 = ("# ", "## ") if markdown else ("", "")
    out: list[str] = []
    athlete = config.athlete
    name = md_cell(athlete.name) if markdown else one_line(athlete.name)
    out.append(f"{h1}Strength week for {name} ({athlete.level}, goal: {athlete.goal})")
    plan = result.plan
    # The athlete's handout (Markdown) keeps the solver's word for its footer.
    handout = markdown and plan is not None
    if not handout:
        out.extend(["", _status_line(result, timing)])
    notes = plan_notes(config, catalog) + list(result.missed)
    if markdown:  # a list, or Markdown runs the lines into the status paragraph
        out.extend(["", *(f"- {md_cell(note)}" for note in notes)])
    else:
        out.extend(notes)
    if plan is None:
        why = ["", f"No plan: {result.note}"] if result.note else []
        return "\n".join([*out, *why, *conflict_lines(result.conflicts, config, markdown)]) + "\n"
    key_runs = set(config.week.key_run_days)
    for s in plan.sessions:
        out.append("")
        note = ""
        following = next_day(s.day)
        if following in key_runs:
            note = f", {_run_on(following, config)} tomorrow"
        if s.day in key_runs:  # the run is the day's key session: lift after it
            note = f", {_run_on(s.day, config)} today: lift after the run{note}"
        title = f"{_DAY_NAMES[s.day]}: stress {s.stress}, load {s.load}, {s.minutes} min{note}"
        out.append(f"{h2}{title}")
        if markdown:
            out.append("")
        out.extend([f"Warm-up: {_name(s.warm_up, markdown)}.", *([""] if markdown else [])])
        if handout:  # what to do and how, the cue beside each exercise
            header = ["exercise", "sets x reps", "intensity", "rest", "min", "cue"]
            rows = [
                [p.exercise.name, p.dose, _intensity(p.intensity, p.tempo), rest_text(p.rest_s),
                 str(p.minutes), p.exercise.cue]
                for p in s.exercises
            ]  # fmt: skip
            out.extend(table(header, rows, markdown, align="llllrl"))
        else:
            header = ["exercise", "category", "sets x reps", "intensity", "rest", "stress", "min"]
            rows = [
                [p.exercise.name, p.exercise.category,  # table() escapes
                 p.dose, _intensity(p.intensity, p.tempo),
                 rest_text(p.rest_s), str(p.stress), str(p.minutes)]
                for p in s.exercises
            ]  # fmt: skip
            out.extend(table(header, rows, markdown))
        if sum(p.minutes for p in s.exercises) > s.minutes:
            out.append("")
            out.append(
                "Do the calf, core, upper-body and mobility work in the rests between the sets "
                f"of the lower-body lifts and jumps: {s.minutes} min in all."
            )
        cues = [p for p in s.exercises if p.exercise.cue and not handout]
        if cues:
            out.append("")
            for p in cues:
                cue = md_cell(p.exercise.cue) if markdown else one_line(p.exercise.cue)
                out.append(f"- {_name(p.exercise.name, markdown)}: {cue}")
    out.append("")
    weekly_cap = "" if config.load.max_week is None else f" (cap {config.load.max_week})"
    out.append(f"{h2}Week: {len(plan.sessions)} sessions, stress {plan.stress} (cap "
               f"{config.fatigue.cap('max_week', athlete.level)}), {plan.heavy_sets} heavy "
               f"lower-body sets (band {_band(config.profile.heavy_sets)}), load {plan.load}"
               f"{weekly_cap}, {sum(s.minutes for s in plan.sessions)} min")  # fmt: skip
    if markdown:
        out.append("")
    coverage = plan.coverage()
    targets = weekly_targets(config.athlete.goal, config.week.session_count)
    rows = [[m, str(coverage[m]), str(targets[m]), _bar(coverage[m], targets[m])] for m in MUSCLES]
    header = ["muscle / core function", "coverage", "target", "toward the target"]
    out.extend(table(header, rows, markdown))
    ratio = (
        f"{coverage['soleus'] / coverage['gastrocnemius']:.2f}"
        if coverage["gastrocnemius"]
        else "n/a"
    )
    band = soleus_band(config, catalog)
    band_text = "" if band is None else f" (allowed {band[0]}-{band[1]})"
    out.append("")
    out.append(f"soleus : gastrocnemius = {ratio}{band_text}")
    if handout:
        out.extend(["", "---", "", _status_line(result, timing)])
    return "\n".join(out) + "\n"


def _run_on(day: str, config: Config) -> str:
    return "long run" if day == config.week.long_run else "hard run"


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


def _band(band: tuple[int, int]) -> str:
    """A band as a coach writes it, "6-12" (no brackets, which Markdown would read as links)."""
    return f"{band[0]}-{band[1]}"


def _name(name: str, markdown: bool) -> str:
    return md_cell(name) if markdown else one_line(name)


def _intensity(intensity: str, tempo: str | None) -> str:
    return f"{intensity}, tempo {tempo}" if tempo else intensity


def rest_text(seconds: int) -> str:
    if seconds >= 60 and seconds % 60 == 0:
        return f"{seconds // 60} min"
    return f"{seconds} s"


def _bar(value: int, target: int, width: int = 12) -> str:
    if target <= 0:
        return ""
    filled = min(width, round(width * value / target))
    return "#" * filled + "." * (width - filled) + (" +" if value > target else "")

"""The batch's own files: summary.csv (one row per athlete) and overview.md (for the coach)."""

from __future__ import annotations

import csv
import io
from collections import Counter

from planner.batch.results import AthleteResult, AthleteStatus, BatchSummary, smallest_fix
from planner.report.cells import csv_cell, md_cell, md_code
from planner.report.table import table

SUMMARY_COLUMNS = (
    "athlete", "name", "group", "status", "plan", "kind", "days", "objective", "gap", "load",
    "wall_time_s", "resumed", "files", "conflicts", "error",
)  # fmt: skip


def plan_state(r: AthleteResult) -> str:
    """What the athlete's plan files are: this run's, unchanged, the last good one, or none."""
    if r.has_plan:
        return "unchanged" if r.resumed else "new"
    if r.stale:
        return f"stale (from {r.planned})" if r.planned else "stale"
    return "none"


def summary_table(summary: BatchSummary) -> tuple[list[str], list[list[object]]]:
    """summary.csv's header and rows, the values as they are (None: blank); the roster's own
    (notes) columns follow the batch's. team.xlsx and index.html show the same table."""
    notes = summary.note_columns
    rows: list[list[object]] = []
    for r in summary.results:
        cells: list[object] = [
            r.athlete, r.name, r.group, str(r.status), plan_state(r), r.kind, ";".join(r.days),
            r.objective, r.gap, r.load, r.wall_time_s, "yes" if r.resumed else "no",
            ";".join(r.files), "; ".join(c.rule for c in r.conflicts), r.error,
        ]  # fmt: skip
        rows.append(cells + [r.notes.get(c, "") for c in notes])
    return [*SUMMARY_COLUMNS, *notes], rows


def summary_csv(summary: BatchSummary) -> str:
    """One row per athlete; text that a spreadsheet would run as a formula is made safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header, rows = summary_table(summary)
    writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([_blank(csv_cell(v)) for v in row])
    return out.getvalue()


def _blank(value: object) -> str:
    return "" if value is None else str(value)


def overview_markdown(summary: BatchSummary) -> str:
    """The coach's page: how the team went, what to change first, each athlete's week."""
    results = summary.results
    planned = sum(1 for r in results if r.has_plan)
    stale = sum(1 for r in results if r.stale)
    out = [f"# Team overview: {md_cell(summary.roster)}", ""]
    keep = "keeps a" if stale == 1 else "keep their"
    kept = f"; {stale} {keep} last good plan, marked stale" if stale else ""
    out.append(
        f"{len(results)} athletes: {planned} with a plan, {len(results) - planned} without"
        f"{kept} ({summary.solved} solved in this run, {summary.resumed} unchanged since the "
        "last)."
    )
    out += ["", "## Status", ""]
    out += table(["status", "athletes"], list(summary.counts().items()), markdown=True)
    out += ["", "## Rules to change first", ""]
    out += _rules(results)
    problems = [r for r in results if not r.has_plan]
    if problems or summary.roster_warnings or summary.catalog_warnings:
        out += ["", "## Problems", ""]
        out += [f"- roster: {md_cell(str(p))}" for p in summary.roster_warnings]
        out += [f"- catalog: {md_cell(str(p))}" for p in summary.catalog_warnings]
        out += [f"- {_who(r)} **{r.status}**: {md_cell(r.error)}" for r in problems]
    if summary.moved_aside:
        out += ["", "## No longer on the roster", ""]
        out += [
            f"- {md_code(athlete)}: moved aside to {', '.join(md_code(f) for f in files)}"
            for athlete, files in summary.moved_aside
        ]
    if summary.set_aside:
        out += ["", "## Edited by hand since the last run, kept", ""]
        out += [f"- {md_code(name)} -> {md_code(kept)}" for name, kept in summary.set_aside]
    out += ["", "## Athletes", ""]
    header = ["athlete", "name", "group", "status", "plan", "sessions", "weekly load", "cap"]
    rows = [
        [_who(r), r.name, r.group, str(r.status), plan_state(r), r.sessions, r.load, r.load_cap]
        + ([_notes(r, summary.note_columns)] if summary.note_columns else [])
        for r in results
    ]
    header += ["notes"] if summary.note_columns else []
    out += table(header, rows, markdown=True, align="lllllrrr" + "l" * bool(summary.note_columns))
    return "\n".join(out) + "\n"


def _who(r: AthleteResult) -> str:
    return md_code(r.athlete) if r.athlete else f"line {r.line}"


def _notes(r: AthleteResult, columns: tuple[str, ...]) -> str:
    return "; ".join(f"{c}: {r.notes[c]}" for c in columns if c in r.notes)


def _rules(results: tuple[AthleteResult, ...]) -> list[str]:
    """The rules whose own fix was an athlete's smallest change, most often first, with
    those athletes; rules that were only part of conflicts (no value of theirs alone was
    the smallest change) follow on one line, as they are not where to start."""
    involved = Counter(c.rule for r in results for c in r.conflicts)
    if not involved:
        infeasible = sum(1 for r in results if r.status is AthleteStatus.INFEASIBLE)
        return [
            f"No conflicts were reported ({infeasible} infeasible athlete(s) without an "
            "explanation)."
            if infeasible
            else "No athlete's rules conflicted."
        ]
    smallest: dict[str, list[str]] = {}
    unfixed: list[str] = []
    for r in results:
        best = smallest_fix(r.conflicts)
        if best is not None:
            smallest.setdefault(best.rule, []).append(r.athlete)
        elif r.conflicts:
            unfixed.append(r.athlete)
    ranked = sorted(smallest, key=lambda rule: (-len(smallest[rule]), -involved[rule], rule))
    rows = [(md_code(rule), len(smallest[rule]), _athletes(smallest[rule])) for rule in ranked]
    header = ["rule", "the smallest change for", "athletes"]
    lines = [*table(header, rows, markdown=True, align="lrl"), ""] if rows else []
    others = sorted(set(involved) - set(smallest), key=lambda rule: (-involved[rule], rule))
    if others:
        lead = "Also in the conflicts, but never the smallest change" if rows else "In conflicts"
        shown = ", ".join(f"{md_code(rule)} ({_count(involved[rule])})" for rule in others)
        lines += [f"{lead}: {shown}.", ""]
    if unfixed:
        lines += [f"No single value alone gives {_athletes(unfixed)} a plan.", ""]
    return [*lines, "Each athlete's conflict file (`ID.conflicts.txt`) says what to type where."]


def _count(athletes: int) -> str:
    return f"{athletes} athlete{'s' if athletes != 1 else ''}"


def _athletes(ids: list[str], shown: int = 6) -> str:
    names = ", ".join(md_code(a) for a in ids[:shown])
    return names + (f" and {len(ids) - shown} more" if len(ids) > shown else "")

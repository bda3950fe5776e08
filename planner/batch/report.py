"""The batch's own files: summary.csv (one row per athlete) and overview.md (for the coach)."""

from __future__ import annotations

import csv
import io
from collections import Counter

from planner.batch.results import AthleteStatus, BatchSummary
from planner.report.cells import csv_cell, md_cell, md_code
from planner.report.table import table

SUMMARY_COLUMNS = (
    "athlete", "name", "status", "objective", "gap", "load", "wall_time_s", "resumed",
    "files", "conflicts", "error",
)  # fmt: skip


def summary_csv(summary: BatchSummary) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SUMMARY_COLUMNS)
    for r in summary.results:
        cells = [
            r.athlete, r.name, str(r.status), _blank(r.objective), _blank(r.gap), _blank(r.load),
            _blank(r.wall_time_s), "yes" if r.resumed else "no", ";".join(r.files),
            "; ".join(rule for rule, _ in r.conflicts), r.error,
        ]  # fmt: skip
        text = {0, 1, 8, 9, 10}  # the user's words; the numbers above are ours
        writer.writerow([csv_cell(c) if i in text else c for i, c in enumerate(cells)])
    return out.getvalue()


def _blank(value: object) -> str:
    return "" if value is None else str(value)


def overview_markdown(summary: BatchSummary) -> str:
    """The coach's page: how the team went, which rules clash most, each athlete's load."""
    results = summary.results
    planned = sum(1 for r in results if r.has_plan)
    out = [f"# Team overview: {md_cell(summary.roster)}", ""]
    out.append(
        f"{len(results)} athletes: {planned} with a plan, {len(results) - planned} without "
        f"({summary.solved} solved in this run, {summary.resumed} unchanged since the last)."
    )
    out += ["", "## Status", ""]
    out += table(["status", "athletes"], list(summary.counts().items()), markdown=True)
    out += ["", "## Most frequent conflicting rules", ""]
    rules = Counter(rule for r in results for rule in dict(r.conflicts))
    if rules:
        common = [(md_code(rule), count) for rule, count in rules.most_common(10)]
        out += table(["rule", "athletes"], common, markdown=True)
    else:
        infeasible = sum(1 for r in results if r.status is AthleteStatus.INFEASIBLE)
        out.append(
            f"No conflicts were reported ({infeasible} infeasible athlete(s) without an "
            "explanation)."
            if infeasible
            else "No athlete's rules conflicted."
        )
    problems = [r for r in results if not r.has_plan]
    if problems or summary.roster_warnings:
        out += ["", "## Problems", ""]
        out += [f"- roster: {md_cell(str(p))}" for p in summary.roster_warnings]
        out += [
            f"- {md_code(r.athlete) if r.athlete else f'line {r.line}'} **{r.status}**: "
            f"{md_cell(r.error)}"
            for r in problems
        ]
    out += ["", "## Load per athlete", ""]
    header = ["athlete", "name", "status", "sessions", "weekly load", "cap", "objective"]
    rows = [
        [
            md_code(r.athlete) if r.athlete else f"line {r.line}",
            r.name,
            str(r.status),
            r.sessions,
            r.load,
            r.load_cap,
            r.objective,
        ]
        for r in results
    ]
    out += table(header, rows, markdown=True, align="lllrrrr")
    return "\n".join(out) + "\n"

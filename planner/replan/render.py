"""A re-planned week in the formats a user can ask for: the week as `solve` shows it, with
what changed and why (JSON: `replan`, `changes`, `changed_slots`; text, Markdown and HTML: a
"Changes" section first)."""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from typing import Any

from planner.catalog.catalog import Catalog
from planner.replan.pipeline import WeekReplanResult
from planner.replan.slots import DayChange
from planner.report import render
from planner.report.cells import md_cell, one_line
from planner.report.render import as_dict


def render_replan(replanned: WeekReplanResult, catalog: Catalog, fmt: str) -> str:
    result, config = replanned.result, replanned.config
    if fmt == "json":
        data = as_dict(result, config, catalog)
        data.update(replan_fields(replanned))
        data["solver"] = data.pop("solver")
        return json.dumps(data, indent=2) + "\n"
    text = render(result, config, catalog, fmt)
    if result.plan is None or fmt == "csv":
        return text
    lines = change_lines(
        replanned.changes,
        replanned.changed_slots,
        replanned.notes,
        catalog,
        markdown=fmt == "markdown",
    )
    return with_changes(text, lines, fmt, '<table class="week"')


def with_changes(text: str, lines: list[str], fmt: str, html_anchor: str) -> str:
    """The report with the changes first: after the title (text, Markdown), or before
    `html_anchor` (HTML)."""
    if fmt == "html":
        items = "".join(f"<li>{html.escape(line.strip())}</li>" for line in lines[1:])
        heading = html.escape(lines[0])
        section = f'<section class="changes"><h2>{heading}</h2><ul>{items}</ul></section>\n'
        return text.replace(html_anchor, section + html_anchor, 1)
    head, _, rest = text.partition("\n\n")
    body = [lines[0], "", *lines[1:]] if fmt == "markdown" else lines
    return "\n".join([head, "", *body, "", rest])


def replan_fields(replanned: WeekReplanResult) -> dict[str, Any]:
    """What a re-plan adds to the week's JSON."""
    replan = replanned.replan
    return {
        "replan": {
            "edits": replan.edits.as_dict(),
            "kept": list(replan.fixed),
            "assumed_done": list(replan.assumed_done),
            "sessions": {"planned": replan.planned_sessions, "now": replanned.config.week.sessions},
            "notes": list(replanned.notes),
        },
        "changes": [c.as_dict() for c in replanned.changes],
        "changed_slots": replanned.changed_slots,
    }


def change_lines(
    changes: Sequence[DayChange],
    count: int | None,
    notes: Sequence[str],
    catalog: Catalog,
    markdown: bool,
) -> list[str]:
    """A heading, then one line per changed day (or date) and one per note."""
    heading = f"Changes: {count} exercise slot{'s' if count != 1 else ''}"
    prefix = "## " if markdown else ""
    lines = [prefix + heading]
    bullet = "- " if markdown else "  "
    for change in changes:
        lines.append(bullet + _day_line(change, catalog, markdown))
    lines += [bullet + (md_cell(n) if markdown else n) for n in notes]
    if not changes:
        lines.append(bullet + "nothing changed: the plan already fits the week")
    return lines


def _day_line(change: DayChange, catalog: Catalog, markdown: bool) -> str:
    def name(exercise_id: str) -> str:
        text = catalog[exercise_id].name if exercise_id in catalog else exercise_id
        return md_cell(text) if markdown else one_line(text)

    parts: list[str] = []
    out = [m for m in change.moved if m.origin == change.day]
    into = [m for m in change.moved if m.target == change.day]
    for target in dict.fromkeys(m.target for m in out):
        names = ", ".join(name(m.id) for m in out if m.target == target)
        parts.append(f"{names} moved to {target}")
    for origin in dict.fromkeys(m.origin for m in into):
        names = ", ".join(name(m.id) for m in into if m.origin == origin)
        parts.append(f"{names} moved here from {origin}")
    if change.removed:
        parts.append("removed " + ", ".join(name(i) for i in change.removed))
    if change.added:
        parts.append("added " + ", ".join(name(i) for i in change.added))
    why = f" ({change.why})" if change.why else ""
    return f"{change.day}{why}: " + "; ".join(parts)

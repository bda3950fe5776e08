"""Renderers: a week's or a block's result as text, Markdown, CSV, JSON, HTML or a calendar.
Plain data in, strings out."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from planner.formats import FORMATS
from planner.report.render import render as render_week

if TYPE_CHECKING:
    from planner.catalog.catalog import Catalog
    from planner.config.config import Config
    from planner.plan.block import BlockResult
    from planner.plan.week import SolveResult

__all__ = ["FORMATS", "render", "render_week"]


def render(
    result: SolveResult | BlockResult,
    config: Config,
    catalog: Catalog,
    fmt: str = "table",
    *,
    timing: bool = True,
    start: date | None = None,
) -> str:
    """A week (from plan_week) or a block (from plan_block) as `fmt`: table, markdown, json,
    csv, html or ics. A week's calendar repeats it 8 weeks from `start` (default: the coming
    Monday); a block's events fall on their own dates. timing=False leaves out wall times,
    so equal inputs give equal text."""
    from planner.plan.block import BlockResult

    if fmt not in FORMATS:
        raise ValueError(f"{fmt!r} is not a format; choose from {', '.join(FORMATS)}")
    if isinstance(result, BlockResult):
        from planner.report.block_render import render_block

        return render_block(result, config, catalog, fmt, timing)
    if fmt == "ics" and result.plan is not None:
        from planner.report.calendar_options import coming_monday
        from planner.report.ics import CalendarOptions, as_ics

        return as_ics(result, config, CalendarOptions(start or coming_monday(date.today())))
    return render_week(result, config, catalog, "table" if fmt == "ics" else fmt, timing)

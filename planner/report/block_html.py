"""A block as one self-contained HTML page a coach can print: the athlete and the race, the
volume curve over the weeks (phases shaded, deloads, the taper and the race day marked), the
calendar of weeks, each phase's main lifts week by week, then every week's sessions with
their dates, and the solver's verdict in the footer.

Rendered with the week report's autoescaping Jinja2 environment (planner/report/html.py), so
every name and cue a user wrote is escaped; CSS and the chart (SVG) are inline. In print a
session is never split across pages, and the weeks start on a page of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from planner.catalog.catalog import Catalog
from planner.config.config import Config
from planner.plan.block import BlockResult, PlannedWeek
from planner.plan.week import Session
from planner.report.block_chart import phase_color, volume_chart
from planner.report.block_weeks import (
    KIND_NAMES,
    main_lifts,
    no_main_lifts,
    stop_reason,
    week_kind,
)
from planner.report.html import DAY_NAMES, template, verdict
from planner.report.render import rest_text
from planner.report.week import plan_glance


@dataclass(frozen=True)
class DatedDay:
    """A session on its date, with the key run of that day or the next."""

    on: date
    session: Session
    run: str  # "long run", "hard run" or ""
    eve: bool  # a key run follows tomorrow


@dataclass(frozen=True)
class WeekPage:
    number: int
    phase: str
    kind: str  # build, deload, taper or race
    starts: date
    load: int
    volume: int
    days: tuple[DatedDay, ...]
    race: date | None  # the race day, when it falls in this week
    color: str  # its phase's, as in the chart
    notes: tuple[str, ...]  # the targets it misses, and why


def block_html(
    result: BlockResult,
    config: Config,
    catalog: Catalog,
    timing: bool = True,
    scope: str = "the whole block",
) -> str:
    """The page for a result with a block (the caller renders text when there is none).
    timing=False leaves out the wall time and the date, so the file is reproducible."""
    assert result.weeks is not None and config.block is not None
    weeks = result.weeks
    race = config.block.race
    return template("block.html.j2").render(
        athlete=config.athlete,
        block=config.block,
        weeks=[_week_page(w, race) for w in weeks],
        phases=_phases(weeks),
        deloads=[w.setup.week.number for w in weeks if w.setup.week.deload],
        taper=[w.setup.week.number for w in weeks if w.setup.week.taper],
        chart=volume_chart(weeks, race),
        lifts=main_lifts(weeks, config.equipment.available),
        no_main_lifts=no_main_lifts(weeks),
        kinds=KIND_NAMES,
        day_names=DAY_NAMES,
        rest=rest_text,
        long_date=_long_date,
        short_date=_short_date,
        verdict=verdict(str(result.status), result.gap, stop_reason(result)),
        result=result,
        scope=scope,
        timing=timing,
        stamp=datetime.now().strftime("%Y-%m-%d %H:%M") if timing else "",
    )


def _week_page(planned: PlannedWeek, race: date | None) -> WeekPage:
    week = planned.setup.week
    glance = {d.day: d for d in plan_glance(planned.plan, planned.setup.config).days}
    days = tuple(
        DatedDay(week.date_of(s.day), s, glance[s.day].run, glance[s.day].eve)
        for s in planned.plan.sessions
    )
    here = race if race is not None and week.volume == "race" else None
    return WeekPage(week.number, week.phase, week_kind(week), week.start, planned.plan.load,
                    planned.volume, days, here, phase_color(week.phase),
                    planned.missed)  # fmt: skip


def _phases(weeks: tuple[PlannedWeek, ...]) -> list[dict[str, Any]]:
    """Each phase with its weeks and its goal profile's summary, in order."""
    out: list[dict[str, Any]] = []
    for planned in weeks:
        week = planned.setup.week
        if out and out[-1]["phase"] == week.phase:
            out[-1]["last"] = week.number
            continue
        summary = planned.setup.config.profile.summary
        goal = summary.split(": ", 1)[-1]  # "strength: heavy lifts ..." under "strength phase"
        out.append(
            {"phase": week.phase, "first": week.number, "last": week.number, "summary": goal,
             "color": phase_color(week.phase)}
        )  # fmt: skip
    return out


def _long_date(when: date) -> str:
    return f"{when:%a} {when.day} {when:%b %Y}"


def _short_date(when: date) -> str:
    return f"{when:%a} {when.day} {when:%b}"

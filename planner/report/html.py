"""The week as one self-contained HTML page a coach can print: the sessions, a coverage
heatmap, the balances against their targets, load per day against the caps with the key runs
marked, and the solver's verdict in the footer. CSS and charts (SVG) are inline; no network
is needed.

Rendered with Jinja2 with autoescaping on, so every name and cue a user wrote is escaped.
Chart geometry is worked out here, in Python, so the template only places what it is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, Template

from planner.catalog.catalog import Catalog
from planner.config.config import Config
from planner.plan.week import Plan, SolveResult
from planner.report.week import WeekGlance, plan_glance
from planner.training.kit_defaults import soleus_band
from planner.vocabulary import CORE_FUNCTIONS, MUSCLES
from planner.week.advice import plan_notes

DAY_NAMES = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
             "fri": "Friday", "sat": "Saturday", "sun": "Sunday"}  # fmt: skip
BAR_PX = 150  # the longest bar of a chart


@dataclass(frozen=True)
class Bar:
    """One bar of a chart, in pixels: its length, a limit line, a shaded band."""

    label: str
    value: str  # as printed beside the bar
    width: float
    limit: float | None = None  # a cap or a floor, drawn as a red line
    band: tuple[float, float] | None = None  # an allowed range, shaded
    note: str = ""
    over: bool = False  # past its cap or short of its floor: drawn red
    mark: str = ""  # a key run on that day


def as_html(result: SolveResult, config: Config, catalog: Catalog, timing: bool = True) -> str:
    """The page for a result with a plan (the caller renders text when there is none).
    timing=False leaves out the wall time and the date, so a batch's files are reproducible."""
    assert result.plan is not None
    return template("report.html.j2").render(
        **_context(result, result.plan, config, catalog, timing)
    )


@cache
def template(name: str) -> Template:
    """A template of planner/data, autoescaped: user text can never become markup."""
    text = resources.files("planner.data").joinpath(name).read_text("utf-8")
    return Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True).from_string(text)


def verdict(status: str, gap: float | None, why: str = "time limit") -> str:
    if status == "OPTIMAL":
        return "proven optimal"
    if gap is not None:
        return f"best found, within {gap:.3%} of the best possible ({why})"
    return status


def _context(
    result: SolveResult, plan: Plan, config: Config, catalog: Catalog, timing: bool
) -> dict[str, Any]:
    week = plan_glance(plan, config)
    days = [s.day for s in plan.sessions]
    heat = {
        m: [sum(p.exercise.covers(m) for p in s.exercises) for s in plan.sessions] for m in MUSCLES
    }
    by_day = {d.day: d for d in week.days}
    return {
        "athlete": config.athlete,
        "notes": plan_notes(config, catalog),
        "sessions": [
            {
                "name": DAY_NAMES[s.day],
                "day": s.day,
                "minutes": s.minutes,
                "load": s.load,
                "run": by_day[s.day].run,
                "eve": by_day[s.day].eve,
                "paired": sum(p.minutes for p in s.exercises) > s.minutes,
                "warm_up": s.warm_up,
                "exercises": s.exercises,
            }
            for s in plan.sessions
        ],
        "days": days,
        "heat": heat,
        "heat_max": max((v for row in heat.values() for v in row), default=1) or 1,
        "ratio": _ratio_bar(soleus_band(config, catalog), plan.coverage()),
        "core": _core_bars(config, plan.coverage()),
        "load_bars": load_bars(week),
        "week": week,
        "verdict": verdict(str(result.status), result.gap),
        "result": result,
        "timing": timing,
        "stamp": datetime.now().strftime("%Y-%m-%d %H:%M") if timing else "",
    }


def _ratio_bar(band: tuple[float, float] | None, coverage: dict[str, int]) -> Bar:
    """Soleus against gastrocnemius, on a scale of its own: a ratio is not a count."""
    gastrocnemius = coverage["gastrocnemius"]
    ratio = coverage["soleus"] / gastrocnemius if gastrocnemius else None
    top = max([1.0, ratio or 0.0, *(band or ())]) * 1.15
    scale = BAR_PX / top
    if ratio is None:
        return Bar("soleus : gastrocnemius", "n/a (no gastrocnemius work)", 0.0)
    inside = band is None or band[0] <= ratio <= band[1]
    return Bar(
        "soleus : gastrocnemius",
        f"{ratio:.2f}",
        ratio * scale,
        band=None if band is None else (band[0] * scale, band[1] * scale),
        note=f"allowed {band[0]:g}-{band[1]:g}" if band else "no band set",
        over=not inside,
    )


def _core_bars(config: Config, coverage: dict[str, int]) -> list[Bar]:
    """The three core functions' weekly coverage against their floors."""
    floors = {f: config.balance.core_min.of(f) for f in CORE_FUNCTIONS}
    top = max([1, *(coverage[f] for f in CORE_FUNCTIONS), *floors.values()]) * 1.1
    scale = BAR_PX / top
    return [
        Bar(
            f.replace("_", "-"),
            str(coverage[f]),
            coverage[f] * scale,
            limit=floors[f] * scale if floors[f] else None,
            note=f"at least {floors[f]}",
            over=coverage[f] < floors[f],
        )
        for f in CORE_FUNCTIONS
    ]


def load_bars(week: WeekGlance) -> list[Bar]:
    """Load on each of the seven days against the session cap, with the key runs marked and,
    on the eve of one, the legs' load against its own cap."""
    cap = week.max_session
    top = max([1, cap or 0, *(d.load or 0 for d in week.days)]) * 1.1
    scale = BAR_PX / top
    bars = []
    for d in week.days:
        note = ""
        if d.eve and d.has_session:
            eve_cap = week.max_eve_legs
            limit = f" of at most {eve_cap}" if eve_cap is not None else ""
            note = f"key run tomorrow: legs {d.legs}{limit}"
        over = d.load is not None and cap is not None and d.load > cap
        bars.append(
            Bar(DAY_NAMES[d.day][:3], "" if d.load is None else str(d.load),
                (d.load or 0) * scale, None if cap is None else cap * scale, note=note,
                over=over, mark=d.run)
        )  # fmt: skip
    return bars

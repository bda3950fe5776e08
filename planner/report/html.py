"""The week as one self-contained HTML page a coach can print: the sessions, a coverage
heatmap, the balances against their targets, load per day against the caps, and the solver's
verdict in the footer. CSS and charts (SVG) are inline; no network is needed.

Rendered with Jinja2 with autoescaping on, so every name and cue a user wrote is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from typing import Any

from jinja2 import Environment, Template

from planner.advice import plan_notes
from planner.catalog import Catalog
from planner.config import Config
from planner.plan import Plan, SolveResult
from planner.vocabulary import CORE_FUNCTIONS, LEG_CATEGORIES, MUSCLES, next_day

DAY_NAMES = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
             "fri": "Friday", "sat": "Saturday", "sun": "Sunday"}  # fmt: skip


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    limit: float | None  # a cap or a target, drawn as a line
    note: str = ""


def as_html(result: SolveResult, config: Config, catalog: Catalog) -> str:
    """The page for a result with a plan (the caller renders text when there is none)."""
    assert result.plan is not None
    return _template().render(**_context(result, result.plan, config, catalog))


def _template() -> Template:
    text = resources.files("planner.data").joinpath("report.html.j2").read_text("utf-8")
    return Environment(autoescape=True).from_string(text)


def _context(result: SolveResult, plan: Plan, config: Config, catalog: Catalog) -> dict[str, Any]:
    key_runs = set(config.week.key_run_days)
    days = [s.day for s in plan.sessions]
    heat = {
        m: [sum(p.exercise.covers(m) for p in s.exercises) for s in plan.sessions] for m in MUSCLES
    }
    coverage = plan.coverage()
    gap = result.gap
    verdict = (
        "proven optimal"
        if str(result.status) == "OPTIMAL"
        else f"best found, within {gap:.2%} of the best possible"
        if gap is not None
        else str(result.status)
    )
    return {
        "athlete": config.athlete,
        "profile": config.profile,
        "notes": plan_notes(config, catalog),
        "sessions": [
            {
                "name": DAY_NAMES[s.day],
                "day": s.day,
                "minutes": s.minutes,
                "load": s.load,
                "eve": next_day(s.day) in key_runs,
                "exercises": s.exercises,
            }
            for s in plan.sessions
        ],
        "days": days,
        "day_names": DAY_NAMES,
        "heat": heat,
        "heat_max": max((v for row in heat.values() for v in row), default=1) or 1,
        "balance": _balance_bars(config, coverage),
        "load_bars": _load_bars(plan, config, key_runs),
        "week_load": plan.load,
        "week_cap": config.load.max_week,
        "verdict": verdict,
        "result": result,
        "stamp": datetime.now().strftime("%Y-%m-%d %H:%M"),
    }


def _balance_bars(config: Config, coverage: dict[str, int]) -> list[Bar]:
    bars = []
    band = config.balance.soleus_to_gastrocnemius
    gastrocnemius = coverage["gastrocnemius"]
    ratio = coverage["soleus"] / gastrocnemius if gastrocnemius else 0.0
    note = f"allowed {band[0]}-{band[1]}" if band else "no band set"
    bars.append(Bar("soleus : gastrocnemius", round(ratio, 2), band[1] if band else None, note))
    for function in CORE_FUNCTIONS:
        least = config.balance.core_min.of(function)
        bars.append(
            Bar(function.replace("_", "-"), coverage[function], least or None, f"at least {least}")
        )
    return bars


def _load_bars(plan: Plan, config: Config, key_runs: set[str]) -> list[Bar]:
    bars = []
    for s in plan.sessions:
        eve = next_day(s.day) in key_runs
        legs = sum(p.exercise.load for p in s.exercises if p.exercise.category in LEG_CATEGORIES)
        cap = config.load.max_lower_before_key_run if eve else None
        note = (
            f"key run tomorrow: legs {legs}" + (f" of at most {cap}" if cap else "") if eve else ""
        )
        bars.append(Bar(DAY_NAMES[s.day], s.load, config.load.max_session, note))
    return bars

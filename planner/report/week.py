"""A week at a glance, read from a plan's JSON form (as_dict, or an ID.plan.json file).

The athlete's page and the team's files (index.html, team.csv, team.xlsx) draw from this one
shape, so a plan solved now, one unchanged since the last batch and a stale one kept from an
earlier run all look the same. It is plain data: a multi-week block can build a glance per
dated week the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from planner.config.config import Config
from planner.plan.week import Plan
from planner.vocabulary import DAYS, LEG_CATEGORIES, next_day

# The plan CSV's columns after `athlete` and `day`: one row per exercise of a session.
EXERCISE_COLUMNS: tuple[str, ...] = (
    "id", "name", "category", "family", "role", "sets", "reps", "unit", "per_side",
    "intensity", "rest_s", "tempo", "load", "minutes", "cue",
)  # fmt: skip
PLAN_COLUMNS: tuple[str, ...] = ("athlete", "day", *EXERCISE_COLUMNS)


@dataclass(frozen=True)
class DayGlance:
    """One day of the week: its session (load None: none), and the key run it holds."""

    day: str
    load: int | None = None
    minutes: int | None = None
    legs: int | None = None  # lower, calf and plyometric load: what the eve cap limits
    exercises: int = 0
    run: str = ""  # "long run", "hard run" or ""
    eve: bool = False  # a key run follows tomorrow
    lifts: tuple[str, ...] = ()  # the session's main lifts: its strength and power work

    @property
    def has_session(self) -> bool:
        return self.load is not None


@dataclass(frozen=True)
class WeekGlance:
    days: tuple[DayGlance, ...]  # all seven, Monday first
    load: int
    max_session: int | None
    max_week: int | None
    max_eve_legs: int | None  # load.max_lower_before_key_run

    @property
    def session_days(self) -> tuple[str, ...]:
        return tuple(d.day for d in self.days if d.has_session)


def main_lifts(exercises: Any, shown: int = 3) -> tuple[str, ...]:
    """What a session is built around, as a coach names it: its heavy (strength) and
    explosive (power) lower-body and jump work, at most `shown` of them ("+2" for more),
    else its first lower-body exercise."""
    legs = [e for e in exercises if e.get("category") in ("lower", "plyometric")]
    main = [str(e["name"]) for e in legs if e.get("role") in ("strength", "power")]
    main = main or [str(e["name"]) for e in legs][:1]
    more = len(main) - shown
    return (*main[:shown], f"+{more}") if more > 0 else tuple(main)


def glance(plan: Mapping[str, Any]) -> WeekGlance:
    """The week of a plan's JSON form; raises KeyError, TypeError or ValueError when the
    data is not a plan (a file edited by hand, say)."""
    config = plan["config"]
    week, caps = config["week"], config["load"]
    runs = {day: "hard run" for day in week.get("hard_runs") or ()}
    if week.get("long_run"):
        runs[week["long_run"]] = "long run"
    sessions = {d["day"]: d for d in plan["days"]}
    if not set(sessions) <= set(DAYS) or not set(runs) <= set(DAYS):
        raise ValueError("not a day of the week")
    days = []
    for day in DAYS:
        s = sessions.get(day)
        eve = next_day(day) in runs
        if s is None:
            days.append(DayGlance(day, run=runs.get(day, ""), eve=eve))
            continue
        exercises = s["exercises"]
        legs = sum(int(e["load"]) for e in exercises if e["category"] in LEG_CATEGORIES)
        days.append(
            DayGlance(day, int(s["load"]), int(s["minutes"]), legs, len(exercises),
                      runs.get(day, ""), eve, main_lifts(exercises))
        )  # fmt: skip
    return WeekGlance(
        tuple(days),
        int(plan["load"]),
        _optional_int(caps.get("max_session")),
        _optional_int(caps.get("max_week")),
        _optional_int(caps.get("max_lower_before_key_run")),
    )


def plan_days(plan: Plan) -> list[dict[str, Any]]:
    """The sessions as the plan JSON has them (`days`): each exercise with its prescription."""
    return [
        {
            "day": s.day,
            "warm_up": s.warm_up,
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
                    "stress": p.stress,
                    "heavy_sets": p.heavy_sets,
                    "loaded": p.exercise.loaded,
                    "minutes": p.minutes,
                    "cue": p.exercise.cue,
                }
                for p in s.exercises
            ],
            "load": s.load,
            "stress": s.stress,
            "minutes": s.minutes,
        }
        for s in plan.sessions
    ]


def plan_glance(plan: Plan, config: Config) -> WeekGlance:
    """The week of a plan in hand (the same shape as one read from its JSON)."""
    week, caps = config.week, config.load
    return glance(
        {
            "config": {
                "week": {"hard_runs": week.hard_runs, "long_run": week.long_run},
                "load": caps.model_dump(),
            },
            "load": plan.load,
            "days": plan_days(plan),
        }
    )


def plan_rows(athlete: str, days: Sequence[Mapping[str, Any]]) -> list[list[Any]]:
    """The plan CSV's rows (PLAN_COLUMNS) of a plan's JSON `days`; None cells are blank."""
    return [
        [athlete, day["day"], *(_blank(e.get(c)) for c in EXERCISE_COLUMNS)]
        for day in days
        for e in day["exercises"]
    ]


def _blank(value: Any) -> Any:
    return "" if value is None else value


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)

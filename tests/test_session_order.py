"""A session in the order a coach runs it (planner/training/session_order.py): a warm-up
line, drills, jumps, the heaviest lifts hardest first, other leg work, upper body, core,
timed stretches; every output lists it the same way."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import sys
from datetime import date
from pathlib import Path

from conftest import make_config

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo root: benchmarks/

from benchmarks import rubric
from planner.catalog.catalog import Catalog
from planner.config.config import load_config
from planner.config.goals import resolve
from planner.pipeline import plan_week
from planner.plan.week import Plan, Prescription, Session
from planner.report.ics import CalendarOptions, as_ics
from planner.report.render import as_dict, render
from planner.training.session_order import coach_order, warm_up_line

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
MIXED = [
    "hamstring_stretch_placeholder",
    "front_plank",
    "standing_calf_raise",
    "goblet_squat",
    "push_up",
    "box_jump",
    "back_squat",
    "leg_swings",
    "calf_wall_stretch",
]


def _session(bundled: Catalog, ids: list[str], goal: str = "strength") -> Session:
    profile = resolve(goal, "advanced")
    return Session("mon", tuple(Prescription.of(bundled[i], profile) for i in ids))


def test_a_mixed_session_runs_in_the_coachs_order(bundled: Catalog) -> None:
    ids = [i for i in MIXED if i in bundled]
    ordered = coach_order(_session(bundled, ids).exercises)
    assert [p.exercise.id for p in ordered] == [
        "leg_swings",  # a dynamic drill: warm-up
        "box_jump",  # jumps while fresh
        "back_squat",  # the heaviest lift, barbell before the goblet squat
        "goblet_squat",
        "standing_calf_raise",
        "push_up",  # upper body, then core
        "front_plank",
        "calf_wall_stretch",  # timed stretches last
    ]


def test_the_order_does_not_depend_on_the_order_chosen(bundled: Catalog) -> None:
    ids = [i for i in MIXED if i in bundled]
    forward = coach_order(_session(bundled, ids).exercises)
    backward = coach_order(_session(bundled, ids[::-1]).exercises)
    assert [p.exercise.id for p in forward] == [p.exercise.id for p in backward]


def test_the_warm_up_names_the_drills_and_the_ramp_up(bundled: Catalog) -> None:
    line = warm_up_line(_session(bundled, ["back_squat", "leg_swings", "box_jump"]).exercises)
    assert line.startswith("5 min easy movement")
    assert "Leg Swings" in line
    assert "before Box Jump" in line
    assert "ramp-up sets of Barbell Back Squat" in line or "ramp-up sets of Back Squat" in line
    plain = warm_up_line(_session(bundled, ["front_plank"]).exercises)
    assert plain == "5 min easy movement (jog, bike or skipping)"  # nothing else to warm up for


def test_a_solved_week_passes_the_rubrics_order_check(bundled: Catalog) -> None:
    for stem in ("5k-bodyweight", "marathon-base"):
        config = load_config(EXAMPLES / f"{stem}.toml")
        result = plan_week(bundled, config)
        data = as_dict(result, config, bundled, timing=False)
        assert rubric.order(data) == [], stem
        assert all(day["warm_up"] for day in data["days"])


def test_the_plan_keeps_the_order_from_the_solver_on(bundled: Catalog) -> None:
    profile = make_config(athlete={"goal": "strength", "level": "advanced"}).profile
    plan = Plan.from_ids(bundled, profile, {"mon": ["front_plank", "box_jump", "back_squat"]})
    assert plan.ids() == {"mon": ["box_jump", "back_squat", "front_plank"]}


def test_every_output_lists_a_session_in_the_same_order(bundled: Catalog) -> None:
    config = load_config(EXAMPLES / "5k-bodyweight.toml")
    result = plan_week(bundled, config)
    assert result.plan is not None
    data = json.loads(render(result, config, bundled, "json", timing=False))
    by_json = [[e["name"] for e in d["exercises"]] for d in data["days"]]
    rows = list(csv.DictReader(io.StringIO(render(result, config, bundled, "csv"))))
    by_csv = [[r["name"] for r in rows if r["day"] == d["day"]] for d in data["days"]]
    assert by_csv == by_json
    every = [n for names in by_json for n in names]
    known = set(every)
    for fmt in ("table", "markdown", "html"):
        text = render(result, config, bundled, fmt, timing=False)
        if fmt == "html":
            listed = re.findall(r'<tr class="exercise"><td[^>]*>([^<]*)</td>', text)
            listed = [html.unescape(n) for n in listed]
        else:  # a table row starts with the name (the cue lines after it with "- ")
            cells = [line.strip("| ").split("  ")[0].split(" | ")[0] for line in text.splitlines()]
            listed = [c for c in cells if c in known]
        assert listed == every, fmt
    calendar = as_ics(result, config, CalendarOptions(date(2026, 12, 7))).replace("\r\n ", "")
    described = [n for n in re.findall(r"\\n- ([^:]+):", calendar) if n in known]
    assert described == every, "ics"
    warm_ups = sum(
        "Warm-up:" in line for line in render(result, config, bundled, "table").splitlines()
    )
    assert warm_ups == len(data["days"])

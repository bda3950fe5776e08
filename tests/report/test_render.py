"""Every output format renders a plan, and an infeasible result, without losing facts."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import make_config, solve_cfg, solve_ok

from planner.catalog.catalog import Catalog
from planner.formats import FORMATS
from planner.report.render import render


@pytest.fixture(scope="module")
def planned(tiny: Catalog):  # type: ignore[no-untyped-def]
    sections = {"week": {"available_days": ["mon", "thu"], "sessions": 2},
                "session": {"lower": [1, 2], "core": [1, 1]}}  # fmt: skip
    return solve_ok(tiny, **sections), make_config(**sections)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_names_every_exercise(tiny: Catalog, planned, fmt: str) -> None:  # type: ignore[no-untyped-def]
    result, config = planned
    text = render(result, config, tiny, fmt)
    for session in result.plan.sessions:
        for p in session.exercises:
            assert p.exercise.name in text or p.exercise.id in text


def test_json_carries_status_days_and_load(tiny: Catalog, planned) -> None:  # type: ignore[no-untyped-def]
    result, config = planned
    data = json.loads(render(result, config, tiny, "json"))
    assert data["status"] == "OPTIMAL"
    assert [d["day"] for d in data["days"]] == ["mon", "thu"]
    assert data["load"] == result.plan.load


def test_csv_has_one_row_per_exercise(tiny: Catalog, planned) -> None:  # type: ignore[no-untyped-def]
    result, config = planned
    rows = list(csv.DictReader(io.StringIO(render(result, config, tiny, "csv"))))
    assert len(rows) == sum(len(s.exercises) for s in result.plan.sessions)


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_an_infeasible_week_shows_the_conflict(tiny: Catalog, fmt: str) -> None:
    sections = {"session": {"lower": [2, 2]}, "load": {"max_week": 2}}
    result = solve_cfg(tiny, **sections)
    text = render(result, make_config(**sections), tiny, fmt)
    assert "No plan" in text and "load.max_week" in text


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_a_prescribed_tempo_is_shown_with_the_intensity(tiny: Catalog, fmt: str) -> None:
    # lunge_bw (single-leg) for a strength goal without weights: a slow lowering, shown.
    sections = {
        "athlete": {"goal": "strength"},
        "equipment": {"available": []},
        "session": {"lower": [1, 1]},
        "exclude": {"exercises": ["squat_bw", "bridge"]},
    }
    result = solve_ok(tiny, **sections)
    assert result.plan is not None
    (p,) = result.plan.sessions[0].exercises
    assert p.tempo is not None
    text = render(result, make_config(**sections), tiny, fmt)
    assert f"{p.intensity}, tempo {p.tempo}" in text


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_a_session_on_a_key_run_day_says_to_lift_after_the_run(tiny: Catalog, fmt: str) -> None:
    sections = {
        "week": {"available_days": ["mon", "wed"], "sessions": 2, "hard_runs": ["wed"],
                 "long_run": "thu"},
        "session": {"core": [1, 1]},
    }  # fmt: skip
    result = solve_ok(tiny, **sections)
    text = render(result, make_config(**sections), tiny, fmt)
    titles = {
        line.split(":")[0].lstrip("# "): line for line in text.splitlines() if ": stress" in line
    }
    assert titles["Wednesday"].endswith("hard run today: lift after the run, long run tomorrow")
    assert "today" not in titles["Monday"]

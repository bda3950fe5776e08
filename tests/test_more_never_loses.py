"""Property: a runner written as a new user writes one (level, goal, days, key runs,
minutes, kit; everything else default) gets a plan, and more kit, more available days,
more minutes or a higher level never turn a plan into no plan (COACHING.md, "more never
loses"). Catalogs are generated too: the bundled one with a random share of its rows left
out, so a goal's favourite exercise may be missing."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.catalog.catalog import Catalog, load_catalog
from planner.config.config import parse_config
from planner.pipeline import plan_week
from planner.vocabulary import DAYS, GOALS, LEVELS

BUNDLED: Catalog = load_catalog()
KIT = ["barbell", "rack", "bench", "dumbbell", "kettlebell", "band", "step", "pullup_bar"]


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    """The bundled catalog with up to 40 % of its rows dropped (never all of a category)."""
    share = draw(st.sampled_from([0.0, 0.2, 0.4]))
    seed = draw(st.integers(0, 2**16))
    kept = tuple(e for i, e in enumerate(BUNDLED) if hash((seed, i)) % 100 >= 100 * share)
    return replace(BUNDLED, exercises=kept)


@st.composite
def runners(draw: st.DrawFn) -> dict[str, Any]:
    days = draw(st.lists(st.sampled_from(DAYS), min_size=1, max_size=6, unique=True))
    long_run = draw(st.sampled_from(DAYS))
    hard = draw(st.lists(st.sampled_from([d for d in DAYS if d != long_run]), max_size=2))
    return {
        "athlete": {"level": draw(st.sampled_from(LEVELS)), "goal": draw(st.sampled_from(GOALS))},
        "week": {
            "available_days": days,
            "long_run": long_run,
            "hard_runs": sorted(set(hard), key=DAYS.index),
            "max_session_minutes": draw(st.sampled_from([20, 30, 45, 60])),
        },
        "equipment": {"available": draw(st.lists(st.sampled_from(KIT), unique=True))},
        "solver": {"time_limit": 5.0},
    }


def more(runner: dict[str, Any], what: str) -> dict[str, Any]:
    """The same runner with more of one thing."""
    week, athlete = dict(runner["week"]), dict(runner["athlete"])
    kit = list(runner["equipment"]["available"])
    if what == "kit":
        kit = sorted(set(kit) | {"kettlebell", "barbell", "rack"})
    elif what == "days":
        week["available_days"] = list(DAYS)
    elif what == "minutes":
        week["max_session_minutes"] = week["max_session_minutes"] + 30
    else:
        athlete["level"] = LEVELS[min(LEVELS.index(athlete["level"]) + 1, 2)]
    return {**runner, "week": week, "athlete": athlete, "equipment": {"available": kit}}


def planned(catalog: Catalog, runner: dict[str, Any]) -> bool:
    result = plan_week(catalog, parse_config(runner))
    assert result.violations == (), result.violations
    return result.plan is not None


@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,  # the same runners every run, as the other property tests
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    catalog=catalogs(),
    runner=runners(),
    what=st.sampled_from(["kit", "days", "minutes", "level"]),
)
def test_more_never_turns_a_plan_into_no_plan(
    catalog: Catalog, runner: dict[str, Any], what: str
) -> None:
    # Every new user's runner gets a plan on the full catalog and on one with rows missing:
    # what the user left to defaults adapts.
    assert planned(catalog, runner), runner
    assert planned(catalog, more(runner, what)), (what, runner)

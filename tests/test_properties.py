"""Property: any valid config either has no plan or gets a plan the checker accepts."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from planner.catalog.catalog import Catalog, load_catalog
from planner.config.config import parse_config
from planner.model import solve
from planner.plan.week import Status
from planner.vocabulary import CATEGORIES, CORE_FUNCTIONS, DAYS, GOALS, LEVELS
from planner.week.check import check_plan

BUNDLED: Catalog = load_catalog()
EQUIPMENT = sorted(BUNDLED.equipment)
TAGS = ["high_impact", "achilles_load", "spinal_load", "overhead", "unilateral", "isometric"]


def _range(draw: st.DrawFn, low_max: int, width: int) -> list[int]:
    low = draw(st.integers(0, low_max))
    return [low, low + draw(st.integers(0, width))]


@st.composite
def configs(draw: st.DrawFn) -> dict[str, Any]:
    days = draw(st.lists(st.sampled_from(DAYS), min_size=1, max_size=7, unique=True))
    long_run = draw(st.none() | st.sampled_from(DAYS))
    hard_runs = draw(st.lists(st.sampled_from([d for d in DAYS if d != long_run]), unique=True))
    session = {c: _range(draw, 2, 2) for c in CATEGORIES}
    weekly = {
        c: _range(draw, 6, 6)
        for c in draw(st.lists(st.sampled_from(CATEGORIES), max_size=2, unique=True))
    }
    band = draw(
        st.none()
        | st.tuples(st.sampled_from([0.5, 0.75, 1.0, 1.5]), st.sampled_from([1.5, 2.0, 3.0, 4.0]))
        .filter(lambda b: b[0] <= b[1])
        .map(list)
    )
    return {
        "athlete": {"level": draw(st.sampled_from(LEVELS)), "goal": draw(st.sampled_from(GOALS))},
        "week": {
            "available_days": days,
            "sessions": draw(st.integers(1, len(days))),
            "long_run": long_run,
            "hard_runs": hard_runs,
            "max_session_minutes": draw(st.integers(20, 90)),
        },
        "session": session,
        "weekly": weekly,
        "balance": {
            "soleus_to_gastrocnemius": band,
            "core_min": {f: draw(st.integers(0, 4)) for f in CORE_FUNCTIONS},
            "core_spread": draw(st.none() | st.integers(0, 6)),
        },
        "load": {
            "max_session": draw(st.integers(6, 40)),
            "max_week": draw(st.none() | st.integers(10, 150)),
            "max_lower_before_key_run": draw(st.none() | st.integers(0, 15)),
        },
        "variety": {"max_per_week": draw(st.integers(1, 3))},
        "equipment": {"available": draw(st.lists(st.sampled_from(EQUIPMENT), unique=True))},
        "exclude": {"tags": draw(st.lists(st.sampled_from(TAGS), max_size=2, unique=True))},
        "solver": {"time_limit": 5.0, "workers": 1, "seed": 0},
    }


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=configs())
def test_any_plan_passes_the_checker(data: dict[str, Any]) -> None:
    config = parse_config(data)
    result = solve(BUNDLED, config)
    event(str(result.status))
    assert result.status in {Status.OPTIMAL, Status.FEASIBLE, Status.INFEASIBLE, Status.UNKNOWN}
    if result.plan is None:
        assert result.status in {Status.INFEASIBLE, Status.UNKNOWN}
        return
    assert check_plan(result.plan, BUNDLED, config) == []
    assert len(result.plan.sessions) == config.week.session_count
    if result.status == Status.OPTIMAL:
        assert result.objective == result.best_bound

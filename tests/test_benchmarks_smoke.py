"""Smoke test of the benchmark peers on one small instance and one small block (the full run:
python -m benchmarks).

The synthetic catalog must load and keep the bundled category mix; the greedy plan, when
there is one, must pass the independent checker; and HiGHS on the same model as a MIP must
reach exactly CP-SAT's optimum (skipped when highspy, the `bench` extra, is missing).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from block_fixtures import SUNDAY_OF_WEEK_3, block_config

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo root: benchmarks/

from benchmarks.block_run import evaluate_block
from benchmarks.cpsat_run import run_cpsat
from benchmarks.greedy import greedy_plan
from benchmarks.instances import BlockInstance, athlete_config
from benchmarks.objective import plan_objective
from benchmarks.synthetic import category_quotas, generate_rows, synthetic_catalog
from planner.catalog.catalog import Catalog, load_catalog
from planner.config.config import Config, parse_config
from planner.plan.week import Plan
from planner.week.check import check_plan


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalog, Config]:
    catalog = synthetic_catalog(200, seed=1, directory=tmp_path_factory.mktemp("synthetic"))
    return catalog, athlete_config(3, seed=0, time_limit=10.0)


def test_synthetic_catalog_keeps_the_mix_and_has_twins(small: tuple[Catalog, Config]) -> None:
    catalog, _ = small
    bundled = load_catalog()
    assert len(catalog) == 200
    assert set(bundled.ids) <= set(catalog.ids)
    mix = Counter(e.category for e in catalog)
    assert mix == category_quotas([{"category": e.category} for e in bundled], 200)
    profiles = Counter((e.category, e.family, e.load, e.minutes, e.coverage) for e in catalog)
    assert any(n > 1 for n in profiles.values()), "no identical-profile variants"
    assert generate_rows(200, seed=1) == generate_rows(200, seed=1)  # seeded


def test_greedy_plan_passes_the_checker(small: tuple[Catalog, Config]) -> None:
    catalog, config = small
    greedy = greedy_plan(catalog, config)
    optimum = run_cpsat(catalog, config)
    assert optimum.status == "OPTIMAL"
    if greedy.plan is not None:
        plan = Plan.from_ids(catalog, config.profile, greedy.plan)
        assert check_plan(plan, catalog, config) == []
        assert greedy.objective == plan_objective(greedy.plan, catalog, config)
        assert optimum.objective is not None and greedy.objective <= optimum.objective


def test_highs_reaches_the_cpsat_optimum(small: tuple[Catalog, Config]) -> None:
    pytest.importorskip("highspy")
    from benchmarks.highs_model import run_highs

    catalog, config = small
    cp = run_cpsat(catalog, config)
    highs = run_highs(catalog, config)
    assert cp.status == highs.status == "OPTIMAL"
    assert highs.objective == cp.objective
    assert highs.plan is not None
    plan = Plan.from_ids(catalog, config.profile, highs.plan)
    assert check_plan(plan, catalog, config) == []
    assert plan_objective(highs.plan, catalog, config) == highs.objective


SMALL_BLOCKS: dict[str, dict[str, Any]] = {
    "race": {"race": SUNDAY_OF_WEEK_3, "taper_days": 7, "deload_every": 0},  # taper rules
    "deload": {"weeks": 3, "deload_every": 2},  # held lifts, a deload, progression
}


@pytest.mark.parametrize("with_highs", [False, True])
@pytest.mark.parametrize("block", list(SMALL_BLOCKS))
def test_block_section_solvers_agree_on_a_small_block(
    tiny: Catalog, block: str, with_highs: bool
) -> None:
    """solve_block, CP-SAT alone, week by week and (with highspy) HiGHS on a 3-week block:
    every block passes check_block and scores what its solver claims, the proven optima
    agree, and week by week, when it finds a block, is no better than the optimum."""
    if with_highs:
        pytest.importorskip("highspy")
    config = block_config(SMALL_BLOCKS[block])
    result = evaluate_block(BlockInstance("tiny/3w", tiny, config, "tiny"), with_highs)
    assert result.problems == []
    expected = {"solve_block", "alone", "greedy"} | ({"highs"} if with_highs else set())
    assert set(result.runs) == expected
    assert all(run.checked for run in result.runs.values())
    optimum = result.runs["solve_block"].times
    assert optimum.status == "OPTIMAL" and optimum.objective is not None
    assert result.runs["alone"].objective == optimum.objective
    if with_highs:
        assert result.runs["highs"].times.status == "OPTIMAL"
        # HiGHS's MIP omits issue 21's rules (block_mip.OMITTED_RULES): a relaxation
        assert result.runs["highs"].objective is not None
        assert result.runs["highs"].objective >= optimum.objective
    greedy = result.runs["greedy"]  # may fail: its weeks are chosen without looking ahead
    assert (greedy.times.status == "FAILED") == (greedy.weeks is None)
    assert greedy.objective is None or greedy.objective <= optimum.objective


def test_highs_weighs_the_goals_extra_as_cpsat_does() -> None:
    # An advanced flexibility runner's 26-minute session misses a target below the floor and
    # the dose's extra third stretch, one tier down (planner/model/goal_terms.py): both
    # solvers weigh them alike and reach the same optimum.
    pytest.importorskip("highspy")
    from benchmarks.highs_model import run_highs

    catalog = load_catalog()
    config = parse_config({
        "athlete": {"level": "advanced", "goal": "flexibility"},
        "week": {"available_days": ["tue"], "sessions": 1, "max_session_minutes": 26},
        "solver": {"workers": 1, "seed": 0, "time_limit": 60.0},
    })  # fmt: skip
    cp, highs = run_cpsat(catalog, config), run_highs(catalog, config)
    assert cp.status == highs.status == "OPTIMAL"
    assert highs.objective == cp.objective
    assert cp.plan is not None and highs.plan is not None
    assert plan_objective(highs.plan, catalog, config) == highs.objective

"""The benchmark's block MIP (benchmarks/block_mip.py) refuses what each block rule refuses.

For every rule, the forced-infeasible case of tests/model/test_block_rules.py is set up
in the MIP: HiGHS must find no block with every rule, and a block once that one rule is
left out, so the rule's rows are what refuses it. Skipped without highspy (`bench` extra).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from block_fixtures import ONE_SET, PLANK_ONLY, SUNDAY_OF_WEEK_3, block_config, jumping_setups
from conftest import HEADER, tiny_rows, write_csv

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo root: benchmarks/

from benchmarks import block_mip
from benchmarks.block_mip import BLOCK_RULES, BlockMip, build_block_mip
from benchmarks.highs_run import solve_mip
from planner.catalog.catalog import Catalog, load_catalog
from planner.training.week_setup import week_setups

pytest.importorskip("highspy")

RACE = {"race": SUNDAY_OF_WEEK_3, "deload_every": 0}


def force(*cells: tuple[int, str, str, int]) -> Callable[[BlockMip], None]:
    """Fix does[day, exercise] of 1-based weeks to a value."""

    def fix(b: BlockMip) -> None:
        for week, day, exercise, value in cells:
            col = b.weeks[week - 1].does(day, exercise)
            b.whole.row("forced", {col: 1.0}, value, value)

    return fix


def eve_session(b: BlockMip) -> None:
    b.whole.row("forced", {b.weeks[2].trains_on("sat"): 1.0}, 1, 1)


def strength_only_hinge(tmp: Path) -> Catalog:
    rows = [[*row, "strength" if row[0] == "hinge_rdl" else ""] for row in tiny_rows()]
    return load_catalog(write_csv(tmp / "tiny.csv", [*HEADER, "stimuli"], rows))


# rule -> (block settings, other config sections, forcing, week 2 jumps, own catalog)
CASES: dict[str, tuple[dict[str, Any], dict[str, Any], Any, bool, bool]] = {
    "main_lifts_held_within_phase": (
        {"weeks": 2, "deload_every": 0},
        {"exclude": {"exercises": ["lunge_bw"]}},  # a heavy lift too, by its prescription
        force((1, "mon", "squat_goblet", 0), (2, "mon", "hinge_rdl", 0)),
        False,
        False,
    ),
    "deload_weeks_lighten": (
        {"weeks": 2, "deload_every": 2},
        {"goal": {"prescription": ONE_SET}},
        None,
        False,
        False,
    ),
    "progression_capped": (
        {"weeks": 2, "deload_every": 0},
        {"include": {"exercises": ["squat_goblet"]}},
        None,
        True,
        False,
    ),
    "taper_volume_falls": (
        RACE,
        {**PLANK_ONLY, "goal": {"prescription": ONE_SET}},
        None,
        False,
        False,
    ),
    "no_heavy_legs_in_taper": (
        {**RACE, "taper_days": 7},
        {"include": {"exercises": ["hinge_rdl"]}},
        None,
        False,
        True,
    ),
    "taper_brings_nothing_new": (
        RACE,
        {},
        force((1, "mon", "dead_bug", 0), (2, "mon", "dead_bug", 0), (3, "mon", "dead_bug", 1)),
        False,
        False,
    ),
    "rest_before_race": (
        RACE,
        {  # Thursday trains; Saturday is the eve (Friday would be leg-free: no session)
            "week": {"available_days": ["thu", "sat"], "sessions": 1},
            "session": {"lower": [0, 2]},
            "goal": {"dose": 0},
        },
        eve_session,
        False,
        False,
    ),
}


def test_every_rule_has_a_case() -> None:
    assert [r.__name__ for r in BLOCK_RULES] == list(CASES)


@pytest.mark.parametrize("rule", list(CASES))
def test_the_rule_refuses_its_forced_case(
    rule: str, tiny: Catalog, tmp_path_factory: pytest.TempPathFactory
) -> None:
    block, sections, forcing, shaped, own_catalog = CASES[rule]
    catalog = strength_only_hinge(tmp_path_factory.mktemp("heavy")) if own_catalog else tiny
    config = block_config(block, **sections)
    setups = jumping_setups(config) if shaped else list(week_setups(config))
    without = [r for r in BLOCK_RULES if r is not getattr(block_mip, rule)]
    statuses = []
    for rules in (BLOCK_RULES, without):
        b = build_block_mip(catalog, config, setups, rules)
        if forcing:
            forcing(b)
        statuses.append(solve_mip(b.whole, seed=0, time_limit=10).times.status)
    assert statuses == ["INFEASIBLE", "OPTIMAL"]

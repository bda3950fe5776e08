"""Small blocks on the tiny catalog, solved and checked, for the block's tests."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date
from typing import Any

from conftest import make_config, merge

from planner.block.check import check_block
from planner.catalog.catalog import Catalog
from planner.config.config import Config
from planner.config.goals import Dose
from planner.model.block.bounds import Alone, weeks_alone
from planner.model.block.week_models import block_from_week_models
from planner.pipeline import plan_block
from planner.plan.block import BlockResult
from planner.plan.week import Status
from planner.training.week_setup import WeekSetup, week_setups

MONDAY = date(2027, 1, 4)
SUNDAY_OF_WEEK_3 = date(2027, 1, 24)

# One Monday session: one or two lower-body lifts, a core exercise; a strength goal with
# its dose (the second lift leaves room for the light legs a taper needs).
OPEN = {
    "session": {"lower": [1, 2], "core": [1, 1]},
    "athlete": {"goal": "strength", "level": "intermediate"},
    "goal": {"dose": 1, "eve_dose": 0},
}


ONE_SET = {role: {"sets": 1} for role in ("strength", "power", "endurance", "stability")}

# A stretching block whose only loaded work is one plank a session: every week's volume is
# the plank's load times its sets, so only the race week's cut sets can lighten it.
PLANK_ONLY = {
    "athlete": {"goal": "flexibility"},
    "session": {"lower": [0, 0], "core": [1, 1], "mobility": [1, 1]},
    "exclude": {
        "exercises": ["side_plank", "pallof_press", "dead_bug", "bird_dog", "suitcase_carry"]
    },
}


def block_config(block: dict[str, Any], **sections: Any) -> Config:
    return make_config(block={"start": MONDAY, **block}, **merge(OPEN, sections))


def solve_block_ok(catalog: Catalog, config: Config) -> BlockResult:
    """Solved, proven optimal, and valid for the independent checker."""
    result = plan_block(catalog, config)
    assert result.status == Status.OPTIMAL, (result.summary(), result.conflicts, result.note)
    assert result.weeks is not None
    assert result.violations == ()
    assert check_block(result.weeks, catalog, config) == []
    return result


def ids(result: BlockResult, week: int, day: str = "mon") -> list[str]:
    assert result.weeks is not None
    plan = result.weeks[week - 1].plan
    return [p.exercise.id for s in plan.sessions if s.day == day for p in s.exercises]


def jumping_setups(config: Config) -> list[WeekSetup]:
    """Week 2 with every strength prescription two sets up: more than one step."""
    setups = list(week_setups(config))
    profile = setups[1].config.profile
    jumped: dict[str, Dose] = dict(profile.prescription)
    jumped["strength"] = jumped["strength"].model_copy(update={"sets": 6})
    shaped = setups[1].config.reshaped(replace(profile, prescription=jumped))
    setups[1] = replace(setups[1], config=shaped)
    return setups


def later() -> float:
    """A deadline no test here reaches (the solves end on their own)."""
    return time.perf_counter() + 60


# A race in week 3 with a 7-day taper: weeks 1 and 2, each best on its own, lift only heavy
# legs; the race week may neither lift heavy nor bring in leg work the block has not done.
RACE_WEEK_STRANDED = {"race": SUNDAY_OF_WEEK_3, "taper_days": 7, "deload_every": 0}


def race_week_stranded(catalog: Catalog) -> tuple[Config, list[WeekSetup], Alone]:
    """The block of RACE_WEEK_STRANDED, its setups and weeks alone; its first block, planned
    week by week in small models, leaves the race week without a plan."""
    config = block_config(RACE_WEEK_STRANDED)
    setups = list(week_setups(config))
    alone = weeks_alone(catalog, config, setups, None, later())
    assert alone is not None
    assert block_from_week_models(alone, config, setups, None, later()) is None
    return config, setups, alone

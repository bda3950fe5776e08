"""A first block short of its bounds looks ahead to its taper (planner/model/block/
look_ahead.py): the week that may bring new exercises last before the taper holds what the
taper weeks' best plans alone want, the weeks after it are played again, every block rule
kept."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from block_fixtures import block_config, later, race_week_stranded

from planner.block.check import check_block
from planner.catalog.catalog import Catalog
from planner.config.config import Config
from planner.model.block import look_ahead, week_models, week_probe
from planner.model.block import solve as block_solve
from planner.model.block.bounds import Alone, alone_key, weeks_alone
from planner.model.block.seen_only import best_seen_only, held_before
from planner.model.block.week_models import block_from_week_models, extend_block
from planner.model.block.weeks_block import WeeksBlock, append_week
from planner.plan.block import PlannedWeek
from planner.plan.week import Plan
from planner.training.week_setup import WeekSetup, week_setups

SUNDAY_OF_WEEK_5 = date(2027, 2, 7)
# Three endurance sessions, a race at the end of week 5: weeks 1-4 build, week 5 tapers.
THREE_DAYS = {
    "week": {"available_days": ["mon", "wed", "fri"], "sessions": 3},
    "athlete": {"goal": "endurance", "level": "intermediate"},
}


def _race_in_week_5(rotate_every: int, taper_days: int = 7, deload_every: int = 0) -> Config:
    return block_config(
        {
            "race": SUNDAY_OF_WEEK_5,
            "taper_days": taper_days,
            "deload_every": deload_every,
            "rotate_every": rotate_every,
        }
    )


@pytest.mark.parametrize(
    ("config", "week"),
    [
        (_race_in_week_5(rotate_every=0), 1),  # only the phase's first build week
        (_race_in_week_5(rotate_every=2), 3),  # the build weeks rotate: 1, 3
        (_race_in_week_5(rotate_every=3), 4),  # 1, 4
        (_race_in_week_5(rotate_every=1), 4),  # every build week
        (_race_in_week_5(rotate_every=2, taper_days=14, deload_every=3), 1),  # 4-5 taper
        (block_config({"weeks": 5, "deload_every": 0}), None),  # no race, no taper
    ],
)
def test_the_week_that_looks_ahead_is_the_last_before_the_taper_that_may_bring_new_ones(
    config: Config, week: int | None
) -> None:
    index = look_ahead.looks_ahead(week_setups(config), config)
    assert (None if index is None else index + 1) == week


def _first_block(catalog: Catalog) -> tuple[Config, list[WeekSetup], Alone, WeeksBlock]:
    config = block_config({"race": SUNDAY_OF_WEEK_5, "taper_days": 7, "deload_every": 0,
                           "rotate_every": 2}, **THREE_DAYS)  # fmt: skip
    setups = list(week_setups(config))
    alone = weeks_alone(catalog, config, setups, None, later())
    assert alone is not None
    block = block_from_week_models(alone, config, setups, None, later())
    assert block is not None
    return config, setups, alone, block


def _weeks(catalog: Catalog, block: WeeksBlock) -> list[PlannedWeek]:
    weeks = []
    for part, solver in zip(block.parts, block.solvers, strict=True):
        days = {} if part.variables is None or solver is None else part.variables.extract(solver)
        weeks.append(PlannedWeek(part.setup, Plan.from_ids(catalog, part.config.profile, days)))
    return weeks


def test_the_taper_wants_what_its_best_plan_alone_holds_and_no_week_before_did(
    tiny: Catalog,
) -> None:
    config, setups, alone, block = _first_block(tiny)
    index = look_ahead.looks_ahead(setups, config)
    assert index == 2
    wants = look_ahead.taper_wants(alone, setups, config, block.parts[:index],
                                   block.values[:index])  # fmt: skip
    taper = alone[alone_key(setups[-1], config)].plan
    assert taper is not None and wants
    held_before = {e for values in block.values[:index] if values for (_, e), x in values.items()
                   if x}  # fmt: skip
    in_taper = {e for (_, e), x in taper.items() if x}
    assert set(wants) == in_taper - held_before
    assert all(seen == 0 and need >= 1 for seen, need in wants.values())


def _held_again(tiny: Catalog) -> tuple[WeeksBlock, WeeksBlock, list[PlannedWeek], Config]:
    """Week 3 again holding a plank, which it can at its score, and the weeks after it."""
    config, setups, alone, block = _first_block(tiny)
    before, part, found = block.head(2), block.parts[2], block.values[2]
    assert found is not None and not any(x for (_, e), x in found.items() if e == "plank")
    week = alone[alone_key(setups[2], config)]
    solved = look_ahead._holding_more(
        week, part, before, {"plank": (0, 1)}, found, block.scores[2], config, None,
        later(), len(setups),
    )  # fmt: skip
    assert solved is not None
    append_week(before, part, solved, week.bound)
    before.ahead = 2  # it has looked ahead
    again = extend_block(before, len(setups), alone, config, setups, None, later())
    assert again is not None
    return block, again, _weeks(tiny, again), config


def test_a_week_held_again_keeps_its_score_and_every_block_rule(tiny: Catalog) -> None:
    block, again, weeks, config = _held_again(tiny)
    assert again.scores[2] >= block.scores[2]
    values = again.values[2]
    assert values is not None and any(x for (_, e), x in values.items() if e == "plank")
    assert check_block(weeks, tiny, config) == []  # the independent checker


def test_a_week_held_again_comes_out_the_same_each_time(tiny: Catalog) -> None:
    _, first, _, _ = _held_again(tiny)
    _, second, _, _ = _held_again(tiny)
    assert first.values == second.values and first.scores == second.scores


def test_the_weeks_of_a_first_block_break_block_rules_without_their_links(
    tiny: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The race week may bring in nothing the block has not done (taper_brings_nothing_new),
    # which leaves it no plan given the weeks before it; without the links it has one, and
    # the checker names the rule it breaks.
    config, setups, alone = race_week_stranded(tiny)
    monkeypatch.setattr(week_probe, "link_week", lambda *args: None)
    unlinked = block_from_week_models(alone, config, setups, None, later())
    assert unlinked is not None
    broken = {v.rule for v in check_block(_weeks(tiny, unlinked), tiny, config)}
    assert "taper_brings_nothing_new" in broken


def test_a_taper_week_holding_only_what_was_held_caps_its_score_in_the_block(
    tiny: Catalog,
) -> None:
    config, setups, alone, block = _first_block(tiny)
    for i, setup in enumerate(setups):
        if setup.week.taper:
            week = alone[alone_key(setup, config)]
            seen = held_before(block.parts[:i], block.values[:i])
            known = best_seen_only(week, seen, config, None, later())
            assert known is not None
            assert block.scores[i] <= known[0] <= week.bound


def test_only_a_block_the_forecast_finds_short_looks_ahead(
    tiny: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    again = look_ahead.week_again

    def spy(block: WeeksBlock, index: int, *args: Any) -> WeeksBlock | None:
        calls.append(index)
        return again(block, index, *args)

    monkeypatch.setattr(look_ahead, "week_again", spy)
    monkeypatch.setattr(week_models, "week_again", spy)
    # Two endurance sessions, a race at the end of week 4: the block meets its bounds.
    within = block_config({"race": date(2027, 1, 31), "taper_days": 7, "deload_every": 0},
                          **{**THREE_DAYS, "week": {"available_days": ["mon", "thu"],
                                                    "sessions": 2}})  # fmt: skip
    result = block_solve.solve_block(tiny, within, week_setups(within))
    assert result.best_bound == result.objective and calls == []
    first = _first_block(tiny)[3]  # 1.4 % short: its race week
    assert first.bound - first.objective > 0.001 * first.objective
    assert calls == [2]  # week 3, once

"""A block says, week by week, which of its phase's targets a week misses and why
(planner/block/shortfalls.py), in every format, as a week plan does."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from conftest import TINY_EQUIPMENT

from planner.block.shortfalls import _no_room
from planner.catalog.catalog import Catalog
from planner.config.config import Config, parse_config
from planner.pipeline import plan_block
from planner.plan.block import BlockResult
from planner.report.block_html import block_html
from planner.report.block_render import block_dict, render_block
from planner.training.week_setup import week_setups
from planner.week.shortfalls import missed_targets

# Two sessions a week on the tiny catalog, the session counts left to the endurance profile,
# a race in week 3: the catalog has no heavy calf exercise, and the race week's one session
# has room for one anti-rotation exercise, not the profile's two.
RACE_IN_WEEK_3: dict[str, Any] = {
    "athlete": {"goal": "endurance", "level": "intermediate"},
    "week": {"available_days": ["mon", "thu"], "sessions": 2, "max_session_minutes": 60},
    "equipment": {"available": TINY_EQUIPMENT},
    "block": {"start": date(2027, 1, 4), "race": date(2027, 1, 24), "taper_days": 7},
    "solver": {"time_limit": 10, "workers": 1, "seed": 0},
}
TAPER_REASON = (
    "the taper does less: fewer and shorter sessions, with only exercises the block has done"
)


@pytest.fixture(scope="module")
def block(tiny: Catalog) -> tuple[Config, BlockResult]:
    config = parse_config(RACE_IN_WEEK_3)
    return config, plan_block(tiny, config)


def test_a_week_says_what_it_misses_and_the_race_week_why_the_taper_does(
    block: tuple[Config, BlockResult],
) -> None:
    _, result = block
    assert result.weeks is not None
    missed = [w.missed for w in result.weeks]
    # What no week could hold keeps the week's own reason; the race week's, the taper's.
    assert missed[0] == ("0 heavy calf exercise(s) in the week, not 1: the catalog has none.",)
    assert missed[2] == (f"anti-rotation work of 1 in the week, not 2: {TAPER_REASON}.",)


def test_every_format_shows_a_weeks_notes(tiny: Catalog, block: tuple[Config, BlockResult]) -> None:
    config, result = block
    assert result.weeks is not None
    note = result.weeks[2].missed[0]
    weeks = json.loads(render_block(result, config, tiny, "json", timing=False))["weeks"]
    assert [w["notes"] for w in weeks] == [list(w.missed) for w in result.weeks]
    assert block_dict(result, config, tiny)["weeks"][1]["notes"] == list(result.weeks[1].missed)
    text = render_block(result, config, tiny, "table", timing=False)
    week_3 = text[text.index("Week 3 (") :]
    assert week_3.splitlines()[2] == note  # under the week's title, before its sessions
    markdown = render_block(result, config, tiny, "markdown", timing=False)
    assert f"- {note}" in markdown
    page = block_html(result, config, tiny, timing=False)
    assert f"<li>{note}</li>" in page
    assert page.count('<ul class="notes">') == sum(bool(w.missed) for w in result.weeks)


def test_a_build_week_blames_what_it_keeps_and_a_deload_the_week_before() -> None:
    config = parse_config({**RACE_IN_WEEK_3, "block": {"start": date(2027, 1, 4), "weeks": 6}})
    setups = week_setups(config)
    # Week 1 brings the phase's exercises, 2 and 3 keep them, 4 deloads, 5 rotates.
    assert "the block's rules" in _no_room(setups, 0)
    assert _no_room(setups, 1).startswith("this week may only keep exercises of the build week")
    assert _no_room(setups, 3) == "a deload repeats the week before it, with fewer sets"
    assert "the block's rules" in _no_room(setups, 4)
    assert "60 minutes" in _no_room(setups, 0)  # a week alone's room, where it chose freely


def test_without_heavy_legs_no_heavy_work_is_missed(
    tiny: Catalog, block: tuple[Config, BlockResult]
) -> None:
    # A taper week's notes: the block stops the heavy leg lifts there, so the heavy calf the
    # catalog lacks is not missed; the counts still are.
    _, result = block
    assert result.weeks is not None
    first = result.weeks[0]
    with_heavy = missed_targets(first.plan, tiny, first.setup.config)
    assert with_heavy == list(first.missed)
    assert missed_targets(first.plan, tiny, first.setup.config, heavy_legs=False) == []
    race_week = result.weeks[2]
    taper = missed_targets(race_week.plan, tiny, race_week.setup.config, heavy_legs=False)
    assert [n.split(":")[0] for n in taper] == ["anti-rotation work of 1 in the week, not 2"]

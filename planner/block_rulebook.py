"""The rules that link the weeks of a block, as plain data (planner/model/block/rules.py
enforces them, planner/block/check.py verifies them, each by the rule's name); every
weekly rule of planner/rulebook.py holds in every week too."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.rule_kinds import Rule, Sense

if TYPE_CHECKING:
    from planner.config.config import Config


def _taper(config: Config) -> str:
    days = config.block.taper_days if config.block else 0
    return f"the last {days} day(s) before the race"


BLOCK_RULES: tuple[Rule, ...] = (
    Rule(
        "main_lifts_held_within_phase",
        ("block.phases",),
        Sense.FIXED,
        lambda c, k, v: "the same main lifts every week of a phase, so their load can progress",
    ),
    Rule(
        "exercises_carry_within_phase",
        ("block.rotate_every",),
        Sense.FIXED,
        lambda c, k, v: (
            "a build week keeps at least 60 % of the exercises of the one before in its phase, "
            + ("none new within a phase" if v == 0 else f"new ones every {v or 3} build weeks")
        ),
    ),
    Rule(
        "deload_weeks_lighten",
        ("block.deload_every",),
        Sense.FIXED,
        lambda c, k, v: (
            "a deload week repeats the week before's sessions with at most 75 % of its volume"
        ),
    ),
    Rule(
        "progression_capped",
        ("block.progression",),
        Sense.FIXED,
        lambda c, k, v: "no exercise's prescription grows by more than one step a week",
        configurable=False,
    ),
    Rule(
        "progression_carries",
        ("block.progression_carries",),
        Sense.FIXED,
        lambda c, k, v: (
            "no lift kept from one build week to the next falls back more than one step"
        ),
        configurable=False,
    ),
    Rule(
        "jumps_build_up",
        ("block.max_contacts",),
        Sense.FIXED,
        lambda c, k, v: (
            f"at most {200 if v is None else v} jump contacts a week, growing by at most 40 a "
            "week, and a hard jump only after a lighter one in the two weeks before"
        ),
    ),
    Rule(
        "taper_volume_falls",
        ("block.taper_volume",),
        Sense.FIXED,
        lambda c, k, v: (
            "volume falls through the taper, the race week at most 60 % of the block's peak"
        ),
        configurable=False,
    ),
    Rule(
        "taper_does_less",
        ("block.taper_does_less",),
        Sense.FIXED,
        lambda c, k, v: (
            "no taper week with more exercises or minutes than the lightest build week, "
            "and nothing for the legs in the last 2 days before the race"
        ),
        configurable=False,
    ),
    Rule(
        "no_heavy_legs_in_taper",
        ("block.taper_days",),
        Sense.FIXED,
        lambda c, k, v: f"no heavy lower-body lifting in {_taper(c)}",
    ),
    Rule(
        "taper_brings_nothing_new",
        ("block.taper_exercises",),
        Sense.FIXED,
        lambda c, k, v: "no exercise in the taper that the block has not done before",
        configurable=False,
    ),
    Rule(
        "rest_before_race",
        ("block.race",),
        Sense.FIXED,
        lambda c, k, v: "no session on the race's eve or race day",
    ),
)

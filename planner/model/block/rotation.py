"""A week that brings new exercises (the first of its phase, or a week the accessories rotate)
chooses them for the weeks after it too: until the next such week, a build week only keeps
exercises of the one before it (exercises_carry_within_phase), while their prescriptions
grow every week. A flexibility block's holds reach 75 s by the third week of a rotation, so
a choice that fills the first week's 40 minutes leaves the third a calf exercise short
(the quality benchmark's block b03 lost one on three Wednesdays, 16,848 points each).

So such a week may also be planned to fit ahead: its choice must keep every hard rule of the
rotation's last build week (its minutes, stress and load caps at that week's prescriptions),
so the weeks after it can keep all of it (week_models.py tries it when the rotation as first
planned falls short of its weeks' bounds and a later week of it dropped an exercise).
"""

from __future__ import annotations

from collections.abc import Sequence

from ortools.sat.python import cp_model

from planner.config.config import Config
from planner.model.block.coach_rules import brings_new
from planner.model.block.weeks_block import WeeksBlock
from planner.model.context import RuleContext
from planner.model.rules import add_hard_rules
from planner.model.variables import Variables
from planner.training.week_setup import WeekSetup


def rotation_end(setups: Sequence[WeekSetup], config: Config, i: int) -> int:
    """The week (0-based, not included) where the exercises week i chose may change again:
    the next week that brings new ones, or the end of the block."""
    return next(
        (k for k in range(i + 1, len(setups)) if brings_new(setups, config, k)), len(setups)
    )


def last_build_week(setups: Sequence[WeekSetup], config: Config, i: int) -> int | None:
    """The rotation's last build week after week i, when week i brings new exercises and a
    later build week of its phase must keep them; else None."""
    if not brings_new(setups, config, i):
        return None
    phase = setups[i].week.phase
    later = [
        k
        for k in range(i + 1, rotation_end(setups, config, i))
        if _builds(setups[k]) and setups[k].week.phase == phase
    ]
    return later[-1] if later else None


def fit_ahead(model: cp_model.CpModel, v: Variables, later: WeekSetup) -> None:
    """Week `v`'s choice keeps every hard rule of week `later` as well: as that week
    prescribes them, the same exercises on the same days are a plan there too."""
    add_hard_rules(RuleContext(model, v, later.config))


def dropped(block: WeeksBlock, i: int, end: int) -> bool:
    """A build week after week i, up to `end`, holds fewer exercises than week i chose: what
    fitting ahead could keep (otherwise it costs a search for nothing: the marathon's
    rotations fall short for other reasons, 4.4 -> 6.2 s)."""
    chosen = block.values[i]
    if chosen is None:
        return False
    return any(
        (later := block.values[k]) is not None
        and block.parts[k].setup.week.volume == "full"
        and sum(later.values()) < sum(chosen.values())
        for k in range(i + 1, min(end, len(block.values)))
    )


def _builds(setup: WeekSetup) -> bool:
    return not (setup.rests or setup.week.deload or setup.week.taper or setup.disrupted)

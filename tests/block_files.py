"""A small block on the tiny catalog for the tests of the block's outputs (calendar, page):
three weeks from Monday 4 January 2027 to a race on Sunday the 24th, two sessions a week on
Monday, Thursday, Saturday or Sunday, a deload in week 2 and the race week as the taper.
The athlete's goal is endurance but the block's one phase is strength, so what a week says
about its goal must come from the phase. The optimum trains on Saturdays, which in the race
week is the race's eve."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

RACE = date(2027, 1, 24)

RACE_BLOCK = """
catalog = "{catalog}"

[athlete]
name = {name}
goal = "endurance"

[week]
available_days = ["mon", "thu", "sat", "sun"]
sessions = 2
max_session_minutes = 300

[session]
lower = [1, 2]
calf = [0, 0]
core = [1, 1]
upper = [0, 0]
plyometric = [0, 0]
mobility = [0, 0]

[balance]
soleus_to_gastrocnemius = [0.1, 100.0]
core_min = {{ anti_extension = 0, anti_lateral_flexion = 0, anti_rotation = 0 }}

[equipment]
available = ["band", "box", "dumbbell", "pullup_bar"]

[objective]
# Monday, Thursday and Saturday tie on this tiny catalog; the hardness term (the same on
# every day here) changes CP-SAT's path through the tie, so it is off to keep the Saturday
# optimum the race-eve test relies on.
hardness = 0

[goal]
dose = 1
eve_dose = 0
heavy_per_week = {{}}

[block]
start = 2027-01-04
race = {race}
deload_every = 2
phases = ["strength"]
"""


def race_block(directory: Path, catalog: Path, name: str = "Ana", race: date = RACE) -> Path:
    """The block's config, written to directory/block.toml."""
    path = directory / "block.toml"
    text = RACE_BLOCK.format(catalog=catalog.as_posix(), name=json.dumps(name), race=race)
    path.write_text(text, encoding="utf-8")
    return path

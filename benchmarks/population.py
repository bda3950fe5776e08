"""Runners written the way a new user writes a config: only level, goal, available days,
key runs, minutes and kit; every other key is left to the defaults (COACHING.md, "How to
look"). The same seeded population is solved on every catalog of the quality section."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from planner.vocabulary import DAYS, GOALS, LEVELS

FULL_GYM = "full gym"  # every implement the catalog names
KITS: dict[str, tuple[str, ...]] = {
    "bodyweight": (),
    "bands": ("band", "pullup_bar"),
    "one kettlebell": ("kettlebell",),
    "dumbbells": ("dumbbell",),
    "dumbbells and bench": ("dumbbell", "bench", "band"),
    "garage gym": ("barbell", "rack", "bench"),
    FULL_GYM: (),
}
MINUTES = (30, 35, 40, 45, 60, 75)


@dataclass(frozen=True)
class Runner:
    name: str  # "r017"
    kit: str  # a KITS key
    data: dict[str, Any]  # the config as written, without [equipment] (added per catalog)

    @property
    def summary(self) -> str:
        """ "advanced strength, one kettlebell, 4 days, 45 min, long sun, hard tue"."""
        athlete, week = self.data["athlete"], self.data["week"]
        runs = [f"long {week['long_run']}"] if week.get("long_run") else []
        if week.get("hard_runs"):
            runs.append(f"hard {'+'.join(week['hard_runs'])}")
        return ", ".join(
            [
                f"{athlete['level']} {athlete['goal']}",
                self.kit,
                f"{len(week['available_days'])} days",
                f"{week['max_session_minutes']} min",
                *runs,
            ]
        )

    def config_data(self, catalog_equipment: frozenset[str]) -> dict[str, Any]:
        kit = sorted(catalog_equipment) if self.kit == FULL_GYM else list(KITS[self.kit])
        return {**self.data, "equipment": {"available": kit}}


def new_runner(index: int, seed: int = 0) -> Runner:
    rng = random.Random(f"runner-{seed}-{index}")
    available = sorted(rng.sample(DAYS, rng.randint(2, 7)), key=DAYS.index)
    long_run = rng.choice(("sat", "sun", "sun", None))
    others = [d for d in DAYS if d != long_run]
    hard_runs = sorted(rng.sample(others, rng.choice((0, 1, 1, 2, 2))), key=DAYS.index)
    week: dict[str, Any] = {
        "available_days": available,
        "hard_runs": hard_runs,
        "max_session_minutes": rng.choice(MINUTES),
    }
    if long_run:
        week["long_run"] = long_run
    data = {
        "athlete": {
            "name": f"Runner {index}",
            "level": rng.choice(LEVELS),
            "goal": GOALS[index % len(GOALS)],
        },
        "week": week,
    }
    return Runner(f"r{index:03d}", rng.choice(list(KITS)), data)


def population(size: int, seed: int = 0) -> list[Runner]:
    return [new_runner(i, seed) for i in range(size)]

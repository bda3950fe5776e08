"""Benchmark instances: the bundled examples, and seeded athletes for any catalog.

Blocks (section 5): the bundled examples with a [block] section and seeded 16-week,
4-session blocks, on the bundled or a synthetic catalog.

`athlete_config(sessions, seed)` draws a runner with full equipment, `sessions` gym
sessions over 5-7 available days, a long run and one or two hard runs, and a goal, level,
session length and caps that vary with the seed. The data goes through
`planner.config.parse_config`, so every instance is a valid config.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from benchmarks.output import RESULTS
from benchmarks.profiles import Profile
from benchmarks.synthetic import synthetic_catalog
from planner.catalog.catalog import Catalog, load_catalog
from planner.config.config import Config, load_config, parse_config
from planner.training.week_setup import WeekSetup, week_setups
from planner.vocabulary import DAYS, GOALS

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "examples"
# free-exercise-db as `planner catalog import` makes it (benchmarks/data/README.md).
REAL_CATALOG = Path(__file__).resolve().parent / "data" / "free-exercise-db.csv"
DISTANCES = ("10k", "half", "marathon")  # of the seeded blocks' races, by seed


@dataclass(frozen=True)
class Instance:
    name: str  # e.g. "s300/5x/seed1" or "example/marathon-base"
    group: str  # the table cell, e.g. "300 ex, 5 sessions"
    catalog: Catalog
    config: Config
    catalog_label: str  # "bundled", "synthetic-300", ...
    sessions: int
    seed: int | None


def athlete_data(sessions: int, seed: int, *, time_limit: float = 10.0) -> dict[str, Any]:
    rng = random.Random(f"athlete-{sessions}-{seed}")
    n_available = rng.randint(max(5, sessions), 7)
    available = sorted(rng.sample(DAYS, n_available), key=DAYS.index)
    long_run = rng.choice(("sat", "sun"))
    others = [d for d in DAYS if d != long_run]
    hard_runs = sorted(rng.sample(["tue", "wed", "thu", "fri"][: len(others)], rng.randint(1, 2)))
    hard_runs = [d for d in hard_runs if d != long_run]
    equipment = sorted(
        {"barbell", "rack", "bench", "dumbbell", "kettlebell", "box", "step", "cable", "band",
         "pullup_bar", "lat_pulldown", "calf_machine", "seated_calf_machine",
         "back_extension_bench", "slider", "medicine_ball"}
    )  # fmt: skip
    return {
        "athlete": {
            "name": f"Runner {seed}",
            "level": rng.choice(("intermediate", "advanced")),
            "goal": GOALS[seed % len(GOALS)],
        },
        "week": {
            "available_days": available,
            "sessions": sessions,
            "long_run": long_run,
            "hard_runs": hard_runs,
            "max_session_minutes": rng.choice((45, 50, 60)),
        },
        "balance": {
            "soleus_to_gastrocnemius": rng.choice(([0.75, 3.0], [1.0, 2.5], [1.5, 3.0])),
            "core_min": {
                f: rng.choice((2, 3))
                for f in ("anti_extension", "anti_lateral_flexion", "anti_rotation")
            },
            "core_spread": rng.choice((3, 4)),
        },
        "load": {
            "max_session": rng.choice((22, 25, 28)),
            "max_week": rng.choice((None, 24 * sessions)),
            "max_lower_before_key_run": rng.choice((8, 9, 10)),
        },
        "equipment": {"available": equipment},
        "solver": {"time_limit": time_limit, "seed": 0, "workers": 1},
    }


def athlete_config(sessions: int, seed: int, *, time_limit: float = 10.0) -> Config:
    return parse_config(athlete_data(sessions, seed, time_limit=time_limit), source="<bench>")


def examples(
    catalog: Catalog, *, time_limit: float = 10.0, label: str = "bundled"
) -> list[Instance]:
    """The shipped examples on `catalog`: named example/STEM on the bundled catalog, else
    LABEL-example/STEM."""
    prefix = "example" if label == "bundled" else f"{label}-example"
    out = []
    for path in sorted(EXAMPLES_DIR.glob("*.toml")):
        config = load_config(path).with_solver(time_limit=time_limit, workers=1, seed=0)
        out.append(
            Instance(
                name=f"{prefix}/{path.stem}",
                group=f"examples ({label}, {len(catalog)} ex)",
                catalog=catalog,
                config=config,
                catalog_label=label,
                sessions=config.week.session_count,
                seed=None,
            )
        )
    return out


def seeded(
    catalog: Catalog, label: str, sessions: int, seeds: list[int], *, time_limit: float = 10.0
) -> list[Instance]:
    size = len(catalog)
    return [
        Instance(
            name=f"{label}/{sessions}x/seed{s}",
            group=f"{label} ({size} ex), {sessions} sessions",
            catalog=catalog,
            config=athlete_config(sessions, s, time_limit=time_limit),
            catalog_label=label,
            sessions=sessions,
            seed=s,
        )
        for s in seeds
    ]


@dataclass(frozen=True)
class BlockInstance:
    name: str  # "example/block-marathon", "seeded/16w-4x/seed0", ...
    catalog: Catalog
    config: Config  # with the benchmark's time limit, 1 worker, seed 0
    catalog_label: str

    @property
    def setups(self) -> tuple[WeekSetup, ...]:
        return week_setups(self.config)

    @property
    def sessions(self) -> int:
        return self.config.week.session_count


def block_instances(profile: Profile) -> list[BlockInstance]:
    catalog = load_catalog()
    limit = profile.block_time_limit
    out = []
    for stem in profile.block_examples:
        config = load_config(EXAMPLES_DIR / f"{stem}.toml")
        config = config.with_solver(time_limit=limit, workers=1, seed=0)
        out.append(BlockInstance(f"example/{stem}", catalog, config, "bundled"))
    out += [seeded_block(catalog, seed, limit) for seed in profile.block_seeds]
    for size in profile.block_synthetic:
        larger = synthetic_catalog(size, seed=size, directory=RESULTS / "catalogs")
        out.append(seeded_block(larger, 0, limit, f"synthetic-{size}"))
    return out


def seeded_block(
    catalog: Catalog, seed: int, time_limit: float, label: str = "bundled"
) -> BlockInstance:
    """A seeded athlete (instances.athlete_data, 4 sessions) on a 16-week block to a race on
    the Sunday of week 16, the distance and a one- or two-week taper varying with the seed."""
    data = athlete_data(4, seed, time_limit=time_limit)
    start = date(2027, 1, 4)  # a Monday
    data["block"] = {
        "start": start,
        "race": start + timedelta(weeks=15, days=6),
        "distance": DISTANCES[seed % len(DISTANCES)],
        "deload_every": 4,
        "taper_days": (7, 14)[seed % 2],
    }
    config = parse_config(data, source=f"<block seed {seed}>")
    name = f"{'seeded' if label == 'bundled' else label}/16w-4x/seed{seed}"
    return BlockInstance(name, catalog, config, label)

"""Batch throughput: plans per second for a seeded roster, with 1 and with 2 processes.

Uses `planner.batch.run_batch` (the same code path as the batch command); each run writes
into a fresh directory so nothing is resumed. Athletes vary in days, sessions (2-4), goal,
level and kit (full gym, home dumbbells + band, bodyweight), on the bundled catalog.
"""

from __future__ import annotations

import csv
import random
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from planner.vocabulary import DAYS, GOALS

BASE_TOML = """\
[week]
long_run = "sun"
max_session_minutes = 50

[load]
max_session = 25
max_lower_before_key_run = 10
"""

KITS = {
    "gym": "barbell;rack;bench;dumbbell;kettlebell;box;step;cable;band;pullup_bar;"
    "lat_pulldown;calf_machine;seated_calf_machine;back_extension_bench;slider;medicine_ball",
    "home": "dumbbell;band",
    "bodyweight": "none",
}


def write_roster(path: Path, athletes: int, seed: int = 0) -> Path:
    rng = random.Random(f"roster-{seed}")
    columns = [
        "athlete", "name", "athlete.level", "athlete.goal", "week.available_days",
        "week.sessions", "week.hard_runs", "equipment.available",
    ]  # fmt: skip
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for i in range(athletes):
            sessions = rng.randint(2, 4)
            days = sorted(rng.sample(DAYS[:6], rng.randint(sessions, 6)), key=DAYS.index)
            hard = rng.sample(["tue", "wed", "thu"], rng.randint(1, 2))
            writer.writerow([
                f"a{i:04d}", f"Athlete {i}", rng.choice(("beginner", "intermediate", "advanced")),
                rng.choice(GOALS), ";".join(days), sessions,
                ";".join(sorted(hard, key=DAYS.index)),
                KITS[rng.choice(("gym", "gym", "home", "bodyweight"))],
            ])  # fmt: skip
    return path


@dataclass
class BatchTime:
    processes: int
    athletes: int
    plans: int
    wall_s: float
    counts: dict[str, int]
    solve_s: float = 0.0  # CP-SAT's own time, summed over athletes

    @property
    def solve_per_athlete_s(self) -> float:
        return self.solve_s / self.athletes if self.athletes else 0.0

    @property
    def overhead_per_athlete_s(self) -> float:
        """Everything but CP-SAT's search, per athlete, in process-seconds."""
        busy = self.wall_s * self.processes / self.athletes if self.athletes else 0.0
        return max(0.0, busy - self.solve_per_athlete_s)

    @property
    def overhead_share(self) -> float:
        solve = self.solve_per_athlete_s
        return self.overhead_per_athlete_s / solve if solve else 0.0

    @property
    def plans_per_s(self) -> float:
        return self.plans / self.wall_s if self.wall_s else 0.0


def run_batch_bench(athletes: int = 200, processes: tuple[int, ...] = (1, 2)) -> list[BatchTime]:
    from planner.batch import run_batch

    out: list[BatchTime] = []
    with tempfile.TemporaryDirectory(prefix="planner-bench-batch-") as tmp:
        root = Path(tmp)
        roster = write_roster(root / "roster.csv", athletes)
        base = root / "base.toml"
        base.write_text(BASE_TOML, encoding="utf-8")
        for n in processes:
            t0 = time.perf_counter()
            summary = run_batch(
                roster, root / f"out-{n}", config=base, formats=("json",), jobs=n, time_limit=10.0
            )
            wall = time.perf_counter() - t0
            plans = sum(1 for r in summary.results if r.has_plan)
            solve = sum(r.solver_time_s or 0.0 for r in summary.results)
            out.append(BatchTime(n, len(summary.results), plans, wall, summary.counts(), solve))
    return out

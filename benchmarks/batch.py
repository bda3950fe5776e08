"""Section 3, batch throughput: plans per second for a seeded roster, with 1 and with 2 processes.

Uses `planner.batch.run_batch` (the same code path as the batch command); each run writes
into a fresh directory so nothing is resumed. Athletes vary in days, sessions (2-4), goal,
level and kit (full gym, home dumbbells + band, bodyweight), on the bundled catalog.
`batch_section` runs it and returns the table and CSV rows.
"""

from __future__ import annotations

import csv
import random
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.output import Section
from benchmarks.progress import log
from benchmarks.tables import Table, TableRow
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


def batch_section(athletes: int) -> Section:
    log(f"batch: {athletes} athletes, 1 then 2 processes ...")
    timings = run_batch_bench(athletes)
    one = timings[0].plans_per_s
    section = Section(tables=[])
    rows: list[TableRow] = []
    for b in timings:
        rows.append(
            (
                f"{b.processes} process(es)",
                str(b.athletes),
                str(b.plans),
                f"{b.wall_s:.1f}",
                f"{b.plans_per_s:.2f}",
                f"{b.plans_per_s / one:.2f}x" if one else "-",
                f"{b.solve_per_athlete_s * 1000:.0f}",
                f"{b.overhead_per_athlete_s * 1000:.0f}",
                f"{b.overhead_share:.0%}",
                ", ".join(f"{k} {v}" for k, v in b.counts.items()),
            )
        )
        section.summary += [
            {
                "section": "batch",
                "row": f"{b.processes} processes",
                "metric": "plans_per_s",
                "value": round(b.plans_per_s, 3),
            },
            {
                "section": "batch",
                "row": f"{b.processes} processes",
                "metric": "overhead_share_of_solve",
                "value": round(b.overhead_share, 3),
            },
        ]
        section.runs.append(
            {
                "section": "batch",
                "instance": f"roster of {b.athletes}",
                "solver": f"{b.processes} processes",
                "run": 1,
                "solve_s": b.wall_s,
                "objective": b.plans,
                "note": str(b.counts),
            }
        )
    section.tables.append(
        Table(
            "3. Batch (planner.batch.run_batch, bundled catalog, json output)",
            (
                "processes",
                "athletes",
                "plans",
                "wall s",
                "plans/s",
                "vs 1 process",
                "solve ms",
                "overhead ms",
                "overhead/solve",
                "status",
            ),
            rows,
            [
                "   solve ms = CP-SAT's own time per athlete; overhead ms = wall x processes / "
                "athletes - solve ms (process start, validation, model build, checking, "
                "rendering and writing files)"
            ],
        )
    )
    return section

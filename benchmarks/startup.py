"""Section 4, start-up cost as whole processes: `python -c pass` (the baseline), `planner
--help` and a full `planner solve` of a bundled example, each timed with time.perf_counter
around subprocess.run, after one untimed warm-up run. `startup_section` runs them and
returns the table and CSV rows."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.instances import EXAMPLES_DIR
from benchmarks.output import Section
from benchmarks.progress import log
from benchmarks.tables import Table, TableRow


def planner_command() -> list[str]:
    script = Path(sys.executable).with_name("planner")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from planner.cli.main import main; sys.exit(main())"]


def commands(example: str = "marathon-base") -> dict[str, list[str]]:
    planner = planner_command()
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "planner --help": [*planner, "--help"],
        f"planner solve {example}": [*planner, "solve", str(EXAMPLES_DIR / f"{example}.toml")],
    }


@dataclass
class StartupTime:
    name: str
    runs: list[float]
    returncode: int

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


def time_command(name: str, argv: list[str], runs: int) -> StartupTime:
    def once() -> tuple[float, int]:
        t0 = time.perf_counter()
        done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - t0, done.returncode

    _, code = once()  # warm the file cache; not counted
    times = []
    for _ in range(runs):
        elapsed, code = once()
        times.append(elapsed)
    return StartupTime(name, times, code)


def run_startup(runs: int = 7) -> list[StartupTime]:
    return [time_command(name, argv, runs) for name, argv in commands().items()]


def startup_section(runs: int) -> Section:
    log("startup: timing whole processes ...")
    startup = run_startup(runs)
    base = startup[0].median  # python -c pass
    section = Section(tables=[])
    rows: list[TableRow] = []
    for s in startup:
        rows.append(
            (
                s.name,
                f"{s.median * 1000:.0f}",
                f"{s.median / base:.1f}x",
                f"{(s.median - base) * 1000:.0f}",
                str(s.returncode),
            )
        )
        section.summary.append(
            {
                "section": "startup",
                "row": s.name,
                "metric": "median_ms",
                "value": round(s.median * 1000, 1),
            }
        )
        section.runs += [
            {
                "section": "startup",
                "instance": s.name,
                "solver": "process",
                "run": i + 1,
                "solve_s": t,
                "status": s.returncode,
            }
            for i, t in enumerate(s.runs)
        ]
    section.tables.append(
        Table(
            f"4. Start-up, whole processes (median of {runs} runs after 1 warm-up)",
            ("command", "ms", "vs python -c pass", "extra ms", "exit"),
            rows,
        )
    )
    return section

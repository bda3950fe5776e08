"""Start-up cost as whole processes: `python -c pass` (the baseline), `planner --help` and
a full `planner solve` of a bundled example, each timed with time.perf_counter around
subprocess.run, after one untimed warm-up run."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.instances import EXAMPLES_DIR


def planner_command() -> list[str]:
    script = Path(sys.executable).with_name("planner")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from planner.cli import main; sys.exit(main())"]


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

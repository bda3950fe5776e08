"""What the batch tests share: a base config, a roster writer, the CLI and the outputs."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from planner.cli.main import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# Small, quick weeks on the bundled catalog: two sessions on three free days. Each is proven
# optimal in about a second; the limit is for the conflict search of an athlete with no plan,
# which on a busy machine ran out of 5 s before naming the smallest change.
BASE_TOML = """\
[week]
available_days = ["mon", "wed", "fri"]
sessions = 2
long_run = "sun"
max_session_minutes = 45

[equipment]
available = ["dumbbell", "band", "bench"]

[solver]
time_limit = 20.0
"""

RosterWriter = Callable[[str], Path]


@pytest.fixture
def team(tmp_path: Path) -> RosterWriter:
    """Write roster text beside base.toml and return the roster's path."""
    (tmp_path / "base.toml").write_text(BASE_TOML, encoding="utf-8")

    def write(text: str) -> Path:
        path = tmp_path / "roster.csv"
        path.write_text(text, encoding="utf-8")
        return path

    return write


def run_cli(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["batch", *map(str, args)], catch_exceptions=False)


def batch_args(roster: Path, out: Path, *extra: str) -> list[str | Path]:
    """The batch's arguments, with one solver process unless `extra` says --jobs: what a run
    writes, keeps and marks does not depend on the number (test_batch.py shows the plans do
    not), and each process starts OR-Tools anew, most of a small batch's time."""
    return [roster, "--out", out, "--config", roster.parent / "base.toml", "--jobs", "1", *extra]


def summary_rows(out: Path) -> dict[str, dict[str, str]]:
    with (out / "summary.csv").open(encoding="utf-8", newline="") as handle:
        return {row["athlete"]: row for row in csv.DictReader(handle)}


def plan_files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.plan.*"))}

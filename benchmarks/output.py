"""What a section hands back, and the two CSV files the whole run writes.

Per-run rows go to `--out` (default benchmarks/results/latest.csv); the printed numbers,
after the machine description, to the same name with a -summary suffix.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.tables import Table

RESULTS = Path(__file__).resolve().parent / "results"

RunRow = dict[str, Any]  # one solve or timed process; keys from RUN_COLUMNS
SummaryRow = dict[str, Any]  # one printed number; keys from SUMMARY_COLUMNS

RUN_COLUMNS = (
    "section",
    "group",
    "instance",
    "catalog",
    "catalog_size",
    "sessions",
    "seed",
    "solver",
    "run",
    "status",
    "objective",
    "bound",
    "gap",
    "first_s",
    "gap1_s",
    "optimal_s",
    "solve_s",
    "cpu_s",
    "build_s",
    "plan_ok",
    "note",
)
SUMMARY_COLUMNS = ("section", "row", "metric", "value", "target", "met")


@dataclass
class Section:
    """A section's tables to print, its rows for the two CSV files and what it found wrong."""

    tables: list[Table]
    runs: list[RunRow] = field(default_factory=list)
    summary: list[SummaryRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def write_results(
    out: Path, runs: Sequence[RunRow], summary: Iterable[SummaryRow], machine: Mapping[str, str]
) -> Path:
    """Write both CSV files; returns the summary's path."""
    out.parent.mkdir(parents=True, exist_ok=True)
    _write(out, RUN_COLUMNS, runs)
    summary_path = out.with_name(out.stem + "-summary.csv")
    described = [{"section": "machine", "row": k, "value": v} for k, v in machine.items()]
    _write(summary_path, SUMMARY_COLUMNS, [*described, *summary])
    return summary_path


def _write(path: Path, columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(row.get(k)) for k in columns})


def _cell(value: Any) -> Any:
    if isinstance(value, float):
        return f"{value:.4f}"
    return "" if value is None else value

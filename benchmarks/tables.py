"""The benchmark report's tables (drawn by planner's one table drawer) and the number format
of their cells."""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.report.table import table as draw

TableRow = tuple[str, ...]


@dataclass(frozen=True)
class Table:
    title: str
    header: TableRow
    rows: list[TableRow]
    notes: list[str] = field(default_factory=list)  # printed under the table, a line each


def print_table(table: Table) -> None:
    """The title, then the table as planner draws every table (planner/report/table.py):
    the first column left-aligned, the numbers right-aligned."""
    print(f"\n{table.title}")
    align = "l" + "r" * (len(table.header) - 1)
    for line in draw(table.header, table.rows, align=align):
        print(line)
    for note in table.notes:
        print(note)


def format_seconds(value: float | None, limit: float | None = None) -> str:
    """Seconds to two decimals (one from 10 s); None reads as over the limit, if there is one."""
    if value is None:
        return f">{limit:g}s" if limit else "-"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"

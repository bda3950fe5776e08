"""The one table renderer of the benchmark report, and the number format of its cells."""

from __future__ import annotations

from dataclasses import dataclass, field

TableRow = tuple[str, ...]


@dataclass(frozen=True)
class Table:
    title: str
    header: TableRow
    rows: list[TableRow]
    notes: list[str] = field(default_factory=list)  # printed under the table, a line each


def print_table(table: Table) -> None:
    """First column left-aligned, the others right-aligned, each as wide as its widest cell."""
    columns = zip(table.header, *table.rows, strict=True)
    widths = [max(len(cell) for cell in column) for column in columns]
    print(f"\n{table.title}")
    line = _line(table.header, widths)
    print(line)
    print("-" * len(line))
    for row in table.rows:
        print(_line(row, widths))
    for note in table.notes:
        print(note)


def _line(cells: TableRow, widths: list[int]) -> str:
    return "  ".join(
        cell.ljust(width) if i == 0 else cell.rjust(width)
        for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
    )


def format_seconds(value: float | None, limit: float | None = None) -> str:
    """Seconds to two decimals (one from 10 s); None reads as over the limit, if there is one."""
    if value is None:
        return f">{limit:g}s" if limit else "-"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"

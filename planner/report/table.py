"""The one way planner draws a table: columns aligned for a terminal, or a Markdown table.

Plans, the catalog listing and the batch overview all come through here, so cells are made
safe (one line; '|' escaped in Markdown) and numbers aligned the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.report.cells import Markup, md_cell, one_line


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    markdown: bool = False,
    align: str | None = None,
) -> list[str]:
    """The table's lines. `align` has one letter per column, 'l' or 'r'; by default text
    right-aligns the columns whose every cell is a whole number, and Markdown aligns none.
    Cells that are Markup are written as they are, other text is escaped."""
    cells = [[_text(c, markdown) for c in row] for row in rows]
    if markdown:
        rule = [("---:" if a == "r" else "---") for a in align] if align else ["---"] * len(header)
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join(rule) + "|"]
        return lines + ["| " + " | ".join(row) + " |" for row in cells]
    right = (
        [a == "r" for a in align]
        if align
        else [bool(cells) and all(r[i].isdigit() for r in cells) for i in range(len(header))]
    )
    widths = [max(len(x) for x in column) for column in zip(header, *cells, strict=False)]

    def line(row: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if r else c.ljust(w) for c, w, r in zip(row, widths, right, strict=True)
        ).rstrip()

    return [line(header), line(["-" * w for w in widths])] + [line(row) for row in cells]


def _text(value: object, markdown: bool) -> str:
    if isinstance(value, Markup):
        return str(value)
    text = "" if value is None else str(value)
    return md_cell(text) if markdown else one_line(text)

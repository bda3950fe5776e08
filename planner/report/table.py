"""The one way planner draws a table: columns aligned for a terminal, or a Markdown table.

Plans, the catalog listing and the batch overview all come through here, so cells are made
safe (one line; '|' escaped in Markdown) and numbers aligned the same way everywhere.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from planner.report.cells import Markup, md_cell, one_line

# The terminal's width while a command prints a table to it (planner/cli/options.py sets it);
# None everywhere else, so files (a batch's, `-o FILE`) never depend on a terminal.
_WIDTH: ContextVar[int | None] = ContextVar("table_width", default=None)
NARROWEST = 10  # a text column is never wrapped narrower than this


@contextmanager
def wrapped_to(width: int | None) -> Iterator[None]:
    """Tables drawn inside wrap their text columns to `width` characters (None: no limit)."""
    token = _WIDTH.set(width)
    try:
        yield
    finally:
        _WIDTH.reset(token)


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
    widths = _fitted(
        [max(len(x) for x in column) for column in zip(header, *cells, strict=False)],
        right,
        _WIDTH.get(),
    )

    def drawn(row: Sequence[str]) -> list[str]:
        parts = [
            textwrap.wrap(c, w) or [""] if len(c) > w else [c]
            for c, w in zip(row, widths, strict=True)
        ]
        return [
            "  ".join(
                (p[i] if i < len(p) else "").rjust(w)
                if r
                else (p[i] if i < len(p) else "").ljust(w)
                for p, w, r in zip(parts, widths, right, strict=True)
            ).rstrip()
            for i in range(max(len(p) for p in parts))
        ]

    head = drawn(header) + drawn(["-" * w for w in widths])
    return head + [text for row in cells for text in drawn(row)]


def _fitted(widths: list[int], right: list[bool], limit: int | None) -> list[int]:
    """Column widths within `limit` characters in all: the widest text column gives a
    character at a time, down to NARROWEST; numbers are never wrapped."""
    widths = list(widths)
    if limit is None:
        return widths
    over = sum(widths) + 2 * (len(widths) - 1) - limit
    while over > 0:
        text = [i for i, w in enumerate(widths) if not right[i] and w > NARROWEST]
        if not text:
            break
        widest = max(text, key=lambda i: widths[i])
        widths[widest] -= 1
        over -= 1
    return widths


def _text(value: object, markdown: bool) -> str:
    if isinstance(value, Markup):
        return str(value)
    text = "" if value is None else str(value)
    return md_cell(text) if markdown else one_line(text)

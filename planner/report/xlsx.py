"""A workbook of plain tables (team.xlsx): one sheet per table, every cell a value.

Written with XlsxWriter: it writes text as text when told to (strings_to_formulas off, and
every string through write_string), so a name or a note that starts with =, +, - or @ can
never become a formula; and with a fixed creation date its files are reproducible.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import xlsxwriter

CREATOR = "planner batch"  # in the document properties: how a batch knows its own workbook
SHEET_NAME_MAX = 31  # Excel's limit
_CELL_MAX = 32_767  # characters Excel keeps in one cell
_WIDTH_MAX = 60  # a column wider than this wraps its text instead
_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")
_FORMULA_STARTS = ("=", "+", "-", "@")


@dataclass(frozen=True)
class Sheet:
    name: str  # as sheet_names made it: valid and unique
    header: Sequence[str]
    rows: Sequence[Sequence[object]]


def sheet_names(wanted: Iterable[str], taken: Iterable[str] = ()) -> list[str]:
    """Valid, unique sheet names for `wanted` in order: Excel's forbidden characters as '_',
    at most 31 characters, no apostrophe at either end, never 'History' (Excel reserves it),
    and a number added where two would be the same in any case (or are `taken`)."""
    used = {t.casefold() for t in taken}
    names = []
    for text in wanted:
        base = _FORBIDDEN.sub("_", text).strip().strip("'") or "sheet"
        if base.casefold() == "history":
            base += "_"
        name, number = base[:SHEET_NAME_MAX], 1
        while name.casefold() in used:
            number += 1
            suffix = f"-{number}"
            name = base[: SHEET_NAME_MAX - len(suffix)].rstrip("'") + suffix
        used.add(name.casefold())
        names.append(name)
    return names


def workbook(sheets: Sequence[Sheet], created: datetime) -> bytes:
    """The workbook's bytes: each sheet a table with a bold, frozen header row and filters,
    numbers as numbers, text as text, columns as wide as their content (up to a limit)."""
    buffer = io.BytesIO()
    options = {
        "in_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
    }
    book = xlsxwriter.Workbook(buffer, options)
    book.set_properties({"author": CREATOR, "created": created})
    bold = book.add_format({"bold": True, "bg_color": "#F3F5F7"})
    text = book.add_format({"quote_prefix": True})  # kept text even when edited in Excel
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    for sheet in sheets:
        ws = book.add_worksheet(sheet.name)
        widths = [len(h) for h in sheet.header]
        for col, heading in enumerate(sheet.header):
            ws.write_string(0, col, _cell_text(heading), bold)
        for r, row in enumerate(sheet.rows, start=1):
            for col, value in enumerate(row):
                widths[col] = max(widths[col], _write(ws, r, col, value, text))
        for col, width in enumerate(widths):
            wide = width > _WIDTH_MAX
            ws.set_column(col, col, min(width, _WIDTH_MAX) + 2, wrap if wide else None)
        ws.freeze_panes(1, 0)
        if sheet.rows:
            ws.autofilter(0, 0, len(sheet.rows), len(sheet.header) - 1)
    book.close()
    return buffer.getvalue()


def _write(
    ws: xlsxwriter.worksheet.Worksheet, row: int, col: int, value: object, text: object
) -> int:
    """Write one cell by its type; return how wide it reads."""
    if value is None or value == "":
        ws.write_blank(row, col, None)
        return 0
    if isinstance(value, bool):
        ws.write_boolean(row, col, value)
        return 5
    if isinstance(value, int | float):
        ws.write_number(row, col, value)
        return len(str(value))
    cell = _cell_text(str(value))
    ws.write_string(row, col, cell, text if cell.lstrip().startswith(_FORMULA_STARTS) else None)
    return max((len(line) for line in cell.splitlines()), default=0)


def _cell_text(value: str) -> str:
    return value if len(value) <= _CELL_MAX else value[: _CELL_MAX - 1] + "…"


_CORE_BYTES = 4096  # ours is under 1 KiB


def made_by_planner(path: Path) -> bool:
    """Whether the workbook at `path` says a planner batch made it (a user's own is kept)."""
    try:  # bounded: only the first 4 KiB are inflated, so a zip bomb costs nothing
        with zipfile.ZipFile(path) as archive, archive.open("docProps/core.xml") as member:
            core = member.read(_CORE_BYTES)
    except (OSError, KeyError, EOFError, ValueError, RuntimeError, zipfile.BadZipFile, zlib.error):
        return False
    return f"<dc:creator>{CREATOR}</dc:creator>".encode() in core

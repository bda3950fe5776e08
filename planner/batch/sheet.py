"""A roster as a coach saves it: an Excel workbook (.xlsx) or CSV in whatever encoding and
delimiter the spreadsheet chose, read into the same records.

CSV: UTF-8 (with or without the BOM Excel writes), else Windows-1252 (Excel's "CSV" on a
Western-European Windows), else Latin-1; the delimiter the header row uses (comma,
semicolon or tab; a first line `sep=;` is honoured). A semicolon file comes from a
spreadsheet set to a decimal comma, so its number cells may read `0,75`. A workbook's first
sheet is read unless one is named; cells are its values (never a formula), numbers as
Python writes them (0.75, 3), dates as YYYY-MM-DD.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from planner.errors import Problem, RosterError
from planner.files import csv_records, read_bytes

DELIMITERS = (",", ";", "\t")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class Sheet:
    """The roster's records, and how the file was read (said in the output)."""

    records: tuple[tuple[int, tuple[str, ...]], ...]  # (line or row number, cells)
    delimiter: str = ","
    encoding: str = "UTF-8"  # or "UTF-8 with BOM", "Windows-1252", "Latin-1", "xlsx"
    sheet: str = ""  # a workbook's sheet

    @property
    def decimal_comma(self) -> bool:
        """Number cells may use a decimal comma (`0,75`): a semicolon-separated file."""
        return self.delimiter == ";"

    @property
    def described(self) -> str:
        """How the file was read, for the run's output."""
        if self.encoding == "xlsx":
            return f"Excel workbook, sheet {self.sheet!r}"
        comma = ", decimal commas read as points" if self.decimal_comma else ""
        return f"{self.encoding} text, {DELIMITER_NAMES[self.delimiter]}-separated{comma}"


def read_sheet(path: Path, name: str, sheet: str | None = None) -> Sheet:
    raw = read_bytes(path, "roster", "roster (CSV or .xlsx) file", RosterError)
    if path.suffix.lower() in WORKBOOK_SUFFIXES or raw.startswith(b"PK\x03\x04"):
        return _workbook(raw, name, sheet)
    if sheet is not None:
        raise RosterError([Problem(name, f"--sheet {sheet!r} names a sheet, but this is CSV")])
    text, encoding = _decoded(raw)
    delimiter, text = _delimiter(text)
    records = tuple(
        (start, tuple(cells)) for start, _, cells in csv_records(name, text, RosterError, delimiter)
    )
    return Sheet(records, delimiter, encoding)


def _decoded(raw: bytes) -> tuple[str, str]:
    """The text and the encoding it was in: UTF-8 first (it cannot be mistaken: other text is
    almost never valid UTF-8), then Windows-1252, which Excel writes on Western Windows, then
    Latin-1, which reads any byte."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw.decode("utf-8-sig"), "UTF-8 with BOM"
    for codec, label in (("utf-8", "UTF-8"), ("cp1252", "Windows-1252")):
        try:
            return raw.decode(codec), label
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1"), "Latin-1"


def _delimiter(text: str) -> tuple[str, str]:
    """The delimiter the header row uses and the text to read (a `sep=;` line blanked, so
    messages still name the file's own lines)."""
    lines = text.splitlines()
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        declared = re.fullmatch(r"sep=(.)", line)
        if declared and declared.group(1) in DELIMITERS:
            return declared.group(1), "\n".join([*lines[:index], "", *lines[index + 1 :]])
        counts = {d: re.sub(r'"[^"]*"', "", line).count(d) for d in DELIMITERS}
        best = max(DELIMITERS, key=lambda d: counts[d])
        return (best if counts[best] else ","), text
    return ",", text


def _workbook(raw: bytes, name: str, wanted: str | None) -> Sheet:
    from openpyxl import load_workbook  # only a workbook needs it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as exc:
        message = f"cannot be read as an Excel workbook ({exc}); save it as .xlsx or CSV"
        raise RosterError([Problem(name, message)]) from None
    try:
        names = book.sheetnames
        if wanted is None:
            title = names[0]
        elif wanted in names:
            title = wanted
        else:
            from planner.errors import did_you_mean

            message = (
                f"has no sheet {wanted!r}{did_you_mean(wanted, names)}; its sheets: "
                f"{', '.join(map(repr, names))}"
            )
            raise RosterError([Problem(name, message)])
        rows = tuple(
            (number, tuple(_cell_text(v) for v in values))
            for number, values in enumerate(book[title].iter_rows(values_only=True), start=1)
        )
    finally:
        book.close()
    return Sheet(rows, ",", "xlsx", title)


def _cell_text(value: object) -> str:
    """A workbook cell as the text a coach would have typed in a CSV."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def records(sheet: Sheet) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) of each record, skipping blank rows and rows starting with '#'."""
    for start, cells in sheet.records:
        if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
            continue
        yield start, list(cells)

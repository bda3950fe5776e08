"""The roster CSV: read and checked as a whole; its override columns come from Config."""

from __future__ import annotations

import difflib
import hashlib
import re
import types
import typing
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from planner.config import Config
from planner.errors import Problem, RosterError, did_you_mean
from planner.files import csv_records, read_input

RESERVED_COLUMNS: tuple[str, ...] = ("athlete", "name", "config")


# --- the override columns, derived from the Config model -----------------------------------


@dataclass(frozen=True)
class _FieldKind:
    shape: str  # "list" (a;b;c), "pair" ([min, max] written min;max) or "scalar"
    nullable: bool
    item: type = str  # int, float or str: what a cell (or each item of it) holds


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    nullable = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            nullable = nullable or len(args) < len(typing.get_args(annotation))
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation, nullable
        else:
            return annotation, nullable


def _leaf_fields(model: type[BaseModel], prefix: str = "") -> Iterator[tuple[str, _FieldKind]]:
    for name, info in model.model_fields.items():
        annotation, nullable = _unwrap(info.annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield from _leaf_fields(annotation, f"{prefix}{name}.")
            continue
        origin = typing.get_origin(annotation)
        shape = {list: "list", tuple: "pair"}.get(origin, "scalar")
        item = _unwrap(typing.get_args(annotation)[0])[0] if shape != "scalar" else annotation
        number = item if item in (int, float) else str
        yield f"{prefix}{name}", _FieldKind(shape, nullable, number)


OVERRIDE_KEYS: dict[str, _FieldKind] = dict(_leaf_fields(Config))


_INTEGER = re.compile(r"[+-]?[0-9]+")  # ASCII digits only, as in the catalog
_DECIMAL = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")


def cell_value(key: str, cell: str) -> Any:
    """A roster cell as the value the TOML would hold, typed as the key's field is: "3" is 3
    for a whole-number key. A cell that is no such number stays text, for pydantic to reject
    with its usual message. Lists and [min, max] pairs are `;`-separated; `none` clears an
    optional key or a list.
    """
    kind = OVERRIDE_KEYS[key]
    if cell.lower() == "none" and (kind.nullable or kind.shape == "list"):
        return None if kind.nullable else []
    if kind.shape in ("list", "pair"):
        return [_typed(kind.item, item.strip()) for item in cell.split(";") if item.strip()]
    return _typed(kind.item, cell)


def _typed(item: type, text: str) -> Any:
    if item is int and _INTEGER.fullmatch(text):
        return int(text)
    if item is float and _DECIMAL.fullmatch(text):
        return float(text)
    return text


# --- the roster ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RosterRow:
    """One athlete's row: its non-empty cells by column, and what is wrong with it, if anything."""

    athlete: str
    line: int
    stem: str  # the athlete id made safe as a file name
    cells: dict[str, str]
    problem: str | None = None


@dataclass(frozen=True)
class Roster:
    path: Path
    name: str  # the path as the user wrote it, for messages
    header_line: int
    columns: tuple[str, ...]
    rows: tuple[RosterRow, ...]
    unknown_columns: dict[str, Problem]  # column -> the roster-level warning about it

    @property
    def directory(self) -> Path:
        return self.path.parent


_RESERVED_NAMES = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"{d}{n}" for d in ("com", "lpt") for n in range(10)),
}


def safe_stem(athlete: str) -> str:
    """A file name from an athlete id: ASCII letters, digits, '.', '_' and '-' only.

    Accents are dropped (tomás -> tomas). An id with letters that have no ASCII form (иван,
    李娜) or with none left at all keeps what it has and gets 8 hex digits of the id's hash,
    so ids in any script get distinct names (олег -> athlete-...).
    """
    decomposed = unicodedata.normalize("NFKD", athlete.strip())
    ascii_id = decomposed.encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", ascii_id).strip("._-")[:100]
    lost = any(not c.isascii() and not unicodedata.combining(c) for c in decomposed)
    if lost or not stem:
        digest = hashlib.sha256(athlete.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        stem = f"{stem[:90] or 'athlete'}-{digest}"
    if stem.split(".")[0].lower() in _RESERVED_NAMES:  # names Windows keeps for devices
        stem = f"_{stem}"
    return stem


def read_roster(path: str | Path) -> Roster:
    """Read and check the roster as a whole; RosterError lists every roster-level problem."""
    roster_path = Path(path)
    name = str(path)
    _, text = read_input(
        roster_path, "roster", "roster CSV file", RosterError, "save it as UTF-8 CSV"
    )
    records = list(_records(name, text))
    if not records:
        raise RosterError(
            [
                Problem(
                    name,
                    "is empty; expected a header with an 'athlete' column, then one row "
                    "per athlete",
                )
            ]
        )
    header_line, header = records[0]
    columns = tuple(c.strip() for c in header)
    problems: list[Problem] = []
    if "athlete" not in columns:
        close = difflib.get_close_matches("athlete", columns, n=1, cutoff=0.6)
        fix = f"rename {close[0]!r} to 'athlete'" if close else "add one with a unique id per row"
        problems.append(
            Problem(
                name,
                f"no 'athlete' column; {fix} (the header has: {', '.join(columns)})",
                line=header_line,
            )
        )
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    if repeated:
        problems.append(
            Problem(
                name,
                f"column(s) {', '.join(map(repr, repeated))} appear more than once",
                line=header_line,
            )
        )
    if "name" in columns and "athlete.name" in columns:
        problems.append(
            Problem(name, "both 'name' and 'athlete.name' columns; keep one", line=header_line)
        )
    rows = [_row(columns, line, cells) for line, cells in records[1:]]
    if not rows:
        problems.append(Problem(name, "has a header but no athletes", line=header_line))
    problems += _id_problems(name, rows)
    if problems:
        raise RosterError(problems)
    unknown = {
        column: Problem(
            name,
            f"unknown column{did_you_mean(column, OVERRIDE_KEYS)}; athletes with a value in it "
            f"are not solved; allowed: {', '.join(RESERVED_COLUMNS)} or one of the "
            f"{len(OVERRIDE_KEYS)} dotted config keys, e.g. week.sessions (planner schema lists "
            "them)",
            line=header_line,
            key=column or "(unnamed column)",
        )
        for column in columns
        if column not in RESERVED_COLUMNS and column not in OVERRIDE_KEYS
    }
    return Roster(roster_path, name, header_line, columns, tuple(rows), unknown)


def _records(name: str, text: str) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) of each CSV record, skipping blank rows and rows starting with '#'."""
    for start, _, cells in csv_records(name, text, RosterError):
        if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
            continue
        yield start, cells


def _row(columns: tuple[str, ...], line: int, raw: list[str]) -> RosterRow:
    cells = [c.strip() for c in raw]
    problem = None
    if len(cells) > len(columns) and any(cells[len(columns) :]):
        problem = (
            f"has {len(cells)} cells but the header has {len(columns)} columns; quote cells "
            "that contain a comma"
        )
    # A short row is read as if its missing trailing cells were empty: no override.
    values = {c: v for c, v in zip(columns, cells, strict=False) if v}
    athlete = values.get("athlete", "")
    if not athlete and problem is None:
        problem = "athlete is empty; every row needs a unique athlete id"
    return RosterRow(athlete, line, safe_stem(athlete), values, problem)


def _id_problems(name: str, rows: list[RosterRow]) -> list[Problem]:
    """Ids must be unique, and stay unique as file names (case-insensitive file systems too)."""
    problems = []
    first_line: dict[str, int] = {}
    first_stem: dict[str, RosterRow] = {}
    for row in rows:
        if not row.athlete:
            continue
        if row.athlete in first_line:
            problems.append(
                Problem(
                    name,
                    f"athlete id {row.athlete!r} is also on line "
                    f"{first_line[row.athlete]}; ids must be unique",
                    line=row.line,
                    key="athlete",
                )
            )
            continue
        first_line[row.athlete] = row.line
        other = first_stem.setdefault(row.stem.lower(), row)
        if other is not row:
            problems.append(
                Problem(
                    name,
                    f"athlete ids {other.athlete!r} (line {other.line}) and "
                    f"{row.athlete!r} give the same file name {row.stem!r}; make them differ "
                    "by more than punctuation or case",
                    line=row.line,
                    key="athlete",
                )
            )
    return problems

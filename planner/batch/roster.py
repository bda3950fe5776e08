"""The roster CSV, a team sheet as a coach keeps it: read and checked as a whole.

Its columns are the reserved ones (athlete, name, config), config keys (planner/batch/
columns.py) and anything else, which is carried through as the coach's notes. Headers match
whatever their case; the delimiter (comma, semicolon or tab) is the one the header uses.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from planner.batch.columns import OVERRIDE_KEYS
from planner.errors import Problem, RosterError, control_character, did_you_mean, visible
from planner.files import csv_records, read_input, too_many_columns

RESERVED_COLUMNS: tuple[str, ...] = ("athlete", "name", "config")
DELIMITERS = (",", ";", "\t")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
_CANONICAL = {c.lower(): c for c in (*RESERVED_COLUMNS, *OVERRIDE_KEYS)}


# --- the roster ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RosterRow:
    """One athlete's row: its non-empty cells by column, and what is wrong with it, if anything."""

    athlete: str
    line: int
    stem: str  # the athlete id made safe as a file name
    cells: dict[str, str]  # reserved and config-key columns, by their canonical name
    problem: str | None = None
    notes: dict[str, str] = field(default_factory=dict)  # the coach's other columns


@dataclass(frozen=True)
class Roster:
    path: Path
    name: str  # the path as the user wrote it, for messages
    header_line: int
    columns: tuple[str, ...]  # canonical names: `Athlete` is athlete
    rows: tuple[RosterRow, ...]
    unknown_columns: dict[str, Problem]  # a misspelled config key -> the warning about it
    note_columns: tuple[str, ...] = ()  # the coach's own columns, kept as notes
    delimiter: str = ","

    @property
    def directory(self) -> Path:
        return self.path.parent

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Roster-level warnings: misspelled config keys, and one for the notes columns."""
        notes: tuple[Problem, ...] = ()
        if self.note_columns:
            shown = ", ".join(map(repr, self.note_columns))
            message = (
                f"column(s) {shown} are no config keys: kept as notes in summary.csv and "
                "overview.md (a config key has a dot, e.g. week.sessions; planner schema "
                "--keys lists them)"
            )
            meant = [(c, key) for c in self.note_columns if (key := _near_key(c))]
            if meant:  # "Sessions" is a fine note, but the coach may have meant the key
                renames = ", ".join(f"{c!r} -> {key}" for c, key in meant)
                message += f"; to set a key instead, name the column by it: {renames}"
            notes = (Problem(self.name, message, line=self.header_line),)
        return (*self.unknown_columns.values(), *notes)


_RESERVED_NAMES = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"{d}{n}" for d in ("com", "lpt") for n in range(10)),
}


MAX_STEM = 100  # characters of an id kept in its file names


def safe_stem(athlete: str) -> str:
    """A file name from an athlete id: ASCII letters, digits, '.', '_' and '-' only.

    Accents are dropped (tomás -> tomas). An id with letters that have no ASCII form (иван,
    李娜) or with none left at all keeps what it has and gets 8 hex digits of the id's hash,
    so ids in any script get distinct names (олег -> athlete-...); so does an id longer than
    100 characters, so that ids differing only at their end get distinct names too.
    """
    decomposed = unicodedata.normalize("NFKD", athlete.strip())
    ascii_id = decomposed.encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", ascii_id).strip("._-")
    lost = any(not c.isascii() and not unicodedata.combining(c) for c in decomposed)
    if lost or not stem or len(stem) > MAX_STEM:  # a long id's end must still tell it apart
        digest = hashlib.sha256(athlete.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        stem = f"{stem[: MAX_STEM - 10] or 'athlete'}-{digest}"
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
    delimiter, text = _delimiter(text)
    records = list(_records(name, text, delimiter))
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
    wide = too_many_columns(name, header, "roster", header_line)
    if wide:
        raise RosterError([wide])
    columns = tuple(
        _CANONICAL.get(c.strip().lower(), c.strip()) or f"column {i}"  # unnamed: by position
        for i, c in enumerate(header, start=1)
    )
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
    repeated = sorted(c for c, n in Counter(columns).items() if n > 1)
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
    unknown = {
        column: Problem(
            name,
            f"unknown column{did_you_mean(column, OVERRIDE_KEYS)}; athletes with a value in it "
            f"are not solved; allowed: {', '.join(RESERVED_COLUMNS)} or one of the "
            f"{len(OVERRIDE_KEYS)} dotted config keys, e.g. week.sessions (planner schema --keys "
            "lists them)",
            line=header_line,
            key=column or "(unnamed column)",
        )
        for column in columns
        if column not in _CANONICAL.values() and _looks_like_a_key(column)
    }
    others = [c for c in columns if c not in _CANONICAL.values() and c not in unknown]
    rows = [_row(columns, tuple(others), line, cells, delimiter) for line, cells in records[1:]]
    notes = tuple(c for c in others if any(c in row.notes for row in rows))  # empty ones: none
    if not rows:
        problems.append(Problem(name, "has a header but no athletes", line=header_line))
    problems += _id_problems(name, rows)
    if problems:
        raise RosterError(problems)
    return Roster(roster_path, name, header_line, columns, tuple(rows), unknown, notes, delimiter)


def _looks_like_a_key(column: str) -> bool:
    """A header meant as a config key (load.max_weeek, max_week), not a note ("Event group",
    first_name: a club database's column, close to no key).

    Such a column is never carried as a note: its athletes are not solved rather than
    solved without the value the coach meant to set.
    """
    if " " in column.strip():
        return False
    return "." in column or ("_" in column and bool(did_you_mean(column, OVERRIDE_KEYS)))


def _near_key(column: str) -> str | None:
    """The config key a note column's header is close to ("Sessions", "Max week"), if any:
    the one key whose last part it names, else a close spelling of a whole key."""
    leaf = "_".join(column.lower().split())
    keys = [key for key in OVERRIDE_KEYS if key.rsplit(".", 1)[-1] == leaf]
    if len(keys) == 1:
        return keys[0]
    close = difflib.get_close_matches(column.lower(), list(OVERRIDE_KEYS), n=1, cutoff=0.7)
    return close[0] if close else None


def _delimiter(text: str) -> tuple[str, str]:
    """The delimiter the header row uses (comma, semicolon or tab) and the text to read.

    Spreadsheets set to a decimal comma save CSV with semicolons; Excel may write a first
    line `sep=;` naming it, which is honoured and skipped.
    """
    lines = text.splitlines()
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        declared = re.fullmatch(r"sep=(.)", line)
        if declared and declared.group(1) in DELIMITERS:
            # Keep the line count: messages name the file's own lines.
            return declared.group(1), "\n".join([*lines[:index], "", *lines[index + 1 :]])
        counts = {d: _outside_quotes(line).count(d) for d in DELIMITERS}
        best = max(DELIMITERS, key=lambda d: counts[d])
        return (best if counts[best] else ","), text
    return ",", text


def _outside_quotes(line: str) -> str:
    return re.sub(r'"[^"]*"', "", line)


def _records(name: str, text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) of each CSV record, skipping blank rows and rows starting with '#'."""
    for start, _, cells in csv_records(name, text, RosterError, delimiter):
        if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
            continue
        yield start, cells


def _row(
    columns: tuple[str, ...], notes: tuple[str, ...], line: int, raw: list[str], delimiter: str
) -> RosterRow:
    cells = [c.strip() for c in raw]
    problem = None
    if len(cells) > len(columns) and any(cells[len(columns) :]):
        problem = (
            f"has {len(cells)} cells but the header has {len(columns)} columns; quote cells "
            f"that contain a {_DELIMITER_NAMES[delimiter]}"
        )
    # A short row is read as if its missing trailing cells were empty: no override.
    values = {c: v for c, v in zip(columns, cells, strict=False) if v}
    athlete = values.get("athlete", "")
    char = control_character(athlete)
    if char:  # refused, and shown with the character escaped wherever the row is named
        athlete = visible(athlete)
        problem = problem or (
            f"athlete id '{athlete}' contains a control character ({char}); an id is plain text"
        )
    if not athlete and problem is None:
        problem = "athlete is empty; every row needs a unique athlete id"
    kept = {c: values.pop(c) for c in notes if c in values}
    return RosterRow(athlete, line, safe_stem(athlete), values, problem, kept)


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

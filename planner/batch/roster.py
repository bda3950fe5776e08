"""The roster, a team sheet as a coach keeps it (CSV or .xlsx, planner/batch/sheet.py): read
and checked as a whole.

Its columns are the reserved ones (athlete, name, config), config keys and notes, read from
headers as coaches write them (planner/batch/headers.py); a header that looks like a key but
is none stops the run before anything is solved.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from planner.batch.columns import OVERRIDE_KEYS
from planner.batch.headers import RESERVED_COLUMNS, SHOWN_HEADERS, read_header
from planner.batch.sheet import DELIMITER_NAMES, Sheet, read_sheet, records
from planner.errors import Problem, RosterError, control_character, visible
from planner.files import too_many_columns

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
    columns: tuple[str, ...]  # canonical names: `Athlete` is athlete, `Long run` week.long_run
    rows: tuple[RosterRow, ...]
    note_columns: tuple[str, ...] = ()  # the coach's own columns, kept as notes
    sheet: Sheet = field(default_factory=lambda: Sheet(()))  # how the file was read
    headers: dict[str, str] = field(default_factory=dict)  # canonical column -> as written
    # The notes columns read so only because they are close to no column (not a Notes
    # column, nor one --notes names): the one surprise worth a warning.
    guessed_notes: tuple[str, ...] = ()

    @property
    def delimiter(self) -> str:
        return self.sheet.delimiter

    @property
    def directory(self) -> Path:
        return self.path.parent

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Roster-level warnings: one for the columns read as notes only because they are
        close to no column (a Notes column, or one named with --notes, is no surprise)."""
        if not self.guessed_notes:
            return ()
        shown = ", ".join(map(repr, self.guessed_notes))
        message = (
            f"column(s) {shown} are no config keys: kept as notes in summary.csv and "
            "overview.md (planner schema --keys lists the keys; planner batch --help the "
            "headers read as keys, e.g. Days, Long run)"
        )
        return (Problem(self.name, message, line=self.header_line),)


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


def read_roster(path: str | Path, sheet: str | None = None, notes: Iterable[str] = ()) -> Roster:
    """Read and check the roster as a whole; RosterError lists every roster-level problem.

    `sheet` picks a workbook's sheet (default the first); `notes` names more columns that
    hold notes (a header close to a key is otherwise a mistake that stops the run)."""
    roster_path = Path(path)
    name = str(path)
    read = read_sheet(roster_path, name, sheet)
    found = list(records(read))
    if not found:
        raise RosterError(
            [
                Problem(
                    name,
                    "is empty; expected a header with an 'athlete' column, then one row "
                    "per athlete",
                )
            ]
        )
    header_line, header = found[0]
    wide = too_many_columns(name, header, "roster", header_line)
    if wide:
        raise RosterError([wide])
    problems: list[Problem] = []
    columns: list[str] = []
    written: dict[str, str] = {}
    note_columns: list[str] = []
    guessed: list[str] = []
    misspelled_id = ""
    for index, cell in enumerate(header, start=1):
        text = cell.strip() or f"column {index}"  # unnamed: by position
        read_as = read_header(text, notes)
        column = read_as.column or text
        if read_as.meant == "athlete":
            misspelled_id = text  # named in the missing 'athlete' column's message
        elif read_as.meant is not None or (read_as.column is None and not read_as.note):
            problems.append(_mistaken_header(name, header_line, text, read_as.meant))
        elif read_as.note:
            note_columns.append(text)
            if read_as.guessed:
                guessed.append(text)
        columns.append(column)
        written.setdefault(column, text)
    problems += _header_problems(name, header_line, columns, written, misspelled_id)
    others = tuple(note_columns)
    rows = [_row(tuple(columns), others, line, cells, read.delimiter) for line, cells in found[1:]]
    kept = tuple(c for c in others if any(c in row.notes for row in rows))  # empty ones: none
    if not rows:
        problems.append(Problem(name, "has a header but no athletes", line=header_line))
    problems += _id_problems(name, rows)
    if problems:
        raise RosterError(problems)
    return Roster(
        roster_path, name, header_line, tuple(columns), tuple(rows), kept, read, written,
        tuple(c for c in guessed if c in kept),
    )  # fmt: skip


def _mistaken_header(name: str, line: int, header: str, meant: str | None) -> Problem:
    hint = f" (did you mean {meant!r}?)" if meant else ""
    examples = ", ".join(SHOWN_HEADERS)
    message = (
        f"looks like a config key but is none{hint}; nothing was solved, so that no athlete "
        f"is planned without it. Columns: {', '.join(RESERVED_COLUMNS)}, a dotted config key "
        f"(planner schema --keys lists the {len(OVERRIDE_KEYS)}), a header such as "
        f"{examples}, ... (planner batch --help), or notes (Notes, Comment; "
        "--notes names more)"
    )
    return Problem(name, message, line=line, key=header)


def _header_problems(
    name: str, line: int, columns: list[str], written: dict[str, str], misspelled_id: str
) -> list[Problem]:
    problems = []
    if "athlete" not in columns:
        fix = (
            f"rename {misspelled_id!r} to 'athlete'"
            if misspelled_id
            else "add one with a unique id per row"
        )
        header = ", ".join(written.get(c, c) for c in columns)
        problems.append(
            Problem(name, f"no 'athlete' column; {fix} (the header has: {header})", line=line)
        )
    repeated = sorted(c for c, n in Counter(columns).items() if n > 1)
    if repeated:
        problems.append(
            Problem(
                name,
                f"column(s) {', '.join(map(repr, repeated))} appear more than once (headers "
                "that name the same column count as one)",
                line=line,
            )
        )
    if "name" in columns and "athlete.name" in columns:
        problems.append(
            Problem(name, "both 'name' and 'athlete.name' columns; keep one", line=line)
        )
    return problems


def _row(
    columns: tuple[str, ...], notes: tuple[str, ...], line: int, raw: list[str], delimiter: str
) -> RosterRow:
    cells = [c.strip() for c in raw]
    problem = None
    if len(cells) > len(columns) and any(cells[len(columns) :]):
        problem = (
            f"has {len(cells)} cells but the header has {len(columns)} columns; quote cells "
            f"that contain a {DELIMITER_NAMES[delimiter]}"
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

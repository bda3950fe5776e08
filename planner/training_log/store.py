"""The training log's SQLite file: a versioned schema migrated in place, every write one
transaction, a writer that waits for another (the busy timeout) or says it is busy, and a
file that is not a planner log (corrupt, or another program's) refused, never changed.

Python's standard sqlite3 only: one file, nothing to install, safe for two processes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from planner.errors import PlannerError, Problem

APPLICATION_ID = 0x504C4E52  # "PLNR": PRAGMA application_id marks the file as ours
BUSY_TIMEOUT_S = 5.0  # how long a writer waits for another before saying so

Migration = Callable[[sqlite3.Connection], None]


def _version_1(db: sqlite3.Connection) -> None:
    db.execute("CREATE TABLE plans (id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, "
               "path TEXT NOT NULL, athlete TEXT NOT NULL, kind TEXT NOT NULL, "
               "added_at TEXT NOT NULL)")  # fmt: skip
    db.execute("CREATE TABLE entries (id INTEGER PRIMARY KEY, "
               "plan_id INTEGER NOT NULL REFERENCES plans(id), day TEXT NOT NULL, "
               "outcome TEXT NOT NULL CHECK (outcome IN ('done', 'missed', 'moved')), "
               "moved_to TEXT, planned TEXT NOT NULL, logged_at TEXT NOT NULL, "
               "UNIQUE (plan_id, day))")  # fmt: skip


def _version_2(db: sqlite3.Connection) -> None:
    """How hard a session felt and a word about it; an index for --athlete."""
    db.execute("ALTER TABLE entries ADD COLUMN rpe REAL CHECK (rpe BETWEEN 1 AND 10)")
    db.execute("ALTER TABLE entries ADD COLUMN note TEXT")
    db.execute("CREATE INDEX plans_by_athlete ON plans (athlete)")


MIGRATIONS: tuple[Migration, ...] = (_version_1, _version_2)
SCHEMA_VERSION = len(MIGRATIONS)


class LogError(PlannerError):
    """The training log cannot be used."""


@dataclass(frozen=True)
class Entry:
    athlete: str
    plan: str  # the plan file's path when it was first logged
    day: str  # a weekday, or a date in a block
    outcome: str  # done, missed or moved
    moved_to: str | None
    rpe: float | None
    note: str | None
    planned: str  # the session's exercises, as planned
    logged_at: str


@contextmanager
def open_log(
    path: Path, *, create: bool, timeout: float = BUSY_TIMEOUT_S
) -> Iterator[sqlite3.Connection]:
    """The log at `path`, migrated to the current schema; `create` makes a new one when
    there is no file. Anything else (not SQLite, another program's, a newer planner's)
    raises LogError and is left exactly as it was."""
    name = str(path)
    exists = path.exists()
    if not exists and not create:
        raise LogError(
            [Problem(name, "no training log here; `planner log PLAN DAY done` starts one")]
        )
    if exists and not path.is_file():
        raise LogError([Problem(name, "is not a file; give the training log's file with --db")])
    if exists:
        _check_header(path)
    try:
        connection = sqlite3.connect(name, timeout=timeout, isolation_level=None)
    except sqlite3.Error as exc:
        raise LogError([Problem(name, f"cannot open the training log: {exc}")]) from None
    with closing(connection) as db:
        try:
            _check_ours(db, name, fresh=not exists)
            _migrate(db, name)
            db.execute("PRAGMA foreign_keys = ON")
            yield db
        except sqlite3.OperationalError as exc:
            raise _busy_or(exc, name, timeout) from None
        except sqlite3.DatabaseError as exc:
            raise LogError([Problem(name, f"is damaged ({exc}); it was left as it is")]) from None


def _check_header(path: Path) -> None:
    """A file that is not SQLite is refused before SQLite opens it (and might write)."""
    with path.open("rb") as handle:
        head = handle.read(16)
    if head and head != b"SQLite format 3\x00":
        raise LogError(
            [
                Problem(
                    str(path),
                    "is not a training log (not an SQLite file); it was left as it "
                    "is: give another file with --db",
                )
            ]
        )


def _check_ours(db: sqlite3.Connection, name: str, fresh: bool) -> None:
    application = db.execute("PRAGMA application_id").fetchone()[0]
    tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if application == APPLICATION_ID or (application == 0 and tables == 0):
        if application == APPLICATION_ID:
            problems = [row[0] for row in db.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise LogError([Problem(name, f"is damaged ({problems[0]}); it was left as it is")])
        return
    raise LogError(
        [
            Problem(
                name,
                "is an SQLite database of another program, not a planner training log; "
                "it was left as it is: give another file with --db",
            )
        ]
    )


def _migrate(db: sqlite3.Connection, name: str) -> None:
    """Bring the schema up to SCHEMA_VERSION, all steps in one transaction."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise LogError(
            [
                Problem(
                    name,
                    f"was written by a newer planner (log schema {version}; this one "
                    f"knows up to {SCHEMA_VERSION}); upgrade planner to use it",
                )
            ]
        )
    if version == SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        # Read again inside the lock: another process may have migrated meanwhile.
        version = db.execute("PRAGMA user_version").fetchone()[0]
        for step in MIGRATIONS[version:]:
            step(db)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _busy_or(exc: sqlite3.OperationalError, name: str, timeout: float) -> LogError:
    if "locked" in str(exc) or "busy" in str(exc):
        return LogError(
            [
                Problem(
                    name,
                    f"another process is writing to the training log; waited {timeout:g} "
                    "s for it: try again when it is done",
                )
            ]
        )
    return LogError([Problem(name, f"cannot use the training log: {exc}")])


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def record(
    db: sqlite3.Connection,
    plan: tuple[str, str, str, str],
    entry: tuple[str, str, str | None, float | None, str | None, str],
) -> bool:
    """Write one entry in one transaction: `plan` is (sha256, path, athlete, kind),
    `entry` (day, outcome, moved_to, rpe, note, planned). True when it replaced an earlier
    entry for the same day."""
    sha, path, athlete, kind = plan
    day, outcome, moved_to, rpe, note, planned = entry
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute("INSERT OR IGNORE INTO plans (sha256, path, athlete, kind, added_at) "
                   "VALUES (?, ?, ?, ?, ?)", (sha, path, athlete, kind, now()))  # fmt: skip
        plan_id = db.execute("SELECT id FROM plans WHERE sha256 = ?", (sha,)).fetchone()[0]
        earlier = db.execute(
            "SELECT 1 FROM entries WHERE plan_id = ? AND day = ?", (plan_id, day)
        ).fetchone()
        db.execute(
            "INSERT INTO entries (plan_id, day, outcome, moved_to, rpe, note, planned, logged_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (plan_id, day) DO UPDATE SET "
            "outcome = excluded.outcome, moved_to = excluded.moved_to, rpe = excluded.rpe, "
            "note = excluded.note, planned = excluded.planned, logged_at = excluded.logged_at",
            (plan_id, day, outcome, moved_to, rpe, note, planned, now()),
        )
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return earlier is not None


def entries(
    db: sqlite3.Connection, *, sha256: str | None = None, athlete: str | None = None
) -> list[Entry]:
    """Entries in the order they happened (by day within a plan), filtered as asked."""
    query = (
        "SELECT p.athlete, p.path, e.day, e.outcome, e.moved_to, e.rpe, e.note, e.planned, "
        "e.logged_at FROM entries e JOIN plans p ON p.id = e.plan_id WHERE 1 = 1"
    )
    arguments: list[str] = []
    if sha256 is not None:
        query += " AND p.sha256 = ?"
        arguments.append(sha256)
    if athlete is not None:
        query += " AND p.athlete = ?"
        arguments.append(athlete)
    query += " ORDER BY p.athlete, p.id, e.day"
    return [Entry(*row) for row in db.execute(query, arguments)]

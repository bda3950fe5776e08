"""The training log's file: schema and migration, one transaction a write, a second writer
waiting or told, and a file that is not a planner log refused and left as it was."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from planner.training_log.store import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    LogError,
    _version_1,
    entries,
    open_log,
    record,
)

PLAN = ("abc123", "week.json", "Jonas", "week")


def _entry(
    day: str = "tue", outcome: str = "done", rpe: float | None = 8.0
) -> tuple[str, str, str | None, float | None, str | None, str]:
    return (day, outcome, None, rpe, "ok", "Squat, Plank")


def test_new_log_has_the_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite"
    with open_log(path, create=True) as db:
        record(db, PLAN, _entry())
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    columns = {row[1] for row in raw.execute("PRAGMA table_info(entries)")}
    assert {"day", "outcome", "moved_to", "rpe", "note", "planned"} <= columns
    raw.close()


def test_same_day_again_replaces_the_entry(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite"
    with open_log(path, create=True) as db:
        assert record(db, PLAN, _entry()) is False
        assert record(db, PLAN, _entry(outcome="missed", rpe=None)) is True
        found = entries(db)
    assert [(e.day, e.outcome) for e in found] == [("tue", "missed")]


def test_version_1_log_is_migrated_keeping_its_entries(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    old = sqlite3.connect(path)
    _version_1(old)
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    old.execute("PRAGMA user_version = 1")
    old.execute("INSERT INTO plans VALUES (1, 'abc123', 'week.json', 'Jonas', 'week', 'then')")
    old.execute("INSERT INTO entries VALUES (1, 1, 'mon', 'missed', NULL, 'Plank', 'then')")
    old.commit()
    old.close()
    with open_log(path, create=False) as db:
        found = entries(db)
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert [(e.day, e.outcome, e.rpe) for e in found] == [("mon", "missed", None)]


def test_newer_schema_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    with open_log(path, create=True):
        pass
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    with pytest.raises(LogError, match="newer planner"), open_log(path, create=False):
        pass


@pytest.mark.parametrize(
    "content", [b"not a database at all\n" * 10, b"SQLite format 3\x00" + b"\xff" * 2000]
)
def test_corrupt_file_refused_and_left_as_it_is(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "log.sqlite"
    path.write_bytes(content)
    with pytest.raises(LogError, match="left as it is"), open_log(path, create=True):
        pass
    assert path.read_bytes() == content


def test_foreign_database_refused_and_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE songs (title TEXT)")
    other.commit()
    other.close()
    before = path.read_bytes()
    with pytest.raises(LogError, match="another program"), open_log(path, create=True):
        pass
    assert path.read_bytes() == before


def test_missing_log_is_not_created_for_reading(tmp_path: Path) -> None:
    with pytest.raises(LogError, match="no training log"), open_log(tmp_path / "x", create=False):
        pass
    assert not (tmp_path / "x").exists()


def _hold_write_lock(path: Path, seconds: float, ready: threading.Event) -> None:
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    ready.set()
    time.sleep(seconds)
    holder.execute("COMMIT")
    holder.close()


def test_second_writer_waits_for_the_first(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite"
    with open_log(path, create=True):
        pass
    ready = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(path, 0.3, ready))
    holder.start()
    ready.wait()
    with open_log(path, create=False, timeout=5.0) as db:
        record(db, PLAN, _entry())  # waits for the lock, then writes
        assert len(entries(db)) == 1
    holder.join()


def test_second_writer_told_when_the_first_does_not_finish(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite"
    with open_log(path, create=True):
        pass
    ready = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(path, 1.0, ready))
    holder.start()
    ready.wait()
    with (
        pytest.raises(LogError, match="another process is writing"),
        open_log(path, create=False, timeout=0.1) as db,
    ):
        record(db, PLAN, _entry())
    holder.join()
    with open_log(path, create=False) as db:
        assert entries(db) == []  # nothing half-written

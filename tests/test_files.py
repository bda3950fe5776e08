"""The atomic writer: readers see the old file or the new one, never half of one."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.errors import PlannerError
from planner.writes import write_atomic


def test_writes_the_text_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    write_atomic(target, "week\n")
    assert target.read_text(encoding="utf-8") == "week\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]


def test_replaces_an_existing_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_text("old " * 1000, encoding="utf-8")
    write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.md"
    target.write_text("old", encoding="utf-8")

    def broken(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("planner.writes.os.replace", broken)
    with pytest.raises(PlannerError, match=r"plan\.md: cannot write: disk full"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]

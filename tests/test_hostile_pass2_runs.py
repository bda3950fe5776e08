"""Issue 18, the second hostile pass: the rows about full disks, files that cannot be
replaced, batches cut short and silent servers.

A full disk is a 64 KiB tmpfs, mounted where root can mount one (skipped elsewhere); an
immutable file needs `chattr +i` to work on the test's file system (skipped elsewhere).
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import main

SMALL = '[week]\navailable_days = ["mon", "thu"]\n'
CLI = "from planner.cli import main; main()"


def run(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    assert "internal error" not in result.output, result.output
    return result.exit_code, result.output


@pytest.fixture
def team(tmp_path: Path) -> Path:
    (tmp_path / "small.toml").write_text(SMALL, encoding="utf-8")
    (tmp_path / "roster.csv").write_text("athlete\nana\nben\ncai\n", encoding="utf-8")
    return tmp_path


def statuses(out: Path) -> dict[str, str]:
    with (out / "summary.csv").open(encoding="utf-8", newline="") as handle:
        return {row["athlete"]: row["status"] for row in csv.DictReader(handle)}


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs: room for a config and little more."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def fill(disk: Path) -> None:
    """Fill `disk` to the last byte."""
    fd = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        for chunk in (4096, 1):
            while True:
                try:
                    os.write(fd, b"x" * chunk)
                except OSError:
                    break
    finally:
        os.close(fd)


@pytest.fixture
def immutable() -> Iterator[list[Path]]:
    """Files made immutable by a test (chattr +i), made mutable again after it."""
    made: list[Path] = []
    yield made
    for path in made:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)


def make_immutable(path: Path, made: list[Path]) -> None:
    if shutil.which("chattr") is None:
        pytest.skip("no chattr")
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"chattr +i does not work here: {done.stderr.decode().strip()}")
    made.append(path)


# --- row 2: one athlete's file cannot be replaced -----------------------------------------------


def test_row02_one_athletes_write_failure_is_that_athletes_error(
    team: Path, immutable: list[Path]
) -> None:
    out = team / "out"
    args = ("batch", team / "roster.csv", "--out", out, "--config", team / "small.toml")
    assert run(*args)[0] == 0
    old = {p.name: p.read_bytes() for p in out.glob("ana.*")}
    make_immutable(out / "ana.plan.md", immutable)
    (team / "small.toml").write_text(SMALL + "[athlete]\nname = 'New'\n", encoding="utf-8")
    code, output = run(*args)
    assert code == 6, output
    assert statuses(out) == {"ana": "NOT_WRITTEN", "ben": "OPTIMAL", "cai": "OPTIMAL"}
    assert "ana: NOT_WRITTEN: " in output and "ana.plan.md: cannot write: operation not" in output
    assert {p.name: p.read_bytes() for p in out.glob("ana.*")} == old  # all old, none new
    assert "New" in (out / "ben.plan.md").read_text(encoding="utf-8")


# --- row 3: a full disk -------------------------------------------------------------------------


def test_row03_solve_o_on_a_full_disk(team: Path, full_disk: Path) -> None:
    target = full_disk / "plan.md"
    fill(full_disk)
    code, output = run("solve", team / "small.toml", "-o", target)
    assert code == 3, output
    assert "no space left on device; free some space or write somewhere else" in output
    assert "solving" not in output  # the probe writes a byte: refused before solving
    assert not target.exists()


def test_row03_a_disk_that_fills_while_writing(
    team: Path, full_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The probe passes; the disk is full by the time the plan is written.
    import planner.writes

    real = planner.writes.check_writable_dir

    def then_fill(directory: Path, name: str | None = None) -> None:
        real(directory, name)
        fill(full_disk)

    monkeypatch.setattr(planner.writes, "check_writable_dir", then_fill)
    target = full_disk / "plan.md"
    code, output = run("solve", team / "small.toml", "-o", target)
    assert code == 3, output
    assert f"{target}: cannot write: no space left on device; free some space" in output
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler"]  # no temporary left


def test_row03_catalog_import_on_a_full_disk(tmp_path: Path, full_disk: Path) -> None:
    source = Path(__file__).parent / "importers" / "data"
    database = next(source.glob("*.json"))
    fill(full_disk)
    code, output = run("catalog", "import", "free-exercise-db", database, "-o", full_disk / "c.csv")
    assert code == 3, output
    assert "no space left on device" in output


def test_row03_a_batch_that_fills_the_disk(team: Path, full_disk: Path) -> None:
    out = full_disk / "out"
    roster = team / "roster.csv"
    roster.write_text("athlete\n" + "".join(f"a{i}\n" for i in range(12)), encoding="utf-8")
    code, output = run("batch", roster, "--out", out, "--config", team / "small.toml")
    assert code == 6, output  # some athletes have no plan files, and the summary says which
    found = statuses(out)
    assert set(found) == {f"a{i}" for i in range(12)}
    assert "NOT_WRITTEN" in found.values() and "OPTIMAL" in found.values()
    assert ".plan.json: cannot write: no space left on device; free some space" in output
    assert "the team files were not written: " in output


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_row03_stdout_to_dev_full(team: Path) -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-c", CLI, "check", "small.toml"],
            cwd=team,
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=60,
            env=child_env(),
        )
    stderr = done.stderr.decode()
    assert done.returncode == 3, stderr
    assert "error: cannot write to standard output: no space left on device" in stderr
    assert "Traceback" not in stderr and "Exception ignored" not in stderr


def child_env(**extra: str) -> dict[str, str]:
    import planner

    root = str(Path(planner.__file__).resolve().parents[1])
    path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, **extra}

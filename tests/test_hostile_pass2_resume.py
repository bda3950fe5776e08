"""Issue 18, the second hostile pass, row 17: a batch killed (SIGKILL), or stopped by a full
disk, between writing a file and saving its manifest must, on --resume, know the file as its
own, not call it "edited by hand" and move it into OUT/edited.

The batch runs in a real process that kills itself with SIGKILL right after a chosen write
returns: the same moment every run, whatever the machine's load. The full disk is a 1 MiB
tmpfs, filled right after one athlete's files are written (skipped where root cannot mount).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.batch import plan_files
from planner.batch import run as batch_run
from planner.batch.jobs import Job, Outcome
from planner.batch.manifest import MANIFEST_NAME, Manifest
from planner.batch.pending import PENDING_NAME
from planner.cli.main import main

SMALL = '[week]\navailable_days = ["mon", "thu"]\n'
# The CLI, with the writes of a batch wrapped: the write of the file named in $KILL_AFTER
# returns, then the process is killed outright, before the manifest can record it.
KILLED_AFTER_A_WRITE = """
import os, signal
from planner.batch import plan_files, run
from planner.cli.main import main

victim = os.environ["KILL_AFTER"]

def then_die(write):
    def wrapped(*args, **kwargs):
        written = write(*args, **kwargs)
        names = written if isinstance(written, tuple) else (os.path.basename(str(args[0])),)
        if victim in names:
            os.kill(os.getpid(), signal.SIGKILL)
        return written
    return wrapped

run.write_plan_files = then_die(plan_files.write_plan_files)
run.write_atomic = then_die(run.write_atomic)
main()
"""

# The runs in this process solve in it too (see the fixture): what a kill leaves is the
# subject, and the killed run is a real process, with its own solver process.
pytestmark = pytest.mark.usefixtures("solves_in_this_process")


def run(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    assert "internal error" not in result.output, result.output
    return result.exit_code, result.output


def child_env(**extra: str) -> dict[str, str]:
    import planner

    root = str(Path(planner.__file__).resolve().parents[1])
    path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, **extra}


def killed_after_writing(victim: str, *args: object) -> None:
    """Run the batch CLI in its own process group until it has written `victim`."""
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_AFTER_A_WRITE, *(str(a) for a in args)],
        env=child_env(KILL_AFTER=victim),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        _, stderr = child.communicate(timeout=300)
    finally:
        with suppress(ProcessLookupError):  # its solver processes, should any be left
            os.killpg(child.pid, signal.SIGKILL)
    assert child.returncode == -signal.SIGKILL, stderr.decode()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def recorded(out: Path) -> dict[str, str]:
    """The hash the saved manifest records for each file."""
    data = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    hashes = dict(data["outputs"])
    for entry in data["athletes"].values():
        hashes.update(entry["files"])
    return hashes


@pytest.fixture
def team(tmp_path: Path) -> Path:
    (tmp_path / "small.toml").write_text(SMALL, encoding="utf-8")
    (tmp_path / "roster.csv").write_text("athlete\nana\nben\ncai\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("victim", ["ben.plan.md", "summary.csv"])
def test_row17_resume_after_a_kill_keeps_what_the_batch_wrote(team: Path, victim: str) -> None:
    out = team / "out"
    args = ("batch", team / "roster.csv", "--out", out, "--config", team / "small.toml")
    assert run(*args, "--jobs", "1")[0] == 0
    # Every plan changes (the name is in it); the batch is killed right after `victim` is
    # written: one athlete's files (or the summary) are new, the manifest records the old.
    (team / "small.toml").write_text(SMALL + "[athlete]\nname = 'New'\n", encoding="utf-8")
    killed_after_writing(victim, *args, "--jobs", "1", "--resume")
    assert "New" in (out / victim).read_text(encoding="utf-8")
    assert recorded(out)[victim] != sha256(out / victim)  # what made --resume move it
    code, output = run(*args, "--jobs", "1", "--resume")
    assert code == 0, output
    assert not (out / "edited").exists(), output
    assert "edited" not in output
    for athlete in ("ana", "ben", "cai"):
        assert "New" in (out / f"{athlete}.plan.md").read_text(encoding="utf-8")
    assert "New" in (out / "summary.csv").read_text(encoding="utf-8")
    assert not (out / PENDING_NAME).exists()  # the manifest, saved, records it all


def test_row17_a_file_edited_after_the_kill_is_still_set_aside(team: Path) -> None:
    # The note vouches for the bytes the batch wrote, not for the name: a coach's edit made
    # after the kill is kept in OUT/edited as before.
    out = team / "out"
    args = ("batch", team / "roster.csv", "--out", out, "--config", team / "small.toml")
    assert run(*args, "--jobs", "1")[0] == 0
    (team / "small.toml").write_text(SMALL + "[athlete]\nname = 'New'\n", encoding="utf-8")
    killed_after_writing("ben.plan.md", *args, "--jobs", "1", "--resume")
    with (out / "ben.plan.md").open("a", encoding="utf-8") as handle:
        handle.write("\nCoach: go easy on Thursday.\n")
    code, output = run(*args, "--jobs", "1", "--resume")
    assert code == 0, output
    assert "Coach: go easy" in (out / "edited" / "ben.plan.md").read_text(encoding="utf-8")
    assert sorted(p.name for p in (out / "edited").iterdir()) == ["ben.plan.md"]


def test_row17_the_note_outlives_a_second_kill(tmp_path: Path) -> None:
    # A resumed run that saves its manifest before rewriting the file (then is killed too)
    # keeps the noted hash in the manifest, so a third run still knows the file.
    manifest = Manifest.load(tmp_path / MANIFEST_NAME)
    manifest.entries["ben"] = {"files": {"ben.plan.md": "0" * 64}}
    manifest.will_write({"ben.plan.md": "the new plan\n"})
    assert (tmp_path / PENDING_NAME).exists()
    manifest.save(force=True)
    assert not (tmp_path / PENDING_NAME).exists()
    noted = hashlib.sha256(b"the new plan\n").hexdigest()
    assert Manifest.load(tmp_path / MANIFEST_NAME).pending == {"ben.plan.md": {noted}}
    manifest.entries["ben"] = {"files": {"ben.plan.md": noted}}  # rewritten and recorded
    manifest.save(force=True)
    assert Manifest.load(tmp_path / MANIFEST_NAME).pending == {}


def test_row17_a_pipe_in_place_of_the_note_is_refused(team: Path) -> None:
    out = team / "out"
    out.mkdir()
    os.mkfifo(out / PENDING_NAME)
    code, output = run("batch", team / "roster.csv", "--out", out, "--config", team / "small.toml")
    assert code == 3, output
    assert f"{PENDING_NAME}: is a named pipe (FIFO); planner batch keeps its own file" in output


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB tmpfs, mounted where root can mount one (skipped elsewhere)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True
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


def test_row17_resume_after_the_disk_filled_mid_batch(
    team: Path, small_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The disk fills right after ana's new files are written: no manifest can be saved, so
    # the record still holds last run's hashes for them when space is freed and --resume runs.
    out = small_disk / "out"
    args = ("batch", team / "roster.csv", "--out", out, "--config", team / "small.toml")
    assert run(*args, "--jobs", "1")[0] == 0
    (team / "small.toml").write_text(SMALL + "[athlete]\nname = 'New'\n", encoding="utf-8")
    written = plan_files.write_plan_files

    def then_fill(out: Path, job: Job, outcome: Outcome) -> tuple[str, ...]:
        names = written(out, job, outcome)
        if job.athlete == "ana":
            fill(small_disk)
        return names

    with monkeypatch.context() as patch:
        patch.setattr(batch_run, "write_plan_files", then_fill)
        code, output = run(*args, "--jobs", "1", "--resume")
    assert code in (3, 6), output
    assert "no space left on device" in output
    assert "New" in (out / "ana.plan.md").read_text(encoding="utf-8")
    assert recorded(out)["ana.plan.md"] != sha256(out / "ana.plan.md")
    (small_disk / "filler").unlink()
    code, output = run(*args, "--jobs", "1", "--resume")
    assert code == 0, output
    assert not (out / "edited").exists(), output
    for athlete in ("ana", "ben", "cai"):
        assert "New" in (out / f"{athlete}.plan.md").read_text(encoding="utf-8")

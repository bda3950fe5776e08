"""Issue 9, interrupted runs and shared output folders: the rows about how planner runs.

The signal tests start planner in a session of its own, wait for it to be mid-batch (one
athlete solved, the others hanging on purpose), signal it and check that nothing of it is
left running; a `finally` kills the whole session whatever happens.
"""

from __future__ import annotations

import csv
import fcntl
import json
import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from click.testing import CliRunner

import planner
from planner.batch import MANIFEST_NAME, AthleteStatus, Progress, run_batch
from planner.batch.jobs import FAULT_ENV
from planner.cli.main import main

SMALL = '[week]\navailable_days = ["mon", "thu"]\n'
# Ctrl-C as a terminal gives it: a pytest started in the background by a shell script ignores
# SIGINT (POSIX, for `&` without job control) and its children inherit that, so Python would
# not turn SIGINT into KeyboardInterrupt there and the Ctrl-C tests would wait in vain.
TERMINAL_SIGINT = "import signal; signal.signal(signal.SIGINT, signal.default_int_handler)\n"
CLI = TERMINAL_SIGINT + "from planner.cli.main import main; main()"
linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a planner subprocess: it imports the planner under test (the one
    this process imported), not whichever one the interpreter's site-packages points to."""
    root = str(Path(planner.__file__).resolve().parents[1])
    path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, **extra}


def run(*args: object, **kwargs: object) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args], **kwargs)  # type: ignore[arg-type]
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """A three-athlete roster beside small.toml; the directory it is in."""
    (tmp_path / "small.toml").write_text(SMALL, encoding="utf-8")
    (tmp_path / "roster.csv").write_text("athlete\na\nb\nc\n", encoding="utf-8")
    return tmp_path


def statuses(out: Path) -> dict[str, str]:
    with (out / "summary.csv").open(encoding="utf-8", newline="") as handle:
        return {row["athlete"]: row["status"] for row in csv.DictReader(handle)}


# --- rows 12, 13 and 15: signals, and a second batch meanwhile ----------------------------------


def session_alive(sid: int) -> list[int]:
    """Processes of session `sid` that still run (zombies, dead but not reaped, do not count)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with suppress(OSError, IndexError, ValueError):
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) == sid and fields[0] != "Z":
                alive.append(int(entry.name))
    return alive


def wait_until(condition: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


@contextmanager
def mid_batch(team: Path, out: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`planner batch --jobs 2` with a solved, b and c hanging: both workers are busy."""
    env = child_env(**{FAULT_ENV: "b:hang,c:hang"})
    args = ["batch", "roster.csv", "--out", str(out), "--jobs", "2", "--config", "small.toml"]
    process = subprocess.Popen(
        [sys.executable, "-c", CLI, *args],
        cwd=team,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        assert wait_until(lambda: (out / "a.plan.json").exists(), 60), "a was never solved"
        assert wait_until(lambda: len(session_alive(process.pid)) >= 3, 10)  # + 2 workers
        time.sleep(0.5)  # c has been handed to the free worker
        yield process
    finally:
        for pid in session_alive(process.pid):
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        with suppress(subprocess.TimeoutExpired):
            process.communicate(timeout=10)


@linux_only
def test_row12_sigkill_workers_die_with_their_parent(team: Path) -> None:
    with mid_batch(team, team / "out") as process:
        process.kill()
        process.communicate(timeout=10)  # no worker holds the caller's pipes
        assert wait_until(lambda: not session_alive(process.pid), 5), session_alive(process.pid)


@linux_only
def test_row12_row13_row15_sigterm_stops_workers_and_writes_the_summary(team: Path) -> None:
    out = team / "out"
    with mid_batch(team, out) as process:
        # Row 13: a second batch into the same directory meanwhile is refused at once.
        code, output = run(
            "batch", team / "roster.csv", "--out", out, "--config", team / "small.toml"
        )
        assert code == 3, output
        assert "another planner batch is writing to this directory" in output
        process.terminate()
        _, stderr = process.communicate(timeout=15)
        assert process.returncode == 130, stderr.decode()
        assert b"interrupted" in stderr
        assert wait_until(lambda: not session_alive(process.pid), 5), session_alive(process.pid)
    assert statuses(out) == {"a": "OPTIMAL", "b": "INTERRUPTED", "c": "INTERRUPTED"}


@linux_only
@pytest.mark.usefixtures("solves_in_this_process")  # the --resume below; the batch is real
def test_row15_ctrl_c_in_a_batch_exits_130_with_the_summary(team: Path) -> None:
    out = team / "out"
    with mid_batch(team, out) as process:
        os.killpg(process.pid, signal.SIGINT)  # as a terminal does: to the whole group
        _, stderr = process.communicate(timeout=15)
        assert process.returncode == 130, stderr.decode()
        assert wait_until(lambda: not session_alive(process.pid), 5)
    assert statuses(out) == {"a": "OPTIMAL", "b": "INTERRUPTED", "c": "INTERRUPTED"}
    # The interrupted athletes are solved on --resume; a is not solved again.
    summary = run_batch(team / "roster.csv", out, config=team / "small.toml", resume=True)
    assert summary.solved == 2 and summary.ok


# A CP-SAT search that only an interrupt ends, run with planner's solver parameters.
SLOW_SOLVE = """
import signal; signal.signal(signal.SIGINT, signal.default_int_handler)  # see TERMINAL_SIGINT
import sys
from pathlib import Path
from ortools.sat.python import cp_model
import planner.pipeline
from planner.model.build import DEFAULT_PARAMETERS

def slow_plan_week(catalog, config, parameters=None, deadline=None):
    model = cp_model.CpModel()
    xs = [model.new_int_var(0, 80, f"x{i}") for i in range(80)]
    model.add_all_different(xs)
    model.maximize(sum((i * 7919 % 97) * x for i, x in enumerate(xs)))
    solver = cp_model.CpSolver()
    for name, value in DEFAULT_PARAMETERS.items():
        setattr(solver.parameters, name, value)
    solver.parameters.max_time_in_seconds = 60
    Path("searching").touch()
    solver.solve(model)
    sys.exit("the search ended without the interrupt")

planner.pipeline.plan_week = slow_plan_week
from planner.cli.main import main
main()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_row15_an_interrupted_solve_exits_130_at_once(team: Path, signum: int) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_SOLVE, "solve", "small.toml"],
        cwd=team,
        env=child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        assert wait_until(lambda: (team / "searching").exists(), 60)
        time.sleep(0.3)
        started = time.monotonic()
        os.killpg(process.pid, signum)
        _, stderr = process.communicate(timeout=20)
        assert process.returncode == 130, stderr.decode()
        assert time.monotonic() - started < 5
        assert b"interrupted" in stderr and b"Traceback" not in stderr
    finally:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        with suppress(subprocess.TimeoutExpired):
            process.communicate(timeout=10)


def test_row15_ctrl_c_while_loading_exits_130(team: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("planner.catalog.catalog.parse", interrupted)
    code, output = run("check", team / "small.toml")
    assert code == 130, output
    assert "interrupted (Ctrl-C)" in output and "Aborted" not in output


# --- row 13: the lock --------------------------------------------------------------------------


def test_row13_a_second_batch_into_a_busy_directory_is_refused(team: Path) -> None:
    out = team / "out"
    out.mkdir()
    holder = os.open(out, os.O_RDONLY)  # as a running batch holds it
    try:
        fcntl.flock(holder, fcntl.LOCK_EX | fcntl.LOCK_NB)
        code, output = run(
            "batch", team / "roster.csv", "--out", out, "--config", team / "small.toml"
        )
        assert code == 3, output
        assert f"{out}: another planner batch is writing to this directory" in output
    finally:
        os.close(holder)
    assert list(out.iterdir()) == []


# --- row 11: never over an input or a file the batch did not write ----------------------------


BAD_ROSTER = "athlete,week.sessions\na,x\nb,y\n"  # validation fails: quick, nothing solved


def test_row11_the_roster_is_never_overwritten(tmp_path: Path) -> None:
    roster = tmp_path / "summary.csv"  # cp roster.csv summary.csv
    roster.write_text(BAD_ROSTER, encoding="utf-8")
    for force in ([], ["--force"]):
        code, output = run("batch", roster, "--out", tmp_path, *force)
        assert code == 3, output
        assert f"{roster}: is an input of this batch; choose another --out" in output
    assert roster.read_text(encoding="utf-8") == BAD_ROSTER
    assert not (tmp_path / "overview.md").exists()


def test_row11_a_file_the_batch_did_not_write_needs_force(tmp_path: Path) -> None:
    roster, out = tmp_path / "roster.csv", tmp_path / "out"
    roster.write_text(BAD_ROSTER, encoding="utf-8")
    out.mkdir()
    (out / "overview.md").write_text("my notes\n", encoding="utf-8")
    (out / "a.plan.md").write_text("my plan for a\n", encoding="utf-8")
    code, output = run("batch", roster, "--out", out)
    assert code == 3, output
    assert "overview.md: exists and was not written by planner batch; pass --force" in output
    assert "a.plan.md: exists and was not written by planner batch" in output
    assert (out / "overview.md").read_text(encoding="utf-8") == "my notes\n"
    code, output = run("batch", roster, "--out", out, "--force")
    assert code == 6, output
    assert (out / "overview.md").read_text(encoding="utf-8").startswith("# Team overview")
    # Nothing was solved, so nothing replaced the plan the batch did not write: it stays
    # (never deleted), and it still is not the batch's own.
    assert (out / "a.plan.md").read_text(encoding="utf-8") == "my plan for a\n"
    code, output = run("batch", roster, "--out", out)
    assert code == 3 and "overview.md" not in output and "a.plan.md: exists" in output
    (out / "a.plan.md").unlink()
    code, output = run("batch", roster, "--out", out)  # the rest is now the batch's own
    assert code == 6, output


# --- row 14: a manifest entry that is not an object ----------------------------------------------


@pytest.mark.usefixtures("solves_in_this_process")
def test_row14_a_broken_manifest_entry_is_stale(team: Path) -> None:
    roster, out, config = team / "roster.csv", team / "out", team / "small.toml"
    roster.write_text("athlete\na\nb\n", encoding="utf-8")
    # Solved in this process: what the manifest records does not depend on where.
    assert run_batch(roster, out, config=config, jobs=1).ok
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    manifest["athletes"]["a"] = 5
    manifest["athletes"]["b"]["files"] = {"../../etc/passwd": "0"}
    (out / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    summary = run_batch(roster, out, config=config, resume=True, jobs=1)
    assert summary.solved == 2 and summary.ok
    assert all(r.status is AthleteStatus.OPTIMAL for r in summary.results)


# --- row 16: file modes ------------------------------------------------------------------------


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("umask_022", "solves_in_this_process")
def test_row16_written_files_respect_umask_and_existing_modes(team: Path) -> None:
    config = team / "small.toml"
    shared = team / "shared.md"
    shared.write_text("old\n", encoding="utf-8")
    for old_mode in (0o644, 0o640):
        shared.chmod(old_mode)
        code, output = run("solve", config, "-o", shared, "--force", "--format", "markdown")
        assert code == 0, output
        assert mode(shared) == old_mode
    code, output = run("solve", config, "-o", team / "new.json", "--format", "json")
    assert code == 0 and mode(team / "new.json") == 0o644
    roster = team / "roster.csv"
    roster.write_text("athlete\na\n", encoding="utf-8")
    assert run_batch(roster, team / "out", config=config, jobs=1).ok
    written = [p for p in (team / "out").iterdir()]
    # plan json, md and html, summary, overview, manifest, index.html, team.csv, team.xlsx
    assert len(written) == 9
    assert {p.name: mode(p) for p in written} == {p.name: 0o644 for p in written}


# --- row 18: a malformed scheduler address ------------------------------------------------------


def test_row18_a_malformed_scheduler_address_stops_at_once(team: Path) -> None:
    started = time.monotonic()
    process = subprocess.run(
        [
            sys.executable,
            "-c",
            CLI,
            "batch",
            "roster.csv",
            "--out",
            "out",
            "--scheduler",
            "not a url",
        ],
        cwd=team,
        env=child_env(),
        capture_output=True,
        timeout=60,
    )
    stderr = process.stderr.decode()
    assert process.returncode == 3, stderr
    assert "'not a url' is not a scheduler address; write tcp://HOST:PORT" in stderr
    assert "Traceback" not in stderr and "Exception ignored" not in stderr
    assert time.monotonic() - started < 10


# --- row 19: progress off a terminal --------------------------------------------------------------


def test_row19_progress_lines_when_stderr_is_not_a_terminal() -> None:
    from planner.cli.progress import ProgressLines

    now = [0.0]
    lines = ProgressLines(every=30.0, clock=lambda: now[0])
    printed = CliRunner()
    with printed.isolation() as (_, err, *_):
        for second, done in [(10, 1), (31, 2), (40, 3), (62, 4), (70, 5)]:
            now[0] = float(second)
            lines(Progress(done, 5, 1, float(second), 8.0))
        text = err.getvalue().decode()
    assert text.splitlines() == [
        "progress: 2/5 athletes, 1 without a plan after 31 s, ETA 8 s",
        "progress: 4/5 athletes, 1 without a plan after 1 min 02 s, ETA 8 s",
    ]  # every 30 s, and nothing at the end: the summary follows


@pytest.mark.usefixtures("solves_in_this_process")
def test_row19_a_batch_in_a_log_shows_progress(team: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_PROGRESS_EVERY", "0")
    roster = team / "roster.csv"
    roster.write_text("athlete,week.sessions\na,\nb,x\n", encoding="utf-8")
    code, output = run("batch", roster, "--out", team / "out", "--config", team / "small.toml")
    assert code == 6, output
    assert "progress: 1/2 athletes, 1 without a plan after 0 s" in output


def test_a_reader_that_closes_the_pipe_early_is_no_error(tmp_path: Path) -> None:
    # `planner check small.toml | head -1`: the reader leaves after the first line, while
    # planner still has lines to write; planner ends quietly instead of an internal error.
    (tmp_path / "small.toml").write_text(SMALL, encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, "-c", CLI, "check", "small.toml"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=child_env(),
        cwd=tmp_path,
    )
    try:
        assert child.stdout is not None and child.stderr is not None
        child.stdout.readline()
        child.stdout.close()
        code = child.wait(timeout=60)
        errors = child.stderr.read().decode()
    finally:
        child.kill()
    assert code == 0, errors
    assert "internal error" not in errors and "Traceback" not in errors

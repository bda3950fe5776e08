"""Issue 18, the second hostile pass: the rows about full disks, files that cannot be
replaced, batches cut short and silent servers.

A full disk is a 64 KiB tmpfs, mounted where root can mount one (skipped elsewhere); an
immutable file needs `chattr +i` to work on the test's file system (skipped elsewhere).
"""

from __future__ import annotations

import csv
import importlib.util
import logging
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli.main import main

SMALL = '[week]\navailable_days = ["mon", "thu"]\n'
CLI = "from planner.cli.main import main; main()"


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


@pytest.mark.usefixtures("solves_in_this_process")
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


@pytest.mark.usefixtures("solves_in_this_process")
def test_row03_a_batch_that_fills_the_disk(
    team: Path, full_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Paths relative to the team's folder: the summary and overview quote each athlete's
    # path, and under a long temporary folder (pytest -n's popen-gw1/ made it longer) they
    # outgrew the 4 KiB page left for each once the plans had filled the disk.
    monkeypatch.chdir(team)
    out = full_disk.relative_to(team) / "out"
    Path("roster.csv").write_text("athlete\n" + "".join(f"a{i}\n" for i in range(12)), "utf-8")
    # One at a time, in this process: the athletes are written in roster order, so the disk
    # fills at the same point.
    args = ("batch", "roster.csv", "--out", out, "--config", "small.toml", "--jobs", "1")
    code, output = run(*args)
    assert code == 6, output  # some athletes have no plan files, and the summary says which
    found = statuses(out)
    assert set(found) == {f"a{i}" for i in range(12)}
    assert "NOT_WRITTEN" in found.values() and "ERROR" not in found.values()
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


# --- row 11: a hung athlete on Dask, a silent scheduler ------------------------------------------

needs_dask = pytest.mark.skipif(
    importlib.util.find_spec("distributed") is None, reason="dask[distributed] not installed"
)


@contextmanager
def fake_scheduler(answer: bytes | None) -> Iterator[str]:
    """A TCP server on 127.0.0.1 that accepts and says `answer` (None: nothing at all)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    stop = threading.Event()
    held: list[socket.socket] = []

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            held.append(conn)
            if answer is not None:
                with suppress(OSError):
                    conn.sendall(answer)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"tcp://127.0.0.1:{server.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        for conn in held:
            conn.close()
        server.close()


@needs_dask
@pytest.mark.parametrize(
    ("answer", "wait", "said"),
    [
        # Silence is waited out whatever the limit: PLANNER_SCHEDULER_TIMEOUT keeps it short.
        (None, "0.5", "did not answer within 0.5 s; is a Dask scheduler listening there?"),
        (b"\x00\x01garbage\r\n" * 100, "", "answered, but not as a Dask scheduler does"),
    ],
    ids=["silent", "garbage"],
)
def test_row11_row20_a_scheduler_that_is_silent_or_speaks_garbage(
    team: Path, answer: bytes | None, wait: str, said: str
) -> None:
    with fake_scheduler(answer) as address:
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-c", CLI, "batch", "roster.csv", "--out", "out",
             "--config", "small.toml", "--scheduler", address],
            cwd=team, env=child_env(PLANNER_SCHEDULER_TIMEOUT=wait), capture_output=True,
            timeout=120,
        )  # fmt: skip
    stderr = done.stderr.decode()
    assert done.returncode == 3, stderr
    assert f"error: --scheduler: '{address}' {said}" in stderr
    assert "Traceback" not in stderr and "Exception ignored" not in stderr
    assert time.monotonic() - started < 60


@needs_dask
def test_row11_a_hung_athlete_on_dask_is_cancelled_after_its_deadline(
    team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from distributed import Client, LocalCluster

    from planner.batch import run_batch
    from planner.batch.jobs import FAULT_ENV

    monkeypatch.setenv(FAULT_ENV, "ben:hang")
    # The stall counts from the last answer. A worker's first answer would wait for it to
    # import the solver (on a busy machine longer than a grace of 12 s): the workers import
    # it before the batch starts, so the stall (twice the 1 s limit plus the grace, 6 s) only
    # has to outlast the first answers, about 1 s after the batch starts on an idle machine
    # (the small week is proven in 0.1 s), and every second of it is waited out for Ben.
    monkeypatch.setattr("planner.batch.processes.HANG_GRACE_S", 4.0)
    # One worker process with two threads: Ben hangs one, Ana then Cai solve on the other
    # (a second worker process would only import the solver once more).
    with LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=1, threads_per_worker=2, processes=True, host="127.0.0.1",
        dashboard_address="127.0.0.1:0", silence_logs=logging.CRITICAL,
    ) as cluster, Client(cluster) as warm:  # type: ignore[no-untyped-call]  # fmt: skip
        warm.run(importlib.import_module, "planner.batch.jobs")
        started = time.monotonic()
        summary = run_batch(
            team / "roster.csv", team / "out", config=team / "small.toml",
            time_limit=1.0, scheduler=cluster.scheduler_address,
        )  # fmt: skip
        took = time.monotonic() - started
        # Ben's thread sleeps on, so his worker process cannot leave by itself: the cluster's
        # own close would wait 4 s before ending it, this waits half a second.
        for nanny in list(cluster.workers.values()):
            cluster.sync(nanny.close, timeout=0.5)
    found = {r.athlete: str(r.status) for r in summary.results}
    assert found == {"ana": "OPTIMAL", "ben": "CRASHED", "cai": "OPTIMAL"}
    ben = next(r for r in summary.results if r.athlete == "ben")
    assert "no answer from the Dask cluster for 6 s; this solve was cancelled" in ben.error
    assert took < 90


# --- row 20: --jobs beyond the cores ------------------------------------------------------------


def test_row20_jobs_are_capped_at_four_per_core(
    team: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import planner.batch.run as batch_run

    monkeypatch.setattr(batch_run, "_cpu_count", lambda: 2)
    runner = batch_run._runner(None, 512)
    assert runner.processes == 8
    assert "--jobs 512 is more than 4 per core (2 cores; each solver process takes about" in (
        caplog.text
    )
    assert batch_run._runner(None, 3).processes == 3


# --- row 12: a zip bomb as OUT/team.xlsx -------------------------------------------------------


def zip_bomb(path: Path, mib: int) -> None:
    """A workbook-looking zip whose docProps/core.xml inflates to `mib` MiB of zeros.

    Deflate level 3 packs 512 MiB of zeros into 2.3 MiB in under a second of a core; level 9
    packs it into 0.5 MiB in 3 s, and what the probe inflates does not depend on the level."""
    with (
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=3) as archive,
        archive.open("docProps/core.xml", "w", force_zip64=True) as member,
    ):
        chunk = b"\0" * (1 << 20)
        for _ in range(mib):
            member.write(chunk)


def test_row12_a_zip_bomb_is_not_inflated_to_decide_it_is_not_ours(team: Path) -> None:
    out = team / "out"
    out.mkdir()
    # 512 MiB: well past the 300 MiB the probe may reach, and half the time to make of 1 GiB.
    zip_bomb(out / "team.xlsx", mib=512)
    assert (out / "team.xlsx").stat().st_size < 4 << 20  # a bomb: 512 MiB from under 4 MiB
    # The probe's own peak (VmHWM): ru_maxrss would carry over the peak of the pytest process
    # it was forked from, which grows with the suite.
    probe = "from pathlib import Path; from planner.report.xlsx import made_by_planner; " + (
        "import re, sys; print(made_by_planner(Path(sys.argv[1])), re.search("
        "r'VmHWM:\\s*(\\d+)', Path('/proc/self/status').read_text())[1])"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(out / "team.xlsx")],
        env=child_env(), capture_output=True, timeout=60,
    )  # fmt: skip
    ours, peak_kib = done.stdout.decode().split()
    assert ours == "False"
    assert int(peak_kib) < 300 << 10  # < 300 MiB: the 512 MiB inside was never inflated
    code, output = run("batch", team / "roster.csv", "--out", out, "--config", team / "small.toml")
    assert code == 3, output
    assert "team.xlsx" in output and "--force" in output

"""The local runner: worker processes, one lane each, so a crash or a hang costs one athlete."""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import os
import select
import signal
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from planner.batch.jobs import Job, Outcome, solve_job
from planner.batch.results import AthleteStatus

log = logging.getLogger(__name__)

# A solve that outlives twice its time limit plus this is presumed hung and its process killed.
HANG_GRACE_S = 60.0
_PARENT_POLL_S = 0.5
_PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>


class LocalRunner:
    """Solves on this machine, in `processes` worker processes (a Runner)."""

    def __init__(self, processes: int):
        self.processes = processes

    def run(self, jobs: Sequence[Job], done: Callable[[Job, Outcome], None]) -> None:
        run_local(jobs, self.processes, done)


def run_local(jobs: Sequence[Job], processes: int, done: Callable[[Job, Outcome], None]) -> None:
    """Solve the jobs in `processes` worker processes, calling done(job, outcome) for each.

    Each process is its own single-worker pool (a lane) running one job at a time. When a
    process dies, only its lane breaks, so the crash is blamed on exactly the athlete it was
    solving, the lane is replaced and no other athlete is re-run. A solve that runs far past
    its time limit is presumed hung: its process is killed the same way.
    """
    context = _start_method()
    queue = deque(jobs)
    lanes: list[ProcessPoolExecutor] = []
    running: dict[Future[Outcome], tuple[int, Job, float]] = {}
    killed: set[int] = set()

    def lane_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=1,
            mp_context=context,
            initializer=_worker_started,
            initargs=(os.getpid(), dict(os.environ), context.get_start_method() == "forkserver"),
        )

    def start(lane: int) -> None:
        job = queue.popleft()
        deadline = time.monotonic() + 2 * job.config.solver.time_limit + HANG_GRACE_S
        running[lanes[lane].submit(solve_job, job)] = (lane, job, deadline)

    clean = False
    try:
        for lane in range(min(processes, len(queue))):
            lanes.append(lane_pool())
            start(lane)
        while running:
            deadlines = [d for lane, _, d in running.values() if lane not in killed]
            timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            finished, _ = wait(running, timeout=timeout, return_when=FIRST_COMPLETED)
            for future in finished:
                lane, job, _ = running.pop(future)
                outcome = _collect(future, job, hung=lane in killed)
                if isinstance(future.exception(), BrokenProcessPool):
                    lanes[lane].shutdown(wait=False)
                    lanes[lane] = lane_pool()
                    killed.discard(lane)
                done(job, outcome)
                if queue:
                    start(lane)
            for lane, job, deadline in running.values():
                if time.monotonic() > deadline and lane not in killed:
                    log.warning("athlete %s: no answer past its deadline; killing", job.athlete)
                    _kill(lanes[lane])
                    killed.add(lane)
        clean = True
    finally:
        for executor in lanes:
            if not clean:  # Ctrl-C, SIGTERM or a bug here: no solve may outlive the batch
                _kill(executor)
            executor.shutdown(wait=clean, cancel_futures=True)


def _start_method() -> multiprocessing.context.BaseContext:
    """Worker processes forked from a fork server that imported the solver once, on Linux;
    elsewhere spawned, each importing it anew (about a second a process). Never a plain fork
    of the batch: OR-Tools runs threads, and a fork copies their locks (the server has run no
    solve, so it has none).

    A forked worker's parent is the server, which lives as long as any worker does; so such a
    worker watches the batch itself through a pidfd (Linux 5.3), and without one the workers
    are spawned as children of the batch."""
    if not _pidfd_works():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["planner.batch.jobs"])
    return context


def _pidfd_works() -> bool:
    try:
        os.close(os.pidfd_open(os.getpid()))  # type: ignore[attr-defined, unused-ignore]
    except (AttributeError, OSError):  # not Linux, or a kernel before 5.3
        return False
    return True


def _worker_started(batch: int, environment: dict[str, str], forked: bool) -> None:
    """In each worker process: see the batch's environment as it is now (a fork server keeps
    the one it started with); leave Ctrl-C to the batch (which stops the workers itself); and
    end when the batch ends, even when it is killed (SIGKILL) and cannot say so."""
    os.environ.clear()
    os.environ.update(environment)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if forked:  # by the fork server, which outlives the batch: watch the batch itself
        try:
            watched = os.pidfd_open(batch)  # type: ignore[attr-defined, unused-ignore]
        except OSError:  # the batch has already ended
            os._exit(1)
        threading.Thread(target=_exit_when_readable, args=(watched,), daemon=True).start()
        return
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):  # the kernel ends us with the batch
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != batch:  # the batch died before the line above took effect
        os._exit(1)
    threading.Thread(target=_exit_with, args=(batch,), name="parent-watch", daemon=True).start()


def _exit_when_readable(pidfd: int) -> None:
    select.select([pidfd], [], [])  # a pidfd turns readable when its process ends
    os._exit(1)


def _exit_with(parent: int) -> None:
    # Everywhere else (and as a second line on Linux): an orphan is re-parented; notice it.
    while os.getppid() == parent:
        time.sleep(_PARENT_POLL_S)
    os._exit(1)


def _collect(future: Future[Outcome], job: Job, hung: bool) -> Outcome:
    try:
        return future.result()
    except BrokenProcessPool:
        if hung:
            limit = 2 * job.config.solver.time_limit + HANG_GRACE_S
            return Outcome(
                AthleteStatus.CRASHED,
                error=f"the solver process hung (no answer after {limit:g} s) and was killed",
            )
        return Outcome(
            AthleteStatus.CRASHED,
            error="the solver process crashed (ended abruptly); the other athletes went on",
        )
    except Exception as exc:  # e.g. the job could not be sent to the process
        return Outcome(
            AthleteStatus.ERROR,
            error=f"internal error: {type(exc).__name__}: {exc}",
            detail="".join(traceback.format_exception(exc)),
        )


def _kill(executor: ProcessPoolExecutor) -> None:
    # ProcessPoolExecutor has no public kill before Python 3.14 (kill_workers).
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        process.kill()

"""The Dask runner: a batch's per-athlete solves on an existing Dask distributed cluster.

The same jobs and the same worker function as the local process lanes, so validation,
resume, files and the summary are untouched: only where `solve_job` runs changes. Jobs carry
the validated config and catalog as data, so workers need planner installed (the same
version) but no access to the roster's files. Dask is optional: `pip install 'planner[dask]'`.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import re
import time
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from planner.batch import processes
from planner.batch.jobs import Job, Outcome, solve_job
from planner.batch.results import AthleteStatus
from planner.errors import PlannerError, Problem

CONNECT_TIMEOUT_S = 10.0  # how long the scheduler has to say who it is
CONNECT_TIMEOUT_ENV = "PLANNER_SCHEDULER_TIMEOUT"  # seconds, to change it (a slow link: more)
_MAX_CONNECT_TIMEOUT_S = 3600.0
_POLL_S = 0.1  # how often the batch looks for finished solves


_ADDRESS = re.compile(
    r"((?P<scheme>[a-z][a-z0-9+.-]*)://)?(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+):(?P<port>\d{1,5})/?"
)
_SCHEMES = ("tcp", "tls", "ws", "wss", "ucx")


def connect_timeout() -> float:
    """Seconds the scheduler has to answer: PLANNER_SCHEDULER_TIMEOUT, or 10."""
    text = os.environ.get(CONNECT_TIMEOUT_ENV, "").strip()
    if not text:
        return float(CONNECT_TIMEOUT_S)
    try:
        seconds = float(text)
    except ValueError:
        seconds = float("nan")
    if not 0 < seconds <= _MAX_CONNECT_TIMEOUT_S:  # nan fails too
        allowed = f"allowed: more than 0, at most {_MAX_CONNECT_TIMEOUT_S:g}"
        what = f"{text!r} is not a number of seconds; {allowed}"
        raise PlannerError([Problem(CONNECT_TIMEOUT_ENV, what)])
    return seconds


def check_address(address: str) -> None:
    """A scheduler address must read SCHEME://HOST:PORT (or HOST:PORT), checked before any
    work and before Dask sees it (a Dask client given a malformed one stalls on exit)."""
    match = _ADDRESS.fullmatch(address.strip())
    problem = None
    if match is None:
        problem = "is not a scheduler address; write tcp://HOST:PORT, e.g. tcp://10.0.0.5:8786"
    elif match["scheme"] and match["scheme"] not in _SCHEMES:
        problem = f"has an unknown protocol {match['scheme']!r}; allowed: {', '.join(_SCHEMES)}"
    elif not 0 < int(match["port"]) < 65536:
        problem = f"has port {match['port']}, out of range; allowed: 1..65535"
    if problem:
        raise PlannerError([Problem("--scheduler", f"{address!r} {problem}")])


class DaskRunner:
    """Solves on the Dask scheduler at `address` (a Runner); the address is checked at once."""

    processes = 0  # no local processes

    def __init__(self, address: str):
        check_address(address)
        self.address = address
        self.timeout = connect_timeout()

    def run(self, jobs: Sequence[Job], done: Callable[[Job, Outcome], None]) -> None:
        run_on_dask(self.address, jobs, done, self.timeout)


def run_on_dask(
    address: str,
    jobs: Sequence[Job],
    done: Callable[[Job, Outcome], None],
    timeout: float | None = None,
) -> None:
    """Submit every job to the scheduler at `address`; call done(job, outcome) as each ends.
    The scheduler has `timeout` seconds (default: connect_timeout()) to answer."""
    check_address(address)
    timeout = connect_timeout() if timeout is None else timeout
    distributed = _distributed()
    _check_speaks_dask(address, distributed, timeout)
    try:
        client = distributed.Client(address, timeout=f"{timeout}s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise PlannerError(
            [Problem("--scheduler", f"cannot reach the Dask scheduler at {address!r}: {exc}")]
        ) from None
    run = uuid.uuid4().hex[:8]  # fresh keys: a cluster must not hand back an older run's result
    with client:
        futures = {
            client.submit(solve_job, job, key=f"planner-{job.stem}-{run}", retries=0): job
            for job in jobs
        }
        pending = set(futures)
        stall = 2 * max(job.config.solver.time_limit for job in jobs) + processes.HANG_GRACE_S
        answered = time.monotonic()
        while pending:
            finished = [f for f in pending if f.status != "pending"]
            for future in finished:
                pending.discard(future)
                done(futures[future], _collect(future, distributed))
                future.release()
            if finished:
                answered = time.monotonic()
            elif time.monotonic() - answered > stall:  # the solves running now are hung
                for future in _running(client, pending):
                    future.cancel()
                    pending.discard(future)
                    done(futures[future], _hung(stall))
                answered = time.monotonic()
            else:
                time.sleep(_POLL_S)


def _running(client: Any, pending: set[Any]) -> list[Any]:
    """The pending futures a worker is processing now (all of them if the scheduler will not
    say), in a stable order."""
    try:
        busy = {key for keys in client.processing().values() for key in keys}
    except Exception:  # a scheduler that cannot say: every pending one is hung
        busy = {f.key for f in pending}
    return sorted((f for f in pending if f.key in busy), key=lambda f: str(f.key))


def _hung(stall: float) -> Outcome:
    return Outcome(
        AthleteStatus.CRASHED,
        error=f"no answer from the Dask cluster for {stall:g} s; this solve was cancelled and "
        "the other athletes went on",
    )


def _check_speaks_dask(address: str, distributed: Any, timeout: float) -> None:
    """Ask the scheduler who it is, bounded in time, before a Client is made: a server that
    accepts and stays silent would hang a Client for minutes, and one that answers with
    something else would crash it (and a half-made Client complains again at exit)."""
    connect = distributed.comm.connect

    async def identity() -> Any:
        comm = await connect(address, timeout=timeout)
        try:
            await comm.write({"op": "identity", "reply": True})
            return await comm.read()
        finally:
            await comm.close()

    def problem(what: str) -> PlannerError:
        return PlannerError([Problem("--scheduler", f"{address!r} {what}")])

    try:
        reply = asyncio.run(asyncio.wait_for(identity(), timeout + 2))
    except TimeoutError:
        raise problem(
            f"did not answer within {timeout:g} s; is a Dask scheduler listening there? "
            f"(a slow link: set {CONNECT_TIMEOUT_ENV} to more seconds)"
        ) from None
    except (OSError, ValueError) as exc:
        message = f"cannot reach the Dask scheduler at {address!r}: {str(exc)[:200]}"
        raise PlannerError([Problem("--scheduler", message)]) from None
    except Exception as exc:  # whatever else it sent, it is no Dask scheduler
        raise problem(
            f"answered, but not as a Dask scheduler does ({type(exc).__name__}); check the "
            "host and port"
        ) from None
    if not isinstance(reply, dict) or reply.get("type") != "Scheduler":
        raise problem("answered, but is not a Dask scheduler; check the host and port")


def _collect(future: Any, distributed: Any) -> Outcome:
    try:
        outcome: Outcome = future.result()
        return outcome
    except distributed.KilledWorker:
        # The scheduler gave up on the task after the workers running it died.
        return Outcome(
            AthleteStatus.CRASHED,
            error="the Dask worker solving this athlete died; the other athletes went on",
        )
    except Exception as exc:  # lost connection, cancelled, or a bug in transport
        return Outcome(
            AthleteStatus.ERROR, error=f"on the Dask cluster: {type(exc).__name__}: {exc}"
        )


def _distributed() -> Any:
    try:
        return importlib.import_module("distributed")
    except ImportError:
        raise PlannerError(
            [Problem("--scheduler", "needs Dask distributed; install it with "
                     "pip install 'planner[dask]'")]
        ) from None  # fmt: skip

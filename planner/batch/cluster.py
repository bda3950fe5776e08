"""The Dask runner: a batch's per-athlete solves on an existing Dask distributed cluster.

The same jobs and the same worker function as the local process lanes, so validation,
resume, files and the summary are untouched: only where `solve_job` runs changes. Jobs carry
the validated config and catalog as data, so workers need planner installed (the same
version) but no access to the roster's files. Dask is optional: `pip install 'planner[dask]'`.
"""

from __future__ import annotations

import importlib
import re
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from planner.batch.jobs import Job, Outcome, solve_job
from planner.batch.results import AthleteStatus
from planner.errors import PlannerError, Problem

CONNECT_TIMEOUT_S = 10


_ADDRESS = re.compile(
    r"((?P<scheme>[a-z][a-z0-9+.-]*)://)?(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+):(?P<port>\d{1,5})/?"
)
_SCHEMES = ("tcp", "tls", "ws", "wss", "ucx")


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

    def run(self, jobs: Sequence[Job], done: Callable[[Job, Outcome], None]) -> None:
        run_on_dask(self.address, jobs, done)


def run_on_dask(address: str, jobs: Sequence[Job], done: Callable[[Job, Outcome], None]) -> None:
    """Submit every job to the scheduler at `address`; call done(job, outcome) as each ends."""
    check_address(address)
    distributed = _distributed()
    try:
        client = distributed.Client(address, timeout=f"{CONNECT_TIMEOUT_S}s", set_as_default=False)
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
        for future in distributed.as_completed(list(futures), loop=client.loop):
            job = futures[future]
            done(job, _collect(future, distributed))
            future.release()


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

"""A roster of athletes -> one plan each: validated and solved independently, resumable.

Data flows as everywhere else in planner, once per athlete: the roster row is merged into
a base config and validated in the parent (so errors name `roster.csv:LINE: column`), then
solved and checked in a separate process (so a crash or a hang costs one athlete, never the
batch), and the parent alone writes files, each atomically. A small manifest in the output
directory remembers each athlete's input fingerprint, so `--resume` re-solves only what
changed.

The modules, in the order the data flows through them:

    roster.py      the roster CSV (a team sheet: any delimiter, notes columns), as a whole
    columns.py     the override columns, from Config, and how a typed cell is read
    inputs.py      a row + its base config + the catalog -> a Job, or a BAD_INPUT result
    manifest.py    input fingerprints and the resume manifest
    jobs.py        Job / Outcome, the per-athlete solve that runs in a worker, and Runner:
                   where the solves run, one of
    processes.py     LocalRunner: local worker processes, crash and hang handling
    cluster.py       DaskRunner: an existing Dask distributed cluster
    plan_files.py  the output directory (its lock, what may be replaced) and the plan files
    history.py     old plans kept (stale) or moved aside; dated output folders
    fixes.py       a conflict's fix written where the coach types it; the conflict file
    report.py      summary.csv and overview.md
    team_files.py  the team's index.html, team.csv and team.xlsx, from the plan JSONs
    results.py     AthleteStatus, AthleteResult, Progress, BatchSummary
    run.py         run_batch, which ties them together

This package exports the API a caller needs; the rest is imported from its module.
"""

from planner.batch.manifest import MANIFEST_NAME
from planner.batch.results import (
    OVERVIEW_NAME,
    SUMMARY_NAME,
    AthleteResult,
    AthleteStatus,
    BatchInterrupted,
    BatchSummary,
    Progress,
)
from planner.batch.roster import Roster, RosterRow, read_roster
from planner.batch.run import run_batch
from planner.errors import RosterError
from planner.formats import BATCH_DEFAULT_FORMATS as DEFAULT_FORMATS

__all__ = [
    "DEFAULT_FORMATS",
    "MANIFEST_NAME",
    "OVERVIEW_NAME",
    "SUMMARY_NAME",
    "AthleteResult",
    "AthleteStatus",
    "BatchInterrupted",
    "BatchSummary",
    "Progress",
    "Roster",
    "RosterError",
    "RosterRow",
    "read_roster",
    "run_batch",
]

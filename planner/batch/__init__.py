"""A roster of athletes -> one plan each: validated and solved independently, resumable.

Data flows as everywhere else in planner, once per athlete: the roster row is merged into
a base config and validated in the parent (so errors name `roster.csv:LINE: column`), then
solved and checked in a separate process (so a crash or a hang costs one athlete, never the
batch), and the parent alone writes files, each atomically. A small manifest in the output
directory remembers each athlete's input fingerprint, so `--resume` re-solves only what
changed.

The modules, in the order the data flows through them:

    roster.py      the roster CSV, checked as a whole; the override columns
    inputs.py      a row + its base config + the catalog -> a Job, or a BAD_INPUT result
    manifest.py    input fingerprints and the resume manifest
    jobs.py        Job / Outcome and the per-athlete solve that runs in a worker
    runner.py      the local worker processes, crash and hang handling
    plan_files.py  the output directory and each athlete's plan files
    report.py      summary.csv and overview.md
    results.py     AthleteStatus, AthleteResult, Progress, BatchSummary
    run.py         run_batch, which ties them together
"""

from planner.batch.jobs import FAULT_ENV, Job, Outcome, plan_text, solve_job
from planner.batch.manifest import MANIFEST_NAME, fingerprint
from planner.batch.plan_files import DEFAULT_FORMATS, FORMATS, plan_file_name
from planner.batch.report import SUMMARY_COLUMNS, overview_markdown, summary_csv
from planner.batch.results import (
    OVERVIEW_NAME,
    SUMMARY_NAME,
    AthleteResult,
    AthleteStatus,
    BatchInterrupted,
    BatchSummary,
    Progress,
)
from planner.batch.roster import (
    OVERRIDE_KEYS,
    RESERVED_COLUMNS,
    Roster,
    RosterRow,
    cell_value,
    read_roster,
    safe_stem,
)
from planner.batch.run import run_batch
from planner.batch.runner import run_local
from planner.errors import RosterError

# The name planner/batch.py had for roster.cell_value, which tests/test_batch.py reads.
_cell_value = cell_value

__all__ = [
    "DEFAULT_FORMATS",
    "FAULT_ENV",
    "FORMATS",
    "MANIFEST_NAME",
    "OVERRIDE_KEYS",
    "OVERVIEW_NAME",
    "RESERVED_COLUMNS",
    "SUMMARY_COLUMNS",
    "SUMMARY_NAME",
    "AthleteResult",
    "AthleteStatus",
    "BatchInterrupted",
    "BatchSummary",
    "Job",
    "Outcome",
    "Progress",
    "Roster",
    "RosterError",
    "RosterRow",
    "cell_value",
    "fingerprint",
    "overview_markdown",
    "plan_file_name",
    "plan_text",
    "read_roster",
    "run_batch",
    "run_local",
    "safe_stem",
    "solve_job",
    "summary_csv",
]

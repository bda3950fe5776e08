"""run_batch: validate every row, solve what changed, write the files and the summary."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from importlib import metadata
from pathlib import Path

from planner.batch.inputs import InputCache
from planner.batch.jobs import Job, Outcome, Runner
from planner.batch.manifest import MANIFEST_NAME, Manifest
from planner.batch.plan_files import (
    check_formats,
    check_outputs,
    locked,
    output_dir,
    remove_plan_files,
    write_plan_files,
)
from planner.batch.processes import LocalRunner
from planner.batch.report import overview_markdown, summary_csv
from planner.batch.results import (
    AthleteResult,
    AthleteStatus,
    BatchInterrupted,
    BatchSummary,
    Progress,
)
from planner.batch.roster import Roster, read_roster
from planner.files import write_atomic
from planner.formats import BATCH_DEFAULT_FORMATS as DEFAULT_FORMATS

log = logging.getLogger(__name__)


def run_batch(
    roster: str | Path | Roster,
    out_dir: str | Path,
    *,
    config: str | Path | None = None,
    catalog: str | Path | None = None,
    formats: Sequence[str] = DEFAULT_FORMATS,
    jobs: int | None = None,
    resume: bool = False,
    time_limit: float | None = None,
    scheduler: str | None = None,
    progress: Callable[[Progress], None] | None = None,
    force: bool = False,
) -> BatchSummary:
    """Plan every athlete on the roster; write plan files, summary.csv and overview.md.

    Raises RosterError (or another PlannerError for --config, --catalog, --out) only when
    nothing could be done; a problem with one athlete is recorded in its result instead.
    Files in the output directory that this function did not write, and its inputs, are
    never replaced (the former are with force=True). Ctrl-C (KeyboardInterrupt) stops the
    solves, writes the summary of what finished and raises BatchInterrupted with it.
    Solves run in spawned processes, so a script calling this needs the usual
    `if __name__ == "__main__":` guard.
    """
    start = time.monotonic()
    formats = check_formats(formats)
    runner = _runner(scheduler, jobs)  # a malformed scheduler address stops us here
    table = roster if isinstance(roster, Roster) else read_roster(roster)
    inputs = InputCache(table, Path(config) if config else None, catalog, time_limit)
    out = output_dir(Path(out_dir))
    with locked(out):
        manifest = Manifest.load(out / MANIFEST_NAME)
        results, todo = _triage(table, inputs, formats, manifest if resume else None, out)
        stems = [row.stem for row in table.rows if row.athlete]
        check_outputs(out, stems, [table.path, *inputs.paths()], manifest.written(), force)
        summary = _solve_all(table, out, manifest, results, todo, runner, progress)
        summary = replace(summary, wall_time_s=round(time.monotonic() - start, 3))
        write_atomic(summary.summary_path, summary_csv(summary))
        write_atomic(summary.overview_path, overview_markdown(summary))
        manifest.record_output(summary.summary_path)
        manifest.record_output(summary.overview_path)
        manifest.save(force=True)
    if summary.interrupted:
        raise BatchInterrupted(summary)
    return summary


def _solve_all(
    table: Roster,
    out: Path,
    manifest: Manifest,
    results: dict[int, AthleteResult],
    todo: list[Job],
    runner: Runner,
    progress: Callable[[Progress], None] | None,
) -> BatchSummary:
    """Solve the jobs with `runner`, writing each athlete's files as its outcome arrives;
    the summary's wall time is left for the caller to fill in."""
    start = time.monotonic()
    index_of = {r.athlete: i for i, r in results.items() if r.athlete}  # ids are unique
    solved: set[str] = set()
    failed = sum(1 for r in results.values() if not r.has_plan) - len(todo)

    def report() -> None:
        if progress is None:
            return
        elapsed = time.monotonic() - start
        eta = elapsed / len(solved) * (len(todo) - len(solved)) if solved else None
        done_count = len(table.rows) - len(todo) + len(solved)
        progress(Progress(done_count, len(table.rows), failed, elapsed, eta))

    def done(job: Job, outcome: Outcome) -> None:
        nonlocal failed
        if outcome.detail:
            log.error("athlete %s: %s\n%s", job.athlete, outcome.error, outcome.detail)
        index = index_of[job.athlete]
        files = write_plan_files(out, job, outcome)
        results[index] = _result(results[index], job, outcome, files)
        manifest.record(job, results[index], files, out)
        solved.add(job.athlete)
        failed += 0 if outcome.status.has_plan else 1
        report()

    report()
    interrupted = False
    try:
        if todo:
            runner.run(todo, done)
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: keep what finished, say what did not
        interrupted = True
        for job in todo:
            if job.athlete not in solved:
                index = index_of[job.athlete]
                results[index] = replace(
                    results[index],
                    status=AthleteStatus.INTERRUPTED,
                    error="not solved: the batch was interrupted first",
                )
    finally:
        manifest.save(force=True)
    for index, row in enumerate(table.rows):  # athletes that failed validation: no stale plans
        if results[index].status is AthleteStatus.BAD_INPUT and row.athlete:
            remove_plan_files(out, row.stem, keep=())
    return BatchSummary(
        table.name,
        out,
        tuple(results[i] for i in range(len(table.rows))),
        tuple(table.unknown_columns.values()),
        solved=len(solved),
        resumed=sum(1 for r in results.values() if r.resumed),
        processes=min(runner.processes, len(todo)),
        wall_time_s=0.0,
        interrupted=interrupted,
    )


def _triage(
    table: Roster,
    inputs: InputCache,
    formats: tuple[str, ...],
    manifest: Manifest | None,
    out: Path,
) -> tuple[dict[int, AthleteResult], list[Job]]:
    """Per row, a final result (bad input, or unchanged since the last run when resuming),
    or a job to solve and a placeholder result that its outcome will replace."""
    versions = _versions()
    results: dict[int, AthleteResult] = {}
    todo: list[Job] = []
    for index, row in enumerate(table.rows):
        try:
            prepared = inputs.prepare(row, formats, versions)
        except Exception as exc:  # a bug in validating one row must not stop the others
            log.exception("athlete %s (line %d): validation failed", row.athlete, row.line)
            error = f"internal error: {type(exc).__name__}: {exc}"
            prepared = AthleteResult(row.athlete, "", row.line, AthleteStatus.ERROR, error=error)
        if isinstance(prepared, AthleteResult):
            results[index] = prepared
            continue
        job, warnings = prepared
        previous = manifest.resumable(job, out) if manifest else None
        results[index] = replace(
            previous or AthleteResult(job.athlete, "", 0, AthleteStatus.UNKNOWN),
            name=job.config.athlete.name,
            line=row.line,
            load_cap=job.config.load.max_week,
            warnings=warnings,
        )
        if previous is None:
            todo.append(job)
    return results, todo


def _runner(scheduler: str | None, jobs: int | None) -> Runner:
    if scheduler:
        from planner.batch.cluster import DaskRunner  # Dask loads only when asked for

        return DaskRunner(scheduler)
    return LocalRunner(jobs or _cpu_count())


def _cpu_count() -> int:
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity else os.cpu_count() or 1


def _versions() -> dict[str, str]:
    versions = {}
    for package in ("planner", "ortools"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "unknown"
    return versions


def _result(
    pending: AthleteResult, job: Job, outcome: Outcome, files: tuple[str, ...]
) -> AthleteResult:
    return replace(
        pending,
        status=outcome.status,
        objective=outcome.objective,
        gap=outcome.gap,
        load=outcome.load,
        load_cap=job.config.load.max_week,
        sessions=outcome.sessions,
        wall_time_s=outcome.wall_time_s,
        solver_time_s=outcome.solver_time_s,
        conflicts=outcome.conflicts,
        error=outcome.error,
        files=files,
    )

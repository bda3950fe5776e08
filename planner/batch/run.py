"""run_batch: validate every row, solve what changed, write the files and the summary."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from planner.batch.fixes import Origins, conflict_report, conflicts_file_name, short_reason
from planner.batch.history import (
    earlier_runs,
    expand_out,
    last_good_plan,
    move_aside,
    recorded_hashes,
    set_aside_edited,
    today,
)
from planner.batch.inputs import InputCache
from planner.batch.jobs import Job, Outcome, Runner
from planner.batch.manifest import MANIFEST_NAME, Manifest
from planner.batch.plan_files import (
    athlete_file_names,
    check_formats,
    check_outputs,
    locked,
    output_dir,
    plan_texts,
    remove_conflicts_file,
    write_conflicts_file,
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
from planner.batch.team_files import team_plans, with_days, write_team_files
from planner.batch.triage import Triage, triage_rows
from planner.errors import PlannerError
from planner.formats import BATCH_DEFAULT_FORMATS as DEFAULT_FORMATS
from planner.report.calendar_options import coming_monday
from planner.writes import write_atomic

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
    calendar_start: date | None = None,
) -> BatchSummary:
    """Plan every athlete on the roster; write plan files (the JSON always), summary.csv,
    overview.md and the team's files (index.html, team.csv, team.xlsx).

    `out_dir` may hold {date} or {week} (plans/{date}: a folder per run, so the weeks
    accumulate). An athlete without a plan now keeps their last good one, marked stale; the
    files of athletes no longer on the roster are moved to OUT/removed/.
    Raises RosterError (or another PlannerError for --config, --catalog, --out) only when
    nothing could be done; a problem with one athlete is recorded in its result instead.
    Files in the output directory that this function did not write, and its inputs, are
    never replaced (the former are with force=True). Ctrl-C (KeyboardInterrupt) stops the
    solves, writes the summary of what finished and raises BatchInterrupted with it.
    Solves run in worker processes that import the calling script anew (forked from a fork
    server on Linux, spawned elsewhere), so a script calling this needs the usual
    `if __name__ == "__main__":` guard.
    """
    start = time.monotonic()
    formats = check_formats(formats)
    runner = _runner(scheduler, jobs)  # a malformed scheduler address stops us here
    table = roster if isinstance(roster, Roster) else read_roster(roster)
    if "ics" in formats and calendar_start is None:  # a week's calendar, as planner solve's
        calendar_start = coming_monday(date.today())
    inputs = InputCache(
        table, Path(config) if config else None, catalog, time_limit, calendar_start
    )
    out = output_dir(expand_out(out_dir))
    with locked(out):
        manifest = Manifest.load(out / MANIFEST_NAME)
        triage = triage_rows(table, inputs, formats, manifest if resume else None, out)
        stems = [row.stem for row in table.rows if row.athlete]
        check_outputs(out, stems, [table.path, *inputs.paths()], manifest.written(), force)
        current = {name for stem in stems for name in athlete_file_names(stem)}
        ids = {row.athlete for row in table.rows if row.athlete}
        moved = move_aside(out, manifest.entries, ids, current)
        recorded = recorded_hashes(manifest.entries, manifest.outputs)
        edited = set_aside_edited(out, recorded, manifest.pending)
        earlier = earlier_runs(out_dir, out)  # {date} or {week}: last week's folders
        summary = _solve_all(table, out, manifest, triage, runner, progress, earlier)
        summary = replace(
            summary,
            wall_time_s=round(time.monotonic() - start, 3),
            moved_aside=tuple(moved),
            set_aside=tuple(edited),
            catalog_warnings=inputs.catalog_warnings(),
        )
        plans = team_plans(out, summary.results)
        summary = with_days(summary, plans)
        pages = {summary.summary_path: summary_csv(summary)}
        pages[summary.overview_path] = overview_markdown(summary)
        try:
            manifest.will_write({path.name: text for path, text in pages.items()})
        except PlannerError as exc:  # a full disk: the summary matters more than the note
            log.warning("%s; --resume may take summary.csv for an edited file", exc.problems[0])
        write_atomic(summary.summary_path, pages[summary.summary_path])
        manifest.record_output(summary.summary_path)
        try:
            write_atomic(summary.overview_path, pages[summary.overview_path])
            manifest.record_output(summary.overview_path)
            for path in write_team_files(out, summary, plans):
                manifest.record_output(path)
        except PlannerError as exc:  # a full disk: the summary, written first, is what counts
            summary = replace(summary, team_files_error=str(exc.problems[0]))
        manifest.save(force=True)
    if summary.interrupted:
        raise BatchInterrupted(summary)
    return summary


def _solve_all(
    table: Roster,
    out: Path,
    manifest: Manifest,
    triage: Triage,
    runner: Runner,
    progress: Callable[[Progress], None] | None,
    earlier: Sequence[Path] = (),
) -> BatchSummary:
    """Solve the jobs with `runner`, writing each athlete's files as its outcome arrives;
    the summary's wall time is left for the caller to fill in."""
    results, todo = triage.results, triage.todo
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
        result = _result(results[index], job, outcome)
        origins = triage.origins[job.athlete]
        try:
            results[index] = _keep(out, manifest, job, outcome, result, origins, earlier)
        except PlannerError as exc:  # this athlete's files only: the others go on
            results[index] = replace(
                result, status=AthleteStatus.NOT_WRITTEN, error=str(exc), files=()
            )
        if results[index].status is not AthleteStatus.NOT_WRITTEN:  # else its last entry stays
            manifest.record(job, results[index], results[index].files, out)
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
    for index, row in enumerate(table.rows):  # not solved: their last good plan stays
        result = results[index]
        if row.athlete and not result.has_plan and not result.files:
            files, planned = last_good_plan(out, manifest, row.athlete, row.stem, earlier)
            results[index] = replace(result, files=files, planned=planned, stale=bool(files))
            remove_conflicts_file(out, row.stem)  # it explained rules the row no longer has
    return BatchSummary(
        table.name,
        out,
        tuple(results[i] for i in range(len(table.rows))),
        table.warnings,
        solved=len(solved),
        resumed=sum(1 for r in results.values() if r.resumed),
        processes=min(runner.processes, len(todo)),
        wall_time_s=0.0,
        interrupted=interrupted,
        note_columns=table.note_columns,
    )


def _keep(
    out: Path,
    manifest: Manifest,
    job: Job,
    outcome: Outcome,
    result: AthleteResult,
    origins: Origins,
    earlier: Sequence[Path],
) -> AthleteResult:
    """Write the athlete's files: a new plan replaces the last; without one, the last good
    plan stays (stale; in a dated run, copied from the newest earlier run that has one) and
    an infeasible week gets its conflict file."""
    if outcome.status.has_plan:
        manifest.will_write(plan_texts(job.stem, outcome))
        files = write_plan_files(out, job, outcome)
        return replace(result, files=files, planned=today().isoformat(), stale=False)
    kept, planned = last_good_plan(out, manifest, job.athlete, job.stem, earlier)
    stale = replace(result, files=kept, planned=planned, stale=bool(kept))
    if not result.conflicts:
        remove_conflicts_file(out, job.stem)
        return stale
    text = conflict_report(job.athlete, result.name, result.conflicts, job.config, origins, kept)
    manifest.will_write({conflicts_file_name(job.stem): text})
    name = write_conflicts_file(out, job.stem, text)
    error = short_reason(result.conflicts, origins, job.stem)
    return replace(stale, files=(*kept, name), error=error)


def _runner(scheduler: str | None, jobs: int | None) -> Runner:
    if scheduler:
        from planner.batch.cluster import DaskRunner  # Dask loads only when asked for

        return DaskRunner(scheduler)
    cores = _cpu_count()
    cap = JOBS_PER_CORE * cores
    if jobs is not None and jobs > cap:
        log.warning(
            "--jobs %d is more than %d per core (%d cores; each solver process takes about "
            "125 MB and a core to be quick): using %d", jobs, JOBS_PER_CORE, cores, cap,
        )  # fmt: skip
        jobs = cap
    return LocalRunner(jobs or cores)


JOBS_PER_CORE = 4  # more solves at once than this only share the cores and fill the memory


def _cpu_count() -> int:
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity else os.cpu_count() or 1


def _result(pending: AthleteResult, job: Job, outcome: Outcome) -> AthleteResult:
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
    )

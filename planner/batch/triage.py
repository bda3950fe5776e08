"""Triage of a batch's rows before solving: a final result for a row that cannot be solved
(bad input) or need not be (unchanged since the last run when resuming), a job for the
rest."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path

from planner.batch.fixes import Origins, conflict_report, conflicts_file_name, short_reason
from planner.batch.inputs import InputCache
from planner.batch.jobs import Job
from planner.batch.manifest import Manifest
from planner.batch.plan_files import write_conflicts_file
from planner.batch.results import AthleteResult, AthleteStatus
from planner.batch.roster import Roster

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Triage:
    results: dict[int, AthleteResult]  # by roster row; placeholders for the jobs to solve
    todo: list[Job]
    origins: dict[str, Origins]  # by athlete: where each setting came from


def triage_rows(
    table: Roster,
    inputs: InputCache,
    formats: tuple[str, ...],
    manifest: Manifest | None,
    out: Path,
) -> Triage:
    """Per row, a final result (bad input, or unchanged since the last run when resuming),
    or a job to solve and a placeholder result that its outcome will replace."""
    versions = _versions()
    results: dict[int, AthleteResult] = {}
    todo: list[Job] = []
    origins: dict[str, Origins] = {}
    for index, row in enumerate(table.rows):
        group, notes = inputs.group(row), row.notes
        try:
            prepared = inputs.prepare(row, formats, versions)
        except Exception as exc:  # a bug in validating one row must not stop the others
            log.exception("athlete %s (line %d): validation failed", row.athlete, row.line)
            error = f"internal error: {type(exc).__name__}: {exc}"
            prepared = AthleteResult(row.athlete, "", row.line, AthleteStatus.ERROR, error=error)
        if isinstance(prepared, AthleteResult):
            results[index] = replace(prepared, group=group, notes=notes)
            continue
        job = prepared.job
        origins[job.athlete] = prepared.origins
        previous = manifest.resumable(job, out) if manifest else None
        results[index] = replace(
            previous or AthleteResult(job.athlete, "", 0, AthleteStatus.UNKNOWN),
            name=job.config.athlete.name,
            line=row.line,
            load_cap=job.config.load.max_week,
            kind=job.kind,
            warnings=prepared.warnings,
            group=group,
            notes=notes,
        )
        if previous is None:
            todo.append(job)
        elif previous.conflicts:
            results[index] = _reworded(out, manifest, job, results[index], prepared.origins)
    return Triage(results, todo, origins)


def _reworded(
    out: Path, manifest: Manifest | None, job: Job, result: AthleteResult, origins: Origins
) -> AthleteResult:
    """An unchanged infeasible athlete's advice, written for the roster as it is now: the
    same config may come from another sheet, line or file (a value moved from a cell into
    its group's TOML), and the fix must name where the coach would type it today."""
    name = conflicts_file_name(job.stem)
    kept = [f for f in result.files if f != name]
    text = conflict_report(job.athlete, result.name, result.conflicts, job.config, origins, kept)
    result = replace(result, error=short_reason(result.conflicts, origins, job.stem))
    if name in result.files and (out / name).read_text(encoding="utf-8") != text:
        if manifest is not None:
            manifest.will_write({name: text})
        write_conflicts_file(out, job.stem, text)
        if manifest is not None:
            manifest.record(job, result, result.files, out)
    return result


def _versions() -> dict[str, str]:
    versions = {}
    for package in ("planner", "ortools"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "unknown"
    return versions

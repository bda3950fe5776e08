"""A roster of athletes -> one plan each: validated and solved independently, resumable.

Data flows as everywhere else in planner, once per athlete: the roster row is merged into
a base config and validated in the parent (so errors name `roster.csv:LINE: column`), then
solved and checked in a separate process (so a crash or a hang costs one athlete, never the
batch), and the parent alone writes files, each atomically. A small manifest in the output
directory remembers each athlete's input fingerprint, so `--resume` re-solves only what
changed.
"""

from __future__ import annotations

import copy
import csv
import difflib
import hashlib
import io
import json
import logging
import multiprocessing
import os
import re
import time
import tomllib
import traceback
import types
import typing
import unicodedata
from collections import Counter, deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from enum import StrEnum
from importlib import metadata
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from planner.catalog import Catalog, load_catalog
from planner.config import Config, check_against_catalog, load_config, parse_config
from planner.errors import (
    CatalogError,
    ConfigError,
    PlannerError,
    Problem,
    RosterError,
    allowed_list,
    did_you_mean,
)
from planner.files import write_atomic
from planner.plan import Conflict, SolveResult
from planner.precheck import precheck

log = logging.getLogger(__name__)

FORMATS: dict[str, str] = {"json": "json", "markdown": "md", "csv": "csv", "table": "txt"}
DEFAULT_FORMATS: tuple[str, ...] = ("json", "markdown")
SUMMARY_NAME = "summary.csv"
OVERVIEW_NAME = "overview.md"
MANIFEST_NAME = ".planner-batch.json"
RESERVED_COLUMNS: tuple[str, ...] = ("athlete", "name", "config")
# Test hook: "ID:crash" makes that athlete's worker process die, "ID:hang" makes it hang.
FAULT_ENV = "PLANNER_BATCH_FAULT"
# A solve that outlives twice its time limit plus this is presumed hung and its process killed.
HANG_GRACE_S = 60.0
_MANIFEST_EVERY_S = 1.0


class AthleteStatus(StrEnum):
    """How one athlete's batch entry ended: the solver's statuses plus the batch's own."""

    OPTIMAL = "OPTIMAL"
    FEASIBLE = "FEASIBLE"
    INFEASIBLE = "INFEASIBLE"
    UNKNOWN = "UNKNOWN"  # the time limit ran out before any plan was found
    MODEL_INVALID = "MODEL_INVALID"
    BAD_INPUT = "BAD_INPUT"  # the row or its config did not validate; nothing was solved
    CHECK_FAILED = "CHECK_FAILED"  # the independent checker rejected the solver's plan
    CRASHED = "CRASHED"  # the solver process died or hung and was killed
    ERROR = "ERROR"  # an unexpected exception (a bug); the traceback is logged

    @property
    def has_plan(self) -> bool:
        return self in (AthleteStatus.OPTIMAL, AthleteStatus.FEASIBLE)

    @property
    def is_final(self) -> bool:
        """Re-solving unchanged inputs cannot change this answer, so --resume may skip it."""
        return self.has_plan or self is AthleteStatus.INFEASIBLE


# --- the override columns, derived from the Config model -----------------------------------


@dataclass(frozen=True)
class _FieldKind:
    shape: str  # "list" (a;b;c), "pair" ([min, max] written min;max) or "scalar"
    nullable: bool


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    nullable = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            nullable = nullable or len(args) < len(typing.get_args(annotation))
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation, nullable
        else:
            return annotation, nullable


def _leaf_fields(model: type[BaseModel], prefix: str = "") -> Iterator[tuple[str, _FieldKind]]:
    for name, info in model.model_fields.items():
        annotation, nullable = _unwrap(info.annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield from _leaf_fields(annotation, f"{prefix}{name}.")
            continue
        origin = typing.get_origin(annotation)
        shape = {list: "list", tuple: "pair"}.get(origin, "scalar")
        yield f"{prefix}{name}", _FieldKind(shape, nullable)


OVERRIDE_KEYS: dict[str, _FieldKind] = dict(_leaf_fields(Config))


def _cell_value(key: str, cell: str) -> Any:
    """A roster cell as the value the TOML would hold; pydantic then checks and converts it.

    Lists and [min, max] pairs are `;`-separated; `none` clears an optional key or a list.
    """
    kind = OVERRIDE_KEYS[key]
    if cell.lower() == "none" and (kind.nullable or kind.shape == "list"):
        return None if kind.nullable else []
    if kind.shape in ("list", "pair"):
        return [item.strip() for item in cell.split(";") if item.strip()]
    return cell


# --- the roster ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RosterRow:
    """One athlete's row: its non-empty cells by column, and what is wrong with it, if anything."""

    athlete: str
    line: int
    stem: str  # the athlete id made safe as a file name
    cells: dict[str, str]
    problem: str | None = None


@dataclass(frozen=True)
class Roster:
    path: Path
    name: str  # the path as the user wrote it, for messages
    header_line: int
    columns: tuple[str, ...]
    rows: tuple[RosterRow, ...]
    unknown_columns: dict[str, Problem]  # column -> the roster-level warning about it

    @property
    def directory(self) -> Path:
        return self.path.parent


def safe_stem(athlete: str) -> str:
    """A file name from an athlete id: ASCII letters, digits, '.', '_' and '-' only."""
    ascii_id = unicodedata.normalize("NFKD", athlete).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", ascii_id.strip()).strip("._-")[:100]
    return stem or "athlete"


def read_roster(path: str | Path) -> Roster:
    """Read and check the roster as a whole; RosterError lists every roster-level problem."""
    roster_path = Path(path)
    name = str(path)
    text = _read_roster_text(roster_path, name)
    records = list(_records(text))
    if not records:
        raise RosterError(
            [
                Problem(
                    name,
                    "is empty; expected a header with an 'athlete' column, then one row "
                    "per athlete",
                )
            ]
        )
    header_line, header = records[0]
    columns = tuple(c.strip() for c in header)
    problems: list[Problem] = []
    if "athlete" not in columns:
        close = difflib.get_close_matches("athlete", columns, n=1, cutoff=0.6)
        fix = f"rename {close[0]!r} to 'athlete'" if close else "add one with a unique id per row"
        problems.append(
            Problem(
                name,
                f"no 'athlete' column; {fix} (the header has: {', '.join(columns)})",
                line=header_line,
            )
        )
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    if repeated:
        problems.append(
            Problem(
                name,
                f"column(s) {', '.join(map(repr, repeated))} appear more than once",
                line=header_line,
            )
        )
    if "name" in columns and "athlete.name" in columns:
        problems.append(
            Problem(name, "both 'name' and 'athlete.name' columns; keep one", line=header_line)
        )
    rows = [_row(columns, line, cells) for line, cells in records[1:]]
    if not rows:
        problems.append(Problem(name, "has a header but no athletes", line=header_line))
    problems += _id_problems(name, rows)
    if problems:
        raise RosterError(problems)
    unknown = {
        column: Problem(
            name,
            f"unknown column{did_you_mean(column, OVERRIDE_KEYS)}; athletes with a value in it "
            f"are not solved; allowed: {', '.join(RESERVED_COLUMNS)} or one of the "
            f"{len(OVERRIDE_KEYS)} dotted config keys, e.g. week.sessions (planner schema lists "
            "them)",
            line=header_line,
            key=column or "(unnamed column)",
        )
        for column in columns
        if column not in RESERVED_COLUMNS and column not in OVERRIDE_KEYS
    }
    return Roster(roster_path, name, header_line, columns, tuple(rows), unknown)


def _read_roster_text(path: Path, name: str) -> str:
    if not path.exists():
        raise RosterError([Problem(name, "roster file not found")])
    if path.is_dir():
        raise RosterError([Problem(name, "is a directory; expected a roster CSV file")])
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problem = Problem(name, "is not UTF-8 text; save it as UTF-8 CSV", line=line)
        raise RosterError([problem]) from None


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) of each CSV record, skipping blank rows and rows starting with '#'."""
    reader = csv.reader(io.StringIO(text, newline=""))
    end = 0
    for cells in reader:
        start, end = end + 1, reader.line_num
        if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
            continue
        yield start, cells


def _row(columns: tuple[str, ...], line: int, raw: list[str]) -> RosterRow:
    cells = [c.strip() for c in raw]
    problem = None
    if len(cells) > len(columns) and any(cells[len(columns) :]):
        problem = (
            f"has {len(cells)} cells but the header has {len(columns)} columns; quote cells "
            "that contain a comma"
        )
    # A short row is read as if its missing trailing cells were empty: no override.
    values = {c: v for c, v in zip(columns, cells, strict=False) if v}
    athlete = values.get("athlete", "")
    if not athlete and problem is None:
        problem = "athlete is empty; every row needs a unique athlete id"
    return RosterRow(athlete, line, safe_stem(athlete), values, problem)


def _id_problems(name: str, rows: list[RosterRow]) -> list[Problem]:
    """Ids must be unique, and stay unique as file names (case-insensitive file systems too)."""
    problems = []
    first_line: dict[str, int] = {}
    first_stem: dict[str, RosterRow] = {}
    for row in rows:
        if not row.athlete:
            continue
        if row.athlete in first_line:
            problems.append(
                Problem(
                    name,
                    f"athlete id {row.athlete!r} is also on line "
                    f"{first_line[row.athlete]}; ids must be unique",
                    line=row.line,
                    key="athlete",
                )
            )
            continue
        first_line[row.athlete] = row.line
        other = first_stem.setdefault(row.stem.lower(), row)
        if other is not row:
            problems.append(
                Problem(
                    name,
                    f"athlete ids {other.athlete!r} (line {other.line}) and "
                    f"{row.athlete!r} give the same file name {row.stem!r}; make them differ "
                    "by more than punctuation or case",
                    line=row.line,
                    key="athlete",
                )
            )
    return problems


# --- one athlete: the job sent to a worker, and what comes back ----------------------------


@dataclass(frozen=True)
class Job:
    """Everything a worker needs to solve one athlete; plain picklable data, no file paths."""

    athlete: str
    stem: str
    config: Config
    catalog: Catalog
    formats: tuple[str, ...]
    fingerprint: str


@dataclass(frozen=True)
class Outcome:
    """What a worker sends back: the result in numbers and the plan files' text."""

    status: AthleteStatus
    objective: int | None = None
    gap: float | None = None
    load: int | None = None
    sessions: int | None = None
    wall_time_s: float = 0.0
    texts: dict[str, str] = field(default_factory=dict)  # format -> file content
    conflicts: tuple[tuple[str, str], ...] = ()  # (rule, message)
    error: str = ""
    detail: str = ""  # a traceback, for the log only


def solve_job(job: Job) -> Outcome:
    """Solve, check and render one athlete. Runs in a worker; never raises for a bad athlete."""
    _inject_fault(job.athlete)
    try:
        return _solve(job)
    except Exception as exc:  # a bug: keep the batch going and say where it happened
        return Outcome(
            AthleteStatus.ERROR,
            error=f"internal error: {type(exc).__name__}: {exc}",
            detail=traceback.format_exc(),
        )


def _solve(job: Job) -> Outcome:
    from planner.pipeline import plan_week

    result = plan_week(job.catalog, job.config)
    status = AthleteStatus(str(result.status))
    conflicts = tuple(_conflict(c) for c in result.conflicts)
    numbers: dict[str, Any] = {
        "objective": result.objective,
        "gap": None if result.gap is None else round(result.gap, 6),
        "wall_time_s": round(result.wall_time_s, 3),
        "conflicts": conflicts,
    }
    if result.violations:
        return Outcome(
            AthleteStatus.CHECK_FAILED,
            **numbers,
            error="internal error: the checker rejected the plan: " + "; ".join(result.violations),
        )
    if result.plan is None:
        return Outcome(status, **numbers, error=_no_plan_reason(status, job.config, conflicts))
    texts = {fmt: plan_text(result, job.config, job.catalog, fmt) for fmt in job.formats}
    return Outcome(
        status, **numbers, load=result.plan.load, sessions=len(result.plan.sessions), texts=texts
    )


def _conflict(conflict: Conflict) -> tuple[str, str]:
    """(rule, advice) of one conflicting rule, with its smallest fix when one is known."""
    fix = "" if conflict.fix is None else f" (try {conflict.rule} = {json.dumps(conflict.fix)})"
    return conflict.rule, (conflict.advice or conflict.message) + fix


def _no_plan_reason(
    status: AthleteStatus, config: Config, conflicts: tuple[tuple[str, str], ...]
) -> str:
    if status is AthleteStatus.INFEASIBLE:
        if conflicts:
            return "no plan satisfies the rules: " + "; ".join(
                f"{rule}: {message}" if message else rule for rule, message in conflicts
            )
        return "no plan satisfies the rules"
    if status is AthleteStatus.UNKNOWN:
        return f"the time limit ({config.solver.time_limit:g} s) ran out before any plan was found"
    return f"the solver returned {status}"


def plan_text(result: SolveResult, config: Config, catalog: Catalog, fmt: str) -> str:
    """A plan file: the renderer's output minus the wall time (summary.csv has it).

    Leaving the time out makes the files byte-identical for the same inputs, whatever the
    process count or machine load, so --jobs 1 and --jobs 8 can be compared with diff.
    """
    from planner.report.render import render

    return render(result, config, catalog, fmt, timing=False)


def _inject_fault(athlete: str) -> None:
    """Test hook (see FAULT_ENV): make this athlete's process die or hang, as a bug might."""
    for entry in filter(None, os.environ.get(FAULT_ENV, "").split(",")):
        target, _, fault = entry.rpartition(":")
        if target == athlete and fault == "crash":
            os._exit(70)
        if target == athlete and fault == "hang":
            time.sleep(3600)


# --- the batch's settings, results and summary ---------------------------------------------


@dataclass(frozen=True)
class AthleteResult:
    """One line of summary.csv."""

    athlete: str
    name: str
    line: int
    status: AthleteStatus
    objective: int | None = None
    gap: float | None = None
    load: int | None = None
    load_cap: int | None = None
    sessions: int | None = None
    wall_time_s: float | None = None
    conflicts: tuple[tuple[str, str], ...] = ()
    error: str = ""
    files: tuple[str, ...] = ()
    resumed: bool = False
    warnings: tuple[str, ...] = ()

    @property
    def has_plan(self) -> bool:
        return self.status.has_plan


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    failed: int
    elapsed_s: float
    eta_s: float | None  # None until a first solve has finished


@dataclass(frozen=True)
class BatchSummary:
    """What run_batch did: one result per roster row, in roster order, and where it wrote."""

    roster: str
    out_dir: Path
    results: tuple[AthleteResult, ...]
    roster_warnings: tuple[Problem, ...]
    solved: int
    resumed: int
    processes: int  # local processes used; 0 on a Dask cluster
    wall_time_s: float

    @property
    def ok(self) -> bool:
        return all(r.has_plan for r in self.results)

    @property
    def failed(self) -> tuple[AthleteResult, ...]:
        return tuple(r for r in self.results if not r.has_plan)

    def counts(self) -> dict[str, int]:
        return dict(Counter(str(r.status) for r in self.results).most_common())

    @property
    def summary_path(self) -> Path:
        return self.out_dir / SUMMARY_NAME

    @property
    def overview_path(self) -> Path:
        return self.out_dir / OVERVIEW_NAME


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
) -> BatchSummary:
    """Plan every athlete on the roster; write plan files, summary.csv and overview.md.

    Raises RosterError (or another PlannerError for --config, --catalog, --out) only when
    nothing could be done; a problem with one athlete is recorded in its result instead.
    Solves run in spawned processes, so a script calling this needs the usual
    `if __name__ == "__main__":` guard.
    """
    start = time.monotonic()
    formats = _check_formats(formats)
    table = roster if isinstance(roster, Roster) else read_roster(roster)
    inputs = _InputCache(table, Path(config) if config else None, catalog, time_limit)
    out = _output_dir(Path(out_dir))
    manifest = _Manifest.load(out / MANIFEST_NAME)
    results, todo = _triage(table, inputs, formats, manifest if resume else None, out)
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
        files = _write_plan_files(out, job, outcome)
        results[index] = _result(results[index], job, outcome, files)
        manifest.record(job, results[index], files, out)
        solved.add(job.athlete)
        failed += 0 if outcome.status.has_plan else 1
        report()

    report()
    processes = 0
    try:
        if todo and scheduler:
            from planner.dask_runner import run_on_dask

            run_on_dask(scheduler, todo, done)
        elif todo:
            processes = min(jobs or _cpu_count(), len(todo))
            run_local(todo, processes, done)
    finally:
        manifest.save(force=True)
    for index, row in enumerate(table.rows):  # athletes that failed validation: no stale plans
        if results[index].status is AthleteStatus.BAD_INPUT and row.athlete:
            _remove_plan_files(out, row.stem, keep=())
    summary = BatchSummary(
        table.name,
        out,
        tuple(results[i] for i in range(len(table.rows))),
        tuple(table.unknown_columns.values()),
        solved=len(todo),
        resumed=sum(1 for r in results.values() if r.resumed),
        processes=processes,
        wall_time_s=round(time.monotonic() - start, 3),
    )
    write_atomic(summary.summary_path, summary_csv(summary))
    write_atomic(summary.overview_path, overview_markdown(summary))
    return summary


def _check_formats(formats: Sequence[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(formats))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        wrong = ", ".join(unknown) or "nothing"
        message = f"{wrong} is not a format; allowed: {allowed_list(FORMATS)}"
        raise PlannerError([Problem("--format", message)])
    return chosen


def _triage(
    table: Roster,
    inputs: _InputCache,
    formats: tuple[str, ...],
    manifest: _Manifest | None,
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


def _output_dir(out: Path) -> Path:
    if out.exists() and not out.is_dir():
        raise PlannerError([Problem(str(out), "is a file; --out needs a directory")])
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        problem = Problem(str(out), f"cannot create the directory: {exc.strerror}")
        raise PlannerError([problem]) from None
    return out


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
        conflicts=outcome.conflicts,
        error=outcome.error,
        files=files,
    )


def _write_plan_files(out: Path, job: Job, outcome: Outcome) -> tuple[str, ...]:
    names = []
    for fmt, text in outcome.texts.items():
        name = plan_file_name(job.stem, fmt)
        write_atomic(out / name, text)
        names.append(name)
    # Plans of an earlier run that this run did not confirm would be stale: remove them.
    _remove_plan_files(out, job.stem, keep=tuple(names))
    return tuple(names)


def plan_file_name(stem: str, fmt: str) -> str:
    # ".plan." keeps an athlete called "summary" or "overview" clear of the batch's own files.
    return f"{stem}.plan.{FORMATS[fmt]}"


def _remove_plan_files(out: Path, stem: str, keep: tuple[str, ...]) -> None:
    for fmt in FORMATS:
        name = plan_file_name(stem, fmt)
        if name not in keep:
            (out / name).unlink(missing_ok=True)


# --- validation: roster row + base config + catalog -> Job ----------------------------------


@dataclass(frozen=True)
class _Base:
    """The TOML a row builds on: its data, and its text for line numbers in messages."""

    data: dict[str, Any]
    source: str
    text: str
    directory: Path
    from_file: bool


class _InputCache:
    """Base configs and catalogs are read once per batch, not once per athlete."""

    def __init__(
        self,
        roster: Roster,
        config_path: Path | None,
        catalog_path: str | Path | None,
        time_limit: float | None,
    ):
        self.roster = roster
        self.time_limit = time_limit
        self._bases: dict[Path, _Base | ConfigError] = {}
        self._catalogs: dict[Path | None, Catalog | CatalogError] = {}
        self._catalog_path = Path(catalog_path).resolve() if catalog_path else None
        # --config and --catalog are the whole batch's: a problem there stops it before solving.
        self.default_base = self._base(config_path) if config_path else None
        if isinstance(self.default_base, ConfigError):
            raise self.default_base
        if self._catalog_path is not None:
            loaded = self._catalog(self._catalog_path)
            if isinstance(loaded, CatalogError):
                raise loaded

    def _base(self, path: Path) -> _Base | ConfigError:
        key = path.resolve()
        if key not in self._bases:
            try:
                load_config(path)  # every problem of the file itself, named by its own lines
                text = path.read_text(encoding="utf-8-sig")
                self._bases[key] = _Base(tomllib.loads(text), str(path), text, path.parent, True)
            except ConfigError as exc:
                self._bases[key] = exc
        return self._bases[key]

    def _catalog(self, path: Path | None) -> Catalog | CatalogError:
        if path not in self._catalogs:
            try:
                self._catalogs[path] = load_catalog(path)
            except CatalogError as exc:
                self._catalogs[path] = exc
        return self._catalogs[path]

    def prepare(
        self, row: RosterRow, formats: tuple[str, ...], versions: dict[str, str]
    ) -> AthleteResult | tuple[Job, tuple[str, ...]]:
        """The row's validated Job (and warnings), or a BAD_INPUT result naming every problem."""
        roster = self.roster
        label = row.cells.get("name", row.cells.get("athlete.name", ""))

        def bad(problems: Sequence[Problem]) -> AthleteResult:
            error = "; ".join(str(p) for p in problems)
            return AthleteResult(row.athlete, label, row.line, AthleteStatus.BAD_INPUT, error=error)

        if row.problem:
            return bad([Problem(roster.name, row.problem, line=row.line)])
        base = self._row_base(row)
        if isinstance(base, list):
            return bad(base)
        data = copy.deepcopy(base.data)
        solver = data.setdefault("solver", {})
        solver["workers"] = 1  # the batch's parallelism is its processes, one solve each
        if self.time_limit is not None:
            solver["time_limit"] = self.time_limit
        problems: list[Problem] = []
        overrides: dict[str, str] = {}  # dotted key -> the column that set it
        for column, cell in row.cells.items():
            if column in ("athlete", "config"):
                continue
            if column in roster.unknown_columns:
                message = (
                    f"unknown column{did_you_mean(column, OVERRIDE_KEYS)}; this athlete is not "
                    f"solved rather than solved without the value {cell!r}"
                )
                problems.append(Problem(roster.name, message, line=row.line, key=column))
                continue
            key = "athlete.name" if column == "name" else column
            if key == "catalog":
                cell = str((roster.directory / cell).resolve())
            _set_dotted(data, key, _cell_value(key, cell))
            overrides[key] = column
        try:
            config = parse_config(data, source=base.source, text=base.text)
        except ConfigError as exc:
            return bad(problems + [self._attribute(p, row, base, overrides) for p in exc.problems])
        catalog = self._catalog(self._catalog_for(config, base, overrides))
        if isinstance(catalog, CatalogError):
            return bad(problems + list(catalog.problems))
        try:
            warnings = check_against_catalog(config, catalog, base.source, base.text)
            precheck(catalog, config, base.source, base.text)  # as `planner solve` does
        except ConfigError as exc:
            return bad(problems + [self._attribute(p, row, base, overrides) for p in exc.problems])
        if problems:  # e.g. a value in a misspelled column: never solve a silently wrong config
            return bad(problems)
        job = Job(
            row.athlete,
            row.stem,
            config,
            catalog,
            formats,
            fingerprint(config, catalog, formats, versions),
        )
        notes = tuple(str(self._attribute(w, row, base, overrides)) for w in warnings)
        return job, notes

    def _row_base(self, row: RosterRow) -> _Base | list[Problem]:
        cell = row.cells.get("config")
        if cell is None:
            if self.default_base is not None:
                assert not isinstance(self.default_base, ConfigError)  # raised in __init__
                return self.default_base
            return _Base({}, self.roster.name, "", self.roster.directory, from_file=False)
        path = self.roster.directory / cell
        if not path.is_file():
            return [
                Problem(
                    self.roster.name,
                    f"{cell!r} is not a file (paths are relative to "
                    f"the roster, in {self.roster.directory}/)",
                    line=row.line,
                    key="config",
                )
            ]
        base = self._base(path)
        return list(base.problems) if isinstance(base, ConfigError) else base

    def _catalog_for(self, config: Config, base: _Base, overrides: dict[str, str]) -> Path | None:
        if self._catalog_path is not None:
            return self._catalog_path
        if config.catalog is None:
            return None
        # An overridden catalog was made absolute above; a base's is relative to its TOML.
        origin = self.roster.directory if "catalog" in overrides else base.directory
        return (origin / config.catalog).resolve()

    def _attribute(
        self, problem: Problem, row: RosterRow, base: _Base, overrides: dict[str, str]
    ) -> Problem:
        """Blame the roster cell that set the key, or else the base TOML's own line.

        A base-file problem may still come from the row (an exclusion that empties a
        category the base asks for), so it then names the row and its overrides too.
        """
        key = problem.key or ""
        columns = [
            column
            for dotted, column in overrides.items()
            if key
            and (dotted == key or dotted.startswith(key + ".") or key.startswith(dotted + "."))
        ]
        if columns or not base.from_file:
            return Problem(
                self.roster.name,
                problem.message,
                line=row.line,
                key=", ".join(columns) or problem.key,
            )
        changed = [column for dotted, column in overrides.items() if dotted != "athlete.name"]
        if not changed:
            return problem
        where = f"{self.roster.name}:{row.line}"
        return replace(problem, message=f"{problem.message} (with {where}: {', '.join(changed)})")


def _set_dotted(data: dict[str, Any], key: str, value: Any) -> None:
    *sections, leaf = key.split(".")
    node = data
    for section in sections:
        child = node.get(section)
        if not isinstance(child, dict):
            child = node[section] = {}
        node = child
    node[leaf] = value


def fingerprint(
    config: Config, catalog: Catalog, formats: Sequence[str], versions: Mapping[str, str]
) -> str:
    """Everything that decides an athlete's plan files, hashed: same hash, same files."""
    identity = {
        "config": config.effective(),
        "catalog": catalog.sha256,
        "formats": sorted(formats),
        "versions": dict(versions),
    }
    canonical = json.dumps(identity, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# --- resume ---------------------------------------------------------------------------------


class _Manifest:
    """Per athlete: the fingerprint of its last solve, its result and its files' hashes."""

    def __init__(self, path: Path, entries: dict[str, dict[str, Any]]):
        self.path = path
        self.entries = entries
        self._saved_at = time.monotonic()

    @classmethod
    def load(cls, path: Path) -> _Manifest:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = data["athletes"] if data.get("version") == 1 else {}
        except FileNotFoundError:
            entries = {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            log.warning("%s is unreadable (%s); solving every athlete", path, exc)
            entries = {}
        return cls(path, entries if isinstance(entries, dict) else {})

    def resumable(self, job: Job, out: Path) -> AthleteResult | None:
        """The stored result when re-solving could not change it, else None."""
        entry = self.entries.get(job.athlete)
        if not entry or entry.get("fingerprint") != job.fingerprint:
            return None
        try:
            status = AthleteStatus(entry["status"])
            files: dict[str, str] = entry["files"]
        except (KeyError, ValueError):
            return None
        if not status.is_final:
            return None
        for name, digest in files.items():
            target = out / name
            if not target.is_file() or _sha256(target) != digest:
                return None
        return AthleteResult(
            job.athlete,
            job.config.athlete.name,
            0,
            status,
            objective=entry.get("objective"),
            gap=entry.get("gap"),
            load=entry.get("load"),
            sessions=entry.get("sessions"),
            wall_time_s=entry.get("wall_time_s"),
            conflicts=tuple((str(r), str(m)) for r, m in entry.get("conflicts", [])),
            error=entry.get("error", ""),
            files=tuple(files),
            resumed=True,
        )

    def record(self, job: Job, result: AthleteResult, files: tuple[str, ...], out: Path) -> None:
        self.entries[job.athlete] = {
            "fingerprint": job.fingerprint,
            "status": str(result.status),
            "objective": result.objective,
            "gap": result.gap,
            "load": result.load,
            "sessions": result.sessions,
            "wall_time_s": result.wall_time_s,
            "conflicts": [list(c) for c in result.conflicts],
            "error": result.error,
            "files": {name: _sha256(out / name) for name in files},
        }
        self.save()

    def save(self, force: bool = False) -> None:
        # Saved as results arrive (at most once a second), so an interrupted batch resumes too.
        if not force and time.monotonic() - self._saved_at < _MANIFEST_EVERY_S:
            return
        text = json.dumps({"version": 1, "athletes": self.entries}, indent=1, sort_keys=True)
        write_atomic(self.path, text + "\n")
        self._saved_at = time.monotonic()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- local processes ------------------------------------------------------------------------


def run_local(jobs: Sequence[Job], processes: int, done: Callable[[Job, Outcome], None]) -> None:
    """Solve the jobs in `processes` worker processes, calling done(job, outcome) for each.

    Each process is its own single-worker pool (a lane) running one job at a time. When a
    process dies, only its lane breaks, so the crash is blamed on exactly the athlete it was
    solving, the lane is replaced and no other athlete is re-run. A solve that runs far past
    its time limit is presumed hung: its process is killed the same way.
    """
    context = multiprocessing.get_context("spawn")  # no fork: OR-Tools runs threads
    queue = deque(jobs)
    lanes: list[ProcessPoolExecutor] = []
    running: dict[Future[Outcome], tuple[int, Job, float]] = {}
    killed: set[int] = set()

    def start(lane: int) -> None:
        job = queue.popleft()
        deadline = time.monotonic() + 2 * job.config.solver.time_limit + HANG_GRACE_S
        running[lanes[lane].submit(solve_job, job)] = (lane, job, deadline)

    clean = False
    try:
        for lane in range(min(processes, len(queue))):
            lanes.append(ProcessPoolExecutor(max_workers=1, mp_context=context))
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
                    lanes[lane] = ProcessPoolExecutor(max_workers=1, mp_context=context)
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
            executor.shutdown(wait=clean, cancel_futures=True)


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
    for process in list(getattr(executor, "_processes", {}).values()):
        process.kill()


# --- summary.csv and overview.md ------------------------------------------------------------

SUMMARY_COLUMNS = (
    "athlete", "name", "status", "objective", "gap", "load", "wall_time_s", "resumed",
    "files", "conflicts", "error",
)  # fmt: skip


def summary_csv(summary: BatchSummary) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SUMMARY_COLUMNS)
    for r in summary.results:
        writer.writerow([
            r.athlete, r.name, str(r.status), _blank(r.objective), _blank(r.gap), _blank(r.load),
            _blank(r.wall_time_s), "yes" if r.resumed else "no", ";".join(r.files),
            "; ".join(rule for rule, _ in r.conflicts), r.error,
        ])  # fmt: skip
    return out.getvalue()


def _blank(value: object) -> str:
    return "" if value is None else str(value)


def overview_markdown(summary: BatchSummary) -> str:
    """The coach's page: how the team went, which rules clash most, each athlete's load."""
    results = summary.results
    planned = sum(1 for r in results if r.has_plan)
    out = [f"# Team overview: {summary.roster}", ""]
    out.append(
        f"{len(results)} athletes: {planned} with a plan, {len(results) - planned} without "
        f"({summary.solved} solved in this run, {summary.resumed} unchanged since the last)."
    )
    out += ["", "## Status", "", "| status | athletes |", "|---|---|"]
    out += [f"| {status} | {count} |" for status, count in summary.counts().items()]
    out += ["", "## Most frequent conflicting rules", ""]
    rules = Counter(rule for r in results for rule in dict(r.conflicts))
    if rules:
        out += ["| rule | athletes |", "|---|---|"]
        out += [f"| `{rule}` | {count} |" for rule, count in rules.most_common(10)]
    else:
        infeasible = sum(1 for r in results if r.status is AthleteStatus.INFEASIBLE)
        out.append(
            f"No conflicts were reported ({infeasible} infeasible athlete(s) without an "
            "explanation)."
            if infeasible
            else "No athlete's rules conflicted."
        )
    problems = [r for r in results if not r.has_plan]
    if problems or summary.roster_warnings:
        out += ["", "## Problems", ""]
        out += [f"- roster: {_md(str(p))}" for p in summary.roster_warnings]
        out += [
            f"- `{r.athlete or f'line {r.line}'}` **{r.status}**: {_md(r.error)}" for r in problems
        ]
    out += ["", "## Load per athlete", ""]
    out += [
        "| athlete | name | status | sessions | weekly load | cap | objective |",
        "|---|---|---|---:|---:|---:|---:|",
    ]
    for r in results:
        cells = [
            f"`{r.athlete}`" if r.athlete else f"line {r.line}",
            _md(r.name),
            str(r.status),
            _blank(r.sessions),
            _blank(r.load),
            _blank(r.load_cap),
            _blank(r.objective),
        ]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")

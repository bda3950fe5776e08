"""The output directory and each athlete's plan files: names, formats, stale-file cleanup."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from planner.batch.jobs import Job, Outcome
from planner.errors import PlannerError, Problem, allowed_list
from planner.files import write_atomic

FORMATS: dict[str, str] = {"json": "json", "markdown": "md", "csv": "csv", "table": "txt"}
DEFAULT_FORMATS: tuple[str, ...] = ("json", "markdown")


def check_formats(formats: Sequence[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(formats))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        wrong = ", ".join(unknown) or "nothing"
        message = f"{wrong} is not a format; allowed: {allowed_list(FORMATS)}"
        raise PlannerError([Problem("--format", message)])
    return chosen


def output_dir(out: Path) -> Path:
    if out.exists() and not out.is_dir():
        raise PlannerError([Problem(str(out), "is a file; --out needs a directory")])
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        problem = Problem(str(out), f"cannot create the directory: {exc.strerror}")
        raise PlannerError([problem]) from None
    return out


def write_plan_files(out: Path, job: Job, outcome: Outcome) -> tuple[str, ...]:
    names = []
    for fmt, text in outcome.texts.items():
        name = plan_file_name(job.stem, fmt)
        write_atomic(out / name, text)
        names.append(name)
    # Plans of an earlier run that this run did not confirm would be stale: remove them.
    remove_plan_files(out, job.stem, keep=tuple(names))
    return tuple(names)


def plan_file_name(stem: str, fmt: str) -> str:
    # ".plan." keeps an athlete called "summary" or "overview" clear of the batch's own files.
    return f"{stem}.plan.{FORMATS[fmt]}"


def remove_plan_files(out: Path, stem: str, keep: tuple[str, ...]) -> None:
    for fmt in FORMATS:
        name = plan_file_name(stem, fmt)
        if name not in keep:
            (out / name).unlink(missing_ok=True)

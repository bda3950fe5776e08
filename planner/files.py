"""Writing outputs safely: atomically, and never over a user's file without being told to."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from planner.errors import PlannerError, Problem


def check_output_path(path: str | Path, force: bool = False) -> Path:
    """Fail early, before any solving, when an output file could not or should not be written."""
    target = Path(path)
    if target.is_dir():
        raise PlannerError([Problem(str(target), "is a directory; give a file name for -o")])
    if not target.parent.is_dir():
        raise PlannerError(
            [Problem(str(target), f"directory {str(target.parent)!r} does not exist; create it")]
        )
    if target.exists() and not force:
        raise PlannerError([Problem(str(target), "already exists; pass --force to overwrite it")])
    return target


def write_atomic(path: str | Path, text: str) -> None:
    """Write to a temporary file beside the target, then rename: readers never see half a file."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

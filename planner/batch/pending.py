"""The batch's note of the files it is about to write, with the hashes they will have.

The manifest is saved at most once a second; a batch killed (SIGKILL, a power cut) or
stopped by a full disk between writing a file and saving the manifest would, on
--resume, find a file it wrote with a hash no record has, and take it for a coach's edit.
So every write into the output directory is noted here first, a line appended (and synced)
before the file is written; a saved manifest makes the note redundant, and it is removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections.abc import Mapping
from pathlib import Path

from planner.bounded import loads_json
from planner.errors import PlannerError, Problem
from planner.files import kind_of, read_input
from planner.writes import write_reason

PENDING_NAME = ".planner-batch.pending"
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)  # a link there must not send the note elsewhere
_NO_BLOCK = getattr(os, "O_NONBLOCK", 0)  # nor a named pipe hold the batch forever


def hash_of(data: str | bytes) -> str:
    """The hash of `data` as write_atomic writes it (text as UTF-8)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


def note_writes(path: Path, digests: Mapping[str, str]) -> None:
    """Append one line (file name -> hash) to the note at `path`, synced to disk; PlannerError
    naming the note when it cannot be written (a full disk): then nothing may be written."""
    line = (json.dumps(dict(digests), sort_keys=True) + "\n").encode("utf-8")
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | _NO_FOLLOW | _NO_BLOCK
    try:
        fd = os.open(path, flags, 0o666)
        try:
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise PlannerError([Problem(str(path), f"cannot write: {write_reason(exc)}")]) from None


def read_pending(path: Path) -> dict[str, set[str]]:
    """The hashes noted at `path`, by file name ({} when there is no note). A line cut short
    by a kill, or one that is not what note_writes writes, is passed over; something other
    than a regular file there stops the batch (PlannerError), as the manifest does."""
    try:
        info = os.lstat(path)
    except OSError:
        return {}
    if not stat.S_ISREG(info.st_mode):
        message = f"is {kind_of(info.st_mode)}; planner batch keeps its own file there"
        raise PlannerError([Problem(str(path), message + "; remove it")])
    try:
        _, text = read_input(path, "manifest", "pending file", PlannerError, "planner keeps it")
    except PlannerError:  # unreadable: nothing noted, so --resume is as cautious as before
        return {}
    pending: dict[str, set[str]] = {}
    for line in text.splitlines():
        try:
            noted = loads_json(line)
        except ValueError:
            continue
        if isinstance(noted, dict):
            for name, hashed in noted.items():
                if isinstance(hashed, str):
                    pending.setdefault(name, set()).add(hashed)
    return pending


def forget_writes(path: Path) -> None:
    """Remove the note once a saved manifest records what it noted."""
    with contextlib.suppress(OSError):  # left behind, it only names more files as ours
        path.unlink(missing_ok=True)

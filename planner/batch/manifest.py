"""Resume: each athlete's input fingerprint, result and file hashes, kept in the output dir."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from planner.batch.fixes import conflicts_file_name
from planner.batch.jobs import Job
from planner.batch.pending import (
    PENDING_NAME,
    forget_writes,
    hash_of,
    note_writes,
    read_pending,
)
from planner.batch.plan_files import plan_file_name
from planner.batch.results import AthleteResult, AthleteStatus, RuleConflict
from planner.bounded import loads_json
from planner.catalog.catalog import Catalog
from planner.config.config import Config
from planner.errors import PlannerError, Problem
from planner.files import kind_of, read_input
from planner.formats import FORMATS
from planner.writes import write_atomic

log = logging.getLogger(__name__)

MANIFEST_NAME = ".planner-batch.json"

_MANIFEST_EVERY_S = 1.0


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


class Manifest:
    """Per athlete: the fingerprint of its last solve, its result and its files' hashes; and
    the hashes of the batch's own files (summary.csv, overview.md)."""

    def __init__(
        self,
        path: Path,
        entries: dict[str, Any],
        outputs: dict[str, str] | None = None,
    ):
        self.path = path
        self.entries = entries
        self.outputs = outputs if outputs is not None else {}
        self.pending: dict[str, set[str]] = {}  # file name -> the hashes a write noted
        self._saved_at = time.monotonic()

    @classmethod
    def load(cls, path: Path) -> Manifest:
        """The manifest in the output directory; an unreadable one counts as none.

        One that is not a regular file stops the batch (PlannerError): a named pipe would
        block the read, a device never end it, and planner replaces only regular files.
        """
        entries: Any = {}
        outputs: Any = {}
        unrecorded: Any = {}
        try:
            info: os.stat_result | None = os.stat(path)
        except OSError:  # none yet; a dangling link or a loop is unreadable, below
            info = None
        if info is not None and not stat.S_ISREG(info.st_mode):
            message = f"is {kind_of(info.st_mode)}; planner will not replace it"
            raise PlannerError([Problem(str(path), message)])
        try:
            if os.path.lexists(path):
                kept_by = "planner batch keeps it"
                _, text = read_input(path, "manifest", "manifest", PlannerError, kept_by)
                data = loads_json(text)
                if isinstance(data, dict) and data.get("version") == 1:
                    entries = data.get("athletes", {})
                    outputs = data.get("outputs", {})
                    unrecorded = data.get("pending", {})
        except PlannerError as exc:
            log.warning("%s; solving every athlete", exc.problems[0])
        except ValueError as exc:
            log.warning("%s is unreadable (%s); solving every athlete", path, exc)
        if not isinstance(entries, dict):
            entries = {}
        if not isinstance(outputs, dict) or not all(isinstance(v, str) for v in outputs.values()):
            outputs = {}
        manifest = cls(path, entries, outputs)
        manifest.pending = read_pending(path.with_name(PENDING_NAME))
        if isinstance(unrecorded, dict):  # noted by a run that was killed, not yet recorded
            for name, digests in unrecorded.items():
                if isinstance(digests, list):
                    noted = manifest.pending.setdefault(name, set())
                    noted.update(d for d in digests if isinstance(d, str))
        return manifest

    def will_write(self, files: Mapping[str, str | bytes]) -> None:
        """Note files (name -> content) about to be written into the output directory, before
        they are: a full disk raises PlannerError here, and nothing is written unnoted."""
        digests = {name: hash_of(data) for name, data in files.items()}
        note_writes(self.path.with_name(PENDING_NAME), digests)
        for name, hashed in digests.items():
            self.pending.setdefault(name, set()).add(hashed)

    def written(self) -> set[str]:
        """The names of the files this directory's batches wrote and still record."""
        names = set(self.outputs)
        for entry in self.entries.values():
            files = entry.get("files") if isinstance(entry, dict) else None
            if isinstance(files, dict):
                names.update(str(name) for name in files)
        return names

    def resumable(self, job: Job, out: Path) -> AthleteResult | None:
        """The stored result when re-solving could not change it, else None.

        An entry that is not what this version writes (hand-edited, or from a bug) is stale:
        the athlete is solved again.
        """
        entry = self.entries.get(job.athlete)
        if not isinstance(entry, dict) or entry.get("fingerprint") != job.fingerprint:
            return None
        try:
            return self._stored(job, out, entry)
        except (KeyError, ValueError, TypeError, AttributeError, OSError):
            return None

    def _stored(self, job: Job, out: Path, entry: dict[str, Any]) -> AthleteResult | None:
        status = AthleteStatus(entry["status"])
        files = entry["files"]
        expected = {plan_file_name(job.stem, fmt) for fmt in FORMATS}
        expected.add(conflicts_file_name(job.stem))
        if not status.is_final or not isinstance(files, dict) or not set(files) <= expected:
            return None
        for name, digest in files.items():
            target = out / name
            if not target.is_file() or _sha256(target) != digest:
                return None
        numbers = {
            "objective": _number(entry.get("objective"), int),
            "gap": _number(entry.get("gap"), float),
            "load": _number(entry.get("load"), int),
            "sessions": _number(entry.get("sessions"), int),
            "wall_time_s": _number(entry.get("wall_time_s"), float),
        }
        return AthleteResult(
            job.athlete,
            job.config.athlete.name,
            0,
            status,
            **numbers,
            conflicts=tuple(RuleConflict.from_json(c) for c in entry.get("conflicts", [])),
            error=str(entry.get("error", "")),
            files=tuple(files),
            resumed=True,
            planned=str(entry.get("planned", "")),
            stale=bool(entry.get("stale", False)),
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
            "conflicts": [c.as_json() for c in result.conflicts],
            "error": result.error,
            "files": {name: _sha256(out / name) for name in files},
            "planned": result.planned,
            "stale": result.stale,
        }
        self.save()

    def record_output(self, path: Path) -> None:
        self.outputs[path.name] = _sha256(path)

    def _unrecorded(self) -> dict[str, list[str]]:
        """The noted hashes of files whose record has not caught up with them: kept in the
        manifest until it has, so that a second kill still finds them."""
        recorded = _recorded_digests(self.entries, self.outputs)
        return {
            name: sorted(digests)
            for name, digests in sorted(self.pending.items())
            if recorded.get(name) not in digests
        }

    def save(self, force: bool = False) -> None:
        # Saved as results arrive (at most once a second), so an interrupted batch resumes too.
        if not force and time.monotonic() - self._saved_at < _MANIFEST_EVERY_S:
            return
        data = {
            "version": 1,
            "athletes": self.entries,
            "outputs": self.outputs,
            "pending": self._unrecorded(),
        }
        try:
            write_atomic(self.path, json.dumps(data, indent=1, sort_keys=True) + "\n")
        except PlannerError as exc:  # a full disk: the batch goes on; --resume re-solves more
            log.warning("%s; the record of this run is incomplete", exc.problems[0])
            return
        self._saved_at = time.monotonic()
        # Every file noted so far was written and recorded, or not written at all: the
        # manifest now says all there is to say about them.
        forget_writes(self.path.with_name(PENDING_NAME))


def _number(value: Any, kind: type) -> Any:
    """A stored number of the expected kind (an int is a fine float), else a TypeError."""
    if value is None or (isinstance(value, kind | int) and not isinstance(value, bool)):
        return value
    raise TypeError(f"expected a number, got {value!r}")


def _recorded_digests(entries: dict[str, Any], outputs: dict[str, str]) -> dict[str, Any]:
    recorded: dict[str, Any] = dict(outputs)
    for entry in entries.values():
        files = entry.get("files") if isinstance(entry, dict) else None
        if isinstance(files, dict):
            recorded.update(files)
    return recorded


def _sha256(path: Path) -> str:
    # Streamed: a big file put in place of a plan costs time, not memory.
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()

"""Resume: each athlete's input fingerprint, result and file hashes, kept in the output dir."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from planner.batch.jobs import Job
from planner.batch.results import AthleteResult, AthleteStatus
from planner.catalog import Catalog
from planner.config import Config
from planner.files import write_atomic

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
    """Per athlete: the fingerprint of its last solve, its result and its files' hashes."""

    def __init__(self, path: Path, entries: dict[str, dict[str, Any]]):
        self.path = path
        self.entries = entries
        self._saved_at = time.monotonic()

    @classmethod
    def load(cls, path: Path) -> Manifest:
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

"""Plans written by hand as a plan JSON file, so the fewest changes are known by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import make_config

from planner.catalog.catalog import Catalog
from planner.config.config import Config
from planner.plan.week import Plan, SolveResult, Status
from planner.report.render import as_json

# Core work only: one core exercise a session, nothing else, no weekly balance.
CORE_ONLY: dict[str, Any] = {"session": {"core": [1, 1]}, "variety": {"max_per_week": 1}}


def core_config(days: list[str], sessions: int, **sections: Any) -> Config:
    week = {"available_days": days, "sessions": sessions, "max_session_minutes": 300}
    return make_config(**{**CORE_ONLY, "week": week, **sections})


def write_plan(
    tmp_path: Path, catalog: Catalog, config: Config, days: dict[str, list[str]]
) -> Path:
    plan = Plan.from_ids(catalog, config.profile, days)
    result = SolveResult(Status.OPTIMAL, plan, 0, 0, 0.0, 0, 1, "test")
    path = tmp_path / "plan.json"
    path.write_text(as_json(result, config, catalog), encoding="utf-8")
    return path

"""Every bundled week example plans exactly as recorded in tests/golden/ (issue 19: a refactor
changes no plan). A change that means to change plans rewrites the records with
PLANNER_UPDATE_GOLDEN=1 and shows the difference in its commit."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from planner.cli.main import main

EXAMPLES = Path(__file__).parent.parent / "examples"
GOLDEN = Path(__file__).parent / "golden"
WEEKS = sorted(p for p in EXAMPLES.glob("*.toml") if not p.name.startswith("block-"))


def _recorded(plan: dict[str, Any]) -> dict[str, Any]:
    """The plan without what differs between machines: solver timings and where the catalog is."""
    plan = dict(plan)
    plan.pop("solver")
    plan["catalog"] = {**plan["catalog"], "path": Path(plan["catalog"]["path"]).name}
    return plan


@pytest.mark.parametrize("example", WEEKS, ids=lambda p: p.stem)
def test_example_plans_as_recorded(example: Path) -> None:
    args = ["solve", str(example), "--format", "json", "--workers", "1"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    plan = _recorded(json.loads(result.stdout))
    record = GOLDEN / f"{example.stem}.json"
    if os.environ.get("PLANNER_UPDATE_GOLDEN") == "1":
        record.write_text(json.dumps(plan, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert plan == json.loads(record.read_text(encoding="utf-8"))


def test_every_week_example_has_a_record() -> None:
    assert {p.stem for p in WEEKS} == {p.stem for p in GOLDEN.glob("*.json")}

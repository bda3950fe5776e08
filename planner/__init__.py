"""planner: provably optimal weekly strength programs for runners.

The public API (the README's "From Python" shows it at work: load_catalog, parse_config,
plan_week, plan_block, render). OR-Tools is imported only when a solve runs, so importing
this is cheap.
"""

from importlib import import_module
from typing import Any

_EXPORTS = {
    "Catalog": "planner.catalog.catalog",
    "Exercise": "planner.catalog.catalog",
    "load_catalog": "planner.catalog.catalog",
    "Violation": "planner.week.check",
    "check_plan": "planner.week.check",
    "Config": "planner.config.config",
    "load_config": "planner.config.config",
    "parse_config": "planner.config.config",
    "CatalogError": "planner.errors",
    "ConfigError": "planner.errors",
    "PlannerError": "planner.errors",
    "Inputs": "planner.inputs",
    "load_inputs": "planner.inputs",
    "plan_block": "planner.pipeline",
    "plan_week": "planner.pipeline",
    "BlockResult": "planner.plan.block",
    "render": "planner.report",
    "Plan": "planner.plan.week",
    "Prescription": "planner.plan.week",
    "Session": "planner.plan.week",
    "SolveResult": "planner.plan.week",
    "Status": "planner.plan.week",
}


def __getattr__(name: str) -> Any:
    # Lazy, so `planner --help` does not pay for pydantic, pandas or OR-Tools.
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'planner' has no attribute {name!r}")


__all__ = [
    "BlockResult",
    "Catalog",
    "CatalogError",
    "Config",
    "ConfigError",
    "Exercise",
    "Inputs",
    "Plan",
    "PlannerError",
    "Prescription",
    "Session",
    "SolveResult",
    "Status",
    "Violation",
    "check_plan",
    "load_catalog",
    "load_config",
    "load_inputs",
    "parse_config",
    "plan_block",
    "plan_week",
    "render",
]

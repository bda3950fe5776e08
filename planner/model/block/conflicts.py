"""Which of the block's own rules cannot hold together, every weekly rule kept in every week
(the caller has checked that each week alone has a plan)."""

from __future__ import annotations

from collections.abc import Sequence

from planner.catalog.catalog import Catalog
from planner.config.config import Config
from planner.model.block.build import build_block_model
from planner.model.conflicts import Budget, shrink
from planner.training.week_setup import WeekSetup


def minimal_block_conflict(
    catalog: Catalog, config: Config, setups: Sequence[WeekSetup], budget: Budget
) -> list[str] | None:
    """A minimal set of block rule keys that cannot hold together, or None if a block exists.
    An empty list: the weeks cannot be linked at all, whatever the block rules say."""
    built = build_block_model(catalog, config, setups, with_objective=False, guarded=True)
    assert built.guards is not None
    return shrink(built, list(built.guards), budget)

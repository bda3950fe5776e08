"""Renderers: a solve result as text, Markdown, CSV or JSON. Plain data in, strings out."""

from __future__ import annotations

from planner.formats import FORMATS
from planner.report.render import render

__all__ = ["FORMATS", "render"]

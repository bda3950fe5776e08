"""The CP-SAT model: the only package that imports OR-Tools."""

from planner.model.build import solve

__all__ = ["solve"]

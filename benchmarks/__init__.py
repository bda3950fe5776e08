"""Benchmarks for `planner`: run them all with `python -m benchmarks` (see benchmarks/README.md).

Modules:
  synthetic   seeded synthetic catalogs that keep the bundled category mix, with twins
  instances   seeded athlete configs (and the bundled examples) to solve
  objective   the README objective computed from a plan, independent of any solver
  cpsat_run   CP-SAT on planner's own model, timing first plan / 1 % gap / proof
  highs_model the same model written directly as a MIP for HiGHS (highspy)
  greedy      a template-app style greedy heuristic with a repair pass
  startup     whole-process start-up times
  batch       plans per second for a roster (needs planner.batch)
"""

"""Benchmarks for `planner`: run them all with `python -m benchmarks` (see benchmarks/README.md).

Modules:
  synthetic   seeded synthetic catalogs that keep the bundled category mix, with twins
  instances   seeded athlete configs (and the bundled examples) to solve
  objective   the README objective computed from a plan, independent of any solver
  cpsat_run   CP-SAT on planner's own model, timing first plan / 1 % gap / proof
  highs_model the same model written directly as a MIP for HiGHS (highspy)
  mip         the row-by-row MIP builder highs_model writes into
  highs_run   a Mip solved by HiGHS, timed like CP-SAT
  block_mip   a block as one MIP: the week MIPs stacked and the block rules as rows
  block_run   one block through solve_block, CP-SAT alone, week by week and HiGHS, checked
  greedy      a template-app style greedy heuristic with a repair pass
  greedy_week the greedy's week under construction: feasibility masks, reserve, objective
  evaluate    one instance through all three solvers, each answer checked against the rest

The sections of `python -m benchmarks`, each returning its table and CSV rows:
  scaling     1. CP-SAT on growing catalogs (measure_scaling, scaling_section)
  peers       2. HiGHS and greedy on the same instances (rows for scaling_section)
  batch       3. plans per second for a roster (planner.batch)
  startup     4. whole-process start-up times
  block_section 5. a training block as one model vs CP-SAT alone, HiGHS and week by week
  targets     the issue's targets, measured on sections 1 and 2

Shared by the sections:
  profiles    --quick / default / --full: sizes, seeds, repeats
  tables      the one table renderer, and the seconds format of its cells
  stats       medians and ratios of times where None means "not reached"
  output      what a section returns, and the two CSV files
  machine     the machine description printed first
  progress    progress messages on stderr
"""

"""`python -m benchmarks [--quick | --full]`: the whole benchmark, one table, one CSV.

Sections (see benchmarks/README.md):
  1. scaling  CP-SAT (planner's model and parameters, 1 worker) on the bundled examples and
              on seeded athletes over the bundled catalog and synthetic 300 / 1,000 catalogs,
              3 and 5 sessions: median time to first plan, to 1 % gap, to proven optimal.
  2. peers    on the same instances in the same run: the same model as a MIP in HiGHS
              (1 thread, same time limit) and a greedy template-style heuristic.
  3. batch    plans per second for a 200-athlete roster, 1 vs 2 processes (planner.batch).
  4. startup  `planner --help` and `planner solve` vs `python -c pass`, whole processes.
  5. block    a training block as one model (planner block, 1 worker, 30 s) vs CP-SAT
              alone, HiGHS on the same model and the weeks solved one by one.
  6. replan   a week and a 16-week block re-planned after a session done and one missed,
              vs the same days solved from scratch: time and changed slots.
  7. quality  a seeded population of new users' runners (200; --quick 24) on the bundled
              and the real catalog, each plan judged by the coach's week rubric
              (COACHING.md): the planned rate and each check's failures, worst cases named;
              then 12 seeded blocks (8-20 weeks) judged by the block rubric (7b).
Per-run rows go to benchmarks/results/latest.csv, the printed table to
benchmarks/results/latest-summary.csv.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from benchmarks.batch import batch_section
from benchmarks.block_section import block_section
from benchmarks.cpsat_run import parse_parameter
from benchmarks.evaluate import Cell
from benchmarks.machine import describe_machine
from benchmarks.output import RESULTS, Section, write_results
from benchmarks.profiles import chosen_profile
from benchmarks.progress import log
from benchmarks.quality import quality_section
from benchmarks.quality_block import block_quality
from benchmarks.replan_section import replan_section
from benchmarks.scaling import measure_scaling, scaling_section
from benchmarks.startup import startup_section
from benchmarks.tables import print_table
from benchmarks.targets import targets_section


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    name = "quick" if args.quick else "full" if args.full else "default"
    profile = chosen_profile(name, args.time_limit, args.athletes, args.block_time_limit)
    if args.runners:
        profile = replace(profile, quality_runners=args.runners)
    seeds = list(range(args.seeds or profile.seeds))
    parameters = dict(parse_parameter(p) for p in args.param)
    chosen = {s.strip() for s in args.only.split(",")}
    with_highs = not args.no_highs and _highs_installed()
    limit = profile.time_limit

    started = time.perf_counter()
    machine = describe_machine()
    _print_header(name, machine, parameters)
    sections: list[Section] = []
    cells: list[Cell] = []
    if "scaling" in chosen:
        cells = measure_scaling(profile, seeds, with_highs, parameters)
        sections.append(_shown(scaling_section(cells, parameters, limit, with_highs)))
    if "batch" in chosen:
        sections.append(_shown(batch_section(profile.roster)))
    if "startup" in chosen:
        sections.append(_shown(startup_section(profile.startup_runs)))
    if "block" in chosen:
        sections.append(_shown(block_section(profile, with_highs)))
    if "replan" in chosen:
        sections.append(_shown(replan_section(profile)))
    if "quality" in chosen:
        runners = profile.quality_runners
        quality = quality_section(runners, profile.quality_work_limit, args.jobs)
        sections.append(_shown(quality))
        blocks = block_quality(profile.quality_blocks, profile.quality_block_time_limit, args.jobs)
        sections.append(_shown(blocks))
    if cells:
        sections.append(_shown(targets_section(cells, limit, with_highs)))
    problems = [q for s in sections for q in s.problems]
    _print_problems(problems)

    runs = [row for s in sections for row in s.runs]
    summary_path = write_results(
        args.out, runs, [row for s in sections for row in s.summary], machine
    )
    print(f"\nwrote {args.out} ({len(runs)} runs) and {summary_path}")
    print(f"total {time.perf_counter() - started:.0f} s; load average now {os.getloadavg()[0]:.2f}")
    return 1 if any("MISMATCH" in q for q in problems) else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="small run, under 2 minutes")
    size.add_argument("--full", action="store_true", help="more sizes, seeds and repeats")
    parser.add_argument("--seeds", type=int, help="instances per cell (default per profile)")
    parser.add_argument("--time-limit", type=float, help="seconds per solve (default 10)")
    parser.add_argument(
        "--block-time-limit", type=float, help="seconds per block solve (default 30)"
    )
    parser.add_argument(
        "--only",
        default="scaling,startup,batch,block,replan,quality",
        help="comma-separated sections to run (scaling, batch, startup, block, replan, quality)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=2,
        help="processes for the quality section's solves (default 2; 1 CP-SAT worker each)",
    )
    parser.add_argument("--no-highs", action="store_true", help="skip the HiGHS peer")
    parser.add_argument(
        "--runners", type=int, help="runners per catalog in the quality section (default 200)"
    )
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="an extra CP-SAT parameter on top of planner's (experiments; see also "
        "python -m benchmarks.tune)",
    )
    parser.add_argument(
        "--athletes",
        type=int,
        help="roster size for the batch section (default per profile; "
        "1000 for the roster benchmark of the batch issue)",
    )
    parser.add_argument("--out", type=Path, default=RESULTS / "latest.csv")
    return parser


def _highs_installed() -> bool:
    try:
        import highspy  # noqa: F401
    except ImportError:
        log("highspy is not installed (pip install -e '.[bench]'); skipping the HiGHS peer")
        return False
    return True


def _print_header(name: str, machine: dict[str, str], parameters: dict[str, Any]) -> None:
    print(f"planner benchmarks ({name}), {time.strftime('%Y-%m-%d %H:%M')}")
    for key, value in machine.items():
        print(f"  {key}: {value}")
    if parameters:
        print(f"  CP-SAT parameters on top of planner's DEFAULT_PARAMETERS: {parameters}")
    if float(machine["load_average_1m"]) > 0.5:
        print(
            "  WARNING: the machine is busy (load average above 0.5); wall times are inflated."
            " cpu_s in the CSV is less affected."
        )


def _shown(section: Section) -> Section:
    """Print the section's tables as soon as it is done, so a long run shows progress."""
    for table in section.tables:
        print_table(table)
    return section


def _print_problems(problems: list[str]) -> None:
    if problems:
        print(f"\n!! {len(problems)} PROBLEM(S) - a mismatch means a model or checker bug:")
        for q in problems:
            print(f"!!   {q}")


if __name__ == "__main__":
    sys.exit(main())

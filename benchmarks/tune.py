"""`python -m benchmarks.tune`: CP-SAT parameter and formulation experiments, one change at a
time against planner's defaults, on the same instances (nothing in planner/ is changed).

Each variant is either extra solver parameters (on top of DEFAULT_PARAMETERS) or a
transform of the built model. The baseline runs first and again last, to show the noise.
Times are medians over the instances of a group: wall seconds to proven optimal (a run not
proven counts as the time limit, marked '*'), process CPU seconds and CP-SAT's
deterministic time. The ratio compares CPU seconds, which a busy machine distorts less; use
a generous --time-limit so that runs finish.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
from collections.abc import Callable
from typing import Any

from benchmarks.cpsat_run import SolveTimes, parse_parameter, run_cpsat
from benchmarks.instances import Instance, examples, seeded
from benchmarks.output import RESULTS
from benchmarks.synthetic import synthetic_catalog
from planner.catalog.catalog import Catalog, load_catalog
from planner.config.config import Config
from planner.model.build import WeekModel
from planner.model.variables import group_twins

Transform = Callable[[WeekModel, Catalog, Config], None]


def break_twin_symmetry(built: WeekModel, catalog: Catalog, config: Config) -> None:
    """Identical-profile exercises are interchangeable: use the earlier one at least as often.

    "Identical" is what the model sees (`planner.model.variables.group_twins`: load,
    coverage, stimuli, unit, reps...), never the catalog's minutes, which no longer enter
    the model. build_model already merges such twins, so on its default model this finds
    no group and changes nothing.
    """
    v = built.variables
    groups = group_twins(v.exercises, frozenset(config.include.exercises))
    for ids in groups.values():
        for a, b in itertools.pairwise(ids):
            built.model.add(sum(v.does[d, a] for d in v.days) >= sum(v.does[d, b] for d in v.days))


def drop_segment_order(built: WeekModel, catalog: Catalog, config: Config) -> None:
    """Remove covered[m,k+1] => covered[m,k] (gains decrease, so the optimum fills in order)."""
    proto = built.model.proto
    covered = {i for i, var in enumerate(proto.variables) if var.name.startswith("covered[")}
    for c in proto.constraints:
        if (
            c.has_bool_and()
            and len(c.enforcement_literal) == 1
            and c.enforcement_literal[0] in covered
            and all(lit in covered for lit in c.bool_and.literals)
        ):
            c.bool_and.literals.clear()  # an empty AND: the implication is gone


VARIANTS: dict[str, tuple[dict[str, Any], Transform | None]] = {
    "baseline (linearization_level=2)": ({}, None),
    "linearization_level=1": ({"linearization_level": 1}, None),
    "max_presolve_iterations=1": ({"max_presolve_iterations": 1}, None),
    "cp_model_probing_level=0": ({"cp_model_probing_level": 0}, None),
    "find_big_linear_overlap=false": ({"find_big_linear_overlap": False}, None),
    "presolve_inclusion_work_limit=0": ({"presolve_inclusion_work_limit": 0}, None),
    "symmetry_level=0": ({"symmetry_level": 0}, None),
    "optimize_with_core=true": ({"optimize_with_core": True}, None),
    "2 workers, interleaved (deterministic)": (
        {"num_workers": 2, "interleave_search": True},
        None,
    ),
    "2 workers, parallel portfolio": ({"num_workers": 2, "interleave_search": False}, None),
    "model: twin symmetry breaking": ({}, break_twin_symmetry),
    # combinations of the best single changes (not one change at a time: listed last)
    "combo: inclusion=0 + probing=0": (
        {"presolve_inclusion_work_limit": 0, "cp_model_probing_level": 0},
        None,
    ),
    "combo: inclusion=0 + probing=1": (
        {"presolve_inclusion_work_limit": 0, "cp_model_probing_level": 1},
        None,
    ),
    "combo: inclusion=0 + max_presolve_iterations=1": (
        {"presolve_inclusion_work_limit": 0, "max_presolve_iterations": 1},
        None,
    ),
    "combo: inclusion=0 + no big linear overlap": (
        {"presolve_inclusion_work_limit": 0, "find_big_linear_overlap": False},
        None,
    ),
    "model: no segment-order implications": ({}, drop_segment_order),
}


def instance_groups(sizes: list[int], seeds: list[int], limit: float) -> dict[str, list[Instance]]:
    bundled = load_catalog()
    groups = {"examples": examples(bundled, time_limit=limit)}
    for size in sizes:
        if size <= len(bundled):  # 0 or 158: the bundled catalog
            groups["bundled, 5 sessions"] = seeded(bundled, "bundled", 5, seeds, time_limit=limit)
            continue
        catalog = synthetic_catalog(size, seed=size, directory=RESULTS / "catalogs")
        groups[f"{size} ex, 5 sessions"] = seeded(
            catalog, f"synthetic-{size}", 5, seeds, time_limit=limit
        )
    return groups


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.tune", description=__doc__)
    parser.add_argument("--sizes", default="300,1000", help="sizes (0: bundled), 5 sessions")
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--variants", help="comma-separated substrings of variant names")
    parser.add_argument(
        "--params",
        action="append",
        default=[],
        help="an extra variant, e.g. 'presolve_inclusion_work_limit=0,symmetry_level=1'",
    )
    args = parser.parse_args(argv)
    time_limit: float = args.time_limit
    for spec in args.params:
        VARIANTS[f"params: {spec}"] = (dict(parse_parameter(kv) for kv in spec.split(",")), None)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    groups = instance_groups(sizes, list(range(args.seeds)), time_limit)
    names = list(VARIANTS)
    if args.variants:
        wanted = [w.strip() for w in args.variants.split(",")]
        names = [n for n in names if n == names[0] or any(w in n for w in wanted)]
    names += [n for n in VARIANTS if n.startswith("params: ") and n not in names]
    names.append(names[0] + " again")
    warm = groups["examples"][0]
    run_cpsat(warm.catalog, warm.config)
    header = f"{'variant':42s}" + "".join(f" | {g:>40s}" for g in groups)
    print(
        "median and max wall s to optimal (proven/n), median cpu s and deterministic time; "
        "x = variant cpu / baseline cpu (cpu suffers less from a busy machine)"
    )
    print(header)
    print("-" * len(header))
    base_cpu: dict[str, float] = {}
    for name in names:
        parameters, transform = VARIANTS[name.removesuffix(" again")]
        cells = []
        for group, instances in groups.items():
            runs: list[SolveTimes] = [
                run_cpsat(i.catalog, i.config, parameters, transform) for i in instances
            ]
            # optimal_s is set exactly when a run is proven; unproven runs count the limit
            walls = [r.optimal_s if r.optimal_s is not None else time_limit for r in runs]
            wall = statistics.median(walls)
            proven = sum(r.proven for r in runs)
            cpu = statistics.median(r.cpu_s for r in runs)
            dtime = statistics.median(r.extra["dtime"] for r in runs)
            base_cpu.setdefault(group, cpu)
            star = "*" if proven < len(runs) else ""
            cells.append(
                f"{wall:5.2f}{star} max {max(walls):5.2f} ({proven}/{len(runs)}) {cpu:5.2f} "
                f"{dtime:5.2f} "
                f"x{cpu / base_cpu[group]:4.2f}"
            )
        print(f"{name:42s}" + "".join(f" | {c:>40s}" for c in cells), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

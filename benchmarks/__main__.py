"""`python -m benchmarks [--quick | --full]`: the whole benchmark, one table, one CSV.

Sections (see benchmarks/README.md):
  1. scaling  CP-SAT (planner's model and parameters, 1 worker) on the bundled examples and
              on seeded athletes over the bundled catalog and synthetic 300 / 1,000 catalogs,
              3 and 5 sessions: median time to first plan, to 1 % gap, to proven optimal.
  2. peers    on the same instances in the same run: the same model as a MIP in HiGHS
              (1 thread, same time limit) and a greedy template-style heuristic.
  3. batch    plans per second for a 200-athlete roster, 1 vs 2 processes (planner.batch).
  4. startup  `planner --help` and `planner solve` vs `python -c pass`, whole processes.
Per-run rows go to benchmarks/results/latest.csv, the printed table to
benchmarks/results/latest-summary.csv.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import platform
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from benchmarks.cpsat_run import SolveTimes, parse_parameter, run_cpsat
from benchmarks.greedy import GreedyResult, greedy_plan
from benchmarks.instances import Instance, examples, seeded
from benchmarks.objective import plan_objective
from benchmarks.synthetic import synthetic_catalog, twin_groups
from planner.catalog import Catalog, load_catalog
from planner.check import check_plan
from planner.plan import Plan

RESULTS = Path(__file__).resolve().parent / "results"
INF = math.inf


@dataclass(frozen=True)
class Profile:
    sizes: tuple[int | None, ...]  # None: the bundled catalog; else a synthetic size
    sessions: tuple[int, ...]
    seeds: int
    repeat_small: int  # solves per instance on catalogs <= bundled (median taken)
    repeat_large: int
    example_repeat: int
    startup_runs: int
    roster: int
    time_limit: float = 10.0


PROFILES = {
    "quick": Profile((None, 300), (3, 5), 1, 1, 1, 3, 5, 10),
    "default": Profile((None, 300, 1000), (3, 5), 3, 3, 1, 5, 7, 200),
    "full": Profile((60, 150, None, 300, 1000), (3, 5), 5, 3, 3, 5, 11, 200),
}


# --------------------------------------------------------------------------- helpers


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def med(values: Sequence[float | None]) -> float | None:
    """Median, counting None (never reached) as infinite; None if the median is infinite."""
    if not values:
        return None
    m = statistics.median([INF if v is None else v for v in values])
    return None if m == INF else m


def fmt_s(value: float | None, limit: float | None = None) -> str:
    if value is None:
        return f">{limit:g}s" if limit else "-"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    affinity = getattr(os, "sched_getaffinity", None)
    usable = len(affinity(0)) if affinity else os.cpu_count()

    def ver(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "missing"

    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return {
        "cores": f"{os.cpu_count()} logical, {usable} usable",
        "cpu": cpu,
        "os": platform.platform(),
        "python": platform.python_version(),
        "ortools": ver("ortools"),
        "highspy": ver("highspy"),
        "planner": ver("planner"),
        "load_average_1m": f"{load[0]:.2f}",
        "bytecode_cache": "off (PYTHONDONTWRITEBYTECODE)"
        if os.environ.get("PYTHONDONTWRITEBYTECODE")
        else "on",
    }


# --------------------------------------------------------------------------- section 1 + 2


@dataclass
class InstanceResult:
    instance: Instance
    cp: SolveTimes
    cp_runs: list[SolveTimes]
    highs: SolveTimes | None
    highs_runs: list[SolveTimes]
    greedy: GreedyResult
    problems: list[str] = field(default_factory=list)
    plan_ok: dict[str, bool] = field(default_factory=dict)  # solver -> passes the checks

    @property
    def best_known(self) -> int | None:
        """The optimum if either solver proved it, else the best plan found."""
        for r in (self.cp, self.highs):
            if r is not None and r.proven:
                return r.objective
        found = [r.objective for r in (self.cp, self.highs) if r and r.objective is not None]
        return max(found) if found else None

    @property
    def greedy_gap(self) -> float | None:
        """How much better our plan is than greedy's, relative to ours (None: greedy failed)."""
        if self.greedy.objective is None or self.cp.objective is None:
            return None
        return (self.cp.objective - self.greedy.objective) / max(1, abs(self.cp.objective))


def _median_run(runs: list[SolveTimes]) -> SolveTimes:
    """One result whose times are the medians over repeated runs of the same instance."""
    first = runs[0]
    if len(runs) == 1:
        return first
    return SolveTimes(
        solver=first.solver,
        status=statistics.mode([r.status for r in runs]),
        objective=first.objective,
        bound=first.bound,
        first_s=med([r.first_s for r in runs]),
        gap1_s=med([r.gap1_s for r in runs]),
        optimal_s=med([r.optimal_s for r in runs]),
        solve_s=statistics.median([r.solve_s for r in runs]),
        build_s=statistics.median([r.build_s for r in runs]),
        cpu_s=statistics.median([r.cpu_s for r in runs]),
        plan=first.plan,
        extra=first.extra,
    )


def _verify(name: str, result: SolveTimes | None, inst: Instance, problems: list[str]) -> bool:
    """check_plan and the recomputed objective agree with what the solver reported."""
    if result is None or result.plan is None:
        return True
    before = len(problems)
    plan = Plan.from_ids(inst.catalog, inst.config.athlete.goal, result.plan)
    violations = check_plan(plan, inst.catalog, inst.config)
    if violations:
        problems.append(f"{name} plan fails check_plan: {violations[0]}")
    recomputed = plan_objective(result.plan, inst.catalog, inst.config)
    if recomputed != result.objective:
        problems.append(
            f"{name} reports objective {result.objective}, its plan scores {recomputed}"
        )
    return len(problems) == before


def evaluate(
    inst: Instance, repeat: int, with_highs: bool, parameters: dict[str, Any] | None = None
) -> InstanceResult:
    cp_runs = [run_cpsat(inst.catalog, inst.config, parameters) for _ in range(repeat)]
    highs_runs: list[SolveTimes] = []
    if with_highs:
        from benchmarks.highs_model import run_highs

        highs_runs = [run_highs(inst.catalog, inst.config) for _ in range(repeat)]
    result = InstanceResult(
        inst,
        _median_run(cp_runs),
        cp_runs,
        _median_run(highs_runs) if highs_runs else None,
        highs_runs,
        greedy_plan(inst.catalog, inst.config),
    )
    p = result.problems
    result.plan_ok["cp-sat"] = _verify("CP-SAT", result.cp, inst, p)
    result.plan_ok["highs"] = _verify("HiGHS", result.highs, inst, p)
    cp, hi = result.cp, result.highs
    if len({r.objective for r in cp_runs}) > 1:
        p.append(f"CP-SAT objective differs between repeats: {[r.objective for r in cp_runs]}")
    if hi is not None:
        if cp.proven and hi.proven and cp.objective != hi.objective:
            p.append(f"MISMATCH: CP-SAT optimum {cp.objective} != HiGHS optimum {hi.objective}")
        for a, b, an, bn in ((cp, hi, "CP-SAT", "HiGHS"), (hi, cp, "HiGHS", "CP-SAT")):
            if a.proven and b.objective is not None and b.objective > a.objective:
                p.append(f"MISMATCH: {bn} plan {b.objective} beats {an}'s 'optimum' {a.objective}")
            if a.proven and b.bound is not None and b.bound < a.objective:
                p.append(f"MISMATCH: {bn} bound {b.bound} is below {an}'s optimum {a.objective}")
        if cp.status == "INFEASIBLE" and hi.plan is not None:
            p.append("MISMATCH: CP-SAT says infeasible, HiGHS found a plan")
        if hi.status == "INFEASIBLE" and cp.plan is not None:
            p.append("MISMATCH: HiGHS says infeasible, CP-SAT found a plan")
    best = result.best_known
    g = result.greedy
    if g.objective is not None and best is not None and g.objective > best:
        p.append(f"greedy plan {g.objective} beats the best known {best}")
    if g.objective is not None and cp.plan is None:
        p.append("greedy found a plan where CP-SAT found none")
    return result


def instances_for(profile: Profile, seeds: list[int]) -> list[tuple[list[Instance], int]]:
    """(instances, repeat) per table cell, in table order."""
    bundled = load_catalog()
    cells: list[tuple[list[Instance], int]] = [
        (examples(bundled, time_limit=profile.time_limit), profile.example_repeat)
    ]
    for size in profile.sizes:
        catalog: Catalog
        if size is None:
            catalog, label = bundled, "bundled"
        else:
            catalog = synthetic_catalog(size, seed=size, directory=RESULTS / "catalogs")
            label = f"synthetic-{size}" if size > len(bundled) else f"subsample-{size}"
            log(f"{label}: {len(catalog)} exercises, {twin_groups(catalog)} in twin groups")
        repeat = profile.repeat_small if len(catalog) <= len(bundled) else profile.repeat_large
        for sessions in profile.sessions:
            cells.append(
                (seeded(catalog, label, sessions, seeds, time_limit=profile.time_limit), repeat)
            )
    return cells


def warm_up(with_highs: bool) -> None:
    """One untimed solve of each kind, so library loading is not billed to an instance."""
    inst = examples(load_catalog(), time_limit=5)[0]
    run_cpsat(inst.catalog, inst.config)
    greedy_plan(inst.catalog, inst.config)
    if with_highs:
        from benchmarks.highs_model import run_highs

        run_highs(inst.catalog, inst.config)


# --------------------------------------------------------------------------- output


RUN_COLUMNS = (
    "section",
    "group",
    "instance",
    "catalog",
    "catalog_size",
    "sessions",
    "seed",
    "solver",
    "run",
    "status",
    "objective",
    "bound",
    "gap",
    "first_s",
    "gap1_s",
    "optimal_s",
    "solve_s",
    "cpu_s",
    "build_s",
    "plan_ok",
    "note",
)


def run_rows(r: InstanceResult) -> list[dict[str, Any]]:
    inst = r.instance
    base = {
        "section": "scaling",
        "group": inst.group,
        "instance": inst.name,
        "catalog": inst.catalog_label,
        "catalog_size": len(inst.catalog),
        "sessions": inst.sessions,
        "seed": "" if inst.seed is None else inst.seed,
    }
    rows = []
    for runs in (r.cp_runs, r.highs_runs):
        for i, s in enumerate(runs):
            rows.append(
                {
                    **base,
                    "solver": s.solver,
                    "run": i + 1,
                    "status": s.status,
                    "objective": s.objective,
                    "bound": s.bound,
                    "gap": None if s.gap is None else round(s.gap, 6),
                    "first_s": s.first_s,
                    "gap1_s": s.gap1_s,
                    "optimal_s": s.optimal_s,
                    "solve_s": s.solve_s,
                    "cpu_s": s.cpu_s,
                    "build_s": s.build_s,
                    "plan_ok": r.plan_ok.get(s.solver, True) if s.plan else "",
                    "note": "; ".join(r.problems),
                }
            )
    g = r.greedy
    rows.append(
        {
            **base,
            "solver": "greedy",
            "run": 1,
            "status": "FAILED" if g.failed else "PLAN",
            "objective": g.objective,
            "gap": None if r.greedy_gap is None else round(r.greedy_gap, 6),
            "solve_s": g.time_s,
            "plan_ok": not g.failed,
            "note": g.reason,
        }
    )
    return rows


def print_table(title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]
    print(f"\n{title}")
    line = "  ".join(
        h.ljust(w) if i == 0 else h.rjust(w)
        for i, (h, w) in enumerate(zip(header, widths, strict=True))
    )
    print(line)
    print("-" * len(line))
    for row in rows:
        print(
            "  ".join(
                str(c).ljust(w) if i == 0 else str(c).rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )


def ratio(a: float | None, b: float | None, limit: float) -> tuple[float, bool]:
    """a / b with an unproven run counted at the time limit; True if that censoring happened."""
    censored = a is None or b is None
    return (a if a is not None else limit) / max(1e-9, b if b is not None else limit), censored


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
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
        "--only", default="scaling,startup,batch", help="comma-separated sections to run"
    )
    parser.add_argument("--no-highs", action="store_true", help="skip the HiGHS peer")
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
    args = parser.parse_args(argv)
    name = "quick" if args.quick else "full" if args.full else "default"
    profile = PROFILES[name]
    if args.time_limit:
        profile = Profile(**{**profile.__dict__, "time_limit": args.time_limit})
    if args.athletes:
        profile = Profile(**{**profile.__dict__, "roster": args.athletes})
    seeds = list(range(args.seeds or profile.seeds))
    parameters = dict(parse_parameter(p) for p in args.param)
    sections = {s.strip() for s in args.only.split(",")}
    with_highs = not args.no_highs
    if with_highs:
        try:
            import highspy  # noqa: F401
        except ImportError:
            log("highspy is not installed (pip install -e '.[bench]'); skipping the HiGHS peer")
            with_highs = False

    started = time.perf_counter()
    info = machine()
    print(f"planner benchmarks ({name}), {time.strftime('%Y-%m-%d %H:%M')}")
    for key, value in info.items():
        print(f"  {key}: {value}")
    if parameters:
        print(f"  CP-SAT parameters on top of planner's DEFAULT_PARAMETERS: {parameters}")
    if float(info["load_average_1m"]) > 0.5:
        print(
            "  WARNING: the machine is busy (load average above 0.5); wall times are inflated."
            " cpu_s in the CSV is less affected."
        )
    summary: list[dict[str, Any]] = []
    runs: list[dict[str, Any]] = []
    all_problems: list[str] = []
    results: list[tuple[list[InstanceResult], int]] = []
    limit = profile.time_limit

    if "scaling" in sections:
        warm_up(with_highs)
        for cell, repeat in instances_for(profile, seeds):
            done = []
            for inst in cell:
                r = evaluate(inst, repeat, with_highs, parameters)
                done.append(r)
                runs.extend(run_rows(r))
                for q in r.problems:
                    all_problems.append(f"{inst.name}: {q}")
                    log(f"!! {inst.name}: {q}")
                hs = r.highs
                log(
                    f"{inst.name:34s} cp-sat {r.cp.status:8s} {r.cp.objective} "
                    f"{fmt_s(r.cp.optimal_s, limit)} s"
                    + (
                        f" | highs {hs.status:8s} {hs.objective} {fmt_s(hs.optimal_s, limit)} s"
                        if hs
                        else ""
                    )
                    + f" | greedy {r.greedy.objective or 'FAILED'}"
                )
            results.append((done, repeat))
        _scaling_tables(results, parameters, limit, with_highs, summary)

    if "batch" in sections:
        from benchmarks.batch import run_batch_bench

        log(f"batch: {profile.roster} athletes, 1 then 2 processes ...")
        timings = run_batch_bench(profile.roster)
        one = timings[0].plans_per_s
        rows = []
        for b in timings:
            rows.append(
                (
                    f"{b.processes} process(es)",
                    str(b.athletes),
                    str(b.plans),
                    f"{b.wall_s:.1f}",
                    f"{b.plans_per_s:.2f}",
                    f"{b.plans_per_s / one:.2f}x" if one else "-",
                    f"{b.solve_per_athlete_s * 1000:.0f}",
                    f"{b.overhead_per_athlete_s * 1000:.0f}",
                    f"{b.overhead_share:.0%}",
                    ", ".join(f"{k} {v}" for k, v in b.counts.items()),
                )
            )
            summary.append(
                {
                    "section": "batch",
                    "row": f"{b.processes} processes",
                    "metric": "plans_per_s",
                    "value": round(b.plans_per_s, 3),
                }
            )
            summary.append(
                {
                    "section": "batch",
                    "row": f"{b.processes} processes",
                    "metric": "overhead_share_of_solve",
                    "value": round(b.overhead_share, 3),
                }
            )
            runs.append(
                {
                    "section": "batch",
                    "instance": f"roster of {b.athletes}",
                    "solver": f"{b.processes} processes",
                    "run": 1,
                    "solve_s": b.wall_s,
                    "objective": b.plans,
                    "note": str(b.counts),
                }
            )
        print_table(
            "3. Batch (planner.batch.run_batch, bundled catalog, json output)",
            (
                "processes",
                "athletes",
                "plans",
                "wall s",
                "plans/s",
                "vs 1 process",
                "solve ms",
                "overhead ms",
                "overhead/solve",
                "status",
            ),
            rows,
        )
        print(
            "   solve ms = CP-SAT's own time per athlete; overhead ms = wall x processes / "
            "athletes - solve ms (process start, validation, model build, checking, "
            "rendering and writing files)"
        )

    startup = []
    if "startup" in sections:
        from benchmarks.startup import run_startup

        log("startup: timing whole processes ...")
        startup = run_startup(profile.startup_runs)
        base = startup[0].median
        rows = []
        for s in startup:
            rows.append(
                (
                    s.name,
                    f"{s.median * 1000:.0f}",
                    f"{s.median / base:.1f}x",
                    f"{(s.median - base) * 1000:.0f}",
                    str(s.returncode),
                )
            )
            summary.append(
                {
                    "section": "startup",
                    "row": s.name,
                    "metric": "median_ms",
                    "value": round(s.median * 1000, 1),
                }
            )
            for i, t in enumerate(s.runs):
                runs.append(
                    {
                        "section": "startup",
                        "instance": s.name,
                        "solver": "process",
                        "run": i + 1,
                        "solve_s": t,
                        "status": s.returncode,
                    }
                )
        print_table(
            f"4. Start-up, whole processes (median of {profile.startup_runs} runs after 1 warm-up)",
            ("command", "ms", "vs python -c pass", "extra ms", "exit"),
            rows,
        )

    if results:
        _targets(results, limit, with_highs, summary)
    if all_problems:
        print(f"\n!! {len(all_problems)} PROBLEM(S) - a mismatch means a model or checker bug:")
        for q in all_problems:
            print(f"!!   {q}")

    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=RUN_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row in runs:
            writer.writerow({k: _csv(row.get(k)) for k in RUN_COLUMNS})
    summary_path = args.out.with_name(args.out.stem + "-summary.csv")
    with summary_path.open("w", newline="", encoding="utf-8") as handle:
        keys = ("section", "row", "metric", "value", "target", "met")
        writer = csv.DictWriter(handle, fieldnames=keys, extrasaction="ignore")
        writer.writeheader()
        for key, value in info.items():
            writer.writerow({"section": "machine", "row": key, "value": value})
        for row in summary:
            writer.writerow({k: _csv(row.get(k)) for k in keys})
    print(f"\nwrote {args.out} ({len(runs)} runs) and {summary_path}")
    print(f"total {time.perf_counter() - started:.0f} s; load average now {os.getloadavg()[0]:.2f}")
    return 1 if any("MISMATCH" in q for q in all_problems) else 0


def _csv(value: Any) -> Any:
    if isinstance(value, float):
        return f"{value:.4f}"
    return "" if value is None else value


def _scaling_tables(
    results: list[tuple[list[InstanceResult], int]],
    parameters: dict[str, Any],
    limit: float,
    with_highs: bool,
    summary: list[dict[str, Any]],
) -> None:
    rows = []
    peer_rows = []
    for done, repeat in results:
        group = done[0].instance.group
        cp = [r.cp for r in done]
        n = len(done)
        proven = sum(s.proven for s in cp)
        rows.append(
            (
                group,
                str(n),
                str(repeat),
                fmt_s(med([s.first_s for s in cp]), limit),
                fmt_s(med([s.gap1_s for s in cp]), limit),
                fmt_s(med([s.optimal_s for s in cp]), limit),
                fmt_s(max((s.optimal_s or INF) for s in cp) if proven == n else None, limit),
                f"{proven}/{n}",
                fmt_s(med([s.cpu_s for s in cp])),
            )
        )
        for metric, values in (
            ("first_s", [s.first_s for s in cp]),
            ("gap1_s", [s.gap1_s for s in cp]),
            ("optimal_s", [s.optimal_s for s in cp]),
        ):
            summary.append(
                {
                    "section": "scaling",
                    "row": group,
                    "metric": f"cpsat_median_{metric}",
                    "value": med(values),
                }
            )
        summary.append(
            {"section": "scaling", "row": group, "metric": "cpsat_proven", "value": f"{proven}/{n}"}
        )
        g_fail = sum(r.greedy.failed for r in done)
        gaps = [r.greedy_gap for r in done if r.greedy_gap is not None]
        h_cells = ["-"] * 5
        if with_highs:
            hs = [r.highs for r in done if r.highs is not None]
            h_proven = sum(s.proven for s in hs)
            ratios = [
                ratio(r.highs.optimal_s if r.highs else None, r.cp.optimal_s, limit) for r in done
            ]
            per_instance = statistics.median(x for x, _ in ratios)
            censored = any(c for _, c in ratios)
            of_medians = ratio(
                med([s.optimal_s for s in hs]), med([s.optimal_s for s in cp]), limit
            )[0]
            h_cells = [
                fmt_s(med([s.first_s for s in hs]), limit),
                fmt_s(med([s.optimal_s for s in hs]), limit),
                f"{h_proven}/{n}",
                f"{per_instance:.2f}{'*' if censored else ''}",
                f"{of_medians:.2f}",
            ]
            summary.append(
                {
                    "section": "peers",
                    "row": group,
                    "metric": "highs_median_optimal_s",
                    "value": med([s.optimal_s for s in hs]),
                }
            )
            summary.append(
                {
                    "section": "peers",
                    "row": group,
                    "metric": "highs_over_cpsat_time_to_optimal_median_ratio",
                    "value": round(per_instance, 3),
                }
            )
        peer_rows.append(
            (
                group,
                *h_cells,
                f"{g_fail}/{n}",
                f"{statistics.median(gaps):.2%}" if gaps else "-",
                f"{min(gaps):.2%}" if gaps else "-",
                fmt_s(statistics.median(r.greedy.time_s for r in done)),
            )
        )
        summary.append(
            {
                "section": "peers",
                "row": group,
                "metric": "greedy_failures",
                "value": f"{g_fail}/{n}",
            }
        )
        summary.append(
            {
                "section": "peers",
                "row": group,
                "metric": "greedy_median_gap",
                "value": statistics.median(gaps) if gaps else None,
            }
        )
    print_table(
        "1. Scaling: CP-SAT on planner's model (1 worker, DEFAULT_PARAMETERS"
        + (" + --param" if parameters else "")
        + "), solver seconds",
        (
            "instances",
            "n",
            "runs",
            "first plan",
            "gap<=1%",
            "optimal",
            "max optimal",
            "proven",
            "cpu s",
        ),
        rows,
    )
    print(
        "   medians over the cell's instances (each the median of `runs` solves);"
        f" '>{limit:g}s' = not proven within the limit"
    )
    print_table(
        "2. Peers on the same instances: HiGHS (same MIP, 1 thread) and greedy",
        (
            "instances",
            "HiGHS first",
            "HiGHS optimal",
            "proven",
            "HiGHS/CP-SAT",
            "ratio of medians",
            "greedy fails",
            "CP-SAT better by",
            "min",
            "greedy s",
        ),
        peer_rows,
    )
    print(
        "   HiGHS/CP-SAT = median over instances of HiGHS time to optimal / CP-SAT's"
        " (> 1: CP-SAT faster; * = a run not proven, counted at the time limit);"
        " 'better by' = (CP-SAT objective - greedy) / CP-SAT objective"
    )


def _targets(
    results: list[tuple[list[InstanceResult], int]],
    limit: float,
    with_highs: bool,
    summary: list[dict[str, Any]],
) -> None:
    everything = [r for done, _ in results for r in done]
    rows: list[tuple[str, str, str, str]] = []

    def target(name: str, measured: str, goal: str, met: bool | None) -> None:
        verdict = "n/a" if met is None else "MET" if met else "MISSED"
        rows.append((name, measured, goal, verdict))
        summary.append(
            {"section": "targets", "row": name, "value": measured, "target": goal, "met": verdict}
        )

    ex = [r for r in everything if r.instance.name.startswith("example/")]
    if ex:
        worst = max(ex, key=lambda r: r.cp.optimal_s or INF)
        target(
            "examples (bundled): proven optimal, each",
            f"max {fmt_s(worst.cp.optimal_s, limit)} s ({worst.instance.name.split('/')[1]})",
            "< 0.3 s",
            all(r.cp.optimal_s is not None and r.cp.optimal_s < 0.3 for r in ex),
        )

    def cell(size: int, sessions: int) -> list[InstanceResult]:
        return [
            r
            for r in everything
            if r.instance.catalog_label == f"synthetic-{size}" and r.instance.sessions == sessions
        ]

    c300 = cell(300, 5)
    if c300:
        m = med([r.cp.optimal_s for r in c300])
        proven = sum(r.cp.proven for r in c300)
        target(
            "300 ex, 5 sessions: all proven, median",
            f"{fmt_s(m, limit)} s, {proven}/{len(c300)} proven",
            "< 2 s",
            proven == len(c300) and m is not None and m < 2,
        )
    c1000 = cell(1000, 5)
    if c1000:
        gaps = [r.cp.gap if r.cp.gap is not None else INF for r in c1000]
        ok = sum(r.cp.proven or g <= 0.001 for r, g in zip(c1000, gaps, strict=True))
        target(
            "1000 ex, 5 sessions: proven or gap <= 0.1 %",
            f"{ok}/{len(c1000)}, worst gap {max(gaps):.3%}",
            f"all, within {limit:g} s",
            ok == len(c1000),
        )
    if with_highs:
        scaling_cells = [done for done, _ in results]
        worst_cell, worst = None, INF
        for done in scaling_cells:
            r = ratio(
                med([x.highs.optimal_s for x in done if x.highs]),
                med([x.cp.optimal_s for x in done]),
                limit,
            )[0]
            if r < worst:
                worst_cell, worst = done[0].instance.group, r
        overall = statistics.median(
            ratio(r.highs.optimal_s if r.highs else None, r.cp.optimal_s, limit)[0]
            for r in everything
        )
        target(
            "vs HiGHS: CP-SAT median time to optimal / HiGHS's",
            f"{1 / overall:.2f} overall; worst cell {1 / worst:.2f} ({worst_cell})",
            "<= 1.0",
            1 / worst <= 1.0,
        )
    gaps = [r.greedy_gap for r in everything if r.greedy_gap is not None]
    worse = sum(g < 0 for g in gaps)
    target("vs greedy: never worse", f"{worse} worse of {len(gaps)}", "0", worse == 0)
    if gaps:
        target(
            "vs greedy: median objective better by",
            f"{statistics.median(gaps):.2%} (max {max(gaps):.2%})",
            ">= 3 %",
            statistics.median(gaps) >= 0.03,
        )
    has_plan_somewhere = [
        r
        for r in everything
        if r.greedy.objective is not None
        or (r.highs is not None and r.highs.plan is not None)
        or r.cp.plan is not None
    ]
    ours = sum(r.cp.plan is not None for r in has_plan_somewhere)
    g_fail = sum(r.greedy.failed for r in everything)
    target(
        "a plan wherever one exists (CP-SAT)",
        f"{ours}/{len(has_plan_somewhere)}; greedy failed {g_fail}/{len(everything)}",
        "all",
        ours == len(has_plan_somewhere),
    )
    print_table("Targets (issue), measured in this run", ("target", "measured", "goal", ""), rows)


if __name__ == "__main__":
    sys.exit(main())

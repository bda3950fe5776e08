"""Section 6, plan quality: a seeded population of new users' runners (population.py)
solved on the bundled catalog and on the real imported one, each plan judged by the
coach's week rubric (rubric.py) from its JSON.

The table gives, for each catalog, the planned rate and each check's failures (runners
failing, and failures in all); under it, the worst case of each check, named. A runner
whose config the precheck refuses counts as not planned, as does one without a plan in
the work limit. A solve stops on CP-SAT's deterministic time (`work_limit`, in its
deterministic seconds, about a second of one core each), not on the wall clock, so the
table does not depend on how busy the machine is; the conflict search for a runner
without a plan gets EXPLAIN_S of wall time. Solves run in `jobs` processes with 1 CP-SAT
worker each.
"""

from __future__ import annotations

import functools
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from benchmarks.instances import REAL_CATALOG
from benchmarks.output import Section
from benchmarks.population import Runner, population
from benchmarks.progress import log
from benchmarks.rubric import WEEK_CHECKS, judge_week
from benchmarks.tables import Table, TableRow
from planner.catalog.catalog import Catalog, load_catalog
from planner.config.config import parse_config
from planner.config.files import ConfigSource
from planner.errors import PlannerError
from planner.model import solve
from planner.plan.week import Status
from planner.report.render import as_dict
from planner.training.precheck import precheck
from planner.week.check import check_plan
from planner.week.explain import explain_conflict
from planner.week.shortfalls import missed_in

CATALOGS: dict[str, Path | None] = {"bundled": None, "real": REAL_CATALOG}
WALL_LIMIT_S = 60.0  # a safety net only: the work limit stops a solve first
EXPLAIN_S = 3.0
WORST_SHOWN = 2  # failure lines shown for a check's worst case


@dataclass(frozen=True)
class Judged:
    runner: Runner
    catalog: str
    status: str
    seconds: float
    failures: dict[str, list[str]]  # check name -> failure lines
    violations: tuple[str, ...]  # the independent checker's, expected empty


@functools.cache
def _catalog(label: str) -> Catalog:
    return load_catalog(CATALOGS[label])


def plan_json(runner: Runner, label: str, work_limit: float) -> dict[str, Any]:
    """The runner's plan on the catalog, as `planner solve --format json` prints it, or a
    dict with the status and why when there is none (a refused config: INVALID)."""
    catalog = _catalog(label)
    data = runner.config_data(catalog.equipment)
    data["solver"] = {"time_limit": WALL_LIMIT_S, "seed": 0, "workers": 1}
    config = parse_config(data, source=runner.name)
    try:
        precheck(catalog, config, ConfigSource.of(runner.name, data=data))
    except PlannerError as exc:
        why = str(exc).removeprefix(f"{runner.name}: ")
        return {"status": "INVALID", "config": data, "days": [], "note": why}
    # As planner.pipeline.plan_week (the checker, then the notes on missed targets), but the
    # solve stops on CP-SAT's deterministic time (the same answer however busy the machine)
    # and the conflict search on a short budget.
    result = solve(catalog, config, parameters={"max_deterministic_time": work_limit})
    if result.status == Status.INFEASIBLE:
        report = explain_conflict(catalog, config, EXPLAIN_S, proven_infeasible=True)
        result = replace(result, conflicts=report.conflicts, note=report.note)
    elif result.plan is not None:
        violations = check_plan(result.plan, catalog, config)
        missed = missed_in(result, catalog, config)  # the notes a user reads
        result = replace(result, violations=tuple(str(v) for v in violations), missed=missed)
    plan = as_dict(result, config, catalog, timing=False)
    plan["violations"] = list(result.violations)
    plan["wall_time_s"] = result.wall_time_s
    return plan


def judge(runner: Runner, label: str, work_limit: float) -> Judged:
    started = time.perf_counter()
    plan = plan_json(runner, label, work_limit)
    seconds = time.perf_counter() - started
    return Judged(
        runner,
        label,
        plan["status"],
        seconds,
        judge_week(plan),
        tuple(plan.get("violations", ())),
    )


def _judge_args(args: tuple[Runner, str, float]) -> Judged:
    return judge(*args)


def judge_population(
    runners: Sequence[Runner], labels: Sequence[str], work_limit: float, jobs: int
) -> list[Judged]:
    work = [(r, label, work_limit) for label in labels for r in runners]
    if jobs <= 1:
        return [_judge_args(w) for w in work]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(_judge_args, work, chunksize=4))


def quality_section(size: int, work_limit: float, jobs: int = 2) -> Section:
    runners = population(size)
    labels = list(CATALOGS)
    log(f"quality: {size} runners x {len(labels)} catalogs, {work_limit:g} work s each ...")
    started = time.perf_counter()
    judged = judge_population(runners, labels, work_limit, jobs)
    elapsed = time.perf_counter() - started
    section = Section(tables=[_table(judged, labels, size, work_limit, elapsed)])
    for j in judged:
        if j.violations:
            section.problems.append(
                f"quality {j.catalog}/{j.runner.name}: checker MISMATCH {j.violations[0]}"
            )
        section.runs.append(
            {
                "section": "quality",
                "group": j.catalog,
                "instance": f"{j.catalog}/{j.runner.name}",
                "catalog": j.catalog,
                "solver": "cp-sat",
                "status": j.status,
                "solve_s": j.seconds,
                "plan_ok": not j.violations,
                "note": "; ".join(f"{k}: {len(v)}" for k, v in j.failures.items() if v),
            }
        )
    for label in labels:
        mine = [j for j in judged if j.catalog == label]
        for name, _ in WEEK_CHECKS:
            section.summary.append(
                {
                    "section": "quality",
                    "row": f"{label}: {name}",
                    "metric": "runners_failing",
                    "value": sum(bool(j.failures[name]) for j in mine),
                    "target": 0,
                    "met": not any(j.failures[name] for j in mine),
                }
            )
    return section


def _table(
    judged: list[Judged], labels: list[str], size: int, limit: float, elapsed: float
) -> Table:
    by_label = {label: [j for j in judged if j.catalog == label] for label in labels}
    rows: list[TableRow] = []
    planned = [
        f"{sum(not j.failures['every runner planned'] for j in js)}/{len(js)}"
        for js in by_label.values()
    ]
    rows.append(("planned", *[x for p in planned for x in (p, "")]))
    for name, _ in WEEK_CHECKS[1:]:
        cells: list[str] = []
        for js in by_label.values():
            cells += [
                str(sum(bool(j.failures[name]) for j in js)),
                str(sum(len(j.failures[name]) for j in js)),
            ]
        rows.append((name, *cells))
    header = ("check", *[h for label in labels for h in (f"{label} runners", "failures")])
    return Table(
        f"7. Plan quality: {size} new users' runners per catalog, judged by COACHING.md "
        f"({limit:g} s of CP-SAT deterministic time a solve, {elapsed:.0f} s in all)",
        header,
        rows,
        notes=_worst_cases(judged),
    )


def _unplanned(judged: list[Judged]) -> list[str]:
    """Runners without a plan, counted by catalog and by the rules that conflicted."""
    reasons = Counter(
        f"{j.catalog}: {j.failures['every runner planned'][0][:100]}"
        for j in judged
        if j.failures["every runner planned"]
    )
    return [f"  {n} x {reason}" for reason, n in sorted(reasons.items(), key=lambda x: -x[1])]


def _worst_cases(judged: list[Judged]) -> list[str]:
    unplanned = _unplanned(judged)
    notes = ["not planned, by catalog and conflict:", *unplanned] if unplanned else []
    notes.append("worst cases (catalog/runner: what fails):")
    for name, _ in WEEK_CHECKS:
        worst = max(judged, key=lambda j: (len(j.failures[name]), -judged.index(j)))
        lines = worst.failures[name]
        if not lines:
            continue
        shown = "; ".join(line[:110] for line in lines[:WORST_SHOWN])
        more = f" (+{len(lines) - WORST_SHOWN} more)" if len(lines) > WORST_SHOWN else ""
        notes.append(
            f"  {name}: {worst.catalog}/{worst.runner.name} ({worst.runner.summary}): {shown}{more}"
        )
    return notes

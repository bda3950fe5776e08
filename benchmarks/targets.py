"""The issue's targets, each measured on this run's scaling and peer results."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from benchmarks.evaluate import Cell, InstanceResult
from benchmarks.output import Section
from benchmarks.stats import INF, median_time, time_ratio
from benchmarks.tables import Table, format_seconds


@dataclass(frozen=True)
class Target:
    name: str
    measured: str
    goal: str
    met: bool | None  # None: cannot be judged

    @property
    def verdict(self) -> str:
        return "n/a" if self.met is None else "MET" if self.met else "MISSED"


def targets_section(cells: list[Cell], limit: float, with_highs: bool) -> Section:
    everything = [r for cell in cells for r in cell.results]
    targets = [
        *_examples_target(everything, limit),
        *_real_examples_target(everything, limit),
        *_synthetic_300_target(everything, limit),
        *_synthetic_1000_target(everything, limit),
        *(_highs_target(cells, everything, limit) if with_highs else []),
        *_greedy_targets(everything),
        _plan_wherever_one_exists(everything),
    ]
    return Section(
        tables=[
            Table(
                "Targets (issue), measured in this run",
                ("target", "measured", "goal", ""),
                [(t.name, t.measured, t.goal, t.verdict) for t in targets],
            )
        ],
        summary=[
            {
                "section": "targets",
                "row": t.name,
                "value": t.measured,
                "target": t.goal,
                "met": t.verdict,
            }
            for t in targets
        ],
    )


def _examples_target(everything: list[InstanceResult], limit: float) -> list[Target]:
    ex = [r for r in everything if r.instance.name.startswith("example/")]
    if not ex:
        return []
    slowest = max(ex, key=lambda r: r.cp.optimal_s or INF)
    return [
        Target(
            "examples (bundled): proven optimal, each",
            f"max {format_seconds(slowest.cp.optimal_s, limit)} s "
            f"({slowest.instance.name.split('/')[1]})",
            "< 0.3 s",
            all(r.cp.optimal_s is not None and r.cp.optimal_s < 0.3 for r in ex),
        )
    ]


def _real_examples_target(everything: list[InstanceResult], limit: float) -> list[Target]:
    """Issue 15: every example proven optimal in under 1 s on the imported real catalog."""
    ex = [r for r in everything if r.instance.name.startswith("real-example/")]
    if not ex:
        return []
    slowest = max(ex, key=lambda r: r.cp.optimal_s or INF)
    size = len(ex[0].instance.catalog)
    return [
        Target(
            f"examples (real {size}-exercise catalog): proven optimal, each",
            f"max {format_seconds(slowest.cp.optimal_s, limit)} s "
            f"({slowest.instance.name.split('/')[1]})",
            "< 1 s",
            all(r.cp.optimal_s is not None and r.cp.optimal_s < 1 for r in ex),
        )
    ]


def _synthetic_300_target(everything: list[InstanceResult], limit: float) -> list[Target]:
    c300 = _synthetic_cell(everything, 300, 5)
    if not c300:
        return []
    m = median_time([r.cp.optimal_s for r in c300])
    proven = sum(r.cp.proven for r in c300)
    return [
        Target(
            "300 ex, 5 sessions: all proven, median",
            f"{format_seconds(m, limit)} s, {proven}/{len(c300)} proven",
            "< 2 s",
            proven == len(c300) and m is not None and m < 2,
        )
    ]


def _synthetic_1000_target(everything: list[InstanceResult], limit: float) -> list[Target]:
    c1000 = _synthetic_cell(everything, 1000, 5)
    if not c1000:
        return []
    gaps = [r.cp.gap if r.cp.gap is not None else INF for r in c1000]
    ok = sum(r.cp.proven or g <= 0.001 for r, g in zip(c1000, gaps, strict=True))
    return [
        Target(
            "1000 ex, 5 sessions: proven or gap <= 0.1 %",
            f"{ok}/{len(c1000)}, worst gap {max(gaps):.3%}",
            f"all, within {limit:g} s",
            ok == len(c1000),
        )
    ]


def _synthetic_cell(
    everything: list[InstanceResult], size: int, sessions: int
) -> list[InstanceResult]:
    return [
        r
        for r in everything
        if r.instance.catalog_label == f"synthetic-{size}" and r.instance.sessions == sessions
    ]


def _highs_target(
    cells: list[Cell], everything: list[InstanceResult], limit: float
) -> list[Target]:
    worst_cell, worst = None, INF
    for cell in cells:
        r = time_ratio(
            median_time([x.highs.optimal_s for x in cell.results if x.highs]),
            median_time([x.cp.optimal_s for x in cell.results]),
            limit,
        )[0]
        if r < worst:
            worst_cell, worst = cell.group, r
    overall = statistics.median(
        time_ratio(r.highs.optimal_s if r.highs else None, r.cp.optimal_s, limit)[0]
        for r in everything
    )
    return [
        Target(
            "vs HiGHS: CP-SAT median time to optimal / HiGHS's",
            f"{1 / overall:.2f} overall; worst cell {1 / worst:.2f} ({worst_cell})",
            "<= 1.0",
            1 / worst <= 1.0,
        )
    ]


def _greedy_targets(everything: list[InstanceResult]) -> list[Target]:
    gaps = [r.greedy_gap for r in everything if r.greedy_gap is not None]
    worse = sum(g < 0 for g in gaps)
    targets = [Target("vs greedy: never worse", f"{worse} worse of {len(gaps)}", "0", worse == 0)]
    if gaps:
        targets.append(
            Target(
                "vs greedy: median objective better by",
                f"{statistics.median(gaps):.2%} (max {max(gaps):.2%})",
                ">= 3 %",
                statistics.median(gaps) >= 0.03,
            )
        )
    return targets


def _plan_wherever_one_exists(everything: list[InstanceResult]) -> Target:
    has_plan_somewhere = [
        r
        for r in everything
        if r.greedy.objective is not None
        or (r.highs is not None and r.highs.plan is not None)
        or r.cp.plan is not None
    ]
    ours = sum(r.cp.plan is not None for r in has_plan_somewhere)
    g_fail = sum(r.greedy.failed for r in everything)
    return Target(
        "a plan wherever one exists (CP-SAT)",
        f"{ours}/{len(has_plan_somewhere)}; greedy failed {g_fail}/{len(everything)}",
        "all",
        ours == len(has_plan_somewhere),
    )

"""Sections 1 and 2: CP-SAT on growing catalogs, and its peers on the same instances.

`measure_scaling` solves every instance (logging each to stderr as it finishes);
`scaling_section` turns the results into the scaling table and the peers table.
"""

from __future__ import annotations

from typing import Any

from benchmarks.cpsat_run import run_cpsat
from benchmarks.evaluate import Cell, InstanceResult, evaluate, run_rows
from benchmarks.greedy import greedy_plan
from benchmarks.instances import REAL_CATALOG, Instance, examples, seeded
from benchmarks.output import RESULTS, Section, SummaryRow
from benchmarks.peers import peer_row, peers_table
from benchmarks.profiles import Profile
from benchmarks.progress import log
from benchmarks.stats import INF, median_time
from benchmarks.synthetic import synthetic_catalog, twin_groups
from benchmarks.tables import Table, TableRow, format_seconds
from planner.catalog.catalog import Catalog, load_catalog


def measure_scaling(
    profile: Profile, seeds: list[int], with_highs: bool, parameters: dict[str, Any]
) -> list[Cell]:
    warm_up(with_highs)
    cells = []
    for instances, repeat in scaling_instances(profile, seeds):
        results = []
        for inst in instances:
            r = evaluate(inst, repeat, with_highs, parameters)
            results.append(r)
            for q in r.problems:
                log(f"!! {inst.name}: {q}")
            log(_progress_line(r, profile.time_limit))
        cells.append(Cell(results, repeat))
    return cells


def scaling_instances(profile: Profile, seeds: list[int]) -> list[tuple[list[Instance], int]]:
    """(instances, repeat) per table cell, in table order."""
    bundled, real = load_catalog(), load_catalog(REAL_CATALOG)
    cells: list[tuple[list[Instance], int]] = [
        (examples(bundled, time_limit=profile.time_limit), profile.example_repeat),
        (examples(real, time_limit=profile.time_limit, label="real"), profile.example_repeat),
    ]
    for size in profile.sizes:
        catalog: Catalog
        if size is None:
            catalog, label = bundled, "bundled"
        elif isinstance(size, str):  # "real"
            catalog, label = real, "real"
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
        from benchmarks.highs_model import run_highs  # highspy is optional

        run_highs(inst.catalog, inst.config)


def _progress_line(r: InstanceResult, limit: float) -> str:
    hs = r.highs
    return (
        f"{r.instance.name:34s} cp-sat {r.cp.status:8s} {r.cp.objective} "
        f"{format_seconds(r.cp.optimal_s, limit)} s"
        + (
            f" | highs {hs.status:8s} {hs.objective} {format_seconds(hs.optimal_s, limit)} s"
            if hs
            else ""
        )
        + f" | greedy {r.greedy.objective or 'FAILED'}"
    )


def scaling_section(
    cells: list[Cell], parameters: dict[str, Any], limit: float, with_highs: bool
) -> Section:
    scaling_rows: list[TableRow] = []
    peer_rows: list[TableRow] = []
    summary: list[SummaryRow] = []
    # a cell's CP-SAT numbers, then its peers', so the summary CSV reads cell by cell
    for cell in cells:
        row, numbers = scaling_row(cell, limit)
        scaling_rows.append(row)
        summary += numbers
        row, numbers = peer_row(cell, limit, with_highs)
        peer_rows.append(row)
        summary += numbers
    results = [r for cell in cells for r in cell.results]
    return Section(
        tables=[scaling_table(scaling_rows, parameters, limit), peers_table(peer_rows)],
        runs=[row for r in results for row in run_rows(r)],
        summary=summary,
        problems=[f"{r.instance.name}: {q}" for r in results for q in r.problems],
    )


def scaling_row(cell: Cell, limit: float) -> tuple[TableRow, list[SummaryRow]]:
    """The cell's CP-SAT times: its table row and its summary CSV rows."""
    group = cell.group
    cp = [r.cp for r in cell.results]
    n = len(cp)
    proven = sum(s.proven for s in cp)
    row = (
        group,
        str(n),
        str(cell.repeat),
        format_seconds(median_time([s.first_s for s in cp]), limit),
        format_seconds(median_time([s.gap1_s for s in cp]), limit),
        format_seconds(median_time([s.optimal_s for s in cp]), limit),
        format_seconds(max((s.optimal_s or INF) for s in cp) if proven == n else None, limit),
        f"{proven}/{n}",
        format_seconds(median_time([s.cpu_s for s in cp])),
    )
    summary = [
        {
            "section": "scaling",
            "row": group,
            "metric": f"cpsat_median_{metric}",
            "value": median_time(values),
        }
        for metric, values in (
            ("first_s", [s.first_s for s in cp]),
            ("gap1_s", [s.gap1_s for s in cp]),
            ("optimal_s", [s.optimal_s for s in cp]),
        )
    ]
    summary.append(
        {"section": "scaling", "row": group, "metric": "cpsat_proven", "value": f"{proven}/{n}"}
    )
    return row, summary


def scaling_table(rows: list[TableRow], parameters: dict[str, Any], limit: float) -> Table:
    return Table(
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
        [
            "   medians over the cell's instances (each the median of `runs` solves);"
            f" '>{limit:g}s' = not proven within the limit"
        ],
    )

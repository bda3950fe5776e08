"""Section 2: HiGHS (the same model as a MIP) and greedy on the scaling instances."""

from __future__ import annotations

import statistics

from benchmarks.evaluate import Cell
from benchmarks.output import SummaryRow
from benchmarks.stats import median_time, time_ratio
from benchmarks.tables import Table, TableRow, format_seconds


def peer_row(cell: Cell, limit: float, with_highs: bool) -> tuple[TableRow, list[SummaryRow]]:
    """The cell's HiGHS and greedy results: its table row and its summary CSV rows."""
    done = cell.results
    n = len(done)
    highs_cells, summary = _highs_cells(cell, limit) if with_highs else (["-"] * 5, [])
    g_fail = sum(r.greedy.failed for r in done)
    gaps = [r.greedy_gap for r in done if r.greedy_gap is not None]
    row = (
        cell.group,
        *highs_cells,
        f"{g_fail}/{n}",
        f"{statistics.median(gaps):.2%}" if gaps else "-",
        f"{min(gaps):.2%}" if gaps else "-",
        format_seconds(statistics.median(r.greedy.time_s for r in done)),
    )
    summary.append(
        {
            "section": "peers",
            "row": cell.group,
            "metric": "greedy_failures",
            "value": f"{g_fail}/{n}",
        }
    )
    summary.append(
        {
            "section": "peers",
            "row": cell.group,
            "metric": "greedy_median_gap",
            "value": statistics.median(gaps) if gaps else None,
        }
    )
    return row, summary


def _highs_cells(cell: Cell, limit: float) -> tuple[list[str], list[SummaryRow]]:
    done = cell.results
    hs = [r.highs for r in done if r.highs is not None]
    cp = [r.cp for r in done]
    ratios = [
        time_ratio(r.highs.optimal_s if r.highs else None, r.cp.optimal_s, limit) for r in done
    ]
    per_instance = statistics.median(x for x, _ in ratios)
    censored = any(c for _, c in ratios)
    highs_optimal = median_time([s.optimal_s for s in hs])
    of_medians = time_ratio(highs_optimal, median_time([s.optimal_s for s in cp]), limit)[0]
    cells = [
        format_seconds(median_time([s.first_s for s in hs]), limit),
        format_seconds(highs_optimal, limit),
        f"{sum(s.proven for s in hs)}/{len(done)}",
        f"{per_instance:.2f}{'*' if censored else ''}",
        f"{of_medians:.2f}",
    ]
    summary: list[SummaryRow] = [
        {
            "section": "peers",
            "row": cell.group,
            "metric": "highs_median_optimal_s",
            "value": highs_optimal,
        },
        {
            "section": "peers",
            "row": cell.group,
            "metric": "highs_over_cpsat_time_to_optimal_median_ratio",
            "value": round(per_instance, 3),
        },
    ]
    return cells, summary


def peers_table(rows: list[TableRow]) -> Table:
    return Table(
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
        rows,
        [
            "   HiGHS/CP-SAT = median over instances of HiGHS time to optimal / CP-SAT's"
            " (> 1: CP-SAT faster; * = a run not proven, counted at the time limit);"
            " 'better by' = (CP-SAT objective - greedy) / CP-SAT objective"
        ],
    )

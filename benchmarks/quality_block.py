"""The quality section's blocks: a seeded population of new users' blocks (a runner from
population.py with a [block] of 8-20 weeks, 2-4 sessions, each goal and kit, a race or a
number of weeks) solved on the bundled catalog, each block judged from its JSON by the
coach's block rubric (block_rubric.py): every block planned, steady weeks, jumps that build
up, progression that carries, a taper that does less, deloads."""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from benchmarks.block_rubric import CHECKS as BLOCK_CHECKS
from benchmarks.output import Section
from benchmarks.population import KITS, Runner, new_runner
from benchmarks.progress import log
from benchmarks.rubric import WEEK_CHECKS
from benchmarks.rubric_reading import Json
from benchmarks.tables import Table, TableRow
from planner.catalog.catalog import Catalog, load_catalog
from planner.config.config import parse_config
from planner.errors import PlannerError
from planner.pipeline import plan_block
from planner.plan.block import PlannedWeek
from planner.plan.week import SolveResult, Status
from planner.report.block_render import block_dict
from planner.report.render import as_dict
from planner.vocabulary import GOALS

PLANNED = "every block planned"
# A coach reads every week of a block as a week (COACHING.md, "A week"), except where the
# block's own rows say otherwise: the first build weeks ramp up to the goal's effort (the
# goal book's progression starts two steps below its dose), a deload halves the sets, and a
# taper does less and stops the heavy leg lifts (the block rule no_heavy_legs_in_taper).
RAMP_WEEKS = 2
EXEMPT = {
    "ramp": ("heavy sets a week", "goal shows"),
    "deload": ("heavy sets a week",),
    "taper": ("heavy sets a week", "seed's counts", "goal shows"),
}
WEEK_ROWS = {f"weeks: {name}": (name, check) for name, check in WEEK_CHECKS[1:]}
ROWS = (*BLOCK_CHECKS, *WEEK_ROWS)  # after PLANNED, in the table's order
DISTANCES = ("5k", "10k", "half", "marathon", None)
START = date(2027, 1, 4)


@dataclass(frozen=True)
class BlockRunner:
    runner: Runner
    weeks: int
    sessions: int

    @property
    def summary(self) -> str:
        block = self.runner.data["block"]
        end = f"{block.get('distance') or 'race'}" if "race" in block else "no race"
        return f"{self.runner.summary}, {self.weeks} weeks x {self.sessions}, {end}"


def new_block(index: int, seed: int = 0) -> BlockRunner:
    """Runner `index` with a block: goals and kits in turn, so 12 blocks hold each goal
    three times and most kits; weeks, sessions, distance and days seeded."""
    rng = random.Random(f"block-{seed}-{index}")
    base = new_runner(1000 + index, seed)
    weeks, sessions = rng.randint(8, 20), rng.randint(2, 4)
    days = sorted(rng.sample(range(7), max(sessions, rng.randint(sessions, 6))))
    week = dict(base.data["week"])
    week["available_days"] = [("mon", "tue", "wed", "thu", "fri", "sat", "sun")[d] for d in days]
    week["sessions"] = sessions
    distance = DISTANCES[index % len(DISTANCES)]
    block: dict[str, Any] = {"start": START}
    if distance is None:
        block["weeks"] = weeks
    else:
        block["race"] = START + timedelta(weeks=weeks - 1, days=6)  # the last week's Sunday
        block["distance"] = distance
        block["taper_days"] = rng.choice((7, 10, 14))
    athlete = {**base.data["athlete"], "goal": GOALS[index % len(GOALS)]}
    data = {**base.data, "athlete": athlete, "week": week, "block": block}
    kit = list(KITS)[index % len(KITS)]
    return BlockRunner(Runner(f"b{index:02d}", kit, data), weeks, sessions)


@dataclass(frozen=True)
class JudgedBlock:
    block: BlockRunner
    status: str
    seconds: float
    gap: float | None
    failures: dict[str, list[str]]
    violations: tuple[str, ...]


def judge_block(args: tuple[BlockRunner, float]) -> JudgedBlock:
    block, time_limit = args
    catalog = load_catalog()
    data = block.runner.config_data(catalog.equipment)
    data["solver"] = {"time_limit": time_limit, "seed": 0, "workers": 1}
    started = time.perf_counter()
    try:
        config = parse_config(data, source=block.runner.name)
        result = plan_block(catalog, config)
    except PlannerError as exc:
        failures = {PLANNED: [f"INVALID: {exc}"], **{name: [] for name in ROWS}}
        return JudgedBlock(block, "INVALID", time.perf_counter() - started, None, failures, ())
    seconds = time.perf_counter() - started
    plan = block_dict(result, config, catalog, timing=False)
    why = result.conflicts[0].message if result.conflicts else result.note or result.stopped
    failures = {PLANNED: [] if result.weeks else [f"{result.status}: {why}"[:160]]}
    for name, block_check in BLOCK_CHECKS.items():
        failures[name] = block_check(plan) if result.weeks else []
    kinds = week_kinds(result.weeks or ())
    weeks = [
        (w.setup.week.number, kinds[w.setup.week.number], week_json(w, catalog))
        for w in result.weeks or ()
        if w.plan.sessions
    ]
    failures.update(week_failures(weeks))
    return JudgedBlock(block, result.status.value, seconds, result.gap, failures, result.violations)


def week_failures(weeks: Sequence[tuple[int, str, Json]]) -> dict[str, list[str]]:
    """The week rubric's failures over a block's weeks (number, kind, week JSON), by row,
    each week read as its kind allows (EXEMPT)."""
    return {
        row: [
            f"week {number}: {line}"
            for number, kind, week in weeks
            if name not in EXEMPT.get(kind, ())
            for line in week_check(week)
        ]
        for row, (name, week_check) in WEEK_ROWS.items()
    }


def week_kinds(weeks: Sequence[PlannedWeek]) -> dict[int, str]:
    """Each week's kind as EXEMPT reads it: ramp, build, deload or taper."""
    kinds, built = {}, 0
    for w in weeks:
        week = w.setup.week
        kind = "taper" if week.taper else "deload" if week.deload else "build"
        if kind == "build":
            kind, built = ("ramp" if built < RAMP_WEEKS else "build"), built + 1
        kinds[week.number] = kind
    return kinds


def week_json(week: PlannedWeek, catalog: Catalog) -> dict[str, Any]:
    """The week as `planner solve --format json` prints one, under its own config (its
    phase's goal, its progression step), with the block's notes on the targets it misses."""
    result = SolveResult(Status.FEASIBLE, week.plan, None, None, 0.0, 0, 1, "", missed=week.missed)
    return as_dict(result, week.setup.config, catalog, timing=False)


def block_quality(size: int, time_limit: float, jobs: int) -> Section:
    blocks = [new_block(i) for i in range(size)]
    log(f"quality: {size} blocks, {time_limit:g} s each ...")
    started = time.perf_counter()
    work = [(b, time_limit) for b in blocks]
    if jobs <= 1:
        judged = [judge_block(w) for w in work]
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            judged = list(pool.map(judge_block, work))
    elapsed = time.perf_counter() - started
    names = [PLANNED, *ROWS]
    rows: list[TableRow] = [
        (name, str(sum(bool(j.failures[name]) for j in judged)),
         str(sum(len(j.failures[name]) for j in judged)))
        for name in names
    ]  # fmt: skip
    notes = [
        f"  {j.block.runner.name} ({j.block.summary}): {j.status}"
        + (f" gap {j.gap:.3%}" if j.gap else "")
        + f" {j.seconds:.0f} s; "
        + "; ".join(f"{n}: {lines[0][:90]}" for n, lines in j.failures.items() if lines)
        for j in judged
    ]
    table = Table(
        f"7b. Block quality: {size} new users' blocks on the bundled catalog, judged by the "
        f"block rows of COACHING.md and each week by its week rows ({time_limit:g} s a block, "
        f"{elapsed:.0f} s in all)",
        ("check", "blocks failing", "failures"),
        rows,
        notes=["blocks:", *notes],
    )
    section = Section(tables=[table])
    for j in judged:
        if j.violations:
            section.problems.append(f"block quality {j.block.runner.name}: {j.violations[0]}")
    for name in names:
        failing = sum(bool(j.failures[name]) for j in judged)
        section.summary.append(
            {
                "section": "quality",
                "row": f"blocks: {name}",
                "metric": "blocks_failing",
                "value": failing,
                "target": 0,
                "met": failing == 0,
            }
        )
    return section

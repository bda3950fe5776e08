"""Shared fixtures: a tiny hand-made catalog and helpers to solve and verify configs.

The tiny catalog is built so expected numbers can be worked out by hand. Only core
exercises cover the three core functions, only calf (plus pogo hops and ankle rocks)
cover the calves, and every family name is listed in FAMILIES below.
"""

from __future__ import annotations

import compileall
import copy
import csv
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from planner.batch.jobs import Job, Outcome, solve_job
from planner.catalog.catalog import Catalog, load_catalog
from planner.config.config import Config, parse_config
from planner.pipeline import plan_week
from planner.plan.week import SolveResult, Status
from planner.vocabulary import MUSCLES
from planner.week.check import check_plan

HEADER = [
    "id", "name", "category", "family", "equipment", "level", "load", "minutes", "tags",
    "sets", "reps", "unit", *MUSCLES, "cue",
]  # fmt: skip

# id, category, family, equipment, level, load, minutes, tags, coverage
TINY: list[tuple[str, str, str, str, str, int, int, str, dict[str, int]]] = [
    # lower: families squat (2 variants), lunge, hinge, bridge, step_up (advanced)
    ("squat_bw", "lower", "squat", "", "beginner", 2, 5, "knee_dominant",
     {"quads": 3, "glutes": 2}),
    ("squat_goblet", "lower", "squat", "dumbbell", "beginner", 4, 6, "knee_dominant",
     {"quads": 3, "glutes": 2, "adductors": 1}),
    ("lunge_bw", "lower", "lunge", "", "beginner", 3, 6, "unilateral",
     {"quads": 2, "glutes": 2}),
    ("hinge_rdl", "lower", "hinge", "dumbbell", "intermediate", 5, 7, "hip_dominant",
     {"hamstrings": 3, "glutes": 2}),
    ("bridge", "lower", "bridge", "", "beginner", 1, 4, "hip_dominant",
     {"glutes": 2, "hamstrings": 1}),
    ("step_up_box", "lower", "step_up", "box", "advanced", 4, 6, "unilateral",
     {"quads": 2, "glutes": 2}),
    # calf: families calf_raise (2 variants), bent_knee_calf, soleus_hold
    ("calf_raise_straight", "calf", "calf_raise", "", "beginner", 2, 4, "achilles_load",
     {"gastrocnemius": 3, "soleus": 1}),
    ("calf_raise_single", "calf", "calf_raise", "", "intermediate", 3, 5,
     "achilles_load;unilateral", {"gastrocnemius": 3, "soleus": 1}),
    ("calf_raise_bent", "calf", "bent_knee_calf", "", "beginner", 2, 4, "",
     {"gastrocnemius": 1, "soleus": 3}),
    ("soleus_wall_sit", "calf", "soleus_hold", "", "beginner", 1, 3, "isometric",
     {"soleus": 2, "quads": 1}),
    # core: one family each
    ("plank", "core", "plank", "", "beginner", 1, 3, "isometric", {"anti_extension": 3}),
    ("side_plank", "core", "side_plank", "", "beginner", 1, 3, "isometric",
     {"anti_lateral_flexion": 3}),
    ("pallof_press", "core", "pallof", "band", "beginner", 1, 3, "",
     {"anti_rotation": 3}),
    ("dead_bug", "core", "dead_bug", "", "beginner", 1, 3, "",
     {"anti_extension": 2, "anti_rotation": 1}),
    ("bird_dog", "core", "bird_dog", "", "beginner", 1, 3, "",
     {"anti_rotation": 2, "erectors": 1}),
    ("suitcase_carry", "core", "carry", "dumbbell", "beginner", 2, 4, "",
     {"anti_lateral_flexion": 3, "upper_back": 1}),
    # upper
    ("push_up", "upper", "push_up", "", "beginner", 2, 4, "push",
     {"chest": 3, "shoulders": 1, "arms": 1}),
    ("band_row", "upper", "row", "band", "beginner", 1, 4, "pull",
     {"upper_back": 3, "rear_delts": 1}),
    ("pull_up", "upper", "pull_up", "pullup_bar", "intermediate", 3, 5, "pull",
     {"lats": 3, "arms": 2}),
    # plyometric: both intermediate
    ("pogo_hops", "plyometric", "pogo", "", "intermediate", 3, 3, "high_impact;achilles_load",
     {"gastrocnemius": 2, "soleus": 1}),
    ("box_jump", "plyometric", "box_jump", "box", "intermediate", 4, 4, "high_impact",
     {"quads": 2, "glutes": 2}),
    # mobility
    ("hip_flexor_stretch", "mobility", "hip_stretch", "", "beginner", 0, 4, "",
     {"hip_flexors": 2}),
    ("ankle_rocks", "mobility", "ankle_mobility", "", "beginner", 0, 3, "ankle",
     {"soleus": 1}),
]  # fmt: skip

TINY_EQUIPMENT = ["band", "box", "dumbbell", "pullup_bar"]


def tiny_rows() -> list[list[str]]:
    rows = []
    for ex_id, cat, family, equipment, level, load, minutes, tags, cover in TINY:
        unknown = set(cover) - set(MUSCLES)
        assert not unknown, unknown
        # A stretch is held for time (a static stretch); the rest are done in reps.
        dose = ["30", "seconds"] if ex_id.endswith("_stretch") else ["10", "reps"]
        rows.append(
            [ex_id, ex_id.replace("_", " ").title(), cat, family, equipment, level, str(load),
             str(minutes), tags, "3", *dose, *(str(cover.get(m, 0)) for m in MUSCLES),
             ""]
        )  # fmt: skip
    return rows


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture(scope="session")
def tiny_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_csv(tmp_path_factory.mktemp("tiny") / "tiny.csv", HEADER, tiny_rows())


@pytest.fixture(scope="session")
def tiny(tiny_csv: Path) -> Catalog:
    """The hand-made catalog of 23 exercises."""
    return load_catalog(tiny_csv)


@pytest.fixture(scope="session")
def bundled() -> Catalog:
    return load_catalog()


# The test files that take longest, longest first (summed test times per file in a full run,
# re-measured on 7 December after the slowest tests were made smaller).
# Under `--dist loadfile` a file runs whole on one worker and the workers take files in
# collection order (`--no-loadscope-reorder`): with these first, the last files to start are
# short ones, so neither worker is left alone with a 20-30 s file at the end. xdist's own
# order (most tests first) put several of these last. The other files keep pytest's order.
LONGEST_FIRST = (
    "batch/test_batch.py",
    "test_hostile_pass2_runs.py",
    "test_explain.py",
    "test_hostile_runs.py",
    "report/test_block_html.py",
    "model/test_objective_declared.py",
    "model/test_dominance.py",
    "test_hostile_pass2_resume.py",
    "test_rulebook.py",
    "batch/test_history.py",
    "batch/test_team_example.py",
    "batch/test_fixes.py",
    "batch/test_team_files.py",
    "model/test_rules.py",
    "report/test_html.py",
    "batch/test_team_block.py",
    "report/test_block_ics.py",
    "report/test_ics.py",
    "report/test_team_index.py",
    "test_examples.py",
)


def pytest_configure(config: pytest.Config) -> None:
    # The suite starts about 100 Python processes (the xdist workers, the batch tests' solver
    # processes, the CLI run as a user runs it). Where the environment turns bytecode off
    # (PYTHONDONTWRITEBYTECODE=1, common in CI containers), each compiled the package from
    # source, about 0.35 s of a core: 24 s of CPU a run, 11 s of wall time on 2 cores
    # (256 -> 232 CPU s, 148 -> 137 s in a fresh clone, back to back). Compiled once here, in
    # the controller before any worker starts, they read the bytecode instead.
    if not hasattr(config, "workerinput"):
        root = Path(__file__).resolve().parents[1]
        for package in ("planner", "benchmarks"):
            compileall.compile_dir(root / package, quiet=1)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    missing = [name for name in LONGEST_FIRST if not (here / name).is_file()]
    if missing:  # a file renamed or removed: say so, not quietly lose the order
        raise pytest.UsageError(f"tests/conftest.py: LONGEST_FIRST names no file: {missing}")
    rank = {here / name: place for place, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path, len(rank)))  # stable: files stay whole


# A neutral starting point: one Monday session, loose caps, every balance rule off, every
# category at [0, 0] (tests open the categories they need), all tiny equipment.
BASE: dict[str, Any] = {
    "week": {"available_days": ["mon"], "sessions": 1, "max_session_minutes": 300},
    "session": {c: [0, 0] for c in ("lower", "calf", "core", "upper", "plyometric", "mobility")},
    "balance": {
        "soleus_to_gastrocnemius": None,
        "core_min": {"anti_extension": 0, "anti_lateral_flexion": 0, "anti_rotation": 0},
        "core_spread": None,
    },
    "load": {"max_session": 1000, "max_week": None, "max_lower_before_key_run": None},
    "variety": {"max_per_week": 7},
    "equipment": {"available": TINY_EQUIPMENT},
    "solver": {"time_limit": 5.0, "workers": 1, "seed": 0},
    "goal": {"dose": 0, "eve_dose": 0, "heavy_per_week": {}},
}


def merge(base: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge overrides (section -> dict of keys) into a copy of base."""
    out = copy.deepcopy(base)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def make_config(**sections: Any) -> Config:
    """BASE with the given sections merged in, validated by parse_config."""
    return parse_config(merge(BASE, sections))


def solve_cfg(catalog: Catalog, **sections: Any) -> SolveResult:
    """Solve BASE + sections on the catalog through the pipeline (solve and check)."""
    return plan_week(catalog, make_config(**sections))


def assert_valid(result: SolveResult, catalog: Catalog, config: Config | None = None) -> None:
    """The solve is OPTIMAL, and neither the pipeline nor a fresh check finds a violation."""
    assert result.status == Status.OPTIMAL, result.summary()
    assert result.plan is not None
    assert result.violations == ()
    if config is not None:
        assert check_plan(result.plan, catalog, config) == []


def solve_ok(catalog: Catalog, **sections: Any) -> SolveResult:
    config = make_config(**sections)
    result = plan_week(catalog, config)
    assert_valid(result, catalog, config)
    return result


def assert_infeasible(catalog: Catalog, *, names: str | None = None, **sections: Any) -> None:
    """No plan exists; when `names` is given (a rule name or a config key), the minimal
    conflict the planner reports contains that rule."""
    result = solve_cfg(catalog, **sections)
    assert result.status == Status.INFEASIBLE, result.summary()
    assert result.plan is None
    import os

    if os.environ.get("SHOW_CONFLICTS"):
        import sys

        print(
            "CONFLICT",
            os.environ.get("PYTEST_CURRENT_TEST"),
            [c.rule for c in result.conflicts],
            file=sys.stderr,
        )
    if names is not None:
        found = {c.rule for c in result.conflicts} | {c.name for c in result.conflicts}
        assert names in found, f"{names} not in the conflict {sorted(found)}"


@pytest.fixture
def config_file(tmp_path: Path) -> Callable[..., Path]:
    """Write TOML text to tmp_path/<name> and return the path."""

    def write(text: str, name: str = "config.toml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


class SolvesInThisProcess:
    """A batch Runner that solves the athletes one after another in the calling process."""

    processes = 1

    def run(self, jobs: Sequence[Job], done: Callable[[Job, Outcome], None]) -> None:
        for job in jobs:
            done(job, solve_job(job))


@contextmanager
def batches_solving_in_this_process() -> Iterator[None]:
    """Batches started meanwhile solve in the test's process, not in spawned solver processes.

    A batch starts a fork server that imports the planner and OR-Tools anew, about 1 s a
    batch run and most of a small batch's time. What a batch writes, keeps and marks does
    not depend on where it solved; the tests about processes (jobs 1 and 2, a crash, a hang,
    Dask, signals) do not use this and keep real ones.
    """

    def runner(scheduler: str | None, jobs: int | None) -> SolvesInThisProcess:
        assert scheduler is None, "a batch on a Dask scheduler cannot solve in this process"
        return SolvesInThisProcess()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("planner.batch.run._runner", runner)
        yield


@pytest.fixture
def solves_in_this_process() -> Iterator[None]:
    """Batch runs in this test solve in its process (see batches_solving_in_this_process)."""
    with batches_solving_in_this_process():
        yield

"""planner batch: a roster of athletes solved independently, isolated, resumable, repeatable."""

from __future__ import annotations

import importlib.util
import json
import logging
from pathlib import Path

import pytest
from batch_fixtures import (
    BASE_TOML,
    EXAMPLES,
    RosterWriter,
    batch_args,
    plan_files,
    run_cli,
    summary_rows,
    team,
)
from conftest import batches_solving_in_this_process

from planner.batch import AthleteStatus, read_roster, run_batch
from planner.batch.columns import OVERRIDE_KEYS, cell_value
from planner.batch.jobs import FAULT_ENV
from planner.batch.roster import safe_stem
from planner.catalog.catalog import bundled_catalog_path

__all__ = ["team"]  # a fixture, used by name

# The "done means" roster: two good rows, a broken value, an infeasible weekly load
# cap, and a misspelled override column that one athlete fills in and one leaves empty.
# Di's row writes 2-3 lower-body exercises a session (a goal's own minimums are only
# targets), which need a weekly load of 10: her cap of 9 conflicts with what she wrote.
# Di writes 2-3 lower-body exercises a session: 4 in the week need a load of 8 (the default
# core minimums are targets, so core work no longer adds to the least load).
DONE_MEANS = """\
athlete,name,week.sessions,load.max_week,session.lower,Equipment
ok-1,Ann,,,,
ok-2,Bo,3,,,
broken,Cy,three,,,
tight,Di,,7,2;3,
typo,Ed,,,,dumbell
plain,Flo,,,,
"""

# --- the roster -----------------------------------------------------------------------------


def test_override_keys_come_from_the_config_model() -> None:
    assert {"week.sessions", "week.available_days", "athlete.level", "load.max_week"} <= set(
        OVERRIDE_KEYS
    )
    assert "balance.core_min.anti_rotation" in OVERRIDE_KEYS
    assert "week" not in OVERRIDE_KEYS and "balance.core_min" not in OVERRIDE_KEYS
    assert OVERRIDE_KEYS["week.available_days"].shape == "list"
    assert OVERRIDE_KEYS["session.lower"].shape == "pair"
    assert OVERRIDE_KEYS["load.max_week"].nullable


def test_cells_become_toml_values() -> None:
    cell = cell_value
    assert cell("week.available_days", "mon; wed ;fri") == ["mon", "wed", "fri"]
    assert cell("session.lower", "2;3") == [2, 3]  # typed as the field is: configs are strict
    assert cell("balance.soleus_to_gastrocnemius", "1;2.5") == [1.0, 2.5]
    assert cell("load.max_week", "none") is None
    assert cell("exclude.tags", "none") == []
    assert cell("week.sessions", "3") == 3
    assert cell("week.sessions", "three") == "three"  # left for pydantic to reject
    assert cell("week.sessions", "1_0") == "1_0"  # ASCII digits only


@pytest.mark.usefixtures("solves_in_this_process")
def test_pins_and_goal_settings_are_roster_columns(team: RosterWriter, tmp_path: Path) -> None:
    # split_squat pinned for one athlete; nordic_curl is advanced, so an intermediate cannot
    # hold the pin (a bad input, known before any solve); a goal dose of 2 loaded lower-body
    # lifts with 2-3 lower slots holds (3 would not: each is a heavy lift of 3 sets, RPE 7-8
    # read at its top, and 2 sessions of 3 are 18 heavy sets, above an intermediate's 12).
    roster = team(
        "athlete,include.exercises,goal.dose\n"
        "pin,split_squat;dead_bug,\n"
        "too-hard,nordic_curl,\n"
        "dose,,2\n"
    )
    out = tmp_path / "plans"
    result = run_cli(*batch_args(roster, out, "--format", "json"))
    assert result.exit_code == 6, result.output
    rows = summary_rows(out)
    assert {a: r["status"] for a, r in rows.items()} == {
        "pin": "OPTIMAL", "too-hard": "BAD_INPUT", "dose": "OPTIMAL",
    }  # fmt: skip
    assert "roster.csv:3: include.exercises: includes nordic_curl" in rows["too-hard"]["error"]
    assert "it is rated advanced and athlete.level is intermediate" in rows["too-hard"]["error"]
    pinned = json.loads((out / "pin.plan.json").read_text(encoding="utf-8"))
    used = {e["id"] for day in pinned["days"] for e in day["exercises"]}
    assert {"split_squat", "dead_bug"} <= used
    dosed = json.loads((out / "dose.plan.json").read_text(encoding="utf-8"))
    assert dosed["config"]["goal"]["dose"] == 2
    for day in dosed["days"]:
        loaded = [e for e in day["exercises"] if e["category"] == "lower" and e["loaded"]]
        assert len(loaded) >= 2, day["day"]


def test_file_names_are_safe_and_ascii() -> None:
    assert safe_stem("tomás 20") == "tomas_20"
    assert safe_stem("../etc/passwd") == "etc_passwd"
    assert safe_stem("???").startswith("athlete-")
    assert safe_stem("иван") != safe_stem("олег")  # any script: distinct names (issue 9)
    assert safe_stem("con") == "_con"


def test_example_roster_is_valid_and_varied() -> None:
    roster = read_roster(EXAMPLES / "roster.csv")
    assert len(roster.rows) >= 20
    assert all(row.problem is None for row in roster.rows)
    assert {row.cells.get("config") for row in roster.rows} >= {
        "roster/base.toml",
        "roster/trail.toml",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, "roster file not found"),
        (
            "athlete,name\na,Ann\nb,Bo\na,Al\n",
            "roster.csv:4: athlete: athlete id 'a' is also on line 2",
        ),
        ("athelete,name\na,Ann\n", "no 'athlete' column; rename 'athelete' to 'athlete'"),
        ("athlete,name\nA b,Ann\na_b,Bo\n", "give the same file name"),
        ("", "is empty"),
        ("athlete,name\n", "has a header but no athletes"),
    ],
)
def test_roster_level_problems_exit_3(
    team: RosterWriter, tmp_path: Path, text: str | None, expected: str
) -> None:
    roster = team(text) if text is not None else tmp_path / "missing.csv"
    result = run_cli(roster, "--out", tmp_path / "out")
    assert result.exit_code == 3, result.output
    assert expected in result.output
    assert not (tmp_path / "out").exists()


def test_a_latin1_roster_is_read_and_says_so(team: RosterWriter, tmp_path: Path) -> None:
    roster = team("")
    roster.write_bytes("athlete,name\nzoë,Zoë\n".encode("latin-1"))
    table = read_roster(roster)
    assert table.rows[0].athlete == "zoë" and table.rows[0].cells["name"] == "Zoë"
    assert table.sheet.described == "Windows-1252 text, comma-separated"


def test_a_header_that_looks_like_a_key_stops_the_run_before_solving(
    team: RosterWriter, tmp_path: Path
) -> None:
    roster, out = team("athlete,week.sesions\na,3\nb,\n"), tmp_path / "out"
    result = run_cli(*batch_args(roster, out))
    assert result.exit_code == 3, result.output
    assert "roster.csv:1: week.sesions: looks like a config key but is none" in result.output
    assert "(did you mean 'week.sessions'?)" in result.output
    assert not out.exists()


# --- the "done means" ---------------------------------------------------------------


@pytest.mark.usefixtures("solves_in_this_process")
def test_done_means_plans_for_everyone_else_then_resume(team: RosterWriter, tmp_path: Path) -> None:
    roster, out = team(DONE_MEANS), tmp_path / "plans"
    result = run_cli(*batch_args(roster, out, "--format", "json,markdown"))
    assert result.exit_code == 6, result.output
    assert "did you mean 'dumbbell'?" in result.output

    rows = summary_rows(out)
    status = {athlete: row["status"] for athlete, row in rows.items()}
    assert status == {"ok-1": "OPTIMAL", "ok-2": "OPTIMAL", "broken": "BAD_INPUT",
                      "tight": "INFEASIBLE", "typo": "BAD_INPUT", "plain": "OPTIMAL"}  # fmt: skip
    assert (
        "roster.csv:4: week.sessions: expected a whole number, got 'three'"
        in rows["broken"]["error"]
    )
    assert (
        "roster.csv:6: Equipment: unknown equipment 'dumbell' (did you mean 'dumbbell'?)"
        in rows["typo"]["error"]
    )
    assert rows["tight"]["error"] == (
        "no plan; smallest change: type 8 in column load.max_week (roster.csv line 5); "
        "see tight.conflicts.txt"
    )
    assert "load.max_week" in rows["tight"]["conflicts"]
    assert rows["plain"]["error"] == ""  # an empty cell is no override
    assert sorted(plan_files(out)) == [
        f"{a}.plan.{ext}" for a in ("ok-1", "ok-2", "plain") for ext in ("json", "md")
    ]
    plan = json.loads((out / "ok-2.plan.json").read_text(encoding="utf-8"))
    assert plan["config"]["week"]["sessions"] == 3 and plan["config"]["solver"]["workers"] == 1
    overview = (out / "overview.md").read_text(encoding="utf-8")
    assert "| INFEASIBLE | 1 |" in overview and "| `load.max_week` | 1 | `tight` |" in overview

    # Nothing changed: nothing is solved (the infeasible athlete is proven so already).
    before = plan_files(out)
    again = run_cli(*batch_args(roster, out, "--format", "json,markdown", "--resume"))
    assert again.exit_code == 6
    assert "none solved" in again.output
    assert plan_files(out) == before
    assert {a for a, row in summary_rows(out).items() if row["resumed"] == "yes"} == {
        "ok-1", "ok-2", "tight", "plain"
    }  # fmt: skip

    # One row edited: exactly that athlete is solved again.
    team(DONE_MEANS.replace("ok-2,Bo,3,,,", "ok-2,Bo,2,,,"))
    summary = run_batch(
        roster, out, config=roster.parent / "base.toml", formats=["json", "markdown"], resume=True
    )
    assert summary.solved == 1
    assert [r.athlete for r in summary.results if not r.resumed and r.status.has_plan] == ["ok-2"]
    assert json.loads((out / "ok-2.plan.json").read_text())["config"]["week"]["sessions"] == 2


@pytest.mark.usefixtures("solves_in_this_process")
def test_resume_re_solves_when_a_plan_file_was_edited_or_formats_change(
    team: RosterWriter, tmp_path: Path
) -> None:
    roster, out = team("athlete,name\na,Ann\n"), tmp_path / "plans"
    base = roster.parent / "base.toml"
    assert run_batch(roster, out, config=base, formats=["csv"]).solved == 1
    assert run_batch(roster, out, config=base, formats=["csv"], resume=True).solved == 0
    (out / "a.plan.csv").write_text("edited by hand\n", encoding="utf-8")
    assert run_batch(roster, out, config=base, formats=["csv"], resume=True).solved == 1
    assert (out / "edited" / "a.plan.csv").read_text(encoding="utf-8") == "edited by hand\n"
    summary = run_batch(roster, out, config=base, formats=["markdown"], resume=True)
    assert summary.solved == 1
    # The csv of the old format is gone; the JSON stays, as always (the team files need it).
    assert sorted(plan_files(out)) == ["a.plan.json", "a.plan.md"]


@pytest.mark.usefixtures("solves_in_this_process")
def test_rows_may_name_their_own_config_and_errors_name_their_line(
    team: RosterWriter, tmp_path: Path
) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "home.toml").write_text(
        BASE_TOML.replace('["dumbbell", "band", "bench"]', '["band"]'), encoding="utf-8"
    )
    roster = team(
        "athlete,config,week.available_days,equipment.available\n"
        "home,sub/home.toml,,\n"
        "lost,sub/nowhere.toml,,\n"
        "fry,,mon;fry,\n"
        "typo-kit,,,dumbell\n"
    )
    summary = run_batch(roster, tmp_path / "plans", config=tmp_path / "base.toml", jobs=1)
    by_id = {r.athlete: r for r in summary.results}
    assert by_id["home"].status is AthleteStatus.OPTIMAL
    plan = json.loads((tmp_path / "plans" / "home.plan.json").read_text())
    assert plan["config"]["equipment"]["available"] == ["band"]
    assert "roster.csv:3: config: 'sub/nowhere.toml' is not a file" in by_id["lost"].error
    assert "roster.csv:4: week.available_days: 'fry' is not allowed (did you mean 'fri'?)" in (
        by_id["fry"].error
    )
    assert (
        "roster.csv:5: equipment.available: unknown equipment 'dumbell'" in by_id["typo-kit"].error
    )


def test_a_slip_in_the_catalog_is_named_once_for_the_whole_team(
    team: RosterWriter, tmp_path: Path
) -> None:
    # 'dumbell' on one row of the batch's catalog puts it out of reach of every dumbbell
    # owner: the run says so once (stderr and overview.md), not once an athlete.
    lines = bundled_catalog_path().read_text("utf-8").splitlines(keepends=True)
    row = next(i for i, line in enumerate(lines) if ",dumbbell," in line)
    lines[row] = lines[row].replace(",dumbbell,", ",dumbell,")
    catalog = tmp_path / "catalog.csv"
    catalog.write_text("".join(lines), encoding="utf-8")
    roster = team("athlete\nann\nbo\n")
    out = tmp_path / "plans"
    with batches_solving_in_this_process():
        result = run_cli(*batch_args(roster, out, "--catalog", str(catalog)))
    assert result.exit_code == 0, result.output
    warned = [w for w in result.stderr.splitlines() if "looks like a typo of 'dumbbell'" in w]
    assert len(warned) == 1 and f"catalog.csv:{row + 1}" in warned[0], result.stderr
    overview = (out / "overview.md").read_text("utf-8")
    assert overview.count("looks like a typo of 'dumbbell'") == 1
    assert "- catalog: " in overview


# --- isolation and determinism --------------------------------------------------------------


def test_jobs_1_and_jobs_2_write_identical_plans(team: RosterWriter, tmp_path: Path) -> None:
    roster = team(
        "athlete,name,week.sessions,athlete.goal,week.available_days\n"
        "a,Ann,,,\nb,Bo,3,strength,\nc,Cy,1,power,tue;sat\nd,Di,,flexibility,\n"
    )
    formats = "json,markdown,csv,table,html"
    for jobs in ("1", "2"):
        result = run_cli(*batch_args(roster, tmp_path / jobs, "--jobs", jobs, "--format", formats))
        assert result.exit_code == 0, result.output
    one, two = plan_files(tmp_path / "1"), plan_files(tmp_path / "2")
    assert len(one) == 20
    assert one == two


@pytest.mark.parametrize("spawned", [False, True], ids=["fork server", "spawned"])
def test_a_crashed_solver_process_costs_only_its_athlete(
    team: RosterWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spawned: bool
) -> None:
    # Spawned is how the workers start where the fork server cannot watch the batch (no
    # pidfd: not Linux, or a kernel before 5.3); the crash is set after any fork server
    # started, so it also shows the workers read the batch's environment of now.
    from planner.batch import processes

    if spawned:
        monkeypatch.setattr(processes, "_pidfd_works", lambda: False)
        assert processes._start_method().get_start_method() == "spawn"
    monkeypatch.setenv(FAULT_ENV, "b:crash")
    roster = team("athlete,name\na,Ann\nb,Bo\nc,Cy\nd,Di\n")
    result = run_cli(*batch_args(roster, tmp_path / "plans", "--jobs", "2"))
    assert result.exit_code == 6, result.output
    status = {a: row["status"] for a, row in summary_rows(tmp_path / "plans").items()}
    assert status == {"a": "OPTIMAL", "b": "CRASHED", "c": "OPTIMAL", "d": "OPTIMAL"}
    assert "b: CRASHED: the solver process crashed" in result.output


def test_a_hung_solver_process_is_killed(
    team: RosterWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(FAULT_ENV, "b:hang")
    # The deadline is per athlete: twice its time limit plus the grace, counted from its
    # lane's start (the process's start-up included). Bo's roster row gives him 0.5 s, so he
    # is killed after 3 s (he hangs whatever his start-up took); Ann keeps the base config's
    # 20 s (a deadline of 42 s), ample for her 1 s solve on a busy machine.
    monkeypatch.setattr("planner.batch.processes.HANG_GRACE_S", 2.0)
    roster = team("athlete,name,solver.time_limit\na,Ann,\nb,Bo,0.5\n")
    summary = run_batch(roster, tmp_path / "plans", config=tmp_path / "base.toml", jobs=2)
    status = {r.athlete: r.status for r in summary.results}
    assert status == {"a": AthleteStatus.OPTIMAL, "b": AthleteStatus.CRASHED}
    assert "the solver process hung (no answer after 3 s)" in summary.results[1].error


# --- beyond one machine ---------------------------------------------------------------------


@pytest.mark.skipif(
    importlib.util.find_spec("distributed") is None, reason="dask[distributed] not installed"
)
def test_dask_cluster_gives_the_same_plans_and_isolation(
    team: RosterWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dask
    from distributed import LocalCluster

    monkeypatch.setenv(FAULT_ENV, "b:crash")  # inherited by the cluster's worker processes
    roster = team("athlete,name,week.sessions\na,Ann,\nb,Bo,\nc,Cy,3\n")
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",  # loopback, any free port
            silence_logs=logging.CRITICAL,
        ) as cluster,
    ):
        result = run_cli(
            *batch_args(roster, tmp_path / "dask", "--scheduler", cluster.scheduler_address)
        )
    assert result.exit_code == 6, result.output
    status = {a: row["status"] for a, row in summary_rows(tmp_path / "dask").items()}
    assert status == {"a": "OPTIMAL", "b": "CRASHED", "c": "OPTIMAL"}

    monkeypatch.delenv(FAULT_ENV)
    # Here, in this process: the solve is the workers' own (test_jobs_1_and_jobs_2 compares
    # local processes), without starting one more OR-Tools process per run.
    with batches_solving_in_this_process():
        local = run_batch(roster, tmp_path / "local", config=tmp_path / "base.toml")
        assert local.ok
        dask_plans = plan_files(tmp_path / "dask")
        assert dask_plans and all(
            dask_plans[name] == (tmp_path / "local" / name).read_bytes() for name in dask_plans
        )
        # The Dask run's manifest serves a local --resume: only the crashed athlete is re-solved.
        resumed = run_batch(roster, tmp_path / "dask", config=tmp_path / "base.toml", resume=True)
        assert resumed.solved == 1 and resumed.ok


def test_an_unreachable_scheduler_is_an_input_error(
    team: RosterWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("distributed")
    from planner.batch.cluster import CONNECT_TIMEOUT_ENV

    monkeypatch.setenv(CONNECT_TIMEOUT_ENV, "1")
    roster = team("athlete\na\n")
    result = run_cli(*batch_args(roster, tmp_path / "out", "--scheduler", "tcp://127.0.0.1:9"))
    assert result.exit_code == 3, result.output
    assert "cannot reach the Dask scheduler" in result.output


@pytest.mark.parametrize("value", ["soon", "0", "-5", "nan", "7200"])
def test_a_scheduler_timeout_that_is_no_number_of_seconds_stops_before_solving(
    team: RosterWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    from planner.batch.cluster import CONNECT_TIMEOUT_ENV

    monkeypatch.setenv(CONNECT_TIMEOUT_ENV, value)
    roster = team("athlete\na\n")
    result = run_cli(*batch_args(roster, tmp_path / "out", "--scheduler", "tcp://127.0.0.1:9"))
    assert result.exit_code == 3, result.output
    assert (
        f"PLANNER_SCHEDULER_TIMEOUT: '{value}' is not a number of seconds; allowed: more than 0, "
        "at most 3600"
    ) in result.output
    assert not (tmp_path / "out").exists()


def test_the_scheduler_has_10_s_to_answer_unless_told_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from planner.batch.cluster import CONNECT_TIMEOUT_ENV, connect_timeout

    monkeypatch.delenv(CONNECT_TIMEOUT_ENV, raising=False)
    assert connect_timeout() == 10
    monkeypatch.setenv(CONNECT_TIMEOUT_ENV, " 2.5 ")
    assert connect_timeout() == 2.5

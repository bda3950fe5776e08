"""Issue 9, hostile input: every row of the issue's table that is about what we read.

Each case runs the CLI in-process and takes well under a second; none can hang (a named pipe
is released by a watchdog if planner ever opened it) or grow without bound.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import os
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.batch import MANIFEST_NAME, read_roster
from planner.catalog.catalog import bundled_catalog_path
from planner.cli.main import main
from planner.config.config import parse_config
from planner.plan.week import Conflict
from planner.report.explain import conflict_lines

CATALOG_TEXT = bundled_catalog_path().read_text(encoding="utf-8")
HEADER, *ROWS = CATALOG_TEXT.splitlines()
COLUMNS = HEADER.split(",")
SMALL = '[week]\navailable_days = ["mon", "thu"]\n'
posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")


def run(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def catalog_with(edit: Callable[[list[str]], list[str]], rows: int = 40) -> str:
    """The bundled catalog's first rows, each edited as a list of cells."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in csv.reader(ROWS[:rows]):
        writer.writerow(edit(row))
    return out.getvalue()


def set_cell(column: str, value: str) -> Callable[[list[str]], list[str]]:
    def edit(row: list[str]) -> list[str]:
        row[COLUMNS.index(column)] = value
        return row

    return edit


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.toml"
    path.write_text(SMALL, encoding="utf-8")
    return path


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    with released_fifo(tmp_path / "f.csv") as path:
        yield path


@contextlib.contextmanager
def released_fifo(path: Path) -> Iterator[Path]:
    """A named pipe; if planner ever blocks opening it, a watchdog opens the other end after
    5 s so the test fails instead of hanging."""
    os.mkfifo(path)
    stop = threading.Event()

    def release() -> None:
        while not stop.wait(5.0):
            with contextlib.suppress(OSError):  # nobody is reading: fine
                os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))

    watchdog = threading.Thread(target=release, daemon=True)
    watchdog.start()
    yield path
    stop.set()
    watchdog.join()


# --- row 1: a FIFO anywhere a file is read ----------------------------------------------------

FIFO_CASES = {
    "config": ["check", "{fifo}"],
    "--catalog": ["check", "{small}", "--catalog", "{fifo}"],
    "catalog key": ["check", "{with_catalog}"],
    "roster": ["batch", "{fifo}", "--out", "{tmp}/out"],
    "batch --config": ["batch", "{roster}", "--out", "{tmp}/out", "--config", "{fifo}"],
    "batch --catalog": ["batch", "{roster}", "--out", "{tmp}/out", "--catalog", "{fifo}"],
}


@posix_only
@pytest.mark.parametrize("case", FIFO_CASES)
def test_row01_a_fifo_is_refused_not_read(
    tmp_path: Path, small: Path, fifo: Path, case: str
) -> None:
    with_catalog = tmp_path / "with_catalog.toml"
    with_catalog.write_text(f'catalog = "{fifo.name}"\n' + SMALL, encoding="utf-8")
    roster = tmp_path / "roster.csv"
    roster.write_text("athlete\na\n", encoding="utf-8")
    names = {"fifo": fifo, "small": small, "with_catalog": with_catalog, "roster": roster}
    args = [a.format(tmp=tmp_path, **names) for a in FIFO_CASES[case]]
    code, output = run(*args)
    assert code == 3, output
    assert "is a named pipe (FIFO), not a regular file" in output
    assert not (tmp_path / "out" / "summary.csv").exists()


@posix_only
def test_row01_a_fifo_in_a_roster_cell_costs_only_that_athlete(
    tmp_path: Path, fifo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(f"athlete,catalog,week.sessions\na,{fifo.name},\nb,,x\n", encoding="utf-8")
    code, output = run("batch", roster, "--out", tmp_path / "out")
    assert code == 6, output
    summary = (tmp_path / "out" / "summary.csv").read_text(encoding="utf-8")
    assert "a,,,BAD_INPUT" in summary and "named pipe (FIFO)" in summary


@posix_only
def test_row01_a_fifo_or_device_as_the_batch_manifest_is_refused(
    tmp_path: Path, small: Path
) -> None:
    # The manifest in --out was read without a check: a named pipe there hung the batch,
    # a link to /dev/zero would have read without end.
    out, roster = tmp_path / "out", tmp_path / "roster.csv"
    out.mkdir()
    roster.write_text("athlete\na\n", encoding="utf-8")
    manifest = out / MANIFEST_NAME
    with released_fifo(manifest):
        for resume in ([], ["--resume"]):
            code, output = run("batch", roster, "--out", out, "--config", small, *resume)
            assert code == 3, output
            assert f"{manifest}: is a named pipe (FIFO); planner will not replace it" in output
        assert manifest.is_fifo() and not (out / "a.plan.json").exists()
    manifest.unlink()
    if Path("/dev/zero").exists():
        manifest.symlink_to("/dev/zero")
        code, output = run("batch", roster, "--out", out, "--config", small)
        assert code == 3 and "is a character device; planner will not replace it" in output


# --- row 2: endless and huge files ------------------------------------------------------------


def test_row02_a_device_is_refused(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    config = tmp_path / "athlete.toml"
    config.write_text('catalog = "/dev/zero"\n' + SMALL, encoding="utf-8")
    code, output = run("check", config)
    assert code == 3, output
    assert "/dev/zero: is a character device, not a regular file" in output


@pytest.mark.parametrize(
    ("kind", "size", "args"),
    [
        ("config", "1 MiB", ["check", "{big}"]),
        ("catalog", "16 MiB", ["check", "{small}", "--catalog", "{big}"]),
        ("roster", "16 MiB", ["batch", "{big}", "--out", "{tmp}/out"]),
    ],
)
def test_row02_every_input_has_a_size_limit(
    tmp_path: Path, small: Path, kind: str, size: str, args: list[str]
) -> None:
    big = tmp_path / "big"
    with big.open("wb") as handle:  # sparse: no disk is used
        handle.truncate((1 << 20) * int(size.split()[0]) + 1)
    code, output = run(*[a.format(big=big, small=small, tmp=tmp_path) for a in args])
    assert code == 3, output
    assert f"{big}: is larger than {size}, the limit for a {kind} file" in output


# --- row 3: a CSV cell over the csv module's limit --------------------------------------------


def test_row03_a_huge_catalog_cell_names_file_and_line(tmp_path: Path, small: Path) -> None:
    catalog = tmp_path / "catalog.csv"
    text = catalog_with(lambda r: r, rows=5) + '"' + "x" * 140_000 + '"\n'
    catalog.write_text(text, encoding="utf-8")
    code, output = run("check", small, "--catalog", catalog)
    assert code == 3, output
    assert f"{catalog}:7: cannot be read as CSV: a cell is longer than" in output


def test_row03_a_huge_roster_cell_names_file_and_line(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("athlete,name\na,Ann\nb," + "x" * 140_000 + "\n", encoding="utf-8")
    code, output = run("batch", roster, "--out", tmp_path / "out")
    assert code == 3, output
    assert f"{roster}:3: cannot be read as CSV" in output


# --- row 4: TOML nested deeply ----------------------------------------------------------------


@pytest.mark.parametrize("depth", [5_000, 100_000])
def test_row04_deeply_nested_toml_exits_3(tmp_path: Path, depth: int) -> None:
    config = tmp_path / "deep.toml"
    config.write_text("a = " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    code, output = run("check", config)
    assert code == 3, output
    assert "nested too deeply" in output


# --- row 5: numbers beyond what the solver can hold --------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "rows", "allowed"),
    [
        ("minutes", str(10**30), 1, "1..300"),
        ("load", str(10**30), 1, "0..100"),
        ("load", str(4 * 10**18), 40, "0..100"),
        ("reps", "1000000", 1, "1..1000"),
        ("sets", "99", 1, "1..20"),
    ],
)
@pytest.mark.parametrize("command", ["check", "solve"])
def test_row05_catalog_numbers_have_upper_bounds(
    tmp_path: Path, small: Path, command: str, column: str, value: str, rows: int, allowed: str
) -> None:
    catalog = tmp_path / "catalog.csv"
    lines = catalog_with(lambda r: r).splitlines()
    catalog_rows = catalog_with(set_cell(column, value), rows=rows).splitlines()
    catalog.write_text("\n".join(catalog_rows + lines[rows + 1 :]) + "\n", encoding="utf-8")
    code, output = run(command, small, "--catalog", catalog)
    assert code == 3, output
    assert f"{catalog}:2: {column}: " in output and f"out of range; allowed: {allowed}" in output


@pytest.mark.parametrize("limit", ["nan", "inf", "1e300", "-1"])
@pytest.mark.parametrize("command", ["solve", "explain", "batch"])
def test_row05_a_time_limit_out_of_bounds_is_a_usage_error(
    tmp_path: Path, small: Path, command: str, limit: str
) -> None:
    # A nan --time-limit passed click's range and was blamed on the config file, in batch
    # once per athlete ("small.toml: solver.time_limit: expected a finite number, got nan").
    roster = tmp_path / "roster.csv"
    roster.write_text("athlete\na\n", encoding="utf-8")
    target = (
        [roster, "--out", tmp_path / "out", "--config", small] if command == "batch" else [small]
    )
    code, output = run(command, *target, "--time-limit", limit)
    assert code == 2, output
    assert "Invalid value for '--time-limit'" in output and "small.toml" not in output
    assert not (tmp_path / "out").exists()


# --- row 7: strict types ----------------------------------------------------------------------

STRICT_CASES = {
    "bool as a count": ("[week]\nsessions = true\n", 2,
                        "week.sessions: expected a whole number, got true"),
    "bool in a ratio band": ("[balance]\nsoleus_to_gastrocnemius = [true, 3.0]\n", 2,
                             "balance.soleus_to_gastrocnemius: expected a number, got true"),
    "quoted number": ('[week]\nsessions = "3"\n', 2,
                      "week.sessions: expected a whole number, got '3'"),
    "quoted pair": ('[session]\nlower = ["2", "3"]\n', 2,
                    "session.lower: expected a whole number, got '2'"),
    "float as a count": ("[variety]\nmax_per_week = 2.0\n", 2,
                         "variety.max_per_week: expected a whole number, got 2.0"),
    "nan time limit": ("[solver]\ntime_limit = nan\n", 2,
                       "solver.time_limit: expected a finite number, got nan"),
}  # fmt: skip


@pytest.mark.parametrize("case", STRICT_CASES)
def test_row07_config_types_are_strict(tmp_path: Path, case: str) -> None:
    text, line, message = STRICT_CASES[case]
    config = tmp_path / "athlete.toml"
    config.write_text(text, encoding="utf-8")
    code, output = run("check", config)
    assert code == 3, output
    assert f"{config}:{line}: {message}" in output


# --- row 8: messages that name the real key, line and cause ------------------------------------

MESSAGE_CASES = {
    "empty day list": ("[week]\navailable_days = []\n", 2,
                       "week.available_days: is empty; it needs at least 1 item"),
    "array of tables": ("[[week]]\nsessions = 2\n", 1,
                        "week: is an array of tables ([[week]]); write [week]"),
}  # fmt: skip


@pytest.mark.parametrize("case", MESSAGE_CASES)
def test_row08_messages_name_key_line_and_cause(tmp_path: Path, case: str) -> None:
    text, line, message = MESSAGE_CASES[case]
    config = tmp_path / "athlete.toml"
    config.write_text(text, encoding="utf-8")
    code, output = run("check", config)
    assert code == 3, output
    assert f"{config}:{line}: {message}" in output
    assert "[min, max]" not in output


def test_row08_a_symlink_loop_is_called_one(tmp_path: Path) -> None:
    (tmp_path / "a.toml").symlink_to(tmp_path / "b.toml")
    (tmp_path / "b.toml").symlink_to(tmp_path / "a.toml")
    code, output = run("check", tmp_path / "a.toml")
    assert code == 3, output
    assert "symbolic link loop" in output and "not found" not in output
    (tmp_path / "dangling.toml").symlink_to(tmp_path / "nowhere.toml")
    code, output = run("check", tmp_path / "dangling.toml")
    assert code == 3 and "is a symbolic link to" in output and "does not exist" in output


def test_row08_a_fixed_rule_in_a_conflict_is_no_config_key() -> None:
    # What an empty config's conflict (7 sessions on 7 days) printed as
    # `family.consecutive_days = null`, a key no config can have.
    config = parse_config({})
    conflicts = [
        Conflict("week.sessions", "m", 7, 6, "they allow at most 6 session(s) a week"),
        Conflict("family.consecutive_days", "m", None, None, "part of the conflict"),
    ]
    text = "\n".join(conflict_lines(conflicts, config))
    assert "  - week.sessions = 7: they allow" in text
    assert "no movement family on two days in a row (a fixed rule, not a config key)" in text
    assert "null" not in text


def test_row08_ids_in_any_script_get_distinct_safe_file_names(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    ivan, oleg = "\u0438\u0432\u0430\u043d", "\u043e\u043b\u0435\u0433"  # Cyrillic
    roster.write_text(f"athlete\n{ivan}\n{oleg}\n\u674e\u5a1c\ntom\u00e1s\n", encoding="utf-8")
    stems = [row.stem for row in read_roster(roster).rows]
    assert len(set(stems)) == 4 and stems[3] == "tomas"
    assert all(stem.isascii() and "/" not in stem for stem in stems)


# --- row 9 and 10: what we write is safe in a spreadsheet and in Markdown ------------------------

FORMULAS = ['=HYPERLINK("http://x")', "+cmd", "-2+3", "@SUM(1)"]


def test_row09_no_formula_reaches_summary_csv(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    lines = ["athlete,name,week.sessions"]
    lines += [f'"{f.replace(chr(34), 2 * chr(34))}",{f[:2]}x,bad' for f in FORMULAS]
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, output = run("batch", roster, "--out", tmp_path / "out")
    assert code == 6, output
    with (tmp_path / "out" / "summary.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["athlete"] for r in rows] == ["'" + f for f in FORMULAS]
    assert all(r["name"].startswith("'") for r in rows)


def test_row09_no_formula_reaches_a_plan_csv(tmp_path: Path, small: Path) -> None:
    catalog = tmp_path / "catalog.csv"
    catalog.write_text(
        catalog_with(lambda r: [*r[:1], "=HYPERLINK(1)", r[2], "@" + r[3], *r[4:]], rows=158),
        encoding="utf-8",
    )
    code, output = run("solve", small, "--catalog", catalog, "--format", "csv")
    assert code == 0, output
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("athlete,day,id,name,"))
    plan = list(csv.DictReader(io.StringIO("\n".join(lines[start:]))))
    # stderr's lines ("OPTIMAL, ...") may follow: only rows with exactly the header's cells
    plan = [r for r in plan if None not in r and None not in r.values()]
    assert plan and all(
        r["name"] == "'=HYPERLINK(1)" and r["family"].startswith("'@") for r in plan
    )


def test_row10_pipes_and_line_breaks_do_not_break_markdown(tmp_path: Path, small: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text('athlete,name,week.sessions\n"a|b\nc","N|x\ny",bad\n', encoding="utf-8")
    code, _ = run("batch", roster, "--out", tmp_path / "out")
    assert code == 6
    overview = (tmp_path / "out" / "overview.md").read_text(encoding="utf-8")
    table = overview.split("## Athletes")[1].strip().splitlines()
    assert len(table) == 3 and all(_cells(line) == 8 for line in table)
    # issue 18: a line break in an id or a name is refused, and shown as an escape
    assert "`a\\|b\\nc`" in overview and "N\\|x\\\\ny" in overview

    catalog = tmp_path / "catalog.csv"
    catalog.write_text(
        catalog_with(lambda r: [r[0], "Split|\nname", *r[2:]], rows=158), encoding="utf-8"
    )
    code, output = run("solve", small, "--catalog", catalog, "--format", "markdown")
    assert code == 0, output
    lines = output.splitlines()
    header = next(line for line in lines if line.startswith("| exercise |"))
    rows = [line for line in lines if line.startswith("| Split")]
    assert rows and all(_cells(line) == _cells(header) for line in rows)
    assert _cells(header) == 6  # exercise, sets x reps, intensity, rest, min, cue
    # Escaped once: a reader sees "Split| name", not "Split\\| name" (escaped twice).
    assert all(line.startswith("| Split\\| name |") for line in rows), rows[0]
    code, output = run("solve", small, "--catalog", catalog)
    assert code == 0 and "Split| name" in output and "\nname" not in output


def _cells(line: str) -> int:
    """The cells of a Markdown table row: '|' not escaped by a backslash separates them."""
    return line.replace("\\|", "").count("|") - 1


# --- row 17: unreadable files -----------------------------------------------------------------


@pytest.mark.parametrize("which", ["config", "catalog"])
def test_row17_an_unreadable_file_is_an_input_error(
    tmp_path: Path, small: Path, monkeypatch: pytest.MonkeyPatch, which: str
) -> None:
    catalog = tmp_path / "catalog.csv"
    catalog.write_text(CATALOG_TEXT, encoding="utf-8")
    locked = small if which == "config" else catalog
    real_open = os.open

    def deny(path: object, *args: int, **kwargs: object) -> int:
        if Path(str(path)) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("planner.files.os.open", deny)
    code, output = run("check", small, "--catalog", catalog)
    assert code == 3, output
    assert f"error: {locked}: cannot read: permission denied" in output


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root reads a chmod 000 file anyway"
)
def test_row17_chmod_000_is_an_input_error_not_a_usage_error(tmp_path: Path, small: Path) -> None:
    small.chmod(0)
    code, output = run("check", small)
    assert code == 3, output
    assert f"{small}: cannot read: permission denied" in output


# --- row 20 and what else was seen: where output may not go ------------------------------------


@posix_only
def test_row20_a_fifo_or_device_is_never_replaced(tmp_path: Path, small: Path, fifo: Path) -> None:
    code, output = run("solve", small, "-o", fifo, "--force")
    assert code == 3, output
    assert "is a named pipe (FIFO); planner only replaces regular files" in output
    assert fifo.is_fifo()
    if Path("/dev/null").exists():
        code, output = run("solve", small, "-o", "/dev/null", "--force")
        assert code == 3 and "/dev/null: is a character device" in output


def test_row20_a_symbolic_link_is_written_through_not_replaced(tmp_path: Path, small: Path) -> None:
    # `-o link.md --force` replaced the link itself with a regular file (as root,
    # `-o /dev/stdout` replaced the system's /dev/stdout link); now the file it points at
    # gets the plan, as `>` would, and the link stays.
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "week.md"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    code, output = run("solve", small, "-o", link, "--force", "--format", "markdown")
    assert code == 0, output
    assert link.is_symlink() and link.resolve() == real
    assert real.read_text(encoding="utf-8").startswith("# Strength week")
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(shared / "new.md")
    code, output = run("solve", small, "-o", dangling, "--format", "markdown")
    assert code == 0, output
    assert dangling.is_symlink() and (shared / "new.md").read_text(encoding="utf-8")
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop)
    code, output = run("solve", small, "-o", loop, "--force")
    assert code == 3 and f"{loop}: is a symbolic link loop" in output, output
    assert loop.is_symlink()


def test_seen_a_trailing_slash_names_a_directory(tmp_path: Path, small: Path) -> None:
    code, output = run("solve", small, "-o", f"{tmp_path}/newdir/")
    assert code == 3, output
    assert "ends with '/'" in output
    assert not (tmp_path / "newdir").exists()


def test_seen_an_input_is_never_the_output(tmp_path: Path, small: Path) -> None:
    catalog = tmp_path / "catalog.csv"
    catalog.write_text(CATALOG_TEXT, encoding="utf-8")
    for target in (small, catalog):
        code, output = run("solve", small, "--catalog", catalog, "-o", target, "--force")
        assert code == 3, output
        assert f"{target}: is an input of this run" in output
    assert small.read_text(encoding="utf-8") == SMALL


@pytest.mark.parametrize("number", ["1_0", "\u0663", "\uff13", "4\u0662"])
def test_seen_only_ascii_digits_are_numbers(tmp_path: Path, small: Path, number: str) -> None:
    catalog = tmp_path / "catalog.csv"
    catalog.write_text(catalog_with(set_cell("load", number), rows=5), encoding="utf-8")
    code, output = run("check", small, "--catalog", catalog)
    assert code == 3, output
    assert f"{catalog}:2: load: {number!r} is not a whole number" in output


def test_row06_an_unwritable_output_is_refused_before_solving(
    tmp_path: Path, small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_solve(*args: object, **kwargs: object) -> None:
        raise AssertionError("solved although the plan could not be written")

    monkeypatch.setattr("planner.pipeline.plan_week", no_solve)
    if Path("/proc/self").is_dir():  # not writable even by root
        code, output = run("solve", small, "-o", "/proc/plan.json")
        assert code == 3, output
        assert "/proc/plan.json: cannot write in directory '/proc'" in output
    read_only = tmp_path / "read-only"
    read_only.mkdir()
    real_mkstemp = __import__("tempfile").mkstemp

    def refuse(*args: object, dir: object = None, **kwargs: object) -> object:
        if Path(str(dir)) == read_only:  # as chmod 555 (or chattr +i) would, even for root
            raise PermissionError(errno.EACCES, "Permission denied", str(dir))
        return real_mkstemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr("planner.writes.tempfile.mkstemp", refuse)
    code, output = run("solve", small, "-o", read_only / "plan.json")
    assert code == 3, output
    assert f"{read_only / 'plan.json'}: cannot write in directory" in output
    roster = tmp_path / "roster.csv"
    roster.write_text("athlete\na\n", encoding="utf-8")
    code, output = run("batch", roster, "--out", read_only, "--config", small)
    assert code == 3, output
    assert f"{read_only}: cannot write in directory" in output
    assert list(read_only.iterdir()) == []

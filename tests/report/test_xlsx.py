"""team.xlsx's writer: valid unique sheet names, text never a formula, columns sized to read."""

from __future__ import annotations

import io
from datetime import datetime

import openpyxl
import pandas as pd
import pytest

from planner.report.xlsx import SHEET_NAME_MAX, Sheet, made_by_planner, sheet_names, workbook

CREATED = datetime(2026, 12, 7)


@pytest.mark.parametrize(
    ("wanted", "names"),
    [
        (["ana", "bo"], ["ana", "bo"]),
        (["a/b", "c:d", "e[f]", "g*h?", "i\\j"], ["a_b", "c_d", "e_f_", "g_h_", "i_j"]),
        (["Ana", "ana", "ANA"], ["Ana", "ana-2", "ANA-3"]),  # Excel ignores case
        (["summary"], ["summary-2"]),  # the summary sheet has the name
        (["history", "History"], ["history_", "History_-2"]),  # Excel reserves it
        (["'quoted'", "", "   "], ["quoted", "sheet", "sheet-2"]),
        (["x" * 40, "x" * 35], ["x" * 31, "x" * 29 + "-2"]),  # cut to 31, then told apart
        (["tab\there"], ["tab_here"]),
    ],
)
def test_sheet_names_are_valid_and_unique(wanted: list[str], names: list[str]) -> None:
    assert sheet_names(wanted, taken=["Summary"]) == names


def test_many_sheet_names_stay_unique_and_short() -> None:
    wanted = [f"{'same-prefix-' * 3}{i}" for i in range(150)] + ["Same-Prefix-" * 3] * 20
    names = sheet_names(wanted)
    assert len({n.casefold() for n in names}) == len(wanted)
    assert all(0 < len(n) <= SHEET_NAME_MAX for n in names)


def read(data: bytes) -> dict[str, pd.DataFrame]:
    frames: dict[str, pd.DataFrame] = pd.read_excel(io.BytesIO(data), sheet_name=None)
    return frames


def test_text_that_looks_like_a_formula_stays_text() -> None:
    hostile = ['=HYPERLINK("http://x")', "+SUM(1;2)", "-2+3", "@cmd", " =1+1", "http://x"]
    data = workbook([Sheet("s", ["text", "n"], [[h, i] for i, h in enumerate(hostile)])], CREATED)
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [c for row in book["s"].iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert [c.value for c in book["s"]["A"][1:]] == hostile  # exactly as written, as text
    assert [c.value for c in book["s"]["B"][1:]] == list(range(len(hostile)))  # numbers
    assert read(data)["s"]["text"].tolist() == hostile


def test_columns_are_sized_to_their_content_and_long_text_wraps() -> None:
    cue = "Keep the knee behind the toes and lower slowly " * 3
    data = workbook([Sheet("s", ["id", "cue"], [["squat", cue]])], CREATED)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["s"]
    assert 6 < sheet.column_dimensions["A"].width < 12  # "squat", a little room
    assert sheet.column_dimensions["B"].width == pytest.approx(62, abs=1)  # capped, wraps
    assert sheet["B2"].alignment.wrap_text
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b


def test_a_cell_longer_than_excel_keeps_is_cut_with_an_ellipsis() -> None:
    data = workbook([Sheet("s", ["note"], [["x" * 40_000]])], CREATED)
    value = openpyxl.load_workbook(io.BytesIO(data))["s"]["A2"].value
    assert len(value) == 32_767 and value.endswith("…")


def test_the_same_tables_give_the_same_bytes_and_say_who_made_them(tmp_path) -> None:  # type: ignore[no-untyped-def]
    sheets = [Sheet("Summary", ["athlete"], [["a"]]), Sheet("a", ["day"], [["mon"]])]
    first, second = workbook(sheets, CREATED), workbook(sheets, CREATED)
    assert first == second
    ours, theirs = tmp_path / "ours.xlsx", tmp_path / "theirs.xlsx"
    ours.write_bytes(first)
    openpyxl.Workbook().save(theirs)
    assert made_by_planner(ours) and not made_by_planner(theirs)
    (tmp_path / "junk.xlsx").write_text("not a zip", encoding="utf-8")
    assert not made_by_planner(tmp_path / "junk.xlsx")

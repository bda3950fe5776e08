"""The formats a plan can be written in, declared once for the renderers, the batch's plan
files and the command line (kept free of imports, so `planner --help` stays fast)."""

from __future__ import annotations

# format name -> the extension of a batch's plan file in it
FORMATS: dict[str, str] = {
    "table": "txt", "json": "json", "markdown": "md", "csv": "csv", "html": "html", "ics": "ics",
}  # fmt: skip
# A batch always writes the JSON: the team files (index.html, team.csv, team.xlsx) are read
# from it, for plans solved now, unchanged since the last run or kept from an earlier one.
BATCH_ALWAYS: str = "json"
BATCH_DEFAULT_FORMATS: tuple[str, ...] = ("json", "markdown", "html")


# A spreadsheet runs a cell starting with one of these as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe, which shows
    it as the text it is; numbers and other text are written unchanged. (Here, not in
    report/, so that the importers' catalog CSV uses it too.)"""
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + value
    return value

"""Cells of the tables we write, made safe for where they end up: a spreadsheet (no formula
runs on opening a CSV) or Markdown (a '|' or a line break cannot break a table, and no name
or note becomes HTML or a link)."""

from __future__ import annotations

from planner.formats import csv_cell

__all__ = ["Markup", "csv_cell", "md_cell", "md_code", "one_line"]


def one_line(text: str) -> str:
    """Line breaks (and other control characters) as spaces: one table row stays one line."""
    return "".join(" " if ord(c) < 32 or c in "\x7f\u2028\u2029\x85" else c for c in text)


# Backslash escapes (CommonMark's, for any ASCII punctuation): a '|' cannot end a cell, a
# '<' cannot open an HTML tag (<script>, <img onerror>) or an autolink, a '[' cannot open a
# link ([x](javascript:...)); the raw file still reads as the text it is.
_MD_ESCAPES = str.maketrans({c: "\\" + c for c in "\\|<>[]"})


def md_cell(text: str) -> str:
    """Text for a Markdown table cell or heading: one line, and nothing in it is markup."""
    return one_line(text).translate(_MD_ESCAPES)


class Markup(str):
    """Text already written as Markdown (inline code, say): a table takes it as it is."""


def md_code(text: str) -> Markup:
    """Text as inline code in a Markdown table, whatever backticks or pipes it holds."""
    body = one_line(text).replace("|", "\\|")
    return Markup(f"`{body}`" if "`" not in body else f"`` {body} ``")

"""Formula-safe CSV without Qt: every way a spreadsheet could start a formula is neutralised, nothing else changes."""

from __future__ import annotations

import csv

import pytest

from desktop.csv_export import ENCODING, escape_cell, write_csv

FORMULAS = [
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    '=HYPERLINK("http://x","y")',
    # after leading blanks: spreadsheets skip them before looking for the sign
    " =1+1",
    "   @SUM(A1)",
    "\t=1+1",
    "\r=1",
    "\n=1",
    "\r\n+cmd",
    " \t\n-2+3",
    "\u00a0=1",
    "\u3000=1",
    # full-width signs, which some spreadsheets read as the ASCII ones
    "＝1+1",
    "＋1",
    "－1",
    "＠SUM(A1)",
    "  ＝1",
    "\n＠x",
    # a leading tab or line break alone already hides what follows
    "\tplain",
    "\rplain",
    "\nplain",
]

PLAIN = ["苹果", "apple pie", "a=b", "x+y", "e-mail", "name@example.org", "1-2", " spaced", "中文＝等号", "", "'quoted"]


@pytest.mark.parametrize("text", FORMULAS)
def test_formulas_get_an_apostrophe_and_nothing_else_changes(text: str) -> None:
    assert escape_cell(text) == "'" + text


@pytest.mark.parametrize("text", PLAIN)
def test_plain_text_is_written_as_it_is(text: str) -> None:
    assert escape_cell(text) == text


def test_numbers_and_empty_cells() -> None:
    assert escape_cell(-3) == "-3"
    assert escape_cell(-2.5) == "-2.5"
    assert escape_cell(None) == ""
    assert escape_cell(True) == "True"


def test_written_file_reads_back_escaped(tmp_path) -> None:
    path = tmp_path / "out.csv"
    rows = [[text, index] for index, text in enumerate(FORMULAS + PLAIN)]
    assert write_csv(path, ["text", "n"], rows) == len(rows)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(path, encoding=ENCODING, newline="") as handle:
        back = list(csv.reader(handle))
    assert back[0] == ["text", "n"]
    assert back[1:] == [[escape_cell(text), str(index)] for text, index in rows]
    for (text, _), (cell, _) in zip(rows, back[1:], strict=True):
        assert cell == ("'" + text if text in FORMULAS else text)

"""Damaged spreadsheets: broken UTF-16 and a quote never closed are named plainly, and nothing
of such a file is imported."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from casedesk.persistence.practice import Practice
from casedesk.services.csv_cases import CASE_COLUMNS
from casedesk.services.csv_import import CsvProblems, import_csv
from casedesk.services.csv_sheet import read_sheet


def _count(practice: Practice, table: str) -> int:
    return int(practice.read(lambda s: s.execute(text(f"SELECT count(*) FROM {table}")).scalar()))


def _refused(practice: Practice, kind: str, data: bytes) -> list[str]:
    with pytest.raises(CsvProblems) as caught:
        practice.write(import_csv, data=data, kind=kind)
    return [str(p) for p in caught.value.report.problems]


def test_utf16_cut_short_is_a_problem_not_a_crash(practice: Practice) -> None:
    data = "Name,Email\nJosé Núñez,jose@example.com\n".encode("utf-16") + b"\x00"
    assert data.startswith(b"\xff\xfe") and len(data) % 2 == 1
    problems = _refused(practice, "contacts", data)
    assert len(problems) == 1
    assert problems[0].startswith("the file starts as UTF-16 text but is damaged or cut short")
    assert "CSV UTF-8" in problems[0]
    assert _count(practice, "contacts") == 0
    # A whole UTF-16 file still reads.
    _changes, report = practice.write(import_csv, data=data[:-1], kind="contacts")
    assert report.summary() == "imported contacts: 1 created, 0 updated, 0 skipped"


def test_an_unclosed_quote_is_reported_on_its_row(practice: Practice) -> None:
    body = ("Case number,Title\n"
            "2026-CV-0001,Smith v. Jones\n"
            '2026-CV-0002,"Kang v. Harbor\n'
            "2026-CV-0003,Other matter\n")
    problems = _refused(practice, "cases", body.encode())
    assert problems == ['row 3: a quote (") opens a cell on line 3 of the file and is never '
                        "closed, so everything after it ran into one cell; close the quote or "
                        "remove it"]
    assert _count(practice, "cases") == 0
    # Closed, the same file imports, quoted line breaks and all.
    fixed = body.replace("Harbor\n", 'Harbor\nappeal"\n')
    _changes, report = practice.write(import_csv, data=fixed.encode(), kind="cases")
    assert report.summary().startswith("imported cases: 3 created")


def test_an_unclosed_quote_in_the_header_stops_at_the_header() -> None:
    sheet = read_sheet(b'"Case number,Title\n2026-CV-0001,Smith\n', CASE_COLUMNS)
    assert [str(p) for p in sheet.problems] == [
        'a quote (") opens a cell on line 1 of the file and is never closed, so everything '
        "after it ran into one cell; close the quote or remove it"]
    assert sheet.rows == []


def test_line_numbers_count_multi_line_cells_and_excel_sep_line() -> None:
    data = (b"sep=;\nCase number;Title\n2026-CV-0001;\"two\nlines\"\n"
            b"2026-CV-0002;\"open\n2026-CV-0003;x\n")
    sheet = read_sheet(data, CASE_COLUMNS)
    assert len(sheet.problems) == 1
    assert str(sheet.problems[0]).startswith(
        'row 3: a quote (") opens a cell on line 5 of the file')
    assert sheet.rows == [(2, {"number": "2026-CV-0001", "title": "two\nlines"})]
    # A stray quote inside a cell (not opening it) is just a character, as before.
    sheet = read_sheet(b'Case number,Title\n2026-CV-0001,5" floppy\n', CASE_COLUMNS)
    assert sheet.problems == [] and sheet.rows[0][1]["title"] == '5" floppy'

"""`casedesk report` as a user runs it: a real practice, real files read back with csv,
openpyxl and pypdf, totals exact to the cent; refusals exit 2 and write nothing."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pypdf
import pytest

from casedesk import cli
from casedesk.export.report_build import budget_report, expenses_report
from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from casedesk.services import budgets, cases, expenses, firm, staff, time_entries
from casedesk.services.billing import mark_billed
from casedesk.services.budget_rows import BudgetLineInput, ReportFilters
from tests.e2e.test_cli_interchange import casedesk

REGISTER = ("import sys\nfrom casedesk import cli\n"
            "cli.COMMANDS.setdefault('report', ('casedesk.commands.report', "
            "'write a management report'))")
CASE = "2026-CV-0001"
TITLE = "Smith v. Acme — breach"
Q1 = ("--from", "2026-01-01", "--to", "2026-03-31")


def build_practice(practice: Practice) -> dict[str, uuid.UUID]:
    """Two open cases with budgets, time (one entry not billable, one billed) and expenses;
    the figures below are worked out by hand."""
    ids = {"alice": uuid.uuid4(), "zoe": uuid.uuid4()}
    practice.write(firm.save_firm, name="Hale & Ortiz LLP", currency="USD")
    practice.write(staff.add_staff, name="Alice Attorney", role="attorney",
                   hourly_rate="250.00", staff_id=ids["alice"])
    practice.write(staff.add_staff, name="Zoë Ñúñez", role="paralegal", hourly_rate="95.50",
                   staff_id=ids["zoe"])
    _c, ids["smith"] = practice.write(cases.create_case, number=CASE, title=TITLE,
                                      practice_area="Litigation", status="open",
                                      responsible_staff_id=ids["alice"])
    _c, ids["muller"] = practice.write(cases.create_case, number="2026-FA-0002",
                                       title="In re Müller", practice_area="Family",
                                       status="open")
    practice.write(budgets.set_budget, case_id=ids["smith"], planned_end_on="2026-12-31",
                   lines=[BudgetLineInput("Investigation", "fees", "2000.00"),
                          BudgetLineInput("Pleadings", "fees", "3000.00"),
                          BudgetLineInput("Discovery", "fees", "5000.00"),
                          BudgetLineInput("Discovery", "expenses", "1500.00")])
    practice.write(budgets.set_budget, case_id=ids["muller"],
                   lines=[BudgetLineInput("General", "fees", "1000.00")])

    def hours(case: str, who: str, on: str, amount: str, phase: str, **kw: object) -> None:
        practice.write(time_entries.add_time_entry, case_id=ids[case], staff_id=ids[who],
                       worked_on=on, hours=amount, phase=phase, **kw)

    hours("smith", "alice", "2026-01-10", "4.00", "Investigation")  # 1000.00
    hours("smith", "alice", "2026-02-03", "14.30", "Pleadings")  # 3575.00: over 3000
    hours("smith", "zoe", "2026-02-20", "3.33", "Discovery", billable=False)  # 318.015 -> .02
    hours("muller", "alice", "2026-03-15", "0.10", "General")  # 25.00

    def spent(case: str, on: str, category: str, amount: str, phase: str) -> None:
        practice.write(expenses.add_expense, case_id=ids[case], spent_on=on,
                       category=category, amount=amount, phase=phase, vendor="Vendör")

    spent("smith", "2026-02-21", "Court fees", "402.00", "Pleadings")
    spent("smith", "2026-03-05", "Expert witness", "1234.56", "Discovery")
    spent("smith", "2026-04-02", "Travel", "99.99", "Discovery")  # after the first quarter
    practice.write(mark_billed, case_id=ids["smith"], billed_on="2026-02-28",
                   through="2026-01-31")  # Alice's 4 h of January
    return ids


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("report") / "office"
    with Practice(resolve(folder)) as practice:
        build_practice(practice)
    yield folder


def run(office: Path, *args: str) -> tuple[int, str, str]:
    done = casedesk(office, "report", *args, code=REGISTER)
    return done.returncode, done.stdout, done.stderr


def rows_of(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def section(rows: list[list[str]], title: str) -> list[list[str]]:
    at = next(n for n in range(1, len(rows)) if rows[n - 1] == [] and rows[n] == [title]) + 1
    end = next((n for n in range(at, len(rows)) if rows[n] == []), len(rows))
    return rows[at:end]


# -- the reports ---------------------------------------------------------------------------------
def test_case_budget_pdf(office: Path, tmp_path: Path) -> None:
    target = tmp_path / "smith.pdf"
    code, out, err = run(office, "budget", "--case", CASE, *Q1, "--format", "pdf", "-o",
                         str(target))
    assert code == 0, err
    assert out == ""
    lines = err.splitlines()
    assert lines[0].startswith(f"wrote Budget vs actual — {CASE} {TITLE} (PDF) to {target}: "
                               "3 sections, ")
    assert lines[1:3] == ["  Summary: 10 rows", "  Budget vs actual by phase: 3 rows + totals"]
    assert lines[3].startswith("  Burn-up: ")  # a point a week, to today
    reader = pypdf.PdfReader(target)
    pages = [p.extract_text() for p in reader.pages]
    text = "\n".join(pages)
    assert f"Budget vs actual — {CASE} {TITLE}" in pages[0].replace("\n", " ")
    assert "Hale & Ortiz LLP" in pages[0] and "Period: 1 Jan 2026 – 31 Mar 2026" in pages[0]
    # Q1 actual: 1000.00 + 3575.00 + 318.02 + 402.00 + 1234.56 (the April travel left out).
    assert "$6,529.58" in text and "$11,500.00" in text
    assert "$3,977.00" in text and "Over budget" in text  # Pleadings: 3575 + 402 > 3000
    assert "$1,552.58" in text  # Discovery: 318.02 + 1234.56
    assert "($977.00)" in text and "-$977.00" not in text  # Pleadings' remaining, as on screen
    assert "Budg…" not in text and "Remai…" not in text  # headers whole
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in page
    assert reader.metadata is not None and reader.metadata.author == "Hale & Ortiz LLP"


def test_case_budget_csv_and_xlsx_agree_to_the_cent(office: Path, tmp_path: Path) -> None:
    code, _out, err = run(office, "budget", "--case", CASE, "-o", str(tmp_path / "s.csv"))
    assert code == 0, err  # the format from the extension; all dates
    phases = section(rows_of(tmp_path / "s.csv"), "Budget vs actual by phase")
    assert phases[0][:3] == ["Phase", "Budget", "Actual"]
    by_name = {r[0]: r for r in phases[1:]}
    assert by_name["Discovery"][1:3] == ["6500.00", "1652.57"]  # with April's 99.99
    assert by_name["Pleadings"][1:4] == ["3000.00", "3977.00", "-977.00"]
    assert by_name["Total"][1:3] == ["11500.00", "6629.57"]
    code, _out, err = run(office, "budget", "--case", CASE, "--format", "xlsx", "-o",
                          str(tmp_path / "s.xlsx"))
    assert code == 0, err
    ws = openpyxl.load_workbook(tmp_path / "s.xlsx")["Budget vs actual by phase"]
    values = {r[0]: r for r in ws.iter_rows(min_row=5, values_only=True) if r[0]}
    assert round(D(str(values["Total"][2])), 2) == D("6629.57")
    assert ws.cell(row=5, column=2).number_format.startswith('"$"#,##0.00')
    assert len(ws._charts) == 1


def test_firm_budget_xlsx(office: Path, tmp_path: Path) -> None:
    target = tmp_path / "firm.xlsx"
    code, _out, err = run(office, "budget", "--format", "xlsx", "-o", str(target))
    assert code == 0, err
    wb = openpyxl.load_workbook(target)
    ws = wb["Open cases"]
    header = [c.value for c in ws[4]]
    assert header[:2] == ["Case", "Title"] and "% used" in header
    first, second = ws[5], ws[6]
    assert first[0].value == CASE and first[header.index("Status")].value == "Within budget"
    assert round(D(str(first[header.index("Actual")].value)), 2) == D("6629.57")
    assert second[0].value == "2026-FA-0002"
    assert round(D(str(second[header.index("Actual")].value)), 2) == D("25.00")
    assert ws[7][0].value == "Total"
    assert round(D(str(ws[7][header.index("Budget")].value)), 2) == D("12500.00")
    # --practice-area (any case, any spacing) narrows the list.
    code, _out, err = run(office, "budget", "--practice-area", " family", "-o",
                          str(tmp_path / "fam.csv"))
    assert code == 0, err
    rows = section(rows_of(tmp_path / "fam.csv"), "Open cases")
    assert [r[0] for r in rows[1:]] == ["2026-FA-0002", "Total"]


def test_expenses_hours_unbilled(office: Path, tmp_path: Path) -> None:
    code, _out, err = run(office, "expenses", *Q1, "--format", "csv", "-o",
                          str(tmp_path / "e.csv"))
    assert code == 0, err
    rows = rows_of(tmp_path / "e.csv")
    by_cat = section(rows, "Expenses by category")
    assert by_cat[1:] == [["Expert witness", "1", "1234.56", "75.4"],
                          ["Court fees", "1", "402.00", "24.6"],
                          ["Total", "2", "1636.56", "100.0"]]
    months = section(rows, "Expenses by month")
    assert [r[0] for r in months[1:]] == ["2026-02", "2026-03", "Total"]
    assert months[-1][-1] == "1636.56"
    # Where a person reads them, months read "Feb 2026": the PDF, and in XLSX a date shown so.
    code, _out, err = run(office, "expenses", *Q1, "-o", str(tmp_path / "e.pdf"))
    assert code == 0, err
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / "e.pdf").pages)
    assert "Feb 2026" in text and "Mar 2026" in text and "2026-02" not in text
    code, _out, err = run(office, "expenses", *Q1, "-o", str(tmp_path / "e.xlsx"))
    assert code == 0, err
    month = openpyxl.load_workbook(tmp_path / "e.xlsx")["Expenses by month"].cell(row=5,
                                                                                 column=1)
    assert (month.value.date(), month.number_format) == (date(2026, 2, 1), "mmm yyyy")

    code, _out, err = run(office, "hours", "--staff", "zoë ñúñez", "--format", "xlsx", "-o",
                          str(tmp_path / "h.xlsx"))
    assert code == 0, err
    ws = openpyxl.load_workbook(tmp_path / "h.xlsx")["Hours by staff"]
    assert [c.value for c in ws[5]][:4] == ["Zoë Ñúñez", 3.33, 0, 3.33]
    assert "Staff: Zoë Ñúñez" in ws["A3"].value

    code, _out, err = run(office, "unbilled", "--format", "pdf", "-o", str(tmp_path / "u.pdf"))
    assert code == 0, err
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / "u.pdf").pages)
    # Smith: Pleadings 3575.00 (Zoë's hours are not billable, January's were billed) + the
    # three expenses 1736.55 = 5311.55; Müller 25.00.
    assert "$5,311.55" in text and "$25.00" in text and "$5,336.55" in text


def test_expenses_of_one_case_in_process(office: Path) -> None:
    """The builders straight over the practice's reader (the GUI's path)."""
    with Practice(resolve(office)) as practice:
        case_id = practice.reader.rows("SELECT id FROM cases WHERE number = :n",
                                       {"n": CASE})[0][0]
        filters = ReportFilters(case_id=uuid.UUID(hex=case_id))
        doc = expenses_report(practice.reader, filters=filters, today=date(2026, 11, 27))
        assert doc.title == f"Expenses — {CASE} {TITLE}"
        table = doc.sections[0].table
        assert table is not None and table.totals is not None
        assert table.totals[table.index("amount")] == D("1736.55")
        firm_doc = budget_report(practice.reader, filters=replace(filters, case_id=None),
                                 today=date(2026, 11, 27))
        assert firm_doc.title == "Budget report — open cases"


# -- refusals ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("args", "message"), [
    (("budget", "--case", "2026-XX-9999"),
     "casedesk: error: No case numbered 2026-XX-9999 was found"),
    (("budget", "--from", "2026-02-30"), "'2026-02-30' is not a date (use YYYY-MM-DD)"),
    (("expenses", "--from", "2026-05-01", "--to", "2026-04-01"),
     "casedesk: error: The period starts (2026-05-01) after it ends (2026-04-01)."),
    (("hours", "--staff", "Nobody"), "casedesk: error: No staff member Nobody was found"),
    (("unbilled", "--practice-area", "Tax"),
     "casedesk: error: No case has the practice area 'Tax' (known: Family, Litigation)."),
    (("budget", "--format", "docx"), "invalid choice: 'docx'"),
])
def test_refusals_exit_2_and_write_nothing(office: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str],
                                           args: tuple[str, ...], message: str) -> None:
    monkeypatch.setitem(cli.COMMANDS, "report", ("casedesk.commands.report", "reports"))
    target = tmp_path / "out.pdf"
    code: int | str | None
    try:
        code = cli.main(["--data-dir", str(office), "report", *args, "-o", str(target)])
    except SystemExit as exc:  # argparse refuses a bad date or format itself
        code = exc.code
    assert code == 2
    assert message in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_missing_folder_and_unknown_format(office: Path, tmp_path: Path) -> None:
    code, out, err = run(office, "budget", "-o", str(tmp_path / "nowhere" / "r.pdf"))
    assert code == 2 and out == ""
    assert err.strip() == (f"casedesk: error: Cannot write r.pdf: folder {tmp_path / 'nowhere'}"
                           " does not exist.")
    code, _out, err = run(office, "budget", "-o", str(tmp_path / "r.txt"))
    assert code == 2 and "Say which format to write: --format csv, xlsx or pdf" in err
    code, _out, err = run(tmp_path / "typo", "budget", "-o", str(tmp_path / "r.pdf"))
    assert code == 2 and "holds no casedesk practice" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == []

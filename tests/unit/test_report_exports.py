"""Report documents and their CSV, XLSX and PDF files, read back with independent libraries
(csv, openpyxl, zipfile, pypdf): the same figures, exact to the cent, in every format."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import replace
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pypdf
import pytest

from casedesk.domain.errors import EnvironmentFault
from casedesk.export.report_budget import case_budget_document, firm_budget_document
from casedesk.export.report_build import expenses_document, hours_document, unbilled_document
from casedesk.export.report_csv import render_csv, write_csv
from casedesk.export.report_document import (
    Column,
    ReportContext,
    ReportDocument,
    Section,
    Table,
    render,
    totals_row,
)
from casedesk.export.report_pdf import render_pdf, write_pdf
from casedesk.export.report_xlsx import HEADER_ROW, render_xlsx, sheet_name, write_xlsx
from tests.unit.test_report_chart import (
    expense_rows,
    hours_rows,
    points,
    status,
    summaries,
    unbilled_rows,
)

CTX = ReportContext(firm_name="Hale & Ortiz LLP", currency="USD",
                    generated_on=date(2026, 4, 1), period_text="1 Jan 2026 – 31 Mar 2026",
                    subtitle="Staff: Zoë Ñúñez")


def case_doc(**kw: object) -> ReportDocument:
    return case_budget_document(status(**kw), points(), CTX, period_set=True)  # type: ignore[arg-type]


def csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def csv_section(rows: list[list[str]], title: str) -> list[list[str]]:
    """The header, rows and totals of one section (up to the blank line after it)."""
    at = next(n for n in range(1, len(rows)) if rows[n - 1] == [] and rows[n] == [title]) + 1
    end = next((n for n in range(at, len(rows)) if rows[n] == []), len(rows))
    return rows[at:end]


def pdf_text(data: bytes) -> tuple[pypdf.PdfReader, list[str]]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return reader, [page.extract_text() for page in reader.pages]


# -- the documents -------------------------------------------------------------------------------
def test_case_budget_document_figures_and_exact_totals() -> None:
    doc = case_doc()
    assert doc.title == "Budget vs actual — 2026-CV-0001 Müller v. Ñandú Holdings — breach"
    assert [s.title for s in doc.sections] == ["Summary", "Budget vs actual by phase",
                                                "Burn-up"]
    summary, by_phase, burn = doc.sections
    assert summary.table is not None and by_phase.table is not None and burn.table is not None
    figures = {row[0]: row[1] for row in summary.table.rows}
    assert figures["Budget (revision 2)"] == D("52500.00")
    assert figures["Actual in the period"] == D("28315.85")
    assert figures["Forecast from the burn rate"] == D("52000.00")
    assert figures["Burn rate (per 30 days)"] == D("4100.00")
    assert summary.notes[0].startswith("Budget used: 53.9% — within budget")
    table = by_phase.table
    assert table.values("phase") == ["Investigation", "Pleadings", "Discovery",
                                     "Trial preparation", "(no phase)"]
    assert table.values("level") == ["Within budget", "Over budget", "Within budget",
                                     "Within budget", "Not budgeted"]
    assert table.totals == ("Total", D("52500.00"), D("28315.85"), D("24184.15"),
                            D("53995.35"), D("53.9"), D("118.80"), "Within budget")
    assert table.values("remaining")[1] == D("-1100.25")
    assert len(burn.table.rows) == 14 and not burn.table_in_pdf
    assert burn.chart is not None and by_phase.chart is not None
    assert not by_phase.chart(500, 250).is_empty


def test_firm_document_puts_over_and_near_first() -> None:
    rows = summaries(20)
    doc = firm_budget_document(list(reversed(rows)), CTX)
    table = doc.sections[0].table
    assert table is not None
    levels = table.values("level")
    assert levels[:5] == ["Over budget"] * 5 and levels[5:8] == ["Near budget"] * 3
    assert set(levels[8:]) == {"Within budget"}
    assert table.totals is not None
    at = table.index("budget")
    assert table.totals[at] == sum((r.budget for r in rows), D("0.00"))
    assert table.totals[table.index("unbilled")] == D("123.45") * 20
    assert "5 cases over budget and 3 near budget" in doc.sections[0].notes[0]


def test_totals_row_sums_exactly() -> None:
    cols = (Column("name", "Name"), Column("amount", "Amount", "money"),
            Column("count", "Count", "int"), Column("share", "Share", "percent"))
    rows = [("a", D("0.10"), 1, D("10.0")), ("b", D("0.20"), 2, None)] * 5
    assert totals_row(cols, rows) == ("Total", D("1.50"), 15, None)


# -- CSV -----------------------------------------------------------------------------------------
def test_csv_has_each_section_with_header_rows_and_totals() -> None:
    rows = csv_rows(render_csv(case_doc()))
    assert rows[0] == ["Budget vs actual — 2026-CV-0001 Müller v. Ñandú Holdings — breach"]
    assert ["Firm", "Hale & Ortiz LLP"] in rows
    assert ["Period", "1 Jan 2026 – 31 Mar 2026"] in rows
    assert ["Filters", "Staff: Zoë Ñúñez"] in rows
    phase = csv_section(rows, "Budget vs actual by phase")
    assert phase[0] == ["Phase", "Budget", "Actual", "Remaining", "Forecast", "% used",
                        "Hours", "Status"]
    assert phase[2] == ["Pleadings", "8000.00", "9100.25", "-1100.25", "9100.25", "113.8",
                        "36.40", "Over budget"]
    assert phase[-1] == ["Total", "52500.00", "28315.85", "24184.15", "53995.35", "53.9",
                         "118.80", "Within budget"]
    assert sum(D(r[2]) for r in phase[1:-1]) == D(phase[-1][2])
    burn = csv_section(rows, "Burn-up")
    assert burn[1] == ["2026-01-05", "2100.37", "52500.00"] and len(burn) == 15


def test_csv_text_is_never_a_formula() -> None:
    doc = ReportDocument("=cmd|' /C calc'!A0", "+Firm", "All dates", date(2026, 1, 1), "USD", (
        Section("@risk", Table((Column("t", "-label"), Column("m", "Money", "money")),
                               (("=SUM(A1)", D("-5.00")),))),))
    rows = csv_rows(render_csv(doc))
    assert rows[0] == ["'=cmd|' /C calc'!A0"]
    assert ["'=SUM(A1)", "-5.00"] in rows and ["'@risk"] in rows


# -- XLSX ----------------------------------------------------------------------------------------
def test_xlsx_sheets_formats_totals_and_charts(tmp_path: Path) -> None:
    data = render_xlsx(case_doc())
    path = tmp_path / "r.xlsx"
    path.write_bytes(data)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Summary", "Budget vs actual by phase", "Burn-up"]
    assert wb.properties.title.startswith("Budget vs actual — 2026-CV-0001")
    assert wb.properties.creator == "Hale & Ortiz LLP"
    ws = wb["Budget vs actual by phase"]
    assert ws["A1"].value == "Budget vs actual by phase" and ws["A1"].font.bold
    assert "Hale & Ortiz LLP" in ws["A2"].value and "1 Jan 2026 – 31 Mar 2026" in ws["A3"].value
    header = [c.value for c in ws[HEADER_ROW]]
    assert header == ["Phase", "Budget", "Actual", "Remaining", "Forecast", "% used", "Hours",
                      "Status"]
    assert all(c.font.bold for c in ws[HEADER_ROW])
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    pleadings = ws[HEADER_ROW + 2]
    assert pleadings[0].value == "Pleadings"
    assert D(str(pleadings[2].value)) == D("9100.25")
    assert pleadings[2].number_format == '"$"#,##0.00_);("$"#,##0.00)'  # Excel's currency
    assert pleadings[3].value == pytest.approx(-1100.25)
    assert pleadings[5].value == pytest.approx(1.138) and pleadings[5].number_format == "0.0%"
    assert pleadings[6].number_format == "#,##0.00"
    totals = ws[HEADER_ROW + 6]
    assert totals[0].value == "Total" and totals[0].font.bold and totals[2].font.bold
    assert round(D(str(totals[2].value)), 2) == D("28315.85")
    assert ws.column_dimensions["A"].width >= len("Trial preparation")
    # The totals are written as the exact decimals, not a float's digits.
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        sheet = next(z.read(n).decode() for n in names if n.startswith("xl/worksheets/sheet")
                     and "-1100.25" in z.read(n).decode())
        charts = [n for n in names if n.startswith("xl/charts/chart")]
    assert "<v>28315.85</v>" in sheet and "<v>-1100.25</v>" in sheet
    assert len(charts) == 2  # the bars and the burn-up line; the summary has none
    assert len(ws._charts) == 1  # openpyxl reads it back on the phase sheet
    assert len(wb["Summary"]._charts) == 0


def test_xlsx_refuses_formulas_and_names_sheets_safely(tmp_path: Path) -> None:
    doc = ReportDocument("Report", "Firm", "All dates", date(2026, 1, 1), "EUR", (
        Section("Costs: A/B [draft]?", Table((Column("t", "Text"), Column("m", "M", "money")),
                                             (("=1+1", D("2.50")),))),
        Section("Costs: A/B [draft]?", Table((Column("t", "Text"),), (("x",),))),
    ))
    path = tmp_path / "r.xlsx"
    path.write_bytes(render_xlsx(doc))
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Costs- A-B -draft--", "Costs- A-B -draft-- (2)"]
    cell = wb.worksheets[0][f"A{HEADER_ROW + 1}"]
    assert cell.value == "=1+1" and cell.data_type == "s"
    assert wb.worksheets[0][f"B{HEADER_ROW + 1}"].number_format == '"€"#,##0.00_);("€"#,##0.00)'
    assert sheet_name("x" * 40, set()) == "x" * 31


def test_xlsx_money_of_a_code_without_a_sign(tmp_path: Path) -> None:
    doc = replace(case_doc(currency="SEK"), currency="SEK")
    path = tmp_path / "r.xlsx"
    path.write_bytes(render_xlsx(doc))
    ws = openpyxl.load_workbook(path)["Summary"]
    assert ws[f"B{HEADER_ROW + 1}"].number_format == '#,##0.00 "SEK"_);(#,##0.00 "SEK")'


# -- PDF -----------------------------------------------------------------------------------------
def test_pdf_reads_like_a_report() -> None:
    reader, pages = pdf_text(render_pdf(case_doc()))
    first = pages[0]
    assert "Budget vs actual — 2026-CV-0001 Müller v. Ñandú Holdings — breach" in \
        first.replace("\n", " ")
    assert "Hale & Ortiz LLP" in first
    assert "Period: 1 Jan 2026 – 31 Mar 2026" in first and "Staff: Zoë Ñúñez" in first
    assert "Generated 1 Apr 2026" in first
    assert "$52,500.00" in first and "$28,315.85" in first and "($1,100.25)" in first
    assert "113.8%" in first and "Over budget" in first
    assert "over" in first.split("Budget vs actual by phase")[1]  # the chart's marker
    count = len(pages)
    for n, text in enumerate(pages, start=1):
        assert f"Page {n} of {count}" in text
    assert reader.metadata is not None
    assert reader.metadata.title.startswith("Budget vs actual — 2026-CV-0001")
    assert reader.metadata.author == "Hale & Ortiz LLP"
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # US Letter
    assert "Burn-up" in "".join(pages) and "2026-01-05" not in "".join(pages)  # chart only


def test_pdf_a4_for_euros_and_landscape_for_wide_tables() -> None:
    reader, _ = pdf_text(render_pdf(replace(case_doc(), currency="EUR")))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    reader, pages = pdf_text(render_pdf(firm_budget_document(summaries(20), CTX)))
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)
    assert "2026-CV-0020" in "".join(pages)


def test_pdf_repeats_the_header_on_every_page_and_ends_with_totals() -> None:
    doc = unbilled_document(unbilled_rows(150), CTX)
    _reader, pages = pdf_text(render_pdf(doc))
    assert len(pages) >= 3
    for text in pages:
        assert "Fees" in text and "Oldest entry" in text
    table = doc.sections[0].table
    assert table is not None and table.totals is not None
    total = table.totals[table.index("total")]
    assert isinstance(total, D)
    assert f"${total:,.2f}" in pages[-1] and "Total" in pages[-1]
    assert total == sum((r.total for r in unbilled_rows(150)), D("0.00"))


def test_pdf_of_unusual_text_and_empty_reports() -> None:
    doc = hours_document([], replace(CTX, firm_name="Ελληνικά & Кириллица — “LLP”"))
    _reader, pages = pdf_text(render_pdf(doc))
    assert "Ελληνικά & Кириллица — “LLP”" in pages[0]
    assert "No data for this period" in pages[0]


# -- every report, every format, the same totals -------------------------------------------------
@pytest.mark.parametrize("make", ["case", "firm", "expenses", "hours", "unbilled"])
def test_each_report_in_each_format_has_the_same_totals(make: str, tmp_path: Path) -> None:
    doc = {"case": case_doc, "firm": lambda: firm_budget_document(summaries(), CTX),
           "expenses": lambda: expenses_document(expense_rows(), CTX),
           "hours": lambda: hours_document(hours_rows(), CTX),
           "unbilled": lambda: unbilled_document(unbilled_rows(), CTX)}[make]()
    rows = csv_rows(render(doc, "csv"))
    xlsx = tmp_path / "r.xlsx"
    xlsx.write_bytes(render(doc, "xlsx"))
    wb = openpyxl.load_workbook(xlsx)
    pdf = "".join(pdf_text(render(doc, "pdf"))[1])
    for section in doc.sections:
        table = section.table
        assert table is not None
        lines = csv_section(rows, section.title)
        assert lines[0] == [c.label for c in table.columns]
        assert len(lines) == 1 + len(table.rows) + (table.totals is not None)
        ws = next(w for w in wb.worksheets if w["A1"].value == section.title)
        for n, column in enumerate(table.columns):
            if column.kind != "money" or table.totals is None:
                continue
            total = table.totals[n]
            assert isinstance(total, D)
            assert total == sum((r[n] for r in table.rows if isinstance(r[n], D)), D("0.00"))
            assert lines[-1][n] == f"{total:.2f}"
            cell = ws.cell(row=HEADER_ROW + len(table.rows) + 1, column=n + 1)
            assert round(D(str(cell.value)), 2) == total
            if section.table_in_pdf:
                assert f"${total:,.2f}" in pdf


def test_writers_are_atomic_and_refuse_a_missing_folder(tmp_path: Path) -> None:
    doc = case_doc()
    for writer in (write_csv, write_xlsx, write_pdf):
        with pytest.raises(EnvironmentFault, match="does not exist"):
            writer(doc, tmp_path / "missing" / "r.out")
    target = tmp_path / "r.pdf"
    target.write_bytes(b"old")
    write_pdf(doc, target)
    assert target.read_bytes().startswith(b"%PDF") and sorted(p.name for p in tmp_path.iterdir()
                                                            ) == ["r.pdf"]
    assert re.search(rb"%%EOF\s*$", target.read_bytes())
    with pytest.raises(ValueError, match="unknown report format"):
        render(doc, "docx")



def test_pdf_keeps_case_numbers_whole_and_cuts_long_titles() -> None:
    rows = [replace(s, case_title="A very long case title " * 6 + str(n))
            for n, s in enumerate(summaries(12))]
    _reader, pages = pdf_text(render_pdf(firm_budget_document(rows, CTX)))
    text = "".join(pages)
    for row in rows:
        assert row.case_number in text
    assert "A very long case title A very long" in text and "…" in text
    assert "Over budget" in text and "Near budget" in text  # statuses whole too


def test_column_widths() -> None:
    from casedesk.export.report_pdf import column_widths

    cols = (Column("case_number", "Case"), Column("case_title", "Title"),
            Column("budget", "Budget", "money"))
    # Narrow table: natural widths. Wide: the title takes the rest. Too wide: the title cut.
    assert column_widths([60, 80, 50], cols, 500) == [60, 80, 50]
    assert column_widths([60, 200, 50], cols, 500) == [60, 390, 50]
    assert column_widths([60, 900, 50], cols, 500) == [60, 390, 50]
    shrunk = column_widths([300, 900, 300], cols, 500)
    assert sum(shrunk) == pytest.approx(500)

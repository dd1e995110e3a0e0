"""Review of the report writers (issue 5) with hostile text and large sums: control characters
(Word's line break is a vertical tab) must not crash the XLSX writer, formula-like text must stay
text even when a person edits the cell, characters the PDF font lacks must show as a mark and
not vanish, and money in XLSX must read back exact to the cent however large."""

from __future__ import annotations

import io
import logging
import zipfile
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pypdf
import pytest

from casedesk.export.report_csv import render_csv
from casedesk.export.report_document import Column, ReportDocument, Section, Table, totals_row
from casedesk.export.report_pdf import render_pdf
from casedesk.export.report_pdf_draw import cut_to_width
from casedesk.export.report_xlsx import HEADER_ROW, render_xlsx

COLUMNS = (Column("case_title", "Title"), Column("amount", "Amount", "money"))


def doc_of(rows: tuple[tuple[object, ...], ...], *, title: str = "Report",
           firm: str = "Hale & Ortiz LLP", notes: tuple[str, ...] = ()) -> ReportDocument:
    table = Table(COLUMNS, rows, totals_row(COLUMNS, rows))  # type: ignore[arg-type]
    return ReportDocument(title, firm, "All dates", date(2026, 4, 1), "USD",
                          (Section("Cases", table, notes=notes),))


def load(tmp_path: Path, data: bytes) -> openpyxl.Workbook:
    path = tmp_path / "r.xlsx"
    path.write_bytes(data)
    return openpyxl.load_workbook(path)


def test_xlsx_takes_text_with_control_characters(tmp_path: Path) -> None:
    # A title pasted from Word holds a vertical tab; others hold stray escapes or a NUL.
    doc = doc_of((("Smith\x0bJones", D("1.00")), ("Esc\x1b[31m red\x00", D("2.00"))),
                 title="Budget — Smith\x0bJones", firm="Firm\x07", notes=("Note\x0c",))
    wb = load(tmp_path, render_xlsx(doc))
    ws = wb["Cases"]
    assert ws[f"A{HEADER_ROW + 1}"].value == "Smith Jones"
    assert ws[f"A{HEADER_ROW + 2}"].value == "Esc [31m red "
    assert ws["A2"].value == "Budget — Smith Jones · Firm "
    assert wb.properties.title == "Budget — Smith Jones"


def test_xlsx_formula_like_text_stays_text_when_edited(tmp_path: Path) -> None:
    rows = (("=HYPERLINK(\"http://x\",\"y\")", D("1.00")), ("+1+2", D("1.00")),
            ("-2+3", D("1.00")), ("@SUM(A1)", D("1.00")), ("Plain", D("1.00")))
    data = render_xlsx(doc_of(rows, firm="=evil()"))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in sheets)
    ws = load(tmp_path, data)["Cases"]
    for n, (text, _amount) in enumerate(rows, start=HEADER_ROW + 1):
        cell = ws[f"A{n}"]
        assert (cell.value, cell.data_type) == (text, "s")
        # Excel's own leading apostrophe: editing the cell does not turn it into a formula.
        assert cell.quotePrefix is (text != "Plain")


def test_xlsx_money_reads_back_exact_for_large_sums_and_many_cents(tmp_path: Path) -> None:
    values = [D("123456789.01"), D("99999999999.99"), D("0.07")] + [D("0.01")] * 9_999
    rows = tuple((f"Case {n}", v) for n, v in enumerate(values))
    doc = doc_of(rows)
    total = sum(values, D("0.00"))
    assert total == D("100123456889.06")
    ws = load(tmp_path, render_xlsx(doc))["Cases"]
    cells = [ws.cell(row=HEADER_ROW + 1 + n, column=2).value for n in range(len(values) + 1)]
    for cell, exact in zip(cells, [*values, total], strict=True):
        assert isinstance(cell, int | float)
        assert float(cell) == float(exact)  # the binary number nearest the exact cents
        assert round(D(repr(cell)), 2) == exact  # shown to the cent, as Excel shows it
    assert ws.cell(row=HEADER_ROW + len(values) + 1, column=1).value == "Total"
    text = render_csv(doc).decode("utf-8-sig").splitlines()
    assert text[-1] == "Total,100123456889.06"


def test_pdf_marks_characters_its_font_lacks(caplog: pytest.LogCaptureFixture) -> None:
    doc = doc_of((("株式会社 Tanaka", D("5.00")), ("Line\x0bbreak", D("1.00"))),
                 title="Budget — 株式会社", firm="Ōkubo & Ñúñez")
    with caplog.at_level(logging.WARNING):
        data = render_pdf(doc)
    assert not [r for r in caplog.records if "missing" in r.getMessage()]
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert "Ōkubo & Ñúñez" in text
    assert "\ufffd\ufffd\ufffd\ufffd Tanaka" in text  # a visible mark, not a silent gap
    assert "Line break" in text


def test_cutting_a_long_text_measures_it_a_few_times_only() -> None:
    # A 20,000-row table of long titles took minutes when every prefix was measured.
    seen: list[str] = []

    def width(text: str) -> float:
        seen.append(text)
        return float(len(text))

    text = "Very long title of a matter with many parties " * 30
    assert cut_to_width(text, 41.0, width) == text[:40].rstrip() + "…"
    assert len(seen) <= 12
    assert cut_to_width("abc", 0.5, width) == ""
    assert cut_to_width("abc", 2.0, width) == "a…"


def test_formulas_behind_spaces_or_control_characters_stay_text(tmp_path: Path) -> None:
    rows = (("  =1+1", D("1.00")), ("\x0b@SUM(A1)", D("1.00")))
    csv_text = render_csv(doc_of(rows)).decode("utf-8-sig")
    assert "'  =1+1" in csv_text
    ws = load(tmp_path, render_xlsx(doc_of(rows)))["Cases"]
    for n, text in enumerate(("  =1+1", " @SUM(A1)"), start=HEADER_ROW + 1):
        cell = ws[f"A{n}"]
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)

"""The visual review of the reports (issue 5): "near budget" prints amber; a case without a
budget is not said to be over it; PDF table headers read in full (folded onto two lines when
a table is tight, never "Budg…"); months read "Oct 2020" where a person reads them; negative
money in brackets in the PDF and XLSX as on screen, with a plain minus in the CSV."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import openpyxl
import pypdf
import pytest

from casedesk.domain.enums import BudgetLevel
from casedesk.export import report_drawing
from casedesk.export.report_budget import case_budget_document, firm_budget_document
from casedesk.export.report_build import expenses_document, hours_document, unbilled_document
from casedesk.export.report_chart import (
    budget_vs_actual_chart,
    burn_up_chart,
    cases_budget_chart,
    empty_drawing,
    expenses_by_month_chart,
    hours_by_staff_chart,
    unbilled_chart,
)
from casedesk.export.report_csv import csv_value, render_csv
from casedesk.export.report_document import (
    Column,
    Month,
    ReportContext,
    ReportDocument,
    Section,
    Table,
    totals_row,
)
from casedesk.export.report_format import money_text
from casedesk.export.report_pdf import (
    _document_pdf,
    _font_paths,
    _table,
    cell_text,
    render_pdf,
    table_layout,
)
from casedesk.export.report_pdf_draw import (
    PRINT_COLOURS,
    draw,
    fold_headers,
    measure_of,
    two_line_width,
    wrap_words,
)
from casedesk.export.report_xlsx import HEADER_ROW, money_format, render_xlsx
from casedesk.services.budget_rows import ExpenseMonthRow
from tests.unit.test_report_chart import (
    expense_rows,
    hours_rows,
    phases,
    points,
    status,
    summaries,
    unbilled_rows,
)

Z = D("0.00")
AMBER = (138, 90, 0)
CTX = ReportContext(firm_name="Hale & Ortiz LLP", currency="USD",
                    generated_on=date(2026, 4, 1), period_text="All dates")
LONG_CATEGORIES = ("Court reporters and transcripts", "Copying and printing",
                   "Mediation and arbitration", "Expert witnesses", "Medical records")


def no_budget_status() -> Any:
    """A case with time and expenses in four phases and no budget at all."""
    figures = tuple(replace(p, budget_fees=Z, budget_expenses=Z) for p in phases())
    return replace(status(figures), budget=None, budget_total=Z, percent_used=None,
                   level=BudgetLevel.NONE, exhausted_on=None)


def long_expense_rows() -> list[ExpenseMonthRow]:
    """Two years of months with five long category names (the demo's own)."""
    rows = []
    for n in range(24):
        month = date(2024 + n // 12, n % 12 + 1, 1)
        for k, category in enumerate(LONG_CATEGORIES):
            rows.append(ExpenseMonthRow(month, category, D(1000 * (k + 1) + n) + D("0.45"), 2))
    return rows


def pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)


@contextmanager
def pdf_for(doc: ReportDocument) -> Iterator[Any]:
    """The fpdf2 document the report is printed on (with its fonts and orientation)."""
    with _font_paths() as fonts, _document_pdf(doc, fonts) as pdf:
        pdf.add_page()
        yield pdf


# -- 1. print colours ----------------------------------------------------------------------------
class Recorder:
    """Just enough of fpdf2 for `draw`: it notes each text with the colour it is set in."""

    def __init__(self) -> None:
        self.colour = (0, 0, 0)
        self.texts: list[tuple[str, tuple[int, int, int]]] = []
        self.fills: list[tuple[int, int, int]] = []
        self.clean = None  # no font coverage to check

    def set_text_color(self, *rgb: int) -> None:
        self.colour = (rgb[0], rgb[1], rgb[2])

    def set_fill_color(self, *rgb: int) -> None:
        self.fills.append((rgb[0], rgb[1], rgb[2]))

    def text(self, _x: float, _y: float, text: str) -> None:
        self.texts.append((text, self.colour))

    def get_string_width(self, text: str) -> float:
        return len(text) * 4.0

    @contextmanager
    def rotation(self, *_args: float) -> Iterator[None]:
        yield

    def __getattr__(self, _name: str) -> Callable[..., None]:
        return lambda *_a, **_k: None  # set_font, rect, polyline, line widths, dashes


def every_chart() -> list[report_drawing.Drawing]:
    size = {"width": 640.0, "height": 360.0}
    return [
        budget_vs_actual_chart(phases(), **size),
        budget_vs_actual_chart(no_budget_status().phases, **size),
        cases_budget_chart(summaries(20), **size),
        burn_up_chart(points(), planned_end_on=date(2026, 6, 30), **size),
        burn_up_chart([replace(p, budget=D("10000.00")) for p in points()], **size),
        expenses_by_month_chart(expense_rows(), **size),
        expenses_by_month_chart(expense_rows(), top=6, **size),
        hours_by_staff_chart(hours_rows(), **size),
        unbilled_chart(unbilled_rows(), **size),
        empty_drawing(300.0, 200.0, "Nothing"),
    ]


def test_every_role_a_chart_uses_has_a_print_colour() -> None:
    listed = {*report_drawing.BAR_ROLES, *report_drawing.LINE_SERIES_ROLES,
              *report_drawing.SERIES_ROLES, *report_drawing.LINE_ROLES,
              *report_drawing.TEXT_ROLES}
    used = {shape.role for drawing in every_chart() for shape in drawing.shapes}
    assert {"near", "over", "marker", "budget_line", "other", "series5"} <= used
    assert (listed | used) - set(PRINT_COLOURS) == set()


def test_near_budget_prints_amber_and_over_budget_red() -> None:
    recorder = Recorder()
    draw(recorder, cases_budget_chart(summaries(20), width=900, height=500), x=0, y=0,
         scale=1.0, family="DejaVu")
    near = {colour for text, colour in recorder.texts if text.endswith("— near budget")}
    over = {colour for text, colour in recorder.texts if text.endswith("— over budget")}
    assert near == {AMBER}  # it printed dark grey ("label") before
    assert over == {PRINT_COLOURS["over"]} and PRINT_COLOURS["over"] != AMBER
    assert PRINT_COLOURS["near"] != PRINT_COLOURS["label"]


# -- 2. no "over budget" without a budget ------------------------------------------------------
def test_a_case_without_a_budget_is_not_said_to_be_over_it() -> None:
    doc = case_budget_document(no_budget_status(), points(), CTX)
    by_phase = doc.sections[1]
    assert by_phase.notes == ("No budget is set for this case: the bars show what was spent "
                              "in each phase.",)
    text = pdf_text(render_pdf(doc))
    assert "Over budget:" not in text and "marked “over”" not in text
    assert "No budget is set for this case" in text


def test_a_case_over_its_budget_still_names_the_phases() -> None:
    notes = case_budget_document(status(), points(), CTX).sections[1].notes
    assert notes == ("Over budget: Pleadings, (no phase) (marked “over” in the chart).",)
    spent_nothing = tuple(replace(p, budget_fees=Z, budget_expenses=Z, actual_fees=Z,
                                  actual_expenses=Z) for p in phases())
    empty = replace(status(spent_nothing), budget=None, budget_total=Z, percent_used=None,
                    level=BudgetLevel.NONE)
    assert case_budget_document(empty, [], CTX).sections[1].notes == ()


# -- 3. table headers --------------------------------------------------------------------------
REPORTS: dict[str, Callable[[], ReportDocument]] = {
    "case": lambda: case_budget_document(status(), points(), CTX),
    "case without budget": lambda: case_budget_document(no_budget_status(), points(), CTX),
    "firm": lambda: firm_budget_document(summaries(20), CTX),
    "expenses": lambda: expenses_document(expense_rows(), CTX),
    "expenses, long categories": lambda: expenses_document(long_expense_rows(), CTX),
    "hours": lambda: hours_document(hours_rows(), CTX),
    "unbilled": lambda: unbilled_document(unbilled_rows(), CTX),
    "euros": lambda: replace(case_budget_document(no_budget_status(), points(), CTX),
                             currency="EUR"),
}


@pytest.mark.parametrize("name", list(REPORTS))
def test_every_pdf_table_header_reads_in_full(name: str) -> None:
    doc = REPORTS[name]()
    with pdf_for(doc) as pdf:
        for section in doc.sections:
            if section.table is None or not section.table_in_pdf:
                continue
            layout = table_layout(pdf, section.table, doc.currency)
            for column, lines in zip(section.table.columns, layout.labels, strict=True):
                assert " ".join(lines) == column.label, (section.title, lines)
                assert len(lines) <= 2
            assert sum(layout.widths) <= pdf.epw + 0.01
    text = pdf_text(render_pdf(doc))
    assert "Budg…" not in text and "Remain…" not in text and "Forec…" not in text


def test_a_header_as_wide_as_its_column_is_not_cut() -> None:
    # The review's "Budg…": a column of "$0.00" under "Budget" measured exactly as wide as
    # the header, and float rounding put the header a hair over the room.
    cols = (Column("phase", "Phase"), Column("budget", "Budget", "money"),
            Column("hours", "Hours", "hours"), Column("percent_used", "% used", "percent"))
    rows = (("Discovery", Z, D("40.10"), None),)
    doc = ReportDocument("Report", "Firm", "All dates", date(2026, 4, 1), "USD",
                         (Section("Phases", Table(cols, rows, totals_row(cols, rows))),))
    text = pdf_text(render_pdf(doc))
    assert "Phase Budget Hours % used" in text and "…" not in text


def test_a_tight_table_folds_its_headers_and_stays_portrait() -> None:
    doc = REPORTS["expenses, long categories"]()
    with pdf_for(doc) as pdf:
        assert pdf.w < pdf.h  # portrait: folded headers fit where one-line ones did not
        table = doc.sections[1].table
        assert table is not None
        layout = table_layout(pdf, table, doc.currency)
        folded = {c.label: lines for c, lines in zip(table.columns, layout.labels,
                                                      strict=True) if len(lines) > 1}
        assert folded["Court reporters and transcripts"] == ["Court reporters",
                                                             "and transcripts"]
        assert all(len(lines) == 1 for c, lines in zip(table.columns, layout.labels,
                                                       strict=True)
                   if c.label in ("Month", "Total"))
    text = pdf_text(render_pdf(doc))
    assert "Court reporters\nand transcripts" in text or "Court reporters and" not in text
    assert "…" not in text


def test_a_roomy_table_keeps_its_headers_on_one_line() -> None:
    doc = REPORTS["hours"]()
    with pdf_for(doc) as pdf:
        table = doc.sections[0].table
        assert table is not None
        assert all(len(lines) == 1 for lines in table_layout(pdf, table, "USD").labels)


def test_wrapping_and_folding_arithmetic() -> None:
    width = lambda text: float(len(text))  # noqa: E731
    assert wrap_words("Court reporters and transcripts", 16, width) == [
        "Court reporters", "and transcripts"]
    assert wrap_words("Budget", 6, width) == ["Budget"]
    assert wrap_words("Budget", 5.99, width, slack=0.01) == ["Budget"]  # rounding
    assert wrap_words("Budget", 4, width) == ["Bud…"]  # a word wider than the room
    assert wrap_words("a b c d e f", 2, width, max_lines=3) == ["a", "b", "c…"]
    assert two_line_width("Court reporters and transcripts", width) == 15.0
    assert two_line_width("Budget", width) == 6.0
    cols = (Column("t", "T"), Column("a", "A", "money"), Column("b", "B", "money"))
    # Fits on one line: untouched. Too wide: the header that saves most folds first.
    assert fold_headers([50, 40, 40], [10, 90, 60], [10, 50, 45], cols, 200) == [50, 90, 60]
    assert fold_headers([50, 40, 40], [10, 90, 60], [10, 50, 45], cols, 160) == [50, 50, 60]
    assert fold_headers([50, 40, 40], [10, 90, 60], [10, 50, 45], cols, 100) == [50, 50, 45]


def test_a_section_printed_without_its_table_says_where_the_table_is() -> None:
    doc = expenses_document(expense_rows(), CTX)
    detail = doc.sections[2]
    assert detail.table is not None and not detail.table_in_pdf and detail.chart is None
    text = pdf_text(render_pdf(doc)).replace("\n", " ")
    count = len(detail.table.rows)
    assert f"Expenses by month and category The full list ({count} rows) is in the CSV and " \
        "Excel versions of this report." in text
    empty = pdf_text(render_pdf(expenses_document([], CTX)))
    assert "Nothing to show for this period." in empty and "The full list" not in empty


# -- 4. months ----------------------------------------------------------------------------------
def test_months_read_as_a_person_says_them(tmp_path: Path) -> None:
    doc = expenses_document(expense_rows(), CTX)
    by_month, detail = doc.sections[1].table, doc.sections[2].table
    assert by_month is not None and detail is not None
    assert by_month.columns[0].kind == "month" and detail.columns[0].kind == "month"
    months = by_month.values("month")
    assert months == [Month(2026, m, 1) for m in range(1, 5)]
    assert [str(m) for m in months] == ["Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026"]
    assert Month.of(date(2020, 10, 17)) == date(2020, 10, 1)
    assert cell_text(Month(2020, 10, 1), "month", "USD") == "Oct 2020"
    # PDF: as a person says it.
    text = pdf_text(render_pdf(doc))
    assert "Jan 2026" in text and "2026-01" not in text
    # CSV: the ISO month a program reads.
    csv_text = render_csv(doc).decode("utf-8-sig")
    assert "\r\n2026-01,Court fees," in csv_text and "Jan 2026" not in csv_text
    assert csv_value(Month(2020, 10, 1), "month") == "2020-10"
    # XLSX: a real date shown as the month, so it sorts and filters as one.
    path = tmp_path / "r.xlsx"
    path.write_bytes(render_xlsx(doc))
    ws = openpyxl.load_workbook(path)["Expenses by month"]
    first = ws.cell(row=HEADER_ROW + 1, column=1)
    assert first.value == datetime(2026, 1, 1) and first.number_format == "mmm yyyy"
    assert ws.cell(row=HEADER_ROW + 5, column=1).value == "Total"


# -- 5. negative money --------------------------------------------------------------------------
def test_negative_money_in_brackets_in_pdf_and_xlsx_with_a_minus_in_csv(tmp_path: Path
                                                                        ) -> None:
    assert cell_text(D("-9412.86"), "money", "USD") == "($9,412.86)"
    assert cell_text(D("9412.86"), "money", "USD") == "$9,412.86"
    assert cell_text(D("-0.004"), "money", "USD") == "$0.00"
    assert cell_text(D("-5"), "money", "EUR") == "(€5.00)"
    assert cell_text(D("-5"), "money", "SEK") == "(SEK 5.00)"
    assert money_text(D("-9412.86"), "USD") == "-$9,412.86"  # in a sentence: a minus
    assert csv_value(D("-9412.86"), "money") == "-9412.86"
    assert money_format("USD") == '"$"#,##0.00_);("$"#,##0.00)'
    assert money_format("SEK") == '#,##0.00 "SEK"_);(#,##0.00 "SEK")'
    doc = case_budget_document(status(), points(), CTX)
    text = pdf_text(render_pdf(doc))
    assert "($1,100.25)" in text and "-$1,100.25" not in text  # Pleadings' remaining
    path = tmp_path / "r.xlsx"
    path.write_bytes(render_xlsx(doc))
    ws = openpyxl.load_workbook(path)["Budget vs actual by phase"]
    remaining = ws.cell(row=HEADER_ROW + 2, column=4)
    assert remaining.value == pytest.approx(-1100.25)
    assert remaining.number_format == '"$"#,##0.00_);("$"#,##0.00)'
    assert "\r\nPleadings,8000.00,9100.25,-1100.25," in render_csv(doc).decode("utf-8-sig")


def test_amounts_line_up_digit_under_digit() -> None:
    cols = (Column("phase", "Phase"), Column("remaining", "Remaining", "money"),
            Column("actual", "Actual", "money"))
    rows = (("Discovery", D("4699.06"), D("1.00")), ("Motions", D("-2566.80"), D("2.00")))
    table = Table(cols, rows, totals_row(cols, rows))
    doc = ReportDocument("Report", "Firm", "All dates", date(2026, 4, 1), "USD",
                         (Section("Phases", table),))
    with pdf_for(doc) as pdf:
        seen: list[tuple[float, str]] = []
        text = pdf.text

        def noting(x: float, y: float, words: str) -> None:
            seen.append((x, words))
            text(x, y, words)

        pdf.text = noting
        _table(pdf, table, "USD")
        measure = measure_of(pdf)
        bold = {"Phase", "Remaining", "Actual", "Total", "$2,132.26", "$3.00"}
        assert {"Phase", "Remaining", "Actual", "Total", "$2,132.26", "$3.00", "$4,699.06",
                "($2,566.80)", "$1.00"} <= {words for _x, words in seen}
        right = {words: x + measure.width(words, words in bold) for x, words in seen}
        bracket = measure.width(")")
    # Positive amounts end where a negative one's digits end, its bracket hanging after.
    assert right["$4,699.06"] == pytest.approx(right["($2,566.80)"] - bracket, abs=0.01)
    assert right["Remaining"] == pytest.approx(right["$4,699.06"], abs=0.01)
    # A column without negative amounts keeps its figures flush with its edge.
    assert right["Actual"] == pytest.approx(right["$1.00"], abs=0.01)
    assert right["$1.00"] > right["($2,566.80)"]

"""The report as an Excel workbook (openpyxl): a sheet per section with its title and the
report's firm and period above a bold, frozen header row; money as numbers with two decimals
in the currency's format, hours and percentages as numbers; the totals row bold, holding the
exact totals computed in Python (each a decimal written as typed, so it shows to the cent what
the report says, rather than a SUM formula of binary floats); the section's notes under the
table; and a native Excel chart beside the table where the section has one.

Text is made safe for a worksheet: characters XML cannot hold (control characters such as
Word's line break, a vertical tab) become spaces, and text a spreadsheet would take for a
formula (= + - @) is a string cell with Excel's "quote prefix", so it stays text even when a
person edits the cell (OWASP's advice on CSV/formula injection).
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from casedesk.export.report_csv import FORMULA_STARTS
from casedesk.export.report_document import Cell, Column, ReportDocument, Section, Table
from casedesk.export.report_format import currency_symbol

HEADER_ROW = 4  # rows 1-3: the section's title, the report and firm, the period and filters
MEASURED_ROWS = 2000  # column widths come from this many rows
SHEET_NAME_MAX = 31  # Excel's limit
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
# What an XLSX (XML 1.0) cannot hold: C0 controls but tab and line breaks, surrogates, U+FFFE/F.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def sheet_text(text: str) -> str:
    """`text` as a worksheet (or the workbook's properties) can hold it."""
    return _NOT_XML.sub(" ", text)


def money_format(currency: str) -> str:
    """Excel's own currency format: '"$"#,##0.00_);("$"#,##0.00)', negatives in brackets as
    the PDF and the screen (English locales) show them, positives kept clear of the bracket's
    place so the digits line up; '#,##0.00 "SEK"_);(#,##0.00 "SEK")' for a code without a
    sign."""
    symbol = currency_symbol(currency)
    code = symbol.strip()
    amount = f'#,##0.00 "{code}"' if symbol.endswith(" ") else f'"{symbol}"#,##0.00'
    return f"{amount}_);({amount})"


NUMBER_FORMATS = {"hours": "#,##0.00", "percent": "0.0%", "int": "#,##0",
                  "date": "d mmm yyyy", "month": "mmm yyyy"}


def sheet_name(title: str, taken: set[str]) -> str:
    """A valid, unique sheet name from a section title."""
    base = _BAD_SHEET_CHARS.sub("-", sheet_text(title)).strip("' ") or "Sheet"
    name, n = base[:SHEET_NAME_MAX], 1
    while name.casefold() in taken:
        n += 1
        suffix = f" ({n})"
        name = base[:SHEET_NAME_MAX - len(suffix)] + suffix
    taken.add(name.casefold())
    return name


def excel_value(value: Cell, kind: str) -> Any:
    """What goes in the cell: Decimal amounts as they are (written exactly, as text digits),
    percentages as fractions (112.3 -> 1.123, shown "112.3%"), months as the date of their
    first day (shown "Oct 2020": a date, so it sorts and filters as one)."""
    if isinstance(value, Decimal) and kind == "percent":
        return value / 100
    if isinstance(value, date) and type(value) not in (date, datetime):
        return date(value.year, value.month, value.day)  # openpyxl knows plain dates only
    return value


def _text_cell(cell: Any, text: str) -> Any:
    """Put text in a cell as text: never a formula, and marked so it stays text if edited."""
    cell.value = clean = sheet_text(text)
    if clean.lstrip(" ").startswith(FORMULA_STARTS):
        cell.data_type = "s"  # shown as typed, never run as a formula
        cell.quotePrefix = True  # Excel's leading apostrophe: an edit keeps it text
    return cell


def _put(ws: Any, row: int, col: int, value: Cell, column: Column, money: str) -> Any:
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        return _text_cell(cell, value)
    cell.value = excel_value(value, column.kind)
    if column.kind == "money":
        cell.number_format = money
    elif column.kind in NUMBER_FORMATS and value is not None:
        cell.number_format = NUMBER_FORMATS[column.kind]
    return cell


def _width(value: Cell, column: Column) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return 12
    if isinstance(value, Decimal | int):
        return len(f"{value:,.2f}") + 3 if column.kind == "money" else len(f"{value:,}") + 1
    return len(str(value))


def _sheet(wb: Any, doc: ReportDocument, section: Section, table: Table, taken: set[str]
           ) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # type: ignore[import-untyped, unused-ignore]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]

    ws = wb.create_sheet(sheet_name(section.title, taken))
    money = money_format(doc.currency)
    filters = " · ".join(p for p in (doc.period_text, doc.subtitle) if p)
    _text_cell(ws.cell(row=1, column=1), section.title).font = Font(bold=True, size=13)
    _text_cell(ws.cell(row=2, column=1), f"{doc.title} · {doc.firm_name}").font = Font(size=10)
    _text_cell(ws.cell(row=3, column=1), f"{filters} · amounts in {doc.currency}").font = Font(
        size=10, color="666666")
    bold, rule = Font(bold=True), Side(style="thin", color="666666")
    fill = PatternFill("solid", start_color="ECEFF3")
    for n, column in enumerate(table.columns, start=1):
        cell = _text_cell(ws.cell(row=HEADER_ROW, column=n), column.label)
        cell.font, cell.fill, cell.border = bold, fill, Border(bottom=rule)
        if column.numeric:
            cell.alignment = Alignment(horizontal="right")
    for r, row in enumerate(table.rows, start=HEADER_ROW + 1):
        for n, (value, column) in enumerate(zip(row, table.columns, strict=True), start=1):
            _put(ws, r, n, value, column, money)
    last = HEADER_ROW + len(table.rows)
    if table.totals is not None:
        for n, (value, column) in enumerate(zip(table.totals, table.columns, strict=True),
                                            start=1):
            cell = _put(ws, last + 1, n, value, column, money)
            cell.font, cell.border = bold, Border(top=rule)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    if table.rows:
        ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(table.columns))}{last}"
    sample = list(table.rows[:MEASURED_ROWS]) + ([table.totals] if table.totals else [])
    for n, column in enumerate(table.columns, start=1):
        widest = max([len(column.label) + 2] + [_width(r[n - 1], column) for r in sample])
        ws.column_dimensions[get_column_letter(n)].width = min(max(widest + 2, 9), 60)
    notes_at = last + (3 if table.totals is not None else 2)
    for offset, note in enumerate(section.notes):
        cell = _text_cell(ws.cell(row=notes_at + offset, column=1), note)
        cell.font = Font(italic=True, color="666666")
    if section.sheet_chart is not None and table.rows:
        _chart(ws, section, table, money)


def _chart(ws: Any, section: Section, table: Table, money: str) -> None:
    from openpyxl.chart import BarChart, LineChart, Reference  # type: ignore[import-untyped, unused-ignore]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]

    spec = section.sheet_chart
    assert spec is not None
    count = len(table.rows) if spec.max_rows is None else min(len(table.rows), spec.max_rows)
    if count <= 0:
        return
    chart: Any = LineChart() if spec.kind == "line" else BarChart()
    if spec.kind != "line":
        chart.type = "bar" if spec.kind == "bar" else "col"
        if spec.stacked:
            chart.grouping, chart.overlap = "stacked", 100
        if spec.kind == "bar":  # first row at the top, as in the table
            chart.x_axis.scaling.orientation = "maxMin"
    for key in spec.series:
        at = table.index(key) + 1
        chart.add_data(Reference(ws, min_col=at, min_row=HEADER_ROW,
                                 max_row=HEADER_ROW + count), titles_from_data=True)
    at = table.index(spec.category) + 1
    chart.set_categories(Reference(ws, min_col=at, min_row=HEADER_ROW + 1,
                                   max_row=HEADER_ROW + count))
    chart.title = section.title
    kinds = {table.columns[table.index(k)].kind for k in spec.series}
    chart.y_axis.title = spec.y_title or None
    chart.y_axis.numFmt = money if kinds == {"money"} else "#,##0"
    chart.x_axis.delete = False  # openpyxl 3.1 hides the axes unless told
    chart.y_axis.delete = False
    chart.width, chart.height = 22.0, 11.0
    ws.add_chart(chart, f"{get_column_letter(len(table.columns) + 2)}{HEADER_ROW}")


def render_xlsx(doc: ReportDocument) -> bytes:
    """The workbook's bytes."""
    from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]

    wb = Workbook()
    assert wb.active is not None
    wb.remove(wb.active)
    wb.properties.title = sheet_text(doc.title)
    wb.properties.creator = sheet_text(doc.firm_name) or "casedesk"
    wb.properties.subject = sheet_text(doc.period_text)
    taken: set[str] = set()
    for section in doc.sections:
        if section.table is not None:
            _sheet(wb, doc, section, section.table, taken)
    if not wb.worksheets:
        ws = wb.create_sheet("Report")
        _text_cell(ws["A1"], doc.title)
        _text_cell(ws["A2"], f"{doc.firm_name} · {doc.period_text}")
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_xlsx(document: ReportDocument, path: Path) -> None:
    """Write the workbook whole (atomically), refusing a missing folder before any work."""
    from casedesk.export.report_document import write_report

    write_report(document, path, "xlsx")

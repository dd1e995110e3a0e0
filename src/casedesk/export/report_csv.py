"""The report as one CSV file: a few heading lines (title, firm, period, date made), then each
section as its title, a header row, the rows and the totals row, with a blank line between.

Money and hours are plain decimal strings ("1234.50": no currency sign, no grouping) so a
program can read them back exactly (negative with a minus: "-9412.86"); percentages "112.3";
dates ISO ("2026-03-31"), months ISO too ("2026-03", which spreadsheets and programs read as the
month and which sorts as text). UTF-8 with a
byte-order mark, so Excel opens accents and dashes correctly. Text that a spreadsheet would
take for a formula (starting with = + - @, after any spaces) is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

from casedesk.export.report_document import Cell, ReportDocument
from casedesk.export.report_format import day_text, decimal_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: str) -> str:
    """Text a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text.lstrip(" ").startswith(FORMULA_STARTS) else text


def csv_value(value: Cell, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return decimal_text(value, 1 if kind == "percent" else 2)
    if isinstance(value, date):
        return f"{value:%Y-%m}" if kind == "month" else value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return safe_text(str(value))


def render_csv(doc: ReportDocument) -> bytes:
    """The CSV file's bytes (UTF-8 with BOM, CRLF line ends as RFC 4180 has them)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_text(doc.title)])
    writer.writerow(["Firm", safe_text(doc.firm_name)])
    writer.writerow(["Period", doc.period_text])
    if doc.subtitle:
        writer.writerow(["Filters", safe_text(doc.subtitle)])
    writer.writerow(["Generated", doc.generated_on.isoformat(), day_text(doc.generated_on)])
    writer.writerow(["Currency", doc.currency])
    for section in doc.sections:
        table = section.table
        if table is None:
            continue
        writer.writerow([])
        writer.writerow([safe_text(section.title)])
        writer.writerow([safe_text(c.label) for c in table.columns])
        kinds = [c.kind for c in table.columns]
        for row in table.rows:
            writer.writerow([csv_value(v, k) for v, k in zip(row, kinds, strict=True)])
        if table.totals is not None:
            writer.writerow([csv_value(v, k) for v, k in zip(table.totals, kinds, strict=True)])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def write_csv(document: ReportDocument, path: Path) -> None:
    """Write the CSV whole (atomically), refusing a missing folder before any work."""
    from casedesk.export.report_document import write_report

    write_report(document, path, "csv")

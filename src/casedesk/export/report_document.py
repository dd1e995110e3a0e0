"""A management report as plain data: a title, the firm, the period, and sections that each
hold a table (typed columns, rows of plain values, a totals row) and/or a chart.

The builders (report_build.py) fill it from the services' figures; the screen (the Reports
pane) and the three writers (report_csv.py, report_xlsx.py, report_pdf.py) read it. A chart is
a factory `(width, height) -> Drawing`, so every target lays it out at its own size.
Money cells are `Decimal`, hours `Decimal`, percentages `Decimal` (112.3 means 112.3%), dates
`date`, months `Month` (a date on the 1st that reads "Oct 2020"), counts `int`; totals are
computed here with exact Decimal sums.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Literal

from casedesk.export.report_drawing import Drawing
from casedesk.export.report_format import MONTHS

ColumnKind = Literal["text", "money", "hours", "percent", "date", "month", "int"]
NUMERIC_KINDS: frozenset[str] = frozenset({"money", "hours", "percent", "int"})
Cell = Decimal | str | date | int | None
ChartFactory = Callable[[float, float], Drawing]
FORMATS = ("csv", "xlsx", "pdf")
ZERO = Decimal("0.00")


class Month(date):
    """A calendar month (its first day) in a "month" column: it sorts and compares as the
    date, and reads as a person says it, "Oct 2020" (a writer that knows the kind formats it
    itself: the CSV "2020-10", the XLSX a date cell shown "mmm yyyy")."""

    __slots__ = ()

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month, 1)

    def __str__(self) -> str:
        return f"{MONTHS[self.month - 1]} {self.year}"


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # stable name for programs ("budget", "case_number")
    label: str  # what a person reads ("Budget")
    kind: ColumnKind = "text"

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    totals: tuple[Cell, ...] | None = None

    def index(self, key: str) -> int:
        """The position of the column named `key` (ValueError when there is none)."""
        for n, column in enumerate(self.columns):
            if column.key == key:
                return n
        raise ValueError(f"no column {key!r}")

    def values(self, key: str) -> list[Cell]:
        at = self.index(key)
        return [row[at] for row in self.rows]


@dataclass(frozen=True, slots=True)
class SheetChart:
    """The native chart a spreadsheet gets for a section: its categories and series are
    columns of the section's table (the first `max_rows` rows; the totals row never)."""

    kind: Literal["column", "bar", "line"]
    category: str  # column key
    series: tuple[str, ...]  # column keys
    stacked: bool = False
    max_rows: int | None = None
    y_title: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    table: Table | None = None
    chart: ChartFactory | None = None
    notes: tuple[str, ...] = ()
    sheet_chart: SheetChart | None = None
    table_in_pdf: bool = True  # False: a long series the PDF shows as its chart only


@dataclass(frozen=True, slots=True)
class ReportDocument:
    title: str
    firm_name: str
    period_text: str
    generated_on: date
    currency: str
    sections: tuple[Section, ...]
    subtitle: str = ""  # what else limits it ("Staff: Ann Lee · Practice area: Family")
    kind: str = ""  # "budget", "expenses", "hours", "unbilled"
    notes: tuple[str, ...] = field(default=())  # about the whole report

    @property
    def row_count(self) -> int:
        return sum(len(s.table.rows) for s in self.sections if s.table is not None)


@dataclass(frozen=True, slots=True)
class ReportContext:
    """What every report of one run shares: who, which currency, which period, which filters."""

    firm_name: str
    currency: str
    generated_on: date
    period_text: str = "All dates"
    subtitle: str = ""  # the other filters in words
    case_label: str = ""  # "2026-CV-0001 Smith v. Acme" when one case is reported on
    warning_percent: int = 80
    over_percent: int = 100

    def document(self, title: str, kind: str, sections: tuple[Section, ...],
                 notes: tuple[str, ...] = ()) -> ReportDocument:
        if self.case_label:
            title = f"{title} — {self.case_label}"
        return ReportDocument(title=title, firm_name=self.firm_name,
                              period_text=self.period_text, generated_on=self.generated_on,
                              currency=self.currency, sections=sections,
                              subtitle=self.subtitle, kind=kind, notes=notes)


def money_total(rows: Sequence[Sequence[Cell]], at: int) -> Decimal:
    """The exact sum of a money (or hours) column."""
    return sum((v for r in rows if isinstance(v := r[at], Decimal)), ZERO)


def totals_row(columns: Sequence[Column], rows: Sequence[Sequence[Cell]], *,
               label: str = "Total", summed: Sequence[str] | None = None,
               extra: dict[str, Cell] | None = None) -> tuple[Cell, ...]:
    """'Total' in the first column, the exact sum of each money/hours/int column (or of the
    `summed` ones), the values in `extra` where given, and nothing elsewhere."""
    out: list[Cell] = []
    for n, column in enumerate(columns):
        if extra and column.key in extra:
            out.append(extra[column.key])
        elif n == 0:
            out.append(label)
        elif (column.key in summed) if summed is not None else column.kind in (
                "money", "hours", "int"):
            if column.kind == "int":
                out.append(sum(v for r in rows if isinstance(v := r[n], int)))
            else:
                out.append(money_total(rows, n))
        else:
            out.append(None)
    return tuple(out)


def render(document: ReportDocument, fmt: str) -> bytes:
    """The report as the bytes of a CSV, XLSX or PDF file."""
    if fmt == "csv":
        from casedesk.export.report_csv import render_csv

        return render_csv(document)
    if fmt == "xlsx":
        from casedesk.export.report_xlsx import render_xlsx

        return render_xlsx(document)
    if fmt == "pdf":
        from casedesk.export.report_pdf import render_pdf

        return render_pdf(document)
    raise ValueError(f"unknown report format {fmt!r} (use {', '.join(FORMATS)})")


def write_report(document: ReportDocument, path: Path, fmt: str) -> None:
    """Write the report whole (atomically: the old file or the new one, never a part)."""
    from casedesk.export.files import check_target, write_bytes_atomically

    check_target(path)  # before the work: a missing folder is said at once
    write_bytes_atomically(path, render(document, fmt))

"""Report documents from the monitoring figures (services/budget_report.py).

`budget_report`, `over_budget_report`, `expenses_report`, `hours_report` and
`unbilled_report` read through a plain Reader (the CLI's or the GUI worker's) and hand the rows
to the `*_document` functions, which are pure (tests build the rows by hand). Every table's
totals row is the exact Decimal sum of the column above it.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from casedesk.domain.enums import BudgetLevel
from casedesk.export.report_budget import case_budget_document, firm_budget_document
from casedesk.export.report_chart import (
    expense_series,
    expenses_by_month_chart,
    hours_by_staff_chart,
    unbilled_chart,
)
from casedesk.export.report_document import (
    ZERO,
    Cell,
    Column,
    Month,
    ReportContext,
    ReportDocument,
    Section,
    SheetChart,
    Table,
    totals_row,
)
from casedesk.export.report_format import money_text, period_text, plural
from casedesk.services.budget_rows import (
    ExpenseMonthRow,
    ReportFilters,
    StaffHoursRow,
    UnbilledRow,
    percent,
)

if TYPE_CHECKING:
    from casedesk.persistence.reader import Reader

__all__ = [
    "ReportContext", "budget_report", "case_budget_document", "expenses_document",
    "expenses_report", "firm_budget_document", "hours_document", "hours_report",
    "over_budget_report", "report_context", "unbilled_document", "unbilled_report",
]


def _one(reader: Reader, sql: str, params: dict[str, Any]) -> Any:
    rows = reader.rows(sql, params)
    return rows[0][0] if rows else None


def report_context(reader: Reader, filters: ReportFilters, *, today: date) -> ReportContext:
    """The firm, its currency and thresholds, and the filters in words."""
    from casedesk.services.budget_settings import read_settings

    settings = read_settings(reader)
    firm = _one(reader, "SELECT name FROM firms WHERE deleted_at IS NULL ORDER BY created_at",
                {}) or ""
    parts = []
    if filters.staff_id is not None:
        name = _one(reader, "SELECT name FROM staff WHERE id = :id", {"id": filters.staff_id})
        parts.append(f"Staff: {name or 'unknown'}")
    if filters.practice_area:
        parts.append(f"Practice area: {filters.practice_area}")
    case_label = ""
    if filters.case_id is not None:
        rows = reader.rows("SELECT number, title FROM cases WHERE id = :id",
                           {"id": filters.case_id})
        case_label = " ".join(str(v) for v in rows[0] if v) if rows else ""
    return ReportContext(firm_name=str(firm), currency=settings.currency, generated_on=today,
                         period_text=period_text(filters.date_from, filters.date_to),
                         subtitle=" · ".join(parts), case_label=case_label,
                         warning_percent=settings.warning_percent,
                         over_percent=settings.over_percent)


# -- reading ------------------------------------------------------------------------------------
def budget_report(reader: Reader, *, case_id: uuid.UUID | None = None,
                  filters: ReportFilters | None = None, today: date) -> ReportDocument:
    """One case (budget vs actual vs forecast by phase, bars, burn-up) or, without a case,
    every open case with a budget, over and near budget first."""
    from casedesk.services import budget_report as figures

    filters = filters or ReportFilters()
    if case_id is not None:
        scoped = replace(filters, case_id=case_id, practice_area=None)
        ctx = replace(report_context(reader, scoped, today=today), case_label="")
        status = figures.case_status(reader, case_id, today=today, filters=scoped)
        points = figures.burn_up(reader, case_id, today=today)
        return case_budget_document(status, points, ctx,
                                    period_set=bool(filters.date_from or filters.date_to))
    ctx = report_context(reader, replace(filters, case_id=None), today=today)
    cases = figures.case_summaries(reader, replace(filters, case_id=None), today=today)
    return firm_budget_document(cases, ctx,
                                period_set=bool(filters.date_from or filters.date_to))


def over_budget_report(reader: Reader, *, filters: ReportFilters | None = None, today: date
                       ) -> ReportDocument:
    """The open cases at or past the practice's warning threshold, worst first."""
    from casedesk.services import budget_report as figures

    filters = replace(filters or ReportFilters(), case_id=None)
    ctx = report_context(reader, filters, today=today)
    cases = [c for c in figures.case_summaries(reader, filters, today=today)
             if c.level in (BudgetLevel.OVER, BudgetLevel.WARNING)]
    return firm_budget_document(cases, ctx, title="Cases over or near budget",
                                period_set=bool(filters.date_from or filters.date_to))


def expenses_report(reader: Reader, *, filters: ReportFilters | None = None, today: date
                    ) -> ReportDocument:
    """Expenses by category and by month (one case with `filters.case_id`)."""
    from casedesk.services import budget_report as figures

    filters = filters or ReportFilters()
    return expenses_document(figures.expenses_by_month(reader, filters),
                             report_context(reader, filters, today=today))


def hours_report(reader: Reader, *, filters: ReportFilters | None = None, today: date
                 ) -> ReportDocument:
    """Hours and their value per member of staff."""
    from casedesk.services import budget_report as figures

    filters = filters or ReportFilters()
    return hours_document(figures.hours_by_staff(reader, filters),
                          report_context(reader, filters, today=today))


def unbilled_report(reader: Reader, *, filters: ReportFilters | None = None, today: date
                    ) -> ReportDocument:
    """Billable time and expenses not yet billed, per case."""
    from casedesk.services import budget_report as figures

    filters = filters or ReportFilters()
    return unbilled_document(figures.unbilled(reader, filters),
                             report_context(reader, filters, today=today))


# -- expenses, hours, unbilled ----------------------------------------------------------------
def expenses_document(rows: list[ExpenseMonthRow], ctx: ReportContext) -> ReportDocument:
    """By category (count, amount, share), by month (a column per large category), and the
    full list by month and category."""
    currency = ctx.currency
    by_cat: dict[str, tuple[int, Any]] = {}
    for r in rows:
        count, amount = by_cat.get(r.category, (0, ZERO))
        by_cat[r.category] = (count + r.count, amount + r.amount)
    total = sum((a for _c, a in by_cat.values()), ZERO)
    count = sum(c for c, _a in by_cat.values())
    cat_cols = (Column("category", "Category"), Column("count", "Expenses", "int"),
                Column("amount", "Amount", "money"), Column("share", "Share", "percent"))
    cat_rows = tuple((name, count, amount, percent(amount, total)) for name, (count, amount)
                     in sorted(by_cat.items(), key=lambda kv: (-kv[1][1], kv[0].casefold())))
    split = expense_series(rows)
    series, months = split.columns, split.months
    month_cols = (Column("month", "Month", "month"),
                  *(Column(f"series{n}", name, "money") for n, name in enumerate(series)),
                  Column("total", "Total", "money"))
    month_rows: tuple[tuple[Cell, ...], ...] = tuple(
        (Month.of(m), *(amounts.get(name, ZERO) for name in series),
         sum(amounts.values(), ZERO)) for m, amounts in months.items())
    detail_cols = (Column("month", "Month", "month"), Column("category", "Category"),
                   Column("count", "Expenses", "int"), Column("amount", "Amount", "money"))
    detail_rows = tuple((Month.of(r.month), r.category, r.count, r.amount)
                        for r in sorted(rows, key=lambda r: (r.month, r.category.casefold())))
    top = (f"; the {len(split.named)} largest categories have a column each, the rest are "
           f"under {split.rest}") if split.rest else ""

    def chart(width: float, height: float) -> Any:
        return expenses_by_month_chart(rows, width=width, height=height, currency=currency)

    sections = (
        Section("Expenses by category", Table(cat_cols, cat_rows, totals_row(
            cat_cols, cat_rows, extra={"share": percent(total, total)})),
            notes=(f"{money_text(total, currency)} in {plural(count, 'expense')}.",),
            sheet_chart=SheetChart("bar", "category", ("amount",), max_rows=15)),
        Section("Expenses by month", Table(month_cols, month_rows,
                                           totals_row(month_cols, month_rows)),
                chart=chart, notes=(f"By the day each expense was paid{top}.",),
                sheet_chart=SheetChart("column", "month", tuple(
                    c.key for c in month_cols[1:-1]), stacked=True)),
        Section("Expenses by month and category", Table(detail_cols, detail_rows,
                                                        totals_row(detail_cols, detail_rows)),
                table_in_pdf=False),
    )
    return ctx.document("Expenses", "expenses", sections)


def hours_document(rows: list[StaffHoursRow], ctx: ReportContext) -> ReportDocument:
    """Per person: hours, billable and not, and their value at the rates."""
    cols = (Column("staff", "Staff"), Column("hours", "Hours", "hours"),
            Column("billable_hours", "Billable hours", "hours"),
            Column("nonbillable_hours", "Not billable", "hours"),
            Column("billable_share", "% billable", "percent"),
            Column("amount", "Value", "money"), Column("billable_amount", "Billable value",
                                                       "money"))
    ordered = sorted(rows, key=lambda r: (-r.hours, r.staff_name.casefold()))
    table_rows = tuple((r.staff_name, r.hours, r.billable_hours, r.hours - r.billable_hours,
                        percent(r.billable_hours, r.hours), r.amount, r.billable_amount)
                       for r in ordered)
    hours = sum((r.hours for r in rows), ZERO)
    billable = sum((r.billable_hours for r in rows), ZERO)
    totals = totals_row(cols, table_rows, extra={"billable_share": percent(billable, hours)})

    def chart(width: float, height: float) -> Any:
        return hours_by_staff_chart(rows, width=width, height=height)

    section = Section("Hours by staff", Table(cols, table_rows, totals), chart=chart,
                      notes=("Value = hours x each entry's rate, billable or not.",),
                      sheet_chart=SheetChart("bar", "staff",
                                             ("billable_hours", "nonbillable_hours"),
                                             stacked=True, max_rows=25, y_title="Hours"))
    return ctx.document("Hours by staff", "hours", (section,))


def unbilled_document(rows: list[UnbilledRow], ctx: ReportContext) -> ReportDocument:
    """Per case: billable fees and expenses not yet billed, largest first."""
    cols = (Column("case_number", "Case"), Column("case_title", "Title"),
            Column("fees", "Fees", "money"), Column("expenses", "Expenses", "money"),
            Column("total", "Total", "money"), Column("hours", "Hours", "hours"),
            Column("oldest_on", "Oldest entry", "date"))
    ordered = sorted(rows, key=lambda r: (-r.total, r.case_number))
    table_rows = tuple((r.case_number, r.case_title, r.fees, r.expenses, r.total, r.hours,
                        r.oldest_on) for r in ordered)
    oldest = min((r.oldest_on for r in rows if r.oldest_on), default=None)
    totals = totals_row(cols, table_rows, extra={"oldest_on": oldest})

    def chart(width: float, height: float) -> Any:
        return unbilled_chart(rows, width=width, height=height, currency=ctx.currency)

    section = Section("Unbilled by case", Table(cols, table_rows, totals), chart=chart,
                      notes=("Billable time and expenses not yet marked as billed.",),
                      sheet_chart=SheetChart("bar", "case_number", ("fees", "expenses"),
                                             stacked=True, max_rows=15))
    return ctx.document("Unbilled time and expenses", "unbilled", (section,))

"""The budget reports as documents: one case (summary figures, budget vs actual vs forecast by
phase with bars, the burn-up) and every open case (over and near budget first, with bars of
the cases that used most of their budget). Pure functions of the services' rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from casedesk.domain.enums import BudgetLevel, FeeArrangement
from casedesk.export.report_chart import (
    budget_vs_actual_chart,
    burn_up_chart,
    cases_budget_chart,
    phase_label,
)
from casedesk.export.report_document import (
    Cell,
    Column,
    ReportContext,
    ReportDocument,
    Section,
    SheetChart,
    Table,
    totals_row,
)
from casedesk.export.report_format import day_text, hours_text, percent_text, plural
from casedesk.services.budget_rows import (
    ZERO,
    BurnPoint,
    CaseBudgetStatus,
    CaseBudgetSummary,
    PhaseFigures,
    level_for,
    percent,
)

LEVEL_TEXT = {BudgetLevel.OVER: "Over budget", BudgetLevel.WARNING: "Near budget",
              BudgetLevel.OK: "Within budget", BudgetLevel.NONE: "No budget"}
_RANK = {BudgetLevel.OVER: 0, BudgetLevel.WARNING: 1, BudgetLevel.OK: 2, BudgetLevel.NONE: 3}
ACTUAL_NOTE = ("Actual = fees at the staff's rates (billable or not) plus expenses; the budget "
               "is the current revision.")
PERIOD_NOTE = "Only time and expenses dated in the period count as actual; budgets stay whole."


def phase_status(phase: PhaseFigures, ctx: ReportContext) -> str:
    """'Over budget', 'Near budget', 'Within budget', or 'Not budgeted' (spent, no budget)."""
    if phase.budget <= 0:
        return "Not budgeted" if phase.actual > 0 else ""
    level = level_for(phase.percent_used, warning_percent=ctx.warning_percent,
                      over_percent=ctx.over_percent)
    return LEVEL_TEXT[level]


def _summary(status: CaseBudgetStatus, currency: str, period_set: bool) -> Section:
    budget = status.budget
    rows: list[tuple[Cell, ...]] = [
        (f"Budget (revision {budget.revision})" if budget else "Budget (none set)",
         status.budget_total),
        ("Actual" + (" in the period" if period_set else " to date"), status.actual_total),
        ("   of which fees", status.actual_fees),
        ("   of which expenses", status.actual_expenses),
        ("Remaining", status.remaining),
        ("Burn rate (per 30 days)", status.burn_rate),
        ("Forecast from the burn rate", status.forecast_from_burn),
        ("Forecast from the phases", status.forecast_from_phases),
        ("Forecast at completion", status.forecast),
        ("Unbilled", status.unbilled),
    ]
    if budget is not None and budget.fee_arrangement is not FeeArrangement.HOURLY:
        name = ("Fixed fee" if budget.fee_arrangement is FeeArrangement.FIXED_FEE
                else f"Expected fee ({budget.contingency_percent}% contingency)")
        rows.append((name, budget.expected_fee))
    used = status.percent_used
    notes = [f"Budget used: {percent_text(used)} — {LEVEL_TEXT[status.level].lower()} "
             f"(near at {status.warning_percent}%, over at {status.over_percent}%)."
             if used is not None else "No budget is set for this case."]
    if budget is not None and budget.planned_end_on is not None:
        notes.append(f"Planned end: {day_text(budget.planned_end_on)}.")
    elif budget is not None:
        notes.append("No planned end date, so no forecast from the burn rate.")
    if status.exhausted_on is not None:
        notes.append(f"At the current burn rate the budget runs out on "
                     f"{day_text(status.exhausted_on)}.")
    notes.append(f"Hours worked: {hours_text(status.hours)}.")
    notes.append(ACTUAL_NOTE)
    if period_set:
        notes.append(PERIOD_NOTE)
    cols = (Column("figure", "Figure"), Column("amount", "Amount", "money"))
    return Section("Summary", Table(cols, tuple(rows)), notes=tuple(notes))


def _phases(status: CaseBudgetStatus, ctx: ReportContext) -> Section:
    cols = (Column("phase", "Phase"), Column("budget", "Budget", "money"),
            Column("actual", "Actual", "money"), Column("remaining", "Remaining", "money"),
            Column("forecast", "Forecast", "money"),
            Column("percent_used", "% used", "percent"), Column("hours", "Hours", "hours"),
            Column("level", "Status"))
    rows = tuple((phase_label(p.phase), p.budget, p.actual, p.remaining, p.forecast,
                  p.percent_used, p.hours, phase_status(p, ctx)) for p in status.phases)
    budget = sum((p.budget for p in status.phases), ZERO)
    actual = sum((p.actual for p in status.phases), ZERO)
    totals = totals_row(cols, rows, extra={"percent_used": percent(actual, budget),
                                           "level": LEVEL_TEXT[status.level]})
    phases, currency = status.phases, status.currency

    def chart(width: float, height: float) -> Any:
        return budget_vs_actual_chart(phases, width=width, height=height, currency=currency)

    if budget <= 0:  # nothing is over a budget that does not exist
        notes: tuple[str, ...] = (
            ("No budget is set for this case: the bars show what was spent in each phase.",)
            if actual > 0 else ())
    else:
        overs = [phase_label(p.phase) for p in phases if p.actual > p.budget]
        notes = ((f"Over budget: {', '.join(overs)} (marked “over” in the chart).",) if overs
                 else ())
    return Section("Budget vs actual by phase", Table(cols, rows, totals), chart=chart,
                   notes=notes, sheet_chart=SheetChart("column", "phase",
                                                       ("budget", "actual")))


def _burn_up(status: CaseBudgetStatus, points: Sequence[BurnPoint], period_set: bool
             ) -> Section:
    cols = (Column("on", "Week ending", "date"), Column("actual", "Actual to date", "money"),
            Column("budget", "Budget", "money"))
    rows = tuple((p.on, p.actual, p.budget) for p in sorted(points, key=lambda p: p.on))
    line = list(points)
    end = status.budget.planned_end_on if status.budget else None
    currency = status.currency

    def chart(width: float, height: float) -> Any:
        return burn_up_chart(line, width=width, height=height, currency=currency,
                             planned_end_on=end)

    notes = ["What was spent, added up week by week, against the budget in force each week."]
    if period_set:
        notes.append("The burn-up covers all dates, not only the period.")
    return Section("Burn-up", Table(cols, rows), chart=chart, notes=tuple(notes),
                   sheet_chart=SheetChart("line", "on", ("actual", "budget")),
                   table_in_pdf=False)


def case_budget_document(status: CaseBudgetStatus, points: Sequence[BurnPoint],
                         ctx: ReportContext, *, period_set: bool = False) -> ReportDocument:
    """One case: the summary figures, budget vs actual vs forecast by phase, the burn-up."""
    label = " ".join(v for v in (status.case_number, status.case_title) if v)
    sections = (_summary(status, status.currency, period_set), _phases(status, ctx),
                _burn_up(status, points, period_set))
    return ctx.document(f"Budget vs actual — {label}", "budget", sections)


def sorted_cases(cases: Sequence[CaseBudgetSummary]) -> list[CaseBudgetSummary]:
    """Over budget first, then near, within, and cases without a budget; the services' order
    (highest share used first) within each."""
    return sorted(cases, key=lambda c: _RANK[c.level])


def firm_budget_document(cases: Sequence[CaseBudgetSummary], ctx: ReportContext, *,
                         title: str = "Budget report — open cases",
                         period_set: bool = False) -> ReportDocument:
    """Every open case with a budget (and those with spending but none, last)."""
    ordered = sorted_cases(cases)
    cols = (Column("case_number", "Case"), Column("case_title", "Title"),
            Column("practice_area", "Practice area"), Column("responsible", "Responsible"),
            Column("budget", "Budget", "money"), Column("actual", "Actual", "money"),
            Column("forecast", "Forecast", "money"),
            Column("percent_used", "% used", "percent"), Column("level", "Status"),
            Column("unbilled", "Unbilled", "money"))
    rows = tuple((c.case_number, c.case_title, c.practice_area, c.responsible_name, c.budget,
                  c.actual, c.forecast, c.percent_used, LEVEL_TEXT[c.level], c.unbilled)
                 for c in ordered)
    totals = totals_row(cols, rows)
    over = sum(1 for c in cases if c.level is BudgetLevel.OVER)
    near = sum(1 for c in cases if c.level is BudgetLevel.WARNING)
    budgeted = sum(1 for c in cases if c.level is not BudgetLevel.NONE)
    without = len(cases) - budgeted
    notes = [f"{plural(over, 'case')} over budget and {near} near budget (at or past "
             f"{ctx.warning_percent}% of it), of {plural(budgeted, 'open case')} with a budget."]
    if without:
        notes.append(f"{plural(without, 'open case')} with time or expenses but no budget "
                     "(listed last).")
    notes.append(ACTUAL_NOTE)
    if period_set:
        notes.append(PERIOD_NOTE)
    currency = ctx.currency
    worst = list(ordered)

    def chart(width: float, height: float) -> Any:
        return cases_budget_chart(worst, width=width, height=height, currency=currency)

    section = Section("Open cases", Table(cols, rows, totals), chart=chart, notes=tuple(notes),
                      sheet_chart=SheetChart("column", "case_number", ("budget", "actual"),
                                             max_rows=min(15, budgeted)))
    return ctx.document(title, "budget", (section,))

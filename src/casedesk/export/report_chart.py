"""The reports' charts, each laid out once as a `Drawing` (report_drawing.py) that the screen
(ui/widgets/chart_canvas.py) and the PDF (report_pdf.py) paint alike.

- budget vs actual by phase (and by case, firm-wide) as horizontal bars, so that every phase
  name and case number reads in full: the budget a wide light bar, the actual a narrower one
  over it; an actual over its budget is drawn in the "over" role *and* its figures say "over"
  (never colour alone);
- burn-up: cumulative actual against the budget in force (report_chart_time.py);
- expenses by month, stacked by category (the largest five, then "Other");
- hours by staff and unbilled by case, as horizontal bars.

Each function takes the rows the services return (services/budget_rows.py), a width and a
height in drawing units, and copes with no rows ("No data for this period"), one row, zeros
and very large amounts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from casedesk.domain.enums import BudgetLevel
from casedesk.export.report_chart_time import burn_up_chart, month_range
from casedesk.export.report_drawing import (
    FONT,
    NO_DATA,
    SMALL,
    ChartFactory,
    Drawing,
    LegendEntry,
    Line,
    Rect,
    Text,
    elide,
    empty_drawing,
    nice_ticks,
    text_width,
)
from casedesk.export.report_format import (
    hours_text,
    money_text,
    month_text,
    percent_text,
    plural,
    short_hours,
    short_money,
)
from casedesk.export.report_layout import (
    Bar,
    Compare,
    Group,
    Row,
    Segment,
    bar_rows_chart,
    column_chart,
    compare_rows_chart,
)
from casedesk.services.budget_rows import (
    ZERO,
    CaseBudgetSummary,
    ExpenseMonthRow,
    PhaseFigures,
    StaffHoursRow,
    UnbilledRow,
    percent,
)

__all__ = [
    "FONT", "NO_DATA", "SMALL", "ChartFactory", "Drawing", "LegendEntry", "Line", "Rect",
    "Text", "budget_vs_actual_chart", "burn_up_chart", "cases_budget_chart", "elide",
    "empty_drawing", "expenses_by_month_chart", "hours_by_staff_chart", "nice_ticks",
    "phase_label", "text_width", "unbilled_chart",
]

OVER_WORD = "over budget"
NEAR_WORD = "near budget"
TOP_CASES = 15  # the firm-wide bars show the cases that used most of their budget
TOP_UNBILLED = 15  # and the cases with most unbilled
TOP_CATEGORIES = 5  # expenses by month: the largest categories, then "Other"
OTHER = "Other"


def phase_label(phase: str) -> str:
    """A phase as shown: entries without one (NO_PHASE, "") are "(no phase)"."""
    return phase or "(no phase)"


def _compare_row(label: str, budget: Decimal, actual: Decimal, currency: str,
                 about: str = "", keep: int = 0, near: bool = False) -> Compare:
    """A budget-vs-actual row; an actual past the budget says "over budget" in words too (and
    a case `near` its budget, "near budget")."""
    over = actual > budget
    name = f"{label} ({about})" if about else label
    used = percent(actual, budget)
    tip = f"{name}: actual {money_text(actual, currency)}"
    if used is not None:
        tip += f", {percent_text(used)} of the budget"
    if over:
        tip += f"; over budget by {money_text(actual - budget, currency)}"
    spent = short_money(float(actual), currency)
    if budget > 0:
        value = f"{spent} of {short_money(float(budget), currency)}"
    else:
        value = f"{spent}, no budget" if actual > 0 else ""
    short = spent if actual > 0 or budget > 0 else ""
    if over:
        value += f" — {OVER_WORD}"
        short += " — over"
    elif near:
        value += f" — {NEAR_WORD}"
        short += " — near"
    return Compare(f"{label}  {about}" if about else label, float(budget), float(actual),
                   value, over, f"{name}: budget {money_text(budget, currency)}", tip, keep,
                   near and not over, short)


def _budget_legend(rows: Sequence[Compare]) -> list[LegendEntry]:
    entries = [LegendEntry("budget", "Budget"), LegendEntry("actual", "Actual")]
    if any(r.over for r in rows):
        entries.append(LegendEntry("over", "Actual over budget"))
    return entries


def _overs_text(overs: list[tuple[str, Decimal, Decimal]], currency: str, what: str) -> str:
    if not overs:
        return f" No {what} is over budget."
    listed = "; ".join(f"{name} (actual {money_text(a, currency)} of "
                       f"{money_text(b, currency)})" for name, b, a in overs[:5])
    more = f" and {len(overs) - 5} more" if len(overs) > 5 else ""
    return f" Over budget: {listed}{more}."


def budget_vs_actual_chart(phases: Sequence[PhaseFigures], *, width: float, height: float,
                           currency: str = "USD",
                           title: str = "Budget vs actual by phase") -> Drawing:
    """Budget and actual side by side for each phase (without any budget, what was spent:
    nothing is "over" a budget that was never set)."""
    if not phases or all(p.budget == 0 and p.actual == 0 for p in phases):
        return empty_drawing(width, height, title)
    budget = sum((p.budget for p in phases), ZERO)
    actual = sum((p.actual for p in phases), ZERO)
    if budget == 0:
        spent = [Compare(phase_label(p.phase), 0.0, float(p.actual),
                         short_money(float(p.actual), currency), actual_tip=(
                             f"{phase_label(p.phase)}: actual {money_text(p.actual, currency)}"))
                 for p in phases]
        return compare_rows_chart(
            spent, width=width, height=height, title=title,
            summary=f"{title}: no budget is set; actual {money_text(actual, currency)}.",
            entries=[LegendEntry("actual", "Actual (no budget set)")],
            axis_label=lambda v: short_money(v, currency))
    rows = [_compare_row(phase_label(p.phase), p.budget, p.actual, currency) for p in phases]
    overs = [(phase_label(p.phase), p.budget, p.actual) for p in phases if p.actual > p.budget]
    summary = (f"{title}, {plural(len(phases), 'phase')}: budget {money_text(budget, currency)}"
               f", actual {money_text(actual, currency)}." + _overs_text(overs, currency,
                                                                          "phase"))
    return compare_rows_chart(rows, width=width, height=height, title=title, summary=summary,
                              entries=_budget_legend(rows),
                              axis_label=lambda v: short_money(v, currency))


def _worst(cases: Sequence[CaseBudgetSummary], top: int) -> list[CaseBudgetSummary]:
    budgeted = [c for c in cases if c.level is not BudgetLevel.NONE and c.budget > 0]
    budgeted.sort(key=lambda c: (-(c.percent_used or ZERO), -c.actual, c.case_number))
    return budgeted[:top]


def cases_budget_chart(cases: Sequence[CaseBudgetSummary], *, width: float, height: float,
                       currency: str = "USD", top: int = TOP_CASES,
                       title: str = "Budget vs actual: the cases that used most") -> Drawing:
    """Budget and actual of the `top` cases with the highest share of their budget used."""
    worst = _worst(cases, top)
    if not worst:
        return empty_drawing(width, height, title)
    rows = [_compare_row(c.case_number, c.budget, c.actual, currency, c.case_title,
                         keep=len(c.case_number), near=c.level is BudgetLevel.WARNING)
            for c in worst]
    overs = [(c.case_number, c.budget, c.actual) for c in worst if c.actual > c.budget]
    summary = (f"{title}: {plural(len(worst), 'case')}, from {worst[0].case_number} "
               f"({percent_text(worst[0].percent_used)} used)." + _overs_text(overs, currency,
                                                                             "case"))
    return compare_rows_chart(rows, width=width, height=height, title=title, summary=summary,
                              entries=_budget_legend(rows),
                              axis_label=lambda v: short_money(v, currency))


def _categories(rows: Sequence[ExpenseMonthRow], top: int) -> list[str]:
    totals: dict[str, Decimal] = {}
    for row in rows:
        totals[row.category] = totals.get(row.category, ZERO) + row.amount
    ranked = sorted(totals, key=lambda c: (-totals[c], c.casefold()))
    return ranked[:top] if len(ranked) > top + 1 else ranked


@dataclass(frozen=True, slots=True)
class ExpenseSeries:
    """Expenses by month in columns: the largest categories by name, the rest together."""

    named: tuple[str, ...]  # largest first
    rest: str | None  # "Other" (or "All others" when a category is called Other); None: none
    months: dict[date, dict[str, Decimal]]  # every month first to last; amount per column

    @property
    def columns(self) -> list[str]:
        return [*self.named, *([self.rest] if self.rest else [])]


def expense_series(rows: Sequence[ExpenseMonthRow], top: int = TOP_CATEGORIES
                   ) -> ExpenseSeries:
    """The `top` largest categories by name and the rest together, for every month from the
    first to the last (months without expenses included)."""
    named = _categories(rows, top)
    rest = None
    if any(r.category not in named for r in rows):
        rest = OTHER if OTHER not in named else "All others"
    months: dict[date, dict[str, Decimal]] = {}
    if rows:
        for month in month_range(min(r.month for r in rows), max(r.month for r in rows)):
            months[month] = {}
    for row in rows:
        key = row.category if row.category in named else str(rest)
        cell = months[row.month.replace(day=1)]
        cell[key] = cell.get(key, ZERO) + row.amount
    return ExpenseSeries(tuple(named), rest, months)


def _month_label_step(count: int, width: float) -> int:
    """Label every 1st, 2nd, 3rd, 6th or 12th month (or every n years) so labels fit."""
    room = max(width - FONT * 6, 1.0) / max(count, 1)
    widest = text_width("May 2026", SMALL) + 2 * FONT * 0.4
    for step in (1, 2, 3, 6, 12):
        if room * step >= widest:
            return step
    return 12 * math.ceil(widest / (room * 12))


def expenses_by_month_chart(rows: Sequence[ExpenseMonthRow], *, width: float, height: float,
                            currency: str = "USD", top: int = TOP_CATEGORIES,
                            title: str = "Expenses by month") -> Drawing:
    """A column per month, stacked by category (the `top` largest, then "Other")."""
    if not rows or all(r.amount == 0 for r in rows):
        return empty_drawing(width, height, title)
    series = expense_series(rows, top)
    columns, months = series.columns, series.months
    roles = {name: f"series{n}" for n, name in enumerate(series.named)}
    if series.rest:
        roles[series.rest] = "other"
    step = _month_label_step(len(months), width)
    groups, labelled = [], False
    for month, amounts in months.items():
        segments = tuple(Segment(roles[name], float(amounts[name]), f"{month_text(month)}: "
                                 f"{name} {money_text(amounts[name], currency)}")
                         for name in columns if amounts.get(name))
        shown = (month.month - 1) % min(step, 12) == 0 and (
            step <= 12 or month.year % (step // 12) == 0)
        label = ""
        if shown:
            label = month_text(month, with_year=not labelled or month.month == 1)
            labelled = True
        groups.append(Group(label, (Bar(segments),)))
    total = sum((r.amount for r in rows), ZERO)
    biggest = columns[0]
    biggest_total = sum((m.get(biggest, ZERO) for m in months.values()), ZERO)
    summary = (f"{title}, {month_text(min(months))} to {month_text(max(months))} "
               f"({plural(len(months), 'month')}): "
               f"{money_text(total, currency)} in all; the largest category is {biggest} "
               f"({money_text(biggest_total, currency)}).")
    entries = [LegendEntry(roles[name], elide(name, text_width("M", SMALL) * 22, SMALL))
               for name in columns]
    return column_chart(groups, width=width, height=height, title=title, summary=summary,
                        entries=entries, axis_label=lambda v: short_money(v, currency),
                        label_every=step)


def hours_by_staff_chart(rows: Sequence[StaffHoursRow], *, width: float, height: float,
                         title: str = "Hours by staff") -> Drawing:
    """A bar per person, most hours first: billable, then not billable."""
    people = sorted((r for r in rows if r.hours > 0),
                    key=lambda r: (-r.hours, r.staff_name.casefold()))
    if not people:
        return empty_drawing(width, height, title)
    bars = []
    for r in people:
        other = r.hours - r.billable_hours
        bars.append(Row(r.staff_name, (
            Segment("billable", float(r.billable_hours),
                    f"{r.staff_name}: {hours_text(r.billable_hours)} billable hours"),
            Segment("nonbillable", float(other),
                    f"{r.staff_name}: {hours_text(other)} hours not billable")),
            f"{hours_text(r.hours)} h"))
    total = sum((r.hours for r in people), ZERO)
    billable = sum((r.billable_hours for r in people), ZERO)
    summary = (f"{title}: {plural(len(people), 'person', 'people')}, {hours_text(total)} hours "
               f"in all, {hours_text(billable)} billable; most: {people[0].staff_name} "
               f"({hours_text(people[0].hours)} hours).")
    return bar_rows_chart(bars, width=width, height=height, title=title, summary=summary,
                          entries=[LegendEntry("billable", "Billable"),
                                   LegendEntry("nonbillable", "Not billable")],
                          axis_label=short_hours)


def unbilled_chart(rows: Sequence[UnbilledRow], *, width: float, height: float,
                   currency: str = "USD", title: str = "Unbilled by case",
                   top: int = TOP_UNBILLED) -> Drawing:
    """A bar per case for the `top` cases with most unbilled, largest first: fees, then
    expenses; the rest are counted under the chart."""
    cases = sorted((r for r in rows if r.total > 0), key=lambda r: (-r.total, r.case_number))
    if not cases:
        return empty_drawing(width, height, title)
    bars = [Row(f"{r.case_number}  {r.case_title}" if r.case_title else r.case_number, (
        Segment("fees", float(r.fees), f"{r.case_number} ({r.case_title}): unbilled fees "
                                       f"{money_text(r.fees, currency)}"),
        Segment("expenses", float(r.expenses), f"{r.case_number} ({r.case_title}): unbilled "
                                               f"expenses {money_text(r.expenses, currency)}")),
        short_money(float(r.total), currency), len(r.case_number)) for r in cases[:top]]
    total = sum((r.total for r in cases), ZERO)
    summary = (f"{title}: {money_text(total, currency)} unbilled on "
               f"{plural(len(cases), 'case')}; the most on {cases[0].case_number} "
               f"({money_text(cases[0].total, currency)}).")
    return bar_rows_chart(bars, width=width, height=height, title=title, summary=summary,
                          entries=[LegendEntry("fees", "Fees"),
                                   LegendEntry("expenses", "Expenses")],
                          axis_label=lambda v: short_money(v, currency),
                          more=max(len(cases) - top, 0))

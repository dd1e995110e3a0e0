"""Budget monitoring and the management reports, read with plain SQL over a Reader.

The figures (the same on the Budget tab, in the coming-up list, in reports and exports):

- **actual** = fees (the amount of every time entry, billable or not: the cost of the work)
  plus expenses. Deleted entries, and entries of deleted cases, never count.
- **budget** = the total of the case's current budget revision (fees and expense lines).
  Period filters never change the budget; they limit the entries counted as actual.
- **as of**: today, or the end of the period (`date_to`) when that is earlier, so a report on
  a past period shows the burn rate and forecasts as they stood at its end.
- **burn rate** = actual dated in the 90 days ending on the as-of day, divided by 3 (an amount
  per 30 days). When the first entry is less than 90 days old, actual since the first entry /
  (days since the first entry + 1) x 30 instead, but never over fewer than 30 days (one day's
  work is not a monthly rate). Rounded half up to the cent; the forecasts
  use the rate as shown, so a person can redo them from the figures on screen.
- **forecast from the burn rate** = actual + burn rate x (days from the as-of day to the
  budget's planned end) / 30; just the actual when the planned end is past; none without one.
- **forecast from the phases** = the sum over phases of the larger of the phase's budget and
  its actual (a phase over budget is expected to stay over; one under is expected to use it).
- **percent used** = actual / budget x 100 (one decimal); the **level** (of that percentage, as
  shown) is OVER at or past the practice's over-budget threshold (100% unless it set another),
  WARNING at or past its warning threshold (80%), NONE without a budget (or one of 0).
- **budget runs out** = as-of day + remaining / burn rate x 30 days (rounded up to the day it
  runs out), when something remains and the burn rate is above zero.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from casedesk.domain.enums import BudgetKind, BudgetLevel, CaseStatus, FeeArrangement
from casedesk.domain.errors import NotFound
from casedesk.domain.money import from_basis_points, from_cents, from_hours_centi
from casedesk.persistence.reader import Reader, as_date, as_opt_uuid, as_utc, as_uuid
from casedesk.services import budget_report_sql as sql
from casedesk.services.budget_rows import (
    NO_PHASE,
    ZERO,
    BudgetLineRow,
    BudgetRevisionRow,
    BudgetSettings,
    BurnPoint,
    CaseBudgetStatus,
    CaseBudgetSummary,
    ExpenseMonthRow,
    FirmReport,
    PhaseFigures,
    ReportFilters,
    StaffHoursRow,
    UnbilledRow,
    level_for,
    percent,
)
from casedesk.services.budget_settings import read_settings

BURN_WINDOW_DAYS = 90  # the burn rate looks at the last 90 days...
BURN_PER_DAYS = 30  # ...and is told per 30 days
CENT = Decimal("0.01")


def _money(cents: Any) -> Decimal:
    """A SUM of cents (None when nothing was added; Decimal on PostgreSQL) as money."""
    return from_cents(int(cents or 0)) or ZERO


def _hours(centi: Any) -> Decimal:
    return from_hours_centi(int(centi or 0)) or ZERO


def _stamp(value: Any) -> datetime:
    stamp = as_utc(value)
    if stamp is None:  # created_at is NOT NULL
        raise ValueError("a budget revision without created_at")
    return stamp


# -- the definitions ------------------------------------------------------------------------------
def as_of_day(today: date, filters: ReportFilters | None) -> date:
    """The day burn rate and forecasts are taken at: today, or an earlier end of the period."""
    if filters is not None and filters.date_to is not None and filters.date_to < today:
        return filters.date_to
    return today


def burn_window_start(as_of: date) -> date:
    if as_of.toordinal() < BURN_WINDOW_DAYS:  # a period ending in the first days of year 1
        return date.min
    return as_of - timedelta(days=BURN_WINDOW_DAYS - 1)


def burn_rate(recent: Decimal, first_on: date | None, as_of: date) -> Decimal:
    """Spent per 30 days: `recent` (the actual dated in the 90 days ending `as_of`) over 90
    days, or over the days since the first entry when it is less than 90 days old (at least
    30: a first week's work is not extrapolated to a month)."""
    if first_on is None or first_on > as_of:
        return ZERO
    days = max(BURN_PER_DAYS, min(BURN_WINDOW_DAYS, (as_of - first_on).days + 1))
    return (recent * BURN_PER_DAYS / days).quantize(CENT, rounding=ROUND_HALF_UP)


def forecast_from_burn(actual: Decimal, rate: Decimal, planned_end_on: date | None,
                       as_of: date) -> Decimal | None:
    """Actual plus the burn rate until the planned end (None without a planned end)."""
    if planned_end_on is None:
        return None
    if planned_end_on <= as_of:
        return actual
    days = (planned_end_on - as_of).days
    return (actual + rate * days / BURN_PER_DAYS).quantize(CENT, rounding=ROUND_HALF_UP)


def exhausted_on(remaining: Decimal, rate: Decimal, as_of: date) -> date | None:
    """The day the budget runs out at the burn rate (None when nothing remains or no burn)."""
    if rate <= 0 or remaining <= 0:
        return None
    days = math.ceil(remaining * BURN_PER_DAYS / rate)
    try:
        return as_of + timedelta(days=days)
    except OverflowError:  # a tiny burn rate against a large budget: not in any calendar
        return None


def _forecast(from_burn: Decimal | None, from_phases: Decimal) -> Decimal:
    return from_phases if from_burn is None else max(from_burn, from_phases)


# -- one case -------------------------------------------------------------------------------------
def _current_budget(reader: Reader, case_id: uuid.UUID) -> BudgetRevisionRow | None:
    """The case's current budget revision with its lines (None without one)."""
    rows = reader.rows(sql.CURRENT_BUDGET, {"case_id": case_id})
    if not rows:
        return None
    r = rows[0]
    budget_id = as_uuid(r[0])
    lines = tuple(
        BudgetLineRow(phase=phase or NO_PHASE, kind=BudgetKind(kind), amount=_money(cents),
                      hours=from_hours_centi(hours) if hours is not None else None)
        for phase, kind, cents, hours in reader.rows(sql.LINES, {"budget_id": budget_id}))
    return BudgetRevisionRow(
        id=budget_id, case_id=case_id, revision=int(r[1]), is_current=bool(r[2]),
        fee_arrangement=FeeArrangement(r[3]), fixed_fee=from_cents(r[4]),
        contingency_percent=from_basis_points(r[5]), expected_recovery=from_cents(r[6]),
        planned_end_on=as_date(r[7]), reason=r[8] or "", staff_id=as_opt_uuid(r[9]),
        staff_name=r[10] or "", created_at=_stamp(r[11]), lines=lines, version=int(r[12]))


def _phase_order(budgeted: list[str], actual_only: list[str], settings: BudgetSettings
                 ) -> list[str]:
    """Budgeted phases in the practice's order (then in the budget's order), then phases with
    actuals only (alphabetical), then "(no phase)"."""
    rank = {name.casefold(): i for i, name in enumerate(settings.phases)}
    first = sorted((p for p in budgeted if p != NO_PHASE),
                   key=lambda p: (rank.get(p.casefold(), len(rank)), budgeted.index(p)))
    others = sorted((p for p in actual_only if p not in budgeted and p != NO_PHASE),
                    key=lambda p: (p.casefold(), p))
    tail = [NO_PHASE] if NO_PHASE in budgeted or NO_PHASE in actual_only else []
    return first + others + tail


def case_status(reader: Reader, case_id: uuid.UUID, *, today: date,
                filters: ReportFilters | None = None,
                settings: BudgetSettings | None = None) -> CaseBudgetStatus:
    """One case against its current budget, by phase and in total (module docstring for the
    definitions). `filters` may limit the entries by period and staff member; the budget is
    always the current revision's. NotFound for a missing or deleted case."""
    settings = settings or read_settings(reader)
    case = reader.rows(sql.CASE_ROW, {"case_id": case_id})
    if not case:
        raise NotFound("case", case_id)
    number, title, area, status = case[0]
    budget = _current_budget(reader, case_id)
    flt = replace(filters or ReportFilters(), case_id=case_id, practice_area=None)
    as_of = as_of_day(today, flt)
    params: dict[str, Any] = {}
    union = sql.entries_union(flt, params, as_of=as_of, burn_from=burn_window_start(as_of))
    actuals = {(r[0] or NO_PHASE): r for r in reader.rows(sql.phase_actuals(union), params)}

    budget_fees: dict[str, Decimal] = {}
    budget_expenses: dict[str, Decimal] = {}
    for line in budget.lines if budget else ():
        into = budget_fees if line.kind is BudgetKind.FEES else budget_expenses
        into[line.phase] = into.get(line.phase, ZERO) + line.amount
    budgeted = list(dict.fromkeys(ln.phase for ln in budget.lines)) if budget else []
    phases = []
    for phase in _phase_order(budgeted, list(actuals), settings):
        row = actuals.get(phase)
        phases.append(PhaseFigures(
            phase=phase, budget_fees=budget_fees.get(phase, ZERO),
            budget_expenses=budget_expenses.get(phase, ZERO),
            actual_fees=_money(row[1] if row else 0), actual_expenses=_money(row[2] if row else 0),
            hours=_hours(row[3] if row else 0)))

    def total(index: int) -> int:
        return sum(int(r[index] or 0) for r in actuals.values())

    actual_fees, actual_expenses = _money(total(1)), _money(total(2))
    actual = actual_fees + actual_expenses
    days = [d for r in actuals.values() for d in (as_date(r[5]), as_date(r[6])) if d]
    first_on = min(days) if days else None
    rate = burn_rate(_money(total(4)), first_on, as_of)
    budget_total = budget.total if budget else ZERO
    used = percent(actual, budget_total) if budget else None
    from_phases = sum((p.forecast for p in phases), ZERO)
    return CaseBudgetStatus(
        case_id=case_id, case_number=number, case_title=title, practice_area=area or "",
        case_status=CaseStatus(status), currency=settings.currency, budget=budget,
        phases=tuple(phases), budget_total=budget_total, actual_fees=actual_fees,
        actual_expenses=actual_expenses, hours=_hours(total(3)), unbilled=_money(total(7)),
        burn_rate=rate,
        forecast_from_burn=forecast_from_burn(actual, rate, budget.planned_end_on, as_of)
        if budget else None,
        forecast_from_phases=from_phases, percent_used=used,
        level=level_for(used, warning_percent=settings.warning_percent,
                        over_percent=settings.over_percent),
        exhausted_on=exhausted_on(budget_total - actual, rate, as_of) if budget else None,
        first_entry_on=first_on, last_entry_on=max(days) if days else None,
        warning_percent=settings.warning_percent, over_percent=settings.over_percent)


def _firm_zone(reader: Reader) -> tzinfo:
    rows = reader.rows(sql.FIRM_ZONE)
    try:
        return ZoneInfo(rows[0][0]) if rows and rows[0][0] else UTC
    except (ValueError, ZoneInfoNotFoundError):
        return UTC


def week_end(day: date) -> date:
    """The Sunday ending the (Monday to Sunday) week of `day`."""
    return day + timedelta(days=6 - day.weekday())


def burn_up(reader: Reader, case_id: uuid.UUID, *, today: date) -> list[BurnPoint]:
    """The burn-up line of a case: one point on the first day (the earlier of its first entry
    and its first budget revision), one at the end of every week (Sundays) after it, and one
    today; each with the cumulative actual to that day and the budget total in force on it
    (the newest revision made on or before that day in the firm's time zone; 0 before the
    first). Entries dated after today are not on the line. Empty without entries and budget."""
    daily = [(as_date(d), int(a or 0)) for d, a in reader.rows(sql.daily_actuals(),
                                                                {"case_id": case_id})]
    zone = _firm_zone(reader)
    revisions = []
    for stamp, _revision, cents in reader.rows(sql.REVISION_TOTALS, {"case_id": case_id}):
        created = as_utc(stamp)
        if created is not None:
            revisions.append((created.astimezone(zone).date(), int(cents or 0)))
    starts = [d for d, _a in daily[:1] if d] + [d for d, _c in revisions[:1]]
    if not starts or min(starts) > today:
        return []
    start = min(starts)
    days = [start]
    sunday = week_end(start)
    while sunday < today:
        if sunday != start:
            days.append(sunday)
        sunday += timedelta(days=7)
    if today != start:
        days.append(today)
    points = []
    spent = budget = i = j = 0
    for on in days:
        while i < len(daily) and (daily[i][0] or date.min) <= on:
            spent += daily[i][1]
            i += 1
        while j < len(revisions) and revisions[j][0] <= on:
            budget = revisions[j][1]
            j += 1
        points.append(BurnPoint(on=on, actual=_money(spent), budget=_money(budget)))
    return points


# -- every open case ------------------------------------------------------------------------------
def _sort_key(row: CaseBudgetSummary) -> tuple[bool, Decimal, Decimal, str]:
    used = row.percent_used
    return (used is None, -(used if used is not None else ZERO), -row.actual, row.case_number)


def case_summaries(reader: Reader, filters: ReportFilters, *, today: date,
                   settings: BudgetSettings | None = None) -> list[CaseBudgetSummary]:
    """Open cases with a current budget, worst first (percent used, highest first), then
    open cases with time or expenses but no budget (level NONE, largest actual first).

    With a period, only entries in it count as actual (budgets stay whole); with a staff
    member, only their entries count and only cases they have entries on are listed.
    `forecast` is the larger of the two forecasts (module docstring)."""
    settings = settings or read_settings(reader)
    as_of = as_of_day(today, filters)
    params: dict[str, Any] = {}
    query = sql.case_summaries(reader.dialect, filters, params, as_of=as_of,
                               burn_from=burn_window_start(as_of))
    out = []
    for r in reader.rows(query, params):
        has_budget, entries = r[7] is not None, int(r[14] or 0)
        if filters.staff_id is not None and entries == 0:
            continue
        if not has_budget and entries == 0:
            continue
        budget, actual, from_phases = _money(r[8]), _money(r[9]), _money(r[10])
        planned_end_on = as_date(r[6]) if has_budget else None
        from_burn = None if planned_end_on is None else forecast_from_burn(
            actual, burn_rate(_money(r[11]), as_date(r[12]), as_of), planned_end_on, as_of)
        used = percent(actual, budget) if has_budget else None
        out.append(CaseBudgetSummary(
            case_id=as_uuid(r[0]), case_number=r[1], case_title=r[2], practice_area=r[3] or "",
            responsible_name=r[4] or "",
            fee_arrangement=FeeArrangement(r[5]) if has_budget else None,
            budget=budget, actual=actual, forecast=_forecast(from_burn, from_phases),
            percent_used=used,
            level=level_for(used, warning_percent=settings.warning_percent,
                            over_percent=settings.over_percent),
            unbilled=_money(r[13])))
    out.sort(key=_sort_key)
    return out


def budget_warnings(reader: Reader, *, today: date) -> list[CaseBudgetSummary]:
    """Open cases at or past the practice's warning threshold (WARNING or OVER), worst first:
    the "coming up" list's budget lines."""
    return [s for s in case_summaries(reader, ReportFilters(), today=today)
            if s.level in (BudgetLevel.WARNING, BudgetLevel.OVER)]


# -- firm-wide tables -----------------------------------------------------------------------------
def expenses_by_month(reader: Reader, filters: ReportFilters) -> list[ExpenseMonthRow]:
    """Expenses per month and category (by the day spent), oldest month first, categories
    alphabetical ignoring case (in Python: a server's collation would order them its own way);
    cases open or closed, not deleted."""
    params: dict[str, Any] = {}
    rows = reader.rows(sql.expenses_by_month(reader.dialect, filters, params), params)
    out = [ExpenseMonthRow(month=date.fromisoformat(f"{m}-01"), category=cat,
                           amount=_money(cents), count=int(n))
           for m, cat, cents, n in rows]
    return sorted(out, key=lambda r: (r.month, r.category.casefold(), r.category))


def hours_by_staff(reader: Reader, filters: ReportFilters) -> list[StaffHoursRow]:
    """Hours and their value per staff member (all hours and the billable ones), by name."""
    params: dict[str, Any] = {}
    rows = [StaffHoursRow(staff_id=as_uuid(r[0]), staff_name=r[1] or "", hours=_hours(r[2]),
                          billable_hours=_hours(r[3]), amount=_money(r[4]),
                          billable_amount=_money(r[5]))
            for r in reader.rows(sql.hours_by_staff(reader.dialect, filters, params), params)]
    return sorted(rows, key=lambda r: (r.staff_name.casefold(), str(r.staff_id)))


def unbilled(reader: Reader, filters: ReportFilters) -> list[UnbilledRow]:
    """Per case (open or closed), billable time and expenses not yet on an invoice; the
    largest total first."""
    params: dict[str, Any] = {}
    rows = [UnbilledRow(case_id=as_uuid(r[0]), case_number=r[1], case_title=r[2],
                        fees=_money(r[3]), expenses=_money(r[4]), hours=_hours(r[5]),
                        oldest_on=as_date(r[6]))
            for r in reader.rows(sql.unbilled(filters, params), params)]
    return sorted(rows, key=lambda r: (-r.total, r.case_number))


def _notes(filters: ReportFilters, cases: list[CaseBudgetSummary]) -> tuple[str, ...]:
    notes = ["Actual = fees at the staff's rates (billable or not) plus expenses; budgets are "
             "each case's current revision."]
    if filters.date_from or filters.date_to:
        notes.append("Only time and expenses dated in the period are counted.")
    without = sum(1 for c in cases if c.level is BudgetLevel.NONE)
    if without:
        notes.append(f"{without} open case{'s' if without != 1 else ''} with time or expenses "
                     f"{'have' if without != 1 else 'has'} no budget (listed last).")
    return tuple(notes)


def firm_report(reader: Reader, filters: ReportFilters, *, today: date) -> FirmReport:
    """The firm-wide report: the cases (case_summaries), expenses by month and category,
    hours by staff, unbilled totals; all for the same filters."""
    settings = read_settings(reader)
    name_rows = reader.rows(sql.FIRM_NAME)
    cases = case_summaries(reader, filters, today=today, settings=settings)
    return FirmReport(
        firm_name=(name_rows[0][0] or "") if name_rows else "", currency=settings.currency,
        filters=filters, today=today, cases=tuple(cases),
        expenses_by_month=tuple(expenses_by_month(reader, filters)),
        hours_by_staff=tuple(hours_by_staff(reader, filters)),
        unbilled=tuple(unbilled(reader, filters)),
        warning_percent=settings.warning_percent, over_percent=settings.over_percent,
        notes=_notes(filters, cases))


def case_id_for_number(reader: Reader, number: str) -> uuid.UUID | None:
    """The live case with this number (exact, else the only one ignoring case), or None."""
    number = number.strip()
    rows = reader.rows(sql.CASE_BY_NUMBER, {"number": number})
    if not rows:
        rows = reader.rows(sql.CASE_BY_NUMBER_NOCASE, {"number": number})
        if len(rows) != 1:
            return None
    return as_uuid(rows[0][0])

"""Snapshots of budgets, time entries, expenses and the monitoring and report figures.

Kept apart from the services that fill them so the GUI can import them without SQLAlchemy
(docs/architecture.md, "Cold start"). Money is `Decimal` with two places, hours `Decimal` with
two places; both are exact (they come from integer cents / hundredths in the database).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from casedesk.domain.enums import BudgetKind, BudgetLevel, CaseStatus, FeeArrangement

ZERO = Decimal("0.00")
NO_PHASE = ""  # entries not put under a phase; shown as "(no phase)"


# -- the practice's settings ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class BudgetSettings:
    """The practice's phases, expense categories, activities and warning thresholds."""

    currency: str
    phases: tuple[str, ...]
    expense_categories: tuple[str, ...]
    activities: tuple[str, ...]
    warning_percent: int  # e.g. 80: a case at or past 80% of its budget is "near"
    over_percent: int  # e.g. 100: at or past it the case is "over budget"
    firm_version: int | None  # None before the firm is set up (defaults shown)


# -- a case's budget ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class BudgetLineRow:
    phase: str
    kind: BudgetKind
    amount: Decimal
    hours: Decimal | None = None  # budgeted hours (fees lines), when estimated


@dataclass(frozen=True, slots=True)
class BudgetRevisionRow:
    """One revision of a case's budget (the current one, or an earlier one in the history)."""

    id: uuid.UUID
    case_id: uuid.UUID
    revision: int
    is_current: bool
    fee_arrangement: FeeArrangement
    fixed_fee: Decimal | None
    contingency_percent: Decimal | None
    expected_recovery: Decimal | None
    planned_end_on: date | None
    reason: str
    staff_id: uuid.UUID | None
    staff_name: str
    created_at: datetime
    lines: tuple[BudgetLineRow, ...]
    version: int

    @property
    def fees_total(self) -> Decimal:
        return sum((ln.amount for ln in self.lines if ln.kind is BudgetKind.FEES), ZERO)

    @property
    def expenses_total(self) -> Decimal:
        return sum((ln.amount for ln in self.lines if ln.kind is BudgetKind.EXPENSES), ZERO)

    @property
    def total(self) -> Decimal:
        return self.fees_total + self.expenses_total

    @property
    def expected_fee(self) -> Decimal | None:
        """What the client is expected to pay in fees: the fixed fee, or the contingency
        share of the expected recovery; None for hourly cases (the fees budget is the fee)."""
        if self.fee_arrangement is FeeArrangement.FIXED_FEE:
            return self.fixed_fee
        if self.fee_arrangement is FeeArrangement.CONTINGENCY:
            if self.contingency_percent is None or self.expected_recovery is None:
                return None
            return (self.expected_recovery * self.contingency_percent / 100).quantize(ZERO)
        return None


# -- entries --------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TimeEntryRow:
    id: uuid.UUID
    case_id: uuid.UUID
    case_number: str
    staff_id: uuid.UUID
    staff_name: str
    worked_on: date
    hours: Decimal
    rate: Decimal
    amount: Decimal  # hours x rate, rounded half up to the cent
    phase: str
    activity: str
    description: str
    billable: bool
    billed_on: date | None
    version: int


@dataclass(frozen=True, slots=True)
class ExpenseRow:
    id: uuid.UUID
    case_id: uuid.UUID
    case_number: str
    spent_on: date
    category: str
    vendor: str
    amount: Decimal
    phase: str
    description: str
    billable: bool
    billed_on: date | None
    receipt_document_id: uuid.UUID | None
    receipt_title: str  # "" without a receipt (or when the document was deleted)
    staff_id: uuid.UUID | None
    staff_name: str
    version: int


# -- monitoring -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PhaseFigures:
    """Budget and actual of one phase (fees and expenses)."""

    phase: str  # NO_PHASE for entries without one
    budget_fees: Decimal
    budget_expenses: Decimal
    actual_fees: Decimal
    actual_expenses: Decimal
    hours: Decimal  # hours worked (actual)

    @property
    def budget(self) -> Decimal:
        return self.budget_fees + self.budget_expenses

    @property
    def actual(self) -> Decimal:
        return self.actual_fees + self.actual_expenses

    @property
    def remaining(self) -> Decimal:
        """Budget left (negative when over)."""
        return self.budget - self.actual

    @property
    def forecast(self) -> Decimal:
        """At completion, from the budget: what is spent, or the whole budget if more."""
        return max(self.budget, self.actual)

    @property
    def percent_used(self) -> Decimal | None:
        return percent(self.actual, self.budget)


@dataclass(frozen=True, slots=True)
class BurnPoint:
    """The burn-up line: cumulative actual to `on`, and the budget in force on that day."""

    on: date
    actual: Decimal
    budget: Decimal


@dataclass(frozen=True, slots=True)
class CaseBudgetStatus:
    """One case against its current budget: the Budget tab and the per-case report."""

    case_id: uuid.UUID
    case_number: str
    case_title: str
    practice_area: str
    case_status: CaseStatus
    currency: str
    budget: BudgetRevisionRow | None  # the current revision (None: no budget set)
    phases: tuple[PhaseFigures, ...]  # budgeted phases in the practice's order, then others
    budget_total: Decimal
    actual_fees: Decimal
    actual_expenses: Decimal
    hours: Decimal
    unbilled: Decimal  # billable fees and expenses not yet on an invoice
    burn_rate: Decimal  # spent per 30 days, over the last 90 days (or since the first entry)
    forecast_from_burn: Decimal | None  # actual + burn rate until planned_end_on (None: no end)
    forecast_from_phases: Decimal  # sum over phases of max(budget, actual)
    percent_used: Decimal | None  # actual / budget x 100, None without a budget
    level: BudgetLevel
    exhausted_on: date | None  # at the burn rate, the day the budget runs out (None: n/a)
    first_entry_on: date | None
    last_entry_on: date | None
    warning_percent: int
    over_percent: int

    @property
    def actual_total(self) -> Decimal:
        return self.actual_fees + self.actual_expenses

    @property
    def forecast(self) -> Decimal:
        """The forecast at completion a manager should plan with: the larger of the two."""
        if self.forecast_from_burn is None:
            return self.forecast_from_phases
        return max(self.forecast_from_burn, self.forecast_from_phases)

    @property
    def remaining(self) -> Decimal:
        return self.budget_total - self.actual_total


@dataclass(frozen=True, slots=True)
class CaseBudgetSummary:
    """One case in the firm-wide list (cases over or near budget, the budget report)."""

    case_id: uuid.UUID
    case_number: str
    case_title: str
    practice_area: str
    responsible_name: str
    fee_arrangement: FeeArrangement | None  # None: no budget
    budget: Decimal
    actual: Decimal
    forecast: Decimal
    percent_used: Decimal | None
    level: BudgetLevel
    unbilled: Decimal


# -- firm-wide reports ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ReportFilters:
    """What a report covers. Dates bound the entries (worked_on / spent_on), inclusive."""

    date_from: date | None = None
    date_to: date | None = None
    staff_id: uuid.UUID | None = None
    practice_area: str | None = None
    case_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class ExpenseMonthRow:
    month: date  # the first day of the month
    category: str
    amount: Decimal
    count: int


@dataclass(frozen=True, slots=True)
class StaffHoursRow:
    staff_id: uuid.UUID
    staff_name: str
    hours: Decimal
    billable_hours: Decimal
    amount: Decimal  # value of all the hours at their rates
    billable_amount: Decimal


@dataclass(frozen=True, slots=True)
class UnbilledRow:
    case_id: uuid.UUID
    case_number: str
    case_title: str
    fees: Decimal
    expenses: Decimal
    hours: Decimal
    oldest_on: date | None  # the oldest unbilled entry

    @property
    def total(self) -> Decimal:
        return self.fees + self.expenses


@dataclass(frozen=True, slots=True)
class FirmReport:
    """Everything the firm-wide report shows, for one set of filters."""

    firm_name: str
    currency: str
    filters: ReportFilters
    today: date
    # Open cases with a budget, worst first, then open cases with entries but no budget (NONE).
    cases: tuple[CaseBudgetSummary, ...]
    expenses_by_month: tuple[ExpenseMonthRow, ...]
    hours_by_staff: tuple[StaffHoursRow, ...]
    unbilled: tuple[UnbilledRow, ...]
    warning_percent: int
    over_percent: int
    notes: tuple[str, ...] = field(default=())

    @property
    def over_or_near(self) -> tuple[CaseBudgetSummary, ...]:
        return tuple(c for c in self.cases if c.level in (BudgetLevel.WARNING, BudgetLevel.OVER))


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """part / whole x 100 to one decimal; None when there is no whole to compare with."""
    if whole <= 0:
        return None
    return (part * 100 / whole).quantize(Decimal("0.1"))


def level_for(percent_used: Decimal | None, *, warning_percent: int, over_percent: int
              ) -> BudgetLevel:
    """Where a case stands against the practice's thresholds."""
    if percent_used is None:
        return BudgetLevel.NONE
    if percent_used >= over_percent:
        return BudgetLevel.OVER
    if percent_used >= warning_percent:
        return BudgetLevel.WARNING
    return BudgetLevel.OK


@dataclass(frozen=True, slots=True)
class BudgetLineInput:
    """One line of a budget as entered (services/budgets.set_budget validates it)."""

    phase: str
    kind: BudgetKind | str
    amount: Decimal | str
    hours: Decimal | str | None = None

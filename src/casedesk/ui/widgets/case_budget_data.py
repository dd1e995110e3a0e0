"""What the Budget tab reads (on the DB worker, services imported there) and holds: the
practice's settings, the case's figures and burn-up, its entries, expenses and budget history,
and the staff who can record time."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from casedesk.services.budget_rows import (
    BudgetRevisionRow,
    BudgetSettings,
    BurnPoint,
    CaseBudgetStatus,
    ExpenseRow,
    TimeEntryRow,
)
from casedesk.ui.dialogs.time_entry_dialog import StaffChoice

Figures = tuple[BudgetSettings, CaseBudgetStatus, tuple[BurnPoint, ...]]
Lists = tuple[tuple[TimeEntryRow, ...], tuple[ExpenseRow, ...], tuple[BudgetRevisionRow, ...],
              tuple[StaffChoice, ...]]


@dataclass(frozen=True, slots=True)
class BudgetData:
    """One case's budget tab, read at one moment."""

    case_id: uuid.UUID
    today: date
    settings: BudgetSettings
    status: CaseBudgetStatus
    burn: tuple[BurnPoint, ...]
    time_entries: tuple[TimeEntryRow, ...]
    expenses: tuple[ExpenseRow, ...]
    history: tuple[BudgetRevisionRow, ...]  # newest first
    staff: tuple[StaffChoice, ...]

    @property
    def currency(self) -> str:
        return self.status.currency or self.settings.currency

    @property
    def current(self) -> BudgetRevisionRow | None:
        return self.status.budget

    @property
    def empty(self) -> bool:
        """No budget, no time, no expenses: the tab shows how to begin."""
        return self.current is None and not self.time_entries and not self.expenses


def load_figures(reader: Any, case_id: uuid.UUID, *, today: date) -> Figures:
    """Settings, the case against its budget, and the burn-up points (plain SQL)."""
    from casedesk.services.budget_report import burn_up, case_status
    from casedesk.services.budget_settings import read_settings

    settings = read_settings(reader)
    status = case_status(reader, case_id, today=today, settings=settings)
    return settings, status, tuple(burn_up(reader, case_id, today=today))


def staff_choices(session: Any) -> tuple[StaffChoice, ...]:
    from casedesk.services.staff import list_staff

    return tuple(StaffChoice(s.id, s.name, s.hourly_rate, s.active)
                 for s in list_staff(session))


def load_lists(session: Any, case_id: uuid.UUID) -> Lists:
    """The case's time entries, expenses and budget revisions (newest first), and staff."""
    from casedesk.services.budgets import budget_history
    from casedesk.services.expenses import list_expenses
    from casedesk.services.time_entries import list_time_entries

    return (tuple(list_time_entries(session, case_id)), tuple(list_expenses(session, case_id)),
            tuple(budget_history(session, case_id)), staff_choices(session))


def load_entry_lists(session: Any) -> tuple[tuple[StaffChoice, ...], BudgetSettings]:
    """What the time entry dialog needs (for the timer, which has no tab loaded)."""
    from casedesk.services.budget_settings import get_settings

    return staff_choices(session), get_settings(session)


def combine(case_id: uuid.UUID, today: date, figures: Figures, lists: Lists) -> BudgetData:
    settings, status, burn = figures
    entries, expenses, history, staff = lists
    return BudgetData(case_id, today, settings, status, burn, entries, expenses, history,
                      staff)

"""The Budget tab's Time section: the case's time entries, newest first, with the hours and
amount of what is shown; Add (Ctrl+N), Edit (Enter, F2, double-click), Delete (Del), Mark
billed…, Mark not billed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from casedesk.services.budget_rows import TimeEntryRow
from casedesk.ui import format as fmt
from casedesk.ui.models.time_entry_model import (
    ACTIVITY_COL,
    BILLING_COL,
    DESCRIPTION_COL,
    PHASE_COL,
    RATE_COL,
    STAFF_COL,
    TimeEntryModel,
    time_totals,
)
from casedesk.ui.widgets.case_budget_actions import BudgetActions
from casedesk.ui.widgets.case_budget_data import BudgetData
from casedesk.ui.widgets.case_budget_entries import EntriesSection, plural


class TimeSection(EntriesSection):
    """One case's time entries."""

    TITLE = "Time"
    ADD_TEXT = "Add time…"
    ADD_TIP = "Record time worked on this case"
    EMPTY_HEADLINE = "No time recorded yet."
    EMPTY_TEXT = ("Record the hours worked on this case: who, when, at what rate and on which "
                  "phase. The timer in the toolbar can time the work for you.")

    def __init__(self, actions: BudgetActions) -> None:
        super().__init__(actions, TimeEntryModel(), "Time entries", DESCRIPTION_COL,
                         {STAFF_COL: (10, 22), ACTIVITY_COL: (10, 24), PHASE_COL: (9, 20),
                          BILLING_COL: (8, 24)},
                         droppable=(RATE_COL, ACTIVITY_COL, PHASE_COL))

    def rows_of(self, data: BudgetData) -> Sequence[TimeEntryRow]:
        return data.time_entries

    def words_of(self, row: TimeEntryRow) -> str:
        return " ".join((row.staff_name, row.phase, row.activity, row.description))

    def totals_text(self, shown: Sequence[Any], all_rows: Sequence[Any]) -> str:
        """'12 entries · 24.50 h · $7,350.00' (and the whole list's when filtered)."""
        currency = self.model.currency

        def words(rows: Sequence[TimeEntryRow]) -> str:
            hours, amount = time_totals(rows)
            return (f"{plural(len(rows), 'entry', 'entries')} · {hours:.2f} h · "
                    f"{fmt.money(amount, currency)}")

        text = words(shown)
        return text + (f"  (of {words(all_rows)})" if all_rows else "")

    def add(self) -> None:
        self.budget_actions.add_time()

    def edit_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.budget_actions.edit_time(row)

    def delete_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.budget_actions.delete_time(row)

    def mark_billed(self) -> None:
        self.budget_actions.mark_billed(time_ids=self.billable_ids())

    def unmark_billed(self) -> None:
        self.budget_actions.unmark_billed(time_ids=self.billed_ids())

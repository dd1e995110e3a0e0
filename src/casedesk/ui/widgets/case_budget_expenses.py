"""The Budget tab's Expenses section: the case's expenses, newest first, with the total of
what is shown; Add (Ctrl+N), Edit (Enter, F2, double-click), Delete (Del), Open receipt
(Enter or double-click on the receipt), Mark billed…, Mark not billed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QAction

from casedesk.services.budget_rows import ExpenseRow
from casedesk.ui import format as fmt
from casedesk.ui.models.expense_model import (
    BILLING_COL,
    CATEGORY_COL,
    DESCRIPTION_COL,
    PHASE_COL,
    RECEIPT_COL,
    VENDOR_COL,
    ExpenseModel,
    expense_total,
)
from casedesk.ui.widgets.case_budget_actions import BudgetActions
from casedesk.ui.widgets.case_budget_common import make_action
from casedesk.ui.widgets.case_budget_data import BudgetData
from casedesk.ui.widgets.case_budget_entries import EntriesSection, plural


class ExpensesSection(EntriesSection):
    """One case's expenses."""

    TITLE = "Expenses"
    ADD_TEXT = "Add expense…"
    ADD_TIP = "Record a cost paid out on this case"
    EMPTY_HEADLINE = "No expenses recorded yet."
    EMPTY_TEXT = ("Record court fees, experts, travel and other costs of this case, each with "
                  "its category and phase; link the receipt from the case's documents.")

    receipt_action: QAction | None = None  # made while the base builds the bar

    def __init__(self, actions: BudgetActions) -> None:
        super().__init__(actions, ExpenseModel(), "Expenses", DESCRIPTION_COL,
                         # Narrow, the receipt's name gives way first, the category last.
                         {RECEIPT_COL: (9, 24), VENDOR_COL: (10, 24), BILLING_COL: (8, 24),
                          CATEGORY_COL: (14, 28)},
                         droppable=(PHASE_COL, VENDOR_COL))

    def extra_actions(self) -> list[QAction]:
        if self.receipt_action is None:
            self.receipt_action = make_action(self, "Open receipt", "file-text",
                                              "Open the receipt document of the selected "
                                              "expense", self.open_receipt)
        return [self.receipt_action]

    def rows_of(self, data: BudgetData) -> Sequence[ExpenseRow]:
        return data.expenses

    def words_of(self, row: ExpenseRow) -> str:
        return " ".join((row.category, row.vendor, row.phase, row.description,
                         row.receipt_title))

    def totals_text(self, shown: Sequence[Any], all_rows: Sequence[Any]) -> str:
        currency = self.model.currency

        def words(rows: Sequence[ExpenseRow]) -> str:
            return f"{plural(len(rows), 'expense')} · {fmt.money(expense_total(rows), currency)}"

        text = words(shown)
        return text + (f"  (of {words(all_rows)})" if all_rows else "")

    def _update_actions(self) -> None:
        super()._update_actions()
        if self.receipt_action is not None:
            row = self.current_row()
            self.receipt_action.setEnabled(row is not None and bool(row.receipt_title))

    def _on_activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if index.column() == RECEIPT_COL and row is not None and row.receipt_title:
            self.budget_actions.open_receipt(row)
        else:
            self.edit_current()

    def open_receipt(self) -> None:
        row = self.current_row()
        if row is not None:
            self.budget_actions.open_receipt(row)

    def add(self) -> None:
        self.budget_actions.add_expense()

    def edit_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.budget_actions.edit_expense(row)

    def delete_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.budget_actions.delete_expense(row)

    def mark_billed(self) -> None:
        self.budget_actions.mark_billed(expense_ids=self.billable_ids())

    def unmark_billed(self) -> None:
        self.budget_actions.unmark_billed(expense_ids=self.billed_ids())

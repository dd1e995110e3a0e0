"""Record an expense paid out on a case (court fee, expert, travel…), with its receipt: one of
the case's documents."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from casedesk.services.budget_rows import BudgetSettings, ExpenseRow
from casedesk.ui import format as fmt
from casedesk.ui.dialogs.base import FormDialog, hint_label
from casedesk.ui.dialogs.correspondence_dialog import DocumentChoice
from casedesk.ui.dialogs.fields import MoneyEdit, char_width, id_combo, id_value, make_date_edit
from casedesk.ui.dialogs.time_entry_dialog import name_combo, name_value, phase_combo

MAX_VENDOR = 200


class ExpenseDialog(FormDialog):
    """A new or edited expense of one case."""

    @dataclass(frozen=True, slots=True)
    class Answer:
        spent_on: date
        category: str
        amount: Decimal
        vendor: str
        phase: str
        description: str
        billable: bool
        receipt_document_id: uuid.UUID | None
        case_id: uuid.UUID | None = None
        expense_id: uuid.UUID | None = None
        expected_version: int | None = None
        staff_id: uuid.UUID | None = None

        def as_kwargs(self) -> dict[str, Any]:
            """Keyword arguments of expenses.add_expense (new) or edit_expense (edit); the
            caller adds `actor_staff_id`."""
            kwargs: dict[str, Any] = {
                "spent_on": self.spent_on, "category": self.category, "amount": self.amount,
                "vendor": self.vendor, "phase": self.phase, "description": self.description,
                "billable": self.billable, "receipt_document_id": self.receipt_document_id,
                "staff_id": self.staff_id}
            if self.expense_id is not None:
                return {"expense_id": self.expense_id,
                        "expected_version": self.expected_version, **kwargs}
            return {"case_id": self.case_id, **kwargs}

    def __init__(self, parent: QWidget | None, *, case_id: uuid.UUID, case_label: str,
                 settings: BudgetSettings, documents: Sequence[DocumentChoice] = (),
                 expense: ExpenseRow | None = None, staff_id: uuid.UUID | None = None,
                 phase: str = "", today: date | None = None) -> None:
        number = case_label.split(" · ")[0]
        title = "Edit expense" if expense else "Add expense"
        super().__init__(parent, f"{title} — {number}" if number else title)
        self._expense = expense
        self._case_id = case_id
        self._staff_id = expense.staff_id if expense else staff_id
        self._today = today or date.today()
        self.currency = settings.currency
        case = QLabel(case_label)
        case.setWordWrap(True)
        self.date_edit = make_date_edit(expense.spent_on if expense else self._today)
        self.category_combo = name_combo(settings.expense_categories,
                                         expense.category if expense else "",
                                         none_text="Choose…")
        self.vendor_edit = QLineEdit(expense.vendor if expense else "")
        self.vendor_edit.setMaxLength(MAX_VENDOR)
        self.vendor_edit.setPlaceholderText("Who was paid, e.g. Cook County Clerk")
        self.vendor_edit.setMinimumWidth(char_width(self, 40))
        self.amount_edit = MoneyEdit(expense.amount if expense else None)
        self.amount_edit.setMaximumWidth(char_width(self, 16))
        self.phase_combo = phase_combo(settings, expense.phase if expense else phase)
        self.description_edit = QPlainTextEdit(expense.description if expense else "")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setPlaceholderText("e.g. Filing fee for the complaint")
        self.description_edit.setMinimumHeight(self.fontMetrics().height() * 3)
        self.description_edit.setMaximumHeight(self.fontMetrics().height() * 6)
        self.billable_check = QCheckBox("Billable to the client")
        self.billable_check.setChecked(expense.billable if expense else True)
        choices = [(d.id, d.title + (f"  ·  {d.detail}" if d.detail else ""))
                   for d in documents]
        self.receipt_combo = id_combo(choices, "No receipt",
                                      expense.receipt_document_id if expense else None,
                                      expense.receipt_title if expense else "")

        self.form.addRow("Case:", case)
        self.add_row("&Date", self.date_edit, required=True)
        self.add_row("&Category", self.category_combo, required=True)
        self.add_row("&Amount", self.amount_edit, required=True,
                     tip=f"In {settings.currency}, with up to two decimals")
        self.add_row("&Vendor", self.vendor_edit)
        self.add_row("&Phase", self.phase_combo)
        self.add_row("D&escription", self.description_edit)
        self.form.addRow("", self.billable_check)
        self.add_row("&Receipt", self.receipt_combo,
                     tip="The receipt or invoice, filed among the case's documents")
        if not documents:
            self.form.addRow("", hint_label("Add the receipt on the Documents tab to link "
                                            "it here (or link it later with Edit)."))
        widgets = (self.date_edit, self.category_combo, self.amount_edit, self.vendor_edit,
                   self.phase_combo, self.description_edit, self.billable_check,
                   self.receipt_combo)
        self.watch(*widgets)
        self.chain_tab_order(*widgets)
        self.date_edit.setFocus()
        self.mark_clean()

    def amount(self) -> Decimal | None:
        text = self.amount_edit.amount_text()
        return Decimal(text) if text is not None else None

    def validate(self) -> str:
        if self._expense is not None and self._expense.billed_on is not None:
            return (f"Billed {fmt.day(self._expense.billed_on)}: use Mark not billed before "
                    "changing it")
        if fmt.to_date(self.date_edit.date()) > self._today:
            return "The date is in the future; record an expense once it is paid"
        if not name_value(self.category_combo):
            return "Choose a category"
        amount = self.amount()
        if amount is None:
            return "Enter the amount"
        if amount <= 0:
            return "The amount must be more than zero"
        return ""

    def answer(self) -> ExpenseDialog.Answer:
        expense = self._expense
        amount = self.amount()
        assert amount is not None
        return ExpenseDialog.Answer(
            spent_on=fmt.to_date(self.date_edit.date()),
            category=name_value(self.category_combo), amount=amount,
            vendor=" ".join(self.vendor_edit.text().split()),
            phase=name_value(self.phase_combo),
            description=self.description_edit.toPlainText().strip(),
            billable=self.billable_check.isChecked(),
            receipt_document_id=id_value(self.receipt_combo),
            case_id=None if expense else self._case_id,
            expense_id=expense.id if expense else None,
            expected_version=expense.version if expense else None, staff_id=self._staff_id)

    @classmethod
    def ask(cls, parent: QWidget | None, *, case_id: uuid.UUID, case_label: str,
            settings: BudgetSettings, documents: Sequence[DocumentChoice] = (),
            expense: ExpenseRow | None = None, staff_id: uuid.UUID | None = None,
            phase: str = "") -> ExpenseDialog.Answer | None:
        """A new expense of the case (paid by `staff_id`), or edit `expense`."""
        answer: ExpenseDialog.Answer | None = cls.run(cls(
            parent, case_id=case_id, case_label=case_label, settings=settings,
            documents=documents, expense=expense, staff_id=staff_id, phase=phase))
        return answer

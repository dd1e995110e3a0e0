"""Set or revise a case's budget: the fee arrangement (hourly, fixed fee, contingency), a grid
of the practice's phases with the fees (and optional hours) and expenses budgeted for each,
totals as you type, the planned end date and, for a revision, why it changed. Saving adds a
new revision; the earlier ones stay in the history."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QFont, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from casedesk.domain.enums import BudgetKind, FeeArrangement
from casedesk.services.budget_rows import (
    ZERO,
    BudgetLineInput,
    BudgetRevisionRow,
    BudgetSettings,
)
from casedesk.ui import format as fmt
from casedesk.ui.dialogs.base import FormDialog, hint_label
from casedesk.ui.dialogs.fields import MoneyEdit, OptionalDateEdit, char_width

ARRANGEMENTS = ((FeeArrangement.HOURLY, "Hourly (hours × rate)"),
                (FeeArrangement.FIXED_FEE, "Fixed fee"),
                (FeeArrangement.CONTINGENCY, "Contingency (a share of the recovery)"))
MAX_REASON = 500


def _decimal(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


class _HoursEdit(QLineEdit):
    """Optional budgeted hours (two decimals)."""

    def __init__(self, hours: Decimal | None) -> None:
        super().__init__(f"{hours:.2f}" if hours is not None else "")
        self.setValidator(QRegularExpressionValidator(
            QRegularExpression(r"\d{0,5}([.]\d{0,2})?"), self))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText("hours")
        self.setMaximumWidth(char_width(self, 10))

    def hours(self) -> Decimal | None:
        value = _decimal(self.text().strip() or None)
        return value if value is not None and value > 0 else None


@dataclass
class _PhaseRow:
    phase: str
    fees: MoneyEdit
    hours: _HoursEdit
    expenses: MoneyEdit
    total: QLabel


class BudgetGrid(QWidget):
    """Phases down, fees / hours / expenses across, with a total per phase and overall."""

    changed = Signal()

    def __init__(self, phases: Sequence[str], current: BudgetRevisionRow | None,
                 currency: str) -> None:
        super().__init__()
        self.currency = currency
        amounts: dict[tuple[str, BudgetKind], tuple[Decimal, Decimal | None]] = {}
        order = list(phases)
        for line in current.lines if current else ():
            amounts[(line.phase, line.kind)] = (line.amount, line.hours)
            if line.phase not in order:
                order.append(line.phase)  # a phase the practice no longer lists
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        bold = QFont(self.font())
        bold.setBold(True)
        for column, text in enumerate(("Phase", "Fees", "Hours", "Expenses", "Total")):
            head = QLabel(text)
            head.setFont(bold)
            if column:
                head.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(head, 0, column)
        self.rows: list[_PhaseRow] = []
        for number, phase in enumerate(order, start=1):
            fees, hours = amounts.get((phase, BudgetKind.FEES), (None, None))
            expenses, _ = amounts.get((phase, BudgetKind.EXPENSES), (None, None))
            row = _PhaseRow(phase, MoneyEdit(fees or None), _HoursEdit(hours),
                            MoneyEdit(expenses or None), QLabel())
            label = QLabel(phase or "(no phase)")
            label.setBuddy(row.fees)
            row.fees.setAccessibleName(f"{phase} fees")
            row.hours.setAccessibleName(f"{phase} hours")
            row.expenses.setAccessibleName(f"{phase} expenses")
            row.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for column, widget in enumerate((label, row.fees, row.hours, row.expenses,
                                             row.total)):
                grid.addWidget(widget, number, column)
            for edit in (row.fees, row.hours, row.expenses):
                edit.textChanged.connect(self._update)
            self.rows.append(row)
        last = len(order) + 1
        total_label = QLabel("Total")
        total_label.setFont(bold)
        grid.addWidget(total_label, last, 0)
        self.fees_total = QLabel()
        self.hours_total = QLabel()
        self.expenses_total = QLabel()
        self.total = QLabel()
        self.total.setAccessibleName("Budget total")
        for column, widget in enumerate((self.fees_total, self.hours_total,
                                         self.expenses_total, self.total), start=1):
            widget.setFont(bold)
            widget.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(widget, last, column)
        grid.setColumnStretch(0, 1)
        self._update()

    @staticmethod
    def _amount(edit: MoneyEdit) -> Decimal:
        return _decimal(edit.amount_text()) or ZERO

    def totals(self) -> tuple[Decimal, Decimal, Decimal]:
        """(fees, hours, expenses) over every phase."""
        fees = sum((self._amount(r.fees) for r in self.rows), ZERO)
        hours = sum((r.hours.hours() or ZERO for r in self.rows), ZERO)
        expenses = sum((self._amount(r.expenses) for r in self.rows), ZERO)
        return fees, hours, expenses

    def _update(self) -> None:
        for row in self.rows:
            total = self._amount(row.fees) + self._amount(row.expenses)
            row.total.setText(fmt.money(total, self.currency) if total else "")
        fees, hours, expenses = self.totals()
        self.fees_total.setText(fmt.money(fees, self.currency))
        self.hours_total.setText(f"{hours:.2f} h" if hours else "")
        self.expenses_total.setText(fmt.money(expenses, self.currency))
        self.total.setText(fmt.money(fees + expenses, self.currency))
        self.changed.emit()

    def lines(self) -> tuple[BudgetLineInput, ...]:
        """The non-zero lines, phase by phase (fees before expenses)."""
        lines: list[BudgetLineInput] = []
        for row in self.rows:
            fees, hours = self._amount(row.fees), row.hours.hours()
            if fees or hours:
                lines.append(BudgetLineInput(row.phase, BudgetKind.FEES, fees, hours))
            expenses = self._amount(row.expenses)
            if expenses:
                lines.append(BudgetLineInput(row.phase, BudgetKind.EXPENSES, expenses))
        return tuple(lines)

    def state(self) -> object:
        return tuple((r.fees.text(), r.hours.text(), r.expenses.text()) for r in self.rows)

    def focus_chain(self) -> list[QWidget]:
        return [w for r in self.rows for w in (r.fees, r.hours, r.expenses)]


class BudgetDialog(FormDialog):
    """The first budget of a case, or a revision of the current one."""

    @dataclass(frozen=True, slots=True)
    class Answer:
        case_id: uuid.UUID
        lines: tuple[BudgetLineInput, ...]
        fee_arrangement: FeeArrangement
        fixed_fee: Decimal | None
        contingency_percent: Decimal | None
        expected_recovery: Decimal | None
        planned_end_on: date | None
        reason: str
        expected_revision: int | None

        @property
        def total(self) -> Decimal:
            return sum((Decimal(str(line.amount)) for line in self.lines), ZERO)

        def as_kwargs(self) -> dict[str, Any]:
            """Keyword arguments of budgets.set_budget; the caller adds `actor_staff_id`."""
            return {"case_id": self.case_id, "lines": list(self.lines),
                    "fee_arrangement": self.fee_arrangement, "fixed_fee": self.fixed_fee,
                    "contingency_percent": self.contingency_percent,
                    "expected_recovery": self.expected_recovery,
                    "planned_end_on": self.planned_end_on, "reason": self.reason,
                    "expected_revision": self.expected_revision}

    def __init__(self, parent: QWidget | None, *, case_id: uuid.UUID, case_label: str,
                 settings: BudgetSettings, current: BudgetRevisionRow | None = None) -> None:
        number = case_label.split(" · ")[0]
        title = f"Revise budget (revision {current.revision + 1})" if current else "Set budget"
        super().__init__(parent, f"{title} — {number}" if number else title)
        self._case_id = case_id
        self._current = current
        self.currency = settings.currency
        case = QLabel(case_label)
        case.setWordWrap(True)
        self.arrangement_combo = QComboBox()
        for value, text in ARRANGEMENTS:
            self.arrangement_combo.addItem(text, value.value)
        if current is not None:
            self.arrangement_combo.setCurrentIndex(
                self.arrangement_combo.findData(current.fee_arrangement.value))
        self.fixed_fee_edit = MoneyEdit(current.fixed_fee if current else None)
        self.percent_edit = QLineEdit(f"{current.contingency_percent:.2f}"
                                      if current and current.contingency_percent is not None
                                      else "")
        self.percent_edit.setValidator(QRegularExpressionValidator(
            QRegularExpression(r"\d{0,3}([.]\d{0,2})?"), self))
        self.percent_edit.setPlaceholderText("e.g. 33.33")
        self.percent_edit.setAlignment(Qt.AlignmentFlag.AlignRight
                                       | Qt.AlignmentFlag.AlignVCenter)
        self.percent_edit.setMaximumWidth(char_width(self, 12))
        self.recovery_edit = MoneyEdit(current.expected_recovery if current else None)
        self.expected_fee_label = QLabel()
        for edit in (self.fixed_fee_edit, self.recovery_edit):
            edit.setMaximumWidth(char_width(self, 16))
        self.grid = BudgetGrid(settings.phases, current, settings.currency)
        self.end_edit = OptionalDateEdit("Planned end",
                                         current.planned_end_on if current else None)
        self.end_edit.check.setAccessibleName("Has a planned end date")
        self.end_edit.edit.setAccessibleName("Planned end date")
        self.reason_edit = QLineEdit()
        self.reason_edit.setMaxLength(MAX_REASON)
        self.reason_edit.setPlaceholderText(
            "e.g. Discovery widened to three custodians" if current else
            "e.g. Engagement letter of 2 March (optional)")

        self.form.addRow("Case:", case)
        self.add_row("&Fee arrangement", self.arrangement_combo, required=True,
                     tip="How the client pays; the budget below is the cost of the work")
        self.fixed_label = self.add_row("Fi&xed fee", self.fixed_fee_edit, required=True)
        self.percent_label = self.add_row("&Contingency %", self.percent_edit, required=True,
                                          tip="The share of what is recovered, in percent")
        self.recovery_label = self.add_row("E&xpected recovery", self.recovery_edit,
                                           tip="What the case is expected to recover")
        self.expected_fee_caption = QLabel("Expected fee:")
        self.form.addRow(self.expected_fee_caption, self.expected_fee_label)
        self.form.addRow(hint_label("Budget by phase: fees (optionally the hours you expect) "
                                    "and expenses. Leave a phase empty if it will not "
                                    "happen."))
        self.form.addRow(self.grid)
        self.add_row("&Ends", self.end_edit,
                     tip="When the work should be done: the forecast from the burn rate "
                         "runs to this day")
        self.add_row("&Reason", self.reason_edit, required=current is not None,
                     tip="Why the budget is set or changed (kept in the history)")
        if current is not None:
            self.form.addRow("", hint_label(
                f"Revision {current.revision} ({fmt.money(current.total, self.currency)}) "
                "stays in the history."))
        widgets = (self.arrangement_combo, self.fixed_fee_edit, self.percent_edit,
                   self.recovery_edit, self.grid, self.end_edit, self.reason_edit)
        self.watch(*widgets)
        self.chain_tab_order(*widgets)
        self.arrangement_combo.currentIndexChanged.connect(self._show_fields)
        self._show_fields()
        self.arrangement_combo.setFocus()
        self.mark_clean()

    def arrangement(self) -> FeeArrangement:
        return FeeArrangement(self.arrangement_combo.currentData())

    def _show_fields(self) -> None:
        """Only the fields the chosen arrangement uses."""
        arrangement = self.arrangement()
        fixed = arrangement is FeeArrangement.FIXED_FEE
        contingency = arrangement is FeeArrangement.CONTINGENCY
        shown: list[tuple[QWidget, bool]] = [(self.fixed_label, fixed),
                                             (self.fixed_fee_edit, fixed)]
        shown += [(w, contingency) for w in (self.percent_label, self.percent_edit,
                                             self.recovery_label, self.recovery_edit,
                                             self.expected_fee_caption,
                                             self.expected_fee_label)]
        for widget, visible in shown:
            widget.setVisible(visible)

    def percent(self) -> Decimal | None:
        return _decimal(self.percent_edit.text().strip() or None)

    def refresh(self) -> None:
        percent = self.percent()
        recovery = _decimal(self.recovery_edit.amount_text())
        self.expected_fee_label.setText(
            fmt.money((recovery * percent / 100).quantize(ZERO), self.currency)
            if percent is not None and recovery is not None else "—")
        super().refresh()

    def validate(self) -> str:
        arrangement = self.arrangement()
        if arrangement is FeeArrangement.FIXED_FEE and self.fixed_fee_edit.amount_text() is None:
            return "Enter the fixed fee"
        if arrangement is FeeArrangement.CONTINGENCY:
            percent = self.percent()
            if percent is None:
                return "Enter the contingency percentage"
            if not 0 < percent <= 100:
                return "The contingency percentage is between 0 and 100"
        if not self.grid.lines():
            return "Enter at least one amount for a phase"
        if self._current is not None and not self.reason_edit.text().strip():
            return "Say why the budget is revised (it is kept in the history)"
        return ""

    def answer(self) -> BudgetDialog.Answer:
        arrangement = self.arrangement()
        fixed = arrangement is FeeArrangement.FIXED_FEE
        contingency = arrangement is FeeArrangement.CONTINGENCY
        return BudgetDialog.Answer(
            case_id=self._case_id, lines=self.grid.lines(), fee_arrangement=arrangement,
            fixed_fee=_decimal(self.fixed_fee_edit.amount_text()) if fixed else None,
            contingency_percent=self.percent() if contingency else None,
            expected_recovery=_decimal(self.recovery_edit.amount_text())
            if contingency else None,
            planned_end_on=self.end_edit.value(),
            reason=" ".join(self.reason_edit.text().split()),
            expected_revision=self._current.revision if self._current else 0)

    @classmethod
    def ask(cls, parent: QWidget | None, *, case_id: uuid.UUID, case_label: str,
            settings: BudgetSettings, current: BudgetRevisionRow | None = None
            ) -> BudgetDialog.Answer | None:
        """A first budget, or a revision starting from `current`'s lines."""
        answer: BudgetDialog.Answer | None = cls.run(cls(
            parent, case_id=case_id, case_label=case_label, settings=settings,
            current=current))
        return answer

"""A case's expenses as a table (date, category, vendor, amount, phase, description, billing,
receipt)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon

from casedesk.services.budget_rows import ZERO, ExpenseRow
from casedesk.ui import format as fmt
from casedesk.ui import style
from casedesk.ui.icons import safe_icon
from casedesk.ui.models.snapshot_model import Column
from casedesk.ui.models.time_entry_model import MoneyTableModel, billing_text, phase_text

DATE_COL, CATEGORY_COL, VENDOR_COL, AMOUNT_COL, PHASE_COL, DESCRIPTION_COL, BILLING_COL, \
    RECEIPT_COL = range(8)
_Index = QModelIndex | QPersistentModelIndex


def _receipt_text(row: ExpenseRow) -> str:
    if row.receipt_document_id is None:
        return ""
    return row.receipt_title or "(deleted document)"


class ExpenseModel(MoneyTableModel[ExpenseRow]):
    """Newest first, as the service lists them; the receipt column has a document icon."""

    def __init__(self, parent: Any = None) -> None:
        money = self.money
        super().__init__([
            Column("Date", lambda r: fmt.day(r.spent_on)),
            Column("Category", lambda r: r.category, tooltip=lambda r: r.category),
            Column("Vendor", lambda r: r.vendor, tooltip=lambda r: r.vendor),
            Column("Amount", lambda r: money(r.amount), align_right=True),
            Column("Phase", lambda r: phase_text(r.phase)),
            Column("Description", lambda r: " ".join(r.description.split()),
                   tooltip=lambda r: r.description),
            Column("Billing", lambda r: billing_text(r.billable, r.billed_on),
                   color=lambda r: style.done_color()
                   if r.billed_on is not None or not r.billable else None,
                   tooltip=lambda r: billing_text(r.billable, r.billed_on)),
            Column("Receipt", _receipt_text,
                   tooltip=lambda r: "Enter or double-click opens the receipt"
                   if r.receipt_title else ""),
        ], parent)
        self._receipt_icon: QIcon | None = None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DecorationRole and index.isValid()
                and index.column() == RECEIPT_COL):
            row = self.row_at(index.row())
            if row is None or not row.receipt_title:
                return None
            if self._receipt_icon is None:
                self._receipt_icon = safe_icon("file-text")
            return self._receipt_icon
        return super().data(index, role)


def expense_total(rows: Sequence[ExpenseRow]) -> Decimal:
    return sum((r.amount for r in rows), ZERO)

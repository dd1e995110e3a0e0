"""A case's time entries as a table (date, staff, hours, rate, amount, phase, activity,
description, billing), with money right-aligned in tabular figures; `MoneyTableModel` is the
shared base of the budget tables."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from casedesk.services.budget_rows import ZERO, TimeEntryRow
from casedesk.ui import format as fmt
from casedesk.ui import style
from casedesk.ui.models.snapshot_model import Column, SnapshotTableModel

T = TypeVar("T")
_Index = QModelIndex | QPersistentModelIndex
NO_PHASE_TEXT = "(no phase)"


def phase_text(phase: str) -> str:
    return phase or NO_PHASE_TEXT


def tabular_font(bold: bool = False) -> QFont:
    """The application font with tabular (equal-width) figures, so amounts line up."""
    font = QFont()
    font.setFeature(QFont.Tag("tnum"), 1)
    font.setBold(bold)
    return font


def billing_text(billable: bool, billed_on: Any) -> str:
    """'Billed Tue 3 Mar 2026', 'Billable', 'Not billable'."""
    if billed_on is not None:
        return f"Billed {fmt.day(billed_on)}"
    return "Billable" if billable else "Not billable"


class MoneyTableModel(SnapshotTableModel[T], Generic[T]):
    """Snapshot rows whose right-aligned columns (money, hours) use tabular figures."""

    def __init__(self, columns: Sequence[Column[T]], parent: Any = None) -> None:
        super().__init__(columns, parent)
        self._figures = {i for i, c in enumerate(columns) if c.align_right}
        self._font = tabular_font()
        self.currency = "USD"

    def set_currency(self, currency: str) -> None:
        if currency != self.currency:
            self.currency = currency
            if self.rowCount():
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(self.rowCount() - 1, self.columnCount() - 1))

    def money(self, amount: Decimal | None) -> str:
        return fmt.money(amount, self.currency)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.FontRole and index.isValid()
                and index.column() in self._figures and 0 <= index.row() < self.rowCount()):
            return self._font
        return super().data(index, role)

    def row_of(self, row_id: uuid.UUID) -> int:
        return next((i for i, r in enumerate(self.rows) if getattr(r, "id", None) == row_id),
                    -1)


DATE_COL, STAFF_COL, HOURS_COL, RATE_COL, AMOUNT_COL, PHASE_COL, ACTIVITY_COL, \
    DESCRIPTION_COL, BILLING_COL = range(9)


def _billing_color(row: TimeEntryRow) -> Any:
    return style.done_color() if row.billed_on is not None or not row.billable else None


class TimeEntryModel(MoneyTableModel[TimeEntryRow]):
    """Newest first, as the service lists them."""

    def __init__(self, parent: Any = None) -> None:
        money = self.money
        super().__init__([
            Column("Date", lambda r: fmt.day(r.worked_on)),
            Column("Staff", lambda r: r.staff_name, tooltip=lambda r: r.staff_name),
            Column("Hours", lambda r: f"{r.hours:.2f}", align_right=True),
            Column("Rate", lambda r: money(r.rate), align_right=True),
            Column("Amount", lambda r: money(r.amount), align_right=True,
                   tooltip=lambda r: f"{r.hours:.2f} h × {money(r.rate)}"),
            Column("Phase", lambda r: phase_text(r.phase), tooltip=lambda r: phase_text(r.phase)),
            Column("Activity", lambda r: r.activity, tooltip=lambda r: r.activity),
            Column("Description", lambda r: " ".join(r.description.split()),
                   tooltip=lambda r: r.description),
            Column("Billing", lambda r: billing_text(r.billable, r.billed_on),
                   color=_billing_color, tooltip=lambda r: billing_text(r.billable, r.billed_on)),
        ], parent)


def time_totals(rows: Sequence[TimeEntryRow]) -> tuple[Decimal, Decimal]:
    """(hours, amount) of the rows, exact."""
    return (sum((r.hours for r in rows), ZERO), sum((r.amount for r in rows), ZERO))

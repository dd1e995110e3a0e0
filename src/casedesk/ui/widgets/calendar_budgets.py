"""The calendar's "Budgets" section, under the coming-up list: the open cases at or past the
practice's warning threshold, over budget first ("2026-CV-0142 · Over budget — 112% used",
with a warning icon and the word, red; near budget amber). Enter or double-click opens the
case at its Budget tab. Read in SQL on the DB worker (budget_report.budget_warnings)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QMetaMethod,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.changes import Changes
from casedesk.domain.enums import BudgetLevel
from casedesk.ui import format as fmt
from casedesk.ui import style
from casedesk.ui.db import Database
from casedesk.ui.icons import safe_icon
from casedesk.ui.models.paged_rows_model import if_alive
from casedesk.ui.models.snapshot_model import Column, SnapshotTableModel

ROWS_SHOWN = 5  # the section grows to this many rows, then scrolls
CASE_COL, STATE_COL = range(2)
_Index = QModelIndex | QPersistentModelIndex
Loader = Callable[[Any, date], list[Any]]  # (reader, today) -> [CaseBudgetSummary]


def _load(reader: Any, today: date) -> list[Any]:
    from casedesk.services.budget_report import budget_warnings

    return list(budget_warnings(reader, today=today))


def percent_text(value: Decimal | None) -> str:
    """'86%', '86.4%' (one decimal only when there is one)."""
    if value is None:
        return ""
    whole = value.to_integral_value()
    return f"{whole:,}%" if whole == value else f"{value.quantize(Decimal('0.1')):,}%"


def state_words(row: Any) -> str:
    """'Over budget — 112% used' / 'Near budget — 86% used' (the word, not only the colour)."""
    word = "Over budget" if row.level is BudgetLevel.OVER else "Near budget"
    used = percent_text(row.percent_used)
    return f"{word} — {used} used" if used else word


def _color(row: Any) -> QColor | None:
    if row.level is BudgetLevel.OVER:
        return style.overdue_color()
    if row.level is BudgetLevel.WARNING:
        return style.soon_color()
    return None


def _tooltip(row: Any, currency: str) -> str:
    lines = [f"{row.case_number} {row.case_title}".strip(),
             f"Budget {fmt.money(row.budget, currency)} · spent {fmt.money(row.actual, currency)}"
             f" · forecast {fmt.money(row.forecast, currency)}"]
    if row.responsible_name:
        lines.append(f"Responsible: {row.responsible_name}")
    lines.append("Enter or double-click opens the case's Budget tab")
    return "\n".join(lines)


class BudgetWarningsModel(SnapshotTableModel[Any]):
    """CaseBudgetSummary snapshots at WARNING or OVER: the case and where it stands."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__([
            Column("Case", lambda r: r.case_number,
                   tooltip=lambda r: _tooltip(r, self.currency)),
            Column("Budget", state_words, color=_color,
                   tooltip=lambda r: _tooltip(r, self.currency)),
        ], parent)
        self.currency = "USD"
        self._icons: dict[BudgetLevel, QIcon] = {}

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and index.column() == STATE_COL:
            row = self.row_at(index.row())
            if row is None or row.level not in (BudgetLevel.OVER, BudgetLevel.WARNING):
                return None
            if row.level not in self._icons:
                name = "triangle-alert" if row.level is BudgetLevel.OVER else "circle-alert"
                self._icons[row.level] = safe_icon(name, _color(row))
            return self._icons[row.level]
        return super().data(index, role)


class BudgetWarningsPanel(QWidget):
    """A heading, and the cases near or over budget (or a line saying there are none)."""

    open_case_requested = Signal(object)  # case id (when nothing opens the Budget tab)
    open_budget_requested = Signal(object)  # case id: open it at its Budget tab

    def __init__(self, db: Database, parent: QWidget | None = None, *,
                 load: Loader | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._load = load or _load
        self._generation = 0
        self._query: tuple[date, uuid.UUID | None] | None = None
        self.loaded = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._read)
        self.model = BudgetWarningsModel(self)
        self.heading = QLabel("Budgets")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setToolTip("Open cases that have used their budget up to the practice's "
                                "warning threshold or past it (each case's Budget tab has "
                                "the figures)")
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Cases over or near budget")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(STATE_COL, QHeaderView.ResizeMode.Stretch)
        self.view.activated.connect(self._open)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.view)
        layout.addWidget(self.empty)
        layout.addStretch(1)  # any height to spare goes below the list, not inside it
        # No more height than the list needs: the coming-up list above takes what is left.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.view.setVisible(False)
        self.empty.setVisible(False)
        db.changed.connect(self._on_changed)

    def show_for(self, today: date, case_id: uuid.UUID | None = None) -> None:
        """Read the cases near or over budget (only `case_id`, when the calendar shows one)."""
        self._query = (today, case_id)
        self._timer.start()  # a burst of asks (a change seen twice) reads once

    def _read(self) -> None:
        if self._query is None:
            return
        today, case_id = self._query
        self._generation += 1
        self._db.plain(_load_with_currency, self._load, today,
                       on_done=if_alive(self, partial(self._on_loaded, self._generation,
                                                      case_id)),
                       on_error=lambda _e: None)  # the calendar's own reads report errors

    def _on_changed(self, changes: Changes) -> None:
        if self._query is not None and (changes.budgets or changes.cases or changes.firm):
            self.show_for(*self._query)

    def _on_loaded(self, generation: int, case_id: uuid.UUID | None,
                   result: tuple[str, list[Any]]) -> None:
        if generation != self._generation:
            return
        currency, rows = result
        if case_id is not None:
            rows = [r for r in rows if r.case_id == case_id]
        order = {BudgetLevel.OVER: 0, BudgetLevel.WARNING: 1}
        rows = sorted((r for r in rows if r.level in order),
                      key=lambda r: (order[r.level], -(r.percent_used or 0), r.case_number))
        self.model.currency = currency
        self.model.set_rows(rows)
        self.loaded = True
        over = sum(1 for r in rows if r.level is BudgetLevel.OVER)
        near = len(rows) - over
        parts = [f"{over} over" if over else "", f"{near} near" if near else ""]
        self.heading.setText(" · ".join(["Budgets", *[p for p in parts if p]]))
        self.empty.setText("No open case is over or near its budget." if case_id is None
                           else "This case is within its budget.")
        self.view.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        if rows:
            shown = min(len(rows), ROWS_SHOWN)
            self.view.setFixedHeight(self.view.horizontalHeader().sizeHint().height()
                                     + shown * self.view.verticalHeader().defaultSectionSize()
                                     + 2 * self.view.frameWidth())

    def _open(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is None:
            return
        if self.isSignalConnected(QMetaMethod.fromSignal(self.open_budget_requested)):
            self.open_budget_requested.emit(row.case_id)
        else:
            self.open_case_requested.emit(row.case_id)


def _load_with_currency(reader: Any, load: Loader, today: date) -> tuple[str, list[Any]]:
    """On the worker: the firm's currency and the cases near or over budget."""
    from casedesk.services.budget_settings import read_settings

    return read_settings(reader).currency, load(reader, today)

"""The calendar's "Documents requested from clients" section, under the coming-up list: the
outstanding requests of open cases that are overdue or due within the same 7 or 30 days, oldest
due first. Double-click (or Enter) opens the case. Read in SQL on the DB worker
(document_request_list.outstanding_requests)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.changes import Changes
from casedesk.ui import format as fmt
from casedesk.ui import style
from casedesk.ui.db import Database
from casedesk.ui.icons import safe_icon
from casedesk.ui.models.paged_rows_model import if_alive
from casedesk.ui.models.snapshot_model import Column, SnapshotTableModel
from casedesk.ui.widgets.calendar_budgets import BudgetWarningsPanel

ROWS_SHOWN = 5  # the section grows to this many rows, then scrolls
LIMIT = 200
DUE_COL, CASE_COL, ITEM_COL = range(3)
_Index = QModelIndex | QPersistentModelIndex


def _load(reader: Any, today: date, days: int, case_id: uuid.UUID | None) -> list[Any]:
    from casedesk.services.document_request_list import outstanding_requests

    return outstanding_requests(reader, today=today, through=today + timedelta(days=days),
                                case_id=case_id, limit=LIMIT)


def due_words(days_overdue: int) -> str:
    """'overdue 3 days', 'due today', 'in 4 days' (the word, not only the colour)."""
    if days_overdue > 0:
        return f"overdue {days_overdue} day{'s' if days_overdue != 1 else ''}"
    if days_overdue == 0:
        return "due today"
    ahead = -days_overdue
    return "tomorrow" if ahead == 1 else f"in {ahead} days"


class DueRequestsModel(SnapshotTableModel[Any]):
    """DueRequestRow snapshots: due (with the lateness in words), case, item and of whom."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__([
            Column("Due", lambda r: fmt.day(r.due_on),
                   color=lambda r: style.due_color(r.due_on, today=self.today),
                   tooltip=lambda r: due_words(r.days_overdue).capitalize()),
            Column("Case", lambda r: r.case_number, tooltip=lambda r: r.case_title),
            Column("Item", lambda r: r.item + (f" · {r.contact_name}" if r.contact_name
                                               else ""),
                   tooltip=lambda r: f"{r.item}\nAsked of {r.contact_name or 'nobody named'}"
                   f" on {fmt.day(r.requested_on)}"),
        ], parent)
        self.today = date.today()
        self._warning: QIcon | None = None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and index.column() == DUE_COL:
            row = self.row_at(index.row())
            if row is not None and row.overdue:
                if self._warning is None:
                    self._warning = safe_icon("alert-triangle", style.overdue_color())
                return self._warning
            return None
        return super().data(index, role)


class DueRequestsPanel(QWidget):
    """A heading, and the list (or a line saying there is nothing due)."""

    open_case_requested = Signal(object)  # case id

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._generation = 0
        self._query: tuple[date, int, uuid.UUID | None] | None = None
        self.loaded = False
        self.model = DueRequestsModel(self)
        self.heading = QLabel("Documents requested from clients")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setToolTip("What clients still owe on open cases, overdue first "
                                "(each case's Requests tab keeps the checklist)")
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Documents requested from clients, overdue and due soon")
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
        header.setSectionResizeMode(ITEM_COL, QHeaderView.ResizeMode.Stretch)
        self.view.setToolTip("Enter or double-click opens the case")
        self.view.activated.connect(self._open)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.view)
        layout.addWidget(self.empty)
        self.view.setVisible(False)
        # The cases near or over budget follow, in the same side panel, for the same case.
        self.budgets = BudgetWarningsPanel(db)
        self.budgets.open_case_requested.connect(self.open_case_requested)
        layout.addWidget(self.budgets)
        db.changed.connect(self._on_changed)

    def show_for(self, today: date, days: int, case_id: uuid.UUID | None = None) -> None:
        """Read what is overdue or due within `days` of `today` (one case's, when given)."""
        self._query = (today, days, case_id)
        self._generation += 1
        self.budgets.show_for(today, case_id)
        self._db.plain(_load, today, days, case_id,
                       on_done=if_alive(self, partial(self._on_loaded, self._generation,
                                                      today, days)),
                       on_error=lambda _e: None)  # the calendar's own reads report errors

    def _on_changed(self, changes: Changes) -> None:
        if self._query is not None and (changes.document_requests or changes.cases
                                        or changes.contacts):
            self.show_for(*self._query)

    def _on_loaded(self, generation: int, today: date, days: int, rows: list[Any]) -> None:
        if generation != self._generation:
            return
        self.model.today = today
        self.model.set_rows(rows)
        self.loaded = True
        overdue = sum(1 for r in rows if r.overdue)
        self.heading.setText("Documents requested from clients"
                             + (f" · {overdue} overdue" if overdue else ""))
        self.empty.setText(f"No document requested from a client is overdue or due in the "
                           f"next {days} days.")
        self.view.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        if rows:
            shown = min(len(rows), ROWS_SHOWN)
            self.view.setFixedHeight(self.view.horizontalHeader().sizeHint().height()
                                     + shown * self.view.verticalHeader().defaultSectionSize()
                                     + 2 * self.view.frameWidth())

    def _open(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.open_case_requested.emit(row.case_id)

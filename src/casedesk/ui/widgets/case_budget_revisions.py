"""The Budget tab's Revisions section: every revision of the case's budget, newest first (when,
by whom, the arrangement, the total, why), and the lines of the one selected."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.enums import BudgetKind, FeeArrangement
from casedesk.services.budget_rows import BudgetLineRow, BudgetRevisionRow
from casedesk.ui import format as fmt
from casedesk.ui.models.snapshot_model import Column
from casedesk.ui.models.time_entry_model import MoneyTableModel, phase_text
from casedesk.ui.widgets.case_budget_actions import BudgetActions
from casedesk.ui.widgets.case_budget_common import (
    BudgetCase,
    make_action,
    make_table,
    percent_text,
    tool_button,
)
from casedesk.ui.widgets.case_budget_data import BudgetData
from casedesk.ui.widgets.column_fit import FitOnResize
from casedesk.ui.widgets.contacts_empty_state import EmptyState


def arrangement_text(row: BudgetRevisionRow, currency: str) -> str:
    """'Hourly', 'Fixed fee $25,000.00', 'Contingency 33.33% of expected $300,000.00'."""
    if row.fee_arrangement is FeeArrangement.FIXED_FEE:
        return "Fixed fee" + (f" {fmt.money(row.fixed_fee, currency)}"
                              if row.fixed_fee is not None else "")
    if row.fee_arrangement is FeeArrangement.CONTINGENCY:
        text = "Contingency"
        if row.contingency_percent is not None:
            text += f" {percent_text(row.contingency_percent)}"
        if row.expected_recovery is not None:
            text += f" of expected {fmt.money(row.expected_recovery, currency)}"
        return text
    return "Hourly"


BY_COL, ARRANGEMENT_COL, PLANNED_END_COL, REASON_COL = 2, 3, 5, 6
LIST_ROWS = 6  # the list of revisions shows this many rows before it scrolls


class RevisionModel(MoneyTableModel[BudgetRevisionRow]):
    def __init__(self, parent: Any = None) -> None:
        money = self.money
        super().__init__([
            Column("Revision", lambda r: f"{r.revision}" + (" (current)" if r.is_current
                                                             else "")),
            Column("Date", lambda r: fmt.moment(r.created_at)),
            Column("By", lambda r: r.staff_name),
            Column("Arrangement", lambda r: arrangement_text(r, self.currency),
                   tooltip=lambda r: arrangement_text(r, self.currency)),
            Column("Total", lambda r: money(r.total), align_right=True),
            Column("Planned end", lambda r: fmt.day(r.planned_end_on)),
            Column("Reason", lambda r: r.reason, tooltip=lambda r: r.reason),
        ], parent)


class LineModel(MoneyTableModel[BudgetLineRow]):
    def __init__(self, parent: Any = None) -> None:
        money = self.money
        super().__init__([
            Column("Phase", lambda ln: phase_text(ln.phase)),
            Column("Kind", lambda ln: "Fees" if ln.kind is BudgetKind.FEES else "Expenses"),
            Column("Amount", lambda ln: money(ln.amount), align_right=True),
            Column("Hours", lambda ln: f"{ln.hours:.2f}" if ln.hours is not None else "",
                   align_right=True),
        ], parent)


class RevisionsSection(QWidget):
    """The budget's history; selecting a revision shows its lines."""

    title_changed = Signal(str)

    def __init__(self, actions: BudgetActions) -> None:
        super().__init__()
        self.budget_actions = actions
        self.case: BudgetCase | None = None
        self._selected: uuid.UUID | None = None
        self.model = RevisionModel(self)
        self.line_model = LineModel(self)
        self.revise_action = make_action(self, "Revise budget…", "pencil",
                                         "Change the budget: a new revision, this one stays "
                                         "in the history", actions.set_budget)
        self.new_action = self.revise_action  # the window's Ctrl+N, "new in context"
        bar = QHBoxLayout()
        self.revise_button = tool_button(self.revise_action)
        bar.addWidget(self.revise_button)
        bar.addStretch(1)
        self.view = make_table(self.model, "Budget revisions")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # The reason takes the room left; the arrangement and the name give way (they elide,
        # with a tooltip), then the planned end and who step aside: the total always shows.
        self.view.fit = FitOnResize(  # type: ignore[attr-defined]
            self.view, REASON_COL, {ARRANGEMENT_COL: (12, 40), BY_COL: (8, 22)},
            least_main=16, droppable=(PLANNED_END_COL, BY_COL))
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.lines_view = make_table(self.line_model, "Lines of the selected revision")
        self.lines_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        lines_header = self.lines_view.horizontalHeader()
        lines_header.setStretchLastSection(False)
        lines_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        lines_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.lines_caption = QLabel()
        lines_box = QWidget()
        box = QVBoxLayout(lines_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.lines_caption)
        box.addWidget(self.lines_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(lines_box)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        self.splitter = splitter
        self.empty = EmptyState()
        self.empty.set_text("No budget yet.", "Each time the budget is set or revised, the "
                            "earlier figures stay here with who changed them and why.")
        self.stack = QStackedWidget()
        self.stack.addWidget(splitter)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

    def show_data(self, case: BudgetCase, data: BudgetData) -> None:
        if self.case is None or self.case.id != case.id:
            self._selected = None
        self.case = case
        for model in (self.model, self.line_model):
            model.set_currency(data.currency)
        history = data.history
        self.model.set_rows(history)
        self.revise_action.setText("Revise budget…" if history else "Set budget…")
        self.stack.setCurrentIndex(0 if history else 1)
        if history:
            self.view.fit.fit()  # type: ignore[attr-defined]
            self._size_list(len(history))
            row = self.model.row_of(self._selected) if self._selected else -1
            self.view.selectRow(max(row, 0))
        else:
            self.line_model.set_rows([])
            self.lines_caption.clear()
        self.title_changed.emit(f"Revisions ({len(history)})" if history else "Revisions")

    def _size_list(self, count: int) -> None:
        """The list of revisions as tall as its rows (up to LIST_ROWS), the lines the rest."""
        view = self.view
        wanted = (view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth()
                  + min(max(count, 2), LIST_ROWS) * view.verticalHeader().defaultSectionSize()
                  + view.horizontalScrollBar().sizeHint().height())
        total = sum(self.splitter.sizes()) or self.height()
        if total > wanted:
            self.splitter.setSizes([wanted, total - wanted])

    def clear(self) -> None:
        self.case = None
        self.model.set_rows([])
        self.line_model.set_rows([])

    def current_revision(self) -> BudgetRevisionRow | None:
        return self.model.row_at(self.view.currentIndex().row())

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row())
        self._selected = row.id if row else None
        self.line_model.set_rows(row.lines if row else [])
        if row is not None:
            self.lines_caption.setText(
                f"Revision {row.revision}: fees {self.model.money(row.fees_total)} · expenses "
                f"{self.model.money(row.expenses_total)} · total {self.model.money(row.total)}")

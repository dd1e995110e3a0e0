"""The list part the Time and Expenses sections share: a filter (words, billing state), the
table, totals of what is shown, an empty state that says how to begin, and the keys (Ctrl+N
adds, Enter/F2/double-click edits, Del deletes)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.ui.icons import safe_icon
from casedesk.ui.models.time_entry_model import MoneyTableModel
from casedesk.ui.widgets.case_budget_actions import BudgetActions
from casedesk.ui.widgets.case_budget_common import (
    BudgetCase,
    ContextKeys,
    make_action,
    make_table,
    tool_button,
)
from casedesk.ui.widgets.case_budget_data import BudgetData
from casedesk.ui.widgets.column_fit import FitOnResize
from casedesk.ui.widgets.contacts_empty_state import EmptyState

MAIN_LEAST_CHARS = 24  # the description keeps at least this many characters
BILLING_FILTERS = (("all", "All"), ("unbilled", "Not billed yet"), ("billed", "Billed"),
                   ("not_billable", "Not billable"))


def billing_matches(state: str, billable: bool, billed_on: Any) -> bool:
    if state == "unbilled":
        return billable and billed_on is None
    if state == "billed":
        return billed_on is not None
    if state == "not_billable":
        return not billable
    return True


class EntriesSection(QWidget):
    """A filtered table of a case's rows (time entries or expenses) with its actions."""

    title_changed = Signal(str)
    TITLE = "Entries"
    ADD_TEXT = "Add…"
    ADD_TIP = ""
    EMPTY_HEADLINE = ""
    EMPTY_TEXT = ""

    def __init__(self, actions: BudgetActions, model: MoneyTableModel[Any], name: str,
                 main_column: int, limits: Mapping[int, tuple[int, int]],
                 droppable: Sequence[int]) -> None:
        super().__init__()
        self.budget_actions = actions
        self.model = model
        self.case: BudgetCase | None = None
        self.data: BudgetData | None = None
        self.all_rows: tuple[Any, ...] = ()
        self._selected_id: uuid.UUID | None = None
        self._fit_args = (main_column, dict(limits), droppable)
        self.add_action = make_action(self, self.ADD_TEXT, "plus",
                                      f"{self.ADD_TIP} (Ctrl+N)", self.add)
        self.edit_action = make_action(self, "Edit…", "pencil", "Edit the selected row (F2)",
                                       self.edit_current)
        self.delete_action = make_action(self, "Delete", "trash-2",
                                         "Delete the selected row (Del)", self.delete_current)
        self.billed_action = make_action(
            self, "Mark billed…", "check", "Record the invoice date for the selected rows, "
            "or for everything not yet billed", self.mark_billed)
        self.unbilled_action = make_action(self, "Mark not billed", "rotate-ccw",
                                           "Take the selected rows off their invoice",
                                           self.unmark_billed)
        self.new_action = self.add_action  # the window's Ctrl+N, "new in context"
        self._build(name)

    # -- layout ------------------------------------------------------------------------------
    def extra_actions(self) -> list[QAction]:
        """Actions a section adds to the bar after Edit (e.g. Open receipt)."""
        return []

    def _build(self, name: str) -> None:
        bar = QHBoxLayout()
        self.buttons: dict[str, QToolButton] = {}
        for key, action in (("add", self.add_action), ("edit", self.edit_action),
                            ("billed", self.billed_action)):
            self.buttons[key] = tool_button(action)
            bar.addWidget(self.buttons[key])
        extras = self.extra_actions()  # in the More menu: the bar keeps room for the filter
        self.more_button = QToolButton()
        self.more_button.setText("More")
        self.more_button.setAccessibleName(f"More {self.TITLE.lower()} actions")
        self.more_button.setAutoRaise(True)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.more_button)
        for action in extras:
            menu.addAction(action)
        if extras:
            menu.addSeparator()
        menu.addAction(self.unbilled_action)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        self.more_button.setMenu(menu)
        bar.addWidget(self.more_button)
        bar.addStretch(1)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(f"Filter {self.TITLE.lower()}")
        self.filter_edit.setMaximumWidth(self.fontMetrics().averageCharWidth() * 24)
        self.filter_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 12)
        self.billing_combo = QComboBox()
        self.billing_combo.setAccessibleName("Billing")
        for key, text in BILLING_FILTERS:
            self.billing_combo.addItem(text, key)
        bar.addWidget(self.filter_edit)
        bar.addWidget(self.billing_combo)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.billing_combo.currentIndexChanged.connect(self._apply_filter)

        self.view: QTableView = make_table(self.model, name)
        main, limits, droppable = self._fit_args
        # Every column fits its text; the description takes what is left, and on a narrow
        # tab the less important columns give way first.
        self.fit = FitOnResize(self.view, main, limits, MAIN_LEAST_CHARS, droppable)
        self.view.setToolTip("Enter or double-click edits · Del deletes · Ctrl+N adds")
        self.view.activated.connect(self._on_activated)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_actions())
        self.view.addActions([self.edit_action, *extras, self.billed_action,
                              self.unbilled_action, self.delete_action])
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.keys = ContextKeys(self.view, {"Ctrl+N": self.add, "F2": self.edit_current,
                                            "Del": self.delete_current})
        self.empty = EmptyState()
        self.empty_add = self.empty.add_button(QPushButton(safe_icon("plus"), self.ADD_TEXT))
        self.empty_add.clicked.connect(self.add)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        self.totals_label = QLabel()
        self.totals_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.totals_label.setAccessibleName("Totals")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.totals_label)
        self._update_actions()

    # -- what to show ------------------------------------------------------------------------
    def rows_of(self, data: BudgetData) -> Sequence[Any]:
        raise NotImplementedError

    def words_of(self, row: Any) -> str:
        """The text the filter searches."""
        raise NotImplementedError

    def totals_text(self, shown: Sequence[Any], all_rows: Sequence[Any]) -> str:
        raise NotImplementedError

    def show_data(self, case: BudgetCase, data: BudgetData) -> None:
        if self.case is None or self.case.id != case.id:
            self._selected_id = None
            self.filter_edit.clear()
            self.billing_combo.setCurrentIndex(0)
        self.case, self.data = case, data
        self.model.set_currency(data.currency)
        self.all_rows = tuple(self.rows_of(data))
        self._apply_filter()
        self.title_changed.emit(f"{self.TITLE} ({len(self.all_rows)})" if self.all_rows
                                else self.TITLE)

    def clear(self) -> None:
        self.case = self.data = None
        self.all_rows = ()
        self.model.set_rows([])
        self._update_actions()

    def _apply_filter(self) -> None:
        words = self.filter_edit.text().casefold().split()
        state = str(self.billing_combo.currentData())
        shown = [r for r in self.all_rows
                 if billing_matches(state, r.billable, r.billed_on)
                 and all(w in self.words_of(r).casefold() for w in words)]
        keep = self._selected_id
        self.model.set_rows(shown)
        filtered = bool(words) or state != "all"
        if not self.all_rows:
            self.empty.set_text(self.EMPTY_HEADLINE, self.EMPTY_TEXT)
        self.stack.setCurrentWidget(self.view if self.all_rows else self.empty)
        self.totals_label.setText(self.totals_text(shown, self.all_rows if filtered else ()))
        self.totals_label.setVisible(bool(self.all_rows))
        if shown:
            self.fit.fit()
            row = self.model.row_of(keep) if keep is not None else -1
            self.view.selectRow(max(row, 0))
        self._update_actions()

    def select_row_id(self, row_id: uuid.UUID) -> bool:
        row = self.model.row_of(row_id)
        if row >= 0:
            self.view.selectRow(row)
        self._selected_id = row_id
        return row >= 0

    # -- the selection -----------------------------------------------------------------------
    def current_row(self) -> Any:
        return self.model.row_at(self.view.currentIndex().row())

    def selected_rows(self) -> list[Any]:
        rows = (self.model.row_at(i.row()) for i in self.view.selectionModel().selectedRows())
        return [r for r in rows if r is not None]

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row())
        self._selected_id = row.id if row is not None else None
        self._update_actions()

    def _on_activated(self, index: QModelIndex) -> None:
        self.edit_current()

    def _update_actions(self) -> None:
        row = self.current_row()
        selected = self.selected_rows()
        ready = self.case is not None and self.data is not None
        self.add_action.setEnabled(ready)
        self.edit_action.setEnabled(row is not None)
        self.delete_action.setEnabled(row is not None)
        self.billed_action.setEnabled(ready and bool(self.all_rows))
        self.unbilled_action.setEnabled(any(r.billed_on is not None for r in selected))
        self.more_button.setEnabled(ready and bool(self.all_rows))

    # -- actions (the sections say which service) --------------------------------------------
    def add(self) -> None:
        raise NotImplementedError

    def edit_current(self) -> None:
        raise NotImplementedError

    def delete_current(self) -> None:
        raise NotImplementedError

    def mark_billed(self) -> None:
        raise NotImplementedError

    def unmark_billed(self) -> None:
        raise NotImplementedError

    def billed_ids(self) -> list[uuid.UUID]:
        """The selected rows that are billed (what Mark not billed takes back)."""
        return [r.id for r in self.selected_rows() if r.billed_on is not None]

    def billable_ids(self) -> list[uuid.UUID]:
        """The selected rows that can go on an invoice (billable, not billed yet)."""
        return [r.id for r in self.selected_rows() if r.billable and r.billed_on is None]


def plural(count: int, singular: str, plural_form: str = "") -> str:
    return f"{count:,} {singular if count == 1 else plural_form or singular + 's'}"


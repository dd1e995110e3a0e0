"""A case's Budget tab: Overview | Time | Expenses | Revisions.

It reads the case's figures (plain SQL: services/budget_report) and its lists (time entries,
expenses, budget history, staff) on the DB worker, shows them in its four sections, and
reloads when a write touches budgets, staff, documents (receipt names) or the firm's
settings. While the case is near or over its budget the tab asks for attention
(`attention_changed`), so the case detail can put a warning icon on it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QTabWidget, QWidget

from casedesk.domain.changes import Changes
from casedesk.ui.db import Database, JobError
from casedesk.ui.models.paged_rows_model import if_alive
from casedesk.ui.settings import Settings
from casedesk.ui.widgets.case_budget_actions import BudgetActions
from casedesk.ui.widgets.case_budget_common import (
    BudgetCase,
    level_text,
    needs_attention,
)
from casedesk.ui.widgets.case_budget_data import (
    BudgetData,
    Figures,
    Lists,
    combine,
    load_figures,
    load_lists,
)
from casedesk.ui.widgets.case_budget_expenses import ExpensesSection
from casedesk.ui.widgets.case_budget_overview import OverviewSection
from casedesk.ui.widgets.case_budget_revisions import RevisionsSection
from casedesk.ui.widgets.case_budget_time import TimeSection


class CaseBudgetTab(QTabWidget):
    """One case's budget, time and expenses, in four sections (sub-tabs)."""

    status_message = Signal(str)
    attention_changed = Signal(bool)  # near or over budget: the tab shows a warning icon
    loaded_changed = Signal()  # after each load: the case detail updates the tab's icon/tooltip

    def __init__(self, db: Database, *, actor: Callable[[], uuid.UUID | None] | None = None,
                 settings: Settings | None = None,
                 cache_root: Callable[[], Path] | None = None,
                 today: Callable[[], date] = date.today, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self.tabBar().setDrawBase(False)
        self._db = db
        self._today = today
        self.case: BudgetCase | None = None
        self.data: BudgetData | None = None
        self.loaded = False
        self.attention = False
        self.level_text = ""  # "Near budget 87.4%": the tooltip of the case's Budget tab
        self._generation = 0
        self._parts: dict[str, Any] = {}
        self.budget_actions = BudgetActions(
            db, self, case=lambda: self.case, data=lambda: self.data, actor=actor,
            settings=settings, cache_root=cache_root)
        self.budget_actions.status_message.connect(self.status_message)
        self.budget_actions.written.connect(self._select_written)
        self.overview = OverviewSection(self.budget_actions)
        self.time = TimeSection(self.budget_actions)
        self.expenses = ExpensesSection(self.budget_actions)
        self.revisions = RevisionsSection(self.budget_actions)
        for widget, title, tip in (
                (self.overview, "Overview", "The case against its budget: figures, phases, "
                 "charts"),
                (self.time, "Time", "Hours worked on the case"),
                (self.expenses, "Expenses", "Costs paid out on the case, with receipts"),
                (self.revisions, "Revisions", "Every revision of the budget, and why")):
            self.setTabToolTip(self.addTab(widget, title), tip)
        for section in (self.time, self.expenses, self.revisions):
            section.title_changed.connect(partial(self._section_title, section))
        self.set_budget_action = QAction("Set budget…", self)
        self.set_budget_action.triggered.connect(self.budget_actions.set_budget)
        db.changed.connect(self._on_changed)

    # -- the case ----------------------------------------------------------------------------
    def show_case(self, case_id: uuid.UUID | None, label: str = "", *,
                  responsible_staff_id: uuid.UUID | None = None, closed: bool = False) -> None:
        """Show this case's budget (`label` is "number · title")."""
        if case_id is None:
            self.case = self.data = None
            self.loaded = False
            for section in (self.time, self.expenses, self.revisions):
                section.clear()
            self._set_attention(False)
            return
        changed = self.case is None or self.case.id != case_id
        self.case = BudgetCase(case_id, label, responsible_staff_id, closed)
        if changed:
            self.data = None
            self.loaded = False
            self.reload()

    @property
    def case_id(self) -> uuid.UUID | None:
        return self.case.id if self.case else None

    def reload(self) -> None:
        """Read the figures and the lists (two jobs on the one worker; shown when both are
        in, and only if nothing newer was asked for meanwhile)."""
        if self.case is None:
            return
        self._generation += 1
        generation, case_id, today = self._generation, self.case.id, self._today()
        self._parts = {}
        self._db.plain(load_figures, case_id, today=today,
                       on_done=if_alive(self, partial(self._on_part, generation, case_id,
                                                      today, "figures")),
                       on_error=if_alive(self, self._load_failed))
        self._db.read(load_lists, case_id,
                      on_done=if_alive(self, partial(self._on_part, generation, case_id,
                                                     today, "lists")),
                      on_error=if_alive(self, self._load_failed))

    def _on_changed(self, changes: Changes) -> None:
        if self.case is not None and (changes.budgets or changes.staff or changes.documents
                                      or changes.firm):
            self.reload()

    def _on_part(self, generation: int, case_id: uuid.UUID, today: date, key: str,
                 value: Any) -> None:
        if generation != self._generation or self.case is None or self.case.id != case_id:
            return
        self._parts[key] = value
        if len(self._parts) < 2:
            return
        figures: Figures = self._parts["figures"]
        lists: Lists = self._parts["lists"]
        self._show(combine(case_id, today, figures, lists))

    def _show(self, data: BudgetData) -> None:
        case = self.case
        assert case is not None
        self.data = data
        self.overview.show_data(case, data)
        self.time.show_data(case, data)
        self.expenses.show_data(case, data)
        self.revisions.show_data(case, data)
        self.loaded = True
        status = data.status
        self.level_text = level_text(status.level, status.percent_used)
        self._set_attention(needs_attention(status.level))
        self.loaded_changed.emit()

    def _set_attention(self, attention: bool) -> None:
        if attention != self.attention:
            self.attention = attention
            self.attention_changed.emit(attention)

    def _section_title(self, section: QWidget, text: str) -> None:
        self.setTabText(self.indexOf(section), text)

    def _select_written(self, kind: str, row_id: uuid.UUID) -> None:
        """After an add, the new row is selected once the reload brings it."""
        section = {"time": self.time, "expenses": self.expenses}.get(kind)
        if section is not None:
            section.select_row_id(row_id)

    # -- for the window ----------------------------------------------------------------------
    def add_time(self) -> None:
        """The Time section to the front, and the time entry dialog (menu: Add time…)."""
        self.show_section("time")
        self.budget_actions.add_time()

    def add_expense(self) -> None:
        """The Expenses section to the front, and the expense dialog (menu: Add expense…)."""
        self.show_section("expenses")
        self.budget_actions.add_expense()

    def show_section(self, name: str) -> None:
        """'overview', 'time', 'expenses' or 'revisions' to the front."""
        self.setCurrentWidget(getattr(self, name))

    @property
    def new_action(self) -> QAction | None:
        """What Ctrl+N means in the section in front (None on the Overview)."""
        section = self.currentWidget()
        action = getattr(section, "new_action", None)
        return action if isinstance(action, QAction) else None

    @property
    def edit_action(self) -> QAction | None:
        """What F2 means in the section in front."""
        section = self.currentWidget()
        action = getattr(section, "edit_action", None)
        return action if isinstance(action, QAction) else None

    def _load_failed(self, error: JobError) -> None:
        """A read that failed (the case deleted at another desk, the server gone): said in
        the status bar; the case detail shows its own state, and the next change reloads."""
        self.status_message.emit(f"The budget could not be read: {error.message}")


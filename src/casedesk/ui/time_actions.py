"""The window's Time menu: add time, add expense, and the running timer in the status bar."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar, QStatusBar

from casedesk.ui.db import Database
from casedesk.ui.icons import safe_icon
from casedesk.ui.settings import Settings
from casedesk.ui.widgets.time_tracker import TimeTracker


class TimeActions(QObject):
    """Actions that record time and expenses on the case open in the Cases pane."""

    def __init__(self, db: Database, settings: Settings, *, actor: Callable[[], Any],
                 detail_view: Any, parent: QObject) -> None:
        super().__init__(parent)
        self._detail_view = detail_view  # the Cases pane's CaseDetailView
        self._pending: tuple[str, Any] | None = None  # asked for before the tab had loaded
        self._waiting = False  # connected to the tab's loaded_changed
        self.tracker = TimeTracker(db, settings, actor=actor, parent=parent)
        self.add_time_action = self._action(
            "Add &time…", self._add_time, "Ctrl+Shift+H", "clock",
            "Record time worked on the selected case")
        self.add_expense_action = self._action(
            "Add e&xpense…", self._add_expense, "Ctrl+Shift+X", "plus",
            "Record an expense of the selected case")
        # Only one of Start and Pause/Resume is enabled at a time, so they share a key.
        self.tracker.start_action.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.tracker.pause_action.setShortcut(QKeySequence("Ctrl+Shift+M"))

    def _action(self, text: str, slot: Callable[[], None], shortcut: str, icon: str,
                tip: str) -> QAction:
        action = QAction(safe_icon(icon), text, self.parent())
        action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(f"{tip} ({shortcut})")
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def add_menu(self, bar: QMenuBar) -> None:
        menu = bar.addMenu("&Time")
        for act in (self.add_time_action, self.add_expense_action, None,
                    self.tracker.start_action, self.tracker.pause_action,
                    self.tracker.stop_action, self.tracker.discard_action):
            menu.addSeparator() if act is None else menu.addAction(act)

    def add_to_status_bar(self, status: QStatusBar) -> None:
        # A permanent widget: plain status-bar widgets are hidden while a message shows.
        status.addPermanentWidget(self.tracker)

    def update(self, detail: Any, has_case: bool) -> None:
        """Follow the case shown in the Cases pane (None: no case selected)."""
        self.add_time_action.setEnabled(has_case)
        self.add_expense_action.setEnabled(has_case)
        if self._pending is not None and not (has_case and detail
                                              and detail.id == self._pending[1]):
            self._pending = None  # another case now: its dialog is not wanted any more
        self.tracker.set_current_case(
            detail.id if has_case and detail else None,
            f"{detail.number} · {detail.title}" if has_case and detail else "")

    def _show_budget(self, what: str) -> None:
        """The case's Budget tab to the front, then its `what` ("add_time", "add_expense").
        The tab may have just been built (it is built the first time it is shown) and not
        have the case's lists yet: then once they are in, if it still shows that case."""
        view = self._detail_view
        if view.detail is None:
            return
        tab = view.budget_tab
        view.show_section(tab)
        case_id = view.detail.id
        if tab.loaded and tab.case_id == case_id:
            getattr(tab, what)()
            return
        self._pending = (what, case_id)
        if not self._waiting:
            self._waiting = True
            tab.loaded_changed.connect(partial(self._budget_loaded, tab))

    def _budget_loaded(self, tab: Any) -> None:
        pending, self._pending = self._pending, None
        if (pending is not None and tab.loaded and tab.case_id == pending[1]
                and self._detail_view.tabs.currentWidget() is tab):
            getattr(tab, pending[0])()

    def _add_time(self) -> None:
        self._show_budget("add_time")

    def _add_expense(self) -> None:
        self._show_budget("add_expense")

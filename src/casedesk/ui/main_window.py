"""The main window: navigation rail, panes, menus, toolbar, global search and status bar."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from casedesk import APP_DISPLAY_NAME
from casedesk.domain.changes import Changes
from casedesk.services import case_list
from casedesk.ui import settings as keys
from casedesk.ui.db import Database, JobError
from casedesk.ui.dialogs.error_dialog import show_error
from casedesk.ui.icons import TOOLBAR_ICON_SIZE, safe_icon
from casedesk.ui.letter_actions import LetterActions
from casedesk.ui.lookups import Lookups
from casedesk.ui.panes.case_actions import CaseActions
from casedesk.ui.panes.cases_pane import CasesPane
from casedesk.ui.reminder_center import OverdueBanner, ReminderCenter
from casedesk.ui.search_box import GlobalSearchBox
from casedesk.ui.settings import Settings
from casedesk.ui.time_actions import TimeActions


@dataclass(frozen=True)
class PaneSpec:
    key: str
    title: str
    icon: str
    module: str = ""  # where the pane class lives; built on first visit (cold start)
    cls: str = ""
    wants_lookups: bool = False  # built with the window's Lookups (staff names, current user)


PANES: tuple[PaneSpec, ...] = (
    PaneSpec("cases", "Cases", "briefcase"),
    PaneSpec("calendar", "Calendar", "calendar", "casedesk.ui.panes.calendar_pane",
             "CalendarPane", wants_lookups=True),
    PaneSpec("documents", "Documents", "file-text", "casedesk.ui.panes.documents_pane",
             "DocumentsPane", wants_lookups=True),
    PaneSpec("contacts", "Contacts", "users", "casedesk.ui.panes.contacts_pane",
             "ContactsPane"),
    PaneSpec("reports", "Reports", "chart-column", "casedesk.ui.panes.reports_pane",
             "ReportsPane", wants_lookups=True),
)


def _status_counts(reader: Any) -> tuple[dict[str, int], int, int]:
    from casedesk.services.event_list import overdue_deadline_count

    today = date.today()
    return (case_list.case_counts(reader), case_list.overdue_task_count(reader, today),
            overdue_deadline_count(reader, today))


class MainWindow(QMainWindow):
    """Composes the panes; panes never call each other, the window routes their requests."""

    first_populated = Signal()

    def __init__(self, db: Database, settings: Settings, lookups: Lookups) -> None:
        super().__init__()
        self.db = db
        self.settings = settings
        self.lookups = lookups
        self.setWindowTitle(APP_DISPLAY_NAME)
        self.setMinimumSize(QSize(960, 600))
        self.actions_ = CaseActions(db, lookups, self)
        self.letters = LetterActions(db, self, actor=lambda: self.lookups.current_staff_id)
        self._templates_window: Any = None
        self._staff_window: Any = None
        self._courts_window: Any = None
        self._rules_window: Any = None
        self.cases_pane = CasesPane(db, settings, lookups, self.actions_)
        self.time = TimeActions(db, settings, actor=lambda: self.lookups.current_staff_id,
                                detail_view=self.cases_pane.detail, parent=self)
        # The other panes are built when first shown, so the first paint does not wait.
        self._panes: list[QWidget | None] = [self.cases_pane, *([None] * (len(PANES) - 1))]
        self._build_central()
        self._build_actions()
        self._build_menus_and_toolbar()
        self._build_status_bar()
        self._connect()
        self.reminders = ReminderCenter(db, lookups, self, self.overdue_banner,
                                        settings=settings)
        self.reminders.open_event_requested.connect(self.open_event)
        self.reminders.show_overdue_requested.connect(self.show_overdue)
        self._restore()

    # -- building --------------------------------------------------------------------------
    def _build_central(self) -> None:
        self.nav = QListWidget()
        self.nav.setAccessibleName("Navigation")
        self.nav.setIconSize(QSize(24, 24))
        self.nav.setFrameShape(QFrame.Shape.NoFrame)
        self.nav.setViewMode(QListWidget.ViewMode.ListMode)
        self.nav.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for number, spec in enumerate(PANES, start=1):
            item = QListWidgetItem(safe_icon(spec.icon), spec.title)
            item.setToolTip(f"{spec.title} (Ctrl+{number})")
            item.setSizeHint(QSize(0, self.fontMetrics().height() + 20))
            self.nav.addItem(item)
        width = max(self.fontMetrics().horizontalAdvance(s.title) for s in PANES) + 64
        self.nav.setFixedWidth(width)
        self.nav.setBackgroundRole(self.nav.backgroundRole())
        self.stack = QStackedWidget()
        for pane in self._panes:
            self.stack.addWidget(pane if pane is not None else QWidget())
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        self.overdue_banner = OverdueBanner()
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        right.addWidget(self.overdue_banner)
        right.addWidget(self.stack, 1)
        layout.addLayout(right, 1)
        self.setCentralWidget(central)

    def _action(self, text: str, slot: Any, shortcut: QKeySequence | str | None = None,
                icon: str | None = None, tip: str | None = None) -> QAction:
        action = QAction(safe_icon(icon) if icon else QAction().icon(), text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(f"{tip} ({action.shortcut().toString()})"
                              if shortcut else tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.new_case_action = self._action("&New…", self._new_in_context,
                                            QKeySequence.StandardKey.New, "plus",
                                            "New case (or new contact in Contacts)")
        self.import_action = self._action("&Import practice (JSON)…", self._import_json,
                                          None, "upload", "Merge a casedesk practice file")
        self.import_csv_action = self._action("Import from &spreadsheet (CSV)…",
                                              self._import_csv, None, "file-up",
                                              "Import contacts or cases from a CSV file")
        self.export_action = self._action("&Export practice (JSON)…", self._export_json, None,
                                          "download", "Save the whole practice to a file")
        self.export_ics_action = self._action(
            "Export &calendar (.ics)…", self._export_ics, None, "calendar-days",
            "Court dates and deadlines for Outlook or Google Calendar")
        self.import_ics_action = self._action(
            "Import calendar file (.ics) into case…", self._import_ics, None, "calendar",
            "Add the events of a court's or co-counsel's .ics file to the selected case")
        self.courts_action = self._action("C&ourts && holidays…", self._edit_courts, None,
                                          "gavel", "Courts, their holidays and closure days")
        self.rules_action = self._action("&Deadline rules…", self._edit_rules, None, "scale",
                                         "Rule sets: triggers and the deadlines they set")
        self.templates_action = self._action("Letter &templates…", self._letter_templates,
                                             None, "file-text",
                                             "The Word templates letters are made from")
        self.letter_action = self._action("Write &letter…", self._write_letter,
                                          "Ctrl+Shift+L", "file-pen",
                                          "Write a letter for the selected case from a "
                                          "template")
        self.compute_action = self._action("Compute &deadlines…", self._compute_deadlines,
                                           "Ctrl+Shift+D", "scale",
                                           "Add a rule set's deadlines to the selected case")
        self.reminders_action = self._action("&Reminders…", self._show_reminders,
                                             "Ctrl+Shift+R", "clock",
                                             "Due and missed reminders")
        self.firm_action = self._action("&Firm details…", self._edit_firm, None, "building-2",
                                        "Name, address and time zone of the firm")
        self.budget_settings_action = self._action(
            "&Budget settings…", self._edit_budget_settings, None, "settings",
            "Phases, expense categories, activities and the budget warning thresholds")
        self.staff_action = self._action("&Staff…", self._edit_staff, None, "users",
                                         "Attorneys, paralegals and assistants")
        self.user_action = self._action("Switch &user…", self.switch_user, None, "user",
                                        "Choose who is using this desk")
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.edit_case_action = self._action("&Edit…", self._edit_in_context, "F2", "pencil",
                                             "Edit the selected case (or contact)")
        self.close_case_action = self._action("&Close case…", self._close_case,
                                              QKeySequence.StandardKey.Delete, "archive",
                                              "Close the selected case")
        # Del closes a case only while the case list has focus (in a task or note table it
        # deletes that row instead, see CaseDetailView).
        self.close_case_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.cases_pane.view.addAction(self.close_case_action)
        self.reopen_case_action = self._action("&Reopen case", self._reopen_case, None,
                                               "archive-restore", "Reopen the selected case")
        self.add_party_action = self._action("Add &party…", self._add_party, "Ctrl+Shift+P",
                                             "user-plus", "Add a party to the selected case")
        self.add_note_action = self._action("Add n&ote…", self._add_note, "Ctrl+Shift+O",
                                            "sticky-note", "Add a note to the selected case")
        self.add_task_action = self._action("Add &task…", self._add_task, "Ctrl+Shift+T",
                                            "list-checks", "Add a task to the selected case")
        self.add_event_action = self._action("Add &event…", self._add_event, "Ctrl+Shift+E",
                                             "calendar-days",
                                             "Add a court date, deadline or meeting to the "
                                             "selected case")
        self.conflict_action = self._action("Conflict chec&k…", self._conflict_check,
                                            "Ctrl+Shift+K", "shield-check",
                                            "Check the selected case's parties for conflicts")
        self.find_action = self._action("&Filter list", self._focus_filter,
                                        QKeySequence.StandardKey.Find, "filter",
                                        "Filter the list of the current pane")
        self.search_action = self._action("&Search everything", self._focus_search, "Ctrl+K",
                                          "search", "Search cases and contacts")
        self.refresh_action = self._action("&Refresh", self._refresh,
                                           QKeySequence.StandardKey.Refresh, "refresh-cw",
                                           "Reload from the database")
        self.pane_actions: list[QAction] = []
        for number, spec in enumerate(PANES, start=1):
            act = self._action(spec.title, lambda _c=False, n=number - 1: self.show_pane(n),
                               f"Ctrl+{number}", spec.icon, f"Show {spec.title}")
            self.pane_actions.append(act)
        self.about_action = self._action("&About casedesk", self._about, None, "info")
        self.data_folder_action = self._action("Show &data folder", self._show_data_folder,
                                               None, "folder-open",
                                               "Where this practice's files are kept")

    def _build_menus_and_toolbar(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        for act in (self.new_case_action, None, self.import_action, self.import_csv_action,
                    self.export_action, None, self.export_ics_action, self.import_ics_action,
                    None, self.firm_action, self.budget_settings_action, self.staff_action,
                    self.courts_action, self.rules_action, self.templates_action,
                    self.user_action, None, self.quit_action):
            file_menu.addSeparator() if act is None else file_menu.addAction(act)
        edit_menu = bar.addMenu("&Edit")
        for act in (self.edit_case_action, self.close_case_action, self.reopen_case_action,
                    None, self.add_party_action, self.add_note_action, self.add_task_action,
                    self.add_event_action, self.compute_action,
                    self.conflict_action, self.letter_action, None, self.find_action,
                    self.search_action):
            edit_menu.addSeparator() if act is None else edit_menu.addAction(act)
        self.time.add_menu(bar)
        view_menu = bar.addMenu("&View")
        for act in self.pane_actions:
            view_menu.addAction(act)
        view_menu.addSeparator()
        view_menu.addAction(self.reminders_action)
        view_menu.addAction(self.refresh_action)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.data_folder_action)
        help_menu.addAction(self.about_action)

        self.toolbar = QToolBar("Main toolbar")
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setIconSize(TOOLBAR_ICON_SIZE)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.setMovable(False)
        for act in (self.new_case_action, self.edit_case_action, self.add_party_action,
                    self.add_note_action, self.add_task_action, self.conflict_action):
            self.toolbar.addAction(act)
        spacer = QWidget()
        spacer.setSizePolicy(spacer.sizePolicy().horizontalPolicy().Expanding,
                             spacer.sizePolicy().verticalPolicy())
        self.toolbar.addWidget(spacer)
        self.search_box = GlobalSearchBox(self.db, self)
        self.toolbar.addWidget(self.search_box)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    def _build_status_bar(self) -> None:
        self.counts_label = QLabel()
        self.user_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(120)
        self.progress.setMaximumHeight(self.fontMetrics().height())
        self.progress.setVisible(False)
        self.progress.setAccessibleName("Working")
        status = self.statusBar()
        self.time.add_to_status_bar(status)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.user_label)
        status.addPermanentWidget(self.counts_label)
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(400)  # only show progress for work that takes a while
        self._busy_timer.timeout.connect(lambda: self.progress.setVisible(True))
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(1500)
        self._counts_timer.timeout.connect(self._refresh_counts)
        # At midnight "due today" becomes "overdue": refresh everything that shows dates.
        self._midnight = QTimer(self)
        self._midnight.setSingleShot(True)
        self._midnight.timeout.connect(self._on_new_day)
        self._arm_midnight()

    def _connect(self) -> None:
        self.nav.currentRowChanged.connect(self.show_pane)
        self.stack.currentChanged.connect(self._on_pane_changed)
        self.db.changed.connect(self._on_changed)
        self.db.busy_changed.connect(self._on_busy)
        self.db.unhandled_error.connect(self._on_unhandled_error)
        self.lookups.updated.connect(self._update_user_label)
        self.actions_.status_message.connect(self.show_message)
        self.letters.status_message.connect(self.show_message)
        self.time.tracker.status_message.connect(self.show_message)
        self.time.tracker.open_case_requested.connect(self.open_case)
        self.cases_pane.detail.write_letter_requested.connect(self.letters.write_letter)
        self.cases_pane.detail.request_letter_requested.connect(self.letters.request_letter)
        self._connect_pane(self.cases_pane)
        self.cases_pane.open_contact_requested.connect(self.open_contact)
        self.cases_pane.import_requested.connect(self._import_json)
        self.cases_pane.import_ics_requested.connect(
            lambda case_id, label: self._import_ics(case=(case_id, label)))
        self.cases_pane.detail.loaded.connect(lambda _d: self._update_case_actions())
        self.cases_pane.model.populated.connect(self._on_first_populated)
        self.search_box.case_chosen.connect(self.open_case)
        self.search_box.contact_chosen.connect(self.open_contact)
        self.search_box.case_item_chosen.connect(self.open_case_item)
        self._update_case_actions()

    def _restore(self) -> None:
        geometry = self.settings.get(keys.WINDOW_GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = self.settings.get(keys.WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        pane = self.settings.get(keys.CURRENT_PANE)
        self.show_pane(pane if 0 <= pane < len(PANES) else 0)

    # -- panes -----------------------------------------------------------------------------
    def _connect_pane(self, pane: QWidget) -> None:
        signal = getattr(pane, "status_message", None)
        if signal is not None:
            signal.connect(self.show_message)
        open_case = getattr(pane, "open_case_requested", None)
        if open_case is not None:
            open_case.connect(self.open_case)
        open_tab = getattr(pane, "open_case_tab_requested", None)
        if open_tab is not None:
            open_tab.connect(self.open_case_tab)
        edit = getattr(pane, "edit_action", None)
        if isinstance(edit, QAction):  # the toolbar's Edit follows the pane's own
            edit.enabledChanged.connect(lambda _on: self._update_case_actions())
        if hasattr(pane, "import_csv_requested"):
            pane.set_import_available(True)  # type: ignore[attr-defined]
            pane.import_csv_requested.connect(self._import_csv)  # type: ignore[attr-defined]

    def pane(self, index: int) -> QWidget:
        """The pane at `index`, built (and put in place) the first time it is wanted."""
        existing = self._panes[index]
        if existing is not None:
            return existing
        import importlib

        spec = PANES[index]
        pane_cls = getattr(importlib.import_module(spec.module), spec.cls)
        extra = {"lookups": self.lookups} if spec.wants_lookups else {}
        pane: QWidget = pane_cls(self.db, self.settings, **extra)
        self._panes[index] = pane
        placeholder = self.stack.widget(index)
        self.stack.blockSignals(True)
        self.stack.insertWidget(index, pane)
        self.stack.removeWidget(placeholder)
        self.stack.blockSignals(False)
        placeholder.deleteLater()
        self._connect_pane(pane)
        if spec.key == "calendar":
            pane.add_toolbar_action(self.export_ics_action)  # type: ignore[attr-defined]
        return pane

    @property
    def calendar_pane(self) -> Any:
        return self.pane(1)

    @property
    def documents_pane(self) -> Any:
        return self.pane(2)

    @property
    def contacts_pane(self) -> Any:
        return self.pane(3)

    @property
    def built_panes(self) -> list[QWidget]:
        return [p for p in self._panes if p is not None]

    # -- navigation ------------------------------------------------------------------------
    def show_pane(self, index: int) -> None:
        self.pane(index)
        self.nav.setCurrentRow(index)
        self.stack.setCurrentIndex(index)

    def _on_pane_changed(self, index: int) -> None:
        self.nav.setCurrentRow(index)
        self._update_case_actions()
        pane = self.pane(index)
        reload = getattr(pane, "ensure_loaded", None)
        if reload is not None:
            reload()

    def open_case(self, case_id: uuid.UUID) -> None:
        self.show_pane(0)
        self.cases_pane.select_case(case_id)

    def open_case_item(self, case_id: uuid.UUID, kind: str, item_id: uuid.UUID) -> None:
        """Open a case at the tab that shows one of its documents, notes or correspondence."""
        self.open_case(case_id)
        self.cases_pane.detail.show_item(kind, item_id, case_id)

    def open_case_tab(self, case_id: uuid.UUID, tab: str) -> None:
        """Open a case at one of its tabs ("budget": from a report or the calendar)."""
        self.open_case(case_id)
        self.cases_pane.detail.show_item(tab, case_id, case_id)

    def open_event(self, event_id: uuid.UUID) -> None:
        self.show_pane(1)
        show = getattr(self.calendar_pane, "show_event", None)
        if show is not None:
            show(event_id)

    def show_overdue(self) -> None:
        self.show_pane(1)
        show = getattr(self.calendar_pane, "show_overdue", None)
        if show is not None:
            show()

    def open_contact(self, contact_id: uuid.UUID) -> None:
        self.show_pane(3)
        select = getattr(self.contacts_pane, "select_contact", None)
        if select is not None:
            select(contact_id)

    # -- refresh ---------------------------------------------------------------------------
    def start(self) -> None:
        """Load what the window shows (after the database is ready). The case list comes
        first; the filter choices and status-bar counts (whole-table scans on a big practice)
        are asked for once it has painted."""
        self.cases_pane.reload()

    def _on_first_populated(self) -> None:
        self.cases_pane.model.populated.disconnect(self._on_first_populated)
        self.lookups.refresh()  # queued before what first_populated's listeners ask for
        self._refresh_counts()
        self.reminders.start()  # after the first paint: start-up shows missed reminders
        self.first_populated.emit()

    def _on_changed(self, changes: Changes) -> None:
        if changes.cases or changes.tasks or changes.events:
            # Counting scans whole tables: after a burst of writes, count once.
            self._counts_timer.start()
        self._update_case_actions()

    def _refresh_counts(self) -> None:
        self.db.plain(_status_counts, on_done=self._show_counts, on_error=lambda _e: None)

    def _show_counts(self, result: tuple[dict[str, int], int, int]) -> None:
        counts, overdue, late_deadlines = result
        active = sum(n for status, n in counts.items() if status != "closed")
        text = f"{active:,} active case{'s' if active != 1 else ''}"
        if counts.get("closed"):
            text += f" · {counts['closed']:,} closed"
        text += f" · {overdue:,} overdue task{'s' if overdue != 1 else ''}"
        if late_deadlines:
            text += f" · {late_deadlines:,} overdue deadline{'s' if late_deadlines != 1 else ''}"
        self.counts_label.setText(text)

    def _refresh(self) -> None:
        self.db.changed.emit(Changes.everything())

    def _arm_midnight(self) -> None:
        from datetime import datetime, timedelta

        now = datetime.now()
        tomorrow = datetime.combine(now.date() + timedelta(days=1), datetime.min.time())
        self._midnight.start(int((tomorrow - now).total_seconds() * 1000) + 1000)

    def _on_new_day(self) -> None:
        self._refresh()
        self.reminders.check_overdue()
        self._arm_midnight()

    def _on_busy(self, busy: bool) -> None:
        if busy:
            self._busy_timer.start()
        else:
            self._busy_timer.stop()
            self.progress.setVisible(False)

    def _on_unhandled_error(self, error: JobError) -> None:
        show_error(self, error.message, error.details)

    def attach_indexer(self, indexer: Any) -> None:
        """Say in the status bar when the search index is catching up on much work."""
        self._index_total = 0

        def progress(done: int, total: int) -> None:
            if total >= 50:
                self._index_total = total
                self.statusBar().showMessage(
                    f"Updating the search index: {done:,} of {total:,}…", 0)

        def finished(report: Any) -> None:
            if self._index_total:
                self._index_total = 0
                self.show_message("Search index up to date." if report is not None else
                                  "The search index could not be updated; it will retry.")

        indexer.progress.connect(progress)
        indexer.finished.connect(finished)

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _update_user_label(self) -> None:
        name = self.lookups.staff_name(self.lookups.current_staff_id)
        self.user_label.setText(f"Signed in as {name}" if name else "No user chosen")

    def _update_case_actions(self) -> None:
        detail = self.cases_pane.detail.detail
        on_cases = self.stack.currentIndex() == 0
        has_case = detail is not None and on_cases
        closed = has_case and detail is not None and detail.status.value == "closed"
        for act in (self.add_party_action, self.add_note_action, self.conflict_action,
                    self.letter_action):
            act.setEnabled(has_case)
        pane_edit = self._pane_action("edit_action")
        self.edit_case_action.setEnabled(has_case if pane_edit is None else pane_edit.isEnabled())
        self.add_task_action.setEnabled(has_case and not closed)
        self.add_event_action.setEnabled(has_case and not closed)
        self.compute_action.setEnabled(has_case and not closed)
        self.close_case_action.setEnabled(has_case and not closed)
        self.reopen_case_action.setEnabled(bool(closed))
        self.time.update(detail, has_case)

    # -- case actions (menu/toolbar) -------------------------------------------------------
    def _current_detail(self) -> Any:
        return self.cases_pane.detail.detail

    def _pane_action(self, name: str) -> QAction | None:
        action = getattr(self.pane(self.stack.currentIndex()), name, None)
        return action if isinstance(action, QAction) else None

    def _new_in_context(self) -> None:
        """Ctrl+N: a new contact in Contacts, a new case everywhere else."""
        action = self._pane_action("new_action")
        if action is not None:
            action.trigger()
        else:
            self.actions_.new_case()

    def _edit_in_context(self) -> None:
        """F2: edit what the current pane has selected."""
        action = self._pane_action("edit_action")
        if action is not None:
            action.trigger()
        elif (d := self._current_detail()) is not None:
            self.actions_.edit_case(d)

    def _close_case(self) -> None:
        if (d := self._current_detail()) is not None:
            self.actions_.close_case(d)

    def _reopen_case(self) -> None:
        if (d := self._current_detail()) is not None:
            self.actions_.reopen_case(d)

    def _add_party(self) -> None:
        if (d := self._current_detail()) is not None:
            self.actions_.add_party(d)

    def _add_note(self) -> None:
        if (d := self._current_detail()) is not None:
            self.actions_.add_note(d)

    def _add_task(self) -> None:
        if (d := self._current_detail()) is not None:
            self.actions_.add_task(d)

    def _add_event(self) -> None:
        if (d := self._current_detail()) is not None:
            self.actions_.new_event(d)

    def _conflict_check(self) -> None:
        if (d := self._current_detail()) is not None:
            self.actions_.conflict_check(d)

    def _write_letter(self) -> None:
        if (d := self._current_detail()) is not None:
            self.letters.write_letter(d.id)

    def _focus_filter(self) -> None:
        pane = self.pane(self.stack.currentIndex())
        edit = getattr(pane, "filter_edit", None)
        if edit is not None:
            edit.setFocus()
            edit.selectAll()

    def _focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    # -- practice-level actions --------------------------------------------------------------
    def _import_json(self) -> None:
        from casedesk.ui.practice_files import import_practice

        import_practice(self)

    def _import_csv(self) -> None:
        from casedesk.ui.practice_files import import_csv

        import_csv(self)

    def _export_json(self) -> None:
        from casedesk.ui.practice_files import export_practice

        export_practice(self)

    def _export_ics(self) -> None:
        from casedesk.ui.calendar_files import export_calendar_file

        export_calendar_file(self)

    def _import_ics(self, _checked: bool = False, *,
                    case: tuple[uuid.UUID, str] | None = None) -> None:
        from casedesk.ui.calendar_files import import_calendar_file

        import_calendar_file(self, case=case)

    def _edit_courts(self) -> None:
        from casedesk.ui.courts_window import CourtsWindow

        if self._courts_window is None:
            self._courts_window = CourtsWindow(self, self.db, self.lookups,
                                               settings=self.settings)
        self._courts_window.show()
        self._courts_window.raise_()
        self._courts_window.activateWindow()

    def _edit_rules(self) -> None:
        from casedesk.ui.rule_sets_window import RuleSetsWindow

        if self._rules_window is None:
            self._rules_window = RuleSetsWindow(self, self.db, self.lookups,
                                                settings=self.settings)
        self._rules_window.show()
        self._rules_window.raise_()
        self._rules_window.activateWindow()

    def _letter_templates(self) -> None:
        from casedesk.ui.letter_templates_window import LetterTemplatesWindow

        if self._templates_window is None:
            self._templates_window = LetterTemplatesWindow(
                self, self.db, actor=lambda: self.lookups.current_staff_id,
                settings=self.settings)
            self._templates_window.status_message.connect(self.show_message)
        self._templates_window.show()
        self._templates_window.raise_()
        self._templates_window.activateWindow()

    def _compute_deadlines(self) -> None:
        from casedesk.ui.dialogs.compute_deadlines_dialog import ComputeDeadlinesDialog

        if (d := self._current_detail()) is not None:
            ComputeDeadlinesDialog.ask(self, self.db, d.id, f"{d.number} · {d.title}",
                                       actor_staff_id=self.lookups.current_staff_id,
                                       settings=self.settings)

    def _show_reminders(self) -> None:
        dialog = self.reminders.dialog
        self.reminders.check()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _edit_firm(self) -> None:
        from casedesk.ui.practice_files import edit_firm

        edit_firm(self)

    def _edit_budget_settings(self) -> None:
        from casedesk.ui.dialogs.budget_settings_dialog import edit_budget_settings

        edit_budget_settings(self, self.db, on_message=self.show_message)

    def _edit_staff(self) -> None:
        from casedesk.ui.staff_window import StaffWindow

        if self._staff_window is None:
            self._staff_window = StaffWindow(self, self.db, self.lookups)
        self._staff_window.show()
        self._staff_window.raise_()
        self._staff_window.activateWindow()

    def switch_user(self) -> None:
        """Ask who is using this desk (the author of notes, the actor in case history)."""
        from PySide6.QtWidgets import QInputDialog

        names = [name for _id, name in self.lookups.staff]
        if not names:
            show_error(self, "There are no staff members yet. Add yourself under File ▸ Staff.")
            return
        current = self.lookups.staff_name(self.lookups.current_staff_id)
        name, ok = QInputDialog.getItem(self, "Switch user", "Who is using this desk?", names,
                                        names.index(current) if current in names else 0, False)
        if ok:
            staff_id = next(sid for sid, n in self.lookups.staff if n == name)
            self.lookups.set_current_staff(staff_id)

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from casedesk import __version__

        QMessageBox.about(
            self, "About casedesk",
            f"<h3>casedesk {__version__}</h3><p>A case manager for small law practices: "
            "case files, parties and conflict checks, notes and tasks.</p>"
            f"<p>Data folder: {self.db.location.data_dir}</p>"
            "<p>Icons: Lucide (ISC licence).</p>")

    def _show_data_folder(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.db.location.data_dir)))

    # -- closing ---------------------------------------------------------------------------
    def save_state(self) -> None:
        self.settings.set(keys.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(keys.WINDOW_STATE, self.saveState())
        self.settings.set(keys.CURRENT_PANE, self.stack.currentIndex())
        for pane in self.built_panes:
            save = getattr(pane, "save_state", None)
            if save is not None:
                save()
        # Tool windows remember their layout when closed; one still open is saved now.
        for window in (self._courts_window, self._rules_window, self.reminders.dialog):
            if window is not None and window.isVisible():
                window.save_state()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.db.writing and not self.confirm_quit_while_busy():
            event.ignore()
            return
        self.save_state()
        super().closeEvent(event)

    def confirm_quit_while_busy(self) -> bool:
        """casedesk is still saving or importing: closing waits for that work to finish."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Information, "casedesk is still saving",
                          "casedesk is still saving or importing.",
                          QMessageBox.StandardButton.Cancel, self)
        close_button = box.addButton("Close when finished", QMessageBox.ButtonRole.AcceptRole)
        box.setInformativeText("The window closes now and casedesk finishes the work before "
                               "it exits (a large import can take a minute). Nothing is "
                               "half-saved either way.")
        box.setDefaultButton(close_button)
        box.exec()
        return box.clickedButton() is close_button

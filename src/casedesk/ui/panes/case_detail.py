"""One case's file: a header that always shows number, title, status and next deadline, and
tabs for the overview, parties, calendar, documents, correspondence, budget (time and expenses),
notes and tasks, and history."""

from __future__ import annotations

import html
import uuid
from datetime import date
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QIcon, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.changes import Changes
from casedesk.domain.enums import BudgetLevel, CaseStatus, ConflictDecision
from casedesk.domain.rows import ActivityRow, CaseDetail, NoteRow, PartyRow, TaskRow
from casedesk.ui import format as fmt
from casedesk.ui import style
from casedesk.ui.db import Database, JobError
from casedesk.ui.icons import safe_icon
from casedesk.ui.models.paged_rows_model import if_alive
from casedesk.ui.models.snapshot_model import Column, SnapshotTableModel
from casedesk.ui.panes.case_actions import CaseActions
from casedesk.ui.widgets.calendar_case_events import CaseEventsTab
from casedesk.ui.widgets.case_budget_common import level_text, needs_attention
from casedesk.ui.widgets.case_correspondence import CaseCorrespondenceTab
from casedesk.ui.widgets.case_filings import CaseFilingsTab
from casedesk.ui.widgets.case_requests import CaseRequestsTab
from casedesk.ui.widgets.documents_browser import DocumentsBrowser

if TYPE_CHECKING:
    from casedesk.ui.widgets.case_budget import CaseBudgetTab


def _table(model: SnapshotTableModel[object]) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.setWordWrap(False)
    return view


def _button(text: str, icon_name: str, tip: str = "") -> QPushButton:
    button = QPushButton(safe_icon(icon_name), text)
    if tip:
        button.setToolTip(tip)
    return button


def _count(n: int, singular: str, plural: str | None = None) -> str:
    """'1 note', '3 notes'."""
    return f"{n:,} {singular if n == 1 else (plural or singular + 's')}"


def _load_detail(session: object, case_id: uuid.UUID) -> CaseDetail:
    """On the DB worker: the services (and SQLAlchemy) are imported there, never on the GUI
    thread while the worker's warm-up may be importing the same modules (two threads importing
    SQLAlchemy at once can meet a partially initialised module)."""
    from casedesk.services.cases import get_case_detail

    return get_case_detail(session, case_id)  # type: ignore[arg-type]


def _budget_level(reader: Any, case_id: uuid.UUID,
                  today: date) -> tuple[BudgetLevel, Decimal | None]:
    """On the DB worker: the case against its budget (level, percent used), for the header's
    warning while the Budget tab is not built yet (the tab and its dialogs are built the first
    time it is shown: ~25 ms of imports kept off the first paint)."""
    from casedesk.services.budget_report import case_status

    status = case_status(reader, case_id, today=today)
    return status.level, status.percent_used


class _Sections(QTabWidget):
    """Sub-tabs of one of the case's tabs (e.g. Documents: Files | Filings)."""

    def __init__(self) -> None:
        super().__init__()
        self.setDocumentMode(True)
        self.tabBar().setDrawBase(False)

    def add(self, widget: QWidget, title: str, tip: str) -> None:
        self.setTabToolTip(self.addTab(widget, title), tip)

    def holds(self, widget: QWidget) -> bool:
        return self.indexOf(widget) >= 0


class CaseDetailView(QWidget):
    """Shows one case; reloads itself when a write touches what it shows."""

    loaded = Signal(object)  # CaseDetail
    open_contact_requested = Signal(object)  # contact uuid
    import_ics_requested = Signal(object, str)  # case uuid, "number · title" (Calendar tab)
    write_letter_requested = Signal(object)  # case uuid: the window opens the letter dialog
    request_letter_requested = Signal(object)  # case uuid: the same, for a request letter

    def __init__(self, db: Database, actions: CaseActions, parent: QWidget | None = None):
        super().__init__(parent)
        self._db = db
        self._actions = actions
        self._case_id: uuid.UUID | None = None
        self.detail: CaseDetail | None = None
        self._columns_fitted = False
        self._pending_note: uuid.UUID | None = None  # a search hit's note, until it is loaded
        self._pending_item: tuple[str, uuid.UUID] | None = None  # shown once its case is
        self._budget: CaseBudgetTab | None = None  # built the first time it is shown
        self._budget_probe = 0  # the level read for the header before then (newest only)
        self._build()
        db.changed.connect(self._on_changed)

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self._stack = QStackedWidget()
        placeholder = QLabel("Select a case in the list to see its file.")
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._stack.addWidget(placeholder)
        body = QWidget()
        self._stack.addWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._stack)

        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 8, 8, 8)
        self.title_label = QLabel()
        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.35)
        title_font.setBold(True)
        self.title_label.setFont(title_font)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)  # user text is never markup
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title_label.setWordWrap(True)
        self.facts_label = QLabel()
        self.facts_label.setTextFormat(Qt.TextFormat.RichText)
        self.facts_label.setWordWrap(True)
        header_buttons = QHBoxLayout()
        self.edit_button = _button("Edit…", "pencil", "Edit the case (F2)")
        self.close_button = _button("Close case…", "archive", "Close the case")
        self.reopen_button = _button("Reopen", "archive-restore", "Reopen the closed case")
        self.conflict_button = _button("Conflict check…", "shield-check",
                                       "Search every contact and party for conflicts")
        self.letter_button = _button("Write letter…", "file-pen", "Write a letter from a "
                                     "template: a client update, a request for documents… "
                                     "(Ctrl+Shift+L)")
        for b in (self.edit_button, self.close_button, self.reopen_button,
                  self.conflict_button, self.letter_button):
            header_buttons.addWidget(b)
        header_buttons.addStretch(1)
        # Near or over budget: said under the facts too, seen whatever tab is open.
        self.budget_warning = QLabel()
        self.budget_warning.setTextFormat(Qt.TextFormat.RichText)
        self.budget_warning.setToolTip("Show the case's budget")
        self.budget_warning.setVisible(False)
        self.budget_warning.linkActivated.connect(self._show_budget)
        layout.addWidget(self.title_label)
        layout.addWidget(self.facts_label)
        layout.addWidget(self.budget_warning)
        layout.addLayout(header_buttons)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # Names are never shortened ("Cale…" reads worse than a scroll arrow); on a narrow
        # detail the last tabs scroll (Ctrl+Tab / Ctrl+PgDown reach every tab).
        self.tabs.setElideMode(Qt.TextElideMode.ElideNone)
        self.tabs.addTab(self._build_overview(), "Overview")
        self.tabs.addTab(self._build_parties(), "Parties")
        self.events_tab = CaseEventsTab(self._db, self._actions.events)
        self.events_tab.import_ics_requested.connect(self.import_ics_requested)
        self.tabs.addTab(self.events_tab, "Calendar")
        # Documents and Correspondence each hold two sections (sub-tabs), so the case's tabs
        # fit the detail beside the list on a 1280-pixel screen without scroll arrows.
        self.documents_tab = DocumentsBrowser(self._db, None, case_scope=True,
                                              actor=lambda: self._actions._actor)
        self.documents_tab.status_message.connect(self._actions.status_message)
        self.filings_tab = CaseFilingsTab(self._db, actor=lambda: self._actions._actor)
        self.filings_tab.status_message.connect(self._actions.status_message)
        self.documents_section = _Sections()
        self.documents_section.add(self.documents_tab, "Files",
                                   "The case's documents and their versions")
        self.documents_section.add(self.filings_tab, "Filings",
                                   "Packages of documents filed with the court")
        self.filings_tab.title_changed.connect(
            lambda text: self._section_title(self.filings_tab, text))
        self.tabs.setTabToolTip(self.tabs.addTab(self.documents_section, "Documents"),
                                "Files, versions and filing packages")
        self.correspondence_tab = CaseCorrespondenceTab(self._db,
                                                        actor=lambda: self._actions._actor)
        self.requests_tab = CaseRequestsTab(self._db, actor=lambda: self._actions._actor)
        self.correspondence_section = _Sections()
        for tab, title, tip in (
                (self.correspondence_tab, "Log",
                 "Calls, meetings, letters, e-mails and court notices of this case"),
                (self.requests_tab, "Requests", "Documents requested from the client")):
            tab.status_message.connect(self._actions.status_message)
            tab.title_changed.connect(lambda text, t=tab: self._section_title(t, text))
            self.correspondence_section.add(tab, title, tip)
        self.tabs.setTabToolTip(
            self.tabs.addTab(self.correspondence_section, "Correspondence"),
            "The communication log and the documents requested from the client")
        # A light page until the tab is first shown (then swapped for the real one).
        self._budget_page = QWidget()
        self.tabs.setTabToolTip(self.tabs.addTab(self._budget_page, "Budget"),
                                "Budget, time and expenses")
        # Connected first, so whoever else listens already finds the real tab in front.
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self._notes_page = self._build_notes_tasks()
        self.tabs.addTab(self._notes_page, "Notes && Tasks")
        self.tabs.addTab(self._build_history(), "History")
        layout.addWidget(self.tabs, 1)

        for view, slot in ((self.party_view, self._remove_party),
                           (self.task_view, self._delete_selected_task),
                           (self.note_view, self._delete_selected_note)):
            shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)  # only in that table
            shortcut.activated.connect(slot)
        self.edit_button.clicked.connect(lambda: self._with_detail(self._actions.edit_case))
        self.close_button.clicked.connect(lambda: self._with_detail(self._actions.close_case))
        self.reopen_button.clicked.connect(lambda: self._with_detail(self._actions.reopen_case))
        self.conflict_button.clicked.connect(
            lambda: self._with_detail(self._actions.conflict_check))
        self.letter_button.clicked.connect(self._write_letter)
        self.correspondence_tab.write_letter_requested.connect(self.write_letter_requested)
        self.requests_tab.request_letter_requested.connect(self.request_letter_requested)

    def _show_budget(self, _link: str = "") -> None:
        self.show_section(self.budget_tab)

    # -- the Budget tab, built on first show ---------------------------------------------------
    @property
    def budget_tab(self) -> CaseBudgetTab:
        """The case's Budget tab (built now if it was not yet: the tab, time_actions, tests)."""
        return self._budget if self._budget is not None else self._build_budget()

    def _on_tab_changed(self, index: int) -> None:
        if self._budget is None and self.tabs.widget(index) is self._budget_page:
            self._build_budget()

    def _build_budget(self) -> CaseBudgetTab:
        """Build the Budget tab and put it in its placeholder's place (same index, title,
        tooltip, icon); the tab that was in front stays in front, and nothing outside sees
        the swap (the tabs' signals are held during it)."""
        from casedesk.ui.widgets.case_budget import CaseBudgetTab

        tab = CaseBudgetTab(self._db, actor=lambda: self._actions._actor)
        tab.status_message.connect(self._actions.status_message)
        tab.loaded_changed.connect(self._budget_loaded)
        self._budget = tab
        self._budget_probe += 1  # a level read still on its way is no longer wanted
        page, tabs = self._budget_page, self.tabs
        index, in_front = tabs.indexOf(page), tabs.currentWidget() is page
        was_blocked = tabs.blockSignals(True)
        try:
            tabs.insertTab(index, tab, tabs.tabIcon(index), tabs.tabText(index))
            tabs.setTabToolTip(index, tabs.tabToolTip(index + 1))
            if in_front:
                tabs.setCurrentIndex(index)
            tabs.removeTab(index + 1)
        finally:
            tabs.blockSignals(was_blocked)
        page.deleteLater()
        self._budget_page = tab
        if (d := self.detail) is not None:
            tab.show_case(d.id, f"{d.number} · {d.title}",
                          responsible_staff_id=d.responsible_staff_id,
                          closed=d.status is CaseStatus.CLOSED)
        return tab

    def _budget_loaded(self) -> None:
        """After each load of the built tab: its level drives the warnings."""
        tab = self._budget
        if tab is not None and tab.data is not None:
            self._show_budget_level(tab.data.status.level, tab.level_text)

    def _probe_budget(self, case_id: uuid.UUID) -> None:
        """Until the tab is built, the case's level is read alone (plain SQL, on the worker)."""
        self._budget_probe += 1
        probe = self._budget_probe
        self._db.plain(_budget_level, case_id, date.today(),
                       on_done=if_alive(self, partial(self._on_budget_probed, probe, case_id)),
                       on_error=if_alive(self, lambda _error: self._on_budget_probed(
                           probe, case_id, (BudgetLevel.NONE, None), text="")))

    def _on_budget_probed(self, probe: int, case_id: uuid.UUID,
                          answer: tuple[BudgetLevel, Decimal | None],
                          text: str | None = None) -> None:
        """The level read; after a failed read (`text` ""), no warning: the case detail says
        what went wrong with the case itself."""
        if probe != self._budget_probe or self._budget is not None or case_id != self._case_id:
            return  # a newer read was asked for, the tab took over, or the case changed
        level, percent_used = answer
        self._show_budget_level(level, level_text(level, percent_used) if text is None else text)

    def _show_budget_level(self, level: BudgetLevel, text: str) -> None:
        """The Budget tab's warning icon and the header's warning while the case is near or
        over its budget; the level in the tab's tooltip."""
        attention = needs_attention(level)
        index = self.tabs.indexOf(self._budget_page)
        self.tabs.setTabIcon(index, safe_icon("triangle-alert") if attention else QIcon())
        self.tabs.setTabToolTip(index, "Budget, time and expenses"
                                + (f" · {text}" if text else ""))
        color = style.overdue_color() if level is BudgetLevel.OVER else style.soon_color()
        self.budget_warning.setText(
            f'<a href="budget" style="color:{color.name()}; text-decoration:none">'
            f"\u26a0 {html.escape(text)}</a>" if attention else "")
        self.budget_warning.setVisible(attention)

    def _build_overview(self) -> QWidget:
        page = QWidget()
        row = QHBoxLayout(page)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._fields: dict[str, QLabel] = {}
        for key, label in (("number", "Number"), ("title", "Title"),
                           ("practice_area", "Practice area"), ("status", "Status"),
                           ("court", "Court"), ("court_time_zone", "Court time zone"),
                           ("judge", "Judge"), ("docket_number", "Docket number"),
                           ("opened_on", "Opened"), ("closed_on", "Closed"),
                           ("responsible", "Responsible"), ("description", "Description")):
            value = QLabel()
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._fields[key] = value
            form.addRow(label + ":", value)
        row.addLayout(form, 3)
        self.summary = QTextBrowser()
        self.summary.setOpenLinks(False)
        self.summary.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.summary.viewport().setAutoFillBackground(False)
        row.addWidget(self.summary, 2)
        return page

    def _build_parties(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.party_model: SnapshotTableModel[PartyRow] = SnapshotTableModel([
            Column("Name", lambda p: p.name),
            Column("Role", lambda p: fmt.enum_label(p.role)),
            Column("Represented by", lambda p: p.represented_by_name),
            Column("Organization", lambda p: p.organization),
            Column("E-mail", lambda p: p.email),
            Column("Phone", lambda p: p.phone),
        ], self)
        self.party_view = _table(self.party_model)  # type: ignore[arg-type]
        self.party_view.doubleClicked.connect(self._on_party_double_clicked)
        buttons = QHBoxLayout()
        self.add_party_button = _button("Add party…", "user-plus",
                                        "Add a client, opposing party, counsel, judge…")
        self.remove_party_button = _button("Remove", "trash-2", "Remove the selected party")
        buttons.addWidget(self.add_party_button)
        buttons.addWidget(self.remove_party_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.party_view)
        self.add_party_button.clicked.connect(
            lambda: self._with_detail(self._actions.add_party))
        self.remove_party_button.clicked.connect(self._remove_party)
        return page

    def _build_notes_tasks(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Vertical)
        tasks_box = QWidget()
        tasks_layout = QVBoxLayout(tasks_box)
        tasks_layout.setContentsMargins(0, 0, 0, 0)
        # Due texts are worked out when painted, so "overdue" stays true past midnight.
        self.task_model: SnapshotTableModel[TaskRow] = SnapshotTableModel([
            Column("Done", lambda t: "", checkable=lambda t: not t.is_open),
            Column("Task", lambda t: t.title, strike=lambda t: not t.is_open,
                   tooltip=lambda t: t.notes),
            Column("Assignee", lambda t: t.assignee or "Unassigned"),
            Column("Due", lambda t: fmt.due_text(t.due_on) if t.is_open
                   else fmt.day(t.due_on),
                   color=lambda t: style.due_color(t.due_on, done=not t.is_open)),
            Column("Priority", lambda t: fmt.enum_label(t.priority)),
            Column("Status", lambda t: fmt.enum_label(t.status)),
        ], self)
        self.task_view = _table(self.task_model)  # type: ignore[arg-type]
        self.task_view.clicked.connect(self._on_task_clicked)
        self.task_view.doubleClicked.connect(self._edit_selected_task)
        task_buttons = QHBoxLayout()
        self.add_task_button = _button("Add task…", "list-checks", "Add a task to this case")
        self.edit_task_button = _button("Edit…", "pencil", "Edit the selected task")
        self.done_task_button = _button("Mark done", "check", "Complete the selected task")
        self.delete_task_button = _button("Delete", "trash-2", "Delete the selected task")
        for b in (self.add_task_button, self.edit_task_button, self.done_task_button,
                  self.delete_task_button):
            task_buttons.addWidget(b)
        task_buttons.addStretch(1)
        tasks_layout.addLayout(task_buttons)
        tasks_layout.addWidget(self.task_view)
        self.add_task_button.clicked.connect(lambda: self._with_detail(self._actions.add_task))
        self.edit_task_button.clicked.connect(self._edit_selected_task)
        self.done_task_button.clicked.connect(self._toggle_selected_task)
        self.delete_task_button.clicked.connect(self._delete_selected_task)

        notes_box = QWidget()
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        self.note_model: SnapshotTableModel[NoteRow] = SnapshotTableModel([
            Column("When", lambda n: fmt.moment(n.created_at)),
            Column("Author", lambda n: n.author),
            Column("Note", lambda n: " ".join(n.text.split())[:200], tooltip=lambda n: n.text),
        ], self)
        self.note_view = _table(self.note_model)  # type: ignore[arg-type]
        self.note_view.doubleClicked.connect(self._edit_selected_note)
        note_buttons = QHBoxLayout()
        self.add_note_button = _button("Add note…", "sticky-note", "Add a note to this case")
        self.edit_note_button = _button("Edit…", "pencil", "Edit the selected note")
        self.delete_note_button = _button("Delete", "trash-2", "Delete the selected note")
        for b in (self.add_note_button, self.edit_note_button, self.delete_note_button):
            note_buttons.addWidget(b)
        note_buttons.addStretch(1)
        notes_layout.addLayout(note_buttons)
        notes_layout.addWidget(self.note_view)
        self.add_note_button.clicked.connect(lambda: self._with_detail(self._actions.add_note))
        self.edit_note_button.clicked.connect(self._edit_selected_note)
        self.delete_note_button.clicked.connect(self._delete_selected_note)

        splitter.addWidget(tasks_box)
        splitter.addWidget(notes_box)
        return splitter

    def _build_history(self) -> QWidget:
        self.activity_model: SnapshotTableModel[ActivityRow] = SnapshotTableModel([
            Column("When", lambda a: fmt.moment(a.at)),
            Column("Who", lambda a: a.who),
            Column("What", lambda a: a.summary),
        ], self)
        self.activity_view = _table(self.activity_model)  # type: ignore[arg-type]
        return self.activity_view

    # -- loading ---------------------------------------------------------------------------
    # -- sections ------------------------------------------------------------------------------
    @property
    def notes_page(self) -> QWidget:
        return self._notes_page

    def _section_title(self, widget: QWidget, text: str) -> None:
        """A sub-tab's title with its counts; its tab gets a warning icon while one of its
        sections needs attention (a request overdue, a filing rejected)."""
        for section in (self.documents_section, self.correspondence_section):
            index = section.indexOf(widget)
            if index < 0:
                continue
            if text.startswith("Correspondence"):
                text = "Log" + text[len("Correspondence"):]
            section.setTabText(index, text)
            alert = any(word in section.tabText(i) for i in range(section.count())
                        for word in ("overdue", "rejected"))
            self.tabs.setTabIcon(self.tabs.indexOf(section),
                                 safe_icon("triangle-alert") if alert else QIcon())

    def show_section(self, widget: QWidget) -> None:
        """Bring a tab or a section (e.g. the Filings section of Documents) to the front."""
        for section in (self.documents_section, self.correspondence_section):
            if section.holds(widget):
                section.setCurrentWidget(widget)
                self.tabs.setCurrentWidget(section)
                return
        self.tabs.setCurrentWidget(widget)

    def current_section(self) -> QWidget | None:
        """What is in front: a tab, or the current section of a tab that has sections."""
        current = self.tabs.currentWidget()
        return current.currentWidget() if isinstance(current, _Sections) else current

    def show_item(self, kind: str, item_id: uuid.UUID, case_id: uuid.UUID | None = None) -> None:
        """Show one of the case's documents, notes or correspondence entries (search hits);
        when the case is still loading, once it is shown."""
        if case_id is not None and (self.detail is None or self.detail.id != case_id):
            self._pending_item = (kind, item_id)
            return
        if kind == "document":
            self.show_section(self.documents_tab)
            self.documents_tab.select_document(item_id)
        elif kind == "correspondence":
            self.show_section(self.correspondence_tab)
            self.correspondence_tab.select_entry(item_id)
        elif kind == "budget":
            self.show_section(self.budget_tab)
        elif kind == "note":
            self.show_section(self._notes_page)
            self._pending_note = item_id
            self._select_pending_note()

    def _select_pending_note(self) -> None:
        """Select the note a search hit named, once this case's notes are loaded."""
        note_id = self._pending_note
        if note_id is None:
            return
        for row in range(self.note_model.rowCount()):
            note = self.note_model.row_at(row)
            if note is not None and note.id == note_id:
                self.note_view.selectRow(row)
                self.note_view.scrollTo(self.note_model.index(row, 0))
                self._pending_note = None
                return

    @property
    def case_id(self) -> uuid.UUID | None:
        return self._case_id

    def show_case(self, case_id: uuid.UUID | None) -> None:
        self._case_id = case_id
        if case_id is None:
            self.detail = None
            self._stack.setCurrentIndex(0)
            return
        self.reload()

    def reload(self) -> None:
        if self._case_id is None:
            return
        requested = self._case_id
        self._db.read(_load_detail, requested,
                      on_done=lambda d: self._on_loaded(requested, d),
                      on_error=self._on_load_error)

    def _on_load_error(self, error: JobError) -> None:
        self.detail = None
        self._case_id = None
        self._stack.setCurrentIndex(0)

    def _on_changed(self, changes: Changes) -> None:
        if self._case_id is None:
            return
        if (changes.cases or changes.parties or changes.notes or changes.tasks
                or changes.conflicts or changes.staff or changes.contacts):
            self.reload()  # the Budget tab's level is read again with it (_fill)
        elif self._budget is None and self.detail is not None and (changes.budgets
                                                                   or changes.firm):
            self._probe_budget(self.detail.id)  # the built tab reloads itself

    def _on_loaded(self, case_id: uuid.UUID, detail: CaseDetail) -> None:
        if case_id != self._case_id:
            return
        self.detail = detail
        self._fill(detail)
        self._stack.setCurrentIndex(1)
        if self._pending_item is not None:
            kind, item_id = self._pending_item
            self._pending_item = None
            self.show_item(kind, item_id)
        self.loaded.emit(detail)

    def _fill(self, d: CaseDetail) -> None:
        today = date.today()
        self.title_label.setText(f"{d.number} · {d.title}")
        next_due = d.next_due
        color = style.due_color(next_due, today=today)
        due = (f"<span style='color:{color.name()}'>{fmt.due_text(next_due, today)}</span>"
               if color is not None and next_due else fmt.due_text(next_due, today) or "none")
        decision = d.latest_conflict_decision
        conflict = {None: "<b>not recorded</b>", ConflictDecision.CLEAR: "clear",
                    ConflictDecision.CONFLICT: "<b>conflict</b>",
                    ConflictDecision.WAIVED: "waived"}[decision]
        self.facts_label.setText(
            f"<b>{fmt.enum_label(d.status)}</b> &nbsp;·&nbsp; Next due: {due}"
            f" &nbsp;·&nbsp; Conflict check: {conflict}"
            + (f" &nbsp;·&nbsp; Responsible: {html.escape(d.responsible)}"
               if d.responsible else ""))
        closed = d.status is CaseStatus.CLOSED
        self.close_button.setVisible(not closed)
        self.reopen_button.setVisible(closed)
        self.add_task_button.setEnabled(not closed)
        values = {
            "number": d.number, "title": d.title, "practice_area": d.practice_area,
            "status": fmt.enum_label(d.status), "court": d.court,
            "court_time_zone": d.court_time_zone, "judge": d.judge,
            "docket_number": d.docket_number, "opened_on": fmt.day(d.opened_on),
            "closed_on": fmt.day(d.closed_on), "responsible": d.responsible,
            "description": d.description,
        }
        for key, label in self._fields.items():
            label.setText(values[key] or "—")
        self.summary.setHtml(self._summary_html(d))
        self.party_model.set_rows(d.parties)
        self.task_model.set_rows(d.tasks)
        self.note_model.set_rows(d.notes)
        self._select_pending_note()
        self.activity_model.set_rows(d.activity)
        self.tabs.setTabText(1, f"Parties ({len(d.parties)})")
        open_tasks = d.counts.get('tasks_open', 0)
        notes_index = self.tabs.indexOf(self._notes_page)
        self.tabs.setTabText(notes_index, f"Notes && Tasks ({open_tasks})")
        self.tabs.setTabToolTip(notes_index, f"{open_tasks} open task"
                                f"{'s' if open_tasks != 1 else ''}; the case's notes")
        self.events_tab.show_case(d.id, f"{d.number} · {d.title}", closed=closed)
        self.documents_tab.show_case(d.id, f"{d.number} · {d.title}")
        self.correspondence_tab.show_case(d.id, f"{d.number} · {d.title}", d.parties)
        self.requests_tab.show_case(d.id, f"{d.number} · {d.title}", d.parties, closed=closed)
        self.filings_tab.show_case(d.id, f"{d.number} · {d.title}", court=d.court,
                                   closed=closed)
        if self._budget is not None:
            self._budget.show_case(d.id, f"{d.number} · {d.title}",
                                   responsible_staff_id=d.responsible_staff_id, closed=closed)
        else:
            self._probe_budget(d.id)
        if not self._columns_fitted:
            # Fit once; afterwards the user's own column widths are kept across reloads.
            self._columns_fitted = True
            # The main text column (name, task, note, what) gets room for ~28 characters
            # at least; the last column takes what is left.
            least = self.fontMetrics().averageCharWidth() * 28
            for view, main in ((self.party_view, 0), (self.task_view, 1),
                               (self.note_view, 2), (self.activity_view, 2)):
                view.resizeColumnsToContents()
                view.setColumnWidth(main, max(view.columnWidth(main), least))
                view.horizontalHeader().setStretchLastSection(True)

    @staticmethod
    def _summary_html(d: CaseDetail) -> str:
        c = d.counts
        overdue = c.get("tasks_overdue", 0)
        lines = [
            "<h3>Activity summary</h3>",
            f"<p>{_count(c.get('parties', 0), 'party', 'parties')} · "
            f"{_count(c.get('notes', 0), 'note')}<br>"
            f"{_count(c.get('tasks_open', 0), 'open task')}"
            + (f" (<b>{overdue} overdue</b>)" if overdue else "")
            + f" · {c.get('tasks_done', 0)} done<br>"
            f"{_count(c.get('days_open', 0), 'day')} "
            f"{'open' if d.closed_on is None else 'until closed'}"
            f" · {_count(c.get('activity', 0), 'recorded event')}</p>",
        ]
        if d.conflict_checks:
            check = d.conflict_checks[0]
            by = f"; by {html.escape(check.decided_by)}" if check.decided_by else ""
            lines.append(f"<p>Last conflict check {fmt.moment(check.decided_at)}: "
                         f"<b>{fmt.enum_label(check.decision)}</b> "
                         f"({_count(check.hit_count, 'possible match', 'possible matches')}"
                         f"{by})</p>")
        if d.activity:
            lines.append("<h4>Recent</h4><p>")
            lines.extend(f"{fmt.moment(a.at)} — {html.escape(a.summary)}<br>"
                         for a in d.activity[:6])
            lines.append("</p>")
        return "".join(lines)

    # -- actions on the selection ------------------------------------------------------------
    def _with_detail(self, action: object) -> None:
        if self.detail is not None and callable(action):
            action(self.detail)

    def _selected(self, view: QTableView, model: SnapshotTableModel[object]) -> object | None:
        indexes = view.selectionModel().selectedRows()
        return model.row_at(indexes[0].row()) if indexes else None

    def _write_letter(self) -> None:
        if self.detail is not None:
            self.write_letter_requested.emit(self.detail.id)

    def _remove_party(self) -> None:
        party = self._selected(self.party_view, self.party_model)  # type: ignore[arg-type]
        if self.detail is not None and isinstance(party, PartyRow):
            self._actions.remove_party(self.detail, party)

    def _on_party_double_clicked(self, index: QModelIndex) -> None:
        party = self.party_model.row_at(index.row())
        if party is not None:
            self.open_contact_requested.emit(party.contact_id)

    def _on_task_clicked(self, index: QModelIndex) -> None:
        if index.column() == 0:
            task = self.task_model.row_at(index.row())
            if task is not None:
                self._actions.set_task_done(task, task.is_open)

    def _edit_selected_task(self) -> None:
        task = self._selected(self.task_view, self.task_model)  # type: ignore[arg-type]
        if isinstance(task, TaskRow):
            self._actions.edit_task(task)

    def _toggle_selected_task(self) -> None:
        task = self._selected(self.task_view, self.task_model)  # type: ignore[arg-type]
        if isinstance(task, TaskRow):
            self._actions.set_task_done(task, task.is_open)

    def _delete_selected_task(self) -> None:
        task = self._selected(self.task_view, self.task_model)  # type: ignore[arg-type]
        if isinstance(task, TaskRow):
            self._actions.delete_task(task)

    def _edit_selected_note(self) -> None:
        note = self._selected(self.note_view, self.note_model)  # type: ignore[arg-type]
        if isinstance(note, NoteRow):
            self._actions.edit_note(note)

    def _delete_selected_note(self) -> None:
        note = self._selected(self.note_view, self.note_model)  # type: ignore[arg-type]
        if isinstance(note, NoteRow):
            self._actions.delete_note(note)

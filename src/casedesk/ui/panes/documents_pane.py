"""The Documents pane: until the document store arrives, the notes of every case — cases with
notes on the left (filtered and paged in SQL), the chosen case's notes on the right."""

from __future__ import annotations

import uuid
from dataclasses import replace
from functools import partial
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.changes import Changes
from casedesk.domain.enums import CaseStatus
from casedesk.domain.rows import NoteRow
from casedesk.services import note_list
from casedesk.services.note_list import NoteCaseRow
from casedesk.ui import settings as keys
from casedesk.ui.db import Database, JobError
from casedesk.ui.icons import safe_icon
from casedesk.ui.models.note_case_table_model import NoteCaseTableModel
from casedesk.ui.models.paged_rows_model import if_alive
from casedesk.ui.settings import Settings
from casedesk.ui.widgets.contacts_empty_state import EmptyState
from casedesk.ui.widgets.documents_notes_view import NotesView

FILTER_DELAY_MS = 150  # note text is searched with LIKE: coalesce fast typing


def _widget_shortcut(key: Qt.Key, widget: QWidget, slot: Any) -> QShortcut:
    """A shortcut live only while `widget` has the focus (PySide6 6.11 ignores `context=`)."""
    shortcut = QShortcut(QKeySequence(key), widget)
    shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
    shortcut.activated.connect(slot)
    return shortcut


class DocumentsPane(QWidget):
    """List/detail over case notes; every query runs on the DB worker."""

    open_case_requested = Signal(object)  # case UUID
    status_message = Signal(str)

    def __init__(self, db: Database, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._settings = settings
        self._selected_id: uuid.UUID | None = None
        self._stale = True
        self.model = NoteCaseTableModel(db, self)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._apply_filter)
        self._build()
        self._restore()
        db.changed.connect(self._on_changed)
        self.model.populated.connect(self._on_populated)
        self.model.reloaded.connect(self._reselect)
        self.model.load_failed.connect(self._show_error)

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Search notes, case number or title…  (Ctrl+F)")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.addAction(safe_icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.filter_edit.setAccessibleName("Search notes")
        self.filter_edit.setToolTip("Shows cases where every word appears in a note or in the "
                                    "case's number, title, clients, court or judge")

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Cases with notes")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The title keeps a readable width (a narrow pane scrolls rather than hide it).
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.view.setColumnWidth(1, self.fontMetrics().horizontalAdvance("x") * 30)
        self.view.setToolTip("Double-click a case to open it")

        self.empty = EmptyState()
        self.empty_clear = self.empty.add_button(QPushButton(safe_icon("x"), "Clear search"))
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.view)
        self.list_stack.addWidget(self.empty)
        self.count_label = QLabel()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 0, 4)
        left_layout.addWidget(self.filter_edit)
        left_layout.addWidget(self.list_stack, 1)
        left_layout.addWidget(self.count_label)

        self.case_label = QLabel()
        font = self.case_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.case_label.setFont(font)
        self.case_label.setWordWrap(True)
        self.case_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(safe_icon("folder-open"), "Open case")
        self.open_button.setToolTip("Open this case (Enter in the list)")
        self.open_button.setEnabled(False)
        head = QHBoxLayout()
        head.addWidget(self.case_label, 1)
        head.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        self.notes_view = NotesView()
        self.notes_placeholder = QLabel("Select a case to read its notes.")
        self.notes_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notes_placeholder.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.notes_stack = QStackedWidget()
        self.notes_stack.addWidget(self.notes_placeholder)
        self.notes_stack.addWidget(self.notes_view)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 8, 8, 4)
        right_layout.addLayout(head)
        right_layout.addWidget(self.notes_stack, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([520, 580])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.filter_edit.textChanged.connect(self._filter_timer.start)
        self.filter_edit.returnPressed.connect(self._apply_filter)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.view.activated.connect(self._on_activated)
        self.open_button.clicked.connect(self._open_selected)
        self.empty_clear.clicked.connect(self.clear_filter)
        # Ctrl+F is the main window's "filter the current pane" (it focuses filter_edit).
        # Down and Esc act only while the search field has the focus (the list needs Down).
        self.shortcuts = [
            _widget_shortcut(Qt.Key.Key_Down, self.filter_edit, self._focus_list),
            _widget_shortcut(Qt.Key.Key_Escape, self.filter_edit, self.clear_filter),
        ]

    def _restore(self) -> None:
        state = self._settings.get(keys.DOCUMENTS_SPLITTER)
        if not state.isEmpty():
            self.splitter.restoreState(state)
        self.splitter.splitterMoved.connect(self.save_state)

    def save_state(self) -> None:
        """Remember the splitter sizes."""
        self._settings.set(keys.DOCUMENTS_SPLITTER, self.splitter.saveState())

    # -- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read the cases with notes (and the shown case's notes)."""
        self._stale = False
        self.model.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _on_changed(self, changes: Changes) -> None:
        if changes.notes or changes.cases or changes.staff:
            if self.isVisible():
                self.reload()
            else:
                self._stale = True

    def _apply_filter(self) -> None:
        self._filter_timer.stop()
        flt = replace(self.model.filter, text=self.filter_edit.text().strip())
        if flt != self.model.filter:
            self._stale = False
            self.model.set_filter(flt)

    def clear_filter(self) -> None:
        self.filter_edit.clear()
        self._apply_filter()

    def _on_populated(self) -> None:
        total = self.model.total
        text = self.model.filter.text
        noun = f"case{'s' if total != 1 else ''}"
        shown = f"{total:,}" if self.model.total_known else f"{self.model.rowCount():,}+"
        self.count_label.setText(f"{shown} {noun} with matching notes" if text
                                 else f"{shown} {noun} with notes")
        empty = self.model.loaded and total == 0
        if empty and text:
            self.empty.set_text(f"No notes or cases match “{text}”.",
                                "Check the spelling, or search for fewer words.")
        elif empty:
            self.empty.set_text("No notes yet.",
                                "Notes added to cases appear here, newest first, so you can "
                                "read and search them across every case. Open a case and use "
                                "Notes & Tasks to add one.")
        self.empty_clear.setVisible(empty and bool(text))
        self.list_stack.setCurrentWidget(self.empty if empty else self.view)
        self.count_label.setVisible(not empty)

    def _reselect(self) -> None:
        row = self.model.row_of(self._selected_id) if self._selected_id else -1
        if row < 0 and self.model.rowCount():
            row = 0  # always show some notes rather than an empty page
        if row < 0:
            self._show_case(None)
            return
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index)
        self._show_case(self.model.row_at(row))

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        case = self.model.row_at(current.row()) if current.isValid() else None
        if case is not None and case.id != self._selected_id:
            self._show_case(case)

    def _show_case(self, case: NoteCaseRow | None) -> None:
        self._selected_id = case.id if case else None
        self.open_button.setEnabled(case is not None)
        if case is None:
            self.case_label.setText("")
            self.notes_view.show_notes([], 0, [])
            self.notes_stack.setCurrentWidget(self.notes_placeholder)
            return
        closed = " · Closed" if case.status is CaseStatus.CLOSED else ""
        self.case_label.setText(f"{case.number} · {case.title}{closed}")
        self._db.plain(note_list.case_notes, case.id,
                       on_done=if_alive(self, partial(self._on_notes, case.id)),
                       on_error=if_alive(self, self._show_error))

    def _on_notes(self, case_id: uuid.UUID, result: tuple[int, list[NoteRow]]) -> None:
        if case_id != self._selected_id:
            return
        total, notes = result
        words = self.model.filter.text.casefold().split()
        self.notes_view.show_notes(notes, total, words)
        self.notes_stack.setCurrentWidget(self.notes_view)

    # -- actions ---------------------------------------------------------------------------
    def _on_activated(self, index: QModelIndex) -> None:
        case = self.model.row_at(index.row())
        if case is not None:
            self.open_case_requested.emit(case.id)

    def _open_selected(self) -> None:
        if self._selected_id is not None:
            self.open_case_requested.emit(self._selected_id)

    def _focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _focus_list(self) -> None:
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _show_error(self, error: JobError) -> None:
        from casedesk.ui.dialogs.error_dialog import show_error

        self.status_message.emit(error.message)
        show_error(self, error.message, error.details)

"""The Contacts pane: the practice's directory of people and organizations beside the selected
contact's details and cases; new, edit and merge duplicates."""

from __future__ import annotations

import uuid
from dataclasses import replace
from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.changes import Changes
from casedesk.domain.enums import ContactKind
from casedesk.domain.rows import ContactRow
from casedesk.services import contact_list
from casedesk.services.contact_list import ContactCaseRow
from casedesk.ui import settings as keys
from casedesk.ui.db import Database, JobError
from casedesk.ui.icons import TOOLBAR_ICON_SIZE, safe_icon
from casedesk.ui.models.contact_table_model import ContactTableModel
from casedesk.ui.models.paged_rows_model import if_alive, reselect
from casedesk.ui.settings import Settings
from casedesk.ui.widgets.contacts_detail import ContactDetail
from casedesk.ui.widgets.contacts_empty_state import EmptyState

KIND_CHOICES: tuple[tuple[str, str], ...] = (
    ("All contacts", ""),
    ("People", ContactKind.PERSON.value),
    ("Organizations", ContactKind.ORGANIZATION.value),
)
FILTER_DELAY_MS = 120  # coalesce fast typing into one query
NAME_COLUMN, KIND_COLUMN, ORGANIZATION_COLUMN, EMAIL_COLUMN, PHONE_COLUMN, CASES_COLUMN = range(6)
STRETCH_COLUMNS = (NAME_COLUMN, EMAIL_COLUMN)  # share the room the fixed columns leave


def _widget_shortcut(key: Qt.Key, widget: QWidget, slot: Any) -> QShortcut:
    """A shortcut live only while `widget` has the focus.

    (PySide6 6.11 ignores `QShortcut(..., context=...)`, which left such shortcuts live in
    the whole window: set the context explicitly.)
    """
    shortcut = QShortcut(QKeySequence(key), widget)
    shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
    shortcut.activated.connect(slot)
    return shortcut


class ContactsPane(QWidget):
    """List/detail for contacts; the list is filtered and paged in SQL on the DB worker."""

    open_case_requested = Signal(object)  # case UUID
    status_message = Signal(str)
    import_csv_requested = Signal()

    def __init__(self, db: Database, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._settings = settings
        self._selected_id: uuid.UUID | None = None
        self._stale = True  # load on first show (or reload())
        self._import_available = False
        self.model = ContactTableModel(db, self)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._apply_filter)
        self._build_actions()
        self._build()
        self._restore()
        db.changed.connect(self._on_changed)
        self.model.populated.connect(self._on_populated)
        self.model.reloaded.connect(self._reselect)
        self.model.load_failed.connect(self._show_error)

    # -- layout ----------------------------------------------------------------------------
    def _build_actions(self) -> None:
        def action(text: str, icon_name: str, shortcuts: list[QKeySequence], tip: str,
                   slot: Any) -> QAction:
            act = QAction(safe_icon(icon_name), text, self)
            act.setShortcuts(shortcuts)
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            if shortcuts:
                keys_text = shortcuts[0].toString(QKeySequence.SequenceFormat.NativeText)
                tip = f"{tip} ({keys_text})"
            act.setToolTip(tip)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        # Ctrl+N and F2 belong to the main window, which sends them to the pane in view
        # (two shortcuts for one key would be ambiguous and neither would fire).
        self.new_action = action("New contact…", "plus", [],
                                 "Add a person or organization (Ctrl+N)", self.new_contact)
        self.edit_action = action("Edit…", "pencil", [],
                                  "Edit the selected contact (F2)", self.edit_contact)
        self.merge_action = action("Merge duplicates…", "merge", [],
                                   "Fold duplicate entries of the selected contact into it",
                                   self.merge_duplicates)
        self.filter_action = action("Filter", "search", [],
                                    "Filter the contacts (Ctrl+F)", self._focus_filter)

    def _tool_button(self, act: QAction) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(act)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setIconSize(TOOLBAR_ICON_SIZE)
        button.setAutoRaise(True)
        button.setAccessibleName(act.text().rstrip("…"))
        return button

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # On a narrow pane the buttons keep their icons (names in tooltips), the filter its room.
        narrow = event.size().width() < self.fontMetrics().horizontalAdvance("x") * 130
        style = (Qt.ToolButtonStyle.ToolButtonIconOnly if narrow
                 else Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for button in self.tool_buttons:
            button.setToolButtonStyle(style)

    def _build(self) -> None:
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter contacts (Ctrl+F)")
        self.filter_edit.setToolTip("Shows contacts whose name, other names, email or "
                                    "organization contain every word you type")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.addAction(safe_icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.filter_edit.setAccessibleName("Filter contacts")
        self.filter_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 18))
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName("Kind of contact")
        for text, value in KIND_CHOICES:
            self.kind_combo.addItem(text, value)

        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 3)
        bar.addWidget(self.kind_combo)
        self.tool_buttons = [self._tool_button(act) for act in
                             (self.new_action, self.edit_action, self.merge_action)]
        for button in self.tool_buttons:
            bar.addWidget(button)

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Contacts")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The short columns get what their usual content needs; Name and Email share the rest.
        chars = self.fontMetrics().horizontalAdvance("x")
        for column, text in ((KIND_COLUMN, "Organization"), (ORGANIZATION_COLUMN, "x" * 15),
                             (PHONE_COLUMN, "(000) 000-0000"), (CASES_COLUMN, "Cases")):
            self.view.setColumnWidth(column, self.fontMetrics().horizontalAdvance(text)
                                     + 2 * chars)
        self._stretch_columns()
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)

        self.empty = EmptyState()
        self.empty_new = self.empty.add_button(QPushButton(safe_icon("plus"), "New contact…"))
        self.empty_import = self.empty.add_button(QPushButton(safe_icon("file-up"),
                                                              "Import CSV…"))
        self.empty_import.hide()  # shown once the main window offers an importer
        self.empty_clear = self.empty.add_button(QPushButton(safe_icon("x"), "Clear filter"))
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.view)
        self.list_stack.addWidget(self.empty)
        self.count_label = QLabel()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 0, 4)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.list_stack, 1)
        left_layout.addWidget(self.count_label)

        self.detail = ContactDetail()
        self.detail.setContentsMargins(4, 8, 8, 4)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([680, 350])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.filter_edit.textChanged.connect(self._filter_timer.start)
        self.filter_edit.returnPressed.connect(self._apply_filter)
        self.kind_combo.currentIndexChanged.connect(self._apply_filter)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.view.activated.connect(lambda _index: self.edit_contact())
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.detail.open_case_requested.connect(self.open_case_requested)
        self.empty_new.clicked.connect(self.new_contact)
        self.empty_import.clicked.connect(self.import_csv_requested)
        self.empty_clear.clicked.connect(self.clear_filter)
        # Down and Esc act only while the filter field has the focus (the list needs Down).
        self.shortcuts = [
            _widget_shortcut(Qt.Key.Key_Down, self.filter_edit, self._focus_list),
            _widget_shortcut(Qt.Key.Key_Escape, self.filter_edit, self.clear_filter),
        ]
        self._update_actions()

    def _stretch_columns(self) -> None:
        header = self.view.horizontalHeader()
        for column in STRETCH_COLUMNS:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    # -- state -----------------------------------------------------------------------------
    def _restore(self) -> None:
        state = self._settings.get(keys.CONTACTS_SPLITTER)
        if not state.isEmpty():
            self.splitter.restoreState(state)
        header_state = self._settings.get(keys.CONTACTS_HEADER)
        if not header_state.isEmpty():
            self.view.horizontalHeader().restoreState(header_state)
            self._stretch_columns()  # a state saved by an older version had them fixed
        # Sorting on applies the (restored) sort indicator to the model's filter.
        self.view.setSortingEnabled(True)
        self.splitter.splitterMoved.connect(self.save_state)
        header = self.view.horizontalHeader()
        header.sectionResized.connect(self.save_state)
        header.sectionMoved.connect(self.save_state)
        header.sortIndicatorChanged.connect(self.save_state)

    def save_state(self) -> None:
        """Remember splitter sizes and column widths, order and sort."""
        self._settings.set(keys.CONTACTS_SPLITTER, self.splitter.saveState())
        self._settings.set(keys.CONTACTS_HEADER, self.view.horizontalHeader().saveState())

    def set_import_available(self, available: bool) -> None:
        """Offer "Import CSV…" in the empty state (the main window owns the importer)."""
        self._import_available = available
        self._update_empty_state()

    # -- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read the directory (and the selected contact's cases)."""
        self._stale = False
        self.model.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _on_changed(self, changes: Changes) -> None:
        if changes.contacts or changes.parties or changes.cases:
            if self.isVisible():
                self.reload()
            else:
                self._stale = True

    def _apply_filter(self) -> None:
        self._filter_timer.stop()
        flt = replace(self.model.filter, text=self.filter_edit.text().strip(),
                      kind=self.kind_combo.currentData() or "")
        if flt != self.model.filter:
            self._stale = False
            self.model.set_filter(flt)

    def clear_filter(self) -> None:
        self.filter_edit.clear()
        self.kind_combo.setCurrentIndex(0)
        self._apply_filter()

    def _on_populated(self) -> None:
        total = self.model.total
        flt = self.model.filter
        # Until the count arrives (just after the first page) say "200+".
        shown = f"{total:,}" if self.model.total_known else f"{self.model.rowCount():,}+"
        if flt.text or flt.kind:
            self.count_label.setText(f"{shown} matching contact{'s' if total != 1 else ''}")
        else:
            self.count_label.setText(f"{shown} contact{'s' if total != 1 else ''}")
        self._update_empty_state()
        wanted = self._selected_id
        shown = self.detail.contact
        if wanted is not None and (shown is None or shown.id != wanted) \
                and self.model.row_of(wanted) >= 0:
            self._reselect()  # a contact asked for by `select_contact` came with a later page

    def _update_empty_state(self) -> None:
        flt = self.model.filter
        filtered = bool(flt.text or flt.kind)
        empty = self.model.loaded and self.model.total == 0
        if empty and filtered:
            what = {"person": "people", "organization": "organizations"}.get(flt.kind, "contacts")
            self.empty.set_text(f"No {what} match “{flt.text}”." if flt.text
                                else f"No {what} yet.",
                                "Check the spelling, or add the contact.")
        elif empty:
            self.empty.set_text("No contacts yet.",
                                "Add the people and organizations you work with, or import "
                                "them from a CSV file.")
        self.empty_clear.setVisible(empty and filtered)
        self.empty_import.setVisible(empty and not filtered and self._import_available)
        self.list_stack.setCurrentWidget(self.empty if empty else self.view)
        self.count_label.setVisible(not empty)

    def _reselect(self) -> None:
        """After a reload, keep the same contact selected (with fresh details) if it is here,
        else the first one: the detail never sits empty beside a list of contacts."""
        self._show_detail(reselect(self.view, self.model, self._selected_id))

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        contact = self.model.row_at(current.row()) if current.isValid() else None
        if contact is not None or self.model.rowCount() == 0:
            self._show_detail(contact)

    def _show_detail(self, contact: ContactRow | None) -> None:
        self._selected_id = contact.id if contact else None
        self.detail.show_contact(contact)
        self._update_actions()
        if contact is not None:
            self._db.plain(contact_list.contact_cases, contact.id,
                           on_done=if_alive(self, partial(self._on_cases, contact.id)),
                           on_error=if_alive(self, self._show_error))

    def _on_cases(self, contact_id: uuid.UUID, result: tuple[int, list[ContactCaseRow]]) -> None:
        total, rows = result
        self.detail.show_cases(contact_id, total, rows)

    def _update_actions(self) -> None:
        has = self.current_contact() is not None
        self.edit_action.setEnabled(has)
        self.merge_action.setEnabled(has)

    def current_contact(self) -> ContactRow | None:
        return self.detail.contact

    def select_contact(self, contact_id: uuid.UUID) -> None:
        """Select this contact once it is in the list (e.g. after the main window asks)."""
        self._selected_id = contact_id
        if self.model.row_of(contact_id) < 0 and (self.model.busy or not self.model.loaded):
            return  # a load is on its way: `reloaded` selects it then
        self._reselect()

    # -- actions ---------------------------------------------------------------------------
    def _focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _focus_list(self) -> None:
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.addActions([self.new_action, self.edit_action, self.merge_action])
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def new_contact(self) -> None:
        from casedesk.services import contacts as contact_service

        flt = self.model.filter
        prefill = flt.text if self.model.loaded and self.model.total == 0 else ""
        answer = self._ask_contact(None, prefill)
        if answer is None:
            return
        name = str(answer.get("name", ""))

        def created(result: tuple[Changes, uuid.UUID]) -> None:
            self.status_message.emit(f"Added contact {name}.")
            # Show the new contact, wherever it would sort among thousands.
            self._selected_id = result[1]
            self.kind_combo.setCurrentIndex(0)
            self.filter_edit.setText(name)
            self._apply_filter()

        self._db.write(contact_service.create_contact, on_done=if_alive(self, created),
                       on_error=if_alive(self, self._show_error), **answer)

    def edit_contact(self) -> None:
        from casedesk.services import contacts as contact_service

        contact = self.current_contact()
        if contact is None:
            return
        answer = self._ask_contact(contact, "")
        if answer is None:
            return
        answer.setdefault("contact_id", contact.id)
        answer.setdefault("expected_version", contact.version)
        name = str(answer.get("name", contact.name))
        self._db.write(contact_service.update_contact,
                       on_done=if_alive(self, lambda _r: self.status_message.emit(
                           f"Saved contact {name}.")),
                       on_error=if_alive(self, self._show_error), **answer)

    def merge_duplicates(self) -> None:
        from casedesk.services import contacts as contact_service

        contact = self.current_contact()
        if contact is None:
            return
        self.status_message.emit(f"Looking for duplicates of {contact.name}…")
        self._db.read(contact_service.suggest_duplicates, contact.id,
                      on_done=if_alive(self, partial(self._on_duplicates, contact)),
                      on_error=if_alive(self, self._show_error))

    def _on_duplicates(self, contact: ContactRow,
                       found: list[tuple[ContactRow, float]]) -> None:
        from casedesk.services import contacts as contact_service

        current = self.current_contact()
        if current is None or current.id != contact.id:
            return  # the user moved on while we searched
        if not found:
            self.status_message.emit(f"No look-alike contacts of {contact.name} were found.")
            return
        choice = self._ask_merge(contact, found)
        if choice is None:
            return
        keep_id, duplicate_ids = choice
        names = {row.id: row.name for row, _score in found}
        names[contact.id] = contact.name
        kept = names.get(keep_id, "the chosen contact")
        count = len(duplicate_ids)
        self._selected_id = keep_id

        def merged(_result: object) -> None:
            self.status_message.emit(
                f"Merged {count} duplicate{'s' if count != 1 else ''} into {kept}.")

        self._db.write(contact_service.merge_contacts, on_done=if_alive(self, merged),
                       on_error=if_alive(self, self._show_error), keep_id=keep_id,
                       duplicate_ids=list(duplicate_ids))

    # -- dialogs (small methods, so tests and the main window can answer them) ---------------
    def _ask_contact(self, contact: ContactRow | None, name: str) -> dict[str, Any] | None:
        """Keyword arguments for create_contact/update_contact, or None if cancelled."""
        from casedesk.ui.dialogs.contact_dialog import ContactDialog

        answer = ContactDialog.ask(self, contact=contact, name=name)
        return None if answer is None else answer.as_kwargs()

    def _ask_merge(self, contact: ContactRow, candidates: list[tuple[ContactRow, float]]
                   ) -> tuple[uuid.UUID, list[uuid.UUID]] | None:
        """(the contact to keep, the duplicates to fold into it), or None if cancelled."""
        from casedesk.ui.dialogs.merge_dialog import MergeContactsDialog

        answer = MergeContactsDialog.ask(self, keep=contact, suggestions=candidates)
        if answer is None:
            return None
        return answer.keep_id, list(answer.duplicate_ids)

    def _show_error(self, error: JobError) -> None:
        from casedesk.ui.dialogs.error_dialog import show_error

        self.status_message.emit(error.message)
        show_error(self, error.message, error.details)

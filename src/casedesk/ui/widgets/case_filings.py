"""A case's filing packages (the case detail's "Filings" tab): each package's status, key date,
documents, confirmation number and the deadline it satisfies; below, the selected package's
documents in order and its history. New filing / Edit / Status / Cover letter / Export / Delete
act on it (`case_filings_actions`); the list's model is `models/filing_table_model`."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.changes import Changes
from casedesk.domain.enums import FilingStatus
from casedesk.services.filing_rows import FilingRow
from casedesk.ui import format as fmt
from casedesk.ui.db import Database, JobError
from casedesk.ui.icons import TOOLBAR_ICON_SIZE, safe_icon
from casedesk.ui.models.filing_table_model import FilingTableModel, detail_html, tab_title
from casedesk.ui.models.paged_rows_model import if_alive
from casedesk.ui.widgets.case_filings_actions import CaseRef, FilingActions
from casedesk.ui.widgets.contacts_empty_state import EmptyState

S = FilingStatus
EDITABLE = frozenset({S.DRAFT, S.READY})  # documents can change, the filing can be deleted


def _list_filings(session: Any, case_id: uuid.UUID) -> list[FilingRow]:
    from casedesk.services.filings import list_for_case

    return list_for_case(session, case_id)


def _get_filing(session: Any, filing_id: uuid.UUID) -> FilingRow:
    from casedesk.services.filings import get_filing

    return get_filing(session, filing_id)


def _tool_button(action: QAction) -> QToolButton:
    button = QToolButton()
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setIconSize(TOOLBAR_ICON_SIZE)
    button.setAutoRaise(True)
    button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
    return button


class CaseFilingsTab(QWidget):
    """One case's filing packages; reloads itself when filings, documents or events change."""

    status_message = Signal(str)
    title_changed = Signal(str)  # "Filings (3, 1 rejected)"

    def __init__(self, db: Database, *, actor: Callable[[], uuid.UUID | None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._case: CaseRef | None = None
        self._closed = False
        self._generation = 0
        self._detail_generation = 0
        self._select_id: uuid.UUID | None = None
        self.loaded = False
        self.current_detail: FilingRow | None = None
        self.filing_actions = FilingActions(db, self, actor)
        self.filing_actions.status_message.connect(self.status_message)
        self.filing_actions.saved.connect(self._on_saved)
        self._build()
        db.changed.connect(self._on_changed)
        self._update()

    # -- layout ------------------------------------------------------------------------------
    def _action(self, text: str, icon: str, tip: str, slot: Callable[[], None]) -> QAction:
        action = QAction(safe_icon(icon), text, self)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build(self) -> None:
        self.new_action = self._action("New filing…", "plus", "Start a filing package: "
                                       "documents of this case that go to the court together",
                                       self.new_filing)
        self.edit_action = self._action("Edit…", "pencil", "Change the selected filing: "
                                        "title, court, deadline, documents and their order "
                                        "(Enter)", self.edit_current)
        self.status_action = self._action("Status…", "flag", "Mark it ready, submitted, "
                                          "accepted, rejected or conformed, with the date and "
                                          "confirmation number", self.status_current)
        self.cover_action = self._action("Cover letter…", "mail", "Generate the cover letter "
                                         "to the clerk from a template, listing the documents",
                                         self.cover_current)
        self.zip_action = self._action("As a zip file…", "package", "Numbered files, an index "
                                       "and the cover letter, in one .zip",
                                       lambda: self.export_current(as_zip=True))
        self.folder_action = self._action("As a folder…", "folder-open", "Numbered files, an "
                                          "index and the cover letter, in a new folder",
                                          lambda: self.export_current(as_zip=False))
        self.delete_action = self._action("Delete…", "trash-2", "Delete the selected draft or "
                                          "ready filing (Del); its documents stay in the case",
                                          self.delete_current)
        bar = QHBoxLayout()
        self.buttons: dict[str, QToolButton] = {}
        for key, action in (("new", self.new_action), ("edit", self.edit_action),
                            ("status", self.status_action), ("cover", self.cover_action)):
            self.buttons[key] = _tool_button(action)
            bar.addWidget(self.buttons[key])
        self.export_button = QToolButton()
        self.export_button.setText("Export")
        self.export_button.setIcon(safe_icon("download"))
        self.export_button.setIconSize(TOOLBAR_ICON_SIZE)
        self.export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.export_button.setAutoRaise(True)
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button.setAccessibleName("Export the filing package")
        self.export_button.setToolTip("Write the package as a zip file or a folder of "
                                      "numbered files with an index")
        export_menu = QMenu(self.export_button)
        export_menu.addActions([self.zip_action, self.folder_action])
        self.export_button.setMenu(export_menu)
        bar.addWidget(self.export_button)
        self.buttons["delete"] = _tool_button(self.delete_action)
        bar.addWidget(self.buttons["delete"])
        bar.addStretch(1)

        self.model = FilingTableModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Filing packages of this case")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setToolTip("")
        menu_actions = [self.new_action, self.edit_action, self.status_action,
                        self.cover_action, self.zip_action, self.folder_action,
                        self.delete_action]
        self.view.addActions(menu_actions)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.activated.connect(lambda _i: self.edit_current())
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self.delete_current)

        self.empty = EmptyState()
        self.empty_new_button = self.empty.add_button(QPushButton(safe_icon("plus"),
                                                                  "New filing…"))
        self.empty_new_button.clicked.connect(self.new_filing)
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.setAccessibleName("The selected filing's documents and history")
        self.details.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.details.viewport().setAutoFillBackground(False)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(self.empty)
        self.count_label = QLabel()
        self.count_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.count_label)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.view.viewport().installEventFilter(self)  # refit as the pane is resized

    # -- loading -------------------------------------------------------------------------------
    @property
    def case(self) -> CaseRef | None:
        return self._case

    def show_case(self, case_id: uuid.UUID | None, label: str = "", *, court: str = "",
                  closed: bool = False) -> None:
        """Show this case's filings ("2026-CV-0142 · Smith v. Acme" names it in dialogs)."""
        changed = self._case is None or case_id is None or self._case.id != case_id
        reopened = closed != self._closed
        self._case = CaseRef(case_id, label, court) if case_id is not None else None
        self._closed = closed
        if changed:
            self.model.set_rows([])
            self.current_detail = None
            self.details.clear()
            self.loaded = False
        if changed or reopened:
            self.reload()  # a few rows: loaded at once, so the tab's title can count them
        self._update()

    def reload(self) -> None:
        self._generation += 1
        if self._case is None:
            return
        generation = self._generation
        self._db.read(_list_filings, self._case.id,
                      on_done=if_alive(self, lambda rows: self._on_loaded(generation, rows)),
                      on_error=if_alive(self, self._on_error))

    def _on_changed(self, changes: Changes) -> None:
        if self._case is None or not (changes.filings or changes.documents or changes.events
                                      or changes.cases or changes.staff):
            return
        self.reload()

    def _on_saved(self, filing_id: uuid.UUID) -> None:
        self._select_id = filing_id
        current = self.current_filing()
        if current is not None and current.id == filing_id:
            self._load_detail(filing_id)

    def _on_loaded(self, generation: int, rows: list[FilingRow]) -> None:
        if generation != self._generation:
            return
        current = self.current_filing()
        wanted = self._select_id or (current.id if current is not None else None)
        self._select_id = None
        self.model.set_rows(rows)
        self.loaded = True
        self._fill_empty()
        self.stack.setCurrentWidget(self.splitter if rows else self.empty)
        counts: dict[str, int] = {}
        for f in rows:
            counts[fmt.enum_label(f.status).lower()] = counts.get(
                fmt.enum_label(f.status).lower(), 0) + 1
        self.count_label.setText(
            f"{len(rows)} filing{'s' if len(rows) != 1 else ''}: "
            + ", ".join(f"{n} {word}" for word, n in counts.items()) if rows else "")
        self.title_changed.emit(tab_title(rows))
        row = self.model.row_of(wanted)
        if rows:
            self.view.selectRow(row if row >= 0 else 0)
            self._fit_columns()
        else:
            self.current_detail = None
            self.details.clear()
        self._update()

    def _fit_columns(self) -> None:
        """Fit to the text, within bounds: the title gets room, nothing crowds out the rest."""
        self.view.resizeColumnsToContents()
        char = self.fontMetrics().horizontalAdvance("x")
        for column, least, most in ((0, 24, 44), (4, 0, 24)):  # title, confirmation
            width = self.view.columnWidth(column)
            self.view.setColumnWidth(column, min(max(width, least * char), most * char))
        last = self.model.columnCount() - 1
        used = sum(self.view.columnWidth(c) for c in range(last))
        room = self.view.viewport().width() - used - char * 20  # the deadline's share
        if room < 0:  # a narrow pane: the title gives way first (its tooltip has it whole)
            self.view.setColumnWidth(0, max(char * 24, self.view.columnWidth(0) + room))
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)  # fitting fixed the last one; let it stretch again
        header.setStretchLastSection(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Resize and watched is self.view.viewport()
                and self.model.rowCount()):
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fill_empty(self) -> None:
        if self._closed:
            self.empty.set_text("No filing packages on this case.",
                                "The case is closed; reopen it to prepare a filing.")
        else:
            self.empty.set_text(
                "No filing packages for this case yet.",
                "A filing package is the set of this case's documents that go to the court "
                "together:\nin order, labelled (“Exhibit A”), with a cover letter and an index.\n"
                "Track it from draft to the conformed copy; submitting it marks the deadline "
                "it satisfies done.\n\nStart one with New filing…, then add documents from "
                "the case.")
        self.empty_new_button.setVisible(not self._closed)

    def _on_error(self, error: JobError) -> None:
        from casedesk.ui.dialogs.error_dialog import show_error

        show_error(self, error.message, error.details)

    # -- the selected filing -------------------------------------------------------------------
    def current_filing(self) -> FilingRow | None:
        return self.model.row_at(self.view.currentIndex().row())

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row())
        self._update()
        if row is None:
            self.current_detail = None
            self.details.clear()
            return
        self._load_detail(row.id)

    def _load_detail(self, filing_id: uuid.UUID) -> None:
        self._detail_generation += 1
        generation = self._detail_generation
        self._db.read(_get_filing, filing_id,
                      on_done=if_alive(self, lambda f: self._show_detail(generation, f)),
                      on_error=if_alive(self, lambda _e: None))  # deleted meanwhile: reload

    def _show_detail(self, generation: int, filing: FilingRow) -> None:
        if generation != self._detail_generation:
            return
        self.current_detail = filing
        self.details.setHtml(detail_html(filing))

    def _update(self) -> None:
        f = self.current_filing()
        self.new_action.setEnabled(self._case is not None and not self._closed)
        self.edit_action.setEnabled(f is not None)
        self.status_action.setEnabled(f is not None)
        self.cover_action.setEnabled(f is not None and f.document_count > 0
                                     and not self._closed)
        exportable = f is not None and f.document_count > 0
        self.export_button.setEnabled(exportable)
        self.zip_action.setEnabled(exportable)
        self.folder_action.setEnabled(exportable)
        deletable = f is not None and f.status in EDITABLE
        self.delete_action.setEnabled(deletable)
        if f is not None and not deletable:
            self.delete_action.setToolTip(f"A {fmt.enum_label(f.status).lower()} filing is "
                                          "kept as the record of what went to the court")
        else:
            self.delete_action.setToolTip("Delete the selected draft or ready filing (Del); "
                                          "its documents stay in the case")

    # -- actions -------------------------------------------------------------------------------
    def new_filing(self) -> None:
        if self._case is not None and not self._closed:
            self.filing_actions.new_filing(self._case)

    def edit_current(self) -> None:
        if self._case is not None and (f := self.current_filing()) is not None:
            self.filing_actions.edit_filing(self._case, f.id)

    def status_current(self) -> None:
        if (f := self.current_filing()) is not None:
            self.filing_actions.change_status(f.id)

    def cover_current(self) -> None:
        if (f := self.current_filing()) is not None and f.document_count > 0:
            self.filing_actions.cover_letter(f.id)

    def export_current(self, *, as_zip: bool) -> None:
        if (f := self.current_filing()) is not None and f.document_count > 0:
            self.filing_actions.export(f, as_zip=as_zip)

    def delete_current(self) -> None:
        if (f := self.current_filing()) is not None and f.status in EDITABLE:
            self.filing_actions.delete(f)

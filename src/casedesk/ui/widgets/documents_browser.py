"""Documents as list/detail: a table filtered and paged in SQL beside the selected document's
description and versions. Firm-wide in the Documents pane; one case's in its Documents tab.
Files dropped on it are added (on a document: as its new version, if the user says so)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.changes import Changes
from casedesk.services import document_list
from casedesk.services.document_list import DocumentFilter, DocumentListRow
from casedesk.ui.db import Database, JobError
from casedesk.ui.icons import safe_icon
from casedesk.ui.models.document_table_model import COLUMN_KEYS, DocumentTableModel
from casedesk.ui.models.paged_rows_model import if_alive, reselect
from casedesk.ui.settings import Key, Settings
from casedesk.ui.widgets.calendar_case_picker import CaseChoice, case_search
from casedesk.ui.widgets.contacts_empty_state import EmptyState
from casedesk.ui.widgets.documents_actions import DocumentActions, VersionRef
from casedesk.ui.widgets.documents_detail import DocumentDetail
from casedesk.ui.widgets.documents_drop import FileDrops
from casedesk.ui.widgets.documents_filter_bar import DocumentFilterBar
from casedesk.ui.widgets.documents_table_view import DocumentTableView


def _widget_shortcut(key: QKeySequence | Qt.Key, widget: QWidget, slot: Any) -> QShortcut:
    """A shortcut live only while `widget` has the focus."""
    shortcut = QShortcut(QKeySequence(key), widget)
    shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
    shortcut.activated.connect(slot)
    return shortcut


class DocumentsBrowser(QWidget):
    """List/detail over documents; all reading and writing runs on the DB worker."""

    open_case_requested = Signal(object)  # case uuid
    status_message = Signal(str)

    def __init__(self, db: Database, settings: Settings | None, *,
                 actor: Any = None, case_scope: bool = False,
                 header_key: Key[Any] | None = None, splitter_key: Key[Any] | None = None,
                 cache_root: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._settings = settings
        self._case_scope = case_scope
        self._case: CaseChoice | None = None  # the case of the tab (case scope)
        self._header_key = header_key
        self._splitter_key = splitter_key
        self._selected_id: uuid.UUID | None = None
        self._stale = True
        self._any_documents = True
        self.model = DocumentTableModel(db, self)
        self.doc_actions = DocumentActions(db, self, actor=actor, settings=settings,
                                           cache_root=cache_root)
        self._build_actions()
        self._build()
        self._restore()
        self.drops = FileDrops(
            self, accepts=self._can_load, target_at=self._drop_target, hint=self._drag_hint,
            where=lambda: self._case[1].split(" · ")[0] if self._case_scope and self._case
            else "", dropped=self.handle_dropped_files)
        db.changed.connect(self._on_changed)
        self.model.populated.connect(self._on_populated)
        self.model.reloaded.connect(self._reselect)
        self.model.load_failed.connect(self._show_error)
        self.doc_actions.status_message.connect(self.status_message)
        self.doc_actions.busy_changed.connect(self._on_busy)
        self.doc_actions.documents_added.connect(self._on_added)

    # -- layout ----------------------------------------------------------------------------
    def _build_actions(self) -> None:
        def action(text: str, icon_name: str, tip: str, slot: Any,
                   shortcut: QKeySequence | None = None) -> QAction:
            act = QAction(safe_icon(icon_name), text, self)
            if shortcut is not None:
                act.setShortcut(shortcut)
                # Live while this pane (or case tab) is on screen: hidden ones never match.
                act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
                tip = f"{tip} ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})"
            act.setToolTip(tip)
            act.triggered.connect(lambda _checked=False: slot())
            self.addAction(act)
            return act

        self.add_action = action("Add documents…", "plus",
                                 "Add files (or drag them onto this list)", self.add_documents,
                                 QKeySequence(QKeySequence.StandardKey.Open))
        self.open_action = action("Open", "book-open",
                                  "Open with its application (Enter)", self.open_selected)
        self.version_action = action("New version…", "file-up",
                                     "Add a file as the next version (earlier ones are kept)",
                                     self.new_version)
        self.edit_action = action("Edit…", "pencil", "Edit title, category, tags, flags and "
                                  "dates (F2)", self.edit_current)
        self.reveal_action = action("Show in folder", "folder-open",
                                    "Show a read-only copy in the file manager",
                                    self.reveal_current)
        self.export_action = action("Export a copy…", "file-down",
                                    "Save a copy of the file somewhere else",
                                    self.export_current)
        self.delete_action = action("Delete", "trash-2", "Delete the document (Del)",
                                    self.delete_current)
        self.new_action = self.add_action  # the window's Ctrl+N ("new, in context")
        # In the order of the detail's buttons (the last ones lose their words first).
        self.document_actions = [self.open_action, self.version_action, self.edit_action,
                                 self.export_action, self.reveal_action, self.delete_action]

    def _build(self) -> None:
        self.filter_bar = DocumentFilterBar(self.add_action, case_search(self._db),
                                            case_scope=self._case_scope)
        self.filter_edit = self.filter_bar.filter_edit  # the window's Ctrl+F lands here
        self.view = DocumentTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Documents")
        self.view.set_default_columns(hide_case=self._case_scope)
        self.view.horizontalHeader().setSortIndicator(COLUMN_KEYS.index("updated"),
                                                      Qt.SortOrder.DescendingOrder)

        self.empty = EmptyState()
        self.empty_add = self.empty.add_button(QPushButton(safe_icon("plus"), "Add documents…"))
        self.empty_clear = self.empty.add_button(QPushButton(safe_icon("x"), "Clear filter"))
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.view)
        self.list_stack.addWidget(self.empty)
        self.count_label = QLabel()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(self.fontMetrics().horizontalAdvance("x") * 14)
        self.busy_bar.setMaximumHeight(self.fontMetrics().height())
        self.busy_bar.setAccessibleName("Working")
        self.busy_bar.hide()
        self.busy_label = QLabel()
        self.busy_label.hide()
        status = QHBoxLayout()
        status.addWidget(self.count_label, 1)
        status.addWidget(self.busy_label)
        status.addWidget(self.busy_bar)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        if self._case_scope:
            left_layout.setContentsMargins(0, 4, 0, 0)
        else:
            left_layout.setContentsMargins(8, 8, 0, 4)
        left_layout.addWidget(self.filter_bar)
        left_layout.addWidget(self.list_stack, 1)
        left_layout.addLayout(status)

        self.detail = DocumentDetail()
        if self._case_scope:
            self.detail.setContentsMargins(0, 4, 0, 0)
        else:
            self.detail.setContentsMargins(4, 8, 8, 4)
        self.detail.add_actions(self.document_actions)
        self.detail.case_row.setVisible(not self._case_scope)  # the case header says it
        # A case's tab is narrow: the list above its detail; the pane: side by side.
        self.splitter = QSplitter(Qt.Orientation.Vertical if self._case_scope
                                  else Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([320, 280] if self._case_scope else [680, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.filter_bar.changed.connect(self._apply_filter)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.view.doubleClicked.connect(lambda _index: self.open_current())
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.detail.open_case_requested.connect(self.open_case_requested)
        self.detail.open_version_requested.connect(partial(self._version_job, "open"))
        self.detail.reveal_version_requested.connect(partial(self._version_job, "reveal"))
        self.detail.export_version_requested.connect(partial(self._version_job, "export"))
        self.empty_add.clicked.connect(self.add_documents)
        self.empty_clear.clicked.connect(self.clear_filter)
        self.shortcuts = [
            _widget_shortcut(Qt.Key.Key_Return, self.view, self.open_current),
            _widget_shortcut(Qt.Key.Key_Enter, self.view, self.open_current),
            _widget_shortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view,
                             self.delete_current),
            _widget_shortcut(Qt.Key.Key_Down, self.filter_edit, self._focus_list),
            _widget_shortcut(Qt.Key.Key_Escape, self.filter_edit, self.clear_filter),
        ]
        self._update_actions()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        list_width = self.list_stack.width() or event.size().width()
        self.filter_bar.set_compact(list_width < self.fontMetrics().horizontalAdvance("x") * 90)

    # -- state -----------------------------------------------------------------------------
    def _restore(self) -> None:
        header = self.view.horizontalHeader()
        if self._settings is not None and self._splitter_key is not None:
            state = self._settings.get(self._splitter_key)
            if not state.isEmpty():
                self.splitter.restoreState(state)
            self.splitter.splitterMoved.connect(self.save_state)
        if self._settings is not None and self._header_key is not None:
            state = self._settings.get(self._header_key)
            if not state.isEmpty():
                self.view.auto_columns = False
                header.restoreState(state)
                self.view.fit_title()
            header.sectionResized.connect(self.save_state)
            header.sectionMoved.connect(self.save_state)
            header.sortIndicatorChanged.connect(self.save_state)
        # Sorting on applies the (restored) sort indicator to the model's filter.
        self.view.setSortingEnabled(True)

    def save_state(self) -> None:
        """Remember splitter sizes and column widths, order and sort."""
        if self._settings is None:
            return
        if self._splitter_key is not None:
            self._settings.set(self._splitter_key, self.splitter.saveState())
        if self._header_key is not None:
            self._settings.set(self._header_key, self.view.horizontalHeader().saveState())

    # -- loading ---------------------------------------------------------------------------
    def _can_load(self) -> bool:
        return not self._case_scope or self._case is not None

    def reload(self) -> None:
        """Re-read the list (and the selected document)."""
        if not self._can_load():
            return
        self._stale = False
        flt = self._filter_from_controls()
        if flt != self.model.filter:
            self.model.set_filter(flt)
        else:
            self.model.reload()
        self._db.plain(document_list.any_documents, self._scope_case_id(),
                       on_done=if_alive(self, self._on_any), on_error=lambda _e: None)

    def _on_any(self, any_documents: bool) -> None:
        self._any_documents = any_documents
        self._update_empty_state()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _on_changed(self, changes: Changes) -> None:
        if changes.documents or changes.cases or changes.staff:
            if self.isVisible():
                self.reload()
                self._load_detail()
            else:
                self._stale = True

    def show_case(self, case_id: uuid.UUID, label: str) -> None:
        """Show one case's documents (the case's Documents tab)."""
        changed = self._case is None or self._case[0] != case_id
        self._case = (case_id, label)
        if not changed:
            return
        self._selected_id = None
        self.filter_edit.blockSignals(True)
        self.filter_edit.clear()  # words typed for another case
        self.filter_edit.blockSignals(False)
        self.detail.show_document(None)
        self._stale = True
        if self.isVisible():
            self.reload()

    def _scope_case_id(self) -> uuid.UUID | None:
        if self._case_scope:
            return self._case[0] if self._case else None
        return None

    def _filter_from_controls(self) -> DocumentFilter:
        base = replace(self.model.filter, case_id=self._scope_case_id())
        return self.filter_bar.filter_for(base)

    def _apply_filter(self) -> None:
        flt = self._filter_from_controls()
        if flt != self.model.filter and self._can_load():
            self._stale = False
            self.model.set_filter(flt)

    def clear_filter(self) -> None:
        self.filter_bar.clear()

    def _filtered(self) -> bool:
        flt = self.model.filter
        return bool(flt.text or flt.category or flt.flag
                    or (flt.case_id is not None and not self._case_scope))

    def _on_populated(self) -> None:
        total = self.model.total
        shown = f"{total:,}" if self.model.total_known else f"{self.model.rowCount():,}+"
        noun = "document" if total == 1 else "documents"
        if self._filtered():
            self.count_label.setText(f"{shown} matching {noun}")
        elif self._case_scope:
            self.count_label.setText(f"{shown} {noun} in this case")
        else:
            self.count_label.setText(f"{shown} {noun}")
        self._update_empty_state()

    def _update_empty_state(self) -> None:
        empty = self.model.loaded and self.model.total == 0
        filtered = self._filtered() and self._any_documents  # with none at all, say so
        if empty and filtered:
            self.empty.set_text("No documents match the filter.",
                                "Check the spelling, choose another category or case, or "
                                "clear the filter.")
        elif empty and self._case_scope:
            self.empty.set_text("No documents in this case yet.",
                                "Drag files onto this tab from your desktop or e-mail, or "
                                "click Add documents… (Ctrl+O). casedesk keeps its own copy "
                                "of each file and every later version.")
        elif empty:
            self.empty.set_text("No documents yet.",
                                "Drag files here from your desktop or e-mail, or click Add "
                                "documents… (Ctrl+O) and choose the case they belong to. "
                                "casedesk keeps its own copy of each file and every later "
                                "version.")
        self.empty_clear.setVisible(empty and filtered)
        self.empty_add.setVisible(empty and not filtered)
        self.list_stack.setCurrentWidget(self.empty if empty else self.view)
        self.count_label.setVisible(not empty)
        if empty and not filtered:
            self.detail.set_placeholder("Files dropped anywhere here are added as documents.")
        elif empty:
            self.detail.set_placeholder("No document selected.")

    def _reselect(self) -> None:
        """After a reload keep the same document selected if it is here, else the first."""
        self._show(reselect(self.view, self.model, self._selected_id))

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        if row is not None and row.id != self._selected_id:
            self._show(row)

    def _show(self, row: DocumentListRow | None) -> None:
        self._selected_id = row.id if row else None
        if row is None:
            self.detail.set_placeholder("Select a document to see its details and versions.")
            self.detail.show_document(None)
        self._update_actions()
        self._load_detail()

    def _load_detail(self) -> None:
        from casedesk.services import documents

        doc_id = self._selected_id
        if doc_id is None:
            return
        self._db.read(documents.get_document, doc_id,
                      on_done=if_alive(self, partial(self._on_detail, doc_id)),
                      on_error=if_alive(self, partial(self._on_detail_error, doc_id)))

    def _on_detail(self, doc_id: uuid.UUID, doc: Any) -> None:
        if doc_id != self._selected_id:
            return
        row = self.current_row()
        self.detail.show_document(doc, row.case_title if row else "")
        self._update_actions()

    def _on_detail_error(self, doc_id: uuid.UUID, error: JobError) -> None:
        if doc_id == self._selected_id:  # deleted meanwhile: the list reload catches up
            self.detail.show_document(None)
            self._update_actions()

    def current_row(self) -> DocumentListRow | None:
        if self._selected_id is None:
            return None
        row = self.model.row_of(self._selected_id)
        return self.model.row_at(row) if row >= 0 else None

    def _update_actions(self) -> None:
        has = self.current_row() is not None
        for act in self.document_actions:
            act.setEnabled(has)
        self.edit_action.setEnabled(has and self.detail.document is not None
                                    and self.detail.document.id == self._selected_id)
        self.add_action.setEnabled(not self.doc_actions.busy)

    def select_document(self, document_id: uuid.UUID) -> None:
        """Select this document once it is in the list."""
        self._selected_id = document_id
        if self.model.row_of(document_id) < 0 and (self.model.busy or not self.model.loaded):
            return  # a load is on its way: `reloaded` selects it then
        self._reselect()

    # -- actions ---------------------------------------------------------------------------
    def _default_case(self) -> CaseChoice | None:
        return self._case if self._case_scope else self.filter_bar.case_filter.choice()

    def add_documents(self) -> None:
        """Ctrl+O: choose files, then add them."""
        if self._case_scope and self._case is None:
            return
        paths = self.doc_actions.choose_files()
        if paths:
            self.add_paths(paths)

    def add_paths(self, paths: list[Path]) -> None:
        self.doc_actions.add_files(paths, case=self._default_case(), case_fixed=self._case_scope)

    def _version_ref(self, number: int | None = None) -> VersionRef | None:
        row = self.current_row()
        if row is None:
            return None
        doc = self.detail.document
        if number is not None and doc is not None and doc.id == row.id:
            version = next((v for v in doc.versions if v.number == number), None)
            if version is not None:
                return VersionRef(row.id, number, version.sha256, version.file_name)
        return VersionRef(row.id, row.current_version, row.sha256, row.file_name)

    def _version_job(self, kind: str, number: int | None = None) -> None:
        ref = self._version_ref(number)
        if ref is None:
            return
        {"open": self.doc_actions.open_version, "reveal": self.doc_actions.reveal_version,
         "export": self.doc_actions.export_version}[kind](ref)

    def open_current(self) -> None:
        """Enter or double-click in the list: the current version."""
        self._version_job("open")

    def open_selected(self) -> None:
        """The Open button: the version selected in the detail (the current one at first)."""
        self._version_job("open", self.detail.selected_version())

    def reveal_current(self) -> None:
        self._version_job("reveal", self.detail.selected_version())

    def export_current(self) -> None:
        self._version_job("export", self.detail.selected_version())

    def new_version(self, path: Path | None = None) -> None:
        row = self.current_row()
        if row is not None:
            self.doc_actions.new_version(row, path)

    def edit_current(self) -> None:
        doc = self.detail.document
        if doc is not None and doc.id == self._selected_id:
            self.doc_actions.edit(doc)

    def delete_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.doc_actions.delete(row)

    def _on_added(self, ids: list[uuid.UUID]) -> None:
        if ids:
            self.select_document(ids[0])

    def _on_busy(self, text: str) -> None:
        self.busy_label.setText(text)
        self.busy_label.setVisible(bool(text))
        self.busy_bar.setVisible(bool(text))
        self._update_actions()
        if text:
            self.status_message.emit(text)

    def _focus_list(self) -> None:
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.addActions(self.document_actions[:3])
        menu.addSeparator()
        menu.addActions(self.document_actions[3:5])
        menu.addSeparator()
        menu.addAction(self.document_actions[5])
        menu.addSeparator()
        menu.addAction(self.add_action)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def _show_error(self, error: JobError) -> None:
        from casedesk.ui.dialogs import error_dialog

        self.status_message.emit(error.message)
        error_dialog.show_error(self, error.message, error.details)

    # -- drag and drop -----------------------------------------------------------------------
    def _drop_target(self, pos: QPoint) -> DocumentListRow | None:
        """The document a drop at `pos` (in this widget) lands on, if any."""
        if self.list_stack.currentWidget() is self.view:
            viewport = self.view.viewport()
            local = viewport.mapFrom(self, pos)
            if viewport.rect().contains(local):
                index = self.view.indexAt(local)
                return self.model.row_at(index.row()) if index.isValid() else None
        if self.detail.isVisible() and self.detail.rect().contains(self.detail.mapFrom(self, pos)):
            return self.current_row() if self.detail.document is not None else None
        return None

    def _drag_hint(self, text: str) -> None:
        """While files hover: what a drop would do; after: what is running, if anything."""
        text = text or self.doc_actions.busy
        self.busy_label.setText(text)
        self.busy_label.setVisible(bool(text))

    def handle_dropped_files(self, paths: list[Path], target: DocumentListRow | None = None,
                             refused: list[str] | None = None) -> None:
        """Files dropped on the list (`target`: the document they were dropped on)."""
        from casedesk.ui.dialogs import document_version_dialog as versions
        from casedesk.ui.dialogs import error_dialog

        if refused:
            names = ", ".join(refused[:3]) + (" …" if len(refused) > 3 else "")
            error_dialog.show_error(
                self, f"Only files can be added; {names} "
                f"{'is' if len(refused) == 1 else 'are'} not a file (a folder, or not on this "
                "computer)." + (" The other files will be added." if paths else ""))
        if not paths:
            return
        if target is not None and len(paths) == 1:
            self.select_document(target.id)
            choice = versions.ask_version_or_new(self, title=target.title,
                                                 file_name=paths[0].name)
            if choice is None:
                return
            if choice == versions.VERSION:
                self.doc_actions.new_version(target, paths[0])
                return
        self.add_paths(paths)

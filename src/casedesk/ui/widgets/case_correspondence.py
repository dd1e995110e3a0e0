"""A case's correspondence log (the case detail's "Correspondence" tab): calls, meetings,
letters, e-mails and court notices, newest first, with the selected entry's summary and linked
documents beneath (double-click opens one); Log…, Edit…, Delete, and Import e-mail… (also by
dropping .eml files on the tab, see widgets/correspondence_import.py).

The list is paged in SQL (models/correspondence_model.py); the selected entry is read whole.
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QPalette,
    QShortcut,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.changes import Changes
from casedesk.domain.enums import CorrespondenceKind, Direction, PartyRole, label
from casedesk.domain.rows import PartyRow
from casedesk.services.correspondence_list import CorrespondenceListRow, CorrespondenceRow
from casedesk.ui import format as fmt
from casedesk.ui import settings as keys
from casedesk.ui.db import Database, JobError
from casedesk.ui.dialogs import error_dialog
from casedesk.ui.dialogs.ask import confirm as _confirm
from casedesk.ui.dialogs.correspondence_dialog import (
    KIND_ICONS,
    KIND_WORDS,
    CorrespondenceDialog,
    DocumentChoice,
    Person,
)
from casedesk.ui.icons import safe_icon
from casedesk.ui.models.correspondence_model import (
    COLUMN_LIMITS,
    DROPPABLE,
    SUBJECT_COL,
    SUBJECT_LEAST_CHARS,
    CorrespondenceModel,
    correspondence_table,
    when_text,
)
from casedesk.ui.models.paged_rows_model import if_alive
from casedesk.ui.settings import Settings
from casedesk.ui.widgets.column_fit import FitOnResize
from casedesk.ui.widgets.contacts_empty_state import EmptyState
from casedesk.ui.widgets.correspondence_import import EmlImporter, eml_paths

confirm = _confirm  # re-exported so tests can answer it here
show_error = error_dialog.show_error  # likewise
CHOICES_LIMIT = 2_000  # documents offered for linking (the most recently changed first)
ASKED_KINDS = (CorrespondenceKind.CALL, CorrespondenceKind.MEETING, CorrespondenceKind.LETTER,
               CorrespondenceKind.EMAIL, CorrespondenceKind.COURT_NOTICE,
               CorrespondenceKind.OTHER)
Lists = tuple[list[tuple[uuid.UUID, str]], list[DocumentChoice]]


# -- what the dialogs need (read on the worker) ------------------------------------------------
def document_choices(reader: Any, case_id: uuid.UUID, limit: int = CHOICES_LIMIT
                     ) -> list[DocumentChoice]:
    """The case's documents to link, most recently changed first."""
    from casedesk.services.document_list import DocumentFilter, document_page

    rows = document_page(reader, DocumentFilter(case_id=case_id, sort="updated"), offset=0,
                         limit=limit)
    return [DocumentChoice(r.id, r.title, " · ".join(
        p for p in (r.file_name, fmt.day(r.document_date)) if p)) for r in rows]


def _dialog_lists(reader: Any, case_id: uuid.UUID) -> Lists:
    from casedesk.services.case_list import staff_choices

    return staff_choices(reader), document_choices(reader, case_id)


def party_people(parties: Sequence[PartyRow]) -> list[Person]:
    """The case's parties as contact choices ("Jane Smith (Client)"), each contact once."""
    people: dict[uuid.UUID, Person] = {}
    for party in parties:
        if party.contact_id not in people:
            people[party.contact_id] = Person(party.contact_id, party.name,
                                              f"{party.name} ({label(party.role)})")
    return list(people.values())


def client_of(parties: Sequence[PartyRow]) -> uuid.UUID | None:
    """The case's (first) client: whom most calls, meetings and letters are with."""
    return next((p.contact_id for p in parties if p.role is PartyRole.CLIENT), None)


def _get_entry(session: Any, entry_id: uuid.UUID) -> CorrespondenceRow:
    from casedesk.services.correspondence import get_correspondence

    return get_correspondence(session, entry_id)


def _version_ref(session: Any, document_id: uuid.UUID) -> Any:
    from casedesk.services.documents import get_document
    from casedesk.ui.widgets.documents_actions import VersionRef

    doc = get_document(session, document_id)
    return VersionRef(doc.id, doc.current_version, doc.sha256, doc.file_name)


def detail_html(row: CorrespondenceRow) -> str:
    """The selected entry: what, when, between whom, and the summary."""
    esc = html.escape
    direction = "Incoming" if row.direction is Direction.INCOMING else "Outgoing"
    lines = [f"<b>{esc(row.subject or '(no subject)')}</b>",
             f"{esc(KIND_WORDS[row.kind])} · {direction} · "
             f"{esc(when_text(row.on_date, row.at))}"]
    if row.from_text:
        lines.append(f"From: {esc(row.from_text)}")
    if row.to_text:
        lines.append(f"To: {esc(row.to_text)}")
    who = [f"Contact: {esc(row.contact_name)}" if row.contact_name else "",
           f"Handled by: {esc(row.staff_name)}" if row.staff_name else ""]
    if any(who):
        lines.append(" · ".join(w for w in who if w))
    body = esc(row.summary).replace("\n", "<br>") if row.summary else "<i>No summary.</i>"
    return "<br>".join(lines) + f"<p>{body}</p>"


@dataclass(frozen=True, slots=True)
class _Case:
    id: uuid.UUID
    label: str  # "2026-CV-0142 · Smith v. Acme"
    parties: tuple[PartyRow, ...]

    @property
    def number(self) -> str:
        return self.label.split(" · ")[0]


class CaseCorrespondenceTab(QWidget):
    """One case's correspondence log; reloads itself when correspondence or documents change."""

    status_message = Signal(str)
    title_changed = Signal(str)  # "Correspondence (12)"
    write_letter_requested = Signal(object)  # case id: the window opens the letter dialog

    def __init__(self, db: Database, *, actor: Callable[[], uuid.UUID | None] | None = None,
                 settings: Settings | None = None,
                 cache_root: Callable[[], Path] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from casedesk.ui.widgets.documents_actions import DocumentActions

        self._db = db
        self._actor = actor or (lambda: None)
        self._settings = settings
        self._case: _Case | None = None
        self._detail_generation = 0
        self._selected_id: uuid.UUID | None = None
        self.entry: CorrespondenceRow | None = None  # the selected entry, read whole
        self.document_actions = DocumentActions(db, self, actor=self._actor, settings=settings,
                                                cache_root=cache_root)
        self.document_actions.status_message.connect(self.status_message)
        self.importer = EmlImporter(db, self, actor=self._actor)
        self.importer.status_message.connect(self.status_message)
        self.importer.busy_changed.connect(self._show_busy)
        self.importer.imported.connect(self._on_imported)
        self.model = CorrespondenceModel(db, self)
        self._build()
        self.setAcceptDrops(True)
        db.changed.connect(self._on_changed)
        self.model.populated.connect(self._on_populated)
        self.model.reloaded.connect(self._reselect)
        self.model.load_failed.connect(self._show_error)
        self._update_actions()

    # -- layout ------------------------------------------------------------------------------
    def _action(self, text: str, icon_name: str, tip: str, slot: Callable[[], None]
                ) -> QAction:
        action = QAction(safe_icon(icon_name), text, self)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _build(self) -> None:
        self.log_button = QToolButton()
        self.log_button.setText("Log…")
        self.log_button.setIcon(safe_icon("plus"))
        self.log_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.log_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.log_button.setAutoRaise(True)
        self.log_button.setAccessibleName("Log a call, meeting, letter or other contact")
        self.log_button.setToolTip("Log a call, meeting, letter, e-mail or court notice")
        menu = QMenu(self.log_button)
        self.log_actions: dict[CorrespondenceKind, QAction] = {}
        for kind in ASKED_KINDS:
            action = menu.addAction(safe_icon(KIND_ICONS[kind]), f"{KIND_WORDS[kind]}…")
            action.triggered.connect(partial(self.log_new, kind))
            self.log_actions[kind] = action
        self.log_button.setMenu(menu)
        self.edit_action = self._action("Edit…", "pencil", "Edit the selected entry (F2)",
                                        self.edit_current)
        self.delete_action = self._action("Delete", "trash-2",
                                          "Delete the selected entry (Del)", self.delete_current)
        self.import_action = self._action(
            "Import e-mail…", "mail", "Add saved e-mails (.eml) to this case with their "
            "attachments; you can also drop .eml files here", self.choose_eml_files)
        self.letter_action = self._action(
            "Write letter…", "file-pen", "Write a letter from a template; it is saved to the "
            "case and logged here", self.write_letter)
        bar = QHBoxLayout()
        bar.addWidget(self.log_button)
        self.buttons: dict[str, QToolButton] = {}
        for key, action in (("edit", self.edit_action), ("delete", self.delete_action),
                            ("import", self.import_action), ("letter", self.letter_action)):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAutoRaise(True)
            self.buttons[key] = button
            bar.addWidget(button)
        bar.addStretch(1)
        self.busy_label = QLabel()
        self.busy_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.busy_label.setVisible(False)
        bar.addWidget(self.busy_label)

        self.view = correspondence_table(self.model)
        self.fit = FitOnResize(self.view, SUBJECT_COL, COLUMN_LIMITS, SUBJECT_LEAST_CHARS,
                               DROPPABLE)
        self.view.activated.connect(lambda _i: self.edit_current())
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.view.addActions([self.edit_action, self.delete_action])
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for shortcut_key, slot in ((Qt.Key.Key_Delete, self.delete_current),
                                   (Qt.Key.Key_F2, self.edit_current)):
            shortcut = QShortcut(QKeySequence(shortcut_key), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

        self.empty = EmptyState()
        self.empty.set_text(
            "No correspondence logged for this case yet.",
            "Keep a record of every call, meeting, letter, e-mail and court notice: who, "
            "when, what was said, and the documents that went with it. Saved e-mails (.eml) "
            "can be imported with their attachments, or dropped here.")
        self.empty_log = self.empty.add_button(QPushButton(safe_icon("phone"), "Log a call…"))
        self.empty_import = self.empty.add_button(QPushButton(safe_icon("mail"),
                                                              "Import e-mail…"))
        self.empty_letter = self.empty.add_button(QPushButton(safe_icon("file-pen"),
                                                              "Write letter…"))
        self.empty_log.clicked.connect(lambda: self.log_new(CorrespondenceKind.CALL))
        self.empty_letter.clicked.connect(self.write_letter)
        self.empty_import.clicked.connect(self.choose_eml_files)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.view)
        self.list_stack.addWidget(self.empty)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.list_stack)
        self.splitter.addWidget(self._build_detail())
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.count_label = QLabel()
        self.count_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.count_label)

    def _build_detail(self) -> QWidget:
        self.detail_text = QTextBrowser()
        self.detail_text.setOpenLinks(False)
        self.detail_text.setAccessibleName("The selected entry")
        self.documents_label = QLabel("Linked documents")
        self.documents_list = QListWidget()
        self.documents_list.setAccessibleName("Linked documents")
        self.documents_list.setIconSize(QSize(16, 16))
        self.documents_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.documents_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.documents_list.setToolTip("Double-click or Enter opens a read-only copy")
        self.documents_list.itemActivated.connect(self._open_document_item)
        self.documents_empty = QLabel("None linked. Edit… to link documents of the case.")
        self.documents_empty.setWordWrap(True)
        self.documents_empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.documents_empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        docs = QWidget()
        docs_layout = QVBoxLayout(docs)
        docs_layout.setContentsMargins(0, 0, 0, 0)
        docs_layout.addWidget(self.documents_label)
        docs_layout.addWidget(self.documents_list, 1)
        docs_layout.addWidget(self.documents_empty, 1)
        self.detail = QSplitter(Qt.Orientation.Horizontal)
        self.detail.addWidget(self.detail_text)
        self.detail.addWidget(docs)
        self.detail.setStretchFactor(0, 3)
        self.detail.setStretchFactor(1, 2)
        self.detail.setChildrenCollapsible(False)
        self.detail.setVisible(False)
        return self.detail

    # -- the case ----------------------------------------------------------------------------
    def show_case(self, case_id: uuid.UUID | None, label: str = "",
                  parties: Sequence[PartyRow] = ()) -> None:
        """Show this case's log ("2026-CV-0142 · Smith v. Acme" names it in dialogs)."""
        if case_id is None:
            self._case = None
            self.model.set_filter(None)
            self._update_actions()
            return
        changed = self._case is None or self._case.id != case_id
        self._case = _Case(case_id, label, tuple(parties))
        if changed:
            self._selected_id = None
            self._show_detail(None)
            self.model.set_filter(case_id)
        self._update_actions()

    @property
    def case_id(self) -> uuid.UUID | None:
        return self._case.id if self._case else None

    def reload(self) -> None:
        """Re-read the list; restoring the selection afterwards re-reads the entry."""
        if self._case is not None:
            self.model.reload()

    def _on_changed(self, changes: Changes) -> None:
        if self._case is not None and (changes.correspondence or changes.documents
                                       or changes.contacts or changes.staff):
            self.reload()

    def _on_populated(self) -> None:
        total = self.model.total
        empty = self.model.loaded and total == 0
        self.list_stack.setCurrentWidget(self.empty if empty else self.view)
        noun = "entry" if total == 1 else "entries"
        self.count_label.setText(f"{total:,} {noun}, newest first"
                                 if self.model.total_known and not empty else "")
        self.title_changed.emit(f"Correspondence ({total:,})" if total else "Correspondence")
        self.fit.fit()
        if self._selected_id is None and self.model.rowCount():
            self.view.selectRow(0)
        if empty:
            self._show_detail(None)
        self._update_actions()

    def _reselect(self) -> None:
        if self._selected_id is None:
            return
        row = self.model.row_of(self._selected_id)
        if row < 0:  # deleted (here or at another desk): the newest instead
            self._selected_id = None
            self._show_detail(None)
            row = 0 if self.model.rowCount() else -1
        if row >= 0:
            self.view.selectRow(row)  # the reset cleared the current row: this re-reads it

    # -- the selected entry ------------------------------------------------------------------
    def current_row(self) -> CorrespondenceListRow | None:
        return self.model.row_at(self.view.currentIndex().row())

    def select_entry(self, entry_id: uuid.UUID) -> None:
        """Select this entry now, or when the list being loaded arrives."""
        self._selected_id = entry_id
        row = self.model.row_of(entry_id)
        if row >= 0:
            self.view.selectRow(row)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row())
        self._selected_id = row.id if row else None
        self._load_detail()
        self._update_actions()

    def _load_detail(self) -> None:
        self._detail_generation += 1
        if self._selected_id is None:
            self._show_detail(None)
            return
        generation = self._detail_generation
        self._db.read(_get_entry, self._selected_id,
                      on_done=if_alive(self, partial(self._on_detail, generation)),
                      on_error=if_alive(self, lambda _e: self._on_detail(generation, None)))

    def _on_detail(self, generation: int, row: CorrespondenceRow | None) -> None:
        if generation == self._detail_generation:
            self._show_detail(row)  # None: deleted meanwhile (the list reload drops it)

    def _show_detail(self, row: CorrespondenceRow | None) -> None:
        self.entry = row
        self.detail.setVisible(row is not None)
        self.documents_list.clear()
        if row is None:
            return
        self.detail_text.setHtml(detail_html(row))
        for doc in row.documents:
            item = QListWidgetItem(safe_icon("file-text"), doc.title or doc.file_name)
            item.setData(Qt.ItemDataRole.UserRole, str(doc.id))
            item.setToolTip(f"{doc.title}\n{doc.file_name}\nDouble-click to open")
            self.documents_list.addItem(item)
        count = len(row.documents)
        self.documents_label.setText(f"Linked documents ({count})" if count
                                     else "Linked documents")
        self.documents_list.setVisible(bool(count))
        self.documents_empty.setVisible(not count)

    def _update_actions(self) -> None:
        ready = self._case is not None and not self.importer.busy
        selected = self.current_row() is not None
        self.log_button.setEnabled(self._case is not None)
        self.letter_action.setEnabled(self._case is not None)
        self.empty_letter.setEnabled(self._case is not None)
        self.edit_action.setEnabled(selected)
        self.delete_action.setEnabled(selected)
        self.import_action.setEnabled(ready)
        self.empty_import.setEnabled(ready)

    def _open_document_item(self, item: QListWidgetItem) -> None:
        self.open_document(uuid.UUID(item.data(Qt.ItemDataRole.UserRole)))

    def open_document(self, document_id: uuid.UUID) -> None:
        """Open a linked document (a read-only copy, with the system's application)."""
        self._db.read(_version_ref, document_id,
                      on_done=if_alive(self, self.document_actions.open_version),
                      on_error=if_alive(self, self._show_error))

    def write_letter(self) -> None:
        """Ask the window for the letter dialog (the letter is logged here when saved)."""
        if self._case is not None:
            self.write_letter_requested.emit(self._case.id)

    # -- logging, editing, deleting ----------------------------------------------------------
    def log_new(self, kind: CorrespondenceKind = CorrespondenceKind.CALL) -> None:
        """Ask for a new entry of `kind` (the case's staff and documents are read first)."""
        case = self._case
        if case is not None:
            self._db.plain(_dialog_lists, case.id,
                           on_done=if_alive(self, partial(self._ask_new, case, kind)),
                           on_error=if_alive(self, self._show_error))

    def _ask_new(self, case: _Case, kind: CorrespondenceKind, lists: Lists) -> None:
        staff, documents = lists
        outgoing = kind is CorrespondenceKind.LETTER
        answer = CorrespondenceDialog.ask(
            self, case_id=case.id, case_label=case.label, contacts=party_people(case.parties),
            staff=[Person(i, n) for i, n in staff], documents=documents, kind=kind,
            direction=Direction.OUTGOING if outgoing else Direction.INCOMING,
            default_staff=self._actor(), default_contact=client_of(case.parties))
        if answer is None:
            return
        from casedesk.services import correspondence as corr

        what = KIND_WORDS[answer.kind]

        def done(result: tuple[Changes, uuid.UUID]) -> None:
            self._selected_id = result[1]
            self.select_entry(result[1])
            self.status_message.emit(f"{what} logged on {case.number}.")

        self._db.write(corr.add_correspondence, actor_staff_id=self._actor(),
                       on_done=if_alive(self, done), on_error=if_alive(self, self._show_error),
                       **answer.as_kwargs())

    def edit_current(self) -> None:
        """Edit the selected entry (read afresh with its documents, then the choices)."""
        case, row = self._case, self.current_row()
        if case is not None and row is not None:
            self._db.read(_get_entry, row.id,
                          on_done=if_alive(self, partial(self._edit_lists, case)),
                          on_error=if_alive(self, self._show_error))

    def _edit_lists(self, case: _Case, entry: CorrespondenceRow) -> None:
        self._db.plain(_dialog_lists, case.id,
                       on_done=if_alive(self, partial(self._ask_edit, case, entry)),
                       on_error=if_alive(self, self._show_error))

    def _ask_edit(self, case: _Case, entry: CorrespondenceRow, lists: Lists) -> None:
        staff, documents = lists
        answer = CorrespondenceDialog.ask(
            self, case_id=case.id, case_label=case.label, contacts=party_people(case.parties),
            staff=[Person(i, n) for i, n in staff], documents=documents, entry=entry)
        if answer is None:
            return
        from casedesk.services import correspondence as corr

        saved = f"Saved “{answer.subject or KIND_WORDS[answer.kind]}”."
        self._db.write(corr.edit_correspondence, actor_staff_id=self._actor(),
                       on_done=if_alive(self, lambda _r: self.status_message.emit(saved)),
                       on_error=if_alive(self, self._show_error), **answer.as_kwargs())

    def delete_current(self) -> None:
        case, row = self._case, self.current_row()
        if case is None or row is None:
            return
        what = f"{KIND_WORDS[row.kind].lower()} “{row.subject or '(no subject)'}”"
        kept = "Its linked documents stay in the case file; the" if row.document_count \
            else "The"
        if not confirm(self, "Delete correspondence",
                       f"Delete the {what} of {fmt.day(row.on_date)} from {case.number}?",
                       f"{kept} case history keeps a record of it.", "Delete"):
            return
        from casedesk.services import correspondence as corr

        self._db.write(corr.delete_correspondence, correspondence_id=row.id,
                       expected_version=row.version, actor_staff_id=self._actor(),
                       on_done=if_alive(self, lambda _r: self.status_message.emit(
                           f"Deleted the {what}.")),
                       on_error=if_alive(self, self._show_error))

    def _show_error(self, error: JobError) -> None:
        self.status_message.emit(error.message)
        show_error(self, error.message, error.details)

    # -- importing e-mail --------------------------------------------------------------------
    def choose_eml_files(self) -> None:
        """Pick saved e-mails (several at once) and import them into this case."""
        if self._case is None:
            return
        start = self._settings.get(keys.LAST_FOLDER) if self._settings else ""
        names, _filter = QFileDialog.getOpenFileNames(
            self, f"Import e-mail into {self._case.number}", start,
            "Saved e-mails (*.eml);;All files (*)")
        paths = [Path(n) for n in names]
        if paths and self._settings is not None:
            self._settings.set(keys.LAST_FOLDER, str(paths[0].parent))
        self.import_eml(paths)

    def import_eml(self, paths: Sequence[Path]) -> None:
        if self._case is not None:
            self.importer.import_files(self._case.id, self._case.number, paths)

    def _on_imported(self, report: Any) -> None:
        first = next((line.correspondence_id for line in report.lines
                      if line.correspondence_id is not None), None)
        if first is not None:
            self._selected_id = first
            self.select_entry(first)

    def _show_busy(self, text: str) -> None:
        self.busy_label.setText(text)
        self.busy_label.setVisible(bool(text))
        self._update_actions()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        paths = eml_paths(event.mimeData().urls()) if event.mimeData().hasUrls() else []
        if paths and self._case is not None and not self.importer.busy:
            event.acceptProposedAction()
            self.busy_label.setText(f"Drop to import {len(paths)} e-mail"
                                    f"{'s' if len(paths) != 1 else ''} into {self._case.number}")
            self.busy_label.setVisible(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._show_busy(self.importer.busy)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        urls = list(event.mimeData().urls())
        paths = eml_paths(urls)
        event.acceptProposedAction()
        self._show_busy(self.importer.busy)
        if len(urls) > len(paths):
            others = len(urls) - len(paths)
            self.status_message.emit(
                f"{others} file{'s' if others != 1 else ''} not imported: only saved e-mails "
                "(.eml) can be dropped here; add other files on the Documents tab.")
        self.import_eml(paths)

"""A case's document requests (the case detail's "Requests" tab): the checklist of what the
client must provide, outstanding first (overdue in red, with the word), then received and
withdrawn; Add…, Edit…, Mark received…, Reopen, Withdraw, Delete, and Request letter… (which
only asks the window for the letter dialog: `request_letter_requested`)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.changes import Changes
from casedesk.domain.rows import PartyRow
from casedesk.services.document_request_list import DocumentRequestRow, RequestStatus
from casedesk.ui import format as fmt
from casedesk.ui import style
from casedesk.ui.db import Database, JobError
from casedesk.ui.dialogs import error_dialog
from casedesk.ui.dialogs.ask import confirm as _confirm
from casedesk.ui.dialogs.correspondence_dialog import DocumentChoice
from casedesk.ui.dialogs.request_dialog import ReceivedDialog, RequestDialog
from casedesk.ui.icons import safe_icon
from casedesk.ui.models.paged_rows_model import if_alive
from casedesk.ui.models.snapshot_model import Column, SnapshotTableModel
from casedesk.ui.widgets.case_correspondence import (
    client_of,
    document_choices,
    party_people,
)
from casedesk.ui.widgets.column_fit import FitOnResize
from casedesk.ui.widgets.contacts_empty_state import EmptyState

confirm = _confirm  # re-exported so tests can answer it here
show_error = error_dialog.show_error  # likewise

STATUS_ICONS = {"overdue": "alert-triangle", RequestStatus.OUTSTANDING: "clock",
                RequestStatus.RECEIVED: "check-circle-2", RequestStatus.WITHDRAWN: "x"}
ITEM_COL, DUE_COL, STATUS_COL, DOCUMENT_COL, ASKED_COL, REQUESTED_COL = range(6)
# Giving way to the item when the tab is narrow: these shrink (least, most characters), then
# step aside in this order (the status and its tooltip still name the document).
COLUMN_LIMITS = {ASKED_COL: (12, 22), DOCUMENT_COL: (14, 28)}
DROPPABLE = (REQUESTED_COL, ASKED_COL, DOCUMENT_COL)
ITEM_LEAST_CHARS = 34
_Index = QModelIndex | QPersistentModelIndex


def _past_day(value: date | None) -> str:
    """'15 Nov 2026': a day that has been (no weekday: nothing is due on it)."""
    if value is None:
        return ""
    return QLocale().toString(fmt.to_qdate(value), "d MMM yyyy")


def status_text(row: DocumentRequestRow, today: date | None = None) -> str:
    """In words (colour is never the only sign): 'Overdue 3 days', 'Due in 4 days',
    'Received Tue 17 Nov 2026'…"""
    if row.status is RequestStatus.RECEIVED:
        return f"Received {_past_day(row.received_on)}"
    if row.status is RequestStatus.WITHDRAWN:
        return f"Withdrawn {_past_day(row.withdrawn_on)}"
    if row.due_on is None:
        return "Outstanding"
    days = (row.due_on - (today or date.today())).days
    if days < 0:
        return f"Overdue {-days} day{'s' if days != -1 else ''}"
    return {0: "Due today", 1: "Due tomorrow"}.get(days, f"Due in {days} days")


def _status_color(row: DocumentRequestRow) -> Any:
    if row.status is RequestStatus.OUTSTANDING:
        return style.due_color(row.due_on)
    return style.ok_color() if row.status is RequestStatus.RECEIVED else style.done_color()


def _status_icon(row: DocumentRequestRow) -> str:
    if row.status is RequestStatus.OUTSTANDING and row.due_on is not None \
            and row.due_on < date.today():
        return STATUS_ICONS["overdue"]
    return STATUS_ICONS[row.status]


def _status_tip(row: DocumentRequestRow) -> str:
    if row.status is RequestStatus.RECEIVED:
        return "Received" + (f": {row.document_title}" if row.document_title else
                             " (no document linked)")
    if row.status is RequestStatus.WITHDRAWN:
        return "Withdrawn: no longer needed (Reopen asks for it again)"
    return "Not received yet" + (f"; due {fmt.day(row.due_on)}" if row.due_on else
                                 "; no due date")


class RequestsModel(SnapshotTableModel[DocumentRequestRow]):
    """The checklist, with an icon beside each status word."""

    def __init__(self, parent: Any = None) -> None:
        outstanding = RequestStatus.OUTSTANDING
        super().__init__([
            Column("Item", lambda r: r.item, tooltip=lambda r: r.item + (
                f"\n{r.notes}" if r.notes else ""),
                   strike=lambda r: r.status is RequestStatus.WITHDRAWN),
            Column("Due", lambda r: fmt.day(r.due_on), color=lambda r: style.due_color(
                r.due_on, done=r.status is not outstanding)),
            Column("Status", status_text, color=_status_color, tooltip=_status_tip),
            Column("Document", lambda r: r.document_title, tooltip=lambda r: r.document_title),
            Column("Asked of", lambda r: r.contact_name),
            Column("Requested", lambda r: fmt.day(r.requested_on)),
        ], parent)
        self._icons: dict[str, QIcon] = {}

    def _icon(self, name: str, color: Any = None) -> QIcon:
        key = f"{name}/{color.name() if color is not None else ''}"
        if key not in self._icons:
            self._icons[key] = safe_icon(name, color)
        return self._icons[key]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and index.isValid():
            row = self.row_at(index.row())
            if row is None:
                return None
            if index.column() == STATUS_COL:
                return self._icon(_status_icon(row), _status_color(row))
            if index.column() == DOCUMENT_COL and row.document_title:
                return self._icon("file-text")
            return None
        return super().data(index, role)

    def row_of(self, request_id: uuid.UUID) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == request_id), -1)


@dataclass(frozen=True, slots=True)
class _Case:
    id: uuid.UUID
    label: str
    parties: tuple[PartyRow, ...]
    closed: bool

    @property
    def number(self) -> str:
        return self.label.split(" · ")[0]


def counts_text(rows: Sequence[DocumentRequestRow]) -> str:
    """'3 outstanding (1 overdue) · 2 received · 1 withdrawn'."""
    outstanding = sum(1 for r in rows if r.status is RequestStatus.OUTSTANDING)
    overdue = sum(1 for r in rows if r.overdue)
    received = sum(1 for r in rows if r.status is RequestStatus.RECEIVED)
    withdrawn = len(rows) - outstanding - received
    parts = [f"{outstanding} outstanding" + (f" ({overdue} overdue)" if overdue else "")]
    if received:
        parts.append(f"{received} received")
    if withdrawn:
        parts.append(f"{withdrawn} withdrawn")
    return " · ".join(parts)


def tab_title(rows: Sequence[DocumentRequestRow]) -> str:
    """'Requests (3)' for three outstanding, 'Requests (3, 1 overdue)', or 'Requests'."""
    outstanding = sum(1 for r in rows if r.status is RequestStatus.OUTSTANDING)
    overdue = sum(1 for r in rows if r.overdue)
    if not outstanding:
        return "Requests"
    return f"Requests ({outstanding}" + (f", {overdue} overdue)" if overdue else ")")


def _list_requests(session: Any, case_id: uuid.UUID, *, today: date
                   ) -> list[DocumentRequestRow]:
    from casedesk.services.document_requests import list_for_case

    return list_for_case(session, case_id, today=today)


class CaseRequestsTab(QWidget):
    """One case's checklist of documents asked of the client; reloads itself on changes."""

    status_message = Signal(str)
    title_changed = Signal(str)  # "Requests (3, 1 overdue)"
    request_letter_requested = Signal(object)  # case id: the window opens the letter dialog

    def __init__(self, db: Database, *, actor: Callable[[], uuid.UUID | None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor or (lambda: None)
        self._case: _Case | None = None
        self._generation = 0
        self._selected_id: uuid.UUID | None = None
        self.loaded = False
        self.model = RequestsModel(self)
        self._build()
        db.changed.connect(self._on_changed)
        self._update_actions()

    # -- layout ------------------------------------------------------------------------------
    def _action(self, text: str, icon_name: str, tip: str, slot: Callable[[], None]
                ) -> QAction:
        action = QAction(safe_icon(icon_name), text, self)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    @staticmethod
    def _tool_button(action: QAction) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setAutoRaise(True)
        return button

    def _build(self) -> None:
        self.add_action = self._action("Add…", "plus", "Ask the client for a document",
                                       self.add_request)
        self.edit_action = self._action("Edit…", "pencil", "Edit the selected request (F2)",
                                        self.edit_current)
        self.received_action = self._action(
            "Mark received…", "check-circle-2", "Record that it came, with the document",
            self.mark_received)
        self.reopen_action = self._action("Reopen", "rotate-ccw",
                                          "Outstanding again (incomplete, or needed after all)",
                                          self.reopen_current)
        self.withdraw_action = self._action("Withdraw", "x", "No longer needed: it leaves the "
                                            "outstanding list but stays here",
                                            self.withdraw_current)
        self.delete_action = self._action("Delete", "trash-2",
                                          "Delete the selected request (Del)",
                                          self.delete_current)
        self.letter_action = self._action(
            "Request letter…", "file-text", "A letter to the client listing what is "
            "still outstanding", self.request_letter)
        bar = QHBoxLayout()
        self.buttons: dict[str, QToolButton] = {}
        for key, action in (("add", self.add_action), ("edit", self.edit_action),
                            ("received", self.received_action)):
            self.buttons[key] = self._tool_button(action)
            bar.addWidget(self.buttons[key])
        self.more_button = QToolButton()
        self.more_button.setText("More")
        self.more_button.setAccessibleName("More request actions")
        self.more_button.setToolTip("Reopen, withdraw or delete the selected request")
        self.more_button.setAutoRaise(True)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.more_button)
        menu.addActions([self.reopen_action, self.withdraw_action])
        menu.addSeparator()
        menu.addAction(self.delete_action)
        self.more_button.setMenu(menu)
        bar.addWidget(self.more_button)
        bar.addStretch(1)
        self.buttons["letter"] = self._tool_button(self.letter_action)
        bar.addWidget(self.buttons["letter"])

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Documents requested from the client")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.fit = FitOnResize(self.view, ITEM_COL, COLUMN_LIMITS, ITEM_LEAST_CHARS, DROPPABLE)
        self.view.setToolTip("Enter or double-click edits · Del deletes")
        self.view.activated.connect(lambda _i: self.edit_current())
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.view.addActions([self.edit_action, self.received_action, self.reopen_action,
                              self.withdraw_action, self.delete_action])
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for shortcut_key, slot in ((Qt.Key.Key_Delete, self.delete_current),
                                   (Qt.Key.Key_F2, self.edit_current)):
            shortcut = QShortcut(QKeySequence(shortcut_key), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

        self.empty = EmptyState()
        self.empty_add = self.empty.add_button(QPushButton(safe_icon("plus"), "Add request…"))
        self.empty_add.clicked.connect(self.add_request)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        self.count_label = QLabel()
        self.count_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.count_label)

    # -- the case ----------------------------------------------------------------------------
    def show_case(self, case_id: uuid.UUID | None, label: str = "",
                  parties: Sequence[PartyRow] = (), *, closed: bool = False) -> None:
        """Show this case's checklist; `closed` cases take no new requests."""
        if case_id is None:
            self._case = None
            self.model.set_rows([])
            self._update_actions()
            return
        changed = self._case is None or self._case.id != case_id
        self._case = _Case(case_id, label, tuple(parties), closed)
        if changed:
            self._selected_id = None
            self.loaded = False
            self.model.set_rows([])
            self.reload()
        elif self.loaded:
            self._update_empty()  # closed or reopened
        self._update_actions()

    @property
    def case_id(self) -> uuid.UUID | None:
        return self._case.id if self._case else None

    def reload(self) -> None:
        if self._case is None:
            return
        self._generation += 1
        self._db.read(_list_requests, self._case.id, today=date.today(),
                      on_done=if_alive(self, partial(self._on_loaded, self._generation,
                                                     self._case.id)),
                      on_error=if_alive(self, self._show_error))

    def _on_changed(self, changes: Changes) -> None:
        if self._case is not None and (changes.document_requests or changes.documents
                                       or changes.contacts):
            self.reload()

    def _on_loaded(self, generation: int, case_id: uuid.UUID,
                   rows: list[DocumentRequestRow]) -> None:
        if generation != self._generation or self._case is None or self._case.id != case_id:
            return
        keep = self._selected_id
        self.model.set_rows(rows)
        self.loaded = True
        self.count_label.setText(counts_text(rows) if rows else "")
        self.count_label.setVisible(bool(rows))
        self._update_empty()
        self.stack.setCurrentWidget(self.view if rows else self.empty)
        self.title_changed.emit(tab_title(rows))
        if rows:
            self.fit.fit()
            row = self.model.row_of(keep) if keep is not None else -1
            self.view.selectRow(max(row, 0))
        self._update_actions()

    def _update_empty(self) -> None:
        closed = self._case is not None and self._case.closed
        self.empty.set_text(
            "No documents requested from the client yet.",
            "Keep a checklist of what the client must send (bank statements, contracts, "
            "IDs…) with a due date for each. Overdue items show in red here and on the "
            "calendar's coming-up list, and a request letter can list what is still "
            "outstanding." if not closed else "The case is closed; reopen it to request "
            "documents.")
        self.empty_add.setVisible(not closed)

    # -- the selection -------------------------------------------------------------------------
    def current_request(self) -> DocumentRequestRow | None:
        return self.model.row_at(self.view.currentIndex().row())

    def select_request(self, request_id: uuid.UUID) -> None:
        row = self.model.row_of(request_id)
        if row >= 0:
            self.view.selectRow(row)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row())
        self._selected_id = row.id if row else None
        self._update_actions()

    def _update_actions(self) -> None:
        case = self._case
        row = self.current_request()
        status = row.status if row else None
        self.add_action.setEnabled(case is not None and not case.closed)
        self.edit_action.setEnabled(row is not None)
        self.received_action.setEnabled(row is not None)
        self.received_action.setText("Change received…" if status is RequestStatus.RECEIVED
                                     else "Mark received…")
        self.reopen_action.setEnabled(status in (RequestStatus.RECEIVED,
                                                 RequestStatus.WITHDRAWN))
        self.withdraw_action.setEnabled(status is RequestStatus.OUTSTANDING)
        self.delete_action.setEnabled(row is not None)
        self.more_button.setEnabled(row is not None)
        outstanding = any(r.status is RequestStatus.OUTSTANDING for r in self.model.rows)
        self.letter_action.setEnabled(case is not None and outstanding)

    # -- actions -----------------------------------------------------------------------------
    def add_request(self) -> None:
        case = self._case
        if case is None or case.closed:
            return
        answer = RequestDialog.ask(self, case_id=case.id, case_label=case.label,
                                   contacts=party_people(case.parties),
                                   default_contact=client_of(case.parties))
        if answer is None:
            return
        from casedesk.services import document_requests as requests

        def done(result: tuple[Changes, uuid.UUID]) -> None:
            self._selected_id = result[1]
            self.status_message.emit(f"Requested “{answer.item}” on {case.number}.")

        self._db.write(requests.add_request, actor_staff_id=self._actor(),
                       on_done=if_alive(self, done), on_error=if_alive(self, self._show_error),
                       **answer.as_kwargs())

    def edit_current(self) -> None:
        case, row = self._case, self.current_request()
        if case is None or row is None:
            return
        answer = RequestDialog.ask(self, case_id=case.id, case_label=case.label,
                                   contacts=party_people(case.parties), request=row)
        if answer is None:
            return
        from casedesk.services import document_requests as requests

        self._write(requests.edit_request, f"Saved “{answer.item}”.", **answer.as_kwargs())

    def mark_received(self) -> None:
        """Ask when it came and which document it is (the case's documents are read first)."""
        case, row = self._case, self.current_request()
        if case is None or row is None:
            return
        self._db.plain(document_choices, case.id,
                       on_done=if_alive(self, partial(self._ask_received, row)),
                       on_error=if_alive(self, self._show_error))

    def _ask_received(self, row: DocumentRequestRow, documents: list[DocumentChoice]) -> None:
        answer = ReceivedDialog.ask(self, request=row, documents=documents)
        if answer is None:
            return
        from casedesk.services import document_requests as requests

        self._write(requests.mark_received, f"“{row.item}” received "
                    f"{fmt.day(answer.received_on)}.", **answer.as_kwargs())

    def reopen_current(self) -> None:
        row = self.current_request()
        if row is not None and row.status is not RequestStatus.OUTSTANDING:
            from casedesk.services import document_requests as requests

            self._write(requests.reopen_request, f"“{row.item}” is outstanding again.",
                        request_id=row.id, expected_version=row.version)

    def withdraw_current(self) -> None:
        row = self.current_request()
        if row is not None and row.status is RequestStatus.OUTSTANDING:
            from casedesk.services import document_requests as requests

            self._write(requests.withdraw_request, f"Withdrew “{row.item}” (Reopen undoes "
                        "it).", request_id=row.id, expected_version=row.version)

    def delete_current(self) -> None:
        case, row = self._case, self.current_request()
        if case is None or row is None:
            return
        if not confirm(self, "Delete request", f"Delete the request for “{row.item}” from "
                       f"{case.number}?", "Use Withdraw instead if it is simply no longer "
                       "needed; the case history keeps a record either way.", "Delete"):
            return
        from casedesk.services import document_requests as requests

        self._write(requests.delete_request, f"Deleted the request for “{row.item}”.",
                    request_id=row.id, expected_version=row.version)

    def request_letter(self) -> None:
        """Ask the window for a letter to the client listing what is outstanding."""
        if self._case is not None:
            self.request_letter_requested.emit(self._case.id)

    def _write(self, fn: Callable[..., Any], message: str, **kwargs: Any) -> None:
        self._db.write(fn, actor_staff_id=self._actor(),
                       on_done=if_alive(self, lambda _r: self.status_message.emit(message)),
                       on_error=if_alive(self, self._show_error), **kwargs)

    def _show_error(self, error: JobError) -> None:
        self.status_message.emit(error.message)
        show_error(self, error.message, error.details)

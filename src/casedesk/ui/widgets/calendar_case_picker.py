"""Choose a case by typing part of its number, title or client: the matches come from the
database (off the GUI thread) as you type; nothing is loaded whole. Used by the event dialog
and the calendar's case filter."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from casedesk.ui.icons import safe_icon
from casedesk.ui.models.paged_rows_model import if_alive

CaseChoice = tuple[uuid.UUID, str]  # id, "2026-CV-0142 · Smith v. Acme"
SearchCases = Callable[[str, Callable[[list[CaseChoice]], None]], None]
_ID_ROLE = Qt.ItemDataRole.UserRole + 5
SEARCH_DELAY_MS = 150


def case_search(db: Any) -> SearchCases:
    """A SearchCases over the database worker (quick search, cases only)."""
    from casedesk.services.quick_search import quick_search

    def search(text: str, done: Callable[[list[CaseChoice]], None]) -> None:
        def hits_to_choices(hits: list[Any]) -> None:
            done([(h.id, h.title) for h in hits if h.kind == "case"])

        db.plain(quick_search, text, on_done=hits_to_choices,
                 on_error=lambda _e: None, limit=12)

    return search


class CasePicker(QLineEdit):
    """A line edit that completes to a case; `case_id()` is None until one is chosen."""

    changed = Signal()

    def __init__(self, search: SearchCases | None, *, placeholder: str = "Type a case number, "
                 "title or client", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self._chosen: CaseChoice | None = None
        self._generation = 0
        self._setting = False
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.addAction(safe_icon("briefcase"), QLineEdit.ActionPosition.LeadingPosition)
        self._model = QStandardItemModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setWidget(self)
        self._completer.activated[QModelIndex].connect(  # type: ignore[index]
            self._on_activated)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._run_search)
        self.textEdited.connect(self._on_edited)
        self.textChanged.connect(lambda _t: self.changed.emit())
        self.returnPressed.connect(self._choose_single)

    # -- value -------------------------------------------------------------------------------
    def case_id(self) -> uuid.UUID | None:
        return self._chosen[0] if self._chosen else None

    def choice(self) -> CaseChoice | None:
        return self._chosen

    def set_case(self, case_id: uuid.UUID | None, label: str = "") -> None:
        self._chosen = (case_id, label) if case_id is not None else None
        self._setting = True
        self.setText(label if case_id is not None else "")
        self._setting = False
        self.changed.emit()

    def pending_text(self) -> bool:
        """Something is typed but no case chosen for it."""
        return bool(self.text().strip()) and self._chosen is None

    def state(self) -> object:
        return (self.case_id(), self.text())

    # -- searching ---------------------------------------------------------------------------
    def _on_edited(self, _text: str) -> None:
        if self._setting:
            return
        if self._chosen is not None:
            self._chosen = None
            self.changed.emit()
        self._timer.start()

    def _run_search(self) -> None:
        text = self.text().strip()
        self._generation += 1
        generation = self._generation
        if not text or self._search is None:
            self._model.clear()
            return
        self._search(text, if_alive(self, lambda hits: self.show_matches(generation, hits)))

    def show_matches(self, generation: int, hits: list[CaseChoice]) -> None:
        """Offer the matching cases (ignored if more typing came since)."""
        if generation != self._generation:
            return
        self._model.clear()
        for case_id, label in hits:
            item = QStandardItem(safe_icon("briefcase"), label)
            item.setData(case_id, _ID_ROLE)
            self._model.appendRow(item)
        if not hits:
            empty = QStandardItem("No case matches")
            empty.setEnabled(False)
            self._model.appendRow(empty)
        if self.hasFocus():
            self._completer.complete()

    def matches(self) -> list[CaseChoice]:
        """What the pop-up offers now (for tests)."""
        result = []
        for row in range(self._model.rowCount()):
            item = self._model.item(row)
            case_id = item.data(_ID_ROLE)
            if isinstance(case_id, uuid.UUID):
                result.append((case_id, item.text()))
        return result

    def choose(self, choice: CaseChoice) -> None:
        if (popup := self._completer.popup()) is not None:
            popup.hide()
        self.set_case(*choice)

    def _on_activated(self, index: QModelIndex) -> None:
        case_id = index.data(_ID_ROLE)
        if isinstance(case_id, uuid.UUID):
            self.choose((case_id, str(index.data())))

    def _choose_single(self) -> None:
        found = self.matches()
        if self._chosen is None and len(found) == 1:
            self.choose(found[0])

"""The toolbar's search-everything field (Ctrl+K): type, pick a case or contact, jump to it."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from casedesk.services.quick_search import QuickHit, quick_search
from casedesk.ui.db import Database
from casedesk.ui.icons import safe_icon

_HIT_ROLE = Qt.ItemDataRole.UserRole + 3


class GlobalSearchBox(QLineEdit):
    """Searches cases and contacts as you type (off the GUI thread) and offers the hits."""

    case_chosen = Signal(object)
    contact_chosen = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._generation = 0
        self._choose_when_ready = False
        self.setPlaceholderText("Search cases and contacts  (Ctrl+K)")
        self.setClearButtonEnabled(True)
        self.setAccessibleName("Search everything")
        self.addAction(safe_icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 26)
        self._model = QStandardItemModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setWidget(self)
        self._completer.activated[QModelIndex].connect(self._on_activated)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self._search)
        self.textEdited.connect(lambda _t: self._timer.start())
        self.returnPressed.connect(self._choose_first)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(self.fontMetrics().horizontalAdvance("M") * 30, hint.height())

    def _search(self) -> None:
        text = self.text().strip()
        self._generation += 1
        generation = self._generation
        if not text:
            self._model.clear()
            return
        self._db.plain(quick_search, text, on_done=lambda hits: self._show(generation, hits),
                       on_error=lambda _e: None)

    def _show(self, generation: int, hits: list[QuickHit]) -> None:
        if generation != self._generation:
            return
        if self._choose_when_ready:
            self._choose_when_ready = False
            if hits:
                self._emit(hits[0])
                return
        self._model.clear()
        for hit in hits:
            item = QStandardItem(safe_icon("briefcase" if hit.kind == "case" else "user"),
                                 f"{hit.title} — {hit.detail}" if hit.detail else hit.title)
            item.setData(hit, _HIT_ROLE)
            self._model.appendRow(item)
        if not hits:
            empty = QStandardItem("No cases or contacts match")
            empty.setEnabled(False)
            self._model.appendRow(empty)
        self._completer.complete()

    def _on_activated(self, index: QModelIndex) -> None:
        hit = index.data(_HIT_ROLE)
        if isinstance(hit, QuickHit):
            self._emit(hit)

    def _choose_first(self) -> None:
        if self._timer.isActive() or self._model.rowCount() == 0:
            # Enter right after typing: search for what is typed now, then jump to its hit
            # (not to the first hit of the previous, shorter text).
            self._timer.stop()
            self._choose_when_ready = True
            self._search()
            return
        item = self._model.item(0)
        hit = item.data(_HIT_ROLE) if item is not None else None
        if isinstance(hit, QuickHit):
            self._emit(hit)

    def _emit(self, hit: QuickHit) -> None:
        self._completer.popup().hide()
        (self.case_chosen if hit.kind == "case" else self.contact_chosen).emit(hit.id)

    def hit_ids(self) -> list[uuid.UUID]:
        """The ids offered at the moment (for tests)."""
        result = []
        for row in range(self._model.rowCount()):
            hit = self._model.item(row).data(_HIT_ROLE)
            if isinstance(hit, QuickHit):
                result.append(hit.id)
        return result

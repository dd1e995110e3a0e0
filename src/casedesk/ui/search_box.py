"""The toolbar's search-everything field (Ctrl+K): type, see cases, contacts, documents, notes
and correspondence with the matched words in bold, pick one, jump to it."""

from __future__ import annotations

import html
import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QPainter,
    QPalette,
    QStandardItem,
    QStandardItemModel,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QCompleter,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from casedesk.services.search_query import HL_END, HL_START
from casedesk.ui.db import Database
from casedesk.ui.icons import safe_icon

if TYPE_CHECKING:  # the search service imports SQLAlchemy: not at window start-up
    from casedesk.services.global_search import GlobalHit

_HIT_ROLE = Qt.ItemDataRole.UserRole + 3
_HTML_ROLE = Qt.ItemDataRole.UserRole + 4
_ICONS = {"case": "briefcase", "contact": "user", "document": "file-text", "note": "sticky-note",
          "correspondence": "mail"}
_KIND_WORDS = {"case": "Case", "contact": "Contact", "document": "Document", "note": "Note",
               "correspondence": "Correspondence"}
SNIPPET_CHARS = 160


def snippet_html(snippet: str) -> str:
    """Escaped text on one line with the matched words in bold (markers from the index)."""
    text = " ".join(snippet.split())
    if len(text) > SNIPPET_CHARS:
        text = text[:SNIPPET_CHARS].rstrip() + "…"
        if text.count(HL_START) > text.count(HL_END):
            text += HL_END
    return (html.escape(text).replace(HL_START, "<b>").replace(HL_END, "</b>"))


def hit_html(hit: GlobalHit, muted: str) -> str:
    title = html.escape(hit.title)
    kind = _KIND_WORDS.get(hit.kind, hit.kind)
    detail = f" · {html.escape(hit.detail)}" if hit.detail else ""
    first = f"<b>{title}</b> <span style='color:{muted}'>— {kind}{detail}</span>"
    if not hit.snippet:
        return first
    return f"{first}<br><span style='color:{muted}'>{snippet_html(hit.snippet)}</span>"


class _RichDelegate(QStyledItemDelegate):
    """Draws an item's HTML (title line + snippet) with the icon, in the palette's colours."""

    def _document(self, option: QStyleOptionViewItem, text: str) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)  # type: ignore[attr-defined]
        doc.setHtml(text)
        doc.setTextWidth(max(option.rect.width() - 32, 200))  # type: ignore[attr-defined]
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        text = index.data(_HTML_ROLE)
        if not text:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # type: ignore[attr-defined]
        style = opt.widget.style() if opt.widget else QApplication.style()  # type: ignore[attr-defined]
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)  # type: ignore[attr-defined]
        doc = self._document(opt, text)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        role = (QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))  # type: ignore[attr-defined]
        painter.save()
        rect = opt.rect  # type: ignore[attr-defined]
        painter.translate(rect.left() + 28, rect.top() + 3)
        painter.setClipRect(QRectF(0, 0, rect.width() - 30, rect.height() - 4))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        text = index.data(_HTML_ROLE)
        if not text:
            return super().sizeHint(option, index)
        doc = self._document(option, text)
        return QSize(int(doc.idealWidth()) + 32, int(doc.size().height()) + 6)


class GlobalSearchBox(QLineEdit):
    """Searches everything as you type (off the GUI thread) and offers the hits."""

    case_chosen = Signal(object)
    contact_chosen = Signal(object)
    # case id, "document"/"note"/"correspondence", the item's id
    case_item_chosen = Signal(object, str, object)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._generation = 0
        self._choose_when_ready = False
        self.setPlaceholderText("Search cases, contacts, documents…  (Ctrl+K)")
        self.setToolTip("Searches case numbers, names, notes, correspondence and the text of "
                        "documents. All words must match; \"exact phrase\", word OR word, "
                        "-word to leave out.")
        self.setClearButtonEnabled(True)
        self.setAccessibleName("Search everything")
        self.addAction(safe_icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 26)
        self._model = QStandardItemModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setMaxVisibleItems(8)
        self._completer.setWidget(self)
        popup = self._completer.popup()
        popup.setItemDelegate(_RichDelegate(popup))
        popup.setUniformItemSizes(False)  # type: ignore[attr-defined]
        popup.setWordWrap(True)  # type: ignore[attr-defined]
        popup.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 44)
        self._completer.activated[QModelIndex].connect(self._on_activated)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
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
        from casedesk.services.global_search import search_everything

        self._db.plain(search_everything, text,
                       on_done=lambda hits: self._show(generation, hits),
                       on_error=lambda _e: None)

    def _show(self, generation: int, hits: list[GlobalHit]) -> None:
        if generation != self._generation:
            return
        if self._choose_when_ready:
            self._choose_when_ready = False
            if hits:
                self._emit(hits[0])
                return
        self._model.clear()
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        for hit in hits:
            item = QStandardItem(safe_icon(_ICONS.get(hit.kind, "search")), hit.title)
            item.setData(hit, _HIT_ROLE)
            item.setData(hit_html(hit, muted), _HTML_ROLE)
            item.setToolTip(" ".join(snippet_html(hit.snippet).replace("<b>", "")
                                     .replace("</b>", "").split()) if hit.snippet else "")
            self._model.appendRow(item)
        if not hits:
            empty = QStandardItem("Nothing matches")
            empty.setEnabled(False)
            self._model.appendRow(empty)
        self._completer.complete()

    def _on_activated(self, index: QModelIndex) -> None:
        hit = index.data(_HIT_ROLE)
        if hit is not None:
            self._emit(hit)

    def _choose_first(self) -> None:
        if self._timer.isActive() or self._model.rowCount() == 0:
            # Enter right after typing: search for what is typed now, then jump to its hit
            # (not to the first hit of the previous, shorter text).
            self._timer.stop()
            self._choose_when_ready = True
            self._search()
            return
        popup = self._completer.popup()
        current = popup.currentIndex() if popup.isVisible() else QModelIndex()
        item = self._model.item(current.row() if current.isValid() else 0)
        hit = item.data(_HIT_ROLE) if item is not None else None
        if hit is not None:
            self._emit(hit)

    def _emit(self, hit: GlobalHit) -> None:
        self._completer.popup().hide()
        if hit.kind == "case":
            self.case_chosen.emit(hit.id)
        elif hit.kind == "contact":
            self.contact_chosen.emit(hit.id)
        elif hit.case_id is not None:
            self.case_item_chosen.emit(hit.case_id, hit.kind, hit.id)

    def hits(self) -> list[GlobalHit]:
        """What is offered at the moment (for tests)."""
        result = []
        for row in range(self._model.rowCount()):
            hit = self._model.item(row).data(_HIT_ROLE)
            if hit is not None:
                result.append(hit)
        return result

    def hit_ids(self) -> list[uuid.UUID]:
        return [hit.id for hit in self.hits()]

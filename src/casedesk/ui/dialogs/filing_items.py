"""The ordered document list of a filing package as the filing dialog edits it: a table model
that moves rows (buttons, Ctrl+Up/Down, drag and drop) and edits labels, its view, and the
buttons beside it (the picker that adds documents is `filing_picker`)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QDropEvent, QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casedesk.services.document_list import DocumentListRow
from casedesk.ui.icons import safe_icon
from casedesk.ui.models.document_table_model import size_text

MIME = "application/x-casedesk-filing-rows"
_Index = QModelIndex | QPersistentModelIndex
NUMBER, LABEL, TITLE, FILE = range(4)


def file_kind(file_name: str, size: int) -> str:
    """ "PDF · 6.6 kB": the kind of file by its extension, and its size."""
    stem, dot, ext = file_name.rpartition(".")
    kind = ext.upper() if dot and stem and len(ext) <= 5 else "File"
    return f"{kind} · {size_text(size)}"


@dataclass(frozen=True, slots=True)
class PackageEntry:
    """One document in the package being edited."""

    document_id: uuid.UUID
    title: str
    file_name: str
    size: int
    label: str = ""
    deleted: bool = False  # the document was deleted after it went into the package

    @classmethod
    def of_document(cls, row: DocumentListRow) -> PackageEntry:
        return cls(document_id=row.id, title=row.title, file_name=row.file_name, size=row.size)


class PackageItemsModel(QAbstractTableModel):
    """The package's documents in filing order; the label column is editable."""

    changed = Signal()  # rows added, removed, moved or relabelled

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PackageEntry] = []
        self.editable = True

    # -- content ---------------------------------------------------------------------------
    @property
    def entries(self) -> list[PackageEntry]:
        return list(self._rows)

    def set_entries(self, entries: Sequence[PackageEntry]) -> None:
        self.beginResetModel()
        self._rows = list(entries)
        self.endResetModel()
        self.changed.emit()

    def append(self, entries: Sequence[PackageEntry]) -> None:
        present = {e.document_id for e in self._rows}
        new = [e for e in entries if e.document_id not in present]
        if not new:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._rows.extend(new)
        self.endInsertRows()
        self._renumbered(first)
        self.changed.emit()

    def remove(self, row: int) -> None:
        if not 0 <= row < len(self._rows):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        self._renumbered(row)
        self.changed.emit()

    def move(self, row: int, to: int) -> bool:
        """Move one row so it ends up at index `to` (0-based, after the move)."""
        if not (0 <= row < len(self._rows) and 0 <= to < len(self._rows)) or row == to:
            return False
        # Qt counts the destination before the move: one past `to` when moving down.
        if not self.beginMoveRows(QModelIndex(), row, row, QModelIndex(),
                                  to + 1 if to > row else to):
            return False
        self._rows.insert(to, self._rows.pop(row))
        self.endMoveRows()
        self._renumbered(min(row, to))
        self.changed.emit()
        return True

    def _renumbered(self, first: int) -> None:
        if self._rows and first < len(self._rows):
            self.dataChanged.emit(self.index(first, NUMBER),
                                  self.index(len(self._rows) - 1, NUMBER))

    # -- Qt model ----------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("No.", "Label", "Document", "File")[section] if 0 <= section < 4 else None
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():  # between rows: where a dragged row may land
            return Qt.ItemFlag.ItemIsDropEnabled if self.editable else Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
            if index.column() == LABEL:
                flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NUMBER:
                return f"{index.row() + 1:02d}"
            if column == LABEL:
                return entry.label
            if column == TITLE:
                return entry.title + (" (deleted: remove it)" if entry.deleted else "")
            return file_kind(entry.file_name, entry.size)
        if role == Qt.ItemDataRole.EditRole and column == LABEL:
            return entry.label
        if role == Qt.ItemDataRole.ToolTipRole:
            if entry.deleted:
                return "This document was deleted from the case; remove it from the package."
            if column == LABEL:
                return ("The name this document has in the package, its index and the cover "
                        "letter (F2 or double-click to change it); empty: its title")
            if column == TITLE:
                return entry.title
            if column == FILE:
                return entry.file_name
            return None
        if role == Qt.ItemDataRole.FontRole and entry.deleted:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != LABEL
                or not self.editable or not 0 <= index.row() < len(self._rows)):
            return False
        text = " ".join(str(value or "").split())[:200]
        entry = self._rows[index.row()]
        if text != entry.label:
            self._rows[index.row()] = replace(entry, label=text)
            self.dataChanged.emit(index, index)
            self.changed.emit()
        return True

    # -- drag and drop (within the list only) ----------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data.setData(MIME, QByteArray(",".join(map(str, rows)).encode("ascii")))
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: _Index) -> bool:
        """Move the dragged row to where it was dropped (`row`: the gap before that row)."""
        if action is not Qt.DropAction.MoveAction or not data.hasFormat(MIME):
            return False
        try:
            source = int(bytes(data.data(MIME).data()).decode("ascii").split(",")[0])
        except ValueError:
            return False
        gap = parent.row() if parent.isValid() else (row if row >= 0 else len(self._rows))
        to = gap - 1 if gap > source else gap
        return self.move(source, min(max(to, 0), len(self._rows) - 1))


class PackageItemsView(QTableView):
    """The table of the package; rows are dragged within it (never out of it or into it).

    The drop is done here, not by Qt's default InternalMove handling, which after a move asks
    the model to remove or clear the source rows (right for a copy, wrong for a reorder).
    """

    move_requested = Signal(int)  # -1 up, +1 down (Ctrl+Up / Ctrl+Down)
    remove_requested = Signal()  # Del

    def __init__(self, model: PackageItemsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDragDropOverwriteMode(False)
        self.setDropIndicatorShown(True)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        width = self.fontMetrics().averageCharWidth()
        self.setColumnWidth(NUMBER, width * 6)
        self.setColumnWidth(LABEL, width * 14)
        self.setColumnWidth(TITLE, width * 52)
        self.setMinimumWidth(width * 56)

    def sizeHint(self) -> QSize:
        """Wide enough for number, label, title and file; the dialog keeps it on screen."""
        width = self.fontMetrics().averageCharWidth()
        rows = self.verticalHeader().defaultSectionSize()
        return QSize(width * 96, rows * 9)

    def items_model(self) -> PackageItemsModel:
        model = self.model()
        assert isinstance(model, PackageItemsModel)
        return model

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+Up / Ctrl+Down move the selected document, Del takes it out."""
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if self.state() is not QAbstractItemView.State.EditingState:
            if ctrl and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_requested.emit(-1 if event.key() == Qt.Key.Key_Up else 1)
                return
            if event.matches(QKeySequence.StandardKey.Delete):
                self.remove_requested.emit()
                return
        super().keyPressEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if event.source() is not self or not self.items_model().editable:
            event.ignore()
            return
        index = self.indexAt(event.position().toPoint())
        where = self.dropIndicatorPosition()
        model = self.items_model()
        if not index.isValid() or where is QAbstractItemView.DropIndicatorPosition.OnViewport:
            gap = model.rowCount()
        elif where is QAbstractItemView.DropIndicatorPosition.BelowItem:
            gap = index.row() + 1
        else:
            gap = index.row()
        source = self.currentIndex().row()
        if model.dropMimeData(event.mimeData(), Qt.DropAction.MoveAction, gap, 0,
                              QModelIndex()):
            moved_to = gap - 1 if gap > source else gap
            self.selectRow(moved_to)
        # Ignored for Qt: the row is already where it belongs, nothing must be removed.
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        self.stopAutoScroll()
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()


class PackageEditor(QWidget):
    """The package's table with Add / Remove / Move up / Move down beside it."""

    changed = Signal()
    add_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PackageItemsModel(self)
        self.view = PackageItemsView(self.model)
        self.view.setAccessibleName("Documents in the package")
        self.view.setMinimumHeight(self.view.verticalHeader().defaultSectionSize() * 7)
        self.add_button = QPushButton(safe_icon("plus"), "Add documents…")
        self.add_button.setToolTip("Add documents of this case to the package")
        self.remove_button = QPushButton(safe_icon("x"), "Remove")
        self.remove_button.setToolTip("Take the selected document out of the package (Del); "
                                      "it stays in the case")
        self.up_button = QPushButton(safe_icon("arrow-up"), "Move up")
        self.up_button.setToolTip("Move the selected document up (Ctrl+Up)")
        self.down_button = QPushButton(safe_icon("arrow-down"), "Move down")
        self.down_button.setToolTip("Move the selected document down (Ctrl+Down)")
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            side.addWidget(button)
        side.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.view, 1)
        row.addLayout(side)
        self.add_button.clicked.connect(self.add_requested)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(+1))
        self.view.move_requested.connect(self.move_current)
        self.view.remove_requested.connect(self.remove_current)
        self.model.changed.connect(self.changed)
        self.model.changed.connect(self._update)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._update())
        self._update()

    def set_editable(self, editable: bool) -> None:
        """A filed package is shown as it was filed: no buttons, no dragging, no editing."""
        self.model.editable = editable
        self.view.setDragEnabled(editable)
        self.view.setAcceptDrops(editable)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setVisible(editable)
        self._update()

    def state(self) -> object:
        """What FormDialog compares to tell whether anything changed."""
        return tuple((e.document_id, e.label) for e in self.model.entries)

    def current_row(self) -> int:
        return self.view.currentIndex().row() if self.view.currentIndex().isValid() else -1

    def remove_current(self) -> None:
        row = self.current_row()
        if row >= 0 and self.model.editable:
            self.model.remove(row)
            if self.model.rowCount():
                self.view.selectRow(min(row, self.model.rowCount() - 1))

    def move_current(self, step: int) -> None:
        row = self.current_row()
        if row >= 0 and self.model.editable and self.model.move(row, row + step):
            self.view.selectRow(row + step)
        self._update()

    def add(self, entries: Sequence[PackageEntry]) -> None:
        before = self.model.rowCount()
        self.model.append(entries)
        if self.model.rowCount() > before:
            self.view.selectRow(before)

    def _update(self) -> None:
        row = self.current_row()
        editable = self.model.editable
        count = self.model.rowCount()
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable and row >= 0)
        self.up_button.setEnabled(editable and row > 0)
        self.down_button.setEnabled(editable and 0 <= row < count - 1)

    def focus_chain(self) -> list[QWidget]:
        return [self.view, self.add_button, self.remove_button, self.up_button,
                self.down_button]

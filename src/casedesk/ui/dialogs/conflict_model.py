"""The table of conflict-search hits: who matched, on which name, in which case, how closely."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from casedesk.domain.rows import ConflictHit
from casedesk.ui.format import enum_label

COLUMNS: tuple[str, ...] = ("Name", "Matched name/alias", "Role", "Case number", "Case title",
                            "Case status", "Score")
SCORE_COLUMN = COLUMNS.index("Score")
TITLE_COLUMN = COLUMNS.index("Case title")
STRONG_MATCH = 90.0

Index = QModelIndex | QPersistentModelIndex


def _sort_key(hit: ConflictHit) -> tuple[float, str, str]:
    return (-hit.score, hit.name.casefold(), hit.case_number)


def _cell(hit: ConflictHit, column: int) -> str:
    if column == 0:
        return hit.name
    if column == 1:
        return hit.matched_name
    if column == 2:
        return enum_label(hit.role) if hit.role else "Contact only"
    if column == 3:
        return hit.case_number
    if column == 4:
        return hit.case_title
    if column == 5:
        return enum_label(hit.case_status)
    return f"{hit.score:.0f}"


class ConflictHitModel(QAbstractTableModel):
    """Conflict hits, best match first (any column can be sorted)."""

    def __init__(self, hits: Sequence[ConflictHit] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[ConflictHit] = sorted(hits, key=_sort_key)

    def set_hits(self, hits: Sequence[ConflictHit]) -> None:
        """Replace the hits (sorted by score, best first)."""
        self.beginResetModel()
        self._hits = sorted(hits, key=_sort_key)
        self.endResetModel()

    def hits(self) -> tuple[ConflictHit, ...]:
        return tuple(self._hits)

    def hit(self, row: int) -> ConflictHit:
        return self._hits[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _cell(hit, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SCORE_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and hit.score >= STRONG_MATCH:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{COLUMNS[column]}: {_cell(hit, column)}"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section == SCORE_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column; the score sorts numerically."""
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        old = self._hits
        if column == SCORE_COLUMN:
            rows = sorted(range(len(old)), key=lambda r: (old[r].score, old[r].name.casefold()))
        else:
            rows = sorted(range(len(old)), key=lambda r: _cell(old[r], column).casefold())
        if order == Qt.SortOrder.DescendingOrder:
            rows.reverse()
        self._hits = [old[r] for r in rows]
        new_row_of = {old_row: new_row for new_row, old_row in enumerate(rows)}
        moved_from = self.persistentIndexList()
        moved_to = [self.index(new_row_of[index.row()], index.column()) for index in moved_from]
        self.changePersistentIndexList(moved_from, moved_to)
        self.layoutChanged.emit()

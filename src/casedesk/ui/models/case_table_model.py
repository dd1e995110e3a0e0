"""The case list model: holds one page-set of snapshot rows, loads pages on demand in SQL."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from casedesk.domain.enums import CaseStatus
from casedesk.domain.rows import CaseListRow
from casedesk.services import case_list
from casedesk.services.case_list import CaseFilter
from casedesk.ui import format as fmt
from casedesk.ui import style
from casedesk.ui.db import Database

ID_ROLE = Qt.ItemDataRole.UserRole + 1

COLUMNS: tuple[tuple[str, str], ...] = (
    ("number", "Number"),
    ("next_due", "Next due"),
    ("title", "Title"),
    ("client", "Client"),
    ("status", "Status"),
    ("responsible", "Responsible"),
    ("practice_area", "Practice area"),
    ("opened_on", "Opened"),
)

_Index = QModelIndex | QPersistentModelIndex


def _first_page(reader: Any, flt: CaseFilter,
                limit: int) -> tuple[int, list[CaseListRow], bool]:
    rows = case_list.case_page(reader, flt, offset=0, limit=limit)
    # A short first page is the whole answer: no second scan just to count it.
    total = len(rows) if len(rows) < limit else case_list.count_cases(reader, flt)
    return total, rows, bool(rows) or case_list.any_cases(reader)


class CaseTableModel(QAbstractTableModel):
    """Rows arrive a page at a time from the DB worker; the filter and sort run in SQL."""

    populated = Signal()  # a load or a further page has arrived
    PAGE_SIZE = 80  # a screenful or two; more arrive as the list scrolls

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._rows: list[CaseListRow] = []
        self._total = 0
        self._filter = CaseFilter()
        self._generation = 0
        self._loading = False
        self._queued = False
        self._fetching = False
        self.loaded = False
        self.practice_has_cases = False
        self.load_error: Any = None
        self._warning_icon: Any = None
        self._number_font: QFont | None = None
        self._today = date.today()

    # -- loading ---------------------------------------------------------------------------
    @property
    def case_filter(self) -> CaseFilter:
        return self._filter

    @property
    def is_loading(self) -> bool:
        """True while a (re)load is on its way from the worker."""
        return self._loading

    @property
    def total(self) -> int:
        """How many cases match the filter (all of them, not only the loaded rows)."""
        return self._total

    def set_filter(self, flt: CaseFilter) -> None:
        if flt != self._filter:
            self._filter = flt
            self.reload()

    def reload(self) -> None:
        """Re-run the query; while one is in flight only the latest request is kept."""
        if self._loading:
            self._queued = True
            return
        self._loading = True
        self._generation += 1
        self._today = date.today()
        self._db.plain(_first_page, self._filter, self.PAGE_SIZE,
                       on_done=partial(self._on_first_page, self._generation),
                       on_error=self._on_error)

    def _on_first_page(self, generation: int,
                       result: tuple[int, list[CaseListRow], bool]) -> None:
        self._loading = False
        if self._queued:
            self._queued = False
            self.reload()
            return
        if generation != self._generation:
            return
        total, rows, self.practice_has_cases = result
        self.load_error = None
        self.beginResetModel()
        self._total = total
        self._rows = rows
        self._fetching = False
        self.endResetModel()
        self.loaded = True
        self.populated.emit()

    def _on_error(self, error: object) -> None:
        self.load_error = error
        self._loading = False
        self._fetching = False
        self._queued = False
        self.loaded = True
        self.populated.emit()

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return (not parent.isValid() and not self._fetching and not self._loading
                and len(self._rows) < self._total)

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        self._db.plain(case_list.case_page, self._filter, offset=len(self._rows),
                       limit=self.PAGE_SIZE,
                       on_done=partial(self._on_page, self._generation, len(self._rows)),
                       on_error=self._on_error)

    def _on_page(self, generation: int, offset: int, rows: list[CaseListRow]) -> None:
        self._fetching = False
        if generation != self._generation or offset != len(self._rows) or not rows:
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()
        self.populated.emit()

    # -- lookups ---------------------------------------------------------------------------
    def row_of(self, case_id: uuid.UUID) -> int:
        for i, row in enumerate(self._rows):
            if row.id == case_id:
                return i
        return -1

    def case_at(self, row: int) -> CaseListRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # -- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return COLUMNS[section][1]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, key)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "next_due" and row.next_due:
                return "Next open task due " + fmt.due_text(row.next_due, self._today)
            if key == "opened_on" and row.opened_on:
                return f"Opened {fmt.day(row.opened_on)}"
            if key in ("title", "client"):
                return self._display(row, key)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "next_due":
                return style.due_color(row.next_due, today=self._today)
            if row.status is CaseStatus.CLOSED:
                return style.done_color()
            return None
        if role == Qt.ItemDataRole.DecorationRole and key == "next_due" and row.next_due:
            # Overdue is never colour alone: a warning sign marks it too.
            return self._overdue_icon() if row.next_due < self._today else None
        if role == Qt.ItemDataRole.FontRole and key == "number":
            if self._number_font is None:
                self._number_font = QFont()
                self._number_font.setFeature(QFont.Tag("tnum"), 1)  # tabular figures
            return self._number_font
        return None

    def _overdue_icon(self) -> Any:
        if self._warning_icon is None:
            from casedesk.ui.icons import safe_icon

            self._warning_icon = safe_icon("triangle-alert", style.overdue_color())
        return self._warning_icon

    def _display(self, row: CaseListRow, key: str) -> str:
        if key == "number":
            return row.number
        if key == "title":
            return row.title
        if key == "client":
            return row.client_names
        if key == "status":
            return fmt.enum_label(row.status)
        if key == "practice_area":
            return row.practice_area
        if key == "responsible":
            return row.responsible
        if key == "opened_on":
            return fmt.day(row.opened_on)
        if key == "next_due":
            return fmt.day(row.next_due)
        return ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(COLUMNS):
            self.set_filter(replace(self._filter, sort=COLUMNS[column][0],
                                    descending=order is Qt.SortOrder.DescendingOrder))

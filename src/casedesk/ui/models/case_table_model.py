"""The case list model: the filtered, sorted case list, a page at a time, in SQL."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QIcon

from casedesk.domain.enums import CaseStatus
from casedesk.domain.rows import CaseListRow
from casedesk.services import case_list
from casedesk.services.case_list import CaseFilter
from casedesk.ui import format as fmt
from casedesk.ui import style
from casedesk.ui.db import Database
from casedesk.ui.models.paged_rows_model import ID_ROLE, PagedRowsModel

__all__ = ["COLUMNS", "ID_ROLE", "CaseTableModel"]

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


class CaseTableModel(PagedRowsModel[CaseListRow, CaseFilter]):
    """Case rows from the DB worker; filter and sort run in SQL (see services/case_list)."""

    PAGE_SIZE = 80  # a screenful or two; more arrive as the list scrolls

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(db, CaseFilter(), case_list.count_cases, case_list.case_page,
                         tuple(title for _key, title in COLUMNS), parent)
        self.load_error: Any = None
        self._today = date.today()
        self._warning_icon: QIcon | None = None
        self._number_font: QFont | None = None
        self.load_failed.connect(self._remember_error)
        self.reloaded.connect(self._forget_error)

    # -- state -----------------------------------------------------------------------------
    @property
    def case_filter(self) -> CaseFilter:
        return self.filter

    @property
    def is_loading(self) -> bool:
        """True while a (re)load is on its way from the worker."""
        return bool(self._loading)

    def case_at(self, row: int) -> CaseListRow | None:
        return self.row_at(row)

    def row_of(self, case_id: uuid.UUID) -> int:
        return super().row_of(case_id)

    def reload(self, *, keep_loaded: bool = True) -> None:
        self._today = date.today()  # "overdue" is judged against today at each reload
        super().reload(keep_loaded=keep_loaded)

    def _remember_error(self, error: Any) -> None:
        self.load_error = error

    def _forget_error(self) -> None:
        self.load_error = None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(COLUMNS):
            self.set_filter(replace(self.filter, sort=COLUMNS[column][0],
                                    descending=order is Qt.SortOrder.DescendingOrder))

    # -- cells -----------------------------------------------------------------------------
    def cell(self, row: CaseListRow, column: int, role: int) -> Any:
        key = COLUMNS[column][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "next_due" and row.next_due:
                return "Next open task or deadline due " + fmt.due_text(row.next_due, self._today)
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

    def _overdue_icon(self) -> QIcon:
        if self._warning_icon is None:
            from casedesk.ui.icons import safe_icon

            self._warning_icon = safe_icon("triangle-alert", style.overdue_color())
        return self._warning_icon

    @staticmethod
    def _display(row: CaseListRow, key: str) -> str:
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

"""Tasks as an agenda: a tick box to complete each, its due day, case, title, who and how urgent.

Bounded lists only (one day, or what is overdue or due this week); rows are TaskRow snapshots.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QIcon

from casedesk.domain.enums import TaskPriority, TaskStatus
from casedesk.domain.rows import TaskRow
from casedesk.ui import format as fmt
from casedesk.ui import style
from casedesk.ui.icons import icon

_Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS: tuple[tuple[str, str], ...] = (
    ("done", "Done"),
    ("due", "Due"),
    ("case", "Case"),
    ("title", "Task"),
    ("assignee", "Assignee"),
    ("priority", "Priority"),
    ("status", "Status"),
)
DONE_COLUMN = 0
DUE_COLUMN = 1
TITLE_COLUMN = 3
ASSIGNEE_COLUMN = 4
STATUS_COLUMN = 6


class TaskAgendaModel(QAbstractTableModel):
    """Task rows; ticking "Done" asks (via `done_toggled`) for the task to be completed."""

    done_toggled = Signal(object, bool)  # task UUID, done

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[TaskRow] = []
        self._today = date.today()
        self._warning: QIcon | None = None

    def set_rows(self, rows: Sequence[TaskRow], today: date | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._today = today or date.today()
        self.endResetModel()

    def row_at(self, row: int) -> TaskRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, task_id: uuid.UUID) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == task_id), -1)

    @property
    def rows(self) -> list[TaskRow]:
        return list(self._rows)

    def mark(self, task_id: uuid.UUID, done: bool) -> None:
        """Show a task as done (or open again) at once, before the database confirms."""
        row = self.row_of(task_id)
        if row < 0:
            return
        self._rows[row] = replace(self._rows[row],
                                  status=TaskStatus.DONE if done else TaskStatus.OPEN)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # -- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is not Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        if role == Qt.ItemDataRole.ToolTipRole and section == DONE_COLUMN:
            return "Tick to mark the task done (Space)"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == DONE_COLUMN:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, key)
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.CheckStateRole and key == "done":
            return Qt.CheckState.Unchecked if row.is_open else Qt.CheckState.Checked
        if role == Qt.ItemDataRole.ForegroundRole:
            if not row.is_open:
                return style.done_color()
            if key == "due":
                return style.due_color(row.due_on, today=self._today)
            return None
        if role == Qt.ItemDataRole.DecorationRole and key == "due" and self._overdue(row):
            return self._overdue_icon()
        if role == Qt.ItemDataRole.AccessibleTextRole and key == "due" and row.due_on:
            return fmt.due_text(row.due_on, self._today)
        if role == Qt.ItemDataRole.FontRole:
            return self._font(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, key)
        if role == Qt.ItemDataRole.AccessibleTextRole and key == "done":
            return "Done" if not row.is_open else "Not done"
        return None

    def _overdue(self, row: TaskRow) -> bool:
        return row.is_open and row.due_on is not None and row.due_on < self._today

    def _overdue_icon(self) -> QIcon:
        """A warning sign beside overdue dates: the colour is never the only signal."""
        if self._warning is None:
            try:
                self._warning = icon("alert-triangle", style.overdue_color())
            except (FileNotFoundError, OSError):
                self._warning = QIcon()
        return self._warning

    def _text(self, row: TaskRow, key: str) -> str:
        if key == "due":
            if row.due_on is None:
                return ""
            return fmt.day(row.due_on)
        if key == "case":
            return row.case_number
        if key == "title":
            return row.title
        if key == "assignee":
            return row.assignee or "Unassigned"
        if key == "priority":
            return fmt.enum_label(row.priority)
        if key == "status":
            return fmt.enum_label(row.status)
        return ""

    def _font(self, row: TaskRow, key: str) -> QFont | None:
        strike = row.status is TaskStatus.CANCELLED and key == "title"
        bold = row.is_open and key == "priority" and row.priority is TaskPriority.URGENT
        if not (strike or bold):
            return None
        font = QFont()
        font.setStrikeOut(strike)
        font.setBold(bold)
        return font

    def _tooltip(self, row: TaskRow, key: str) -> str | None:
        if key == "case":
            return f"{row.case_number} {row.case_title}"
        if key == "title":
            return f"{row.title}\n{row.notes}" if row.notes else row.title
        if key == "due" and row.due_on is not None:
            return fmt.due_text(row.due_on, self._today)  # "… (overdue 3 days)"
        if key == "done":
            return "Reopen this task" if not row.is_open else "Mark this task done"
        if key in ("assignee", "status"):  # these columns may be narrowed (elided) for the title
            return self._text(row, key)
        return None

    def setData(self, index: _Index, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.CheckStateRole or not index.isValid()
                or index.column() != DONE_COLUMN or not 0 <= index.row() < len(self._rows)):
            return False
        done = Qt.CheckState(value) == Qt.CheckState.Checked
        row = self._rows[index.row()]
        if done == (not row.is_open):
            return False
        self.mark(row.id, done)
        self.done_toggled.emit(row.id, done)
        return True

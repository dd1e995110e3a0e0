"""Events and tasks as one agenda: the calendar's day list, its agenda view, the "coming up"
list and a case's calendar tab. Bounded lists only (a day, a month, what is due soon); rows are
EventRow/TaskRow snapshots, never ORM objects."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QIcon

from casedesk.domain.enums import EventStatus, TaskStatus
from casedesk.domain.rows import EventRow, TaskRow
from casedesk.ui import format as fmt
from casedesk.ui import style
from casedesk.ui.icons import safe_icon
from casedesk.ui.widgets import calendar_style as cs

Entry = EventRow | TaskRow
_Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS: tuple[tuple[str, str], ...] = (
    ("done", "Done"),
    ("day", "Date"),
    ("time", "Time"),
    ("kind", "Kind"),
    ("case", "Case"),
    ("title", "What"),
    ("who", "Who"),
    ("where", "Where"),
    ("status", "Status"),
)
(DONE_COLUMN, DAY_COLUMN, TIME_COLUMN, KIND_COLUMN, CASE_COLUMN, TITLE_COLUMN, WHO_COLUMN,
 WHERE_COLUMN, STATUS_COLUMN) = range(len(COLUMNS))


def sort_key(entry: Entry, today: date) -> tuple[int, date, int, str, str, str]:
    """Overdue first, then by day; all-day things before timed ones; then time, case, title."""
    day = cs.entry_day(entry)
    if isinstance(entry, TaskRow):
        return (0 if cs.is_overdue(entry, today) else 1, day, 1, "", entry.case_number,
                entry.title)
    start = entry.starts_at.isoformat() if entry.starts_at and not entry.all_day else ""
    return (0 if cs.is_overdue(entry, today) else 1, day, 0 if entry.all_day else 2, start,
            entry.case_number, entry.title)


class AgendaModel(QAbstractTableModel):
    """Events and tasks in one table; ticking "Done" asks (via `done_toggled`) for the entry to
    be completed or reopened. Tasks are marked at once; an event waits for its "satisfied by"
    answer and the database."""

    done_toggled = Signal(object, bool)  # EventRow | TaskRow, done

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Entry] = []
        self._today = date.today()
        self._warning: QIcon | None = None
        self._task_icon: QIcon | None = None
        self.time_in_title = False  # "09:30 · Motion hearing" (lists without a Time column)
        self.group_days = False  # a day's date only on its first row (the agenda view)

    def set_rows(self, rows: Sequence[Entry], today: date | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._today = today or date.today()
        self.endResetModel()

    def row_at(self, row: int) -> Entry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, entry_id: uuid.UUID) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == entry_id), -1)

    @property
    def rows(self) -> list[Entry]:
        return list(self._rows)

    @property
    def today(self) -> date:
        return self._today

    def mark_task(self, task_id: uuid.UUID, done: bool) -> None:
        """Show a task as done (or open again) at once, before the database confirms."""
        row = self.row_of(task_id)
        entry = self.row_at(row)
        if not isinstance(entry, TaskRow):
            return
        self._rows[row] = replace(entry, status=TaskStatus.DONE if done else TaskStatus.OPEN)
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
            return "Tick to mark it done (Space)"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == DONE_COLUMN and self._checkable(index.row()):
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def _checkable(self, row: int) -> bool:
        entry = self.row_at(row)
        return entry is not None and (isinstance(entry, TaskRow) or not cs.is_struck(entry))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "day" and self.group_days and index.row() > 0 \
                    and cs.entry_day(self._rows[index.row() - 1]) == cs.entry_day(entry):
                return ""
            return self._text(entry, key)
        if role == ID_ROLE:
            return entry.id
        if role == ROW_ROLE:
            return entry
        if role == Qt.ItemDataRole.CheckStateRole and key == "done":
            if not self._checkable(index.row()):
                return None
            return Qt.CheckState.Unchecked if _is_open(entry) else Qt.CheckState.Checked
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._color(entry, key)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._decoration(entry, key)
        if role == Qt.ItemDataRole.FontRole:
            return self._font(entry, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, key)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if key == "day":
                return self._due_words(entry)
            if key == "done":
                return "Not done" if _is_open(entry) else "Done"
        return None

    def setData(self, index: _Index, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.CheckStateRole or not index.isValid()
                or index.column() != DONE_COLUMN or not self._checkable(index.row())):
            return False
        entry = self._rows[index.row()]
        done = Qt.CheckState(value) == Qt.CheckState.Checked
        if done == (not _is_open(entry)):
            return False
        if isinstance(entry, TaskRow):
            self.mark_task(entry.id, done)
        self.done_toggled.emit(entry, done)
        return True

    # -- what each cell says -----------------------------------------------------------------
    def _text(self, entry: Entry, key: str) -> str:
        if key == "day":
            return fmt.day(cs.entry_day(entry))
        if key == "title" and self.time_in_title and isinstance(entry, EventRow) \
                and not entry.all_day and entry.starts_at is not None:
            return f"{cs.clock(entry.starts_at, entry.time_zone)} · {entry.title}"
        if key == "case":
            return entry.case_number or ("Firm-wide" if isinstance(entry, EventRow) else "")
        if key == "title":
            return entry.title
        if key == "status":
            return cs.state_word(entry, self._today)
        if isinstance(entry, TaskRow):
            return {"time": "", "kind": cs.TASK_LABEL,
                    "who": entry.assignee or "Unassigned"}.get(key, "")
        if key == "time":
            return cs.time_text(entry)
        if key == "kind":
            return cs.kind_label(entry.kind)
        if key == "who":
            return entry.attendees
        if key == "where":
            return entry.location
        return ""

    def _due_words(self, entry: Entry) -> str:
        day = cs.entry_day(entry)
        return fmt.due_text(day, self._today) if _is_open(entry) else fmt.day(day)

    def _color(self, entry: Entry, key: str) -> Any:
        if cs.is_closed(entry):
            return style.done_color()
        if key in ("day", "status") and cs.is_overdue(entry, self._today):
            return style.overdue_color()
        if key == "day" and (isinstance(entry, TaskRow) or entry.is_deadline):
            return style.due_color(cs.entry_day(entry), today=self._today)
        return None

    def _decoration(self, entry: Entry, key: str) -> QIcon | None:
        if key == "day" and cs.is_overdue(entry, self._today):
            if self._warning is None:  # the colour is never the only signal
                self._warning = safe_icon("triangle-alert", style.overdue_color())
            return self._warning
        if key == "title":  # the kind's colour (see the legend); the Kind column has the word
            if isinstance(entry, TaskRow):
                if self._task_icon is None:
                    self._task_icon = safe_icon("list-checks")
                return self._task_icon
            return cs.kind_swatch(entry.kind)
        return None

    def _font(self, entry: Entry, key: str) -> QFont | None:
        strike = key == "title" and cs.is_struck(entry)
        # An overdue deadline is the one thing nobody may overlook; overdue tasks have the
        # red date, its warning sign and the word.
        bold = key == "title" and isinstance(entry, EventRow) and cs.is_overdue(entry,
                                                                                  self._today)
        if not (strike or bold):
            return None
        font = QFont()
        font.setStrikeOut(strike)
        font.setBold(bold)
        return font

    def _tooltip(self, entry: Entry, key: str) -> str | None:
        if key == "day":
            return self._due_words(entry)
        if key == "case":
            return f"{entry.case_number} {entry.case_title}".strip() or None
        if key == "title":
            lines = [entry.title]
            if isinstance(entry, EventRow):
                lines[0] = f"{cs.kind_label(entry.kind)}: {entry.title}"
                lines += [f"{what}: {text}" for what, text in (
                    ("Where", entry.location), ("Who", entry.attendees)) if text]
                if entry.satisfied_by:
                    lines.append(f"Satisfied by: {entry.satisfied_by}")
                if entry.authority:
                    lines.append(f"Rule: {entry.authority}")
            if entry.notes:
                lines.append(entry.notes)
            return "\n".join(lines)
        if key == "time" and isinstance(entry, EventRow):
            return cs.your_time_text(entry) or None
        if key == "done":
            return "Reopen" if not _is_open(entry) else "Mark done"
        if key in ("who", "where", "status"):  # narrow columns elide; the tooltip has it all
            return self._text(entry, key) or None
        return None


def _is_open(entry: Entry) -> bool:
    if isinstance(entry, TaskRow):
        return entry.is_open
    return entry.status is EventStatus.SCHEDULED

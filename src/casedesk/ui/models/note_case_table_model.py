"""Cases that have notes (the Documents pane's list), paged and filtered in SQL."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QIcon

from casedesk.domain.enums import CaseStatus
from casedesk.services import note_list
from casedesk.services.note_list import NoteCaseRow, NoteFilter
from casedesk.ui import format as fmt
from casedesk.ui import style
from casedesk.ui.db import Database
from casedesk.ui.icons import safe_icon
from casedesk.ui.models.paged_rows_model import PagedRowsModel

COLUMNS: tuple[tuple[str, str], ...] = (
    ("number", "Number"),
    ("title", "Title"),
    ("notes", "Notes"),
    ("last", "Last note"),
)


class NoteCaseTableModel(PagedRowsModel[NoteCaseRow, NoteFilter]):
    """One row per case with live notes, the most recently noted first.

    A closed case reads muted and (never colour alone) its title carries the archive icon of
    "Close case", with "closed case" in the tooltip and for screen readers.
    """

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(db, NoteFilter(), note_list.count_note_cases, note_list.note_case_page,
                         tuple(t for _k, t in COLUMNS), parent)
        self._closed_icon: QIcon | None = None

    def _archive_icon(self) -> QIcon:
        if self._closed_icon is None:
            self._closed_icon = safe_icon("archive", style.done_color())
        return self._closed_icon

    def cell(self, row: NoteCaseRow, column: int, role: int) -> Any:
        key = COLUMNS[column][0]
        closed = row.status is CaseStatus.CLOSED
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "number":
                return row.number
            if key == "title":
                return row.title
            if key == "notes":
                return f"{row.note_count:,}"
            if key == "last":
                return fmt.moment(row.last_note_at)
            return None
        if role == Qt.ItemDataRole.DecorationRole and key == "title" and closed:
            return self._archive_icon()
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole) \
                and key == "title":
            return f"{row.number} {row.title}" + (" (closed case)" if closed else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "notes":
                return f"{row.note_count} note{'s' if row.note_count != 1 else ''}"
            return None
        if role == Qt.ItemDataRole.ForegroundRole and closed:
            return style.done_color()
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "notes":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and key in ("number", "notes"):
            font = QFont()
            font.setFeature(QFont.Tag("tnum"), 1)
            return font
        return None

"""The documents list model: pages of DocumentListRow snapshots, filtered and sorted in SQL."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QIcon

from casedesk.services import document_list
from casedesk.services.document_list import DocumentFilter, DocumentListRow
from casedesk.ui import format as fmt
from casedesk.ui.db import Database
from casedesk.ui.icons import safe_icon
from casedesk.ui.models.paged_rows_model import PagedRowsModel

COLUMNS: tuple[tuple[str, str], ...] = (
    ("title", "Title"),
    ("case", "Case"),
    ("category", "Category"),
    ("date", "Date"),
    ("version", "Version"),
    ("size", "Size"),
    ("flags", "Flags"),
    ("updated", "Updated"),
)
COLUMN_KEYS = tuple(key for key, _title in COLUMNS)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def size_text(size: int) -> str:
    """'12.3 KB' as the file manager writes it."""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


def flags_text(privileged: bool, confidential: bool) -> str:
    """The flags as words: never colour or an icon alone."""
    return " · ".join(word for word, on in (("Privileged", privileged),
                                            ("Confidential", confidential)) if on)


def flags_icon_name(privileged: bool, confidential: bool) -> str:
    return "lock" if privileged else "shield-alert" if confidential else ""


class DocumentTableModel(PagedRowsModel[DocumentListRow, DocumentFilter]):
    """One row per live document of a live case."""

    PAGE_SIZE = 150

    def __init__(self, db: Database, parent: Any = None, *,
                 flt: DocumentFilter | None = None) -> None:
        super().__init__(db, flt or DocumentFilter(), document_list.count_documents,
                         document_list.document_page, tuple(t for _k, t in COLUMNS), parent)
        self._icons: dict[str, QIcon] = {}

    def _icon(self, name: str) -> QIcon:
        if name not in self._icons:
            self._icons[name] = safe_icon(name)
        return self._icons[name]

    def cell(self, row: DocumentListRow, column: int, role: int) -> Any:
        key = COLUMNS[column][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, key)
        if role == Qt.ItemDataRole.DecorationRole:
            if key == "title":
                return self._icon("file-text")
            if key == "flags" and (name := flags_icon_name(row.privileged, row.confidential)):
                return self._icon(name)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, key)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("version", "size"):
            return _RIGHT
        if role == Qt.ItemDataRole.AccessibleTextRole and key == "flags":
            return self.text(row, key) or "No flags"
        return None

    @staticmethod
    def text(row: DocumentListRow, key: str) -> str:
        if key == "title":
            return row.title
        if key == "case":
            return row.case_number
        if key == "category":
            return fmt.enum_label(row.category)
        if key == "date":
            return fmt.day(row.document_date)
        if key == "version":
            return str(row.current_version)
        if key == "size":
            return size_text(row.size)
        if key == "flags":
            return flags_text(row.privileged, row.confidential)
        if key == "updated":
            return fmt.day(row.updated_at.astimezone().date())
        return ""

    @staticmethod
    def tooltip(row: DocumentListRow, key: str) -> str | None:
        if key == "title":
            tags = f"\nTags: {', '.join(row.tags)}" if row.tags else ""
            return f"{row.title}\n{row.file_name}{tags}"
        if key == "case":
            return f"{row.case_number} · {row.case_title}"
        if key == "version":
            return f"Version {row.current_version} is the current one"
        if key == "flags":
            return flags_text(row.privileged, row.confidential) or None
        if key == "updated":
            return fmt.moment(row.updated_at)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(COLUMNS):
            self.set_filter(replace(self.filter, sort=COLUMNS[column][0],
                                    descending=order is Qt.SortOrder.DescendingOrder))

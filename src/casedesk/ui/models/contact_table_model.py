"""The contacts directory model: pages of ContactRow snapshots, filtered and sorted in SQL."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon

from casedesk.domain.enums import ContactKind
from casedesk.domain.rows import ContactRow
from casedesk.services import contact_list
from casedesk.services.contact_list import ContactFilter
from casedesk.ui.db import Database
from casedesk.ui.icons import safe_icon
from casedesk.ui.models.paged_rows_model import PagedRowsModel

COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "Name"),
    ("kind", "Kind"),
    ("organization", "Organization"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("cases", "Cases"),
)
KIND_LABELS = {ContactKind.PERSON: "Person", ContactKind.ORGANIZATION: "Organization"}
KIND_ICONS = {ContactKind.PERSON: "user", ContactKind.ORGANIZATION: "building-2"}


class ContactTableModel(PagedRowsModel[ContactRow, ContactFilter]):
    """One row per live contact; the Name column carries a person/organization icon."""

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(db, ContactFilter(), contact_list.count_contacts,
                         contact_list.contact_page, tuple(t for _k, t in COLUMNS), parent)
        self._icons: dict[ContactKind, QIcon] = {}

    def _icon(self, kind: ContactKind) -> QIcon:
        if kind not in self._icons:
            self._icons[kind] = safe_icon(KIND_ICONS[kind])
        return self._icons[kind]

    def cell(self, row: ContactRow, column: int, role: int) -> Any:
        key = COLUMNS[column][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, key)
        if role == Qt.ItemDataRole.DecorationRole and key == "name":
            return self._icon(row.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "name" and row.aliases:
                return f"{row.name}\nAlso known as: {', '.join(row.aliases)}"
            if key == "cases":
                return f"Party to {row.case_count} case{'s' if row.case_count != 1 else ''}"
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "cases":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def text(row: ContactRow, key: str) -> str:
        if key == "name":
            return row.name
        if key == "kind":
            return KIND_LABELS[row.kind]
        if key == "organization":
            return row.organization
        if key == "email":
            return row.email
        if key == "phone":
            return row.phone
        if key == "cases":
            return str(row.case_count) if row.case_count else ""
        return ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(COLUMNS):
            self.set_filter(replace(self.filter, sort=COLUMNS[column][0],
                                    descending=order is Qt.SortOrder.DescendingOrder))

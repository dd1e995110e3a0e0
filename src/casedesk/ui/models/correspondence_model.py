"""The correspondence log's table model: a case's entries (CorrespondenceListRow snapshots),
newest first, a page at a time from SQL; the kind and direction as an icon and a word."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QAbstractItemView, QTableView

from casedesk.domain.enums import Direction
from casedesk.services.correspondence_list import (
    CorrespondenceListRow,
    CorrespondenceRow,
    count_for_case,
    page_for_case,
)
from casedesk.ui import format as fmt
from casedesk.ui.db import Database
from casedesk.ui.dialogs.correspondence_dialog import KIND_ICONS, KIND_WORDS
from casedesk.ui.icons import safe_icon
from casedesk.ui.models.paged_rows_model import PagedRowsModel

COLUMNS = ("Date", "Kind", "In/out", "Subject", "From → To", "Docs")
DATE_COL, KIND_COL, DIR_COL, SUBJECT_COL, PEOPLE_COL, DOCS_COL = range(len(COLUMNS))
# Giving way to the subject when the tab is narrow: From → To shrinks (least, most
# characters), then steps aside (the detail below shows it).
COLUMN_LIMITS = {PEOPLE_COL: (14, 28)}
DROPPABLE = (PEOPLE_COL,)
SUBJECT_LEAST_CHARS = 24
DIRECTION_WORDS = {Direction.INCOMING: "In", Direction.OUTGOING: "Out"}
DIRECTION_ICONS = {Direction.INCOMING: "download", Direction.OUTGOING: "upload"}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def when_text(on_date: date, at: datetime | None) -> str:
    """'Mon 2 Mar 2026' or 'Mon 2 Mar 2026 14:30' (the time in this computer's zone)."""
    text = fmt.day(on_date)
    if at is not None:
        local = at.astimezone()
        if local.date() == on_date:
            text += f" {local:%H:%M}"
    return text


def people_text(row: CorrespondenceListRow | CorrespondenceRow) -> str:
    """'Jane Smith → Alice Attorney'; the contact when neither side was written down."""
    sender, recipient = row.from_text.strip(), row.to_text.strip()
    if not sender and not recipient:
        return row.contact_name
    return f"{sender or '?'} → {recipient or '?'}"


class CorrespondenceModel(PagedRowsModel[CorrespondenceListRow, uuid.UUID | None]):
    """A case's entries (the filter is the case id), newest first, a page at a time."""

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(db, None, count_for_case, page_for_case, COLUMNS, parent)
        self._icons: dict[str, QIcon] = {}

    def _icon(self, name: str) -> QIcon:
        if name not in self._icons:
            self._icons[name] = safe_icon(name)
        return self._icons[name]

    def cell(self, row: CorrespondenceListRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == Qt.ItemDataRole.DecorationRole:
            if column == KIND_COL:
                return self._icon(KIND_ICONS[row.kind])
            if column == DIR_COL:
                return self._icon(DIRECTION_ICONS[row.direction])
            if column == DOCS_COL and row.document_count:
                return self._icon("link")
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == DOCS_COL:
            return _RIGHT
        return None

    @staticmethod
    def tooltip(row: CorrespondenceListRow, column: int) -> str | None:
        if column == PEOPLE_COL:
            parts = [f"From: {row.from_text}" if row.from_text else "",
                     f"To: {row.to_text}" if row.to_text else "",
                     f"Contact: {row.contact_name}" if row.contact_name else "",
                     f"Handled by: {row.staff_name}" if row.staff_name else ""]
            return "\n".join(p for p in parts if p) or None
        if column == SUBJECT_COL:
            return row.subject or None
        if column == DIR_COL:
            return "Incoming (to the firm)" if row.direction is Direction.INCOMING \
                else "Outgoing (from the firm)"
        if column == DOCS_COL and row.document_count:
            n = row.document_count
            return f"{n} linked document{'s' if n != 1 else ''}"
        return None

    @staticmethod
    def text(row: CorrespondenceListRow, column: int) -> str:
        if column == DATE_COL:
            return when_text(row.on_date, row.at)
        if column == KIND_COL:
            return KIND_WORDS[row.kind]
        if column == DIR_COL:
            return DIRECTION_WORDS[row.direction]
        if column == PEOPLE_COL:
            return people_text(row)
        if column == SUBJECT_COL:
            return row.subject or "(no subject)"
        return str(row.document_count) if row.document_count else ""


def correspondence_table(model: CorrespondenceModel) -> QTableView:
    """A compact read-only table over the model; the subject stretches."""
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName("Correspondence of this case")
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setToolTip("Enter or double-click edits · F2 edits · Del deletes")
    return view


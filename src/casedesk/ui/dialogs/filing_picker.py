"""Adding documents to a filing package: the case's documents not in it yet, filtered by
typing, one or more chosen (in list order)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casedesk.services.document_list import DocumentListRow
from casedesk.ui import format as fmt
from casedesk.ui.models.document_table_model import size_text
from casedesk.ui.models.snapshot_model import Column, SnapshotTableModel


class DocumentPickerDialog(QDialog):
    """The case's documents not in the package yet; pick one or more (filter by typing)."""

    def __init__(self, parent: QWidget | None, documents: Sequence[DocumentListRow],
                 case_label: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Add documents – {case_label}")
        self.model: SnapshotTableModel[DocumentListRow] = SnapshotTableModel([
            Column("Document", lambda d: d.title, tooltip=lambda d: d.file_name),
            Column("Category", lambda d: fmt.enum_label(d.category)),
            Column("Dated", lambda d: fmt.day(d.document_date)),
            Column("File", lambda d: f"{d.file_name} · {size_text(d.size)}"),
        ], self)
        self.model.set_rows(documents)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter by title, category or file name")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter documents")
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.horizontalHeader().setStretchLastSection(True)
        width = self.fontMetrics().averageCharWidth()
        for column, chars in enumerate((44, 14, 16)):
            self.view.setColumnWidth(column, width * chars)
        self.view.doubleClicked.connect(lambda _i: self.accept())
        hint = QLabel("Select one or more (Ctrl or Shift + click); they are added in this "
                      "order, at the end of the package." if documents else
                      "Every document of this case is in the package already, or the case "
                      "has none yet: add files in the case's Documents tab first.")
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.addButton("Add to package",
                                                 QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update())
        self.resize(width * 130, self.fontMetrics().height() * 26)
        self._update()

    def _update(self) -> None:
        self.add_button.setEnabled(bool(self.view.selectionModel().selectedRows()))

    def chosen(self) -> list[DocumentListRow]:
        rows = sorted(self.proxy.mapToSource(i).row()
                      for i in self.view.selectionModel().selectedRows())
        return [r for r in (self.model.row_at(n) for n in rows) if r is not None]

    def accept(self) -> None:
        if self.chosen():
            super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, documents: Sequence[DocumentListRow],
            case_label: str) -> list[DocumentListRow] | None:
        """The chosen documents in list order, or None when cancelled."""
        dialog = cls(parent, documents, case_label)
        try:
            return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

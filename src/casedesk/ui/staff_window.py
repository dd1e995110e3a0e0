"""The staff list (File ▸ Staff…): who works at the practice, their roles and rates."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.changes import Changes
from casedesk.domain.rows import StaffRow
from casedesk.ui import format as fmt
from casedesk.ui.db import Database, JobError
from casedesk.ui.dialogs.error_dialog import show_error
from casedesk.ui.icons import safe_icon
from casedesk.ui.lookups import Lookups
from casedesk.ui.models.snapshot_model import Column, SnapshotTableModel


class StaffWindow(QDialog):
    """Lists staff; Add and Edit open the staff form."""

    def __init__(self, parent: QWidget, db: Database, lookups: Lookups) -> None:
        super().__init__(parent)
        self.setWindowTitle("Staff")
        self._db = db
        self._lookups = lookups
        self.model: SnapshotTableModel[StaffRow] = SnapshotTableModel([
            Column("Name", lambda s: s.name),
            Column("Role", lambda s: fmt.enum_label(s.role)),
            Column("E-mail", lambda s: s.email),
            Column("Hourly rate", lambda s: fmt.money(s.hourly_rate), align_right=True),
            Column("Bar number", lambda s: s.bar_number),
            Column("Active", lambda s: "Yes" if s.active else "No"),
        ], self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.add_button = QPushButton(safe_icon("user-plus"), "Add…")
        self.edit_button = QPushButton(safe_icon("pencil"), "Edit…")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view)
        layout.addWidget(close)
        self.resize(760, 420)
        db.changed.connect(self._on_changed)
        self.reload()

    @classmethod
    def open(cls, parent: QWidget, db: Database, lookups: Lookups) -> StaffWindow:
        window = cls(parent, db, lookups)
        window.show()
        return window

    def reload(self) -> None:
        from casedesk.services import staff

        self._db.read(staff.list_staff, on_done=self._on_loaded, on_error=self._error)

    def _on_loaded(self, rows: list[StaffRow]) -> None:
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()

    def _on_changed(self, changes: Changes) -> None:
        if changes.staff:
            self.reload()

    def _error(self, error: JobError) -> None:
        show_error(self, error.message, error.details)

    def add(self) -> None:
        from casedesk.services import staff
        from casedesk.ui.dialogs.staff_dialog import StaffDialog

        answer = StaffDialog.ask(self)
        if answer is not None:
            self._db.write(staff.add_staff, on_error=self._error, **answer.as_kwargs())

    def edit_selected(self) -> None:
        from casedesk.services import staff
        from casedesk.ui.dialogs.staff_dialog import StaffDialog

        rows = self.view.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row()) if rows else None
        if row is None:
            return
        answer = StaffDialog.ask(self, staff=row)
        if answer is not None:
            self._db.write(staff.update_staff, on_error=self._error, **answer.as_kwargs())

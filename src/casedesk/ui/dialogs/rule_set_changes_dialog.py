"""After a rule set was edited: the cases whose pending deadlines the new rules would change.

Nothing has moved when this opens. Each affected trigger is listed with what would change;
"Review…" opens the trigger's diff (TriggerChangeDialog), where the person moves the deadlines
they accept, or keeps them all.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from casedesk.services.deadlines import DeadlineChange, TriggerRow
from casedesk.ui import format as fmt
from casedesk.ui.db import Database, JobError
from casedesk.ui.dialogs.deadline_widgets import WrappedHint, deadline_table
from casedesk.ui.dialogs.error_dialog import show_error
from casedesk.ui.dialogs.trigger_change_dialog import DiffPanel, TriggerChangeDialog
from casedesk.ui.icons import safe_icon
from casedesk.ui.models.snapshot_model import Column, SnapshotTableModel


@dataclass(frozen=True, slots=True)
class AffectedTrigger:
    case_label: str
    trigger: TriggerRow
    changes: tuple[DeadlineChange, ...]

    @property
    def would_move(self) -> int:
        return sum(c.can_move for c in self.changes)

    @property
    def rules_gone(self) -> int:
        return sum(c.new_day is None for c in self.changes)


def affected_triggers(session: Any, key: str = "", court_id: uuid.UUID | None = None
                      ) -> list[AffectedTrigger]:
    """Runs on the DB worker: the triggers an edited rule set (`key`) or a changed court
    holiday list (`court_id`) would change, with each case's number and title."""
    from casedesk.domain.models import Case
    from casedesk.services import deadlines

    found = []
    pairs = (deadlines.court_changes(session, court_id=court_id) if court_id is not None
             else deadlines.rule_set_changes(session, key=key))
    for trigger, changes in pairs:
        case = session.get(Case, trigger.case_id)
        label = f"{case.number} {case.title}" if case is not None else "(a deleted case)"
        found.append(AffectedTrigger(label, trigger, tuple(changes)))
    return found


class RuleSetChangesDialog(QDialog):
    """Affected triggers on top, the selected one's diff below, Review… per trigger."""

    def __init__(self, parent: QWidget | None, db: Database, *, key: str, name: str,
                 actor_staff_id: uuid.UUID | None = None,
                 court_id: uuid.UUID | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Deadlines to review — {name}")
        self.setSizeGripEnabled(True)
        self._db = db
        self._key = key
        self._court_id = court_id
        self._actor = actor_staff_id
        self._kept: set[uuid.UUID] = set()  # triggers reviewed here whose dates were kept
        self.loaded = False
        self.model: SnapshotTableModel[AffectedTrigger] = SnapshotTableModel([
            Column("Case", lambda a: a.case_label),
            Column("Trigger", lambda a: a.trigger.trigger_name),
            Column("Trigger date", lambda a: fmt.day(a.trigger.trigger_date)),
            Column("Would move", lambda a: str(a.would_move), align_right=True),
            Column("Rules removed", lambda a: str(a.rules_gone), align_right=True),
            Column("Reviewed", lambda a: "kept as they are" if a.trigger.id in self._kept
                   else ""),
        ], self)
        what = (f"The changed holiday list of {name}" if court_id is not None
                else f"The edited rules of “{name}”")
        self.intro = WrappedHint(
            f"{what} would change pending deadlines on these cases. "
            "Nothing has moved: review each trigger and choose which deadlines to move.")
        self.table = deadline_table(self.model, "Triggers with deadlines to review", stretch=0)
        self.table.setAlternatingRowColors(False)
        self.table.doubleClicked.connect(lambda _i: self.review_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_diff())
        self.diff = DiffPanel(checkable=False)
        self.review_button = QPushButton(safe_icon("calendar-days"), "&Review…")
        self.review_button.clicked.connect(self.review_selected)
        self.status = QLabel("Looking for affected cases…")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.diff)
        splitter.setChildrenCollapsible(False)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.review_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        wanted = QSize(self.fontMetrics().horizontalAdvance("x") * 130,
                       self.fontMetrics().height() * 40)
        screen = self.screen()
        if screen is not None:
            wanted = wanted.boundedTo(screen.availableGeometry().size() * 0.95)
        self.resize(wanted)
        self.reload()

    @classmethod
    def open(  # type: ignore[override]  # like StaffWindow.open: build and show
            cls, parent: QWidget | None, db: Database, *, key: str, name: str,
            actor_staff_id: uuid.UUID | None = None,
            court_id: uuid.UUID | None = None) -> RuleSetChangesDialog:
        dialog = cls(parent, db, key=key, name=name, actor_staff_id=actor_staff_id,
                     court_id=court_id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def reload(self) -> None:
        self._db.read(affected_triggers, self._key, self._court_id, on_done=self._loaded,
                      on_error=self._failed)

    def _loaded(self, rows: list[AffectedTrigger]) -> None:
        self.loaded = True
        selected = self.selected()
        ordered = sorted(rows, key=lambda a: (a.trigger.id in self._kept, a.case_label,
                                              a.trigger.trigger_date))
        self.model.set_rows(ordered)
        pending = sum(a.trigger.id not in self._kept for a in ordered)
        self.status.setText(
            f"{pending} trigger{'s' if pending != 1 else ''} to review." if pending else
            "Nothing left to review: no pending deadline differs any more."
            if not ordered else "All reviewed; the kept deadlines still differ from the rules.")
        number = next((i for i, a in enumerate(ordered)
                       if selected and a.trigger.id == selected.trigger.id), 0)
        if ordered:
            self.table.selectRow(number)
        self._show_diff()

    def _failed(self, error: JobError) -> None:
        self.status.setText("Could not work out the affected cases.")
        show_error(self, error.message, error.details)

    def selected(self) -> AffectedTrigger | None:
        current = self.table.selectionModel().currentIndex()
        return self.model.row_at(current.row()) if current.isValid() else None

    def _show_diff(self) -> None:
        chosen = self.selected()
        self.review_button.setEnabled(chosen is not None)
        self.diff.show_changes(chosen.changes if chosen else [])
        if chosen is None:
            self.diff.summary.setText("")

    def review_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        from casedesk.ui.settings import settings_of

        dialog = TriggerChangeDialog(self, self._db, chosen.trigger,
                                     case_label=chosen.case_label,
                                     actor_staff_id=self._actor, review=True,
                                     settings=settings_of(self))
        TriggerChangeDialog.run(dialog)
        if dialog.saved and dialog.moved == 0:
            self._kept.add(chosen.trigger.id)
        if dialog.saved:
            self.reload()

"""After a court date was vacated, cancelled or deleted: the pending deadlines that counted from
it ("serve the motion 14 days before the hearing"), to vacate or keep.

Nothing is ticked when the dialog opens: a deadline can outlive its hearing (the motion is
re-noticed, the papers are due anyway), so a person chooses each one. "Vacate N deadlines"
vacates the ticked ones in one write (all or none); "Keep them" changes nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.enums import label
from casedesk.domain.rows import EventRow
from casedesk.services.deadlines import DependentDeadline
from casedesk.ui import format as fmt
from casedesk.ui import style
from casedesk.ui.db import Database, JobError
from casedesk.ui.dialogs.base import set_text_color
from casedesk.ui.dialogs.deadline_widgets import deadline_table, due_day
from casedesk.ui.dialogs.error_dialog import show_error
from casedesk.ui.dialogs.fields import char_width
from casedesk.ui.icons import safe_icon
from casedesk.ui.models.deadline_models import CheckableRowsModel
from casedesk.ui.models.paged_rows_model import if_alive
from casedesk.ui.models.snapshot_model import Column


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def dependents_model(parent: QWidget | None = None, today: date | None = None
                     ) -> CheckableRowsModel[DependentDeadline]:
    """Tick (none at first), deadline, due day, what it counts from, authority."""
    def overdue(d: DependentDeadline) -> bool:
        return d.day < (today or date.today())

    def color(d: DependentDeadline) -> QColor | None:
        return style.overdue_color() if overdue(d) else None

    return CheckableRowsModel([
        Column("Deadline", lambda d: d.title, tooltip=lambda d: d.authority),
        Column("Due", lambda d: due_day(d.day) + (" (overdue)" if overdue(d) else ""),
               color=color),
        Column("Counts from", lambda d: d.trigger_name),
        Column("Authority", lambda d: d.authority, tooltip=lambda d: d.authority),
    ], key=lambda d: d.event_id, can_check=lambda _d: True, parent=parent)


def headline(event: EventRow, outcome: str) -> str:
    """'The hearing on Mon 9 Mar 2026 was vacated. These deadlines count from it:'."""
    return (f"The {label(event.kind).lower()} on {fmt.day(event.day)} was {outcome}. "
            "These deadlines count from it:")


class DependentDeadlinesDialog(QDialog):
    """The list with check boxes; "Vacate N deadlines" / "Keep them"."""

    def __init__(self, parent: QWidget | None, db: Database, event: EventRow, *,
                 outcome: str, deadlines: Sequence[DependentDeadline],
                 actor_staff_id: uuid.UUID | None = None, today: date | None = None) -> None:
        """`outcome` is what happened to `event`: "vacated", "cancelled" or "deleted"."""
        super().__init__(parent)
        case = f" — {event.case_number} · {event.case_title}" if event.case_id else ""
        self.setWindowTitle(f"Deadlines from the {label(event.kind).lower()}{case}")
        self.setSizeGripEnabled(True)
        self._db = db
        self._event = event
        self._actor = actor_staff_id
        self._busy = False
        self.vacated = 0

        self.headline = QLabel(headline(event, outcome))
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.event_label = QLabel(f"“{event.title}”")
        self.event_label.setTextFormat(Qt.TextFormat.PlainText)  # user text is never markup
        self.event_label.setWordWrap(True)
        self.hint = QLabel("Tick the deadlines that no longer apply and vacate them; the others "
                           "stay on the calendar with their reminders. Nothing is ticked for "
                           "you.")
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.model = dependents_model(self, today)
        self.model.set_rows(list(deadlines), checked=())
        self.table = deadline_table(self.model, "Deadlines that count from it", stretch=0)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Dialog message")
        self.message.hide()

        self.buttons = QDialogButtonBox()
        self.vacate_button = QPushButton(safe_icon("x"), "")
        self.vacate_button.setAutoDefault(False)  # vacating must be a deliberate click
        self.vacate_button.setToolTip("Mark the ticked deadlines vacated (Reopen undoes it)")
        self.keep_button = QPushButton("&Keep them")
        self.keep_button.setToolTip("Change nothing: every deadline keeps its date")
        self.keep_button.setDefault(True)
        self.buttons.addButton(self.vacate_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        for widget in (self.headline, self.event_label, self.hint):
            layout.addWidget(widget)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.model.dataChanged.connect(lambda *_a: self.refresh())
        self.model.modelReset.connect(self.refresh)
        self.resize(char_width(self, 100), self.fontMetrics().height() * 20)
        self.refresh()

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database, event: EventRow, *, outcome: str,
            deadlines: Sequence[DependentDeadline],
            actor_staff_id: uuid.UUID | None = None) -> int:
        """Open the dialog; how many deadlines were vacated (0: kept)."""
        dialog = cls(parent, db, event, outcome=outcome, deadlines=deadlines,
                     actor_staff_id=actor_staff_id)
        return cls.run(dialog)

    @classmethod
    def run(cls, dialog: DependentDeadlinesDialog) -> int:
        """Exec the dialog (tests answer it here instead)."""
        try:
            dialog.exec()
            return dialog.vacated
        finally:
            dialog.deleteLater()

    # --- state ---------------------------------------------------------------------------

    def ticked(self) -> list[uuid.UUID]:
        return [d.event_id for d in self.model.checked_rows()]

    def waiting(self) -> bool:
        return self._busy

    def refresh(self) -> None:
        count = len(self.ticked())
        self.vacate_button.setText(f"&Vacate {_plural(count, 'deadline')}")
        self.vacate_button.setEnabled(count > 0 and not self._busy)
        self.keep_button.setEnabled(not self._busy)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        if text:
            set_text_color(self.message, style.overdue_color())

    # --- closing -------------------------------------------------------------------------

    def accept(self) -> None:
        """"Vacate N deadlines": one write for the ticked ones; close when it worked."""
        from casedesk.services import deadlines

        chosen = self.ticked()
        if self._busy or not chosen:
            return
        self._busy = True
        self._say("")
        self.refresh()

        def done(_changes: object) -> None:
            self._busy = False
            self.vacated = len(chosen)
            QDialog.accept(self)

        self._db.write(deadlines.vacate_deadlines, event_ids=chosen,
                       from_event_id=self._event.id, actor_staff_id=self._actor,
                       on_done=if_alive(self, done), on_error=if_alive(self, self._refused))

    def reject(self) -> None:
        """"Keep them", Esc and the close box: nothing changes (not while a write runs)."""
        if not self._busy:
            super().reject()

    def _refused(self, error: JobError) -> None:
        """Nothing was vacated; show why and the list as it is now (someone may have marked a
        deadline done meanwhile), keeping the ticks that still apply."""
        from casedesk.services import deadlines

        self._busy = False
        self.refresh()
        if error.is_bug:
            show_error(self, error.message, error.details)
            return
        self._say(f"Nothing was vacated: {error.message}")
        ticked = set(self.ticked())
        self._db.read(deadlines.dependent_deadlines, event_id=self._event.id,
                      on_done=if_alive(self, lambda rows: self.model.set_rows(rows, ticked)),
                      on_error=if_alive(self, lambda _e: None))

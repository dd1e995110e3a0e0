"""What a user can do to an event, from the calendar or from a case: each action asks (a dialog,
a confirmation) and then writes through the DB worker. A double-booking is never accepted
silently: the clashes are shown and "Book anyway?" decides; saying no gives the form back."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from casedesk.domain.enums import EventKind, EventStatus, label
from casedesk.domain.errors import ConcurrentEdit, DoubleBooking
from casedesk.domain.rows import EventRow, TaskRow
from casedesk.ui import format as fmt
from casedesk.ui.db import Database, JobError
from casedesk.ui.models.paged_rows_model import if_alive
from casedesk.ui.widgets.calendar_case_picker import CaseChoice, case_search

if TYPE_CHECKING:
    from casedesk.services.events import EventInput

StaffList = Callable[[], list[tuple[uuid.UUID, str]]]
Actor = Callable[[], uuid.UUID | None]


def describe(row: EventRow) -> str:
    """'hearing “Motion hearing” on Fri 6 Nov 2026' for messages and questions."""
    return f"{label(row.kind).lower()} “{row.title}” on {fmt.day(row.day)}"


class EventActions(QObject):
    """Opens the event dialogs and submits the writes; tells the outcome in `status_message`."""

    status_message = Signal(str)
    saved = Signal(object)  # the event's id, after it was added or changed
    refused = Signal()  # a write failed: what is shown may be out of date

    def __init__(self, db: Database, parent: QWidget, *, staff: StaffList, actor: Actor) -> None:
        super().__init__(parent)
        self._db = db
        self._parent = parent
        self._staff = staff
        self._actor = actor
        self.search_cases = case_search(db)

    def actor(self) -> uuid.UUID | None:
        """Who is acting (the signed-in staff member), for history and reminders."""
        return self._actor()

    # -- asking (small methods, so tests can answer them) --------------------------------------
    def confirm(self, question: str, explanation: str) -> bool:
        """Ask before something a user may regret."""
        box = QMessageBox(QMessageBox.Icon.Question, question, question,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self._parent)
        box.setInformativeText(explanation)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    def ask_book_anyway(self, clashes: list[str]) -> bool:
        """Show who or what would be booked twice; True means book anyway."""
        box = QMessageBox(QMessageBox.Icon.Warning, "Double-booking",
                          "This would double-book:\n" + "\n".join(f"• {c}" for c in clashes),
                          QMessageBox.StandardButton.No, self._parent)
        book = box.addButton("Book anyway", QMessageBox.ButtonRole.AcceptRole)
        box.button(QMessageBox.StandardButton.No).setText("Change it")
        box.setInformativeText("Book anyway? Or change the time, the people or the room.")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.exec()
        return box.clickedButton() is book

    def _error(self, error: JobError) -> None:
        from casedesk.ui.dialogs.error_dialog import show_error

        self.status_message.emit(error.message)
        show_error(self._parent, error.message, error.details)

    # -- the write, with the double-booking question -------------------------------------------
    def _submit(self, fn: Callable[..., Any], kwargs: dict[str, Any], done_message: str, *,
                event_id: uuid.UUID | None = None,
                retry: Callable[[], None] | None = None) -> None:
        """Write; on DoubleBooking ask, and resubmit with allow_double_booking=True on yes. On
        no (or a refusal the user can fix) `retry` gives the form back as it was filled in."""
        def finished(_result: Any) -> None:
            self.status_message.emit(done_message)
            if event_id is not None:
                self.saved.emit(event_id)

        def failed(error: JobError) -> None:
            self.refused.emit()
            if isinstance(error.error, DoubleBooking):
                if self.ask_book_anyway(list(error.error.clashes)):
                    self._submit(fn, {**kwargs, "allow_double_booking": True},
                                 done_message + " (double-booked)", event_id=event_id)
                elif retry is not None:
                    retry()
                else:
                    self.status_message.emit("Not moved: it would double-book.")
                return
            self._error(error)
            if retry is not None and not error.is_bug and not isinstance(error.error,
                                                                         ConcurrentEdit):
                retry()

        self._db.write(fn, on_done=if_alive(self, finished), on_error=if_alive(self, failed),
                       actor_staff_id=self._actor(), **kwargs)

    # -- new and edit --------------------------------------------------------------------------
    def new_event(self, *, day: date | None = None, starts_at: datetime | None = None,
                  case: CaseChoice | None = None, case_fixed: bool = False,
                  draft: EventInput | None = None) -> None:
        """Ask for a new event (on `day`, at `starts_at`, for `case`) and add it."""
        from casedesk.services import events
        from casedesk.ui.dialogs.event_dialog import EventDialog

        answer = EventDialog.ask(self._parent, staff=self._staff(), draft=draft, case=case,
                                 day=day, starts_at=starts_at, search_cases=self.search_cases,
                                 case_fixed=case_fixed)
        if answer is None:
            return
        event_id = uuid.uuid4()
        what = f"{label(EventKind(answer.data.kind))} added: {answer.data.title}"
        self._submit(events.add_event, {**answer.as_kwargs(), "event_id": event_id}, what,
                     event_id=event_id,
                     retry=lambda: self.new_event(case=case, case_fixed=case_fixed,
                                                  draft=answer.data))

    def edit_event(self, row: EventRow, draft: EventInput | None = None) -> None:
        from casedesk.services import events
        from casedesk.ui.dialogs.event_dialog import EventDialog

        answer = EventDialog.ask(self._parent, staff=self._staff(), event=row, draft=draft,
                                 search_cases=self.search_cases)
        if answer is None:
            return
        self._submit(events.update_event, answer.as_kwargs(),
                     f"Saved {label(EventKind(answer.data.kind)).lower()}: {answer.data.title}",
                     event_id=row.id, retry=lambda: self.edit_event(row, answer.data))

    def open_event(self, event_id: uuid.UUID) -> None:
        """Read the event afresh, then edit it."""
        from casedesk.services import event_list

        self._db.plain(event_list.get_event, event_id, on_done=if_alive(self, self.edit_event),
                       on_error=if_alive(self, self._error))

    # -- rescheduling ---------------------------------------------------------------------------
    def move(self, row: EventRow, to_day: date) -> None:
        """To another day, at the same time of day (month view drag)."""
        from casedesk.services import events

        self._submit(events.move_event, {"event_id": row.id, "to_day": to_day,
                                         "expected_version": row.version},
                     f"Moved {describe(row)} to {fmt.day(to_day)}", event_id=row.id)

    def reschedule(self, row: EventRow, starts_at: datetime) -> None:
        """To a new start (week view drag), keeping the length."""
        from casedesk.services import events
        from casedesk.ui.dialogs.event_dialog import input_from_row

        if row.starts_at is None:
            self.move(row, starts_at.date())
            return
        length = (row.ends_at or row.starts_at) - row.starts_at
        data = input_from_row(row, starts_at=starts_at, ends_at=starts_at + length)
        when = f"{fmt.day(starts_at.date())} {starts_at:%H:%M}"
        self._submit(events.update_event, {"event_id": row.id, "data": data,
                                           "expected_version": row.version},
                     f"Moved {describe(row)} to {when}", event_id=row.id)

    # -- status and delete ------------------------------------------------------------------------
    def set_done(self, row: EventRow, done: bool) -> None:
        """Tick (asks what satisfied it) or untick (back to scheduled)."""
        if done:
            self.mark_done(row)
        else:
            self.set_status(row, EventStatus.SCHEDULED)

    def mark_done(self, row: EventRow) -> None:
        from casedesk.ui.dialogs.event_dialog import MarkDoneDialog

        satisfied = MarkDoneDialog.ask(self._parent, row)
        if satisfied is not None:
            self.set_status(row, EventStatus.DONE, satisfied)

    def set_status(self, row: EventRow, status: EventStatus, satisfied_by: str = "") -> None:
        from casedesk.services import events

        words = {EventStatus.DONE: "Done", EventStatus.VACATED: "Vacated",
                 EventStatus.CANCELLED: "Cancelled", EventStatus.SCHEDULED: "Reopened"}[status]
        how = f" ({satisfied_by})" if satisfied_by else ""
        undo = "" if status is EventStatus.SCHEDULED else " · Reopen undoes it"
        self._submit(events.set_event_status,
                     {"event_id": row.id, "status": status, "satisfied_by": satisfied_by},
                     f"{words}: {row.title}{how}{undo}")

    def set_task_done(self, task: TaskRow, done: bool, on_failed: Callable[[], None]) -> None:
        """Tick a task done as of today (or reopen it); `on_failed` puts the tick back."""
        from casedesk.services import tasks

        def failed(error: JobError) -> None:
            on_failed()
            self._error(error)

        self._db.write(tasks.set_task_done, on_done=if_alive(self, lambda _r: (
            self.status_message.emit(f"Marked done: {task.title}" if done
                                     else f"Reopened: {task.title}"))),
            on_error=if_alive(self, failed), task_id=task.id, done=done,
            actor_staff_id=self._actor())

    def delete(self, row: EventRow) -> None:
        from casedesk.services import events

        if not self.confirm(f"Delete the {describe(row)}?",
                            "It leaves the calendar and its reminders stop. The case history "
                            "keeps a record of it."):
            return
        self._submit(events.delete_event, {"event_id": row.id},
                     f"Deleted {describe(row)}")

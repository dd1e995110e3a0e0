"""What a user can do to an event, from the calendar or from a case: each action asks (a dialog,
a confirmation) and then writes through the DB worker. A double-booking is never accepted
silently: the clashes are shown and "Book anyway?" decides; saying no gives the form back.

When a court date that deadlines count from (a motion hearing, a trial) is moved or edited onto
another day, the deadlines are not moved with it: each trigger linked to the event opens for
review with the new day, and only what the person accepts moves. When such a date is vacated,
cancelled or deleted, its pending deadlines are listed for the person to vacate or keep (none
is ticked for them)."""

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
    from casedesk.services.deadlines import DeadlineChange, DependentDeadline, TriggerRow
    from casedesk.services.events import EventInput

StaffList = Callable[[], list[tuple[uuid.UUID, str]]]
Actor = Callable[[], uuid.UUID | None]


# What befell an event whose deadlines are then offered for vacating, in words.
GONE_WORDS = {EventStatus.VACATED: "vacated", EventStatus.CANCELLED: "cancelled"}

# Timed events that can be a court's date a rule counts from (all-day ones may be too).
COURT_DATE_KINDS = frozenset({EventKind.HEARING, EventKind.TRIAL, EventKind.CONFERENCE,
                              EventKind.DEPOSITION})


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def describe(row: EventRow) -> str:
    """'hearing “Motion hearing” on Fri 6 Nov 2026' for messages and questions."""
    return f"{label(row.kind).lower()} “{row.title}” on {fmt.day(row.day)}"


def case_label_of(row: EventRow) -> str:
    """'2026-CV-0001 · Smith v. Acme', as the case is named in dialog titles."""
    return f"{row.case_number} · {row.case_title}" if row.case_id is not None else ""


def can_compute_deadlines_from(row: EventRow | None) -> bool:
    """A scheduled court date of a case (timed hearing, trial, conference, deposition) or an
    all-day event that is not itself a deadline: deadlines may count from its day."""
    if row is None or row.case_id is None or not row.is_pending:
        return False
    return (not row.is_deadline) if row.all_day else row.kind in COURT_DATE_KINDS


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
        from casedesk.ui.dialogs.ask import confirm_yes

        return confirm_yes(self._parent, question, explanation)

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
                retry: Callable[[], None] | None = None,
                after: Callable[[], None] | None = None) -> None:
        """Write; on DoubleBooking ask, and resubmit with allow_double_booking=True on yes. On
        no (or a refusal the user can fix) `retry` gives the form back as it was filled in.
        `after` runs once the write succeeded (e.g. reviewing the deadlines of a moved date)."""
        def finished(_result: Any) -> None:
            self.status_message.emit(done_message)
            if event_id is not None:
                self.saved.emit(event_id)
            if after is not None:
                after()

        def failed(error: JobError) -> None:
            self.refused.emit()
            if isinstance(error.error, DoubleBooking):
                if self.ask_book_anyway(list(error.error.clashes)):
                    self._submit(fn, {**kwargs, "allow_double_booking": True},
                                 done_message + " (double-booked)", event_id=event_id,
                                 after=after)
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
        kind = EventKind(answer.data.kind)
        self._submit(events.update_event, answer.as_kwargs(),
                     f"Saved {label(kind).lower()}: {answer.data.title}",
                     event_id=row.id, retry=lambda: self.edit_event(row, answer.data),
                     after=self._after_edit(row, kind, EventStatus(answer.data.status)))

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
                     f"Moved {describe(row)} to {fmt.day(to_day)}", event_id=row.id,
                     after=self._review_after(row))

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
                     f"Moved {describe(row)} to {when}", event_id=row.id,
                     after=self._review_after(row))

    # -- deadlines that count from an event ----------------------------------------------------
    def _review_after(self, row: EventRow) -> Callable[[], None]:
        return lambda: self.review_linked_deadlines(row.id, kind=row.kind,
                                                    case_label=case_label_of(row))

    def review_linked_deadlines(self, event_id: uuid.UUID, *, kind: EventKind,
                                case_label: str) -> None:
        """After an event was moved or edited: if deadlines count from it and its day is no
        longer their trigger's, open each trigger's diff in turn (nothing moves unless the
        person presses "Move"; "Keep all dates" saves the new day and moves nothing)."""
        from casedesk.services import deadlines

        self._db.read(deadlines.event_trigger_reviews, event_id=event_id,
                      on_done=if_alive(self, lambda reviews: self._review(
                          reviews, kind=kind, case_label=case_label)),
                      on_error=if_alive(self, self._error))

    def _review(self, reviews: list[tuple[TriggerRow, date, list[DeadlineChange]]], *,
                kind: EventKind, case_label: str) -> None:
        from casedesk.ui.dialogs.trigger_change_dialog import TriggerChangeDialog
        from casedesk.ui.settings import settings_of

        what = label(kind).lower()
        for trigger, new_day, _changes in reviews:
            reason = f"The {what} moved to {fmt.day(new_day)}: these deadlines count from it."
            if not TriggerChangeDialog.ask(self._parent, self._db, trigger,
                                           case_label=case_label, actor_staff_id=self._actor(),
                                           review=True, new_date=new_day, reason=reason,
                                           settings=settings_of(self._parent)):
                self.status_message.emit(
                    f"Deadlines from the {what} not reviewed: they keep their dates and come "
                    "up again when it changes.")

    def compute_deadlines_from(self, row: EventRow, case_label: str = "") -> bool:
        """Deadlines a rule set counts from this event's day, linked to the event; True when
        some were added."""
        from casedesk.ui.dialogs.compute_deadlines_dialog import ComputeDeadlinesDialog
        from casedesk.ui.settings import settings_of

        if row.case_id is None or not can_compute_deadlines_from(row):
            return False
        added = ComputeDeadlinesDialog.ask(self._parent, self._db, row.case_id,
                                           case_label or case_label_of(row),
                                           actor_staff_id=self._actor(), event=row,
                                           settings=settings_of(self._parent))
        if added:
            self.status_message.emit(f"Deadlines added from the {describe(row)}")
        return added

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
                     f"{words}: {row.title}{how}{undo}",
                     after=self._after_gone(row, GONE_WORDS.get(status)))

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
                     f"Deleted {describe(row)}", after=self._after_gone(row, "deleted"))

    # -- deadlines that count from an event that no longer takes place --------------------------
    def _after_edit(self, row: EventRow, kind: EventKind,
                    status: EventStatus) -> Callable[[], None]:
        """After the event form saved: a scheduled date it vacated or cancelled offers its
        deadlines (a move review would be moot then, and comes back if the date changes
        again); otherwise a new day opens the review of what counts from it."""
        gone = GONE_WORDS.get(status) if row.is_pending else None
        if gone is not None:
            return lambda: self.offer_dependent_deadlines(row, gone)
        return lambda: self.review_linked_deadlines(row.id, kind=kind,
                                                    case_label=case_label_of(row))

    def _after_gone(self, row: EventRow, outcome: str | None) -> Callable[[], None] | None:
        return None if outcome is None else (
            lambda: self.offer_dependent_deadlines(row, outcome))

    def offer_dependent_deadlines(self, row: EventRow, outcome: str) -> None:
        """After a court date was vacated, cancelled or deleted (`outcome`): if pending
        deadlines count from it, ask which to vacate too. Nothing changes unless the person
        ticks some and presses "Vacate"; an event nothing counts from opens nothing."""
        from casedesk.services import deadlines

        self._db.read(deadlines.dependent_deadlines, event_id=row.id,
                      on_done=if_alive(self, lambda found: self._offer(row, outcome, found)),
                      on_error=if_alive(self, self._error))

    def _offer(self, row: EventRow, outcome: str, found: list[DependentDeadline]) -> None:
        from casedesk.ui.dialogs.dependent_deadlines_dialog import DependentDeadlinesDialog

        if not found:
            return
        vacated = DependentDeadlinesDialog.ask(self._parent, self._db, row, outcome=outcome,
                                               deadlines=found, actor_staff_id=self._actor())
        what = label(row.kind).lower()
        if vacated:
            self.status_message.emit(f"Vacated {_count(vacated, 'deadline')} that counted "
                                     f"from the {what} · Reopen undoes it")
        else:
            self.status_message.emit(f"Kept {_count(len(found), 'deadline')} that count from "
                                     f"the {outcome} {what}")

"""What a user can do to a case: each action asks with a dialog, then writes through the DB
worker. Shared by the case list, the case detail, the menus and the toolbar."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from casedesk.domain.enums import CaseStatus
from casedesk.domain.rows import CaseDetail, ConflictHit, ContactRow, NoteRow, PartyRow, TaskRow
from casedesk.ui.db import Database, JobError
from casedesk.ui.dialogs.error_dialog import show_error
from casedesk.ui.lookups import Lookups


class CaseActions(QObject):
    """Opens the dialogs for case work and submits the resulting writes."""

    case_created = Signal(object)  # uuid of the new case
    status_message = Signal(str)

    def __init__(self, db: Database, lookups: Lookups, parent: QWidget) -> None:
        super().__init__(parent)
        self._db = db
        self._lookups = lookups
        self._parent = parent
        self._events: Any = None

    # -- helpers ---------------------------------------------------------------------------
    def _error(self, error: JobError) -> None:
        show_error(self._parent, error.message, error.details)

    def _write(self, fn: Callable[..., Any], done_message: str,
               on_done: Callable[[Any], None] | None = None, **kwargs: Any) -> None:
        def finished(result: Any) -> None:
            self.status_message.emit(done_message)
            if on_done is not None:
                on_done(result)

        self._db.write(fn, on_done=finished, on_error=self._error, **kwargs)

    @property
    def _actor(self) -> uuid.UUID | None:
        return self._lookups.current_staff_id

    def search_contacts(self, text: str, callback: Callable[[list[ContactRow]], None]) -> None:
        """Async contact search for the party dialog."""
        from casedesk.services import contacts

        self._db.read(contacts.find_contacts, text, on_done=callback, on_error=self._error)

    def check_conflicts(self, names: list[str],
                        callback: Callable[[list[ConflictHit]], None]) -> None:
        """Async conflict search for the dialogs."""
        from casedesk.services import conflicts

        self._db.read(conflicts.search, names, on_done=callback, on_error=self._error)

    # -- cases -----------------------------------------------------------------------------
    def new_case(self) -> None:
        from casedesk.services import cases

        self._db.read(cases.next_case_number, on_done=self._ask_new_case, on_error=self._error)

    def _ask_new_case(self, suggested_number: str, retry: Any = None) -> None:
        from casedesk.services import cases
        from casedesk.ui.dialogs.case_dialog import CaseDialog

        answer = CaseDialog.ask(self._parent, staff=self._lookups.staff,
                                practice_areas=self._lookups.practice_areas,
                                suggested_number=suggested_number, retry=retry)
        if answer is None:
            return

        def created(result: tuple[Any, uuid.UUID]) -> None:
            self.status_message.emit("Case opened")
            self.case_created.emit(result[1])
            # Opening a case means checking for conflicts: go straight on to its client,
            # whose party dialog runs the conflict search and records the decision.
            self._db.read(cases.get_case_detail, result[1],
                          on_done=lambda detail: self.add_party(detail, role="client"),
                          on_error=self._error)

        def failed(error: JobError) -> None:
            # Nothing was saved: say why, then give the form back as it was filled in.
            self._error(error)
            if not error.is_bug:
                self._ask_new_case(suggested_number, retry=answer)

        self._db.write(cases.create_case, on_done=created, on_error=failed,
                       actor_staff_id=self._actor, **answer.as_kwargs())

    def edit_case(self, detail: CaseDetail, retry: Any = None) -> None:
        from casedesk.domain.errors import ConcurrentEdit
        from casedesk.services import cases
        from casedesk.ui.dialogs.case_dialog import CaseDialog

        answer = CaseDialog.ask(self._parent, staff=self._lookups.staff,
                                practice_areas=self._lookups.practice_areas,
                                suggested_number=detail.number, detail=detail, retry=retry)
        if answer is None:
            return

        def failed(error: JobError) -> None:
            self._error(error)
            # Someone else changed the case: the form must be redone on their version.
            if not error.is_bug and not isinstance(error.error, ConcurrentEdit):
                self.edit_case(detail, retry=answer)

        self._db.write(cases.update_case,
                       on_done=lambda _r: self.status_message.emit(
                           f"Case {answer.number} saved"),
                       on_error=failed, actor_staff_id=self._actor, **answer.as_kwargs())

    def close_case(self, detail: CaseDetail) -> None:
        from casedesk.services import cases

        if detail.status is CaseStatus.CLOSED:
            return
        if not self.confirm(f"Close case {detail.number}?",
                            f"“{detail.title}” will move to the closed cases. Its records stay "
                            "and still count in conflict checks; you can reopen it later."):
            return
        self._write(cases.close_case, f"Case {detail.number} closed", case_id=detail.id,
                    expected_version=detail.version, actor_staff_id=self._actor)

    def reopen_case(self, detail: CaseDetail) -> None:
        from casedesk.services import cases

        if detail.status is CaseStatus.CLOSED:
            self._write(cases.reopen_case, f"Case {detail.number} reopened", case_id=detail.id,
                        expected_version=detail.version, actor_staff_id=self._actor)

    def confirm(self, question: str, explanation: str) -> bool:
        """Ask before something a user may regret (tests monkeypatch this)."""
        from casedesk.ui.dialogs.ask import confirm_yes

        return confirm_yes(self._parent, question, explanation)

    # -- parties and conflicts -------------------------------------------------------------
    def add_party(self, detail: CaseDetail, role: str | None = None) -> None:
        from casedesk.services import parties
        from casedesk.ui.dialogs.party_dialog import PartyDialog

        answer = PartyDialog.ask(
            self._parent, case_label=f"{detail.number} {detail.title}",
            search_contacts=self.search_contacts, check_conflicts=self.check_conflicts,
            represented_choices=[(p.contact_id, p.name) for p in detail.parties],
            role=role)
        if answer is not None:
            self._write(parties.add_party_checked, "Party added", case_id=detail.id,
                        actor_staff_id=self._actor, **answer.as_kwargs())

    def remove_party(self, detail: CaseDetail, party: PartyRow) -> None:
        from casedesk.services import parties

        if self.confirm(f"Remove {party.name} from case {detail.number}?",
                        "The contact stays in the directory and the case history keeps a "
                        "record of the change."):
            self._write(parties.remove_party, f"{party.name} removed", party_id=party.id,
                        actor_staff_id=self._actor)

    def conflict_check(self, detail: CaseDetail) -> None:
        from casedesk.services import conflicts
        from casedesk.ui.dialogs.conflict_dialog import ConflictCheckDialog, names_for_case

        names = names_for_case(detail)
        def check_outside_this_case(names: list[str],
                                    callback: Callable[[list[ConflictHit]], None]) -> None:
            # The case's own parties match themselves here; what matters is everywhere else.
            self.check_conflicts(names, lambda hits: callback(
                [h for h in hits if h.case_id != detail.id]))

        answer = ConflictCheckDialog.ask(self._parent, names=names,
                                         check_conflicts=check_outside_this_case)
        if answer is not None:
            self._write(conflicts.record_check, "Conflict check recorded", case_id=detail.id,
                        decided_by_staff_id=self._actor, **answer.as_kwargs())

    # -- events ----------------------------------------------------------------------------
    @property
    def events(self) -> Any:
        """The event dialogs and writes (an EventActions, made on first use)."""
        if self._events is None:
            from casedesk.ui.widgets.calendar_actions import EventActions

            self._events = EventActions(self._db, self._parent,
                                        staff=lambda: list(self._lookups.staff),
                                        actor=lambda: self._actor)
            self._events.status_message.connect(self.status_message)
        return self._events

    def new_event(self, detail: CaseDetail) -> None:
        """A court date, deadline or meeting on this case."""
        if detail.status is not CaseStatus.CLOSED:
            self.events.new_event(case=(detail.id, f"{detail.number} · {detail.title}"),
                                  case_fixed=True)

    # -- notes and tasks -------------------------------------------------------------------
    def add_note(self, detail: CaseDetail) -> None:
        from casedesk.services import notes
        from casedesk.ui.dialogs.note_dialog import NoteDialog

        answer = NoteDialog.ask(self._parent, case_number=detail.number)
        if answer is not None:
            self._write(notes.add_note, "Note added", case_id=detail.id,
                        author_staff_id=self._actor, **answer.as_kwargs())

    def edit_note(self, note: NoteRow) -> None:
        from casedesk.services import notes
        from casedesk.ui.dialogs.note_dialog import NoteDialog

        answer = NoteDialog.ask(self._parent, note=note)
        if answer is not None:
            self._write(notes.edit_note, "Note saved", actor_staff_id=self._actor,
                        **answer.as_kwargs())

    def delete_note(self, note: NoteRow) -> None:
        from casedesk.services import notes

        first_line = note.text.splitlines()[0][:60] if note.text else ""
        if self.confirm("Delete this note?", f"“{first_line}” will be removed from the case "
                                             "(the history keeps a record)."):
            self._write(notes.delete_note, "Note deleted", note_id=note.id,
                        actor_staff_id=self._actor)

    def add_task(self, detail: CaseDetail) -> None:
        from casedesk.services import tasks
        from casedesk.ui.dialogs.task_dialog import TaskDialog

        answer = TaskDialog.ask(self._parent, staff=self._lookups.staff,
                                default_assignee=self._actor, case_number=detail.number)
        if answer is not None:
            self._write(tasks.add_task, "Task added", case_id=detail.id,
                        actor_staff_id=self._actor, **answer.as_kwargs())

    def edit_task(self, task: TaskRow) -> None:
        from casedesk.services import tasks
        from casedesk.ui.dialogs.task_dialog import TaskDialog

        answer = TaskDialog.ask(self._parent, staff=self._lookups.staff, task=task)
        if answer is not None:
            self._write(tasks.update_task, "Task saved", actor_staff_id=self._actor,
                        **answer.as_kwargs())

    def set_task_done(self, task: TaskRow, done: bool) -> None:
        from casedesk.services import tasks

        self._write(tasks.set_task_done, "Task completed" if done else "Task reopened",
                    task_id=task.id, done=done, actor_staff_id=self._actor)

    def delete_task(self, task: TaskRow) -> None:
        from casedesk.services import tasks

        if self.confirm(f"Delete the task “{task.title}”?",
                        "The case history keeps a record of it."):
            self._write(tasks.delete_task, "Task deleted", task_id=task.id,
                        actor_staff_id=self._actor)

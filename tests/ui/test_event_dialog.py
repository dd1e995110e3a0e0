"""The event dialog: validation in plain words (and nothing saved while it is wrong), deadlines
all-day, reminders in words, times as the event's own clock reads, a computed deadline's rule
shown read-only, and marking done with what satisfied it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit

from casedesk.domain.enums import EventKind, EventStatus
from casedesk.domain.rows import EventRow
from casedesk.persistence.practice import Practice
from casedesk.services import cases, event_list, staff
from casedesk.services.events import DEFAULT_REMINDERS
from casedesk.ui.dialogs.event_dialog import (
    EventDialog,
    MarkDoneDialog,
    input_from_row,
    parse_reminders,
    reminders_text,
)
from casedesk.ui.dialogs.fields import enum_value
from casedesk.ui.widgets.calendar_actions import EventActions
from casedesk.ui.widgets.calendar_case_picker import CaseChoice
from tests.ui.dialog_fixtures import discard_at_teardown, message, show  # noqa: F401
from tests.ui.pane_fixtures import open_practice  # noqa: F401

CASE_ID = uuid.uuid4()
ALICE, BOB = uuid.uuid4(), uuid.uuid4()
STAFF = [(ALICE, "Alice Attorney"), (BOB, "Bob Paralegal")]
CASE: CaseChoice = (CASE_ID, "2026-CV-0001 · Smith v. Acme")


def search(found: list[CaseChoice]) -> Callable[[str, Callable[[list[CaseChoice]], None]], None]:
    """A case search that answers at once (the app's answers from the DB worker later)."""
    def run(text: str, done: Callable[[list[CaseChoice]], None]) -> None:
        done([c for c in found if text.casefold() in c[1].casefold()])

    return run


def row(**changes: Any) -> EventRow:
    values: dict[str, Any] = dict(
        id=uuid.uuid4(), case_id=CASE_ID, case_number="2026-CV-0001", case_title="Smith v. Acme",
        kind=EventKind.HEARING, title="Motion hearing", all_day=False, on_date=None,
        starts_at=datetime(2026, 3, 9, 14, 30, tzinfo=UTC),
        ends_at=datetime(2026, 3, 9, 15, 30, tzinfo=UTC), time_zone="America/Chicago",
        day=date(2026, 3, 9), end_day=date(2026, 3, 9), location="Courtroom 2141", notes="",
        status=EventStatus.SCHEDULED, satisfied_by="", reminders_minutes_before=(1440, 120),
        attendee_staff_ids=(ALICE,), attendees="Alice Attorney", uid="u", sequence=0,
        version=3, updated_at=datetime(2026, 1, 1, tzinfo=UTC))
    values.update(changes)
    return EventRow(**values)


def new_dialog(qtbot: Any, **kwargs: Any) -> EventDialog:
    kwargs.setdefault("staff", STAFF)
    kwargs.setdefault("search_cases", search([CASE]))
    return show(qtbot, EventDialog(None, **kwargs))


def test_a_new_event_needs_a_title_and_a_case(qtbot: Any) -> None:
    dialog = new_dialog(qtbot, day=date(2026, 11, 6))
    assert dialog.windowTitle() == "New event"
    assert message(dialog) == "Event title is required"
    assert not dialog.save_button.isEnabled()
    dialog.title_edit.setText("Motion hearing")
    assert message(dialog) == ("A hearing belongs to a case: choose one (only meetings and "
                               "reminders can be firm-wide)")
    dialog.case_picker.setFocus()
    qtbot.keyClicks(dialog.case_picker, "smith")
    qtbot.waitUntil(lambda: dialog.case_picker.matches() == [CASE])
    assert message(dialog) == "Choose the case from the list (or clear the field)"
    dialog.case_picker.choose(CASE)
    assert message(dialog) == "" and dialog.save_button.isEnabled()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("meeting"))
    dialog.case_picker.set_case(None)
    assert message(dialog) == ""  # a meeting may be firm-wide
    answer = dialog.answer()
    assert answer.as_kwargs() == {"data": answer.data}
    data = answer.data
    assert (data.kind, data.case_id, data.all_day) == (EventKind.MEETING, None, False)
    assert data.starts_at == datetime(2026, 11, 6, 9) and data.ends_at == datetime(2026, 11, 6,
                                                                                      10)
    assert data.reminders_minutes_before == DEFAULT_REMINDERS[EventKind.MEETING]


def test_times_and_reminders_are_checked_as_you_type(qtbot: Any) -> None:
    dialog = new_dialog(qtbot, case=CASE, day=date(2026, 11, 6))
    dialog.title_edit.setText("Deposition of Smith")
    dialog.end_time.setTime(QTime(8, 0))
    assert message(dialog) == "The event ends before it starts"
    dialog.end_time.setTime(QTime(12, 0))
    dialog.zone_combo.setEditText("Mars/Olympus")
    assert message(dialog).startswith("“Mars/Olympus” is not a time zone")
    dialog.zone_combo.setEditText("America/Denver")
    dialog.reminders_edit.setText("1 day, soon")
    assert message(dialog) == "“soon” is not a reminder; write e.g. “1 day, 2 hours”"
    dialog.reminders_edit.setText("2 days, 90 minutes")
    assert message(dialog) == ""
    dialog.date_edit.setDate(QDate(2026, 11, 9))  # the end moves with the start
    data = dialog.answer().data
    assert (data.starts_at, data.ends_at) == (datetime(2026, 11, 9, 9), datetime(2026, 11, 9, 12))
    assert data.time_zone == "America/Denver"
    assert data.reminders_minutes_before == (2880, 90)


def test_deadlines_are_all_day_with_their_own_reminders(qtbot: Any) -> None:
    dialog = new_dialog(qtbot, case=CASE, day=date(2026, 11, 6))
    assert dialog.reminders_edit.text() == reminders_text(DEFAULT_REMINDERS[EventKind.HEARING])
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("filing_deadline"))
    assert dialog.all_day_check.isChecked() and not dialog.all_day_check.isEnabled()
    assert not dialog.start_time.isVisibleTo(dialog) and not dialog.end_label.isVisibleTo(dialog)
    assert dialog.reminders_edit.text() == "1 week, 1 day"
    dialog.reminders_edit.clear()
    qtbot.keyClicks(dialog.reminders_edit, "3 days")  # typed: a change of kind keeps it
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("internal_deadline"))
    assert dialog.reminders_edit.text() == "3 days"
    dialog.title_edit.setText("Answer due")
    data = dialog.answer().data
    assert (data.all_day, data.on_date, data.starts_at) == (True, date(2026, 11, 6), None)


def test_editing_shows_the_events_own_clock_and_keeps_its_version(qtbot: Any) -> None:
    event = row()
    dialog = new_dialog(qtbot, event=event)
    assert dialog.windowTitle() == "Edit hearing"
    assert dialog.start_time.time() == QTime(9, 30)  # 14:30 UTC is 09:30 in Chicago (CDT)
    assert dialog.date_edit.date() == QDate(2026, 3, 9)
    assert dialog.zone_combo.zone() == "America/Chicago"
    assert dialog.case_picker.case_id() == CASE_ID
    assert dialog.attendees() == (ALICE,)
    assert dialog.reminders_edit.text() == "1 day, 2 hours"
    assert not dialog.satisfied_edit.isEnabled()
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("done"))
    assert dialog.satisfied_edit.isEnabled()
    dialog.satisfied_edit.setText("Hearing held")
    answer = dialog.answer()
    kwargs = answer.as_kwargs()
    assert kwargs["event_id"] == event.id and kwargs["expected_version"] == 3
    assert answer.data.starts_at == datetime(2026, 3, 9, 9, 30)  # naive: the Chicago clock
    assert (answer.data.status, answer.data.satisfied_by) == (EventStatus.DONE, "Hearing held")
    assert not dialog.findChildren(QLabel, "formMessage")[0].isVisibleTo(dialog)


def test_a_computed_deadline_shows_its_rule_read_only(qtbot: Any) -> None:
    event = row(kind=EventKind.FILING_DEADLINE, title="Answer due", all_day=True,
                on_date=date(2026, 3, 30), starts_at=None, ends_at=None, day=date(2026, 3, 30),
                end_day=date(2026, 3, 30), trigger_id=uuid.uuid4(), rule_key="frcp.answer",
                authority="Fed. R. Civ. P. 12(a)(1)(A)(i)",
                explanation=("Served Mon 9 Mar 2026", "+ 21 days = Mon 30 Mar 2026"))
    dialog = new_dialog(qtbot, event=event)
    assert dialog.rule_label.text() == "Fed. R. Civ. P. 12(a)(1)(A)(i)"
    assert dialog.explanation_label.text() == "Served Mon 9 Mar 2026\n+ 21 days = Mon 30 Mar 2026"
    for label in (dialog.rule_label, dialog.explanation_label):
        assert isinstance(label, QLabel) and not isinstance(label, QLineEdit)
    assert dialog.all_day_check.isChecked()
    assert dialog.answer().data.on_date == date(2026, 3, 30)


def test_no_rule_rows_for_an_event_entered_by_hand(qtbot: Any) -> None:
    dialog = new_dialog(qtbot, event=row())
    assert not hasattr(dialog, "rule_label")


@pytest.mark.parametrize(("text", "minutes"), [
    ("1 week, 1 day", (10080, 1440)), ("2 hours; 15 min", (120, 15)), ("at the time", (0,)),
    ("90 days, 30 days and 7 days", (129600, 43200, 10080)), ("", ()), ("1 day 2 hours", (1560,)),
])
def test_reminders_in_words(text: str, minutes: tuple[int, ...]) -> None:
    assert parse_reminders(text) == minutes
    if minutes and text != "1 day 2 hours":
        assert parse_reminders(reminders_text(minutes)) == minutes


@pytest.mark.parametrize(("text", "problem"), [
    ("soon", "is not a reminder"), ("3 fortnights", "is not a unit"),
    ("1, 2, 3, 4, 5, 6 minutes", "is not a reminder"),
    ("1 m, 2 m, 3 m, 4 m, 5 m, 6 m", "at most 5 reminders"), ("400 days", "at most a year"),
])
def test_bad_reminders_say_what_is_wrong(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_reminders(text)


def test_mark_done_asks_what_satisfied_it(qtbot: Any) -> None:
    dialog = show(qtbot, MarkDoneDialog(None, row(kind=EventKind.FILING_DEADLINE,
                                                  title="Answer due")))
    assert dialog.windowTitle() == "Mark done: Answer due"
    assert dialog.save_button.text() == "Mark done"
    assert dialog.satisfied_edit.placeholderText() == "e.g. Answer filed, ECF 12"
    dialog.satisfied_edit.setText("  Answer filed, ECF 12 ")
    assert dialog.answer() == "Answer filed, ECF 12"


def test_input_from_row_round_trips_every_field() -> None:
    event = row(notes="Bring exhibits", satisfied_by="")
    data = input_from_row(event, title="Moved")
    assert data.title == "Moved" and data.kind is EventKind.HEARING
    assert (data.starts_at, data.ends_at, data.time_zone) == (event.starts_at, event.ends_at,
                                                              "America/Chicago")
    assert data.attendee_staff_ids == (ALICE,) and data.reminders_minutes_before == (1440, 120)
    assert data.notes == "Bring exhibits" and data.location == "Courtroom 2141"


def test_an_invalid_form_saves_nothing(qtbot: Any, open_practice: Any,  # noqa: F811
                                       monkeypatch: Any) -> None:
    def build(practice: Practice) -> uuid.UUID:
        practice.write(staff.add_staff, name="Alice Attorney", role="attorney", staff_id=ALICE)
        return practice.write(cases.create_case, number="2026-CV-0001", title="Smith")[1]

    db, case_id = open_practice(build)
    parent = show(qtbot, QDialog())
    actions = EventActions(db, parent, staff=lambda: STAFF[:1], actor=lambda: ALICE)
    seen: list[str] = []

    def run(cls: Any, dialog: EventDialog) -> Any:
        """The user types an end before the start and presses Save (Ctrl+Return)."""
        dialog.title_edit.setText("Hearing")
        dialog.end_time.setTime(QTime(7, 0))
        dialog.accept()
        seen.append(message(dialog))
        result = dialog.result()
        dialog.reject()
        return dialog.answer() if result == QDialog.DialogCode.Accepted else None

    monkeypatch.setattr(EventDialog, "run", classmethod(run))
    actions.new_event(case=(case_id, "2026-CV-0001 · Smith"), case_fixed=True,
                      day=date(2026, 11, 6))
    assert seen == ["The event ends before it starts"]
    qtbot.wait(200)
    assert db.idle
    with Practice(db.location) as practice:
        assert event_list.case_events(practice.reader, case_id) == []


def test_the_dialog_fills_in_again_after_a_refused_save(qtbot: Any) -> None:
    first = new_dialog(qtbot, case=CASE, day=date(2026, 11, 6))
    first.title_edit.setText("Deposition")
    first.kind_combo.setCurrentIndex(first.kind_combo.findData("deposition"))
    first.staff_list.item(1).setCheckState(first.staff_list.item(1).checkState().Checked)
    first.start_time.setTime(QTime(14, 0))
    draft = first.answer().data
    again = new_dialog(qtbot, case=CASE, draft=draft)
    assert again.title_edit.text() == "Deposition"
    assert enum_value(again.kind_combo, EventKind) is EventKind.DEPOSITION
    assert again.start_time.time() == QTime(14, 0) and again.end_time.time() == QTime(15, 0)
    assert again.attendees() == (BOB,)
    assert again.answer().data == draft
    assert again.date_edit.date() == QDate(2026, 11, 6)

"""The form dialogs, driven like a user would (typing, clicking), and their answers fed to the
real services: what a dialog hands back must be exactly what the service accepts.

Conflict checks and adding parties are in test_dialogs_conflicts.py."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QListWidget, QMessageBox

from casedesk.domain.enums import (
    CaseStatus,
    ContactKind,
    StaffRole,
    TaskPriority,
    TaskStatus,
)
from casedesk.domain.errors import InvalidInput
from casedesk.persistence.practice import Practice
from casedesk.services import cases, contacts, firm, notes, staff, tasks
from casedesk.ui.dialogs.base import FormDialog
from casedesk.ui.dialogs.case_dialog import CaseDialog
from casedesk.ui.dialogs.contact_dialog import ALIAS_HINT, ContactDialog
from casedesk.ui.dialogs.error_dialog import BUG_MESSAGE, show_error, show_exception
from casedesk.ui.dialogs.firm_dialog import FirmDialog
from casedesk.ui.dialogs.first_run import FirmSetupDialog, FirstRunChoice, FirstRunDialog
from casedesk.ui.dialogs.merge_dialog import MergeContactsDialog
from casedesk.ui.dialogs.note_dialog import NoteDialog
from casedesk.ui.dialogs.staff_dialog import StaffDialog
from casedesk.ui.dialogs.task_dialog import TaskDialog
from casedesk.ui.format import to_qdate
from tests.ui.dialog_fixtures import (  # noqa: F401  (fixtures)
    PLATFORM_LIMITS,
    discard_at_teardown,
    message,
    no_discard_question,
    seeded_fixture,
    show,
    staff_list_fixture,
)

pytestmark = pytest.mark.qt_log_ignore(PLATFORM_LIMITS)

LEFT = Qt.MouseButton.LeftButton
OPENED = date(2026, 3, 2)


# --- shared form behaviour (through the case dialog) --------------------------------------

def test_new_case_answer_is_what_create_case_takes(qtbot: Any, practice: Practice,
                                                   staff_list: list[tuple[uuid.UUID, str]]
                                                   ) -> None:
    suggested = practice.read(cases.next_case_number, year=2026)
    dialog = show(qtbot, CaseDialog(None, staff=staff_list, practice_areas=["Family"],
                                     suggested_number=suggested))
    assert dialog.windowTitle() == "New case"
    assert dialog.number_edit.text() == "2026-CV-0001"
    assert not dialog.save_button.isEnabled()
    assert message(dialog) == "Title is required"
    assert dialog.save_button.isDefault()
    statuses = [dialog.status_combo.itemData(i) for i in range(dialog.status_combo.count())]
    assert statuses == ["intake", "open", "pending"]  # a new case cannot start closed
    assert not dialog.form.isRowVisible(dialog.closed_edit)

    qtbot.keyClicks(dialog.title_edit, "Smith v. Acme Corp")
    qtbot.keyClicks(dialog.area_combo.lineEdit(), "Employment")
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("open"))
    qtbot.keyClicks(dialog.court_edit, "Circuit Court of Cook County")
    dialog.zone_combo.setCurrentIndex(dialog.zone_combo.findText("America/Chicago"))
    qtbot.keyClicks(dialog.judge_edit, "Hon. R. Lee")
    qtbot.keyClicks(dialog.docket_edit, "24-L-0012")
    dialog.opened_edit.setDate(to_qdate(OPENED))
    dialog.staff_combo.setCurrentIndex(1)
    qtbot.keyClicks(dialog.description_edit, "Wrongful termination.")
    assert dialog.save_button.isEnabled() and message(dialog) == ""

    answer = dialog.answer()
    assert answer.as_kwargs() == {
        "number": "2026-CV-0001", "title": "Smith v. Acme Corp",
        "practice_area": "Employment", "status": CaseStatus.OPEN,
        "court": "Circuit Court of Cook County", "court_time_zone": "America/Chicago",
        "judge": "Hon. R. Lee", "docket_number": "24-L-0012", "opened_on": OPENED,
        "responsible_staff_id": staff_list[0][0], "description": "Wrongful termination.",
    }
    _changes, case_id = practice.write(cases.create_case, **answer.as_kwargs())
    detail = practice.read(cases.get_case_detail, case_id)
    assert (detail.number, detail.title, detail.status, detail.court_time_zone,
            detail.opened_on, detail.responsible) == (
        "2026-CV-0001", "Smith v. Acme Corp", CaseStatus.OPEN, "America/Chicago", OPENED,
        "Ann Attorney")


def test_required_fields_and_time_zone_are_checked_as_you_type(qtbot: Any) -> None:
    dialog = show(qtbot, CaseDialog(None, staff=[], practice_areas=[],
                                     suggested_number="2026-CV-0007"))
    qtbot.keyClicks(dialog.title_edit, "Estate of Brown")
    assert dialog.save_button.isEnabled()
    dialog.number_edit.clear()
    assert message(dialog) == "Case number is required"
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.number_edit, "2026-PR-0001")
    assert dialog.save_button.isEnabled()

    qtbot.keyClicks(dialog.zone_combo.lineEdit(), "Mars/Olympus")
    assert "is not a time zone" in message(dialog)
    assert not dialog.save_button.isEnabled()
    dialog.zone_combo.lineEdit().clear()
    qtbot.keyClicks(dialog.zone_combo.lineEdit(), "Europe/Berlin")  # any IANA name will do
    assert dialog.zone_combo.zone() == "Europe/Berlin"
    assert dialog.save_button.isEnabled()
    # The message turns loud (with its icon) once the user has changed something.
    dialog.title_edit.clear()
    assert message(dialog) == "Title is required"
    assert not dialog.message_icon.isHidden()


def test_edit_case_refuses_closing_before_opening_then_updates(
        qtbot: Any, practice: Practice, staff_list: list[tuple[uuid.UUID, str]]) -> None:
    _c, case_id = practice.write(cases.create_case, number="2026-CV-0142", title="Old title",
                                 opened_on=OPENED, status="open",
                                 responsible_staff_id=staff_list[1][0])
    detail = practice.read(cases.get_case_detail, case_id)
    dialog = show(qtbot, CaseDialog(None, staff=staff_list, practice_areas=[],
                                     suggested_number="unused", detail=detail))
    assert dialog.windowTitle() == "Edit case 2026-CV-0142"
    assert dialog.staff_combo.currentText() == "Paul Paralegal"
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("closed"))
    assert dialog.form.isRowVisible(dialog.closed_edit)
    dialog.closed_edit.setDate(QDate(2026, 3, 1))
    assert message(dialog) == "The closed date is before the opened date (Mon 2 Mar 2026)"
    assert not dialog.save_button.isEnabled()
    dialog.closed_edit.setDate(QDate(2026, 6, 30))
    dialog.title_edit.selectAll()
    qtbot.keyClicks(dialog.title_edit, "New title")
    answer = dialog.answer()
    kwargs = answer.as_kwargs()
    assert kwargs["case_id"] == case_id and kwargs["expected_version"] == detail.version
    assert (kwargs["status"], kwargs["closed_on"], kwargs["title"]) == (
        CaseStatus.CLOSED, date(2026, 6, 30), "New title")
    practice.write(cases.update_case, **kwargs)
    after = practice.read(cases.get_case_detail, case_id)
    assert (after.title, after.status, after.closed_on, after.version) == (
        "New title", CaseStatus.CLOSED, date(2026, 6, 30), detail.version + 1)


def test_enter_saves_only_a_valid_form(qtbot: Any) -> None:
    dialog = show(qtbot, CaseDialog(None, staff=[], practice_areas=[],
                                     suggested_number="2026-CV-0001"))
    dialog.title_edit.setFocus()
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0
    qtbot.keyClicks(dialog.title_edit, "A title")
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_ctrl_enter_saves_from_a_multi_line_field(qtbot: Any) -> None:
    dialog = show(qtbot, NoteDialog(None))
    dialog.activateWindow()
    qtbot.waitUntil(dialog.text_edit.hasFocus)
    qtbot.keyClicks(dialog.text_edit, "First line")
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)  # Enter makes a new line here
    qtbot.keyClicks(dialog.text_edit, "second line")
    assert dialog.isVisible()
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.answer().text == "First line\nsecond line"


def test_tab_order_follows_the_form(qtbot: Any) -> None:
    dialog = show(qtbot, CaseDialog(None, staff=[], practice_areas=[],
                                     suggested_number="2026-CV-0001"))
    dialog.activateWindow()
    dialog.number_edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.number_edit)
    qtbot.keyClick(dialog.number_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.title_edit
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Tab)
    assert dialog.area_combo.hasFocus()


def test_escape_closes_an_untouched_form_without_asking(qtbot: Any,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    no_discard_question(monkeypatch)
    dialog = show(qtbot, ContactDialog(None))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_cancelling_changes_asks_first(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = [False, True]
    asked: list[bool] = []

    def confirm(self: FormDialog) -> bool:
        asked.append(True)
        return answers.pop(0)

    monkeypatch.setattr(FormDialog, "_confirm_discard", confirm)
    dialog = show(qtbot, ContactDialog(None))
    qtbot.keyClicks(dialog.name_edit, "Jane")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and len(asked) == 1  # "keep editing"
    answers.insert(0, False)
    dialog.close()  # the window's close box asks too
    assert dialog.isVisible() and len(asked) == 2
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    assert not dialog.isVisible() and len(asked) == 3
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_the_real_discard_question_can_be_answered(qtbot: Any,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # the real question, not the autouse stand-in
    dialog = show(qtbot, NoteDialog(None, case_id=uuid.uuid4()))
    qtbot.keyClicks(dialog.text_edit, "Half a thought")
    seen: list[str] = []

    def answer_box() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        next(b for b in box.buttons() if b.text() == "Discard").click()

    QTimer.singleShot(0, answer_box)
    dialog.reject()
    assert seen == ["Discard your changes?"]
    assert not dialog.isVisible()


def test_ask_returns_the_answer_or_none(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def saved(self: CaseDialog) -> int:
        self.title_edit.setText("Filled in by the user")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CaseDialog, "exec", saved)
    answer = CaseDialog.ask(None, staff=[], practice_areas=[], suggested_number="2026-CV-0009")
    assert answer is not None
    assert (answer.number, answer.title, answer.case_id) == (
        "2026-CV-0009", "Filled in by the user", None)
    monkeypatch.setattr(CaseDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert CaseDialog.ask(None, staff=[], practice_areas=[], suggested_number="x") is None


def test_every_ask_hands_back_its_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """`ask` runs the dialog modally; here exec is answered (the user's input, then Save)."""
    def saving(fill: Any) -> Any:
        def exec_(self: Any) -> int:
            fill(self)
            return QDialog.DialogCode.Accepted
        return exec_

    monkeypatch.setattr(ContactDialog, "exec", saving(lambda d: None))
    contact = ContactDialog.ask(None, name="Jane Roe")
    assert contact is not None and contact.as_kwargs()["name"] == "Jane Roe"
    monkeypatch.setattr(NoteDialog, "exec", saving(lambda d: d.text_edit.setPlainText("Hi")))
    note = NoteDialog.ask(None)
    assert note is not None and note.as_kwargs() == {"text": "Hi"}
    monkeypatch.setattr(TaskDialog, "exec", saving(lambda d: d.title_edit.setText("Call")))
    task = TaskDialog.ask(None, staff=[])
    assert task is not None and task.title == "Call"
    monkeypatch.setattr(FirmDialog, "exec", saving(lambda d: d.name_edit.setText("Doe LLP")))
    firm_answer = FirmDialog.ask(None)
    assert firm_answer is not None and firm_answer.currency == "USD"
    monkeypatch.setattr(StaffDialog, "exec", saving(
        lambda d: d.fields.name_edit.setText("Dana")))
    staff_answer = StaffDialog.ask(None)
    assert staff_answer is not None and staff_answer.role is StaffRole.ATTORNEY
    monkeypatch.setattr(StaffDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert StaffDialog.ask(None) is None


# --- contacts ----------------------------------------------------------------------------

def test_new_contact_with_aliases_and_checked_email(qtbot: Any, practice: Practice) -> None:
    dialog = show(qtbot, ContactDialog(None, name="Jane"))
    assert dialog.windowTitle() == "New contact"
    assert dialog.alias_hint.text() == ALIAS_HINT
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_End)
    qtbot.keyClicks(dialog.name_edit, " Smith")
    qtbot.keyClicks(dialog.aliases_edit, "Jane Doe")
    qtbot.keyClick(dialog.aliases_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.aliases_edit, "J. Smith")
    qtbot.keyClicks(dialog.email_edit, "jane@")
    assert message(dialog) == "Not a valid e-mail address"
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.email_edit, "example.com")
    qtbot.keyClicks(dialog.phone_edit, "555-0100")
    qtbot.keyClicks(dialog.address_edit, "1 Main St")
    qtbot.keyClicks(dialog.organization_edit, "Acme Corp")
    assert dialog.save_button.isEnabled()

    kwargs = dialog.answer().as_kwargs()
    assert kwargs == {"name": "Jane Smith", "kind": ContactKind.PERSON,
                      "aliases": ["Jane Doe", "J. Smith"], "email": "jane@example.com",
                      "phone": "555-0100", "address": "1 Main St",
                      "organization": "Acme Corp", "notes": ""}
    _c, contact_id = practice.write(contacts.create_contact, **kwargs)
    row = practice.read(contacts.get_contact, contact_id)
    assert (row.name, row.aliases, row.email) == ("Jane Smith", ("Jane Doe", "J. Smith"),
                                                  "jane@example.com")


def test_edit_contact_keeps_the_old_name_as_an_alias(qtbot: Any, practice: Practice) -> None:
    _c, contact_id = practice.write(contacts.create_contact, name="Jane Doe")
    row = practice.read(contacts.get_contact, contact_id)
    dialog = show(qtbot, ContactDialog(None, contact=row))
    dialog.name_edit.selectAll()
    qtbot.keyClicks(dialog.name_edit, "Jane Smith")
    assert "“Jane Doe” will be kept as a former name" in dialog.alias_hint.text()
    qtbot.mouseClick(dialog.organization_radio, LEFT)
    kwargs = dialog.answer().as_kwargs()
    assert kwargs["contact_id"] == contact_id and kwargs["expected_version"] == row.version
    assert kwargs["kind"] is ContactKind.ORGANIZATION
    practice.write(contacts.update_contact, **kwargs)
    after = practice.read(contacts.get_contact, contact_id)
    assert (after.name, after.aliases, after.kind) == ("Jane Smith", ("Jane Doe",),
                                                       ContactKind.ORGANIZATION)


# --- notes and tasks ---------------------------------------------------------------------

def test_note_add_and_edit(qtbot: Any, practice: Practice,
                           staff_list: list[tuple[uuid.UUID, str]]) -> None:
    _c, case_id = practice.write(cases.create_case, number="2026-CV-0004", title="T")
    dialog = show(qtbot, NoteDialog(None, case_id=case_id, author_staff_id=staff_list[0][0],
                                     case_number="2026-CV-0004"))
    assert dialog.windowTitle() == "New note on case 2026-CV-0004"
    qtbot.keyClicks(dialog.text_edit, "   ")
    assert message(dialog) == "The note is empty: write something to save"
    qtbot.keyClicks(dialog.text_edit, "Client called about the hearing.")
    assert dialog.answer().as_kwargs() == {"case_id": case_id,
                                           "text": "Client called about the hearing.",
                                           "author_staff_id": staff_list[0][0]}
    practice.write(notes.add_note, **dialog.answer().as_kwargs())
    note = practice.read(cases.get_case_detail, case_id).notes[0]
    assert note.author == "Ann Attorney"

    bare = show(qtbot, NoteDialog(None))  # the caller adds case and author
    qtbot.keyClicks(bare.text_edit, "Second note")
    assert bare.answer().as_kwargs() == {"text": "Second note"}
    practice.write(notes.add_note, case_id=case_id, **bare.answer().as_kwargs())

    edit = show(qtbot, NoteDialog(None, note=note))
    assert edit.windowTitle() == "Edit note"
    qtbot.keyClicks(edit.text_edit, " She will attend.")
    kwargs = edit.answer().as_kwargs()
    assert kwargs == {"note_id": note.id, "expected_version": note.version,
                      "text": "Client called about the hearing. She will attend."}
    practice.write(notes.edit_note, **kwargs)
    texts = {n.text for n in practice.read(cases.get_case_detail, case_id).notes}
    assert texts == {"Second note", "Client called about the hearing. She will attend."}


def test_task_add_with_optional_due_date_then_edit(
        qtbot: Any, practice: Practice, staff_list: list[tuple[uuid.UUID, str]]) -> None:
    _c, case_id = practice.write(cases.create_case, number="2026-CV-0005", title="T")
    dialog = show(qtbot, TaskDialog(None, staff=staff_list, case_id=case_id))
    assert message(dialog) == "Task title is required"
    assert dialog.assignee_combo.currentText() == "Unassigned"
    assert not dialog.due_edit.edit.isEnabled()
    qtbot.keyClicks(dialog.title_edit, "File the answer")
    assert dialog.answer().due_on is None
    qtbot.mouseClick(dialog.due_edit.check, LEFT)
    assert dialog.due_edit.edit.isEnabled()
    assert dialog.due_edit.edit.displayFormat() == "ddd d MMM yyyy"
    assert dialog.due_edit.edit.calendarPopup()
    dialog.due_edit.edit.setDate(QDate(2026, 7, 6))
    dialog.assignee_combo.setCurrentIndex(2)
    dialog.priority_combo.setCurrentIndex(dialog.priority_combo.findData("high"))
    kwargs = dialog.answer().as_kwargs()
    assert kwargs == {"case_id": case_id, "title": "File the answer",
                      "assignee_staff_id": staff_list[1][0], "due_on": date(2026, 7, 6),
                      "priority": TaskPriority.HIGH, "status": TaskStatus.OPEN, "notes": ""}
    practice.write(tasks.add_task, **kwargs)
    task = practice.read(cases.get_case_detail, case_id).tasks[0]
    assert (task.assignee, task.due_on, task.priority) == ("Paul Paralegal", date(2026, 7, 6),
                                                           TaskPriority.HIGH)

    edit = show(qtbot, TaskDialog(None, staff=staff_list, task=task))
    assert edit.windowTitle() == "Edit task on case 2026-CV-0005"
    qtbot.mouseClick(edit.due_edit.check, LEFT)  # no due date any more
    edit.status_combo.setCurrentIndex(edit.status_combo.findData("done"))
    kwargs = edit.answer().as_kwargs()
    assert (kwargs["task_id"], kwargs["expected_version"], kwargs["due_on"]) == (
        task.id, task.version, None)
    practice.write(tasks.update_task, **kwargs)
    after = practice.read(cases.get_case_detail, case_id).tasks[0]
    assert (after.status, after.due_on) == (TaskStatus.DONE, None)

    mine = show(qtbot, TaskDialog(None, staff=staff_list, default_assignee=staff_list[0][0]))
    qtbot.keyClicks(mine.title_edit, "Call the client")
    kwargs = mine.answer().as_kwargs()
    assert "case_id" not in kwargs and kwargs["assignee_staff_id"] == staff_list[0][0]
    practice.write(tasks.add_task, case_id=case_id, **kwargs)
    assert len(practice.read(cases.get_case_detail, case_id).tasks) == 2


# --- firm, staff, first run --------------------------------------------------------------

def test_firm_details_defaults_and_checks(qtbot: Any, practice: Practice) -> None:
    dialog = show(qtbot, FirmDialog(None))
    assert (dialog.zone_combo.zone(), dialog.currency_combo.currentText()) == (
        "America/New_York", "USD")
    assert message(dialog) == "The firm's name is required"
    qtbot.keyClicks(dialog.name_edit, "Doe & Partners LLP")
    dialog.currency_combo.lineEdit().clear()
    qtbot.keyClicks(dialog.currency_combo.lineEdit(), "US")
    assert message(dialog) == "The currency must be a three-letter code such as USD"
    qtbot.keyClicks(dialog.currency_combo.lineEdit(), "d")
    dialog.zone_combo.lineEdit().clear()
    assert message(dialog) == "A time zone is required"
    qtbot.keyClicks(dialog.zone_combo.lineEdit(), "America/Denver")
    qtbot.keyClicks(dialog.email_edit, "office@doe.example")
    kwargs = dialog.answer().as_kwargs()
    assert kwargs == {"name": "Doe & Partners LLP", "address": "", "phone": "",
                      "email": "office@doe.example", "time_zone": "America/Denver",
                      "currency": "USD"}
    practice.write(firm.save_firm, **kwargs)
    saved = practice.read(firm.get_firm)
    assert saved is not None and (saved.name, saved.time_zone) == ("Doe & Partners LLP",
                                                                    "America/Denver")
    again = show(qtbot, FirmDialog(None, firm=saved))
    assert again.name_edit.text() == "Doe & Partners LLP" and not again.is_dirty()


def test_staff_money_field_and_edit(qtbot: Any, practice: Practice) -> None:
    dialog = show(qtbot, StaffDialog(None))
    assert dialog.form.labelForField(dialog.active_check) is None  # new staff are active
    qtbot.keyClicks(dialog.fields.name_edit, "Ann Attorney")
    qtbot.keyClicks(dialog.fields.rate_edit, "2a5x0.505")  # letters and a 3rd decimal refused
    assert dialog.fields.rate_edit.text() == "250.50"
    qtbot.keyClicks(dialog.fields.bar_edit, "IL 12345")
    kwargs = dialog.answer().as_kwargs()
    assert kwargs == {"name": "Ann Attorney", "role": StaffRole.ATTORNEY, "email": "",
                      "hourly_rate": "250.50", "bar_number": "IL 12345"}
    practice.write(staff.add_staff, **kwargs)
    row = practice.read(staff.list_staff)[0]
    assert row.hourly_rate == Decimal("250.50")

    edit = show(qtbot, StaffDialog(None, staff=row))
    assert edit.fields.rate_edit.text() == "250.50"
    edit.fields.rate_edit.clear()
    qtbot.keyClicks(edit.fields.rate_edit, "275")
    qtbot.keyClicks(edit.fields.email_edit, "ann@")
    assert message(edit) == "Not a valid e-mail address"
    qtbot.keyClicks(edit.fields.email_edit, "doe.example")
    qtbot.mouseClick(edit.active_check, LEFT)
    kwargs = edit.answer().as_kwargs()
    assert (kwargs["hourly_rate"], kwargs["active"], kwargs["staff_id"]) == ("275.00", False,
                                                                             row.id)
    practice.write(staff.update_staff, **kwargs)
    after = practice.read(staff.list_staff)[0]
    assert (after.hourly_rate, after.active, after.email) == (Decimal("275.00"), False,
                                                              "ann@doe.example")


def test_first_run_choices(qtbot: Any, practice: Practice,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    sample = show(qtbot, FirstRunDialog(None))
    qtbot.mouseClick(sample.sample_button, LEFT)
    assert sample.answer() == FirstRunDialog.Answer(FirstRunChoice.SAMPLE)
    assert sample.result() == QDialog.DialogCode.Accepted

    quit_ = show(qtbot, FirstRunDialog(None))
    qtbot.mouseClick(quit_.quit_button, LEFT)
    assert quit_.answer().choice is FirstRunChoice.QUIT

    setup = FirmSetupDialog.Answer(
        firm=FirmDialog.Answer(name="Doe LLP", address="", phone="", email="",
                               time_zone="America/Chicago", currency="USD"),
        staff=StaffDialog.Answer(name="Dana Doe", role=StaffRole.ATTORNEY, email="",
                                 hourly_rate="300.00", bar_number=""))
    monkeypatch.setattr(FirmSetupDialog, "ask", classmethod(lambda cls, parent: setup))
    welcome = show(qtbot, FirstRunDialog(None))
    qtbot.mouseClick(welcome.set_up_button, LEFT)
    answer = welcome.answer()
    assert (answer.choice, answer.firm, answer.staff) == (FirstRunChoice.SET_UP, setup.firm,
                                                          setup.staff)
    assert answer.firm is not None and answer.staff is not None
    with practice.transaction() as session:
        firm.save_firm(session, **answer.firm.as_kwargs())
        staff.add_staff(session, **answer.staff.as_kwargs())
    assert practice.read(staff.list_staff)[0].name == "Dana Doe"

    monkeypatch.setattr(FirstRunDialog, "exec", lambda self: self.reject())
    assert FirstRunDialog.ask(None).choice is FirstRunChoice.QUIT


def test_firm_set_up_asks_for_your_details_too(qtbot: Any) -> None:
    dialog = show(qtbot, FirmSetupDialog(None))
    assert dialog.windowTitle() == "Set up your firm"
    qtbot.keyClicks(dialog.name_edit, "Doe LLP")
    assert message(dialog) == "Your details: Name is required"
    qtbot.keyClicks(dialog.staff_fields.name_edit, "Dana Doe")
    qtbot.keyClicks(dialog.staff_fields.rate_edit, "300")
    answer = dialog.answer()
    assert answer.firm.name == "Doe LLP"
    assert answer.staff.as_kwargs() == {"name": "Dana Doe", "role": StaffRole.ATTORNEY,
                                        "email": "", "hourly_rate": "300.00",
                                        "bar_number": ""}


# --- merging and errors ------------------------------------------------------------------

def test_merge_duplicates(qtbot: Any, practice: Practice, seeded: dict[str, uuid.UUID]) -> None:
    _c, twin = practice.write(contacts.create_contact, name="Jane Smyth", phone="555-0199")
    keep = practice.read(contacts.get_contact, seeded["jane"])
    suggestions = practice.read(contacts.suggest_duplicates, seeded["jane"])
    assert twin in [row.id for row, _score in suggestions]
    dialog = show(qtbot, MergeContactsDialog(None, keep=keep, suggestions=suggestions))
    assert dialog.save_button.text() == "&Merge"
    assert message(dialog) == "Tick at least one duplicate to merge"
    assert "Nothing is deleted." in dialog.explanation.text()
    items: QListWidget = dialog.duplicates
    index = [row.id for row, _s in suggestions].index(twin)
    items.item(index).setCheckState(Qt.CheckState.Checked)
    assert dialog.save_button.isEnabled()
    assert dialog.explanation.text().startswith("1 contact will be merged into Jane Smith.")
    kwargs = dialog.answer().as_kwargs()
    assert kwargs == {"keep_id": seeded["jane"], "duplicate_ids": [twin]}
    practice.write(contacts.merge_contacts, **kwargs)
    merged = practice.read(contacts.get_contact, seeded["jane"])
    assert "Jane Smyth" in merged.aliases and merged.phone == "555-0199"


def test_errors_are_plain_with_details_behind_a_button(qtbot: Any) -> None:
    box = show_error(None, "The backup folder is full.", "OSError: [Errno 28]", block=False)
    assert box is not None
    qtbot.addWidget(box)
    assert box.text() == "The backup folder is full."
    assert box.detailedText() == "OSError: [Errno 28]"
    assert any(b.text().startswith("Show Details") for b in box.buttons())
    box.close()

    try:
        raise RuntimeError("index out of range in the model")
    except RuntimeError as error:
        bug = show_exception(None, error, block=False)
    assert bug is not None
    qtbot.addWidget(bug)
    assert bug.text() == BUG_MESSAGE
    assert "Traceback" not in bug.text() and "Traceback" in bug.detailedText()
    bug.close()

    plain = show_exception(None, InvalidInput("Title is required."), block=False)
    assert plain is not None
    qtbot.addWidget(plain)
    assert plain.text() == "Title is required." and plain.detailedText() == ""
    plain.close()

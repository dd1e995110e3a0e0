"""Filing packages: ordering, status transitions, the deadline they satisfy, and export."""

from __future__ import annotations

import hashlib
import os
import stat
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from casedesk.domain.enums import EventStatus, FilingStatus
from casedesk.domain.errors import (
    Cancelled,
    EnvironmentFault,
    InvalidInput,
    NotFound,
    RuleViolation,
)
from casedesk.domain.models import Activity, Event, FilingItem
from casedesk.persistence.practice import Practice
from casedesk.services import cases, documents, events, filing_status, filings, staff
from casedesk.services.events import EventInput
from casedesk.services.filing_export import (
    INDEX_NAME,
    export_filing,
    package_name,
    package_plan,
    write_package,
)
from tests.unit.list_backends import open_desk

FILES = {
    "Motion to dismiss.pdf": b"%PDF-1.4 motion to dismiss\n",
    "exhibit_a.docx": b"PK\x03\x04 exhibit a contents",
    "Declaration of Smith.txt": b"I, John Smith, declare...\n",
}


@dataclass
class Desk:
    practice: Practice
    case: uuid.UUID
    other_case: uuid.UUID
    docs: list[uuid.UUID]  # motion, exhibit, declaration
    foreign_doc: uuid.UUID
    deadline: uuid.UUID
    hearing: uuid.UUID
    alice: uuid.UUID
    folder: Path


def _build(practice: Practice, folder: Path) -> Desk:
    alice = uuid.uuid4()
    practice.write(staff.add_staff, name="Alice Attorney", role="attorney", staff_id=alice)
    _c, case = practice.write(cases.create_case, number="2026-CV-0001", title="Smith v. Acme",
                              court="N.D. Ill.", court_time_zone="America/Chicago",
                              opened_on="2026-01-05")
    _c, other = practice.write(cases.create_case, number="2026-CV-0002",
                               title="Estate of Jones", court="Cook County")
    source = folder / "incoming"
    source.mkdir()
    paths = []
    for name, data in FILES.items():
        (source / name).write_bytes(data)
        paths.append(source / name)
    docs = documents.add_files(practice.write, practice.read, practice.blobs, case_id=case,
                               paths=paths)
    (source / "jones.txt").write_bytes(b"another case's paper")
    (foreign,) = documents.add_files(practice.write, practice.read, practice.blobs,
                                     case_id=other, paths=[source / "jones.txt"])
    deadline, hearing = uuid.uuid4(), uuid.uuid4()
    practice.write(events.add_event, event_id=deadline, data=EventInput(
        kind="filing_deadline", title="Answer due", case_id=case, on_date="2026-07-06"))
    practice.write(events.add_event, event_id=hearing, data=EventInput(
        kind="hearing", title="Status hearing", case_id=case,
        starts_at="2026-07-10T09:00:00"))
    return Desk(practice, case, other, docs, foreign, deadline, hearing, alice, folder)


@pytest.fixture
def desk(practice: Practice, tmp_path: Path) -> Desk:
    return _build(practice, tmp_path)


def _filing(desk: Desk, *, docs: int = 3, **kw: object) -> uuid.UUID:
    filing_id: uuid.UUID
    _c, filing_id = desk.practice.write(filings.create_filing, case_id=desk.case,
                                        title=kw.pop("title", "Answer and exhibits"), **kw)
    if docs:
        desk.practice.write(filings.add_documents, filing_id=filing_id,
                            document_ids=desk.docs[:docs])
    return filing_id


def _get(desk: Desk, filing_id: uuid.UUID) -> filings.FilingRow:
    return desk.practice.read(filings.get_filing, filing_id)


def _order(desk: Desk, filing_id: uuid.UUID) -> list[tuple[int, uuid.UUID]]:
    return [(i.position, i.document_id) for i in _get(desk, filing_id).items]


def _item_ids(desk: Desk, filing_id: uuid.UUID) -> list[int]:
    return [i.id for i in _get(desk, filing_id).items]


def _status(desk: Desk, filing_id: uuid.UUID, status: str, **kw: object) -> None:
    desk.practice.write(filing_status.set_status, filing_id=filing_id, status=status, **kw)


def _event(desk: Desk, event_id: uuid.UUID) -> tuple[EventStatus, str]:
    """(status, satisfied by) of an event."""
    def read(session: Session) -> tuple[EventStatus, str]:
        event = session.get(Event, event_id)
        assert event is not None
        return event.status, event.satisfied_by
    return desk.practice.read(read)


# -- creating ---------------------------------------------------------------------------------
def test_a_new_filing_is_a_draft_in_the_case_court(desk: Desk) -> None:
    filing_id = _filing(desk, docs=0, deadline_event_id=desk.deadline, actor_staff_id=desk.alice)
    row = _get(desk, filing_id)
    assert (row.title, row.court, row.status, row.case_number) == (
        "Answer and exhibits", "N.D. Ill.", FilingStatus.DRAFT, "2026-CV-0001")
    assert (row.deadline_title, row.deadline_on) == ("Answer due", date(2026, 7, 6))
    assert [(h.status, h.staff) for h in row.history] == [(FilingStatus.DRAFT, "Alice Attorney")]
    other = _filing(desk, docs=0, title="Reply", court="Cook County Circuit Court")
    assert _get(desk, other).court == "Cook County Circuit Court"


@pytest.mark.parametrize(("kw", "error", "message"), [
    ({"title": "  "}, InvalidInput, "The filing's title is required"),
    ({"title": "x" * 301}, InvalidInput, "longer than 300"),
    ({"deadline": "hearing"}, InvalidInput, "“Status hearing” is a hearing, not a deadline"),
    ({"deadline": "other"}, InvalidInput, "belongs to another case"),
    ({"deadline": "missing"}, NotFound, "This deadline no longer exists"),
])
def test_creating_refuses_bad_input(desk: Desk, kw: dict[str, str], error: type[Exception],
                                    message: str) -> None:
    deadline = {"hearing": desk.hearing, "missing": uuid.uuid4(), None: None}
    if kw.get("deadline") == "other":
        other_deadline = uuid.uuid4()
        desk.practice.write(events.add_event, event_id=other_deadline, data=EventInput(
            kind="filing_deadline", title="Inventory due", case_id=desk.other_case,
            on_date="2026-08-01"))
        deadline["other"] = other_deadline
    with pytest.raises(error, match=message):
        desk.practice.write(filings.create_filing, case_id=desk.case,
                            title=kw.get("title", "Answer"),
                            deadline_event_id=deadline[kw.get("deadline")])
    assert desk.practice.read(filings.list_for_case, desk.case) == []


def test_no_filing_on_a_closed_case(desk: Desk) -> None:
    desk.practice.write(cases.close_case, case_id=desk.other_case)
    with pytest.raises(RuleViolation, match="Case 2026-CV-0002 is closed"):
        desk.practice.write(filings.create_filing, case_id=desk.other_case, title="Late")


# -- documents and their order -----------------------------------------------------------------
def test_documents_keep_positions_one_to_n_through_every_change(desk: Desk) -> None:
    motion, exhibit, declaration = desk.docs
    filing_id = _filing(desk, docs=0)
    desk.practice.write(filings.add_documents, filing_id=filing_id, document_ids=[motion])
    desk.practice.write(filings.add_documents, filing_id=filing_id,
                        document_ids=[declaration, exhibit], labels=["", "Exhibit A"],
                        at_position=1)
    assert _order(desk, filing_id) == [(1, declaration), (2, exhibit), (3, motion)]
    assert [i.shown_title for i in _get(desk, filing_id).items] == [
        "Declaration of Smith", "Exhibit A", "Motion to dismiss"]

    ids = _item_ids(desk, filing_id)
    desk.practice.write(filings.move_item, filing_id=filing_id, item_id=ids[2], to_position=1)
    assert _order(desk, filing_id) == [(1, motion), (2, declaration), (3, exhibit)]

    ids = _item_ids(desk, filing_id)  # swapping two: the (filing, position) pair stays unique
    desk.practice.write(filings.reorder_items, filing_id=filing_id,
                        item_ids=[ids[1], ids[0], ids[2]])
    assert _order(desk, filing_id) == [(1, declaration), (2, motion), (3, exhibit)]

    desk.practice.write(filings.remove_item, filing_id=filing_id, item_id=ids[0])  # motion
    assert _order(desk, filing_id) == [(1, declaration), (2, exhibit)]

    def positions(session: Session) -> list[int]:
        return sorted(i.position for i in session.exec(
            select(FilingItem).where(FilingItem.filing_id == filing_id)))
    assert desk.practice.read(positions) == [1, 2]
    ids = _item_ids(desk, filing_id)
    desk.practice.write(filings.set_label, filing_id=filing_id, item_id=ids[1], label=" Ex. 1 ")
    assert [i.label for i in _get(desk, filing_id).items] == ["", "Ex. 1"]


def test_item_changes_move_the_filing_version_on(desk: Desk) -> None:
    filing_id = _filing(desk, docs=2)
    before = _get(desk, filing_id).version
    ids = _item_ids(desk, filing_id)
    desk.practice.write(filings.move_item, filing_id=filing_id, item_id=ids[0], to_position=2,
                        expected_version=before)
    assert _get(desk, filing_id).version == before + 1
    with pytest.raises(Exception, match="changed by someone else"):
        desk.practice.write(filings.move_item, filing_id=filing_id, item_id=ids[0],
                            to_position=1, expected_version=before)


def test_adding_refuses_foreign_deleted_and_repeated_documents(desk: Desk) -> None:
    filing_id = _filing(desk, docs=1)
    motion, exhibit, declaration = desk.docs
    with pytest.raises(InvalidInput, match="is a document of another case"):
        desk.practice.write(filings.add_documents, filing_id=filing_id,
                            document_ids=[exhibit, desk.foreign_doc])
    with pytest.raises(InvalidInput, match="“Motion to dismiss” is already in this filing "
                                           r"\(number 1\)"):
        desk.practice.write(filings.add_documents, filing_id=filing_id,
                            document_ids=[exhibit, motion])
    with pytest.raises(InvalidInput, match="“exhibit a” is already in this filing"):
        desk.practice.write(filings.add_documents, filing_id=filing_id,
                            document_ids=[exhibit, exhibit])
    desk.practice.write(documents.delete_document, document_id=declaration)
    with pytest.raises(NotFound, match="This document no longer exists"):
        desk.practice.write(filings.add_documents, filing_id=filing_id,
                            document_ids=[declaration])
    with pytest.raises(InvalidInput, match="Position 5 is outside 1–2"):
        desk.practice.write(filings.add_documents, filing_id=filing_id,
                            document_ids=[exhibit], at_position=5)
    assert _order(desk, filing_id) == [(1, motion)]  # every refusal changed nothing


def test_move_and_reorder_refuse_bad_positions(desk: Desk) -> None:
    filing_id = _filing(desk)
    ids = _item_ids(desk, filing_id)
    with pytest.raises(InvalidInput, match="Position 4 is outside 1–3"):
        desk.practice.write(filings.move_item, filing_id=filing_id, item_id=ids[0],
                            to_position=4)
    with pytest.raises(InvalidInput, match="each document of the filing exactly once"):
        desk.practice.write(filings.reorder_items, filing_id=filing_id,
                            item_ids=[ids[0], ids[0], ids[1]])
    with pytest.raises(NotFound):
        desk.practice.write(filings.remove_item, filing_id=filing_id, item_id=10_000)
    assert _order(desk, filing_id) == [(n, d) for n, d in enumerate(desk.docs, start=1)]


# -- status -----------------------------------------------------------------------------------
def test_the_whole_way_from_draft_to_conformed(desk: Desk) -> None:
    filing_id = _filing(desk, deadline_event_id=desk.deadline)
    _status(desk, filing_id, "ready", on="2026-07-01", actor_staff_id=desk.alice)
    _status(desk, filing_id, "submitted", on="2026-07-02", confirmation_number="EF-1234",
            note="via CM/ECF")
    _status(desk, filing_id, "accepted", on="2026-07-03")
    _status(desk, filing_id, "conformed", on="2026-07-06")
    row = _get(desk, filing_id)
    assert row.status is FilingStatus.CONFORMED
    assert (row.submitted_on, row.accepted_on, row.conformed_on, row.confirmation_number) == (
        date(2026, 7, 2), date(2026, 7, 3), date(2026, 7, 6), "EF-1234")
    assert [(h.status.value, h.on.isoformat(), h.staff, h.note) for h in row.history] == [
        ("draft", row.history[0].on.isoformat(), "", ""),
        ("ready", "2026-07-01", "Alice Attorney", ""),
        ("submitted", "2026-07-02", "", "via CM/ECF"),
        ("accepted", "2026-07-03", "", ""),
        ("conformed", "2026-07-06", "", ""),
    ]
    with pytest.raises(RuleViolation, match="is final"):
        _status(desk, filing_id, "draft")

    def activity(session: Session) -> list[str]:
        return [a.summary for a in session.exec(select(Activity).where(
            col(Activity.action).like("filing_%")).order_by(col(Activity.at)))]
    assert "Filing submitted: Answer and exhibits (confirmation EF-1234)" in desk.practice.read(
        activity)


@pytest.mark.parametrize(("path", "new", "message"), [
    ((), "submitted", "A draft filing can become ready, not submitted"),
    ((), "accepted", "A draft filing can become ready, not accepted"),
    (("ready",), "rejected", "A ready filing can become submitted or draft, not rejected"),
    (("ready", "submitted"), "conformed",
     "A submitted filing can become accepted or rejected, not conformed"),
    (("ready", "submitted"), "ready", "can become accepted or rejected, not ready"),
    (("ready", "submitted", "accepted"), "rejected",
     "An accepted filing can become conformed, not rejected"),
    (("ready",), "ready", "is already ready"),
    ((), "filed", "'filed' is not a filing status"),
])
def test_refused_transitions_say_what_is_allowed(desk: Desk, path: tuple[str, ...], new: str,
                                                 message: str) -> None:
    filing_id = _filing(desk)
    for step in path:
        _status(desk, filing_id, step)
    before = _get(desk, filing_id)
    with pytest.raises((RuleViolation, InvalidInput), match=message):
        _status(desk, filing_id, new)
    after = _get(desk, filing_id)
    assert (after.status, after.version, len(after.history)) == (
        before.status, before.version, len(before.history))


def test_ready_needs_documents_that_still_exist(desk: Desk) -> None:
    empty = _filing(desk, docs=0, title="Empty")
    with pytest.raises(RuleViolation, match="has no documents; add at least one before it is "
                                            "ready"):
        _status(desk, empty, "ready")
    filing_id = _filing(desk, docs=2)
    desk.practice.write(documents.delete_document, document_id=desk.docs[1])
    with pytest.raises(RuleViolation, match=r"Number 2 of the filing \(exhibit a\) was deleted"):
        _status(desk, filing_id, "ready")


def test_documents_are_frozen_from_submission_and_deleting_only_before(desk: Desk) -> None:
    filing_id = _filing(desk, docs=1)
    _status(desk, filing_id, "ready")
    (item,) = _item_ids(desk, filing_id)
    with pytest.raises(RuleViolation, match="A ready filing needs at least one document"):
        desk.practice.write(filings.remove_item, filing_id=filing_id, item_id=item)
    _status(desk, filing_id, "submitted")
    with pytest.raises(RuleViolation, match="is submitted; its documents can only change "
                                            "while it is a draft or ready"):
        desk.practice.write(filings.add_documents, filing_id=filing_id,
                            document_ids=[desk.docs[1]])
    with pytest.raises(RuleViolation, match="only a draft or ready filing can be deleted"):
        desk.practice.write(filings.delete_filing, filing_id=filing_id)
    _status(desk, filing_id, "rejected", reason="Missing signature")
    with pytest.raises(RuleViolation, match=r"set it back to draft first"):
        desk.practice.write(filings.set_label, filing_id=filing_id, item_id=item, label="A")
    _status(desk, filing_id, "draft")
    desk.practice.write(filings.set_label, filing_id=filing_id, item_id=item, label="A")
    draft = _filing(desk, docs=0, title="Scratch")
    desk.practice.write(filings.delete_filing, filing_id=draft)
    assert [r.title for r in desk.practice.read(filings.list_for_case, desk.case)] == [
        "Answer and exhibits"]
    with pytest.raises(NotFound):
        _get(desk, draft)


def test_submitting_marks_the_deadline_done_and_a_rejection_reopens_it(desk: Desk) -> None:
    filing_id = _filing(desk, deadline_event_id=desk.deadline)
    _status(desk, filing_id, "ready", on="2026-07-01")
    _status(desk, filing_id, "submitted", on="2026-07-02", actor_staff_id=desk.alice)
    assert _event(desk, desk.deadline) == (EventStatus.DONE,
                                           "Filed: Answer and exhibits, 2026-07-02")
    # The confirmation number arrives later; the deadline says so too.
    desk.practice.write(filing_status.set_confirmation, filing_id=filing_id,
                        confirmation_number="EF-77")
    assert _event(desk, desk.deadline) == (
        EventStatus.DONE, "Filed: Answer and exhibits, 2026-07-02 (confirmation EF-77)")
    _status(desk, filing_id, "rejected", on="2026-07-03", reason="Wrong caption")
    row = _get(desk, filing_id)
    assert (row.rejected_on, row.rejection_reason) == (date(2026, 7, 3), "Wrong caption")
    assert _event(desk, desk.deadline) == (EventStatus.SCHEDULED, "")
    # Fixed and filed again: a new submission, marked done again; the old rejection is history.
    _status(desk, filing_id, "ready", on="2026-07-04")
    _status(desk, filing_id, "submitted", on="2026-07-04", confirmation_number="EF-78")
    row = _get(desk, filing_id)
    assert (row.rejected_on, row.rejection_reason, row.confirmation_number) == (
        None, "", "EF-78")
    assert _event(desk, desk.deadline) == (
        EventStatus.DONE, "Filed: Answer and exhibits, 2026-07-04 (confirmation EF-78)")
    assert [(h.status.value, h.reason, h.confirmation_number) for h in row.history[2:]] == [
        ("submitted", "", ""), ("rejected", "Wrong caption", ""), ("ready", "", ""),
        ("submitted", "", "EF-78")]


def test_a_deadline_already_met_another_way_is_left_alone(desk: Desk) -> None:
    desk.practice.write(events.set_event_status, event_id=desk.deadline, status="done",
                        satisfied_by="Stipulated extension")
    filing_id = _filing(desk, deadline_event_id=desk.deadline)
    _status(desk, filing_id, "ready")
    _status(desk, filing_id, "submitted")
    _status(desk, filing_id, "rejected")
    assert _event(desk, desk.deadline) == (EventStatus.DONE, "Stipulated extension")


def test_a_rejection_leaves_a_deadline_marked_done_for_another_reason(desk: Desk) -> None:
    filing_id = _filing(desk, deadline_event_id=desk.deadline)
    _status(desk, filing_id, "ready", on="2026-07-01")
    _status(desk, filing_id, "submitted", on="2026-07-02")
    desk.practice.write(events.set_event_status, event_id=desk.deadline, status="done",
                        satisfied_by="Answered by stipulation")
    _status(desk, filing_id, "rejected")
    assert _event(desk, desk.deadline) == (EventStatus.DONE, "Answered by stipulation")


def test_the_submission_records_the_versions_filed(desk: Desk) -> None:
    filing_id = _filing(desk, docs=1)
    _status(desk, filing_id, "ready")
    _status(desk, filing_id, "submitted")

    def history(session: Session) -> list[dict[str, object]]:
        from casedesk.domain.models import Filing

        filing = session.get(Filing, filing_id)
        assert filing is not None
        return filing.history
    (submitted,) = [h for h in desk.practice.read(history) if h["status"] == "submitted"]
    digest = hashlib.sha256(FILES["Motion to dismiss.pdf"]).hexdigest()
    assert submitted["documents"] == [{"document_id": str(desk.docs[0]), "version": 1,
                                       "sha256": digest}]


@pytest.mark.parametrize(("steps", "kw", "message"), [
    (("ready", "submitted"), {"status": "accepted", "on": "2026-06-30"},
     r"2026-06-30 is before the filing was submitted \(2026-07-01\)"),
    (("ready",), {"status": "submitted", "on": "2026-13-01"}, "'2026-13-01' is not a date"),
    ((), {"status": "ready", "confirmation_number": "X1"}, "A confirmation number comes with"),
    (("ready", "submitted"), {"status": "accepted", "reason": "why"},
     "A reason is given only when the court rejects"),
])
def test_dates_and_details_are_checked(desk: Desk, steps: tuple[str, ...],
                                       kw: dict[str, str], message: str) -> None:
    filing_id = _filing(desk)
    for step in steps:
        _status(desk, filing_id, step, on="2026-07-01")
    with pytest.raises(InvalidInput, match=message):
        desk.practice.write(filing_status.set_status, filing_id=filing_id, **kw)


def _state(desk: Desk, filing_id: uuid.UUID) -> tuple[object, ...]:
    row = _get(desk, filing_id)
    return (row.status, row.version, len(row.history), row.submitted_on, row.accepted_on,
            _event(desk, desk.deadline))


@pytest.mark.parametrize(("steps", "new", "on", "message"), [
    # After a date in the past, an earlier one.
    ((("ready", "2026-07-10"),), "submitted", "2026-07-09",
     r"^2026-07-09 is before the filing was marked ready \(2026-07-10\)"),
    ((("ready", "2026-07-01"), ("submitted", "2026-07-02"), ("rejected", "2026-07-05")),
     "draft", "2026-07-04", r"^2026-07-04 is before the filing was rejected \(2026-07-05\)"),
    ((("ready", "2026-07-01"), ("submitted", "2026-07-02"), ("rejected", "2026-07-05"),
      ("draft", "2026-07-06")), "ready", "2026-07-05",
     r"^2026-07-05 is before the filing was set back to draft \(2026-07-06\)"),
    ((("ready", "2026-07-01"), ("submitted", "2026-07-02"), ("accepted", "2026-07-03")),
     "conformed", "2026-07-02", r"^2026-07-02 is before the filing was accepted"),
    # Before the case was opened.
    ((), "ready", "2026-01-04",
     r"^2026-01-04 is before case 2026-CV-0001 was opened \(2026-01-05\)"),
    # In the future: no status is recorded ahead of the day it happens.
    ((), "ready", "+1", r"is after today \({today}\)"),
    ((("ready", "2026-07-01"),), "submitted", "+1", r"is after today \({today}\)"),
    ((("ready", "2026-07-01"), ("submitted", "2026-07-02")), "accepted", "+30",
     r"is after today \({today}\)"),
    ((("ready", "2026-07-01"), ("submitted", "2026-07-02")), "rejected", "+1",
     r"is after today \({today}\)"),
])
def test_a_step_is_not_dated_before_the_one_it_follows_nor_after_today(
        desk: Desk, steps: tuple[tuple[str, str], ...], new: str, on: str,
        message: str) -> None:
    today = date.today()
    filing_id = _filing(desk, deadline_event_id=desk.deadline)
    for step, day in steps:
        _status(desk, filing_id, step, on=day)
    before = _state(desk, filing_id)
    day = (today + timedelta(days=int(on))).isoformat() if on.startswith("+") else on
    with pytest.raises(InvalidInput, match=message.replace("{today}", today.isoformat())) as e:
        _status(desk, filing_id, new, on=day)
    assert e.value.field == "date"
    assert _state(desk, filing_id) == before  # nothing changed, the deadline neither


def test_dates_may_repeat_and_a_filing_may_be_recorded_after_the_fact(desk: Desk) -> None:
    # Entered today, filed in July: the line written when the filing was entered records when
    # it was entered, not a step the filing took.
    filing_id = _filing(desk, deadline_event_id=desk.deadline)
    _status(desk, filing_id, "ready", on="2026-07-02")
    _status(desk, filing_id, "submitted", on="2026-07-02")
    _status(desk, filing_id, "accepted", on=date.today())
    row = _get(desk, filing_id)
    assert [(h.status.value, h.on) for h in row.history[1:]] == [
        ("ready", date(2026, 7, 2)), ("submitted", date(2026, 7, 2)),
        ("accepted", date.today())]
    assert row.history[0].on == date.today()


@pytest.mark.parametrize("back_to", ["draft", "ready"])
def test_a_rejected_filing_sent_back_loses_its_submission_details(desk: Desk,
                                                                 back_to: str) -> None:
    filing_id = _filing(desk, deadline_event_id=desk.deadline)
    _status(desk, filing_id, "ready", on="2026-07-01")
    _status(desk, filing_id, "submitted", on="2026-07-02", confirmation_number="ABC123")
    _status(desk, filing_id, "rejected", on="2026-07-03", reason="Wrong caption")
    _status(desk, filing_id, back_to, on="2026-07-04")
    for row in (_get(desk, filing_id), *desk.practice.read(filings.list_for_case, desk.case)):
        assert (row.status.value, row.submitted_on, row.accepted_on, row.rejected_on,
                row.conformed_on, row.confirmation_number, row.rejection_reason) == (
            back_to, None, None, None, None, "", "")
        # The history keeps what happened.
        assert [(h.status.value, h.on.isoformat(), h.confirmation_number, h.reason)
                for h in row.history[1:]] == [
            ("ready", "2026-07-01", "", ""), ("submitted", "2026-07-02", "ABC123", ""),
            ("rejected", "2026-07-03", "", "Wrong caption"), (back_to, "2026-07-04", "", "")]
    assert _event(desk, desk.deadline) == (EventStatus.SCHEDULED, "")
    if back_to == "draft":
        _status(desk, filing_id, "ready", on="2026-07-05")
    _status(desk, filing_id, "submitted", on="2026-07-06")
    row = _get(desk, filing_id)
    assert (row.submitted_on, row.rejected_on, row.confirmation_number) == (
        date(2026, 7, 6), None, "")
    assert _event(desk, desk.deadline) == (EventStatus.DONE,
                                           "Filed: Answer and exhibits, 2026-07-06")


def test_status_date_defaults_to_today_and_confirmation_needs_a_submission(desk: Desk) -> None:
    filing_id = _filing(desk)
    with pytest.raises(RuleViolation, match="has not been submitted yet"):
        desk.practice.write(filing_status.set_confirmation, filing_id=filing_id,
                            confirmation_number="1")
    _status(desk, filing_id, "ready")
    _status(desk, filing_id, "submitted")
    assert _get(desk, filing_id).submitted_on == date.today()


def test_editing_the_deadline_is_refused_once_submitted(desk: Desk) -> None:
    filing_id = _filing(desk)
    desk.practice.write(filings.edit_filing, filing_id=filing_id, title="Answer",
                        court="N.D. Ill. (Eastern)", deadline_event_id=desk.deadline,
                        notes="two exhibits")
    row = _get(desk, filing_id)
    assert (row.title, row.court, row.deadline_event_id, row.notes) == (
        "Answer", "N.D. Ill. (Eastern)", desk.deadline, "two exhibits")
    _status(desk, filing_id, "ready")
    _status(desk, filing_id, "submitted")
    with pytest.raises(RuleViolation, match="the deadline it satisfies can no longer change"):
        desk.practice.write(filings.edit_filing, filing_id=filing_id, title="Answer",
                            court="", deadline_event_id=None)
    desk.practice.write(filings.edit_filing, filing_id=filing_id, title="Answer (filed)",
                        court="N.D. Ill.", deadline_event_id=desk.deadline)
    assert _get(desk, filing_id).title == "Answer (filed)"


# -- reading ------------------------------------------------------------------------------------
def test_list_and_detail_rows(desk: Desk, tmp_path: Path) -> None:
    first = _filing(desk, docs=2, title="Answer")
    second = _filing(desk, docs=0, title="Motion for extension")
    new_version = tmp_path / "Motion to dismiss (signed).pdf"
    new_version.write_bytes(b"%PDF-1.4 signed motion\n")
    stored = desk.practice.blobs.put_file(new_version)
    desk.practice.write(documents.add_version, document_id=desk.docs[0], stored=stored,
                        file_name=new_version.name)
    rows = desk.practice.read(filings.list_for_case, desk.case)
    assert [(r.id, r.document_count, r.items) for r in rows] == [(second, 0, ()), (first, 2, ())]
    items = _get(desk, first).items
    assert [(i.position, i.title, i.file_name, i.size, i.version) for i in items] == [
        (1, "Motion to dismiss", "Motion to dismiss (signed).pdf", 23, 2),
        (2, "exhibit a", "exhibit_a.docx", len(FILES["exhibit_a.docx"]), 1),
    ]
    assert desk.practice.read(filings.find_filing, case_id=desk.case, key="  answer ") == first
    assert desk.practice.read(filings.find_filing, case_id=desk.case, key=str(second)) == second
    with pytest.raises(NotFound, match="No filing Reply was found"):
        desk.practice.read(filings.find_filing, case_id=desk.case, key="Reply")


def test_filing_context_for_the_cover_letter(desk: Desk) -> None:
    filing_id = _filing(desk, docs=2)
    ids = _item_ids(desk, filing_id)
    desk.practice.write(filings.set_label, filing_id=filing_id, item_id=ids[1],
                        label="Exhibit A")
    context = desk.practice.read(filings.filing_context, filing_id)
    assert (context["title"], context["court"], context["confirmation_number"]) == (
        "Answer and exhibits", "N.D. Ill.", "")
    assert context["documents"] == [
        {"number": 1, "title": "Motion to dismiss", "file_name": "01 - Motion to dismiss.pdf"},
        {"number": 2, "title": "Exhibit A", "file_name": "02 - Exhibit A.docx"},
    ]


def _cover_template() -> bytes:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("{{ recipient.name }}, {{ filing.court }}")
    document.add_paragraph("Re: {{ case.number }} {{ filing.title }}")
    document.add_paragraph("{% for d in filing.documents %}{{ d.number }}. {{ d.title }} "
                           "({{ d.file_name }}); {% endfor %}")
    document.add_paragraph("{{ sender.name }}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_generated_cover_letter_is_saved_and_exported_first(desk: Desk) -> None:
    import io

    import docx

    from casedesk.services.filing_cover import generate_cover

    filing_id = _filing(desk, docs=2)
    desk.practice.write(filings.set_label, filing_id=filing_id,
                        item_id=_item_ids(desk, filing_id)[1], label="Exhibit A")
    _changes, document_id = desk.practice.write(
        generate_cover, store=desk.practice.blobs, filing_id=filing_id,
        template=_cover_template(), sender_staff_id=desk.alice)
    row = _get(desk, filing_id)
    assert row.cover_document_id == document_id
    cover = desk.practice.read(documents.get_document, document_id)
    assert (cover.title, cover.case_id) == ("Cover letter – Answer and exhibits", desk.case)
    target = desk.folder / "with cover"
    _export(desk, filing_id, target, as_zip=False)
    assert sorted(p.name for p in target.iterdir())[:2] == ["00 - Cover letter.docx", INDEX_NAME]
    text = [p.text for p in docx.Document(io.BytesIO(
        (target / "00 - Cover letter.docx").read_bytes())).paragraphs]
    assert text[1:] == [
        "Re: 2026-CV-0001 Answer and exhibits",
        "1. Motion to dismiss (01 - Motion to dismiss.pdf); "
        "2. Exhibit A (02 - Exhibit A.docx); ",
        "Alice Attorney"]
    assert text[0].endswith(", N.D. Ill.")


# -- export -----------------------------------------------------------------------------------
def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


EXPECTED = {
    "01 - Motion to dismiss.pdf": FILES["Motion to dismiss.pdf"],
    "02 - Exhibit A.docx": FILES["exhibit_a.docx"],
    "03 - Declaration of Smith.txt": FILES["Declaration of Smith.txt"],
}


def _labelled(desk: Desk) -> uuid.UUID:
    filing_id = _filing(desk)
    desk.practice.write(filings.set_label, filing_id=filing_id,
                        item_id=_item_ids(desk, filing_id)[1], label="Exhibit A")
    return filing_id


def _export(desk: Desk, filing_id: uuid.UUID, target: Path, **kw: object) -> object:
    return desk.practice.read(export_filing, desk.practice.blobs, filing_id, target, **kw)


def _check_index(text: str) -> None:
    assert text.startswith("Filing: Answer and exhibits\nCase: 2026-CV-0001\nCourt: N.D. Ill.\n"
                           "Status: draft\n3 documents\n")
    for name, data in EXPECTED.items():
        block = (f"{name.partition(' - ')[0]}  {name.partition(' - ')[2].rpartition('.')[0]}\n"
                 f"    File: {name}\n    Size: {len(data):,} bytes\n    SHA-256: {_sha(data)}\n")
        assert block in text


def test_export_to_a_folder_numbers_the_files_and_indexes_them(desk: Desk) -> None:
    filing_id = _labelled(desk)
    target = desk.folder / "Answer package"
    result = _export(desk, filing_id, target, as_zip=False)
    assert sorted(p.name for p in target.iterdir()) == [INDEX_NAME, *EXPECTED]
    for name, data in EXPECTED.items():
        assert (target / name).read_bytes() == data
    _check_index((target / INDEX_NAME).read_text(encoding="utf-8"))
    assert result.files == 3  # type: ignore[attr-defined]
    assert not [p for p in desk.folder.iterdir() if p.name.startswith(".")]
    with pytest.raises(InvalidInput, match="already exists; choose a new folder name"):
        _export(desk, filing_id, target, as_zip=False)


def test_export_to_a_zip_with_a_cover_letter(desk: Desk) -> None:
    filing_id = _labelled(desk)
    target = desk.folder / "answer.zip"
    target.write_bytes(b"an older export")
    cover = b"PK\x03\x04 cover letter docx"
    _export(desk, filing_id, target, as_zip=True, cover=cover)
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert names == ["00 - Cover letter.docx", INDEX_NAME, *EXPECTED]
        for name, data in EXPECTED.items():
            assert archive.read(name) == data
        assert archive.read("00 - Cover letter.docx") == cover
        index = archive.read(INDEX_NAME).decode("utf-8")
    _check_index(index)
    assert f"00  Cover letter\n    File: 00 - Cover letter.docx\n    Size: {len(cover)} bytes\n" \
           f"    SHA-256: {_sha(cover)}\n" in index
    assert all("/" not in n and "\\" not in n and ".." not in n for n in names)
    assert sorted(p.name for p in desk.folder.iterdir()) == ["answer.zip", "incoming",
                                                             "practice"]


def test_the_stored_cover_letter_goes_first(desk: Desk) -> None:
    filing_id = _filing(desk, docs=2)
    with pytest.raises(InvalidInput, match="is a document of another case"):
        desk.practice.write(filings.set_cover_document, filing_id=filing_id,
                            document_id=desk.foreign_doc)
    desk.practice.write(filings.set_cover_document, filing_id=filing_id,
                        document_id=desk.docs[2])  # the declaration stands in for a letter
    target = desk.folder / "pkg"
    _export(desk, filing_id, target, as_zip=False)
    assert sorted(p.name for p in target.iterdir()) == [
        "00 - Cover letter.txt", INDEX_NAME, "01 - Motion to dismiss.pdf", "02 - exhibit a.docx"]
    assert (target / "00 - Cover letter.txt").read_bytes() == FILES["Declaration of Smith.txt"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and file kinds")
def test_exports_get_the_permissions_of_a_normal_save(desk: Desk) -> None:
    filing_id = _labelled(desk)
    old = os.umask(0o027)
    try:
        _export(desk, filing_id, desk.folder / "pkg", as_zip=False)
        _export(desk, filing_id, desk.folder / "pkg.zip", as_zip=True)
    finally:
        os.umask(old)
    assert stat.S_IMODE((desk.folder / "pkg").stat().st_mode) == 0o750
    assert {stat.S_IMODE(p.stat().st_mode) for p in (desk.folder / "pkg").iterdir()} == {0o640}
    assert stat.S_IMODE((desk.folder / "pkg.zip").stat().st_mode) == 0o640
    (desk.folder / "pkg.zip").chmod(0o600)  # a replaced zip keeps its own
    _export(desk, filing_id, desk.folder / "pkg.zip", as_zip=True)
    assert stat.S_IMODE((desk.folder / "pkg.zip").stat().st_mode) == 0o600
    link = desk.folder / "link.zip"
    link.symlink_to(desk.folder / "pkg.zip")
    before = (desk.folder / "pkg.zip").read_bytes()
    with pytest.raises(InvalidInput, match="is a symbolic link, not a regular file"):
        _export(desk, filing_id, link, as_zip=True)
    assert link.is_symlink() and (desk.folder / "pkg.zip").read_bytes() == before
    assert not [p for p in desk.folder.iterdir() if p.name.startswith(".")]


def _damage(desk: Desk, data: bytes) -> None:
    path = desk.practice.blobs.path_for(_sha(data))
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    path.write_bytes(b"tampered" + data)


@pytest.mark.parametrize("as_zip", [False, True])
def test_a_damaged_stored_file_stops_the_export_leaving_nothing(desk: Desk,
                                                                as_zip: bool) -> None:
    filing_id = _labelled(desk)
    _damage(desk, FILES["Declaration of Smith.txt"])  # the last one: the others were written
    target = desk.folder / ("out.zip" if as_zip else "out")
    before = sorted(p.name for p in desk.folder.iterdir())
    with pytest.raises(EnvironmentFault, match="The stored file of “Declaration of Smith” "
                                               r"\(number 3 of Answer and exhibits\) is damaged"):
        _export(desk, filing_id, target, as_zip=as_zip)
    assert sorted(p.name for p in desk.folder.iterdir()) == before


def test_a_missing_stored_file_or_a_cancel_leaves_nothing(desk: Desk) -> None:
    filing_id = _labelled(desk)
    desk.practice.blobs.remove(_sha(FILES["exhibit_a.docx"]))
    with pytest.raises(EnvironmentFault, match=r"“Exhibit A” \(number 2 .*\) is missing"):
        _export(desk, filing_id, desk.folder / "out", as_zip=False)
    plan = desk.practice.read(package_plan, _filing(desk, docs=1, title="Other"))
    seen: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        write_package(desk.practice.blobs, plan, desk.folder / "out.zip", as_zip=True,
                      progress=lambda done, total: seen.append((done, total)),
                      cancelled=lambda: bool(seen))
    assert seen == [(1, 2)]
    assert sorted(p.name for p in desk.folder.iterdir()) == ["incoming", "practice"]


def test_export_refuses_empty_filings_deleted_documents_and_bad_targets(desk: Desk) -> None:
    empty = _filing(desk, docs=0, title="Empty")
    with pytest.raises(RuleViolation, match="has no documents to export"):
        _export(desk, empty, desk.folder / "x", as_zip=False)
    filing_id = _filing(desk, docs=2)
    with pytest.raises(InvalidInput, match=r"folder .*nowhere does not exist"):
        _export(desk, filing_id, desk.folder / "nowhere" / "x.zip", as_zip=True)
    with pytest.raises(InvalidInput, match=r"is a folder; name the \.zip file"):
        _export(desk, filing_id, desk.folder / "incoming", as_zip=True)
    desk.practice.write(documents.delete_document, document_id=desk.docs[1])
    with pytest.raises(RuleViolation, match=r"Number 2 of the filing \(exhibit a\) was deleted"):
        _export(desk, filing_id, desk.folder / "x", as_zip=False)
    assert sorted(p.name for p in desk.folder.iterdir()) == ["incoming", "practice"]


@pytest.mark.parametrize(("title", "file_name", "expected"), [
    ("../x", "a.pdf", "01 - .._x.pdf"),
    ("..\\..\\Windows\\evil", "a.pdf", "01 - .._.._Windows_evil.pdf"),
    ("CON", "con.txt", "01 - CON.txt"),
    ("/etc/passwd", "passwd", "01 - _etc_passwd"),
    ("a:b*c?d\"e<f>g|h", "x.docx", "01 - a_b_c_d_e_f_g_h.docx"),
    ("...", "x.pdf", "01 - document.pdf"),
    ("Motion\n\tto dismiss", "m.PDF", "01 - Motion to dismiss.PDF"),
    ("Answer", "../../evil.exe.pdf", "01 - Answer.pdf"),
])
def test_hostile_titles_give_plain_names(title: str, file_name: str, expected: str) -> None:
    assert package_name(1, title, file_name) == expected


def test_a_very_long_title_is_cut_keeping_number_and_extension() -> None:
    name = package_name(7, "Exhibit " + "x" * 500, "scan.pdf", width=3)
    assert name.startswith("007 - Exhibit xxx") and name.endswith("x.pdf")
    assert len(name) <= 130


def test_hostile_titles_export_to_safe_paths(desk: Desk) -> None:
    filing_id = _filing(desk)
    ids = _item_ids(desk, filing_id)
    for item_id, text in zip(ids, ["../x", "CON", "y" * 200], strict=True):
        desk.practice.write(filings.set_label, filing_id=filing_id, item_id=item_id, label=text)
    target = desk.folder / "pkg.zip"
    _export(desk, filing_id, target, as_zip=True)
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
    assert names[:3] == [INDEX_NAME, "01 - .._x.pdf", "02 - CON.docx"]
    assert names[3].startswith("03 - yyy") and names[3].endswith(".txt")
    folder = desk.folder / "pkg"
    _export(desk, filing_id, folder, as_zip=False)
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)
    assert all(p.parent == folder for p in folder.rglob("*"))


# -- the (filing, position) constraint on a server -------------------------------------------
@pytest.fixture(params=[pytest.param("postgresql", marks=pytest.mark.postgres)])
def server_desk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Desk]:
    with open_desk(request.param, tmp_path / "desk") as (practice, _reader):
        yield _build(practice, tmp_path)


def test_reordering_on_postgresql(server_desk: Desk) -> None:
    desk = server_desk
    filing_id = _filing(desk)
    ids = _item_ids(desk, filing_id)
    desk.practice.write(filings.reorder_items, filing_id=filing_id, item_ids=ids[::-1])
    assert _order(desk, filing_id) == [(1, desk.docs[2]), (2, desk.docs[1]), (3, desk.docs[0])]
    desk.practice.write(filings.remove_item, filing_id=filing_id, item_id=ids[1])
    assert _order(desk, filing_id) == [(1, desk.docs[2]), (2, desk.docs[0])]

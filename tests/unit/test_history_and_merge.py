"""Edits leave a trace in the case history; merging keeps removed parties removed; contact
search takes `%` and `_` literally; a missing row is never named by its UUID."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from casedesk.domain.enums import PartyRole, StaffRole, TaskStatus
from casedesk.domain.errors import NotFound
from casedesk.domain.models import Activity, Party
from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from casedesk.services import cases, contacts, notes, parties, staff, tasks


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def desk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Practice]:
    """A practice on a SQLite file, and on the server (the merge's SQL must suit both)."""
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    with Practice(resolve(tmp_path / "desk", url)) as practice:
        yield practice


def _case(practice: Practice) -> uuid.UUID:
    _changes, case_id = practice.write(cases.create_case, number="2026-CV-0007",
                                       title="Kang v. Harbor", opened_on=date(2026, 1, 5))
    return case_id


def _history(practice: Practice, case_id: uuid.UUID) -> list[tuple[str, str]]:
    """(action, summary) of the case's history, oldest first."""
    def read(session: Session) -> list[tuple[str, str]]:
        rows = session.exec(select(Activity).where(col(Activity.case_id) == case_id)
                            .order_by(col(Activity.at))).all()
        return [(a.action, a.summary) for a in rows]
    return practice.read(read)


def _only_task(practice: Practice, case_id: uuid.UUID) -> uuid.UUID:
    return practice.read(cases.get_case_detail, case_id).tasks[0].id


def test_editing_a_task_logs_what_changed_and_only_then(practice: Practice) -> None:
    case_id = _case(practice)
    practice.write(staff.add_staff, name="Ann Attorney", role=StaffRole.ATTORNEY)
    ann = practice.read(staff.list_staff)[0].id
    practice.write(tasks.add_task, case_id=case_id, title="Draft answer",
                   due_on=date(2026, 11, 2))
    task_id = _only_task(practice, case_id)
    before = _history(practice, case_id)

    # Saving the dialog unchanged is no event.
    practice.write(tasks.update_task, task_id=task_id, title="Draft answer",
                   due_on=date(2026, 11, 2))
    assert _history(practice, case_id) == before

    practice.write(tasks.update_task, task_id=task_id, title="Draft answer",
                   due_on=date(2026, 11, 6), actor_staff_id=ann)
    action, summary = _history(practice, case_id)[-1]
    assert action == "task_updated"
    assert summary == "Task 'Draft answer': due Mon 2 Nov → Fri 6 Nov 2026"

    practice.write(tasks.update_task, task_id=task_id, title="Draft the answer",
                   due_on=date(2027, 1, 4), status=TaskStatus.IN_PROGRESS,
                   assignee_staff_id=ann, priority="high")
    _action, summary = _history(practice, case_id)[-1]
    assert summary == ("Task 'Draft answer': renamed to 'Draft the answer'; due Fri 6 Nov 2026 "
                       "→ Mon 4 Jan 2027; status open → in progress; assigned nobody → "
                       "Ann Attorney; priority normal → high")
    assert len(_history(practice, case_id)) == len(before) + 2
    who = [a.who for a in practice.read(cases.get_case_detail, case_id).activity
           if a.action == "task_updated"]
    assert who[-1] == "Ann Attorney"  # the edit that gave an actor (newest first)

    practice.write(tasks.update_task, task_id=task_id, title="Draft the answer", due_on=None,
                   status=TaskStatus.IN_PROGRESS, assignee_staff_id=ann, priority="high")
    assert _history(practice, case_id)[-1][1] == ("Task 'Draft the answer': due Mon 4 Jan 2027 "
                                                  "→ none")


def test_a_task_edit_that_is_refused_logs_nothing(practice: Practice) -> None:
    case_id = _case(practice)
    practice.write(tasks.add_task, case_id=case_id, title="Draft answer")
    task_id = _only_task(practice, case_id)
    before = _history(practice, case_id)
    with pytest.raises(Exception, match="not a date"):
        practice.write(tasks.update_task, task_id=task_id, title="Draft answer",
                       due_on="6 Nov")
    assert _history(practice, case_id) == before


def test_editing_a_note_logs_only_a_real_change(practice: Practice) -> None:
    case_id = _case(practice)
    practice.write(notes.add_note, case_id=case_id, text="Called the client.")
    note_id = practice.read(cases.get_case_detail, case_id).notes[0].id
    before = _history(practice, case_id)
    practice.write(notes.edit_note, note_id=note_id, text="  Called the client.  ")
    assert _history(practice, case_id) == before
    practice.write(notes.edit_note, note_id=note_id, text="Called the client twice.\nNo answer.")
    assert _history(practice, case_id)[-1] == ("note_edited",
                                               "Note edited: Called the client twice.")


def _parties_of(practice: Practice, case_id: uuid.UUID) -> list[tuple[uuid.UUID, uuid.UUID,
                                                                       PartyRole, bool]]:
    def read(session: Session) -> list[tuple[uuid.UUID, uuid.UUID, PartyRole, bool]]:
        rows = session.exec(select(Party).where(col(Party.case_id) == case_id)).all()
        return sorted((p.id, p.contact_id, p.role, p.deleted_at is None) for p in rows)
    return practice.read(read)


def test_merging_never_revives_a_removed_party(desk: Practice) -> None:
    practice = desk
    case_id = _case(practice)
    _c, keep = practice.write(contacts.create_contact, name="Carmen Kang")
    _c, dup = practice.write(contacts.create_contact, name="C. Kang")
    _c, counsel = practice.write(contacts.create_contact, name="Rita Hayes")
    # Carmen was a witness, then deliberately taken off the case as a witness ...
    practice.write(parties.add_party, case_id=case_id, contact_id=keep, role=PartyRole.WITNESS)
    removed_id = practice.read(cases.get_case_detail, case_id).parties[0].id
    practice.write(parties.remove_party, party_id=removed_id)
    # ... while her duplicate is an opposing party (and a witness, represented by counsel).
    practice.write(parties.add_party, case_id=case_id, contact_id=dup,
                   role=PartyRole.OPPOSING_PARTY)
    practice.write(parties.add_party, case_id=case_id, contact_id=dup, role=PartyRole.WITNESS,
                   represented_by_id=counsel)
    live_witness = next(p.id for p in practice.read(cases.get_case_detail, case_id).parties
                        if p.role is PartyRole.WITNESS)

    practice.write(contacts.merge_contacts, keep_id=keep, duplicate_ids=[dup])

    detail = practice.read(cases.get_case_detail, case_id)
    live = sorted((p.role.value, p.contact_id, p.represented_by_id) for p in detail.parties)
    assert live == [("opposing_party", keep, None), ("witness", keep, counsel)]
    # The live witness row carries on (same id, its own representation); the removed row
    # stays removed, with its history, under the merged duplicate.
    witness = next(p for p in detail.parties if p.role is PartyRole.WITNESS)
    assert witness.id == live_witness
    rows = {row[0]: row for row in _parties_of(practice, case_id)}
    assert rows[removed_id] == (removed_id, dup, PartyRole.WITNESS, False)
    assert len(rows) == 3


def test_merging_into_a_live_party_in_the_same_role_keeps_one(practice: Practice) -> None:
    case_id = _case(practice)
    _c, keep = practice.write(contacts.create_contact, name="Carmen Kang")
    _c, dup = practice.write(contacts.create_contact, name="C. Kang")
    for contact_id in (keep, dup):
        practice.write(parties.add_party, case_id=case_id, contact_id=contact_id,
                       role=PartyRole.CLIENT)
    practice.write(contacts.merge_contacts, keep_id=keep, duplicate_ids=[dup])
    detail = practice.read(cases.get_case_detail, case_id)
    assert [(p.role, p.contact_id) for p in detail.parties] == [(PartyRole.CLIENT, keep)]


def test_find_contacts_takes_percent_and_underscore_literally(desk: Practice) -> None:
    practice = desk
    for name, email in (("Acme 100% Ltd", ""), ("Acme 1000 Ltd", ""),
                        ("Jo Smith", "jo_smith@example.com"), ("Jo Smith", "joXsmith@example.com")):
        practice.write(contacts.create_contact, name=name, email=email)
    assert [c.name for c in practice.read(contacts.find_contacts, "100%")] == ["Acme 100% Ltd"]
    found = practice.read(contacts.find_contacts, "jo_smith")
    assert [c.email for c in found] == ["jo_smith@example.com"]
    assert practice.read(contacts.find_contacts, "%") == [
        c for c in practice.read(contacts.find_contacts, "100%")]
    assert practice.read(contacts.find_contacts, "\\") == []


def test_not_found_names_the_thing_without_its_uuid(practice: Practice) -> None:
    missing = uuid.uuid4()
    with pytest.raises(NotFound) as caught:
        practice.read(cases.get_case_detail, missing)
    assert caught.value.message == "This case no longer exists (it may have been deleted)."
    assert str(missing) not in str(caught.value) and missing.hex not in str(caught.value)
    assert caught.value.key == missing and caught.value.what == "case"
    assert "staff member no longer exists" in NotFound("staff member", str(missing)).message
    # A key people typed (a case number) is theirs to see.
    assert NotFound("case numbered", "2026-CV-9").message == (
        "No case numbered 2026-CV-9 was found (it may have been deleted).")

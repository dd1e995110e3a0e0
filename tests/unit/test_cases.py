"""Cases, parties, notes and tasks through the services, in real units of work."""

from __future__ import annotations

from datetime import date

import pytest

from casedesk.domain.enums import CaseStatus, PartyRole, TaskStatus
from casedesk.domain.errors import ConcurrentEdit, InvalidInput, NotFound, RuleViolation
from casedesk.persistence.practice import Practice
from casedesk.services import cases, contacts, notes, parties, staff, tasks


def _new_case(practice: Practice, number: str = "2026-CV-0001", title: str = "Smith v. Acme"):
    _changes, case_id = practice.write(cases.create_case, number=number, title=title,
                                       opened_on=date(2026, 1, 5))
    return case_id


def test_create_case_starts_at_version_one_and_logs(practice: Practice) -> None:
    case_id = _new_case(practice)
    detail = practice.read(cases.get_case_detail, case_id)
    assert (detail.number, detail.title, detail.version) == ("2026-CV-0001", "Smith v. Acme", 1)
    assert detail.status is CaseStatus.INTAKE
    assert detail.created_at.tzinfo is not None
    assert [a.action for a in detail.activity] == ["case_opened"]


def test_edit_moves_version_on_once_and_refuses_stale_version(practice: Practice) -> None:
    case_id = _new_case(practice)
    practice.write(cases.update_case, case_id=case_id, expected_version=1,
                   number="2026-CV-0001", title="Smith v. Acme Corp", status="open")
    detail = practice.read(cases.get_case_detail, case_id)
    assert (detail.title, detail.version, detail.status) == ("Smith v. Acme Corp", 2,
                                                             CaseStatus.OPEN)
    with pytest.raises(ConcurrentEdit):
        practice.write(cases.update_case, case_id=case_id, expected_version=1,
                       number="2026-CV-0001", title="Lost update", status="open")
    assert practice.read(cases.get_case_detail, case_id).title == "Smith v. Acme Corp"


def test_duplicate_number_and_missing_title_are_refused(practice: Practice) -> None:
    _new_case(practice)
    with pytest.raises(InvalidInput, match="already used"):
        _new_case(practice)
    with pytest.raises(InvalidInput, match="Title is required"):
        practice.write(cases.create_case, number="2026-CV-0002", title="  ")
    with pytest.raises(InvalidInput, match="time zone"):
        practice.write(cases.create_case, number="2026-CV-0003", title="T",
                       court_time_zone="Mars/Olympus")


def test_close_and_reopen(practice: Practice) -> None:
    case_id = _new_case(practice)
    practice.write(cases.close_case, case_id=case_id, closed_on=date(2026, 3, 1))
    detail = practice.read(cases.get_case_detail, case_id)
    assert detail.status is CaseStatus.CLOSED and detail.closed_on == date(2026, 3, 1)
    with pytest.raises(RuleViolation):
        practice.write(cases.close_case, case_id=case_id)
    with pytest.raises(RuleViolation, match="closed"):
        practice.write(tasks.add_task, case_id=case_id, title="Too late")
    practice.write(cases.reopen_case, case_id=case_id)
    detail = practice.read(cases.get_case_detail, case_id)
    assert detail.status is CaseStatus.OPEN and detail.closed_on is None


def test_parties_roles_and_client_names(practice: Practice) -> None:
    case_id = _new_case(practice)
    _c, client = practice.write(contacts.create_contact, name="John Smith")
    _c, counsel = practice.write(contacts.create_contact, name="Dana Lawyer")
    _c, opponent = practice.write(contacts.create_contact, name="Acme Corp",
                                  kind="organization")
    practice.write(parties.add_party, case_id=case_id, contact_id=client, role="client")
    practice.write(parties.add_party, case_id=case_id, contact_id=opponent,
                   role="opposing_party", represented_by_id=counsel)
    practice.write(parties.add_party, case_id=case_id, contact_id=counsel,
                   role="opposing_counsel")
    with pytest.raises(RuleViolation, match="already client"):
        practice.write(parties.add_party, case_id=case_id, contact_id=client, role="client")
    detail = practice.read(cases.get_case_detail, case_id)
    assert [(p.name, p.role) for p in detail.parties] == [
        ("John Smith", PartyRole.CLIENT), ("Acme Corp", PartyRole.OPPOSING_PARTY),
        ("Dana Lawyer", PartyRole.OPPOSING_COUNSEL)]
    assert detail.parties[1].represented_by_name == "Dana Lawyer"
    from casedesk.services.case_list import CaseFilter, case_page

    row = case_page(practice.reader, CaseFilter(text="john"), offset=0, limit=5)
    assert [r.client_names for r in row] == ["John Smith"]
    practice.write(parties.remove_party, party_id=detail.parties[0].id)
    assert case_page(practice.reader, CaseFilter(text="john"), offset=0, limit=5) == []


def test_notes_and_tasks(practice: Practice) -> None:
    case_id = _new_case(practice)
    practice.write(staff.add_staff, name="Pat Paralegal", role="paralegal")
    pat = practice.read(staff.list_staff)[0]
    practice.write(notes.add_note, case_id=case_id, text="Called client", author_staff_id=pat.id)
    practice.write(tasks.add_task, case_id=case_id, title="Draft answer",
                   assignee_staff_id=pat.id, due_on="2026-02-01", priority="high")
    detail = practice.read(cases.get_case_detail, case_id)
    assert [(n.author, n.text) for n in detail.notes] == [("Pat Paralegal", "Called client")]
    task = detail.tasks[0]
    assert (task.title, task.assignee, task.due_on) == ("Draft answer", "Pat Paralegal",
                                                        date(2026, 2, 1))
    assert detail.next_due == date(2026, 2, 1)
    practice.write(tasks.set_task_done, task_id=task.id)
    detail = practice.read(cases.get_case_detail, case_id)
    assert detail.tasks[0].status is TaskStatus.DONE and detail.next_due is None
    with pytest.raises(InvalidInput, match="not a date"):
        practice.write(tasks.add_task, case_id=case_id, title="X", due_on="31/12/2026")


def test_unknown_ids_are_not_found(practice: Practice) -> None:
    import uuid

    with pytest.raises(NotFound):
        practice.read(cases.get_case_detail, uuid.uuid4())


def test_failed_unit_of_work_leaves_nothing(practice: Practice) -> None:
    with pytest.raises(InvalidInput), practice.transaction() as session:
        cases.create_case(session, number="2026-CV-0009", title="Half")
        cases.create_case(session, number="2026-CV-0010", title="")
    from casedesk.services.case_list import CaseFilter, count_cases

    assert count_cases(practice.reader, CaseFilter(status="")) == 0

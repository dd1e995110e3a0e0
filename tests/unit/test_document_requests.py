"""Document requests: the per-case checklist, its life cycle, and the practice-wide overdue list
on every backend."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from casedesk.domain.errors import ConcurrentEdit, InvalidInput, NotFound, RuleViolation
from casedesk.domain.models import Activity, Case, DocumentRequest
from casedesk.domain.types import utcnow
from casedesk.persistence.practice import Practice
from casedesk.persistence.reader import Reader
from casedesk.services import cases, contacts, document_request_list, document_requests, documents
from casedesk.services.document_requests import RequestStatus
from tests.unit.list_backends import BACKENDS, open_desk

TODAY = date(2026, 3, 10)


def add(practice: Practice, case_id: uuid.UUID, item: str, **kw: Any) -> uuid.UUID:
    _c, request_id = practice.write(document_requests.add_request, case_id=case_id, item=item,
                                    **kw)
    return uuid.UUID(str(request_id))


def add_doc(practice: Practice, case_id: uuid.UUID, name: str) -> uuid.UUID:
    stored = practice.blobs.put_bytes(name.encode())
    _c, ids = practice.write(documents.add_documents, case_id=case_id,
                             files=[documents.NewFile(stored=stored, file_name=name)])
    return uuid.UUID(str(ids[0]))


@pytest.fixture
def office(practice: Practice) -> dict[str, Any]:
    ids: dict[str, Any] = {}
    _c, ids["case"] = practice.write(cases.create_case, number="2026-CV-0001",
                                     title="Smith v. Acme", opened_on="2026-01-05")
    _c, ids["other"] = practice.write(cases.create_case, number="2026-CV-0002",
                                      title="Doe v. Roe", opened_on="2026-01-05")
    _c, ids["jane"] = practice.write(contacts.create_contact, name="Jane Smith")
    return ids


def test_add_defaults_to_today_and_validates(practice: Practice, office: dict[str, Any]
                                             ) -> None:
    due = date.today() + timedelta(days=14)
    request_id = add(practice, office["case"], "  Bank statements 2025 ",
                     contact_id=office["jane"], due_on=due, notes="All accounts")
    row = practice.read(document_requests.get_request, request_id)
    assert (row.item, row.requested_on, row.due_on) == (
        "Bank statements 2025", date.today(), due)
    assert (row.contact_name, row.notes, row.status) == (
        "Jane Smith", "All accounts", RequestStatus.OUTSTANDING)
    assert not row.overdue and row.days_overdue == 0
    with pytest.raises(InvalidInput, match="What is requested is required") as caught:
        add(practice, office["case"], "   ")
    assert caught.value.field == "item"
    with pytest.raises(InvalidInput, match=r"due date \(2026-02-01\) is before") as caught:
        add(practice, office["case"], "Tax returns", requested_on="2026-03-01",
            due_on="2026-02-01")
    assert caught.value.field == "due_on"
    with pytest.raises(InvalidInput, match="'soon' is not a date"):
        add(practice, office["case"], "Tax returns", due_on="soon")
    with pytest.raises(NotFound):
        add(practice, office["case"], "Tax returns", contact_id=uuid.uuid4())
    practice.write(cases.close_case, case_id=office["other"], closed_on="2026-03-01")
    with pytest.raises(RuleViolation, match="2026-CV-0002 is closed"):
        add(practice, office["other"], "Anything")
    assert len(practice.read(document_requests.list_for_case, office["case"])) == 1


def test_edit_checks_the_version_and_logs_real_changes(practice: Practice,
                                                       office: dict[str, Any]) -> None:
    request_id = add(practice, office["case"], "Lease", requested_on="2026-03-01")
    practice.write(document_requests.edit_request, request_id=request_id, expected_version=1,
                   item="Signed lease", requested_on="2026-03-02", due_on="2026-03-20")
    row = practice.read(document_requests.get_request, request_id)
    assert (row.item, row.requested_on, row.due_on, row.version) == (
        "Signed lease", date(2026, 3, 2), date(2026, 3, 20), 2)
    with pytest.raises(ConcurrentEdit):
        practice.write(document_requests.edit_request, request_id=request_id,
                       expected_version=1, item="Lease", requested_on="2026-03-02")
    practice.write(document_requests.edit_request, request_id=request_id, expected_version=2,
                   item="Signed lease", requested_on="2026-03-02", due_on="2026-03-20")
    assert practice.read(document_requests.get_request, request_id).version == 2
    summaries = practice.read(lambda s: [a.summary for a in s.exec(
        select(Activity).where(Activity.action == "document_request_edited")
        .order_by(Activity.at))])
    assert summaries == ["Request edited: Signed lease"]


def test_receive_reopen_withdraw_delete(practice: Practice, office: dict[str, Any]) -> None:
    request_id = add(practice, office["case"], "Payslips", requested_on="2026-03-01",
                     due_on="2026-03-05")
    mine = add_doc(practice, office["case"], "payslips.pdf")
    foreign = add_doc(practice, office["other"], "other.pdf")
    with pytest.raises(InvalidInput, match="belongs to another case") as caught:
        practice.write(document_requests.mark_received, request_id=request_id,
                       document_id=foreign)
    assert caught.value.field == "document_id"
    practice.write(document_requests.mark_received, request_id=request_id,
                   received_on="2026-03-08", document_id=mine)
    row = practice.read(document_requests.get_request, request_id, today=TODAY)
    assert (row.status, row.received_on, row.document_title) == (
        RequestStatus.RECEIVED, date(2026, 3, 8), "payslips")
    assert not row.overdue  # received, so not overdue though its due date has passed
    with pytest.raises(RuleViolation, match="already received"):
        practice.write(document_requests.withdraw_request, request_id=request_id)

    practice.write(document_requests.reopen_request, request_id=request_id)
    row = practice.read(document_requests.get_request, request_id, today=TODAY)
    assert (row.status, row.received_on, row.document_id) == (
        RequestStatus.OUTSTANDING, None, None)
    assert row.overdue and row.days_overdue == 5

    practice.write(document_requests.withdraw_request, request_id=request_id,
                   withdrawn_on="2026-03-09")
    row = practice.read(document_requests.get_request, request_id, today=TODAY)
    assert (row.status, row.withdrawn_on, row.overdue) == (
        RequestStatus.WITHDRAWN, date(2026, 3, 9), False)
    assert practice.read(document_requests.outstanding, office["case"], TODAY) == []

    practice.write(document_requests.delete_request, request_id=request_id)
    assert practice.read(document_requests.list_for_case, office["case"]) == []
    assert practice.read(lambda s: s.get(DocumentRequest, request_id).deleted_at  # type: ignore[union-attr]
                         ) is not None
    with pytest.raises(NotFound):
        practice.write(document_requests.mark_received, request_id=request_id)


def test_checklist_order_and_the_outstanding_items(practice: Practice,
                                                   office: dict[str, Any]) -> None:
    asked = date(2026, 3, 1)
    no_due = add(practice, office["case"], "ID card", requested_on=asked)
    later = add(practice, office["case"], "Lease", requested_on=asked, due_on="2026-03-20")
    late = add(practice, office["case"], "Payslips", requested_on=asked, due_on="2026-03-04")
    today = add(practice, office["case"], "Bank letter", requested_on=asked,
                due_on=TODAY)
    got = add(practice, office["case"], "Tax return", requested_on=asked, due_on="2026-03-02")
    practice.write(document_requests.mark_received, request_id=got, received_on="2026-03-03")
    gone = add(practice, office["case"], "Old policy", requested_on=asked)
    practice.write(document_requests.withdraw_request, request_id=gone)
    add(practice, office["other"], "Elsewhere", requested_on=asked, due_on="2026-03-02")

    rows = practice.read(document_requests.list_for_case, office["case"], today=TODAY)
    assert [(r.id, r.status.value) for r in rows] == [
        (late, "outstanding"), (today, "outstanding"), (later, "outstanding"),
        (no_due, "outstanding"), (got, "received"), (gone, "withdrawn")]
    open_items = practice.read(document_requests.outstanding, office["case"], TODAY)
    assert [(r.item, r.overdue, r.days_overdue) for r in open_items] == [
        ("Payslips", True, 6), ("Bank letter", False, 0), ("Lease", False, 0),
        ("ID card", False, 0)]


@pytest.fixture(params=BACKENDS)
def desk(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[tuple[Practice, Reader, dict[str, uuid.UUID]]]:
    """Requests on two open cases, a closed one and a deleted one."""
    with open_desk(request.param, tmp_path_factory.mktemp("desk")) as (practice, reader):
        ids: dict[str, uuid.UUID] = {}
        for key, number in (("a", "2026-CV-0001"), ("b", "2026-CV-0002"),
                            ("closed", "2026-CV-0003"), ("gone", "2026-CV-0004")):
            _c, ids[key] = practice.write(cases.create_case, number=number,
                                          title=f"Case {key}", opened_on="2026-01-05")
        asked = date(2026, 2, 1)
        for key, item, due in (("a", "A late 3", "2026-03-07"), ("a", "A late 9", "2026-03-01"),
                               ("a", "A due today", TODAY), ("a", "A later", "2026-03-25"),
                               ("a", "A no date", None), ("b", "B late 1", "2026-03-09"),
                               ("closed", "Closed late", "2026-03-01"),
                               ("gone", "Deleted case late", "2026-03-01")):
            ids[item] = add(practice, ids[key], item, requested_on=asked, due_on=due)
        received = add(practice, ids["b"], "B received", requested_on=asked,
                       due_on="2026-03-01")
        practice.write(document_requests.mark_received, request_id=received)
        withdrawn = add(practice, ids["b"], "B withdrawn", requested_on=asked,
                        due_on="2026-03-01")
        practice.write(document_requests.withdraw_request, request_id=withdrawn)
        deleted = add(practice, ids["b"], "B deleted", requested_on=asked,
                      due_on="2026-03-01")
        practice.write(document_requests.delete_request, request_id=deleted)
        practice.write(cases.close_case, case_id=ids["closed"], closed_on="2026-03-05")
        practice.write(lambda s: setattr(s.get(Case, ids["gone"]), "deleted_at", utcnow()))
        yield practice, reader, ids


def test_overdue_across_open_cases_on_every_backend(desk) -> None:
    practice, reader, ids = desk
    rows = document_requests.overdue_requests(reader, TODAY)
    assert [(r.item, r.case_number, r.days_overdue, r.overdue) for r in rows] == [
        ("A late 9", "2026-CV-0001", 9, True), ("A late 3", "2026-CV-0001", 3, True),
        ("B late 1", "2026-CV-0002", 1, True)]
    assert rows[0].case_title == "Case a" and rows[0].due_on == date(2026, 3, 1)
    assert rows[0].id == ids["A late 9"] and rows[0].case_id == ids["a"]
    assert [r.item for r in document_requests.overdue_requests(reader, TODAY, limit=2)] == [
        "A late 9", "A late 3"]
    # The same through a session (e.g. inside a unit of work).
    assert [r.item for r in practice.read(document_requests.overdue_requests, TODAY)] == [
        "A late 9", "A late 3", "B late 1"]


def test_coming_up_and_all_outstanding_on_every_backend(desk) -> None:
    _practice, reader, ids = desk
    week = document_requests.outstanding_requests(reader, today=TODAY,
                                                  through=TODAY + timedelta(days=15))
    assert [(r.item, r.days_overdue) for r in week] == [
        ("A late 9", 9), ("A late 3", 3), ("B late 1", 1), ("A due today", 0),
        ("A later", -15)]
    everything = document_requests.outstanding_requests(reader, today=TODAY,
                                                        case_id=ids["a"])
    assert [r.item for r in everything] == [
        "A late 9", "A late 3", "A due today", "A later", "A no date"]
    assert everything[-1].due_on is None and everything[-1].days_overdue == 0


def test_the_overdue_query_uses_the_due_index(practice: Practice, office: dict[str, Any],
                                              tmp_path: Path) -> None:
    add(practice, office["case"], "Something", requested_on="2026-03-01", due_on="2026-03-02")
    sql = document_request_list._DUE_SQL.format(due="r.due_on <= :through", case="",
                                                order="r.due_on, c.number, r.item")
    plan = practice.reader.rows("EXPLAIN QUERY PLAN " + sql, {
        "closed": "closed", "limit": 10, "through": "2026-03-09"})
    assert any("ix_document_requests_due" in str(step[-1]) for step in plan), plan

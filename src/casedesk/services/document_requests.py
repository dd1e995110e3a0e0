"""Document requests: a per-case checklist of what the client must provide.

Each request is asked for on a date, may be due by one, and is either outstanding, received
(on a date, optionally with the document that answered it) or withdrawn (no longer needed).
Overdue requests across the open cases are read with plain SQL over ix_document_requests_due
(received_on, due_on) for the "coming up" and overdue lists.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from casedesk.domain.changes import Changes
from casedesk.domain.enums import CaseStatus
from casedesk.domain.errors import InvalidInput, RuleViolation
from casedesk.domain.models import Case, Contact, Document, DocumentRequest, Staff
from casedesk.persistence.reader import Params, Reader
from casedesk.services import document_request_list as request_list
from casedesk.services.common import (
    check_version,
    get_live,
    log_activity,
    optional_text,
    parse_date,
    required_text,
    soft_delete,
)
from casedesk.services.document_request_list import MAX_ITEM as MAX_ITEM
from casedesk.services.document_request_list import DocumentRequestRow as DocumentRequestRow
from casedesk.services.document_request_list import DueRequestRow as DueRequestRow
from casedesk.services.document_request_list import RequestStatus as RequestStatus

_CHANGES = Changes(document_requests=True, cases=True)


# -- validation ---------------------------------------------------------------------------------
def _contact(session: Session, contact_id: uuid.UUID | None) -> uuid.UUID | None:
    if contact_id is not None:
        get_live(session, Contact, contact_id, "contact")
    return contact_id


def _actor(session: Session, staff_id: uuid.UUID | None) -> None:
    if staff_id is not None:
        get_live(session, Staff, staff_id, "staff member")


def _dates(requested_on: date | str | None, due_on: date | str | None) -> tuple[date, date | None]:
    asked = parse_date(requested_on, "requested_on") or date.today()
    due = parse_date(due_on, "due_on")
    if due is not None and due < asked:
        raise InvalidInput(f"The due date ({due.isoformat()}) is before the date the item was "
                           f"requested ({asked.isoformat()}).", field="due_on")
    return asked, due


def _document(session: Session, case_id: uuid.UUID, document_id: uuid.UUID | None
              ) -> uuid.UUID | None:
    if document_id is None:
        return None
    doc = session.get(Document, document_id)
    if doc is None or doc.deleted_at is not None:
        raise InvalidInput("The document no longer exists (it may have been deleted).",
                           field="document_id")
    if doc.case_id != case_id:
        raise InvalidInput(f"The document {doc.title!r} belongs to another case.",
                           field="document_id")
    return doc.id


def _request(session: Session, request_id: uuid.UUID, expected_version: int | None
             ) -> DocumentRequest:
    request = get_live(session, DocumentRequest, request_id, "document request")
    check_version(request, expected_version, "document request")
    return request


def _log(session: Session, request: DocumentRequest, action: str, text: str,
         actor_staff_id: uuid.UUID | None) -> None:
    log_activity(session, case_id=request.case_id, action=action,
                 summary=f"{text}: {request.item}", staff_id=actor_staff_id)


# -- writes -----------------------------------------------------------------------------------
def add_request(session: Session, *, case_id: uuid.UUID, item: str,
                requested_on: date | str | None = None, due_on: date | str | None = None,
                contact_id: uuid.UUID | None = None, notes: str = "",
                request_id: uuid.UUID | None = None,
                actor_staff_id: uuid.UUID | None = None) -> tuple[Changes, uuid.UUID]:
    """Ask the client for something (requested today unless a date is given)."""
    case = get_live(session, Case, case_id, "case")
    if case.status is CaseStatus.CLOSED:
        raise RuleViolation(f"Case {case.number} is closed; reopen it to request documents.")
    _actor(session, actor_staff_id)
    asked, due = _dates(requested_on, due_on)
    request = DocumentRequest(
        id=request_id or uuid.uuid4(), case_id=case.id,
        item=required_text(item, "item", "What is requested", max_len=MAX_ITEM),
        requested_on=asked, due_on=due, contact_id=_contact(session, contact_id),
        notes=optional_text(notes, field="notes", label="The notes"))
    session.add(request)
    _log(session, request, "document_requested", "Requested", actor_staff_id)
    return _CHANGES, request.id


def edit_request(session: Session, *, request_id: uuid.UUID, item: str,
                 requested_on: date | str | None, due_on: date | str | None = None,
                 contact_id: uuid.UUID | None = None, notes: str = "",
                 expected_version: int | None = None,
                 actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Change what is asked for, of whom, and by when (not whether it came: see below)."""
    request = _request(session, request_id, expected_version)
    new_item = required_text(item, "item", "What is requested", max_len=MAX_ITEM)
    asked, due = _dates(requested_on or request.requested_on, due_on)
    new_contact = _contact(session, contact_id)
    new_notes = optional_text(notes, field="notes", label="The notes")
    changed = (new_item, asked, due, new_contact, new_notes) != (
        request.item, request.requested_on, request.due_on, request.contact_id, request.notes)
    request.item, request.requested_on, request.due_on = new_item, asked, due
    request.contact_id, request.notes = new_contact, new_notes
    if changed:
        _log(session, request, "document_request_edited", "Request edited", actor_staff_id)
    return _CHANGES


def mark_received(session: Session, *, request_id: uuid.UUID,
                  received_on: date | str | None = None, document_id: uuid.UUID | None = None,
                  expected_version: int | None = None,
                  actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Record that the item came (today unless a date is given), with the document that
    answered it when there is one (a document of the same case)."""
    request = _request(session, request_id, expected_version)
    request.received_on = parse_date(received_on, "received_on") or date.today()
    request.document_id = _document(session, request.case_id, document_id)
    request.withdrawn_on = None  # it came after all
    _log(session, request, "document_received", "Received", actor_staff_id)
    return _CHANGES


def reopen_request(session: Session, *, request_id: uuid.UUID,
                   expected_version: int | None = None,
                   actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Outstanding again (received by mistake, incomplete, or needed after all)."""
    request = _request(session, request_id, expected_version)
    if request.received_on is None and request.withdrawn_on is None:
        return Changes()
    request.received_on = None
    request.withdrawn_on = None
    request.document_id = None
    _log(session, request, "document_request_reopened", "Request reopened", actor_staff_id)
    return _CHANGES


def withdraw_request(session: Session, *, request_id: uuid.UUID,
                     withdrawn_on: date | str | None = None,
                     expected_version: int | None = None,
                     actor_staff_id: uuid.UUID | None = None) -> Changes:
    """No longer needed: it leaves the outstanding list but stays in the checklist."""
    request = _request(session, request_id, expected_version)
    if request.received_on is not None:
        raise RuleViolation(f"{request.item!r} was already received; reopen it first.")
    request.withdrawn_on = parse_date(withdrawn_on, "withdrawn_on") or date.today()
    _log(session, request, "document_request_withdrawn", "Request withdrawn", actor_staff_id)
    return _CHANGES


def delete_request(session: Session, *, request_id: uuid.UUID,
                   expected_version: int | None = None,
                   actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Soft-delete (entered by mistake); the row stays for the history."""
    request = _request(session, request_id, expected_version)
    soft_delete(request)
    _log(session, request, "document_request_deleted", "Request deleted", actor_staff_id)
    return _CHANGES


# -- one case's checklist --------------------------------------------------------------------------
def _status(request: DocumentRequest) -> RequestStatus:
    if request.received_on is not None:
        return RequestStatus.RECEIVED
    if request.withdrawn_on is not None:
        return RequestStatus.WITHDRAWN
    return RequestStatus.OUTSTANDING


def _rows(session: Session, requests: list[DocumentRequest], today: date
          ) -> list[DocumentRequestRow]:
    contact_ids = {r.contact_id for r in requests if r.contact_id}
    doc_ids = {r.document_id for r in requests if r.document_id}
    contacts = {c.id: c.name for c in session.exec(
        select(Contact).where(col(Contact.id).in_(contact_ids)))} if contact_ids else {}
    docs = {d.id: d.title for d in session.exec(
        select(Document).where(col(Document.id).in_(doc_ids),
                               col(Document.deleted_at).is_(None)))} if doc_ids else {}
    rows: list[DocumentRequestRow] = []
    for r in requests:
        status = _status(r)
        late = (today - r.due_on).days if status is RequestStatus.OUTSTANDING \
            and r.due_on is not None and r.due_on < today else 0
        rows.append(DocumentRequestRow(
            id=r.id, case_id=r.case_id, item=r.item, requested_on=r.requested_on,
            due_on=r.due_on, received_on=r.received_on, withdrawn_on=r.withdrawn_on,
            document_id=r.document_id if r.document_id in docs else None,
            document_title=docs.get(r.document_id, "") if r.document_id else "",
            contact_id=r.contact_id,
            contact_name=contacts.get(r.contact_id, "") if r.contact_id else "",
            notes=r.notes, status=status, overdue=late > 0, days_overdue=late,
            version=r.version))
    return rows


def _sort_key(row: DocumentRequestRow) -> tuple[int, date, date, str]:
    order = {RequestStatus.OUTSTANDING: 0, RequestStatus.RECEIVED: 1,
             RequestStatus.WITHDRAWN: 2}[row.status]
    return (order, row.due_on or date.max, row.requested_on, row.item.casefold())


def list_for_case(session: Session, case_id: uuid.UUID, *, today: date | None = None
                  ) -> list[DocumentRequestRow]:
    """The whole checklist: outstanding first (soonest due first), then received, withdrawn."""
    requests = list(session.exec(select(DocumentRequest).where(
        DocumentRequest.case_id == case_id, col(DocumentRequest.deleted_at).is_(None))).all())
    return sorted(_rows(session, requests, today or date.today()), key=_sort_key)


def get_request(session: Session, request_id: uuid.UUID, *, today: date | None = None
                ) -> DocumentRequestRow:
    request = get_live(session, DocumentRequest, request_id, "document request")
    return _rows(session, [request], today or date.today())[0]


def outstanding(session: Session, case_id: uuid.UUID, today: date | None = None
                ) -> list[DocumentRequestRow]:
    """What the client still owes (not received, not withdrawn), soonest due first; each
    row says whether it is overdue against `today` (default: the computer's date)."""
    requests = list(session.exec(select(DocumentRequest).where(
        DocumentRequest.case_id == case_id, col(DocumentRequest.deleted_at).is_(None),
        col(DocumentRequest.received_on).is_(None),
        col(DocumentRequest.withdrawn_on).is_(None))).all())
    return sorted(_rows(session, requests, today or date.today()), key=_sort_key)


# -- across the practice (plain SQL, in document_request_list.py; here on a session too) -----------
class _SessionReader:
    """The Reader interface on a session's own connection (so a caller inside a unit of work
    sees what it has written)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self.dialect = str(session.get_bind().dialect.name)

    def rows(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]:
        from sqlalchemy import text

        bound = {k: _sqlite_value(v) for k, v in (params or {}).items()} \
            if self.dialect == "sqlite" else dict(params or {})
        return [tuple(r) for r in self._session.connection().execute(text(sql), bound)]

    def close(self) -> None:
        """The session belongs to the caller."""


def _sqlite_value(value: Any) -> Any:
    """A parameter as SQLite stores it (ids as hex, dates as ISO text)."""
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, date):
        return value.isoformat()
    return value


def _as_reader(source: Reader | Session) -> Reader:
    return _SessionReader(source) if isinstance(source, Session) else source


def outstanding_requests(source: Reader | Session, *, today: date,
                         through: date | None = None, case_id: uuid.UUID | None = None,
                         limit: int = 200) -> list[DueRequestRow]:
    """Outstanding requests of cases that are not closed, soonest due first (see
    `document_request_list.outstanding_requests`); `source` may be a session, whose unit of
    work then sees what it has written."""
    return request_list.outstanding_requests(_as_reader(source), today=today, through=through,
                                             case_id=case_id, limit=limit)


def overdue_requests(source: Reader | Session, today: date, limit: int = 200
                     ) -> list[DueRequestRow]:
    """Outstanding requests due before `today`, oldest due first (see
    `document_request_list.overdue_requests`), on a reader or a session."""
    return request_list.overdue_requests(_as_reader(source), today, limit=limit)

"""A case's correspondence log: letters, e-mails, calls, meetings and court notices.

Each entry says which way it went (in/out), when, between whom, what it was about, and which
of the case's documents belong to it (the letter sent, an e-mail and its attachments). The
links are their own rows (`correspondence_documents`), so changing them does not move the
entry's `version`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from casedesk.domain.changes import Changes
from casedesk.domain.enums import CorrespondenceKind, Direction, label
from casedesk.domain.errors import InvalidInput
from casedesk.domain.models import (
    Case,
    Contact,
    Correspondence,
    CorrespondenceDocument,
    Document,
    Staff,
)
from casedesk.services.common import (
    check_version,
    get_live,
    log_activity,
    optional_text,
    parse_date,
    soft_delete,
)
from casedesk.services.correspondence_list import CorrespondenceListRow as CorrespondenceListRow
from casedesk.services.correspondence_list import CorrespondenceRow as CorrespondenceRow
from casedesk.services.correspondence_list import LinkedDocument as LinkedDocument
from casedesk.services.correspondence_list import count_for_case as count_for_case
from casedesk.services.correspondence_list import page_for_case as page_for_case

MAX_SUBJECT = 500
MAX_PARTIES_TEXT = 5_000  # "To" of an e-mail to a long list
MAX_SUMMARY = 20_000
MAX_MESSAGE_ID = 998  # the longest header line RFC 5322 allows

_CHANGES = Changes(correspondence=True, cases=True, search=True)


# -- validation ---------------------------------------------------------------------------------
def parse_kind(value: CorrespondenceKind | str) -> CorrespondenceKind:
    try:
        return CorrespondenceKind(str(value).strip().lower())
    except ValueError:
        names = ", ".join(k.value for k in CorrespondenceKind)
        raise InvalidInput(f"{value!r} is not a kind of correspondence (use one of: {names}).",
                           field="kind") from None


def parse_direction(value: Direction | str) -> Direction:
    text = str(value).strip().lower()
    text = {"incoming": "in", "outgoing": "out"}.get(text, text)
    try:
        return Direction(text)
    except ValueError:
        raise InvalidInput(f"{value!r} is not a direction (use in or out).",
                           field="direction") from None


def _instant(value: datetime | str | None) -> datetime | None:
    """An aware time as UTC; a naive one is refused (its zone would be a guess)."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise InvalidInput(f"{value!r} is not a date and time (use ISO 8601 with an "
                               "offset, e.g. 2026-03-02T14:30:00+00:00).", field="at") from None
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidInput("The time of the correspondence needs a time zone.", field="at")
    return value.astimezone(UTC)


def _on_date(value: date | str | None) -> date:
    day = parse_date(value, "on_date")
    if day is None:
        raise InvalidInput("The date of the correspondence is required.", field="on_date")
    return day


def _contact(session: Session, contact_id: uuid.UUID | None) -> uuid.UUID | None:
    if contact_id is not None:
        get_live(session, Contact, contact_id, "contact")
    return contact_id


def _staff(session: Session, staff_id: uuid.UUID | None, what: str = "staff member"
           ) -> uuid.UUID | None:
    if staff_id is not None:
        get_live(session, Staff, staff_id, what)
    return staff_id


def _case_documents(session: Session, case_id: uuid.UUID, document_ids: Iterable[uuid.UUID]
                    ) -> list[uuid.UUID]:
    """The ids (duplicates dropped, order kept), each a live document of this case."""
    ids = list(dict.fromkeys(document_ids))
    if not ids:
        return []
    # A query (not session.get) so documents added earlier in this transaction are seen.
    found = {d.id: d for d in session.exec(select(Document).where(col(Document.id).in_(ids)))}
    for doc_id in ids:
        doc = found.get(doc_id)
        if doc is None or doc.deleted_at is not None:
            raise InvalidInput("A linked document no longer exists (it may have been deleted).",
                               field="document_ids")
        if doc.case_id != case_id:
            raise InvalidInput(f"The document {doc.title!r} belongs to another case; only this "
                               "case's documents can be linked.", field="document_ids")
    return ids


@dataclass(frozen=True, slots=True)
class _Fields:
    kind: CorrespondenceKind
    direction: Direction
    on_date: date
    at: datetime | None
    subject: str
    from_text: str
    to_text: str
    contact_id: uuid.UUID | None
    staff_id: uuid.UUID | None
    summary: str


def _fields(session: Session, *, kind: CorrespondenceKind | str, direction: Direction | str,
            on_date: date | str | None, at: datetime | str | None, subject: str | None,
            from_text: str | None, to_text: str | None, contact_id: uuid.UUID | None,
            staff_id: uuid.UUID | None, summary: str | None) -> _Fields:
    return _Fields(
        kind=parse_kind(kind), direction=parse_direction(direction), on_date=_on_date(on_date),
        at=_instant(at),
        subject=" ".join(optional_text(subject, max_len=MAX_SUBJECT, field="subject",
                                       label="The subject").split()),
        from_text=optional_text(from_text, max_len=MAX_PARTIES_TEXT, field="from_text",
                                label="From"),
        to_text=optional_text(to_text, max_len=MAX_PARTIES_TEXT, field="to_text", label="To"),
        contact_id=_contact(session, contact_id), staff_id=_staff(session, staff_id),
        summary=optional_text(summary, max_len=MAX_SUMMARY, field="summary",
                              label="The summary"))


def describe(kind: CorrespondenceKind, direction: Direction, subject: str) -> str:
    """'Letter out: Engagement terms' (for the case history)."""
    what = label(kind) if kind is not CorrespondenceKind.EMAIL else "E-mail"
    return f"{what} {direction.value}: {subject or '(no subject)'}"[:200]


def _set_links(session: Session, entry: Correspondence, document_ids: Sequence[uuid.UUID]
               ) -> bool:
    """Make the entry's links exactly these documents, in this order; True if they changed."""
    current = session.exec(select(CorrespondenceDocument).where(
        CorrespondenceDocument.correspondence_id == entry.id)).all()
    before = [link.document_id for link in sorted(current, key=lambda link: link.position)]
    if before == list(document_ids):
        return False
    for link in current:
        session.delete(link)
    session.flush()
    for position, doc_id in enumerate(document_ids):
        session.add(CorrespondenceDocument(correspondence_id=entry.id, document_id=doc_id,
                                           position=position))
    return True


# -- writes -----------------------------------------------------------------------------------
def add_correspondence(session: Session, *, case_id: uuid.UUID,
                       kind: CorrespondenceKind | str, direction: Direction | str,
                       on_date: date | str | None, subject: str = "", from_text: str = "",
                       to_text: str = "", contact_id: uuid.UUID | None = None,
                       staff_id: uuid.UUID | None = None, summary: str = "",
                       document_ids: Sequence[uuid.UUID] = (),
                       at: datetime | str | None = None, message_id: str = "",
                       correspondence_id: uuid.UUID | None = None,
                       actor_staff_id: uuid.UUID | None = None
                       ) -> tuple[Changes, uuid.UUID]:
    """Log one communication on a case (closed cases too: it is a record of what happened).

    `at` is the exact time when known (aware; stored in UTC); `on_date` is the day it is
    listed under. Linked documents must be live documents of the same case.
    """
    case = get_live(session, Case, case_id, "case")
    _staff(session, actor_staff_id)
    data = _fields(session, kind=kind, direction=direction, on_date=on_date, at=at,
                   subject=subject, from_text=from_text, to_text=to_text,
                   contact_id=contact_id, staff_id=staff_id, summary=summary)
    msg_id = optional_text(message_id, max_len=MAX_MESSAGE_ID, field="message_id",
                           label="The message id")
    docs = _case_documents(session, case.id, document_ids)
    entry = Correspondence(id=correspondence_id or uuid.uuid4(), case_id=case.id,
                           message_id=msg_id, **_as_kwargs(data))
    session.add(entry)
    session.flush()
    _set_links(session, entry, docs)
    log_activity(session, case_id=case.id, action="correspondence_added",
                 summary=describe(entry.kind, entry.direction, entry.subject),
                 staff_id=actor_staff_id)
    return _CHANGES, entry.id


def _as_kwargs(data: _Fields) -> dict[str, Any]:
    return {f.name: getattr(data, f.name) for f in fields(_Fields)}


def edit_correspondence(session: Session, *, correspondence_id: uuid.UUID,
                        kind: CorrespondenceKind | str, direction: Direction | str,
                        on_date: date | str | None, subject: str = "", from_text: str = "",
                        to_text: str = "", contact_id: uuid.UUID | None = None,
                        staff_id: uuid.UUID | None = None, summary: str = "",
                        at: datetime | str | None = None,
                        document_ids: Sequence[uuid.UUID] | None = None,
                        expected_version: int | None = None,
                        actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Change an entry; `document_ids` None keeps its links, a sequence replaces them."""
    entry = get_live(session, Correspondence, correspondence_id, "correspondence entry")
    check_version(entry, expected_version, "correspondence entry")
    data = _fields(session, kind=kind, direction=direction, on_date=on_date, at=at,
                   subject=subject, from_text=from_text, to_text=to_text,
                   contact_id=contact_id, staff_id=staff_id, summary=summary)
    docs = None if document_ids is None else _case_documents(session, entry.case_id,
                                                             document_ids)
    changed = [name for name, value in _as_kwargs(data).items()
               if getattr(entry, name) != value]
    for name in changed:
        setattr(entry, name, getattr(data, name))
    if docs is not None and _set_links(session, entry, docs):
        changed.append("documents")
    if changed:
        log_activity(session, case_id=entry.case_id, action="correspondence_edited",
                     summary=f"Edited: {describe(entry.kind, entry.direction, entry.subject)}",
                     staff_id=actor_staff_id)
    return _CHANGES


def delete_correspondence(session: Session, *, correspondence_id: uuid.UUID,
                          expected_version: int | None = None,
                          actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Soft-delete an entry; its documents stay in the case file."""
    entry = get_live(session, Correspondence, correspondence_id, "correspondence entry")
    check_version(entry, expected_version, "correspondence entry")
    soft_delete(entry)
    log_activity(session, case_id=entry.case_id, action="correspondence_deleted",
                 summary=f"Deleted: {describe(entry.kind, entry.direction, entry.subject)}",
                 staff_id=actor_staff_id)
    return _CHANGES


def link_documents(session: Session, *, correspondence_id: uuid.UUID,
                   document_ids: Sequence[uuid.UUID],
                   actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Link more of the case's documents to an entry (ones already linked stay as they are)."""
    entry = get_live(session, Correspondence, correspondence_id, "correspondence entry")
    current = _linked_ids(session, entry.id)
    wanted = _case_documents(session, entry.case_id, [*current, *document_ids])
    if _set_links(session, entry, wanted):
        log_activity(session, case_id=entry.case_id, action="correspondence_linked",
                     summary=f"Documents linked to "
                             f"{describe(entry.kind, entry.direction, entry.subject)}",
                     staff_id=actor_staff_id)
    return _CHANGES


def unlink_documents(session: Session, *, correspondence_id: uuid.UUID,
                     document_ids: Sequence[uuid.UUID],
                     actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Remove links (the documents themselves stay in the case file)."""
    entry = get_live(session, Correspondence, correspondence_id, "correspondence entry")
    drop = set(document_ids)
    current = _linked_ids(session, entry.id)
    if _set_links(session, entry, [d for d in current if d not in drop]):
        log_activity(session, case_id=entry.case_id, action="correspondence_unlinked",
                     summary=f"Documents unlinked from "
                             f"{describe(entry.kind, entry.direction, entry.subject)}",
                     staff_id=actor_staff_id)
    return _CHANGES


def _linked_ids(session: Session, entry_id: uuid.UUID) -> list[uuid.UUID]:
    links = session.exec(select(CorrespondenceDocument)
                         .where(CorrespondenceDocument.correspondence_id == entry_id)
                         .order_by(col(CorrespondenceDocument.position))).all()
    return [link.document_id for link in links]


def message_imported(session: Session, case_id: uuid.UUID, message_id: str) -> bool:
    """Whether a live entry of the case carries this e-mail Message-ID."""
    if not message_id:
        return False
    return session.exec(select(Correspondence.id).where(
        Correspondence.case_id == case_id, Correspondence.message_id == message_id,
        col(Correspondence.deleted_at).is_(None)).limit(1)).first() is not None


# -- reading (the row types and the plain-SQL log page are in correspondence_list.py) -----------
def _rows(session: Session, entries: Sequence[Correspondence]) -> list[CorrespondenceRow]:
    if not entries:
        return []
    ids = [e.id for e in entries]
    contact_ids = {e.contact_id for e in entries if e.contact_id}
    staff_ids = {e.staff_id for e in entries if e.staff_id}
    contacts = {c.id: c.name for c in session.exec(
        select(Contact).where(col(Contact.id).in_(contact_ids)))} if contact_ids else {}
    staff = {s.id: s.name for s in session.exec(
        select(Staff).where(col(Staff.id).in_(staff_ids)))} if staff_ids else {}
    links: dict[uuid.UUID, list[LinkedDocument]] = {}
    query = (select(CorrespondenceDocument.correspondence_id, Document.id, Document.title,
                    Document.file_name)
             .join(Document, col(Document.id) == col(CorrespondenceDocument.document_id))
             .where(col(CorrespondenceDocument.correspondence_id).in_(ids),
                    col(Document.deleted_at).is_(None))
             .order_by(col(CorrespondenceDocument.position)))
    for entry_id, doc_id, title, file_name in session.exec(query):
        links.setdefault(entry_id, []).append(LinkedDocument(doc_id, title, file_name))
    return [CorrespondenceRow(
        id=e.id, case_id=e.case_id, kind=e.kind, direction=e.direction, on_date=e.on_date,
        at=e.at, subject=e.subject, from_text=e.from_text, to_text=e.to_text,
        contact_id=e.contact_id, contact_name=contacts.get(e.contact_id, "")
        if e.contact_id else "", staff_id=e.staff_id,
        staff_name=staff.get(e.staff_id, "") if e.staff_id else "", summary=e.summary,
        message_id=e.message_id, documents=tuple(links.get(e.id, ())), version=e.version)
        for e in entries]


def list_for_case(session: Session, case_id: uuid.UUID) -> list[CorrespondenceRow]:
    """A case's live entries, newest first (by day, then time when known)."""
    entries = session.exec(
        select(Correspondence)
        .where(Correspondence.case_id == case_id, col(Correspondence.deleted_at).is_(None))
        .order_by(col(Correspondence.on_date).desc(),
                  func.coalesce(col(Correspondence.at), col(Correspondence.created_at)).desc(),
                  col(Correspondence.created_at).desc())).all()
    return _rows(session, entries)


def get_correspondence(session: Session, correspondence_id: uuid.UUID) -> CorrespondenceRow:
    entry = get_live(session, Correspondence, correspondence_id, "correspondence entry")
    return _rows(session, [entry])[0]

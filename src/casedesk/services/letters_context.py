"""What a letter template sees: the case's facts as plain values, written the way letters write
them ("November 27, 2026", "9:30 AM"). The shape is `export.letter_schema.SCHEMA`."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import Session, col, select

from casedesk.domain.enums import (
    DEADLINE_KINDS,
    ContactKind,
    EventKind,
    EventStatus,
    PartyRole,
    label,
)
from casedesk.domain.errors import InvalidInput
from casedesk.domain.models import Case, Contact, DocumentRequest, Event, Firm, Party, Staff
from casedesk.export.letter_render import plain
from casedesk.export.letter_schema import (
    OPTIONAL_NAMES,
    SCHEMA,
    ListOf,
    letter_date,
    letter_time,
    one_line,
    weekday,
)
from casedesk.services.common import get_live

MAX_LIST_ITEMS = 100  # per list; keeps loops in templates bounded
# Letters go outside the firm: internal deadlines and personal reminders stay out of them.
LETTER_EVENT_KINDS = (EventKind.HEARING, EventKind.TRIAL, EventKind.CONFERENCE,
                      EventKind.DEPOSITION, EventKind.MEETING)
COURT_DATE_KINDS = frozenset({EventKind.HEARING, EventKind.TRIAL, EventKind.CONFERENCE,
                              EventKind.DEPOSITION})
LETTER_DEADLINE_KINDS = (EventKind.FILING_DEADLINE, EventKind.STATUTE_OF_LIMITATIONS)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _firm(session: Session) -> Firm | None:
    return session.exec(select(Firm).where(col(Firm.deleted_at).is_(None))).first()


def firm_today(session: Session) -> date:
    """Today in the firm's zone (the date a letter carries)."""
    firm = _firm(session)
    return datetime.now(_zone(firm.time_zone if firm else "UTC")).date()


def _person(contact: Contact | None, *, salutation: str = "") -> dict[str, Any]:
    if contact is None:
        return {key: "" for key in SCHEMA["client"]}  # type: ignore[union-attr]
    default = "Sir or Madam" if contact.kind is ContactKind.ORGANIZATION else contact.name
    return {"name": contact.name, "organization": contact.organization,
            "address": contact.address, "address_line": one_line(contact.address),
            "email": contact.email, "phone": contact.phone,
            "salutation": salutation or default}


def _live_parties(session: Session, case_id: uuid.UUID) -> list[tuple[Party, Contact]]:
    rows = session.exec(
        select(Party, Contact).join(Contact, col(Contact.id) == Party.contact_id)
        .where(Party.case_id == case_id, col(Party.deleted_at).is_(None),
               col(Contact.deleted_at).is_(None))
        .order_by(col(Party.created_at), col(Party.id))).all()
    return [(party, contact) for party, contact in rows]


def _names(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def _recipient(session: Session, case: Case, parties: list[tuple[Party, Contact]],
               contact_id: uuid.UUID | None, role: PartyRole | None, court: str = ""
               ) -> tuple[dict[str, Any], Contact | None]:
    contact: Contact | None = None
    if contact_id is not None:
        contact = get_live(session, Contact, contact_id, "contact")
    else:
        wanted = role or PartyRole.CLIENT
        contact = next((c for p, c in parties if p.role is wanted), None)
        if contact is None and wanted is PartyRole.COURT_CLERK:
            clerk = _person(None)
            clerk.update(name="Clerk of the Court", organization=court or case.court,
                         salutation="Clerk", role=label(PartyRole.COURT_CLERK), represents="")
            return clerk, None
        if contact is None:
            raise InvalidInput(f"Case {case.number} has no {label(wanted).lower()}; choose "
                               "the recipient.", field="recipient")
    found = _person(contact)
    roles = [p.role for p, c in parties if c.id == contact.id]
    found["role"] = label(roles[0]) if roles else ""
    found["represents"] = _names([c.name for p, c in parties
                                  if p.represented_by_id == contact.id and c.id != contact.id])
    return found, contact


def recipient_id(session: Session, *, case_id: uuid.UUID,
                 recipient_contact_id: uuid.UUID | None = None,
                 recipient_role: PartyRole | str | None = None) -> uuid.UUID | None:
    """The contact `build_context` writes to (None for a court clerk nobody entered)."""
    case = get_live(session, Case, case_id, "case")
    role = PartyRole(recipient_role) if recipient_role else None
    _found, contact = _recipient(session, case, _live_parties(session, case.id),
                                 recipient_contact_id, role)
    return contact.id if contact is not None else None


def _sender(session: Session, case: Case, staff_id: uuid.UUID | None) -> dict[str, Any]:
    staff_id = staff_id or case.responsible_staff_id
    if staff_id is None:
        raise InvalidInput(f"Case {case.number} has no responsible staff member; choose who "
                           "signs the letter.", field="sender")
    staff = get_live(session, Staff, staff_id, "staff member")
    return {"name": staff.name, "email": staff.email, "role": label(staff.role),
            "bar_number": staff.bar_number}


def _event_item(event: Event, firm_zone: str) -> dict[str, Any]:
    if event.all_day or event.starts_at is None:
        first = event.on_date or event.day
        return {"title": event.title, "kind": label(event.kind), "date": letter_date(first),
                "weekday": weekday(first),
                "end_date": letter_date(event.end_day) if event.end_day > first else "",
                "time": "", "end_time": "", "time_zone": "", "location": event.location,
                "all_day": True}
    zone = _zone(event.time_zone or firm_zone)
    starts = event.starts_at.astimezone(zone)
    ends = event.ends_at.astimezone(zone) if event.ends_at else None
    return {"title": event.title, "kind": label(event.kind), "date": letter_date(starts.date()),
            "weekday": weekday(starts.date()),
            "end_date": letter_date(ends.date()) if ends and ends.date() > starts.date() else "",
            "time": letter_time(starts), "end_time": letter_time(ends),
            "time_zone": starts.tzname() or "", "location": event.location, "all_day": False}


def _events(session: Session, case_id: uuid.UUID, today: date, kinds: tuple[EventKind, ...]
            ) -> list[Event]:
    return list(session.exec(
        select(Event).where(Event.case_id == case_id, col(Event.deleted_at).is_(None),
                            Event.status == EventStatus.SCHEDULED, col(Event.end_day) >= today,
                            col(Event.kind).in_(kinds))
        .order_by(col(Event.day), col(Event.all_day).desc(), col(Event.starts_at),
                  col(Event.title))
        .limit(MAX_LIST_ITEMS)).all())


def _requests(session: Session, case_id: uuid.UUID, today: date) -> list[dict[str, Any]]:
    rows = session.exec(
        select(DocumentRequest).where(DocumentRequest.case_id == case_id,
                                      col(DocumentRequest.deleted_at).is_(None),
                                      col(DocumentRequest.received_on).is_(None),
                                      col(DocumentRequest.withdrawn_on).is_(None))
        .order_by(col(DocumentRequest.due_on).is_(None), col(DocumentRequest.due_on),
                  col(DocumentRequest.requested_on), col(DocumentRequest.item))
        .limit(MAX_LIST_ITEMS)).all()
    return [{"item": r.item, "requested_on": letter_date(r.requested_on),
             "due_on": letter_date(r.due_on), "notes": r.notes,
             "overdue": r.due_on is not None and r.due_on < today} for r in rows]


def filing_value(filing: Mapping[str, Any]) -> dict[str, Any]:
    """`extra["filing"]` in the schema's shape (missing fields empty, dates written out)."""
    node = SCHEMA["filing"]
    assert isinstance(node, dict)
    value: dict[str, Any] = {key: plain(filing.get(key)) for key in node if key != "documents"}
    documents = filing.get("documents") or []
    if not isinstance(documents, list | tuple):
        raise InvalidInput("filing.documents must be a list.", field="filing")
    item_node = node["documents"]
    assert isinstance(item_node, ListOf)
    value["documents"] = [{key: plain(doc.get(key) if isinstance(doc, Mapping) else None)
                           for key in item_node.item} for doc in documents[:MAX_LIST_ITEMS * 5]]
    return value


def build_context(session: Session, *, case_id: uuid.UUID,
                  recipient_contact_id: uuid.UUID | None = None,
                  sender_staff_id: uuid.UUID | None = None, today: date | None = None,
                  extra: Mapping[str, Any] | None = None,
                  recipient_role: PartyRole | str | None = None) -> dict[str, Any]:
    """Everything a template can use for a letter on this case (plain dicts, lists and text).

    The recipient defaults to the case's party in `recipient_role` (default: the client; for
    `court_clerk` without one, "Clerk of the Court" at the case's court); the sender to the
    case's responsible staff member; `today` to today in the firm's zone. `extra` may add
    `filing` (see services.filings.filing_context).
    """
    case = get_live(session, Case, case_id, "case")
    firm = _firm(session)
    firm_zone = firm.time_zone if firm else "UTC"
    day = today or datetime.now(_zone(firm_zone)).date()
    parties = _live_parties(session, case.id)
    role = PartyRole(recipient_role) if recipient_role else None
    filing = (extra or {}).get("filing")
    court = str(filing.get("court") or "") if isinstance(filing, Mapping) else ""
    recipient, _contact = _recipient(session, case, parties, recipient_contact_id, role, court)
    client = next((c for p, c in parties if p.role is PartyRole.CLIENT), None)
    event_rows = _events(session, case.id, day, LETTER_EVENT_KINDS)
    events = [_event_item(e, firm_zone) for e in event_rows]
    deadlines = [_event_item(e, firm_zone) for e in _events(session, case.id, day,
                                                            LETTER_DEADLINE_KINDS)
                 if e.kind in DEADLINE_KINDS]
    context: dict[str, Any] = {
        "firm": {"name": firm.name if firm else "", "address": firm.address if firm else "",
                 "address_line": one_line(firm.address) if firm else "",
                 "phone": firm.phone if firm else "", "email": firm.email if firm else ""},
        "case": {"number": case.number, "title": case.title, "court": case.court,
                 "judge": case.judge, "docket_number": case.docket_number,
                 "practice_area": case.practice_area, "opened_on": letter_date(case.opened_on),
                 "status": label(case.status), "description": case.description},
        "client": _person(client),
        "recipient": recipient,
        "sender": _sender(session, case, sender_staff_id),
        "today": letter_date(day),
        "events": events,
        "court_dates": [item for row, item in zip(event_rows, events, strict=True)
                        if row.kind in COURT_DATE_KINDS],
        "deadlines": deadlines,
        "requested_documents": _requests(session, case.id, day),
    }
    for key, value in (extra or {}).items():
        if key not in OPTIONAL_NAMES:
            raise InvalidInput(f"{key!r} is not something a letter can be given (only: "
                               f"{', '.join(sorted(OPTIONAL_NAMES))}).", field="extra")
        if not isinstance(value, Mapping):
            raise InvalidInput(f"{key} must be a mapping of its fields.", field="extra")
        context[key] = filing_value(value)
    result: dict[str, Any] = plain(context)
    return result


# -- names from the command line ---------------------------------------------------------------
def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def find_recipient(session: Session, *, case_id: uuid.UUID, name: str) -> uuid.UUID:
    """The contact a letter on this case is addressed to, by name: a party of the case first,
    then any contact with exactly that name, then a party whose name contains it."""
    import difflib

    case = get_live(session, Case, case_id, "case")
    wanted = _norm(name)
    parties = _live_parties(session, case.id)
    exact = {c.id: c for _p, c in parties if _norm(c.name) == wanted}
    if not exact:
        others = session.exec(select(Contact).where(col(Contact.deleted_at).is_(None),
                                                    col(Contact.merged_into_id).is_(None)))
        exact = {c.id: c for c in others if _norm(c.name) == wanted}
    if not exact and wanted:
        exact = {c.id: c for _p, c in parties if wanted in _norm(c.name)}
    if len(exact) == 1:
        return next(iter(exact))
    if exact:
        raise InvalidInput(f"{len(exact)} contacts match {name.strip()!r}: "
                           f"{', '.join(sorted(c.name for c in exact.values()))}; give the "
                           "full name.", field="recipient")
    names = sorted({c.name for _p, c in parties})
    close = difflib.get_close_matches(name.strip(), names, n=1, cutoff=0.6)
    hint = (f" Did you mean {close[0]!r}?" if close else "") + (
        f" The case's parties are: {', '.join(names)}." if names else "")
    raise InvalidInput(f"No contact named {name.strip()!r} was found.{hint}",
                       field="recipient")


def find_sender(session: Session, name: str) -> uuid.UUID:
    """A live staff member by name (case-insensitive; a unique part of the name will do)."""
    import difflib

    wanted = _norm(name)
    staff = list(session.exec(select(Staff).where(col(Staff.deleted_at).is_(None))))
    matches = [s for s in staff if _norm(s.name) == wanted] or [
        s for s in staff if wanted and wanted in _norm(s.name)]
    if len(matches) == 1:
        return matches[0].id
    if matches:
        raise InvalidInput(f"{len(matches)} staff members match {name.strip()!r}: "
                           f"{', '.join(sorted(s.name for s in matches))}.", field="sender")
    close = difflib.get_close_matches(name.strip(), [s.name for s in staff], n=1, cutoff=0.6)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise InvalidInput(f"No staff member named {name.strip()!r} was found.{hint}",
                       field="sender")

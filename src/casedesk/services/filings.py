"""Filing packages: an ordered set of a case's documents filed with a court, and where it stands.

Status changes, and marking the deadline a filing satisfies done, are in
`services/filing_status.py`; exporting the package in `services/filing_export.py`.

Documents are added, removed, moved and labelled only while a filing is a draft or ready: from
submission on, the package is the record of what went to the court. For the same reason only a
draft or ready filing can be deleted (soft). Positions always run 1..n without gaps, and
(filing, position) is unique, so moves go through `_renumber`.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, func, select

from casedesk.domain.changes import Changes
from casedesk.domain.enums import DEADLINE_KINDS, CaseStatus, FilingStatus, label
from casedesk.domain.errors import InvalidInput, NotFound, RuleViolation
from casedesk.domain.models import Case, Document, Event, Filing, FilingItem, Staff
from casedesk.domain.types import utcnow
from casedesk.services.common import (
    check_version,
    get_live,
    log_activity,
    optional_text,
    required_text,
    soft_delete,
)
from casedesk.services.filing_rows import FilingItemRow as FilingItemRow
from casedesk.services.filing_rows import FilingRow as FilingRow
from casedesk.services.filing_rows import HistoryRow as HistoryRow

MAX_ITEMS = 999
S = FilingStatus
EDITABLE = frozenset({S.DRAFT, S.READY})  # documents can change, the filing can be deleted


def status_label(status: FilingStatus) -> str:
    """The status as a word in a sentence ("submitted"; the GUI shows `enums.label`)."""
    return status.value


# -- helpers ----------------------------------------------------------------------------------
def live_filing(session: Session, filing_id: uuid.UUID, expected_version: int | None = None
                ) -> Filing:
    """The filing, unless deleted or changed since the caller read it."""
    filing = get_live(session, Filing, filing_id, "filing")
    check_version(filing, expected_version, "filing")
    return filing


def staff_ref(session: Session, staff_id: uuid.UUID | None) -> uuid.UUID | None:
    """The staff id, checked (None when nobody is named)."""
    if staff_id is not None:
        get_live(session, Staff, staff_id, "staff member")
    return staff_id


def items_of(session: Session, filing_id: uuid.UUID) -> list[FilingItem]:
    """The filing's items in order."""
    return list(session.exec(select(FilingItem).where(FilingItem.filing_id == filing_id)
                             .order_by(col(FilingItem.position))))


def history_entry(status: FilingStatus, on: date, at: datetime, staff_id: uuid.UUID | None,
                  **extra: object) -> dict[str, object]:
    """One line of a filing's history (empty extras are left out)."""
    entry: dict[str, object] = {"status": status.value, "on": on.isoformat(),
                                "at": at.isoformat(),
                                "staff_id": str(staff_id) if staff_id else None}
    entry.update({k: v for k, v in extra.items() if v not in (None, "")})
    return entry


def _touch(filing: Filing) -> None:
    """An item change is a change of the filing (so an open editor sees it moved on)."""
    filing.version += 1
    filing.updated_at = utcnow()


def _require_editable(filing: Filing) -> None:
    if filing.status not in EDITABLE:
        raise RuleViolation(
            f"The filing “{filing.title}” is {status_label(filing.status)}; its documents can "
            "only change while it is a draft or ready"
            + (" (set it back to draft first)." if filing.status is S.REJECTED else "."))


def _renumber(session: Session, ordered: Sequence[FilingItem]) -> None:
    """Give items positions 1..n in this order, never holding two at one position.

    (filing_id, position) is unique and the database checks it row by row, so items that move
    first park at distinct negative positions, then take their places.
    """
    moving = [(i, item) for i, item in enumerate(ordered, start=1) if item.position != i]
    if not moving:
        return
    for i, item in moving:
        item.position = -i
        session.add(item)
    session.flush()
    for i, item in moving:
        item.position = i
    session.flush()


def _deadline(session: Session, case_id: uuid.UUID, event_id: uuid.UUID | None
              ) -> uuid.UUID | None:
    if event_id is None:
        return None
    event = session.get(Event, event_id)
    if event is None or event.deleted_at is not None:
        raise NotFound("deadline", event_id)
    if event.kind not in DEADLINE_KINDS:
        raise InvalidInput(f"“{event.title}” is a {label(event.kind).lower()}, not a deadline.",
                           field="deadline")
    if event.case_id != case_id:
        raise InvalidInput(f"The deadline “{event.title}” belongs to another case.",
                           field="deadline")
    return event.id


def _item_by_id(session: Session, filing: Filing, item_id: int) -> FilingItem:
    item = session.get(FilingItem, item_id)
    if item is None or item.filing_id != filing.id:
        raise NotFound("document of this filing", item_id)
    return item


# -- the filing itself --------------------------------------------------------------------------
def create_filing(session: Session, *, case_id: uuid.UUID, title: str, court: str | None = None,
                  deadline_event_id: uuid.UUID | None = None, notes: str = "",
                  filing_id: uuid.UUID | None = None,
                  actor_staff_id: uuid.UUID | None = None) -> tuple[Changes, uuid.UUID]:
    """A new draft filing for a case; the court defaults to the case's court."""
    case = get_live(session, Case, case_id, "case")
    if case.status is CaseStatus.CLOSED:
        raise RuleViolation(f"Case {case.number} is closed; reopen it to prepare a filing.")
    filing = Filing(id=filing_id or uuid.uuid4(), case_id=case.id,
                    title=required_text(title, "title", "The filing's title", max_len=300),
                    court=optional_text(case.court if court is None else court, max_len=200,
                                        field="court", label="The court"),
                    deadline_event_id=_deadline(session, case.id, deadline_event_id),
                    notes=optional_text(notes, field="notes", label="The notes"))
    now = utcnow()
    filing.history = [history_entry(S.DRAFT, now.date(), now, staff_ref(session, actor_staff_id))]
    session.add(filing)
    log_activity(session, case_id=case.id, action="filing_created",
                 summary=f"Filing prepared: {filing.title}", staff_id=actor_staff_id)
    return Changes(filings=True, cases=True), filing.id


def edit_filing(session: Session, *, filing_id: uuid.UUID, title: str, court: str,
                deadline_event_id: uuid.UUID | None, notes: str = "",
                expected_version: int | None = None,
                actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Change a filing's title, court, notes and the deadline it satisfies.

    The deadline can change only before submission (or after a rejection): from submission on
    it may have been marked done by this filing.
    """
    filing = live_filing(session, filing_id, expected_version)
    staff_ref(session, actor_staff_id)
    deadline = _deadline(session, filing.case_id, deadline_event_id)
    if deadline != filing.deadline_event_id and filing.status not in (*EDITABLE, S.REJECTED):
        raise RuleViolation(f"The filing “{filing.title}” is {status_label(filing.status)}; "
                            "the deadline it satisfies can no longer change.")
    filing.title = required_text(title, "title", "The filing's title", max_len=300)
    filing.court = optional_text(court, max_len=200, field="court", label="The court")
    filing.notes = optional_text(notes, field="notes", label="The notes")
    filing.deadline_event_id = deadline
    return Changes(filings=True)


def delete_filing(session: Session, *, filing_id: uuid.UUID, expected_version: int | None = None,
                  actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Soft-delete a draft or ready filing (one that went to the court is kept as a record)."""
    filing = live_filing(session, filing_id, expected_version)
    if filing.status not in EDITABLE:
        raise RuleViolation(f"The filing “{filing.title}” is {status_label(filing.status)}; "
                            "only a draft or ready filing can be deleted.")
    soft_delete(filing)
    log_activity(session, case_id=filing.case_id, action="filing_deleted",
                 summary=f"Filing deleted: {filing.title}", staff_id=staff_ref(session,
                                                                            actor_staff_id))
    return Changes(filings=True, cases=True)


def set_cover_document(session: Session, *, filing_id: uuid.UUID,
                       document_id: uuid.UUID | None,
                       expected_version: int | None = None) -> Changes:
    """Make a document of the case the filing's cover letter (None: no cover letter)."""
    filing = live_filing(session, filing_id, expected_version)
    if document_id is not None:
        doc = get_live(session, Document, document_id, "document")
        if doc.case_id != filing.case_id:
            raise InvalidInput(f"“{doc.title}” is a document of another case.",
                               field="cover_document")
    filing.cover_document_id = document_id
    return Changes(filings=True)


# -- its documents -------------------------------------------------------------------------------
def add_documents(session: Session, *, filing_id: uuid.UUID, document_ids: Sequence[uuid.UUID],
                  labels: Sequence[str] | None = None, at_position: int | None = None,
                  expected_version: int | None = None) -> Changes:
    """Add documents of the filing's case, in this order, at the end or before a position."""
    filing = live_filing(session, filing_id, expected_version)
    _require_editable(filing)
    if not document_ids:
        raise InvalidInput("No documents were given.", field="documents")
    if labels is not None and len(labels) != len(document_ids):
        raise InvalidInput("Give one label per document (or none).", field="labels")
    items = items_of(session, filing.id)
    if len(items) + len(document_ids) > MAX_ITEMS:
        raise InvalidInput(f"A filing can hold at most {MAX_ITEMS} documents.",
                           field="documents")
    present = {item.document_id: item.position for item in items}
    new: list[FilingItem] = []
    for n, document_id in enumerate(document_ids):
        doc = session.get(Document, document_id)
        if doc is None or doc.deleted_at is not None:
            raise NotFound("document", document_id)
        if doc.case_id != filing.case_id:
            raise InvalidInput(f"“{doc.title}” is a document of another case.",
                               field="documents")
        if doc.id in present:
            where = f" (number {present[doc.id]})" if present[doc.id] else ""
            raise InvalidInput(f"“{doc.title}” is already in this filing{where}.",
                               field="documents")
        present[doc.id] = 0
        text = labels[n] if labels is not None else ""
        new.append(FilingItem(filing_id=filing.id, document_id=doc.id, position=0,
                              label=optional_text(text, max_len=200, field="label",
                                                  label="The label")))
    at = len(items) + 1 if at_position is None else at_position
    if not 1 <= at <= len(items) + 1:
        raise InvalidInput(f"Position {at_position} is outside 1–{len(items) + 1}.",
                           field="position")
    _renumber(session, [*items[:at - 1], *new, *items[at - 1:]])
    _touch(filing)
    return Changes(filings=True)


def remove_item(session: Session, *, filing_id: uuid.UUID, item_id: int,
                expected_version: int | None = None) -> Changes:
    """Take a document out of the filing (the document itself stays in the case)."""
    filing = live_filing(session, filing_id, expected_version)
    _require_editable(filing)
    item = _item_by_id(session, filing, item_id)
    rest = [i for i in items_of(session, filing.id) if i.id != item.id]
    if not rest and filing.status is S.READY:
        raise RuleViolation("A ready filing needs at least one document; set it back to draft "
                            "to empty it.")
    session.delete(item)
    session.flush()
    _renumber(session, rest)
    _touch(filing)
    return Changes(filings=True)


def move_item(session: Session, *, filing_id: uuid.UUID, item_id: int, to_position: int,
              expected_version: int | None = None) -> Changes:
    """Move one document to another place; the others close up around it."""
    filing = live_filing(session, filing_id, expected_version)
    _require_editable(filing)
    item = _item_by_id(session, filing, item_id)
    items = items_of(session, filing.id)
    if not 1 <= to_position <= len(items):
        raise InvalidInput(f"Position {to_position} is outside 1–{len(items)}.",
                           field="position")
    rest = [i for i in items if i.id != item.id]
    rest.insert(to_position - 1, item)
    _renumber(session, rest)
    _touch(filing)
    return Changes(filings=True)


def reorder_items(session: Session, *, filing_id: uuid.UUID, item_ids: Sequence[int],
                  expected_version: int | None = None) -> Changes:
    """Put every document of the filing in this order (each item id exactly once)."""
    filing = live_filing(session, filing_id, expected_version)
    _require_editable(filing)
    items = {item.id: item for item in items_of(session, filing.id) if item.id is not None}
    if sorted(item_ids) != sorted(items) or len(set(item_ids)) != len(item_ids):
        raise InvalidInput("The new order must list each document of the filing exactly once.",
                           field="order")
    _renumber(session, [items[i] for i in item_ids])
    _touch(filing)
    return Changes(filings=True)


def set_label(session: Session, *, filing_id: uuid.UUID, item_id: int, label: str,
              expected_version: int | None = None) -> Changes:
    """Label a document in the package ("Exhibit A"); empty means its title."""
    filing = live_filing(session, filing_id, expected_version)
    _require_editable(filing)
    item = _item_by_id(session, filing, item_id)
    item.label = optional_text(label, max_len=200, field="label", label="The label")
    session.add(item)
    _touch(filing)
    return Changes(filings=True)


# -- reading (the row types are in services/filing_rows.py, re-exported here) --------------
def _row(session: Session, filing: Filing, *, case_number: str, count: int,
         items: tuple[FilingItemRow, ...] = (), history: tuple[HistoryRow, ...] = ()
         ) -> FilingRow:
    event = session.get(Event, filing.deadline_event_id) if filing.deadline_event_id else None
    return FilingRow(
        id=filing.id, case_id=filing.case_id, case_number=case_number, title=filing.title,
        court=filing.court, status=filing.status, submitted_on=filing.submitted_on,
        accepted_on=filing.accepted_on, rejected_on=filing.rejected_on,
        conformed_on=filing.conformed_on, confirmation_number=filing.confirmation_number,
        rejection_reason=filing.rejection_reason, deadline_event_id=filing.deadline_event_id,
        deadline_title=event.title if event else "", deadline_on=event.day if event else None,
        deadline_status=event.status.value if event else "",
        cover_document_id=filing.cover_document_id, notes=filing.notes, document_count=count,
        created_at=filing.created_at, updated_at=filing.updated_at, version=filing.version,
        items=items, history=history)


def list_for_case(session: Session, case_id: uuid.UUID) -> list[FilingRow]:
    """A case's live filings, newest first, with their history (not their items)."""
    case = get_live(session, Case, case_id, "case")
    filings = session.exec(select(Filing).where(Filing.case_id == case.id,
                                                col(Filing.deleted_at).is_(None))
                           .order_by(col(Filing.created_at).desc())).all()
    counts: dict[uuid.UUID, int] = dict(session.exec(
        select(FilingItem.filing_id, func.count())
        .where(col(FilingItem.filing_id).in_([f.id for f in filings]))
        .group_by(col(FilingItem.filing_id))).all())
    staff = {s.id: s.name for s in session.exec(select(Staff))}
    return [_row(session, f, case_number=case.number, count=counts.get(f.id, 0),
                 history=tuple(_history_row(entry, staff) for entry in f.history))
            for f in filings]


def get_filing(session: Session, filing_id: uuid.UUID) -> FilingRow:
    """One filing with its documents in order and its history."""
    filing = get_live(session, Filing, filing_id, "filing")
    case = session.get(Case, filing.case_id)
    rows: list[FilingItemRow] = []
    for item in items_of(session, filing.id):
        doc = session.get(Document, item.document_id)
        assert doc is not None and item.id is not None  # foreign key, flushed row
        rows.append(FilingItemRow(
            id=item.id, position=item.position, document_id=doc.id, label=item.label,
            title=doc.title, file_name=doc.file_name, media_type=doc.media_type, size=doc.size,
            version=doc.current_version, sha256=doc.sha256,
            document_deleted=doc.deleted_at is not None))
    staff = {s.id: s.name for s in session.exec(select(Staff))}
    history = tuple(_history_row(entry, staff) for entry in filing.history)
    return _row(session, filing, case_number=case.number if case else "", count=len(rows),
                items=tuple(rows), history=history)


def _history_row(entry: dict[str, Any], staff: dict[uuid.UUID, str]) -> HistoryRow:
    staff_id = entry.get("staff_id")
    return HistoryRow(status=FilingStatus(entry["status"]), on=date.fromisoformat(entry["on"]),
                      at=datetime.fromisoformat(entry["at"]),
                      staff=staff.get(uuid.UUID(staff_id), "") if staff_id else "",
                      note=str(entry.get("note") or ""), reason=str(entry.get("reason") or ""),
                      confirmation_number=str(entry.get("confirmation_number") or ""))


def find_filing(session: Session, *, case_id: uuid.UUID, key: str) -> uuid.UUID:
    """A live filing of the case by its id or its title (case-insensitive), for the CLI."""
    text = key.strip()
    filings = session.exec(select(Filing).where(Filing.case_id == case_id,
                                                col(Filing.deleted_at).is_(None))).all()
    try:
        wanted = uuid.UUID(text)
    except ValueError:
        wanted = None
    matches = [f for f in filings if f.id == wanted] or [
        f for f in filings if " ".join(f.title.casefold().split())
        == " ".join(text.casefold().split())]
    if not matches:
        raise NotFound("filing", text)
    if len(matches) > 1:
        ids = ", ".join(str(f.id) for f in matches)
        raise InvalidInput(f"{len(matches)} filings of this case are called {text!r}; "
                           f"name one by its id ({ids}).", field="filing")
    return matches[0].id


def filing_context(session: Session, filing_id: uuid.UUID) -> dict[str, object]:
    """What a cover-letter template sees as `filing` (pass it as extra={"filing": ...}).

    title, court, confirmation_number, status (its label: "Ready"), submitted_on, deadline
    (its title) and deadline_date (dates as dates; `letters` writes them out), and
    `documents` in package order: `number` (1, 2...), `title` (the label, else the document's
    title) and `file_name` (the numbered name it has in an exported package).
    """
    from casedesk.services.filing_export import package_name

    row = get_filing(session, filing_id)
    width = len(str(len(row.items)))
    return {
        "title": row.title, "court": row.court, "confirmation_number": row.confirmation_number,
        "status": label(row.status), "submitted_on": row.submitted_on,
        "deadline": row.deadline_title, "deadline_date": row.deadline_on,
        "documents": [{"number": item.position, "title": item.shown_title,
                       "file_name": package_name(item.position, item.shown_title,
                                                 item.file_name, width=width)}
                      for item in row.items],
    }

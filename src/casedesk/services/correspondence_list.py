"""The snapshots of a case's correspondence, and its log read a page at a time with plain SQL.

Kept apart from `services/correspondence.py` (the writes, over SQLModel) so the main window
imports them without SQLAlchemy (docs/architecture.md, "Cold start"); `correspondence`
re-exports them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from casedesk.domain.enums import CorrespondenceKind, Direction
from casedesk.persistence.reader import Reader, as_date, as_opt_uuid, as_utc, as_uuid


@dataclass(frozen=True, slots=True)
class LinkedDocument:
    id: uuid.UUID
    title: str
    file_name: str


@dataclass(frozen=True, slots=True)
class CorrespondenceRow:
    """One entry of a case's log, as the GUI and the letters show it."""

    id: uuid.UUID
    case_id: uuid.UUID
    kind: CorrespondenceKind
    direction: Direction
    on_date: date
    at: datetime | None
    subject: str
    from_text: str
    to_text: str
    contact_id: uuid.UUID | None
    contact_name: str
    staff_id: uuid.UUID | None
    staff_name: str
    summary: str
    message_id: str
    documents: tuple[LinkedDocument, ...]
    version: int

    @property
    def document_ids(self) -> tuple[uuid.UUID, ...]:
        return tuple(d.id for d in self.documents)

    @property
    def document_titles(self) -> tuple[str, ...]:
        return tuple(d.title for d in self.documents)


# -- plain SQL, for a table that may grow long ----------------------------------------------------
@dataclass(frozen=True, slots=True)
class CorrespondenceListRow:
    """One line of the log table (no summary text or document titles)."""

    id: uuid.UUID
    kind: CorrespondenceKind
    direction: Direction
    on_date: date
    at: datetime | None
    subject: str
    from_text: str
    to_text: str
    contact_id: uuid.UUID | None
    contact_name: str
    staff_name: str
    document_count: int
    version: int


_LIST_SQL = """
SELECT e.id, e.kind, e.direction, e.on_date, e.at, e.subject, e.from_text, e.to_text,
       e.contact_id, ct.name, s.name,
       (SELECT count(*) FROM correspondence_documents l JOIN documents d ON d.id = l.document_id
         WHERE l.correspondence_id = e.id AND d.deleted_at IS NULL),
       e.version
FROM correspondence e
LEFT JOIN contacts ct ON ct.id = e.contact_id
LEFT JOIN staff s ON s.id = e.staff_id
WHERE e.case_id = :case_id AND e.deleted_at IS NULL
ORDER BY e.on_date DESC, COALESCE(e.at, e.created_at) DESC, e.created_at DESC
LIMIT :limit OFFSET :offset
"""


def count_for_case(reader: Reader, case_id: uuid.UUID) -> int:
    rows = reader.rows("SELECT count(*) FROM correspondence WHERE case_id = :case_id "
                       "AND deleted_at IS NULL", {"case_id": case_id})
    return int(rows[0][0])


def page_for_case(reader: Reader, case_id: uuid.UUID, *, limit: int = 200, offset: int = 0
                  ) -> list[CorrespondenceListRow]:
    """A page of a case's log, newest first (the same order as correspondence.list_for_case)."""
    rows = reader.rows(_LIST_SQL, {"case_id": case_id, "limit": int(limit),
                                   "offset": int(offset)})
    return [CorrespondenceListRow(
        id=as_uuid(r[0]), kind=CorrespondenceKind(r[1]), direction=Direction(r[2]),
        on_date=as_date(r[3]) or date.min, at=as_utc(r[4]), subject=r[5] or "",
        from_text=r[6] or "", to_text=r[7] or "", contact_id=as_opt_uuid(r[8]),
        contact_name=r[9] or "", staff_name=r[10] or "", document_count=int(r[11]),
        version=int(r[12])) for r in rows]

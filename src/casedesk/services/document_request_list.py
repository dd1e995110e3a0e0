"""The snapshots of document requests, and the practice-wide outstanding requests in plain SQL.

Kept apart from `services/document_requests.py` (the checklist's writes, over SQLModel) so the
main window imports them without SQLAlchemy and the overdue banner reads without it
(docs/architecture.md, "Cold start"); `document_requests` re-exports them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from casedesk.domain.enums import CaseStatus
from casedesk.persistence.reader import Reader, as_date, as_uuid

MAX_ITEM = 300  # the longest description of what is requested


class RequestStatus(StrEnum):
    OUTSTANDING = "outstanding"
    RECEIVED = "received"
    WITHDRAWN = "withdrawn"


# -- one case's checklist (read by document_requests.list_for_case) --------------------------------
@dataclass(frozen=True, slots=True)
class DocumentRequestRow:
    id: uuid.UUID
    case_id: uuid.UUID
    item: str
    requested_on: date
    due_on: date | None
    received_on: date | None
    withdrawn_on: date | None
    document_id: uuid.UUID | None
    document_title: str
    contact_id: uuid.UUID | None
    contact_name: str
    notes: str
    status: RequestStatus
    overdue: bool  # outstanding and due before `today`
    days_overdue: int  # 0 unless overdue
    version: int


# -- across the practice (plain SQL) ---------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DueRequestRow:
    """An outstanding request in the practice-wide lists."""

    id: uuid.UUID
    case_id: uuid.UUID
    case_number: str
    case_title: str
    item: str
    requested_on: date
    due_on: date | None
    contact_name: str
    days_overdue: int  # > 0 overdue, 0 due today, < 0 due in that many days

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0


_DUE_SQL = """
SELECT r.id, r.case_id, c.number, c.title, r.item, r.requested_on, r.due_on, ct.name
FROM document_requests r
JOIN cases c ON c.id = r.case_id
LEFT JOIN contacts ct ON ct.id = r.contact_id
WHERE r.received_on IS NULL AND {due} AND r.withdrawn_on IS NULL AND r.deleted_at IS NULL
  AND c.deleted_at IS NULL AND c.status <> :closed {case}
ORDER BY {order}
LIMIT :limit
"""


def outstanding_requests(reader: Reader, *, today: date, through: date | None = None,
                         case_id: uuid.UUID | None = None, limit: int = 200
                         ) -> list[DueRequestRow]:
    """Outstanding requests of cases that are not closed, soonest due first.

    With `through`, only those due on or before it (overdue and coming up); without it, all
    of them, those with no due date last. `case_id` narrows to one case.
    """
    params: dict[str, object] = {"closed": CaseStatus.CLOSED.value, "limit": int(limit)}
    if through is not None:
        due, order = "r.due_on <= :through", "r.due_on, c.number, r.item"
        params["through"] = through
    else:
        due = "1 = 1"
        order = "(CASE WHEN r.due_on IS NULL THEN 1 ELSE 0 END), r.due_on, c.number, r.item"
    case = ""
    if case_id is not None:
        case, params["case_id"] = "AND r.case_id = :case_id", case_id
    rows = reader.rows(_DUE_SQL.format(due=due, case=case, order=order), params)
    out: list[DueRequestRow] = []
    for r in rows:
        due_on = as_date(r[6])
        out.append(DueRequestRow(
            id=as_uuid(r[0]), case_id=as_uuid(r[1]), case_number=r[2], case_title=r[3],
            item=r[4], requested_on=as_date(r[5]) or date.min, due_on=due_on,
            contact_name=r[7] or "", days_overdue=(today - due_on).days if due_on else 0))
    return out


def overdue_requests(reader: Reader, today: date, limit: int = 200) -> list[DueRequestRow]:
    """Outstanding requests due before `today` on cases that are not closed, oldest due
    first (one range scan of ix_document_requests_due)."""
    return outstanding_requests(reader, today=today, through=today - timedelta(days=1),
                                limit=limit)

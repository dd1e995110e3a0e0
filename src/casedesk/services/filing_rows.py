"""The snapshots of a filing package the services hand out (and the GUI's table shows).

Kept apart from `services/filings.py` so the main window can import them without SQLAlchemy
(docs/architecture.md, "Cold start"); `filings` re-exports them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from casedesk.domain.enums import FilingStatus


@dataclass(frozen=True, slots=True)
class FilingItemRow:
    id: int
    position: int
    document_id: uuid.UUID
    label: str  # as set ("" = the title is used)
    title: str  # the document's title
    file_name: str
    media_type: str
    size: int
    version: int  # the document's current version (what an export copies)
    sha256: str
    document_deleted: bool

    @property
    def shown_title(self) -> str:
        return self.label or self.title


@dataclass(frozen=True, slots=True)
class HistoryRow:
    status: FilingStatus
    on: date
    at: datetime
    staff: str
    note: str
    reason: str  # why the court rejected it
    confirmation_number: str


@dataclass(frozen=True, slots=True)
class FilingRow:
    id: uuid.UUID
    case_id: uuid.UUID
    case_number: str
    title: str
    court: str
    status: FilingStatus
    submitted_on: date | None
    accepted_on: date | None
    rejected_on: date | None
    conformed_on: date | None
    confirmation_number: str
    rejection_reason: str
    deadline_event_id: uuid.UUID | None
    deadline_title: str
    deadline_on: date | None
    deadline_status: str
    cover_document_id: uuid.UUID | None
    notes: str
    document_count: int
    created_at: datetime
    updated_at: datetime
    version: int
    items: tuple[FilingItemRow, ...] = ()
    history: tuple[HistoryRow, ...] = ()

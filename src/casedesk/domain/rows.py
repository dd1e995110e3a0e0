"""Frozen snapshots the services hand out (the GUI's models hold these, never ORM objects)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from casedesk.domain.enums import (
    DEADLINE_KINDS,
    CaseStatus,
    ConflictDecision,
    ContactKind,
    EventKind,
    EventStatus,
    PartyRole,
    StaffRole,
    TaskPriority,
    TaskStatus,
)


@dataclass(frozen=True, slots=True)
class FirmRow:
    id: uuid.UUID
    name: str
    address: str
    phone: str
    email: str
    time_zone: str
    currency: str
    version: int


@dataclass(frozen=True, slots=True)
class StaffRow:
    id: uuid.UUID
    name: str
    role: StaffRole
    email: str
    hourly_rate: Decimal | None
    bar_number: str
    active: bool
    version: int


@dataclass(frozen=True, slots=True)
class ContactRow:
    id: uuid.UUID
    kind: ContactKind
    name: str
    aliases: tuple[str, ...]
    email: str
    phone: str
    address: str
    organization: str
    notes: str
    version: int
    case_count: int = 0


@dataclass(frozen=True, slots=True)
class CaseListRow:
    """One line of the case list (read with plain SQL, see services/case_list.py)."""

    id: uuid.UUID
    number: str
    title: str
    client_names: str
    status: CaseStatus
    practice_area: str
    responsible: str
    opened_on: date | None
    next_due: date | None


@dataclass(frozen=True, slots=True)
class PartyRow:
    id: uuid.UUID
    contact_id: uuid.UUID
    name: str
    kind: ContactKind
    role: PartyRole
    represented_by_id: uuid.UUID | None
    represented_by_name: str
    email: str
    phone: str
    organization: str


@dataclass(frozen=True, slots=True)
class NoteRow:
    id: uuid.UUID
    case_id: uuid.UUID
    author: str
    author_staff_id: uuid.UUID | None
    created_at: datetime
    text: str
    version: int


@dataclass(frozen=True, slots=True)
class TaskRow:
    id: uuid.UUID
    case_id: uuid.UUID
    case_number: str
    case_title: str
    title: str
    assignee: str
    assignee_staff_id: uuid.UUID | None
    due_on: date | None
    priority: TaskPriority
    status: TaskStatus
    notes: str
    version: int

    @property
    def is_open(self) -> bool:
        return self.status in (TaskStatus.OPEN, TaskStatus.IN_PROGRESS)


@dataclass(frozen=True, slots=True)
class EventRow:
    """An event as the calendar and lists show it (times aware UTC; `day` in the event's zone)."""

    id: uuid.UUID
    case_id: uuid.UUID | None
    case_number: str
    case_title: str
    kind: EventKind
    title: str
    all_day: bool
    on_date: date | None
    starts_at: datetime | None
    ends_at: datetime | None
    time_zone: str
    day: date
    end_day: date
    location: str
    notes: str
    status: EventStatus
    satisfied_by: str
    reminders_minutes_before: tuple[int, ...]
    attendee_staff_ids: tuple[uuid.UUID, ...]
    attendees: str
    uid: str
    sequence: int
    version: int
    updated_at: datetime
    trigger_id: uuid.UUID | None = None
    rule_key: str = ""
    authority: str = ""
    explanation: tuple[str, ...] = ()

    @property
    def is_deadline(self) -> bool:
        return self.kind in DEADLINE_KINDS

    @property
    def is_pending(self) -> bool:
        return self.status is EventStatus.SCHEDULED


@dataclass(frozen=True, slots=True)
class ConflictHit:
    """One match of a conflict search: a contact, and (if any) its role in a case."""

    contact_id: uuid.UUID
    name: str
    matched_name: str
    score: float
    role: PartyRole | None
    case_id: uuid.UUID | None
    case_number: str
    case_title: str
    case_status: CaseStatus | None

    @property
    def role_label(self) -> str:
        return self.role.value if self.role else "contact"


@dataclass(frozen=True, slots=True)
class ConflictCheckRow:
    id: uuid.UUID
    searched_names: tuple[str, ...]
    hit_count: int
    decision: ConflictDecision
    decided_by: str
    decided_at: datetime
    note: str


@dataclass(frozen=True, slots=True)
class ActivityRow:
    at: datetime
    who: str
    action: str
    summary: str


@dataclass(frozen=True, slots=True)
class CaseDetail:
    """Everything the case detail view shows."""

    id: uuid.UUID
    number: str
    title: str
    practice_area: str
    status: CaseStatus
    court: str
    court_time_zone: str
    judge: str
    docket_number: str
    opened_on: date | None
    closed_on: date | None
    responsible_staff_id: uuid.UUID | None
    responsible: str
    description: str
    version: int
    created_at: datetime
    updated_at: datetime
    parties: tuple[PartyRow, ...] = ()
    notes: tuple[NoteRow, ...] = ()
    tasks: tuple[TaskRow, ...] = ()
    conflict_checks: tuple[ConflictCheckRow, ...] = ()
    activity: tuple[ActivityRow, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)
    next_deadline: date | None = None  # the earliest pending deadline (overdue ones too)

    @property
    def next_due(self) -> date | None:
        """The earliest open task or pending deadline."""
        dates = [t.due_on for t in self.tasks if t.is_open and t.due_on]
        if self.next_deadline is not None:
            dates.append(self.next_deadline)
        return min(dates) if dates else None

    @property
    def latest_conflict_decision(self) -> ConflictDecision | None:
        return self.conflict_checks[0].decision if self.conflict_checks else None

"""SQLModel tables: the practice's records. UUID keys, UTC stamps, versions, soft delete."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from casedesk.domain.enums import (
    CaseStatus,
    ConflictDecision,
    ContactKind,
    EventKind,
    EventStatus,
    HolidayKind,
    PartyRole,
    StaffRole,
    TaskPriority,
    TaskStatus,
)
from casedesk.domain.types import UTCDateTime, enum_type, utcnow


class Record(SQLModel):
    """Columns every table has: identity, history and optimistic-concurrency version."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    version: int = Field(default=1, nullable=False)
    deleted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Firm(Record, table=True):
    """The practice itself (one row)."""

    __tablename__ = "firms"

    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    time_zone: str = "America/New_York"
    currency: str = "USD"


class Staff(Record, table=True):
    """A person working at the practice."""

    __tablename__ = "staff"

    name: str = Field(index=True)
    role: StaffRole = Field(sa_type=enum_type(StaffRole))
    email: str = ""
    hourly_rate_cents: int | None = None
    bar_number: str = ""
    active: bool = True


class Contact(Record, table=True):
    """A person or organization the practice deals with (clients, counsel, judges...)."""

    __tablename__ = "contacts"

    kind: ContactKind = Field(default=ContactKind.PERSON, sa_type=enum_type(ContactKind))
    name: str = Field(index=True)
    aliases: list[str] = Field(default_factory=list, sa_type=JSON)
    email: str = ""
    phone: str = ""
    address: str = ""
    organization: str = ""
    notes: str = ""
    merged_into_id: uuid.UUID | None = Field(default=None, foreign_key="contacts.id")


class ContactNameKey(SQLModel, table=True):
    """Derived index for the conflict search: one row per name token key of a contact."""

    __tablename__ = "contact_name_keys"
    __table_args__ = (Index("ix_contact_name_keys_key", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    contact_id: uuid.UUID = Field(foreign_key="contacts.id", index=True)
    key: str


class Case(Record, table=True):
    """A matter the practice handles."""

    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_status_number", "status", "number"),
        Index("ix_cases_opened_on", "opened_on"),
    )

    number: str = Field(unique=True)
    title: str
    practice_area: str = ""
    status: CaseStatus = Field(default=CaseStatus.INTAKE, sa_type=enum_type(CaseStatus))
    court: str = ""
    court_time_zone: str = ""
    judge: str = ""
    docket_number: str = ""
    opened_on: date | None = None
    closed_on: date | None = None
    responsible_staff_id: uuid.UUID | None = Field(default=None, foreign_key="staff.id",
                                                   index=True)
    description: str = ""
    # Denormalised for the case list (sorted and filtered in SQL); kept by services/cases.py.
    client_names: str = ""
    search_text: str = ""


class Party(Record, table=True):
    """A contact's role in a case; `represented_by_id` is the contact acting for them."""

    __tablename__ = "parties"
    __table_args__ = (UniqueConstraint("case_id", "contact_id", "role"),)

    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    contact_id: uuid.UUID = Field(foreign_key="contacts.id", index=True)
    role: PartyRole = Field(sa_type=enum_type(PartyRole))
    represented_by_id: uuid.UUID | None = Field(default=None, foreign_key="contacts.id")


class Note(Record, table=True):
    """A dated note on a case."""

    __tablename__ = "notes"

    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    author_staff_id: uuid.UUID | None = Field(default=None, foreign_key="staff.id")
    text: str


class Task(Record, table=True):
    """Something someone must do on a case, by a date."""

    __tablename__ = "tasks"
    __table_args__ = (Index("ix_tasks_due_on_status", "due_on", "status"),)

    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    title: str
    assignee_staff_id: uuid.UUID | None = Field(default=None, foreign_key="staff.id", index=True)
    due_on: date | None = None
    priority: TaskPriority = Field(default=TaskPriority.NORMAL, sa_type=enum_type(TaskPriority))
    status: TaskStatus = Field(default=TaskStatus.OPEN, sa_type=enum_type(TaskStatus))
    notes: str = ""
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ConflictCheck(Record, table=True):
    """A recorded conflict-of-interest check and the decision taken on it."""

    __tablename__ = "conflict_checks"

    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    searched_names: list[str] = Field(default_factory=list, sa_type=JSON)
    hits: list[dict[str, object]] = Field(default_factory=list, sa_type=JSON)
    decision: ConflictDecision = Field(sa_type=enum_type(ConflictDecision))
    decided_by_staff_id: uuid.UUID | None = Field(default=None, foreign_key="staff.id")
    note: str = ""


class Activity(SQLModel, table=True):
    """Append-only history of what happened to a case (shown as its activity summary)."""

    __tablename__ = "activities"
    __table_args__ = (Index("ix_activities_case_at", "case_id", "at"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID | None = Field(default=None, foreign_key="cases.id")
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    staff_id: uuid.UUID | None = Field(default=None, foreign_key="staff.id")
    action: str
    summary: str


class Court(Record, table=True):
    """A court the practice appears in: its state and time zone pick the deadline calendar."""

    __tablename__ = "courts"

    name: str = Field(unique=True)
    state: str = ""  # two-letter code; its reviewed legal holidays extend forward periods
    time_zone: str = ""
    notes: str = ""


class CourtHoliday(Record, table=True):
    """One day on a court's own list (a state legal holiday or a closure), kept with history."""

    __tablename__ = "court_holidays"
    __table_args__ = (Index("ix_court_holidays_court_day", "court_id", "day"),)

    court_id: uuid.UUID = Field(foreign_key="courts.id")
    day: date
    name: str
    kind: HolidayKind = Field(sa_type=enum_type(HolidayKind))
    source: str = ""  # "reviewed list" when seeded, else who typed it in
    added_by_staff_id: uuid.UUID | None = Field(default=None, foreign_key="staff.id")
    removed_by_staff_id: uuid.UUID | None = Field(default=None, foreign_key="staff.id")


class UserRuleSet(Record, table=True):
    """A rule set the practice wrote (same JSON shape as the shipped ones)."""

    __tablename__ = "rule_sets"

    key: str = Field(unique=True)
    name: str
    data: dict[str, object] = Field(default_factory=dict, sa_type=JSON)


class DeadlineTrigger(Record, table=True):
    """Something that happened on a case (served, entered, set) from which deadlines run."""

    __tablename__ = "deadline_triggers"

    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    rule_set_key: str
    trigger_key: str
    trigger_date: date
    service_method: str = ""  # "" when the rule is not service-sensitive or not known
    court_id: uuid.UUID | None = Field(default=None, foreign_key="courts.id")
    # The event that set the trigger (e.g. the hearing); no FK, events already point here.
    event_id: uuid.UUID | None = None
    notes: str = ""


class Event(Record, table=True):
    """A court date, deadline, meeting or reminder; all-day events carry a date, others UTC."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_day", "day", "end_day"),
        Index("ix_events_case_day", "case_id", "day"),
        Index("ix_events_status_day", "status", "day"),
        # A case's pending deadlines (next due in the case list, per row): without it SQLite
        # picks ix_events_status_day and scans every scheduled event for each case.
        Index("ix_events_case_status_day", "case_id", "status", "day"),
    )

    case_id: uuid.UUID | None = Field(default=None, foreign_key="cases.id")
    kind: EventKind = Field(sa_type=enum_type(EventKind))
    title: str
    all_day: bool = False
    on_date: date | None = None
    starts_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    ends_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    time_zone: str = ""
    # Denormalised local first/last day (in the event's zone) so a range is one index scan.
    day: date
    end_day: date
    location: str = ""
    notes: str = ""
    status: EventStatus = Field(default=EventStatus.SCHEDULED, sa_type=enum_type(EventStatus))
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    satisfied_by: str = ""
    reminders_minutes_before: list[int] = Field(default_factory=list, sa_type=JSON)
    uid: str = Field(unique=True)
    sequence: int = 0
    # Provenance of a computed deadline (empty for events people enter).
    trigger_id: uuid.UUID | None = Field(default=None, foreign_key="deadline_triggers.id",
                                         index=True)
    rule_key: str = ""
    authority: str = ""
    explanation: list[str] = Field(default_factory=list, sa_type=JSON)


class EventAttendee(SQLModel, table=True):
    """A staff member attending an event (double-booking is checked over these)."""

    __tablename__ = "event_attendees"

    event_id: uuid.UUID = Field(foreign_key="events.id", primary_key=True)
    staff_id: uuid.UUID = Field(foreign_key="staff.id", primary_key=True, index=True)


class EventReminder(SQLModel, table=True):
    """Derived: when each of an event's reminders fires (rebuilt whenever the event changes)."""

    __tablename__ = "event_reminders"

    id: int | None = Field(default=None, primary_key=True)
    event_id: uuid.UUID = Field(foreign_key="events.id", index=True)
    minutes_before: int
    remind_at: datetime = Field(sa_type=UTCDateTime, index=True)


class ReminderAck(SQLModel, table=True):
    """A person's answer to a reminder: acknowledged, or snoozed until a time."""

    __tablename__ = "reminder_acks"
    __table_args__ = (UniqueConstraint("event_id", "staff_id", "minutes_before"),)

    id: int | None = Field(default=None, primary_key=True)
    event_id: uuid.UUID = Field(foreign_key="events.id")
    staff_id: uuid.UUID | None = Field(default=None, foreign_key="staff.id")
    minutes_before: int
    remind_at: datetime = Field(sa_type=UTCDateTime)  # the firing it answers (moves reset it)
    acknowledged_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    snoozed_until: datetime | None = Field(default=None, sa_type=UTCDateTime)

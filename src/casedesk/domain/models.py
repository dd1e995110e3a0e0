"""SQLModel tables: the practice's records. UUID keys, UTC stamps, versions, soft delete."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from casedesk.domain.enums import (
    BudgetKind,
    CaseStatus,
    ConflictDecision,
    ContactKind,
    CorrespondenceKind,
    Direction,
    DocumentCategory,
    EventKind,
    EventStatus,
    FeeArrangement,
    FilingStatus,
    HolidayKind,
    PartyRole,
    StaffRole,
    TaskPriority,
    TaskStatus,
    TextStatus,
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
    # Budget settings (services/budget_settings.py): None = the defaults in domain/enums.py.
    budget_phases: list[str] | None = Field(default=None, sa_type=JSON)
    expense_categories: list[str] | None = Field(default=None, sa_type=JSON)
    activities: list[str] | None = Field(default=None, sa_type=JSON)
    budget_warning_percent: int = Field(default=80, sa_column_kwargs={"server_default": "80"})
    budget_over_percent: int = Field(default=100, sa_column_kwargs={"server_default": "100"})


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


class Blob(SQLModel, table=True):
    """A stored file's bytes, kept once under their SHA-256 in the documents folder.

    Never modified or deleted while a document version points at it; `text_status` says
    whether its text is in the full-text index yet (indexing runs after adding, never during).
    """

    __tablename__ = "blobs"
    __table_args__ = (Index("ix_blobs_text_status", "text_status"),)

    sha256: str = Field(primary_key=True, max_length=64)
    size: int
    stored_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    text_status: TextStatus = Field(default=TextStatus.PENDING, sa_type=enum_type(TextStatus))
    text_error: str = ""


class Document(Record, table=True):
    """A document of a case; its bytes are in its versions (the newest is the current one)."""

    __tablename__ = "documents"
    __table_args__ = (
        Index("ix_documents_case_category", "case_id", "category"),
        Index("ix_documents_updated_at", "updated_at"),  # the list's default: newest first
    )

    case_id: uuid.UUID = Field(foreign_key="cases.id")
    title: str
    category: DocumentCategory = Field(default=DocumentCategory.OTHER,
                                       sa_type=enum_type(DocumentCategory))
    tags: list[str] = Field(default_factory=list, sa_type=JSON)
    privileged: bool = False
    confidential: bool = False
    author: str = ""
    document_date: date | None = None
    received_on: date | None = None
    sent_on: date | None = None
    source: str = ""  # where it came from: "file", "template: Engagement letter", "e-mail: ..."
    # Denormalised from the newest version, for the list (kept by services/documents.py).
    current_version: int = 1
    file_name: str = ""  # shown and offered when exporting; never used as a stored path
    media_type: str = ""
    size: int = 0
    sha256: str = Field(default="", max_length=64, index=True)


class DocumentVersion(SQLModel, table=True):
    """One version of a document: immutable once added."""

    __tablename__ = "document_versions"
    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    document_id: uuid.UUID = Field(foreign_key="documents.id")
    number: int
    sha256: str = Field(foreign_key="blobs.sha256", max_length=64, index=True)
    file_name: str
    media_type: str = ""
    size: int
    added_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    added_by_staff_id: uuid.UUID | None = Field(default=None, foreign_key="staff.id")
    note: str = ""


class Correspondence(Record, table=True):
    """One communication on a case: a letter, e-mail, call, meeting or court notice."""

    __tablename__ = "correspondence"
    __table_args__ = (Index("ix_correspondence_case_on", "case_id", "on_date"),)

    case_id: uuid.UUID = Field(foreign_key="cases.id")
    kind: CorrespondenceKind = Field(sa_type=enum_type(CorrespondenceKind))
    direction: Direction = Field(sa_type=enum_type(Direction))
    on_date: date
    at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # when the time is known
    subject: str = ""
    from_text: str = ""  # as written: "Jane Roe <jane@example.com>"
    to_text: str = ""
    contact_id: uuid.UUID | None = Field(default=None, foreign_key="contacts.id")
    staff_id: uuid.UUID | None = Field(default=None, foreign_key="staff.id")
    summary: str = ""
    message_id: str = Field(default="", index=True)  # an imported e-mail's Message-ID


class CorrespondenceDocument(SQLModel, table=True):
    """A document linked to a correspondence entry (the letter sent, an e-mail's attachment)."""

    __tablename__ = "correspondence_documents"

    correspondence_id: uuid.UUID = Field(foreign_key="correspondence.id", primary_key=True)
    document_id: uuid.UUID = Field(foreign_key="documents.id", primary_key=True, index=True)
    position: int = 0


class DocumentRequest(Record, table=True):
    """Something the client must provide: asked for on a date, due by one, received or not."""

    __tablename__ = "document_requests"
    __table_args__ = (Index("ix_document_requests_due", "received_on", "due_on"),)

    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    item: str
    requested_on: date
    due_on: date | None = None
    received_on: date | None = None
    withdrawn_on: date | None = None  # no longer needed
    document_id: uuid.UUID | None = Field(default=None, foreign_key="documents.id")
    contact_id: uuid.UUID | None = Field(default=None, foreign_key="contacts.id")  # asked of
    notes: str = ""


class Filing(Record, table=True):
    """A package of a case's documents filed with a court, and where it stands."""

    __tablename__ = "filings"

    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    title: str
    court: str = ""
    status: FilingStatus = Field(default=FilingStatus.DRAFT, sa_type=enum_type(FilingStatus))
    submitted_on: date | None = None
    accepted_on: date | None = None
    rejected_on: date | None = None
    conformed_on: date | None = None
    confirmation_number: str = ""
    rejection_reason: str = ""
    deadline_event_id: uuid.UUID | None = Field(default=None, foreign_key="events.id")
    cover_document_id: uuid.UUID | None = Field(default=None, foreign_key="documents.id")
    notes: str = ""
    # [{"status", "on" (ISO date), "at" (ISO UTC), "staff_id"}], oldest first.
    history: list[dict[str, object]] = Field(default_factory=list, sa_type=JSON)


class FilingItem(SQLModel, table=True):
    """A document in a filing package, at its place in the order (1-based)."""

    __tablename__ = "filing_items"
    __table_args__ = (UniqueConstraint("filing_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    filing_id: uuid.UUID = Field(foreign_key="filings.id", index=True)
    position: int
    document_id: uuid.UUID = Field(foreign_key="documents.id", index=True)
    label: str = ""  # e.g. "Exhibit A"; empty = the document's title


class LetterTemplate(Record, table=True):
    """A Word template the practice added (the shipped ones live in the app's resources)."""

    __tablename__ = "letter_templates"

    name: str = Field(unique=True)
    description: str = ""
    sha256: str = Field(foreign_key="blobs.sha256", max_length=64)
    file_name: str = ""


class SearchEntry(SQLModel, table=True):
    """One searchable thing (document, case, contact, note, correspondence).

    Its integer id is the rowid of the full-text row: on SQLite the FTS5 table `search_fts`
    (title, body), on PostgreSQL the `title`/`body` columns the migration adds here with a GIN
    index over their tsvector. See services/search_index.py.
    """

    __tablename__ = "search_entries"
    __table_args__ = (UniqueConstraint("kind", "ref_id"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)  # "document", "case", "contact", "note", "correspondence"
    ref_id: uuid.UUID
    case_id: uuid.UUID | None = Field(default=None, index=True)
    # The source row's `version` when indexed: a row whose version moved on is re-indexed.
    source_version: int = 0


class Budget(Record, table=True):
    """One revision of a case's budget; revising adds a row and keeps the earlier ones.

    Exactly one revision per case is current (`is_current`), the one monitoring and reports
    use. Fixed-fee and contingency cases budget their cost (fees at the staff's rates, and
    expenses) too, beside what the client pays.
    """

    __tablename__ = "budgets"
    __table_args__ = (UniqueConstraint("case_id", "revision"),
                      Index("ix_budgets_current", "is_current", "case_id"))

    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    revision: int  # 1, 2, ...
    is_current: bool = True
    fee_arrangement: FeeArrangement = Field(default=FeeArrangement.HOURLY,
                                            sa_type=enum_type(FeeArrangement))
    # The agreed fee (fixed-fee cases). Amounts are 64-bit: a recovery can pass $21 million.
    fixed_fee_cents: int | None = Field(default=None, sa_type=BigInteger)
    contingency_basis_points: int | None = None  # 3333 = 33.33% (contingency cases)
    expected_recovery_cents: int | None = Field(default=None, sa_type=BigInteger)
    planned_end_on: date | None = None  # when the work is expected to be done
    reason: str = ""  # why it was set or revised
    staff_id: uuid.UUID | None = Field(default=None, foreign_key="staff.id")  # who set it


class BudgetLine(SQLModel, table=True):
    """A budget revision's amount for one phase, for fees or for expenses."""

    __tablename__ = "budget_lines"
    __table_args__ = (UniqueConstraint("budget_id", "phase", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    budget_id: uuid.UUID = Field(foreign_key="budgets.id", index=True)
    position: int = 0
    phase: str
    kind: BudgetKind = Field(sa_type=enum_type(BudgetKind))
    amount_cents: int = Field(sa_type=BigInteger)
    hours_centi: int | None = None  # budgeted hours in hundredths (fees lines), if estimated


class TimeEntry(Record, table=True):
    """Time a member of staff worked on a case: hours x rate = amount (kept, exact cents)."""

    __tablename__ = "time_entries"
    __table_args__ = (Index("ix_time_entries_case_day", "case_id", "worked_on"),
                      Index("ix_time_entries_day", "worked_on"),
                      Index("ix_time_entries_staff_day", "staff_id", "worked_on"))

    case_id: uuid.UUID = Field(foreign_key="cases.id")
    staff_id: uuid.UUID = Field(foreign_key="staff.id")
    worked_on: date
    hours_centi: int  # hours in hundredths: 150 = 1.50 h
    rate_cents: int  # per hour
    # hours x rate, rounded half up to the cent
    amount_cents: int = Field(sa_type=BigInteger)
    phase: str = ""
    activity: str = ""
    description: str = ""
    billable: bool = True
    billed_on: date | None = None  # on an invoice (None = unbilled)


class Expense(Record, table=True):
    """A cost paid out for a case (court fees, experts, travel...), with its receipt."""

    __tablename__ = "expenses"
    __table_args__ = (Index("ix_expenses_case_day", "case_id", "spent_on"),
                      Index("ix_expenses_day", "spent_on"))

    case_id: uuid.UUID = Field(foreign_key="cases.id")
    spent_on: date
    category: str
    vendor: str = ""
    amount_cents: int = Field(sa_type=BigInteger)
    phase: str = ""
    description: str = ""
    billable: bool = True
    billed_on: date | None = None
    receipt_document_id: uuid.UUID | None = Field(default=None, foreign_key="documents.id")
    staff_id: uuid.UUID | None = Field(default=None, foreign_key="staff.id")  # who incurred it

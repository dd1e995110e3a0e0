"""Enumerations shared by the core and the GUI (stdlib only, cheap to import)."""

from __future__ import annotations

from enum import StrEnum


class StaffRole(StrEnum):
    ATTORNEY = "attorney"
    PARALEGAL = "paralegal"
    ASSISTANT = "assistant"
    ADMIN = "admin"


class ContactKind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"


class CaseStatus(StrEnum):
    INTAKE = "intake"
    OPEN = "open"
    PENDING = "pending"
    CLOSED = "closed"


class PartyRole(StrEnum):
    CLIENT = "client"
    OPPOSING_PARTY = "opposing_party"
    OPPOSING_COUNSEL = "opposing_counsel"
    CO_COUNSEL = "co_counsel"
    JUDGE = "judge"
    COURT_CLERK = "court_clerk"
    WITNESS = "witness"
    EXPERT = "expert"
    OTHER = "other"


class TaskPriority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class TaskStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class ConflictDecision(StrEnum):
    CLEAR = "clear"
    CONFLICT = "conflict"
    WAIVED = "waived"


class EventKind(StrEnum):
    HEARING = "hearing"
    TRIAL = "trial"
    CONFERENCE = "conference"
    DEPOSITION = "deposition"
    FILING_DEADLINE = "filing_deadline"
    STATUTE_OF_LIMITATIONS = "statute_of_limitations"
    INTERNAL_DEADLINE = "internal_deadline"
    MEETING = "meeting"
    REMINDER = "reminder"


# Deadlines are all-day events (a filing deadline ends at midnight in the court's zone).
DEADLINE_KINDS: frozenset[EventKind] = frozenset({
    EventKind.FILING_DEADLINE, EventKind.STATUTE_OF_LIMITATIONS, EventKind.INTERNAL_DEADLINE,
})
# Only these may be firm-wide (no case).
FIRM_WIDE_KINDS: frozenset[EventKind] = frozenset({EventKind.MEETING, EventKind.REMINDER})


class EventStatus(StrEnum):
    SCHEDULED = "scheduled"
    DONE = "done"
    VACATED = "vacated"
    CANCELLED = "cancelled"


class HolidayKind(StrEnum):
    """A court's own list: state legal holidays (forward periods only) and closure days."""

    STATE = "state"
    CLOSURE = "closure"


class DocumentCategory(StrEnum):
    PLEADING = "pleading"
    MOTION = "motion"
    ORDER = "order"
    CORRESPONDENCE = "correspondence"
    EVIDENCE = "evidence"
    CONTRACT = "contract"
    NOTE = "note"
    OTHER = "other"


class TextStatus(StrEnum):
    """Where a stored file's text stands for the full-text index."""

    PENDING = "pending"  # not read yet (indexing runs after the file is stored)
    DONE = "done"
    UNSUPPORTED = "unsupported"  # a kind of file whose text casedesk cannot read (images...)
    FAILED = "failed"  # damaged or encrypted; the error is kept


class CorrespondenceKind(StrEnum):
    LETTER = "letter"
    EMAIL = "email"
    CALL = "call"
    MEETING = "meeting"
    COURT_NOTICE = "court_notice"
    OTHER = "other"


class Direction(StrEnum):
    INCOMING = "in"
    OUTGOING = "out"


class FilingStatus(StrEnum):
    DRAFT = "draft"
    READY = "ready"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    CONFORMED = "conformed"  # the conformed (file-stamped) copy came back


class FeeArrangement(StrEnum):
    """How the client pays: by the hour, a fixed fee, or a share of what is recovered."""

    HOURLY = "hourly"
    FIXED_FEE = "fixed_fee"
    CONTINGENCY = "contingency"


class BudgetKind(StrEnum):
    """What a budget line covers: fees (hours x rate) or expenses (costs paid out)."""

    FEES = "fees"
    EXPENSES = "expenses"


class BudgetLevel(StrEnum):
    """Where a case stands against its budget and the practice's thresholds."""

    NONE = "none"  # no budget set
    OK = "ok"
    WARNING = "warning"  # at or past the warning threshold (80% by default)
    OVER = "over"  # at or past the over-budget threshold (100% by default)


# The practice's lists when it has not set its own (Firm.budget_phases / expense_categories).
DEFAULT_BUDGET_PHASES: tuple[str, ...] = (
    "Investigation", "Pleadings", "Discovery", "Trial preparation", "Trial", "Appeal",
    "General",
)
DEFAULT_EXPENSE_CATEGORIES: tuple[str, ...] = (
    "Court fees", "Service of process", "Court reporters and transcripts", "Expert witnesses",
    "Investigators", "Mediation and arbitration", "Travel", "Copying and printing",
    "Postage and courier", "Research databases", "Medical records", "Other",
)
DEFAULT_ACTIVITIES: tuple[str, ...] = (
    "Plan and prepare", "Research", "Draft or revise", "Review and analyze",
    "Communicate with client", "Communicate with opposing counsel", "Communicate (other)",
    "Appear or attend", "Travel", "Manage files", "Other",
)
DEFAULT_BUDGET_WARNING_PERCENT = 80
DEFAULT_BUDGET_OVER_PERCENT = 100


PRACTICE_AREAS: tuple[str, ...] = (
    "Civil litigation",
    "Commercial",
    "Employment",
    "Family",
    "Personal injury",
    "Real estate",
    "Estate planning",
    "Criminal defense",
    "Immigration",
    "Intellectual property",
    "Bankruptcy",
    "Insurance defense",
)


_LABELS = {"co_counsel": "Co-counsel", "in_progress": "In progress", "in": "Incoming",
           "out": "Outgoing", "conformed": "Conformed copy received"}


def label(value: StrEnum) -> str:
    """Human label for an enum value ("opposing_counsel" -> "Opposing counsel")."""
    text = str(value.value)
    return _LABELS.get(text) or text.replace("_", " ").capitalize()

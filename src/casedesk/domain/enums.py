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


_LABELS = {"co_counsel": "Co-counsel", "in_progress": "In progress"}


def label(value: StrEnum) -> str:
    """Human label for an enum value ("opposing_counsel" -> "Opposing counsel")."""
    text = str(value.value)
    return _LABELS.get(text) or text.replace("_", " ").capitalize()

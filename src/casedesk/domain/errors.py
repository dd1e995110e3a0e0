"""Typed errors raised by the core; the GUI and CLI turn them into plain-language messages."""

from __future__ import annotations

import uuid
from typing import Any


class CasedeskError(Exception):
    """Base of every error the core raises on purpose (not a bug)."""

    code = "error"

    def __init__(self, message: str, *, details: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def __str__(self) -> str:
        return self.message


class NotFound(CasedeskError):
    """A row that is not there; `key` says which, for programs (people never see a UUID)."""

    code = "not_found"

    def __init__(self, what: str, key: Any) -> None:
        if isinstance(key, uuid.UUID) or _looks_like_uuid(key):
            message = f"This {what} no longer exists (it may have been deleted)."
        else:
            message = f"No {what} {key!s} was found (it may have been deleted)."
        super().__init__(message)
        self.what = what
        self.key = key


def _looks_like_uuid(key: Any) -> bool:
    if not isinstance(key, str):
        return False
    try:
        uuid.UUID(key)
    except ValueError:
        return False
    return True


class InvalidInput(CasedeskError):
    """Input that fails validation; `field` names what is wrong when there is one."""

    code = "invalid_input"

    def __init__(self, message: str, *, field: str | None = None, details: str | None = None):
        super().__init__(message, details=details)
        self.field = field


class RuleViolation(CasedeskError):
    """A valid request that the practice's rules do not allow (e.g. a task on a closed case)."""

    code = "rule_violation"


class DoubleBooking(RuleViolation):
    """A person or room is already booked then; the caller may confirm and book anyway."""

    code = "double_booking"

    def __init__(self, clashes: list[str]) -> None:
        lines = "\n".join(f"- {c}" for c in clashes)
        super().__init__(f"This would double-book:\n{lines}", details=lines)
        self.clashes = clashes


class ConcurrentEdit(CasedeskError):
    """Someone else changed the row since it was read (optimistic concurrency)."""

    code = "concurrent_edit"

    def __init__(self, what: str) -> None:
        super().__init__(
            f"This {what} was changed by someone else since you opened it. "
            "Reload it and make your change again."
        )


class SchemaTooNew(CasedeskError):
    code = "schema_too_new"


class EnvironmentFault(CasedeskError):
    """The machine, not the user or the code: disk full, file locked, folder not writable."""

    code = "environment"


class Cancelled(CasedeskError):
    """The user stopped long work part-way; it was abandoned before anything was written."""

    code = "cancelled"

    def __init__(self) -> None:
        super().__init__("Cancelled; nothing was written.")

"""Helpers shared by the services: fetching live rows, version checks, validation, history."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import Session

from casedesk.domain.errors import ConcurrentEdit, InvalidInput, NotFound
from casedesk.domain.models import Activity, Record
from casedesk.domain.types import utcnow

R = TypeVar("R", bound=Record)


def get_live(session: Session, model: type[R], row_id: uuid.UUID, what: str) -> R:
    """The row with this id, unless it does not exist or was deleted."""
    row = session.get(model, row_id)
    if row is None or row.deleted_at is not None:
        raise NotFound(what, row_id)
    return row


def check_version(row: Record, expected_version: int | None, what: str) -> None:
    """Refuse to overwrite a row someone else changed since the caller read it."""
    if expected_version is not None and row.version != expected_version:
        raise ConcurrentEdit(what)


def required_text(value: str | None, field: str, label: str, *, max_len: int = 500) -> str:
    """A stripped, non-empty string, or InvalidInput naming the field."""
    text = (value or "").strip()
    if not text:
        raise InvalidInput(f"{label} is required.", field=field)
    if len(text) > max_len:
        raise InvalidInput(f"{label} is longer than {max_len} characters.", field=field)
    return text


def optional_text(value: str | None, *, max_len: int = 20_000, field: str = "",
                  label: str = "Text") -> str:
    text = (value or "").strip()
    if len(text) > max_len:
        raise InvalidInput(f"{label} is longer than {max_len} characters.", field=field or None)
    return text


def valid_time_zone(value: str | None, field: str, *, allow_empty: bool = True) -> str:
    """An IANA time zone name such as "America/Chicago" (or empty when allowed)."""
    name = (value or "").strip()
    if not name:
        if allow_empty:
            return ""
        raise InvalidInput("A time zone is required.", field=field)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            f"{name!r} is not a time zone; use an IANA name such as America/New_York.",
            field=field,
        ) from None
    return name


def parse_date(value: date | str | None, field: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput(f"{value!r} is not a date (use YYYY-MM-DD).", field=field) from None


def soft_delete(row: Record) -> None:
    row.deleted_at = utcnow()


def log_activity(session: Session, *, case_id: uuid.UUID | None, action: str, summary: str,
                 staff_id: uuid.UUID | None = None) -> None:
    """Append to a case's history (what the activity summary shows)."""
    session.add(Activity(case_id=case_id, action=action, summary=summary[:500],
                         staff_id=staff_id))

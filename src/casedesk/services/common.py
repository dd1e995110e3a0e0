"""Helpers shared by the services: fetching live rows, version checks, validation, history."""

from __future__ import annotations

import re
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


# Characters no text field may hold: control characters other than tab, line feed and carriage
# return (NUL breaks PostgreSQL, the others spreadsheets and PDFs), DEL, and lone surrogates
# (not text at all: no database can store them).
NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# The same, and also carriage returns and the C1 controls (U+0080 to U+009F): for names and
# entries that their services have already put on one line or given "\n" line breaks.
NOT_TEXT_STRICT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# Word's manual line break (vertical tab) and a form feed: a space on one line, else a newline.
_SOFT_BREAKS = re.compile("[\x0b\x0c]")


def refuse_controls(text: str, *, field: str | None, label: str, strict: bool = False) -> str:
    """`text`, or InvalidInput naming the field, the first character that is not text
    (NOT_TEXT; with `strict`, NOT_TEXT_STRICT) and its position."""
    bad = (NOT_TEXT_STRICT if strict else NOT_TEXT).search(text)
    if bad is not None:
        raise InvalidInput(f"{label} contains a character that is not text "
                           f"(U+{ord(bad.group()):04X}, at position {bad.start() + 1}); "
                           "remove it.", field=field)
    return text


def required_text(value: str | None, field: str, label: str, *, max_len: int = 500,
                  multiline: bool = False) -> str:
    """A stripped, non-empty string, or InvalidInput naming the field (also for a character
    that is not text). A line break pasted from Word (vertical tab) or a form feed becomes a
    space, or a newline in `multiline` text (a note)."""
    text = _SOFT_BREAKS.sub("\n" if multiline else " ", value or "").strip()
    if not text:
        raise InvalidInput(f"{label} is required.", field=field)
    if len(text) > max_len:
        raise InvalidInput(f"{label} is longer than {max_len} characters.", field=field)
    return refuse_controls(text, field=field, label=label)


def optional_text(value: str | None, *, max_len: int = 20_000, field: str = "",
                  label: str = "Text") -> str:
    """A stripped string (maybe empty), or InvalidInput naming the field: too long, or a
    character that is not text. Tabs and line breaks stay (a vertical tab or form feed
    becomes a newline)."""
    text = _SOFT_BREAKS.sub("\n", value or "").strip()
    if len(text) > max_len:
        raise InvalidInput(f"{label} is longer than {max_len} characters.", field=field or None)
    return refuse_controls(text, field=field or None, label=label)


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


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def parse_date(value: date | str | None, field: str) -> date | None:
    """A date, or one written YYYY-MM-DD (not "20260301" or "2026-W10-1", which Python also
    reads); None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        if _ISO_DAY.fullmatch(value.strip()) is None:
            raise ValueError(value)
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

"""What the budget, time-entry, expense and billing services share: validation of names, amounts
and dates, the lookups their rows need (batched: one query per kind, never one per row), and the
rule that a billed entry is fixed."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, select

from casedesk.domain.errors import InvalidInput, NotFound, RuleViolation
from casedesk.domain.models import Case, Document, Staff
from casedesk.domain.money import MAX_CENTS as MAX_CENTS
from casedesk.domain.money import to_cents
from casedesk.services.common import get_live, parse_date

MAX_NAME = 80  # a phase, activity or expense category (as in the practice's lists)
MAX_VENDOR = 200
MAX_DESCRIPTION = 2_000
MAX_REASON = 500


def name_text(value: str | None, *, field: str, label: str, required: bool = False,
              max_len: int = MAX_NAME) -> str:
    """A name from a list (phase, activity, category): one line, runs of spaces collapsed."""
    text = " ".join((value or "").split())
    if required and not text:
        raise InvalidInput(f"{label} is required.", field=field)
    if len(text) > max_len:
        raise InvalidInput(f"{label} is longer than {max_len} characters.", field=field)
    return text


def free_text(value: str | None, *, field: str, label: str, max_len: int) -> str:
    """Free text (description, reason): trimmed, line breaks kept, length capped."""
    text = (value or "").strip()
    if len(text) > max_len:
        raise InvalidInput(f"{label} is longer than {max_len} characters "
                           f"({len(text)}); shorten it.", field=field)
    return text


def cents(value: Decimal | str | None, *, field: str, label: str, required: bool = True,
          positive: bool = False) -> int | None:
    """An amount of money as cents, refusing what is missing (when required), zero (when it
    must be positive) or too large to store."""
    amount = to_cents(value, field=field)
    if amount is None:
        if required:
            raise InvalidInput(f"Enter {label} (for example 125.00).", field=field)
        return None
    if positive and amount == 0:
        raise InvalidInput(f"{label.capitalize()} must be more than zero.", field=field)
    if amount > MAX_CENTS:
        raise InvalidInput(f"{label.capitalize()} is too large (at most "
                           f"{Decimal(MAX_CENTS) / 100:,.2f}).", field=field)
    return amount


def required_date(value: date | str | None, *, field: str, label: str) -> date:
    day = parse_date(value, field)
    if day is None:
        raise InvalidInput(f"Enter {label} (YYYY-MM-DD).", field=field)
    if not 1900 <= day.year <= 2199:
        raise InvalidInput(f"{day.isoformat()} is not a plausible date for {label}.",
                           field=field)
    return day


def live_case(session: Session, case_id: uuid.UUID) -> Case:
    return get_live(session, Case, case_id, "case")


def live_staff(session: Session, staff_id: uuid.UUID) -> Staff:
    """A staff member who exists (inactive ones too: old work is entered late)."""
    return get_live(session, Staff, staff_id, "staff member")


def check_actor(session: Session, staff_id: uuid.UUID | None) -> None:
    if staff_id is not None:
        live_staff(session, staff_id)


def receipt(session: Session, case_id: uuid.UUID, document_id: uuid.UUID | None
            ) -> uuid.UUID | None:
    """A receipt must be a live document of the expense's own case."""
    if document_id is None:
        return None
    doc = session.get(Document, document_id)
    if doc is None or doc.deleted_at is not None:
        raise InvalidInput("The receipt document no longer exists (it may have been deleted).",
                           field="receipt")
    if doc.case_id != case_id:
        raise InvalidInput(f"The document {doc.title!r} belongs to another case; a receipt "
                           "must be a document of this case.", field="receipt")
    return doc.id


def refuse_if_billed(billed_on: date | None, what: str) -> None:
    """Billed entries are fixed: what went on an invoice must not change under it."""
    if billed_on is not None:
        raise RuleViolation(f"This {what} was billed on {billed_on.isoformat()}; mark it as "
                            "not billed first to change or delete it.")


def staff_names(session: Session, ids: Iterable[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    """Names of these staff members (deleted ones too: the entries keep their author)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {row_id: name for row_id, name in session.exec(
        select(Staff.id, Staff.name).where(col(Staff.id).in_(wanted)))}


def case_numbers(session: Session, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    wanted = set(ids)
    if not wanted:
        return {}
    return {row_id: number for row_id, number in session.exec(
        select(Case.id, Case.number).where(col(Case.id).in_(wanted)))}


def document_titles(session: Session, ids: Iterable[uuid.UUID | None]
                    ) -> dict[uuid.UUID, str]:
    """Titles of the live documents among these ids (a deleted receipt shows no title)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {row_id: title for row_id, title in session.exec(
        select(Document.id, Document.title).where(col(Document.id).in_(wanted),
                                                  col(Document.deleted_at).is_(None)))}


def find_staff_by_name(session: Session, name: str) -> Staff:
    """The staff member with this name (upper/lower case and extra spaces alike), for the
    command line; refuses a name two people share."""
    key = " ".join(name.casefold().split())
    found = [s for s in session.exec(select(Staff).where(col(Staff.deleted_at).is_(None)))
             if " ".join(s.name.casefold().split()) == key]
    if not found:
        raise NotFound("staff member", name.strip())
    if len(found) > 1:
        raise InvalidInput(f"{len(found)} staff members are called {name.strip()!r}.",
                           field="staff")
    return found[0]


def money_text(amount: Decimal | None) -> str:
    """1234.5 -> "1,234.50" (for history lines)."""
    return "" if amount is None else f"{amount:,.2f}"

"""What the budget, time-entry, expense and billing services share: validation of names, amounts
and dates, the lookups their rows need (batched: one query per kind, never one per row), and the
rule that a billed entry is fixed."""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from sqlmodel import Session, col, select

from casedesk.domain.errors import InvalidInput, NotFound, RuleViolation
from casedesk.domain.models import Budget, BudgetLine, Case, Document, Staff
from casedesk.domain.money import MAX_CENTS as MAX_CENTS
from casedesk.domain.money import to_cents
from casedesk.services.common import get_live, parse_date, refuse_controls

MAX_NAME = 80  # a phase, activity or expense category (as in the practice's lists)
MAX_VENDOR = 200
MAX_DESCRIPTION = 2_000
MAX_REASON = 500


# Line breaks of other systems and editors (Word's manual break is a vertical tab) -> "\n".
_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")


def name_text(value: str | None, *, field: str, label: str, required: bool = False,
              max_len: int = MAX_NAME) -> str:
    """A name from a list (phase, activity, category): one line, runs of spaces collapsed,
    composed (NFC: "E" + a combining accent is the same name as "É")."""
    text = unicodedata.normalize("NFC", " ".join((value or "").split()))
    if required and not text:
        raise InvalidInput(f"{label} is required.", field=field)
    if len(text) > max_len:
        raise InvalidInput(f"{label} is longer than {max_len} characters.", field=field)
    return refuse_controls(text, field=field, label=label, strict=True)


def free_text(value: str | None, *, field: str, label: str, max_len: int) -> str:
    """Free text (description, reason): trimmed, line breaks kept (as "\n"), length capped."""
    text = unicodedata.normalize("NFC", _BREAKS.sub("\n", value or "").strip())
    if len(text) > max_len:
        raise InvalidInput(f"{label} is longer than {max_len} characters "
                           f"({len(text)}); shorten it.", field=field)
    return refuse_controls(text, field=field, label=label, strict=True)


def canonical_name(text: str, *known: Iterable[str]) -> str:
    """`text` spelt as the first of the `known` names it matches ignoring case ("discovery" ->
    "Discovery"), else as typed: reports group entries by the name stored, so one phase must
    not become two because it was typed differently."""
    key = text.casefold()
    for names in known:
        for name in names:
            if name.casefold() == key:
                return name
    return text


def budget_phases(session: Session, case_id: uuid.UUID) -> list[str]:
    """The phases (and categories) of the case's current budget, in its order."""
    return list(session.exec(select(BudgetLine.phase).join(
        Budget, col(Budget.id) == col(BudgetLine.budget_id)).where(
        Budget.case_id == case_id, col(Budget.is_current).is_(True),
        col(Budget.deleted_at).is_(None)).order_by(col(BudgetLine.position))))


# A number as a person types it: digits 0-9, a decimal point, commas between groups of three.
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d*)?", re.ASCII)


def number_text(value: Decimal | str | None, *, field: str, what: str, example: str,
                grouping: bool = True) -> Decimal | str | None:
    """A typed number checked for what Python's Decimal would also take but a person does not
    mean: exponents ("1e3"), other digits ("\u0661\u0662"), underscores, commas that are not
    thousands separators ("1,5" is not 15). Returns it without the commas; Decimals (and
    None) pass unchanged."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not text:
        return text
    if (_NUMBER.fullmatch(text) is None or not any(c.isdigit() for c in text)
            or ("," in text and not grouping)):
        raise InvalidInput(f"{value!r} is not {what}: write it with the digits 0-9 and a "
                           f"decimal point, for example {example}.", field=field)
    return text.replace(",", "")


def cents(value: Decimal | str | None, *, field: str, label: str, required: bool = True,
          positive: bool = False) -> int | None:
    """An amount of money as cents, refusing what is missing (when required), zero (when it
    must be positive) or too large to store."""
    amount = to_cents(number_text(value, field=field, what="an amount of money",
                                  example="1234.50 or 1,234.50"), field=field)
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


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def optional_date(value: date | str | None, *, field: str, label: str) -> date | None:
    """A day as a date or "YYYY-MM-DD" (not the other forms Python reads, such as "20260301"
    or "2026-W10-1"), in a plausible range; None when empty."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, str):
        if not value.strip():
            return None
        if _ISO_DAY.fullmatch(value.strip()) is None:
            raise InvalidInput(f"{value!r} is not a date (use YYYY-MM-DD).", field=field)
    elif value is not None and not isinstance(value, date):
        raise InvalidInput(f"{value!r} is not a date (use YYYY-MM-DD).", field=field)
    day = parse_date(value, field)
    if day is not None and not 1900 <= day.year <= 2199:
        raise InvalidInput(f"{day.isoformat()} is not a plausible date for {label}.",
                           field=field)
    return day


def required_date(value: date | str | None, *, field: str, label: str) -> date:
    day = optional_date(value, field=field, label=label)
    if day is None:
        raise InvalidInput(f"Enter {label} (YYYY-MM-DD).", field=field)
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

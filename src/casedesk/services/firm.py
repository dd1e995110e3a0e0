"""The practice's own details (one row) and whether the practice is set up at all."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session, select

from casedesk.domain.changes import Changes
from casedesk.domain.models import Case, Contact, Firm, Staff
from casedesk.domain.rows import FirmRow
from casedesk.services.common import optional_text, required_text, valid_time_zone


def _row(firm: Firm) -> FirmRow:
    return FirmRow(id=firm.id, name=firm.name, address=firm.address, phone=firm.phone,
                   email=firm.email, time_zone=firm.time_zone, currency=firm.currency,
                   version=firm.version)


def get_firm(session: Session) -> FirmRow | None:
    """The firm, or None before set-up."""
    firm = session.exec(select(Firm).where(Firm.deleted_at.is_(None))).first()  # type: ignore[union-attr]
    return _row(firm) if firm else None


def is_empty_practice(session: Session) -> bool:
    """True when nothing has been entered yet: no firm, staff, contacts or cases (offer the
    first-run set-up and the sample practice)."""
    return not any(session.exec(select(model.id).limit(1)).first() is not None
                   for model in (Firm, Staff, Contact, Case))


def save_firm(session: Session, *, name: str, address: str = "", phone: str = "",
              email: str = "", time_zone: str = "America/New_York",
              currency: str = "USD") -> Changes:
    """Create the firm on first run, or update its details."""
    firm = session.exec(select(Firm).where(Firm.deleted_at.is_(None))).first()  # type: ignore[union-attr]
    if firm is None:
        firm = Firm(name="")
        session.add(firm)
    firm.name = required_text(name, "name", "The firm's name")
    firm.address = optional_text(address, max_len=1000, field="address", label="The address")
    firm.phone = optional_text(phone, max_len=100, field="phone", label="The phone number")
    firm.email = optional_text(email, max_len=200, field="email", label="The email address")
    firm.time_zone = valid_time_zone(time_zone, "time_zone", allow_empty=False)
    firm.currency = required_text(currency, "currency", "Currency", max_len=3).upper()
    return Changes(firm=True)


def set_up_practice(session: Session, *, firm: dict[str, Any],
                    staff: dict[str, Any]) -> tuple[Changes, uuid.UUID]:
    """First run: the firm's details and its first member of staff, in one unit of work."""
    from casedesk.services.staff import add_staff

    staff_id = uuid.uuid4()
    changes = save_firm(session, **firm) | add_staff(session, staff_id=staff_id, **staff)
    return changes, staff_id

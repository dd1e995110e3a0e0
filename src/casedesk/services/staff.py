"""Staff: the attorneys, paralegals, assistants and admins of the practice."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlmodel import Session, col, select

from casedesk.domain.changes import Changes
from casedesk.domain.enums import StaffRole
from casedesk.domain.errors import InvalidInput
from casedesk.domain.models import Staff
from casedesk.domain.money import from_cents, to_cents
from casedesk.domain.rows import StaffRow
from casedesk.services.common import check_version, get_live, optional_text, required_text


def to_row(staff: Staff) -> StaffRow:
    return StaffRow(id=staff.id, name=staff.name, role=staff.role, email=staff.email,
                    hourly_rate=from_cents(staff.hourly_rate_cents),
                    bar_number=staff.bar_number, active=staff.active, version=staff.version)


def list_staff(session: Session, *, include_inactive: bool = True) -> list[StaffRow]:
    query = select(Staff).where(col(Staff.deleted_at).is_(None))
    if not include_inactive:
        query = query.where(col(Staff.active).is_(True))
    return [to_row(s) for s in session.exec(query.order_by(col(Staff.name)))]


def _role(value: StaffRole | str) -> StaffRole:
    try:
        return StaffRole(value)
    except ValueError:
        allowed = ", ".join(r.value for r in StaffRole)
        raise InvalidInput(f"{value!r} is not a staff role ({allowed}).", field="role") from None


def add_staff(session: Session, *, name: str, role: StaffRole | str, email: str = "",
              hourly_rate: Decimal | str | None = None, bar_number: str = "",
              staff_id: uuid.UUID | None = None) -> Changes:
    """Add a member of staff."""
    staff = Staff(id=staff_id or uuid.uuid4(), name=required_text(name, "name", "Name"),
                  role=_role(role), email=optional_text(email, max_len=200, field="email",
                                                        label="The email address"),
                  hourly_rate_cents=to_cents(hourly_rate, field="hourly_rate"),
                  bar_number=optional_text(bar_number, max_len=50, field="bar_number",
                                           label="The bar number"))
    session.add(staff)
    return Changes(staff=True)


def update_staff(session: Session, *, staff_id: uuid.UUID, expected_version: int | None = None,
                 name: str, role: StaffRole | str, email: str = "",
                 hourly_rate: Decimal | str | None = None, bar_number: str = "",
                 active: bool = True) -> Changes:
    staff = get_live(session, Staff, staff_id, "staff member")
    check_version(staff, expected_version, "staff member")
    staff.name = required_text(name, "name", "Name")
    staff.role = _role(role)
    staff.email = optional_text(email, max_len=200, field="email", label="The email address")
    staff.hourly_rate_cents = to_cents(hourly_rate, field="hourly_rate")
    staff.bar_number = optional_text(bar_number, max_len=50, field="bar_number",
                                     label="The bar number")
    staff.active = active
    return Changes(staff=True, cases=True)

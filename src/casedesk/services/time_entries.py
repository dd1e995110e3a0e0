"""Time entries: who worked on a case, when, how long, at what rate, on which phase.

The amount (hours x rate, rounded half up to the cent) is computed once and stored, so every
total is the exact sum of what each entry shows. Adding an entry writes no history line (a busy
case gets dozens a week); deleting one does. An entry on an invoice (billed) is fixed.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, select

from casedesk.domain.changes import Changes
from casedesk.domain.errors import InvalidInput, RuleViolation
from casedesk.domain.models import Staff, TimeEntry
from casedesk.domain.money import (
    MAX_RATE_CENTS,
    from_cents,
    from_hours_centi,
    time_amount_cents,
    to_hours_centi,
)
from casedesk.services.budget_rows import TimeEntryRow
from casedesk.services.budget_settings import get_settings
from casedesk.services.common import check_version, get_live, log_activity, soft_delete
from casedesk.services.entry_common import (
    MAX_CENTS,
    MAX_DESCRIPTION,
    budget_phases,
    canonical_name,
    case_numbers,
    cents,
    check_actor,
    free_text,
    live_case,
    live_staff,
    money_text,
    name_text,
    number_text,
    refuse_if_billed,
    required_date,
    staff_names,
)

_ZERO = Decimal("0.00")


# -- validation ---------------------------------------------------------------------------------
def _rate_cents(staff: Staff, rate: Decimal | str | None) -> int:
    """The rate entered, else the staff member's hourly rate (refused when they have none)."""
    given = cents(rate, field="rate", label="the rate", required=False)
    if given is not None:
        if given > MAX_RATE_CENTS:
            raise InvalidInput(f"The rate is too large (at most {MAX_RATE_CENTS // 100:,} an "
                               "hour).", field="rate")
        return given
    if staff.hourly_rate_cents is None:
        raise InvalidInput(f"{staff.name} has no hourly rate; enter the rate.", field="rate")
    return staff.hourly_rate_cents


def _amount(hours_centi: int, rate_cents: int) -> int:
    amount = time_amount_cents(hours_centi, rate_cents)
    if amount > MAX_CENTS:
        raise InvalidInput("Hours x rate is too large to store; check the rate.", field="rate")
    return amount


def _fill(session: Session, entry: TimeEntry, *, worked_on: date | str,
          hours: Decimal | str, rate_cents: int, phase: str, activity: str, description: str,
          billable: bool) -> None:
    """Validate everything first, then set the fields (a refused edit changes nothing).

    The phase and activity are spelt as the case's budget or the practice's lists spell them
    (typed "discovery" is stored "Discovery"), so the entry counts under its budget line."""
    day = required_date(worked_on, field="worked_on", label="the date worked")
    hours_centi = to_hours_centi(number_text(hours, field="hours", what="a number of hours",
                                             example="1.5", grouping=False), field="hours")
    amount = _amount(hours_centi, rate_cents)
    clean_phase = name_text(phase, field="phase", label="The phase")
    clean_activity = name_text(activity, field="activity", label="The activity")
    clean_description = free_text(description, field="description", label="The description",
                                  max_len=MAX_DESCRIPTION)
    if clean_phase or clean_activity:
        settings = get_settings(session)
        if clean_phase:
            clean_phase = canonical_name(clean_phase, budget_phases(session, entry.case_id),
                                         settings.phases, settings.expense_categories)
        clean_activity = canonical_name(clean_activity, settings.activities)
    entry.worked_on, entry.hours_centi, entry.rate_cents = day, hours_centi, rate_cents
    entry.amount_cents = amount
    entry.phase, entry.activity, entry.description = clean_phase, clean_activity, \
        clean_description
    entry.billable = bool(billable)


def _entry(session: Session, entry_id: uuid.UUID, expected_version: int | None) -> TimeEntry:
    entry = get_live(session, TimeEntry, entry_id, "time entry")
    check_version(entry, expected_version, "time entry")
    live_case(session, entry.case_id)  # a deleted case's entries are out of every figure
    return entry


# -- writes -------------------------------------------------------------------------------------
def add_time_entry(session: Session, *, case_id: uuid.UUID, staff_id: uuid.UUID,
                   worked_on: date | str, hours: Decimal | str,
                   rate: Decimal | str | None = None, phase: str = "", activity: str = "",
                   description: str = "", billable: bool = True,
                   entry_id: uuid.UUID | None = None,
                   actor_staff_id: uuid.UUID | None = None) -> tuple[Changes, uuid.UUID]:
    """Record time worked on a case; the rate defaults to the staff member's hourly rate."""
    case = live_case(session, case_id)
    staff = live_staff(session, staff_id)
    check_actor(session, actor_staff_id)
    if entry_id is not None and session.get(TimeEntry, entry_id) is not None:
        raise RuleViolation("A time entry with this id already exists.")
    entry = TimeEntry(id=entry_id or uuid.uuid4(), case_id=case.id, staff_id=staff.id,
                      worked_on=date.min, hours_centi=0, rate_cents=0, amount_cents=0)
    _fill(session, entry, worked_on=worked_on, hours=hours,
          rate_cents=_rate_cents(staff, rate),
          phase=phase, activity=activity, description=description, billable=billable)
    session.add(entry)
    return Changes(budgets=True), entry.id


def edit_time_entry(session: Session, *, entry_id: uuid.UUID, staff_id: uuid.UUID,
                    worked_on: date | str, hours: Decimal | str,
                    rate: Decimal | str | None, phase: str = "", activity: str = "",
                    description: str = "", billable: bool = True,
                    expected_version: int | None = None,
                    actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Correct an unbilled entry. A rate of None keeps the entry's rate for the same person
    (rates change over time; an old entry keeps its own), or takes the new person's rate."""
    entry = _entry(session, entry_id, expected_version)
    refuse_if_billed(entry.billed_on, "time entry")
    staff = live_staff(session, staff_id)
    check_actor(session, actor_staff_id)
    rate_cents = entry.rate_cents if rate is None and staff.id == entry.staff_id \
        else _rate_cents(staff, rate)
    _fill(session, entry, worked_on=worked_on, hours=hours, rate_cents=rate_cents, phase=phase,
          activity=activity, description=description, billable=billable)
    entry.staff_id = staff.id
    return Changes(budgets=True)


def delete_time_entry(session: Session, *, entry_id: uuid.UUID,
                      expected_version: int | None = None,
                      actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Soft-delete an unbilled entry (entered by mistake); the case's history says so."""
    entry = _entry(session, entry_id, expected_version)
    refuse_if_billed(entry.billed_on, "time entry")
    check_actor(session, actor_staff_id)
    soft_delete(entry)
    who = staff_names(session, [entry.staff_id]).get(entry.staff_id, "")
    log_activity(session, case_id=entry.case_id, action="time_entry_deleted",
                 summary=f"Time entry deleted: {from_hours_centi(entry.hours_centi)} h by {who} "
                         f"on {entry.worked_on.isoformat()} "
                         f"({money_text(from_cents(entry.amount_cents))})",
                 staff_id=actor_staff_id)
    return Changes(budgets=True, cases=True)


# -- reads --------------------------------------------------------------------------------------
def time_entry_rows(session: Session, entries: Sequence[TimeEntry]) -> list[TimeEntryRow]:
    """Row snapshots (one query for the staff names, one for the case numbers)."""
    names = staff_names(session, (e.staff_id for e in entries))
    numbers = case_numbers(session, (e.case_id for e in entries))
    return [TimeEntryRow(
        id=e.id, case_id=e.case_id, case_number=numbers.get(e.case_id, ""),
        staff_id=e.staff_id, staff_name=names.get(e.staff_id, ""), worked_on=e.worked_on,
        hours=from_hours_centi(e.hours_centi) or _ZERO, rate=from_cents(e.rate_cents) or _ZERO,
        amount=from_cents(e.amount_cents) or _ZERO, phase=e.phase, activity=e.activity,
        description=e.description, billable=e.billable, billed_on=e.billed_on,
        version=e.version) for e in entries]


def list_time_entries(session: Session, case_id: uuid.UUID) -> list[TimeEntryRow]:
    """The case's entries, newest first (by date worked, then by when entered)."""
    live_case(session, case_id)
    entries = list(session.exec(select(TimeEntry).where(
        TimeEntry.case_id == case_id, col(TimeEntry.deleted_at).is_(None)).order_by(
        col(TimeEntry.worked_on).desc(), col(TimeEntry.created_at).desc())))
    return time_entry_rows(session, entries)


def get_time_entry(session: Session, entry_id: uuid.UUID) -> TimeEntryRow:
    return time_entry_rows(session, [get_live(session, TimeEntry, entry_id, "time entry")])[0]


def staff_rate(session: Session, staff_id: uuid.UUID) -> Decimal | None:
    """The staff member's hourly rate (what a new entry's rate field starts with)."""
    return from_cents(live_staff(session, staff_id).hourly_rate_cents)

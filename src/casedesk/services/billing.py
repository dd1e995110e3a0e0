"""Billing marks: which time entries and expenses went on an invoice, and when.

casedesk does not write invoices; it records that entries were billed (on a date), so the
unbilled totals are right and billed entries stay as they were invoiced. Marking the wrong
entries is undone with `unmark_billed`; both write a line in the case's history.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import TypeVar

from sqlmodel import Session, col, select

from casedesk.domain.changes import Changes
from casedesk.domain.errors import InvalidInput, NotFound, RuleViolation
from casedesk.domain.models import Expense, TimeEntry
from casedesk.domain.money import cents_sum
from casedesk.services.common import log_activity
from casedesk.services.entry_common import live_case, money_text, optional_date, required_date

_CHANGES = Changes(budgets=True, cases=True)
E = TypeVar("E", TimeEntry, Expense)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _by_ids(session: Session, model: type[E], ids: Sequence[uuid.UUID], what: str) -> list[E]:
    """The live rows with these ids (all of them, or NotFound)."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    found = {r.id: r for r in session.exec(select(model).where(
        col(model.id).in_(wanted), col(model.deleted_at).is_(None)))}
    missing = [i for i in wanted if i not in found]
    if missing:
        raise NotFound(what, missing[0])
    return [found[i] for i in wanted]


def _check_chosen(rows: Sequence[TimeEntry | Expense], case_id: uuid.UUID, what: str) -> None:
    for row in rows:
        day = row.worked_on if isinstance(row, TimeEntry) else row.spent_on
        label = f"The {what} of {day.isoformat()}"
        if row.case_id != case_id:
            raise InvalidInput(f"{label} belongs to another case.", field="entries")
        if row.billed_on is not None:
            raise RuleViolation(f"{label} was already billed on {row.billed_on.isoformat()}.")
        if not row.billable:
            raise RuleViolation(f"{label} is not billable; make it billable first.")


def _unbilled(session: Session, model: type[E], day: object, case_id: uuid.UUID,
              through: date) -> list[E]:
    """Billable, unbilled, live entries of the case dated (`day` column) up to `through`."""
    return list(session.exec(select(model).where(
        model.case_id == case_id, col(model.deleted_at).is_(None),
        col(model.billable).is_(True), col(model.billed_on).is_(None),
        col(day) <= through)))


def mark_billed(session: Session, *, case_id: uuid.UUID, billed_on: date | str,
                through: date | str | None = None,
                time_entry_ids: Sequence[uuid.UUID] | None = None,
                expense_ids: Sequence[uuid.UUID] | None = None) -> tuple[Changes, int]:
    """Mark entries of a case as billed on `billed_on`: the ones given (billable, not billed
    yet), or when no ids are given every billable unbilled entry dated up to `through`
    (default: the billing date). Returns how many entries were marked."""
    case = live_case(session, case_id)
    billed = required_date(billed_on, field="billed_on", label="the billing date")
    if time_entry_ids is None and expense_ids is None:
        limit = optional_date(through, field="through", label="the last day billed") or billed
        times = _unbilled(session, TimeEntry, TimeEntry.worked_on, case.id, limit)
        costs = _unbilled(session, Expense, Expense.spent_on, case.id, limit)
    else:
        times = _by_ids(session, TimeEntry, time_entry_ids or (), "time entry")
        costs = _by_ids(session, Expense, expense_ids or (), "expense")
        _check_chosen(times, case.id, "time entry")
        _check_chosen(costs, case.id, "expense")
    if not times and not costs:
        return Changes(), 0
    rows: list[TimeEntry | Expense] = [*times, *costs]
    for row in rows:
        row.billed_on = billed
    parts = []
    if times:
        parts.append(f"{_count(len(times), 'time entry', 'time entries')} "
                     f"({money_text(cents_sum(t.amount_cents for t in times))})")
    if costs:
        parts.append(f"{_count(len(costs), 'expense', 'expenses')} "
                     f"({money_text(cents_sum(c.amount_cents for c in costs))})")
    log_activity(session, case_id=case.id, action="entries_billed",
                 summary=f"Billed on {billed.isoformat()}: " + " and ".join(parts))
    return _CHANGES, len(times) + len(costs)


def unmark_billed(session: Session, *, time_entry_ids: Sequence[uuid.UUID] = (),
                  expense_ids: Sequence[uuid.UUID] = ()) -> Changes:
    """Unbilled again (marked by mistake, or the invoice was cancelled)."""
    times = [t for t in _by_ids(session, TimeEntry, time_entry_ids, "time entry")
             if t.billed_on is not None]
    costs = [c for c in _by_ids(session, Expense, expense_ids, "expense")
             if c.billed_on is not None]
    if not times and not costs:
        return Changes()
    per_case: dict[uuid.UUID, list[TimeEntry | Expense]] = {}
    rows: list[TimeEntry | Expense] = [*times, *costs]
    for row in rows:
        row.billed_on = None
        per_case.setdefault(row.case_id, []).append(row)
    for case_id, rows in per_case.items():
        log_activity(session, case_id=case_id, action="entries_unbilled",
                     summary="Billing mark removed from "
                     f"{_count(len(rows), 'entry', 'entries')}")
    return _CHANGES

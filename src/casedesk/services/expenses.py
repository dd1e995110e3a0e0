"""Expenses: costs paid out for a case (court fees, experts, travel...), with their receipts.

A receipt is a document of the same case. Adding an expense writes no history line; deleting
one does. An expense on an invoice (billed) is fixed.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, select

from casedesk.domain.changes import Changes
from casedesk.domain.errors import RuleViolation
from casedesk.domain.models import Expense
from casedesk.domain.money import from_cents
from casedesk.services.budget_rows import ExpenseRow
from casedesk.services.budget_settings import get_settings
from casedesk.services.common import check_version, get_live, log_activity, soft_delete
from casedesk.services.entry_common import (
    MAX_DESCRIPTION,
    MAX_VENDOR,
    budget_phases,
    canonical_name,
    case_numbers,
    cents,
    check_actor,
    document_titles,
    free_text,
    live_case,
    live_staff,
    money_text,
    name_text,
    receipt,
    refuse_if_billed,
    required_date,
    staff_names,
)

_ZERO = Decimal("0.00")


def _fill(session: Session, expense: Expense, *, spent_on: date | str, category: str,
          amount: Decimal | str, vendor: str, phase: str, description: str, billable: bool,
          receipt_document_id: uuid.UUID | None, staff_id: uuid.UUID | None) -> None:
    """Validate everything first, then set the fields (a refused edit changes nothing)."""
    day = required_date(spent_on, field="spent_on", label="the date of the expense")
    clean_category = name_text(category, field="category", label="The category", required=True)
    amount_cents = cents(amount, field="amount", label="the amount", positive=True)
    clean_vendor = name_text(vendor, field="vendor", label="The vendor", max_len=MAX_VENDOR)
    clean_phase = name_text(phase, field="phase", label="The phase")
    clean_description = free_text(description, field="description", label="The description",
                                  max_len=MAX_DESCRIPTION)
    # The receipt it already has stays even if that document was deleted since.
    receipt_id = receipt_document_id if receipt_document_id is not None \
        and receipt_document_id == expense.receipt_document_id \
        else receipt(session, expense.case_id, receipt_document_id)
    if staff_id is not None:
        live_staff(session, staff_id)
    assert amount_cents is not None  # required
    # Spelt as the practice's lists and the case's budget spell them (reports group by name).
    settings = get_settings(session)
    clean_category = canonical_name(clean_category, settings.expense_categories)
    if clean_phase:
        clean_phase = canonical_name(clean_phase, budget_phases(session, expense.case_id),
                                     settings.phases, settings.expense_categories)
    expense.spent_on, expense.category, expense.amount_cents = day, clean_category, amount_cents
    expense.vendor, expense.phase, expense.description = clean_vendor, clean_phase, \
        clean_description
    expense.billable = bool(billable)
    expense.receipt_document_id, expense.staff_id = receipt_id, staff_id


def _expense(session: Session, expense_id: uuid.UUID, expected_version: int | None) -> Expense:
    expense = get_live(session, Expense, expense_id, "expense")
    check_version(expense, expected_version, "expense")
    live_case(session, expense.case_id)  # a deleted case's expenses are out of every figure
    return expense


def add_expense(session: Session, *, case_id: uuid.UUID, spent_on: date | str, category: str,
                amount: Decimal | str, vendor: str = "", phase: str = "",
                description: str = "", billable: bool = True,
                receipt_document_id: uuid.UUID | None = None,
                staff_id: uuid.UUID | None = None, expense_id: uuid.UUID | None = None,
                actor_staff_id: uuid.UUID | None = None) -> tuple[Changes, uuid.UUID]:
    """Record a cost paid out for a case (more than zero), with its receipt if there is one."""
    case = live_case(session, case_id)
    check_actor(session, actor_staff_id)
    if expense_id is not None and session.get(Expense, expense_id) is not None:
        raise RuleViolation("An expense with this id already exists.")
    expense = Expense(id=expense_id or uuid.uuid4(), case_id=case.id, spent_on=date.min,
                      category="", amount_cents=0)
    _fill(session, expense, spent_on=spent_on, category=category, amount=amount, vendor=vendor,
          phase=phase, description=description, billable=billable,
          receipt_document_id=receipt_document_id, staff_id=staff_id)
    session.add(expense)
    return Changes(budgets=True), expense.id


def edit_expense(session: Session, *, expense_id: uuid.UUID, spent_on: date | str,
                 category: str, amount: Decimal | str, vendor: str = "", phase: str = "",
                 description: str = "", billable: bool = True,
                 receipt_document_id: uuid.UUID | None = None,
                 staff_id: uuid.UUID | None = None, expected_version: int | None = None,
                 actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Correct an unbilled expense."""
    expense = _expense(session, expense_id, expected_version)
    refuse_if_billed(expense.billed_on, "expense")
    check_actor(session, actor_staff_id)
    _fill(session, expense, spent_on=spent_on, category=category, amount=amount, vendor=vendor,
          phase=phase, description=description, billable=billable,
          receipt_document_id=receipt_document_id, staff_id=staff_id)
    return Changes(budgets=True)


def delete_expense(session: Session, *, expense_id: uuid.UUID,
                   expected_version: int | None = None,
                   actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Soft-delete an unbilled expense (entered by mistake); the case's history says so."""
    expense = _expense(session, expense_id, expected_version)
    refuse_if_billed(expense.billed_on, "expense")
    check_actor(session, actor_staff_id)
    soft_delete(expense)
    vendor = f", {expense.vendor}" if expense.vendor else ""
    log_activity(session, case_id=expense.case_id, action="expense_deleted",
                 summary=f"Expense deleted: {expense.category}{vendor} on "
                         f"{expense.spent_on.isoformat()} "
                         f"({money_text(from_cents(expense.amount_cents))})",
                 staff_id=actor_staff_id)
    return Changes(budgets=True, cases=True)


# -- reads --------------------------------------------------------------------------------------
def expense_rows(session: Session, expenses: Sequence[Expense]) -> list[ExpenseRow]:
    """Row snapshots (one query each for staff names, case numbers and receipt titles)."""
    names = staff_names(session, (e.staff_id for e in expenses))
    numbers = case_numbers(session, (e.case_id for e in expenses))
    titles = document_titles(session, (e.receipt_document_id for e in expenses))
    return [ExpenseRow(
        id=e.id, case_id=e.case_id, case_number=numbers.get(e.case_id, ""),
        spent_on=e.spent_on, category=e.category, vendor=e.vendor,
        amount=from_cents(e.amount_cents) or _ZERO, phase=e.phase, description=e.description,
        billable=e.billable, billed_on=e.billed_on, receipt_document_id=e.receipt_document_id,
        receipt_title=titles.get(e.receipt_document_id, "") if e.receipt_document_id else "",
        staff_id=e.staff_id, staff_name=names.get(e.staff_id, "") if e.staff_id else "",
        version=e.version) for e in expenses]


def list_expenses(session: Session, case_id: uuid.UUID) -> list[ExpenseRow]:
    """The case's expenses, newest first (by date spent, then by when entered)."""
    live_case(session, case_id)
    expenses = list(session.exec(select(Expense).where(
        Expense.case_id == case_id, col(Expense.deleted_at).is_(None)).order_by(
        col(Expense.spent_on).desc(), col(Expense.created_at).desc())))
    return expense_rows(session, expenses)


def get_expense(session: Session, expense_id: uuid.UUID) -> ExpenseRow:
    return expense_rows(session, [get_live(session, Expense, expense_id, "expense")])[0]

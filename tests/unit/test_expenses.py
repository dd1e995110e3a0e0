"""Expenses: receipts from the same case only, zero refused, exact totals, billed ones locked,
bad input changes nothing."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlmodel import select

from casedesk.domain.errors import ConcurrentEdit, InvalidInput, NotFound, RuleViolation
from casedesk.domain.models import Activity, Expense
from casedesk.persistence.practice import Practice
from casedesk.services import billing, documents, expenses
from tests.unit.test_time_entries import count, counting_queries, make_office


def add_doc(practice: Practice, case_id: uuid.UUID, name: str) -> uuid.UUID:
    stored = practice.blobs.put_bytes(name.encode())
    _c, ids = practice.write(documents.add_documents, case_id=case_id,
                             files=[documents.NewFile(stored=stored, file_name=name)])
    return uuid.UUID(str(ids[0]))


@pytest.fixture
def office(practice: Practice) -> dict[str, uuid.UUID]:
    ids = make_office(practice)
    ids["receipt"] = add_doc(practice, ids["case"], "filing_fee_receipt.pdf")
    ids["foreign"] = add_doc(practice, ids["other"], "hotel_bill.pdf")
    return ids


def add(practice: Practice, ids: dict[str, uuid.UUID], **kw: Any) -> uuid.UUID:
    values: dict[str, Any] = {"case_id": ids["case"], "spent_on": "2026-03-02",
                              "category": "Court fees", "amount": "405"}
    values.update(kw)
    changes, expense_id = practice.write(expenses.add_expense, **values)
    assert changes.budgets and not changes.cases
    return uuid.UUID(str(expense_id))


def test_add_with_a_receipt_and_list_newest_first(practice: Practice,
                                                  office: dict[str, uuid.UUID]) -> None:
    lines_before = count(practice, Activity)
    first = add(practice, office, vendor=" Clerk of  Court ", phase="Pleadings",
                description="Complaint filing fee", receipt_document_id=office["receipt"],
                staff_id=office["pat"])
    row = practice.read(expenses.get_expense, first)
    assert (row.spent_on, row.category, row.vendor, row.amount, row.phase) == (
        date(2026, 3, 2), "Court fees", "Clerk of Court", Decimal("405.00"), "Pleadings")
    assert (row.receipt_document_id, row.receipt_title, row.staff_name, row.case_number) == (
        office["receipt"], "filing fee receipt", "Pat Doe", "2026-CV-0001")
    assert row.billable and row.billed_on is None
    add(practice, office, spent_on="2026-03-05", category="Travel", amount="0.10")
    add(practice, office, spent_on="2026-02-28", category="Copying and printing",
        amount="0.20", billable=False)
    rows = practice.read(expenses.list_expenses, office["case"])
    assert [r.category for r in rows] == ["Travel", "Court fees", "Copying and printing"]
    assert sum((r.amount for r in rows), Decimal(0)) == Decimal("405.30")  # not 405.3000001
    assert [r.receipt_title for r in rows] == ["", "filing fee receipt", ""]
    assert count(practice, Activity) == lines_before  # no history line per expense


def test_receipts_must_be_live_documents_of_the_same_case(
        practice: Practice, office: dict[str, uuid.UUID]) -> None:
    with pytest.raises(InvalidInput, match="belongs to another case") as caught:
        add(practice, office, receipt_document_id=office["foreign"])
    assert caught.value.field == "receipt"
    with pytest.raises(InvalidInput, match="no longer exists"):
        add(practice, office, receipt_document_id=uuid.uuid4())
    assert count(practice, Expense) == 0
    kept = add(practice, office, receipt_document_id=office["receipt"])
    practice.write(documents.delete_document, document_id=office["receipt"])
    with pytest.raises(InvalidInput, match="no longer exists"):
        add(practice, office, receipt_document_id=office["receipt"])
    row = practice.read(expenses.get_expense, kept)
    assert row.receipt_title == ""  # the deleted receipt shows no title
    # Editing the expense keeps the receipt it had, deleted or not.
    practice.write(expenses.edit_expense, expense_id=kept, spent_on="2026-03-02",
                   category="Court fees", amount="410", receipt_document_id=office["receipt"])
    after = practice.read(expenses.get_expense, kept)
    assert (after.amount, after.receipt_document_id) == (Decimal("410.00"), office["receipt"])


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"amount": "0"}, "amount", "more than zero"),
    ({"amount": "0.00"}, "amount", "more than zero"),
    ({"amount": ""}, "amount", "Enter the amount"),
    ({"amount": "-3"}, "amount", "negative"),
    ({"amount": "1.999"}, "amount", "more than two decimals"),
    ({"amount": "lots"}, "amount", "not an amount"),
    ({"category": "  "}, "category", "The category is required"),
    ({"category": "c" * 81}, "category", "longer than 80"),
    ({"vendor": "v" * 201}, "vendor", "longer than 200"),
    ({"phase": "p" * 81}, "phase", "longer than 80"),
    ({"description": "d" * 2001}, "description", "longer than 2000"),
    ({"spent_on": "03/02/2026"}, "spent_on", "not a date"),
    ({"spent_on": None}, "spent_on", "Enter the date"),
])
def test_bad_input_is_refused_and_changes_nothing(practice: Practice,
                                                  office: dict[str, uuid.UUID],
                                                  change: dict[str, Any], field: str,
                                                  message: str) -> None:
    with pytest.raises(InvalidInput, match=message) as caught:
        add(practice, office, **change)
    assert caught.value.field == field
    assert count(practice, Expense) == 0


def test_unknown_case_or_staff(practice: Practice, office: dict[str, uuid.UUID]) -> None:
    with pytest.raises(NotFound):
        add(practice, office, case_id=uuid.uuid4())
    with pytest.raises(NotFound):
        add(practice, office, staff_id=uuid.uuid4())
    assert count(practice, Expense) == 0


def test_edit_checks_the_version_and_refused_edits_change_nothing(
        practice: Practice, office: dict[str, uuid.UUID]) -> None:
    expense_id = add(practice, office)
    edit = {"expense_id": expense_id, "spent_on": "2026-03-03", "category": "Travel",
            "amount": "88.40", "vendor": "Amtrak"}
    practice.write(expenses.edit_expense, expected_version=1, **edit)
    row = practice.read(expenses.get_expense, expense_id)
    assert (row.category, row.amount, row.vendor, row.version) == (
        "Travel", Decimal("88.40"), "Amtrak", 2)
    with pytest.raises(ConcurrentEdit):
        practice.write(expenses.edit_expense, expected_version=1, **edit)
    with pytest.raises(InvalidInput):
        practice.write(expenses.edit_expense, **{**edit, "vendor": "Other", "amount": "0"})
    with pytest.raises(InvalidInput, match="another case"):
        practice.write(expenses.edit_expense, **{**edit, "vendor": "Other",
                                                 "receipt_document_id": office["foreign"]})
    assert practice.read(expenses.get_expense, expense_id) == row


def test_billed_expenses_are_locked_and_deletes_are_logged(
        practice: Practice, office: dict[str, uuid.UUID]) -> None:
    billed = add(practice, office)
    loose = add(practice, office, category="Travel", vendor="Amtrak", amount="88.40",
                spent_on="2026-03-04")
    practice.write(billing.mark_billed, case_id=office["case"], billed_on="2026-03-31",
                   expense_ids=[billed])
    with pytest.raises(RuleViolation, match="billed on 2026-03-31"):
        practice.write(expenses.delete_expense, expense_id=billed)
    with pytest.raises(RuleViolation, match="billed on 2026-03-31"):
        practice.write(expenses.edit_expense, expense_id=billed, spent_on="2026-03-02",
                       category="Court fees", amount="1")
    changes = practice.write(expenses.delete_expense, expense_id=loose)
    assert changes.cases
    assert [r.id for r in practice.read(expenses.list_expenses, office["case"])] == [billed]
    summaries = practice.read(lambda s: s.exec(select(Activity.summary).where(
        Activity.action == "expense_deleted")).all())
    assert summaries == ["Expense deleted: Travel, Amtrak on 2026-03-04 (88.40)"]


def test_rows_are_built_with_batched_lookups(practice: Practice,
                                             office: dict[str, uuid.UUID]) -> None:
    add(practice, office, receipt_document_id=office["receipt"], staff_id=office["jane"])
    with counting_queries(practice) as few:
        practice.read(expenses.list_expenses, office["case"])
    other_doc = add_doc(practice, office["case"], "taxi.pdf")
    for n in range(10):
        add(practice, office, amount=str(n + 1),
            receipt_document_id=(office["receipt"], other_doc)[n % 2],
            staff_id=(office["jane"], office["pat"])[n % 2])
    with counting_queries(practice) as many:
        rows = practice.read(expenses.list_expenses, office["case"])
    assert {r.receipt_title for r in rows} == {"filing fee receipt", "taxi"}
    assert len(rows) == 11 and len(many) == len(few)

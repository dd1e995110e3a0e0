"""Budgets: revisions keep the history, exactly one is current, concurrent revisions are refused,
the fee arrangements' terms are checked, and bad input changes nothing."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlmodel import col, select

from casedesk.domain.enums import BudgetKind, FeeArrangement
from casedesk.domain.errors import ConcurrentEdit, InvalidInput, NotFound
from casedesk.domain.models import Activity, Budget, BudgetLine
from casedesk.persistence.practice import Practice
from casedesk.services import budgets
from casedesk.services.budget_rows import BudgetLineInput as Line
from tests.unit.test_time_entries import count, counting_queries, make_office

LINES = [Line("Investigation", "fees", "5000", "20"), Line("Discovery", "fees", "12000.50"),
         Line("Discovery", "expenses", "2500.25"), Line("Court fees", BudgetKind.EXPENSES, "0")]


@pytest.fixture
def office(practice: Practice) -> dict[str, uuid.UUID]:
    return make_office(practice)


def put(practice: Practice, case_id: uuid.UUID, lines: list[Line] | None = None,
        **kw: Any) -> uuid.UUID:
    changes, budget_id = practice.write(budgets.set_budget, case_id=case_id,
                                        lines=LINES if lines is None else lines, **kw)
    assert changes.budgets and changes.cases
    return uuid.UUID(str(budget_id))


def history_lines(practice: Practice) -> list[str]:
    return list(practice.read(lambda s: s.exec(select(Activity.summary).where(
        col(Activity.action).in_(("budget_set", "budget_revised"))).order_by(
        col(Activity.at))).all()))


def test_first_budget_is_revision_one_with_exact_totals(practice: Practice,
                                                        office: dict[str, uuid.UUID]) -> None:
    assert practice.read(budgets.current_budget, office["case"]) is None
    budget_id = put(practice, office["case"], reason="  Engagement letter ",
                    planned_end_on="2026-12-31", actor_staff_id=office["jane"],
                    expected_revision=0)
    row = practice.read(budgets.current_budget, office["case"])
    assert row is not None
    assert (row.id, row.revision, row.is_current, row.fee_arrangement) == (
        budget_id, 1, True, FeeArrangement.HOURLY)
    assert [(ln.phase, ln.kind, ln.amount, ln.hours) for ln in row.lines] == [
        ("Investigation", BudgetKind.FEES, Decimal("5000.00"), Decimal("20.00")),
        ("Discovery", BudgetKind.FEES, Decimal("12000.50"), None),
        ("Discovery", BudgetKind.EXPENSES, Decimal("2500.25"), None),
        ("Court fees", BudgetKind.EXPENSES, Decimal("0.00"), None)]
    assert (row.fees_total, row.expenses_total, row.total) == (
        Decimal("17000.50"), Decimal("2500.25"), Decimal("19500.75"))
    assert (row.reason, row.staff_name, row.planned_end_on) == (
        "Engagement letter", "Jane Smith", date(2026, 12, 31))
    assert row.fixed_fee is None and row.contingency_percent is None
    assert history_lines(practice) == [
        "Budget set: USD 19,500.75 (fees 17,000.50, expenses 2,500.25). "
        "Reason: Engagement letter"]


def test_revisions_keep_the_history_and_the_current_flag_flips(
        practice: Practice, office: dict[str, uuid.UUID]) -> None:
    first = put(practice, office["case"])
    second = put(practice, office["case"], lines=[Line("Trial", "fees", "30000")],
                 reason="Trial date set", expected_revision=1)
    third = put(practice, office["case"], lines=[Line("Trial", "fees", "35000")],
                fee_arrangement="fixed_fee", fixed_fee="40000", expected_revision=2)
    history = practice.read(budgets.budget_history, office["case"])
    assert [(r.id, r.revision, r.is_current) for r in history] == [
        (third, 3, True), (second, 2, False), (first, 1, False)]
    assert history[2].total == Decimal("19500.75")  # the first revision is kept as it was
    assert [ln.phase for ln in history[2].lines] == [ln.phase for ln in LINES]
    assert (history[0].fee_arrangement, history[0].fixed_fee, history[0].expected_fee) == (
        FeeArrangement.FIXED_FEE, Decimal("40000.00"), Decimal("40000.00"))
    current = practice.read(budgets.current_budget, office["case"])
    assert current is not None and current.id == third
    assert count(practice, Budget) == 3 and count(practice, BudgetLine) == 6
    assert history_lines(practice)[1:] == [
        "Budget revised (revision 2): USD 19,500.75 → USD 30,000.00 (fees 30,000.00, "
        "expenses 0.00). Reason: Trial date set",
        "Budget revised (revision 3): USD 30,000.00 → USD 35,000.00 (fees 35,000.00, "
        "expenses 0.00); fixed fee 40,000.00"]
    # Another case's budget is its own.
    put(practice, office["other"])
    assert practice.read(budgets.budget_history, office["other"])[0].revision == 1


def test_a_revision_made_meanwhile_is_not_overwritten(practice: Practice,
                                                      office: dict[str, uuid.UUID]) -> None:
    put(practice, office["case"], expected_revision=0)
    put(practice, office["case"], lines=[Line("Trial", "fees", "1")], expected_revision=1)
    with pytest.raises(ConcurrentEdit, match="budget was changed by someone else"):
        put(practice, office["case"], lines=[Line("Trial", "fees", "2")], expected_revision=1)
    with pytest.raises(ConcurrentEdit):
        put(practice, office["other"], expected_revision=1)  # it has none yet
    assert count(practice, Budget) == 2


def test_saving_the_same_budget_again_adds_no_revision(practice: Practice,
                                                       office: dict[str, uuid.UUID]) -> None:
    first = put(practice, office["case"])
    changes, again = practice.write(budgets.set_budget, case_id=office["case"],
                                    lines=[Line(" Investigation ", "FEES", "5000.00", "20.00"),
                                           *LINES[1:]], reason="no change")
    assert (changes.any(), again) == (False, first)
    assert count(practice, Budget) == 1 and len(history_lines(practice)) == 1


def test_contingency_terms_and_fields_cleared_for_other_arrangements(
        practice: Practice, office: dict[str, uuid.UUID]) -> None:
    put(practice, office["case"], fee_arrangement=FeeArrangement.CONTINGENCY,
        contingency_percent="33.33", expected_recovery="100000", fixed_fee="999")
    row = practice.read(budgets.current_budget, office["case"])
    assert row is not None
    assert (row.contingency_percent, row.expected_recovery, row.fixed_fee, row.expected_fee) == (
        Decimal("33.33"), Decimal("100000.00"), None, Decimal("33330.00"))
    put(practice, office["case"], fee_arrangement="hourly", contingency_percent="25",
        fixed_fee="100")
    row = practice.read(budgets.current_budget, office["case"])
    assert row is not None
    assert (row.fee_arrangement, row.contingency_percent, row.fixed_fee) == (
        FeeArrangement.HOURLY, None, None)


@pytest.mark.parametrize(("kw", "field", "message"), [
    ({"lines": []}, "lines", "at least one line"),
    ({"lines": [Line("  ", "fees", "1")]}, "lines", "Line 1: enter the phase"),
    ({"lines": [Line("P" * 81, "fees", "1")]}, "lines", "longer than 80"),
    ({"lines": [Line("Trial", "fee", "1")]}, "lines", "'fee' is not a kind"),
    ({"lines": [Line("Trial", "fees", "-1")]}, "lines", r"Trial \(fees\): '-1' is negative"),
    ({"lines": [Line("Trial", "fees", "")]}, "lines", "Enter the amount"),
    ({"lines": [Line("Trial", "fees", "1.001")]}, "lines", "more than two decimals"),
    ({"lines": [Line("Trial", "fees", "999999999999")]}, "lines", "too large"),
    ({"lines": [Line("Trial", "expenses", "1", "3")]}, "lines", "hours go with fees lines"),
    ({"lines": [Line("Trial", "fees", "1", "x")]}, "lines", "not a number of hours"),
    ({"lines": [Line("Trial", "fees", "1"), Line("TRIAL ", "fees", "2")]}, "lines",
     "on lines 1 and 2"),
    ({"fee_arrangement": "hourlyish"}, "fee_arrangement", "not a fee arrangement"),
    ({"fee_arrangement": "fixed_fee"}, "fixed_fee", "Enter the fixed fee"),
    ({"fee_arrangement": "fixed_fee", "fixed_fee": "0"}, "fixed_fee", "more than zero"),
    ({"fee_arrangement": "contingency"}, "contingency_percent", "contingency percentage"),
    ({"fee_arrangement": "contingency", "contingency_percent": "120"},
     "contingency_percent", "not between 0 and 100"),
    ({"expected_recovery": "lots"}, "expected_recovery", "not an amount"),
    ({"planned_end_on": "2026-13-01"}, "planned_end_on", "not a date"),
    ({"reason": "r" * 501}, "reason", "longer than 500"),
])
def test_bad_input_is_refused_and_changes_nothing(practice: Practice,
                                                  office: dict[str, uuid.UUID],
                                                  kw: dict[str, Any], field: str,
                                                  message: str) -> None:
    first = put(practice, office["case"])
    values: dict[str, Any] = {"case_id": office["case"], "lines": LINES, **kw}
    with pytest.raises(InvalidInput, match=message) as caught:
        practice.write(budgets.set_budget, **values)
    assert caught.value.field == field
    assert (count(practice, Budget), count(practice, BudgetLine)) == (1, 4)
    current = practice.read(budgets.current_budget, office["case"])
    assert current is not None and current.id == first


def test_unknown_case_or_actor(practice: Practice, office: dict[str, uuid.UUID]) -> None:
    with pytest.raises(NotFound):
        put(practice, uuid.uuid4())
    with pytest.raises(NotFound):
        put(practice, office["case"], actor_staff_id=uuid.uuid4())
    with pytest.raises(NotFound):
        practice.read(budgets.budget_history, uuid.uuid4())
    assert count(practice, Budget) == 0


def test_history_is_read_with_batched_lookups(practice: Practice,
                                              office: dict[str, uuid.UUID]) -> None:
    put(practice, office["case"], actor_staff_id=office["jane"])
    with counting_queries(practice) as few:
        practice.read(budgets.budget_history, office["case"])
    for n in range(8):
        put(practice, office["case"], lines=[Line("Trial", "fees", str(n))],
            actor_staff_id=(office["jane"], office["old"])[n % 2])
    with counting_queries(practice) as many:
        rows = practice.read(budgets.budget_history, office["case"])
    assert [r.staff_name for r in rows[:2]] == ["Old Timer", "Jane Smith"]
    assert len(rows) == 9 and len(many) == len(few)

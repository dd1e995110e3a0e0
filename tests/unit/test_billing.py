"""Billing marks: everything billable up to a date, or chosen entries; refusals change nothing;
unmarking; the case history."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from sqlmodel import select

from casedesk.domain.errors import InvalidInput, NotFound, RuleViolation
from casedesk.domain.models import Activity
from casedesk.persistence.practice import Practice
from casedesk.services import billing, expenses, time_entries
from tests.unit.test_time_entries import make_office


@pytest.fixture
def office(practice: Practice) -> dict[str, Any]:
    ids: dict[str, Any] = make_office(practice)

    def time(day: str, hours: str, *, case: str = "case", billable: bool = True) -> uuid.UUID:
        _c, entry_id = practice.write(time_entries.add_time_entry, case_id=ids[case],
                                      staff_id=ids["jane"], worked_on=day, hours=hours,
                                      billable=billable)
        return uuid.UUID(str(entry_id))

    def cost(day: str, amount: str, *, billable: bool = True) -> uuid.UUID:
        _c, expense_id = practice.write(expenses.add_expense, case_id=ids["case"],
                                        spent_on=day, category="Travel", amount=amount,
                                        billable=billable)
        return uuid.UUID(str(expense_id))

    ids["t1"] = time("2026-03-02", "1")  # 333.33
    ids["t2"] = time("2026-03-20", "0.5")  # 166.67 (166.665 half up)
    ids["t_late"] = time("2026-04-02", "2")
    ids["t_free"] = time("2026-03-03", "1", billable=False)
    ids["t_other"] = time("2026-03-02", "1", case="other")
    ids["e1"] = cost("2026-03-10", "88.40")
    ids["e_free"] = cost("2026-03-11", "12.00", billable=False)
    return ids


def billed_days(practice: Practice, ids: dict[str, Any]) -> dict[str, date | None]:
    days: dict[str, date | None] = {}
    for key in ("t1", "t2", "t_late", "t_free", "t_other"):
        days[key] = practice.read(time_entries.get_time_entry, ids[key]).billed_on
    for key in ("e1", "e_free"):
        days[key] = practice.read(expenses.get_expense, ids[key]).billed_on
    return days


def summaries(practice: Practice, action: str) -> list[str]:
    return list(practice.read(lambda s: s.exec(select(Activity.summary).where(
        Activity.action == action)).all()))


def test_everything_billable_up_to_through(practice: Practice, office: dict[str, Any]) -> None:
    changes, marked = practice.write(billing.mark_billed, case_id=office["case"],
                                     billed_on="2026-04-05", through="2026-03-31")
    assert changes.budgets and changes.cases and marked == 3
    march = date(2026, 4, 5)
    assert billed_days(practice, office) == {"t1": march, "t2": march, "t_late": None,
                                            "t_free": None, "t_other": None, "e1": march,
                                            "e_free": None}
    assert summaries(practice, "entries_billed") == [
        "Billed on 2026-04-05: 2 time entries (500.00) and 1 expense (88.40)"]
    # Nothing left up to then: a second run marks nothing and writes no history.
    changes, marked = practice.write(billing.mark_billed, case_id=office["case"],
                                     billed_on="2026-04-06", through="2026-03-31")
    assert (changes.any(), marked) == (False, 0)
    assert len(summaries(practice, "entries_billed")) == 1


def test_through_defaults_to_the_billing_date(practice: Practice,
                                              office: dict[str, Any]) -> None:
    _c, marked = practice.write(billing.mark_billed, case_id=office["case"],
                                billed_on="2026-03-15")
    assert marked == 2  # t1 and e1; t2 (20 March) is after the billing date
    days = billed_days(practice, office)
    assert days["t1"] == days["e1"] == date(2026, 3, 15) and days["t2"] is None


def test_chosen_entries_and_refusals_that_change_nothing(practice: Practice,
                                                         office: dict[str, Any]) -> None:
    _c, marked = practice.write(billing.mark_billed, case_id=office["case"],
                                billed_on="2026-03-31", time_entry_ids=[office["t2"]])
    assert marked == 1
    before = billed_days(practice, office)
    refusals: list[tuple[type[Exception], str, dict[str, Any]]] = [
        (RuleViolation, "already billed on 2026-03-31",
         {"time_entry_ids": [office["t1"], office["t2"]]}),
        (RuleViolation, "not billable", {"time_entry_ids": [office["t1"], office["t_free"]]}),
        (InvalidInput, "belongs to another case", {"time_entry_ids": [office["t_other"]]}),
        (RuleViolation, "not billable", {"expense_ids": [office["e_free"]]}),
        (NotFound, "no longer exists", {"expense_ids": [office["e1"], uuid.uuid4()]}),
        (InvalidInput, "Enter the billing date", {"billed_on": ""}),
    ]
    for error, message, kw in refusals:
        values = {"case_id": office["case"], "billed_on": "2026-04-01", **kw}
        with pytest.raises(error, match=message):
            practice.write(billing.mark_billed, **values)
    assert billed_days(practice, office) == before
    assert summaries(practice, "entries_billed") == [
        "Billed on 2026-03-31: 1 time entry (166.67)"]


def test_unmark_makes_entries_unbilled_again(practice: Practice,
                                             office: dict[str, Any]) -> None:
    practice.write(billing.mark_billed, case_id=office["case"], billed_on="2026-03-31")
    practice.write(billing.mark_billed, case_id=office["other"], billed_on="2026-03-31")
    changes = practice.write(billing.unmark_billed,
                             time_entry_ids=[office["t1"], office["t_other"], office["t_late"]],
                             expense_ids=[office["e1"]])
    assert changes.budgets and changes.cases
    days = billed_days(practice, office)
    assert (days["t1"], days["t_other"], days["e1"], days["t2"]) == (
        None, None, None, date(2026, 3, 31))
    assert sorted(summaries(practice, "entries_unbilled")) == [
        "Billing mark removed from 1 entry", "Billing mark removed from 2 entries"]
    assert not practice.write(billing.unmark_billed, time_entry_ids=[office["t1"]]).any()

"""Review of the budget, time-entry, expense and billing services (issue 5) with input a person
or an attacker might give: numbers Python reads but nobody means ("1e3", "1,5", Arabic-Indic
digits), control characters and NUL (PostgreSQL refuses them), dates in odd ISO forms or
out of range, names typed in another case than the budget's; entries of a deleted case; two
desks revising one budget at once on PostgreSQL."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import date, datetime
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, select

from casedesk.domain.errors import ConcurrentEdit, InvalidInput, NotFound, RuleViolation
from casedesk.domain.models import Budget, Case, Expense, TimeEntry
from casedesk.domain.types import utcnow
from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from casedesk.services import billing, budget_report, budgets, expenses, time_entries
from casedesk.services.budget_rows import BudgetLineInput as Line
from tests.unit.test_time_entries import count, make_office


@pytest.fixture
def office(practice: Practice) -> dict[str, uuid.UUID]:
    return make_office(practice)


def add_time(practice: Practice, ids: dict[str, uuid.UUID], **kw: Any) -> uuid.UUID:
    values: dict[str, Any] = {"case_id": ids["case"], "staff_id": ids["jane"],
                              "worked_on": "2026-03-02", "hours": "1"}
    values.update(kw)
    return uuid.UUID(str(practice.write(time_entries.add_time_entry, **values)[1]))


def add_expense(practice: Practice, ids: dict[str, uuid.UUID], **kw: Any) -> uuid.UUID:
    values: dict[str, Any] = {"case_id": ids["case"], "spent_on": "2026-03-02",
                              "category": "Travel", "amount": "10.00"}
    values.update(kw)
    return uuid.UUID(str(practice.write(expenses.add_expense, **values)[1]))


def refused(practice: Practice, fn: Any, field: str, **kw: Any) -> str:
    with pytest.raises(InvalidInput) as caught:
        practice.write(fn, **kw)
    assert caught.value.field == field
    return caught.value.message


# -- numbers --------------------------------------------------------------------------------------
@pytest.mark.parametrize("typed", ["1e3", "1E2", "\u0661\u0662\u0663", "1,5", "1,23",
                                   "1,2,3", "1_000", "0x10", "12 50", ".", "NaN", "Infinity"])
def test_amounts_that_are_not_plain_numbers_are_refused(practice: Practice,
                                                        office: dict[str, uuid.UUID],
                                                        typed: str) -> None:
    message = refused(practice, expenses.add_expense, "amount", case_id=office["case"],
                      spent_on="2026-03-02", category="Travel", amount=typed)
    assert repr(typed) in message and "digits 0-9" in message
    refused(practice, time_entries.add_time_entry, "rate", case_id=office["case"],
            staff_id=office["jane"], worked_on="2026-03-02", hours="1", rate=typed)
    refused(practice, time_entries.add_time_entry, "hours", case_id=office["case"],
            staff_id=office["jane"], worked_on="2026-03-02", hours=typed)
    refused(practice, budgets.set_budget, "lines", case_id=office["case"],
            lines=[Line("Trial", "fees", typed)])
    refused(practice, budgets.set_budget, "lines", case_id=office["case"],
            lines=[Line("Trial", "fees", "10", typed)])
    refused(practice, budgets.set_budget, "fixed_fee", case_id=office["case"],
            lines=[Line("Trial", "fees", "10")], fee_arrangement="fixed_fee", fixed_fee=typed)
    assert count(practice, Expense) == count(practice, TimeEntry) == count(practice, Budget) == 0


def test_amounts_as_people_write_them(practice: Practice, office: dict[str, uuid.UUID]) -> None:
    def amount(typed: Any) -> D:
        return practice.read(expenses.get_expense, add_expense(practice, office,
                                                               amount=typed)).amount

    assert amount("1,234.50") == D("1234.50")
    assert amount(" 12,345,678.90 ") == D("12345678.90")
    assert amount("\u00a012.5") == D("12.50")  # a no-break space around it
    assert amount(".5") == D("0.50")
    assert amount(D("1E+3")) == D("1000.00")  # a Decimal is already a number
    message = refused(practice, expenses.add_expense, "amount", case_id=office["case"],
                      spent_on="2026-03-02", category="Travel", amount="-5")
    assert "negative" in message
    entry = add_time(practice, office, hours=" 1.25 ", rate="1,000")
    assert practice.read(time_entries.get_time_entry, entry).amount == D("1250.00")
    _c, budget_id = practice.write(budgets.set_budget, case_id=office["case"],
                                   lines=[Line("Trial", "fees", "12,000", "1,200")],
                                   fee_arrangement="contingency", contingency_percent="33.33%")
    row = practice.read(budgets.current_budget, office["case"])
    assert row is not None and row.id == budget_id
    assert (row.lines[0].amount, row.lines[0].hours) == (D("12000.00"), D("1200.00"))
    assert row.contingency_percent == D("33.33")


# -- text -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("bad", ["a\x00b", "bell\x07", "esc\x1b[31m", "\ud800", "del\x7f",
                                 "c1\x9b"])
def test_text_with_control_characters_is_refused_cleanly(practice: Practice,
                                                         office: dict[str, uuid.UUID],
                                                         bad: str) -> None:
    for field in ("description", "phase", "activity"):
        message = refused(practice, time_entries.add_time_entry, field, case_id=office["case"],
                          staff_id=office["jane"], worked_on="2026-03-02", hours="1",
                          **{field: bad})
        assert "not text" in message and "U+" in message
    for field in ("description", "phase", "vendor", "category"):
        values = {"case_id": office["case"], "spent_on": "2026-03-02", "category": "Travel",
                  "amount": "1", field: bad}
        refused(practice, expenses.add_expense, field, **values)
    refused(practice, budgets.set_budget, "reason", case_id=office["case"],
            lines=[Line("Trial", "fees", "1")], reason=bad)
    refused(practice, budgets.set_budget, "lines", case_id=office["case"],
            lines=[Line(bad, "fees", "1")])
    assert count(practice, Expense) == count(practice, TimeEntry) == count(practice, Budget) == 0


def test_line_breaks_of_other_systems_are_kept_as_line_breaks(
        practice: Practice, office: dict[str, uuid.UUID]) -> None:
    entry = add_time(practice, office, description="Call\x0bwith client\r\nNotes\rDone\u2028",
                     phase="Trial\tpreparation", activity=" Research\x0b")
    row = practice.read(time_entries.get_time_entry, entry)
    assert row.description == "Call\nwith client\nNotes\nDone"
    assert (row.phase, row.activity) == ("Trial preparation", "Research")


# -- dates ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("typed", ["20260302", "2026-W10-1", "2026-061", "2026-3-2",
                                   "2026-03-02T10:00", "0001-01-01", "9999-12-31"])
def test_dates_in_other_forms_or_out_of_range_are_refused(practice: Practice,
                                                          office: dict[str, uuid.UUID],
                                                          typed: str) -> None:
    messages = [
        refused(practice, time_entries.add_time_entry, "worked_on", case_id=office["case"],
                staff_id=office["jane"], worked_on=typed, hours="1"),
        refused(practice, expenses.add_expense, "spent_on", case_id=office["case"],
                spent_on=typed, category="Travel", amount="1"),
        refused(practice, budgets.set_budget, "planned_end_on", case_id=office["case"],
                lines=[Line("Trial", "fees", "1")], planned_end_on=typed),
        refused(practice, billing.mark_billed, "through", case_id=office["case"],
                billed_on="2026-03-31", through=typed)]
    assert all(typed in message for message in messages), messages  # says what was typed


def test_a_datetime_counts_as_its_day(practice: Practice, office: dict[str, uuid.UUID]) -> None:
    entry = add_time(practice, office, worked_on=datetime(2026, 3, 5, 23, 30))
    assert practice.read(time_entries.get_time_entry, entry).worked_on == date(2026, 3, 5)


# -- names as the budget spells them --------------------------------------------------------------
def test_names_are_spelt_as_the_budget_and_the_practice_spell_them(
        practice: Practice, office: dict[str, uuid.UUID]) -> None:
    practice.write(budgets.set_budget, case_id=office["case"],
                   lines=[Line("discovery", "fees", "1000"),
                          Line("Mediation prep", "fees", "500"),
                          Line("court FEES", "expenses", "300")])
    row = practice.read(budgets.current_budget, office["case"])
    assert row is not None
    assert [ln.phase for ln in row.lines] == ["Discovery", "Mediation prep", "Court fees"]
    first = add_time(practice, office, phase="DISCOVERY", activity="research", hours="2")
    second = add_time(practice, office, phase="mediation  PREP", hours="1")
    third = add_time(practice, office, phase="Brand new phase")
    got = [practice.read(time_entries.get_time_entry, e) for e in (first, second, third)]
    assert [(r.phase, r.activity) for r in got] == [
        ("Discovery", "Research"), ("Mediation prep", ""), ("Brand new phase", "")]
    cost = add_expense(practice, office, category="court fees", phase="COURT FEES",
                       amount="120.00")
    row_e = practice.read(expenses.get_expense, cost)
    assert (row_e.category, row_e.phase) == ("Court fees", "Court fees")
    status = budget_report.case_status(practice.reader, office["case"], today=date(2026, 3, 31))
    by_phase = {p.phase: p for p in status.phases}
    assert sorted(by_phase) == ["Brand new phase", "Court fees", "Discovery", "Mediation prep"]
    assert by_phase["Discovery"].actual == D("666.66")  # 2 h x 333.33, on its budget line
    assert by_phase["Court fees"].actual == D("120.00")
    assert status.forecast_from_phases == D("1000.00") + D("500.00") + D("300.00") + D("333.33")


# -- entries of a deleted case --------------------------------------------------------------------
def test_entries_of_a_deleted_case_are_not_edited(practice: Practice,
                                                  office: dict[str, uuid.UUID]) -> None:
    entry = add_time(practice, office)
    cost = add_expense(practice, office)

    def delete_case(session: Any) -> None:
        case = session.get(Case, office["case"])
        case.deleted_at = utcnow()

    practice.write(lambda session: delete_case(session))
    with pytest.raises(NotFound, match="case"):
        practice.write(time_entries.edit_time_entry, entry_id=entry, staff_id=office["jane"],
                       worked_on="2026-03-02", hours="2", rate=None)
    with pytest.raises(NotFound, match="case"):
        practice.write(time_entries.delete_time_entry, entry_id=entry)
    with pytest.raises(NotFound, match="case"):
        practice.write(expenses.edit_expense, expense_id=cost, spent_on="2026-03-02",
                       category="Travel", amount="20")
    with pytest.raises(NotFound, match="case"):
        practice.write(expenses.delete_expense, expense_id=cost)
    assert practice.read(lambda s: s.get(TimeEntry, entry).hours_centi) == 100


# -- PostgreSQL -----------------------------------------------------------------------------------
@pytest.mark.postgres
def test_nul_and_odd_text_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    with Practice(resolve(tmp_path / "desk", pg_url)) as server:
        ids = make_office(server)
        for field in ("description", "phase", "activity"):
            refused(server, time_entries.add_time_entry, field, case_id=ids["case"],
                    staff_id=ids["jane"], worked_on="2026-03-02", hours="1",
                    **{field: "a\x00b"})
        refused(server, expenses.add_expense, "vendor", case_id=ids["case"],
                spent_on="2026-03-02", category="Travel", amount="1", vendor="\x00")
        refused(server, budgets.set_budget, "reason", case_id=ids["case"],
                lines=[Line("Trial", "fees", "1")], reason="why\x00")
        text = "株式会社 — Zoë 😀 " + "x" * 1900
        entry = add_time(server, ids, description=text, phase="ÉTUDE")
        row = server.read(time_entries.get_time_entry, entry)
        assert (row.description, row.phase) == (text, "ÉTUDE")


@pytest.mark.postgres
def test_two_desks_revising_one_budget_at_once(pg_url: str, tmp_path: Path) -> None:
    with Practice(resolve(tmp_path / "a", pg_url)) as desk_a, \
            Practice(resolve(tmp_path / "b", pg_url)) as desk_b:
        ids = make_office(desk_a)
        desk_a.write(budgets.set_budget, case_id=ids["case"], lines=[Line("Trial", "fees", "1")])
        outcome: list[BaseException | None] = []

        def desk_b_revises() -> None:
            try:
                desk_b.write(budgets.set_budget, case_id=ids["case"], expected_revision=1,
                             lines=[Line("Trial", "fees", "3")], reason="B")
                outcome.append(None)
            except BaseException as exc:  # the test reports it
                outcome.append(exc)

        with desk_a.transaction() as session:
            budgets.set_budget(session, case_id=ids["case"], expected_revision=1,
                               lines=[Line("Trial", "fees", "2")], reason="A")
            session.flush()
            other = threading.Thread(target=desk_b_revises)
            other.start()
            time.sleep(0.5)  # B reads revision 1 as current and waits for A's row lock
        other.join(timeout=30)
        assert len(outcome) == 1 and isinstance(outcome[0], ConcurrentEdit), outcome
        rows = desk_a.read(lambda s: s.exec(select(Budget.revision, Budget.reason).where(
            col(Budget.is_current).is_(True))).all())
        assert [tuple(r) for r in rows] == [(2, "A")]


def test_names_that_look_alike_are_one_name(practice: Practice,
                                            office: dict[str, uuid.UUID]) -> None:
    decomposed, composed = "E\u0301tude de cas", "\u00c9tude de cas"
    with pytest.raises(InvalidInput, match="lines 1 and 2"):
        practice.write(budgets.set_budget, case_id=office["case"],
                       lines=[Line(composed, "fees", "1"), Line(decomposed + " ", "fees", "2")])
    practice.write(budgets.set_budget, case_id=office["case"],
                   lines=[Line(decomposed, "fees", "100")])
    entry = add_time(practice, office, phase=decomposed.upper(), description=decomposed)
    row = practice.read(time_entries.get_time_entry, entry)
    assert (row.phase, row.description) == (composed, composed)


def test_an_id_already_taken_is_refused_cleanly(practice: Practice,
                                                office: dict[str, uuid.UUID]) -> None:
    entry = add_time(practice, office)
    cost = add_expense(practice, office)
    with pytest.raises(RuleViolation, match="already exists"):
        add_time(practice, office, entry_id=entry, hours="2")
    with pytest.raises(RuleViolation, match="already exists"):
        add_expense(practice, office, expense_id=cost, amount="3")
    assert count(practice, TimeEntry) == count(practice, Expense) == 1

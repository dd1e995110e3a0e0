"""Budgets, time entries, expenses and the budget settings in the practice file: export, round
trip, merge by id, files with only `budget`, old files without the keys."""

from __future__ import annotations

import copy
import json
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from casedesk.export.interchange import parse_json
from casedesk.export.interchange_budget import (
    BUDGET_ITEM_KEYS,
    EXPENSE_EXTENSIONS,
    EXPENSE_KEYS,
    REVISION_KEYS,
    TIME_ENTRY_EXTENSIONS,
    TIME_ENTRY_KEYS,
)
from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from casedesk.services import billing, budget_settings, budgets, expenses, interchange
from casedesk.services import time_entries as time
from casedesk.services.budget_rows import BudgetLineInput
from tests.unit.test_interchange_documents import case_of, export, import_file, seed_documents

LINES = [BudgetLineInput("Investigation", "fees", "2500.00", "10"),
         BudgetLineInput("Discovery", "fees", "12000.00"),
         BudgetLineInput("Discovery", "expenses", "3500.50")]
REVISED = [*LINES[:2], BudgetLineInput("Discovery", "expenses", "6000.00"),
           BudgetLineInput("Trial", "fees", "20000.00", "80")]


def seed_money(practice: Practice, folder: Path) -> dict[str, uuid.UUID]:
    """The documents test's practice, plus a budget revised once, time entries (one billed)
    and expenses (one with a receipt), and the practice's own phases."""
    ids = seed_documents(practice, folder)
    case = ids["case"]
    practice.write(budget_settings.save_settings,
                   phases=["Investigation", "Discovery", "Trial", "Appeal"],
                   expense_categories=["Court fees", "Experts", "Couriers"],
                   activities=["Research", "Draft", "Appear"], warning_percent=75,
                   over_percent=100)
    _c, ids["rev1"] = practice.write(budgets.set_budget, case_id=case, lines=LINES,
                                     planned_end_on="2026-12-31", reason="Initial estimate",
                                     actor_staff_id=ids["ann"])
    _c, ids["rev2"] = practice.write(budgets.set_budget, case_id=case, lines=REVISED,
                                     planned_end_on="2027-03-31",
                                     reason="Discovery expanded after second amended complaint",
                                     actor_staff_id=ids["ann"])
    _c, ids["t1"] = practice.write(time.add_time_entry, case_id=case, staff_id=ids["ann"],
                                   worked_on="2026-01-12", hours="1.25", phase="Investigation",
                                   activity="Research", description="Statute of limitations")
    _c, ids["t2"] = practice.write(time.add_time_entry, case_id=case, staff_id=ids["ann"],
                                   worked_on="2026-02-03", hours="0.10", rate="333.33",
                                   phase="Discovery", activity="Draft",
                                   description="Interrogatories, first set", billable=False)
    _c, ids["e1"] = practice.write(expenses.add_expense, case_id=case, spent_on="2026-02-04",
                                   category="Court fees", amount="405.00",
                                   vendor="Clerk of Court", phase="Discovery",
                                   receipt_document_id=ids["complaint"], staff_id=ids["ann"])
    _c, ids["e2"] = practice.write(expenses.add_expense, case_id=case, spent_on="2026-02-10",
                                   category="Couriers", amount="38.75", vendor="Metro Couriers")
    practice.write(billing.mark_billed, case_id=case, billed_on="2026-01-31",
                   time_entry_ids=[ids["t1"]])
    return ids


@pytest.fixture
def office(tmp_path: Path) -> Any:
    with Practice(resolve(tmp_path / "office")) as p:
        p.ids = seed_money(p, tmp_path / "incoming")  # type: ignore[attr-defined]
        yield p


@pytest.fixture
def other(tmp_path: Path) -> Any:
    with Practice(resolve(tmp_path / "other")) as p:
        yield p


def scalar(practice: Practice, sql: str, **params: Any) -> Any:
    with practice.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def test_export_carries_the_budget_its_history_and_the_entries(office: Practice,
                                                               tmp_path: Path) -> None:
    ids = office.ids  # type: ignore[attr-defined]
    doc = export(office, tmp_path / "p.json")
    case = case_of(doc)
    assert case["budget"] == [
        {"phase": "Investigation", "kind": "fees", "amount": "2500.00"},
        {"phase": "Discovery", "kind": "fees", "amount": "12000.00"},
        {"phase": "Discovery", "kind": "expenses", "amount": "6000.00"},
        {"phase": "Trial", "kind": "fees", "amount": "20000.00"}]
    assert all(list(item) == list(BUDGET_ITEM_KEYS) for item in case["budget"])
    first, second = case["budget_revisions"]
    assert list(first) == list(REVISION_KEYS)
    assert (first["id"], first["revision"], first["reason"], first["planned_end_on"],
            first["fee_arrangement"], first["fixed_fee"], first["staff_id"]) == (
        str(ids["rev1"]), 1, "Initial estimate", "2026-12-31", "hourly", None, str(ids["ann"]))
    assert first["lines"][0] == {"phase": "Investigation", "kind": "fees", "amount": "2500.00",
                                 "hours": "10.00"}
    assert first["lines"][2] == {"phase": "Discovery", "kind": "expenses", "amount": "3500.50",
                                 "hours": None}
    assert (second["id"], second["revision"]) == (str(ids["rev2"]), 2)
    assert second["reason"] == "Discovery expanded after second amended complaint"
    t1, t2 = case["time_entries"]
    assert list(t1) == [*TIME_ENTRY_KEYS, *TIME_ENTRY_EXTENSIONS]
    assert t1 == {"id": str(ids["t1"]), "staff_id": str(ids["ann"]), "date": "2026-01-12",
                  "hours": "1.25", "rate": "250.00", "phase": "Investigation",
                  "activity": "Research", "description": "Statute of limitations",
                  "billable": True, "billed_on": "2026-01-31", "amount": "312.50"}
    assert (t2["rate"], t2["amount"], t2["billable"], t2["billed_on"]) == (
        "333.33", "33.33", False, None)
    e1, e2 = case["expenses"]
    assert list(e1) == [*EXPENSE_KEYS, *EXPENSE_EXTENSIONS]
    assert e1 == {"id": str(ids["e1"]), "date": "2026-02-04", "category": "Court fees",
                  "vendor": "Clerk of Court", "amount": "405.00", "phase": "Discovery",
                  "description": "", "billable": True, "billed_on": None,
                  "receipt_document_id": str(ids["complaint"]), "staff_id": str(ids["ann"])}
    assert (e2["amount"], e2["receipt_document_id"], e2["staff_id"]) == ("38.75", None, None)
    assert doc["firm"]["budget_settings"] == {
        "phases": ["Investigation", "Discovery", "Trial", "Appeal"],
        "expense_categories": ["Court fees", "Experts", "Couriers"],
        "activities": ["Research", "Draft", "Appear"], "warning_percent": 75,
        "over_percent": 100}
    old = next(c for c in doc["cases"] if c["number"] == "2025-CV-0009")
    assert (old["budget"], old["budget_revisions"], old["time_entries"], old["expenses"]) == (
        [], [], [], [])


def test_round_trip_is_byte_identical_and_keeps_the_history(office: Practice, other: Practice,
                                                            tmp_path: Path) -> None:
    ids = office.ids  # type: ignore[attr-defined]
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    export(office, first)
    changes, summary = import_file(other, first)
    assert changes.budgets
    assert summary.line().endswith("1 letter template, 2 budget revisions, 2 time entries, "
                                   "2 expenses; 5 files stored")
    export(other, second)
    assert second.read_bytes() == first.read_bytes()
    history = other.read(budgets.budget_history, ids["case"])
    assert [(r.revision, r.is_current, r.total) for r in history] == [
        (2, True, Decimal("40500.00")), (1, False, Decimal("18000.50"))]
    rows = other.read(time.list_time_entries, ids["case"])
    assert sum(r.amount for r in rows) == Decimal("345.83")
    assert other.read(budget_settings.get_settings).warning_percent == 75
    # Importing the same file again changes nothing.
    versions = scalar(other, "SELECT sum(version) FROM budgets") + scalar(
        other, "SELECT sum(version) FROM time_entries") + scalar(
        other, "SELECT sum(version) FROM expenses")
    changes, summary = import_file(other, first)
    assert not changes.budgets and not changes.cases and summary.firm == "unchanged"
    assert versions == scalar(other, "SELECT sum(version) FROM budgets") + scalar(
        other, "SELECT sum(version) FROM time_entries") + scalar(
        other, "SELECT sum(version) FROM expenses")


def test_merge_by_id_updates_adds_and_keeps_deleted_ones_deleted(office: Practice,
                                                                 tmp_path: Path) -> None:
    ids = office.ids  # type: ignore[attr-defined]
    doc = office.read(interchange.build_document)
    case = case_of(doc)
    case["time_entries"][1]["hours"] = "0.20"
    case["time_entries"][1]["amount"] = "66.67"
    new_id = str(uuid.uuid4())
    case["time_entries"].append({**case["time_entries"][1], "id": new_id, "date": "2026-02-05"})
    del case["expenses"][0]["receipt_document_id"]  # left out: the receipt stays
    case["expenses"][0]["amount"] = "410.00"
    office.write(expenses.delete_expense, expense_id=ids["e2"])
    changes, summary = office.write(interchange.import_document, document=doc)
    assert changes.budgets and changes.cases
    assert (summary.time_entries.new, summary.time_entries.updated,
            summary.time_entries.unchanged) == (1, 1, 1)
    assert (summary.expenses.updated, summary.expenses.skipped) == (1, 1)
    assert scalar(office, "SELECT amount_cents FROM time_entries WHERE id = :i",
                  i=ids["t2"].hex) == 6667
    assert scalar(office, "SELECT version FROM time_entries WHERE id = :i", i=ids["t2"].hex) == 2
    assert scalar(office, "SELECT receipt_document_id FROM expenses WHERE id = :i",
                  i=ids["e1"].hex) == ids["complaint"].hex
    assert scalar(office, "SELECT deleted_at IS NOT NULL FROM expenses WHERE id = :i",
                  i=ids["e2"].hex) == 1
    assert scalar(office, "SELECT count(*) FROM activities WHERE action = "
                          "'case_updated_by_import'") == 1


def _only_budget(doc: dict[str, Any], lines: list[dict[str, str]]) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    case = case_of(doc)
    del case["budget_revisions"]
    case["budget"] = lines
    return doc


def test_a_file_with_only_budget_sets_revision_1_then_revises(office: Practice,
                                                             other: Practice) -> None:
    ids = office.ids  # type: ignore[attr-defined]
    doc = office.read(interchange.build_document)
    for case in doc["cases"]:
        for key in ("documents", "correspondence", "document_requests", "filings",
                    "expenses"):
            case.pop(key)
    doc.pop("letter_templates")
    contract = [{"phase": "Pleadings", "kind": "fees", "amount": "1500.00"},
                {"phase": "Pleadings", "kind": "expenses", "amount": "400.00"}]
    other.write(interchange.import_document, document=_only_budget(doc, contract))
    (rev,) = other.read(budgets.budget_history, ids["case"])
    assert (rev.revision, rev.is_current, rev.total, rev.reason) == (
        1, True, Decimal("1900.00"), "Imported from a practice file")
    changes, summary = other.write(interchange.import_document,
                                   document=_only_budget(doc, list(reversed(contract))))
    assert not changes.budgets and summary.budgets.unchanged == 1
    other.write(budgets.set_budget, case_id=ids["case"], lines=[
        BudgetLineInput("Pleadings", "fees", "1500.00")], fee_arrangement="fixed_fee",
        fixed_fee="5000", reason="Agreed fixed fee")
    changed = [{**contract[0], "amount": "1800.00"}]
    other.write(interchange.import_document, document=_only_budget(doc, changed))
    third, second, first = other.read(budgets.budget_history, ids["case"])
    assert (third.revision, third.is_current, third.fee_arrangement.value, third.fixed_fee,
            third.total) == (3, True, "fixed_fee", Decimal("5000.00"),
                             Decimal("1800.00"))
    assert not second.is_current and not first.is_current
    assert scalar(other, "SELECT version FROM budgets WHERE revision = 2") == 2


def test_an_old_file_without_the_new_keys_imports(office: Practice, other: Practice) -> None:
    doc = office.read(interchange.build_document)
    del doc["firm"]["budget_settings"]
    for case in doc["cases"]:
        for key in ("budget", "budget_revisions", "time_entries", "expenses", "documents",
                    "correspondence", "document_requests", "filings"):
            case.pop(key)
    doc.pop("letter_templates")
    _changes, summary = other.write(interchange.import_document,
                                    document=parse_json(json.dumps(doc)))
    assert summary.cases.new == 2 and "budget" not in summary.line()
    assert scalar(other, "SELECT count(*) FROM budgets") == 0
    assert other.read(budget_settings.get_settings).phases[0] == "Investigation"


def test_a_later_revision_in_this_practice_stays_in_force(office: Practice) -> None:
    ids = office.ids  # type: ignore[attr-defined]
    doc = office.read(interchange.build_document)
    office.write(budgets.set_budget, case_id=ids["case"], lines=LINES, reason="Back again")
    case_of(doc)["budget_revisions"][0]["reason"] = "Initial estimate (corrected)"
    _changes, summary = office.write(interchange.import_document, document=doc)
    assert (summary.budgets.updated, summary.budgets.unchanged) == (1, 1)
    current = office.read(budgets.current_budget, ids["case"])
    assert current is not None and (current.revision, current.reason) == (3, "Back again")
    assert scalar(office, "SELECT count(*) FROM budgets WHERE is_current") == 1



@pytest.mark.postgres
def test_round_trip_on_postgresql(office: Practice, pg_url: str, tmp_path: Path) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    export(office, first)
    with Practice(resolve(tmp_path / "pg", pg_url)) as server:
        _changes, summary = import_file(server, first)
        assert (summary.budgets.new, summary.time_entries.new, summary.expenses.new) == (2, 2, 2)
        changes, _summary = import_file(server, first)
        assert not changes.any()
        export(server, second)
    assert second.read_bytes() == first.read_bytes()

"""The practice file's budgets, time entries, expenses and budget settings are checked before
anything is written: every problem named with its path, case number and entry id."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import text

from casedesk.export.interchange import InvalidDocument
from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from casedesk.services import interchange
from tests.unit.test_interchange_budget import seed_money

TABLES = ("budgets", "budget_lines", "time_entries", "expenses", "activities", "firms")
UNVERSIONED = ("budget_lines", "activities")


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("checks")
    with Practice(resolve(folder / "office")) as p:
        p.ids = seed_money(p, folder / "incoming")  # type: ignore[attr-defined]
        p.doc = p.read(interchange.build_document)  # type: ignore[attr-defined]
        yield p


def state(practice: Practice) -> dict[str, tuple[Any, ...]]:
    """How many rows each table has, and the sum of their versions."""
    with practice.engine.connect() as conn:
        return {name: tuple(conn.execute(text(
            f"SELECT count(*), {'count(*)' if name in UNVERSIONED else 'sum(version)'} "
            f"FROM {name}")).one()) for name in TABLES}


def problems(practice: Practice, edit: Callable[[dict[str, Any]], None]) -> list[str]:
    """Import the practice's own export after `edit`; the problems, and nothing changed."""
    doc = copy.deepcopy(practice.doc)  # type: ignore[attr-defined]
    edit(doc)
    before = state(practice)
    with pytest.raises(InvalidDocument) as caught:
        practice.write(interchange.import_document, document=doc)
    assert state(practice) == before
    assert "nothing was imported" in caught.value.message
    return [str(p) for p in caught.value.problems]


def case(doc: dict[str, Any]) -> dict[str, Any]:
    return next(c for c in doc["cases"] if c["number"] == "2026-CV-0001")


def test_bad_decimals_name_the_case_and_the_entry(office: Practice) -> None:
    ids = office.ids  # type: ignore[attr-defined]

    def edit(doc: dict[str, Any]) -> None:
        entries = case(doc)["time_entries"]
        entries[0]["hours"] = "1.234"
        entries[1]["rate"] = 250
        case(doc)["expenses"][0]["amount"] = "0.00"
        case(doc)["expenses"][1]["amount"] = "12,50.5x"

    found = problems(office, edit)
    where = "(case 2026-CV-0001, time entry "
    assert found == [
        "cases[1].time_entries[0].hours: '1.234' has more than two decimals (hours are kept to "
        f"0.01) (write it like \"1.50\") {where}{ids['t1']})",
        "cases[1].time_entries[1].rate: must be a number in quotes such as \"1234.50\", not the "
        f"number 250 {where}{ids['t2']})",
        "cases[1].expenses[0].amount: must be more than zero (case 2026-CV-0001, expense "
        f"{ids['e1']})",
        "cases[1].expenses[1].amount: '12,50.5x' is not an amount of money (write it like "
        f"\"1234.50\") (case 2026-CV-0001, expense {ids['e2']})"]


def test_unknown_staff_and_receipts_outside_the_case_are_refused(office: Practice) -> None:
    ids = office.ids  # type: ignore[attr-defined]
    ghost, missing, new_expense = uuid.uuid4(), uuid.uuid4(), str(uuid.uuid4())

    def edit(doc: dict[str, Any]) -> None:
        case(doc)["time_entries"][0]["staff_id"] = str(ghost)
        case(doc)["expenses"][1]["receipt_document_id"] = str(missing)
        old = next(c for c in doc["cases"] if c["number"] == "2025-CV-0009")
        old["expenses"] = [{**case(doc)["expenses"][0], "id": new_expense}]

    found = problems(office, edit)
    assert found == [
        f"cases[0].expenses[0].receipt_document_id: document {ids['complaint']} belongs to "
        "another case (a receipt must be one of the case's documents) (case 2025-CV-0009, "
        f"expense {new_expense})",
        f"cases[1].time_entries[0].staff_id: no staff member {ghost} in the file or in this "
        f"practice (case 2026-CV-0001, time entry {ids['t1']})",
        f"cases[1].expenses[1].receipt_document_id: no document {missing} in this case (in the "
        f"file or in this practice) (case 2026-CV-0001, expense {ids['e2']})"]


def test_kinds_duplicate_lines_and_a_budget_that_is_not_the_last_revision(
        office: Practice) -> None:
    def edit(doc: dict[str, Any]) -> None:
        first, second = case(doc)["budget_revisions"]
        first["lines"][0]["kind"] = "costs"
        second["lines"][3]["phase"] = "Discovery"  # a second Discovery fees line
        second["lines"][2]["hours"] = "4.00"  # hours on an expenses line
        case(doc)["budget"][0]["amount"] = "2500.01"

    found = problems(office, edit)
    assert found == [
        "cases[1].budget_revisions[0].lines[0].kind: 'costs' is not one of fees, expenses "
        "(case 2026-CV-0001, budget revision 1)",
        "cases[1].budget_revisions[1].lines[2].hours: hours go with fees lines only (write "
        "null) (case 2026-CV-0001, budget revision 2)",
        "cases[1].budget_revisions[1].lines[3].phase: 'Discovery' has a fees line twice (see "
        "cases[1].budget_revisions[1].lines[1]) (case 2026-CV-0001, budget revision 2)",
        "cases[1].budget: does not match the last revision (2) in budget_revisions: the budget "
        "is the revision in force (case 2026-CV-0001, budget)"]


def test_amounts_terms_and_revision_numbers(office: Practice) -> None:
    ids = office.ids  # type: ignore[attr-defined]

    def edit(doc: dict[str, Any]) -> None:
        case(doc)["time_entries"][1]["amount"] = "33.34"
        first, second = case(doc)["budget_revisions"]
        first["fixed_fee"] = "5000.00"  # an hourly budget
        second["id"] = str(uuid.uuid4())  # revision 2 is another revision here
        second["fee_arrangement"] = "contingency"

    found = problems(office, edit)
    assert found[:3] == [
        "cases[1].budget_revisions[0].fixed_fee: is set, but the fee arrangement is 'hourly' "
        "(write null) (case 2026-CV-0001, budget revision 1)",
        "cases[1].budget_revisions[1].contingency_percent: a contingency budget needs its "
        "contingency_percent (more than zero) (case 2026-CV-0001, budget revision 2)",
        "cases[1].time_entries[1].amount: is '33.34', but 0.10 hours at 333.33 make 33.33 (the "
        f"amount is hours x rate, rounded to the cent) (case 2026-CV-0001, time entry "
        f"{ids['t2']})"]
    assert len(found) == 3  # the parse problems stop the import before the database checks

    def renumber(doc: dict[str, Any]) -> None:
        case(doc)["budget_revisions"][0]["id"] = str(uuid.uuid4())
        case(doc)["budget_revisions"][1]["revision"] = 5

    assert problems(office, renumber) == [
        "cases[1].budget_revisions[0].id: revision 1 of this case's budget is another revision "
        "in this practice (case 2026-CV-0001, budget revision 1)",
        "cases[1].budget_revisions[1].revision: this revision is revision 2 in this practice (a "
        "revision keeps its number) (case 2026-CV-0001, budget revision 5)"]


def test_ids_repeated_in_the_file_or_of_another_case(office: Practice) -> None:
    ids = office.ids  # type: ignore[attr-defined]

    def edit(doc: dict[str, Any]) -> None:
        old = next(c for c in doc["cases"] if c["number"] == "2025-CV-0009")
        old["time_entries"] = [case(doc)["time_entries"][0]]

    assert problems(office, edit) == [
        f"cases[1].time_entries[0].id: the time entry id {ids['t1']} is also used by "
        "cases[0].time_entries[0]"]

    def move(doc: dict[str, Any]) -> None:
        old = next(c for c in doc["cases"] if c["number"] == "2025-CV-0009")
        old["time_entries"] = [case(doc)["time_entries"].pop(0)]

    assert problems(office, move) == [
        "cases[0].time_entries[0].id: this time entry id belongs to another case in this "
        f"practice (case 2025-CV-0009, time entry {ids['t1']})"]


def test_settings_follow_the_settings_rules(office: Practice) -> None:
    def edit(doc: dict[str, Any]) -> None:
        settings = doc["firm"]["budget_settings"]
        settings["phases"] = ["Discovery", "discovery "]
        settings["activities"] = []
        settings["warning_percent"] = 100

    assert problems(office, edit) == [
        "firm.budget_settings.phases: Phases: 'discovery' is listed twice",
        "firm.budget_settings.activities: Activities: list at least one",
        "firm.budget_settings.warning_percent: 100 must be below over_percent (100)"]

    def wrong_types(doc: dict[str, Any]) -> None:
        doc["firm"]["budget_settings"] = {"phases": "Discovery", "expense_categories": [1],
                                          "activities": ["Research"], "warning_percent": "80",
                                          "over_percent": 100, "colour": "red"}

    assert problems(office, wrong_types) == [
        "firm.budget_settings.colour: is not a key of the budget settings (known keys: phases, "
        "expense_categories, activities, warning_percent, over_percent)",
        "firm.budget_settings.phases: must be a list of texts, not text",
        "firm.budget_settings.expense_categories[0]: must be text, not the number 1",
        "firm.budget_settings.warning_percent: must be a whole number, not text"]

"""Time entries: the rate from the staff member, exact amounts and totals, validation that
changes nothing, billed entries locked, batched row lookups, and one write+list on PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import func, select

from casedesk.domain.errors import ConcurrentEdit, InvalidInput, NotFound, RuleViolation
from casedesk.domain.models import Activity, TimeEntry
from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from casedesk.services import billing, cases, staff, time_entries


def make_office(practice: Practice) -> dict[str, uuid.UUID]:
    """Two cases; Jane (333.33/h), Pat (no rate) and Old Timer (inactive, 150/h)."""
    ids = {"jane": uuid.uuid4(), "pat": uuid.uuid4(), "old": uuid.uuid4()}
    practice.write(staff.add_staff, name="Jane Smith", role="attorney", hourly_rate="333.33",
                   staff_id=ids["jane"])
    practice.write(staff.add_staff, name="Pat Doe", role="paralegal", staff_id=ids["pat"])
    practice.write(staff.add_staff, name="Old Timer", role="attorney", hourly_rate="150",
                   staff_id=ids["old"])
    practice.write(staff.update_staff, staff_id=ids["old"], name="Old Timer", role="attorney",
                   hourly_rate="150", active=False)
    _c, ids["case"] = practice.write(cases.create_case, number="2026-CV-0001",
                                     title="Smith v. Acme", opened_on="2026-01-05")
    _c, ids["other"] = practice.write(cases.create_case, number="2026-CV-0002",
                                      title="Doe v. Roe", opened_on="2026-01-05")
    return ids


def count(practice: Practice, model: type[Any]) -> int:
    return int(practice.read(lambda s: s.exec(select(func.count()).select_from(model)).one()))


@contextmanager
def counting_queries(practice: Practice) -> Iterator[list[str]]:
    """The SELECT statements the engine runs inside the block."""
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_a: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    event.listen(practice.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(practice.engine, "before_cursor_execute", note)


@pytest.fixture
def office(practice: Practice) -> dict[str, uuid.UUID]:
    return make_office(practice)


def add(practice: Practice, ids: dict[str, uuid.UUID], **kw: Any) -> uuid.UUID:
    values: dict[str, Any] = {"case_id": ids["case"], "staff_id": ids["jane"],
                              "worked_on": "2026-03-02", "hours": "1"}
    values.update(kw)
    changes, entry_id = practice.write(time_entries.add_time_entry, **values)
    assert changes.budgets and not changes.cases  # no history line per entry
    return uuid.UUID(str(entry_id))


def test_rate_defaults_from_the_staff_member_and_amounts_round_half_up(
        practice: Practice, office: dict[str, uuid.UUID]) -> None:
    first = add(practice, office, hours="0.1", phase=" Discovery ", activity="Research",
                description="  Read the file  ")
    row = practice.read(time_entries.get_time_entry, first)
    assert (row.hours, row.rate, row.amount) == (Decimal("0.10"), Decimal("333.33"),
                                                Decimal("33.33"))
    assert (row.staff_name, row.case_number, row.phase, row.activity, row.description) == (
        "Jane Smith", "2026-CV-0001", "Discovery", "Research", "Read the file")
    assert row.billable and row.billed_on is None and row.version == 1
    # 0.15 x 333.33 = 49.9995 -> 50.00 (half up, once per entry); 0.05 x 333.33 = 16.6665.
    add(practice, office, hours="0.15", worked_on="2026-03-03")
    add(practice, office, hours="0.05", worked_on="2026-03-04")
    add(practice, office, staff_id=office["pat"], hours="2.25", rate="80.10",
        worked_on="2026-03-01", billable=False)
    rows = practice.read(time_entries.list_time_entries, office["case"])
    assert [r.worked_on.day for r in rows] == [4, 3, 2, 1]  # newest first
    assert [r.amount for r in rows] == [Decimal("16.67"), Decimal("50.00"), Decimal("33.33"),
                                        Decimal("180.23")]
    assert sum((r.amount for r in rows), Decimal(0)) == Decimal("280.23")
    assert sum((r.hours for r in rows), Decimal(0)) == Decimal("2.55")
    assert practice.read(time_entries.staff_rate, office["jane"]) == Decimal("333.33")
    assert practice.read(time_entries.staff_rate, office["pat"]) is None
    assert count(practice, Activity) == 2  # the two "case opened" lines only


def test_staff_without_a_rate_must_enter_one_and_inactive_staff_are_allowed(
        practice: Practice, office: dict[str, uuid.UUID]) -> None:
    with pytest.raises(InvalidInput, match=r"^Pat Doe has no hourly rate; enter the rate\.$"
                       ) as caught:
        add(practice, office, staff_id=office["pat"])
    assert caught.value.field == "rate"
    old = practice.read(time_entries.get_time_entry,
                        add(practice, office, staff_id=office["old"], worked_on="2024-05-01"))
    assert (old.staff_name, old.rate, old.amount) == ("Old Timer", Decimal("150.00"),
                                                      Decimal("150.00"))
    zero = practice.read(time_entries.get_time_entry,
                         add(practice, office, staff_id=office["pat"], rate="0"))
    assert zero.amount == Decimal("0.00")  # pro bono work at an explicit rate of 0


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"hours": "0"}, "hours", "more than zero"),
    ({"hours": "25"}, "hours", "more than a day"),
    ({"hours": "1.555"}, "hours", "more than two decimals"),
    ({"hours": "lots"}, "hours", "not a number of hours"),
    ({"hours": ""}, "hours", "Enter the hours"),
    ({"rate": "-5"}, "rate", "negative"),
    ({"rate": "12.345"}, "rate", "more than two decimals"),
    ({"rate": "99999999"}, "rate", "too large"),
    ({"worked_on": "yesterday"}, "worked_on", "not a date"),
    ({"worked_on": ""}, "worked_on", "Enter the date worked"),
    ({"phase": "x" * 81}, "phase", "longer than 80"),
    ({"activity": "y" * 81}, "activity", "longer than 80"),
    ({"description": "z" * 2001}, "description", "longer than 2000"),
])
def test_bad_input_is_refused_and_changes_nothing(practice: Practice,
                                                  office: dict[str, uuid.UUID],
                                                  change: dict[str, str], field: str,
                                                  message: str) -> None:
    with pytest.raises(InvalidInput, match=message) as caught:
        add(practice, office, **change)
    assert caught.value.field == field
    assert count(practice, TimeEntry) == 0


def test_unknown_case_or_staff_is_not_found(practice: Practice,
                                            office: dict[str, uuid.UUID]) -> None:
    with pytest.raises(NotFound, match="case no longer exists"):
        add(practice, office, case_id=uuid.uuid4())
    with pytest.raises(NotFound, match="staff member no longer exists"):
        add(practice, office, staff_id=uuid.uuid4())
    with pytest.raises(NotFound):
        practice.read(time_entries.list_time_entries, uuid.uuid4())
    assert count(practice, TimeEntry) == 0


def test_edit_keeps_the_entry_rate_unless_the_person_changes(
        practice: Practice, office: dict[str, uuid.UUID]) -> None:
    entry = add(practice, office, hours="2", rate="300")
    edit = {"entry_id": entry, "staff_id": office["jane"], "worked_on": "2026-03-05",
            "hours": "2.5", "rate": None, "phase": "Trial", "activity": "",
            "description": "Prepared witness", "billable": True}
    practice.write(time_entries.edit_time_entry, expected_version=1, **edit)
    row = practice.read(time_entries.get_time_entry, entry)
    assert (row.hours, row.rate, row.amount, row.version) == (
        Decimal("2.50"), Decimal("300.00"), Decimal("750.00"), 2)
    with pytest.raises(ConcurrentEdit):
        practice.write(time_entries.edit_time_entry, expected_version=1, **edit)
    practice.write(time_entries.edit_time_entry, **{**edit, "staff_id": office["old"]})
    row = practice.read(time_entries.get_time_entry, entry)
    assert (row.staff_name, row.rate, row.amount) == ("Old Timer", Decimal("150.00"),
                                                      Decimal("375.00"))
    with pytest.raises(InvalidInput, match="Pat Doe has no hourly rate"):
        practice.write(time_entries.edit_time_entry, **{**edit, "staff_id": office["pat"]})
    with pytest.raises(InvalidInput, match="more than a day"):
        practice.write(time_entries.edit_time_entry, **{**edit, "hours": "30",
                                                       "description": "changed"})
    after = practice.read(time_entries.get_time_entry, entry)
    assert after == row  # the refused edits changed nothing


def test_billed_entries_are_locked_until_unmarked(practice: Practice,
                                                  office: dict[str, uuid.UUID]) -> None:
    entry = add(practice, office, hours="1.5")
    _c, marked = practice.write(billing.mark_billed, case_id=office["case"],
                                billed_on="2026-03-31", time_entry_ids=[entry])
    assert marked == 1
    edit = {"entry_id": entry, "staff_id": office["jane"], "worked_on": "2026-03-02",
            "hours": "1", "rate": None}
    with pytest.raises(RuleViolation, match="billed on 2026-03-31; mark it as not billed"):
        practice.write(time_entries.edit_time_entry, **edit)
    with pytest.raises(RuleViolation, match="billed on 2026-03-31"):
        practice.write(time_entries.delete_time_entry, entry_id=entry)
    assert practice.read(time_entries.get_time_entry, entry).hours == Decimal("1.50")
    practice.write(billing.unmark_billed, time_entry_ids=[entry])
    practice.write(time_entries.edit_time_entry, **edit)
    assert practice.read(time_entries.get_time_entry, entry).hours == Decimal("1.00")


def test_delete_is_soft_and_written_in_the_history(practice: Practice,
                                                   office: dict[str, uuid.UUID]) -> None:
    keep = add(practice, office, hours="1")
    gone = add(practice, office, hours="0.75", worked_on="2026-03-09")
    changes = practice.write(time_entries.delete_time_entry, entry_id=gone,
                             actor_staff_id=office["jane"])
    assert changes.budgets and changes.cases
    assert [r.id for r in practice.read(time_entries.list_time_entries, office["case"])] == [keep]
    assert count(practice, TimeEntry) == 2  # the row stays, marked deleted
    with pytest.raises(NotFound):
        practice.read(time_entries.get_time_entry, gone)
    summaries = practice.read(lambda s: s.exec(select(Activity.summary).where(
        Activity.action == "time_entry_deleted")).all())
    assert summaries == ["Time entry deleted: 0.75 h by Jane Smith on 2026-03-09 (250.00)"]


def test_rows_are_built_with_batched_lookups(practice: Practice,
                                             office: dict[str, uuid.UUID]) -> None:
    add(practice, office)
    with counting_queries(practice) as few:
        practice.read(time_entries.list_time_entries, office["case"])
    for n in range(12):
        add(practice, office, staff_id=(office["jane"], office["old"])[n % 2],
            worked_on=date(2026, 2, n + 1))
    with counting_queries(practice) as many:
        rows = practice.read(time_entries.list_time_entries, office["case"])
    assert len(rows) == 13
    assert len(many) == len(few)  # one query per kind of lookup, whatever the number of rows


@pytest.mark.postgres
def test_write_and_list_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    with Practice(resolve(tmp_path / "desk", pg_url)) as server:
        ids = make_office(server)
        first = add(server, ids, hours="0.1")
        add(server, ids, hours="0.15", worked_on="2026-03-03", phase="Discovery")
        with pytest.raises(InvalidInput):
            add(server, ids, staff_id=ids["pat"])
        rows = server.read(time_entries.list_time_entries, ids["case"])
        assert [(r.worked_on, r.amount, r.staff_name) for r in rows] == [
            (date(2026, 3, 3), Decimal("50.00"), "Jane Smith"),
            (date(2026, 3, 2), Decimal("33.33"), "Jane Smith")]
        _c, marked = server.write(billing.mark_billed, case_id=ids["case"],
                                  billed_on="2026-03-02")
        assert marked == 1
        assert server.read(time_entries.get_time_entry, first).billed_on == date(2026, 3, 2)
        with pytest.raises(RuleViolation):
            server.write(time_entries.delete_time_entry, entry_id=first)


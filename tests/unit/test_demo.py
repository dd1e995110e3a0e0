"""The demo practice: deterministic, realistic, and exactly what the services would write."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import col, select

from casedesk.domain.enums import PRACTICE_AREAS, CaseStatus, ConflictDecision, TaskStatus
from casedesk.domain.errors import InvalidInput, RuleViolation
from casedesk.domain.models import (
    Activity,
    Case,
    ConflictCheck,
    Contact,
    ContactNameKey,
    Note,
    Party,
    Staff,
    Task,
)
from casedesk.domain.names import contact_keys
from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from casedesk.services import cases, conflicts, contacts
from casedesk.services.case_list import CaseFilter, case_page
from casedesk.services.demo import DemoSummary, build_world, check_options, generate
from casedesk.services.demo.places import DISTANT_FEDERAL, REGIONS
from casedesk.services.demo.writer import BulkWriter

TODAY = date(2026, 3, 2)
NUMBER = re.compile(r"^(20\d\d)-[A-Z]{2}-\d{4}$")


def _make(folder: Path, *, cases: int, seed: int, today: date = TODAY) -> DemoSummary:
    with Practice(resolve(folder)) as practice:
        summary: DemoSummary = practice.write(generate, cases=cases, seed=seed, today=today)
    return summary


def _dump(folder: Path) -> list[str]:
    with sqlite3.connect(folder / "casedesk.db") as conn:
        return list(conn.iterdump())


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Practice, DemoSummary]]:
    """One 120-case demo practice, shared (read-only) by the tests below."""
    folder = tmp_path_factory.mktemp("demo") / "practice"
    summary = _make(folder, cases=120, seed=11)
    practice = Practice(resolve(folder))
    try:
        yield practice, summary
    finally:
        practice.close()


def test_same_seed_and_date_give_the_same_practice_ids_included(tmp_path: Path) -> None:
    first = _make(tmp_path / "a", cases=40, seed=5)
    second = _make(tmp_path / "b", cases=40, seed=5)
    assert first == second
    assert _dump(tmp_path / "a") == _dump(tmp_path / "b")
    other = _make(tmp_path / "c", cases=40, seed=6)
    with sqlite3.connect(tmp_path / "a" / "casedesk.db") as a, \
            sqlite3.connect(tmp_path / "c" / "casedesk.db") as c:
        query = "SELECT id, number, title FROM cases ORDER BY number"
        rows_a, rows_c = a.execute(query).fetchall(), c.execute(query).fetchall()
    assert len(rows_a) == len(rows_c) == 40
    assert {r[0] for r in rows_a}.isdisjoint({r[0] for r in rows_c})
    assert [r[2] for r in rows_a] != [r[2] for r in rows_c]
    assert other.firm_name != first.firm_name or other.near_duplicates != first.near_duplicates


def test_counts_match_the_summary_and_the_requested_scale(demo: tuple[Practice, DemoSummary],
                                                          ) -> None:
    practice, summary = demo
    counted = {name: practice.reader.rows(f"SELECT count(*) FROM {name}")[0][0]
               for name in ("cases", "contacts", "parties", "notes", "tasks", "conflict_checks",
                            "activities", "staff", "firms")}
    assert counted == {"cases": 120, "contacts": summary.contacts, "parties": summary.parties,
                       "notes": summary.notes, "tasks": summary.tasks,
                       "conflict_checks": summary.conflict_checks,
                       "activities": summary.activities, "staff": summary.staff, "firms": 1}
    assert 360 <= summary.contacts <= 400  # about three contacts per case
    assert 4 <= summary.parties / 120 <= 6
    # Most cases have a recorded conflict check; the rest are fresh intakes or old files.
    assert summary.conflict_checks >= 0.8 * 120
    assert summary.describe().startswith(f"120 cases, {summary.contacts} contacts, ")


def test_staff_have_roles_rates_and_bar_numbers(demo: tuple[Practice, DemoSummary]) -> None:
    practice, _summary = demo
    with practice.transaction() as session:
        staff = session.exec(select(Staff)).all()
    roles = Counter(s.role.value for s in staff)
    assert set(roles) == {"attorney", "paralegal", "assistant", "admin"}
    for member in staff:
        assert member.version == 1 and member.created_at.tzinfo is not None
        if member.role.value == "attorney":
            assert member.bar_number.isdigit() and member.hourly_rate_cents
        else:
            assert member.bar_number == ""
    assert all(s.hourly_rate_cents for s in staff if s.role.value == "paralegal")


def test_every_case_has_a_client_a_responsible_lawyer_and_consistent_dates(
        demo: tuple[Practice, DemoSummary]) -> None:
    practice, _summary = demo
    with practice.transaction() as session:
        all_cases = session.exec(select(Case)).all()
        client_cases = set(session.exec(select(Party.case_id).where(
            col(Party.role) == "client")).all())
        attorneys = set(session.exec(select(Staff.id).where(col(Staff.role) == "attorney")))
    assert len({c.number for c in all_cases}) == len(all_cases) == 120
    statuses = Counter(c.status for c in all_cases)
    assert statuses[CaseStatus.OPEN] + statuses[CaseStatus.PENDING] > statuses[CaseStatus.CLOSED]
    assert statuses[CaseStatus.CLOSED] >= 15
    assert {c.practice_area for c in all_cases} <= set(PRACTICE_AREAS)
    assert len({c.practice_area for c in all_cases}) >= 8
    for case in all_cases:
        assert case.id in client_cases, case.title
        assert case.responsible_staff_id in attorneys
        assert NUMBER.match(case.number) and int(case.number[:4]) == case.opened_on.year
        assert case.opened_on is not None and case.opened_on < TODAY
        assert (case.closed_on is not None) == (case.status is CaseStatus.CLOSED)
        if case.closed_on is not None:
            assert case.opened_on <= case.closed_on < TODAY
        assert case.version == 1 and case.created_at.tzinfo is UTC
        if case.court:
            assert case.judge.startswith("Hon. ") and case.docket_number
            ZoneInfo(case.court_time_zone)
        else:
            assert case.court_time_zone == "" and case.docket_number == ""


def test_courts_carry_their_real_time_zones() -> None:
    courts = {c.name: c.time_zone for r in REGIONS
              for c in (r.district, r.bankruptcy, r.immigration, *r.state_courts.values())}
    courts.update({c.name: c.time_zone for c in DISTANT_FEDERAL})
    for name, zone in courts.items():
        ZoneInfo(zone)  # a real IANA name
        assert name and zone.count("/") >= 1
    assert courts["U.S. District Court, S.D.N.Y."] == "America/New_York"
    assert courts["U.S. District Court, N.D. Cal."] == "America/Los_Angeles"
    assert courts["U.S. District Court, N.D. Ill."] == "America/Chicago"
    assert courts["U.S. District Court, D. Colo."] == "America/Denver"
    assert courts["U.S. District Court, D. Ariz."] == "America/Phoenix"
    assert courts["U.S. District Court, D. Haw."] == "Pacific/Honolulu"


def test_titles_follow_each_practice_area() -> None:
    world = build_world(cases=400, seed=3, today=TODAY)
    by_area: dict[str, list[str]] = {}
    for plan in world.cases:
        by_area.setdefault(plan.area, []).append(plan.title)
    assert any(" v. " in t for t in by_area["Civil litigation"])
    assert all(re.match(r"^(State|People|Commonwealth|United States) v. ", t)
               for t in by_area["Criminal defense"])
    assert any(t.startswith("In re Estate of ") for t in by_area["Estate planning"])
    assert any(t.startswith("Matter of ") for t in by_area["Immigration"])
    assert all(t.startswith("In re ") for t in by_area["Bankruptcy"])


def test_rows_are_what_the_services_would_write(demo: tuple[Practice, DemoSummary]) -> None:
    practice, _summary = demo
    with practice.transaction() as session:
        stored = {c.id: (c.client_names, c.search_text) for c in session.exec(select(Case))}
        for case in session.exec(select(Case)).all():
            cases.refresh_list_columns(session, case)
            assert (case.client_names, case.search_text) == stored[case.id]
            assert case.client_names  # every case lists its client
        keys: dict[object, set[str]] = {}
        for row in session.exec(select(ContactNameKey)):
            keys.setdefault(row.contact_id, set()).add(row.key)
        for contact in session.exec(select(Contact)):
            assert keys[contact.id] == contact_keys(contact.name, contact.aliases)
            assert contact.version == 1 and contact.created_at.tzinfo is UTC
        opened = session.exec(select(Activity.case_id).where(
            col(Activity.action) == "case_opened")).all()
        assert len(opened) == len(set(opened)) == 120
        session.rollback()
    raw = practice.reader.rows("SELECT DISTINCT status FROM cases UNION "
                               "SELECT DISTINCT role FROM parties UNION "
                               "SELECT DISTINCT priority FROM tasks")
    assert all(str(r[0]).islower() for r in raw)


def test_aliases_and_near_duplicates_are_found_by_the_conflict_search(
        demo: tuple[Practice, DemoSummary]) -> None:
    practice, summary = demo
    assert len(summary.near_duplicates) >= 2
    with practice.transaction() as session:
        for original_id, duplicate_id in summary.near_duplicates:
            original = session.get(Contact, original_id)
            duplicate = session.get(Contact, duplicate_id)
            assert original is not None and duplicate is not None
            assert original.name != duplicate.name
            hits = conflicts.search(session, [duplicate.name])
            assert original_id in {h.contact_id for h in hits}
            suggested = contacts.suggest_duplicates(session, duplicate_id)
            assert original_id in {row.id for row, _score in suggested}
        with_alias = session.exec(select(Contact).where(col(Contact.aliases) != "[]")).all()
        assert with_alias
        alias = with_alias[0].aliases[0]
        assert with_alias[0].id in {h.contact_id for h in conflicts.search(session, [alias])}
        session.rollback()


def test_conflict_checks_record_decisions_and_waivers_say_why(tmp_path: Path) -> None:
    summary = _make(tmp_path / "p", cases=300, seed=2)
    with Practice(resolve(tmp_path / "p")) as practice, practice.transaction() as session:
        checks = session.exec(select(ConflictCheck)).all()
        decisions = Counter(c.decision for c in checks)
        assert decisions[ConflictDecision.CLEAR] > 0.8 * len(checks)
        assert decisions[ConflictDecision.WAIVED] >= 1
        for check in checks:
            assert check.searched_names
            if check.decision is not ConflictDecision.CLEAR:
                assert check.note and check.hits
        declined = [session.get(Case, c.case_id) for c in checks
                    if c.decision is ConflictDecision.CONFLICT]
        assert all(case is not None and case.status is CaseStatus.CLOSED for case in declined)
        session.rollback()
    assert summary.conflict_checks == len(checks)


def test_task_dates_spread_around_the_reference_date(demo: tuple[Practice, DemoSummary]) -> None:
    practice, _summary = demo
    with practice.transaction() as session:
        tasks = session.exec(select(Task)).all()
        closed = {c.id for c in session.exec(select(Case).where(col(Case.status) == "closed"))}
        notes = session.exec(select(Note)).all()
    open_tasks = [t for t in tasks if t.status in (TaskStatus.OPEN, TaskStatus.IN_PROGRESS)]
    assert any(t.due_on and t.due_on < TODAY for t in open_tasks)  # overdue
    assert any(t.due_on and t.due_on >= TODAY for t in open_tasks)  # upcoming
    assert all(t.case_id not in closed for t in open_tasks)
    done = [t for t in tasks if t.status is TaskStatus.DONE]
    assert done and all(t.completed_at and t.completed_at.tzinfo is UTC for t in done)
    assert all(t.completed_at is None for t in tasks if t.status is not TaskStatus.DONE)
    # Nothing was written on or after the reference day, at the firm's own clock.
    zone = ZoneInfo(practice.reader.rows("SELECT time_zone FROM firms")[0][0])
    midnight = datetime.combine(TODAY, datetime.min.time(), tzinfo=zone)
    assert all(n.created_at < midnight for n in notes)
    assert all(t.created_at < midnight for t in tasks)
    assert all(n.author_staff_id is not None and n.text for n in notes)


def test_case_list_shows_the_demo_with_client_names(demo: tuple[Practice, DemoSummary]) -> None:
    practice, _summary = demo
    rows = case_page(practice.reader, CaseFilter(status=""), offset=0, limit=50)
    assert len(rows) == 50
    assert all(r.client_names and r.responsible for r in rows)
    assert any(r.next_due is not None for r in rows)


def test_fast_sqlite_insert_stores_exactly_what_core_executemany_stores(tmp_path: Path) -> None:
    world = build_world(cases=30, seed=9, today=TODAY)
    dumps = []
    for fast in (True, False):
        folder = tmp_path / f"fast-{fast}"
        with Practice(resolve(folder)) as practice, practice.transaction() as session:
            BulkWriter(session, fast=fast)(world.rows)
        dumps.append(_dump(folder))
    assert dumps[0] == dumps[1]
    assert any("INSERT INTO \"activities\"" in line for line in dumps[0])


def test_a_practice_with_data_is_refused_and_left_alone(practice: Practice) -> None:
    practice.write(cases.create_case, number="2026-CV-0001", title="Mine")
    with pytest.raises(RuleViolation, match="already holds a practice"):
        practice.write(generate, cases=10, seed=1, today=TODAY)
    assert practice.reader.rows("SELECT count(*) FROM cases")[0][0] == 1
    assert practice.reader.rows("SELECT count(*) FROM contacts")[0][0] == 0


@pytest.mark.parametrize("bad", [0, -1, 200_001, True, 2.5])
def test_bad_case_counts_are_refused_before_anything_happens(bad: object,
                                                             practice: Practice) -> None:
    with pytest.raises(InvalidInput, match="number of cases") as info:
        check_options(cases=bad, seed=1)  # type: ignore[arg-type]
    assert info.value.field == "cases"
    with pytest.raises(InvalidInput):
        practice.write(generate, cases=bad, seed=1, today=TODAY)
    assert practice.reader.rows("SELECT count(*) FROM firms")[0][0] == 0


@pytest.mark.postgres
def test_the_same_demo_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    with Practice(resolve(tmp_path / "desk", pg_url)) as practice:
        on_server: DemoSummary = practice.write(generate, cases=30, seed=4, today=TODAY)
        rows = case_page(practice.reader, CaseFilter(status=""), offset=0, limit=100)
        with practice.transaction() as session:
            first = session.exec(select(Case).order_by(col(Case.number))).first()
            assert first is not None and first.created_at.tzinfo is UTC
            duplicate_id = on_server.near_duplicates[0][1]
            duplicate = session.get(Contact, duplicate_id)
            assert duplicate is not None
            hits = conflicts.search(session, [duplicate.name])
            assert on_server.near_duplicates[0][0] in {h.contact_id for h in hits}
    assert len(rows) == 30 and all(r.client_names for r in rows)
    assert on_server == _make(tmp_path / "lite", cases=30, seed=4)

"""The same core on a shared PostgreSQL server: schema, services, list reads, desks racing, CLI."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, text

from casedesk.domain.enums import CaseStatus, PartyRole, TaskStatus
from casedesk.domain.errors import (
    ConcurrentEdit,
    EnvironmentFault,
    InvalidInput,
    RuleViolation,
    SchemaTooNew,
)
from casedesk.persistence import migrate
from casedesk.persistence.engine import make_engine
from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from casedesk.persistence.reader import EngineReader, Reader
from casedesk.services import case_list as cl
from casedesk.services import cases, conflicts, contacts, notes, parties, staff, tasks
from tests import pg

pytestmark = pytest.mark.postgres

UNREACHABLE_URL = "postgresql+psycopg://postgres:s3cret-pw@127.0.0.1:1/casedesk"


@pytest.fixture
def pg_practice(pg_url: str, tmp_path: Path) -> Iterator[Practice]:
    practice = Practice(resolve(tmp_path / "desk", pg_url))
    try:
        yield practice
    finally:
        practice.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_practice(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Practice]:
    """The same test on a SQLite file and on the server: the core must not care."""
    folder = tmp_path / "desk"
    url = (request.getfixturevalue("pg_url") if request.param == "postgresql"
           else f"sqlite:///{folder / 'casedesk.db'}")
    practice = Practice(resolve(folder, url))
    try:
        assert practice.engine.dialect.name == request.param
        yield practice
    finally:
        practice.close()


def _one(url: str, sql: str) -> Any:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql)).scalar_one()
    finally:
        engine.dispose()


# --- schema -------------------------------------------------------------------------------


def test_first_open_creates_the_schema_on_the_server(pg_url: str, tmp_path: Path) -> None:
    loc = resolve(tmp_path / "desk", pg_url)
    assert loc.sqlite_path is None
    assert migrate.schema_state(loc) is migrate.SchemaState.MISSING
    assert migrate.prepare_database(loc) is migrate.SchemaState.MISSING
    assert migrate.schema_state(loc) is migrate.SchemaState.CURRENT
    assert migrate.prepare_database(loc) is migrate.SchemaState.CURRENT
    engine = make_engine(pg_url)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            head = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
            aliases_type = conn.execute(text(
                "SELECT data_type FROM information_schema.columns "
                "WHERE table_name = 'contacts' AND column_name = 'aliases'")).scalar_one()
    finally:
        engine.dispose()
    assert {"cases", "contacts", "contact_name_keys", "parties", "notes", "tasks",
            "conflict_checks", "activities", "staff", "firms"} <= tables
    assert head == migrate.SCHEMA_HEAD
    assert aliases_type == "json"
    # The data folder is still made (documents live there); no SQLite file appears in it.
    assert loc.documents_dir.is_dir() and loc.backups_dir.is_dir()
    assert list(loc.data_dir.glob("*.db")) == [] and list(loc.backups_dir.iterdir()) == []


def test_server_database_from_newer_casedesk_is_refused_untouched(pg_url: str,
                                                                  tmp_path: Path) -> None:
    loc = resolve(tmp_path / "desk", pg_url)
    migrate.prepare_database(loc)
    engine = make_engine(pg_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    finally:
        engine.dispose()
    assert migrate.schema_state(loc) is migrate.SchemaState.NEWER
    with pytest.raises(SchemaTooNew, match=r"newer version of casedesk \(schema 9999;"):
        migrate.prepare_database(loc)
    with pytest.raises(SchemaTooNew):
        Practice(loc)
    assert _one(pg_url, "SELECT version_num FROM alembic_version") == "9999"
    assert list(loc.backups_dir.iterdir()) == []


def test_older_server_database_is_migrated_without_a_backup_file(
        pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loc = resolve(tmp_path / "desk", pg_url)
    migrate.prepare_database(loc)
    upgraded: list[str] = []
    # Pretend this casedesk knows one revision more than the database has.
    monkeypatch.setattr(migrate, "KNOWN_REVISIONS", (*migrate.KNOWN_REVISIONS, "9000"))
    monkeypatch.setattr(migrate, "SCHEMA_HEAD", "9000")
    monkeypatch.setattr(migrate, "upgrade", lambda location: upgraded.append(location.database_url))
    assert migrate.prepare_database(loc) is migrate.SchemaState.OLDER
    assert upgraded == [pg_url]
    assert list(loc.backups_dir.iterdir()) == []  # pg_dump is the server administrator's job


def test_desks_opening_a_new_database_at_once_migrate_it_once(pg_url: str,
                                                              tmp_path: Path) -> None:
    start = threading.Barrier(3)
    outcomes: list[object] = []

    def open_desk(n: int) -> None:
        loc = resolve(tmp_path / f"desk{n}", pg_url)
        start.wait()
        try:
            outcomes.append(migrate.prepare_database(loc))
        except Exception as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=open_desk, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(outcomes) == 3
    assert all(isinstance(o, migrate.SchemaState) for o in outcomes), outcomes
    assert _one(pg_url, "SELECT count(*) FROM alembic_version") == 1
    assert migrate.schema_state(resolve(tmp_path / "desk0", pg_url)) is migrate.SchemaState.CURRENT


def test_role_that_may_not_create_tables_gets_a_clear_message(pg_url: str,
                                                               tmp_path: Path) -> None:
    with pg.fresh_role() as role:
        url = pg_url.replace("://postgres@", f"://{role}@")
        with pytest.raises(EnvironmentFault, match="permission denied for schema public"):
            migrate.prepare_database(resolve(tmp_path / "desk", url))
    assert _one(pg_url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == 0


def test_unreachable_server_is_an_environment_fault_without_the_password(tmp_path: Path) -> None:
    loc = resolve(tmp_path / "desk", UNREACHABLE_URL)
    with pytest.raises(EnvironmentFault, match="Cannot open the practice database") as info:
        migrate.schema_state(loc)
    assert "s3cret-pw" not in info.value.message and "127.0.0.1:1" in info.value.message


@pytest.mark.parametrize(("url", "message"), [
    ("mysql://user@host/db", "SQLite or PostgreSQL, not mysql"),
    ("no url at all", "not a database URL"),
])
def test_unsupported_database_url_is_invalid_input(url: str, message: str,
                                                   tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=message) as info:
        migrate.prepare_database(resolve(tmp_path / "desk", url))
    assert info.value.field == "database_url"


def test_missing_driver_is_an_environment_fault(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if the postgres extra were absent
    with pytest.raises(EnvironmentFault, match=r"driver \(psycopg\) is not installed.*postgres"):
        migrate.prepare_database(resolve(tmp_path / "desk", UNREACHABLE_URL))


def test_plain_postgresql_url_means_psycopg(pg_url: str, tmp_path: Path) -> None:
    plain = pg_url.replace("postgresql+psycopg://", "postgresql://")
    with Practice(resolve(tmp_path / "desk", plain)) as practice:
        assert practice.engine.dialect.driver == "psycopg"
        assert practice.reader.dialect == "postgresql"


# --- services -----------------------------------------------------------------------------


def test_case_life_cycle_through_the_services(any_practice: Practice) -> None:
    p = any_practice
    p.write(staff.add_staff, name="Pat Paralegal", role="paralegal")
    p.write(staff.add_staff, name="Old Clerk", role="assistant")
    old = next(s for s in p.read(staff.list_staff) if s.name == "Old Clerk")
    p.write(staff.update_staff, staff_id=old.id, expected_version=1, name="Old Clerk",
            role="assistant", active=False)
    assert [s.name for s in p.read(staff.list_staff, include_inactive=False)] == ["Pat Paralegal"]
    pat = p.read(staff.list_staff, include_inactive=False)[0]

    _c, case_id = p.write(cases.create_case, number="2026-CV-0001", title="Smith v. Acme",
                          opened_on=date(2026, 1, 5), responsible_staff_id=pat.id)
    _c, client = p.write(contacts.create_contact, name="John Smith", aliases=["Johnny"])
    _c, counsel = p.write(contacts.create_contact, name="Dana Lawyer")
    _c, opponent = p.write(contacts.create_contact, name="Acme Corp", kind="organization")
    p.write(parties.add_party, case_id=case_id, contact_id=client, role="client")
    p.write(parties.add_party, case_id=case_id, contact_id=opponent, role="opposing_party",
            represented_by_id=counsel)
    with pytest.raises(RuleViolation, match="already client"):
        p.write(parties.add_party, case_id=case_id, contact_id=client, role="client")
    p.write(notes.add_note, case_id=case_id, text="Called client", author_staff_id=pat.id)
    p.write(tasks.add_task, case_id=case_id, title="Draft answer", assignee_staff_id=pat.id,
            due_on="2026-02-01", priority="high")

    detail = p.read(cases.get_case_detail, case_id)
    assert [(x.name, x.role) for x in detail.parties] == [
        ("John Smith", PartyRole.CLIENT), ("Acme Corp", PartyRole.OPPOSING_PARTY)]
    assert detail.parties[1].represented_by_name == "Dana Lawyer"
    assert [(n.author, n.text) for n in detail.notes] == [("Pat Paralegal", "Called client")]
    assert detail.responsible == "Pat Paralegal" and detail.next_due == date(2026, 2, 1)
    assert detail.created_at.utcoffset() == timedelta(0)
    assert [a.action for a in reversed(detail.activity)] == [
        "case_opened", "party_added", "party_added", "note_added", "task_added"]
    # The client became a denormalised list column, lowercased into the search text.
    row = cl.case_page(p.reader, cl.CaseFilter(text="JOHN"), offset=0, limit=5)
    assert [(r.number, r.client_names, r.responsible) for r in row] == [
        ("2026-CV-0001", "John Smith", "Pat Paralegal")]

    p.write(tasks.set_task_done, task_id=detail.tasks[0].id)
    p.write(cases.close_case, case_id=case_id, closed_on=date(2026, 3, 1))
    closed = p.read(cases.get_case_detail, case_id)
    assert (closed.status, closed.closed_on, closed.next_due) == (CaseStatus.CLOSED,
                                                                  date(2026, 3, 1), None)
    assert closed.tasks[0].status is TaskStatus.DONE
    with pytest.raises(RuleViolation, match="closed"):
        p.write(tasks.add_task, case_id=case_id, title="Too late")
    p.write(cases.reopen_case, case_id=case_id)
    with pytest.raises(InvalidInput, match="close before it opened"):
        p.write(cases.close_case, case_id=case_id, closed_on=date(2025, 1, 1))
    reopened = p.read(cases.get_case_detail, case_id)
    assert reopened.status is CaseStatus.OPEN and reopened.closed_on is None


def test_versions_move_once_per_unit_of_work_and_stale_edits_are_refused(
        any_practice: Practice) -> None:
    p = any_practice
    _c, case_id = p.write(cases.create_case, number="2026-CV-0002", title="Jones estate",
                          opened_on=date(2026, 1, 5))
    assert p.read(cases.get_case_detail, case_id).version == 1
    with p.transaction() as session:  # two edits of one row in one unit of work: one version
        cases.update_case(session, case_id=case_id, expected_version=1, number="2026-CV-0002",
                          title="Jones estate (probate)", status="open")
        session.flush()
        cases.update_case(session, case_id=case_id, number="2026-CV-0002",
                          title="Jones estate (probate)", status="pending")
    detail = p.read(cases.get_case_detail, case_id)
    assert (detail.version, detail.status) == (2, CaseStatus.PENDING)
    assert detail.updated_at > detail.created_at
    p.write(cases.update_case, case_id=case_id, expected_version=2, number="2026-CV-0002",
            title="Jones estate (probate)", status="pending")  # nothing really changed
    assert p.read(cases.get_case_detail, case_id).version == 2
    with pytest.raises(ConcurrentEdit, match="case was changed by someone else"):
        p.write(cases.update_case, case_id=case_id, expected_version=1,
                number="2026-CV-0002", title="Lost update", status="open")
    assert p.read(cases.get_case_detail, case_id).title == "Jones estate (probate)"
    p.write(notes.add_note, case_id=case_id, text="First draft")
    note = p.read(cases.get_case_detail, case_id).notes[0]
    p.write(notes.edit_note, note_id=note.id, text="Second draft", expected_version=1)
    with pytest.raises(ConcurrentEdit, match="note was changed"):
        p.write(notes.edit_note, note_id=note.id, text="Stale draft", expected_version=1)
    after = p.read(cases.get_case_detail, case_id).notes[0]
    assert (after.text, after.version) == ("Second draft", 2)


def test_failed_unit_of_work_leaves_nothing(any_practice: Practice) -> None:
    with pytest.raises(InvalidInput, match="Title is required"), \
            any_practice.transaction() as session:
        cases.create_case(session, number="2026-CV-0009", title="Half")
        cases.create_case(session, number="2026-CV-0010", title=" ")
    assert cl.count_cases(any_practice.reader, cl.CaseFilter(status="")) == 0
    assert _one(any_practice.location.database_url, "SELECT count(*) FROM activities") == 0


def _wait_for_lock_waiter(url: str, database: str, timeout: float = 20.0) -> None:
    """Block until some session of `database` waits for a row lock."""
    deadline = time.monotonic() + timeout
    engine = make_engine(url)
    try:
        while time.monotonic() < deadline:
            with engine.connect() as conn:
                waiting = conn.execute(text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = :db "
                    "AND wait_event_type = 'Lock'"), {"db": database}).scalar_one()
            if waiting:
                return
            time.sleep(0.05)
    finally:
        engine.dispose()
    raise AssertionError("the second desk never waited for the first one's lock")


def _in_thread(fn: Callable[[], object]) -> tuple[threading.Thread, list[object]]:
    result: list[object] = []

    def run() -> None:
        try:
            result.append(fn())
        except Exception as exc:
            result.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, result


def test_two_desks_editing_one_case_at_once_cannot_lose_an_update(
        pg_url: str, pg_practice: Practice, tmp_path: Path) -> None:
    _c, case_id = pg_practice.write(cases.create_case, number="2026-CV-0003", title="Original",
                                    opened_on=date(2026, 1, 5))
    seen = pg_practice.read(cases.get_case_detail, case_id).version
    other_desk = Practice(resolve(tmp_path / "other", pg_url))
    try:
        with pg_practice.transaction() as session:
            cases.update_case(session, case_id=case_id, expected_version=seen,
                              number="2026-CV-0003", title="Desk A", status="open")
            session.flush()  # desk A now holds the row, not yet committed
            thread, result = _in_thread(lambda: other_desk.write(
                cases.update_case, case_id=case_id, expected_version=seen,
                number="2026-CV-0003", title="Desk B", status="open"))
            _wait_for_lock_waiter(pg_url, pg_url.rsplit("/", 1)[1])
        thread.join(30)
    finally:
        other_desk.close()
    assert len(result) == 1 and isinstance(result[0], ConcurrentEdit), result
    detail = pg_practice.read(cases.get_case_detail, case_id)
    assert (detail.title, detail.version) == ("Desk A", seen + 1)


def test_two_desks_opening_the_same_case_number_at_once(pg_url: str, pg_practice: Practice,
                                                       tmp_path: Path) -> None:
    other_desk = Practice(resolve(tmp_path / "other", pg_url))
    try:
        with pg_practice.transaction() as session:
            cases.create_case(session, number="2026-CV-0077", title="Desk A")
            session.flush()  # A's row holds the number until A commits
            thread, result = _in_thread(lambda: other_desk.write(
                cases.create_case, number="2026-CV-0077", title="Desk B"))
            _wait_for_lock_waiter(pg_url, pg_url.rsplit("/", 1)[1])
        thread.join(30)
    finally:
        other_desk.close()
    assert len(result) == 1 and isinstance(result[0], RuleViolation), result
    assert "(number)=(2026-CV-0077) already exists" in result[0].message
    rows = cl.case_page(pg_practice.reader, cl.CaseFilter(status=""), offset=0, limit=9)
    assert [(r.number, r.title) for r in rows] == [("2026-CV-0077", "Desk A")]
    assert _one(pg_url, "SELECT count(*) FROM activities") == 1


def test_crossed_edits_deadlock_becomes_a_concurrent_edit(pg_url: str, pg_practice: Practice,
                                                          tmp_path: Path) -> None:
    _c, case_id = pg_practice.write(cases.create_case, number="2026-CV-0004", title="Crossed",
                                    opened_on=date(2026, 1, 5))
    _c, contact_id = pg_practice.write(contacts.create_contact, name="Carla Cross")
    database = pg_url.rsplit("/", 1)[1]
    b_holds_contact = threading.Event()
    other_desk = Practice(resolve(tmp_path / "other", pg_url))

    def desk_b() -> None:
        with other_desk.transaction() as session:
            contacts.update_contact(session, contact_id=contact_id, name="Carla Cross",
                                    email="b@example.com")
            session.flush()
            b_holds_contact.set()
            cases.update_case(session, case_id=case_id, number="2026-CV-0004",
                              title="Desk B", status="open")
            session.flush()

    a_result: list[object] = []
    try:
        try:
            with pg_practice.transaction() as session:
                cases.update_case(session, case_id=case_id, number="2026-CV-0004",
                                  title="Desk A", status="open")
                session.flush()
                thread, b_result = _in_thread(desk_b)
                assert b_holds_contact.wait(20)
                _wait_for_lock_waiter(pg_url, database)
                contacts.update_contact(session, contact_id=contact_id, name="Carla Cross",
                                        email="a@example.com")
                session.flush()
            a_result.append(None)
        except ConcurrentEdit as exc:
            a_result.append(exc)
        thread.join(30)
    finally:
        other_desk.close()
    outcomes = [*a_result, *b_result]
    assert len(outcomes) == 2
    assert sum(isinstance(o, ConcurrentEdit) for o in outcomes) == 1, outcomes
    winner = "Desk A" if a_result == [None] else "Desk B"
    assert pg_practice.read(cases.get_case_detail, case_id).title == winner
    assert pg_practice.read(contacts.get_contact, contact_id).email == (
        "a@example.com" if winner == "Desk A" else "b@example.com")


def test_conflict_search_record_and_merge(any_practice: Practice) -> None:
    p = any_practice
    _c, smith = p.write(contacts.create_contact, name="John Smith", aliases=["Johnny Smithers"])
    _c, dup = p.write(contacts.create_contact, name="Jon Smith", email="js@example.com")
    _c, brown = p.write(contacts.create_contact, name="Mary Brown")
    _c, jane = p.write(contacts.create_contact, name="Jane Doe")
    p.write(contacts.update_contact, contact_id=jane, name="Jane Roe")
    _c, open_case = p.write(cases.create_case, number="2026-CV-0001", title="Open one")
    _c, old_case = p.write(cases.create_case, number="2020-CV-0007", title="Old matter",
                           opened_on=date(2020, 2, 1))
    p.write(parties.add_party, case_id=open_case, contact_id=smith, role="client")
    p.write(parties.add_party, case_id=old_case, contact_id=smith, role="opposing_party")
    p.write(parties.add_party, case_id=old_case, contact_id=dup, role="witness")
    p.write(parties.add_party, case_id=old_case, contact_id=brown, role="witness")
    p.write(cases.close_case, case_id=old_case, closed_on=date(2021, 1, 1))

    hits = p.read(conflicts.search, ["Jon Smyth"])
    found = {(h.name, h.role, h.case_number) for h in hits}
    assert {("John Smith", PartyRole.CLIENT, "2026-CV-0001"),
            ("John Smith", PartyRole.OPPOSING_PARTY, "2020-CV-0007"),
            ("Jon Smith", PartyRole.WITNESS, "2020-CV-0007")} <= found
    assert all(h.name != "Mary Brown" for h in hits)
    by_alias = p.read(conflicts.search, ["Johnny Smithers"])
    assert (by_alias[0].name, by_alias[0].matched_name) == ("John Smith", "Johnny Smithers")
    renamed = p.read(conflicts.search, ["Jane Doe"])
    assert [(h.name, h.matched_name) for h in renamed] == [("Jane Roe", "Jane Doe")]
    with pytest.raises(InvalidInput):
        p.read(conflicts.search, ["  "])

    p.write(conflicts.record_check, case_id=open_case, searched_names=["Jon Smyth"], hits=hits,
            decision="waived", note="Written consent on file")
    check = p.read(cases.get_case_detail, open_case).conflict_checks[0]
    assert (check.searched_names, check.hit_count) == (("Jon Smyth",), len(hits))
    stored = _one(p.location.database_url, "SELECT CAST(hits AS TEXT) FROM conflict_checks")
    assert str(smith) in stored and "2020-CV-0007" in stored

    assert [row.id for row, _score in p.read(contacts.suggest_duplicates, smith)] == [dup]
    p.write(contacts.merge_contacts, keep_id=smith, duplicate_ids=[dup])
    kept = p.read(contacts.get_contact, smith)
    assert kept.email == "js@example.com" and "Jon Smith" in kept.aliases
    assert kept.case_count == 2
    assert {h.contact_id for h in p.read(conflicts.search, ["Jon Smith"])} == {smith}
    witnesses = [x.name for x in p.read(cases.get_case_detail, old_case).parties
                 if x.role is PartyRole.WITNESS]
    assert sorted(witnesses) == ["John Smith", "Mary Brown"]


# --- the plain-SQL list reads: identical on SQLite and PostgreSQL -------------------------


def _uid(n: int) -> uuid.UUID:
    return uuid.UUID(int=n)


ANN, BOB = _uid(1), _uid(2)
C1, C2, C3, C4, C5, C6 = (_uid(100 + i) for i in range(1, 7))


def _fill(p: Practice) -> None:
    """The same small practice, with the same ids, in any database."""
    p.write(staff.add_staff, name="Ann Attorney", role="attorney", staff_id=ANN)
    p.write(staff.add_staff, name="Bob Paralegal", role="paralegal", staff_id=BOB)
    specs = [
        (C1, "2025-CV-0001", "Alpha v. Beta", "Tort", ANN, date(2025, 3, 1), "open"),
        (C2, "2025-CV-0002", "Budget 50% dispute", "Contract", BOB, date(2025, 5, 10),
         "pending"),
        (C3, "2025-CV-0003", "Claim a_b", "Contract", None, date(2025, 1, 15), "intake"),
        (C4, "2026-CV-0004", "Delta 500 matter", "", ANN, date(2026, 1, 2), "open"),
        (C5, "2026-CV-0005", "Echo axb", "Tort", None, date(2026, 2, 1), "open"),
        (C6, "2026-CV-0006", "Foxtrot back\\slash", "Family", BOB, date(2024, 12, 1), "open"),
    ]
    for case_id, number, title, area, resp, opened, status in specs:
        p.write(cases.create_case, case_id=case_id, number=number, title=title,
                practice_area=area, responsible_staff_id=resp, opened_on=opened,
                status=status)
    _c, smith = p.write(contacts.create_contact, name="John Smith", contact_id=_uid(201))
    _c, jones = p.write(contacts.create_contact, name="Mary Jones", contact_id=_uid(202))
    p.write(parties.add_party, case_id=C1, contact_id=smith, role="client", party_id=_uid(301))
    p.write(parties.add_party, case_id=C2, contact_id=jones, role="client", party_id=_uid(302))
    p.write(parties.add_party, case_id=C6, contact_id=smith, role="client", party_id=_uid(303))
    task_specs: list[tuple[int, uuid.UUID, str, uuid.UUID | None, date | None, str]] = [
        (401, C1, "File answer", ANN, date(2026, 2, 10), "open"),
        (402, C1, "Serve papers", ANN, date(2026, 1, 20), "done"),
        (403, C2, "Review contract", BOB, date(2026, 2, 10), "in_progress"),
        (404, C2, "Mediation", None, date(2026, 3, 1), "open"),
        (405, C4, "Old deadline", ANN, date(2026, 1, 5), "open"),
        (406, C3, "Someday", None, None, "open"),
        (407, C5, "Deleted one", BOB, date(2026, 1, 10), "open"),
        (408, C6, "Cancelled one", BOB, date(2026, 2, 10), "cancelled"),
    ]
    for n, case_id, title, who, due, status in task_specs:
        p.write(tasks.add_task, task_id=_uid(n), case_id=case_id, title=title,
                assignee_staff_id=who, due_on=due, status=status)
    p.write(tasks.delete_task, task_id=_uid(407))
    p.write(cases.close_case, case_id=C4, closed_on=date(2026, 1, 31))


@pytest.fixture(scope="module")
def readers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Reader]]:
    """One practice on SQLite and one on PostgreSQL, same data; their readers by name."""
    reason = pg.unreachable_reason()
    if reason is not None:
        pytest.skip(reason)
    base = tmp_path_factory.mktemp("lists")
    with pg.fresh_database() as name:
        lite = Practice(resolve(base / "sqlite"))
        server = Practice(resolve(base / "server", pg.sqlalchemy_url(name)))
        try:
            _fill(lite)
            _fill(server)
            yield {"sqlite": lite.reader, "sqlite-engine": EngineReader(lite.engine),
                   "postgresql": server.reader}
        finally:
            lite.close()
            server.close()


def _same_everywhere(readers: dict[str, Reader], fn: Callable[[Reader], Any]) -> Any:
    results = {name: fn(reader) for name, reader in readers.items()}
    assert readers["postgresql"].dialect == "postgresql"
    first = results["sqlite"]
    for name, value in results.items():
        assert value == first, f"{name} differs from sqlite"
    return first


FILTERS: list[tuple[cl.CaseFilter, set[uuid.UUID]]] = [
    (cl.CaseFilter(status=""), {C1, C2, C3, C4, C5, C6}),
    (cl.CaseFilter(), {C1, C2, C3, C5, C6}),  # active: everything not closed
    (cl.CaseFilter(status="closed"), {C4}),
    (cl.CaseFilter(status="intake"), {C3}),
    (cl.CaseFilter(text="SMITH", status=""), {C1, C6}),
    (cl.CaseFilter(text="50%", status=""), {C2}),  # % is literal: "500" must not match
    (cl.CaseFilter(text="a_b", status=""), {C3}),  # _ is literal: "axb" must not match
    (cl.CaseFilter(text="back\\slash", status=""), {C6}),
    (cl.CaseFilter(text="2025 contract", status=""), {C2, C3}),
    (cl.CaseFilter(text="nobody", status=""), set()),
    (cl.CaseFilter(staff_id=ANN, status=""), {C1, C4}),
    (cl.CaseFilter(staff_id=BOB), {C2, C6}),
    (cl.CaseFilter(practice_area="Tort"), {C1, C5}),
    (cl.CaseFilter(practice_area="Contract", staff_id=BOB, text="budget"), {C2}),
]


@pytest.mark.parametrize(("flt", "expected"), FILTERS)
def test_case_filters_give_the_same_cases(readers: dict[str, Reader], flt: cl.CaseFilter,
                                          expected: set[uuid.UUID]) -> None:
    rows = _same_everywhere(readers, lambda r: cl.case_page(r, flt, offset=0, limit=100))
    assert {row.id for row in rows} == expected
    assert _same_everywhere(readers, lambda r: cl.count_cases(r, flt)) == len(expected)


def _expected_order(rows: list[Any], sort: str, descending: bool) -> list[uuid.UUID]:
    """The documented order: by the column, NULLs last where a column has them, then number."""
    key: Callable[[Any], Any] = {
        "number": lambda r: r.number, "title": lambda r: r.title,
        "client": lambda r: r.client_names, "status": lambda r: r.status.value,
        "practice_area": lambda r: r.practice_area, "responsible": lambda r: r.responsible or None,
        "opened_on": lambda r: r.opened_on, "next_due": lambda r: r.next_due,
    }[sort]
    present = sorted((r for r in rows if key(r) is not None),
                     key=lambda r: (key(r), r.number), reverse=descending)
    missing = sorted((r for r in rows if key(r) is None), key=lambda r: r.number,
                     reverse=descending)
    return [r.id for r in [*present, *missing]]


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", list(cl.SORT_COLUMNS))
def test_every_sort_column_orders_the_same(readers: dict[str, Reader], sort: str,
                                           descending: bool) -> None:
    flt = cl.CaseFilter(status="", sort=sort, descending=descending)
    rows = _same_everywhere(readers, lambda r: cl.case_page(r, flt, offset=0, limit=100))
    assert [r.id for r in rows] == _expected_order(rows, sort, descending)
    page = _same_everywhere(readers, lambda r: cl.case_page(r, flt, offset=2, limit=3))
    assert page == rows[2:5]


def test_next_due_puts_cases_without_open_tasks_last(readers: dict[str, Reader]) -> None:
    for descending in (False, True):
        flt = cl.CaseFilter(status="", sort="next_due", descending=descending)
        rows = _same_everywhere(readers, lambda r, f=flt: cl.case_page(r, f, offset=0, limit=9))
        dues = [(r.number, r.next_due) for r in rows]
        # C3's task has no date, C5's only task is deleted and C6's is cancelled.
        undated = ["2025-CV-0003", "2026-CV-0005", "2026-CV-0006"]
        assert dues[-3:] == [(n, None) for n in (undated[::-1] if descending else undated)]
        assert all(due is not None for _n, due in dues[:-3])
        assert dict(dues)["2025-CV-0002"] == date(2026, 2, 10)
        assert dict(dues)["2026-CV-0004"] == date(2026, 1, 5)


def test_task_and_count_reads_are_the_same(readers: dict[str, Reader]) -> None:
    start, end = date(2026, 1, 1), date(2026, 3, 31)
    every = _same_everywhere(readers, lambda r: cl.tasks_between(r, start, end))
    assert [(t.due_on, t.title) for t in every] == [
        (date(2026, 1, 5), "Old deadline"), (date(2026, 1, 20), "Serve papers"),
        (date(2026, 2, 10), "File answer"), (date(2026, 2, 10), "Review contract"),
        (date(2026, 2, 10), "Cancelled one"), (date(2026, 3, 1), "Mediation")]
    assert every[0].assignee == "Ann Attorney" and every[-1].assignee_staff_id is None
    bobs = _same_everywhere(readers, lambda r: cl.tasks_between(r, start, end, staff_id=BOB,
                                                                include_done=False))
    assert [(t.title, t.status) for t in bobs] == [("Review contract", TaskStatus.IN_PROGRESS)]
    assert _same_everywhere(readers, lambda r: cl.task_counts_by_day(r, start, end)) == {
        date(2026, 1, 5): (1, 0), date(2026, 1, 20): (0, 1), date(2026, 2, 10): (2, 1),
        date(2026, 3, 1): (1, 0)}
    assert _same_everywhere(readers, lambda r: cl.overdue_task_count(r, date(2026, 2, 15))) == 3
    assert _same_everywhere(readers, cl.case_counts) == {"open": 3, "pending": 1, "intake": 1,
                                                         "closed": 1}
    assert _same_everywhere(readers, cl.practice_areas) == ["Contract", "Family", "Tort"]
    assert _same_everywhere(readers, cl.staff_choices) == [(ANN, "Ann Attorney"),
                                                           (BOB, "Bob Paralegal")]


# --- the command line ---------------------------------------------------------------------


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CASEDESK_")}
    return subprocess.run([sys.executable, "-m", "casedesk", *args], capture_output=True,
                          text=True, timeout=120, env={**clean, **(env or {})}, check=False)


def test_cli_conflicts_on_the_server(pg_url: str, pg_practice: Practice, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    from casedesk.cli import main

    _c, smith = pg_practice.write(contacts.create_contact, name="John Smith")
    _c, case_id = pg_practice.write(cases.create_case, number="2026-CV-0042", title="Smith v. X")
    pg_practice.write(parties.add_party, case_id=case_id, contact_id=smith, role="client")
    desk = tmp_path / "cli-desk"
    done = _cli("--data-dir", str(desk), "--database-url", pg_url, "conflicts", "Smith")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].split("\t")[:4] == ["John Smith", "client",
                                                           "2026-CV-0042", "Smith v. X"]
    assert (desk / "documents").is_dir() and not (desk / "casedesk.db").exists()
    monkeypatch.setenv("CASEDESK_DATABASE_URL", pg_url)  # the same, set once per desk
    assert main(["--data-dir", str(desk), "conflicts", "Jon Smith"]) == 0
    assert capsys.readouterr().out.startswith("John Smith\tclient\t2026-CV-0042")


def test_moving_a_sqlite_practice_to_the_server_as_documented(
        pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from casedesk.cli import main

    for name in ("CASEDESK_DATA_DIR", "CASEDESK_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    lite_dir, desk_dir = tmp_path / "lite", tmp_path / "desk"
    with Practice(resolve(lite_dir)) as lite:
        _fill(lite)
        hits = lite.read(conflicts.search, ["Smith"])
        lite.write(conflicts.record_check, case_id=C1, searched_names=["Smith"], hits=hits,
                   decision="clear")
    from_lite, from_server = tmp_path / "practice.json", tmp_path / "again.json"
    assert main(["--data-dir", str(lite_dir), "export", str(from_lite)]) == 0
    server = ["--data-dir", str(desk_dir), "--database-url", pg_url]
    assert main([*server, "import", str(from_lite)]) == 0
    assert main([*server, "export", str(from_server)]) == 0
    assert from_server.read_bytes() == from_lite.read_bytes()
    capsys.readouterr()
    assert main([*server, "conflicts", "Jon Smith"]) == 0
    on_server = capsys.readouterr().out
    assert main(["--data-dir", str(lite_dir), "conflicts", "Jon Smith"]) == 0
    assert capsys.readouterr().out == on_server and "2025-CV-0001" in on_server


def test_cli_unreachable_server_is_a_clean_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from casedesk.cli import main

    monkeypatch.delenv("CASEDESK_DATABASE_URL", raising=False)
    status = main(["--data-dir", str(tmp_path / "d"), "--database-url", UNREACHABLE_URL,
                   "conflicts", "Smith"])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("casedesk: error: Cannot open the practice database on "
                          "postgresql+psycopg://postgres:***@127.0.0.1:1/casedesk")
    assert "s3cret-pw" not in err

"""The practice interchange file: export, import (merge), validation with paths, atomicity."""

from __future__ import annotations

import copy
import json
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from casedesk.domain.enums import CaseStatus
from casedesk.domain.errors import InvalidInput
from casedesk.export.interchange import (
    InvalidDocument,
    dump_document,
    parse_json,
    read_document_file,
    write_text_atomically,
)
from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from casedesk.services import (
    cases,
    conflicts,
    contacts,
    firm,
    interchange,
    interchange_write,
    notes,
    parties,
    staff,
    tasks,
)

NOTE_TIME = datetime(2026, 1, 6, 14, 30, 0, 123456, tzinfo=UTC)


def seed(practice: Practice) -> dict[str, uuid.UUID]:
    """A small practice with one of everything (through the ordinary services)."""
    ids = {"ann": uuid.uuid4()}
    practice.write(firm.save_firm, name="Doe & Partners", address="1 Main St",
                   time_zone="America/Chicago")
    practice.write(staff.add_staff, name="Ann Attorney", role="attorney", hourly_rate="250",
                   staff_id=ids["ann"])
    _c, ids["smith"] = practice.write(contacts.create_contact, name="John Smith",
                                      aliases=["Johnny Smith"], email="john@example.com")
    _c, ids["acme"] = practice.write(contacts.create_contact, name="Acme Corp",
                                     kind="organization")
    _c, ids["dana"] = practice.write(contacts.create_contact, name="Dana Lawyer")
    _c, ids["case"] = practice.write(cases.create_case, number="2026-CV-0001",
                                     title="Smith v. Acme", opened_on=date(2026, 1, 5),
                                     responsible_staff_id=ids["ann"],
                                     court_time_zone="America/Chicago")
    practice.write(parties.add_party, case_id=ids["case"], contact_id=ids["smith"],
                   role="client")
    practice.write(parties.add_party, case_id=ids["case"], contact_id=ids["acme"],
                   role="opposing_party", represented_by_id=ids["dana"])
    practice.write(parties.add_party, case_id=ids["case"], contact_id=ids["dana"],
                   role="opposing_counsel")
    practice.write(notes.add_note, case_id=ids["case"], text="First call — José",
                   author_staff_id=ids["ann"], created_at=NOTE_TIME)
    practice.write(tasks.add_task, case_id=ids["case"], title="File complaint",
                   due_on=date(2026, 2, 1), assignee_staff_id=ids["ann"])
    hits = practice.read(conflicts.search, ["Acme"])
    practice.write(conflicts.record_check, case_id=ids["case"], searched_names=["Acme"],
                   hits=hits, decision="clear", decided_by_staff_id=ids["ann"])
    _c, ids["old"] = practice.write(cases.create_case, number="2025-CV-0009",
                                    title="Old matter", opened_on=date(2025, 1, 5))
    practice.write(cases.close_case, case_id=ids["old"], closed_on=date(2025, 6, 1))
    return ids


@pytest.fixture(scope="module")
def seeded_document(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The export of a seeded practice, made once for the tests that only need the file."""
    with Practice(resolve(tmp_path_factory.mktemp("seeded"))) as practice:
        seed(practice)
        document: dict[str, Any] = practice.read(interchange.build_document)
        return document


@pytest.fixture
def other(tmp_path: Path) -> Any:
    p = Practice(resolve(tmp_path / "other"))
    try:
        yield p
    finally:
        p.close()


def export_text(practice: Practice) -> str:
    return dump_document(practice.read(interchange.build_document))


def scalar(practice: Practice, sql: str, **params: Any) -> Any:
    with practice.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def counts(practice: Practice) -> dict[str, int]:
    return {name: scalar(practice, f"SELECT count(*) FROM {name}")
            for name in ("firms", "staff", "contacts", "contact_name_keys", "cases", "parties",
                         "notes", "tasks", "conflict_checks", "activities")}


def test_export_has_the_documented_shape(practice: Practice) -> None:
    ids = seed(practice)
    doc = json.loads(export_text(practice))
    assert (doc["format"], doc["version"]) == ("casedesk-practice", 1)
    assert list(doc) == ["format", "version", "firm", "staff", "contacts", "cases", "events",
                         "letter_templates"]
    assert doc["firm"]["time_zone"] == "America/Chicago"
    assert doc["staff"] == [{"id": str(ids["ann"]), "name": "Ann Attorney", "role": "attorney",
                             "email": "", "hourly_rate": "250.00", "bar_number": "",
                             "active": True}]
    assert [c["name"] for c in doc["contacts"]] == ["Acme Corp", "Dana Lawyer", "John Smith"]
    assert [c["number"] for c in doc["cases"]] == ["2025-CV-0009", "2026-CV-0001"]
    old, case = doc["cases"]
    assert (old["status"], old["opened_on"], old["closed_on"]) == ("closed", "2025-01-05",
                                                                   "2025-06-01")
    assert case["parties"] == [
        {"contact_id": str(ids["smith"]), "role": "client", "represented_by": None},
        {"contact_id": str(ids["acme"]), "role": "opposing_party",
         "represented_by": str(ids["dana"])},
        {"contact_id": str(ids["dana"]), "role": "opposing_counsel", "represented_by": None}]
    assert case["notes"][0]["created_at"] == "2026-01-06T14:30:00.123456+00:00"
    assert case["notes"][0]["text"] == "First call — José"
    assert case["tasks"][0]["due_on"] == "2026-02-01"
    assert case["tasks"][0]["priority"] == "normal"
    assert case["conflict_checks"][0]["decision"] == "clear"
    assert set(case) >= {"id", "number", "title", "practice_area", "status", "court",
                         "court_time_zone", "judge", "docket_number", "opened_on", "closed_on",
                         "responsible_staff_id", "description", "parties", "notes", "tasks"}


def test_round_trip_into_an_empty_practice_is_byte_identical(practice: Practice,
                                                             other: Practice) -> None:
    seed(practice)
    first = export_text(practice)
    _changes, summary = other.write(interchange.import_document, document=parse_json(first))
    assert summary.line() == ("imported: 1 staff, 3 contacts, 2 cases (2 new, 0 updated, "
                              "0 unchanged)")
    assert export_text(other) == first
    # The derived columns the services keep are right too.
    assert scalar(other, "SELECT client_names FROM cases WHERE number = '2026-CV-0001'") == \
        "John Smith"
    assert scalar(other, "SELECT search_text FROM cases WHERE number = '2026-CV-0001'") == \
        scalar(practice, "SELECT search_text FROM cases WHERE number = '2026-CV-0001'")
    keys_sql = "SELECT contact_id, key FROM contact_name_keys ORDER BY contact_id, key"
    assert other.reader.rows(keys_sql) == practice.reader.rows(keys_sql)  # as reindex_names
    lists_sql = "SELECT id, client_names, search_text FROM cases ORDER BY id"
    assert other.reader.rows(lists_sql) == practice.reader.rows(lists_sql)
    hits = other.read(conflicts.search, ["Jon Smyth"])
    assert [(h.name, h.case_number) for h in hits] == [("John Smith", "2026-CV-0001")]
    assert scalar(other, "SELECT max(version) FROM cases") == 1


def test_importing_the_same_file_again_changes_nothing(practice: Practice) -> None:
    seed(practice)
    before = counts(practice)
    versions = scalar(practice, "SELECT sum(version) FROM cases")
    changes, summary = practice.write(interchange.import_document,
                                      document=parse_json(export_text(practice)))
    assert summary.line().endswith("(0 new, 0 updated, 2 unchanged)")
    assert not changes.any()
    assert counts(practice) == before
    assert scalar(practice, "SELECT sum(version) FROM cases") == versions


def test_merge_updates_known_ids_adds_new_ones_and_deletes_nothing(practice: Practice) -> None:
    ids = seed(practice)
    doc = practice.read(interchange.build_document)
    case = next(c for c in doc["cases"] if c["number"] == "2026-CV-0001")
    case["title"] = "Smith v. Acme Corporation"
    case["notes"].append({"id": str(uuid.uuid4()), "author_staff_id": None,
                          "created_at": "2026-02-01T09:00:00-05:00", "text": "Added later"})
    new_contact = {"id": str(uuid.uuid4()), "kind": "person", "name": "Zed Witness",
                   "aliases": [], "email": "", "phone": "", "address": "", "organization": "",
                   "notes": ""}
    doc["contacts"] = [new_contact]  # the others are left out: they must stay
    doc["cases"] = [case]
    case_version = scalar(practice, "SELECT version FROM cases WHERE number = '2026-CV-0001'")
    _changes, summary = practice.write(interchange.import_document, document=doc)
    assert summary.cases.updated == 1 and summary.contacts.new == 1
    assert summary.notes.new == 1 and summary.notes.unchanged == 1
    detail = practice.read(cases.get_case_detail, ids["case"])
    assert detail.title == "Smith v. Acme Corporation"
    assert detail.version == case_version + 1
    assert scalar(practice, "SELECT count(*) FROM contacts") == 4
    assert scalar(practice, "SELECT count(*) FROM cases") == 2
    added = next(n for n in detail.notes if n.text == "Added later")
    assert added.created_at == datetime(2026, 2, 1, 14, 0, tzinfo=UTC)
    assert "smith v. acme corporation" in scalar(
        practice, "SELECT search_text FROM cases WHERE number = '2026-CV-0001'")
    assert detail.activity[0].action == "case_updated_by_import"


def test_renamed_contact_keeps_former_name_and_refreshes_every_case(practice: Practice) -> None:
    ids = seed(practice)
    doc = practice.read(interchange.build_document)
    smith = next(c for c in doc["contacts"] if c["name"] == "John Smith")
    smith["name"] = "John Smythe"
    doc["cases"] = []  # the case itself is not in the file, yet its client names change
    version = scalar(practice, "SELECT version FROM cases WHERE number = '2026-CV-0001'")
    practice.write(interchange.import_document, document=doc)
    row = practice.read(contacts.get_contact, ids["smith"])
    assert row.name == "John Smythe"
    assert set(row.aliases) == {"Johnny Smith", "John Smith"}
    assert scalar(practice, "SELECT client_names FROM cases WHERE number = '2026-CV-0001'") == \
        "John Smythe"
    assert scalar(practice, "SELECT version FROM cases WHERE number = '2026-CV-0001'") == \
        version + 1
    hits = practice.read(conflicts.search, ["John Smith"])
    assert any(h.contact_id == ids["smith"] for h in hits)


def test_case_numbers_can_swap_in_one_import(practice: Practice) -> None:
    seed(practice)
    doc = practice.read(interchange.build_document)
    first, second = doc["cases"]
    first["number"], second["number"] = second["number"], first["number"]
    practice.write(interchange.import_document, document=doc)
    titles = dict(practice.reader.rows("SELECT number, title FROM cases"))
    assert titles == {"2025-CV-0009": "Smith v. Acme", "2026-CV-0001": "Old matter"}


def _broken(doc: dict[str, Any], edit: Any) -> dict[str, Any]:
    changed = copy.deepcopy(doc)
    edit(changed)
    return changed


@pytest.mark.parametrize(("edit", "path", "reason"), [
    (lambda d: d["cases"][1]["parties"][0].update(role="judgee"),
     "cases[1].parties[0].role", "'judgee' is not one of client, opposing_party"),
    (lambda d: d["cases"][0].update(opened_on="2026-02-30"),
     "cases[0].opened_on", "'2026-02-30' is not a date"),
    (lambda d: d["staff"][0].update(hourly_rate=250),
     "staff[0].hourly_rate", "amount in quotes"),
    (lambda d: d["staff"][0].update(hourly_rate="25.005"),
     "staff[0].hourly_rate", "more than two decimals"),
    (lambda d: d["contacts"][0].update(id="not-a-uuid"),
     "contacts[0].id", "is not an id"),
    (lambda d: d["cases"][1]["notes"][0].update(created_at="2026-01-06T14:30:00"),
     "cases[1].notes[0].created_at", "no UTC offset"),
    (lambda d: d["cases"][1].update(judgee="Hon. X"),
     "cases[1].judgee", "is not a key of a case"),
    (lambda d: d["cases"][1].pop("title"), "cases[1].title", "is missing"),
    (lambda d: d["cases"][1].update(title="  "), "cases[1].title", "must not be empty"),
    (lambda d: d["cases"][1]["parties"][0].update(contact_id=str(uuid.uuid4())),
     "cases[1].parties[0].contact_id", "no contact"),
    (lambda d: d["cases"][1].update(responsible_staff_id=str(uuid.uuid4())),
     "cases[1].responsible_staff_id", "no staff member"),
    (lambda d: d["contacts"].append(dict(d["contacts"][0])),
     "contacts[3].id", "also used by contacts[0]"),
    (lambda d: d["cases"][1].update(number="2025-CV-0009"),
     "cases[1].number", "also the number of cases[0]"),
    (lambda d: d["cases"][1].update(court_time_zone="Mars/Olympus"),
     "cases[1].court_time_zone", "not a time zone"),
    (lambda d: d["cases"][0].update(status="open"),
     "cases[0].closed_on", "only closed cases"),
    (lambda d: d.update(version=2), "version", "format version 2"),
    (lambda d: d.update(format="something-else"), "format", "not a casedesk practice file"),
    (lambda d: d.update(extra=[]), "extra", "is not a key of a practice file"),
    (lambda d: d["cases"][1]["parties"].append(dict(d["cases"][1]["parties"][0])),
     "cases[1].parties[3]", "client twice"),
])
def test_an_invalid_file_names_the_problem_and_writes_nothing(
        seeded_document: dict[str, Any], other: Practice, edit: Any, path: str,
        reason: str) -> None:
    doc = _broken(seeded_document, edit)
    before = counts(other)
    with pytest.raises(InvalidDocument) as caught:
        other.write(interchange.import_document, document=doc)
    assert any(p.path == path and reason in p.reason for p in caught.value.problems), \
        caught.value.message
    assert path in caught.value.message
    assert counts(other) == before


def test_every_problem_is_listed(seeded_document: dict[str, Any], other: Practice) -> None:
    doc = copy.deepcopy(seeded_document)
    doc["cases"][1]["status"] = "opne"
    doc["contacts"][2]["kind"] = "robot"
    with pytest.raises(InvalidDocument) as caught:
        other.write(interchange.import_document, document=doc)
    message = caught.value.message
    assert message.startswith("2 problems in the file; nothing was imported:")
    assert "contacts[2].kind: 'robot' is not one of person, organization" in message
    assert "cases[1].status: 'opne' is not one of intake, open, pending, closed" in message
    assert isinstance(caught.value, InvalidInput)


def test_a_number_taken_by_another_case_in_the_database_is_refused(practice: Practice) -> None:
    seed(practice)
    doc = practice.read(interchange.build_document)
    doc["cases"] = [doc["cases"][0]]
    doc["cases"][0]["id"] = str(uuid.uuid4())  # a different case claiming 2025-CV-0009
    with pytest.raises(InvalidDocument, match=r"cases\[0\].number: '2025-CV-0009' is already"):
        practice.write(interchange.import_document, document=doc)


def test_a_note_id_of_another_case_is_refused(practice: Practice) -> None:
    seed(practice)
    doc = practice.read(interchange.build_document)
    doc["cases"][0]["notes"] = doc["cases"][1]["notes"]
    doc["cases"][1]["notes"] = []
    with pytest.raises(InvalidDocument, match=r"cases\[0\].notes\[0\].id: this note id belongs"):
        practice.write(interchange.import_document, document=doc)


def test_broken_json_and_repeated_keys_are_refused() -> None:
    with pytest.raises(InvalidDocument, match="not valid JSON"):
        parse_json('{"format": ')
    with pytest.raises(InvalidDocument, match="'name' appears twice"):
        parse_json('{"name": "a", "name": "b"}')


def test_a_crash_half_way_leaves_nothing(practice: Practice, other: Practice,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    seed(practice)
    doc = practice.read(interchange.build_document)
    original = interchange_write._Writer.case
    last_id = uuid.UUID(doc["cases"][-1]["id"])

    written_before_crash: list[int] = []

    def failing_case(self: Any, case: Any) -> None:
        if case.id == last_id:
            written_before_crash.append(
                self.session.execute(text("SELECT count(*) FROM contacts")).scalar())
            raise RuntimeError("disk on fire")
        original(self, case)

    monkeypatch.setattr(interchange_write._Writer, "case", failing_case)
    before = counts(other)
    with pytest.raises(RuntimeError, match="disk on fire"):
        other.write(interchange.import_document, document=doc)
    assert written_before_crash == [3]  # the contacts were in, inside the transaction...
    assert counts(other) == before  # ...and are gone with it
    monkeypatch.undo()
    other.write(interchange.import_document, document=doc)
    assert counts(other)["cases"] == 2


def test_deleted_records_stay_deleted_and_merged_contacts_are_followed(
        practice: Practice) -> None:
    ids = seed(practice)
    doc = practice.read(interchange.build_document)
    # After the export, this practice merges Dana into a new contact and deletes the note.
    _c, keep = practice.write(contacts.create_contact, name="Dana Counsel")
    practice.write(contacts.merge_contacts, keep_id=keep, duplicate_ids=[ids["dana"]])
    note_id = uuid.UUID(doc["cases"][1]["notes"][0]["id"])
    practice.write(notes.delete_note, note_id=note_id)
    _changes, summary = practice.write(interchange.import_document, document=doc)
    assert "left out because they were deleted in this practice" in summary.line()
    assert summary.contacts.skipped == 1 and summary.notes.skipped == 1
    detail = practice.read(cases.get_case_detail, ids["case"])
    assert detail.notes == ()
    by_role = {p.role.value: p for p in detail.parties}
    assert by_role["opposing_counsel"].contact_id == keep
    assert by_role["opposing_party"].represented_by_id == keep


def test_strict_statuses_and_dates_of_closed_cases(seeded_document: dict[str, Any],
                                                   other: Practice) -> None:
    doc = copy.deepcopy(seeded_document)
    doc["cases"][0]["closed_on"] = None
    with pytest.raises(InvalidDocument, match="closed case needs the date"):
        other.write(interchange.import_document, document=doc)
    doc["cases"][0]["closed_on"] = "2024-01-01"
    with pytest.raises(InvalidDocument, match="before opened_on"):
        other.write(interchange.import_document, document=doc)


def test_closed_cases_and_done_tasks_import(practice: Practice, other: Practice) -> None:
    ids = seed(practice)
    task_id = practice.read(cases.get_case_detail, ids["case"]).tasks[0].id
    practice.write(tasks.set_task_done, task_id=task_id)
    other.write(interchange.import_document, document=practice.read(interchange.build_document))
    assert other.read(cases.get_case_detail, ids["old"]).status is CaseStatus.CLOSED
    assert scalar(other, "SELECT completed_at IS NOT NULL FROM tasks") == 1
    assert export_text(other) == export_text(practice)


def test_file_writes_are_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "practice.json"
    write_text_atomically(target, "first contents\n")
    assert target.stat().st_mode & 0o777 == 0o600  # practice data: private by default
    target.chmod(0o640)
    write_text_atomically(target, "new contents\n")
    assert target.read_text() == "new contents\n"
    assert target.stat().st_mode & 0o777 == 0o640  # a replaced file keeps its permissions
    import os

    def refuse(*_args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="No space"):
        write_text_atomically(target, "newer contents\n")
    assert target.read_text() == "new contents\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["practice.json"]


def test_read_document_file_accepts_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"format": "x"}).encode())
    assert read_document_file(path) == {"format": "x"}
    path.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(InvalidDocument, match="not UTF-8"):
        read_document_file(path)


@pytest.mark.postgres
def test_round_trip_on_postgresql(practice: Practice, pg_url: str, tmp_path: Path) -> None:
    seed(practice)
    first = export_text(practice)
    with Practice(resolve(tmp_path / "pg", pg_url)) as server:
        server.write(interchange.import_document, document=parse_json(first))
        _c, summary = server.write(interchange.import_document, document=parse_json(first))
        assert summary.cases.unchanged == 2
        assert export_text(server) == first

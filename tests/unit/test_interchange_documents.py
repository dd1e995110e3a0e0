"""Documents, correspondence, requests, filings and letter templates in the practice file, with
their files in the folder beside the JSON: export, round trip, checks, hostile files, merge."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import shutil
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import Session

from casedesk.domain.changes import Changes
from casedesk.domain.errors import EnvironmentFault, InvalidInput
from casedesk.domain.models import (
    Blob,
    Correspondence,
    CorrespondenceDocument,
    DocumentRequest,
    Filing,
    FilingItem,
    LetterTemplate,
)
from casedesk.export.interchange import InvalidDocument, dump_document, read_document_file
from casedesk.export.interchange_documents import (
    CORRESPONDENCE_KEYS,
    DOCUMENT_KEYS,
    FILING_KEYS,
    REQUEST_KEYS,
    TEMPLATE_KEYS,
    VERSION_EXTENSIONS,
    VERSION_KEYS,
)
from casedesk.export.interchange_files import files_folder, verify_files, write_export
from casedesk.export.interchange_parse import PracticeIn, parse_document
from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from casedesk.services import documents, events, interchange, interchange_documents_write
from casedesk.services.documents import DocumentMeta
from tests.unit.test_interchange import seed
from tests.unit.test_interchange_events import add

PDF = b"%PDF-1.4\n% complaint, first draft\n"
PDF_SIGNED = b"%PDF-1.4\n% complaint, signed\n"
TEXT = "Client's notes — José\n".encode()
TEMPLATE = b"PK\x03\x04 engagement letter template"
SENT_AT = datetime(2026, 2, 1, 15, 30, tzinfo=UTC)
TABLES = ("cases", "documents", "document_versions", "blobs", "correspondence",
          "correspondence_documents", "document_requests", "filings", "filing_items",
          "letter_templates", "activities")


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def add_rows(session: Session, *, rows: tuple[Any, ...]) -> Changes:
    """Rows whose services are written elsewhere, added as those services add them."""
    for row in rows:
        session.add(row)
        session.flush()
    return Changes()


def seed_documents(practice: Practice, folder: Path) -> dict[str, uuid.UUID]:
    """`seed`'s practice with two documents (one in two versions), a deleted document a
    letter still carries, a letter, a request, a filing with its deadline, and a template."""
    ids = seed(practice)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "complaint.pdf").write_bytes(PDF)
    (folder / "notes.txt").write_bytes(TEXT)
    (folder / "draft.txt").write_bytes(b"an early draft\n")
    ids["complaint"], ids["notes"] = documents.add_files(
        practice.write, practice.read, practice.blobs, case_id=ids["case"],
        paths=[folder / "complaint.pdf", folder / "notes.txt"],
        meta=DocumentMeta(category="pleading", tags=["Draft", "Court"], privileged=True,
                          author="Ann Attorney", document_date="2026-01-20", source="file"),
        actor_staff_id=ids["ann"])
    practice.write(documents.edit_document, document_id=ids["notes"],
                   meta=DocumentMeta(title="Client notes", category="note", confidential=True,
                                     received_on="2026-01-21", source="file"))
    practice.write(documents.add_version, document_id=ids["complaint"],
                   stored=practice.blobs.put_bytes(PDF_SIGNED), file_name="complaint-signed.pdf",
                   note="Signed", actor_staff_id=ids["ann"])
    (ids["draft"],) = documents.add_files(practice.write, practice.read, practice.blobs,
                                          case_id=ids["case"], paths=[folder / "draft.txt"])
    ids["deadline"] = add(practice, kind="filing_deadline", title="Complaint due",
                          case_id=ids["case"], on_date="2026-02-03")
    ids["letter"], ids["request"], ids["filing"] = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    ids["template"] = uuid.uuid4()
    template = practice.blobs.put_bytes(TEMPLATE)
    practice.write(add_rows, rows=(
        Correspondence(id=ids["letter"], case_id=ids["case"], kind="letter", direction="out",
                       on_date=date(2026, 2, 1), at=SENT_AT, subject="Complaint for review",
                       from_text="Ann Attorney", to_text="John Smith <john@example.com>",
                       contact_id=ids["smith"], staff_id=ids["ann"], summary="Draft sent"),
        CorrespondenceDocument(correspondence_id=ids["letter"], document_id=ids["complaint"],
                               position=0),
        CorrespondenceDocument(correspondence_id=ids["letter"], document_id=ids["draft"],
                               position=1),
        DocumentRequest(id=ids["request"], case_id=ids["case"], item="Bank statements 2025",
                        requested_on=date(2026, 1, 10), due_on=date(2026, 2, 1),
                        received_on=date(2026, 1, 25), document_id=ids["notes"],
                        contact_id=ids["smith"], notes="All twelve months"),
        Filing(id=ids["filing"], case_id=ids["case"], title="Complaint", court="S.D.N.Y.",
               status="submitted", submitted_on=date(2026, 2, 2), confirmation_number="ECF 1",
               deadline_event_id=ids["deadline"], cover_document_id=ids["notes"],
               history=[{"status": "draft", "on": "2026-02-01", "at": SENT_AT.isoformat(),
                         "staff_id": str(ids["ann"])}]),
        FilingItem(filing_id=ids["filing"], position=1, document_id=ids["complaint"],
                   label="Complaint"),
        FilingItem(filing_id=ids["filing"], position=2, document_id=ids["notes"],
                   label="Exhibit A"),
        Blob(sha256=template.sha256, size=template.size),
        LetterTemplate(id=ids["template"], name="Engagement letter",
                       description="Our usual terms", sha256=template.sha256,
                       file_name="engagement.docx")))
    practice.write(documents.delete_document, document_id=ids["draft"])
    return ids


@pytest.fixture
def office(tmp_path: Path) -> Any:
    with Practice(resolve(tmp_path / "office")) as p:
        p.ids = seed_documents(p, tmp_path / "incoming")  # type: ignore[attr-defined]
        yield p


@pytest.fixture
def other(tmp_path: Path) -> Any:
    with Practice(resolve(tmp_path / "other")) as p:
        yield p


def export(practice: Practice, path: Path) -> dict[str, Any]:
    document: dict[str, Any] = practice.read(interchange.build_document)
    write_export(path, document, practice.blobs)
    return document


def load(path: Path) -> PracticeIn:
    return parse_document(read_document_file(path))


def import_file(practice: Practice, path: Path) -> Any:
    return interchange.import_with_files(practice.write, practice.read, practice.blobs,
                                         practice=load(path), folder=files_folder(path))


def counts(practice: Practice) -> dict[str, int]:
    with practice.engine.connect() as conn:
        return {name: conn.execute(text(f"SELECT count(*) FROM {name}")).scalar_one()
                for name in TABLES}


def stored(practice: Practice) -> set[str]:
    return set(practice.blobs.digests())


def case_of(document: dict[str, Any]) -> dict[str, Any]:
    return next(c for c in document["cases"] if c["number"] == "2026-CV-0001")


def test_export_writes_documents_and_the_rest_with_their_files(office: Practice,
                                                               tmp_path: Path) -> None:
    ids = office.ids  # type: ignore[attr-defined]
    path = tmp_path / "practice.json"
    doc = export(office, path)
    case = case_of(doc)
    assert [d["title"] for d in case["documents"]] == ["Client notes", "complaint", "draft"]
    notes, complaint, draft = case["documents"]
    assert list(complaint) == list(DOCUMENT_KEYS)
    assert complaint["id"] == str(ids["complaint"])
    assert (complaint["category"], complaint["tags"], complaint["privileged"],
            complaint["author"], complaint["document_date"]) == (
        "pleading", ["Draft", "Court"], True, "Ann Attorney", "2026-01-20")
    first, signed = complaint["versions"]
    assert list(first) == [*VERSION_KEYS, *VERSION_EXTENSIONS]
    assert (first["number"], first["sha256"], first["file_name"], first["media_type"],
            first["size"], first["added_by_staff_id"]) == (
        1, sha(PDF), "complaint.pdf", "application/pdf", len(PDF), str(ids["ann"]))
    assert (signed["number"], signed["sha256"], signed["note"]) == (2, sha(PDF_SIGNED),
                                                                    "Signed")
    assert (notes["category"], notes["confidential"], notes["received_on"]) == (
        "note", True, "2026-01-21")
    assert draft["id"] == str(ids["draft"])  # deleted, but the letter still carries it
    (letter,) = case["correspondence"]
    assert list(letter) == list(CORRESPONDENCE_KEYS)
    assert letter == {
        "id": str(ids["letter"]), "kind": "letter", "direction": "out", "date": "2026-02-01",
        "at": "2026-02-01T15:30:00+00:00", "subject": "Complaint for review",
        "from": "Ann Attorney", "to": "John Smith <john@example.com>",
        "contact_id": str(ids["smith"]), "staff_id": str(ids["ann"]), "summary": "Draft sent",
        "message_id": "", "document_ids": [str(ids["complaint"]), str(ids["draft"])]}
    (request,) = case["document_requests"]
    assert list(request) == list(REQUEST_KEYS)
    assert (request["item"], request["received_on"], request["document_id"]) == (
        "Bank statements 2025", "2026-01-25", str(ids["notes"]))
    (filing,) = case["filings"]
    assert list(filing) == list(FILING_KEYS)
    assert (filing["status"], filing["deadline_event_id"], filing["cover_document_id"]) == (
        "submitted", str(ids["deadline"]), str(ids["notes"]))
    assert filing["items"] == [
        {"position": 1, "document_id": str(ids["complaint"]), "label": "Complaint"},
        {"position": 2, "document_id": str(ids["notes"]), "label": "Exhibit A"}]
    assert filing["history"][0]["staff_id"] == str(ids["ann"])
    (template,) = doc["letter_templates"]
    assert list(template) == list(TEMPLATE_KEYS)
    assert (template["name"], template["sha256"]) == ("Engagement letter", sha(TEMPLATE))
    old = next(c for c in doc["cases"] if c["number"] == "2025-CV-0009")
    assert (old["documents"], old["correspondence"], old["filings"]) == ([], [], [])
    # The files, named by digest only, hold exactly the stored bytes.
    folder = tmp_path / "practice.files"
    contents = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert contents == {sha(b): b for b in (PDF, PDF_SIGNED, TEXT, TEMPLATE,
                                             b"an early draft\n")}
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in folder.iterdir())
    assert json.loads(path.read_text(encoding="utf-8")) == doc


def test_round_trip_with_real_files_is_byte_identical(office: Practice, other: Practice,
                                                      tmp_path: Path) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    export(office, first)
    _changes, summary = import_file(other, first)
    assert summary.line() == (
        "imported: 1 staff, 3 contacts, 2 cases (2 new, 0 updated, 0 unchanged); 1 events "
        "(1 new, 0 updated, 0 unchanged); 3 documents (3 new, 0 updated, 0 unchanged); "
        "1 correspondence entry, 1 document request, 1 filing, 1 letter template; "
        "5 files stored")
    export(other, second)
    assert second.read_bytes() == first.read_bytes()
    first_files = {p.name: p.read_bytes() for p in (tmp_path / "first.files").iterdir()}
    second_files = {p.name: p.read_bytes() for p in (tmp_path / "second.files").iterdir()}
    assert second_files == first_files and len(first_files) == 5
    # The files are in the other practice's store, whole, and openable by their documents.
    assert stored(other) == set(first_files)
    assert all(other.blobs.verify(digest) is None for digest in first_files)
    ids = office.ids  # type: ignore[attr-defined]
    assert other.read(documents.version_sha, ids["complaint"], 1) == (sha(PDF), "complaint.pdf")
    row = other.read(documents.get_document, ids["complaint"])
    assert (row.current_version, row.sha256, row.file_name) == (2, sha(PDF_SIGNED),
                                                                "complaint-signed.pdf")
    assert other.blobs.read_bytes(row.sha256) == PDF_SIGNED
    with other.engine.connect() as conn:
        assert conn.execute(text("SELECT text_status, size FROM blobs WHERE sha256 = :s"),
                            {"s": sha(TEMPLATE)}).one() == ("pending", len(TEMPLATE))
        assert conn.execute(text("SELECT count(*) FROM activities WHERE action = "
                                 "'case_imported'")).scalar_one() == 2


def test_importing_the_same_files_again_changes_nothing(office: Practice,
                                                        tmp_path: Path) -> None:
    path = tmp_path / "practice.json"
    export(office, path)
    before, files = counts(office), stored(office)
    versions = office.read(lambda s: s.execute(text(
        "SELECT sum(version) FROM documents")).scalar_one())
    changes, summary = import_file(office, path)
    assert not changes.any()
    assert "3 documents (0 new, 0 updated, 2 unchanged)" in summary.line()
    assert "1 records left out because they were deleted in this practice" in summary.line()
    assert summary.files == 0
    assert counts(office) == before and stored(office) == files
    assert office.read(lambda s: s.execute(text(
        "SELECT sum(version) FROM documents")).scalar_one()) == versions


def test_a_new_version_in_the_file_is_added_and_becomes_current(office: Practice,
                                                                tmp_path: Path) -> None:
    ids = office.ids  # type: ignore[attr-defined]
    path = tmp_path / "practice.json"
    doc = export(office, path)
    notes = case_of(doc)["documents"][0]
    version_before = office.read(documents.get_document, ids["notes"]).version
    data = b"notes, revised\n"
    (tmp_path / "practice.files" / sha(data)).write_bytes(data)
    notes["versions"].append({**notes["versions"][0], "number": 2, "sha256": sha(data),
                              "file_name": "notes-revised.txt", "size": len(data),
                              "note": "Revised"})
    notes["title"] = "Client notes (revised)"
    path.write_text(dump_document(doc), encoding="utf-8")
    _changes, summary = import_file(office, path)
    assert summary.documents.updated == 1 and summary.files == 1
    row = office.read(documents.get_document, ids["notes"])
    assert (row.title, row.current_version, row.file_name, row.size) == (
        "Client notes (revised)", 2, "notes-revised.txt", len(data))
    assert row.version == version_before + 1
    assert [v.number for v in row.versions] == [2, 1]
    assert office.blobs.read_bytes(row.sha256) == data


def test_a_known_version_with_other_contents_is_refused(office: Practice,
                                                        tmp_path: Path) -> None:
    path = tmp_path / "practice.json"
    doc = export(office, path)
    data = b"not the signed complaint"
    (tmp_path / "practice.files" / sha(data)).write_bytes(data)
    version = case_of(doc)["documents"][1]["versions"][1]
    version.update(sha256=sha(data), size=len(data))
    path.write_text(dump_document(doc), encoding="utf-8")
    before, files = counts(office), stored(office)
    with pytest.raises(InvalidDocument, match=r"cases\[1\].documents\[1\].versions\[1\].sha256: "
                                              r"version 2 of this document is already"):
        import_file(office, path)
    assert counts(office) == before and stored(office) == files


HOSTILE = [
    ("../../x", "is not a SHA-256 digest"),
    ("/etc/passwd", "is not a SHA-256 digest"),
    ("A" * 64, "is not a SHA-256 digest"),  # upper case: never a second name for a file
    ("0" * 63, "is not a SHA-256 digest"),
]


@pytest.mark.parametrize(("digest", "reason"), HOSTILE)
def test_a_digest_that_is_not_one_is_refused_before_any_path_is_made(
        office: Practice, other: Practice, tmp_path: Path, digest: str, reason: str) -> None:
    path = tmp_path / "exports" / "practice.json"
    path.parent.mkdir()
    doc = export(office, path)
    case_of(doc)["documents"][0]["versions"][0]["sha256"] = digest
    path.write_text(dump_document(doc), encoding="utf-8")
    before = counts(other)
    with pytest.raises(InvalidDocument) as caught:
        import_file(other, path)
    assert caught.value.problems[0].path == "cases[1].documents[0].versions[0].sha256"
    assert reason in caught.value.problems[0].reason
    assert counts(other) == before and stored(other) == set()
    assert not (tmp_path / "x").exists()


def test_a_damaged_missing_or_wrong_sized_file_is_refused_naming_it(
        office: Practice, other: Practice, tmp_path: Path) -> None:
    path = tmp_path / "practice.json"
    export(office, path)
    folder = tmp_path / "practice.files"
    (folder / sha(PDF)).write_bytes(PDF.replace(b"draft", b"DRAFT"))  # same size, other bytes
    (folder / sha(TEXT)).unlink()
    (folder / sha(TEMPLATE)).write_bytes(TEMPLATE + b" and more")
    before = counts(other)
    with pytest.raises(InvalidDocument) as caught:
        import_file(other, path)
    message = caught.value.message
    assert message.startswith("3 problems in the file; nothing was imported:")
    assert (f"cases[1].documents[1].versions[0].sha256: the file practice.files/{sha(PDF)} "
            "(document 'complaint' (case 2026-CV-0001), version 1) is damaged: its contents "
            "hash to") in message
    assert (f"cases[1].documents[0].versions[0].sha256: the file practice.files/{sha(TEXT)} "
            "(document 'Client notes' (case 2026-CV-0001), version 1) is missing") in message
    assert f"practice.files/{sha(TEMPLATE)} (letter template 'Engagement letter')" in message
    assert counts(other) == before and stored(other) == set()
    # Put right, the same file imports.
    shutil.rmtree(folder)
    export(office, path)
    import_file(other, path)
    assert counts(other)["documents"] == 3


def test_a_file_changed_after_the_check_is_refused_and_nothing_stays(
        office: Practice, other: Practice, tmp_path: Path) -> None:
    path = tmp_path / "practice.json"
    export(office, path)
    parsed = load(path)
    verify_files(parsed, tmp_path / "practice.files")
    (tmp_path / "practice.files" / sha(PDF_SIGNED)).write_bytes(b"swapped meanwhile!!!!!!!!!")
    before = counts(other)
    with pytest.raises(InvalidDocument, match="changed while it was being imported"):
        interchange.import_with_files(other.write, other.read, other.blobs, practice=parsed,
                                      folder=tmp_path / "practice.files", files_checked=True)
    assert counts(other) == before and stored(other) == set()


def test_links_and_symlinks_and_a_missing_folder_are_refused(office: Practice, other: Practice,
                                                             tmp_path: Path) -> None:
    path = tmp_path / "practice.json"
    export(office, path)
    folder = tmp_path / "practice.files"
    secret = tmp_path / "secret"
    secret.write_bytes(TEXT)
    (folder / sha(TEXT)).unlink()
    os.symlink(secret, folder / sha(TEXT))
    with pytest.raises(InvalidDocument, match="is a link, not a file"):
        import_file(other, path)
    shutil.rmtree(folder)
    with pytest.raises(InvalidDocument, match=r"need their files folder beside it, and \S+"
                                              r"practice.files is missing \(5 files needed\)"):
        import_file(other, path)
    assert counts(other)["documents"] == 0 and stored(other) == set()


def test_a_failed_transaction_removes_the_files_it_stored(office: Practice, other: Practice,
                                                          tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    path = tmp_path / "practice.json"
    export(office, path)
    other.blobs.put_bytes(PDF)  # already kept here (from another file): must stay
    real = interchange_documents_write.DocumentMerger.flush
    seen: list[int] = []

    def failing(self: Any, session: Session, sizes: Any) -> None:
        real(self, session, sizes)
        seen.append(session.execute(text("SELECT count(*) FROM documents")).scalar_one())
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(interchange_documents_write.DocumentMerger, "flush", failing)
    before = counts(other)
    with pytest.raises(RuntimeError, match="disk on fire"):
        import_file(other, path)
    assert seen == [3]  # the rows were in, inside the transaction...
    assert counts(other) == before  # ...and are gone with it, as are the files it stored
    assert stored(other) == {sha(PDF)}


def test_without_the_folder_only_files_this_practice_has_are_accepted(
        office: Practice, other: Practice, tmp_path: Path) -> None:
    path = tmp_path / "practice.json"
    export(office, path)
    changes, _summary = office.write(interchange.import_practice, practice=load(path))
    assert not changes.any()  # everything is already here
    with pytest.raises(InvalidDocument) as caught:
        other.write(interchange.import_practice, practice=load(path))
    assert len(caught.value.problems) == 5
    assert "is not in this practice; import the practice file together with its files " \
           "folder" in caught.value.message
    assert counts(other)["documents"] == 0


def _edited(doc: dict[str, Any], edit: Any) -> dict[str, Any]:
    changed = copy.deepcopy(doc)
    edit(case_of(changed), changed)
    return changed


def _submitted(document_id: str, **extra: Any) -> dict[str, Any]:
    """A history line of a submission listing one document (as set_status writes it)."""
    return {"status": "submitted", "on": "2026-02-02", "at": "2026-02-02T10:00:00+00:00",
            "staff_id": None, "documents": [{"document_id": document_id, "version": 1,
                                             "sha256": sha(PDF)}], **extra}


def _foreign_history(c: dict[str, Any], d: dict[str, Any]) -> None:
    """A filing of the other case whose history (only) names this case's document."""
    filing = copy.deepcopy(c["filings"][0]) | {"id": str(uuid.uuid4()), "items": [],
                                               "cover_document_id": None,
                                               "deadline_event_id": None}
    filing["history"].append(_submitted(c["documents"][1]["id"]))
    d["cases"][0]["filings"].append(filing)


def _history(c: dict[str, Any], **changes: Any) -> None:
    c["filings"][0]["history"][0].update(changes)


@pytest.mark.parametrize(("edit", "path", "reason"), [
    (lambda c, d: c["documents"][0].update(category="memo"),
     "cases[1].documents[0].category", "'memo' is not one of pleading"),
    (lambda c, d: c["documents"][0].update(versions=[]),
     "cases[1].documents[0].versions", "at least one version"),
    (lambda c, d: c["documents"][0]["versions"][0].update(file_name="../../etc/passwd"),
     "cases[1].documents[0].versions[0].file_name", "is not a plain file name"),
    (lambda c, d: c["documents"][0]["versions"][0].update(size=-1),
     "cases[1].documents[0].versions[0].size", "is not between 0"),
    (lambda c, d: c["documents"][1]["versions"][1].update(number=1),
     "cases[1].documents[1].versions[1].number", "version 1 is also"),
    (lambda c, d: c["documents"][0].update(tags=[f"t{i}" for i in range(31)]),
     "cases[1].documents[0].tags", "at most 30 tags"),
    (lambda c, d: c["documents"].append(dict(c["documents"][0])),
     "cases[1].documents[3].id", "also used by cases[1].documents[0]"),
    (lambda c, d: c["correspondence"][0].update(direction="sideways"),
     "cases[1].correspondence[0].direction", "'sideways' is not one of in, out"),
    (lambda c, d: c["correspondence"][0].update(date=None),
     "cases[1].correspondence[0].date", "needs its date"),
    (lambda c, d: c["correspondence"][0].update(document_ids=[str(uuid.uuid4())]),
     "cases[1].correspondence[0].document_ids[0]", "no document"),
    (lambda c, d: c["correspondence"][0].update(contact_id=str(uuid.uuid4())),
     "cases[1].correspondence[0].contact_id", "no contact"),
    (lambda c, d: c["correspondence"][0].update(staff_id=str(uuid.uuid4())),
     "cases[1].correspondence[0].staff_id", "no staff member"),
    (lambda c, d: c["document_requests"][0].update(requested_on="2026-13-01"),
     "cases[1].document_requests[0].requested_on", "is not a date"),
    (lambda c, d: c["filings"][0].update(status="lost"),
     "cases[1].filings[0].status", "'lost' is not one of draft"),
    (lambda c, d: c["filings"][0]["items"][1].update(position=1),
     "cases[1].filings[0].items[1].position", "position 1 is also"),
    (lambda c, d: c["filings"][0].update(deadline_event_id=str(uuid.uuid4())),
     "cases[1].filings[0].deadline_event_id", "no event"),
    (lambda c, d: c["filings"][0].update(history="submitted"),
     "cases[1].filings[0].history", "must be a list of objects"),
    # A filing's history is read back as casedesk wrote it, and names only this case's
    # documents (as its items must).
    (_foreign_history, "cases[0].filings[0].history[1].documents[0].document_id",
     "belongs to another case"),
    (lambda c, d: c["filings"][0]["history"].append(_submitted(str(uuid.uuid4()))),
     "cases[1].filings[0].history[1].documents[0].document_id", "no document"),
    (lambda c, d: c["filings"][0]["history"].append(_submitted("D1")),
     "cases[1].filings[0].history[1].documents[0].document_id", "'D1' is not an id"),
    (lambda c, d: c["filings"][0]["history"].append(_submitted(c["documents"][1]["id"])
                                                     | {"documents": "all of them"}),
     "cases[1].filings[0].history[1].documents", "must be a list of objects"),
    (lambda c, d: c["filings"][0]["history"][0].update(
        documents=[{"document_id": c["documents"][1]["id"], "version": 0, "sha256": "x"}]),
     "cases[1].filings[0].history[0].documents[0].version", "0 is not between 1"),
    (lambda c, d: _history(c, status="lost"),
     "cases[1].filings[0].history[0].status", "'lost' is not one of draft"),
    (lambda c, d: c["filings"][0]["history"][0].pop("on"),
     "cases[1].filings[0].history[0].on", "is missing"),
    (lambda c, d: _history(c, on="yesterday"),
     "cases[1].filings[0].history[0].on", "'yesterday' is not a date"),
    (lambda c, d: _history(c, at="2026-02-01T15:30:00"),
     "cases[1].filings[0].history[0].at", "has no UTC offset"),
    (lambda c, d: _history(c, staff_id="ann"),
     "cases[1].filings[0].history[0].staff_id", "'ann' is not an id"),
    (lambda c, d: _history(c, staff_id=str(uuid.uuid4())),
     "cases[1].filings[0].history[0].staff_id", "no staff member"),
    (lambda c, d: _history(c, reson="typo"),
     "cases[1].filings[0].history[0].reson", "is not a key of a line of a filing's history"),
    (lambda c, d: c["filings"][0]["history"].append("submitted"),
     "cases[1].filings[0].history[1]", "must be an object"),
    (lambda c, d: d["letter_templates"].append({**d["letter_templates"][0],
                                                "id": str(uuid.uuid4())}),
     "letter_templates[1].name", "is also the name of letter_templates[0]"),
    (lambda c, d: d["letter_templates"][0].update(sha256=None),
     "letter_templates[0].sha256", "null is not a SHA-256 digest"),
    (lambda c, d: d["cases"][0]["filings"].append(copy.deepcopy(c["filings"][0])
                                                  | {"id": str(uuid.uuid4())}),
     "cases[0].filings[0].items[0].document_id", "belongs to another case"),
])
def test_an_invalid_record_names_the_problem_and_changes_nothing(
        office: Practice, other: Practice, tmp_path: Path, edit: Any, path: str,
        reason: str) -> None:
    target = tmp_path / "practice.json"
    doc = export(office, target)
    target.write_text(dump_document(_edited(doc, edit)), encoding="utf-8")
    before = counts(other)
    with pytest.raises(InvalidDocument) as caught:
        import_file(other, target)
    assert any(p.path == path and reason in p.reason for p in caught.value.problems), \
        caught.value.message
    assert counts(other) == before and stored(other) == set()


def test_a_deleted_document_a_filing_history_names_travels_with_it(
        office: Practice, other: Practice, tmp_path: Path) -> None:
    """Submitted, rejected, the document taken out and deleted: the history still names it,
    so the file carries it (as it carries a deleted document a letter still holds)."""
    ids = office.ids  # type: ignore[attr-defined]
    (tmp_path / "old exhibit.txt").write_bytes(b"the exhibit first filed\n")
    (old_exhibit,) = documents.add_files(office.write, office.read, office.blobs,
                                         case_id=ids["case"],
                                         paths=[tmp_path / "old exhibit.txt"])
    office.write(documents.delete_document, document_id=old_exhibit)
    line = _submitted(str(old_exhibit), staff_id=str(ids["ann"]), confirmation_number="ECF 1")
    line["documents"][0]["sha256"] = sha(b"the exhibit first filed\n")

    def add_line(session: Session) -> Changes:
        filing = session.get(Filing, ids["filing"])
        assert filing is not None
        filing.history = [*filing.history, line]
        return Changes()
    office.write(add_line)
    path = tmp_path / "practice.json"
    doc = export(office, path)
    case = case_of(doc)
    assert str(old_exhibit) in [d["id"] for d in case["documents"]]
    assert case["filings"][0]["history"][1] == line
    import_file(other, path)
    again = case_of(other.read(interchange.build_document))
    assert again["filings"][0]["history"] == case["filings"][0]["history"]
    assert str(old_exhibit) in [d["id"] for d in again["documents"]]


def test_ids_of_another_case_and_taken_template_names_are_refused(office: Practice,
                                                                  tmp_path: Path) -> None:
    path = tmp_path / "practice.json"
    doc = export(office, path)
    old, case = doc["cases"][0], case_of(doc)
    old["documents"], case["documents"] = case["documents"][:1], case["documents"][1:]
    old["filings"], case["filings"] = case["filings"], []
    doc["letter_templates"][0]["id"] = str(uuid.uuid4())
    path.write_text(dump_document(doc), encoding="utf-8")
    with pytest.raises(InvalidDocument) as caught:
        import_file(office, path)
    problems = {p.path: p.reason for p in caught.value.problems}
    assert problems["cases[0].documents[0].id"] == ("this document id belongs to another "
                                                    "case in this practice")
    assert problems["cases[0].filings[0].id"] == ("this filing id belongs to another case in "
                                                  "this practice")
    assert problems["letter_templates[0].name"] == ("'Engagement letter' is already the name "
                                                    "of another letter template in this "
                                                    "practice")


def test_merge_replaces_links_and_items_and_renames_templates(office: Practice,
                                                              tmp_path: Path) -> None:
    ids = office.ids  # type: ignore[attr-defined]
    path = tmp_path / "practice.json"
    doc = export(office, path)
    case = case_of(doc)
    case["correspondence"][0]["document_ids"] = [str(ids["notes"])]
    case["filings"][0]["items"] = [
        {"position": 1, "document_id": str(ids["notes"]), "label": "Exhibit A"},
        {"position": 2, "document_id": str(ids["complaint"]), "label": "Complaint"}]
    case["document_requests"][0]["received_on"] = None
    doc["letter_templates"][0]["name"] = "Engagement letter (2026)"
    path.write_text(dump_document(doc), encoding="utf-8")
    changes, summary = import_file(office, path)
    assert (changes.correspondence, changes.filings, changes.document_requests,
            changes.documents) == (True, True, True, True)
    assert (summary.correspondence.updated, summary.filings.updated,
            summary.requests.updated, summary.templates.updated) == (1, 1, 1, 1)
    again = case_of(office.read(interchange.build_document))
    assert again["correspondence"][0]["document_ids"] == [str(ids["notes"])]
    assert [i["label"] for i in again["filings"][0]["items"]] == ["Exhibit A", "Complaint"]
    assert again["document_requests"][0]["received_on"] is None
    with office.engine.connect() as conn:
        assert conn.execute(text("SELECT name, version FROM letter_templates")).one() == (
            "Engagement letter (2026)", 2)
        assert conn.execute(text("SELECT version FROM filings")).scalar_one() == 2
        assert conn.execute(text("SELECT count(*) FROM correspondence_documents")
                            ).scalar_one() == 1


def test_a_deleted_deadline_is_left_out_and_kept_on_import(office: Practice, other: Practice,
                                                           tmp_path: Path) -> None:
    ids = office.ids  # type: ignore[attr-defined]
    office.write(events.delete_event, event_id=ids["deadline"])
    path = tmp_path / "practice.json"
    doc = export(office, path)
    assert case_of(doc)["filings"][0]["deadline_event_id"] is None
    changes, _summary = import_file(office, path)
    assert not changes.any()
    with office.engine.connect() as conn:  # the link to the deleted deadline stays
        assert conn.execute(text("SELECT deadline_event_id IS NOT NULL FROM filings")
                            ).scalar_one() == 1
    import_file(other, path)
    second = tmp_path / "second.json"
    export(other, second)
    assert second.read_bytes() == path.read_bytes()


def test_export_replaces_an_earlier_folder_whole(office: Practice, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "practice.json"
    export(office, path)
    folder = tmp_path / "practice.files"
    (folder / ("f" * 64)).write_bytes(b"left from an older export")
    export(office, path)
    assert ("f" * 64) not in {p.name for p in folder.iterdir()}
    assert len(list(folder.iterdir())) == 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["incoming", "office",
                                                          "practice.files", "practice.json"]
    # A failure writing the JSON puts the previous folder back and leaves no temporary.
    before_json = path.read_bytes()
    (folder / ("e" * 64)).write_bytes(b"marker of the previous folder")
    import casedesk.export.interchange_files as files_module

    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files_module, "write_bytes_atomically", refuse)
    with pytest.raises(OSError, match="No space"):
        export(office, path)
    assert path.read_bytes() == before_json
    assert (folder / ("e" * 64)).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["incoming", "office",
                                                          "practice.files", "practice.json"]


def test_export_refuses_a_folder_in_the_way_and_a_damaged_store(office: Practice,
                                                                tmp_path: Path) -> None:
    path = tmp_path / "practice.json"
    folder = tmp_path / "practice.files"
    folder.mkdir()
    (folder / "my thesis.docx").write_bytes(b"not ours")
    with pytest.raises(EnvironmentFault, match="is in the way"):
        export(office, path)
    assert not path.exists() and (folder / "my thesis.docx").is_file()
    shutil.rmtree(folder)
    stored_path = office.blobs.path_for(sha(TEXT))
    stored_path.chmod(0o600)
    stored_path.write_bytes(b"bit rot")
    with pytest.raises(EnvironmentFault, match=r"stored file of document 'Client notes' "
                                               r"\(case 2026-CV-0001\), version 1 is damaged"):
        export(office, path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["incoming", "office"]
    stored_path.unlink()
    with pytest.raises(EnvironmentFault, match="is missing"):
        export(office, path)
    with pytest.raises(InvalidInput, match=r"cannot end in \.files"):
        files_folder(tmp_path / "practice.files")


def test_a_practice_without_files_writes_no_folder(practice: Practice, tmp_path: Path) -> None:
    seed(practice)
    path = tmp_path / "plain.json"
    assert write_export(path, practice.read(interchange.build_document), practice.blobs) == 0
    assert not (tmp_path / "plain.files").exists()
    verify_files(load(path), None)  # nothing to check: no folder needed


@pytest.mark.postgres
def test_round_trip_with_files_on_postgresql(office: Practice, pg_url: str,
                                             tmp_path: Path) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    export(office, first)
    with Practice(resolve(tmp_path / "pg", pg_url)) as server:
        import_file(server, first)
        changes, _summary = import_file(server, first)
        assert not changes.any()
        export(server, second)
    assert second.read_bytes() == first.read_bytes()


@pytest.mark.postgres
def test_check_on_postgresql_checks_the_files(office: Practice, pg_url: str, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from casedesk.cli import main

    for name in ("CASEDESK_DATA_DIR", "CASEDESK_DATABASE_URL", "CASEDESK_DOCUMENTS_DIR"):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "practice.json"
    export(office, path)
    server = ["--data-dir", str(tmp_path / "desk"), "--database-url", pg_url]
    assert main([*server, "import", str(path)]) == 0
    capsys.readouterr()
    assert main([*server, "check"]) == 0
    assert capsys.readouterr().out == (
        "checked 5 stored files (4 document versions, 1 letter template); database not "
        "checked (PostgreSQL checks its own pages): no problems\n")
    with Practice(resolve(tmp_path / "desk", pg_url)) as desk:
        desk.blobs.path_for(sha(TEXT)).unlink()
    assert main([*server, "check"]) == 1
    assert capsys.readouterr().out.startswith(
        f"missing: document 'Client notes' (case 2026-CV-0001), version 1: the stored file "
        f"{sha(TEXT)} is missing\n")

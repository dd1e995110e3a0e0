"""The document store: content-addressed files, documents and versions, all-or-nothing adds."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

import pytest
from sqlmodel import select

from casedesk.domain.enums import DocumentCategory
from casedesk.domain.errors import InvalidInput, NotFound
from casedesk.domain.models import Activity, Blob, Document, DocumentVersion
from casedesk.persistence.blob_store import BlobStore, valid_digest
from casedesk.persistence.practice import Practice
from casedesk.services import cases
from casedesk.services import documents as docs


@pytest.fixture
def case_id(practice: Practice):
    _changes, cid = practice.write(cases.create_case, number="2026-0101", title="Roe v. Doe")
    return cid


def _file(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


# -- BlobStore ------------------------------------------------------------------------------
def test_same_bytes_are_kept_once_under_their_hash_and_read_only(tmp_path: Path) -> None:
    store = BlobStore(tmp_path / "store")
    first = store.put_bytes(b"complaint text")
    second = store.put_file(_file(tmp_path, "copy.txt", b"complaint text"))
    digest = hashlib.sha256(b"complaint text").hexdigest()
    assert (first.sha256, first.created) == (digest, True)
    assert (second.sha256, second.created) == (digest, False)
    assert list(store.digests()) == [digest]
    path = store.path_for(digest)
    assert path.name == digest and path.read_bytes() == b"complaint text"
    assert not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    assert not list(path.parent.glob(".incoming-*"))


def test_verify_reports_missing_and_damaged_files(tmp_path: Path) -> None:
    store = BlobStore(tmp_path / "store")
    good = store.put_bytes(b"good").sha256
    bad = store.put_bytes(b"will be damaged").sha256
    path = store.path_for(bad)
    path.chmod(0o600)
    path.write_bytes(b"tampered")
    assert store.verify(good) is None
    assert store.verify(bad) is not None and "damaged" in store.verify(bad)  # type: ignore[operator]
    assert store.verify("0" * 64) == "missing"
    with pytest.raises(NotFound, match="not in the documents folder"):
        store.read_bytes("0" * 64)


@pytest.mark.parametrize("digest", ["../../etc/passwd", "A" * 64, "abc", "g" * 64, ""])
def test_only_a_real_digest_ever_becomes_a_path(tmp_path: Path, digest: str) -> None:
    store = BlobStore(tmp_path / "store")
    with pytest.raises(InvalidInput):
        store.path_for(digest)
    with pytest.raises(InvalidInput):
        valid_digest(digest)


# -- names from outside ------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "expected"), [
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\x\\Brief.docx", "Brief.docx"),
    ("/abs/path/Order.pdf", "Order.pdf"),
    ("..", "document"),
    ("", "document"),
    ("CON.txt", "_CON.txt"),
    ("a<b>c:d|e?.pdf", "a_b_c_d_e_.pdf"),
    ("line\nbreak.txt", "line_break.txt"),
    (".hidden", "hidden"),
])
def test_file_names_from_outside_are_made_safe(name: str, expected: str) -> None:
    assert docs.safe_file_name(name) == expected


def test_a_very_long_name_keeps_its_extension() -> None:
    name = docs.safe_file_name("x" * 500 + ".pdf")
    assert name.endswith(".pdf") and len(name) <= 200


# -- documents --------------------------------------------------------------------------------
def test_adding_files_records_documents_with_metadata(practice: Practice, case_id,
                                                      tmp_path: Path) -> None:
    paths = [_file(tmp_path / "in", "Motion_to_dismiss.docx", b"PK fake docx"),
             _file(tmp_path / "in", "notes.txt", b"call notes")]
    meta = docs.DocumentMeta(category="motion", tags=["Draft", "draft", " urgent "],
                             privileged=True, author="A. Lawyer", document_date="2026-11-02",
                             source="file")
    ids = docs.add_files(practice.write, practice.read, practice.blobs, case_id=case_id,
                         paths=paths, meta=meta)
    assert len(ids) == 2
    row = practice.read(docs.get_document, ids[0])
    assert row.title == "Motion to dismiss"
    assert row.category is DocumentCategory.MOTION
    assert row.tags == ("Draft", "urgent")
    assert row.privileged and not row.confidential
    assert row.document_date.isoformat() == "2026-11-02"  # type: ignore[union-attr]
    assert row.media_type.endswith("wordprocessingml.document")
    assert row.sha256 == hashlib.sha256(b"PK fake docx").hexdigest()
    assert [v.number for v in row.versions] == [1]
    assert practice.blobs.read_bytes(row.sha256) == b"PK fake docx"
    assert row.text_status == "pending"
    with practice.transaction() as s:
        assert [a.summary for a in s.exec(select(Activity).where(
            Activity.action == "documents_added"))] == ["2 documents added"]


def test_a_failed_add_leaves_no_rows_and_no_new_files(practice: Practice, case_id,
                                                      tmp_path: Path) -> None:
    kept = _file(tmp_path / "in", "kept.txt", b"already stored")
    docs.add_files(practice.write, practice.read, practice.blobs, case_id=case_id, paths=[kept])
    before = set(practice.blobs.digests())
    new = _file(tmp_path / "in", "new.txt", b"brand new bytes")
    with pytest.raises(InvalidInput, match="is not a file"):
        docs.add_files(practice.write, practice.read, practice.blobs, case_id=case_id,
                       paths=[new, tmp_path / "in" / "missing.pdf"])
    # A valid batch refused by the database (bad category) also leaves nothing behind.
    with pytest.raises(InvalidInput, match="not a document category"):
        docs.add_files(practice.write, practice.read, practice.blobs, case_id=case_id,
                       paths=[new, kept], meta=docs.DocumentMeta(category="pleadings"))
    assert set(practice.blobs.digests()) == before
    with practice.transaction() as s:
        assert len(s.exec(select(Document)).all()) == 1
        assert len(s.exec(select(Blob)).all()) == 1


def test_unknown_case_is_refused(practice: Practice, tmp_path: Path) -> None:
    import uuid

    with pytest.raises(NotFound):
        docs.add_files(practice.write, practice.read, practice.blobs, case_id=uuid.uuid4(),
                       paths=[_file(tmp_path, "a.txt", b"x")])
    assert list(practice.blobs.digests()) == []


def test_new_versions_keep_every_earlier_one(practice: Practice, case_id, tmp_path: Path) -> None:
    (doc_id,) = docs.add_files(practice.write, practice.read, practice.blobs, case_id=case_id,
                               paths=[_file(tmp_path, "brief.docx", b"v1")])
    v1 = practice.read(docs.get_document, doc_id)
    stored = practice.blobs.put_bytes(b"v2 with edits")
    practice.write(docs.add_version, document_id=doc_id, stored=stored,
                   file_name="../brief-final.docx", note="after partner review",
                   expected_version=v1.version)
    row = practice.read(docs.get_document, doc_id)
    assert row.current_version == 2 and row.file_name == "brief-final.docx"
    assert [(v.number, v.note) for v in row.versions] == [(2, "after partner review"), (1, "")]
    old_sha, old_name = practice.read(docs.version_sha, doc_id, 1)
    assert practice.blobs.read_bytes(old_sha) == b"v1" and old_name == "brief.docx"
    assert practice.blobs.read_bytes(practice.read(docs.version_sha, doc_id)[0]) == b"v2 with edits"
    with pytest.raises(NotFound):
        practice.read(docs.version_sha, doc_id, 7)
    with practice.transaction() as s:
        assert len(s.exec(select(DocumentVersion)).all()) == 2


def test_edit_and_delete(practice: Practice, case_id, tmp_path: Path) -> None:
    from casedesk.domain.errors import ConcurrentEdit

    (doc_id,) = docs.add_files(practice.write, practice.read, practice.blobs, case_id=case_id,
                               paths=[_file(tmp_path, "x.pdf", b"%PDF")])
    row = practice.read(docs.get_document, doc_id)
    practice.write(docs.edit_document, document_id=doc_id, expected_version=row.version,
                   meta=docs.DocumentMeta(title="Order granting leave", category="order",
                                          confidential=True, received_on="2026-11-20"))
    edited = practice.read(docs.get_document, doc_id)
    assert (edited.title, edited.category, edited.confidential) == (
        "Order granting leave", DocumentCategory.ORDER, True)
    with pytest.raises(ConcurrentEdit):
        practice.write(docs.edit_document, document_id=doc_id, expected_version=row.version,
                       meta=docs.DocumentMeta(title="Stale"))
    with pytest.raises(InvalidInput, match="not a date"):
        practice.write(docs.edit_document, document_id=doc_id,
                       meta=docs.DocumentMeta(title="x", sent_on="next week"))
    practice.write(docs.delete_document, document_id=doc_id)
    with pytest.raises(NotFound):
        practice.read(docs.get_document, doc_id)
    # Deleting the record never removes the stored file (history; other documents may share it).
    assert practice.blobs.read_bytes(row.sha256) == b"%PDF"

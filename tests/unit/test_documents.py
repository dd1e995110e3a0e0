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


# -- a damaged stored file is healed by putting the same bytes again ----------------------------
def _damage(store: BlobStore, digest: str, data: bytes = b"bit rot") -> Path:
    path = store.path_for(digest)
    path.chmod(0o600)
    path.write_bytes(data)
    path.chmod(0o444)
    return path


@pytest.mark.parametrize(("original", "damage"), [
    (b"complaint", b"bit rot"),  # another size: the size tells
    (b"complaint", b"COMPLAINT"),  # the same size: only the hash tells
    (b"complaint", b""),  # emptied
])
def test_putting_the_original_again_heals_a_damaged_file(tmp_path: Path, original: bytes,
                                                         damage: bytes) -> None:
    store = BlobStore(tmp_path / "store")
    digest = store.put_bytes(original).sha256
    path = _damage(store, digest, damage)
    assert store.verify(digest) is not None
    healed = store.put_bytes(original)
    assert (healed.sha256, healed.size, healed.created, healed.healed) == (
        digest, len(original), False, True)
    assert store.verify(digest) is None and path.read_bytes() == original
    assert not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    # put_file heals too; an intact file is left alone (neither created nor healed).
    _damage(store, digest, damage)
    again = store.put_file(_file(tmp_path / "in", "copy", original))
    assert (again.created, again.healed) == (False, True) and store.verify(digest) is None
    intact = store.put_file(_file(tmp_path / "in", "copy", original))
    assert (intact.created, intact.healed) == (False, False)
    assert not list(path.parent.glob(".incoming-*"))


def test_a_file_found_intact_is_hashed_again_once_it_changes_or_a_minute_passed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from casedesk.persistence import blob_store

    store = BlobStore(tmp_path / "store")
    digest = store.put_bytes(b"first contents").sha256
    hashed: list[Path] = []
    real_digest = blob_store.file_digest

    def counting(path: Path) -> tuple[str, int]:
        hashed.append(path)
        return real_digest(path)

    monkeypatch.setattr(blob_store, "file_digest", counting)
    for _ in range(5):  # a batch putting the same bytes: the kept file is trusted
        assert store.put_bytes(b"first contents").healed is False
    assert hashed == []
    # Rewritten in place with the same size (its modification time moves): hashed, healed.
    path = store.path_for(digest)
    times = path.stat()
    _damage(store, digest, b"first CONTENTS")
    os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns + 5_000_000_000))
    assert store.put_bytes(b"first contents").healed is True
    # Bit rot leaves the size and time alone: noticed once the minute is over.
    times = path.stat()
    _damage(store, digest, b"first c0ntents")
    os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns))
    clock = blob_store.time.monotonic() + blob_store.INTACT_FOR_SECONDS + 1
    monkeypatch.setattr(blob_store.time, "monotonic", lambda: clock)
    assert store.put_bytes(b"first contents").healed is True
    assert store.verify(digest) is None


def test_bulk_writers_may_skip_flushing_each_file(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd))[1])
    store = BlobStore(tmp_path / "store")
    quick = store.put_bytes(b"demo letter", sync=False)
    assert synced == [] and store.read_bytes(quick.sha256) == b"demo letter"
    store.put_bytes(b"a client's file")
    assert len(synced) == 1


def test_a_file_changing_while_copied_never_replaces_the_stored_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from casedesk.persistence import blob_store

    store = BlobStore(tmp_path / "store")
    digest = store.put_bytes(b"the original").sha256
    _damage(store, digest, b"damaged")
    source = _file(tmp_path / "in", "orig.txt", b"the original")
    real_digest = blob_store.file_digest

    def digest_then_change(path: Path) -> tuple[str, int]:
        result = real_digest(path)
        if path == source:
            source.write_bytes(b"edited while being copied")
        return result

    monkeypatch.setattr(blob_store, "file_digest", digest_then_change)
    with pytest.raises(InvalidInput, match="changed while it was being copied"):
        store.put_file(source)
    assert store.path_for(digest).read_bytes() == b"damaged"  # not replaced by other bytes
    assert not list(store.path_for(digest).parent.glob(".incoming-*"))


def test_re_adding_heals_and_a_failed_add_never_removes_a_healed_file(
        practice: Practice, case_id, tmp_path: Path) -> None:
    import uuid

    original = _file(tmp_path / "in", "Complaint.pdf", b"%PDF-1.7 complaint")
    (first,) = docs.add_files(practice.write, practice.read, practice.blobs, case_id=case_id,
                              paths=[original])
    digest = practice.read(docs.get_document, first).sha256
    _damage(practice.blobs, digest)
    # The add fails (unknown case) after the file was healed: the healed file must stay,
    # since the first document uses it.
    with pytest.raises(NotFound):
        docs.add_files(practice.write, practice.read, practice.blobs, case_id=uuid.uuid4(),
                       paths=[original])
    assert practice.blobs.verify(digest) is None
    _damage(practice.blobs, digest)
    stored = docs.store_files(practice.blobs, [original])
    assert stored[0].healed and not stored[0].created
    docs.discard_new(practice.blobs, stored)  # even without asking the database
    assert practice.blobs.read_bytes(digest) == b"%PDF-1.7 complaint"
    # Adding it again (a second record) heals it as well.
    _damage(practice.blobs, digest)
    seen: list[docs.Stored] = []
    docs.add_files(practice.write, practice.read, practice.blobs, case_id=case_id,
                   paths=[original], on_stored=seen.extend)
    assert [s.healed for s in seen] == [True]
    assert practice.blobs.verify(digest) is None


# -- odd metadata ----------------------------------------------------------------------------
def test_titles_are_one_line(practice: Practice, case_id, tmp_path: Path) -> None:
    (doc_id,) = docs.add_files(
        practice.write, practice.read, practice.blobs, case_id=case_id,
        paths=[_file(tmp_path, "a.txt", b"a")],
        meta=docs.DocumentMeta(title="  Motion\nto\r\n dismiss\t(draft)\x00\u2028v2  "))
    assert practice.read(docs.get_document, doc_id).title == "Motion to dismiss (draft) v2"
    practice.write(docs.edit_document, document_id=doc_id,
                   meta=docs.DocumentMeta(title="\n\t \n"))  # nothing left: the file's name
    assert practice.read(docs.get_document, doc_id).title == "a"


def test_documents_with_the_same_file_are_found_for_a_warning(practice: Practice, case_id,
                                                              tmp_path: Path) -> None:
    _c, other_case = practice.write(cases.create_case, number="2026-0102", title="Other")
    same = _file(tmp_path, "Lease.pdf", b"%PDF lease")
    (first,) = docs.add_files(practice.write, practice.read, practice.blobs, case_id=case_id,
                              paths=[same], meta=docs.DocumentMeta(title="Lease"))
    digest = practice.read(docs.get_document, first).sha256
    assert practice.read(docs.documents_with_file, case_id=case_id, sha256=digest,
                         exclude=[first]) == []
    (second,) = docs.add_files(practice.write, practice.read, practice.blobs, case_id=case_id,
                               paths=[same], meta=docs.DocumentMeta(title="Lease (copy)"))
    docs.add_files(practice.write, practice.read, practice.blobs, case_id=other_case,
                   paths=[same])  # another case's: not named
    # The second document moved on to a new version: the old one still counts.
    practice.write(docs.add_version, document_id=second,
                   stored=practice.blobs.put_bytes(b"%PDF lease, signed"), file_name="x.pdf")
    found = practice.read(docs.documents_with_file, case_id=case_id, sha256=digest)
    assert [(f.document_id, f.title, f.version, f.current) for f in found] == [
        (first, "Lease", 1, True), (second, "Lease (copy)", 1, False)]
    practice.write(docs.delete_document, document_id=first)  # deleted: not named
    assert [f.document_id for f in practice.read(docs.documents_with_file, case_id=case_id,
                                                 sha256=digest)] == [second]

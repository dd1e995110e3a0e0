"""A case's documents: metadata, versions, and the stored files behind them.

The bytes are put in the store first (`persistence.blob_store`, outside any transaction); these
services then record them. `add_files` does both for callers holding a Practice-like writer and
removes the files it stored if recording them fails, so a failed add leaves nothing behind.
"""

from __future__ import annotations

import mimetypes
import re
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from casedesk.domain.changes import Changes
from casedesk.domain.enums import DocumentCategory
from casedesk.domain.errors import InvalidInput, NotFound
from casedesk.domain.models import Blob, Case, Document, DocumentVersion, Staff
from casedesk.domain.types import utcnow
from casedesk.persistence.blob_store import BlobStore, Stored
from casedesk.services.common import (
    check_version,
    get_live,
    log_activity,
    optional_text,
    parse_date,
    required_text,
    soft_delete,
)

MAX_TAGS = 30
MAX_TAG_LEN = 60
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}


# -- names from outside ---------------------------------------------------------------------
def safe_file_name(name: str | None, *, fallback: str = "document") -> str:
    """A file name that is only ever shown or offered when exporting, never a stored path.

    Keeps the last component of either kind of path, drops control and reserved characters
    and leading dots, avoids Windows device names, and caps the length at 200 characters
    (keeping the extension).
    """
    text = unicodedata.normalize("NFC", name or "")
    text = PureWindowsPath(PurePosixPath(text).name).name
    text = _UNSAFE.sub("_", text).strip().lstrip(".").strip()
    stem, dot, ext = text.rpartition(".")
    if not dot:
        stem, ext = text, ""
    if stem.upper() in _RESERVED:
        stem = f"_{stem}"
    if len(ext) > 16:
        stem, ext = f"{stem}.{ext}", ""
    stem = stem[: 200 - len(ext) - 1].rstrip(" .") if stem else ""
    if not stem:
        stem = fallback
    return f"{stem}.{ext}" if ext else stem


def media_type_for(file_name: str) -> str:
    guessed, _enc = mimetypes.guess_type(file_name, strict=False)
    if guessed:
        return guessed
    ext = file_name.rpartition(".")[2].lower()
    return {"md": "text/markdown", "eml": "message/rfc822",
            "msg": "application/vnd.ms-outlook"}.get(ext, "application/octet-stream")


def clean_tags(tags: Iterable[str] | None) -> list[str]:
    """Tags trimmed, de-duplicated case-insensitively, order kept."""
    out: list[str] = []
    seen: set[str] = set()
    for raw in tags or ():
        tag = " ".join(str(raw).split())
        if not tag:
            continue
        if len(tag) > MAX_TAG_LEN:
            raise InvalidInput(f"The tag {tag[:20]!r}… is longer than {MAX_TAG_LEN} characters.",
                               field="tags")
        if tag.casefold() not in seen:
            seen.add(tag.casefold())
            out.append(tag)
    if len(out) > MAX_TAGS:
        raise InvalidInput(f"A document can have at most {MAX_TAGS} tags.", field="tags")
    return out


def parse_category(value: DocumentCategory | str | None) -> DocumentCategory:
    if value is None or value == "":
        return DocumentCategory.OTHER
    try:
        return DocumentCategory(str(value).strip().lower())
    except ValueError:
        names = ", ".join(c.value for c in DocumentCategory)
        raise InvalidInput(f"{value!r} is not a document category (use one of: {names}).",
                           field="category") from None


# -- what a document is given -----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """The editable description of a document (everything but its bytes)."""

    title: str = ""
    category: DocumentCategory | str = DocumentCategory.OTHER
    tags: Sequence[str] = ()
    privileged: bool = False
    confidential: bool = False
    author: str = ""
    document_date: date | str | None = None
    received_on: date | str | None = None
    sent_on: date | str | None = None
    source: str = ""


@dataclass(frozen=True, slots=True)
class NewFile:
    """Bytes already in the store, with the name they came with (display only)."""

    stored: Stored
    file_name: str
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    document_id: uuid.UUID | None = None


def _ensure_blob(session: Session, stored: Stored) -> None:
    if session.get(Blob, stored.sha256) is None:
        session.add(Blob(sha256=stored.sha256, size=stored.size))
        session.flush()


def one_line(text: str | None) -> str:
    """Text as one line: control characters and runs of whitespace (newlines, tabs) become
    single spaces, trimmed."""
    return " ".join(_CONTROLS.sub(" ", text or "").split())


def _apply_meta(doc: Document, meta: DocumentMeta, *, default_title: str) -> None:
    doc.title = required_text(one_line(meta.title) or default_title, "title", "The title",
                              max_len=300)
    doc.category = parse_category(meta.category)
    doc.tags = clean_tags(meta.tags)
    doc.privileged = bool(meta.privileged)
    doc.confidential = bool(meta.confidential)
    doc.author = optional_text(meta.author, max_len=200, field="author", label="The author")
    doc.document_date = parse_date(meta.document_date, "document_date")
    doc.received_on = parse_date(meta.received_on, "received_on")
    doc.sent_on = parse_date(meta.sent_on, "sent_on")
    doc.source = optional_text(meta.source, max_len=300, field="source", label="The source")


def _title_from(file_name: str) -> str:
    stem = file_name.rpartition(".")[0] or file_name
    return " ".join(stem.replace("_", " ").split()) or file_name


# -- services ---------------------------------------------------------------------------------
def add_documents(session: Session, *, case_id: uuid.UUID, files: Sequence[NewFile],
                  actor_staff_id: uuid.UUID | None = None,
                  added_at: datetime | None = None) -> tuple[Changes, list[uuid.UUID]]:
    """Record stored files as new documents of a case (all of them, or none)."""
    case = get_live(session, Case, case_id, "case")
    if actor_staff_id is not None:
        get_live(session, Staff, actor_staff_id, "staff member")
    if not files:
        raise InvalidInput("No files were given.", field="files")
    when = added_at or utcnow()
    ids: list[uuid.UUID] = []
    for new in files:
        name = safe_file_name(new.file_name)
        _ensure_blob(session, new.stored)
        doc = Document(id=new.document_id or uuid.uuid4(), case_id=case.id, title="",
                       created_at=when, updated_at=when)
        _apply_meta(doc, new.meta, default_title=_title_from(name))
        doc.current_version = 1
        doc.file_name = name
        doc.media_type = media_type_for(name)
        doc.size = new.stored.size
        doc.sha256 = new.stored.sha256
        session.add(doc)
        session.add(DocumentVersion(document_id=doc.id, number=1, sha256=new.stored.sha256,
                                    file_name=name, media_type=doc.media_type,
                                    size=new.stored.size, added_at=when,
                                    added_by_staff_id=actor_staff_id))
        ids.append(doc.id)
    if len(files) == 1:
        summary = f"Document added: {session.get(Document, ids[0]).title}"  # type: ignore[union-attr]
    else:
        summary = f"{len(files)} documents added"
    log_activity(session, case_id=case.id, action="documents_added", summary=summary,
                 staff_id=actor_staff_id)
    return Changes(documents=True, cases=True, search=True), ids


def add_version(session: Session, *, document_id: uuid.UUID, stored: Stored, file_name: str,
                note: str = "", expected_version: int | None = None,
                actor_staff_id: uuid.UUID | None = None) -> Changes:
    """A new version of a document; every earlier one is kept and stays openable."""
    doc = get_live(session, Document, document_id, "document")
    check_version(doc, expected_version, "document")
    name = safe_file_name(file_name)
    _ensure_blob(session, stored)
    number = (session.exec(select(func.max(DocumentVersion.number))
                           .where(DocumentVersion.document_id == doc.id)).one() or 0) + 1
    media = media_type_for(name)
    session.add(DocumentVersion(document_id=doc.id, number=number, sha256=stored.sha256,
                                file_name=name, media_type=media, size=stored.size,
                                added_by_staff_id=actor_staff_id,
                                note=optional_text(note, max_len=500, field="note",
                                                   label="The note")))
    doc.current_version = number
    doc.file_name = name
    doc.media_type = media
    doc.size = stored.size
    doc.sha256 = stored.sha256
    log_activity(session, case_id=doc.case_id, action="document_version_added",
                 summary=f"New version {number} of {doc.title}", staff_id=actor_staff_id)
    return Changes(documents=True, cases=True, search=True)


def edit_document(session: Session, *, document_id: uuid.UUID, meta: DocumentMeta,
                  expected_version: int | None = None,
                  actor_staff_id: uuid.UUID | None = None) -> Changes:
    doc = get_live(session, Document, document_id, "document")
    check_version(doc, expected_version, "document")
    before = doc.title
    _apply_meta(doc, meta, default_title=_title_from(doc.file_name))
    if doc.title != before:
        log_activity(session, case_id=doc.case_id, action="document_renamed",
                     summary=f"Document renamed: {before} → {doc.title}",
                     staff_id=actor_staff_id)
    return Changes(documents=True, search=True)


def delete_document(session: Session, *, document_id: uuid.UUID,
                    actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Soft-delete: the record and its files stay (history, undo by an administrator)."""
    doc = get_live(session, Document, document_id, "document")
    soft_delete(doc)
    log_activity(session, case_id=doc.case_id, action="document_deleted",
                 summary=f"Document deleted: {doc.title}", staff_id=actor_staff_id)
    return Changes(documents=True, cases=True, search=True)


# -- reading ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class VersionRow:
    id: uuid.UUID
    number: int
    sha256: str
    file_name: str
    media_type: str
    size: int
    added_at: datetime
    added_by: str
    note: str


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: uuid.UUID
    case_id: uuid.UUID
    case_number: str
    title: str
    category: DocumentCategory
    tags: tuple[str, ...]
    privileged: bool
    confidential: bool
    author: str
    document_date: date | None
    received_on: date | None
    sent_on: date | None
    source: str
    current_version: int
    file_name: str
    media_type: str
    size: int
    sha256: str
    created_at: datetime
    updated_at: datetime
    version: int
    text_status: str = ""
    versions: tuple[VersionRow, ...] = ()


def get_document(session: Session, document_id: uuid.UUID) -> DocumentRow:
    doc = get_live(session, Document, document_id, "document")
    case = session.get(Case, doc.case_id)
    blob = session.get(Blob, doc.sha256)
    staff = {s.id: s.name for s in session.exec(select(Staff))}
    versions = session.exec(select(DocumentVersion).where(DocumentVersion.document_id == doc.id)
                            .order_by(DocumentVersion.number.desc())).all()  # type: ignore[attr-defined]
    return DocumentRow(
        id=doc.id, case_id=doc.case_id, case_number=case.number if case else "",
        title=doc.title, category=doc.category, tags=tuple(doc.tags),
        privileged=doc.privileged, confidential=doc.confidential, author=doc.author,
        document_date=doc.document_date, received_on=doc.received_on, sent_on=doc.sent_on,
        source=doc.source, current_version=doc.current_version, file_name=doc.file_name,
        media_type=doc.media_type, size=doc.size, sha256=doc.sha256,
        created_at=doc.created_at, updated_at=doc.updated_at, version=doc.version,
        text_status=str(blob.text_status.value) if blob else "",
        versions=tuple(VersionRow(
            id=v.id, number=v.number, sha256=v.sha256, file_name=v.file_name,
            media_type=v.media_type, size=v.size, added_at=v.added_at,
            added_by=staff.get(v.added_by_staff_id, "") if v.added_by_staff_id else "",
            note=v.note) for v in versions))


@dataclass(frozen=True, slots=True)
class SameFile:
    """A document of a case that has (or had, as an earlier version) exactly some bytes."""

    document_id: uuid.UUID
    title: str
    version: int  # the version with those bytes
    current: bool  # True when that is the document's current version


def documents_with_file(session: Session, *, case_id: uuid.UUID, sha256: str,
                        exclude: Iterable[uuid.UUID] = ()) -> list[SameFile]:
    """The case's documents (not deleted) holding these bytes, to warn before or after adding
    the same file twice (allowed: a firm may want two records)."""
    left_out = set(exclude)
    rows = session.exec(
        select(Document.id, Document.title, Document.current_version, DocumentVersion.number)
        .join(DocumentVersion, col(DocumentVersion.document_id) == col(Document.id))
        .where(col(Document.case_id) == case_id, col(DocumentVersion.sha256) == sha256,
               col(Document.deleted_at).is_(None))
        .order_by(col(Document.created_at), col(Document.id),
                  col(DocumentVersion.number).desc())).all()
    found: dict[uuid.UUID, SameFile] = {}
    for doc_id, title, current, number in rows:
        if doc_id not in left_out and doc_id not in found:  # its latest version with them
            found[doc_id] = SameFile(doc_id, title, number, number == current)
    return list(found.values())


def version_sha(session: Session, document_id: uuid.UUID, number: int | None = None
                ) -> tuple[str, str]:
    """(sha256, file name) of a document's version (the current one when number is None)."""
    doc = get_live(session, Document, document_id, "document")
    if number is None:
        return doc.sha256, doc.file_name
    row = session.exec(select(DocumentVersion).where(
        DocumentVersion.document_id == doc.id, DocumentVersion.number == number)).first()
    if row is None:
        raise NotFound("version", f"{number} of {doc.title}")
    return row.sha256, row.file_name


# -- files in, all or nothing --------------------------------------------------------------
Writer = Callable[..., Any]  # Practice.write: (service, **kwargs) -> result


def store_files(store: BlobStore, paths: Sequence[Path]) -> list[Stored]:
    """Copy files into the store; on any failure remove what this call newly stored."""
    stored: list[Stored] = []
    try:
        for path in paths:
            if not path.is_file():
                raise InvalidInput(f"{path} is not a file.", field="file")
            stored.append(store.put_file(path))
    except BaseException:
        discard_new(store, stored)
        raise
    return stored


def discard_new(store: BlobStore, stored: Iterable[Stored],
                still_used: Callable[[str], bool] | None = None) -> None:
    """Remove files this operation added to the store (after the operation failed)."""
    for item in stored:
        # A healed file (created is False) was there before this operation: records may use it.
        if item.created and not item.healed and not (still_used and still_used(item.sha256)):
            store.remove(item.sha256)


def blob_recorded(session: Session, sha256: str) -> bool:
    return session.get(Blob, sha256) is not None


def add_files(write: Writer, read: Callable[..., Any], store: BlobStore, *,
              case_id: uuid.UUID, paths: Sequence[Path], meta: DocumentMeta | None = None,
              actor_staff_id: uuid.UUID | None = None,
              on_stored: Callable[[list[Stored]], Any] | None = None) -> list[uuid.UUID]:
    """Store files and record them as documents of a case; nothing is left if it fails.

    `on_stored` is shown what storing did (in the order of `paths`), e.g. which damaged
    stored files were healed, before the documents are recorded."""
    stored = store_files(store, paths)
    files = [NewFile(stored=s, file_name=p.name, meta=meta or DocumentMeta(source="file"))
             for s, p in zip(stored, paths, strict=True)]
    try:
        if on_stored is not None:
            on_stored(list(stored))
        _changes, ids = write(add_documents, case_id=case_id, files=files,
                              actor_staff_id=actor_staff_id)
    except BaseException:
        discard_new(store, stored, lambda sha: bool(read(blob_recorded, sha)))
        raise
    return list(ids)

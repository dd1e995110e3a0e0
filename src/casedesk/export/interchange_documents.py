"""Documents, correspondence, document requests, filings and letter templates in a practice
document: check them and type them.

A document's bytes are not in the JSON: each version names its file by SHA-256, and the files
travel in a folder beside the JSON (export/interchange_files.py). A digest is checked to be 64
lowercase hex digits here, so no text of the file is ever used as a path. What needs the
database (ids of other cases, documents and events referred to, template names) is checked by
services/interchange_documents.py.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from casedesk.domain.enums import CorrespondenceKind, Direction, DocumentCategory, FilingStatus
from casedesk.export.interchange_fields import Fields

DOCUMENT_KEYS = ("id", "title", "category", "tags", "privileged", "confidential", "author",
                 "document_date", "received_on", "sent_on", "source", "versions")
VERSION_KEYS = ("number", "sha256", "file_name", "media_type", "size", "added_at", "note")
VERSION_EXTENSIONS = ("added_by_staff_id",)
CORRESPONDENCE_KEYS = ("id", "kind", "direction", "date", "at", "subject", "from", "to",
                       "contact_id", "staff_id", "summary", "message_id", "document_ids")
REQUEST_KEYS = ("id", "item", "requested_on", "due_on", "received_on", "withdrawn_on",
                "document_id", "contact_id", "notes")
FILING_KEYS = ("id", "title", "court", "status", "submitted_on", "accepted_on", "rejected_on",
               "conformed_on", "confirmation_number", "rejection_reason", "deadline_event_id",
               "cover_document_id", "notes", "history", "items")
FILING_ITEM_KEYS = ("position", "document_id", "label")
TEMPLATE_KEYS = ("id", "name", "description", "sha256", "file_name")

MAX_FILE_SIZE = 2**53  # what a JSON number holds exactly everywhere
_PLACEHOLDER_DAY = date(1970, 1, 1)
_HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class VersionIn:
    path: str
    number: int
    sha256: str
    file_name: str
    media_type: str
    size: int
    added_at: datetime
    note: str
    added_by_staff_id: uuid.UUID | None = None
    given_added_by: bool = False  # the file has added_by_staff_id (else an existing one stays)


@dataclass(frozen=True, slots=True)
class DocumentIn:
    path: str
    id: uuid.UUID
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
    versions: tuple[VersionIn, ...]


@dataclass(frozen=True, slots=True)
class CorrespondenceIn:
    path: str
    id: uuid.UUID
    kind: CorrespondenceKind
    direction: Direction
    on_date: date
    at: datetime | None
    subject: str
    from_text: str
    to_text: str
    contact_id: uuid.UUID | None
    staff_id: uuid.UUID | None
    summary: str
    message_id: str
    document_ids: tuple[uuid.UUID, ...]


@dataclass(frozen=True, slots=True)
class RequestIn:
    path: str
    id: uuid.UUID
    item: str
    requested_on: date
    due_on: date | None
    received_on: date | None
    withdrawn_on: date | None
    document_id: uuid.UUID | None
    contact_id: uuid.UUID | None
    notes: str


@dataclass(frozen=True, slots=True)
class FilingItemIn:
    path: str
    position: int
    document_id: uuid.UUID
    label: str


@dataclass(frozen=True, slots=True)
class FilingIn:
    path: str
    id: uuid.UUID
    title: str
    court: str
    status: FilingStatus
    submitted_on: date | None
    accepted_on: date | None
    rejected_on: date | None
    conformed_on: date | None
    confirmation_number: str
    rejection_reason: str
    deadline_event_id: uuid.UUID | None
    cover_document_id: uuid.UUID | None
    notes: str
    history: tuple[dict[str, Any], ...]
    items: tuple[FilingItemIn, ...]


@dataclass(frozen=True, slots=True)
class TemplateIn:
    path: str
    id: uuid.UUID
    name: str
    description: str
    sha256: str
    file_name: str


def digest(f: Fields, data: dict[str, Any], path: str, key: str) -> str:
    """A SHA-256 digest: 64 lowercase hex digits (the name of a file in the files folder)."""
    value = data.get(key)
    if type(value) is str and _HEX64.fullmatch(value):
        return value
    if key in data:
        shown = repr(value[:80]) if isinstance(value, str) else f.describe(value)
        f.problem(f"{path}.{key}", f"{shown} is not a SHA-256 digest (64 lowercase hex "
                                   "digits naming a file in the files folder)")
    return ""


def _required_day(f: Fields, data: dict[str, Any], path: str, key: str, what: str) -> date:
    day = f.day(data, path, key)
    if day is None and key in data and not f.failed(path, key):
        f.problem(f"{path}.{key}", f"{what} needs its date (YYYY-MM-DD), not null")
    return day or _PLACEHOLDER_DAY


def _items(f: Fields, data: dict[str, Any], path: str, key: str) -> list[tuple[str, Any]]:
    value = data.get(key)
    where = f"{path}.{key}"
    if key not in data:
        return []
    if not isinstance(value, list):
        f.problem(where, f"must be a list, not {f.describe(value)}")
        return []
    return [(f"{where}[{i}]", item) for i, item in enumerate(value)]


def _flag(f: Fields, data: dict[str, Any], path: str, key: str) -> bool:
    return bool(f.flag(data, path, key))


def parse_version(f: Fields, path: str, value: Any) -> VersionIn | None:
    data = f.obj(value, path, VERSION_KEYS, VERSION_EXTENSIONS, "a document version")
    if data is None:
        return None
    number = f.whole(data, path, "number", low=1, high=1_000_000)
    size = f.whole(data, path, "size", low=0, high=MAX_FILE_SIZE)
    return VersionIn(path=path, number=number or 0, sha256=digest(f, data, path, "sha256"),
                     file_name=f.text(data, path, "file_name", required=True, max_len=255),
                     media_type=f.text(data, path, "media_type", max_len=200),
                     size=size or 0, added_at=f.moment(data, path, "added_at"),
                     note=f.text(data, path, "note", max_len=500),
                     added_by_staff_id=f.opt_ident(data, path, "added_by_staff_id"),
                     given_added_by="added_by_staff_id" in data)


def parse_document(f: Fields, path: str, value: Any) -> DocumentIn | None:
    data = f.obj(value, path, DOCUMENT_KEYS, (), "a document")
    if data is None:
        return None
    versions = [parse_version(f, p, v) for p, v in _items(f, data, path, "versions")]
    if isinstance(data.get("versions"), list) and not data["versions"]:
        f.problem(f"{path}.versions", "a document needs at least one version (its file)")
    seen: dict[int, str] = {}
    for version in versions:
        if version is None or not version.number:
            continue
        if version.number in seen:
            f.problem(f"{version.path}.number", f"version {version.number} is also "
                                                f"{seen[version.number]}")
        seen.setdefault(version.number, version.path)
    return DocumentIn(
        path=path, id=f.ident(data, path, "id"),
        title=f.text(data, path, "title", required=True, max_len=300),
        category=f.enum(data, path, "category", DocumentCategory),
        tags=f.text_list(data, path, "tags"),
        privileged=_flag(f, data, path, "privileged"),
        confidential=_flag(f, data, path, "confidential"),
        author=f.text(data, path, "author", max_len=200),
        document_date=f.day(data, path, "document_date"),
        received_on=f.day(data, path, "received_on"), sent_on=f.day(data, path, "sent_on"),
        source=f.text(data, path, "source", max_len=300),
        versions=tuple(sorted((v for v in versions if v is not None), key=lambda v: v.number)))


def parse_correspondence(f: Fields, path: str, value: Any) -> CorrespondenceIn | None:
    data = f.obj(value, path, CORRESPONDENCE_KEYS, (), "a correspondence entry")
    if data is None:
        return None
    return CorrespondenceIn(
        path=path, id=f.ident(data, path, "id"),
        kind=f.enum(data, path, "kind", CorrespondenceKind),
        direction=f.enum(data, path, "direction", Direction),
        on_date=_required_day(f, data, path, "date", "a correspondence entry"),
        at=f.opt_moment(data, path, "at"),
        subject=f.text(data, path, "subject", max_len=1000),
        from_text=f.text(data, path, "from", max_len=2000),
        to_text=f.text(data, path, "to", max_len=2000),
        contact_id=f.opt_ident(data, path, "contact_id"),
        staff_id=f.opt_ident(data, path, "staff_id"),
        summary=f.text(data, path, "summary", max_len=100_000),
        message_id=f.text(data, path, "message_id", max_len=1000),
        document_ids=f.ident_list(data, path, "document_ids"))


def parse_request(f: Fields, path: str, value: Any) -> RequestIn | None:
    data = f.obj(value, path, REQUEST_KEYS, (), "a document request")
    if data is None:
        return None
    return RequestIn(
        path=path, id=f.ident(data, path, "id"),
        item=f.text(data, path, "item", required=True, max_len=500),
        requested_on=_required_day(f, data, path, "requested_on", "a document request"),
        due_on=f.day(data, path, "due_on"), received_on=f.day(data, path, "received_on"),
        withdrawn_on=f.day(data, path, "withdrawn_on"),
        document_id=f.opt_ident(data, path, "document_id"),
        contact_id=f.opt_ident(data, path, "contact_id"), notes=f.text(data, path, "notes"))


def _filing_item(f: Fields, path: str, value: Any) -> FilingItemIn | None:
    data = f.obj(value, path, FILING_ITEM_KEYS, (), "an item of a filing")
    if data is None:
        return None
    position = f.whole(data, path, "position", low=1, high=100_000)
    return FilingItemIn(path=path, position=position or 0,
                        document_id=f.ident(data, path, "document_id"),
                        label=f.text(data, path, "label", max_len=300))


def parse_filing(f: Fields, path: str, value: Any) -> FilingIn | None:
    data = f.obj(value, path, FILING_KEYS, (), "a filing")
    if data is None:
        return None
    items = [_filing_item(f, p, v) for p, v in _items(f, data, path, "items")]
    seen: dict[int, str] = {}
    for item in items:
        if item is None or not item.position:
            continue
        if item.position in seen:
            f.problem(f"{item.path}.position", f"position {item.position} is also "
                                               f"{seen[item.position]}")
        seen.setdefault(item.position, item.path)
    return FilingIn(
        path=path, id=f.ident(data, path, "id"),
        title=f.text(data, path, "title", required=True, max_len=300),
        court=f.text(data, path, "court", max_len=300),
        status=f.enum(data, path, "status", FilingStatus),
        submitted_on=f.day(data, path, "submitted_on"),
        accepted_on=f.day(data, path, "accepted_on"),
        rejected_on=f.day(data, path, "rejected_on"),
        conformed_on=f.day(data, path, "conformed_on"),
        confirmation_number=f.text(data, path, "confirmation_number", max_len=200),
        rejection_reason=f.text(data, path, "rejection_reason", max_len=5000),
        deadline_event_id=f.opt_ident(data, path, "deadline_event_id"),
        cover_document_id=f.opt_ident(data, path, "cover_document_id"),
        notes=f.text(data, path, "notes"), history=f.object_list(data, path, "history"),
        items=tuple(sorted((i for i in items if i is not None), key=lambda i: i.position)))


def parse_template(f: Fields, path: str, value: Any) -> TemplateIn | None:
    data = f.obj(value, path, TEMPLATE_KEYS, (), "a letter template")
    if data is None:
        return None
    return TemplateIn(path=path, id=f.ident(data, path, "id"),
                      name=f.text(data, path, "name", required=True, max_len=200),
                      description=f.text(data, path, "description", max_len=2000),
                      sha256=digest(f, data, path, "sha256"),
                      file_name=f.text(data, path, "file_name", max_len=255))


def check_file_sizes(f: Fields, documents: list[DocumentIn]) -> None:
    """Versions naming the same file must agree on its size."""
    seen: dict[str, tuple[int, str]] = {}
    for doc in documents:
        for version in doc.versions:
            size, where = seen.setdefault(version.sha256, (version.size, version.path))
            if size != version.size:
                f.problem(f"{version.path}.size", f"is {version.size:,}, but {where} names "
                                                  f"the same file with {size:,} bytes")

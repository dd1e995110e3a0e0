"""Exporting documents, correspondence, document requests, filings and letter templates: read
in bulk, ordered so the file never wobbles.

Documents are ordered by title, then id, with their versions by number; correspondence by date,
time (untimed first) and id, with its documents in their order; requests by the date asked,
item and id; filings by title and id, with their items by position; templates by name and id.
The live records of the exported cases are written, plus any deleted document a live record
still points at (a letter's attachment, a filing's item, a document a filing's history lists
with a submission), so the file stands on its own, as deleted staff and contacts are. A
filing's deadline that is not in the file (deleted since) is written as null: an event is
never brought back to life by a file.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Enum, String, Uuid, select, type_coerce
from sqlmodel import Session

from casedesk.services.bulk_sql import Row, day_text, table, uuid_text

_DOCUMENT = ("id", "case_id", "title", "category", "tags", "privileged", "confidential",
             "author", "document_date", "received_on", "sent_on", "source", "deleted")
_VERSION = ("document_id", "number", "sha256", "file_name", "media_type", "size", "added_at",
            "added_by_staff_id", "note")
_CORRESPONDENCE = ("id", "case_id", "kind", "direction", "on_date", "at", "subject",
                   "from_text", "to_text", "contact_id", "staff_id", "summary", "message_id",
                   "deleted")
_LINK = ("correspondence_id", "document_id", "position")
_REQUEST = ("id", "case_id", "item", "requested_on", "due_on", "received_on", "withdrawn_on",
            "document_id", "contact_id", "notes", "deleted")
_FILING = ("id", "case_id", "title", "court", "status", "submitted_on", "accepted_on",
           "rejected_on", "conformed_on", "confirmation_number", "rejection_reason",
           "deadline_event_id", "cover_document_id", "notes", "history", "deleted")
_ITEM = ("filing_id", "position", "document_id", "label")
_TEMPLATE = ("id", "name", "description", "sha256", "file_name", "deleted")
_EARLIEST = datetime.min.replace(tzinfo=UTC)


def _moment(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat()


def all_rows(session: Session, name: str, columns: Sequence[str], *,
             live_only: bool = False) -> list[Row]:
    """Every row of a table (deleted ones too, with `deleted` true/false), ids as UUID text,
    enums as their values, dates as YYYY-MM-DD text."""
    tbl = table(name)
    selected: list[Any] = []
    fixes: list[tuple[str, Callable[[Any], Any]]] = []
    for column_name in columns:
        if column_name == "deleted":
            selected.append(tbl.c.deleted_at.is_not(None).label("deleted"))
            continue
        column = tbl.c[column_name]
        if isinstance(column.type, Uuid):
            selected.append(type_coerce(column, String))
            fixes.append((column_name, lambda v: None if v is None else uuid_text(v)))
        elif isinstance(column.type, Enum):
            selected.append(type_coerce(column, String))
        elif isinstance(column.type, Date) and not isinstance(column.type, DateTime):
            selected.append(type_coerce(column, String))
            fixes.append((column_name, day_text))
        else:
            selected.append(column)
    query = select(*selected)
    if live_only:
        query = query.where(tbl.c.deleted_at.is_(None))
    rows = [dict(zip(columns, row, strict=True)) for row in session.execute(query)]
    for column_name, fix in fixes:
        for row in rows:
            row[column_name] = fix(row[column_name])
    return rows


@dataclass
class DocumentsOut:
    """The documents and what refers to them, as document values, by case id (text)."""

    documents: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    correspondence: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    requests: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    filings: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    templates: list[dict[str, Any]] = field(default_factory=list)
    staff_refs: set[str | None] = field(default_factory=set)
    contact_refs: set[str | None] = field(default_factory=set)


def _by(rows: Iterable[Row], key: str) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return grouped


def _version(row: Row) -> dict[str, Any]:
    return {"number": row["number"], "sha256": row["sha256"], "file_name": row["file_name"],
            "media_type": row["media_type"], "size": row["size"],
            "added_at": _moment(row["added_at"]), "note": row["note"],
            "added_by_staff_id": row["added_by_staff_id"]}


def _document(row: Row, versions: list[Row]) -> dict[str, Any]:
    return {"id": row["id"], "title": row["title"], "category": row["category"],
            "tags": list(row["tags"] or []), "privileged": bool(row["privileged"]),
            "confidential": bool(row["confidential"]), "author": row["author"],
            "document_date": row["document_date"], "received_on": row["received_on"],
            "sent_on": row["sent_on"], "source": row["source"],
            "versions": [_version(v) for v in sorted(versions, key=lambda v: v["number"])]}


def _correspondence(row: Row, document_ids: list[str]) -> dict[str, Any]:
    return {"id": row["id"], "kind": row["kind"], "direction": row["direction"],
            "date": row["on_date"], "at": _moment(row["at"]), "subject": row["subject"],
            "from": row["from_text"], "to": row["to_text"], "contact_id": row["contact_id"],
            "staff_id": row["staff_id"], "summary": row["summary"],
            "message_id": row["message_id"], "document_ids": document_ids}


def _request(row: Row) -> dict[str, Any]:
    return {key: row[key] for key in _REQUEST if key not in ("case_id", "deleted")}


def _filing(row: Row, items: list[dict[str, Any]], deadline_event_id: str | None
            ) -> dict[str, Any]:
    document = {key: row[key] for key in _FILING if key not in ("case_id", "deleted", "items")}
    document["deadline_event_id"] = deadline_event_id
    document["history"] = list(row["history"] or [])
    document["items"] = items
    return document


def _is_id(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def _history_refs(history: Any) -> tuple[set[str], set[str]]:
    """The documents and the staff a filing's history names (ids as text)."""
    docs: set[str] = set()
    staff: set[str] = set()
    for entry in history or []:
        if not isinstance(entry, dict):
            continue
        staff_id = entry.get("staff_id")
        if isinstance(staff_id, str) and _is_id(staff_id):
            staff.add(staff_id)
        listed = entry.get("documents")
        for item in listed if isinstance(listed, list) else ():
            if isinstance(item, dict) and isinstance(item.get("document_id"), str):
                docs.add(item["document_id"])
    return docs, staff


def read_documents(session: Session, case_ids: set[str], event_ids: set[str],
                   receipts: Iterable[str] = ()) -> DocumentsOut:
    """The live documents (and correspondence, requests, filings) of these exported cases,
    the deleted documents they still point at, and the practice's letter templates.
    `event_ids` are the events in the file (a filing's deadline must be one of them);
    `receipts` the documents the exported expenses point at."""
    out = DocumentsOut()
    documents = {r["id"]: r for r in all_rows(session, "documents", _DOCUMENT)
                 if r["case_id"] in case_ids}
    wanted = {doc_id for doc_id, r in documents.items() if not r["deleted"]}
    correspondence = [r for r in all_rows(session, "correspondence", _CORRESPONDENCE,
                                          live_only=True) if r["case_id"] in case_ids]
    requests = [r for r in all_rows(session, "document_requests", _REQUEST, live_only=True)
                if r["case_id"] in case_ids]
    filings = [r for r in all_rows(session, "filings", _FILING, live_only=True)
               if r["case_id"] in case_ids]
    links = _by(all_rows(session, "correspondence_documents", _LINK), "correspondence_id")
    items = _by(all_rows(session, "filing_items", _ITEM), "filing_id")
    # Deleted documents still pointed at come along; a pointer to a document of a case that
    # is not exported (deleted) cannot be written and is left out.
    refs: set[str] = set(receipts)
    for row in correspondence:
        refs.update(link["document_id"] for link in links.get(row["id"], []))
    for row in requests:
        if row["document_id"] is not None:
            refs.add(row["document_id"])
    for row in filings:
        refs.update(item["document_id"] for item in items.get(row["id"], []))
        if row["cover_document_id"] is not None:
            refs.add(row["cover_document_id"])
        history_docs, history_staff = _history_refs(row["history"])
        refs.update(history_docs)
        out.staff_refs.update(history_staff)
    wanted.update(ref for ref in refs if ref in documents)

    versions = _by((v for v in all_rows(session, "document_versions", _VERSION)
                    if v["document_id"] in wanted), "document_id")
    for doc_id in sorted(wanted, key=lambda d: (documents[d]["title"], d)):
        row = documents[doc_id]
        doc_versions = versions.get(doc_id, [])
        out.staff_refs.update(v["added_by_staff_id"] for v in doc_versions)
        out.documents.setdefault(row["case_id"], []).append(_document(row, doc_versions))

    for row in sorted(correspondence, key=lambda r: (r["on_date"], r["at"] is not None,
                                                     r["at"] or _EARLIEST, r["id"])):
        linked = [link["document_id"] for link in sorted(
            links.get(row["id"], []), key=lambda k: (k["position"], k["document_id"]))
            if link["document_id"] in wanted]
        out.staff_refs.add(row["staff_id"])
        out.contact_refs.add(row["contact_id"])
        out.correspondence.setdefault(row["case_id"], []).append(
            _correspondence(row, linked))

    for row in sorted(requests, key=lambda r: (r["requested_on"], r["item"], r["id"])):
        if row["document_id"] not in wanted:
            row["document_id"] = None
        out.contact_refs.add(row["contact_id"])
        out.requests.setdefault(row["case_id"], []).append(_request(row))

    for row in sorted(filings, key=lambda r: (r["title"], r["id"])):
        package = [{"position": i["position"], "document_id": i["document_id"],
                    "label": i["label"]}
                   for i in sorted(items.get(row["id"], []), key=lambda i: i["position"])
                   if i["document_id"] in wanted]
        if row["cover_document_id"] not in wanted:
            row["cover_document_id"] = None
        deadline = row["deadline_event_id"]
        out.filings.setdefault(row["case_id"], []).append(
            _filing(row, package, deadline if deadline in event_ids else None))

    templates = all_rows(session, "letter_templates", _TEMPLATE, live_only=True)
    out.templates = [{key: t[key] for key in _TEMPLATE if key != "deleted"}
                     for t in sorted(templates, key=lambda t: (t["name"], t["id"]))]
    return out

"""Export the whole practice as a casedesk-practice document, and import (merge) one.

Export reads every table in bulk (a few queries, whatever the size of the practice) and orders
everything deterministically, so export -> import into an empty folder -> export gives the same
bytes. Import checks the whole document first (services/interchange_state.py), then writes it
in bulk in the caller's unit of work (services/interchange_write.py): all of it or nothing.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session

from casedesk.domain.changes import Changes
from casedesk.domain.enums import PartyRole
from casedesk.domain.money import format_decimal, from_cents
from casedesk.export.interchange import FIRM_KEYS, FORMAT, FORMAT_VERSION, TASK_KEYS
from casedesk.export.interchange_files import verify_files
from casedesk.export.interchange_parse import PracticeIn, parse_document
from casedesk.persistence.blob_store import BlobStore
from casedesk.services.bulk_sql import Row, plain_rows, rows_where_in
from casedesk.services.documents import blob_recorded, discard_new
from casedesk.services.interchange_budget_out import (
    SETTINGS_COLUMNS,
    BudgetsOut,
    read_budgets,
    settings_document,
)
from casedesk.services.interchange_documents_out import DocumentsOut, read_documents
from casedesk.services.interchange_documents_write import FileImport, missing_files
from casedesk.services.interchange_events_out import EventsOut, read_events
from casedesk.services.interchange_state import load_state
from casedesk.services.interchange_write import ImportSummary, apply_practice


def _moment(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


_STAFF = ("id", "name", "role", "email", "hourly_rate_cents", "bar_number", "active")
_CONTACT = ("id", "kind", "name", "aliases", "email", "phone", "address", "organization",
            "notes")
_CASE = ("id", "number", "title", "practice_area", "status", "court", "court_time_zone", "judge",
         "docket_number", "opened_on", "closed_on", "responsible_staff_id", "description")
_PARTY = ("case_id", "contact_id", "role", "represented_by_id")
_NOTE = ("id", "case_id", "author_staff_id", "created_at", "text")
_TASK = ("id", "case_id", "title", "assignee_staff_id", "due_on", "priority", "status", "notes")
_CHECK = ("id", "case_id", "searched_names", "hits", "decision", "decided_by_staff_id",
          "created_at", "note")


def _firm(session: Session) -> dict[str, Any] | None:
    rows = plain_rows(session, "firms", ("id", "created_at", *FIRM_KEYS, *SETTINGS_COLUMNS))
    if not rows:
        return None
    firm = min(rows, key=lambda r: (r["created_at"], r["id"]))
    return {**{key: firm[key] for key in FIRM_KEYS}, "budget_settings": settings_document(firm)}


def _staff(row: Row) -> dict[str, Any]:
    return {"id": row["id"], "name": row["name"], "role": row["role"], "email": row["email"],
            "hourly_rate": format_decimal(from_cents(row["hourly_rate_cents"])),
            "bar_number": row["bar_number"], "active": bool(row["active"])}


def _contact(row: Row) -> dict[str, Any]:
    return {"id": row["id"], "kind": row["kind"], "name": row["name"],
            "aliases": list(row["aliases"] or []), "email": row["email"],
            "phone": row["phone"], "address": row["address"],
            "organization": row["organization"], "notes": row["notes"]}


def _children(session: Session, name: str, columns: tuple[str, ...]) -> dict[str, list[Row]]:
    by_case: dict[str, list[Row]] = defaultdict(list)
    for row in plain_rows(session, name, columns):
        by_case[row["case_id"]].append(row)
    return by_case


_ROLE_ORDER = {role.value: i for i, role in enumerate(PartyRole)}


def _case(row: Row, parties: list[Row], notes: list[Row], tasks: list[Row], checks: list[Row],
          contact_names: dict[str, str], events: EventsOut, documents: DocumentsOut,
          budgets: BudgetsOut) -> dict[str, Any]:
    parties = sorted(parties, key=lambda p: (_ROLE_ORDER[p["role"]],
                                             contact_names.get(p["contact_id"], ""),
                                             p["contact_id"]))
    notes = sorted(notes, key=lambda n: (n["created_at"], n["id"]))
    tasks = sorted(tasks, key=lambda t: (t["due_on"] is None, t["due_on"] or "", t["title"],
                                         t["id"]))
    checks = sorted(checks, key=lambda c: (c["created_at"], c["id"]))
    document = {key: row[key] for key in _CASE}
    document["parties"] = [{"contact_id": p["contact_id"], "role": p["role"],
                            "represented_by": p["represented_by_id"]} for p in parties]
    document["notes"] = [{"id": n["id"], "author_staff_id": n["author_staff_id"],
                          "created_at": _moment(n["created_at"]), "text": n["text"]}
                         for n in notes]
    document["tasks"] = [{key: t[key] for key in TASK_KEYS} for t in tasks]
    document["conflict_checks"] = [
        {"id": c["id"], "searched_names": list(c["searched_names"]), "hits": list(c["hits"]),
         "decision": c["decision"], "decided_by_staff_id": c["decided_by_staff_id"],
         "decided_at": _moment(c["created_at"]), "note": c["note"]} for c in checks]
    document["deadline_triggers"] = events.triggers.get(row["id"], [])
    document["events"] = events.events.get(row["id"], [])
    document["documents"] = documents.documents.get(row["id"], [])
    document["correspondence"] = documents.correspondence.get(row["id"], [])
    document["document_requests"] = documents.requests.get(row["id"], [])
    document["filings"] = documents.filings.get(row["id"], [])
    document.update(budgets.case_values(row["id"]))
    return document


def _referenced(session: Session, name: str, columns: tuple[str, ...], have: dict[str, Row],
                refs: set[str | None]) -> None:
    """Add the (deleted) rows that live records still point at."""
    missing = {uuid.UUID(ref) for ref in refs if ref is not None and ref not in have}
    for row in rows_where_in(session, name, "id", missing, columns):
        row["id"] = str(row["id"])
        have[row["id"]] = row


def build_document(session: Session) -> dict[str, Any]:
    """The whole practice as a casedesk-practice document (plain JSON values).

    Every live record is included, plus any deleted contact, staff member, deadline trigger
    or document a live record still points at, so the document always stands on its own.
    The files of the documents' versions and of the letter templates are not in it: see
    export/interchange_files.py.
    """
    cases = sorted(plain_rows(session, "cases", _CASE), key=lambda r: r["number"])
    parties = _children(session, "parties", _PARTY)
    notes = _children(session, "notes", _NOTE)
    tasks = _children(session, "tasks", _TASK)
    checks = _children(session, "conflict_checks", _CHECK)
    contacts = {row["id"]: row for row in plain_rows(session, "contacts", _CONTACT)}
    staff = {row["id"]: row for row in plain_rows(session, "staff", _STAFF)}
    contact_refs: set[str | None] = set()
    staff_refs: set[str | None] = set()
    for case in cases:
        staff_refs.add(case["responsible_staff_id"])
        for party in parties.get(case["id"], []):
            contact_refs.update((party["contact_id"], party["represented_by_id"]))
        staff_refs.update(n["author_staff_id"] for n in notes.get(case["id"], []))
        staff_refs.update(t["assignee_staff_id"] for t in tasks.get(case["id"], []))
        staff_refs.update(c["decided_by_staff_id"] for c in checks.get(case["id"], []))
    case_ids = {case["id"] for case in cases}
    events = read_events(session, case_ids)
    staff_refs.update(events.staff_refs)
    event_ids = {e["id"] for listed in events.events.values() for e in listed}
    event_ids.update(e["id"] for e in events.firm_wide)
    budgets = read_budgets(session, case_ids)
    staff_refs.update(budgets.staff_refs)
    documents = read_documents(session, case_ids, event_ids, budgets.receipt_refs)
    budgets.keep_receipts({d["id"] for listed in documents.documents.values() for d in listed})
    staff_refs.update(documents.staff_refs)
    contact_refs.update(documents.contact_refs)
    _referenced(session, "contacts", _CONTACT, contacts, contact_refs)
    _referenced(session, "staff", _STAFF, staff, staff_refs)
    names = {contact_id: row["name"] for contact_id, row in contacts.items()}
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "firm": _firm(session),
        "staff": [_staff(r) for r in sorted(staff.values(), key=lambda r: (r["name"], r["id"]))],
        "contacts": [_contact(r) for r in sorted(contacts.values(),
                                                 key=lambda r: (r["name"], r["id"]))],
        "cases": [_case(c, parties.get(c["id"], []), notes.get(c["id"], []),
                        tasks.get(c["id"], []), checks.get(c["id"], []), names, events,
                        documents, budgets)
                  for c in cases],
        "events": events.firm_wide,
        "letter_templates": documents.templates,
    }


def import_practice(session: Session, *, practice: PracticeIn,
                    files: FileImport | None = None) -> tuple[Changes, ImportSummary]:
    """Merge a checked document into the practice: new ids added, known ids updated.

    Nothing is deleted, and records deleted in this practice stay deleted. References to
    contacts and staff that are neither in the file nor in the database, and case numbers
    taken by other cases, are refused (InvalidDocument, with each problem's path) before
    anything is written. The files of new document versions and templates come from `files`
    (the folder beside the JSON, checked with `verify_files` first), copied into the store
    after every check passed; without `files`, a file this practice lacks is refused. The
    caller removes the copied files if the transaction fails (see `import_with_files`).
    """
    state = load_state(session, practice)
    needed = state.documents.needed
    if needed and files is None:
        raise missing_files(needed)
    if files is not None:
        files.bring_in(needed)
    changes, summary = apply_practice(session, practice, state,
                                      files.sizes if files is not None else None)
    summary.files = sum(1 for s in files.stored if s.created) if files is not None else 0
    return changes, summary


def import_document(session: Session, *, document: Any) -> tuple[Changes, ImportSummary]:
    """Check a parsed JSON document and merge it (see `import_practice`)."""
    return import_practice(session, practice=parse_document(document))


def import_with_files(write: Callable[..., Any], read: Callable[..., Any], store: BlobStore, *,
                      practice: PracticeIn, folder: Path | None,
                      files_checked: bool = False) -> tuple[Changes, ImportSummary]:
    """Import a checked document with the files folder beside it, all or nothing.

    `write`/`read` run a service in a unit of work (Practice.write/read). Every file the
    document names is checked in `folder` first (unless the caller just did:
    `files_checked`); files copied into the store are removed again if the import fails,
    unless another desk recorded the same bytes meanwhile.
    """
    if not files_checked:
        verify_files(practice, folder)
    files = FileImport(folder, store) if folder is not None else None
    try:
        result: tuple[Changes, ImportSummary] = write(import_practice, practice=practice,
                                                      files=files)
    except BaseException:
        if files is not None:
            discard_new(store, files.stored, lambda sha: bool(read(blob_recorded, sha)))
        raise
    return result

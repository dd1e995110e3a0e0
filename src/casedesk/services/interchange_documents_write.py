"""Importing documents and the rest, part two: the files brought into the store and the bulk
writes (the state and the checks are in services/interchange_documents.py).

A document's versions are matched by number and never change: a version the practice lacks is
added, a known one is left as it is. A document's current file is its highest version. A
correspondence entry's documents and a filing's items are replaced by the file's when they
differ, and the entry or filing counts as updated.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import bindparam, delete, update
from sqlmodel import Session

from casedesk.domain.enums import TextStatus
from casedesk.export.interchange import InvalidDocument, Problem
from casedesk.export.interchange_documents import (
    CorrespondenceIn,
    DocumentIn,
    FilingIn,
    RequestIn,
    VersionIn,
)
from casedesk.export.interchange_parse import CaseIn, PracticeIn
from casedesk.persistence.blob_store import BlobStore, Stored
from casedesk.services.bulk_sql import CHUNK, Row, execute_many, table
from casedesk.services.documents import clean_tags
from casedesk.services.interchange_documents import DocumentState, NeededFile, gone

if TYPE_CHECKING:
    from datetime import datetime

    from casedesk.services.interchange_write import ImportSummary, Tally


# -- the files --------------------------------------------------------------------------------
@dataclass
class FileImport:
    """Where an import takes its files from (the folder beside the JSON) and puts them.

    `copy=False` checks only (a dry run whose rows are rolled back stores nothing). `stored`
    lists what was put in the store, for the caller to remove if the transaction fails.
    """

    folder: Path
    store: BlobStore
    copy: bool = True
    stored: list[Stored] = field(default_factory=list)
    sizes: dict[str, int] = field(default_factory=dict)  # of the files brought in

    def bring_in(self, needed: Mapping[str, NeededFile]) -> None:
        """Copy the files the practice lacks into the store, each checked against its name."""
        for sha256 in needed:
            self.sizes[sha256] = (self.folder / sha256).stat().st_size
        if not self.copy:
            return
        for sha256, need in needed.items():
            if self.store.exists(sha256):
                if self.store.verify(sha256) is None:
                    continue
                self.store.remove(sha256)  # a damaged copy no record refers to
            got = self.store.put_file(self.folder / sha256)
            self.stored.append(got)
            if got.sha256 != sha256:
                raise InvalidDocument([Problem(
                    f"{need.path}.sha256", f"the file {self.folder.name}/{sha256} changed "
                    "while it was being imported (its contents no longer hash to its name)")])


def missing_files(needed: Mapping[str, NeededFile]) -> InvalidDocument:
    """The refusal of a document whose files were not given (and this practice lacks)."""
    return InvalidDocument([Problem(f"{need.path}.sha256", f"the file {sha256} is not in "
                                    "this practice; import the practice file together with "
                                    "its files folder")
                            for sha256, need in needed.items()])


# -- writing ----------------------------------------------------------------------------------
class _Writer(Protocol):
    now: datetime
    inserts: dict[str, list[Row]]
    updates: dict[str, list[Row]]
    summary: ImportSummary

    def merge(self, name: str, rows: dict[uuid.UUID, Row], row_id: uuid.UUID,
              desired: dict[str, Any], tally: Tally,
              new_values: dict[str, Any] | None = None) -> str: ...

    def flush_table(self, name: str) -> None: ...


_CHANGED = ("new", "updated")


class DocumentMerger:
    """Collects the rows of new and changed documents (and the rest) into the writer's
    insert and update lists, which it shares, and writes what the writer cannot."""

    def __init__(self, state: DocumentState, writer: _Writer,
                 contact_target: Mapping[uuid.UUID, uuid.UUID]) -> None:
        self.state = state
        self.w = writer
        self.contact_target = contact_target
        self.relinked: list[uuid.UUID] = []  # correspondence whose documents are replaced
        self.refiled: list[uuid.UUID] = []  # filings whose items are replaced
        self.blobs: set[str] = set()

    def _force(self, name: str, rows: dict[uuid.UUID, Row], row_id: uuid.UUID,
               desired: dict[str, Any], tally: Tally, outcome: str) -> str:
        """An unchanged record whose dependent rows changed: its version moves on too."""
        if outcome != "unchanged":
            return outcome
        self.w.updates.setdefault(name, []).append(
            {"id": row_id, **desired, "version": rows[row_id]["version"] + 1,
             "updated_at": self.w.now})
        tally.unchanged -= 1
        tally.updated += 1
        return "updated"

    def _contact(self, contact_id: uuid.UUID | None) -> uuid.UUID | None:
        return None if contact_id is None else self.contact_target[contact_id]

    def _blob(self, sha256: str, size: int) -> None:
        if sha256 in self.state.blobs or sha256 in self.blobs:
            return
        self.blobs.add(sha256)
        self.w.inserts.setdefault("blobs", []).append(
            {"sha256": sha256, "size": size, "stored_at": self.w.now,
             "text_status": TextStatus.PENDING, "text_error": ""})

    def case(self, case: CaseIn) -> bool:
        """A case's documents, correspondence, requests and filings; True if any changed."""
        changed = False
        for doc in case.documents:
            changed |= self.document(doc, case.id)
        for entry in case.correspondence:
            changed |= self.correspondence(entry, case.id)
        for request in case.requests:
            changed |= self.request(request, case.id)
        for filing in case.filings:
            changed |= self.filing(filing, case.id)
        return changed

    def document(self, doc: DocumentIn, case_id: uuid.UUID) -> bool:
        state, tally = self.state, self.w.summary.documents
        if gone(state.documents, doc.id):
            tally.skipped += 1
            return False
        known = state.versions.get(doc.id, {})
        added = [v for v in doc.versions if v.number not in known]
        candidates: list[VersionIn | Row] = [*added, *known.values()]
        newest = max(candidates, key=_number)
        desired = {"case_id": case_id, "title": doc.title, "category": doc.category,
                   "tags": clean_tags(doc.tags), "privileged": doc.privileged,
                   "confidential": doc.confidential, "author": doc.author,
                   "document_date": doc.document_date, "received_on": doc.received_on,
                   "sent_on": doc.sent_on, "source": doc.source,
                   "current_version": _number(newest), "file_name": _get(newest, "file_name"),
                   "media_type": _get(newest, "media_type"), "size": _get(newest, "size"),
                   "sha256": _get(newest, "sha256")}
        outcome = self.w.merge("documents", state.documents, doc.id, desired, tally)
        for version in added:
            self._blob(version.sha256, version.size)
            self.w.inserts.setdefault("document_versions", []).append(
                {"id": uuid.uuid4(), "document_id": doc.id, "number": version.number,
                 "sha256": version.sha256, "file_name": version.file_name,
                 "media_type": version.media_type, "size": version.size,
                 "added_at": version.added_at, "added_by_staff_id": version.added_by_staff_id,
                 "note": version.note})
        if added:
            outcome = self._force("documents", state.documents, doc.id, desired, tally, outcome)
        return outcome in _CHANGED

    def correspondence(self, entry: CorrespondenceIn, case_id: uuid.UUID) -> bool:
        state, tally = self.state, self.w.summary.correspondence
        desired = {"case_id": case_id, "kind": entry.kind, "direction": entry.direction,
                   "on_date": entry.on_date, "at": entry.at, "subject": entry.subject,
                   "from_text": entry.from_text, "to_text": entry.to_text,
                   "contact_id": self._contact(entry.contact_id), "staff_id": entry.staff_id,
                   "summary": entry.summary, "message_id": entry.message_id}
        outcome = self.w.merge("correspondence", state.correspondence, entry.id, desired, tally)
        if outcome == "skipped":
            return False
        wanted = list(entry.document_ids)
        if outcome == "new" or state.links.get(entry.id, []) != wanted:
            if outcome != "new":
                self.relinked.append(entry.id)
                outcome = self._force("correspondence", state.correspondence, entry.id,
                                      desired, tally, outcome)
            self.w.inserts.setdefault("correspondence_documents", []).extend(
                {"correspondence_id": entry.id, "document_id": doc_id, "position": i}
                for i, doc_id in enumerate(wanted))
        return outcome in _CHANGED

    def request(self, request: RequestIn, case_id: uuid.UUID) -> bool:
        desired = {"case_id": case_id, "item": request.item,
                   "requested_on": request.requested_on, "due_on": request.due_on,
                   "received_on": request.received_on, "withdrawn_on": request.withdrawn_on,
                   "document_id": request.document_id,
                   "contact_id": self._contact(request.contact_id), "notes": request.notes}
        return self.w.merge("document_requests", self.state.requests, request.id, desired,
                            self.w.summary.requests) in _CHANGED

    def _deadline(self, filing: FilingIn) -> uuid.UUID | None:
        """The file's deadline; a null one keeps a deadline deleted here (files leave those
        out), so importing a file again changes nothing."""
        if filing.deadline_event_id is not None:
            return filing.deadline_event_id
        existing = self.state.filings.get(filing.id)
        kept = existing["deadline_event_id"] if existing is not None else None
        event = self.state.events.get(kept) if kept is not None else None
        if event is not None and (event["deleted"] or event["case_id"] in self.state.dead_cases):
            return kept
        return None

    def filing(self, filing: FilingIn, case_id: uuid.UUID) -> bool:
        state, tally = self.state, self.w.summary.filings
        desired = {"case_id": case_id, "title": filing.title, "court": filing.court,
                   "status": filing.status, "submitted_on": filing.submitted_on,
                   "accepted_on": filing.accepted_on, "rejected_on": filing.rejected_on,
                   "conformed_on": filing.conformed_on,
                   "confirmation_number": filing.confirmation_number,
                   "rejection_reason": filing.rejection_reason,
                   "deadline_event_id": self._deadline(filing),
                   "cover_document_id": filing.cover_document_id, "notes": filing.notes,
                   "history": list(filing.history)}
        outcome = self.w.merge("filings", state.filings, filing.id, desired, tally)
        if outcome == "skipped":
            return False
        wanted = [(i.position, i.document_id, i.label) for i in filing.items]
        if outcome == "new" or state.items.get(filing.id, []) != wanted:
            if outcome != "new":
                self.refiled.append(filing.id)
                outcome = self._force("filings", state.filings, filing.id, desired, tally,
                                      outcome)
            self.w.inserts.setdefault("filing_items", []).extend(
                {"filing_id": filing.id, "position": position, "document_id": doc_id,
                 "label": label} for position, doc_id, label in wanted)
        return outcome in _CHANGED

    def templates(self, practice: PracticeIn) -> None:
        for template in practice.templates:
            outcome = self.w.merge(
                "letter_templates", self.state.templates, template.id,
                {"name": template.name, "description": template.description,
                 "sha256": template.sha256, "file_name": template.file_name},
                self.w.summary.templates)
            if outcome in _CHANGED:
                self._blob(template.sha256, -1)  # the size comes with the file (`flush`)

    def flush(self, session: Session, blob_sizes: Mapping[str, int]) -> None:
        """Write everything collected, parents before children."""
        for row in self.w.inserts.get("blobs", []):
            if row["size"] < 0:
                row["size"] = blob_sizes[row["sha256"]]
        self.w.flush_table("blobs")
        self.w.flush_table("documents")
        self.w.flush_table("document_versions")
        self.w.flush_table("correspondence")
        _delete_where_in(session, "correspondence_documents", "correspondence_id",
                         self.relinked)
        self.w.flush_table("correspondence_documents")
        self.w.flush_table("document_requests")
        self.w.flush_table("filings")
        _delete_where_in(session, "filing_items", "filing_id", self.refiled)
        self.w.flush_table("filing_items")
        self._park_template_names(session)
        self.w.flush_table("letter_templates")

    def _park_template_names(self, session: Session) -> None:
        """Give templates being renamed a temporary name, so names can swap in one import."""
        moving = [{"b_id": row["id"], "b_name": f"~import~{row['id'].hex}"}
                  for row in self.w.updates.get("letter_templates", [])
                  if row["name"] != self.state.templates[row["id"]]["name"]]
        if moving:
            tbl = table("letter_templates")
            execute_many(session, update(tbl).where(tbl.c.id == bindparam("b_id"))
                         .values(name=bindparam("b_name")), moving)


def _number(version: VersionIn | Row) -> int:
    return version.number if isinstance(version, VersionIn) else int(version["number"])


def _get(version: VersionIn | Row, key: str) -> Any:
    return getattr(version, key) if isinstance(version, VersionIn) else version[key]


def _delete_where_in(session: Session, name: str, column: str,
                     values: list[uuid.UUID]) -> None:
    tbl = table(name)
    ordered = sorted(values, key=str)
    for start in range(0, len(ordered), CHUNK):
        session.execute(delete(tbl).where(tbl.c[column].in_(ordered[start:start + CHUNK])))

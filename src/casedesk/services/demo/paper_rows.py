"""The rows behind the demo's documents and correspondence, as the services write them.

Documents and their versions as services/documents.py records them (a blob row per distinct
file, the document denormalising its newest version, a history line per add); correspondence
and its document links as services/correspondence.py does; document requests and filing
packages with the columns and history their models describe.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from casedesk.domain.enums import CorrespondenceKind, Direction, DocumentCategory, TextStatus
from casedesk.domain.models import (
    Blob,
    Correspondence,
    CorrespondenceDocument,
    Document,
    DocumentRequest,
    DocumentVersion,
    Filing,
    FilingItem,
)
from casedesk.services.correspondence import describe
from casedesk.services.demo.files import DemoFiles
from casedesk.services.demo.world import DemoWorld, new_id
from casedesk.services.documents import media_type_for, safe_file_name


@dataclass(frozen=True, slots=True)
class Version:
    """One version of a demo document: its bytes, file name, and when and by whom it came."""

    data: bytes
    file_name: str
    at: datetime
    staff_id: uuid.UUID | None
    note: str = ""


@dataclass(frozen=True, slots=True)
class DocRef:
    """A document written, for linking it from correspondence, requests and filings."""

    id: uuid.UUID
    title: str
    day: date
    sha256: str  # of the current (newest) version
    versions: int = 1


class PaperRows:
    """Writes document, correspondence, request and filing rows into the demo world."""

    def __init__(self, world: DemoWorld, files: DemoFiles) -> None:
        self.world = world
        self.files = files
        self._blobs: set[str] = set()  # digests with a blob row already
        self._media: dict[str, str] = {}

    def media_type(self, file_name: str) -> str:
        ext = file_name.rpartition(".")[2].lower()
        found = self._media.get(ext)
        if found is None:
            found = self._media[ext] = media_type_for(file_name)
        return found

    def document(self, rng: random.Random, *, case_id: uuid.UUID, title: str,
                 category: DocumentCategory, versions: Sequence[Version], author: str = "",
                 tags: Sequence[str] = (), privileged: bool = False,
                 confidential: bool = False, document_date: date | None = None,
                 received_on: date | None = None, sent_on: date | None = None,
                 source: str = "file") -> DocRef:
        """A document with its versions (oldest first), their files and blob rows."""
        world = self.world
        doc_id = new_id(rng)
        stored = []
        for version in versions:
            item = self.files.put(version.data)
            if item.sha256 not in self._blobs:
                self._blobs.add(item.sha256)
                world.add(Blob.__tablename__, {
                    "sha256": item.sha256, "size": item.size, "stored_at": version.at,
                    "text_status": TextStatus.PENDING.value, "text_error": ""})
            stored.append(item)
        first, last = versions[0], versions[-1]
        newest = stored[-1]
        name = safe_file_name(last.file_name)
        row = world.record(Document.__tablename__, rng, at=first.at, updated_at=last.at,
                           id=doc_id, case_id=case_id, title=title, category=category.value,
                           tags=list(tags), privileged=privileged, confidential=confidential,
                           author=author, document_date=document_date,
                           received_on=received_on, sent_on=sent_on, source=source,
                           current_version=len(versions), file_name=name,
                           media_type=self.media_type(name), size=newest.size,
                           sha256=newest.sha256)
        row["version"] = len(versions)  # each later version was its own unit of work
        for number, (version, item) in enumerate(zip(versions, stored, strict=True), start=1):
            version_name = safe_file_name(version.file_name)
            world.add(DocumentVersion.__tablename__, {
                "id": new_id(rng), "document_id": doc_id, "number": number,
                "sha256": item.sha256, "file_name": version_name,
                "media_type": self.media_type(version_name), "size": item.size,
                "added_at": version.at, "added_by_staff_id": version.staff_id,
                "note": version.note})
            if number == 1:
                world.log(rng, case_id=case_id, at=version.at, action="documents_added",
                          summary=f"Document added: {title}", staff_id=version.staff_id)
            else:
                world.log(rng, case_id=case_id, at=version.at, action="document_version_added",
                          summary=f"New version {number} of {title}",
                          staff_id=version.staff_id)
        day = document_date or first.at.date()
        world.papers.setdefault(case_id, []).append((doc_id, title, day))
        return DocRef(doc_id, title, day, newest.sha256, len(versions))

    def correspondence(self, rng: random.Random, *, case_id: uuid.UUID,
                       kind: CorrespondenceKind, direction: Direction, on_date: date,
                       at: datetime | None, logged_at: datetime, subject: str,
                       from_text: str = "", to_text: str = "",
                       contact_id: uuid.UUID | None = None, staff_id: uuid.UUID | None = None,
                       summary: str = "", message_id: str = "",
                       documents: Sequence[DocRef] = ()) -> uuid.UUID:
        """A correspondence entry, its document links and its line in the case history."""
        entry_id = new_id(rng)
        self.world.add(Correspondence.__tablename__, {
            "id": entry_id, "created_at": logged_at, "updated_at": logged_at, "version": 1,
            "deleted_at": None, "case_id": case_id, "kind": kind.value,
            "direction": direction.value, "on_date": on_date, "at": at, "subject": subject,
            "from_text": from_text, "to_text": to_text, "contact_id": contact_id,
            "staff_id": staff_id, "summary": summary, "message_id": message_id})
        for position, doc in enumerate(dict.fromkeys(documents)):
            self.world.add(CorrespondenceDocument.__tablename__, {
                "correspondence_id": entry_id, "document_id": doc.id, "position": position})
        self.world.log(rng, case_id=case_id, at=logged_at, action="correspondence_added",
                       summary=describe(kind, direction, subject), staff_id=staff_id)
        return entry_id

    def request(self, rng: random.Random, *, case_id: uuid.UUID, item: str,
                requested_on: date, requested_at: datetime, due_on: date | None,
                received_on: date | None, received_at: datetime | None,
                withdrawn_on: date | None, document: DocRef | None,
                contact_id: uuid.UUID | None, staff_id: uuid.UUID | None,
                notes: str = "") -> None:
        """A document request, and its history lines (asked for; received or withdrawn)."""
        changed = received_at if received_on or withdrawn_on else None
        row = self.world.record(DocumentRequest.__tablename__, rng, at=requested_at,
                                updated_at=changed, case_id=case_id, item=item,
                                requested_on=requested_on, due_on=due_on,
                                received_on=received_on, withdrawn_on=withdrawn_on,
                                document_id=document.id if document else None,
                                contact_id=contact_id, notes=notes)
        row["version"] = 1 if changed is None else 2
        self.world.log(rng, case_id=case_id, at=requested_at, action="document_requested",
                       summary=f"Requested: {item}", staff_id=staff_id)
        if changed is not None:
            what = "Received" if received_on else "Request withdrawn"
            self.world.log(rng, case_id=case_id, at=changed,
                           action="document_received" if received_on else
                           "document_request_withdrawn",
                           summary=f"{what}: {item}", staff_id=staff_id)

    def filing(self, rng: random.Random, *, case_id: uuid.UUID, title: str, court: str,
               created_at: datetime, history: list[dict[str, Any]], status: str,
               items: Sequence[tuple[DocRef, str]], deadline_event_id: uuid.UUID | None,
               staff_id: uuid.UUID | None, dates: dict[str, date | None],
               confirmation_number: str = "", notes: str = "") -> uuid.UUID:
        """A filing package in `status`, with its items and its history lines."""
        filing_id = new_id(rng)
        updated = datetime.fromisoformat(str(history[-1]["at"]))
        row = self.world.record(Filing.__tablename__, rng, at=created_at, updated_at=updated,
                                id=filing_id, case_id=case_id, title=title, court=court,
                                status=status, submitted_on=dates.get("submitted"),
                                accepted_on=dates.get("accepted"), rejected_on=None,
                                conformed_on=dates.get("conformed"),
                                confirmation_number=confirmation_number, rejection_reason="",
                                deadline_event_id=deadline_event_id, cover_document_id=None,
                                notes=notes, history=history)
        row["version"] = len(history) + 1  # created, documents added, each status change
        for position, (doc, label) in enumerate(items, start=1):
            self.world.add(FilingItem.__tablename__, {"filing_id": filing_id,
                                                      "position": position,
                                                      "document_id": doc.id, "label": label})
        self.world.log(rng, case_id=case_id, at=created_at, action="filing_created",
                       summary=f"Filing prepared: {title}", staff_id=staff_id)
        for entry in history[1:]:
            confirmation = entry.get("confirmation_number")
            self.world.log(rng, case_id=case_id,
                           at=datetime.fromisoformat(str(entry["at"])),
                           action=f"filing_{entry['status']}",
                           summary=f"Filing {entry['status']}: {title}"
                                   + (f" (confirmation {confirmation})" if confirmation else ""),
                           staff_id=staff_id)
        return filing_id

"""Saved e-mails (.eml) into a case: one correspondence entry per message, the message and
each attachment kept as documents of the case and linked to it.

All or nothing across a batch: every file is read and parsed first (services/eml_parse.py; a
bad one refuses the lot, naming it); the files are then put in the document store and recorded
in one transaction; if that fails, the files this import newly stored are removed again. A
message already imported into the case (same Message-ID, or the same bytes when it has none)
is skipped and reported, never duplicated.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from email.utils import parseaddr
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func
from sqlmodel import Session, col, select

from casedesk.domain.changes import Changes
from casedesk.domain.enums import CorrespondenceKind, Direction, DocumentCategory
from casedesk.domain.errors import InvalidInput
from casedesk.domain.models import (
    Case,
    Contact,
    Correspondence,
    CorrespondenceDocument,
    Document,
    Firm,
    Party,
    Staff,
)
from casedesk.persistence.blob_store import BlobStore, Stored
from casedesk.services import correspondence
from casedesk.services.common import get_live
from casedesk.services.documents import (
    DocumentMeta,
    NewFile,
    add_documents,
    blob_recorded,
    discard_new,
)
from casedesk.services.eml_parse import ParsedEmail, load_eml_files, parse_eml

# The parsing half is re-exported so callers need only this module.
__all__ = ["EmlImportResult", "EmlLine", "ParsedEmail", "PreparedEmail", "direction_of",
           "import_emails", "load_eml_files", "parse_eml", "plan_import", "record_emails",
           "store_emails", "stored_by"]

MESSAGE_SOURCE = "e-mail"
ATTACHMENT_SOURCE = "e-mail attachment"


# -- what importing does (or would do) ------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class EmlLine:
    """What happened (or would happen) to one message."""

    action: str  # "import" or "skip"
    source_name: str
    subject: str
    on_date: date
    direction: Direction
    from_text: str
    attachments: int
    note: str = ""
    correspondence_id: uuid.UUID | None = None

    def text(self, dry_run: bool) -> str:
        verb = {"import": ("imported", "would import"),
                "skip": ("skipped", "would skip")}[self.action][dry_run]
        count = self.attachments
        files = f", {count} attachment{'s' if count != 1 else ''}" if count else ""
        note = f" ({self.note})" if self.note else ""
        return (f"{verb}: {self.on_date.isoformat()} {self.direction.value} "
                f"\"{self.subject or '(no subject)'}\" from {self.from_text}{files} "
                f"[{self.source_name}]{note}")


@dataclass(frozen=True, slots=True)
class EmlImportResult:
    case_number: str
    dry_run: bool
    lines: tuple[EmlLine, ...]

    def count(self, action: str) -> int:
        return sum(1 for line in self.lines if line.action == action)

    @property
    def attachment_count(self) -> int:
        return sum(line.attachments for line in self.lines if line.action == "import")

    def summary(self) -> str:
        imported = self.count("import")
        counts = (f"{imported} e-mail{'s' if imported != 1 else ''} with "
                  f"{self.attachment_count} attachment{'s' if self.attachment_count != 1 else ''}"
                  f", {self.count('skip')} skipped")
        if self.dry_run:
            return f"dry run for {self.case_number}: {counts}; nothing was saved"
        return f"imported into {self.case_number}: {counts}"

    def report(self) -> list[str]:
        return [line.text(self.dry_run) for line in self.lines]


@dataclass(frozen=True, slots=True)
class PreparedEmail:
    """A parsed e-mail whose files are already in the store."""

    email: ParsedEmail
    eml: Stored
    attachments: tuple[Stored, ...]


@dataclass
class _Context:
    """What deciding direction, day, people and duplicates needs, read once per import."""

    case: Case
    zone: ZoneInfo
    firm_addresses: set[str]
    staff_by_address: dict[str, uuid.UUID]
    seen_ids: set[str] = field(default_factory=set)
    seen_hashes: dict[str, str] = field(default_factory=dict)  # sha256 -> source name


def _address_of(text: str) -> str:
    return parseaddr(text)[1].strip().lower()


def _context(session: Session, case: Case) -> _Context:
    firm = session.exec(select(Firm).where(col(Firm.deleted_at).is_(None))).first()
    try:
        zone = ZoneInfo(firm.time_zone if firm is not None and firm.time_zone else "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    staff_by_address: dict[str, uuid.UUID] = {}
    for member in session.exec(select(Staff).where(col(Staff.deleted_at).is_(None))
                               .order_by(col(Staff.active).desc(), col(Staff.name))):
        address = _address_of(member.email)
        if address and address not in staff_by_address:
            staff_by_address[address] = member.id
    firm_addresses = set(staff_by_address)
    if firm is not None and _address_of(firm.email):
        firm_addresses.add(_address_of(firm.email))
    return _Context(case=case, zone=zone, firm_addresses=firm_addresses,
                    staff_by_address=staff_by_address)


def direction_of(email: ParsedEmail, firm_addresses: set[str]) -> Direction:
    """Out when the firm or one of its staff sent it, else in."""
    return Direction.OUTGOING if email.from_address in firm_addresses else Direction.INCOMING


def _already_imported(session: Session, ctx: _Context, email: ParsedEmail) -> str:
    """Why the message is not imported again ("" when it is new to the case)."""
    if email.message_id:
        if email.message_id in ctx.seen_ids:
            return "the same message is in an earlier file of this import"
        if correspondence.message_imported(session, ctx.case.id, email.message_id):
            return f"already imported into {ctx.case.number}"
        return ""
    if email.sha256 in ctx.seen_hashes:
        return f"the same file as {ctx.seen_hashes[email.sha256]}"
    linked = session.exec(
        select(Document.id)
        .join(CorrespondenceDocument, col(CorrespondenceDocument.document_id) == Document.id)
        .join(Correspondence,
              col(Correspondence.id) == col(CorrespondenceDocument.correspondence_id))
        .where(Document.case_id == ctx.case.id, Document.sha256 == email.sha256,
               col(Document.deleted_at).is_(None), col(Correspondence.deleted_at).is_(None))
        .limit(1)).first()
    return f"already imported into {ctx.case.number}" if linked is not None else ""


def _plan(session: Session, ctx: _Context, emails: Sequence[ParsedEmail]) -> list[EmlLine]:
    lines: list[EmlLine] = []
    for email in emails:
        why = _already_imported(session, ctx, email)
        if email.message_id:
            ctx.seen_ids.add(email.message_id)
        ctx.seen_hashes.setdefault(email.sha256, email.source_name)
        sent_local = email.sent_at.astimezone(ctx.zone)
        notes = [why] if why else [
            *([f"{email.date_note}: dated by the file, {sent_local:%Y-%m-%d %H:%M}"]
              if email.date_note else []),
            *([f"not kept: {', '.join(email.skipped)}"] if email.skipped else [])]
        lines.append(EmlLine(
            action="skip" if why else "import", source_name=email.source_name,
            subject=email.subject, on_date=sent_local.date(), note="; ".join(notes),
            direction=direction_of(email, ctx.firm_addresses), from_text=email.from_text,
            attachments=len(email.attachments)))
    return lines


def plan_import(session: Session, *, case_id: uuid.UUID, emails: Sequence[ParsedEmail]
                ) -> EmlImportResult:
    """What importing these e-mails into the case would do (writes nothing)."""
    case = get_live(session, Case, case_id, "case")
    lines = _plan(session, _context(session, case), emails)
    return EmlImportResult(case_number=case.number, dry_run=True, lines=tuple(lines))


def _contact_for(session: Session, case_id: uuid.UUID, addresses: Sequence[str]
                 ) -> uuid.UUID | None:
    """The contact behind the first of these addresses that is one (a party of the case
    first)."""
    if not addresses:
        return None
    found = session.exec(
        select(Contact.id, func.lower(col(Contact.email)))
        .where(func.lower(col(Contact.email)).in_(list(addresses)),
               col(Contact.deleted_at).is_(None), col(Contact.merged_into_id).is_(None))
        .order_by(col(Contact.name), col(Contact.id))).all()
    if not found:
        return None
    parties = set(session.exec(select(Party.contact_id).where(
        Party.case_id == case_id, col(Party.deleted_at).is_(None))).all())
    for address in addresses:
        matches = [cid for cid, email in found if email == address]
        if matches:
            return next((cid for cid in matches if cid in parties), matches[0])
    return None


def _staff_for(ctx: _Context, email: ParsedEmail, direction: Direction) -> uuid.UUID | None:
    if direction is Direction.OUTGOING:
        return ctx.staff_by_address.get(email.from_address)
    return next((ctx.staff_by_address[a] for a in email.recipient_addresses
                 if a in ctx.staff_by_address), None)


def record_emails(session: Session, *, case_id: uuid.UUID, emails: Sequence[PreparedEmail],
                  actor_staff_id: uuid.UUID | None = None) -> tuple[Changes, EmlImportResult]:
    """Record stored e-mails on a case: documents, entries, links; all of them or none."""
    case = get_live(session, Case, case_id, "case")
    ctx = _context(session, case)
    lines = _plan(session, ctx, [p.email for p in emails])
    files: list[NewFile] = []
    doc_ids: list[list[uuid.UUID]] = []
    for prepared, line in zip(emails, lines, strict=True):
        ids: list[uuid.UUID] = []
        if line.action == "import":
            files.extend(_new_files(prepared, line, ids))
        doc_ids.append(ids)
    if not files:
        return Changes(), EmlImportResult(case.number, dry_run=False, lines=tuple(lines))
    changes, _ids = add_documents(session, case_id=case.id, files=files,
                                  actor_staff_id=actor_staff_id)
    done: list[EmlLine] = []
    for prepared, line, ids in zip(emails, lines, doc_ids, strict=True):
        if line.action != "import":
            done.append(line)
            continue
        email = prepared.email
        counterpart = ([email.from_address] if line.direction is Direction.INCOMING
                       else list(email.recipient_addresses))
        more, entry_id = correspondence.add_correspondence(
            session, case_id=case.id, kind=CorrespondenceKind.EMAIL, direction=line.direction,
            on_date=line.on_date, at=email.sent_at, subject=email.subject,
            from_text=email.from_text, to_text=email.to_text,
            contact_id=_contact_for(session, case.id, counterpart),
            staff_id=_staff_for(ctx, email, line.direction), summary=email.summary,
            document_ids=ids, message_id=email.message_id, actor_staff_id=actor_staff_id)
        changes = changes | more
        done.append(replace(line, correspondence_id=entry_id))
    return changes, EmlImportResult(case.number, dry_run=False, lines=tuple(done))


def _new_files(prepared: PreparedEmail, line: EmlLine, ids: list[uuid.UUID]) -> list[NewFile]:
    """The .eml and its attachments as new documents (their ids go into `ids`, in order)."""
    email = prepared.email
    incoming = line.direction is Direction.INCOMING
    dated: dict[str, Any] = {"document_date": line.on_date,
                             "received_on": line.on_date if incoming else None,
                             "sent_on": None if incoming else line.on_date}
    title = email.subject or f"E-mail from {email.from_text}"
    out = [NewFile(stored=prepared.eml, file_name=email.file_name, document_id=uuid.uuid4(),
                   meta=DocumentMeta(title=title[:300], category=DocumentCategory.CORRESPONDENCE,
                                     author=email.from_text[:200], source=MESSAGE_SOURCE,
                                     **dated))]
    for attachment, stored in zip(email.attachments, prepared.attachments, strict=True):
        out.append(NewFile(stored=stored, file_name=attachment.file_name,
                           document_id=uuid.uuid4(),
                           meta=DocumentMeta(category=DocumentCategory.OTHER,
                                             source=ATTACHMENT_SOURCE, **dated)))
    ids.extend(f.document_id for f in out if f.document_id is not None)
    return out


# -- the whole job, for the CLI and the GUI's worker --------------------------------------------
Writer = Callable[..., Any]  # Practice.write: (service, **kwargs) -> result
ReaderFn = Callable[..., Any]  # Practice.read: (fn, *args, **kwargs) -> result


def store_emails(store: BlobStore, emails: Sequence[ParsedEmail]) -> list[PreparedEmail]:
    """Put every e-mail's files in the store (outside any transaction); if that fails part-way,
    what this call newly stored is removed again."""
    prepared: list[PreparedEmail] = []
    try:
        for email in emails:
            eml = store.put_bytes(email.raw)
            attachments: list[Stored] = []
            prepared.append(PreparedEmail(email, eml, ()))
            for attachment in email.attachments:
                attachments.append(store.put_bytes(attachment.data))
                prepared[-1] = PreparedEmail(email, eml, tuple(attachments))
    except BaseException:
        discard_new(store, stored_by(prepared))
        raise
    return prepared


def stored_by(prepared: Sequence[PreparedEmail]) -> list[Stored]:
    """Every file put in the store for these e-mails (for discard_new after a failure, and
    after success for the files of skipped messages: pass `blob_recorded` as still_used)."""
    return [item for p in prepared for item in (p.eml, *p.attachments)]


def import_emails(write: Writer, read: ReaderFn, store: BlobStore, *, case_id: uuid.UUID,
                  emails: Sequence[ParsedEmail], dry_run: bool = False,
                  actor_staff_id: uuid.UUID | None = None) -> EmlImportResult:
    """Store the e-mails' files, then record them in one transaction; nothing is left behind
    if any of it fails (files this call newly stored are removed again).

    The GUI does the same in steps on its worker: store_emails, then record_emails as one
    write, then discard_new(store, stored_by(prepared), still_used=blob_recorded).
    """
    if not emails:
        raise InvalidInput("No e-mails were given.", field="file")
    if dry_run:
        result: EmlImportResult = read(plan_import, case_id=case_id, emails=emails)
        return result
    prepared = store_emails(store, emails)

    def still_used(sha256: str) -> bool:
        return bool(read(blob_recorded, sha256))

    try:
        _changes, result = write(record_emails, case_id=case_id, emails=prepared,
                                 actor_staff_id=actor_staff_id)
    except BaseException:
        discard_new(store, stored_by(prepared), still_used)
        raise
    # The files of skipped messages (already imported) that this call stored are not needed.
    discard_new(store, stored_by(prepared), still_used)
    return result

"""A practice with a case's correspondence and document requests (built through the services),
the two case tabs over it, and saved e-mails (.eml) to import."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

from casedesk.persistence.practice import Practice
from casedesk.services import (
    cases,
    contacts,
    correspondence,
    document_requests,
    documents,
    parties,
    staff,
)
from casedesk.services.documents import DocumentMeta, NewFile

Ids = dict[str, uuid.UUID]
TODAY = date.today()
CASE_LABEL = "2026-CV-0142 · Smith v. Acme Logistics"


def _doc(practice: Practice, case_id: uuid.UUID, file_name: str, data: bytes,
         **meta: Any) -> uuid.UUID:
    stored = practice.blobs.put_bytes(data)
    _c, ids = practice.write(documents.add_documents, case_id=case_id, files=[
        NewFile(stored=stored, file_name=file_name, meta=DocumentMeta(**meta))])
    return uuid.UUID(str(ids[0]))


def build(practice: Practice) -> Ids:
    """Smith v. Acme (client, opposing party and counsel, four documents, five entries of
    correspondence, five requests: received, overdue, due soon, no date, withdrawn) and an
    empty second case."""
    w = practice.write
    ids: Ids = {"alice": uuid.uuid4(), "paul": uuid.uuid4()}
    w(staff.add_staff, name="Alice Avery", role="attorney", email="alice@avery-law.com",
      staff_id=ids["alice"])
    w(staff.add_staff, name="Paul Park", role="paralegal", email="paul@avery-law.com",
      staff_id=ids["paul"])
    _c, ids["smith"] = w(contacts.create_contact, name="John Smith",
                         email="john.smith@example.com", phone="+1 312 555 0142")
    _c, ids["acme"] = w(contacts.create_contact, name="Acme Logistics, Inc.",
                        kind="organization")
    _c, ids["reyes"] = w(contacts.create_contact, name="Dana Reyes",
                         email="dana@reyesmoss.com", organization="Reyes & Moss LLP")
    _c, ids["case"] = w(cases.create_case, number="2026-CV-0142",
                        title="Smith v. Acme Logistics", status="open",
                        opened_on=TODAY - timedelta(days=60), practice_area="Civil litigation",
                        responsible_staff_id=ids["alice"])
    _c, ids["other"] = w(cases.create_case, number="2026-CV-0107", title="Estate of Brown",
                         status="open")
    case = ids["case"]
    w(parties.add_party, case_id=case, contact_id=ids["smith"], role="client")
    w(parties.add_party, case_id=case, contact_id=ids["reyes"], role="opposing_counsel")
    w(parties.add_party, case_id=case, contact_id=ids["acme"], role="opposing_party",
      represented_by_id=ids["reyes"])
    ids["engagement"] = _doc(practice, case, "Engagement letter.docx", b"PK engagement",
                             title="Engagement letter", category="contract")
    ids["complaint"] = _doc(practice, case, "Complaint.pdf", b"%PDF complaint",
                            title="Complaint", category="pleading",
                            document_date=TODAY - timedelta(days=40))
    ids["statements"] = _doc(practice, case, "Bank statements Jan-Mar.pdf", b"%PDF bank",
                             title="Bank statements Jan–Mar", category="evidence")
    ids["notes"] = _doc(practice, case, "Call notes.txt", b"Call notes: offer of 40k.",
                        title="Call notes 2 March", category="note")

    def log(key: str, days_ago: int, **kwargs: Any) -> None:
        _c, ids[key] = w(correspondence.add_correspondence, case_id=case,
                         on_date=TODAY - timedelta(days=days_ago), **kwargs)

    log("letter", 30, kind="letter", direction="out", subject="Engagement terms",
        from_text="Alice Avery", to_text="John Smith", contact_id=ids["smith"],
        staff_id=ids["alice"], summary="Signed engagement letter sent for counter-signature.",
        document_ids=[ids["engagement"]])
    log("notice", 20, kind="court_notice", direction="in",
        subject="Notice of hearing on motion to dismiss", from_text="Clerk, N.D. Ill.",
        to_text="Alice Avery", staff_id=ids["alice"],
        summary="Hearing set before Judge Okafor, courtroom 1425.")
    log("meeting", 9, kind="meeting", direction="out", subject="Deposition preparation",
        from_text="Alice Avery", to_text="John Smith", contact_id=ids["smith"],
        staff_id=ids["alice"], summary="Went through the timeline and the exhibits.\n"
        "Client to bring the original invoices.")
    log("email", 5, kind="email", direction="in", subject="Re: Initial disclosures",
        from_text="Dana Reyes <dana@reyesmoss.com>", to_text="Alice Avery",
        contact_id=ids["reyes"], staff_id=ids["alice"],
        summary="Opposing counsel asks for a two-week extension.", message_id="<abc@rm>")
    log("call", 2, kind="call", direction="in",
        subject="Client called about the settlement offer", from_text="John Smith",
        to_text="Paul Park", contact_id=ids["smith"], staff_id=ids["paul"],
        at=datetime.combine(TODAY - timedelta(days=2), datetime.min.time())
        .replace(hour=14, minute=30).astimezone(),
        summary="Mr Smith would accept 40k if paid within 30 days. Wants a call back "
        "from Alice before Friday.", document_ids=[ids["notes"], ids["complaint"]])

    def ask(key: str, item: str, asked_ago: int, due_in: int | None, **more: Any) -> None:
        _c, ids[key] = w(document_requests.add_request, case_id=case, item=item,
                         requested_on=TODAY - timedelta(days=asked_ago),
                         due_on=None if due_in is None else TODAY + timedelta(days=due_in),
                         contact_id=ids["smith"], **more)

    ask("req_statements", "Bank statements Jan–Mar", 30, -10)
    w(document_requests.mark_received, request_id=ids["req_statements"],
      received_on=TODAY - timedelta(days=12), document_id=ids["statements"])
    ask("req_paystubs", "Pay stubs for the last six months", 21, -3,
        notes="All pages, including the blank ones")
    ask("req_medical", "Medical records from Dr. Lee", 7, 10)
    ask("req_tax", "Tax returns 2024 and 2025", 7, None)
    ask("req_lease", "Old warehouse lease", 21, 7)
    w(document_requests.withdraw_request, request_id=ids["req_lease"])
    return ids


def eml_bytes(subject: str, *, sender: str = "John Smith <john.smith@example.com>",
              to: str = "Alice Avery <alice@avery-law.com>", body: str = "Hello Alice,",
              attachments: tuple[tuple[str, bytes], ...] = (),
              sent: datetime | None = None, message_id: str | None = None) -> bytes:
    """A saved e-mail as Outlook or Thunderbird would write it."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(sent or datetime(2026, 3, 4, 15, 0, tzinfo=UTC))
    message["Message-ID"] = message_id or make_msgid(domain="example.com")
    message.set_content(body)
    for name, data in attachments:
        message.add_attachment(data, maintype="application", subtype="pdf", filename=name)
    return message.as_bytes()


def write_eml(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def read(db: Any, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Read with a Practice of its own (what the tab wrote is committed by then)."""
    with Practice(db.location) as practice:
        return practice.read(fn, *args, **kwargs)

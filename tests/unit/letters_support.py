"""Shared by the letter tests: a practice with one well-filled case, and small .docx builders."""

from __future__ import annotations

import io
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from docx import Document

from casedesk.persistence.practice import Practice
from casedesk.services import cases, contacts, document_requests, events, firm, parties, staff
from casedesk.services.events import EventInput

TODAY = date(2026, 11, 27)
AWKWARD = "Smith & Jones <Acme> \"Quoted\" 'Single' LLC"


def make_docx(*paragraphs: str | Sequence[str], header: str | None = None,
              footer: str | None = None) -> bytes:
    """A .docx whose body has these paragraphs (a list is one paragraph of several runs)."""
    doc = Document()
    for paragraph in paragraphs:
        para = doc.add_paragraph()
        for run in ([paragraph] if isinstance(paragraph, str) else paragraph):
            para.add_run(run)
    if header is not None:
        doc.sections[0].header.paragraphs[0].text = header
    if footer is not None:
        doc.sections[0].footer.paragraphs[0].text = footer
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def docx_text(data: bytes) -> dict[str, list[str]]:
    """Body paragraphs (tables' cells as paragraphs too), header and footer texts."""
    doc = Document(io.BytesIO(data))
    body = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        body.extend(c.text for row in table.rows for c in row.cells)
    section = doc.sections[0]
    headers = [p.text for h in (section.header, section.first_page_header) for p in h.paragraphs]
    footers = [p.text for f in (section.footer, section.first_page_footer) for p in f.paragraphs]
    return {"body": body, "header": headers, "footer": footers}


def build_letter_practice(practice: Practice) -> dict[str, Any]:
    """Hale & Ortiz LLP (New York) with case 2026-CV-0042 in a Chicago court: a client with an
    awkward name, opposing counsel, court dates, deadlines and document requests."""
    ids: dict[str, Any] = {"alice": uuid.uuid4(), "bob": uuid.uuid4()}
    practice.write(firm.save_firm, name="Hale & Ortiz LLP",
                   address="200 W. Madison St., Suite 2100\nChicago, IL 60606",
                   phone="(312) 555-0100", email="office@hale-ortiz.example",
                   time_zone="America/New_York")
    practice.write(staff.add_staff, name="Alice Attorney", role="attorney",
                   email="alice@hale-ortiz.example", bar_number="6312457",
                   staff_id=ids["alice"])
    practice.write(staff.add_staff, name="Bob Paralegal", role="paralegal",
                   email="bob@hale-ortiz.example", staff_id=ids["bob"])
    _c, ids["case"] = practice.write(
        cases.create_case, number="2026-CV-0042", title="Garcia v. Northshore Logistics, Inc.",
        court="U.S. District Court, N.D. Ill.", court_time_zone="America/Chicago",
        judge="Hon. Rebecca Lin", docket_number="1:26-cv-01234", practice_area="Employment",
        opened_on="2026-03-02", status="open", responsible_staff_id=ids["alice"])
    _c, ids["bare_case"] = practice.write(cases.create_case, number="2026-CV-0043",
                                          title="Matter without people", status="open")
    _c, ids["client"] = practice.write(
        contacts.create_contact, name=AWKWARD, kind="organization",
        address="418 Oak Street\nEvanston, IL 60201", email="office@smith-jones.example")
    _c, ids["counsel"] = practice.write(
        contacts.create_contact, name="Jo Lee", organization="Lee & Park LLP",
        address="1 Court Sq.\nChicago, IL 60602", email="jlee@leepark.example")
    _c, ids["opponent"] = practice.write(contacts.create_contact,
                                         name="Northshore Logistics, Inc.",
                                         kind="organization")
    practice.write(parties.add_party, case_id=ids["case"], contact_id=ids["client"],
                   role="client")
    practice.write(parties.add_party, case_id=ids["case"], contact_id=ids["counsel"],
                   role="opposing_counsel")
    practice.write(parties.add_party, case_id=ids["case"], contact_id=ids["opponent"],
                   role="opposing_party", represented_by_id=ids["counsel"])

    def event(**kw: Any) -> uuid.UUID:
        event_id = uuid.uuid4()
        status = kw.pop("status", None)
        practice.write(events.add_event, data=EventInput(case_id=ids["case"], **kw),
                       event_id=event_id, allow_double_booking=True)
        if status:
            practice.write(events.set_event_status, event_id=event_id, status=status)
        return event_id

    # 9:30 in Chicago (the court's zone), on a Monday.
    event(kind="hearing", title="Hearing on motion to dismiss",
          starts_at=datetime(2026, 12, 14, 15, 30, tzinfo=UTC), location="Courtroom 1703")
    event(kind="meeting", title="Prepare testimony", starts_at=datetime(2026, 12, 10, 10, 0),
          location="Our office")
    event(kind="filing_deadline", title="Reply brief due", on_date="2026-12-21")
    event(kind="statute_of_limitations", title="Limitations on the wage claim",
          on_date="2027-03-01")
    event(kind="internal_deadline", title="Draft reply for review", on_date="2026-12-15")
    event(kind="reminder", title="Call the court reporter", starts_at=datetime(2026, 12, 1, 9))
    event(kind="hearing", title="Old hearing", starts_at=datetime(2026, 11, 2, 9, 0))
    event(kind="conference", title="Vacated conference", starts_at=datetime(2026, 12, 2, 9),
          status="vacated")

    def request(item: str, due: str | None, **kw: Any) -> uuid.UUID:
        _c, request_id = practice.write(document_requests.add_request, case_id=ids["case"],
                                        item=item, requested_on="2026-11-20", due_on=due)
        if kw.get("received"):
            practice.write(document_requests.mark_received, request_id=request_id,
                           received_on="2026-11-25")
        return request_id

    request("Pay stubs for 2026", None)
    request("W-2 forms & 1099s", "2026-12-04")
    request("Signed retainer", "2026-11-25")  # overdue on TODAY
    request("Bank statements", "2026-12-01", received=True)
    return ids

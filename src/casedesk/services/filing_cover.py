"""A filing package's cover letter: filled from a Word template, saved with the case.

The letter is made by `services.letters` (sandboxed docxtpl, checked template) with the
package as `filing` (see `filings.filing_context`), addressed by default to the clerk of the
case's court; it is saved as a correspondence document of the case, logged as an outgoing
letter, and becomes the filing's cover letter, which an export puts first as
"00 - Cover letter.docx".
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlmodel import Session

from casedesk.domain.changes import Changes
from casedesk.persistence.blob_store import BlobStore
from casedesk.services.filings import filing_context, live_filing, set_cover_document


def generate_cover(session: Session, *, store: BlobStore, filing_id: uuid.UUID,
                   template: str | bytes, recipient_contact_id: uuid.UUID | None = None,
                   sender_staff_id: uuid.UUID | None = None, today: date | None = None,
                   actor_staff_id: uuid.UUID | None = None) -> tuple[Changes, uuid.UUID]:
    """Fill `template` (a library name, or .docx bytes) for the filing and make it its cover.

    Returns (changes, the new document's id). Template problems raise as `letters` raises them
    (TemplateProblems, InvalidInput naming the missing values); nothing is saved then.
    """
    from casedesk.services.letters import generate_letter

    filing = live_filing(session, filing_id)
    changes, document_id, _entry_id = generate_letter(
        session, store=store, case_id=filing.case_id, template_name_or_bytes=template,
        recipient_contact_id=recipient_contact_id, sender_staff_id=sender_staff_id,
        title=f"Cover letter – {filing.title}", today=today,
        extra={"filing": filing_context(session, filing.id)}, actor_staff_id=actor_staff_id)
    changes |= set_cover_document(session, filing_id=filing.id, document_id=document_id)
    return changes, document_id

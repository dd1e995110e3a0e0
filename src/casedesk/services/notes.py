"""Notes on a case: who wrote what, when."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Session

from casedesk.domain.changes import Changes
from casedesk.domain.models import Case, Note, Staff
from casedesk.domain.types import utcnow
from casedesk.services.common import (
    check_version,
    get_live,
    log_activity,
    required_text,
    soft_delete,
)


def add_note(session: Session, *, case_id: uuid.UUID, text: str,
             author_staff_id: uuid.UUID | None = None, created_at: datetime | None = None,
             note_id: uuid.UUID | None = None) -> Changes:
    case = get_live(session, Case, case_id, "case")
    if author_staff_id is not None:
        get_live(session, Staff, author_staff_id, "staff member")
    body = required_text(text, "text", "The note", max_len=100_000, multiline=True)
    when = created_at or utcnow()
    session.add(Note(id=note_id or uuid.uuid4(), case_id=case.id, text=body,
                     author_staff_id=author_staff_id, created_at=when, updated_at=when))
    log_activity(session, case_id=case.id, action="note_added",
                 summary=f"Note: {body.splitlines()[0][:80]}", staff_id=author_staff_id)
    return Changes(notes=True, cases=True)


def edit_note(session: Session, *, note_id: uuid.UUID, text: str,
              expected_version: int | None = None,
              actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Change a note's text; a real change goes in the case history."""
    note = get_live(session, Note, note_id, "note")
    check_version(note, expected_version, "note")
    body = required_text(text, "text", "The note", max_len=100_000, multiline=True)
    if body != note.text:
        note.text = body
        log_activity(session, case_id=note.case_id, action="note_edited",
                     summary=f"Note edited: {body.splitlines()[0][:80]}", staff_id=actor_staff_id)
    return Changes(notes=True, cases=True)


def delete_note(session: Session, *, note_id: uuid.UUID,
                actor_staff_id: uuid.UUID | None = None) -> Changes:
    note = get_live(session, Note, note_id, "note")
    soft_delete(note)
    log_activity(session, case_id=note.case_id, action="note_deleted",
                 summary=f"Note deleted: {note.text.splitlines()[0][:80]}",
                 staff_id=actor_staff_id)
    return Changes(notes=True, cases=True)

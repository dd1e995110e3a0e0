"""Saving a filing the way the GUI edits it: its details and its whole ordered document list in
one unit of work; and its cover letter in two steps (prepare and show, then save).

The filing dialog edits a copy (add, remove, move, label) and saves once, so Cancel really
cancels and a failure part-way changes nothing. `save_filing` turns the edited list into the
fine-grained calls of `services/filings.py` (which keep their rules: documents change only
while a filing is a draft or ready, a ready filing keeps at least one document). New documents
are added before old ones are taken out, so replacing every document of a ready filing works.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import Session

from casedesk.domain.changes import Changes
from casedesk.domain.errors import InvalidInput
from casedesk.persistence.blob_store import BlobStore
from casedesk.services.filings import (
    add_documents,
    create_filing,
    edit_filing,
    filing_context,
    items_of,
    live_filing,
    remove_item,
    reorder_items,
    set_cover_document,
    set_label,
)

if TYPE_CHECKING:
    from casedesk.services.letters import LetterDraft


@dataclass(frozen=True, slots=True)
class PackageDocument:
    """One document of the package as edited: which document, and its label ("Exhibit A")."""

    document_id: uuid.UUID
    label: str = ""


def save_filing(session: Session, *, case_id: uuid.UUID, title: str, court: str,
                deadline_event_id: uuid.UUID | None, notes: str = "",
                documents: Sequence[PackageDocument] = (),
                filing_id: uuid.UUID | None = None, expected_version: int | None = None,
                actor_staff_id: uuid.UUID | None = None) -> tuple[Changes, uuid.UUID]:
    """Create a filing (no `filing_id`) or change one, with its documents in this order.

    Returns (changes, the filing's id). An existing filing is checked against
    `expected_version` once, before anything changes.
    """
    _check_unique(documents)
    if filing_id is None:
        changes, new_id = create_filing(session, case_id=case_id, title=title, court=court,
                                        deadline_event_id=deadline_event_id, notes=notes,
                                        actor_staff_id=actor_staff_id)
        if documents:
            changes |= add_documents(session, filing_id=new_id,
                                     document_ids=[d.document_id for d in documents],
                                     labels=[d.label for d in documents])
        return changes, new_id
    filing = live_filing(session, filing_id, expected_version)
    if filing.case_id != case_id:
        raise InvalidInput("This filing belongs to another case.", field="filing")
    changes = edit_filing(session, filing_id=filing.id, title=title, court=court,
                          deadline_event_id=deadline_event_id, notes=notes,
                          actor_staff_id=actor_staff_id)
    return changes | _apply_documents(session, filing.id, documents), filing.id


def _check_unique(documents: Sequence[PackageDocument]) -> None:
    seen: set[uuid.UUID] = set()
    for n, doc in enumerate(documents, start=1):
        if doc.document_id in seen:
            raise InvalidInput(f"Number {n} of the package is listed twice; a document goes "
                               "into a filing once.", field="documents")
        seen.add(doc.document_id)


def _apply_documents(session: Session, filing_id: uuid.UUID,
                     wanted: Sequence[PackageDocument]) -> Changes:
    """Make the filing's items match `wanted` (the services refuse it when not editable)."""
    items = items_of(session, filing_id)
    labels = {d.document_id: d.label.strip() for d in wanted}
    order = [d.document_id for d in wanted]
    if [i.document_id for i in items] == order and all(
            i.label == labels[i.document_id] for i in items):
        return Changes()  # nothing to do (and nothing to refuse on a submitted filing)
    changes = Changes()
    present = {i.document_id for i in items}
    new = [d for d in wanted if d.document_id not in present]
    if new:
        changes |= add_documents(session, filing_id=filing_id,
                                 document_ids=[d.document_id for d in new],
                                 labels=[d.label for d in new])
    for item in items:
        if item.document_id not in labels and item.id is not None:
            changes |= remove_item(session, filing_id=filing_id, item_id=item.id)
    now = items_of(session, filing_id)
    by_document = {i.document_id: i for i in now}
    wanted_ids = [by_document[d].id for d in order]
    if [i.id for i in now] != wanted_ids:
        changes |= reorder_items(session, filing_id=filing_id,
                                 item_ids=[i for i in wanted_ids if i is not None])
    for item in now:
        label = labels[item.document_id]
        if item.document_id in present and item.label != label and item.id is not None:
            changes |= set_label(session, filing_id=filing_id, item_id=item.id, label=label)
    return changes


# -- the cover letter, shown before it is saved ------------------------------------------------
def prepare_cover(session: Session, *, store: BlobStore, filing_id: uuid.UUID,
                  template: str, sender_staff_id: uuid.UUID | None = None
                  ) -> tuple[LetterDraft, str]:
    """Fill a library template for the filing without saving: (the draft, its text preview).

    The same letter `filing_cover.generate_cover` makes (to the clerk of the case's court by
    default, titled "Cover letter – <filing>"), split so the GUI can show it first.
    """
    from casedesk.services.letters import prepare_letter, preview_text

    filing = live_filing(session, filing_id)
    draft = prepare_letter(session, case_id=filing.case_id, template=template, store=store,
                           sender_staff_id=sender_staff_id,
                           title=f"Cover letter – {filing.title}",
                           extra={"filing": filing_context(session, filing.id)})
    return draft, preview_text(draft.data)


def save_cover(session: Session, *, store: BlobStore, filing_id: uuid.UUID,
               draft: LetterDraft, actor_staff_id: uuid.UUID | None = None
               ) -> tuple[Changes, uuid.UUID]:
    """Save a prepared cover letter to the case (a document and a logged outgoing letter) and
    make it the filing's cover letter. Returns (changes, the new document's id)."""
    from casedesk.services.letters import save_letter

    filing = live_filing(session, filing_id)
    if draft.case_id != filing.case_id:
        raise InvalidInput("This letter was prepared for another case.", field="draft")
    changes, document_id, _entry_id = save_letter(session, store=store, draft=draft,
                                                  actor_staff_id=actor_staff_id)
    changes |= set_cover_document(session, filing_id=filing.id, document_id=document_id)
    return changes, document_id

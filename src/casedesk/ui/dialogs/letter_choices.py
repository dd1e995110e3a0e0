"""What the letter dialog works with, read and made on the DB worker: the case and its parties
(each contact once, with its roles), the template library less the filing cover letter, the
active staff; a letter filled without saving, with its text; the saved letter's version."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from casedesk.domain.enums import PartyRole, label
from casedesk.domain.rows import PartyRow

COVER_TEMPLATE_FILE = "court_filing_cover_letter.docx"  # made from a filing package instead
REQUEST_TEMPLATE_FILE = "request_for_documents.docx"
DEFAULT_TEMPLATE_FILE = "client_status_update.docx"
MAX_TITLE = 300


@dataclass(frozen=True, slots=True)
class LetterCase:
    """The case a letter is written for, with the parties it can be written to."""

    id: uuid.UUID
    number: str
    title: str
    parties: tuple[PartyRow, ...] = ()
    responsible_staff_id: uuid.UUID | None = None

    @property
    def label(self) -> str:
        return f"{self.number} · {self.title}"


@dataclass(frozen=True, slots=True)
class LetterChoices:
    """What the dialog offers: read on the worker before it opens."""

    case: LetterCase
    templates: tuple[Any, ...]  # services.letters.TemplateInfo
    staff: tuple[Any, ...]  # domain.rows.StaffRow (active staff)


def load_letter_choices(session: Any, case_id: uuid.UUID) -> LetterChoices:
    """The case, its parties, the template library (less the filing cover letter, which is
    made from the Filings tab) and the active staff."""
    from casedesk.services.cases import get_case_detail
    from casedesk.services.letters import list_templates
    from casedesk.services.staff import list_staff

    detail = get_case_detail(session, case_id, activity_limit=0)
    case = LetterCase(detail.id, detail.number, detail.title, tuple(detail.parties),
                      detail.responsible_staff_id)
    templates = tuple(t for t in list_templates(session)
                      if not (t.shipped and t.file_name == COVER_TEMPLATE_FILE))
    return LetterChoices(case, templates, tuple(list_staff(session, include_inactive=False)))


@dataclass(frozen=True, slots=True)
class Recipient:
    """A contact the letter can go to: each of the case's contacts once, with its roles."""

    contact_id: uuid.UUID
    name: str
    roles: tuple[PartyRole, ...]
    organization: str = ""

    @property
    def text(self) -> str:
        """'Jo Lee, Lee & Park LLP (Opposing counsel)'."""
        org = f", {self.organization}" if self.organization and \
            self.organization != self.name else ""
        return f"{self.name}{org} ({', '.join(label(r) for r in self.roles)})"


def recipients_of(parties: Sequence[PartyRow]) -> list[Recipient]:
    found: dict[uuid.UUID, Recipient] = {}
    for party in parties:
        known = found.get(party.contact_id)
        if known is None:
            found[party.contact_id] = Recipient(party.contact_id, party.name, (party.role,),
                                                party.organization)
        elif party.role not in known.roles:
            found[party.contact_id] = dataclasses.replace(known, roles=(*known.roles,
                                                                        party.role))
    return list(found.values())


def prepare_preview(session: Any, **kwargs: Any) -> tuple[Any, str]:
    """A letter filled without saving (services.letters.prepare_letter), and its text."""
    from casedesk.services.letters import prepare_letter, preview_text

    draft = prepare_letter(session, **kwargs)
    return draft, preview_text(draft.data)


def saved_version(session: Any, document_id: uuid.UUID) -> Any:
    """The saved letter's current version, to open a read-only copy of it."""
    from casedesk.services.documents import get_document
    from casedesk.ui.widgets.documents_actions import VersionRef

    doc = get_document(session, document_id)
    return VersionRef(doc.id, doc.current_version, doc.sha256, doc.file_name)


def template_matches(info: Any, wanted: str) -> bool:
    """Whether a template is the one named (its name or file name, any case)."""
    key = " ".join(wanted.casefold().split())
    return key in (" ".join(info.name.casefold().split()), info.file_name.casefold())

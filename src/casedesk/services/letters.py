"""Letters from Word templates: the template library, and generating a letter into a case.

A letter is made in two steps so the GUI can show it before anything is saved:
`prepare_letter` (read-only: context, check, render) gives a `LetterDraft`; `save_letter`
stores its bytes, records it as a correspondence document of the case and logs it as an
outgoing letter. `generate_letter` does both in one unit of work. The pure parts (schema,
check, sandboxed rendering, preview) live in `casedesk.export.letter_*`; they are re-exported
here so callers need one module.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from casedesk.domain.changes import Changes
from casedesk.domain.enums import CorrespondenceKind, Direction, DocumentCategory, PartyRole
from casedesk.domain.errors import InvalidInput, NotFound
from casedesk.domain.models import Case, LetterTemplate
from casedesk.domain.types import utcnow
from casedesk.export.docx_parts import MAX_TEMPLATE_BYTES, normalised_docx, preview_text
from casedesk.export.letter_check import TemplateCheck, TemplateProblem, check_template
from casedesk.export.letter_render import TemplateProblems, render_letter
from casedesk.persistence.blob_store import BlobStore, Stored
from casedesk.services.common import get_live, optional_text, required_text, soft_delete
from casedesk.services.documents import DocumentMeta, NewFile, add_documents, safe_file_name
from casedesk.services.letters_context import build_context, firm_today, recipient_id

__all__ = [
    "LetterDraft",
    "TemplateCheck",
    "TemplateInfo",
    "TemplateProblem",
    "TemplateProblems",
    "add_template",
    "add_template_file",
    "build_context",
    "check_template",
    "delete_template",
    "find_template",
    "generate_letter",
    "list_templates",
    "prepare_letter",
    "preview_text",
    "render_letter",
    "save_letter",
    "shipped_template",
    "shipped_template_bytes",
    "shipped_templates",
    "template_bytes",
]


@dataclass(frozen=True, slots=True)
class TemplateInfo:
    """A template of the library: shipped with casedesk, or added by the practice."""

    name: str
    description: str
    shipped: bool
    file_name: str
    recipient_role: str = "client"  # whom it is written to by default (a PartyRole value)
    id: uuid.UUID | None = None  # user templates only
    sha256: str = ""
    version: int = 0


# -- shipped templates -------------------------------------------------------------------------
def _resources() -> Any:
    return files("casedesk.resources").joinpath("templates")


@lru_cache(maxsize=1)
def shipped_templates() -> tuple[TemplateInfo, ...]:
    """The templates casedesk ships (resources/templates, listed in templates.json)."""
    entries = json.loads(_resources().joinpath("templates.json").read_text(encoding="utf-8"))
    return tuple(TemplateInfo(name=e["name"], description=e["description"], shipped=True,
                              file_name=e["file"], recipient_role=e.get("recipient_role",
                                                                        "client"))
                 for e in entries)


def shipped_template(name: str) -> TemplateInfo:
    """A shipped template by name or file name (case-insensitive)."""
    wanted = _key(name)
    for info in shipped_templates():
        if wanted in (_key(info.name), _key(info.file_name),
                      _key(info.file_name.rpartition(".")[0])):
            return info
    raise NotFound("template named", repr(name))


def shipped_template_bytes(info: TemplateInfo) -> bytes:
    data: bytes = _resources().joinpath(info.file_name).read_bytes()
    return data


# -- the library -------------------------------------------------------------------------------
def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def _user_rows(session: Session) -> list[LetterTemplate]:
    return list(session.exec(select(LetterTemplate)
                             .where(col(LetterTemplate.deleted_at).is_(None))
                             .order_by(col(LetterTemplate.name))).all())


def _user_info(row: LetterTemplate) -> TemplateInfo:
    return TemplateInfo(name=row.name, description=row.description, shipped=False,
                        file_name=row.file_name, id=row.id, sha256=row.sha256,
                        version=row.version)


def list_templates(session: Session) -> list[TemplateInfo]:
    """Shipped templates first (in their order), then the practice's own by name."""
    return [*shipped_templates(), *(_user_info(r) for r in _user_rows(session))]


def find_template(session: Session, name: str) -> TemplateInfo:
    """A library template by name (case-insensitive), or a shipped one by its file name."""
    wanted = _key(name)
    for info in list_templates(session):
        if wanted in (_key(info.name), _key(info.file_name),
                      _key(info.file_name.rpartition(".")[0])):
            return info
    names = ", ".join(i.name for i in list_templates(session))
    raise NotFound("template named", f"{name!r} (the library has: {names})")


def template_bytes(session: Session, *, store: BlobStore, name: str | None = None,
                   template_id: uuid.UUID | None = None) -> bytes:
    """The .docx bytes of a library template, by name or (user templates) by id."""
    if template_id is not None:
        return store.read_bytes(get_live(session, LetterTemplate, template_id,
                                         "template").sha256)
    if name is None:
        raise InvalidInput("Name a template.", field="template")
    info = find_template(session, name)
    return shipped_template_bytes(info) if info.shipped else store.read_bytes(info.sha256)


def add_template(session: Session, *, store: BlobStore, stored: Stored, name: str,
                 description: str = "", file_name: str = "",
                 template_id: uuid.UUID | None = None) -> tuple[Changes, uuid.UUID]:
    """Add a template already put in the store, refusing one that fails the check
    (TemplateProblems lists why) or whose name is taken."""
    from casedesk.domain.models import Blob

    clean = required_text(name, "name", "The template's name", max_len=120)
    if any(_key(info.name) == _key(clean) for info in list_templates(session)):
        raise InvalidInput(f"There is already a template called {clean!r}.", field="name")
    check = check_template(store.read_bytes(stored.sha256))
    if not check.ok:
        raise TemplateProblems(check, what=f"The template {clean!r}")
    if session.get(Blob, stored.sha256) is None:
        session.add(Blob(sha256=stored.sha256, size=stored.size))
        session.flush()
    row = LetterTemplate(id=template_id or uuid.uuid4(), name=clean,
                         description=optional_text(description, max_len=500,
                                                   field="description",
                                                   label="The description"),
                         sha256=stored.sha256, file_name=safe_file_name(file_name or
                                                                        f"{clean}.docx"))
    session.add(row)
    return Changes(documents=True), row.id


Writer = Callable[..., Any]


def add_template_file(write: Writer, read: Callable[..., Any], store: BlobStore, *,
                      path: Path, name: str, description: str = "") -> uuid.UUID:
    """Check a .docx file, store it and add it to the library; nothing is left if it fails."""
    from casedesk.services.documents import blob_recorded

    data = read_template_file(path)
    check = check_template(data)
    if not check.ok:
        raise TemplateProblems(check, what=path.name)
    stored = store.put_bytes(data)
    try:
        _changes, template_id = write(add_template, store=store, stored=stored, name=name,
                                      description=description, file_name=path.name)
    except BaseException:
        if stored.created and not read(blob_recorded, stored.sha256):
            store.remove(stored.sha256)
        raise
    return uuid.UUID(str(template_id))


def read_template_file(path: Path) -> bytes:
    """A template file's bytes (never more than the size limit is read)."""
    if path.is_dir():
        raise InvalidInput(f"{path} is a folder; name a Word file (.docx).", field="template")
    if not path.is_file():
        raise InvalidInput(f"There is no file {path}.", field="template")
    with path.open("rb") as handle:
        data = handle.read(MAX_TEMPLATE_BYTES + 1)
    return normalised_docx(data, what=path.name)


def delete_template(session: Session, *, template_id: uuid.UUID) -> Changes:
    """Remove a practice template from the library (soft; letters made from it stay)."""
    soft_delete(get_live(session, LetterTemplate, template_id, "template"))
    return Changes(documents=True)


# -- letters -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class LetterDraft:
    """A filled letter not saved yet (show `preview_text(draft.data)`, then `save_letter`)."""

    case_id: uuid.UUID
    template_name: str
    data: bytes  # the .docx
    title: str
    file_name: str
    on_date: date
    recipient: str  # as written in the log: "Maria Garcia" or "Jo Lee, Lee & Park LLP"
    recipient_contact_id: uuid.UUID | None  # None for the court clerk nobody entered
    sender: str
    sender_staff_id: uuid.UUID | None
    context: Mapping[str, Any]  # what the template was filled with

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _resolve_template(session: Session, template: str | bytes, store: BlobStore | None,
                      name: str | None) -> tuple[bytes, str, str | None]:
    if isinstance(template, bytes):
        return template, name or "Custom template", None
    info = find_template(session, template)
    if info.shipped:
        data = shipped_template_bytes(info)
    elif store is None:
        raise InvalidInput("The practice's own templates need the document store.",
                           field="template")
    else:
        data = store.read_bytes(info.sha256)
    return data, name or info.name, info.recipient_role


def prepare_letter(session: Session, *, case_id: uuid.UUID, template: str | bytes,
                   store: BlobStore | None = None,
                   recipient_contact_id: uuid.UUID | None = None,
                   sender_staff_id: uuid.UUID | None = None, title: str | None = None,
                   today: date | None = None, extra: Mapping[str, Any] | None = None,
                   template_name: str | None = None) -> LetterDraft:
    """Fill a template (a library name, or .docx bytes) for a case, without saving anything.

    Raises TemplateProblems when the template fails its check, InvalidInput for a missing
    recipient or sender, NotFound for an unknown case, contact, staff member or template.
    """
    data, name, role = _resolve_template(session, template, store, template_name)
    if recipient_contact_id is None and role is None and extra and "filing" in extra:
        role = PartyRole.COURT_CLERK.value
    day = today or firm_today(session)
    context = build_context(session, case_id=case_id, recipient_contact_id=recipient_contact_id,
                            sender_staff_id=sender_staff_id, today=day, extra=extra,
                            recipient_role=role)
    letter = render_letter(data, context)
    recipient = context["recipient"]
    to_text = recipient["name"] + (f", {recipient['organization']}" if recipient["organization"]
                                   and recipient["organization"] != recipient["name"] else "")
    contact_id = recipient_id(session, case_id=case_id, recipient_contact_id=recipient_contact_id,
                              recipient_role=role)
    case = get_live(session, Case, case_id, "case")
    clean_title = required_text(title or f"{name} – {recipient['name']}", "title", "The title",
                                max_len=300)
    return LetterDraft(
        case_id=case_id, template_name=name, data=letter, title=clean_title,
        file_name=safe_file_name(f"{day.isoformat()} {name} - {recipient['name']}.docx"),
        on_date=day, recipient=to_text, recipient_contact_id=contact_id,
        sender=context["sender"]["name"],
        sender_staff_id=sender_staff_id or case.responsible_staff_id, context=context)


def save_letter(session: Session, *, store: BlobStore, draft: LetterDraft,
                actor_staff_id: uuid.UUID | None = None
                ) -> tuple[Changes, uuid.UUID, uuid.UUID]:
    """Store a prepared letter, record it as a correspondence document of its case and log it
    as an outgoing letter linked to that document. Returns (changes, document id,
    correspondence id). The stored file is removed again if recording it fails."""
    from casedesk.services.correspondence import add_correspondence

    stored = store.put_bytes(draft.data)
    try:
        meta = DocumentMeta(title=draft.title, category=DocumentCategory.CORRESPONDENCE,
                            author=draft.sender, document_date=draft.on_date,
                            sent_on=draft.on_date, source=f"template: {draft.template_name}")
        changes, ids = add_documents(session, case_id=draft.case_id, files=[
            NewFile(stored=stored, file_name=draft.file_name, meta=meta)],
            actor_staff_id=actor_staff_id, added_at=utcnow())
        more, entry_id = add_correspondence(
            session, case_id=draft.case_id, kind=CorrespondenceKind.LETTER,
            direction=Direction.OUTGOING, on_date=draft.on_date, subject=draft.title,
            from_text=draft.sender, to_text=draft.recipient,
            contact_id=draft.recipient_contact_id, staff_id=draft.sender_staff_id,
            summary=f"Letter generated from the template “{draft.template_name}”.",
            document_ids=ids, actor_staff_id=actor_staff_id)
    except BaseException:
        if stored.created:
            store.remove(stored.sha256)
        raise
    return changes | more, ids[0], entry_id


def generate_letter(session: Session, *, store: BlobStore, case_id: uuid.UUID,
                    template_name_or_bytes: str | bytes,
                    recipient_contact_id: uuid.UUID | None = None,
                    sender_staff_id: uuid.UUID | None = None, title: str | None = None,
                    today: date | None = None, extra: Mapping[str, Any] | None = None,
                    template_name: str | None = None,
                    actor_staff_id: uuid.UUID | None = None
                    ) -> tuple[Changes, uuid.UUID, uuid.UUID]:
    """Fill a template for a case and save it as a document and a logged letter (one unit of
    work): `prepare_letter` then `save_letter`."""
    draft = prepare_letter(session, case_id=case_id, template=template_name_or_bytes,
                           store=store, recipient_contact_id=recipient_contact_id,
                           sender_staff_id=sender_staff_id, title=title, today=today,
                           extra=extra, template_name=template_name)
    return save_letter(session, store=store, draft=draft, actor_staff_id=actor_staff_id)

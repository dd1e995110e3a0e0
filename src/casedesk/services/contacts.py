"""Contacts: the directory of people and organizations, their aliases, and merging duplicates."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

from sqlalchemy import String, delete, func
from sqlmodel import Session, col, select

from casedesk.domain.changes import Changes
from casedesk.domain.enums import ContactKind
from casedesk.domain.errors import InvalidInput, RuleViolation
from casedesk.domain.models import Case, Contact, ContactNameKey, Party
from casedesk.domain.names import contact_keys
from casedesk.domain.rows import ContactRow
from casedesk.persistence.reader import like_terms
from casedesk.services.common import (
    check_version,
    get_live,
    log_activity,
    optional_text,
    required_text,
    soft_delete,
)


def to_row(contact: Contact, case_count: int = 0) -> ContactRow:
    return ContactRow(id=contact.id, kind=contact.kind, name=contact.name,
                      aliases=tuple(contact.aliases or ()), email=contact.email,
                      phone=contact.phone, address=contact.address,
                      organization=contact.organization, notes=contact.notes,
                      version=contact.version, case_count=case_count)


def clean_aliases(aliases: Iterable[str] | None, name: str) -> list[str]:
    """Stripped, de-duplicated aliases, without the contact's own name."""
    seen: set[str] = {name.casefold()}
    result: list[str] = []
    for alias in aliases or ():
        text = str(alias).strip()
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            result.append(text)
    return result


def _kind(value: ContactKind | str) -> ContactKind:
    try:
        return ContactKind(value)
    except ValueError:
        raise InvalidInput(f"{value!r} is not a contact kind (person, organization).",
                           field="kind") from None


def reindex_names(session: Session, contact: Contact) -> None:
    """Rebuild the conflict-search keys of one contact (name and aliases)."""
    session.execute(delete(ContactNameKey).where(col(ContactNameKey.contact_id) == contact.id))
    if contact.deleted_at is None:
        for key in sorted(contact_keys(contact.name, contact.aliases or ())):
            session.add(ContactNameKey(contact_id=contact.id, key=key))


def create_contact(session: Session, *, name: str, kind: ContactKind | str = ContactKind.PERSON,
                   aliases: Sequence[str] = (), email: str = "", phone: str = "",
                   address: str = "", organization: str = "", notes: str = "",
                   contact_id: uuid.UUID | None = None) -> tuple[Changes, uuid.UUID]:
    """Add a contact; returns its id too (callers often add it to a case next)."""
    clean_name = required_text(name, "name", "Name")
    contact = Contact(id=contact_id or uuid.uuid4(), kind=_kind(kind), name=clean_name,
                      aliases=clean_aliases(aliases, clean_name),
                      email=optional_text(email, max_len=200, field="email",
                                          label="The email address"),
                      phone=optional_text(phone, max_len=100, field="phone",
                                          label="The phone number"),
                      address=optional_text(address, max_len=1000, field="address",
                                            label="The address"),
                      organization=optional_text(organization, max_len=300, field="organization",
                                                 label="The organization"),
                      notes=optional_text(notes, field="notes", label="The notes"))
    session.add(contact)
    session.flush()
    reindex_names(session, contact)
    return Changes(contacts=True), contact.id


def update_contact(session: Session, *, contact_id: uuid.UUID,
                   expected_version: int | None = None, name: str,
                   kind: ContactKind | str = ContactKind.PERSON, aliases: Sequence[str] = (),
                   email: str = "", phone: str = "", address: str = "",
                   organization: str = "", notes: str = "") -> Changes:
    """Edit a contact. A changed name keeps the old one as a former name (for conflicts)."""
    contact = get_live(session, Contact, contact_id, "contact")
    check_version(contact, expected_version, "contact")
    new_name = required_text(name, "name", "Name")
    alias_list = list(aliases)
    if new_name != contact.name:
        alias_list.append(contact.name)  # former names stay searchable for conflict checks
    contact.name = new_name
    contact.kind = _kind(kind)
    contact.aliases = clean_aliases(alias_list, new_name)
    contact.email = optional_text(email, max_len=200, field="email", label="The email address")
    contact.phone = optional_text(phone, max_len=100, field="phone", label="The phone number")
    contact.address = optional_text(address, max_len=1000, field="address", label="The address")
    contact.organization = optional_text(organization, max_len=300, field="organization",
                                         label="The organization")
    contact.notes = optional_text(notes, field="notes", label="The notes")
    reindex_names(session, contact)
    refresh_cases_of_contacts(session, [contact.id])
    return Changes(contacts=True, parties=True, cases=True)


def get_contact(session: Session, contact_id: uuid.UUID) -> ContactRow:
    contact = get_live(session, Contact, contact_id, "contact")
    count = session.exec(
        select(func.count(func.distinct(Party.case_id))).where(
            col(Party.contact_id) == contact_id, col(Party.deleted_at).is_(None))
    ).one()
    return to_row(contact, int(count))


def refresh_cases_of_contacts(session: Session, contact_ids: Sequence[uuid.UUID]) -> None:
    """Recompute the denormalised list columns of every case these contacts are party to."""
    from casedesk.services.cases import refresh_list_columns

    case_ids = session.exec(
        select(Party.case_id).where(col(Party.contact_id).in_(contact_ids)).distinct()
    ).all()
    for case_id in case_ids:
        case = session.get(Case, case_id)
        if case is not None:
            refresh_list_columns(session, case)


def merge_contacts(session: Session, *, keep_id: uuid.UUID,
                   duplicate_ids: Sequence[uuid.UUID]) -> Changes:
    """Fold duplicates into one contact: parties move over, names become aliases.

    The duplicates are soft-deleted and point at the kept contact, so nothing is lost.
    """
    if not duplicate_ids:
        raise InvalidInput("Choose at least one duplicate to merge.", field="duplicate_ids")
    if keep_id in duplicate_ids:
        raise RuleViolation("A contact cannot be merged into itself.")
    keep = get_live(session, Contact, keep_id, "contact")
    aliases = list(keep.aliases or ())
    for dup_id in duplicate_ids:
        dup = get_live(session, Contact, dup_id, "contact")
        aliases.extend([dup.name, *(dup.aliases or ())])
        for attr in ("email", "phone", "address", "organization"):
            if not getattr(keep, attr) and getattr(dup, attr):
                setattr(keep, attr, getattr(dup, attr))
        if dup.notes:
            keep.notes = (keep.notes + "\n\n" if keep.notes else "") + dup.notes
        _move_parties(session, dup.id, keep.id)
        dup.merged_into_id = keep.id
        soft_delete(dup)
        reindex_names(session, dup)
        log_activity(session, case_id=None, action="contact_merged",
                     summary=f"Merged contact {dup.name} into {keep.name}")
    keep.aliases = clean_aliases(aliases, keep.name)
    reindex_names(session, keep)
    session.flush()
    refresh_cases_of_contacts(session, [keep.id])
    return Changes(contacts=True, parties=True, cases=True)


def _move_parties(session: Session, from_id: uuid.UUID, to_id: uuid.UUID) -> None:
    """Give the duplicate's live parties to the kept contact, never reviving a removed one."""
    parties = session.exec(select(Party).where(col(Party.contact_id) == from_id,
                                               col(Party.deleted_at).is_(None))).all()
    for party in parties:
        clash = session.exec(select(Party).where(
            col(Party.case_id) == party.case_id, col(Party.contact_id) == to_id,
            col(Party.role) == party.role)).first()
        if clash is None:
            party.contact_id = to_id
        elif clash.deleted_at is None:
            # Already a party in this role: the duplicate's row goes (and keeps the unique
            # (case, contact, role) row free for the surviving contact).
            soft_delete(party)
        else:
            _swap_with_removed(session, party, clash, from_id, to_id)
    represented = session.exec(select(Party).where(col(Party.represented_by_id) == from_id)).all()
    for party in represented:
        party.represented_by_id = to_id


def _swap_with_removed(session: Session, live: Party, removed: Party, from_id: uuid.UUID,
                       to_id: uuid.UUID) -> None:
    """Move a live party onto the kept contact where that contact's row in the same role was
    removed: the removed row stays removed (now under the merged duplicate) and the live one,
    with its own details, carries on. The unique (case, contact, role) key allows no direct
    swap, so the removed row steps out and comes back, unchanged but for its contact."""
    copy = {name: getattr(removed, name) for name in Party.model_fields}
    session.delete(removed)
    session.flush()
    live.contact_id = to_id
    session.flush()
    session.add(Party(**{**copy, "contact_id": from_id}))


def suggest_duplicates(session: Session, contact_id: uuid.UUID,
                       limit: int = 20) -> list[tuple[ContactRow, float]]:
    """Other contacts that look like the same person (for the merge dialog)."""
    from casedesk.services.conflicts import search_contacts

    contact = get_live(session, Contact, contact_id, "contact")
    scored = search_contacts(session, [contact.name, *(contact.aliases or ())], limit=limit + 1)
    result: list[tuple[ContactRow, float]] = []
    for other_id, score, _matched in scored:
        if other_id == contact_id:
            continue
        other = session.get(Contact, other_id)
        if other is not None and other.deleted_at is None:
            result.append((to_row(other), score))
    return result[:limit]


def find_contacts(session: Session, text: str, *, limit: int = 50) -> list[ContactRow]:
    """Live contacts whose name, an alias, e-mail or organization contains every word."""
    query = select(Contact).where(col(Contact.deleted_at).is_(None))
    for pattern in like_terms(text):
        query = query.where(
            func.lower(Contact.name).like(pattern, escape="\\")
            | func.lower(func.cast(col(Contact.aliases), String)).like(pattern, escape="\\")
            | func.lower(Contact.email).like(pattern, escape="\\")
            | func.lower(Contact.organization).like(pattern, escape="\\"))
    rows = session.exec(query.order_by(col(Contact.name)).limit(limit)).all()
    return [to_row(c) for c in rows]

"""Parties: who is who in a case (client, opposing party and counsel, judge, witnesses...)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlmodel import Session, col, select

from casedesk.domain.changes import Changes
from casedesk.domain.enums import ConflictDecision, PartyRole
from casedesk.domain.errors import InvalidInput, RuleViolation
from casedesk.domain.models import Case, Contact, Party
from casedesk.domain.rows import ConflictHit
from casedesk.services.cases import refresh_list_columns
from casedesk.services.common import get_live, log_activity, soft_delete


def _role(value: PartyRole | str) -> PartyRole:
    try:
        return PartyRole(value)
    except ValueError:
        allowed = ", ".join(r.value for r in PartyRole)
        raise InvalidInput(f"{value!r} is not a party role ({allowed}).", field="role") from None


def add_party(session: Session, *, case_id: uuid.UUID, contact_id: uuid.UUID,
              role: PartyRole | str, represented_by_id: uuid.UUID | None = None,
              party_id: uuid.UUID | None = None,
              actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Link a contact to a case in a role; re-adding a removed party restores it."""
    case = get_live(session, Case, case_id, "case")
    contact = get_live(session, Contact, contact_id, "contact")
    party_role = _role(role)
    if represented_by_id is not None:
        get_live(session, Contact, represented_by_id, "contact")
        if represented_by_id == contact_id:
            raise InvalidInput("A party cannot be represented by itself.",
                               field="represented_by")
    existing = session.exec(select(Party).where(
        col(Party.case_id) == case.id, col(Party.contact_id) == contact.id,
        col(Party.role) == party_role)).first()
    if existing is not None and existing.deleted_at is None:
        raise RuleViolation(f"{contact.name} is already {party_role.value.replace('_', ' ')} "
                            f"in case {case.number}.")
    if existing is not None:
        existing.deleted_at = None
        existing.represented_by_id = represented_by_id
    else:
        session.add(Party(id=party_id or uuid.uuid4(), case_id=case.id, contact_id=contact.id,
                          role=party_role, represented_by_id=represented_by_id))
    refresh_list_columns(session, case)
    log_activity(session, case_id=case.id, action="party_added",
                 summary=f"{contact.name} added as {party_role.value.replace('_', ' ')}",
                 staff_id=actor_staff_id)
    return Changes(parties=True, cases=True, contacts=True)


def update_party(session: Session, *, party_id: uuid.UUID, role: PartyRole | str,
                 represented_by_id: uuid.UUID | None = None) -> Changes:
    party = get_live(session, Party, party_id, "party")
    party.role = _role(role)
    if represented_by_id == party.contact_id:
        raise InvalidInput("A party cannot be represented by itself.", field="represented_by")
    party.represented_by_id = represented_by_id
    case = get_live(session, Case, party.case_id, "case")
    refresh_list_columns(session, case)
    return Changes(parties=True, cases=True)


def remove_party(session: Session, *, party_id: uuid.UUID,
                 actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Take a party off a case (soft delete: the history keeps it)."""
    party = get_live(session, Party, party_id, "party")
    case = get_live(session, Case, party.case_id, "case")
    contact = session.get(Contact, party.contact_id)
    soft_delete(party)
    refresh_list_columns(session, case)
    log_activity(session, case_id=case.id, action="party_removed",
                 summary=f"{contact.name if contact else 'A contact'} removed as "
                         f"{party.role.value.replace('_', ' ')}",
                 staff_id=actor_staff_id)
    return Changes(parties=True, cases=True, contacts=True)


def add_party_checked(session: Session, *, case_id: uuid.UUID, role: PartyRole | str,
                      contact_id: uuid.UUID | None = None,
                      new_contact: dict[str, object] | None = None,
                      represented_by_id: uuid.UUID | None = None,
                      searched_names: Sequence[str] = (), hits: Sequence[ConflictHit] = (),
                      decision: ConflictDecision | str | None = None, note: str = "",
                      actor_staff_id: uuid.UUID | None = None) -> tuple[Changes, uuid.UUID]:
    """Add a party (creating the contact if new) and record its conflict check, atomically."""
    from casedesk.services.conflicts import record_check
    from casedesk.services.contacts import create_contact

    changes = Changes()
    if (contact_id is None) == (new_contact is None):
        raise InvalidInput("Choose an existing contact or enter a new one.", field="contact")
    if new_contact is not None:
        created, contact_id = create_contact(session, **new_contact)  # type: ignore[arg-type]
        changes = changes | created
    assert contact_id is not None
    changes = changes | add_party(session, case_id=case_id, contact_id=contact_id, role=role,
                                  represented_by_id=represented_by_id,
                                  actor_staff_id=actor_staff_id)
    if decision is not None:
        changes = changes | record_check(session, case_id=case_id, searched_names=searched_names,
                                         hits=hits, decision=decision, note=note,
                                         decided_by_staff_id=actor_staff_id)
    return changes, contact_id

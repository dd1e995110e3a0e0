"""Conflict-of-interest search over every contact and party (open and closed cases alike)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from casedesk.domain.changes import Changes
from casedesk.domain.enums import CaseStatus, ConflictDecision, PartyRole
from casedesk.domain.errors import InvalidInput
from casedesk.domain.models import Case, ConflictCheck, Contact, ContactNameKey, Party
from casedesk.domain.names import best_similarity, token_keys
from casedesk.domain.rows import ConflictHit
from casedesk.services.common import get_live, log_activity, optional_text

DEFAULT_THRESHOLD = 65.0
MAX_CONTACTS = 200


def _clean_names(names: Sequence[str]) -> list[str]:
    cleaned = [n.strip() for n in names if n and n.strip()]
    if not cleaned:
        raise InvalidInput("Enter a name to check for conflicts.", field="names")
    return cleaned


def search_contacts(session: Session, names: Sequence[str], *,
                    threshold: float = DEFAULT_THRESHOLD,
                    limit: int = MAX_CONTACTS) -> list[tuple[uuid.UUID, float, str]]:
    """Contacts whose name or any alias resembles one of `names`, best first.

    Candidates come from the indexed phonetic/prefix keys (so this stays fast with 60,000
    contacts); each candidate is then scored against the query with `names.similarity`.
    """
    queries = _clean_names(names)
    keys: set[str] = set()
    for query in queries:
        keys |= token_keys(query)
    if not keys:
        return []
    candidate_ids = select(ContactNameKey.contact_id).where(col(ContactNameKey.key).in_(keys))
    rows = session.exec(
        select(Contact.id, Contact.name, col(Contact.aliases)).where(
            col(Contact.id).in_(candidate_ids), col(Contact.deleted_at).is_(None))
    ).all()
    scored: list[tuple[uuid.UUID, float, str]] = []
    for contact_id, name, aliases in rows:
        all_names = [name, *(aliases or ())]
        best = (0.0, "")
        for query in queries:
            score, matched = best_similarity(query, all_names)
            if score > best[0]:
                best = (score, matched)
        if best[0] >= threshold:
            scored.append((contact_id, best[0], best[1]))
    scored.sort(key=lambda item: (-item[1], item[2]))
    return scored[:limit]


def search(session: Session, names: Sequence[str], *,
           threshold: float = DEFAULT_THRESHOLD) -> list[ConflictHit]:
    """Conflict hits: each matching contact with each role it has in any case."""
    matches = search_contacts(session, names, threshold=threshold)
    if not matches:
        return []
    by_id = {contact_id: (score, matched) for contact_id, score, matched in matches}
    contact_names = dict(session.exec(
        select(Contact.id, Contact.name).where(col(Contact.id).in_(by_id))).all())
    party_rows = session.execute(
        sa_select(col(Party.contact_id), col(Party.role), col(Case.id), col(Case.number),
                  col(Case.title), col(Case.status))
        .join(Case, col(Case.id) == Party.case_id)
        .where(col(Party.contact_id).in_(by_id), col(Party.deleted_at).is_(None),
               col(Case.deleted_at).is_(None))
    ).all()
    hits: list[ConflictHit] = []
    with_cases: set[uuid.UUID] = set()
    for contact_id, role, case_id, number, title, status in party_rows:
        score, matched = by_id[contact_id]
        with_cases.add(contact_id)
        hits.append(ConflictHit(contact_id=contact_id, name=contact_names[contact_id],
                                matched_name=matched, score=score, role=PartyRole(role),
                                case_id=case_id, case_number=number, case_title=title,
                                case_status=CaseStatus(status)))
    for contact_id, (score, matched) in by_id.items():
        if contact_id not in with_cases:
            hits.append(ConflictHit(contact_id=contact_id, name=contact_names[contact_id],
                                    matched_name=matched, score=score, role=None,
                                    case_id=None, case_number="", case_title="",
                                    case_status=None))
    hits.sort(key=lambda h: (-h.score, h.name, h.case_number))
    return hits


def hit_snapshot(hit: ConflictHit) -> dict[str, object]:
    """What a recorded check keeps of each hit (the record must not change as data does)."""
    return {"contact_id": str(hit.contact_id), "name": hit.name, "matched_name": hit.matched_name,
            "score": hit.score, "role": hit.role.value if hit.role else None,
            "case_id": str(hit.case_id) if hit.case_id else None,
            "case_number": hit.case_number, "case_title": hit.case_title}


def record_check(session: Session, *, case_id: uuid.UUID, searched_names: Sequence[str],
                 hits: Sequence[ConflictHit], decision: ConflictDecision | str,
                 note: str = "", decided_by_staff_id: uuid.UUID | None = None,
                 check_id: uuid.UUID | None = None) -> Changes:
    """Store a conflict check and its decision (clear / conflict / waived) with the case."""
    case = get_live(session, Case, case_id, "case")
    try:
        decision = ConflictDecision(decision)
    except ValueError:
        raise InvalidInput(f"{decision!r} is not a decision (clear, conflict, waived).",
                           field="decision") from None
    clean_note = optional_text(note, max_len=5000, field="note", label="The note")
    if decision is ConflictDecision.WAIVED and not clean_note:
        raise InvalidInput("Say why the conflict is waived (e.g. the client's written consent).",
                           field="note")
    session.add(ConflictCheck(id=check_id or uuid.uuid4(), case_id=case.id,
                              searched_names=list(_clean_names(searched_names)),
                              hits=[hit_snapshot(h) for h in hits], decision=decision,
                              decided_by_staff_id=decided_by_staff_id, note=clean_note))
    log_activity(session, case_id=case.id, action="conflict_check",
                 summary=f"Conflict check ({len(hits)} hits): {decision.value}",
                 staff_id=decided_by_staff_id)
    return Changes(conflicts=True, cases=True)

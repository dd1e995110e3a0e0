"""What an import finds already in the database, read in bulk, and the checks that need it.

References must point at something in the file or in the database; case numbers must stay
unique; a note, task, conflict check, deadline trigger or event id may not move to another case
(events and triggers: services/interchange_events.py; documents and what refers to them:
services/interchange_documents.py; budgets, time entries and expenses:
services/interchange_budget.py). Contacts merged away in this practice are followed to the
contact they were merged into.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlmodel import Session

from casedesk.export.interchange import InvalidDocument, Problem
from casedesk.export.interchange_parse import CaseIn, PracticeIn
from casedesk.services import interchange_budget as money
from casedesk.services import interchange_documents as docs
from casedesk.services.bulk_sql import Row, rows_where_in
from casedesk.services.interchange_documents import DocumentState, load_document_state
from casedesk.services.interchange_events import EventState, check_events, load_event_state

# What is read of each table: what an import compares, plus id, version and deleted.
_META = ("id", "version", "deleted")
STAFF_COLUMNS = (*_META, "name", "role", "email", "hourly_rate_cents", "bar_number", "active")
CONTACT_COLUMNS = (*_META, "merged_into_id", "kind", "name", "aliases", "email", "phone",
                   "address", "organization", "notes")
CASE_COLUMNS = (*_META, "number", "title", "practice_area", "status", "court", "court_time_zone",
                "judge", "docket_number", "opened_on", "closed_on", "responsible_staff_id",
                "description")
PARTY_COLUMNS = (*_META, "case_id", "contact_id", "role", "represented_by_id")
NOTE_COLUMNS = (*_META, "case_id", "author_staff_id", "created_at", "text")
TASK_COLUMNS = (*_META, "case_id", "title", "assignee_staff_id", "due_on", "priority", "status",
                "notes", "completed_at")
CHECK_COLUMNS = (*_META, "case_id", "searched_names", "hits", "decision",
                 "decided_by_staff_id", "created_at", "note")


@dataclass
class State:
    """Existing rows an import touches or points at (any state, deleted ones included)."""

    staff: dict[uuid.UUID, Row] = field(default_factory=dict)
    contacts: dict[uuid.UUID, Row] = field(default_factory=dict)
    cases: dict[uuid.UUID, Row] = field(default_factory=dict)
    number_holders: dict[str, Row] = field(default_factory=dict)
    parties: dict[uuid.UUID, list[Row]] = field(default_factory=dict)
    notes: dict[uuid.UUID, Row] = field(default_factory=dict)
    tasks: dict[uuid.UUID, Row] = field(default_factory=dict)
    checks: dict[uuid.UUID, Row] = field(default_factory=dict)
    # Every contact id the file mentions -> the contact it means after merges in this practice.
    contact_target: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)
    events: EventState = field(default_factory=EventState)  # and deadline triggers
    # Documents, correspondence, requests, filings, letter templates and their files.
    documents: DocumentState = field(default_factory=DocumentState)
    # Budget revisions, time entries, expenses and the receipts they name.
    budgets: money.BudgetState = field(default_factory=money.BudgetState)

    def is_deleted(self, rows: dict[uuid.UUID, Row], row_id: uuid.UUID) -> bool:
        row = rows.get(row_id)
        return row is not None and bool(row["deleted"])


def _by_id(rows: list[Row]) -> dict[uuid.UUID, Row]:
    return {row["id"]: row for row in rows}


def _contact_refs(practice: PracticeIn) -> set[uuid.UUID]:
    refs = {c.id for c in practice.contacts}
    for case in practice.cases:
        for party in case.parties:
            refs.add(party.contact_id)
            if party.represented_by_id is not None:
                refs.add(party.represented_by_id)
        refs.update(docs.contact_refs(case))
    return refs


def _staff_refs(practice: PracticeIn) -> set[uuid.UUID]:
    refs = {s.id for s in practice.staff}
    for case in practice.cases:
        if case.responsible_staff_id is not None:
            refs.add(case.responsible_staff_id)
        refs.update(n.author_staff_id for n in case.notes if n.author_staff_id)
        refs.update(t.assignee_staff_id for t in case.tasks if t.assignee_staff_id)
        refs.update(k.decided_by_staff_id for k in case.checks if k.decided_by_staff_id)
        refs.update(docs.staff_refs(case))
        refs.update(money.staff_refs(case))
    refs.update(s for e in practice.all_events() for s in e.attendee_staff_ids)
    return refs


def _load_contacts(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, Row]:
    """The contacts with these ids, and (repeatedly) the contacts merged ones point at."""
    found = _by_id(rows_where_in(session, "contacts", "id", ids, CONTACT_COLUMNS))
    while True:
        targets = {r["merged_into_id"] for r in found.values() if r["merged_into_id"]}
        missing = targets - set(found)
        if not missing:
            return found
        more = _by_id(rows_where_in(session, "contacts", "id", missing, CONTACT_COLUMNS))
        if not more:
            return found
        found.update(more)


def _resolve_contact(state: State, file_ids: set[uuid.UUID], contact_id: uuid.UUID
                     ) -> uuid.UUID | None:
    current, seen = contact_id, set()
    while True:
        row = state.contacts.get(current)
        if row is None:
            return current if current in file_ids else None
        if not row["deleted"]:
            return current
        target = row["merged_into_id"]
        if target is None or target in seen:
            return None
        seen.add(current)
        current = target


def load_state(session: Session, practice: PracticeIn) -> State:
    """Read what the import needs from the database, then check it; InvalidDocument if bad."""
    case_ids = [c.id for c in practice.cases]
    notes = [n.id for c in practice.cases for n in c.notes]
    tasks = [t.id for c in practice.cases for t in c.tasks]
    checks = [k.id for c in practice.cases for k in c.checks]
    state = State(
        staff=_by_id(rows_where_in(session, "staff", "id", _staff_refs(practice),
                                   STAFF_COLUMNS)),
        contacts=_load_contacts(session, _contact_refs(practice)),
        cases=_by_id(rows_where_in(session, "cases", "id", case_ids, CASE_COLUMNS)),
        number_holders={r["number"]: r for r in rows_where_in(
            session, "cases", "number", [c.number for c in practice.cases],
            ("id", "number", "deleted"))},
        notes=_by_id(rows_where_in(session, "notes", "id", notes, NOTE_COLUMNS)),
        tasks=_by_id(rows_where_in(session, "tasks", "id", tasks, TASK_COLUMNS)),
        checks=_by_id(rows_where_in(session, "conflict_checks", "id", checks, CHECK_COLUMNS)),
        events=load_event_state(session, practice),
        documents=load_document_state(session, practice),
        budgets=money.load_budget_state(session, practice))
    for row in rows_where_in(session, "parties", "case_id", case_ids, PARTY_COLUMNS):
        state.parties.setdefault(row["case_id"], []).append(row)
    problems = _check(state, practice)
    if problems:
        raise InvalidDocument(problems)
    return state


def _check(state: State, practice: PracticeIn) -> list[Problem]:
    problems: list[Problem] = []
    file_contacts = {c.id for c in practice.contacts
                     if not state.is_deleted(state.contacts, c.id)}
    for contact_id in _contact_refs(practice):
        target = _resolve_contact(state, file_contacts, contact_id)
        if target is not None:
            state.contact_target[contact_id] = target
    known_staff = {s.id for s in practice.staff} | set(state.staff)

    def staff_ref(path: str, staff_id: uuid.UUID | None) -> None:
        if staff_id is not None and staff_id not in known_staff:
            problems.append(Problem(path, f"no staff member {staff_id} in the file or in "
                                          "this practice"))

    def contact_ref(path: str, contact_id: uuid.UUID | None) -> None:
        if contact_id is None or contact_id in state.contact_target:
            return
        if contact_id in state.contacts:
            problems.append(Problem(path, f"contact {contact_id} was deleted in this practice"))
        else:
            problems.append(Problem(path, f"no contact {contact_id} in the file or in this "
                                          "practice"))

    new_numbers = {c.id: c.number for c in practice.cases
                   if not state.is_deleted(state.cases, c.id)}
    for case in practice.cases:
        if state.is_deleted(state.cases, case.id):
            continue  # stays deleted: nothing of it is written
        _check_number(state, case, new_numbers, problems)
        staff_ref(f"{case.path}.responsible_staff_id", case.responsible_staff_id)
        for party in case.parties:
            contact_ref(f"{party.path}.contact_id", party.contact_id)
            contact_ref(f"{party.path}.represented_by", party.represented_by_id)
            target = state.contact_target.get(party.contact_id)
            agent = (state.contact_target.get(party.represented_by_id)
                     if party.represented_by_id is not None else None)
            if target is not None and target == agent:
                problems.append(Problem(f"{party.path}.represented_by",
                                        "names the contact this party was merged into in this "
                                        "practice (a party cannot be represented by itself)"))
        for kind, rows, items in (("note", state.notes, case.notes),
                                  ("task", state.tasks, case.tasks),
                                  ("conflict check", state.checks, case.checks)):
            for item in items:
                row = rows.get(item.id)
                if row is not None and row["case_id"] != case.id:
                    problems.append(Problem(f"{item.path}.id", f"this {kind} id belongs to "
                                                               "another case in this practice"))
        for note in case.notes:
            staff_ref(f"{note.path}.author_staff_id", note.author_staff_id)
        for task in case.tasks:
            staff_ref(f"{task.path}.assignee_staff_id", task.assignee_staff_id)
        for check in case.checks:
            staff_ref(f"{check.path}.decided_by_staff_id", check.decided_by_staff_id)
    live_cases = [c for c in practice.cases if not state.is_deleted(state.cases, c.id)]
    problems.extend(check_events(state.events, practice, live_cases, known_staff))
    docs.check_documents(state.documents, practice, live_cases, staff_ref, contact_ref,
                         problems)
    money.check_budgets(state.budgets, practice, live_cases, known_staff, problems)
    return problems


def _check_number(state: State, case: CaseIn, new_numbers: dict[uuid.UUID, str],
                  problems: list[Problem]) -> None:
    holder = state.number_holders.get(case.number)
    if holder is None or holder["id"] == case.id:
        return
    if holder["id"] in new_numbers and new_numbers[holder["id"]] != case.number:
        return  # that case takes another number in this same import
    deleted = " (a deleted one)" if holder["deleted"] else ""
    problems.append(Problem(f"{case.path}.number", f"{case.number!r} is already the number of "
                                                   f"another case in this practice{deleted}"))

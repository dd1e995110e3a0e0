"""Write a checked practice document in bulk, inside the caller's unit of work.

Rows are compared with what the database holds and only real changes are written. Like the
unit-of-work hook does for single edits, an updated row's `version` moves on by one and its
`updated_at` to now, once per import; an unchanged row keeps both. New rows start at version 1.
The business rules of the services are kept: a renamed contact keeps its former name as an
alias, the conflict-search name keys and the case list's client names and search text are
rebuilt, and each imported case gets a line in its activity history. Events and deadline
triggers are merged by services/interchange_events.py; documents, correspondence, requests,
filings and letter templates by services/interchange_documents.py; budget revisions, time
entries and expenses (and the budget settings) by services/interchange_budget_write.py.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlmodel import Session

from casedesk.domain.changes import Changes
from casedesk.domain.enums import PartyRole, TaskStatus
from casedesk.domain.names import contact_keys
from casedesk.domain.types import utcnow
from casedesk.export.interchange_events import EventIn
from casedesk.export.interchange_parse import CaseIn, PracticeIn
from casedesk.services.bulk_sql import (
    CHUNK,
    SCAN_ABOVE,
    Row,
    execute_many,
    large_cache,
    rows_where_in,
    table,
)
from casedesk.services.cases import list_columns
from casedesk.services.contacts import clean_aliases
from casedesk.services.firm import get_firm, save_firm
from casedesk.services.interchange_budget_write import BudgetMerger, write_settings
from casedesk.services.interchange_documents_write import DocumentMerger
from casedesk.services.interchange_events import EventMerger
from casedesk.services.interchange_state import State

CASE_FIELDS = ("number", "title", "practice_area", "status", "court", "court_time_zone",
               "judge", "docket_number", "opened_on", "closed_on", "responsible_staff_id",
               "description")


_LIST_COLUMNS = ("id", "number", "title", "docket_number", "court", "judge", "practice_area",
                 "client_names", "search_text", "version", "updated_at")


@dataclass
class Tally:
    """How many records of one kind were added, changed, left as they were, or skipped."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # deleted in this practice: left deleted

    @property
    def total(self) -> int:
        return self.new + self.updated + self.unchanged + self.skipped


@dataclass
class ImportSummary:
    """What an import did, per kind of record."""

    firm: str = "absent"  # absent (not in the file), new, updated or unchanged
    staff: Tally = field(default_factory=Tally)
    contacts: Tally = field(default_factory=Tally)
    cases: Tally = field(default_factory=Tally)
    parties: Tally = field(default_factory=Tally)
    notes: Tally = field(default_factory=Tally)
    tasks: Tally = field(default_factory=Tally)
    checks: Tally = field(default_factory=Tally)
    triggers: Tally = field(default_factory=Tally)
    events: Tally = field(default_factory=Tally)  # the cases' and the firm-wide ones
    documents: Tally = field(default_factory=Tally)
    correspondence: Tally = field(default_factory=Tally)
    requests: Tally = field(default_factory=Tally)
    filings: Tally = field(default_factory=Tally)
    templates: Tally = field(default_factory=Tally)
    budgets: Tally = field(default_factory=Tally)  # budget revisions
    time_entries: Tally = field(default_factory=Tally)
    expenses: Tally = field(default_factory=Tally)
    budget_settings: bool = False  # the firm's budget lists or thresholds changed
    files: int = 0  # files copied into the document store

    def line(self) -> str:
        """One line for the command line, e.g. `imported: 3 staff, 120 contacts, 40 cases
        (12 new, 28 updated, 0 unchanged)`, then `; 80 events (...)` and `; 300 documents
        (...)` when the file has any, and the other records of cases and templates."""
        c, e, d = self.cases, self.events, self.documents
        text = (f"imported: {self.staff.total} staff, {self.contacts.total} contacts, "
                f"{c.total} cases ({c.new} new, {c.updated} updated, {c.unchanged} unchanged)")
        if e.total:
            text += (f"; {e.total} events ({e.new} new, {e.updated} updated, "
                     f"{e.unchanged} unchanged)")
        if d.total:
            text += (f"; {d.total} documents ({d.new} new, {d.updated} updated, "
                     f"{d.unchanged} unchanged)")
        others = [f"{t.total} {one if t.total == 1 else many}" for t, one, many in (
            (self.correspondence, "correspondence entry", "correspondence entries"),
            (self.requests, "document request", "document requests"),
            (self.filings, "filing", "filings"),
            (self.templates, "letter template", "letter templates"),
            (self.budgets, "budget revision", "budget revisions"),
            (self.time_entries, "time entry", "time entries"),
            (self.expenses, "expense", "expenses")) if t.total]
        if others:
            text += "; " + ", ".join(others)
        if self.files:
            text += f"; {self.files} file{'s' if self.files != 1 else ''} stored"
        skipped = sum(t.skipped for t in (self.staff, self.contacts, self.cases, self.parties,
                                          self.notes, self.tasks, self.checks, self.triggers,
                                          self.events, self.documents, self.correspondence,
                                          self.requests, self.filings, self.templates,
                                          self.budgets, self.time_entries, self.expenses))
        if skipped:
            text += f"; {skipped} records left out because they were deleted in this practice"
        return text


def _differs(existing: Row, desired: dict[str, Any]) -> bool:
    return any(existing[key] != value for key, value in desired.items())


class _Writer:
    def __init__(self, session: Session, state: State) -> None:
        self.session = session
        self.state = state
        self.now = utcnow()
        self.inserts: dict[str, list[dict[str, Any]]] = {}
        self.updates: dict[str, list[dict[str, Any]]] = {}
        self.summary = ImportSummary()
        self.touched_cases: set[uuid.UUID] = set()  # versions already moved on (or new)
        self.dirty_cases: set[uuid.UUID] = set()  # the case or anything it carries changed
        self.rekey: dict[uuid.UUID, tuple[str, list[str]]] = {}
        self.renamed: set[uuid.UUID] = set()
        self.events = EventMerger(state.events, self.now, self.inserts, self.updates)
        self.documents = DocumentMerger(state.documents, self, state.contact_target)
        self.budgets = BudgetMerger(state.budgets, self)

    def new_row(self, name: str, row_id: uuid.UUID, values: dict[str, Any]) -> None:
        row = {"id": row_id, "created_at": self.now, "updated_at": self.now, "version": 1,
               "deleted_at": None, **values}
        self.inserts.setdefault(name, []).append(row)

    def merge(self, name: str, rows: dict[uuid.UUID, Row], row_id: uuid.UUID,
              desired: dict[str, Any], tally: Tally,
              new_values: dict[str, Any] | None = None) -> str:
        """Add, update or leave one record; returns "new", "updated", "unchanged", "skipped"."""
        existing = rows.get(row_id)
        if existing is None:
            self.new_row(name, row_id, {**desired, **(new_values or {})})
            tally.new += 1
            return "new"
        if existing["deleted"]:
            tally.skipped += 1
            return "skipped"
        if not _differs(existing, desired):
            tally.unchanged += 1
            return "unchanged"
        self.updates.setdefault(name, []).append(
            {"id": row_id, **desired, "version": existing["version"] + 1,
             "updated_at": self.now})
        tally.updated += 1
        return "updated"

    def staff(self, practice: PracticeIn) -> None:
        for s in practice.staff:
            existing = self.state.staff.get(s.id)
            active = s.active if s.active is not None else (
                bool(existing["active"]) if existing else True)
            self.merge("staff", self.state.staff, s.id,
                       {"name": s.name, "role": s.role, "email": s.email,
                        "hourly_rate_cents": s.hourly_rate_cents, "bar_number": s.bar_number,
                        "active": active}, self.summary.staff)

    def contacts(self, practice: PracticeIn) -> None:
        for c in practice.contacts:
            existing = self.state.contacts.get(c.id)
            aliases = list(c.aliases)
            if existing is not None and existing["name"] != c.name:
                aliases.append(existing["name"])  # former names stay searchable (conflicts)
            cleaned = clean_aliases(aliases, c.name)
            desired = {"kind": c.kind, "name": c.name, "aliases": cleaned, "email": c.email,
                       "phone": c.phone, "address": c.address,
                       "organization": c.organization, "notes": c.notes}
            outcome = self.merge("contacts", self.state.contacts, c.id, desired,
                                 self.summary.contacts, {"merged_into_id": None})
            if outcome == "new" or (outcome == "updated" and existing is not None and (
                    existing["name"], existing["aliases"]) != (c.name, cleaned)):
                self.rekey[c.id] = (c.name, cleaned)
            if outcome == "updated" and existing is not None and existing["name"] != c.name:
                self.renamed.add(c.id)

    def case(self, case: CaseIn) -> None:
        desired = {key: getattr(case, key) for key in CASE_FIELDS}
        outcome = self.merge("cases", self.state.cases, case.id, desired, self.summary.cases,
                             {"client_names": "", "search_text": ""})
        if outcome == "skipped":
            return
        changed = outcome != "unchanged"
        changed |= self.parties(case)
        for note in case.notes:
            changed |= self.merge(
                "notes", self.state.notes, note.id,
                {"case_id": case.id, "author_staff_id": note.author_staff_id,
                 "created_at": note.created_at, "text": note.text},
                self.summary.notes, {"updated_at": note.created_at}) in ("new", "updated")
        for task in case.tasks:
            existing = self.state.tasks.get(task.id)
            completed_at = None
            if task.status is TaskStatus.DONE:
                was_done = existing is not None and existing["status"] == TaskStatus.DONE
                completed_at = existing["completed_at"] if was_done and existing else self.now
            changed |= self.merge(
                "tasks", self.state.tasks, task.id,
                {"case_id": case.id, "title": task.title,
                 "assignee_staff_id": task.assignee_staff_id, "due_on": task.due_on,
                 "priority": task.priority, "status": task.status, "notes": task.notes,
                 "completed_at": completed_at}, self.summary.tasks) in ("new", "updated")
        for check in case.checks:
            changed |= self.merge(
                "conflict_checks", self.state.checks, check.id,
                {"case_id": case.id, "searched_names": list(check.searched_names),
                 "hits": list(check.hits), "decision": check.decision,
                 "decided_by_staff_id": check.decided_by_staff_id,
                 "created_at": check.decided_at, "note": check.note},
                self.summary.checks, {"updated_at": check.decided_at}) in ("new", "updated")
        changed |= self.case_events(case)
        changed |= self.documents.case(case)
        changed |= self.budgets.case(case)
        if outcome == "unchanged" and changed:
            self.summary.cases.unchanged -= 1
            self.summary.cases.updated += 1
        if outcome in ("new", "updated"):
            self.touched_cases.add(case.id)
        if changed:
            self.dirty_cases.add(case.id)
            action, text = (("case_imported", "Case imported") if outcome == "new" else
                            ("case_updated_by_import", "Case updated by a practice import"))
            self.inserts.setdefault("activities", []).append(
                {"id": uuid.uuid4(), "case_id": case.id, "at": self.now, "staff_id": None,
                 "action": action, "summary": text})

    def case_events(self, case: CaseIn) -> bool:
        """The case's deadline triggers and events; True if any was added or changed."""
        changed = False
        for trigger in case.triggers:
            changed |= self.merge(
                "deadline_triggers", self.state.events.triggers, trigger.id,
                {"case_id": case.id, "rule_set_key": trigger.rule_set,
                 "trigger_key": trigger.trigger, "trigger_date": trigger.trigger_date,
                 "service_method": trigger.service_method, "event_id": trigger.event_id,
                 "notes": trigger.notes}, self.summary.triggers,
                {"court_id": None}) in ("new", "updated")
        for event in case.events:
            changed |= self.event(event, case.id)
        return changed

    def event(self, event: EventIn, case_id: uuid.UUID | None) -> bool:
        outcome = self.events.merge(event, case_id)
        tally = self.summary.events
        setattr(tally, outcome, getattr(tally, outcome) + 1)
        return outcome in ("new", "updated")

    def parties(self, case: CaseIn) -> bool:
        existing = {(r["contact_id"], r["role"]): r for r in self.state.parties.get(case.id, [])}
        seen: set[tuple[uuid.UUID, str]] = set()
        changed = False
        for party in case.parties:
            contact_id = self.state.contact_target[party.contact_id]
            represented_by = (self.state.contact_target[party.represented_by_id]
                              if party.represented_by_id is not None else None)
            key = (contact_id, party.role.value)
            if key in seen:
                continue  # two contacts merged into one in this practice: one party now
            seen.add(key)
            row = existing.get(key)
            row_id = row["id"] if row is not None else uuid.uuid4()
            rows = {row_id: row} if row is not None else {}
            changed |= self.merge(
                "parties", rows, row_id,
                {"case_id": case.id, "contact_id": contact_id, "role": party.role,
                 "represented_by_id": represented_by}, self.summary.parties) in ("new",
                                                                                  "updated")
        return changed

    def free_changed_numbers(self, practice: PracticeIn) -> None:
        """Park the numbers of cases being renumbered, so numbers can swap in one import."""
        moving = [{"b_id": c.id, "b_number": f"~import~{c.id.hex}"} for c in practice.cases
                  if (row := self.state.cases.get(c.id)) is not None
                  and not row["deleted"] and row["number"] != c.number]
        if moving:
            tbl = table("cases")
            execute_many(self.session, update(tbl).where(tbl.c.id == bindparam("b_id"))
                         .values(number=bindparam("b_number")), moving)

    def flush_table(self, name: str) -> None:
        """Send the collected inserts and updates of one table (executemany, no per-row ORM)."""
        tbl = table(name)
        if rows := self.inserts.pop(name, []):
            execute_many(self.session, insert(tbl), rows)
        if rows := self.updates.pop(name, []):
            columns = [key for key in rows[0] if key != "id"]
            stmt = update(tbl).where(tbl.c.id == bindparam("b_id")).values(
                {key: bindparam(f"b_{key}") for key in columns})
            execute_many(self.session, stmt, [{f"b_{k}": v for k, v in r.items()} for r in rows])

    def write_name_keys(self) -> None:
        keys_table = table("contact_name_keys")
        ids = sorted(self.rekey, key=str)
        known = sorted((i for i in ids if i in self.state.contacts), key=str)
        for start in range(0, len(known), CHUNK):
            chunk = known[start:start + CHUNK]
            self.session.execute(delete(keys_table).where(keys_table.c.contact_id.in_(chunk)))
        execute_many(self.session, insert(keys_table),
                     [{"contact_id": contact_id, "key": key} for contact_id in ids
                      for key in sorted(contact_keys(*self.rekey[contact_id]))])

    def _client_names(self, case_ids: set[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
        """The names of the live client parties of these cases."""
        parties, contacts = table("parties"), table("contacts")
        query = (select(parties.c.case_id, contacts.c.name)
                 .join(contacts, contacts.c.id == parties.c.contact_id)
                 .where(parties.c.role == PartyRole.CLIENT, parties.c.deleted_at.is_(None)))
        clients: dict[uuid.UUID, list[str]] = {}
        if len(case_ids) > SCAN_ABOVE:
            batches = [query]
        else:
            ordered = sorted(case_ids, key=str)
            batches = [query.where(parties.c.case_id.in_(ordered[i:i + CHUNK]))
                       for i in range(0, len(ordered), CHUNK)]
        for batch in batches:
            for case_id, name in self.session.execute(batch):
                if case_id in case_ids:
                    clients.setdefault(case_id, []).append(name)
        return clients

    def refresh_list_columns(self, case_ids: set[uuid.UUID]) -> None:
        """Recompute client names and search text of these cases (as cases.refresh_list_columns
        does for one), in bulk."""
        if self.renamed:
            case_ids = case_ids | {r["case_id"] for r in rows_where_in(
                self.session, "parties", "contact_id", self.renamed, ("case_id",))}
        clients = self._client_names(case_ids)
        updates: list[dict[str, Any]] = []
        for row in rows_where_in(self.session, "cases", "id", case_ids, _LIST_COLUMNS):
            names, text = list_columns(
                number=row["number"], title=row["title"],
                client_names=sorted(clients.get(row["id"], [])),
                docket_number=row["docket_number"], court=row["court"], judge=row["judge"],
                practice_area=row["practice_area"])
            if (names, text) == (row["client_names"], row["search_text"]):
                continue
            touched = row["id"] in self.touched_cases
            updates.append({"b_id": row["id"], "b_names": names, "b_text": text,
                            "b_version": row["version"] + (0 if touched else 1),
                            "b_at": row["updated_at"] if touched else self.now})
        tbl = table("cases")
        execute_many(self.session, update(tbl).where(tbl.c.id == bindparam("b_id")).values(
            client_names=bindparam("b_names"), search_text=bindparam("b_text"),
            version=bindparam("b_version"), updated_at=bindparam("b_at")), updates)


def _firm(session: Session, practice: PracticeIn, summary: ImportSummary) -> str:
    if practice.firm is None:
        return "absent"
    before = get_firm(session)
    f = practice.firm
    save_firm(session, name=f.name, address=f.address, phone=f.phone, email=f.email,
              time_zone=f.time_zone, currency=f.currency)
    if f.budget_settings is not None:
        summary.budget_settings = write_settings(session, f.budget_settings)
    if before is None:
        return "new"
    after = (f.name, f.address, f.phone, f.email, f.time_zone, f.currency)
    return "unchanged" if not summary.budget_settings and after == (
        before.name, before.address, before.phone, before.email, before.time_zone,
        before.currency) else "updated"


def _write(session: Session, practice: PracticeIn, state: State,
           sizes: Mapping[str, int]) -> _Writer:
    writer = _Writer(session, state)
    writer.summary.firm = _firm(session, practice, writer.summary)
    writer.staff(practice)
    writer.flush_table("staff")
    writer.contacts(practice)
    writer.flush_table("contacts")
    writer.write_name_keys()
    for case in practice.cases:
        writer.case(case)
    for event in practice.events:
        writer.event(event, None)
    writer.documents.templates(practice)
    writer.free_changed_numbers(practice)
    for name in ("cases", "parties", "notes", "tasks", "conflict_checks", "deadline_triggers"):
        writer.flush_table(name)
    writer.events.park_uids(session)
    writer.flush_table("events")
    writer.events.clear_children(session)
    for name in ("event_attendees", "event_reminders", "activities"):
        writer.flush_table(name)
    writer.documents.flush(session, sizes)
    writer.budgets.flush(session)
    writer.refresh_list_columns(writer.dirty_cases)
    return writer


def apply_practice(session: Session, practice: PracticeIn, state: State,
                   sizes: Mapping[str, int] | None = None) -> tuple[Changes, ImportSummary]:
    """Write every record of a checked document (see the module docstring); `sizes` are
    those of the files brought into the store (for the new `blobs` rows of templates)."""
    with large_cache(session):
        writer = _write(session, practice, state, sizes or {})
    s = writer.summary
    documents = bool(s.documents.new or s.documents.updated or s.templates.new
                     or s.templates.updated)
    correspondence = bool(s.correspondence.new or s.correspondence.updated)
    changes = Changes(
        firm=s.firm in ("new", "updated"),
        staff=bool(s.staff.new or s.staff.updated),
        contacts=bool(s.contacts.new or s.contacts.updated),
        cases=bool(s.cases.new or s.cases.updated or writer.renamed),
        parties=bool(s.parties.new or s.parties.updated),
        notes=bool(s.notes.new or s.notes.updated),
        tasks=bool(s.tasks.new or s.tasks.updated),
        conflicts=bool(s.checks.new or s.checks.updated),
        events=bool(s.events.new or s.events.updated),
        reminders=bool(s.events.new or s.events.updated),
        documents=documents, correspondence=correspondence,
        document_requests=bool(s.requests.new or s.requests.updated),
        filings=bool(s.filings.new or s.filings.updated),
        search=documents or correspondence,
        budgets=writer.budgets.changed() or s.budget_settings)
    return changes, s

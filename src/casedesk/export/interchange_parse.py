"""Check a practice document (casedesk-practice JSON, version 1) and turn it into typed records.

Every problem is collected with its path (`cases[3].parties[0].role`) before anything is
written, so a file is imported whole or not at all. References to records that may already be
in the database (contacts, staff) are checked by services/interchange.py.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from casedesk.domain.enums import (
    CaseStatus,
    ConflictDecision,
    ContactKind,
    PartyRole,
    StaffRole,
    TaskPriority,
    TaskStatus,
)
from casedesk.export.interchange import (
    CASE_EXTENSIONS,
    CASE_KEYS,
    CHECK_KEYS,
    CONTACT_KEYS,
    FIRM_EXTENSIONS,
    FIRM_KEYS,
    FORMAT,
    FORMAT_VERSION,
    NOTE_KEYS,
    PARTY_KEYS,
    STAFF_EXTENSIONS,
    STAFF_KEYS,
    TASK_KEYS,
    TOP_EXTENSIONS,
    TOP_KEYS,
    InvalidDocument,
)
from casedesk.export.interchange_budget import (
    BudgetSettingsIn,
    CaseMoneyIn,
    check_money_inside,
    parse_case_money,
    parse_settings,
)
from casedesk.export.interchange_documents import (
    CorrespondenceIn,
    DocumentIn,
    FilingIn,
    RequestIn,
    TemplateIn,
    check_file_sizes,
    parse_correspondence,
    parse_filing,
    parse_request,
    parse_template,
)
from casedesk.export.interchange_documents import parse_document as parse_case_document
from casedesk.export.interchange_events import EventIn, TriggerIn, parse_event, parse_trigger
from casedesk.export.interchange_fields import Fields


@dataclass(frozen=True, slots=True)
class FirmIn:
    name: str
    address: str
    phone: str
    email: str
    time_zone: str
    currency: str
    budget_settings: BudgetSettingsIn | None = None  # None: the file leaves them out


@dataclass(frozen=True, slots=True)
class StaffIn:
    path: str
    id: uuid.UUID
    name: str
    role: StaffRole
    email: str
    hourly_rate_cents: int | None
    bar_number: str
    active: bool | None  # None: the file does not say (new staff are active)


@dataclass(frozen=True, slots=True)
class ContactIn:
    path: str
    id: uuid.UUID
    kind: ContactKind
    name: str
    aliases: tuple[str, ...]
    email: str
    phone: str
    address: str
    organization: str
    notes: str


@dataclass(frozen=True, slots=True)
class PartyIn:
    path: str
    contact_id: uuid.UUID
    role: PartyRole
    represented_by_id: uuid.UUID | None


@dataclass(frozen=True, slots=True)
class NoteIn:
    path: str
    id: uuid.UUID
    author_staff_id: uuid.UUID | None
    created_at: datetime
    text: str


@dataclass(frozen=True, slots=True)
class TaskIn:
    path: str
    id: uuid.UUID
    title: str
    assignee_staff_id: uuid.UUID | None
    due_on: date | None
    priority: TaskPriority
    status: TaskStatus
    notes: str


@dataclass(frozen=True, slots=True)
class CheckIn:
    path: str
    id: uuid.UUID
    searched_names: tuple[str, ...]
    hits: tuple[dict[str, Any], ...]
    decision: ConflictDecision
    decided_by_staff_id: uuid.UUID | None
    decided_at: datetime
    note: str


@dataclass(frozen=True, slots=True)
class CaseIn:
    path: str
    id: uuid.UUID
    number: str
    title: str
    practice_area: str
    status: CaseStatus
    court: str
    court_time_zone: str
    judge: str
    docket_number: str
    opened_on: date | None
    closed_on: date | None
    responsible_staff_id: uuid.UUID | None
    description: str
    parties: tuple[PartyIn, ...]
    notes: tuple[NoteIn, ...]
    tasks: tuple[TaskIn, ...]
    checks: tuple[CheckIn, ...]
    triggers: tuple[TriggerIn, ...] = ()
    events: tuple[EventIn, ...] = ()
    documents: tuple[DocumentIn, ...] = ()
    correspondence: tuple[CorrespondenceIn, ...] = ()
    requests: tuple[RequestIn, ...] = ()
    filings: tuple[FilingIn, ...] = ()
    money: CaseMoneyIn = field(default_factory=CaseMoneyIn)  # budget, revisions, entries


@dataclass(frozen=True, slots=True)
class PracticeIn:
    """A checked document: every value typed, every id unique within the file."""

    firm: FirmIn | None
    staff: tuple[StaffIn, ...]
    contacts: tuple[ContactIn, ...]
    cases: tuple[CaseIn, ...]
    events: tuple[EventIn, ...] = ()  # firm-wide ones (no case)
    templates: tuple[TemplateIn, ...] = ()  # the practice's own letter templates

    def all_events(self) -> list[EventIn]:
        """Every event of the file: the cases' ones, then the firm-wide ones."""
        return [*(e for c in self.cases for e in c.events), *self.events]


T = TypeVar("T")


class _Parser:
    def __init__(self) -> None:
        self.f = Fields()

    def items(self, data: dict[str, Any], key: str, path: str) -> list[tuple[str, Any]]:
        """The elements of a list value, each with its path."""
        value = data.get(key)
        where = f"{path}.{key}" if path else key
        if not isinstance(value, list):
            self.f.problem(where, f"must be a list, not {self.f.describe(value)}")
            return []
        return [(f"{where}[{i}]", item) for i, item in enumerate(value)]

    def optional(self, data: dict[str, Any], key: str, path: str) -> list[tuple[str, Any]]:
        """The elements of an optional extension's list ([] when the key is left out)."""
        return self.items(data, key, path) if key in data else []

    def firm(self, value: Any) -> FirmIn | None:
        if value is None:
            return None
        data = self.f.obj(value, "firm", FIRM_KEYS, FIRM_EXTENSIONS, "the firm")
        if data is None:
            return None
        f = self.f
        settings = (parse_settings(f, "firm.budget_settings", data["budget_settings"])
                    if "budget_settings" in data else None)
        return FirmIn(name=f.text(data, "firm", "name", required=True),
                      address=f.text(data, "firm", "address", max_len=1000),
                      phone=f.text(data, "firm", "phone", max_len=100),
                      email=f.text(data, "firm", "email", max_len=200),
                      time_zone=f.time_zone(data, "firm", "time_zone", required=True),
                      currency=f.text(data, "firm", "currency", required=True,
                                      max_len=3).upper(), budget_settings=settings)

    def staff(self, path: str, value: Any) -> StaffIn | None:
        data = self.f.obj(value, path, STAFF_KEYS, STAFF_EXTENSIONS, "a staff member")
        if data is None:
            return None
        f = self.f
        return StaffIn(path=path, id=f.ident(data, path, "id"),
                       name=f.text(data, path, "name", required=True),
                       role=f.enum(data, path, "role", StaffRole),
                       email=f.text(data, path, "email", max_len=200),
                       hourly_rate_cents=f.money(data, path, "hourly_rate"),
                       bar_number=f.text(data, path, "bar_number", max_len=50),
                       active=f.flag(data, path, "active"))

    def contact(self, path: str, value: Any) -> ContactIn | None:
        data = self.f.obj(value, path, CONTACT_KEYS, (), "a contact")
        if data is None:
            return None
        f = self.f
        return ContactIn(path=path, id=f.ident(data, path, "id"),
                         kind=f.enum(data, path, "kind", ContactKind),
                         name=f.text(data, path, "name", required=True),
                         aliases=f.text_list(data, path, "aliases"),
                         email=f.text(data, path, "email", max_len=200),
                         phone=f.text(data, path, "phone", max_len=100),
                         address=f.text(data, path, "address", max_len=1000),
                         organization=f.text(data, path, "organization", max_len=300),
                         notes=f.text(data, path, "notes"))

    def party(self, path: str, value: Any) -> PartyIn | None:
        data = self.f.obj(value, path, PARTY_KEYS, (), "a party")
        if data is None:
            return None
        f = self.f
        contact_id = f.ident(data, path, "contact_id")
        represented_by = f.opt_ident(data, path, "represented_by")
        if represented_by is not None and represented_by == contact_id:
            f.problem(f"{path}.represented_by", "a party cannot be represented by itself")
        return PartyIn(path=path, contact_id=contact_id, role=f.enum(data, path, "role",
                                                                     PartyRole),
                       represented_by_id=represented_by)

    def note(self, path: str, value: Any) -> NoteIn | None:
        data = self.f.obj(value, path, NOTE_KEYS, (), "a note")
        if data is None:
            return None
        f = self.f
        return NoteIn(path=path, id=f.ident(data, path, "id"),
                      author_staff_id=f.opt_ident(data, path, "author_staff_id"),
                      created_at=f.moment(data, path, "created_at"),
                      text=f.text(data, path, "text", required=True, max_len=100_000))

    def task(self, path: str, value: Any) -> TaskIn | None:
        data = self.f.obj(value, path, TASK_KEYS, (), "a task")
        if data is None:
            return None
        f = self.f
        return TaskIn(path=path, id=f.ident(data, path, "id"),
                      title=f.text(data, path, "title", required=True),
                      assignee_staff_id=f.opt_ident(data, path, "assignee_staff_id"),
                      due_on=f.day(data, path, "due_on"),
                      priority=f.enum(data, path, "priority", TaskPriority),
                      status=f.enum(data, path, "status", TaskStatus),
                      notes=f.text(data, path, "notes"))

    def check(self, path: str, value: Any) -> CheckIn | None:
        data = self.f.obj(value, path, CHECK_KEYS, (), "a conflict check")
        if data is None:
            return None
        f = self.f
        decision = f.enum(data, path, "decision", ConflictDecision)
        note = f.text(data, path, "note", max_len=5000)
        if decision is ConflictDecision.WAIVED and not note:
            f.problem(f"{path}.note", "a waived conflict needs a note saying why")
        names = f.text_list(data, path, "searched_names")
        if not names and "searched_names" in data and isinstance(data["searched_names"], list):
            f.problem(f"{path}.searched_names", "must name at least one searched name")
        return CheckIn(path=path, id=f.ident(data, path, "id"), searched_names=names,
                       hits=f.object_list(data, path, "hits"), decision=decision,
                       decided_by_staff_id=f.opt_ident(data, path, "decided_by_staff_id"),
                       decided_at=f.moment(data, path, "decided_at"), note=note)

    def case(self, path: str, value: Any) -> CaseIn | None:
        data = self.f.obj(value, path, CASE_KEYS, CASE_EXTENSIONS, "a case")
        if data is None:
            return None
        f = self.f
        status = f.enum(data, path, "status", CaseStatus)
        opened_on = f.day(data, path, "opened_on")
        closed_on = f.day(data, path, "closed_on")
        status_known = "status" in data and not f.failed(path, "status")
        if (status_known and status is CaseStatus.CLOSED and closed_on is None
                and "closed_on" in data and not f.failed(path, "closed_on")):
            f.problem(f"{path}.closed_on", "a closed case needs the date it closed")
        if status_known and status is not CaseStatus.CLOSED and closed_on is not None:
            f.problem(f"{path}.closed_on", f"is set, but the case's status is {status.value!r} "
                                           "(only closed cases have a closing date)")
        if opened_on and closed_on and closed_on < opened_on:
            f.problem(f"{path}.closed_on", "is before opened_on (a case cannot close before "
                                           "it opened)")
        checks: list[CheckIn | None] = []
        if "conflict_checks" in data:
            checks = [self.check(p, v) for p, v in self.items(data, "conflict_checks", path)]
        triggers: list[TriggerIn | None] = []
        if "deadline_triggers" in data:
            triggers = [parse_trigger(f, p, v)
                        for p, v in self.items(data, "deadline_triggers", path)]
        events: list[EventIn | None] = []
        if "events" in data:
            events = [parse_event(f, p, v, in_case=True)
                      for p, v in self.items(data, "events", path)]
        documents = [parse_case_document(f, p, v) for p, v in self.optional(data, "documents",
                                                                              path)]
        correspondence = [parse_correspondence(f, p, v)
                          for p, v in self.optional(data, "correspondence", path)]
        requests = [parse_request(f, p, v)
                    for p, v in self.optional(data, "document_requests", path)]
        filings = [parse_filing(f, p, v) for p, v in self.optional(data, "filings", path)]
        case_id = f.ident(data, path, "id")
        number = f.text(data, path, "number", required=True, max_len=60)
        return CaseIn(
            path=path, id=case_id,
            number=number, title=f.text(data, path, "title", required=True),
            practice_area=f.text(data, path, "practice_area", max_len=100), status=status,
            court=f.text(data, path, "court", max_len=300),
            court_time_zone=f.time_zone(data, path, "court_time_zone"),
            judge=f.text(data, path, "judge", max_len=200),
            docket_number=f.text(data, path, "docket_number", max_len=100),
            opened_on=opened_on, closed_on=closed_on,
            responsible_staff_id=f.opt_ident(data, path, "responsible_staff_id"),
            description=f.text(data, path, "description"),
            parties=_present([self.party(p, v) for p, v in self.items(data, "parties", path)]),
            notes=_present([self.note(p, v) for p, v in self.items(data, "notes", path)]),
            tasks=_present([self.task(p, v) for p, v in self.items(data, "tasks", path)]),
            checks=_present(checks), triggers=_present(triggers), events=_present(events),
            documents=_present(documents), correspondence=_present(correspondence),
            requests=_present(requests), filings=_present(filings),
            money=parse_case_money(f, data, path, number))


def _present(items: list[T | None]) -> tuple[T, ...]:
    return tuple(item for item in items if item is not None)


def _header(f: Fields, document: Any) -> dict[str, Any] | None:
    if not isinstance(document, dict):
        f.problem("", f"the file must hold a JSON object, not {f.describe(document)}")
        return None
    fmt, version = document.get("format"), document.get("version")
    if fmt != FORMAT:
        f.problem("format", f"is {fmt!r}, not {FORMAT!r}: this is not a casedesk practice file")
        return None
    if isinstance(version, bool) or not isinstance(version, int):
        f.problem("version", f"must be the whole number {FORMAT_VERSION}, not "
                             f"{f.describe(version)}")
        return None
    if version > FORMAT_VERSION:
        f.problem("version", f"the file is format version {version}; this casedesk reads "
                             f"version {FORMAT_VERSION}. Install a newer casedesk to import it")
        return None
    if version != FORMAT_VERSION:
        f.problem("version", f"{version} is not a format version (the first is 1)")
        return None
    return f.obj(document, "", TOP_KEYS, TOP_EXTENSIONS, "a practice file")


def _unique_ids(f: Fields, records: list[tuple[str, uuid.UUID]], what: str) -> None:
    seen: dict[uuid.UUID, str] = {}
    for path, record_id in records:
        if record_id in seen:
            f.problem(f"{path}.id", f"the {what} id {record_id} is also used by {seen[record_id]}")
        else:
            seen[record_id] = path


def _check_inside(f: Fields, practice: PracticeIn) -> None:
    """Duplicate ids, numbers and parties within the file."""
    _unique_ids(f, [(s.path, s.id) for s in practice.staff], "staff")
    _unique_ids(f, [(c.path, c.id) for c in practice.contacts], "contact")
    _unique_ids(f, [(c.path, c.id) for c in practice.cases], "case")
    _unique_ids(f, [(n.path, n.id) for c in practice.cases for n in c.notes], "note")
    _unique_ids(f, [(t.path, t.id) for c in practice.cases for t in c.tasks], "task")
    _unique_ids(f, [(k.path, k.id) for c in practice.cases for k in c.checks], "conflict check")
    _unique_ids(f, [(t.path, t.id) for c in practice.cases for t in c.triggers],
                "deadline trigger")
    _unique_ids(f, [(e.path, e.id) for e in practice.all_events()], "event")
    _unique_ids(f, [(d.path, d.id) for c in practice.cases for d in c.documents], "document")
    _unique_ids(f, [(k.path, k.id) for c in practice.cases for k in c.correspondence],
                "correspondence")
    _unique_ids(f, [(r.path, r.id) for c in practice.cases for r in c.requests],
                "document request")
    _unique_ids(f, [(g.path, g.id) for c in practice.cases for g in c.filings], "filing")
    _unique_ids(f, [(t.path, t.id) for t in practice.templates], "letter template")
    check_money_inside(f, [c.money for c in practice.cases])
    check_file_sizes(f, [d for c in practice.cases for d in c.documents])
    template_names: dict[str, str] = {}
    for template in practice.templates:
        if template.name in template_names:
            f.problem(f"{template.path}.name", f"{template.name!r} is also the name of "
                                               f"{template_names[template.name]}")
        template_names.setdefault(template.name, template.path)
    numbers: dict[str, str] = {}
    for case in practice.cases:
        if case.number in numbers:
            f.problem(f"{case.path}.number",
                      f"{case.number!r} is also the number of {numbers[case.number]}")
        else:
            numbers[case.number] = case.path
        seen: dict[tuple[uuid.UUID, PartyRole], str] = {}
        for party in case.parties:
            key = (party.contact_id, party.role)
            if key in seen:
                f.problem(party.path, f"the same contact is {party.role.value} twice in this "
                                      f"case (see {seen[key]})")
            else:
                seen[key] = party.path


def parse_document(document: Any) -> PracticeIn:
    """A parsed JSON document -> typed records, or InvalidDocument listing every problem."""
    p = _Parser()
    f = p.f
    top = _header(f, document)
    if top is None:
        raise InvalidDocument(f.problems)
    practice = PracticeIn(
        firm=p.firm(top.get("firm")),
        staff=_present([p.staff(path, v) for path, v in p.items(top, "staff", "")]),
        contacts=_present([p.contact(path, v) for path, v in p.items(top, "contacts", "")]),
        cases=_present([p.case(path, v) for path, v in p.items(top, "cases", "")]),
        events=_present([parse_event(f, path, v, in_case=False)
                         for path, v in p.optional(top, "events", "")]),
        templates=_present([parse_template(f, path, v)
                            for path, v in p.optional(top, "letter_templates", "")]))
    if not f.problems:
        _check_inside(f, practice)
    if f.problems:
        raise InvalidDocument(f.problems)
    return practice


def as_utc(moment: datetime) -> datetime:
    """An aware datetime moved to UTC (what the database stores)."""
    return moment.astimezone(UTC)

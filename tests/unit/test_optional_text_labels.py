"""Every optional text a service takes names its field when it refuses a character that is not
text (or is too long): `InvalidInput.field` is the service's keyword argument (the dialogs
highlight that field) and the message starts with a plain-language label, not "Text ..."."""

from __future__ import annotations

import ast
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from casedesk.domain.errors import InvalidInput
from casedesk.domain.models import Case, ConflictCheck, Contact, Court, Event, Firm, Staff, Task
from casedesk.persistence.practice import Practice
from casedesk.services import cases, conflicts, contacts, courts, events, firm, staff, tasks
from casedesk.services.events import EventInput

SERVICES = Path(cases.__file__).parent
BAD = "ab\x00c"  # NUL at position 3


@dataclass(frozen=True)
class Ids:
    case: uuid.UUID
    contact: uuid.UUID
    staff: uuid.UUID
    court: uuid.UUID
    task: uuid.UUID
    event: uuid.UUID


@pytest.fixture
def ids(practice: Practice) -> Ids:
    found = Ids(*(uuid.uuid4() for _ in range(6)))
    practice.write(firm.save_firm, name="Hale LLP", time_zone="America/New_York")
    practice.write(staff.add_staff, name="Ann Attorney", role="attorney", staff_id=found.staff)
    practice.write(cases.create_case, number="2026-CV-0001", title="Smith v. Acme",
                   case_id=found.case)
    practice.write(contacts.create_contact, name="Jo Lee", contact_id=found.contact)
    practice.write(courts.add_court, name="N.D. Ill.", court_id=found.court, seed_years=())
    practice.write(tasks.add_task, case_id=found.case, title="Call the client",
                   task_id=found.task)
    practice.write(events.add_event, data=EventInput(kind="meeting", title="Kick-off",
                                                     case_id=found.case, all_day=True,
                                                     on_date=date(2026, 3, 9)),
                   event_id=found.event)
    return found


Call = Callable[[Ids, str], tuple[Callable[..., Any], dict[str, Any]]]


def _case(create: bool, field: str) -> Call:
    def call(i: Ids, value: str) -> tuple[Callable[..., Any], dict[str, Any]]:
        if create:
            return cases.create_case, {"number": "2026-CV-0002", "title": "T", field: value}
        return cases.update_case, {"case_id": i.case, "number": "2026-CV-0001", "title": "T",
                                   field: value}
    return call


def _contact(create: bool, field: str) -> Call:
    def call(i: Ids, value: str) -> tuple[Callable[..., Any], dict[str, Any]]:
        if create:
            return contacts.create_contact, {"name": "Max Roe", field: value}
        return contacts.update_contact, {"contact_id": i.contact, "name": "Jo Lee", field: value}
    return call


def _staff(create: bool, field: str) -> Call:
    def call(i: Ids, value: str) -> tuple[Callable[..., Any], dict[str, Any]]:
        if create:
            return staff.add_staff, {"name": "Bo Clerk", "role": "paralegal", field: value}
        return staff.update_staff, {"staff_id": i.staff, "name": "Ann Attorney",
                                    "role": "attorney", field: value}
    return call


def _firm(field: str) -> Call:
    def call(i: Ids, value: str) -> tuple[Callable[..., Any], dict[str, Any]]:
        return firm.save_firm, {"name": "Hale LLP", field: value}
    return call


def _court(create: bool) -> Call:
    def call(i: Ids, value: str) -> tuple[Callable[..., Any], dict[str, Any]]:
        if create:
            return courts.add_court, {"name": "D. Or.", "seed_years": (), "notes": value}
        return courts.update_court, {"court_id": i.court, "name": "N.D. Ill.", "notes": value}
    return call


def _task(create: bool) -> Call:
    def call(i: Ids, value: str) -> tuple[Callable[..., Any], dict[str, Any]]:
        if create:
            return tasks.add_task, {"case_id": i.case, "title": "File", "notes": value}
        return tasks.update_task, {"task_id": i.task, "title": "Call the client",
                                   "notes": value}
    return call


def _conflict(i: Ids, value: str) -> tuple[Callable[..., Any], dict[str, Any]]:
    return conflicts.record_check, {"case_id": i.case, "searched_names": ["Acme"], "hits": [],
                                    "decision": "clear", "note": value}


def _event(create: bool, field: str) -> Call:
    def call(i: Ids, value: str) -> tuple[Callable[..., Any], dict[str, Any]]:
        data = EventInput(kind="meeting", title="Kick-off", case_id=i.case, all_day=True,
                          on_date=date(2026, 3, 10), **{field: value})
        if create:
            return events.add_event, {"data": data}
        return events.update_event, {"event_id": i.event, "data": data}
    return call


def _event_done(i: Ids, value: str) -> tuple[Callable[..., Any], dict[str, Any]]:
    return events.set_event_status, {"event_id": i.event, "status": "done",
                                     "satisfied_by": value}


CASES: list[tuple[str, Call, str, str]] = [
    *[(f"case {how} {field}", _case(how == "create", field), field, label)
      for how in ("create", "update")
      for field, label in (("practice_area", "The practice area"), ("court", "The court"),
                           ("judge", "The judge"), ("docket_number", "The docket number"),
                           ("description", "The description"))],
    *[(f"contact {how} {field}", _contact(how == "create", field), field, label)
      for how in ("create", "update")
      for field, label in (("email", "The email address"), ("phone", "The phone number"),
                           ("address", "The address"), ("organization", "The organization"),
                           ("notes", "The notes"))],
    *[(f"staff {how} {field}", _staff(how == "create", field), field, label)
      for how in ("create", "update")
      for field, label in (("email", "The email address"), ("bar_number", "The bar number"))],
    *[(f"firm {field}", _firm(field), field, label)
      for field, label in (("address", "The address"), ("phone", "The phone number"),
                           ("email", "The email address"))],
    ("court add notes", _court(True), "notes", "The notes"),
    ("court update notes", _court(False), "notes", "The notes"),
    ("task add notes", _task(True), "notes", "The notes"),
    ("task update notes", _task(False), "notes", "The notes"),
    ("conflict check note", _conflict, "note", "The note"),
    *[(f"event {how} {field}", _event(how == "add", field), field, label)
      for how in ("add", "update")
      for field, label in (("location", "Location"), ("notes", "Notes"),
                           ("satisfied_by", "Satisfied by"))],
    ("event done satisfied_by", _event_done, "satisfied_by", "Satisfied by"),
]


def _snapshot(practice: Practice) -> list[tuple[object, ...]]:
    def read(session: Any) -> list[tuple[object, ...]]:
        rows: list[tuple[object, ...]] = []
        for model in (Case, ConflictCheck, Contact, Court, Event, Firm, Staff, Task):
            rows += sorted((str(r.id), r.version) for r in session.exec(select(model)))
        return rows
    return practice.read(read)


@pytest.mark.parametrize(("call", "field", "label"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_a_nul_is_refused_naming_the_field(practice: Practice, ids: Ids, call: Call,
                                           field: str, label: str) -> None:
    before = _snapshot(practice)
    fn, kwargs = call(ids, BAD)
    with pytest.raises(InvalidInput) as caught:
        practice.write(fn, **kwargs)
    assert caught.value.field == field
    assert caught.value.message == (f"{label} contains a character that is not text "
                                    "(U+0000, at position 3); remove it.")
    assert _snapshot(practice) == before  # nothing written
    fn, kwargs = call(ids, "  fine\ttext  ")  # the same call with text is taken
    practice.write(fn, **kwargs)


@pytest.mark.parametrize(("call", "field", "label"), [
    (_case(True, "judge"), "judge", "The judge"),
    (_contact(False, "address"), "address", "The address"),
    (_staff(True, "bar_number"), "bar_number", "The bar number"),
], ids=["case judge", "contact address", "staff bar_number"])
def test_too_long_text_names_the_field_too(practice: Practice, ids: Ids, call: Call,
                                           field: str, label: str) -> None:
    fn, kwargs = call(ids, "x" * 20_001)
    with pytest.raises(InvalidInput) as caught:
        practice.write(fn, **kwargs)
    assert caught.value.field == field
    assert caught.value.message.startswith(f"{label} is longer than ")


def test_every_optional_text_in_the_services_names_its_field_and_label() -> None:
    unnamed = []
    for path in sorted(SERVICES.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "optional_text"):
                given = {k.arg for k in node.keywords}
                if not {"field", "label"} <= given:
                    unnamed.append(f"{path.name}:{node.lineno}")
    assert unnamed == []

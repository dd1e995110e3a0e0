"""Cases from a spreadsheet: a known number updates that case, a new number opens one.

An empty cell leaves the existing value as it is (a spreadsheet cannot tell "clear this" from
"I don't know"). "Responsible" is a staff member's name; "Client" holds contact names (several
separated by ';'), each matched to an existing contact by exact name, ignoring case, or created,
and added to the case as a client.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from casedesk.domain.changes import Changes
from casedesk.domain.enums import PRACTICE_AREAS, CaseStatus, PartyRole
from casedesk.domain.errors import CasedeskError, InvalidInput
from casedesk.domain.models import Case, Contact, Party, Staff
from casedesk.services.cases import close_case, create_case, update_case
from casedesk.services.common import valid_time_zone
from casedesk.services.contacts import create_contact
from casedesk.services.csv_import import CsvProblems, CsvReport, RowAction
from casedesk.services.csv_sheet import Column, Sheet, SheetProblem
from casedesk.services.csv_values import infer_date_order, parse_choice, parse_date, split_list
from casedesk.services.parties import add_party

CASE_COLUMNS: tuple[Column, ...] = (
    Column("number", "Number", ("number", "case number", "matter number", "case no",
                                "matter no", "file number"), True, 60),
    Column("title", "Title", ("title", "case title", "matter title", "case name",
                              "matter name"), max_len=500),
    Column("practice_area", "Practice area", ("practice area", "area", "area of law"),
           max_len=100),
    Column("status", "Status", ("status", "case status", "matter status")),
    Column("court", "Court", ("court", "court name", "venue"), max_len=300),
    Column("court_time_zone", "Court time zone", ("court time zone", "time zone", "court tz")),
    Column("judge", "Judge", ("judge", "judge name", "assigned judge"), max_len=200),
    Column("docket_number", "Docket number", ("docket", "docket number", "docket no"),
           max_len=100),
    Column("opened_on", "Opened", ("opened", "opened on", "date opened", "open date",
                                   "opening date")),
    Column("closed_on", "Closed on", ("closed on", "closed", "date closed", "close date",
                                      "closing date")),
    Column("responsible", "Responsible", ("responsible", "responsible attorney",
                                          "responsible staff", "attorney", "lawyer",
                                          "lead attorney")),
    Column("client", "Client", ("client", "clients", "client name", "client names")),
    Column("description", "Description", ("description", "summary", "details")),
)

_TEXT_FIELDS = ("title", "court", "judge", "docket_number", "description")
_CASE_FIELDS = ("title", "practice_area", "status", "court", "court_time_zone", "judge",
                "docket_number", "opened_on", "closed_on", "responsible_staff_id", "description")
_AREAS = {area.casefold(): area for area in PRACTICE_AREAS}


@dataclass
class _Plan:
    row: int
    number: str
    existing: Case | None
    given: dict[str, Any] = field(default_factory=dict)
    clients: list[str] = field(default_factory=list)  # names to add as client parties


class _Lookups:
    """Staff, contacts and cases the rows refer to, read once."""

    def __init__(self, session: Session, numbers: list[str]) -> None:
        self.staff: dict[str, list[tuple[uuid.UUID, str]]] = {}
        for staff_id, name in session.exec(select(Staff.id, Staff.name).where(
                col(Staff.deleted_at).is_(None))):
            self.staff.setdefault(name.casefold(), []).append((staff_id, name))
        self.contacts: dict[str, list[uuid.UUID]] = {}
        for contact_id, name in session.exec(select(Contact.id, Contact.name).where(
                col(Contact.deleted_at).is_(None))):
            self.contacts.setdefault(name.casefold(), []).append(contact_id)
        self.cases: dict[str, Case] = {}
        for start in range(0, len(numbers), 500):
            for case in session.exec(select(Case).where(
                    col(Case.number).in_(numbers[start:start + 500]))):
                self.cases[case.number] = case
        self.clients: set[tuple[uuid.UUID, uuid.UUID]] = set()
        case_ids = [c.id for c in self.cases.values()]
        for start in range(0, len(case_ids), 500):
            for case_id, contact_id in session.exec(select(Party.case_id, Party.contact_id).where(
                    col(Party.case_id).in_(case_ids[start:start + 500]),
                    col(Party.role) == PartyRole.CLIENT, col(Party.deleted_at).is_(None))):
                self.clients.add((case_id, contact_id))


def _parse_row(sheet: Sheet, row: int, values: dict[str, str], plan: _Plan,
               lookups: _Lookups, order: str | None) -> None:
    given = plan.given
    for key in _TEXT_FIELDS:
        if values.get(key):
            given[key] = values[key]
    if area := values.get("practice_area"):
        given["practice_area"] = _AREAS.get(area.casefold(), area)
    if values.get("status"):
        try:
            given["status"] = parse_choice(values["status"], CaseStatus, "a case status")
        except ValueError as exc:
            sheet.problem(str(exc), row, "status")
    if values.get("court_time_zone"):
        try:
            given["court_time_zone"] = valid_time_zone(values["court_time_zone"], "tz")
        except InvalidInput as exc:
            sheet.problem(exc.message.rstrip("."), row, "court_time_zone")
    for key in ("opened_on", "closed_on"):
        if values.get(key):
            try:
                given[key] = parse_date(values[key], order)
            except ValueError as exc:
                sheet.problem(str(exc), row, key)
    if name := values.get("responsible"):
        matches = lookups.staff.get(name.casefold(), [])
        if len(matches) == 1:
            given["responsible_staff_id"] = matches[0][0]
        elif matches:
            sheet.problem(f"{len(matches)} staff members are named {name!r}; set this case's "
                          "responsible person in the app", row, "responsible")
        else:
            known = ", ".join(sorted(n for group in lookups.staff.values() for _i, n in group))
            sheet.problem(f"no staff member is named {name!r} (staff: {known or 'none yet'})",
                          row, "responsible")
    for name in split_list(values.get("client", "")):
        found = lookups.contacts.get(name.casefold(), [])
        if len(found) > 1:
            sheet.problem(f"{len(found)} contacts are named {name!r}; add the client to the "
                          "case in the app", row, "client")
        elif not (found and plan.existing and (plan.existing.id, found[0]) in lookups.clients):
            plan.clients.append(name)


def _check_dates(sheet: Sheet, plan: _Plan, report: CsvReport) -> None:
    given, existing = plan.given, plan.existing
    closed_on: date | None = given.get("closed_on")
    if closed_on is not None and "status" not in given:
        given["status"] = CaseStatus.CLOSED  # a closing date says the case is closed
    status = given.get("status", existing.status if existing else CaseStatus.OPEN)
    if closed_on is not None and status is not CaseStatus.CLOSED:
        sheet.problem(f"a closing date needs the status closed (the status is {status.value!r})",
                      plan.row, "closed_on")
    opened_on = given.get("opened_on") or (existing.opened_on if existing else date.today())
    closed_on = closed_on or (existing.closed_on if existing else None)
    if status is CaseStatus.CLOSED and closed_on is None:
        report.warnings.append(f"row {plan.row}: case {plan.number} is closed but has no "
                               "closing date; today's date is used")
    if opened_on and closed_on and status is CaseStatus.CLOSED and closed_on < opened_on:
        sheet.problem(f"the case closes ({closed_on.isoformat()}) before it opened "
                      f"({opened_on.isoformat()})", plan.row, "closed_on")


def _describe(plan: _Plan, report: CsvReport, new_clients: set[str]) -> None:
    title = plan.given.get("title") or (plan.existing.title if plan.existing else "")
    what = f"case {plan.number} {title!r}"
    fresh = [n for n in plan.clients if n.casefold() in new_clients]
    extra = [f"new client contact {n!r}" for n in fresh]
    extra += [f"client {n!r}" for n in plan.clients if n.casefold() not in new_clients]
    if plan.existing is None:
        report.actions.append(RowAction(plan.row, "create", what, ", ".join(extra)))
        return
    changed = [key.replace("_staff_id", "").replace("_", " ") for key, value in
               plan.given.items() if getattr(plan.existing, key) != value]
    if changed or plan.clients:
        report.actions.append(RowAction(plan.row, "update", what, ", ".join(changed + extra)))
    else:
        report.actions.append(RowAction(plan.row, "unchanged", what, "nothing to change"))


def _plan(session: Session, sheet: Sheet, report: CsvReport,
          date_order: str | None) -> tuple[list[_Plan], _Lookups]:
    order = date_order or infer_date_order(
        v for _r, values in sheet.rows for k in ("opened_on", "closed_on") if (v := values.get(k)))
    lookups = _Lookups(session, sorted({v["number"] for _r, v in sheet.rows if v.get("number")}))
    plans: list[_Plan] = []
    seen: dict[str, int] = {}
    new_clients: set[str] = set()
    for row, values in sheet.rows:
        number = values.get("number", "")
        if not number:
            sheet.problem("a case number is required", row, "number")
            continue
        if number in seen:
            sheet.problem(f"{number!r} is also on row {seen[number]}", row, "number")
            continue
        seen[number] = row
        existing = lookups.cases.get(number)
        if existing is not None and existing.deleted_at is not None:
            sheet.problem(f"{number!r} is the number of a deleted case", row, "number")
            continue
        plan = _Plan(row=row, number=number, existing=existing)
        if existing is None and not values.get("title"):
            sheet.problem("a new case needs a title", row, "title")
        _parse_row(sheet, row, values, plan, lookups, order)
        _check_dates(sheet, plan, report)
        fresh = {n.casefold() for n in plan.clients
                 if n.casefold() not in lookups.contacts and n.casefold() not in new_clients}
        new_clients |= fresh
        _describe(plan, report, fresh)
        plans.append(plan)
    report.contacts_created = len(new_clients)
    return plans, lookups


def _apply(session: Session, plan: _Plan, contact_ids: dict[str, uuid.UUID],
           lookups_contacts: dict[str, list[uuid.UUID]]) -> Changes:
    given, existing = plan.given, plan.existing
    changes = Changes()
    if existing is None:
        status = given.get("status", CaseStatus.OPEN)
        fields = {k: v for k, v in given.items() if k not in ("status", "closed_on")}
        created, case_id = create_case(
            session, number=plan.number,
            status=CaseStatus.OPEN if status is CaseStatus.CLOSED else status, **fields)
        changes = changes | created
        if status is CaseStatus.CLOSED:
            changes = changes | close_case(session, case_id=case_id,
                                           closed_on=given.get("closed_on"))
    else:
        case_id = existing.id
        if any(getattr(existing, key) != value for key, value in given.items()):
            current = {key: getattr(existing, key) for key in _CASE_FIELDS}
            changes = changes | update_case(session, case_id=case_id, number=plan.number,
                                            **{**current, **given})
    for name in plan.clients:
        key = name.casefold()
        if key not in contact_ids:
            matches = lookups_contacts.get(key)
            if matches:
                contact_ids[key] = matches[0]
            else:
                created, contact_ids[key] = create_contact(session, name=name)
                changes = changes | created
        changes = changes | add_party(session, case_id=case_id, contact_id=contact_ids[key],
                                      role=PartyRole.CLIENT)
    return changes


def import_cases(session: Session, sheet: Sheet, report: CsvReport, *,
                 date_order: str | None = None) -> Changes:
    """Plan every row, refuse the file if any row has a problem, else write it all."""
    plans, lookups = _plan(session, sheet, report, date_order)
    report.problems.extend(sheet.problems)
    if report.problems:
        raise CsvProblems(report)
    changes = Changes()
    contact_ids: dict[str, uuid.UUID] = {}
    for plan in plans:
        try:
            changes = changes | _apply(session, plan, contact_ids, lookups.contacts)
        except CasedeskError as exc:
            field_name = getattr(exc, "field", None)
            column = sheet.headers.get({"responsible_staff_id": "responsible"}.get(
                field_name or "", field_name or ""))
            report.problems.append(SheetProblem(exc.message, plan.row, column))
            raise CsvProblems(report) from exc
    return changes

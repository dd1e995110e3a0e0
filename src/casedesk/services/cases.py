"""Cases: open, edit, close and reopen a matter; the full detail snapshot of one case."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from casedesk.domain.changes import Changes
from casedesk.domain.enums import DEADLINE_KINDS, CaseStatus, EventStatus, PartyRole
from casedesk.domain.errors import InvalidInput, RuleViolation
from casedesk.domain.models import (
    Activity,
    Case,
    ConflictCheck,
    Contact,
    Event,
    Note,
    Party,
    Staff,
    Task,
)
from casedesk.domain.rows import (
    ActivityRow,
    CaseDetail,
    ConflictCheckRow,
    NoteRow,
    PartyRow,
    TaskRow,
)
from casedesk.services.common import (
    check_version,
    get_live,
    log_activity,
    optional_text,
    parse_date,
    required_text,
    valid_time_zone,
)


def _status(value: CaseStatus | str) -> CaseStatus:
    try:
        return CaseStatus(value)
    except ValueError:
        allowed = ", ".join(s.value for s in CaseStatus)
        raise InvalidInput(f"{value!r} is not a case status ({allowed}).", field="status") from None


def list_columns(*, number: str, title: str, client_names: Sequence[str], docket_number: str,
                 court: str, judge: str, practice_area: str) -> tuple[str, str]:
    """The case list's denormalised (client_names, search_text) for a case's fields.

    `client_names` are the live client parties' names, already in display (name) order.
    """
    joined = "; ".join(client_names)
    search_text = " ".join(
        part for part in (number, title, joined, docket_number, court, judge, practice_area)
        if part
    ).casefold()
    return joined, search_text


def refresh_list_columns(session: Session, case: Case) -> None:
    """Recompute the case list's denormalised client names and search text."""
    session.flush()
    clients = session.exec(
        select(Contact.name).join(Party, col(Party.contact_id) == Contact.id).where(
            col(Party.case_id) == case.id, col(Party.role) == PartyRole.CLIENT,
            col(Party.deleted_at).is_(None)).order_by(col(Contact.name))
    ).all()
    case.client_names, case.search_text = list_columns(
        number=case.number, title=case.title, client_names=clients,
        docket_number=case.docket_number, court=case.court, judge=case.judge,
        practice_area=case.practice_area)


def next_case_number(session: Session, *, year: int | None = None, code: str = "CV") -> str:
    """The next free number of the form YYYY-CV-NNNN."""
    year = year or date.today().year
    prefix = f"{year}-{code}-"
    numbers = session.exec(select(Case.number).where(col(Case.number).startswith(prefix))).all()
    highest = 0
    for number in numbers:
        match = re.fullmatch(re.escape(prefix) + r"(\d+)", number)
        if match:
            highest = max(highest, int(match.group(1)))
    return f"{prefix}{highest + 1:04d}"


def _check_number_free(session: Session, number: str, case_id: uuid.UUID | None) -> None:
    other = session.exec(select(Case.id).where(col(Case.number) == number)).first()
    if other is not None and other != case_id:
        raise InvalidInput(f"Case number {number} is already used by another case.",
                           field="number")


def _staff_ref(session: Session, staff_id: uuid.UUID | None) -> uuid.UUID | None:
    if staff_id is not None:
        get_live(session, Staff, staff_id, "staff member")
    return staff_id


def create_case(session: Session, *, number: str, title: str, practice_area: str = "",
                status: CaseStatus | str = CaseStatus.INTAKE, court: str = "",
                court_time_zone: str = "", judge: str = "", docket_number: str = "",
                opened_on: date | str | None = None, responsible_staff_id: uuid.UUID | None = None,
                description: str = "", case_id: uuid.UUID | None = None,
                actor_staff_id: uuid.UUID | None = None) -> tuple[Changes, uuid.UUID]:
    """Open a new case file; returns its id."""
    clean_number = required_text(number, "number", "Case number", max_len=60)
    _check_number_free(session, clean_number, None)
    case_status = _status(status)
    if case_status is CaseStatus.CLOSED:
        raise RuleViolation("A new case cannot start closed.")
    case = Case(id=case_id or uuid.uuid4(), number=clean_number,
                title=required_text(title, "title", "Title"),
                practice_area=optional_text(practice_area, max_len=100, field="practice_area",
                                            label="The practice area"), status=case_status,
                court=optional_text(court, max_len=300, field="court", label="The court"),
                court_time_zone=valid_time_zone(court_time_zone, "court_time_zone"),
                judge=optional_text(judge, max_len=200, field="judge", label="The judge"),
                docket_number=optional_text(docket_number, max_len=100, field="docket_number",
                                            label="The docket number"),
                opened_on=parse_date(opened_on, "opened_on") or date.today(),
                responsible_staff_id=_staff_ref(session, responsible_staff_id),
                description=optional_text(description, field="description",
                                          label="The description"))
    session.add(case)
    refresh_list_columns(session, case)
    log_activity(session, case_id=case.id, action="case_opened",
                 summary=f"Case {case.number} opened", staff_id=actor_staff_id)
    return Changes(cases=True), case.id


def update_case(session: Session, *, case_id: uuid.UUID, expected_version: int | None = None,
                number: str, title: str, practice_area: str = "",
                status: CaseStatus | str = CaseStatus.OPEN, court: str = "",
                court_time_zone: str = "", judge: str = "", docket_number: str = "",
                opened_on: date | str | None = None, closed_on: date | str | None = None,
                responsible_staff_id: uuid.UUID | None = None, description: str = "",
                actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Edit every field of a case (closing goes through `close_case` for its checks)."""
    case = get_live(session, Case, case_id, "case")
    check_version(case, expected_version, "case")
    clean_number = required_text(number, "number", "Case number", max_len=60)
    _check_number_free(session, clean_number, case.id)
    new_status = _status(status)
    case.number = clean_number
    case.title = required_text(title, "title", "Title")
    case.practice_area = optional_text(practice_area, max_len=100, field="practice_area",
                                       label="The practice area")
    case.court = optional_text(court, max_len=300, field="court", label="The court")
    case.court_time_zone = valid_time_zone(court_time_zone, "court_time_zone")
    case.judge = optional_text(judge, max_len=200, field="judge", label="The judge")
    case.docket_number = optional_text(docket_number, max_len=100, field="docket_number",
                                       label="The docket number")
    case.opened_on = parse_date(opened_on, "opened_on") or case.opened_on
    case.responsible_staff_id = _staff_ref(session, responsible_staff_id)
    case.description = optional_text(description, field="description", label="The description")
    if new_status is CaseStatus.CLOSED:
        case.closed_on = parse_date(closed_on, "closed_on") or case.closed_on or date.today()
    else:
        case.closed_on = None
    if case.closed_on and case.opened_on and case.closed_on < case.opened_on:
        raise InvalidInput("A case cannot close before it opened.", field="closed_on")
    if new_status != case.status:
        log_activity(session, case_id=case.id, action="status_changed",
                     summary=f"Status {case.status.value} → {new_status.value}",
                     staff_id=actor_staff_id)
    case.status = new_status
    refresh_list_columns(session, case)
    if session.is_modified(case):
        log_activity(session, case_id=case.id, action="case_edited",
                     summary="Case details edited", staff_id=actor_staff_id)
    return Changes(cases=True)


def close_case(session: Session, *, case_id: uuid.UUID, closed_on: date | str | None = None,
               expected_version: int | None = None,
               actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Close a case; its records stay (closed cases still count for conflict checks)."""
    case = get_live(session, Case, case_id, "case")
    check_version(case, expected_version, "case")
    if case.status is CaseStatus.CLOSED:
        raise RuleViolation(f"Case {case.number} is already closed.")
    day = parse_date(closed_on, "closed_on") or date.today()
    if case.opened_on and day < case.opened_on:
        raise InvalidInput("A case cannot close before it opened.", field="closed_on")
    case.status = CaseStatus.CLOSED
    case.closed_on = day
    log_activity(session, case_id=case.id, action="case_closed",
                 summary=f"Case closed on {day.isoformat()}", staff_id=actor_staff_id)
    return Changes(cases=True)


def reopen_case(session: Session, *, case_id: uuid.UUID, expected_version: int | None = None,
                actor_staff_id: uuid.UUID | None = None) -> Changes:
    case = get_live(session, Case, case_id, "case")
    check_version(case, expected_version, "case")
    if case.status is not CaseStatus.CLOSED:
        raise RuleViolation(f"Case {case.number} is not closed.")
    case.status = CaseStatus.OPEN
    case.closed_on = None
    log_activity(session, case_id=case.id, action="case_reopened", summary="Case reopened",
                 staff_id=actor_staff_id)
    return Changes(cases=True)


def _staff_names(session: Session) -> dict[uuid.UUID, str]:
    return dict(session.exec(select(Staff.id, Staff.name)).all())


def get_case_detail(session: Session, case_id: uuid.UUID, *,
                    activity_limit: int = 50) -> CaseDetail:
    """Everything about one case, as immutable rows."""
    case = get_live(session, Case, case_id, "case")
    staff = _staff_names(session)
    contacts_q = select(Party, Contact).join(Contact, col(Contact.id) == Party.contact_id).where(
        col(Party.case_id) == case.id, col(Party.deleted_at).is_(None))
    pairs = session.exec(contacts_q).all()
    names = {c.id: c.name for _p, c in pairs}
    rep_ids = {p.represented_by_id for p, _c in pairs if p.represented_by_id} - set(names)
    if rep_ids:
        names.update(dict(session.exec(
            select(Contact.id, Contact.name).where(col(Contact.id).in_(rep_ids))).all()))
    role_order = {role: i for i, role in enumerate(PartyRole)}
    parties = tuple(sorted(
        (PartyRow(id=p.id, contact_id=c.id, name=c.name, kind=c.kind, role=p.role,
                  represented_by_id=p.represented_by_id,
                  represented_by_name=names.get(p.represented_by_id, "")
                  if p.represented_by_id else "",
                  email=c.email, phone=c.phone, organization=c.organization)
         for p, c in pairs),
        key=lambda r: (role_order[r.role], r.name.casefold())))
    notes = tuple(
        NoteRow(id=n.id, case_id=n.case_id,
                author=staff.get(n.author_staff_id, "") if n.author_staff_id else "",
                author_staff_id=n.author_staff_id, created_at=n.created_at, text=n.text,
                version=n.version)
        for n in session.exec(select(Note).where(col(Note.case_id) == case.id,
                                                 col(Note.deleted_at).is_(None))
                              .order_by(col(Note.created_at).desc())))
    tasks = tuple(task_row(t, case, staff) for t in session.exec(
        select(Task).where(col(Task.case_id) == case.id, col(Task.deleted_at).is_(None))
        .order_by(col(Task.due_on).is_(None), col(Task.due_on), col(Task.title))))
    checks = tuple(
        ConflictCheckRow(id=c.id, searched_names=tuple(c.searched_names), hit_count=len(c.hits),
                         decision=c.decision,
                         decided_by=staff.get(c.decided_by_staff_id, "")
                         if c.decided_by_staff_id else "",
                         decided_at=c.created_at, note=c.note)
        for c in session.exec(select(ConflictCheck).where(
            col(ConflictCheck.case_id) == case.id, col(ConflictCheck.deleted_at).is_(None))
            .order_by(col(ConflictCheck.created_at).desc())))
    activity = tuple(
        ActivityRow(at=a.at, who=staff.get(a.staff_id, "") if a.staff_id else "",
                    action=a.action, summary=a.summary)
        for a in session.exec(select(Activity).where(col(Activity.case_id) == case.id)
                              .order_by(col(Activity.at).desc()).limit(activity_limit)))
    activity_total = session.exec(select(func.count()).select_from(Activity).where(
        col(Activity.case_id) == case.id)).one()
    today = date.today()
    next_deadline = session.exec(select(func.min(Event.day)).where(
        col(Event.case_id) == case.id, col(Event.deleted_at).is_(None),
        col(Event.status) == EventStatus.SCHEDULED,
        col(Event.kind).in_(sorted(DEADLINE_KINDS)))).one()
    counts = {
        "parties": len(parties),
        "notes": len(notes),
        "tasks_open": sum(1 for t in tasks if t.is_open),
        "tasks_overdue": sum(1 for t in tasks if t.is_open and t.due_on and t.due_on < today),
        "tasks_done": sum(1 for t in tasks if not t.is_open),
        "activity": int(activity_total),
        "days_open": ((case.closed_on or today) - case.opened_on).days if case.opened_on else 0,
    }
    return CaseDetail(
        id=case.id, number=case.number, title=case.title, practice_area=case.practice_area,
        status=case.status, court=case.court, court_time_zone=case.court_time_zone,
        judge=case.judge, docket_number=case.docket_number, opened_on=case.opened_on,
        closed_on=case.closed_on, responsible_staff_id=case.responsible_staff_id,
        responsible=staff.get(case.responsible_staff_id, "") if case.responsible_staff_id
        else "",
        description=case.description, version=case.version, created_at=case.created_at,
        updated_at=case.updated_at, parties=parties, notes=notes, tasks=tasks,
        conflict_checks=checks, activity=activity, counts=counts,
        next_deadline=next_deadline)


def task_row(task: Task, case: Case, staff: dict[uuid.UUID, str]) -> TaskRow:
    return TaskRow(id=task.id, case_id=case.id, case_number=case.number, case_title=case.title,
                   title=task.title,
                   assignee=staff.get(task.assignee_staff_id, "") if task.assignee_staff_id
                   else "",
                   assignee_staff_id=task.assignee_staff_id, due_on=task.due_on,
                   priority=task.priority, status=task.status, notes=task.notes,
                   version=task.version)


def find_case_by_number(session: Session, number: str) -> Case:
    """The live case with this number (for the command line)."""
    from casedesk.domain.errors import NotFound

    case = session.exec(select(Case).where(col(Case.number) == number.strip(),
                                           col(Case.deleted_at).is_(None))).first()
    if case is None:
        raise NotFound("case numbered", number)
    return case

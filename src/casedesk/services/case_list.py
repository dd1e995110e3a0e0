"""The case list and the other big lists, read page by page with plain SQL."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from casedesk.domain.enums import CaseStatus, TaskPriority, TaskStatus
from casedesk.domain.rows import CaseListRow, TaskRow
from casedesk.persistence.reader import (
    Reader,
    as_date,
    as_opt_uuid,
    as_uuid,
    like_terms,
)

ACTIVE = "active"  # pseudo-status: intake, open or pending

SORT_COLUMNS: dict[str, str] = {
    "number": "c.number",
    "title": "c.title",
    "client": "c.client_names",
    "status": "c.status",
    "practice_area": "c.practice_area",
    "responsible": "s.name",
    "opened_on": "c.opened_on",
    "next_due": "next_due",
}

# The earliest open task or pending deadline (overdue ones included).
_NEXT_DUE = ("(SELECT min(d) FROM (SELECT min(t.due_on) AS d FROM tasks t "
             "WHERE t.case_id = c.id AND t.deleted_at IS NULL "
             "AND t.status IN ('open', 'in_progress') "
             "UNION ALL SELECT min(e.day) FROM events e WHERE e.case_id = c.id "
             "AND e.deleted_at IS NULL AND e.status = 'scheduled' AND e.kind IN "
             "('filing_deadline', 'internal_deadline', 'statute_of_limitations')) due)")


@dataclass(frozen=True, slots=True)
class CaseFilter:
    text: str = ""
    status: str = ACTIVE  # a CaseStatus value, ACTIVE, or "" for all
    staff_id: uuid.UUID | None = None
    practice_area: str = ""
    sort: str = "number"
    descending: bool = True


def _where(flt: CaseFilter) -> tuple[str, dict[str, Any]]:
    clauses = ["c.deleted_at IS NULL"]
    params: dict[str, Any] = {}
    if flt.status == ACTIVE:
        clauses.append("c.status <> 'closed'")
    elif flt.status:
        clauses.append("c.status = :status")
        params["status"] = CaseStatus(flt.status).value
    if flt.staff_id is not None:
        clauses.append("c.responsible_staff_id = :staff_id")
        params["staff_id"] = flt.staff_id
    if flt.practice_area:
        clauses.append("c.practice_area = :area")
        params["area"] = flt.practice_area
    for i, pattern in enumerate(like_terms(flt.text)):
        clauses.append(f"c.search_text LIKE :q{i} ESCAPE '\\'")
        params[f"q{i}"] = pattern
    return " AND ".join(clauses), params


def count_cases(reader: Reader, flt: CaseFilter) -> int:
    where, params = _where(flt)
    return int(reader.rows(f"SELECT count(*) FROM cases c WHERE {where}", params)[0][0])


def case_page(reader: Reader, flt: CaseFilter, *, offset: int, limit: int) -> list[CaseListRow]:
    """One page of the filtered, sorted case list."""
    where, params = _where(flt)
    column = SORT_COLUMNS.get(flt.sort, "c.number")
    direction = "DESC" if flt.descending else "ASC"
    nulls = " NULLS LAST" if flt.sort in ("next_due", "opened_on", "responsible") else ""
    join = "LEFT JOIN staff s ON s.id = c.responsible_staff_id"
    sql = (f"SELECT c.id, c.number, c.title, c.client_names, c.status, c.practice_area, "
           f"s.name, c.opened_on, {_NEXT_DUE} AS next_due "
           f"FROM cases c {join} WHERE {where} "
           f"ORDER BY {column} {direction}{nulls}, c.number {direction} "
           f"LIMIT :limit OFFSET :offset")
    params.update(limit=limit, offset=offset)
    return [CaseListRow(id=as_uuid(r[0]), number=r[1], title=r[2], client_names=r[3] or "",
                        status=CaseStatus(r[4]), practice_area=r[5] or "",
                        responsible=r[6] or "", opened_on=as_date(r[7]),
                        next_due=as_date(r[8]))
            for r in reader.rows(sql, params)]


def any_cases(reader: Reader) -> bool:
    """Whether the practice has any case at all (for the first-use empty state)."""
    return bool(reader.rows("SELECT 1 FROM cases WHERE deleted_at IS NULL LIMIT 1"))


def case_counts(reader: Reader) -> dict[str, int]:
    """Cases per status, for the status bar."""
    rows = reader.rows("SELECT status, count(*) FROM cases WHERE deleted_at IS NULL "
                       "GROUP BY status")
    return {str(status): int(n) for status, n in rows}


def overdue_task_count(reader: Reader, today: date) -> int:
    rows = reader.rows("SELECT count(*) FROM tasks t JOIN cases c ON c.id = t.case_id "
                       "WHERE t.deleted_at IS NULL AND c.deleted_at IS NULL "
                       "AND t.status IN ('open', 'in_progress') AND t.due_on < :today",
                       {"today": today})
    return int(rows[0][0])


def practice_areas(reader: Reader) -> list[str]:
    rows = reader.rows("SELECT DISTINCT practice_area FROM cases WHERE deleted_at IS NULL "
                       "AND practice_area <> '' ORDER BY practice_area")
    return [r[0] for r in rows]


def staff_choices(reader: Reader) -> list[tuple[uuid.UUID, str]]:
    rows = reader.rows("SELECT id, name FROM staff WHERE deleted_at IS NULL ORDER BY name")
    return [(as_uuid(r[0]), r[1]) for r in rows]


def tasks_between(reader: Reader, start: date, end: date, *,
                  staff_id: uuid.UUID | None = None,
                  include_done: bool = True) -> list[TaskRow]:
    """Tasks due in [start, end], with their cases (for the calendar)."""
    clauses = ["t.deleted_at IS NULL", "c.deleted_at IS NULL", "t.due_on >= :start",
               "t.due_on <= :end"]
    params: dict[str, Any] = {"start": start, "end": end}
    if staff_id is not None:
        clauses.append("t.assignee_staff_id = :staff_id")
        params["staff_id"] = staff_id
    if not include_done:
        clauses.append("t.status IN ('open', 'in_progress')")
    sql = ("SELECT t.id, c.id, c.number, c.title, t.title, s.name, t.assignee_staff_id, "
           "t.due_on, t.priority, t.status, t.notes, t.version FROM tasks t "
           "JOIN cases c ON c.id = t.case_id LEFT JOIN staff s ON s.id = t.assignee_staff_id "
           f"WHERE {' AND '.join(clauses)} ORDER BY t.due_on, c.number, t.title")
    return [TaskRow(id=as_uuid(r[0]), case_id=as_uuid(r[1]), case_number=r[2], case_title=r[3],
                    title=r[4], assignee=r[5] or "", assignee_staff_id=as_opt_uuid(r[6]),
                    due_on=as_date(r[7]), priority=TaskPriority(r[8]), status=TaskStatus(r[9]),
                    notes=r[10] or "", version=int(r[11]))
            for r in reader.rows(sql, params)]


def task_counts_by_day(reader: Reader, start: date, end: date) -> dict[date, tuple[int, int]]:
    """(open, done) task counts per due day in [start, end] (marks on the month view)."""
    rows = reader.rows(
        "SELECT t.due_on, sum(CASE WHEN t.status IN ('open', 'in_progress') THEN 1 ELSE 0 END), "
        "sum(CASE WHEN t.status IN ('open', 'in_progress') THEN 0 ELSE 1 END) FROM tasks t "
        "JOIN cases c ON c.id = t.case_id WHERE t.deleted_at IS NULL AND c.deleted_at IS NULL "
        "AND t.due_on >= :start AND t.due_on <= :end GROUP BY t.due_on",
        {"start": start, "end": end})
    return {d: (int(o), int(n)) for r in rows if (d := as_date(r[0])) for o, n in [(r[1], r[2])]}

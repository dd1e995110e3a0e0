"""Reading events with plain SQL: a date range (the calendar views), coming up, one event.

Only the visible range is read: `day`/`end_day` are the local first and last day of each event
and no event lasts longer than `events.MAX_SPAN`, so "events touching [start, end]" is one
range scan on ix_events_day (`day BETWEEN start - MAX_SPAN AND end`) however big the practice.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from casedesk.domain.enums import DEADLINE_KINDS, EventKind, EventStatus
from casedesk.domain.errors import NotFound
from casedesk.domain.limits import MAX_SPAN
from casedesk.domain.rows import EventRow
from casedesk.persistence.reader import (
    Reader,
    as_date,
    as_utc,
    as_uuid,
    in_clause,
)

_DEADLINE_VALUES = tuple(sorted(k.value for k in DEADLINE_KINDS))


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What the calendar shows: any of these cases, this person's events, these kinds."""

    case_ids: tuple[uuid.UUID, ...] = ()
    staff_id: uuid.UUID | None = None
    kinds: tuple[EventKind, ...] = ()
    include_closed: bool = True  # done, vacated and cancelled events too


def _columns(reader: Reader) -> str:
    if reader.dialect == "sqlite":
        ids = "(SELECT group_concat(a.staff_id, ',') FROM event_attendees a " \
              "WHERE a.event_id = e.id)"
        names = "(SELECT group_concat(s.name, ', ') FROM (SELECT s.name FROM event_attendees a " \
                "JOIN staff s ON s.id = a.staff_id WHERE a.event_id = e.id ORDER BY s.name) s)"
    else:
        ids = "(SELECT string_agg(a.staff_id::text, ',') FROM event_attendees a " \
              "WHERE a.event_id = e.id)"
        names = "(SELECT string_agg(s.name, ', ' ORDER BY s.name) FROM event_attendees a " \
                "JOIN staff s ON s.id = a.staff_id WHERE a.event_id = e.id)"
    return ("e.id, e.case_id, c.number, c.title, e.kind, e.title, e.all_day, e.on_date, "
            "e.starts_at, e.ends_at, e.time_zone, e.day, e.end_day, e.location, e.notes, "
            "e.status, e.satisfied_by, e.reminders_minutes_before, e.uid, e.sequence, "
            "e.version, e.updated_at, e.trigger_id, e.rule_key, e.authority, e.explanation, "
            f"{ids}, {names}")


def _json(value: Any) -> list[Any]:
    if value is None or value == "" or value == "[]":
        return []
    return list(json.loads(value) if isinstance(value, str) else value)


@lru_cache(maxsize=256)  # a practice uses a handful of reminder sets over and over
def _minutes(text: str) -> tuple[int, ...]:
    return tuple(int(m) for m in _json(text))


def _reminders(value: Any) -> tuple[int, ...]:
    if isinstance(value, str):
        return _minutes(value)
    return tuple(int(m) for m in _json(value))


class _Ids:
    """uuid.UUID for the ids of one read, converting each repeated id (case, staff) once."""

    def __init__(self) -> None:
        self._seen: dict[Any, uuid.UUID] = {}

    def __call__(self, value: Any) -> uuid.UUID:
        found = self._seen.get(value)
        if found is None:
            found = self._seen[value] = as_uuid(value)
        return found

    def opt(self, value: Any) -> uuid.UUID | None:
        return None if value is None else self(value)


def _row(r: Sequence[Any], ids: _Ids | None = None) -> EventRow:
    ids = ids or _Ids()
    day = as_date(r[11])
    end_day = as_date(r[12])
    updated = as_utc(r[21])
    assert day is not None and end_day is not None and updated is not None
    return EventRow(
        id=as_uuid(r[0]), case_id=ids.opt(r[1]), case_number=r[2] or "",
        case_title=r[3] or "", kind=EventKind(r[4]), title=r[5], all_day=bool(r[6]),
        on_date=as_date(r[7]), starts_at=as_utc(r[8]), ends_at=as_utc(r[9]),
        time_zone=r[10] or "", day=day, end_day=end_day, location=r[13] or "",
        notes=r[14] or "", status=EventStatus(r[15]), satisfied_by=r[16] or "",
        reminders_minutes_before=_reminders(r[17]),
        uid=r[18], sequence=int(r[19]), version=int(r[20]), updated_at=updated,
        trigger_id=ids.opt(r[22]), rule_key=r[23] or "", authority=r[24] or "",
        explanation=tuple(str(x) for x in _json(r[25])),
        attendee_staff_ids=tuple(ids(x) for x in (r[26] or "").split(",") if x),
        attendees=r[27] or "",
    )


def _rows(raw: list[tuple[Any, ...]]) -> list[EventRow]:
    ids = _Ids()
    return [_row(r, ids) for r in raw]


_FROM = "FROM events e LEFT JOIN cases c ON c.id = e.case_id"
_LIVE = "e.deleted_at IS NULL AND (e.case_id IS NULL OR c.deleted_at IS NULL)"


def _filter(flt: EventFilter) -> tuple[list[str], dict[str, Any]]:
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if flt.case_ids:
        names, values = in_clause("case", list(flt.case_ids))
        clauses.append(f"e.case_id IN ({names})")
        params.update(values)
    if flt.staff_id is not None:
        # Their events: ones they attend, and unattended ones on cases they are responsible for.
        clauses.append("(EXISTS (SELECT 1 FROM event_attendees a WHERE a.event_id = e.id "
                       "AND a.staff_id = :staff) OR (NOT EXISTS (SELECT 1 FROM "
                       "event_attendees a WHERE a.event_id = e.id) AND "
                       "c.responsible_staff_id = :staff))")
        params["staff"] = flt.staff_id
    if flt.kinds:
        names, values = in_clause("kind", [k.value for k in flt.kinds])
        clauses.append(f"e.kind IN ({names})")
        params.update(values)
    if not flt.include_closed:
        clauses.append("e.status = 'scheduled'")
    return clauses, params


def events_between(reader: Reader, start: date, end: date,
                   flt: EventFilter = EventFilter(), *, limit: int | None = None
                   ) -> list[EventRow]:
    """Events touching the local days [start, end], in day and time order."""
    clauses, params = _filter(flt)
    clauses[:0] = [_LIVE, "e.day >= :lo", "e.day <= :end", "e.end_day >= :start"]
    params.update(lo=start - MAX_SPAN, start=start, end=end)
    sql = (f"SELECT {_columns(reader)} {_FROM} WHERE {' AND '.join(clauses)} "
           "ORDER BY e.day, e.all_day DESC, e.starts_at, c.number, e.title")
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return _rows(reader.rows(sql, params))


def event_counts_by_day(reader: Reader, start: date, end: date,
                        flt: EventFilter = EventFilter()) -> dict[date, int]:
    """How many events start on each day of [start, end] (for the month view's "+N more")."""
    clauses, params = _filter(flt)
    clauses[:0] = [_LIVE, "e.day >= :start", "e.day <= :end"]
    params.update(start=start, end=end)
    rows = reader.rows(f"SELECT e.day, count(*) {_FROM} WHERE {' AND '.join(clauses)} "
                       "GROUP BY e.day", params)
    return {d: int(n) for r in rows if (d := as_date(r[0])) is not None for n in [r[1]]}


def overdue_deadlines(reader: Reader, today: date, flt: EventFilter = EventFilter(),
                      *, limit: int = 500) -> list[EventRow]:
    """Deadlines still pending whose day has passed: the list nobody may overlook."""
    clauses, params = _filter(flt)
    kinds, kind_params = in_clause("dk", list(_DEADLINE_VALUES))
    clauses[:0] = [_LIVE, "e.status = 'scheduled'", "e.day < :today", f"e.kind IN ({kinds})"]
    params.update(today=today, **kind_params)
    sql = (f"SELECT {_columns(reader)} {_FROM} WHERE {' AND '.join(clauses)} "
           f"ORDER BY e.day, c.number, e.title LIMIT {int(limit)}")
    return _rows(reader.rows(sql, params))


def overdue_deadline_count(reader: Reader, today: date) -> int:
    kinds, params = in_clause("dk", list(_DEADLINE_VALUES))
    params["today"] = today
    rows = reader.rows(f"SELECT count(*) {_FROM} WHERE {_LIVE} AND e.status = 'scheduled' "
                       f"AND e.day < :today AND e.kind IN ({kinds})", params)
    return int(rows[0][0])


@dataclass(frozen=True, slots=True)
class ComingUp:
    overdue: list[EventRow]
    upcoming: list[EventRow]


def coming_up(reader: Reader, today: date, days: int, flt: EventFilter = EventFilter(),
              *, limit: int = 2000) -> ComingUp:
    """Overdue deadlines, then pending events from today through the next `days` days."""
    pending = EventFilter(case_ids=flt.case_ids, staff_id=flt.staff_id, kinds=flt.kinds,
                          include_closed=False)
    upcoming = events_between(reader, today, today + timedelta(days=days), pending,
                              limit=limit)
    return ComingUp(overdue=overdue_deadlines(reader, today, pending), upcoming=upcoming)


def get_event(reader: Reader, event_id: uuid.UUID) -> EventRow:
    rows = reader.rows(f"SELECT {_columns(reader)} {_FROM} WHERE e.id = :id "
                       "AND e.deleted_at IS NULL", {"id": event_id})
    if not rows:
        raise NotFound("event", event_id)
    return _row(rows[0])


def case_events(reader: Reader, case_id: uuid.UUID) -> list[EventRow]:
    """Every event of a case, oldest first (the case detail's calendar tab)."""
    rows = reader.rows(f"SELECT {_columns(reader)} {_FROM} WHERE {_LIVE} AND e.case_id = :case "
                       "ORDER BY e.day, e.starts_at, e.title", {"case": case_id})
    return _rows(rows)

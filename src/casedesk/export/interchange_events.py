"""Events and deadline triggers in a practice document: check them and type them.

The rules are the event services' own (services/events.py): deadlines are all-day, an all-day
event has a date and no times, a timed one a start and an end no more than MAX_SPAN apart,
reminders are whole minutes up to a year before, at most MAX_REMINDERS of them, and only
meetings and reminders may be firm-wide. What needs the database (staff attendees, triggers
kept in this practice, uids held by other events) is checked by services/interchange_events.py.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from casedesk.domain.enums import DEADLINE_KINDS, FIRM_WIDE_KINDS, EventKind, EventStatus
from casedesk.domain.limits import MAX_REMINDER_MINUTES, MAX_REMINDERS, MAX_SPAN
from casedesk.export.interchange import EVENT_EXTENSIONS, EVENT_KEYS, TRIGGER_KEYS
from casedesk.export.interchange_fields import Fields

_PLACEHOLDER_DAY = date(1970, 1, 1)


@dataclass(frozen=True, slots=True)
class TriggerIn:
    """Something that happened on a case (served, entered, set) from which deadlines run."""

    path: str
    id: uuid.UUID
    rule_set: str
    trigger: str
    trigger_date: date
    service_method: str
    event_id: uuid.UUID | None
    notes: str


@dataclass(frozen=True, slots=True)
class EventIn:
    """An event of the file. `given` names the optional extension keys the file has: one it
    leaves out keeps the existing event's value (a new event takes the default)."""

    path: str
    id: uuid.UUID
    kind: EventKind
    title: str
    all_day: bool
    on_date: date | None
    starts_at: datetime | None
    ends_at: datetime | None
    time_zone: str
    location: str
    notes: str
    status: EventStatus
    reminders_minutes_before: tuple[int, ...]
    attendee_staff_ids: tuple[uuid.UUID, ...]
    given: frozenset[str]
    uid: str = ""
    sequence: int = 0
    satisfied_by: str = ""
    trigger_id: uuid.UUID | None = None
    rule_key: str = ""
    authority: str = ""
    explanation: tuple[str, ...] = ()


def parse_trigger(f: Fields, path: str, value: Any) -> TriggerIn | None:
    data = f.obj(value, path, TRIGGER_KEYS, (), "a deadline trigger")
    if data is None:
        return None
    trigger_date = f.day(data, path, "trigger_date")
    if trigger_date is None and "trigger_date" in data and not f.failed(path, "trigger_date"):
        f.problem(f"{path}.trigger_date", "a trigger needs its date (YYYY-MM-DD), not null")
    return TriggerIn(path=path, id=f.ident(data, path, "id"),
                     rule_set=f.text(data, path, "rule_set", required=True, max_len=200),
                     trigger=f.text(data, path, "trigger", required=True, max_len=200),
                     trigger_date=trigger_date or _PLACEHOLDER_DAY,
                     service_method=f.text(data, path, "service_method", max_len=100),
                     event_id=f.opt_ident(data, path, "event_id"),
                     notes=f.text(data, path, "notes"))


def _when(f: Fields, data: dict[str, Any], path: str, kind: EventKind | None,
          all_day: bool | None) -> tuple[date | None, datetime | None, datetime | None]:
    """The date of an all-day event, or the start and end of a timed one, checked."""
    on_date = f.day(data, path, "date")
    starts_at = f.opt_moment(data, path, "starts_at")
    ends_at = f.opt_moment(data, path, "ends_at")
    if all_day is None:
        return on_date, starts_at, ends_at
    if kind in DEADLINE_KINDS and not all_day:
        f.problem(f"{path}.all_day", f"a {kind} is an all-day event: all_day must be true "
                                     "(deadlines have a date, not a time)")
        return on_date, starts_at, ends_at
    if all_day:
        if "date" in data and data["date"] is None:
            f.problem(f"{path}.date", "an all-day event needs a date (YYYY-MM-DD)")
        for key in ("starts_at", "ends_at"):
            if data.get(key) is not None:
                f.problem(f"{path}.{key}", "must be null for an all-day event (it is on its "
                                           "date)")
        return on_date, None, None
    if data.get("date") is not None:
        f.problem(f"{path}.date", "must be null for a timed event (its day follows from "
                                  "starts_at)")
    for key, what in (("starts_at", "start"), ("ends_at", "end")):
        if key in data and data[key] is None:
            f.problem(f"{path}.{key}", f"a timed event needs its {what} (a date and time), "
                                       "or make it all-day")
    if (starts_at is not None and ends_at is not None and not f.failed(path, "starts_at")
            and not f.failed(path, "ends_at")):
        if ends_at < starts_at:
            f.problem(f"{path}.ends_at", "is before starts_at (an event cannot end before "
                                         "it starts)")
        elif ends_at - starts_at > MAX_SPAN:
            f.problem(f"{path}.ends_at", f"the event lasts more than {MAX_SPAN.days} days "
                                         "(enter a longer trial as one event per week)")
    return None, starts_at, ends_at


def parse_event(f: Fields, path: str, value: Any, *, in_case: bool) -> EventIn | None:
    """One event of a case (`in_case`) or a firm-wide one (the top-level `events` list)."""
    data = f.obj(value, path, EVENT_KEYS, EVENT_EXTENSIONS, "an event")
    if data is None:
        return None
    kind = f.enum(data, path, "kind", EventKind)
    kind_known = kind if "kind" in data and not f.failed(path, "kind") else None
    if not in_case and kind_known is not None and kind_known not in FIRM_WIDE_KINDS:
        f.problem(f"{path}.kind", f"a {kind_known} belongs to a case (put it in its case's "
                                  "events); only meetings and reminders can be firm-wide")
    all_day = f.flag(data, path, "all_day")
    on_date, starts_at, ends_at = _when(f, data, path, kind_known, all_day)
    reminders = f.whole_list(data, path, "reminders_minutes_before", low=0,
                             high=MAX_REMINDER_MINUTES)
    if len(reminders) > MAX_REMINDERS:
        f.problem(f"{path}.reminders_minutes_before",
                  f"has {len(reminders)} reminders; an event can have at most {MAX_REMINDERS}")
    trigger_id = f.opt_ident(data, path, "trigger_id")
    if not in_case and trigger_id is not None:
        f.problem(f"{path}.trigger_id", "a firm-wide event has no deadline trigger (triggers "
                                        "belong to cases)")
    uid = f.text(data, path, "uid", required="uid" in data, max_len=500)
    return EventIn(
        path=path, id=f.ident(data, path, "id"), kind=kind,
        title=f.text(data, path, "title", required=True, max_len=500),
        all_day=bool(all_day), on_date=on_date, starts_at=starts_at, ends_at=ends_at,
        time_zone=f.time_zone(data, path, "time_zone", required=True),
        location=f.text(data, path, "location", max_len=500),
        notes=f.text(data, path, "notes"), status=f.enum(data, path, "status", EventStatus),
        reminders_minutes_before=reminders,
        attendee_staff_ids=f.ident_list(data, path, "attendee_staff_ids"),
        given=frozenset(key for key in EVENT_EXTENSIONS if key in data), uid=uid,
        sequence=f.whole(data, path, "sequence") or 0,
        satisfied_by=f.text(data, path, "satisfied_by", max_len=500), trigger_id=trigger_id,
        rule_key=f.text(data, path, "rule_key", max_len=200),
        authority=f.text(data, path, "authority", max_len=2000),
        explanation=f.lines(data, path, "explanation"))

"""Importing events and deadline triggers: what the database holds, the checks, bulk writes.

An event is merged by id like every record of the file, and kept as the event services keep
it: `day`/`end_day` derived by `events.derived_days`, attendees and the derived reminder firing
times (`events.reminder_firings`) rebuilt for every new or changed event, SEQUENCE moved on when
something a calendar shows changed (and never back). No double-booking check: an import brings
a practice's calendar as it was, clashes included.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, delete, update
from sqlmodel import Session

from casedesk.domain.enums import EventStatus
from casedesk.export.interchange import Problem
from casedesk.export.interchange_events import EventIn
from casedesk.export.interchange_parse import CaseIn, PracticeIn
from casedesk.services.bulk_sql import CHUNK, Row, execute_many, rows_where_in, table
from casedesk.services.events import CALENDAR_FIELDS, derived_days, new_uid, reminder_firings

_META = ("id", "version", "deleted")
TRIGGER_COLUMNS = (*_META, "case_id", "rule_set_key", "trigger_key", "trigger_date",
                   "service_method", "event_id", "notes")
# What an import compares (besides attendees), plus what it keeps or moves on.
EVENT_FIELDS = ("case_id", "kind", "title", "all_day", "on_date", "starts_at", "ends_at",
                "time_zone", "day", "end_day", "location", "notes", "status", "done_at",
                "satisfied_by", "reminders_minutes_before", "uid", "trigger_id", "rule_key",
                "authority", "explanation")
EVENT_COLUMNS = (*_META, *EVENT_FIELDS, "sequence")


@dataclass
class EventState:
    """The events and triggers of this practice an import touches (deleted ones included)."""

    events: dict[uuid.UUID, Row] = field(default_factory=dict)
    attendees: dict[uuid.UUID, set[uuid.UUID]] = field(default_factory=dict)
    triggers: dict[uuid.UUID, Row] = field(default_factory=dict)
    uid_holders: dict[str, Row] = field(default_factory=dict)
    # The uid each event of the file will have (events left deleted are not in it, nor, once
    # checked, the events of cases left deleted).
    uids: dict[uuid.UUID, str] = field(default_factory=dict)


def _uid(event: EventIn, existing: Row | None) -> str:
    if "uid" in event.given:
        return event.uid
    return existing["uid"] if existing is not None else new_uid(event.id)


def load_event_state(session: Session, practice: PracticeIn) -> EventState:
    """Read, in bulk, the rows the file's events and triggers match or point at."""
    events = practice.all_events()
    trigger_ids = {t.id for c in practice.cases for t in c.triggers}
    trigger_ids.update(e.trigger_id for e in events if e.trigger_id is not None)
    state = EventState(
        events={r["id"]: r for r in rows_where_in(session, "events", "id",
                                                  [e.id for e in events], EVENT_COLUMNS)},
        triggers={r["id"]: r for r in rows_where_in(session, "deadline_triggers", "id",
                                                    trigger_ids, TRIGGER_COLUMNS)})
    for row in rows_where_in(session, "event_attendees", "event_id", state.events,
                             ("event_id", "staff_id")):
        state.attendees.setdefault(row["event_id"], set()).add(row["staff_id"])
    for event in events:
        existing = state.events.get(event.id)
        if existing is None or not existing["deleted"]:
            state.uids[event.id] = _uid(event, existing)
    state.uid_holders = {r["uid"]: r for r in rows_where_in(
        session, "events", "uid", set(state.uids.values()), ("id", "uid", "deleted"))}
    return state


def check_events(state: EventState, practice: PracticeIn, live_cases: Iterable[CaseIn],
                 known_staff: set[uuid.UUID]) -> list[Problem]:
    """Problems only the database shows: ids of other cases, unknown attendees and triggers,
    uids held by other events. Events of cases left deleted are not looked at."""
    problems: list[Problem] = []
    written: list[EventIn] = []
    for case in live_cases:
        for trigger in case.triggers:
            row = state.triggers.get(trigger.id)
            if row is not None and row["case_id"] != case.id:
                problems.append(Problem(f"{trigger.path}.id", "this deadline trigger id "
                                        "belongs to another case in this practice"))
        in_file = {t.id for t in case.triggers}
        for event in case.events:
            _check_event(state, event, case.id, known_staff, problems)
            if event.trigger_id is not None and event.trigger_id not in in_file:
                row = state.triggers.get(event.trigger_id)
                if row is None:
                    problems.append(Problem(f"{event.path}.trigger_id", f"no deadline trigger "
                                            f"{event.trigger_id} in this case (in the file or "
                                            "in this practice)"))
                elif row["case_id"] != case.id:
                    problems.append(Problem(f"{event.path}.trigger_id", f"deadline trigger "
                                            f"{event.trigger_id} belongs to another case in "
                                            "this practice"))
            written.append(event)
    for event in practice.events:
        _check_event(state, event, None, known_staff, problems)
        written.append(event)
    # The events of cases left deleted are not written: their uids stay as they are.
    kept = {e.id for e in written}
    state.uids = {event_id: uid for event_id, uid in state.uids.items() if event_id in kept}
    _check_uids(state, [e for e in written if e.id in state.uids], problems)
    return problems


def _check_event(state: EventState, event: EventIn, case_id: uuid.UUID | None,
                 known_staff: set[uuid.UUID], problems: list[Problem]) -> None:
    row = state.events.get(event.id)
    if row is not None and row["case_id"] != case_id:
        reason = ("belongs to a case in this practice (a case's event stays on its case)"
                  if case_id is None else "is a firm-wide event in this practice"
                  if row["case_id"] is None else "belongs to another case in this practice")
        problems.append(Problem(f"{event.path}.id", f"this event id {reason}"))
    for staff_id in event.attendee_staff_ids:
        if staff_id not in known_staff:
            problems.append(Problem(f"{event.path}.attendee_staff_ids", f"no staff member "
                                    f"{staff_id} in the file or in this practice"))


def _check_uids(state: EventState, events: list[EventIn], problems: list[Problem]) -> None:
    seen: dict[str, str] = {}
    for event in events:
        uid = state.uids[event.id]
        if uid in seen:
            problems.append(Problem(f"{event.path}.uid", f"{uid!r} is also the uid of "
                                                         f"{seen[uid]}"))
            continue
        seen[uid] = event.path
        holder = state.uid_holders.get(uid)
        if holder is None or holder["id"] == event.id:
            continue
        if holder["id"] in state.uids and state.uids[holder["id"]] != uid:
            continue  # that event takes another uid in this same import
        deleted = " (a deleted one)" if holder["deleted"] else ""
        problems.append(Problem(f"{event.path}.uid", f"{uid!r} is already the uid of another "
                                                     f"event in this practice{deleted}"))


class EventMerger:
    """Collects the rows of new and changed events (and of their attendees and reminders)
    into the writer's insert and update lists, which it shares."""

    def __init__(self, state: EventState, now: datetime, inserts: dict[str, list[Row]],
                 updates: dict[str, list[Row]]) -> None:
        self.state = state
        self.now = now
        self.inserts = inserts
        self.updates = updates
        self.rebuilt: list[uuid.UUID] = []  # existing events whose attendees/reminders go

    def _kept(self, event: EventIn, key: str, existing: Row | None, default: Any) -> Any:
        """An optional extension's value: the file's, else the existing event's, else default."""
        if key in event.given:
            return getattr(event, key)
        return existing[key] if existing is not None else default

    def _desired(self, event: EventIn, case_id: uuid.UUID | None,
                 existing: Row | None) -> dict[str, Any]:
        day, end_day = derived_days(event.all_day, event.on_date, event.starts_at,
                                    event.ends_at, ZoneInfo(event.time_zone))
        done_at = None
        if event.status is EventStatus.DONE:
            was_done = existing is not None and existing["status"] == EventStatus.DONE
            done_at = existing["done_at"] if was_done and existing is not None else self.now
        return {
            "case_id": case_id, "kind": event.kind, "title": event.title,
            "all_day": event.all_day, "on_date": event.on_date, "starts_at": event.starts_at,
            "ends_at": event.ends_at, "time_zone": event.time_zone, "day": day,
            "end_day": end_day, "location": event.location, "notes": event.notes,
            "status": event.status, "done_at": done_at,
            "satisfied_by": self._kept(event, "satisfied_by", existing, ""),
            "reminders_minutes_before": list(event.reminders_minutes_before),
            "uid": self.state.uids[event.id],
            "trigger_id": self._kept(event, "trigger_id", existing, None),
            "rule_key": self._kept(event, "rule_key", existing, ""),
            "authority": self._kept(event, "authority", existing, ""),
            "explanation": list(self._kept(event, "explanation", existing, ())),
        }

    def merge(self, event: EventIn, case_id: uuid.UUID | None) -> str:
        """Add, update or leave one event; returns "new", "updated", "unchanged", "skipped"."""
        existing = self.state.events.get(event.id)
        if existing is not None and existing["deleted"]:
            return "skipped"
        desired = self._desired(event, case_id, existing)
        attendees = sorted(set(event.attendee_staff_ids), key=str)
        given_sequence = event.sequence if "sequence" in event.given else 0
        if existing is None:
            self.inserts.setdefault("events", []).append(
                {"id": event.id, "created_at": self.now, "updated_at": self.now,
                 "version": 1, "deleted_at": None, **desired, "sequence": given_sequence})
            self._children(event.id, desired, attendees)
            return "new"
        seen = (any(existing[key] != desired[key] for key in CALENDAR_FIELDS)
                or self.state.attendees.get(event.id, set()) != set(attendees))
        # SEQUENCE never goes back: a calendar must see a change as newer than what it has.
        sequence = max(existing["sequence"] + (1 if seen else 0), given_sequence)
        if not seen and sequence == existing["sequence"] and all(
                existing[key] == value for key, value in desired.items()):
            return "unchanged"
        self.updates.setdefault("events", []).append(
            {"id": event.id, **desired, "sequence": sequence,
             "version": existing["version"] + 1, "updated_at": self.now})
        self.rebuilt.append(event.id)
        self._children(event.id, desired, attendees)
        return "updated"

    def _children(self, event_id: uuid.UUID, desired: dict[str, Any],
                  attendees: list[uuid.UUID]) -> None:
        self.inserts.setdefault("event_attendees", []).extend(
            {"event_id": event_id, "staff_id": staff_id} for staff_id in attendees)
        if desired["status"] is not EventStatus.SCHEDULED:
            return  # as the services do: only a pending event reminds anyone
        self.inserts.setdefault("event_reminders", []).extend(
            {"event_id": event_id, "minutes_before": minutes, "remind_at": remind_at}
            for minutes, remind_at in reminder_firings(
                all_day=desired["all_day"], on_date=desired["on_date"],
                starts_at=desired["starts_at"], time_zone=desired["time_zone"],
                minutes_before=desired["reminders_minutes_before"]))

    def park_uids(self, session: Session) -> None:
        """Give events whose uid changes a temporary one, so uids can swap in one import."""
        moving = [{"b_id": row["id"], "b_uid": f"~import~{row['id'].hex}"}
                  for row in self.updates.get("events", [])
                  if row["uid"] != self.state.events[row["id"]]["uid"]]
        if moving:
            tbl = table("events")
            execute_many(session, update(tbl).where(tbl.c.id == bindparam("b_id"))
                         .values(uid=bindparam("b_uid")), moving)

    def clear_children(self, session: Session) -> None:
        """Remove the attendees and reminders of changed events (their new ones follow)."""
        ordered = sorted(self.rebuilt, key=str)
        for name in ("event_attendees", "event_reminders"):
            tbl = table(name)
            for start in range(0, len(ordered), CHUNK):
                session.execute(delete(tbl).where(
                    tbl.c.event_id.in_(ordered[start:start + CHUNK])))

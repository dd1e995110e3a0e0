"""Exporting events and deadline triggers: read in bulk, ordered so the file never wobbles.

Events are ordered by day, all-day ones first, then start, title and id; attendees by id;
triggers by date, rule set, trigger and id. Events of deleted cases are left out with their
case; a deleted trigger that an exported event still names is included, so the file stands on
its own (as deleted staff and contacts are).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import String, select, type_coerce
from sqlmodel import Session

from casedesk.services.bulk_sql import Row, day_text, plain_rows, rows_where_in, table, uuid_text

_TRIGGER = ("id", "case_id", "rule_set_key", "trigger_key", "trigger_date", "service_method",
            "event_id", "notes")
_EVENT = ("id", "case_id", "kind", "title", "all_day", "on_date", "starts_at", "ends_at",
          "time_zone", "day", "location", "notes", "status", "reminders_minutes_before", "uid",
          "sequence", "satisfied_by", "trigger_id", "rule_key", "authority", "explanation")
_EARLIEST = datetime.min.replace(tzinfo=UTC)


@dataclass
class EventsOut:
    """The events and triggers of a practice as document values, by case id (text)."""

    events: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    firm_wide: list[dict[str, Any]] = field(default_factory=list)
    triggers: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    staff_refs: set[str | None] = field(default_factory=set)  # the attendees


def _moment(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat()


def _attendees(session: Session) -> dict[str, list[str]]:
    tbl = table("event_attendees")
    by_event: dict[str, list[str]] = defaultdict(list)
    query = select(type_coerce(tbl.c.event_id, String), type_coerce(tbl.c.staff_id, String))
    for event_id, staff_id in session.execute(query):
        by_event[uuid_text(event_id)].append(uuid_text(staff_id))
    return by_event


def _event(row: Row, attendees: list[str]) -> dict[str, Any]:
    return {"id": row["id"], "kind": row["kind"], "title": row["title"],
            "all_day": bool(row["all_day"]), "date": row["on_date"],
            "starts_at": _moment(row["starts_at"]), "ends_at": _moment(row["ends_at"]),
            "time_zone": row["time_zone"], "location": row["location"], "notes": row["notes"],
            "status": row["status"],
            "reminders_minutes_before": list(row["reminders_minutes_before"] or []),
            "attendee_staff_ids": sorted(attendees), "uid": row["uid"],
            "sequence": row["sequence"], "satisfied_by": row["satisfied_by"],
            "trigger_id": row["trigger_id"], "rule_key": row["rule_key"],
            "authority": row["authority"], "explanation": list(row["explanation"] or [])}


def _event_order(row: Row) -> tuple[Any, ...]:
    return (row["day"], row["starts_at"] is not None, row["starts_at"] or _EARLIEST,
            row["title"], row["id"])


def _trigger(row: Row) -> dict[str, Any]:
    return {"id": row["id"], "rule_set": row["rule_set_key"], "trigger": row["trigger_key"],
            "trigger_date": row["trigger_date"], "service_method": row["service_method"],
            "event_id": row["event_id"], "notes": row["notes"]}


def _referenced_triggers(session: Session, have: dict[str, Row], refs: set[str]) -> None:
    """Add the deleted triggers that exported events still name."""
    missing = {uuid.UUID(ref) for ref in refs if ref not in have}
    for row in rows_where_in(session, "deadline_triggers", "id", missing, _TRIGGER):
        for key in ("id", "case_id"):
            row[key] = uuid_text(row[key])
        row["event_id"] = None if row["event_id"] is None else uuid_text(row["event_id"])
        row["trigger_date"] = day_text(row["trigger_date"])
        have[row["id"]] = row


def read_events(session: Session, case_ids: set[str]) -> EventsOut:
    """The live events of these (exported) cases and the firm-wide ones, and their triggers."""
    out = EventsOut()
    attendees = _attendees(session)
    rows = sorted((r for r in plain_rows(session, "events", _EVENT)
                   if r["case_id"] is None or r["case_id"] in case_ids), key=_event_order)
    trigger_refs: set[str] = set()
    for row in rows:
        people = attendees.get(row["id"], [])
        out.staff_refs.update(people)
        document = _event(row, people)
        if row["case_id"] is None:
            out.firm_wide.append(document)
        else:
            out.events.setdefault(row["case_id"], []).append(document)
            if row["trigger_id"] is not None:
                trigger_refs.add(row["trigger_id"])
    triggers = {r["id"]: r for r in plain_rows(session, "deadline_triggers", _TRIGGER)
                if r["case_id"] in case_ids}
    _referenced_triggers(session, triggers, trigger_refs)
    for row in sorted(triggers.values(), key=lambda r: (r["trigger_date"], r["rule_set_key"],
                                                        r["trigger_key"], r["id"])):
        out.triggers.setdefault(row["case_id"], []).append(_trigger(row))
    return out

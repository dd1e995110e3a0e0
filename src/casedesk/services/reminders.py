"""Reminders kept in the database: which are due for a person, acknowledge, snooze.

An event's reminders fire at `event_reminders.remind_at` (rebuilt by services/events.py whenever
the event changes). A person's answer is a `reminder_acks` row naming the firing it answers, so
moving the event makes its reminders due again. Due reminders are read with plain SQL on the
indexed firing time; anything fired in the last LOOKBACK and not answered is shown, so a
reminder that fired while casedesk was closed is shown as missed at the next start.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from casedesk.domain.changes import Changes
from casedesk.domain.enums import EventKind
from casedesk.domain.errors import InvalidInput
from casedesk.domain.models import Event, EventReminder, ReminderAck
from casedesk.domain.types import utcnow
from casedesk.persistence.reader import Reader, as_date, as_opt_uuid, as_utc, as_uuid
from casedesk.services.common import get_live

LOOKBACK = timedelta(days=30)
MAX_SNOOZE = timedelta(days=30)


@dataclass(frozen=True, slots=True)
class DueReminder:
    """The latest unanswered firing of one event's reminders."""

    event_id: uuid.UUID
    case_id: uuid.UUID | None
    case_number: str
    kind: EventKind
    title: str
    all_day: bool
    on_date: date | None
    starts_at: datetime | None
    time_zone: str
    location: str
    minutes_before: int
    remind_at: datetime

    @property
    def starts(self) -> datetime:
        """When the event begins (midnight in its zone for an all-day event)."""
        if self.starts_at is not None:
            return self.starts_at
        assert self.on_date is not None
        return datetime.combine(self.on_date, time(0), ZoneInfo(self.time_zone or "UTC"))

    def missed(self, since: datetime) -> bool:
        """Fired before `since` (e.g. while casedesk was closed)."""
        return self.remind_at < since


_VISIBLE = ("(:staff IS NULL OR EXISTS (SELECT 1 FROM event_attendees a WHERE a.event_id = e.id "
            "AND a.staff_id = :staff) OR (NOT EXISTS (SELECT 1 FROM event_attendees a "
            "WHERE a.event_id = e.id) AND (e.case_id IS NULL OR c.responsible_staff_id = :staff "
            "OR c.responsible_staff_id IS NULL)))")


def due_reminders(reader: Reader, *, staff_id: uuid.UUID | None, now: datetime,
                  limit: int = 500) -> list[DueReminder]:
    """What this person should be reminded of now, soonest event first.

    Theirs: events they attend; events nobody attends on cases they are responsible for (or
    nobody is); firm-wide events nobody attends. With no signed-in person, everything.
    """
    ack_staff = "k.staff_id = :staff" if staff_id is not None else "k.staff_id IS NULL"
    sql = (
        "SELECT r.event_id, e.case_id, c.number, e.kind, e.title, e.all_day, e.on_date, "
        "e.starts_at, e.time_zone, e.location, r.minutes_before, r.remind_at "
        "FROM event_reminders r JOIN events e ON e.id = r.event_id "
        "LEFT JOIN cases c ON c.id = e.case_id "
        f"LEFT JOIN reminder_acks k ON k.event_id = r.event_id AND {ack_staff} "
        "AND k.minutes_before = r.minutes_before AND k.remind_at = r.remind_at "
        "WHERE r.remind_at <= :now AND r.remind_at >= :since AND e.deleted_at IS NULL "
        "AND e.status = 'scheduled' AND (e.case_id IS NULL OR c.deleted_at IS NULL) "
        "AND (k.id IS NULL OR (k.acknowledged_at IS NULL AND k.snoozed_until <= :now)) "
        f"AND {_VISIBLE} ORDER BY r.remind_at DESC LIMIT {int(limit)}")
    params = {"now": now, "since": now - LOOKBACK, "staff": staff_id}
    if reader.dialect != "sqlite":
        sql = sql.replace(":staff IS NULL", "CAST(:staff AS uuid) IS NULL")
    latest: dict[uuid.UUID, DueReminder] = {}
    for r in reader.rows(sql, params):
        event_id = as_uuid(r[0])
        if event_id in latest:
            continue  # an older firing of the same event: the newest one says it all
        remind_at = as_utc(r[11])
        assert remind_at is not None
        latest[event_id] = DueReminder(
            event_id=event_id, case_id=as_opt_uuid(r[1]), case_number=r[2] or "",
            kind=EventKind(r[3]), title=r[4], all_day=bool(r[5]),
            on_date=as_date(r[6]),
            starts_at=as_utc(r[7]), time_zone=r[8] or "", location=r[9] or "",
            minutes_before=int(r[10]), remind_at=remind_at)
    return sorted(latest.values(), key=lambda d: (d.starts, d.title))


def _answer(session: Session, *, event_id: uuid.UUID, staff_id: uuid.UUID | None,
            now: datetime, acknowledged: bool, snoozed_until: datetime | None) -> int:
    event = get_live(session, Event, event_id, "event")
    fired = session.exec(select(EventReminder).where(
        EventReminder.event_id == event.id, col(EventReminder.remind_at) <= now)).all()
    for reminder in fired:
        ack = session.exec(select(ReminderAck).where(
            ReminderAck.event_id == event.id, ReminderAck.minutes_before ==
            reminder.minutes_before, ReminderAck.staff_id == staff_id
            if staff_id is not None else col(ReminderAck.staff_id).is_(None))).first()
        if ack is None:
            ack = ReminderAck(event_id=event.id, staff_id=staff_id,
                              minutes_before=reminder.minutes_before,
                              remind_at=reminder.remind_at)
            session.add(ack)
        ack.remind_at = reminder.remind_at
        ack.acknowledged_at = now if acknowledged else None
        ack.snoozed_until = snoozed_until
    return len(fired)


def acknowledge(session: Session, *, event_id: uuid.UUID, staff_id: uuid.UUID | None,
                now: datetime | None = None) -> Changes:
    """Answer every reminder of this event that has fired (for this person)."""
    _answer(session, event_id=event_id, staff_id=staff_id, now=now or utcnow(),
            acknowledged=True, snoozed_until=None)
    return Changes(reminders=True)


def snooze(session: Session, *, event_id: uuid.UUID, staff_id: uuid.UUID | None,
           until: datetime, now: datetime | None = None) -> Changes:
    """Remind this person again at `until` (at most MAX_SNOOZE ahead)."""
    now = now or utcnow()
    if until.tzinfo is None:
        raise InvalidInput("A snooze needs a time with its zone.", field="until")
    if until <= now:
        raise InvalidInput("Snooze until a time in the future.", field="until")
    if until - now > MAX_SNOOZE:
        raise InvalidInput("A reminder can be snoozed for at most 30 days.", field="until")
    _answer(session, event_id=event_id, staff_id=staff_id, now=now, acknowledged=False,
            snoozed_until=until)
    return Changes(reminders=True)

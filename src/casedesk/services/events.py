"""Court dates, deadlines, meetings and reminders: create, edit, move, complete, delete.

Times: a timed event is stored as UTC instants plus the IANA zone it happens in (the court's or
the firm's); a naive datetime given to these functions is wall-clock time in that zone. An
all-day event (every deadline) is a date. `day`/`end_day` are kept as the local first and last
day so a calendar range is one index scan (see services/event_list.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, delete, select

from casedesk.domain.changes import Changes
from casedesk.domain.enums import (
    DEADLINE_KINDS,
    FIRM_WIDE_KINDS,
    CaseStatus,
    EventKind,
    EventStatus,
    label,
)
from casedesk.domain.errors import DoubleBooking, InvalidInput, RuleViolation
from casedesk.domain.limits import MAX_REMINDER_MINUTES, MAX_REMINDERS, MAX_SPAN
from casedesk.domain.models import (
    Case,
    Event,
    EventAttendee,
    EventReminder,
    Firm,
    Staff,
)
from casedesk.domain.types import utcnow
from casedesk.services.common import (
    check_version,
    get_live,
    log_activity,
    optional_text,
    required_text,
    soft_delete,
    valid_time_zone,
)

DEFAULT_DURATION = timedelta(hours=1)

# What a new event of each kind reminds by default (minutes before it starts).
DEFAULT_REMINDERS: dict[EventKind, tuple[int, ...]] = {
    EventKind.FILING_DEADLINE: (7 * 1440, 1440),
    EventKind.STATUTE_OF_LIMITATIONS: (90 * 1440, 30 * 1440, 7 * 1440),
    EventKind.INTERNAL_DEADLINE: (1440,),
    EventKind.HEARING: (1440, 120),
    EventKind.TRIAL: (7 * 1440, 1440),
    EventKind.CONFERENCE: (1440, 60),
    EventKind.DEPOSITION: (1440, 60),
    EventKind.MEETING: (15,),
    EventKind.REMINDER: (0,),
}

# Fields whose change a calendar client must see (SEQUENCE goes up when one changes, as it does
# when the attendees change); the practice import uses the same list.
CALENDAR_FIELDS = ("kind", "title", "all_day", "on_date", "starts_at", "ends_at", "time_zone",
                   "location", "notes", "status", "reminders_minutes_before", "case_id")


@dataclass(frozen=True, slots=True)
class EventInput:
    """What a person (or an import) says about an event; validated by `_checked`."""

    kind: EventKind | str
    title: str
    case_id: uuid.UUID | None = None
    all_day: bool = False
    on_date: date | str | None = None
    starts_at: datetime | str | None = None
    ends_at: datetime | str | None = None
    time_zone: str = ""
    location: str = ""
    notes: str = ""
    status: EventStatus | str = EventStatus.SCHEDULED
    reminders_minutes_before: tuple[int, ...] | None = None  # None: the kind's defaults
    attendee_staff_ids: tuple[uuid.UUID, ...] = ()
    satisfied_by: str = ""


@dataclass(slots=True)
class _Checked:
    kind: EventKind
    title: str
    case: Case | None
    all_day: bool
    on_date: date | None
    starts_at: datetime | None
    ends_at: datetime | None
    time_zone: str
    day: date
    end_day: date
    location: str
    notes: str
    status: EventStatus
    reminders: list[int]
    attendees: list[uuid.UUID] = field(default_factory=list)
    satisfied_by: str = ""


def _kind(value: EventKind | str) -> EventKind:
    try:
        return EventKind(value)
    except ValueError:
        allowed = ", ".join(k.value for k in EventKind)
        raise InvalidInput(f"{value!r} is not an event kind ({allowed}).", field="kind") from None


def _status(value: EventStatus | str) -> EventStatus:
    try:
        return EventStatus(value)
    except ValueError:
        raise InvalidInput(f"{value!r} is not an event status (scheduled, done, vacated, "
                           "cancelled).", field="status") from None


def _date(value: date | str | None, field_name: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        raise InvalidInput("An all-day event takes a date, not a time.", field=field_name)
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput(f"{value!r} is not a date (use YYYY-MM-DD).",
                           field=field_name) from None


def _instant(value: datetime | str | None, zone: ZoneInfo, field_name: str) -> datetime | None:
    """An aware UTC instant; naive input is wall-clock time in the event's zone."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise InvalidInput(f"{value!r} is not a date and time (use YYYY-MM-DDTHH:MM).",
                               field=field_name) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value.astimezone(UTC)


def local_day(instant: datetime, zone: ZoneInfo) -> date:
    return instant.astimezone(zone).date()


def _end_day(ends_at: datetime, zone: ZoneInfo) -> date:
    """The last local day an event occupies (one ending at midnight ends the day before)."""
    local = ends_at.astimezone(zone)
    if local.time() == time(0) and local.date() > date.min:
        return local.date() - timedelta(days=1)
    return local.date()


def derived_days(all_day: bool, on_date: date | None, starts_at: datetime | None,
                 ends_at: datetime | None, zone: ZoneInfo) -> tuple[date, date]:
    """The local first and last day (`day`, `end_day`) of a checked event.

    Pure, so a bulk import derives them exactly as the services do: an all-day event is on its
    date; a timed one runs from the local day it starts to the local day it ends (an end at
    midnight ends the day before).
    """
    if all_day:
        assert on_date is not None
        return on_date, on_date
    assert starts_at is not None and ends_at is not None
    day = local_day(starts_at, zone)
    return day, max(day, _end_day(ends_at, zone))


def default_zone(session: Session, case: Case | None) -> str:
    """The court's zone for a case that has one, else the firm's."""
    if case is not None and case.court_time_zone:
        return case.court_time_zone
    firm = session.exec(select(Firm).where(col(Firm.deleted_at).is_(None))).first()
    return firm.time_zone if firm is not None and firm.time_zone else "UTC"


def _reminders(values: tuple[int, ...] | None, kind: EventKind) -> list[int]:
    if values is None:
        return list(DEFAULT_REMINDERS[kind])
    result: list[int] = []
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput(f"A reminder is a whole number of minutes, not {value!r}.",
                               field="reminders")
        if not 0 <= value <= MAX_REMINDER_MINUTES:
            raise InvalidInput("A reminder must be between 0 minutes and a year before the "
                               "event.", field="reminders")
        if value not in result:
            result.append(value)
    if len(result) > MAX_REMINDERS:
        raise InvalidInput(f"An event can have at most {MAX_REMINDERS} reminders.",
                           field="reminders")
    return result


def _checked(session: Session, data: EventInput, *, importing: bool = False) -> _Checked:
    kind = _kind(data.kind)
    title = required_text(data.title, "title", "Event title")
    case: Case | None = None
    if data.case_id is not None:
        case = get_live(session, Case, data.case_id, "case")
        if case.status is CaseStatus.CLOSED and not importing:
            raise RuleViolation(f"Case {case.number} is closed; reopen it to add or change "
                                "its events.")
    elif kind not in FIRM_WIDE_KINDS:
        raise InvalidInput(f"A {label(kind).lower()} belongs to a case; choose one (only "
                           "meetings and reminders can be firm-wide).", field="case")
    all_day = bool(data.all_day) or kind in DEADLINE_KINDS
    zone_name = valid_time_zone(data.time_zone, "time_zone") or default_zone(session, case)
    zone = ZoneInfo(zone_name)
    if all_day:
        on_date = _date(data.on_date, "date")
        if on_date is None:
            on_date = _date_of(data.starts_at, zone)
        if on_date is None:
            raise InvalidInput(f"A {label(kind).lower()} needs a date.", field="date")
        starts_at = ends_at = None
    else:
        on_date = None
        starts_at = _instant(data.starts_at, zone, "starts_at")
        if starts_at is None:
            raise InvalidInput("A timed event needs a start time (or make it all-day).",
                               field="starts_at")
        ends_at = _instant(data.ends_at, zone, "ends_at") or starts_at + DEFAULT_DURATION
        if ends_at < starts_at:
            raise InvalidInput("The event ends before it starts.", field="ends_at")
        if ends_at - starts_at > MAX_SPAN:
            raise InvalidInput(f"An event can last at most {MAX_SPAN.days} days; enter a "
                               "longer trial as one event per week.", field="ends_at")
    day, end_day = derived_days(all_day, on_date, starts_at, ends_at, zone)
    attendees: list[uuid.UUID] = []
    for staff_id in data.attendee_staff_ids:
        if staff_id not in attendees:
            get_live(session, Staff, staff_id, "staff member")
            attendees.append(staff_id)
    return _Checked(kind=kind, title=title, case=case, all_day=all_day, on_date=on_date,
                    starts_at=starts_at, ends_at=ends_at, time_zone=zone_name, day=day,
                    end_day=end_day,
                    location=optional_text(data.location, max_len=500, field="location",
                                           label="Location"),
                    notes=optional_text(data.notes, field="notes", label="Notes"),
                    status=_status(data.status),
                    reminders=_reminders(data.reminders_minutes_before, kind),
                    attendees=attendees,
                    satisfied_by=optional_text(data.satisfied_by, max_len=500,
                                               field="satisfied_by", label="Satisfied by"))


def _date_of(value: datetime | str | None, zone: ZoneInfo) -> date | None:
    """A date given where a time was expected (switching a timed event to all-day)."""
    if value is None or value == "":
        return None
    instant = _instant(value, zone, "date")
    return None if instant is None else local_day(instant, zone)


def occupied(event: Event | _Checked) -> tuple[datetime, datetime] | None:
    """The UTC interval an event books people and rooms for (deadlines book nobody)."""
    if event.kind in DEADLINE_KINDS or event.kind is EventKind.REMINDER:
        return None
    zone = ZoneInfo(event.time_zone or "UTC")
    if event.all_day:
        assert event.on_date is not None
        start = datetime.combine(event.on_date, time(0), zone)
        return start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)
    assert event.starts_at is not None and event.ends_at is not None
    return event.starts_at, event.ends_at


def _norm_place(text: str) -> str:
    return " ".join(text.casefold().replace(",", " ").split())


def double_bookings(session: Session, checked: _Checked,
                    exclude_id: uuid.UUID | None = None) -> list[str]:
    """Who or which room this event would book twice, in words (empty when none)."""
    span = occupied(checked)
    if span is None or checked.status is not EventStatus.SCHEDULED:
        return []
    place = _norm_place(checked.location)
    if not checked.attendees and not place:
        return []
    query = select(Event).where(
        col(Event.deleted_at).is_(None), Event.status == EventStatus.SCHEDULED,
        col(Event.day) >= checked.day - MAX_SPAN, col(Event.day) <= checked.end_day,
        col(Event.end_day) >= checked.day)
    if exclude_id is not None:
        query = query.where(Event.id != exclude_id)
    clashes: list[str] = []
    for other in session.exec(query):
        other_span = occupied(other)
        if other_span is None or not (other_span[0] < span[1] and span[0] < other_span[1]):
            continue
        what = _describe(session, other)
        if place and _norm_place(other.location) == place:
            clashes.append(f"{other.location} is booked for {what}")
        shared = session.exec(select(EventAttendee.staff_id).where(
            EventAttendee.event_id == other.id,
            col(EventAttendee.staff_id).in_(checked.attendees))).all() \
            if checked.attendees else []
        for staff_id in shared:
            staff = session.get(Staff, staff_id)
            clashes.append(f"{staff.name if staff else 'A staff member'} is at {what}")
    return clashes


def _describe(session: Session, event: Event) -> str:
    case = session.get(Case, event.case_id) if event.case_id else None
    prefix = f"{case.number} " if case else ""
    zone = ZoneInfo(event.time_zone or "UTC")
    if event.all_day:
        assert event.on_date is not None
        when = f"{event.on_date:%a} {event.on_date.day} {event.on_date:%b %Y} (all day)"
    else:
        assert event.starts_at is not None and event.ends_at is not None
        start = event.starts_at.astimezone(zone)
        end = event.ends_at.astimezone(zone)
        when = f"{start:%a} {start.day} {start:%b %Y} {start:%H:%M}-{end:%H:%M} {start:%Z}"
    return f"{prefix}{event.title!r}, {when}"


def reminder_firings(*, all_day: bool, on_date: date | None, starts_at: datetime | None,
                     time_zone: str, minutes_before: Sequence[int]
                     ) -> list[tuple[int, datetime]]:
    """When each reminder of a pending event fires: (minutes before, UTC instant).

    An all-day event counts from midnight starting its date in its zone. Pure, so a bulk import
    rebuilds `event_reminders` exactly as `_rebuild_reminders` does.
    """
    if all_day:
        assert on_date is not None
        base = datetime.combine(on_date, time(0), ZoneInfo(time_zone or "UTC"))
    else:
        assert starts_at is not None
        base = starts_at
    return [(minutes, (base - timedelta(minutes=minutes)).astimezone(UTC))
            for minutes in minutes_before]


def _rebuild_reminders(session: Session, event: Event) -> None:
    """Keep the derived firing times in step with the event (none once it is not pending)."""
    session.exec(delete(EventReminder).where(
        col(EventReminder.event_id) == event.id))
    if event.status is not EventStatus.SCHEDULED or event.deleted_at is not None:
        return
    for minutes, remind_at in reminder_firings(
            all_day=event.all_day, on_date=event.on_date, starts_at=event.starts_at,
            time_zone=event.time_zone, minutes_before=event.reminders_minutes_before):
        session.add(EventReminder(event_id=event.id, minutes_before=minutes,
                                  remind_at=remind_at))


def _set_attendees(session: Session, event_id: uuid.UUID, staff_ids: list[uuid.UUID]) -> None:
    session.exec(delete(EventAttendee).where(
        col(EventAttendee.event_id) == event_id))
    for staff_id in staff_ids:
        session.add(EventAttendee(event_id=event_id, staff_id=staff_id))


def _apply(event: Event, checked: _Checked) -> None:
    event.kind = checked.kind
    event.title = checked.title
    event.case_id = checked.case.id if checked.case else None
    event.all_day = checked.all_day
    event.on_date = checked.on_date
    event.starts_at = checked.starts_at
    event.ends_at = checked.ends_at
    event.time_zone = checked.time_zone
    event.day = checked.day
    event.end_day = checked.end_day
    event.location = checked.location
    event.notes = checked.notes
    if checked.status is not EventStatus.SCHEDULED and event.status is EventStatus.SCHEDULED:
        event.done_at = utcnow() if checked.status is EventStatus.DONE else None
    elif checked.status is EventStatus.SCHEDULED:
        event.done_at = None
    event.status = checked.status
    event.reminders_minutes_before = list(checked.reminders)
    event.satisfied_by = checked.satisfied_by


def new_uid(event_id: uuid.UUID) -> str:
    """The calendar identity exported with the event; stored once, never derived again."""
    return f"{event_id}@casedesk"


def add_event(session: Session, *, data: EventInput, event_id: uuid.UUID | None = None,
              uid: str | None = None, allow_double_booking: bool = False,
              actor_staff_id: uuid.UUID | None = None, trigger_id: uuid.UUID | None = None,
              rule_key: str = "", authority: str = "",
              explanation: tuple[str, ...] = ()) -> Changes:
    """Create an event; raises DoubleBooking unless the caller confirmed the clash."""
    checked = _checked(session, data)
    if not allow_double_booking and (clashes := double_bookings(session, checked)):
        raise DoubleBooking(clashes)
    new_id = event_id or uuid.uuid4()
    event = Event(id=new_id, kind=checked.kind, title=checked.title, day=checked.day,
                  end_day=checked.end_day, uid=uid or new_uid(new_id), sequence=0,
                  trigger_id=trigger_id, rule_key=rule_key, authority=authority,
                  explanation=list(explanation))
    _apply(event, checked)
    session.add(event)
    session.flush()
    _set_attendees(session, event.id, checked.attendees)
    _rebuild_reminders(session, event)
    log_activity(session, case_id=event.case_id, action="event_added",
                 summary=f"{label(event.kind)}: {_describe(session, event)}",
                 staff_id=actor_staff_id)
    return Changes(events=True, reminders=True, cases=event.case_id is not None)


def _snapshot(event: Event, attendees: list[uuid.UUID]) -> tuple[object, ...]:
    return (*(getattr(event, f) for f in CALENDAR_FIELDS), tuple(sorted(attendees)))


def attendee_ids(session: Session, event_id: uuid.UUID) -> list[uuid.UUID]:
    return list(session.exec(select(EventAttendee.staff_id).where(
        EventAttendee.event_id == event_id)).all())


def update_event(session: Session, *, event_id: uuid.UUID, data: EventInput,
                 expected_version: int | None = None, allow_double_booking: bool = False,
                 actor_staff_id: uuid.UUID | None = None, note: str = "") -> Changes:
    """Edit an event; any change a calendar shows bumps its SEQUENCE."""
    event = get_live(session, Event, event_id, "event")
    check_version(event, expected_version, "event")
    if event.case_id is not None and data.case_id is None and _kind(data.kind) \
            not in FIRM_WIDE_KINDS:
        raise InvalidInput("A case event stays on a case.", field="case")
    checked = _checked(session, data)
    if not allow_double_booking and (clashes := double_bookings(session, checked, event.id)):
        raise DoubleBooking(clashes)
    before = _snapshot(event, attendee_ids(session, event.id))
    old = _describe(session, event)
    _apply(event, checked)
    after = _snapshot(event, checked.attendees)
    if before == after and checked.satisfied_by == event.satisfied_by and not note:
        return Changes()
    if before != after:
        event.sequence += 1
    _set_attendees(session, event.id, checked.attendees)
    _rebuild_reminders(session, event)
    new = _describe(session, event)
    summary = f"{label(event.kind)} changed: {old} → {new}" if old != new else \
        f"{label(event.kind)} edited: {new}"
    log_activity(session, case_id=event.case_id, action="event_updated",
                 summary=f"{summary}{f' ({note})' if note else ''}", staff_id=actor_staff_id)
    return Changes(events=True, reminders=True, cases=event.case_id is not None)


def event_input(session: Session, event: Event, **changes: object) -> EventInput:
    """The event as input, with some fields replaced (for moves and status changes)."""
    values: dict[str, object] = {
        "kind": event.kind, "title": event.title, "case_id": event.case_id,
        "all_day": event.all_day, "on_date": event.on_date, "starts_at": event.starts_at,
        "ends_at": event.ends_at, "time_zone": event.time_zone, "location": event.location,
        "notes": event.notes, "status": event.status,
        "reminders_minutes_before": tuple(event.reminders_minutes_before),
        "attendee_staff_ids": tuple(attendee_ids(session, event.id)),
        "satisfied_by": event.satisfied_by,
    }
    values.update(changes)
    return EventInput(**values)  # type: ignore[arg-type]


def move_event(session: Session, *, event_id: uuid.UUID, to_day: date,
               expected_version: int | None = None, allow_double_booking: bool = False,
               actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Reschedule to another day, keeping the local time of day and the duration (drag)."""
    event = get_live(session, Event, event_id, "event")
    if event.all_day:
        data = event_input(session, event, on_date=to_day)
    else:
        assert event.starts_at is not None and event.ends_at is not None
        zone = ZoneInfo(event.time_zone or "UTC")
        start_local = event.starts_at.astimezone(zone)
        new_start = datetime.combine(to_day, start_local.time().replace(tzinfo=None), zone)
        duration = event.ends_at - event.starts_at
        data = event_input(session, event, starts_at=new_start, ends_at=new_start + duration)
    note = "moved by hand" if event.trigger_id is not None else ""
    return update_event(session, event_id=event_id, data=data,
                        expected_version=expected_version,
                        allow_double_booking=allow_double_booking,
                        actor_staff_id=actor_staff_id, note=note)


def set_event_status(session: Session, *, event_id: uuid.UUID, status: EventStatus | str,
                     satisfied_by: str = "", actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Mark done (with what satisfied it), vacated, cancelled, or back to scheduled."""
    event = get_live(session, Event, event_id, "event")
    new_status = _status(status)
    if new_status is event.status and satisfied_by.strip() == event.satisfied_by:
        return Changes()
    if new_status is not event.status:
        event.sequence += 1
    event.done_at = utcnow() if new_status is EventStatus.DONE else None
    event.status = new_status
    event.satisfied_by = optional_text(satisfied_by, max_len=500, field="satisfied_by",
                                       label="Satisfied by") \
        if new_status is EventStatus.DONE else ""
    _rebuild_reminders(session, event)
    how = f" by {event.satisfied_by}" if event.satisfied_by else ""
    log_activity(session, case_id=event.case_id, action=f"event_{new_status.value}",
                 summary=f"{label(event.kind)} {label(new_status).lower()}{how}: "
                         f"{_describe(session, event)}", staff_id=actor_staff_id)
    return Changes(events=True, reminders=True, cases=event.case_id is not None)


def delete_event(session: Session, *, event_id: uuid.UUID,
                 actor_staff_id: uuid.UUID | None = None) -> Changes:
    event = get_live(session, Event, event_id, "event")
    soft_delete(event)
    event.sequence += 1
    _rebuild_reminders(session, event)
    log_activity(session, case_id=event.case_id, action="event_deleted",
                 summary=f"{label(event.kind)} deleted: {_describe(session, event)}",
                 staff_id=actor_staff_id)
    return Changes(events=True, reminders=True, cases=event.case_id is not None)

"""Reading an .ics file (from a court, co-counsel, Outlook or Google) into plain event values.

Pure: bytes in, `ParsedCalendar` out, or `InvalidDocument` naming every problem, so that a file
with any broken event is refused whole. Times are converted here as far as the file allows:
a DTSTART with a TZID or `Z` becomes an aware UTC instant; a floating time stays naive and the
importing service reads it as wall-clock time in the case's zone. Repeating events are skipped,
never expanded: guessing a court's series would put wrong dates on the calendar.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Component, Event
from icalendar.prop import vBroken

from casedesk.domain.enums import EventKind, label
from casedesk.export.ics import PRODID
from casedesk.export.interchange import InvalidDocument, Problem

MAX_ICS_BYTES = 10 * 1024 * 1024
MAX_ICS_EVENTS = 5000
MAX_UID = 255
MAX_TITLE = 500  # the limits services/events.py enforces; longer text is cut, with a remark
MAX_LOCATION = 500
MAX_NOTES = 20_000
MAX_REMINDERS = 5
MAX_REMINDER_MINUTES = 366 * 24 * 60
_RECURRENCE = ("RRULE", "RDATE", "EXRULE")
_PARSE_ERRORS = (ValueError, TypeError, KeyError, IndexError, AttributeError)


@dataclass(frozen=True, slots=True)
class ParsedEvent:
    """One VEVENT as casedesk can store it; `remarks` say what was adjusted on the way in."""

    uid: str
    title: str
    kind: EventKind | None  # from CATEGORIES when one names a casedesk kind
    all_day: bool
    on_date: date | None
    starts_at: datetime | None  # aware UTC, or naive for a floating time
    ends_at: datetime | None  # None: the file gave no end
    time_zone: str  # the TZID when it is an IANA zone name, else ""
    location: str
    description: str
    cancelled: bool
    reminders_minutes_before: tuple[int, ...] | None  # None: the file set no usable alarm
    remarks: tuple[str, ...] = ()
    where: str = ""  # "event 3 (UID ...) 'title'", for problems found later by the services


@dataclass(frozen=True, slots=True)
class SkippedEvent:
    uid: str
    title: str
    reason: str


@dataclass(frozen=True, slots=True)
class ParsedCalendar:
    events: tuple[ParsedEvent, ...]
    skipped: tuple[SkippedEvent, ...] = ()
    ignored: tuple[str, ...] = ()  # other components, e.g. "2 to-dos (VTODO)"
    prodid: str = ""

    @property
    def from_casedesk(self) -> bool:
        """Written by casedesk's own export: a rendering of casedesk data, perhaps minimal."""
        return self.prodid == PRODID


def _clip(text: str, limit: int, what: str, remarks: list[str]) -> str:
    if len(text) <= limit:
        return text
    remarks.append(f"{what} cut to {limit} characters")
    return text[: limit - 1].rstrip() + "…"


def _text(component: Component, name: str) -> str:
    value = component.get(name)
    if value is None:
        return ""
    if isinstance(value, list):  # a property given twice: keep the first
        value = value[0]
    return str(value).strip()


def kind_from_categories(categories: Sequence[str]) -> EventKind | None:
    """The first category naming one of ours ("Hearing", "filing_deadline", "Filing deadline")."""
    for category in categories:
        key = " ".join(category.replace("_", " ").casefold().split())
        for kind in EventKind:
            if key in (kind.value.replace("_", " "), label(kind).casefold()):
                return kind
    return None


def _categories(event: Event) -> list[str]:
    try:
        return [str(c) for c in event.categories]
    except _PARSE_ERRORS:
        return []


def _iana(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ""
    return name


def _zone_of(value: datetime, tzid: str) -> str:
    """The IANA name of a TZID, or of the zone icalendar mapped it to ("Central Standard
    Time"); "" for UTC (`Z`) and zones only a VTIMEZONE defines: the case's zone applies."""
    if not tzid:
        return ""
    if _iana(tzid):
        return tzid
    key = getattr(value.tzinfo, "key", "")
    return key if isinstance(key, str) and _iana(key) else ""


class _EventReader:
    """Turns one VEVENT into a ParsedEvent, collecting problems instead of stopping."""

    def __init__(self, event: Component, where: str) -> None:
        self.event = event
        self.where = where
        self.problems: list[Problem] = []
        self.remarks: list[str] = []
        self.zone = ""
        self.broken = {str(name).upper() for name, _message in event.errors}
        for name, message in event.errors:
            self.problem(f"{name}: {message}")

    def problem(self, reason: str) -> None:
        self.problems.append(Problem(self.where, reason))

    def _value(self, name: str) -> tuple[Any, str]:
        prop = self.event.get(name)
        if prop is None or isinstance(prop, vBroken):
            return None, ""
        if isinstance(prop, list):
            self.problem(f"{name} is given more than once")
            return None, ""
        tzid = str(prop.params.get("TZID", "")) if hasattr(prop, "params") else ""
        return getattr(prop, "dt", None), tzid

    def _instant(self, value: datetime, tzid: str, name: str) -> datetime | None:
        if value.tzinfo is None:
            if tzid:
                self.problem(f"{name} uses the time zone {tzid!r}, which is neither an IANA "
                             "name nor defined in the file (VTIMEZONE)")
                return None
            return value.replace(microsecond=0)  # floating: the case's zone decides
        self.zone = self.zone or _zone_of(value, tzid)
        return value.astimezone(UTC).replace(microsecond=0)

    def times(self) -> tuple[bool, date | None, datetime | None, datetime | None]:
        start, start_tzid = self._value("DTSTART")
        end, end_tzid = self._value("DTEND")
        duration, _ = self._value("DURATION")
        if start is None:
            if "DTSTART" not in self.broken:
                self.problem("DTSTART is missing")
            return False, None, None, None
        if isinstance(start, datetime):
            return self._timed(start, start_tzid, end, end_tzid, duration)
        if not isinstance(start, date):
            self.problem("DTSTART is not a date or a date and time")
            return False, None, None, None
        days = 1
        if isinstance(end, datetime):
            self.problem("DTSTART is a date but DTEND is a date and time")
        elif isinstance(end, date):
            days = (end - start).days
        elif isinstance(duration, timedelta):
            days = duration.days
        if days < 0:
            self.problem("the event ends before it starts")
        elif days > 1:
            self.remarks.append(f"spans {days} days in the file; imported on its first day")
        return True, start, None, None

    def _timed(self, start: datetime, start_tzid: str, end: Any, end_tzid: str,
               duration: Any) -> tuple[bool, date | None, datetime | None, datetime | None]:
        starts_at = self._instant(start, start_tzid, "DTSTART")
        ends_at: datetime | None = None
        if isinstance(end, datetime):
            ends_at = self._instant(end, end_tzid, "DTEND")
        elif isinstance(end, date):
            self.problem("DTSTART is a date and time but DTEND is a date")
        elif isinstance(duration, timedelta) and starts_at is not None:
            ends_at = starts_at + duration
        if starts_at is not None and ends_at is not None and \
                (starts_at.tzinfo is None) == (ends_at.tzinfo is None) and ends_at < starts_at:
            self.problem("the event ends before it starts")
        return False, None, starts_at, ends_at

    def reminders(self, starts_at: datetime | None, ends_at: datetime | None,
                  on_date: date | None) -> tuple[int, ...] | None:
        minutes: list[int] = []
        for alarm in self.event.subcomponents:
            if alarm.name != "VALARM":
                continue
            for prop_name, message in alarm.errors:
                self.problem(f"alarm {prop_name}: {message}")
            value = minutes_before(alarm, starts_at, ends_at, on_date)
            if value is None:
                self.remarks.append("an alarm that is not before the start was left out")
            elif value not in minutes:
                minutes.append(value)
        if len(minutes) > MAX_REMINDERS:
            self.remarks.append(f"only the first {MAX_REMINDERS} alarms were kept")
        return tuple(minutes[:MAX_REMINDERS]) if minutes else None


def minutes_before(alarm: Component, starts_at: datetime | None, ends_at: datetime | None,
                   on_date: date | None) -> int | None:
    """How long before the start an alarm fires (None: after it, absolute, or over a year)."""
    prop = alarm.get("TRIGGER")
    trigger = getattr(prop, "dt", None)
    if isinstance(trigger, timedelta):
        offset = trigger  # from the start (RELATED=START is the default)
        if str(prop.params.get("RELATED", "START")).upper() == "END":
            if on_date is not None:
                length = timedelta(days=1)
            elif starts_at is not None and ends_at is not None and \
                    (starts_at.tzinfo is None) == (ends_at.tzinfo is None):
                length = ends_at - starts_at
            else:
                return None
            offset = length + trigger
    elif isinstance(trigger, datetime) and trigger.tzinfo is not None and \
            starts_at is not None and starts_at.tzinfo is not None:
        offset = trigger - starts_at
    else:
        return None
    minutes = round(-offset.total_seconds() / 60)
    return minutes if 0 <= minutes <= MAX_REMINDER_MINUTES else None


def _describe(index: int, event: Component) -> str:
    uid = _text(event, "UID")
    title = " ".join(_text(event, "SUMMARY").split())
    where = f"event {index}"
    if uid:
        where += f" (UID {uid[:60]})"
    if title:
        where += f" {title[:60]!r}"
    return where


def _read_event(index: int, event: Event, seen: set[str]
                ) -> tuple[ParsedEvent | SkippedEvent | None, list[Problem]]:
    reader = _EventReader(event, _describe(index, event))
    uid = _text(event, "UID")
    title = " ".join(_text(event, "SUMMARY").split())
    repeats = [name for name in _RECURRENCE if name in event]
    if repeats:
        return SkippedEvent(uid, title, f"repeats ({', '.join(repeats)}); casedesk does not "
                                        "expand repeating events: enter its dates one by "
                                        "one"), []
    if "RECURRENCE-ID" in event:
        return SkippedEvent(uid, title, "changes one date of a repeating event (RECURRENCE-ID)"
                                        "; repeating events are not imported"), []
    if not uid:
        reader.problem("UID is missing (without it a corrected file could not update the "
                       "event)")
    elif len(uid) > MAX_UID:
        reader.problem(f"UID is longer than {MAX_UID} characters")
    elif uid in seen:
        reader.problem("the same UID appears more than once in the file")
    seen.add(uid)
    all_day, on_date, starts_at, ends_at = reader.times()
    reminders = reader.reminders(starts_at, ends_at, on_date)
    if reader.problems:
        return None, reader.problems
    remarks = reader.remarks
    parsed = ParsedEvent(
        uid=uid, title=_clip(title, MAX_TITLE, "title", remarks),
        kind=kind_from_categories(_categories(event)), all_day=all_day, on_date=on_date,
        starts_at=starts_at, ends_at=ends_at, time_zone=reader.zone,
        location=_clip(" ".join(_text(event, "LOCATION").split()), MAX_LOCATION, "location",
                       remarks),
        description=_clip(_text(event, "DESCRIPTION"), MAX_NOTES, "description", remarks),
        cancelled=_text(event, "STATUS").upper() == "CANCELLED",
        reminders_minutes_before=reminders, remarks=tuple(remarks), where=reader.where)
    return parsed, []


def _calendars(data: bytes) -> list[Calendar]:
    if len(data) > MAX_ICS_BYTES:
        raise InvalidDocument([Problem("", f"the file is larger than "
                                           f"{MAX_ICS_BYTES // (1024 * 1024)} MB")])
    try:
        text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidDocument([Problem("", f"the file is not UTF-8 text (byte {exc.start})")]
                              ) from None
    try:
        components = Calendar.from_ical(text, multiple=True)
    except _PARSE_ERRORS as exc:
        reason = " ".join(str(exc).split())[:300]
        raise InvalidDocument([Problem("", f"the file is not a valid calendar: {reason}")]
                              ) from None
    if not components:
        raise InvalidDocument([Problem("", "the file holds no complete calendar "
                                           "(BEGIN:VCALENDAR ... END:VCALENDAR)")])
    strays = sorted({c.name for c in components if not isinstance(c, Calendar)})
    if strays:
        raise InvalidDocument([Problem("", f"{', '.join(strays)} outside a VCALENDAR")])
    return [c for c in components if isinstance(c, Calendar)]


_IGNORED_NAMES = {"VTODO": "to-dos", "VJOURNAL": "journal entries", "VFREEBUSY": "free/busy "
                  "blocks"}


def parse_ics(data: bytes) -> ParsedCalendar:
    """The file's events, or InvalidDocument listing every problem (nothing is half-read)."""
    problems: list[Problem] = []
    events: list[ParsedEvent] = []
    skipped: list[SkippedEvent] = []
    ignored: dict[str, int] = {}
    seen: set[str] = set()
    index = 0
    calendars = _calendars(data)
    for calendar in calendars:
        problems.extend(Problem("calendar", f"{name}: {message}")
                        for name, message in calendar.errors)
        for component in calendar.subcomponents:
            if component.name == "VTIMEZONE":
                continue  # icalendar already applied it to the times that name it
            if not isinstance(component, Event):
                name = str(component.name)
                ignored[name] = ignored.get(name, 0) + 1
                continue
            index += 1
            if index > MAX_ICS_EVENTS:
                raise InvalidDocument([Problem("", f"the file has more than {MAX_ICS_EVENTS} "
                                                   "events; split it")])
            result, found = _read_event(index, component, seen)
            problems.extend(found)
            if isinstance(result, ParsedEvent):
                events.append(result)
            elif isinstance(result, SkippedEvent):
                skipped.append(result)
    if problems:
        raise InvalidDocument(problems)
    return ParsedCalendar(
        events=tuple(events), skipped=tuple(skipped),
        ignored=tuple(f"{n} {_IGNORED_NAMES.get(name, 'other items')} ({name})"
                      for name, n in sorted(ignored.items())),
        prodid=_text(calendars[0], "PRODID"))

"""Calendar files in and out: the practice's events as .ics, and a court's .ics into a case.

Export reads with plain SQL (a Reader, like the calendar pane) and renders with
export/ics.py. Import goes through services/events.py event by event in the caller's unit of
work, so a file with one bad event changes nothing; a dry run does the same work inside a
SAVEPOINT and rolls it back, so it reports exactly what a real import would do.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from casedesk.domain.changes import Changes
from casedesk.domain.enums import CaseStatus, EventKind, EventStatus, label
from casedesk.domain.errors import DoubleBooking, InvalidInput, NotFound, RuleViolation
from casedesk.domain.models import Case, Event
from casedesk.export.ics import IcsOptions, render_calendar
from casedesk.export.ics_parse import ParsedCalendar, ParsedEvent, parse_ics
from casedesk.export.interchange import InvalidDocument, Problem
from casedesk.persistence.reader import Reader, as_uuid, in_clause
from casedesk.services import events as event_service
from casedesk.services.common import get_live
from casedesk.services.event_list import EventFilter, events_between
from casedesk.services.events import EventInput

FAR_PAST = date(1900, 1, 1)  # "no --from": every event the practice has
FAR_FUTURE = date(2999, 12, 31)


@dataclass(frozen=True, slots=True)
class CalendarFile:
    """An export's bytes and how many events it holds."""

    data: bytes
    count: int


def _case_ids(reader: Reader, numbers: Sequence[str]) -> list[uuid.UUID]:
    wanted = list(dict.fromkeys(n.strip() for n in numbers))
    names, params = in_clause("num", wanted)
    found = {str(r[1]): as_uuid(r[0]) for r in reader.rows(
        f"SELECT id, number FROM cases WHERE deleted_at IS NULL AND number IN ({names})",
        params)}
    for number in wanted:
        if number not in found:
            raise NotFound("case numbered", number)
    return [found[n] for n in wanted]


def _staff_id(reader: Reader, name: str) -> uuid.UUID:
    key = " ".join(name.casefold().split())
    matches = [as_uuid(r[0]) for r in reader.rows(
        "SELECT id, name FROM staff WHERE deleted_at IS NULL") if
        " ".join(str(r[1]).casefold().split()) == key]
    if not matches:
        raise NotFound("staff member", name.strip())
    if len(matches) > 1:
        raise InvalidInput(f"{len(matches)} staff members are called {name.strip()!r}.",
                           field="staff")
    return matches[0]


def _firm_name(reader: Reader) -> str:
    rows = reader.rows("SELECT name FROM firms WHERE deleted_at IS NULL ORDER BY created_at")
    return str(rows[0][0]) if rows else ""


def export_calendar(reader: Reader, *, case_numbers: Sequence[str] = (),
                    case_ids: Sequence[uuid.UUID] = (), staff_name: str | None = None,
                    staff_id: uuid.UUID | None = None, start: date | None = None,
                    end: date | None = None, minimal: bool = False,
                    calendar_name: str | None = None,
                    progress: Callable[[int, int], bool] | None = None) -> CalendarFile:
    """Events touching [start, end] (default: all) of these cases / this person, as .ics.

    The command line names cases and people (`case_numbers`, `staff_name`); the GUI passes
    ids. An unknown number or name raises NotFound before anything is rendered. `progress`
    goes to render_calendar (it may raise Cancelled).
    """
    lo, hi = start or FAR_PAST, end or FAR_FUTURE
    if lo > hi:
        raise InvalidInput(f"The range starts ({lo}) after it ends ({hi}).", field="start")
    ids = [*case_ids, *(_case_ids(reader, case_numbers) if case_numbers else [])]
    person = staff_id if staff_id is not None else \
        (_staff_id(reader, staff_name) if staff_name else None)
    rows = events_between(reader, lo, hi, EventFilter(case_ids=tuple(dict.fromkeys(ids)),
                                                      staff_id=person))
    firm = _firm_name(reader)
    name = calendar_name or (f"casedesk – {firm}" if firm else "casedesk")
    data = render_calendar(rows, IcsOptions(calendar_name=name, minimal=minimal),
                           progress=progress)
    return CalendarFile(data=data, count=len(rows))


# -- import -------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ImportLine:
    """What happened (or would happen) to one event of the file."""

    action: str  # "create", "update", "unchanged" or "skip"
    uid: str
    title: str
    when: str = ""
    note: str = ""

    def text(self, dry_run: bool) -> str:
        verb = {"create": ("created", "would create"), "update": ("updated", "would update"),
                "unchanged": ("unchanged", "unchanged"),
                "skip": ("skipped", "would skip")}[self.action][dry_run]
        when = f"{self.when} · " if self.when else ""
        note = f" ({self.note})" if self.note else ""
        return f"{verb}: {when}{self.title or '(no title)'} [{self.uid}]{note}"


@dataclass(frozen=True, slots=True)
class IcsImportResult:
    """The outcome, for the CLI to print and the GUI to show (clashes were booked anyway)."""

    case_number: str
    dry_run: bool
    lines: tuple[ImportLine, ...]
    clashes: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()

    def count(self, action: str) -> int:
        return sum(1 for line in self.lines if line.action == action)

    def summary(self) -> str:
        counts = (f"{self.count('create')} new, {self.count('update')} updated, "
                  f"{self.count('unchanged')} unchanged, {self.count('skip')} skipped")
        clashes = f", {len(self.clashes)} double-booking(s)" if self.clashes else ""
        if self.dry_run:
            return f"dry run for {self.case_number}: {counts}{clashes}; nothing was saved"
        return f"imported into {self.case_number}: {counts}{clashes}"

    def report(self) -> list[str]:
        """One line per event, then the double-bookings and what the file held besides."""
        return [*(line.text(self.dry_run) for line in self.lines),
                *(f"double-booked: {clash}" for clash in self.clashes),
                *(f"ignored: {what}" for what in self.ignored)]


def _when(event: Event) -> str:
    if event.all_day and event.on_date is not None:
        return f"{event.on_date:%a} {event.on_date.day} {event.on_date:%b %Y} (all day)"
    assert event.starts_at is not None
    local = event.starts_at.astimezone(ZoneInfo(event.time_zone or "UTC"))
    return f"{local:%a} {local.day} {local:%b %Y} {local:%H:%M} {local:%Z}"


def _title(parsed: ParsedEvent, case: Case, kind: EventKind, *, ours: bool = False) -> str:
    """The title without what our own export adds ("CANCELLED: ", "<case number> · "): this
    case's number, or, in a file another casedesk wrote, that practice's number for it."""
    title = parsed.title
    if parsed.cancelled and title.upper().startswith("CANCELLED:"):
        title = title[len("CANCELLED:"):].strip()
    prefix = f"{case.number} · "
    if title.startswith(prefix):
        title = title[len(prefix):].strip()
    elif ours:
        number, separator, rest = title.partition(" · ")
        if separator and number and " " not in number:
            title = rest.strip()
    return title or label(kind)


def _status(parsed: ParsedEvent, existing: Event | None) -> EventStatus:
    current = existing.status if existing is not None else EventStatus.SCHEDULED
    if parsed.cancelled:
        return current if current in (EventStatus.VACATED, EventStatus.CANCELLED) \
            else EventStatus.VACATED
    # A corrected file does not undo "done"; it does bring back a date it no longer cancels.
    return EventStatus.DONE if current is EventStatus.DONE else EventStatus.SCHEDULED


def _input(session: Session, parsed: ParsedEvent, case: Case, existing: Event | None,
           default_kind: EventKind | None, *, ours: bool) -> EventInput:
    """The event as the file says it, keeping on an update what the file cannot know.

    `ours`: the file is casedesk's own export, a lossy rendering (one alarm, notes folded into
    DESCRIPTION, maybe --minimal titles), so an update takes only its dates, times, kind and
    status and keeps the title, place, notes and reminders the event already has.
    """
    if existing is None:
        kind = parsed.kind or default_kind or \
            (EventKind.FILING_DEADLINE if parsed.all_day else EventKind.HEARING)
    else:
        kind = parsed.kind or existing.kind
    zone = parsed.time_zone
    if not zone and existing is not None and parsed.starts_at is not None and \
            parsed.starts_at.tzinfo is not None:
        zone = existing.time_zone  # a UTC time says nothing about where the event happens
    values: dict[str, object] = {
        "kind": kind, "case_id": case.id, "all_day": parsed.all_day,
        "on_date": parsed.on_date, "starts_at": parsed.starts_at, "ends_at": parsed.ends_at,
        "time_zone": zone, "status": _status(parsed, existing)}
    if existing is None:
        values.update(title=_title(parsed, case, kind, ours=ours), location=parsed.location,
                      notes=parsed.description,
                      reminders_minutes_before=parsed.reminders_minutes_before)
        return EventInput(**values)  # type: ignore[arg-type]
    if not ours:
        # What a court's file leaves out (alarms, notes), the event keeps.
        values["title"] = _title(parsed, case, kind)
        if parsed.location:
            values["location"] = parsed.location
        if parsed.description:
            values["notes"] = parsed.description
        if parsed.reminders_minutes_before is not None:
            values["reminders_minutes_before"] = parsed.reminders_minutes_before
    return event_service.event_input(session, existing, **values)


def _existing(session: Session, uid: str) -> Event | None:
    return session.exec(select(Event).where(Event.uid == uid)).first()


def _skip_reason(session: Session, existing: Event) -> str:
    if existing.deleted_at is not None:
        return "this event was deleted in casedesk; it is not brought back"
    if existing.case_id is None:
        return "this UID is a firm-wide event in casedesk, not one of this case"
    other = session.get(Case, existing.case_id)
    number = other.number if other is not None else "another case"
    return f"this event belongs to case {number}; import the file into that case"


class _Importer:
    def __init__(self, session: Session, case: Case, default_kind: EventKind | None,
                 actor_staff_id: uuid.UUID | None, *, ours: bool) -> None:
        self.session = session
        self.ours = ours
        self.case = case
        self.default_kind = default_kind
        self.actor = actor_staff_id
        self.lines: list[ImportLine] = []
        self.clashes: list[str] = []
        self.problems: list[Problem] = []
        self.changes = Changes()

    def _write(self, parsed: ParsedEvent, data: EventInput, existing: Event | None
               ) -> tuple[Changes, uuid.UUID]:
        """Add or update; a double-booking is booked anyway and reported."""
        event_id = existing.id if existing is not None else uuid.uuid4()
        for allow in (False, True):
            try:
                if existing is None:
                    return event_service.add_event(
                        self.session, data=data, event_id=event_id, uid=parsed.uid,
                        allow_double_booking=allow, actor_staff_id=self.actor), event_id
                return event_service.update_event(
                    self.session, event_id=event_id, data=data, allow_double_booking=allow,
                    actor_staff_id=self.actor), event_id
            except DoubleBooking as exc:
                self.clashes.extend(f"{data.title}: {clash}" for clash in exc.clashes)
        raise AssertionError("unreachable: the second attempt allows double-booking")

    def one(self, parsed: ParsedEvent) -> None:
        existing = _existing(self.session, parsed.uid)
        if existing is not None and (existing.deleted_at is not None
                                     or existing.case_id != self.case.id):
            self.lines.append(ImportLine("skip", parsed.uid, parsed.title,
                                         note=_skip_reason(self.session, existing)))
            return
        data = _input(self.session, parsed, self.case, existing, self.default_kind,
                      ours=self.ours)
        try:
            changes, event_id = self._write(parsed, data, existing)
        except InvalidInput as exc:
            self.problems.append(Problem(parsed.where or f"UID {parsed.uid}", exc.message))
            return
        self.changes |= changes
        event = self.session.get(Event, event_id)
        assert event is not None
        action = "create" if existing is None else "update" if changes.any() else "unchanged"
        self.lines.append(ImportLine(action, parsed.uid, event.title, _when(event),
                                     "; ".join(parsed.remarks)))


def _kind(value: EventKind | str | None) -> EventKind | None:
    if value is None or value == "":
        return None
    try:
        return EventKind(value)
    except ValueError:
        allowed = ", ".join(k.value for k in EventKind)
        raise InvalidInput(f"{value!r} is not an event kind ({allowed}).", field="kind") from None


def import_events(session: Session, *, case_id: uuid.UUID, calendar: ParsedCalendar,
                  default_kind: EventKind | str | None = None, dry_run: bool = False,
                  actor_staff_id: uuid.UUID | None = None) -> tuple[Changes, IcsImportResult]:
    """Create or update (by UID) a parsed file's events on a case; all of them or none.

    `default_kind` is the kind of a new event whose CATEGORIES name none of ours (default:
    filing deadline for all-day events, hearing for timed ones).
    """
    case = get_live(session, Case, case_id, "case")
    if case.status is CaseStatus.CLOSED:
        raise RuleViolation(f"Case {case.number} is closed; reopen it to import events into it.")
    importer = _Importer(session, case, _kind(default_kind), actor_staff_id,
                         ours=calendar.from_casedesk)
    savepoint = session.begin_nested() if dry_run else None
    try:
        for parsed in calendar.events:
            importer.one(parsed)
        if importer.problems:
            raise InvalidDocument(importer.problems)
    finally:
        if savepoint is not None:
            savepoint.rollback()
    lines = importer.lines + [ImportLine("skip", s.uid, s.title, note=s.reason)
                              for s in calendar.skipped]
    result = IcsImportResult(case_number=case.number, dry_run=dry_run, lines=tuple(lines),
                             clashes=tuple(dict.fromkeys(importer.clashes)),
                             ignored=calendar.ignored)
    return (Changes() if dry_run else importer.changes), result


def import_ics(session: Session, *, case_id: uuid.UUID, data: bytes,
               default_kind: EventKind | str | None = None, dry_run: bool = False,
               actor_staff_id: uuid.UUID | None = None) -> tuple[Changes, IcsImportResult]:
    """Parse an .ics file's bytes and import its events into a case (see import_events)."""
    return import_events(session, case_id=case_id, calendar=parse_ics(data),
                         default_kind=default_kind, dry_run=dry_run,
                         actor_staff_id=actor_staff_id)

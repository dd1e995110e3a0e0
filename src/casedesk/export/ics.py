"""Events as an iCalendar (.ics) file that Outlook and Google Calendar import.

Pure: rows in, bytes out (plus the atomic file write). What the clients really accept is in
the shared note on calendars: deadlines are all-day with an exclusive DTEND, timed events are
UTC (no TZID, so no VTIMEZONE that Outlook might misread), UID/SEQUENCE/DTSTAMP come from the
database so that the same data always gives the same bytes, and at most one VALARM per event.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import CLASS, STATUS, TRANSP, Alarm, Calendar, Event

from casedesk.domain.enums import DEADLINE_KINDS, EventKind, EventStatus, label
from casedesk.domain.errors import Cancelled
from casedesk.domain.rows import EventRow

PRODID = "-//casedesk//casedesk case manager//EN"
MAX_SUMMARY = 255  # what every client shows whole
MAX_DESCRIPTION = 4000  # Google cuts near 8,192; leave room for escaping
CANCELLED_PREFIX = "CANCELLED: "
_SEPARATOR = " · "
_ELLIPSIS = "…"
PROGRESS_STEP = 500  # events between progress reports (a few a second on a big practice)
_END = b"END:VCALENDAR\r\n"
# Statuses a calendar shows as cancelled (done events happened, so they stay as they were).
_CANCELLED = frozenset({EventStatus.VACATED, EventStatus.CANCELLED})


@dataclass(frozen=True, slots=True)
class IcsOptions:
    """How to render: the calendar's name, and whether to leave out confidential details."""

    calendar_name: str
    minimal: bool = False


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - len(_ELLIPSIS)].rstrip() + _ELLIPSIS


def _summary(row: EventRow, minimal: bool) -> str:
    # Minimal: case number and kind only, since titles often name the people involved.
    what = label(row.kind) if minimal else row.title
    text = f"{row.case_number}{_SEPARATOR}{what}" if row.case_number else what
    if row.status in _CANCELLED:
        text = CANCELLED_PREFIX + text
    return _clip(text, MAX_SUMMARY)


def _description(row: EventRow) -> str:
    """Case, place, people, notes and (for computed deadlines) the rule behind the date."""
    lines: list[str] = []
    if row.case_number:
        lines.append(f"Case: {row.case_number} {row.case_title}".rstrip())
    if row.location:
        lines.append(f"Location: {row.location}")
    if row.attendees:
        lines.append(f"Attendees: {row.attendees}")
    if row.status is not EventStatus.SCHEDULED:
        done = f" ({row.satisfied_by})" if row.satisfied_by else ""
        lines.append(f"Status: {label(row.status)}{done}")
    blocks = ["\n".join(lines)] if lines else []
    if row.notes:
        blocks.append(row.notes)
    if row.authority or row.explanation:
        blocks.append("\n".join(x for x in (f"Rule: {row.authority}" if row.authority else "",
                                            *row.explanation) if x))
    return _clip("\n\n".join(blocks), MAX_DESCRIPTION)


def _transparent(row: EventRow) -> bool:
    """Deadlines, reminders and cancelled events book nobody's time."""
    return (row.kind in DEADLINE_KINDS or row.kind is EventKind.REMINDER
            or row.status in _CANCELLED)


def _stamp(row: EventRow) -> datetime:
    return row.updated_at.astimezone(UTC).replace(microsecond=0)


def _times(row: EventRow) -> tuple[date | datetime, date | datetime]:
    if row.all_day:
        day = row.on_date or row.day
        return day, day + timedelta(days=1)  # DTEND of an all-day event is exclusive
    assert row.starts_at is not None and row.ends_at is not None
    return (row.starts_at.astimezone(UTC).replace(microsecond=0),
            row.ends_at.astimezone(UTC).replace(microsecond=0))


def _event(row: EventRow, options: IcsOptions) -> Event:
    start, end = _times(row)
    summary = _summary(row, options.minimal)
    event = Event.new(
        uid=row.uid, stamp=_stamp(row), last_modified=_stamp(row), sequence=row.sequence,
        start=start, end=end, summary=summary, categories=[label(row.kind)],
        classification=CLASS.PRIVATE,
        status=STATUS.CANCELLED if row.status in _CANCELLED else STATUS.CONFIRMED,
        transparency=TRANSP.TRANSPARENT if _transparent(row) else TRANSP.OPAQUE,
        # Minimal leaves out the place too: "at the Smiths' house" names the client.
        location=None if options.minimal or not row.location else row.location,
        description=None if options.minimal else (_description(row) or None),
    )
    # One alarm (Outlook keeps only one), and none on events that will not take place.
    if row.reminders_minutes_before and row.status is EventStatus.SCHEDULED:
        event.add_component(Alarm.new_display(
            description=summary,
            trigger=-timedelta(minutes=row.reminders_minutes_before[0])))
    return event


def _order(row: EventRow) -> tuple[date, bool, datetime, str, str, str]:
    # The UID is unique, so the order is total and never depends on how SQL returned rows.
    start = row.starts_at or datetime.min.replace(tzinfo=UTC)
    return (row.day, not row.all_day, start, row.case_number, row.title, row.uid)


def render_calendar(rows: Sequence[EventRow], options: IcsOptions, *,
                    progress: Callable[[int, int], bool] | None = None) -> bytes:
    """The .ics file's bytes (CRLF, folded at 75 octets); the same rows give the same bytes.

    `progress(done, total)` is called before the first event, every PROGRESS_STEP events and
    after the last; when it returns False, Cancelled is raised and no bytes are returned.
    """
    calendar = Calendar.new(name=options.calendar_name, prodid=PRODID)
    # Calendar.new invents a random calendar UID (RFC 7986, optional): leave it out.
    del calendar["UID"]
    # Each event is serialised as it is built, so progress (and cancelling) covers the slow
    # half too: one to_ical() of the whole calendar takes as long as building it. The bytes are
    # the same, since a calendar's content lines are its own properties, then each event's
    # lines in order, then END (folding is per line).
    head = calendar.to_ical()
    if not head.endswith(_END):  # not under `assert`: python -O would drop the check
        raise RuntimeError("icalendar no longer ends a calendar with END:VCALENDAR CRLF")
    ordered = sorted(rows, key=_order)
    total = len(ordered)
    parts = [head[:-len(_END)]]
    _report(progress, 0, total)
    for done, row in enumerate(ordered, 1):
        parts.append(_event(row, options).to_ical())
        if done % PROGRESS_STEP == 0 or done == total:
            _report(progress, done, total)
    parts.append(_END)
    return b"".join(parts)


def _report(progress: Callable[[int, int], bool] | None, done: int, total: int) -> None:
    if progress is not None and not progress(done, total):
        raise Cancelled()

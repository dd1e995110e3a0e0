"""Calendar figures for `make bench`: the month view, the agenda and the .ics export over the
demo practice's events, each beside a reference measured in the same run.

References: the same range read with plain `sqlite3` on the same index (no join, no row
objects), and for the export the same calendar built directly with `icalendar` from plain rows.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

Row = tuple[str, float, str, float]
MAX_SPAN_DAYS = 62  # services.events.MAX_SPAN: how far back a range looks for running events
AGENDA_DAYS = 30
AGENDA_LIMIT = 2000  # coming_up's default
_DEADLINES = "('filing_deadline', 'internal_deadline', 'statute_of_limitations')"


def median_ms(fn: Callable[[], object], repeat: int, *, warm: bool = True) -> float:
    if warm:
        fn()  # the first read pulls the index pages into the OS cache
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def month_window(today: date) -> tuple[date, date]:
    """The six weeks a month view shows: from the Monday on or before the 1st."""
    first = today.replace(day=1)
    start = first - timedelta(days=first.weekday())
    return start, start + timedelta(days=41)


def calendar_reads(db_path: Path, today: date, repeat: int) -> list[Row]:
    """Month view (range + counts per day), whole and as the Calendar pane reads it (cut at
    its RANGE_LIMIT, the counts telling "+N more"), and the agenda (overdue + 30 days)."""
    from casedesk.persistence.reader import SqliteReader
    from casedesk.services import event_list
    from casedesk.ui.widgets.calendar_data import RANGE_LIMIT

    reader = SqliteReader(db_path)  # what Practice.reader gives the calendar pane on SQLite
    raw = sqlite3.connect(db_path)
    start, end = month_window(today)
    iso = {"lo": (start - timedelta(days=MAX_SPAN_DAYS)).isoformat(),
           "start": start.isoformat(), "end": end.isoformat(), "today": today.isoformat(),
           "until": (today + timedelta(days=AGENDA_DAYS)).isoformat()}
    found: dict[str, int] = {}

    def month() -> None:
        rows = event_list.events_between(reader, start, end)
        event_list.event_counts_by_day(reader, start, end)
        found["month"] = len(rows)

    def pane_month() -> None:
        event_list.events_between(reader, start, end, limit=RANGE_LIMIT)
        event_list.event_counts_by_day(reader, start, end)

    def raw_month(limit: str = "") -> None:
        raw.execute("SELECT * FROM events WHERE day >= :lo AND day <= :end AND end_day >= "
                    ":start AND deleted_at IS NULL ORDER BY day, all_day DESC, starts_at"
                    + limit, iso).fetchall()
        raw.execute("SELECT day, count(*) FROM events WHERE day >= :start AND day <= :end "
                    "AND deleted_at IS NULL GROUP BY day", iso).fetchall()

    def agenda() -> None:
        up = event_list.coming_up(reader, today, AGENDA_DAYS)
        found["agenda"] = len(up.upcoming) + len(up.overdue)

    def raw_agenda() -> None:
        raw.execute(f"SELECT * FROM events WHERE deleted_at IS NULL AND status = 'scheduled' "
                    f"AND day < :today AND kind IN {_DEADLINES} ORDER BY day LIMIT 500",
                    iso).fetchall()
        raw.execute(f"SELECT * FROM events WHERE deleted_at IS NULL AND status = 'scheduled' "
                    f"AND day >= date(:today, '-{MAX_SPAN_DAYS} days') AND day <= :until "
                    f"AND end_day >= :today ORDER BY day, all_day DESC, starts_at "
                    f"LIMIT {AGENDA_LIMIT}", iso).fetchall()

    total = raw.execute("SELECT count(*) FROM events").fetchone()[0]
    month_ms, raw_month_ms = median_ms(month, repeat), median_ms(raw_month, repeat)
    pane_ms = median_ms(pane_month, repeat)
    raw_pane_ms = median_ms(lambda: raw_month(f" LIMIT {RANGE_LIMIT}"), repeat)
    agenda_ms, raw_agenda_ms = median_ms(agenda, repeat), median_ms(raw_agenda, repeat)
    rows = [(f"month view: 6 weeks of {total:,} events [{found['month']:,} rows] "
             "+ counts per day", month_ms, "raw sqlite3 range on ix_events_day", raw_month_ms),
            (f"month view as the Calendar pane reads it (first {RANGE_LIMIT:,} + counts)",
             pane_ms, "the same, raw sqlite3", raw_pane_ms),
            (f"agenda: overdue + next {AGENDA_DAYS} days [{found['agenda']:,} rows]",
             agenda_ms, "raw sqlite3, same ranges and limits", raw_agenda_ms)]
    reader.close()
    raw.close()
    return rows


def _plain_calendar(db_path: Path) -> bytes:
    """Every event as .ics, built directly with icalendar from one plain sqlite3 query: the
    same properties and text casedesk writes (UID, SEQUENCE, stamps, times, summary, kind,
    class, status, transparency, place, description with case, people, status and notes, one
    alarm), without casedesk's row objects and helpers."""
    from icalendar import Alarm, Calendar, Event

    raw = sqlite3.connect(db_path)
    calendar = Calendar()
    calendar.add("prodid", "-//reference//EN")
    calendar.add("version", "2.0")
    query = ("SELECT e.uid, e.sequence, e.updated_at, e.all_day, e.on_date, e.starts_at, "
             "e.ends_at, e.title, c.number, c.title, e.kind, e.location, e.status, "
             "e.satisfied_by, e.notes, e.reminders_minutes_before, (SELECT group_concat(s.name, "
             "', ') FROM event_attendees a JOIN staff s ON s.id = a.staff_id "
             "WHERE a.event_id = e.id) FROM events e LEFT JOIN cases c ON c.id = e.case_id "
             "WHERE e.deleted_at IS NULL ORDER BY e.day")
    for (uid, sequence, updated, all_day, on_date, starts, ends, title, number, case_title,
         kind, location, status, satisfied, notes, reminders, people) in raw.execute(query):
        cancelled = status in ("vacated", "cancelled")
        summary = f"{number} · {title}" if number else title
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", _utc(updated))
        event.add("last-modified", _utc(updated))
        event.add("sequence", sequence)
        if all_day:
            day = date.fromisoformat(on_date)
            event.add("dtstart", day)
            event.add("dtend", day + timedelta(days=1))
        else:
            event.add("dtstart", _utc(starts))
            event.add("dtend", _utc(ends))
        event.add("summary", ("CANCELLED: " if cancelled else "") + summary)
        event.add("categories", [kind.replace("_", " ").capitalize()])
        event.add("class", "PRIVATE")
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        event.add("transp", "TRANSPARENT" if cancelled or kind in _DEADLINES else "OPAQUE")
        if location:
            event.add("location", location)
        lines = [f"Case: {number} {case_title}"] if number else []
        lines += [f"Location: {location}"] if location else []
        lines += [f"Attendees: {people}"] if people else []
        if status != "scheduled":
            lines.append(f"Status: {status.capitalize()}{f' ({satisfied})' if satisfied else ''}")
        event.add("description", "\n\n".join(x for x in ("\n".join(lines), notes) if x))
        if status == "scheduled" and reminders not in (None, "[]"):
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary)
            alarm.add("trigger", -timedelta(minutes=int(reminders.strip("[]").split(",")[0])))
            event.add_component(alarm)
        calendar.add_component(event)
    raw.close()
    data: bytes = calendar.to_ical()
    return data


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC, microsecond=0)


def ics_export(db_path: Path, repeat: int) -> list[Row]:
    """Every event of the practice exported to .ics (services/ics_io.export_calendar)."""
    from casedesk.persistence.reader import SqliteReader
    from casedesk.services.ics_io import export_calendar

    reader = SqliteReader(db_path)
    sizes: dict[str, int] = {}

    def export() -> None:
        exported = export_calendar(reader)
        sizes["events"], sizes["bytes"] = exported.count, len(exported.data)

    def reference() -> None:
        sizes["reference bytes"] = len(_plain_calendar(db_path))

    # Seconds per run: no warm-up run (the reads are a small part of it).
    ms = median_ms(export, repeat, warm=False)
    ref_ms = median_ms(reference, repeat, warm=False)
    reader.close()
    return [(f"export every event to .ics [{sizes['events']:,} events, "
             f"{sizes['bytes'] / 2**20:.0f} MB]", ms,
             f"icalendar directly from sqlite3 rows ({sizes['reference bytes'] / 2**20:.0f} MB)",
             ref_ms)]

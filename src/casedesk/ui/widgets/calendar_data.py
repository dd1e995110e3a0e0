"""The calendar's reads, run on the DB worker: only the visible range (events, "+N more" counts
and tasks due), and the "coming up" list. Everything is filtered in SQL; nothing loads the
practice's events whole."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from casedesk.domain.rows import EventRow, TaskRow
from casedesk.services import case_list
from casedesk.ui.models.event_models import Entry, sort_key

if TYPE_CHECKING:  # the event services load SQLModel: only on the worker, when first read
    from casedesk.services.event_list import EventFilter

RANGE_LIMIT = 3000  # events read for one view; past this the counts still tell "+N more"
EARLIEST = date(1900, 1, 1)  # "overdue" reaches back to any open task, however old


@dataclass(frozen=True, slots=True)
class CalendarQuery:
    """What the filters ask for."""

    case_id: uuid.UUID | None = None
    staff_id: uuid.UUID | None = None
    kinds: tuple[Any, ...] = ()  # EventKind values; () = every kind
    show_events: bool = True
    show_tasks: bool = True

    def event_filter(self) -> EventFilter:
        from casedesk.services.event_list import EventFilter

        return EventFilter(case_ids=(self.case_id,) if self.case_id else (),
                           staff_id=self.staff_id, kinds=tuple(self.kinds))

    def keeps_task(self, task: TaskRow) -> bool:
        return self.case_id is None or task.case_id == self.case_id


@dataclass(frozen=True, slots=True)
class RangeData:
    """One view's worth: events touching [start, end], per-day counts, tasks due."""

    start: date
    end: date
    events: list[EventRow] = field(default_factory=list)
    counts: dict[date, int] = field(default_factory=dict)
    tasks: list[TaskRow] = field(default_factory=list)
    truncated: bool = False

    def task_counts(self) -> dict[date, tuple[int, int]]:
        """(open, done) tasks per due day."""
        counts: dict[date, tuple[int, int]] = {}
        for task in self.tasks:
            if task.due_on is None:
                continue
            open_count, done_count = counts.get(task.due_on, (0, 0))
            counts[task.due_on] = ((open_count + 1, done_count) if task.is_open
                                   else (open_count, done_count + 1))
        return counts

    def entries_on(self, day: date, today: date) -> list[Entry]:
        """The day's events (those running through it too) and tasks, in agenda order."""
        found: list[Entry] = [e for e in self.events if e.day <= day <= e.end_day]
        found += [t for t in self.tasks if t.due_on == day]
        return sorted(found, key=lambda e: sort_key(e, today)[1:])

    def entries(self, today: date) -> list[Entry]:
        """Everything in the range in agenda order (by day, then time)."""
        found: list[Entry] = [*self.events, *self.tasks]
        return sorted(found, key=lambda e: sort_key(e, today)[1:])


def load_range(reader: Any, start: date, end: date, query: CalendarQuery,
               limit: int = RANGE_LIMIT) -> RangeData:
    """The visible range, filtered in SQL (tasks by case in Python: a range of them is small)."""
    from casedesk.services import event_list

    flt = query.event_filter()
    events: list[EventRow] = []
    counts: dict[date, int] = {}
    if query.show_events:
        events = event_list.events_between(reader, start, end, flt, limit=limit)
        counts = event_list.event_counts_by_day(reader, start, end, flt)
    tasks: list[TaskRow] = []
    if query.show_tasks:
        tasks = [t for t in case_list.tasks_between(reader, start, end, staff_id=query.staff_id)
                 if query.keeps_task(t)]
    return RangeData(start, end, events, counts, tasks, truncated=len(events) >= limit)


def load_day(reader: Any, day: date, query: CalendarQuery) -> list[EventRow]:
    """One day's events in full (when the range was cut at RANGE_LIMIT)."""
    from casedesk.services import event_list

    if not query.show_events:
        return []
    return event_list.events_between(reader, day, day, query.event_filter())


def load_coming_up(reader: Any, today: date, days: int, query: CalendarQuery) -> list[Entry]:
    """Overdue deadlines and open tasks, then what is pending from today for `days` days."""
    from casedesk.services import event_list

    entries: list[Entry] = []
    if query.show_events:
        found = event_list.coming_up(reader, today, days, query.event_filter())
        entries += found.overdue
        entries += found.upcoming
    if query.show_tasks:
        entries += [t for t in case_list.tasks_between(
            reader, EARLIEST, today + timedelta(days=days), staff_id=query.staff_id,
            include_done=False) if query.keeps_task(t)]
    return sorted(entries, key=lambda e: sort_key(e, today))


def summary_text(result: RangeData, period: str) -> str:
    """'November 2026: 138 events, 140 open tasks' (and a word when the range was cut)."""
    events = sum(result.counts.values()) if result.counts else len(result.events)
    open_tasks = sum(1 for t in result.tasks if t.is_open)
    text = (f"{period}: {events:,} event{'s' if events != 1 else ''}, "
            f"{open_tasks:,} open task{'s' if open_tasks != 1 else ''}")
    if result.truncated:
        text += (f" · showing the first {len(result.events):,} events; pick a case or a person "
                 "to see every one")
    return text

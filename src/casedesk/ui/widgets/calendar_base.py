"""What the month and week grids share: the selected day and event, the loaded events bucketed
by day, the keyboard (arrows, PgUp/PgDn, T/Home, Enter, Del) and the signals the pane listens to.

The grids paint everything themselves (no widget per event), so a busy month stays cheap.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QPalette
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from casedesk.domain.rows import EventRow
from casedesk.ui import format as fmt
from casedesk.ui.widgets import calendar_style as cs

DayTasks = dict[date, tuple[int, int]]  # day -> (open, done) tasks due


def first_weekday() -> int:
    """The locale's first day of the week as Python's weekday() number (Monday = 0)."""
    from PySide6.QtCore import QLocale

    return QLocale().firstDayOfWeek().value - 1


def week_start(day: date, first: int) -> date:
    return day - timedelta(days=(day.weekday() - first) % 7)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the end of a shorter month."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def bucket(events: Iterable[EventRow], start: date, end: date) -> dict[date, list[EventRow]]:
    """Each event under every visible day it covers (a three-day trial shows on each): the
    day's deadlines first (pending before done), then the timed events by start."""
    days: dict[date, list[EventRow]] = {}
    for row in events:
        first = max(row.day, start)
        last = min(row.end_day, end)
        while first <= last:
            days.setdefault(first, []).append(row)
            first += timedelta(days=1)
    for rows in days.values():
        rows.sort(key=_day_order)
    return days


def _day_order(row: EventRow) -> tuple[bool, bool, datetime]:
    return (not row.all_day, row.all_day and not row.is_pending,
            row.starts_at or datetime.min.replace(tzinfo=UTC))


def tooltip_for(row: EventRow, today: date) -> str:
    """What hovering over a chip says (never an id)."""
    lines = [f"{cs.kind_label(row.kind)}: {row.title}", cs.when_text(row)]
    if (yours := cs.your_time_text(row)):
        lines[-1] += f" ({yours})"
    if row.case_number:
        lines.append(f"{row.case_number} {row.case_title}")
    if row.location:
        lines.append(f"Where: {row.location}")
    if row.attendees:
        lines.append(f"Who: {row.attendees}")
    state = cs.state_word(row, today)
    if row.satisfied_by:
        state += f" — {row.satisfied_by}"
    lines.append(f"Status: {state}")
    if row.is_pending:
        lines.append("Drag to another day to reschedule · double-click to open")
    return "\n".join(lines)


class CalendarGridBase(QWidget):
    """A painted calendar grid with a selected day (and maybe event) and keyboard moves."""

    day_selected = Signal(object)  # date
    event_selected = Signal(object)  # EventRow | None
    open_requested = Signal(object)  # EventRow
    new_requested = Signal(object)  # date (month) or aware datetime (week slot)
    event_dropped = Signal(object, object)  # EventRow, new first day
    delete_requested = Signal(object)  # EventRow

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.first_weekday = first_weekday()
        self._today = date.today()
        self._selected = self._today
        self._selected_event: uuid.UUID | None = None
        self._events: list[EventRow] = []
        self._days: dict[date, list[EventRow]] = {}
        self._counts: dict[date, int] = {}
        self._tasks: DayTasks = {}
        # A chip being dragged: (event, the day it was grabbed on, where the press was).
        self._press: tuple[EventRow, date, QPoint] | None = None
        self._dragging = False
        self._drop_day: date | None = None

    # -- what the grid shows -----------------------------------------------------------------
    def visible_range(self) -> tuple[date, date]:
        raise NotImplementedError

    def page_step(self, day: date, forward: bool) -> date:
        """Where PgDn (forward) or PgUp moves the selection."""
        raise NotImplementedError

    def set_data(self, events: list[EventRow], counts: dict[date, int], tasks: DayTasks,
                 today: date) -> None:
        """New events (and "+N more" counts, task counts) for the visible range."""
        start, end = self.visible_range()
        self._events = list(events)
        self._days = bucket(events, start, end)
        self._counts = dict(counts)
        self._tasks = dict(tasks)
        self._today = today
        if self._selected_event is not None and self.selected_event() is None:
            self._selected_event = None
        self.data_changed()
        self.update()

    def data_changed(self) -> None:
        """Subclasses recompute their layout here."""

    def events_on(self, day: date) -> list[EventRow]:
        return list(self._days.get(day, ()))

    def tasks_on(self, day: date) -> tuple[int, int]:
        """(open, done) tasks due on `day`."""
        return self._tasks.get(day, (0, 0))

    def hidden_count(self, day: date, shown: int) -> int:
        """How many of the day's events did not fit (from the counts when the load was cut)."""
        events = self._days.get(day, [])
        continuing = sum(1 for row in events if row.day < day)
        total = max(len(events), self._counts.get(day, 0) + continuing)
        return max(0, total - shown)

    @property
    def today(self) -> date:
        return self._today

    # -- selection ---------------------------------------------------------------------------
    def selected_day(self) -> date:
        return self._selected

    def set_selected_day(self, day: date, *, notify: bool = True) -> None:
        if day == self._selected:
            return
        self._selected = day
        keep = self.selected_event()
        if keep is not None and not keep.day <= day <= keep.end_day:
            self._selected_event = None
        self.selection_moved()
        self.update()
        if notify:
            self.day_selected.emit(day)

    def selection_moved(self) -> None:
        """Subclasses scroll the selection into view here."""

    def selected_event(self) -> EventRow | None:
        if self._selected_event is None:
            return None
        return next((r for r in self._events if r.id == self._selected_event), None)

    def set_selected_event(self, event_id: uuid.UUID | None, *, notify: bool = True) -> None:
        if event_id == self._selected_event:
            return
        self._selected_event = event_id
        self.update()
        if notify:
            self.event_selected.emit(self.selected_event())

    def go_to_today(self) -> None:
        self.set_selected_day(date.today())

    # -- keyboard ----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods not in (Qt.KeyboardModifier.NoModifier,):
            super().keyPressEvent(event)
            return
        day = self._selected
        moves = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7,
                 Qt.Key.Key_Down: 7}
        if key in moves:
            self.set_selected_day(day + timedelta(days=moves[Qt.Key(key)]))
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.set_selected_day(self.page_step(day, key == Qt.Key.Key_PageDown))
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_T):
            self.go_to_today()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            target = self.selected_event() or next(iter(self.events_on(day)), None)
            if target is not None:
                self.open_requested.emit(target)
        elif key == Qt.Key.Key_Delete and (row := self.selected_event()) is not None:
            self.delete_requested.emit(row)
        elif key == Qt.Key.Key_Escape and self._press is not None:
            self.cancel_drag()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()  # the selection frame shows whether the grid has the focus

    # -- dragging ----------------------------------------------------------------------------
    def start_press(self, row: EventRow, day: date, pos: QPoint) -> None:
        self._press = (row, day, pos)
        self._dragging = False
        self._drop_day = None

    def drag_distance_reached(self, pos: QPoint) -> bool:
        if self._press is None:
            return False
        if not self._dragging and (pos - self._press[2]).manhattanLength() \
                >= QApplication.startDragDistance():
            self._dragging = self._press[0].is_pending
            if not self._dragging:
                QToolTip.showText(self.mapToGlobal(pos),
                                  "Only scheduled events can be moved; reopen it first.", self)
        return self._dragging

    def pressed(self) -> tuple[EventRow, date, QPoint] | None:
        """The chip under a held mouse button: (event, day grabbed on, press point)."""
        return self._press

    def dragging(self) -> bool:
        return self._dragging

    def cancel_drag(self) -> None:
        self._press = None
        self._dragging = False
        self._drop_day = None
        self.unsetCursor()
        self.update()

    def finish_day_drop(self, day: date | None) -> bool:
        """Release over `day`: emit the move (keeping the offset within the event)."""
        press = self._press
        dragging = self._dragging
        self.cancel_drag()
        if press is None or not dragging or day is None:
            return False
        row, grabbed, _pos = press
        new_first = row.day + (day - grabbed)
        if new_first != row.day:
            self.event_dropped.emit(row, new_first)
        return True

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and not self._dragging:
            self.cancel_drag()
        super().mouseReleaseEvent(event)

    def accessible_day(self, day: date) -> str:
        count = len(self._days.get(day, ()))
        what = f"{count} event{'s' if count != 1 else ''}" if count else "no events"
        return f"{fmt.day(day)}, {what}"

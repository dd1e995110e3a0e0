"""The three ways the calendar shows a period: the painted month grid, the painted week time
grid, and the agenda (the month as a table of events and tasks). One is shown at a time; each
knows which days it covers, so only those are read."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QAbstractItemView, QStackedWidget, QWidget

from casedesk.domain.rows import EventRow
from casedesk.ui.models.event_models import DAY_COLUMN, KIND_COLUMN, AgendaModel, Entry
from casedesk.ui.widgets.calendar_agenda import agenda_table, fit_columns, placeholder
from casedesk.ui.widgets.calendar_base import CalendarGridBase, add_months
from casedesk.ui.widgets.calendar_data import RangeData
from casedesk.ui.widgets.calendar_month_grid import MonthGrid
from casedesk.ui.widgets.calendar_week_grid import WeekGrid

VIEW_KEYS = ("month", "week", "agenda")


def day_of(entry: Entry) -> date | None:
    return entry.day if isinstance(entry, EventRow) else entry.due_on


class CalendarViews(QStackedWidget):
    """Month, week and agenda in a stack; `mode` says which is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.month = MonthGrid()
        self.week = WeekGrid()
        self.agenda_model = AgendaModel(self)
        self.agenda_model.group_days = True
        # The kind is the title's swatch (the legend is above) and its tooltip: the room
        # goes to the title, the people and the place.
        self.agenda_view = agenda_table(self.agenda_model, "Agenda", hidden=(KIND_COLUMN,))
        self.agenda_empty = placeholder()
        self.agenda_stack = QStackedWidget()
        self.agenda_stack.addWidget(self.agenda_view)
        self.agenda_stack.addWidget(self.agenda_empty)
        for widget in (self.month, self.week, self.agenda_stack):
            self.addWidget(widget)
        self.mode = "month"

    def set_mode(self, key: str, day: date) -> None:
        self.mode = key if key in VIEW_KEYS else "month"
        self.setCurrentIndex(VIEW_KEYS.index(self.mode))
        self.set_day(day)

    def set_day(self, day: date) -> None:
        for grid in (self.month, self.week):
            grid.set_selected_day(day, notify=False)

    def grid(self) -> CalendarGridBase:
        """The painted grid in use (the month's behind the agenda)."""
        return self.week if self.mode == "week" else self.month

    def focus_widget(self) -> QWidget:
        return self.agenda_view if self.mode == "agenda" else self.grid()

    def visible_range(self, day: date) -> tuple[date, date]:
        """The days shown: six weeks, one week, or the calendar month (agenda)."""
        if self.mode == "agenda":
            first = day.replace(day=1)
            return first, add_months(first, 1) - timedelta(days=1)
        return self.grid().visible_range()

    def load_range(self, day: date) -> tuple[date, date]:
        """What to read: the week's neighbours too, as its rows are this computer's clock."""
        start, end = self.visible_range(day)
        if self.mode == "week":
            return start - timedelta(days=1), end + timedelta(days=1)
        return start, end

    def page_step(self, day: date, forward: bool) -> date:
        if self.mode == "week":
            return self.week.page_step(day, forward)
        return add_months(day, 1 if forward else -1)

    def period_title(self, day: date) -> str:
        if self.mode == "week":
            start, end = self.visible_range(day)
            return week_title(start, end)
        return f"{QLocale().standaloneMonthName(day.month)} {day.year}"

    def show_result(self, result: RangeData, day: date, today: date) -> None:
        """Hand the range's events (and tasks) to the view shown."""
        if self.mode != "agenda":
            self.grid().set_data(result.events, result.counts, result.task_counts(), today)
            return
        entries = result.entries(today)
        self.agenda_model.set_rows(entries, today)
        self.agenda_empty.setText(f"Nothing in {self.period_title(day)} with these filters.\n"
                                  "Ctrl+N adds an event on the selected day.")
        self.agenda_stack.setCurrentWidget(self.agenda_view if entries else self.agenda_empty)
        fit_columns(self.agenda_view)

    def sync_agenda_row(self, day: date) -> None:
        """In the agenda, the first row on (or after) the selected day is current."""
        model = self.agenda_model
        current = model.row_at(self.agenda_view.currentIndex().row())
        if current is not None and day_of(current) == day:
            return
        for row, entry in enumerate(model.rows):
            entry_day = day_of(entry)
            if entry_day is not None and entry_day >= day:
                index = model.index(row, DAY_COLUMN)
                self.agenda_view.setCurrentIndex(index)
                self.agenda_view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
                return


def week_title(start: date, end: date) -> str:
    """'23 – 29 Nov 2026', '30 Nov – 6 Dec 2026', '28 Dec 2026 – 3 Jan 2027' (short enough for
    the bar at 1280 px; the days' own headers carry the weekdays)."""
    locale = QLocale()

    def month(d: date) -> str:
        return locale.monthName(d.month, QLocale.FormatType.ShortFormat)

    if start.year != end.year:
        return f"{start.day} {month(start)} {start.year} – {end.day} {month(end)} {end.year}"
    if start.month != end.month:
        return f"{start.day} {month(start)} – {end.day} {month(end)} {end.year}"
    return f"{start.day} – {end.day} {month(end)} {end.year}"

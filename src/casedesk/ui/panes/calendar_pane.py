"""The Calendar pane: court dates, deadlines, meetings and tasks due, as a month, a week or an
agenda, beside the selected day's list and what is coming up (overdue first).

Only the visible range is read, in SQL, on the DB worker (widgets/calendar_data.py); the month
and week are painted grids (no widget per event). Keyboard: arrows move the day, PgUp/PgDn the
month or week, T or Home goes to today, Enter opens, Space ticks done, Del deletes; Ctrl+N and F2
come from the main window through `new_action` and `edit_action`.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QSplitter, QTableView, QToolButton, QVBoxLayout, QWidget

from casedesk.domain.changes import Changes
from casedesk.domain.enums import EventStatus
from casedesk.domain.rows import EventRow, TaskRow
from casedesk.services import case_list, event_list
from casedesk.ui import settings as keys
from casedesk.ui.db import Database, JobError
from casedesk.ui.models.event_models import AgendaModel, Entry
from casedesk.ui.models.paged_rows_model import if_alive
from casedesk.ui.settings import Settings
from casedesk.ui.widgets import calendar_data as data
from casedesk.ui.widgets.calendar_actions import EventActions
from casedesk.ui.widgets.calendar_agenda import SidePanel, fit_columns
from casedesk.ui.widgets.calendar_base import CalendarGridBase
from casedesk.ui.widgets.calendar_requests import DueRequestsPanel
from casedesk.ui.widgets.calendar_toolbar import CalendarToolbar, EntryActions
from casedesk.ui.widgets.calendar_views import VIEW_KEYS, CalendarViews, day_of


class CalendarPane(QWidget):
    """Month / week / agenda of events and tasks, the day's list and what is coming up."""

    open_case_requested = Signal(object)  # case UUID
    open_case_tab_requested = Signal(object, str)  # case UUID, tab ("budget")
    status_message = Signal(str)

    def __init__(self, db: Database, settings: Settings, lookups: Any = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._settings = settings
        self._lookups = lookups  # optional: the pane reads the staff list itself without it
        self._staff: list[tuple[uuid.UUID, str]] = []
        self._generation = 0
        self._coming_generation = 0
        self._stale = True
        self._staff_loaded = False
        self._day = date.today()
        self._today = date.today()
        self._range_data: data.RangeData | None = None
        self._requested: tuple[date, date] | None = None  # the days last asked for
        self._current: Entry | None = None
        self._current_from_upcoming = False
        self._want_event: uuid.UUID | None = None
        self._want_overdue = False
        self.loaded = False  # True once a range has been shown
        self.loaded_range: tuple[date, date] | None = None  # the days last read
        self.event_actions = EventActions(db, self, staff=lambda: self._staff, actor=self._actor)
        self._build_actions()
        self._build()
        self._restore()
        db.changed.connect(self._on_changed)
        self.event_actions.status_message.connect(self.status_message)
        self.event_actions.saved.connect(self.show_event)  # the calendar follows what was saved
        self.event_actions.refused.connect(self.reload)  # e.g. someone else changed it meanwhile
        if lookups is not None:
            lookups.updated.connect(lambda: self._fill_staff(list(lookups.staff)))
            self._fill_staff(list(lookups.staff))

    # -- public hooks ------------------------------------------------------------------------
    def add_toolbar_action(self, action: QAction) -> QToolButton:
        """Put an action (e.g. "Export .ics…", "Compute deadlines…") on the pane's bar."""
        return self.toolbar.add_action(action)

    def show_day(self, day: date) -> None:
        """Select `day` (reading its month or week if it is not shown)."""
        self._set_day(day)

    def show_event(self, event_id: uuid.UUID) -> None:
        """Go to an event's day and select it."""
        self._want_event = event_id
        self._db.plain(event_list.get_event, event_id,
                       on_done=if_alive(self, lambda row: self._set_day(row.day, force=True)),
                       on_error=if_alive(self, self._on_error))

    def show_overdue(self) -> None:
        """Put the overdue items in front: the coming-up list, its first (oldest) row (as
        soon as the list is read, on a first visit)."""
        view = self.side.upcoming_view
        view.setFocus()
        self._want_overdue = not self.side.upcoming_model.rowCount()
        if not self._want_overdue:
            view.setCurrentIndex(self.side.upcoming_model.index(0, 1))
            view.scrollToTop()

    @property
    def view_mode(self) -> str:
        return self.views.mode

    def set_view(self, key: str) -> None:
        """Month, week or agenda (remembered)."""
        if key not in VIEW_KEYS:
            return
        self._settings.set(keys.CALENDAR_VIEW, key)
        self.toolbar.set_view(key)
        self.views.set_mode(key, self._day)
        self.side.set_day_list_shown(key != "agenda")
        self.views.focus_widget().setFocus()
        self.reload()

    def grid(self) -> CalendarGridBase:
        return self.views.grid()

    def current_entry(self) -> Entry | None:
        return self._current

    def selected_day(self) -> date:
        return self._day

    def visible_range(self) -> tuple[date, date]:
        return self.views.visible_range(self._day)

    # -- layout ------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        # Ctrl+N and F2 belong to the main window, which sends them to the pane in view.
        self.entry_actions = EntryActions.build(
            self, new=self.new_event, edit=self.edit_current, done=self.toggle_current_done,
            set_status=self._set_status, delete=self.delete_current,
            compute_from=self.compute_from_current,
            new_tip="New event on the selected day (Ctrl+N)")
        self.new_action = self.entry_actions.new
        self.edit_action = self.entry_actions.edit
        self.done_action = self.entry_actions.done

    def _build(self) -> None:
        acts = self.entry_actions
        self.toolbar = CalendarToolbar(self.event_actions.search_cases)
        for action in (acts.new, acts.edit, acts.done):
            self.toolbar.add_action(action)
        self.more_button = self.toolbar.add_menu("More", [acts.reopen, acts.vacate, acts.cancel,
                                                          acts.delete, acts.compute_from])
        self.views = CalendarViews()
        self.filter_edit = self.toolbar.case_filter  # Ctrl+F (the window's Filter) lands here
        self.month, self.week = self.views.month, self.views.week
        self.agenda_model, self.agenda_view = self.views.agenda_model, self.views.agenda_view
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.views, 1)
        left_layout.addWidget(self.summary)
        self.side = SidePanel()
        # What clients still owe, under the coming-up list (same 7 or 30 days, same case).
        self.requests_due = DueRequestsPanel(self._db)
        side_layout = self.side.layout()
        assert isinstance(side_layout, QVBoxLayout)
        side_layout.addWidget(self.requests_due)
        self.requests_due.open_case_requested.connect(self.open_case_requested)
        self.requests_due.budgets.open_budget_requested.connect(
            lambda case_id: self.open_case_tab_requested.emit(case_id, "budget"))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.side)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([720, 440])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.splitter, 1)
        self._connect()

    def _connect(self) -> None:
        bar = self.toolbar
        bar.view_chosen.connect(self.set_view)
        bar.back_action.triggered.connect(lambda: self._page(False))
        bar.forward_action.triggered.connect(lambda: self._page(True))
        bar.today_action.triggered.connect(lambda: self._set_day(date.today()))
        bar.filters_changed.connect(self.reload)
        for grid in (self.month, self.week):
            grid.day_selected.connect(self._set_day)
            grid.event_selected.connect(self._select_current)
            grid.open_requested.connect(self.open_entry)
            grid.new_requested.connect(self._new_at)
            grid.event_dropped.connect(self.event_actions.move)
            grid.delete_requested.connect(self.event_actions.delete)
        self.week.event_rescheduled.connect(self.event_actions.reschedule)
        for view in self._lists():
            model = view.model()
            assert isinstance(model, AgendaModel)
            model.done_toggled.connect(self.set_entry_done)
            view.activated.connect(lambda index, v=view: self._on_activated(v, index))
            view.selectionModel().currentRowChanged.connect(
                lambda current, _p, v=view: self._on_row(v, current))
            view.installEventFilter(self)
            view.viewport().installEventFilter(self)
        self.side.coming_up_days_changed.connect(self._on_days)
        for widget in (self.month, self.week, *self._lists()):
            widget.addActions(self.entry_actions.all())  # right-click: as on the bar
            widget.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def _lists(self) -> tuple[QTableView, ...]:
        return (self.side.day_view, self.side.upcoming_view, self.agenda_view)

    def _restore(self) -> None:
        state = self._settings.get(keys.CALENDAR_SPLITTER)
        if not state.isEmpty():
            self.splitter.restoreState(state)
        self.splitter.splitterMoved.connect(self.save_state)
        self.toolbar.restore(self._settings)  # the filters as they were left
        self.side.blockSignals(True)
        self.side.set_coming_up_days(self._settings.get(keys.CALENDAR_COMING_UP_DAYS))
        self.side.blockSignals(False)
        mode = self._settings.get(keys.CALENDAR_VIEW)
        self.views.set_mode(mode, self._day)
        self.toolbar.set_view(self.views.mode)
        self.side.set_day_list_shown(self.views.mode != "agenda")

    def save_state(self) -> None:
        """Remember the splitter sizes (the view and filters are saved as they change)."""
        self._settings.set(keys.CALENDAR_SPLITTER, self.splitter.saveState())

    # -- filters -----------------------------------------------------------------------------
    def query(self) -> data.CalendarQuery:
        return self.toolbar.query()

    def _on_days(self, days: int) -> None:
        self._settings.set(keys.CALENDAR_COMING_UP_DAYS, days)
        self._reload_coming_up()

    def _fill_staff(self, staff: list[tuple[uuid.UUID, str]]) -> None:
        self._staff = staff
        if self.toolbar.set_staff(staff):
            self.reload()  # the remembered person is gone: everyone's calendar

    def _actor(self) -> uuid.UUID | None:
        if self._lookups is not None:
            actor: uuid.UUID | None = self._lookups.current_staff_id
            return actor
        raw = self._settings.get(keys.CURRENT_STAFF)
        try:
            return uuid.UUID(raw) if raw else None
        except ValueError:
            return None

    # -- loading -----------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _on_changed(self, changes: Changes) -> None:
        if changes.staff and self._lookups is None:
            self._staff_loaded = False
        if changes.events or changes.tasks or changes.cases or changes.staff:
            if self.isVisible():
                self.reload()
            else:
                self._stale = True

    def reload(self) -> None:
        """Re-read the visible range and the coming-up list (the latest request wins)."""
        self._stale = False
        if self._lookups is None and not self._staff_loaded:
            self._staff_loaded = True
            self._db.plain(case_list.staff_choices, on_done=if_alive(self, self._fill_staff),
                           on_error=if_alive(self, self._on_error))
        self._generation += 1
        self._today = date.today()
        start, end = self._requested = self.views.load_range(self._day)
        self._db.plain(data.load_range, start, end, self.query(),
                       on_done=if_alive(self, partial(self._on_loaded, self._generation)),
                       on_error=if_alive(self, self._on_error))
        self._reload_coming_up()

    def _reload_coming_up(self) -> None:
        self._coming_generation += 1
        self.requests_due.show_for(self._today, self.side.coming_up_days(),
                                   self.query().case_id)
        self._db.plain(data.load_coming_up, self._today, self.side.coming_up_days(),
                       self.query(), on_done=if_alive(self, partial(
                           self._on_coming_up, self._coming_generation)),
                       on_error=if_alive(self, self._on_error))

    def _on_loaded(self, generation: int, result: data.RangeData) -> None:
        if generation != self._generation:
            return
        self._range_data = result
        self.loaded_range = (result.start, result.end)
        self.views.show_result(result, self._day, self._today)
        self.loaded = True
        title = self.views.period_title(self._day)
        self.summary.setText(data.summary_text(result, title))
        self.toolbar.title.setText(title)
        self._show_day()

    def _on_coming_up(self, generation: int, entries: list[Entry]) -> None:
        if generation != self._coming_generation:
            return
        self.side.show_coming_up(entries, self._today)
        if self._want_overdue and entries:
            self.show_overdue()
        elif self._current_from_upcoming and self._current is not None:
            fresh = next((e for e in entries if e.id == self._current.id), None)
            self._select_current(fresh, from_upcoming=fresh is not None)
            if fresh is not None:
                self.side.upcoming_view.selectRow(self.side.upcoming_model.row_of(fresh.id))

    def _on_error(self, error: JobError) -> None:
        from casedesk.ui.dialogs.error_dialog import show_error

        self.status_message.emit(error.message)
        show_error(self, error.message, error.details)

    # -- the selected day and entry ----------------------------------------------------------
    def _set_day(self, day: date, force: bool = False) -> None:
        self._day = day
        self.views.set_day(day)
        if force or self.views.load_range(day) != self._requested:
            self.reload()
        else:
            self._show_day()

    def _page(self, forward: bool) -> None:
        self._set_day(self.views.page_step(self._day, forward))

    def _show_day(self) -> None:
        result = self._range_data
        entries = result.entries_on(self._day, self._today) if result is not None else []
        self.side.show_day(self._day, entries, self._today)
        if self.views.mode == "agenda":
            self.views.sync_agenda_row(self._day)
        keep = self._current
        if self._want_event is not None and any(e.id == self._want_event for e in entries):
            keep = next(e for e in entries if e.id == self._want_event)
            self._want_event = None
            self._current_from_upcoming = False
        elif keep is not None:  # the same entry, as freshly read (or gone)
            pool = self.side.upcoming_model.rows if self._current_from_upcoming else entries
            keep = next((e for e in pool if e.id == keep.id), None)
        if isinstance(keep, EventRow) and not self._current_from_upcoming:
            self.grid().set_selected_event(keep.id, notify=False)
        self._select_current(keep, from_upcoming=self._current_from_upcoming)
        if result is not None and result.truncated and self.views.mode != "agenda" \
                and self.grid().hidden_count(self._day, len(entries)):
            self._db.plain(data.load_day, self._day, self.query(),
                           on_done=if_alive(self, partial(self._on_full_day, self._day)))

    def _on_full_day(self, day: date, events: list[EventRow]) -> None:
        if day == self._day and self._range_data is not None:
            tasks = [t for t in self._range_data.tasks if t.due_on == day]
            self.side.show_day(day, [*events, *tasks], self._today)

    def _select_current(self, entry: Entry | None, *, from_upcoming: bool = False) -> None:
        self._current = entry
        self._current_from_upcoming = from_upcoming and entry is not None
        self.side.show_detail(entry, self._today)
        view = self.side.day_view
        row = self.side.day_model.row_of(entry.id) if entry is not None else -1
        if row >= 0 and view.currentIndex().row() != row:
            view.selectionModel().blockSignals(True)
            view.setCurrentIndex(self.side.day_model.index(row, 0))
            view.selectRow(row)
            view.selectionModel().blockSignals(False)
            view.scrollTo(self.side.day_model.index(row, 0))
            view.viewport().update()
        self.entry_actions.update(entry)

    def _on_row(self, view: QTableView, current: QModelIndex) -> None:
        model = view.model()
        entry = model.row_at(current.row()) if isinstance(model, AgendaModel) else None
        if entry is None:
            return
        if view is self.agenda_view and (day := day_of(entry)) is not None and day != self._day:
            self._day = day
            self.views.set_day(day)
            self.side.show_day(day, self._range_data.entries_on(day, self._today)
                               if self._range_data else [], self._today)
        if view is not self.side.upcoming_view and isinstance(entry, EventRow):
            self.grid().set_selected_event(entry.id, notify=False)
        self._select_current(entry, from_upcoming=view is self.side.upcoming_view)

    # -- actions -----------------------------------------------------------------------------
    def new_event(self) -> None:
        """A new event on the selected day (for the case filtered on, if any)."""
        self.event_actions.new_event(day=self._day, case=self.toolbar.case_filter.choice())

    def _new_at(self, when: date | datetime) -> None:
        case = self.toolbar.case_filter.choice()
        if isinstance(when, datetime):
            self.event_actions.new_event(starts_at=when, case=case)
        else:
            self.event_actions.new_event(day=when, case=case)

    def edit_current(self) -> None:
        if self._current is not None:
            self.open_entry(self._current)

    def open_entry(self, entry: Entry) -> None:
        """Events open their dialog; tasks open their case."""
        if isinstance(entry, EventRow):
            self.event_actions.edit_event(entry)
        else:
            self.open_case_requested.emit(entry.case_id)

    def _on_activated(self, view: QTableView, index: QModelIndex) -> None:
        model = view.model()
        if index.column() != 0 and isinstance(model, AgendaModel) \
                and (entry := model.row_at(index.row())) is not None:
            self.open_entry(entry)

    def toggle_current_done(self) -> None:
        entry = self._current
        if isinstance(entry, TaskRow):
            self.set_entry_done(entry, entry.is_open)
        elif isinstance(entry, EventRow) and entry.is_pending:
            self.event_actions.mark_done(entry)

    def _set_status(self, status: EventStatus) -> None:
        if isinstance(self._current, EventRow):
            self.event_actions.set_status(self._current, status)

    def delete_current(self) -> None:
        if isinstance(self._current, EventRow):
            self.event_actions.delete(self._current)

    def compute_from_current(self) -> None:
        """Deadlines counted from the selected court date, linked to it."""
        if isinstance(self._current, EventRow):
            self.event_actions.compute_deadlines_from(self._current)

    def set_entry_done(self, entry: Entry, done: bool) -> None:
        """A tick in a list: a task is done at once (as of today); an event asks first."""
        if isinstance(entry, EventRow):
            self.event_actions.set_done(entry, done)
            return
        for model in (self.side.day_model, self.side.upcoming_model, self.agenda_model):
            model.mark_task(entry.id, done)  # at once; the database follows
        self.entry_actions.update(next((e for e in self.side.day_model.rows
                                        if e.id == entry.id), self._current))
        self.event_actions.set_task_done(entry, done, on_failed=self.reload)

    # -- keys in the lists -------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        views = self._lists()
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and watched in views and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            key = event.key()
            if key == Qt.Key.Key_Space:
                assert isinstance(watched, QTableView)
                self._on_row(watched, watched.currentIndex())
                self.toggle_current_done()
                return True
            if key in (Qt.Key.Key_T, Qt.Key.Key_Home):
                self._set_day(date.today())
                return True
            if key == Qt.Key.Key_Delete:
                self.delete_current()
                return True
            if key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown) and watched is self.agenda_view:
                self._page(key == Qt.Key.Key_PageDown)
                return True
        if event.type() == QEvent.Type.FocusIn and watched in views:
            assert isinstance(watched, QTableView)
            self._on_row(watched, watched.currentIndex())
        if event.type() == QEvent.Type.Resize:
            for view in views:
                if watched is view.viewport():
                    fit_columns(view)
        return super().eventFilter(watched, event)

"""The Calendar pane: a month of task due dates beside the chosen day's agenda and what is
overdue or due in the next 7 days. Tasks can be ticked off here."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QPalette, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.changes import Changes
from casedesk.domain.rows import TaskRow
from casedesk.services import case_list
from casedesk.ui import format as fmt
from casedesk.ui import settings as keys
from casedesk.ui.db import Database, JobError
from casedesk.ui.icons import safe_icon
from casedesk.ui.models.paged_rows_model import if_alive
from casedesk.ui.models.task_agenda_model import (
    ASSIGNEE_COLUMN,
    DONE_COLUMN,
    DUE_COLUMN,
    STATUS_COLUMN,
    TITLE_COLUMN,
    TaskAgendaModel,
)
from casedesk.ui.settings import Settings
from casedesk.ui.widgets.calendar_month_view import DayCounts, TaskMonthCalendar

COMING_UP_DAYS = 7
EARLIEST = date(1900, 1, 1)  # "overdue" reaches back to any open task, however old
DAY_ROWS_SHOWN = 6  # the day's list grows to this many rows (then scrolls); the rest is for
#                     what is coming up
TITLE_MIN_CHARS = 34  # the task title keeps this much room before other columns give way
# Columns that give way to the title (in this order) and the least each keeps, in characters.
SHRINKING = ((ASSIGNEE_COLUMN, 9), (STATUS_COLUMN, 7))


def _load_month(reader: Any, start: date, end: date, today: date,
                staff_id: uuid.UUID | None) -> tuple[list[TaskRow], list[TaskRow]]:
    """The grid's tasks (all states) and the open ones overdue or due within a week."""
    month = case_list.tasks_between(reader, start, end, staff_id=staff_id)
    coming = case_list.tasks_between(reader, EARLIEST, today + timedelta(days=COMING_UP_DAYS),
                                     staff_id=staff_id, include_done=False)
    return month, coming


def count_by_day(rows: list[TaskRow]) -> DayCounts:
    """(open, done) tasks per due day."""
    counts: dict[date, tuple[int, int]] = {}
    for row in rows:
        if row.due_on is None:
            continue
        open_count, done_count = counts.get(row.due_on, (0, 0))
        counts[row.due_on] = ((open_count + 1, done_count) if row.is_open
                              else (open_count, done_count + 1))
    return counts


def _agenda_view(model: TaskAgendaModel, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    # The task title stretches; the others are sized to their text by `fit_columns`.
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setToolTip("Double-click a task to open its case · Space ticks it done")
    return view


def fit_columns(view: QTableView) -> None:
    """Size an agenda's columns to their text; if the task title would then get less than
    TITLE_MIN_CHARS, the assignee and status columns give way first (they elide, with a
    tooltip), down to a few characters each."""
    header = view.horizontalHeader()
    chars = view.fontMetrics().horizontalAdvance("x")
    wanted = {column: max(view.sizeHintForColumn(column), header.sectionSizeHint(column))
              for column in range(header.count())
              if column != TITLE_COLUMN and not header.isSectionHidden(column)}
    short = TITLE_MIN_CHARS * chars - (view.viewport().width() - sum(wanted.values()))
    for column, least in SHRINKING:
        if short <= 0 or column not in wanted:
            continue
        floor = max(least * chars, header.sectionSizeHint(column) if column == STATUS_COLUMN
                    else 0)
        give = min(short, max(0, wanted[column] - floor))
        wanted[column] -= give
        short -= give
    for column, width in wanted.items():
        if view.columnWidth(column) != width:
            view.setColumnWidth(column, width)


def _keep_current(view: QTableView, refill: Any) -> None:
    """Refill a task view, keeping the same task (and column) current if it is still there."""
    model = view.model()
    index = view.currentIndex()
    task = model.row_at(index.row()) if isinstance(model, TaskAgendaModel) else None
    refill()
    if task is not None and isinstance(model, TaskAgendaModel):
        row = model.row_of(task.id)
        if row >= 0:
            view.setCurrentIndex(model.index(row, max(0, index.column())))


def _placeholder() -> QLabel:
    label = QLabel()
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def _heading(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class CalendarPane(QWidget):
    """Month grid + agenda; loads only the visible month (and the week ahead) in SQL."""

    open_case_requested = Signal(object)  # case UUID
    status_message = Signal(str)

    def __init__(self, db: Database, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._settings = settings
        self._month_rows: list[TaskRow] = []
        self._generation = 0
        self._stale = True
        self._staff_loaded = False
        self.loaded = False  # True once a month has been shown
        self.loaded_range: tuple[date, date] | None = None  # the grid days last loaded
        self.model = TaskAgendaModel(self)
        self.upcoming_model = TaskAgendaModel(self)
        self._build()
        self._restore()
        db.changed.connect(self._on_changed)

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.today_button = QPushButton(safe_icon("calendar"), "Today")
        self.today_button.setToolTip("Go to today (T)")
        self.staff_combo = QComboBox()
        self.staff_combo.setAccessibleName("Whose tasks")
        self.staff_combo.addItem("Everyone", None)
        self.staff_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.done_button = QPushButton(safe_icon("check"), "Mark done")
        self.done_button.setToolTip("Tick off the selected task (Space)")
        bar = QHBoxLayout()
        bar.addWidget(self.today_button)
        bar.addWidget(QLabel("Show tasks of"))
        bar.addWidget(self.staff_combo)
        bar.addStretch(1)
        bar.addWidget(self.done_button)

        self.calendar = TaskMonthCalendar()
        self.calendar.setMinimumSize(280, 260)

        # The day's heading says "· nothing due" on a free day; the day's list then folds
        # away and what is coming up gets the room.
        self.day_label = _heading()
        self.view = _agenda_view(self.model, "Tasks due on the selected day")
        self.view.setColumnHidden(DUE_COLUMN, True)

        self.upcoming_label = _heading("Coming up: overdue and the next 7 days")
        self.upcoming_view = _agenda_view(self.upcoming_model, "Overdue and coming up")
        self.upcoming_empty = _placeholder()
        self.upcoming_empty.setText("Nothing overdue and nothing due in the next 7 days.")
        self.upcoming_stack = QStackedWidget()
        self.upcoming_stack.addWidget(self.upcoming_view)
        self.upcoming_stack.addWidget(self.upcoming_empty)

        agenda = QWidget()
        agenda_layout = QVBoxLayout(agenda)
        agenda_layout.setContentsMargins(4, 0, 0, 0)
        agenda_layout.addWidget(self.day_label)
        agenda_layout.addWidget(self.view)
        agenda_layout.addSpacing(6)
        agenda_layout.addWidget(self.upcoming_label)
        agenda_layout.addWidget(self.upcoming_stack, 1)
        self.agenda = agenda

        # The agenda gets the larger part: its task titles need the width more than the grid.
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.calendar)
        self.splitter.addWidget(agenda)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([380, 720])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

        self.today_button.clicked.connect(self.calendar.go_to_today)
        self.staff_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.done_button.clicked.connect(self.toggle_current_done)
        self.calendar.currentPageChanged.connect(lambda _y, _m: self.reload())
        self.calendar.selectionChanged.connect(self._show_day)
        for model in (self.model, self.upcoming_model):
            model.done_toggled.connect(self.set_done)
        for view in (self.view, self.upcoming_view):
            view.activated.connect(self._on_activated)
            view.installEventFilter(self)
            view.viewport().installEventFilter(self)  # its resizes re-fit the columns
            view.selectionModel().currentRowChanged.connect(self._update_done_button)
            view.clicked.connect(lambda _i, v=view: self._set_focus_view(v))
        self._focus_view = self.view
        # T goes to today from the agenda lists; the month grid has its own T shortcut (for
        # itself and its children), so exactly one of the two is live wherever the focus is.
        self.today_shortcut = QShortcut(QKeySequence(Qt.Key.Key_T), agenda)
        self.today_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.today_shortcut.activated.connect(self.calendar.go_to_today)
        self._update_done_button()

    def _restore(self) -> None:
        state = self._settings.get(keys.CALENDAR_SPLITTER)
        if not state.isEmpty():
            self.splitter.restoreState(state)
        self.splitter.splitterMoved.connect(self.save_state)

    def save_state(self) -> None:
        """Remember the splitter sizes."""
        self._settings.set(keys.CALENDAR_SPLITTER, self.splitter.saveState())

    # -- loading ---------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _on_changed(self, changes: Changes) -> None:
        if changes.staff:
            self._staff_loaded = False
        if changes.tasks or changes.cases or changes.staff:
            if self.isVisible():
                self.reload()
            else:
                self._stale = True

    @property
    def staff_id(self) -> uuid.UUID | None:
        data = self.staff_combo.currentData()
        return uuid.UUID(data) if data else None

    def reload(self) -> None:
        """Re-read the month shown and the coming-up list (latest request wins)."""
        self._stale = False
        if not self._staff_loaded:
            self._staff_loaded = True
            self._db.plain(case_list.staff_choices, on_done=if_alive(self, self._fill_staff),
                           on_error=if_alive(self, self._on_error))
        self._generation += 1
        start, end = self.calendar.visible_range()
        today = date.today()
        self._db.plain(_load_month, start, end, today, self.staff_id,
                       on_done=if_alive(self, partial(self._on_loaded, self._generation, today,
                                                      (start, end))),
                       on_error=if_alive(self, self._on_error))

    def _fill_staff(self, staff: list[tuple[uuid.UUID, str]]) -> None:
        current = self.staff_id
        self.staff_combo.blockSignals(True)
        self.staff_combo.clear()
        self.staff_combo.addItem("Everyone", None)
        for staff_id, name in staff:
            self.staff_combo.addItem(name, str(staff_id))  # strings compare in findData
        index = self.staff_combo.findData(str(current)) if current else 0
        self.staff_combo.setCurrentIndex(max(0, index))
        self.staff_combo.blockSignals(False)
        if current is not None and index < 0:
            self.reload()  # the chosen person is gone: show everyone's tasks

    def _on_loaded(self, generation: int, today: date, days: tuple[date, date],
                   result: tuple[list[TaskRow], list[TaskRow]]) -> None:
        if generation != self._generation:
            return
        self.loaded_range = days
        self._month_rows, coming = result
        self.calendar.set_counts(count_by_day(self._month_rows), today)
        _keep_current(self.upcoming_view, lambda: self.upcoming_model.set_rows(coming, today))
        fit_columns(self.upcoming_view)
        self.upcoming_stack.setCurrentWidget(self.upcoming_view if coming
                                             else self.upcoming_empty)
        overdue = sum(1 for row in coming if row.due_on and row.due_on < today)
        self.upcoming_label.setText("Coming up: overdue and the next 7 days"
                                    + (f" ({overdue} overdue)" if overdue else ""))
        self.loaded = True
        self._show_day()

    def _show_day(self) -> None:
        day = self.calendar.selected_day()
        rows = [row for row in self._month_rows if row.due_on == day]
        _keep_current(self.view, lambda: self.model.set_rows(rows, date.today()))
        open_count = sum(1 for row in rows if row.is_open)
        what = f"{len(rows)} task{'s' if len(rows) != 1 else ''}" if rows else "nothing due"
        if rows and open_count != len(rows):
            what += f", {open_count} open"
        self.day_label.setText(f"{fmt.day(day)} · {what}")
        self.view.setVisible(bool(rows))
        if rows:
            self._fit_day_view()
        self._update_done_button()

    def _fit_day_view(self) -> None:
        """The day's list as tall as its rows (up to DAY_ROWS_SHOWN), its columns fitted."""
        view = self.view
        shown = min(max(1, self.model.rowCount()), DAY_ROWS_SHOWN)
        height = (view.horizontalHeader().sizeHint().height()
                  + shown * view.verticalHeader().defaultSectionSize() + 2 * view.frameWidth())
        if view.horizontalScrollBar().isVisible():
            height += view.horizontalScrollBar().sizeHint().height()
        view.setFixedHeight(height)
        fit_columns(view)

    def _on_error(self, error: JobError) -> None:
        from casedesk.ui.dialogs.error_dialog import show_error

        self.status_message.emit(error.message)
        show_error(self, error.message, error.details)

    # -- tasks -----------------------------------------------------------------------------
    def _set_focus_view(self, view: QTableView) -> None:
        self._focus_view = view
        self._update_done_button()

    def current_task(self) -> TaskRow | None:
        view = self._focus_view
        model = view.model()
        index = view.currentIndex()
        if not isinstance(model, TaskAgendaModel) or not index.isValid():
            return None
        return model.row_at(index.row())

    def _update_done_button(self, *_args: object) -> None:
        task = self.current_task()
        self.done_button.setEnabled(task is not None)
        self.done_button.setText("Reopen" if task is not None and not task.is_open
                                 else "Mark done")

    def toggle_current_done(self) -> None:
        task = self.current_task()
        if task is not None:
            self.set_done(task.id, task.is_open)

    def set_done(self, task_id: uuid.UUID, done: bool) -> None:
        """Complete (or reopen) a task; the marks update at once, the database follows."""
        from casedesk.services import tasks as task_service

        title = next((r.title for r in (*self._month_rows, *self.upcoming_model.rows)
                      if r.id == task_id), "task")
        for model in (self.model, self.upcoming_model):
            model.mark(task_id, done)
        self._update_done_button()
        actor = self._settings.get(keys.CURRENT_STAFF)
        try:
            actor_id = uuid.UUID(actor) if actor else None
        except ValueError:
            actor_id = None

        def finished(_result: object) -> None:
            self.status_message.emit(f"Marked done: {title}" if done else f"Reopened: {title}")

        def failed(error: JobError) -> None:
            self.reload()  # put the tick back as the database has it
            self._on_error(error)

        self._db.write(task_service.set_task_done, on_done=if_alive(self, finished),
                       on_error=if_alive(self, failed), task_id=task_id, done=done,
                       actor_staff_id=actor_id)

    def _on_activated(self, index: QModelIndex) -> None:
        if index.column() == DONE_COLUMN:
            return
        model = index.model()
        if isinstance(model, TaskAgendaModel) and (task := model.row_at(index.row())):
            self.open_case_requested.emit(task.case_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Space ticks the current task whichever column has the focus.
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Space
                and event.modifiers() == Qt.KeyboardModifier.NoModifier
                and watched in (self.view, self.upcoming_view)):
            assert isinstance(watched, QTableView)
            self._set_focus_view(watched)
            self.toggle_current_done()
            return True
        if event.type() == QEvent.Type.FocusIn and watched in (self.view, self.upcoming_view):
            assert isinstance(watched, QTableView)
            self._set_focus_view(watched)
        if event.type() == QEvent.Type.Resize:
            for view in (self.view, self.upcoming_view):
                if watched is view.viewport():
                    fit_columns(view)
        return super().eventFilter(watched, event)

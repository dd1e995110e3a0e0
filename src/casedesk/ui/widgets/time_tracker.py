"""A running timer for the time spent on a case, for the main window's toolbar or status bar.

Start times the current case; Pause/Resume; Stop opens the time entry dialog with the elapsed
time rounded up to the next tenth of an hour (6 minutes), the case and the person at the desk;
Discard throws the time away (after asking). The timer is kept in QSettings as wall-clock
facts (the case, when the running stretch started, the seconds of the stretches before it),
so it keeps counting while casedesk is closed and shows again after a restart. A 1-second
QTimer only repaints the display; the time itself always comes from the clock (`now`).
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QToolButton, QWidget

from casedesk.ui.db import Database, JobError
from casedesk.ui.dialogs import error_dialog
from casedesk.ui.dialogs.ask import confirm as _confirm
from casedesk.ui.icons import safe_icon
from casedesk.ui.models.paged_rows_model import if_alive
from casedesk.ui.settings import Key, Settings

confirm = _confirm  # re-exported so tests can answer it here
show_error = error_dialog.show_error  # likewise

# The running timer, declared once (ui/settings.py style). "" / 0 when no timer is kept.
TIMER_CASE_ID = Key("timer/case_id", str, "")
TIMER_CASE_LABEL = Key("timer/case_label", str, "")  # "2026-CV-0142 · Smith v. Acme"
TIMER_STARTED_AT = Key("timer/started_at", str, "")  # ISO UTC; "" while paused
TIMER_SECONDS = Key("timer/accumulated_seconds", int, 0)  # before the running stretch
LAST_STAFF = Key("time/last_staff_id", str, "")  # whose time this desk recorded last
ROUNDING_RULE = "rounded up to the next 0.1 hour (6 minutes)"
STEP_SECONDS = 360


def utc_now() -> datetime:
    """The wall clock, as an aware UTC datetime."""
    return datetime.now(UTC)


def last_staff(settings: Settings | None) -> uuid.UUID | None:
    """Whose time was recorded last on this desk (the time dialog's default)."""
    raw = settings.get(LAST_STAFF) if settings is not None else ""
    try:
        return uuid.UUID(raw) if raw else None
    except ValueError:
        return None


def remember_staff(settings: Settings | None, staff_id: uuid.UUID) -> None:
    if settings is not None:
        settings.set(LAST_STAFF, str(staff_id))


def hours_for(seconds: float) -> Decimal:
    """Elapsed seconds as hours to record: rounded up to the next 0.1 h, at least 0.1 h."""
    steps = max(1, math.ceil(max(0.0, seconds) / STEP_SECONDS - 1e-9))
    return (Decimal(steps) / 10).quantize(Decimal("0.01"))


def clock_text(seconds: float) -> str:
    """'0:42:07'."""
    whole = int(max(0.0, seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


@dataclass(frozen=True, slots=True)
class TimerState:
    """What is kept between runs of casedesk."""

    case_id: uuid.UUID
    case_label: str
    started_at: datetime | None  # the running stretch began (None: paused)
    seconds: float  # in earlier stretches

    @property
    def running(self) -> bool:
        return self.started_at is not None

    def elapsed(self, now: datetime) -> float:
        running = (now - self.started_at).total_seconds() if self.started_at else 0.0
        return self.seconds + max(0.0, running)  # a clock set back never makes it negative


class TimeTracker(QWidget):
    """The timer's display and its actions (start, pause/resume, stop, discard)."""

    status_message = Signal(str)
    state_changed = Signal()
    open_case_requested = Signal(object)  # case id: the window shows the timed case
    entry_recorded = Signal(object)  # the new time entry's id

    def __init__(self, db: Database | None, settings: Settings | None, *,
                 actor: Callable[[], uuid.UUID | None] | None = None,
                 now: Callable[[], datetime] = utc_now, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._settings = settings
        self._actor = actor or (lambda: None)
        self._now = now
        self._current: tuple[uuid.UUID, str] | None = None  # the case Start would time
        self.state: TimerState | None = self._load()
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._show_time)
        self._build()
        self._update()

    # -- layout ------------------------------------------------------------------------------
    def _action(self, text: str, icon_name: str, tip: str, slot: Callable[[], None]) -> QAction:
        action = QAction(safe_icon(icon_name) if icon_name else QAction().icon(), text, self)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build(self) -> None:
        self.start_action = self._action("Start timer", "clock",
                                         "Time the work on the selected case", self.start)
        self.pause_action = self._action("Pause timer", "", "Pause the timer (Resume goes on "
                                         "counting)", self.toggle_pause)
        self.stop_action = self._action(
            "Stop timer and record…", "check", f"Stop and record the time: {ROUNDING_RULE}",
            self.stop)
        self.stop_action.setIconText("Stop…")  # what the status bar's button says
        self.discard_action = self._action("Discard timer…", "x",
                                           "Throw the timed time away", self.discard)
        self.start_button = QToolButton()
        self.start_button.setDefaultAction(self.start_action)
        self.start_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.start_button.setAutoRaise(True)
        self.case_button = QToolButton()  # the timed case; a click shows it
        self.case_button.setAutoRaise(True)
        self.case_button.setIcon(safe_icon("clock"))
        self.case_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.case_button.clicked.connect(self._open_case)
        self.time_label = QLabel()
        font = QFont(self.time_label.font())
        font.setFeature(QFont.Tag("tnum"), 1)  # the seconds do not make the text jiggle
        self.time_label.setFont(font)
        self.time_label.setAccessibleName("Elapsed time")
        self.pause_button = QToolButton()
        self.pause_button.setDefaultAction(self.pause_action)
        self.pause_button.setAutoRaise(True)
        self.stop_button = QToolButton()
        self.stop_button.setDefaultAction(self.stop_action)
        self.stop_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.stop_button.setAutoRaise(True)
        self.stop_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = QMenu(self.stop_button)
        menu.addAction(self.discard_action)
        self.stop_button.setMenu(menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for widget in (self.start_button, self.case_button, self.time_label,
                       self.pause_button, self.stop_button):
            layout.addWidget(widget)
        layout.addStretch(1)

    # -- state -------------------------------------------------------------------------------
    def _load(self) -> TimerState | None:
        if self._settings is None:
            return None
        raw_id = self._settings.get(TIMER_CASE_ID)
        try:
            case_id = uuid.UUID(raw_id) if raw_id else None
        except ValueError:
            case_id = None
        if case_id is None:
            return None
        started: datetime | None = None
        if raw := self._settings.get(TIMER_STARTED_AT):
            try:
                started = datetime.fromisoformat(raw)
            except ValueError:
                started = None
            if started is not None and started.tzinfo is None:
                started = started.replace(tzinfo=UTC)
        return TimerState(case_id, self._settings.get(TIMER_CASE_LABEL), started,
                          float(max(0, self._settings.get(TIMER_SECONDS))))

    def _store(self, state: TimerState | None) -> None:
        self.state = state
        if self._settings is not None:
            self._settings.set(TIMER_CASE_ID, str(state.case_id) if state else "")
            self._settings.set(TIMER_CASE_LABEL, state.case_label if state else "")
            self._settings.set(TIMER_STARTED_AT, state.started_at.isoformat()
                               if state and state.started_at else "")
            self._settings.set(TIMER_SECONDS, round(state.seconds) if state else 0)
            self._settings.sync()
        self._update()
        self.state_changed.emit()

    def elapsed(self) -> float:
        """Seconds timed so far (0 without a timer)."""
        return self.state.elapsed(self._now()) if self.state else 0.0

    def hours(self) -> Decimal:
        """What Stop would record."""
        return hours_for(self.elapsed())

    @property
    def running(self) -> bool:
        return self.state is not None and self.state.running

    # -- the current case (the window connects its "case shown" signal here) ----------------
    def set_current_case(self, case_id: uuid.UUID | None, label: str = "") -> None:
        self._current = (case_id, label) if case_id is not None else None
        self._update()

    # -- actions -----------------------------------------------------------------------------
    def start(self) -> None:
        """Start timing the current case (one timer at a time)."""
        if self.state is not None or self._current is None:
            return
        case_id, label = self._current
        self._store(TimerState(case_id, label, self._now(), 0.0))
        self.status_message.emit(f"Timer started for {label.split(' · ')[0]}.")

    def toggle_pause(self) -> None:
        state = self.state
        if state is None:
            return
        now = self._now()
        if state.running:
            self._store(TimerState(state.case_id, state.case_label, None, state.elapsed(now)))
            self.status_message.emit(f"Timer paused at {clock_text(state.elapsed(now))}.")
        else:
            self._store(TimerState(state.case_id, state.case_label, now, state.seconds))
            self.status_message.emit("Timer running again.")

    def stop(self) -> None:
        """Pause, then ask for the entry (prefilled); saving it clears the timer, cancelling
        keeps the time (paused) so nothing is lost."""
        state = self.state
        if state is None:
            return
        if state.running:
            now = self._now()
            state = TimerState(state.case_id, state.case_label, None, state.elapsed(now))
            self._store(state)
        if self._db is None:
            return
        from casedesk.ui.widgets.case_budget_data import load_entry_lists

        self._db.read(load_entry_lists,
                      on_done=if_alive(self, partial(self._ask_entry, state)),
                      on_error=if_alive(self, self._show_error))

    def _ask_entry(self, state: TimerState, lists: Any) -> None:
        from casedesk.ui.dialogs.time_entry_dialog import TimeEntryDialog

        staff, settings = lists
        answer = TimeEntryDialog.ask(
            self, case_id=state.case_id, case_label=state.case_label, staff=staff,
            settings=settings, default_staff_id=self._actor() or last_staff(self._settings),
            hours=hours_for(state.seconds), worked_on=self._now().astimezone().date())
        if answer is None:
            self.status_message.emit("The timer is paused; Stop again to record it, or "
                                     "Discard it.")
            return
        from casedesk.services import time_entries

        remember_staff(self._settings, answer.staff_id)

        def done(result: tuple[Any, uuid.UUID]) -> None:
            if self.state == state:
                self._store(None)
            self.status_message.emit(f"Recorded {answer.hours:.2f} h on "
                                     f"{state.case_label.split(' · ')[0]}.")
            self.entry_recorded.emit(result[1])

        assert self._db is not None
        self._db.write(time_entries.add_time_entry, actor_staff_id=self._actor(),
                       on_done=if_alive(self, done), on_error=if_alive(self, self._show_error),
                       **answer.as_kwargs())

    def discard(self) -> None:
        state = self.state
        if state is None:
            return
        number = state.case_label.split(" · ")[0]
        if not confirm(self, "Discard timer", f"Discard {clock_text(self.elapsed())} timed "
                       f"on {number}?", "The time is not recorded anywhere.", "Discard"):
            return
        self._store(None)
        self.status_message.emit(f"Discarded the timer of {number}.")

    def _open_case(self) -> None:
        if self.state is not None:
            self.open_case_requested.emit(self.state.case_id)

    def _show_error(self, error: JobError) -> None:
        self.status_message.emit(error.message)
        show_error(self, error.message, error.details)

    # -- display -----------------------------------------------------------------------------
    def _show_time(self) -> None:
        seconds = self.elapsed()
        self.time_label.setText(clock_text(seconds))
        self.stop_action.setToolTip(f"Stop and record {hours_for(seconds):.1f} h: "
                                    f"{ROUNDING_RULE}")

    def _update(self) -> None:
        state = self.state
        has = state is not None
        self.start_action.setEnabled(not has and self._current is not None)
        self.start_action.setToolTip(
            f"Time the work on {self._current[1].split(' · ')[0]}" if self._current and not has
            else "A timer is already kept: stop or discard it first" if has
            else "Select a case to time")
        self.pause_action.setEnabled(has)
        self.stop_action.setEnabled(has)
        self.discard_action.setEnabled(has)
        self.start_button.setVisible(not has)
        for widget in (self.case_button, self.time_label, self.pause_button, self.stop_button):
            widget.setVisible(has)
        if state is None:
            self._tick.stop()
            self.time_label.clear()
            return
        paused = not state.running
        self.pause_action.setText("Resume timer" if paused else "Pause timer")
        self.pause_action.setIconText("Resume" if paused else "Pause")
        self.case_button.setText(state.case_label.split(" · ")[0] + (" (paused)" if paused
                                                                     else ""))
        self.case_button.setToolTip(f"Timing {state.case_label}; click to show the case")
        self._show_time()
        if state.running:
            self._tick.start()
        else:
            self._tick.stop()

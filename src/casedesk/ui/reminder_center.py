"""Reminders and overdue deadlines on screen: the reminders window and the overdue banner.

The database is the source of truth (services/reminders.py): at start-up and every minute the
signed-in person's due reminders are read; anything new raises the (non-modal) reminders
window, and a tray notification where the platform has a tray. Reminders that fired while
casedesk was closed are marked "Missed". Overdue deadlines get a red banner above every pane
that stays until each one is done, vacated or moved; it also counts overdue document requests.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSystemTrayIcon,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.changes import Changes
from casedesk.domain.enums import label
from casedesk.domain.rows import EventRow
from casedesk.ui import format as fmt
from casedesk.ui import settings as keys
from casedesk.ui.db import Database, JobError
from casedesk.ui.icons import safe_icon
from casedesk.ui.lookups import Lookups
from casedesk.ui.settings import ColumnWidths, Settings, WindowLayout

if TYPE_CHECKING:  # the services load SQLAlchemy: imported when first used, after first paint
    from casedesk.services.reminders import DueReminder

CHECK_EVERY_MS = 60_000
WHAT_COLUMN = 2  # of the reminders list: takes the spare width


def utcnow() -> datetime:
    """Now, aware UTC (domain.types has it too, but loads SQLAlchemy before the first paint)."""
    return datetime.now(UTC)
SNOOZES: tuple[tuple[str, timedelta | None], ...] = (
    ("15 minutes", timedelta(minutes=15)), ("1 hour", timedelta(hours=1)),
    ("4 hours", timedelta(hours=4)), ("Tomorrow morning (8:00)", None))


def offset_text(minutes: int) -> str:
    """'1 day before', '2 hours before', 'at the start'."""
    if minutes == 0:
        return "at the start"
    for unit, size in (("week", 10080), ("day", 1440), ("hour", 60)):
        if minutes % size == 0:
            n = minutes // size
            return f"{n} {unit}{'s' if n != 1 else ''} before"
    return f"{minutes} minutes before"


def when_text(reminder: DueReminder) -> str:
    if reminder.all_day or reminder.starts_at is None:
        return f"{fmt.day(reminder.on_date)} (all day)"
    return fmt.moment(reminder.starts_at)


def tomorrow_morning(now: datetime) -> datetime:
    local = now.astimezone()
    return datetime.combine(local.date() + timedelta(days=1), datetime.min.time(),
                            local.tzinfo).replace(hour=8)


class RemindersDialog(QDialog):
    """The list of due and missed reminders, with acknowledge and snooze; with `settings` it
    opens at the size and column layout it was closed with."""

    acknowledge_requested = Signal(list)  # event ids
    snooze_requested = Signal(list, object)  # event ids, aware datetime
    open_requested = Signal(object)  # event id

    def __init__(self, parent: QWidget | None = None, *,
                 settings: Settings | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Reminders")
        self.setModal(False)
        self.resize(720, 360)
        self.started_at = utcnow()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Due reminders")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setHeaderLabels(["", "When", "What", "Case", "Reminder"])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(WHAT_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.columns = ColumnWidths(header)
        self.tree.itemDoubleClicked.connect(lambda item, _c: self.open_requested.emit(
            item.data(0, Qt.ItemDataRole.UserRole)))
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.ack_button = QPushButton(safe_icon("check"), "&Acknowledge")
        self.ack_button.setToolTip("Stop reminding me of the selected items")
        self.ack_button.clicked.connect(
            lambda: self.acknowledge_requested.emit(self.selected_ids()))
        self.ack_all_button = QPushButton("Acknowledge a&ll")
        self.ack_all_button.clicked.connect(
            lambda: self.acknowledge_requested.emit(self.all_ids()))
        self.snooze_button = QPushButton(safe_icon("clock"), "&Snooze")
        menu = QMenu(self.snooze_button)
        for text, delta in SNOOZES:
            menu.addAction(text, lambda d=delta: self._snooze(d))
        self.snooze_button.setMenu(menu)
        self.open_button = QPushButton(safe_icon("calendar"), "&Open in calendar")
        self.open_button.clicked.connect(self._open_current)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.hide)
        row = QHBoxLayout()
        for button in (self.ack_button, self.ack_all_button, self.snooze_button,
                       self.open_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        self.reminders: list[DueReminder] = []
        self._update_buttons()
        self._fit_columns()
        self.layout_memory = WindowLayout(self, settings, geometry=keys.REMINDERS_GEOMETRY,
                                          columns=[(keys.REMINDERS_HEADER, self.columns)])
        header.setSectionResizeMode(  # also after an older layout
            WHAT_COLUMN, QHeaderView.ResizeMode.Stretch)

    def save_state(self) -> None:
        """Remember the size and columns (also done on every close)."""
        self.layout_memory.save()

    def _fit_columns(self) -> None:
        """The short columns fit their text until the person sizes or moves one."""
        if not self.columns.by_hand:
            for column in range(self.tree.columnCount()):
                if column != WHAT_COLUMN:
                    self.tree.resizeColumnToContents(column)

    def show_reminders(self, items: list[DueReminder]) -> None:
        keep = set(self.selected_ids())
        self.reminders = items
        self.tree.clear()
        missed = 0
        for reminder in items:
            is_missed = reminder.missed(self.started_at)
            missed += is_missed
            what = f"{label(reminder.kind)}: {reminder.title}"
            if reminder.location:
                what += f" — {reminder.location}"
            item = QTreeWidgetItem(["", when_text(reminder), what, reminder.case_number or
                                    "Firm-wide", ("Missed, " if is_missed else "") +
                                    offset_text(reminder.minutes_before)])
            item.setIcon(0, safe_icon("alert-triangle" if is_missed else "clock"))
            item.setData(0, Qt.ItemDataRole.UserRole, reminder.event_id)
            item.setToolTip(2, what)
            self.tree.addTopLevelItem(item)
            item.setSelected(reminder.event_id in keep)
        count = len(items)
        text = f"{count} reminder{'s' if count != 1 else ''} due"
        if missed:
            text += f", {missed} missed while casedesk was closed"
        self.intro.setText(text + "." if count else "Nothing to remind you of right now.")
        self._fit_columns()
        self._update_buttons()

    def selected_ids(self) -> list[uuid.UUID]:
        return [item.data(0, Qt.ItemDataRole.UserRole) for item in self.tree.selectedItems()]

    def all_ids(self) -> list[uuid.UUID]:
        return [r.event_id for r in self.reminders]

    def _snooze(self, delta: timedelta | None) -> None:
        now = utcnow()
        until = now + delta if delta is not None else tomorrow_morning(now)
        self.snooze_requested.emit(self.selected_ids() or self.all_ids(), until)

    def _open_current(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.open_requested.emit(ids[0])

    def _update_buttons(self) -> None:
        has_any = bool(self.reminders)
        chosen = bool(self.tree.selectedItems())
        self.ack_button.setEnabled(chosen)
        self.open_button.setEnabled(chosen)
        self.ack_all_button.setEnabled(has_any)
        self.snooze_button.setEnabled(has_any)


class _ElidingLabel(QLabel):
    """One line that ends in "…" when the window is too narrow; the whole text stays in
    text() and in the tooltip, and the label never forces the window wider."""

    def setText(self, text: str) -> None:  # type: ignore[override]
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                              rect.width())
        self.style().drawItemText(painter, rect, int(self.alignment()), self.palette(),
                                  self.isEnabled(), shown, QPalette.ColorRole.WindowText)


class OverdueBanner(QFrame):
    """A red strip above the panes while any deadline is overdue."""

    show_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overdue_banner")
        self.setAccessibleName("Overdue deadlines")
        self.setAutoFillBackground(True)
        self.setStyleSheet("#overdue_banner { background: #b3261e; }"
                           "#overdue_banner QLabel { color: white; font-weight: 600; }"
                           "#overdue_banner QPushButton { color: #b3261e; background: white;"
                           " border: none; border-radius: 4px; padding: 3px 12px; }")
        self.icon = QLabel()
        self.icon.setPixmap(safe_icon("alert-triangle").pixmap(18, 18))
        self.text = _ElidingLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.button = QPushButton("Review overdue")
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.button.clicked.connect(self.show_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.icon)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self.setVisible(False)

    def show_overdue(self, rows: list[EventRow], today: date,
                     requests: Sequence[Any] = ()) -> None:
        """Overdue deadlines first; overdue document requests (DueRequestRow) after them."""
        if not rows and not requests:
            self.setVisible(False)
            return
        texts: list[str] = []
        if rows:
            first = rows[0]
            days = (today - first.day).days
            what = f"{first.case_number} {first.title}".strip()
            more = f" and {len(rows) - 1} more" if len(rows) > 1 else ""
            noun = "deadline is" if len(rows) == 1 else "deadlines are"
            texts.append(f"{len(rows)} {noun} overdue: {what} (due {fmt.day(first.day)}, "
                         f"{days} day{'s' if days != 1 else ''} ago){more}.")
        if requests and rows:
            texts.append(f"Also {len(requests)} document request"
                         f"{'s' if len(requests) != 1 else ''} to clients overdue.")
        elif requests:
            first_request = requests[0]
            days = first_request.days_overdue
            more = f" and {len(requests) - 1} more" if len(requests) > 1 else ""
            noun = "document request to a client is" if len(requests) == 1 else \
                "document requests to clients are"
            texts.append(f"{len(requests)} {noun} overdue: {first_request.case_number} "
                         f"{first_request.item} (due {fmt.day(first_request.due_on)}, "
                         f"{days} day{'s' if days != 1 else ''} ago){more}.")
        self.text.setText(" ".join(texts))
        self.setVisible(True)


def _overdue(reader: Any, today: date) -> tuple[list[EventRow], list[Any]]:
    """Overdue deadlines, and overdue document requests (DueRequestRow)."""
    from casedesk.services import document_request_list, event_list

    return (event_list.overdue_deadlines(reader, today, limit=100),
            document_request_list.overdue_requests(reader, today, limit=100))


def _due(reader: Any, *, staff_id: uuid.UUID | None, now: datetime) -> list[DueReminder]:
    from casedesk.services import reminders

    return reminders.due_reminders(reader, staff_id=staff_id, now=now)


class ReminderCenter(QObject):
    """Polls the database for due reminders and overdue deadlines and shows them."""

    open_event_requested = Signal(object)
    show_overdue_requested = Signal()

    def __init__(self, db: Database, lookups: Lookups, window: QWidget,
                 banner: OverdueBanner, *, settings: Settings | None = None) -> None:
        super().__init__(window)
        self.db = db
        self.lookups = lookups
        self.window = window
        self.banner = banner
        self.dialog = RemindersDialog(window, settings=settings)
        self._notified: set[tuple[uuid.UUID, datetime]] = set()
        self._tray: QSystemTrayIcon | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.dialog.acknowledge_requested.connect(self.acknowledge)
        self.dialog.snooze_requested.connect(self.snooze)
        self.dialog.open_requested.connect(self.open_event_requested)
        banner.show_requested.connect(self.show_overdue_requested)
        db.changed.connect(self._on_changed)
        lookups.updated.connect(self.check)

    def start(self) -> None:
        self.timer.start()
        self.check()
        self.check_overdue()

    def check(self) -> None:
        self.db.plain(_due, staff_id=self.lookups.current_staff_id,
                      now=utcnow(), on_done=self._on_due, on_error=self._on_error)

    def check_overdue(self) -> None:
        self.db.plain(_overdue, date.today(), on_done=self._on_overdue,
                      on_error=self._on_error)

    def _on_error(self, _error: JobError) -> None:
        """A failed poll is tried again on the next tick (the database may be busy)."""

    def _on_due(self, items: list[DueReminder]) -> None:
        self.dialog.show_reminders(items)
        fresh = [r for r in items if (r.event_id, r.remind_at) not in self._notified]
        self._notified.update((r.event_id, r.remind_at) for r in items)
        if not fresh:
            if not items:
                self.dialog.hide()
            return
        self.dialog.show()
        self.dialog.raise_()
        self._notify(fresh)

    def _notify(self, fresh: list[DueReminder]) -> None:
        """Best effort: a tray balloon where the desktop has a tray."""
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        if self._tray is None:
            self._tray = QSystemTrayIcon(self.window.windowIcon(), self)
            self._tray.setToolTip("casedesk reminders")
            self._tray.messageClicked.connect(self.dialog.show)
            self._tray.show()
        first = fresh[0]
        more = f" (+{len(fresh) - 1} more)" if len(fresh) > 1 else ""
        self._tray.showMessage("casedesk reminder",
                               f"{first.case_number} {first.title}: {when_text(first)}{more}",
                               QSystemTrayIcon.MessageIcon.Information, 10_000)

    def _on_overdue(self, result: tuple[list[EventRow], list[Any]]) -> None:
        rows, requests = result
        self.banner.show_overdue(rows, date.today(), requests)

    def _on_changed(self, changes: Changes) -> None:
        if changes.events or changes.reminders or changes.cases:
            self.check()
            self.check_overdue()
        elif changes.document_requests:
            self.check_overdue()

    def acknowledge(self, event_ids: list[uuid.UUID]) -> None:
        staff_id = self.lookups.current_staff_id
        now = utcnow()

        def ack_all(session: Any) -> Changes:
            from casedesk.services import reminders

            for event_id in event_ids:
                reminders.acknowledge(session, event_id=event_id, staff_id=staff_id, now=now)
            return Changes(reminders=True)

        if event_ids:
            self.db.write(ack_all)

    def snooze(self, event_ids: list[uuid.UUID], until: datetime) -> None:
        staff_id = self.lookups.current_staff_id
        now = utcnow()

        def snooze_all(session: Any) -> Changes:
            from casedesk.services import reminders

            for event_id in event_ids:
                reminders.snooze(session, event_id=event_id, staff_id=staff_id, until=until,
                                 now=now)
            return Changes(reminders=True)

        if event_ids:
            self.db.write(snooze_all)

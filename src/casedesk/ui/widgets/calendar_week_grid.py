"""The week view: seven day columns on a time grid (this computer's clock, see
calendar_week_canvas.py) under a strip with each day's name, its all-day things (deadlines)
and the tasks due. Drag an all-day chip to another day to move it; double-click the strip of a
day for a new all-day event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QLocale, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QFrame, QScrollArea, QToolTip, QVBoxLayout, QWidget

from casedesk.domain.rows import EventRow
from casedesk.ui.widgets import calendar_style as cs
from casedesk.ui.widgets.calendar_base import CalendarGridBase, tooltip_for, week_start
from casedesk.ui.widgets.calendar_paint import (
    chip_text,
    paint_badge,
    paint_entry,
    paint_tasks,
    task_text,
)
from casedesk.ui.widgets.calendar_week_canvas import TimeCanvas

MAX_ALL_DAY_LINES = 3
FIRST_HOUR_SHOWN = 7


@dataclass(frozen=True, slots=True)
class _Chip:
    rect: QRect
    row: EventRow
    day: date


class WeekGrid(CalendarGridBase):
    """A week of days on a time grid, all-day things on top."""

    event_rescheduled = Signal(object, object)  # EventRow, new start (aware, this computer)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Week")
        self.setMinimumSize(520, 320)
        self._small = QFont(self.font())
        self._small.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.9))
        self._all_day: list[_Chip] = []
        self._more: dict[date, int] = {}
        self._scrolled_week: date | None = None
        self.canvas = TimeCanvas(self)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.canvas)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, self.header_height(), 0, 0)
        layout.addWidget(self.scroll_area)
        self._clock = QTimer(self)
        self._clock.setInterval(60_000)  # the "now" line moves on
        self._clock.timeout.connect(self.canvas.update)
        self._clock.start()

    def sizeHint(self) -> QSize:
        return QSize(820, 600)

    # -- geometry ----------------------------------------------------------------------------
    def visible_range(self) -> tuple[date, date]:
        start = week_start(self._selected, self.first_weekday)
        return start, start + timedelta(days=6)

    def page_step(self, day: date, forward: bool) -> date:
        return day + timedelta(days=7 if forward else -7)

    def gutter(self) -> int:
        return self.fontMetrics().horizontalAdvance("00:00") + 14

    def column_x(self, index: int, width: int) -> tuple[int, int]:
        gutter = self.gutter()
        step = (width - gutter) / 7
        left = round(gutter + index * step)
        return left, round(gutter + (index + 1) * step) - left

    def _line(self) -> int:
        return QFontMetrics(self._small).height() + 4

    def _name_height(self) -> int:
        return self.fontMetrics().height() + 10

    def _all_day_lines(self) -> int:
        start = self.visible_range()[0]
        most = 0
        for offset in range(7):
            day = start + timedelta(days=offset)
            count = sum(1 for r in self._days.get(day, []) if r.all_day)
            most = max(most, count + (1 if self._tasks.get(day) else 0))
        return min(most, MAX_ALL_DAY_LINES + 1)

    def header_height(self) -> int:
        return self._name_height() + max(1, self._all_day_lines()) * self._line() + 4

    def block_rect(self, event_id: object) -> QRect | None:
        """Where an event is painted: canvas coordinates for timed, the grid's for all-day."""
        for block in self.canvas.blocks:
            if block.row.id == event_id:
                return block.rect
        return next((c.rect for c in self._all_day if c.row.id == event_id), None)

    def data_changed(self) -> None:
        self._layout()
        start = self.visible_range()[0]
        if self._scrolled_week != start:  # a new week opens at the working day (or earlier)
            self._scrolled_week = start
            hours = [cs.local_time(r.starts_at).hour for r in self._events
                     if not r.all_day and r.starts_at is not None]
            first = min([FIRST_HOUR_SHOWN, *hours])
            QTimer.singleShot(0, lambda: self.scroll_area.verticalScrollBar().setValue(
                max(0, first * self.canvas.hour_height - 4)))

    def selection_moved(self) -> None:
        self._layout()
        self.canvas.update()

    def set_selected_event(self, event_id: object, *, notify: bool = True) -> None:
        super().set_selected_event(event_id, notify=notify)  # type: ignore[arg-type]
        self.canvas.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout()

    def _layout(self) -> None:
        layout = self.layout()
        if layout is not None and layout.contentsMargins().top() != self.header_height():
            layout.setContentsMargins(0, self.header_height(), 0, 0)
        start = self.visible_range()[0]
        self._all_day, self._more = [], {}
        line = self._line()
        for index in range(7):
            day = start + timedelta(days=index)
            left, width = self.column_x(index, self.width())
            all_day = [r for r in self._days.get(day, []) if r.all_day]
            slot = 1 if self._tasks.get(day) else 0
            room = MAX_ALL_DAY_LINES + 1 - slot
            shown = all_day if len(all_day) <= room else all_day[:room - 1]
            for i, row in enumerate(shown):
                rect = QRect(left + 2, self._name_height() + (slot + i) * line, width - 4,
                             line - 2)
                self._all_day.append(_Chip(rect, row, day))
            if len(shown) < len(all_day):
                self._more[day] = len(all_day) - len(shown)
        self.canvas.layout_blocks(self._events)
        self.canvas.update()

    # -- painting the strip --------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        height = self.header_height()
        painter.fillRect(0, 0, self.width(), height, palette.color(QPalette.ColorRole.Window))
        start = self.visible_range()[0]
        locale = QLocale()
        for index in range(7):
            day = start + timedelta(days=index)
            left, width = self.column_x(index, self.width())
            if day == self._selected:
                painter.fillRect(QRect(left, 0, width, height),
                                 cs.mix(palette.color(QPalette.ColorRole.Highlight),
                                        palette.color(QPalette.ColorRole.Window), 0.16))
            name = (f"{locale.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)} "
                    f"{day.day} {locale.monthName(day.month, QLocale.FormatType.ShortFormat)}")
            metrics = self.fontMetrics()
            text_width = min(width - 6, metrics.horizontalAdvance(name) + 14)
            paint_badge(painter, palette, QRect(left + (width - text_width) // 2, 3, text_width,
                                                self._name_height() - 6), name, self.font(),
                        today=day == self._today)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
            painter.drawLine(left, 0, left, height)
            if (tasks := self._tasks.get(day)):
                paint_tasks(painter, palette, QRect(left + 6, self._name_height(), width - 8,
                                                    self._line() - 2),
                            self._small, tasks, day, self._today)
            if (more := self._more.get(day)):
                painter.setFont(self._small)
                painter.setPen(palette.color(QPalette.ColorRole.Link))
                painter.drawText(QRect(left + 6, self._name_height() + MAX_ALL_DAY_LINES
                                       * self._line(), width - 8, self._line() - 2),
                                 int(Qt.AlignmentFlag.AlignVCenter), f"+{more} more")
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.drawLine(0, height - 1, self.width(), height - 1)
        for chip in self._all_day:
            paint_entry(painter, palette, chip.rect, chip.row, self._today, self._small,
                        [chip_text(chip.row, self._today)],
                        selected=chip.row.id == self._selected_event)
        if self.hasFocus():
            left, width = self.column_x((self._selected - start).days, self.width())
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
            painter.drawRect(QRect(left + 1, 1, width - 2, self._name_height() - 2))
        self._paint_drop(painter, palette)
        painter.end()

    def _paint_drop(self, painter: QPainter, palette: QPalette) -> None:
        if not self._dragging or self._drop_day is None:
            return
        index = (self._drop_day - self.visible_range()[0]).days
        left, width = self.column_x(index, self.width())
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DashLine))
        painter.drawRect(QRect(left + 2, 2, width - 5, self.header_height() - 5))

    # -- mouse on the strip ---------------------------------------------------------------------
    def _header_day(self, pos: QPoint) -> date | None:
        if pos.y() >= self.header_height():
            return None
        start = self.visible_range()[0]
        for index in range(7):
            left, width = self.column_x(index, self.width())
            if left <= pos.x() < left + width:
                return start + timedelta(days=index)
        return None

    def _chip_at(self, pos: QPoint) -> _Chip | None:
        return next((c for c in self._all_day if c.rect.contains(pos)), None)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        day = self._header_day(pos)
        if day is None or event.button() not in (Qt.MouseButton.LeftButton,
                                                 Qt.MouseButton.RightButton):
            super().mousePressEvent(event)
            return
        self.set_selected_day(day)
        chip = self._chip_at(pos)
        self.set_selected_event(chip.row.id if chip else None)
        if chip is not None and event.button() == Qt.MouseButton.LeftButton:
            self.start_press(chip.row, chip.day, pos)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton \
                and self.drag_distance_reached(pos):
            self._drop_day = self._header_day(QPoint(pos.x(), 1))
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            self.update()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._dragging:
            self.finish_day_drop(self._header_day(QPoint(event.position().toPoint().x(), 1)))
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        chip = self._chip_at(pos)
        if chip is not None:
            self.open_requested.emit(chip.row)
        elif (day := self._header_day(pos)) is not None:
            self.new_requested.emit(day)
        event.accept()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            chip = self._chip_at(event.pos())
            day = self._header_day(event.pos())
            if chip is not None:
                QToolTip.showText(event.globalPos(), tooltip_for(chip.row, self._today), self)
            elif day is not None:
                words = ("Today · " if day == self._today else "") + self.accessible_day(day)
                if (tasks := self._tasks.get(day)):
                    words += " · " + task_text(tasks, day, self._today, long=True)
                QToolTip.showText(event.globalPos(), words, self)
            return True
        return super().event(event)

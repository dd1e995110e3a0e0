"""The scrolling part of the week view: 24 hour rows on this computer's clock and the week's
timed events as blocks (overlapping ones side by side). Drag a block to another day or time
(15-minute steps) to reschedule it; double-click an empty slot for a new event there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QToolTip, QWidget

from casedesk.domain.rows import EventRow
from casedesk.ui.widgets import calendar_style as cs
from casedesk.ui.widgets.calendar_base import tooltip_for
from casedesk.ui.widgets.calendar_paint import block_lines, lanes, paint_entry

if TYPE_CHECKING:
    from casedesk.ui.widgets.calendar_week_grid import WeekGrid

SNAP_MINUTES = 15


@dataclass(frozen=True, slots=True)
class Block:
    rect: QRect
    row: EventRow
    day: date


def local_midnight(day: date) -> datetime:
    """The start of `day` on this computer's clock (aware, DST-correct)."""
    return datetime.combine(day, time(0)).astimezone()


class TimeCanvas(QWidget):
    """Hour lines and timed blocks for the grid's week; reports to the grid's signals."""

    def __init__(self, grid: WeekGrid) -> None:
        super().__init__()
        self._grid = grid
        self.blocks: list[Block] = []
        self._press_slot: datetime | None = None
        self._ghost: QRect | None = None
        self.ghost_start: datetime | None = None
        self.hour_height = max(36, self.fontMetrics().height() * 2 + 8)
        self.setMinimumHeight(24 * self.hour_height)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)  # the grid's menu
        self.small = QFont(self.font())
        self.small.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.9))

    # -- geometry ----------------------------------------------------------------------------
    def y_of(self, moment: time) -> int:
        return round((moment.hour + moment.minute / 60) * self.hour_height)

    def slot_at(self, pos: QPoint) -> datetime | None:
        """The local moment under a point, snapped to SNAP_MINUTES."""
        start = self._grid.visible_range()[0]
        for index in range(7):
            left, width = self._grid.column_x(index, self.width())
            if left <= pos.x() < left + width:
                steps = round(pos.y() / self.hour_height * 60 / SNAP_MINUTES)
                minutes = max(0, min(24 * 60 - SNAP_MINUTES, steps * SNAP_MINUTES))
                return (datetime.combine(start + timedelta(days=index), time(0))
                        + timedelta(minutes=minutes)).astimezone()
        return None

    def block_at(self, pos: QPoint) -> Block | None:
        return next((b for b in reversed(self.blocks) if b.rect.contains(pos)), None)

    def layout_blocks(self, events: list[EventRow]) -> None:
        """Place the week's timed events, split at local midnights."""
        self.blocks = []
        start = self._grid.visible_range()[0]
        line = QFontMetrics(self.small).height() + 4
        for index in range(7):
            day = start + timedelta(days=index)
            day_start, day_end = local_midnight(day), local_midnight(day + timedelta(days=1))
            segments = []
            for row in events:
                if row.all_day or row.starts_at is None:
                    continue
                begin = cs.local_time(row.starts_at)
                end = max(cs.local_time(row.ends_at or row.starts_at),
                          begin + timedelta(minutes=SNAP_MINUTES))
                if begin < day_end and end > day_start:
                    segments.append((max(begin, day_start), min(end, day_end), row))
            left, width = self._grid.column_x(index, self.width())
            for begin, end, row, lane, count in lanes(segments):
                top = self.y_of(begin.time())
                bottom = 24 * self.hour_height if end >= day_end else self.y_of(end.time())
                lane_width = (width - 4) / count
                self.blocks.append(Block(QRect(round(left + 2 + lane * lane_width), top + 1,
                                               max(8, round(lane_width) - 2),
                                               max(line, bottom - top - 2)), row, day))

    # -- painting ----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        clip = event.rect()
        palette = self.palette()
        grid = self._grid
        start = grid.visible_range()[0]
        mid = QPen(palette.color(QPalette.ColorRole.Mid), 1)
        for index in range(7):
            left, width = grid.column_x(index, self.width())
            if start + timedelta(days=index) == grid.selected_day():
                painter.fillRect(QRect(left, clip.top(), width, clip.height()),
                                 cs.mix(palette.color(QPalette.ColorRole.Highlight),
                                        palette.color(QPalette.ColorRole.Base), 0.08))
            painter.setPen(mid)
            painter.drawLine(left, clip.top(), left, clip.bottom())
        painter.setFont(self.small)
        gutter = grid.gutter()
        label_height = QFontMetrics(self.small).height() + 2
        for hour in range(24):
            y = hour * self.hour_height
            if y + self.hour_height < clip.top() or y > clip.bottom():
                continue
            painter.setPen(mid)
            painter.drawLine(gutter - 4, y, self.width(), y)
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(QRect(0, y + 1, gutter - 8, label_height),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
                             f"{hour:02d}:00")
        selected = grid.selected_event()
        for block in self.blocks:
            if block.rect.intersects(clip):
                paint_entry(painter, palette, block.rect, block.row, grid.today, self.small,
                            block_lines(block.row),
                            selected=selected is not None and block.row.id == selected.id)
        self._paint_now(painter, palette)
        if self._ghost is not None and self.ghost_start is not None:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2,
                                Qt.PenStyle.DashLine))
            painter.drawRect(self._ghost)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.drawText(self._ghost.adjusted(6, 2, -2, 0),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                             f"Move to {self.ghost_start:%a %H:%M}")
        painter.end()

    def _paint_now(self, painter: QPainter, palette: QPalette) -> None:
        now = datetime.now()
        start, end = self._grid.visible_range()
        if start <= now.date() <= end:
            left, width = self._grid.column_x((now.date() - start).days, self.width())
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
            y = self.y_of(now.time())
            painter.drawLine(left, y, left + width, y)

    # -- mouse -------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        grid = self._grid
        grid.setFocus(Qt.FocusReason.MouseFocusReason)
        pos = event.position().toPoint()
        slot = self.slot_at(pos)
        if slot is None or event.button() not in (Qt.MouseButton.LeftButton,
                                                  Qt.MouseButton.RightButton):
            return
        grid.set_selected_day(slot.date())
        block = self.block_at(pos)
        grid.set_selected_event(block.row.id if block else None)
        if block is not None and event.button() == Qt.MouseButton.LeftButton:
            grid.start_press(block.row, block.day, pos)
            self._press_slot = slot

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        grid = self._grid
        pos = event.position().toPoint()
        press = grid.pressed()
        if press is None or self._press_slot is None \
                or not event.buttons() & Qt.MouseButton.LeftButton \
                or not grid.drag_distance_reached(pos):
            return
        slot = self.slot_at(pos)
        row = press[0]
        if slot is None or row.starts_at is None:
            return
        moved = cs.local_time(row.starts_at) + (slot - self._press_slot)
        minutes = round((moved.hour * 60 + moved.minute) / SNAP_MINUTES) * SNAP_MINUTES
        self.ghost_start = local_midnight(moved.date()) + timedelta(minutes=minutes)
        index = (self.ghost_start.date() - grid.visible_range()[0]).days
        if 0 <= index < 7:
            left, width = grid.column_x(index, self.width())
            length = (row.ends_at or row.starts_at) - row.starts_at
            height = max(QFontMetrics(self.small).height() + 4,
                         round(length.total_seconds() / 3600 * self.hour_height))
            self._ghost = QRect(left + 2, self.y_of(self.ghost_start.time()), width - 5, height)
        self.setCursor(Qt.CursorShape.ClosedHandCursor)
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        grid = self._grid
        press, target, dragging = grid.pressed(), self.ghost_start, grid.dragging()
        self._press_slot = None
        self._ghost = None
        self.ghost_start = None
        self.unsetCursor()
        grid.cancel_drag()
        self.update()
        if press is None or not dragging or target is None:
            return
        row = press[0]
        if row.starts_at is not None and target != cs.local_time(row.starts_at):
            grid.event_rescheduled.emit(row, target)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        block = self.block_at(pos)
        if block is not None:
            self._grid.open_requested.emit(block.row)
        elif (slot := self.slot_at(pos)) is not None:
            self._grid.new_requested.emit(slot - timedelta(minutes=slot.minute % 30))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            block = self.block_at(event.pos())
            if block is not None:
                QToolTip.showText(event.globalPos(), tooltip_for(block.row, self._grid.today),
                                  self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

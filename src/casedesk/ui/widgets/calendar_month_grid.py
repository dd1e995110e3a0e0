"""The month view: six painted weeks, each day with its events as coloured one-line chips,
"+N more" when they do not fit, and a count of the tasks due. Today's number sits in a filled
circle; overdue deadlines carry a warning sign and read "overdue" on hover.

Click selects a day or an event, double-click opens an event (or starts a new one on an empty
day), and dragging a chip to another day reschedules it (keeping its time of day).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
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
from PySide6.QtWidgets import QToolTip, QWidget

from casedesk.domain.rows import EventRow
from casedesk.ui.widgets import calendar_style as cs
from casedesk.ui.widgets.calendar_base import CalendarGridBase, add_months, tooltip_for, week_start
from casedesk.ui.widgets.calendar_paint import (
    chip_text,
    paint_badge,
    paint_entry,
    paint_tasks,
    task_text,
)

WEEKS = 6


@dataclass(frozen=True, slots=True)
class _Chip:
    rect: QRect
    row: EventRow
    day: date


class MonthGrid(CalendarGridBase):
    """Six weeks around the selected day's month, painted in one pass."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Month")
        self.setMinimumSize(420, 320)
        self._chips: list[_Chip] = []
        self._more: dict[date, QRect] = {}
        self._small = QFont(self.font())
        self._small.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.9))

    def sizeHint(self) -> QSize:
        return QSize(760, 560)

    # -- geometry ----------------------------------------------------------------------------
    def month(self) -> tuple[int, int]:
        return self._selected.year, self._selected.month

    def visible_range(self) -> tuple[date, date]:
        first = self._selected.replace(day=1)
        start = week_start(first, self.first_weekday)
        return start, start + timedelta(days=WEEKS * 7 - 1)

    def page_step(self, day: date, forward: bool) -> date:
        return add_months(day, 1 if forward else -1)

    def _header_height(self) -> int:
        return self.fontMetrics().height() + 8

    def cell_rect(self, day: date) -> QRect:
        start, _end = self.visible_range()
        index = (day - start).days
        top = self._header_height()
        width, height = self.width() / 7, (self.height() - top) / WEEKS
        col, row = index % 7, index // 7
        return QRect(round(col * width), round(top + row * height),
                     round((col + 1) * width) - round(col * width),
                     round(top + (row + 1) * height) - round(top + row * height))

    def day_at(self, pos: QPoint) -> date | None:
        top = self._header_height()
        if pos.y() < top or not self.rect().contains(pos):
            return None
        col = min(6, int(pos.x() / (self.width() / 7)))
        row = min(WEEKS - 1, int((pos.y() - top) / ((self.height() - top) / WEEKS)))
        return self.visible_range()[0] + timedelta(days=row * 7 + col)

    def chip_at(self, pos: QPoint) -> _Chip | None:
        return next((c for c in self._chips if c.rect.contains(pos)), None)

    def chip_rect(self, event_id: object, day: date | None = None) -> QRect | None:
        """Where an event's chip is painted (on `day`, else its first visible day)."""
        for chip in self._chips:
            if chip.row.id == event_id and (day is None or chip.day == day):
                return chip.rect
        return None

    def data_changed(self) -> None:
        self._layout()

    def selection_moved(self) -> None:
        self._layout()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout()

    def _line_height(self) -> int:
        return QFontMetrics(self._small).height() + 4

    def _layout(self) -> None:
        """Where each chip and "+N more" goes (kept for painting and hit tests)."""
        self._chips = []
        self._more = {}
        line = self._line_height()
        start, end = self.visible_range()
        day = start
        while day <= end:
            cell = self.cell_rect(day)
            top = cell.top() + self.fontMetrics().height() + 6
            room = max(0, (cell.bottom() - 2 - top) // line)
            events = self._days.get(day, [])
            hidden = self.hidden_count(day, min(len(events), room))
            fits = room if not hidden else max(0, room - 1)
            for i, row in enumerate(events[:fits]):
                rect = QRect(cell.left() + 3, top + i * line, cell.width() - 6, line - 2)
                self._chips.append(_Chip(rect, row, day))
            hidden = self.hidden_count(day, min(len(events), fits))
            if hidden and room:
                self._more[day] = QRect(cell.left() + 4, top + fits * line, cell.width() - 8,
                                        line - 2)
            day += timedelta(days=1)

    # -- painting ----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        self._paint_header(painter, palette)
        start, end = self.visible_range()
        day = start
        while day <= end:
            if self.cell_rect(day).intersects(event.rect()):
                self._paint_cell(painter, palette, day)
            day += timedelta(days=1)
        painter.setFont(self._small)
        for chip in self._chips:
            if chip.rect.intersects(event.rect()):
                self._paint_chip(painter, palette, chip)
        self._paint_more(painter, palette)
        self._paint_drop(painter, palette)
        painter.end()

    def _paint_header(self, painter: QPainter, palette: QPalette) -> None:
        height = self._header_height()
        painter.fillRect(0, 0, self.width(), height, palette.color(QPalette.ColorRole.Window))
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        start = self.visible_range()[0]
        from PySide6.QtCore import QLocale

        for col in range(7):
            cell = self.cell_rect(start + timedelta(days=col))
            weekday = (start + timedelta(days=col)).isoweekday()
            name = QLocale().dayName(weekday, QLocale.FormatType.ShortFormat)
            painter.drawText(QRect(cell.left(), 0, cell.width(), height),
                             int(Qt.AlignmentFlag.AlignCenter), name)

    def _paint_cell(self, painter: QPainter, palette: QPalette, day: date) -> None:
        cell = self.cell_rect(day)
        base = palette.color(QPalette.ColorRole.Base)
        in_month = day.month == self._selected.month
        fill = base if in_month else palette.color(QPalette.ColorRole.AlternateBase)
        selected = day == self._selected
        if selected:
            fill = cs.mix(palette.color(QPalette.ColorRole.Highlight), base, 0.16)
        painter.fillRect(cell, fill)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.drawLine(cell.topLeft(), cell.topRight())
        painter.drawLine(cell.topRight(), cell.bottomRight())
        if selected:
            pen = QPen(palette.color(QPalette.ColorRole.Highlight), 2 if self.hasFocus() else 1)
            painter.setPen(pen)
            painter.drawRect(cell.adjusted(1, 1, -2, -2))
        # The day number (today's in a filled pill), then the tasks due on the right.
        line = self.fontMetrics().height() + 2
        badge = paint_badge(painter, palette, QRect(cell.left() + 3, cell.top() + 3,
                                                    cell.width() - 6, line),
                            str(day.day), self.font(), today=day == self._today,
                            muted=not in_month)
        tasks = self._tasks.get(day)
        if tasks:
            area = QRect(badge.right() + 4, cell.top() + 3, cell.right() - badge.right() - 8,
                         line)
            paint_tasks(painter, palette, area, self._small, tasks, day, self._today,
                        Qt.AlignmentFlag.AlignRight)

    def _paint_chip(self, painter: QPainter, palette: QPalette, chip: _Chip) -> None:
        paint_entry(painter, palette, chip.rect, chip.row, self._today, self._small,
                    [chip_text(chip.row, self._today)],
                    selected=chip.row.id == self._selected_event)

    def _paint_more(self, painter: QPainter, palette: QPalette) -> None:
        painter.setFont(self._small)
        painter.setPen(palette.color(QPalette.ColorRole.Link))
        for day, rect in self._more.items():
            shown = sum(1 for c in self._chips if c.day == day)
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                             f"+{self.hidden_count(day, shown)} more")

    def _paint_drop(self, painter: QPainter, palette: QPalette) -> None:
        if not self._dragging or self._drop_day is None or self._press is None:
            return
        cell = self.cell_rect(self._drop_day)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2,
                            Qt.PenStyle.DashLine))
        painter.drawRect(cell.adjusted(2, 2, -3, -3))
        painter.setFont(self._small)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        row = self._press[0]
        label = QRect(cell.left() + 6, cell.bottom() - self._line_height() - 2,
                      cell.width() - 12, self._line_height())
        painter.drawText(label, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         QFontMetrics(self._small).elidedText(
                             f"Move here: {row.title}", Qt.TextElideMode.ElideRight,
                             label.width()))

    # -- mouse -------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() not in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            super().mousePressEvent(event)
            return
        pos = event.position().toPoint()
        day = self.day_at(pos)
        chip = self.chip_at(pos)
        if day is not None:
            self.set_selected_day(day)
        if chip is not None:
            self.set_selected_event(chip.row.id)
            if event.button() == Qt.MouseButton.LeftButton:  # the right one opens the menu
                self.start_press(chip.row, chip.day, pos)
        elif day is not None:
            self.set_selected_event(None)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton \
                and self.drag_distance_reached(pos):
            self._drop_day = self.day_at(pos)
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            self.update()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._dragging:
            self.finish_day_drop(self.day_at(event.position().toPoint()))
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        chip = self.chip_at(pos)
        if chip is not None:
            self.open_requested.emit(chip.row)
        elif (day := self.day_at(pos)) is not None and not any(
                r.contains(pos) for r in self._more.values()):
            self.new_requested.emit(day)
        event.accept()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            pos = event.pos()
            chip = self.chip_at(pos)
            day = self.day_at(pos)
            if chip is not None:
                QToolTip.showText(event.globalPos(), tooltip_for(chip.row, self._today), self)
            elif day is not None:
                text = self.accessible_day(day)
                if (tasks := self._tasks.get(day)):
                    text += " · " + task_text(tasks, day, self._today, long=True)
                if day == self._today:
                    text = "Today · " + text
                if day in self._more and self._more[day].contains(pos):
                    text += "\nThe list beside the calendar shows them all"
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

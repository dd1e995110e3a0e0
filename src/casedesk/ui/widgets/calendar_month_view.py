"""The month grid of the Calendar pane: each day shows how many tasks fall due on it.

Days with open tasks are bold with a count ("3 due"); past days with open tasks read "2 overdue"
in the overdue colour (the word, not only the colour); today has a frame. Arrow keys move by
day and week, PgUp/PgDn by month (QCalendarWidget's own keys), T jumps to today.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QRect, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QKeySequence,
    QPainter,
    QPalette,
    QPen,
    QShortcut,
    QTextCharFormat,
)
from PySide6.QtWidgets import QCalendarWidget, QHeaderView, QMenu, QTableView, QToolButton, QWidget

from casedesk.ui import format as fmt
from casedesk.ui import style

DayCounts = dict[date, tuple[int, int]]  # day -> (open, done)


def day_summary(counts: tuple[int, int], day: date, today: date, *,
                compact: bool = False) -> str:
    """The words under a day number: "2 overdue", "3 due", "1 done" or "".

    `compact` (narrow cells) keeps a sign instead of the word: "⚠ 2", "• 3", "✓ 1".
    """
    open_count, done_count = counts
    if open_count and day < today:
        return f"⚠ {open_count}" if compact else f"{open_count} overdue"
    if open_count:
        return f"• {open_count}" if compact else f"{open_count} due"
    if done_count:
        return f"✓ {done_count}" if compact else f"{done_count} done"
    return ""


class TaskMonthCalendar(QCalendarWidget):
    """A QCalendarWidget that paints each day's task counts and marks today."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setHorizontalHeaderFormat(
            QCalendarWidget.HorizontalHeaderFormat.ShortDayNames)
        self.setGridVisible(True)
        self.setFirstDayOfWeek(self.locale().firstDayOfWeek())
        self.setAccessibleName("Month")
        self.setToolTip("Arrow keys: day and week · PgUp/PgDn: month · T: today")
        # Red belongs to overdue work here, so weekends read like any other day.
        plain = QTextCharFormat()
        for weekday in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.setWeekdayTextFormat(weekday, plain)
        self._grid = self.findChild(QTableView)
        if self._grid is not None:  # the day-name row need not be as tall as a week
            rows = self._grid.verticalHeader()
            rows.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
            rows.resizeSection(0, self.fontMetrics().height() + 10)
        self.month_menu: QMenu | None = None
        self._plain_month_button()
        self._counts: DayCounts = {}
        self._today = date.today()
        # (PySide6 6.11 ignores QShortcut(..., context=...): set the context explicitly, or T
        # would be live in the whole window.)
        self.today_shortcut = QShortcut(QKeySequence(Qt.Key.Key_T), self)
        self.today_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.today_shortcut.activated.connect(self.go_to_today)

    def _plain_month_button(self) -> None:
        """The month name without the menu arrow the style paints over its last letters.

        QCalendarWidget's month button carries a menu of months, and the style draws that
        menu's arrow inside the button's corner ("Novembe▾r"). The menu stays (a click on the
        month name still opens it, as a click on the year edits the year), but the button no
        longer owns it, so no arrow is drawn.
        """
        button = self.findChild(QToolButton, "qt_calendar_monthbutton")
        menu = button.menu() if button is not None else None
        if button is None or menu is None:
            return
        button.setMenu(None)  # type: ignore[arg-type]
        button.setToolTip("Choose a month")

        def pop_up() -> None:
            menu.popup(button.mapToGlobal(button.rect().bottomLeft()))

        button.clicked.connect(pop_up)
        self.month_menu = menu

    # -- what the grid shows ---------------------------------------------------------------
    def visible_range(self) -> tuple[date, date]:
        """The first and last day of the 6-week grid of the month shown."""
        first = date(self.yearShown(), self.monthShown(), 1)
        first_weekday = QDate(first.year, first.month, 1).dayOfWeek()  # 1 = Monday
        offset = (first_weekday - self.firstDayOfWeek().value) % 7
        start = first - timedelta(days=offset or 7)  # the grid always opens on the month before
        return start, start + timedelta(days=41)

    def go_to_today(self) -> None:
        self._today = date.today()
        self.setSelectedDate(fmt.to_qdate(self._today))

    def selected_day(self) -> date:
        return fmt.to_date(self.selectedDate())

    def counts(self) -> DayCounts:
        return dict(self._counts)

    def set_counts(self, counts: DayCounts, today: date) -> None:
        """New counts for the days shown: bold and overdue formats, then repaint."""
        self._counts = dict(counts)
        self._today = today
        self.setDateTextFormat(QDate(), QTextCharFormat())  # forget the old marks
        overdue = style.overdue_color()
        for day, (open_count, _done) in self._counts.items():
            if not open_count:
                continue
            text_format = QTextCharFormat()
            text_format.setFontWeight(QFont.Weight.Bold)
            if day < today:
                text_format.setForeground(QBrush(overdue))
            text_format.setToolTip(self._tooltip(day))
            self.setDateTextFormat(fmt.to_qdate(day), text_format)
        today_format = self.dateTextFormat(fmt.to_qdate(today))
        today_format.setFontWeight(QFont.Weight.Bold)
        today_format.setToolTip(f"Today · {self._tooltip(today)}".rstrip(" ·"))
        self.setDateTextFormat(fmt.to_qdate(today), today_format)
        self.updateCells()

    def _tooltip(self, day: date) -> str:
        open_count, done_count = self._counts.get(day, (0, 0))
        parts = []
        if open_count:
            state = "overdue" if day < self._today else "open"
            parts.append(f"{open_count} {state} task{'s' if open_count != 1 else ''}")
        if done_count:
            parts.append(f"{done_count} done")
        return ", ".join(parts)

    # -- painting --------------------------------------------------------------------------
    def paintCell(self, painter: QPainter, rect: QRect, qdate: QDate | object) -> None:
        super().paintCell(painter, rect, qdate)  # type: ignore[arg-type]
        if not isinstance(qdate, QDate) or not qdate.isValid():
            return
        day = fmt.to_date(qdate)
        selected = qdate == self.selectedDate()
        palette = self.palette()
        painter.save()
        if day == self._today:
            pen = QPen(palette.color(QPalette.ColorRole.Highlight))
            pen.setWidth(2)
            painter.setPen(pen)
            painter.drawRect(rect.adjusted(2, 2, -2, -2))
        counts = self._counts.get(day, (0, 0))
        summary = day_summary(counts, day, self._today)
        line = painter.fontMetrics().height()
        if summary and rect.height() >= 2.6 * line:
            font = painter.font()
            font.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
            painter.setFont(font)
            if painter.fontMetrics().horizontalAdvance(summary) > rect.width() - 6:
                summary = day_summary(counts, day, self._today, compact=True)
            open_count = counts[0]
            color: QColor
            if selected:
                color = palette.color(QPalette.ColorRole.HighlightedText)
            elif open_count and day < self._today:
                color = style.overdue_color()
            elif open_count:
                color = palette.color(QPalette.ColorRole.Text)
            else:
                color = style.done_color()
            painter.setPen(color)
            area = rect.adjusted(3, 0, -3, -4)
            painter.drawText(area, int(Qt.AlignmentFlag.AlignHCenter
                                       | Qt.AlignmentFlag.AlignBottom), summary)
        painter.restore()

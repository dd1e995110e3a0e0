"""Painting shared by the month and week grids: an event's chip or block (kind colour edge and
tint, state in words and signs), the day badge (today in a filled pill), the tasks-due line,
and side-by-side lanes for overlapping events."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QPen

from casedesk.domain.enums import EventStatus
from casedesk.domain.rows import EventRow
from casedesk.ui import style
from casedesk.ui.widgets import calendar_style as cs

Segment = tuple[datetime, datetime, EventRow]


def chip_text(row: EventRow, today: date) -> str:
    """One chip's words: a sign for the state, the start time, the title."""
    sign = "⚠ " if cs.is_overdue(row, today) else "✓ " if row.status is EventStatus.DONE else ""
    time = "" if row.all_day else f"{cs.start_text(row)} "
    return f"{sign}{time}{row.title}"


def task_text(counts: tuple[int, int], day: date, today: date, *, long: bool = False) -> str:
    """'⚠ 4 tasks' (overdue), '4 tasks' (due), '✓ 4 tasks' (done); `long` says it in words."""
    open_count, done_count = counts
    count = open_count or done_count
    noun = f"{count} task{'s' if count != 1 else ''}"
    if open_count and day < today:
        return f"{noun} overdue" if long else f"⚠ {noun}"
    if open_count:
        return f"{noun} due" if long else noun
    if done_count:
        return f"{noun} done" if long else f"✓ {noun}"
    return ""


def paint_tasks(painter: QPainter, palette: QPalette, rect: QRect, font: QFont,
                counts: tuple[int, int], day: date, today: date,
                align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> None:
    painter.save()
    painter.setFont(font)
    overdue = bool(counts[0]) and day < today
    painter.setPen(style.overdue_color() if overdue
                   else palette.color(QPalette.ColorRole.PlaceholderText))
    metrics = QFontMetrics(font)
    text = task_text(counts, day, today)
    if metrics.horizontalAdvance(text) > rect.width():  # '⚠ 14 tasks' -> '⚠ 14'
        text = text.rsplit(" ", 1)[0] if " " in text else text
    painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter),
                     metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width()))
    painter.restore()


def paint_badge(painter: QPainter, palette: QPalette, rect: QRect, text: str, font: QFont, *,
                today: bool, muted: bool = False) -> QRect:
    """A day's number or name at the left of `rect`; today's in a filled pill. Returns the
    rect used."""
    painter.save()
    bold = QFont(font)
    bold.setBold(today)
    metrics = QFontMetrics(bold)
    width = min(rect.width(), max(metrics.height() + 4, metrics.horizontalAdvance(text) + 10))
    badge = QRect(rect.left(), rect.top(), width, rect.height())
    color = palette.color(QPalette.ColorRole.PlaceholderText if muted
                          else QPalette.ColorRole.Text)
    if today:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
        painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
        color = palette.color(QPalette.ColorRole.HighlightedText)
    painter.setFont(bold)
    painter.setPen(color)
    painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter),
                     metrics.elidedText(text, Qt.TextElideMode.ElideRight, badge.width() - 4))
    painter.restore()
    return badge


def paint_entry(painter: QPainter, palette: QPalette, rect: QRect, row: EventRow, today: date,
                font: QFont, lines: list[str], *, selected: bool) -> None:
    """An event as a box: tinted in its kind's colour with a solid edge (muted when done or
    vacated, struck through when vacated or cancelled, red-framed when overdue)."""
    closed = not row.is_pending
    overdue = cs.is_overdue(row, today)
    painter.fillRect(rect, palette.color(QPalette.ColorRole.AlternateBase) if closed
                     else cs.chip_background(row.kind, palette))
    painter.fillRect(QRect(rect.left(), rect.top(), 3, rect.height()), cs.kind_color(row.kind))
    if overdue:
        painter.setPen(QPen(style.overdue_color(), 1))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
    if selected:
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
        painter.drawRect(rect.adjusted(1, 1, -1, -1))
    shown = QFont(font)
    shown.setStrikeOut(cs.is_struck(row))
    painter.setFont(shown)
    painter.setPen(style.overdue_color() if overdue else style.done_color() if closed
                   else palette.color(QPalette.ColorRole.Text))
    metrics = QFontMetrics(shown)
    area = rect.adjusted(6, 0, -2, 0)
    if len(lines) == 1:
        painter.drawText(area, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         metrics.elidedText(lines[0], Qt.TextElideMode.ElideRight, area.width()))
        return
    y = area.top() + 1
    for text in lines:
        if y + metrics.height() > area.bottom() + 2 and y != area.top() + 1:
            break
        painter.drawText(QRect(area.left(), y, area.width(), metrics.height()),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         metrics.elidedText(text, Qt.TextElideMode.ElideRight, area.width()))
        y += metrics.height()


def block_lines(row: EventRow) -> list[str]:
    """A week block's lines: the time (in the event's zone), the title, where, the case."""
    sign = "✓ " if row.status is EventStatus.DONE else ""
    return [f"{sign}{cs.time_text(row)}", row.title, *(x for x in (row.location, row.case_number)
                                                       if x)]


def lanes(segments: list[Segment]) -> list[tuple[datetime, datetime, EventRow, int, int]]:
    """Side-by-side lanes for overlapping events: (start, end, row, lane, lanes in cluster)."""
    placed: list[tuple[datetime, datetime, EventRow, int, int]] = []
    cluster: list[tuple[datetime, datetime, EventRow, int]] = []
    cluster_end: datetime | None = None

    def flush() -> None:
        width = max((lane for *_x, lane in cluster), default=-1) + 1
        placed.extend((s, e, r, lane, width) for s, e, r, lane in cluster)
        cluster.clear()

    for start, end, row in sorted(segments, key=lambda s: (s[0], s[0] - s[1])):
        if cluster_end is not None and start >= cluster_end:
            flush()
            cluster_end = None
        taken = {lane for _s, e, _r, lane in cluster if e > start}
        lane = next(i for i in range(len(cluster) + 1) if i not in taken)
        cluster.append((start, end, row, lane))
        cluster_end = end if cluster_end is None else max(cluster_end, end)
    flush()
    return placed

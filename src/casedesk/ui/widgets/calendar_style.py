"""How calendar entries read and look: kind colours (the legend), times in the event's own zone,
and the words that go with overdue, done and vacated (colour is never the only signal)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from casedesk.domain.enums import EventKind, EventStatus, label
from casedesk.domain.rows import EventRow, TaskRow
from casedesk.ui import format as fmt
from casedesk.ui import style

# Tableau's ten minus its red: red belongs to overdue work. Mid-lightness, so the same colour
# reads as a swatch or a chip's edge on a light and on a dark base.
KIND_COLORS: dict[EventKind, str] = {
    EventKind.HEARING: "#4e79a7",
    EventKind.TRIAL: "#b07aa1",
    EventKind.CONFERENCE: "#76b7b2",
    EventKind.DEPOSITION: "#ff9da7",
    EventKind.FILING_DEADLINE: "#f28e2b",
    EventKind.STATUTE_OF_LIMITATIONS: "#9c755f",
    EventKind.INTERNAL_DEADLINE: "#edc948",
    EventKind.MEETING: "#59a14f",
    EventKind.REMINDER: "#bab0ac",
}
TASK_LABEL = "Task"
CHIP_TINT = 0.28  # how much of the kind colour a chip's background takes


def kind_color(kind: EventKind) -> QColor:
    return QColor(KIND_COLORS[kind])


def kind_label(kind: EventKind) -> str:
    return label(kind)


def mix(front: QColor, back: QColor, amount: float) -> QColor:
    """`amount` of `front` over `back`."""
    return QColor(round(front.red() * amount + back.red() * (1 - amount)),
                  round(front.green() * amount + back.green() * (1 - amount)),
                  round(front.blue() * amount + back.blue() * (1 - amount)))


def chip_background(kind: EventKind, palette: QPalette) -> QColor:
    return mix(kind_color(kind), palette.color(QPalette.ColorRole.Base), CHIP_TINT)


@lru_cache(maxsize=32)
def _swatch(color: str, size: int, ratio: float) -> QIcon:
    side = max(1, round(size * ratio))
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(color).darker(130))
    painter.setBrush(QColor(color))
    inset = max(1, side // 6)
    painter.drawRoundedRect(QRect(inset, inset, side - 2 * inset, side - 2 * inset), 2, 2)
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Selected)  # the kind's colour, not the highlight's
    return icon


def kind_swatch(kind: EventKind, size: int = 16) -> QIcon:
    """A small square of the kind's colour (legend, kind column)."""
    app = QApplication.instance()
    ratio = app.devicePixelRatio() if isinstance(app, QApplication) else 1.0
    return _swatch(KIND_COLORS[kind], size, float(ratio))


# -- time ------------------------------------------------------------------------------------
def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def local_time(instant: datetime) -> datetime:
    """An aware instant on this computer's clock (what the week grid's rows are)."""
    return instant.astimezone()


def zoned(instant: datetime, zone_name: str) -> tuple[datetime, bool]:
    """The instant on the event's own clock, and whether that clock differs from this
    computer's at that moment (then the zone's abbreviation goes with the time)."""
    zone = _zone(zone_name)
    if zone is None:
        return instant.astimezone(), False
    there = instant.astimezone(zone)
    return there, there.utcoffset() != instant.astimezone().utcoffset()


def clock(instant: datetime, zone_name: str, *, with_zone: bool = True) -> str:
    """'09:30', or '09:30 CDT' when the event's zone is not this computer's."""
    there, other = zoned(instant, zone_name)
    text = f"{there:%H:%M}"
    return f"{text} {there:%Z}" if other and with_zone else text


def time_text(row: EventRow) -> str:
    """'All day', '09:30 CDT' or '09:30–11:00 CDT' (the event's own zone)."""
    if row.all_day or row.starts_at is None:
        return "All day"
    start, other = zoned(row.starts_at, row.time_zone)
    if row.ends_at is None or row.ends_at == row.starts_at:
        return clock(row.starts_at, row.time_zone)
    end, _ = zoned(row.ends_at, row.time_zone)
    span = f"{start:%H:%M}–{end:%H:%M}"
    if end.date() != start.date():
        span = f"{start:%H:%M} – {fmt.day(end.date())} {end:%H:%M}"
    return f"{span} {start:%Z}" if other else span


def start_text(row: EventRow) -> str:
    """Just the start ('09:30' / 'All day'), for chips where room is short."""
    if row.all_day or row.starts_at is None:
        return "All day"
    return clock(row.starts_at, row.time_zone, with_zone=False)


def when_text(row: EventRow) -> str:
    """'Fri 6 Nov 2026, 09:30–10:30 CST' or 'Fri 6 Nov 2026 (all day)'."""
    if row.all_day or row.starts_at is None:
        return f"{fmt.day(row.day)} (all day)"
    return f"{fmt.day(row.day)}, {time_text(row)}"


def your_time_text(row: EventRow) -> str:
    """'10:30 your time' when the event's clock differs from this computer's, else ''."""
    if row.all_day or row.starts_at is None:
        return ""
    _there, other = zoned(row.starts_at, row.time_zone)
    return f"{local_time(row.starts_at):%H:%M} your time" if other else ""


# -- state -----------------------------------------------------------------------------------
def is_overdue(entry: EventRow | TaskRow, today: date) -> bool:
    """A pending deadline or open task whose day has passed."""
    if isinstance(entry, TaskRow):
        return entry.is_open and entry.due_on is not None and entry.due_on < today
    return entry.is_pending and entry.is_deadline and entry.day < today


def is_closed(entry: EventRow | TaskRow) -> bool:
    if isinstance(entry, TaskRow):
        return not entry.is_open
    return not entry.is_pending


def is_struck(entry: EventRow | TaskRow) -> bool:
    """Vacated and cancelled things are struck through (they did not happen)."""
    if isinstance(entry, TaskRow):
        return entry.status.value == "cancelled"
    return entry.status in (EventStatus.VACATED, EventStatus.CANCELLED)


def state_word(entry: EventRow | TaskRow, today: date) -> str:
    """The status in words: 'Overdue', 'Done', 'Vacated', 'Scheduled', 'Open'…"""
    if is_overdue(entry, today):
        return "Overdue"
    return fmt.enum_label(entry.status)


def state_color(entry: EventRow | TaskRow, today: date) -> QColor | None:
    if is_overdue(entry, today):
        return style.overdue_color()
    if is_closed(entry):
        return style.done_color()
    return None


def entry_day(entry: EventRow | TaskRow) -> date:
    if isinstance(entry, TaskRow):
        assert entry.due_on is not None
        return entry.due_on
    return entry.day


def days_between(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]

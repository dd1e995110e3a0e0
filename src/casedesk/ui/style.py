"""Semantic colours taken from the palette: overdue red, soon amber, done muted."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def overdue_color() -> QColor:
    return QColor("#ff6b6b") if _is_dark(QApplication.palette()) else QColor("#b3261e")


def soon_color() -> QColor:
    return QColor("#f0b429") if _is_dark(QApplication.palette()) else QColor("#8a5a00")


def done_color() -> QColor:
    return QApplication.palette().color(QPalette.ColorGroup.Disabled,
                                        QPalette.ColorRole.WindowText)


def ok_color() -> QColor:
    return QColor("#6fcf97") if _is_dark(QApplication.palette()) else QColor("#1e7b34")


def due_color(due: date | None, *, done: bool = False, today: date | None = None) -> QColor | None:
    """The colour for a due date: overdue red, within 3 days amber, done muted, else none."""
    if done:
        return done_color()
    if due is None:
        return None
    days = (due - (today or date.today())).days
    if days < 0:
        return overdue_color()
    if days <= 3:
        return soon_color()
    return None

"""Dates as the explanations print them ("Sat 4 Jul 2026"), independent of the locale."""

from __future__ import annotations

from datetime import date, datetime

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_text(day: date) -> str:
    """"Sat 4 Jul 2026" (a datetime prints its own day)."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def moment_text(moment: date) -> str:
    """A day as `day_text`; a datetime with its time and, when it has one, its zone."""
    if not isinstance(moment, datetime):
        return day_text(moment)
    text = f"{day_text(moment)} {moment:%H:%M}"
    if moment.second or moment.microsecond:
        text += f":{moment:%S}"
    if moment.tzinfo is not None:
        text += f" {moment.tzname() or moment.strftime('%z')}"
    return text

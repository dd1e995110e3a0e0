"""Limits on events shared by the services, the readers and the file formats (stdlib only,
cheap to import: the calendar's plain-SQL reads use them before SQLAlchemy is loaded)."""

from __future__ import annotations

from datetime import timedelta

# No event lasts longer, so "events touching [a, b]" scans `day` from a - MAX_SPAN only.
MAX_SPAN = timedelta(days=62)
MAX_REMINDERS = 5
MAX_REMINDER_MINUTES = 366 * 24 * 60

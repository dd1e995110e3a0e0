"""Reminders and overdue deadlines in the real window: shown at start, acknowledged, snoozed."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any

from casedesk.domain.types import utcnow
from casedesk.services import events
from casedesk.services.events import EventInput
from casedesk.ui.reminder_center import offset_text, tomorrow_morning


def _write(app: Any, qtbot: Any, fn: Any, **kwargs: Any) -> None:
    done: list[object] = []
    app.db.write(fn, on_done=done.append, **kwargs)
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)


def test_due_reminder_opens_the_window_and_acknowledge_clears_it(qtbot: Any,
                                                                 app_and_ids: Any) -> None:
    app, ids = app_and_ids
    center = app.window.reminders
    center.dialog.started_at = utcnow() - timedelta(hours=2)  # as if open since then
    hearing = uuid.uuid4()
    _write(app, qtbot, events.add_event, event_id=hearing, data=EventInput(
        kind="hearing", title="Status hearing", case_id=ids["case1"],
        starts_at=utcnow() + timedelta(minutes=30), reminders_minutes_before=(60,),
        attendee_staff_ids=(ids["attorney"],)))
    center.check()
    dialog = center.dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.tree.topLevelItemCount() == 1,
                    timeout=10_000)
    item = dialog.tree.topLevelItem(0)
    assert item.text(2) == "Hearing: Status hearing"
    assert item.text(3) == "2026-CV-0001"
    assert item.text(4) == "1 hour before"  # fired while the app was open
    assert dialog.intro.text() == "1 reminder due."
    item.setSelected(True)
    dialog.ack_button.click()
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 0, timeout=10_000)
    assert not dialog.isVisible()


def test_missed_reminders_are_marked_and_snooze_hides_them(qtbot: Any, app_and_ids: Any) -> None:
    app, ids = app_and_ids
    center = app.window.reminders
    deadline = uuid.uuid4()
    # A deadline the day after tomorrow with a 3-day reminder: it fired before the app started.
    center.dialog.started_at = utcnow() - timedelta(minutes=1)
    _write(app, qtbot, events.add_event, event_id=deadline, data=EventInput(
        kind="filing_deadline", title="Answer due", case_id=ids["case2"],
        on_date=date.today() + timedelta(days=2), reminders_minutes_before=(3 * 1440,)))
    center.check()
    dialog = center.dialog
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 1, timeout=10_000)
    assert dialog.tree.topLevelItem(0).text(4) == "Missed, 3 days before"
    assert "1 missed while casedesk was closed" in dialog.intro.text()
    dialog.snooze_button.menu().actions()[0].trigger()  # 15 minutes
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 0, timeout=10_000)


def test_overdue_deadline_banner_stays_until_done(qtbot: Any, app_and_ids: Any) -> None:
    app, ids = app_and_ids
    window = app.window
    banner = window.overdue_banner
    assert not banner.isVisible()
    late = uuid.uuid4()
    _write(app, qtbot, events.add_event, event_id=late, data=EventInput(
        kind="filing_deadline", title="Reply brief", case_id=ids["case1"],
        on_date=date.today() - timedelta(days=3), reminders_minutes_before=()))
    qtbot.waitUntil(banner.isVisible, timeout=10_000)
    assert banner.text.text().startswith("1 deadline is overdue: 2026-CV-0001 Reply brief")
    assert "3 days ago" in banner.text.text()
    qtbot.waitUntil(lambda: "1 overdue deadline" in window.counts_label.text(), timeout=10_000)
    _write(app, qtbot, events.set_event_status, event_id=late, status="done",
           satisfied_by="Filed (ECF 31)")
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=10_000)


def test_offsets_read_as_people_say_them() -> None:
    assert [offset_text(m) for m in (0, 15, 60, 120, 1440, 10080, 90)] == [
        "at the start", "15 minutes before", "1 hour before", "2 hours before",
        "1 day before", "1 week before", "90 minutes before"]
    morning = tomorrow_morning(datetime(2026, 11, 27, 22, 0).astimezone())
    assert (morning.hour, morning.minute) == (8, 0)
    assert morning.date() == date(2026, 11, 28)

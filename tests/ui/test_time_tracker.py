"""The running timer, on a fake clock (no sleeps): start for the current case, pause/resume,
stop into the time entry dialog with the time rounded up to the next 0.1 h, discard, and the
timer surviving a restart through QSettings."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from casedesk.persistence.practice import Practice
from casedesk.services import cases, staff, time_entries
from casedesk.ui.dialogs.time_entry_dialog import TimeEntryDialog
from casedesk.ui.settings import Settings
from casedesk.ui.widgets import time_tracker
from casedesk.ui.widgets.time_tracker import (
    TIMER_CASE_ID,
    TIMER_SECONDS,
    TIMER_STARTED_AT,
    TimeTracker,
    clock_text,
    hours_for,
)
from tests.ui.dialog_fixtures import discard_at_teardown  # noqa: F401
from tests.ui.pane_fixtures import open_practice, show_in_host  # noqa: F401

START = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)
LABEL = "2026-CV-0142 · Smith v. Acme"


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def ui_settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def clock() -> Clock:
    return Clock()


def _tracker(qtbot: Any, settings: Settings | None, clock: Clock, db: Any = None,
             actor: uuid.UUID | None = None) -> TimeTracker:
    tracker = TimeTracker(db, settings, actor=lambda: actor, now=clock)
    _HOSTS.append(show_in_host(qtbot, tracker, 600, 40))
    return tracker


_HOSTS: list[Any] = []  # the windows the trackers are shown in, kept until the test ends


@pytest.fixture(autouse=True)
def _forget_hosts() -> Iterator[None]:
    yield
    for host in _HOSTS:
        host.close()
    _HOSTS.clear()


@pytest.mark.parametrize(("seconds", "hours"), [
    (0, "0.10"), (1, "0.10"), (360, "0.10"), (361, "0.20"), (3600, "1.00"),
    (3601, "1.10"), (5 * 3600 + 59 * 60, "6.00"),
])
def test_elapsed_time_rounds_up_to_the_next_tenth(seconds: int, hours: str) -> None:
    assert hours_for(seconds) == Decimal(hours)


def test_clock_text() -> None:
    assert clock_text(0) == "0:00:00" and clock_text(3723.9) == "1:02:03"
    assert clock_text(-5) == "0:00:00"


def test_start_pause_resume(qtbot: Any, ui_settings: Settings, clock: Clock) -> None:
    tracker = _tracker(qtbot, ui_settings, clock)
    assert not tracker.start_action.isEnabled()  # no case chosen yet
    assert tracker.start_action.toolTip() == "Select a case to time"
    case_id = uuid.uuid4()
    tracker.set_current_case(case_id, LABEL)
    assert tracker.start_action.isEnabled()
    tracker.start_action.trigger()
    assert tracker.running and not tracker.start_button.isVisibleTo(tracker)
    assert tracker.case_button.text() == "2026-CV-0142"
    clock.advance(minutes=42, seconds=7)
    tracker._show_time()  # what the 1-second tick does
    assert tracker.time_label.text() == "0:42:07"
    assert "0.8 h" in tracker.stop_action.toolTip()
    assert "rounded up to the next 0.1 hour (6 minutes)" in tracker.stop_action.toolTip()
    tracker.pause_action.trigger()
    assert not tracker.running and tracker.pause_button.text() == "Resume"
    assert tracker.stop_button.text() == "Stop…"
    assert tracker.case_button.text() == "2026-CV-0142 (paused)"
    clock.advance(hours=3)  # lunch does not count
    assert tracker.elapsed() == 42 * 60 + 7
    tracker.pause_action.trigger()
    clock.advance(minutes=10)
    assert tracker.elapsed() == 52 * 60 + 7 and tracker.hours() == Decimal("0.90")
    other = uuid.uuid4()
    tracker.set_current_case(other, "2026-CV-0107 · Estate of Brown")
    assert not tracker.start_action.isEnabled()  # one timer at a time
    assert tracker.state is not None and tracker.state.case_id == case_id


def test_the_timer_survives_a_restart(qtbot: Any, ui_settings: Settings, clock: Clock) -> None:
    case_id = uuid.uuid4()
    first = _tracker(qtbot, ui_settings, clock)
    first.set_current_case(case_id, LABEL)
    first.start()
    clock.advance(minutes=20)
    first.toggle_pause()  # 20 minutes banked
    first.toggle_pause()  # running again from here
    assert ui_settings.get(TIMER_CASE_ID) == str(case_id)
    assert ui_settings.get(TIMER_SECONDS) == 1200
    assert ui_settings.get(TIMER_STARTED_AT) == clock.now.isoformat()
    clock.advance(minutes=15)  # casedesk is closed meanwhile; the clock goes on
    again = _tracker(qtbot, ui_settings, clock)
    assert again.running and again.state is not None and again.state.case_id == case_id
    assert again.elapsed() == 35 * 60
    assert again.time_label.text() == "0:35:00"
    assert again.case_button.text() == "2026-CV-0142"


def test_a_clock_set_back_never_counts_negative(qtbot: Any, clock: Clock) -> None:
    tracker = _tracker(qtbot, None, clock)
    tracker.set_current_case(uuid.uuid4(), LABEL)
    tracker.start()
    clock.advance(minutes=-30)
    assert tracker.elapsed() == 0 and tracker.hours() == Decimal("0.10")


def test_discard_asks_then_forgets(qtbot: Any, ui_settings: Settings, clock: Clock,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    tracker = _tracker(qtbot, ui_settings, clock)
    tracker.set_current_case(uuid.uuid4(), LABEL)
    tracker.start()
    clock.advance(minutes=5)
    asked: list[str] = []

    def answer(parent: Any, title: str, text: str, info: str, action: str) -> bool:
        asked.append(text)
        return len(asked) > 1  # keep it the first time, discard the second

    monkeypatch.setattr(time_tracker, "confirm", answer)
    tracker.discard_action.trigger()
    assert tracker.state is not None
    tracker.discard_action.trigger()
    assert asked[0] == "Discard 0:05:00 timed on 2026-CV-0142?"
    assert tracker.state is None and ui_settings.get(TIMER_CASE_ID) == ""
    assert tracker.start_action.isEnabled() and tracker.start_button.isVisibleTo(tracker)


# -- stop: into the time entry dialog, recorded through the service ---------------------------
Ids = dict[str, uuid.UUID]


def _build(practice: Practice) -> Ids:
    ids: Ids = {"alice": uuid.uuid4()}
    practice.write(staff.add_staff, name="Alice Avery", role="attorney",
                   hourly_rate="350.00", staff_id=ids["alice"])
    _c, ids["case"] = practice.write(cases.create_case, number="2026-CV-0142",
                                     title="Smith v. Acme", status="open")
    return ids


@pytest.fixture
def practice_db(open_practice: Any) -> Iterator[tuple[Any, Ids]]:  # noqa: F811
    yield open_practice(_build)


def test_stop_records_the_rounded_time(qtbot: Any, ui_settings: Settings, clock: Clock,
                                       practice_db: tuple[Any, Ids],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    db, ids = practice_db
    tracker = _tracker(qtbot, ui_settings, clock, db, actor=ids["alice"])
    tracker.set_current_case(ids["case"], LABEL)
    tracker.start()
    clock.advance(minutes=37, seconds=1)  # 0.617 h: recorded as 0.7 h
    asked: list[dict[str, Any]] = []
    answers: list[TimeEntryDialog.Answer | None] = [None]

    def ask(cls: Any, parent: Any, **kwargs: Any) -> TimeEntryDialog.Answer | None:
        asked.append(kwargs)
        answer = answers.pop(0)
        if answer is None:
            return None
        return answer

    monkeypatch.setattr(TimeEntryDialog, "ask", classmethod(ask))
    tracker.stop_action.trigger()
    qtbot.waitUntil(lambda: len(asked) == 1)
    assert asked[0]["hours"] == Decimal("0.70") and asked[0]["case_id"] == ids["case"]
    assert asked[0]["default_staff_id"] == ids["alice"]
    assert asked[0]["worked_on"] == START.astimezone().date()
    assert [s.name for s in asked[0]["staff"]] == ["Alice Avery"]
    # Cancelled: the time is kept, paused.
    assert tracker.state is not None and not tracker.running
    clock.advance(hours=1)
    assert tracker.hours() == Decimal("0.70")
    answers.append(TimeEntryDialog.Answer(
        staff_id=ids["alice"], worked_on=START.date(), hours=Decimal("0.70"),
        rate=Decimal("350.00"), phase="", activity="Research", description="Case law",
        billable=True, case_id=ids["case"]))
    with qtbot.waitSignal(tracker.entry_recorded) as recorded:
        tracker.stop_action.trigger()
    assert tracker.state is None and ui_settings.get(TIMER_CASE_ID) == ""
    assert ui_settings.get(time_tracker.LAST_STAFF) == str(ids["alice"])
    done: list[Any] = []
    db.read(time_entries.get_time_entry, recorded.args[0], on_done=done.append)
    qtbot.waitUntil(lambda: bool(done))
    entry = done[0]
    assert (entry.hours, entry.rate, entry.amount) == (Decimal("0.70"), Decimal("350.00"),
                                                        Decimal("245.00"))

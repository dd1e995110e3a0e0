"""Deadlines that count from a court date: "Compute deadlines from this event…" links them to
the event, and moving or editing the event opens their review with the new date. The calendar
pane and a case's Calendar tab are real; the modal dialogs are driven through `run`/`ask`."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, time
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from casedesk.domain.enums import EventKind, EventStatus
from casedesk.domain.rows import EventRow
from casedesk.persistence.practice import Practice
from casedesk.rules.rulesets import builtin_rule_set
from casedesk.services import cases, courts, deadlines, events, staff
from casedesk.services.events import EventInput
from casedesk.ui.db import Database
from casedesk.ui.dialogs.compute_deadlines_dialog import ComputeDeadlinesDialog, preferred_trigger
from casedesk.ui.dialogs.event_dialog import EventDialog, input_from_row
from casedesk.ui.dialogs.trigger_change_dialog import TriggerChangeDialog
from casedesk.ui.panes.calendar_pane import CalendarPane
from casedesk.ui.settings import Settings
from casedesk.ui.widgets.calendar_actions import EventActions, can_compute_deadlines_from
from casedesk.ui.widgets.calendar_case_events import CaseEventsTab
from tests.ui.dialog_fixtures import PLATFORM_LIMITS, discard_at_teardown, show  # noqa: F401
from tests.ui.pane_fixtures import open_practice, settings, show_in_host  # noqa: F401
from tests.ui.test_deadline_dialogs import case_events, due_texts, fetch

pytestmark = pytest.mark.qt_log_ignore(PLATFORM_LIMITS)

LEFT = Qt.MouseButton.LeftButton

HEARING_DAY = date(2026, 3, 9)  # a Monday
MOVED_DAY = date(2026, 3, 17)  # a Tuesday
CASE_LABEL = "2026-CV-0001 · Smith v. Acme"
Ids = dict[str, uuid.UUID]


def build(practice: Practice, *, linked: bool = False) -> Ids:
    """Alice; N.D. Cal.; a case with a motion hearing on Mon 9 Mar 2026 at 9:30, a deposition
    and a filing deadline; with `linked`, the FRCP motion deadlines counted from the hearing."""
    ids = {name: uuid.uuid4() for name in ("alice", "court", "hearing", "depo", "due")}
    practice.write(staff.add_staff, name="Alice Avery", role="attorney", staff_id=ids["alice"])
    practice.write(courts.add_court, court_id=ids["court"], name="N.D. Cal.", state="CA",
                   time_zone="America/Los_Angeles", seed_years=[2026])
    _c, ids["case"] = practice.write(cases.create_case, number="2026-CV-0001",
                                     title="Smith v. Acme", court="N.D. Cal.",
                                     court_time_zone="America/Los_Angeles")
    for key, data in (
        ("hearing", EventInput(kind="hearing", title="Motion hearing", case_id=ids["case"],
                               starts_at=datetime.combine(HEARING_DAY, time(9, 30)),
                               ends_at=datetime.combine(HEARING_DAY, time(10, 30)),
                               reminders_minutes_before=())),
        ("depo", EventInput(kind="deposition", title="Deposition of Smith",
                            case_id=ids["case"], reminders_minutes_before=(),
                            starts_at=datetime.combine(HEARING_DAY, time(14)))),
        ("due", EventInput(kind="filing_deadline", title="Reply brief due",
                           case_id=ids["case"], all_day=True, on_date=date(2026, 3, 12),
                           reminders_minutes_before=())),
    ):
        practice.write(events.add_event, data=data, event_id=ids[key])
    if linked:
        ids["trigger"] = uuid.uuid4()
        practice.write(deadlines.apply_trigger, case_id=ids["case"], trigger_id=ids["trigger"],
                       rule_set_key="frcp", trigger_key="motion_hearing_set",
                       trigger_date=HEARING_DAY, event_id=ids["hearing"])
    return ids


@pytest.fixture(name="pane_on")
def pane_on_fixture(qtbot: Any, open_practice: Any,  # noqa: F811
                    settings: Settings) -> Iterator[Any]:  # noqa: F811
    """`pane_on(linked)`: the calendar pane on the practice, the hearing selected."""
    hosts: list[QWidget] = []

    def make(linked: bool) -> tuple[CalendarPane, Database, Ids]:
        db, ids = open_practice(lambda p: build(p, linked=linked))
        pane = CalendarPane(db, settings)
        hosts.append(show_in_host(qtbot, pane, 1280, 800))
        qtbot.waitUntil(lambda: pane.loaded)
        select(qtbot, pane, ids["hearing"])
        return pane, db, ids

    yield make
    for host in hosts:
        host.close()


def select(qtbot: Any, pane: CalendarPane, event_id: uuid.UUID) -> EventRow:
    pane.show_event(event_id)
    qtbot.waitUntil(lambda: pane.current_entry() is not None
                    and pane.current_entry().id == event_id)
    row = pane.current_entry()
    assert isinstance(row, EventRow)
    return row


def linked_days(qtbot: Any, db: Database, case_id: uuid.UUID) -> dict[str, date | None]:
    return {r.rule_key: r.on_date for r in case_events(qtbot, db, case_id)
            if r.trigger_id is not None}


def diff_rows(dialog: TriggerChangeDialog) -> list[tuple[str, date, date | None, bool]]:
    return [(c.title, c.old_day, c.new_day, c.can_move) for c in dialog.model.rows]


class Reviews:
    """Answers TriggerChangeDialog.run with the real dialog: records what it showed, then
    presses "Move N deadlines" or "Keep all dates" (or cancels)."""

    def __init__(self, qtbot: Any, db: Database, monkeypatch: Any, press: str) -> None:
        self.seen: list[dict[str, Any]] = []
        self._qtbot, self._db, self._press = qtbot, db, press
        monkeypatch.setattr(TriggerChangeDialog, "run",
                            classmethod(lambda cls, dialog: self.run(dialog)))

    def run(self, dialog: TriggerChangeDialog) -> bool:
        show(self._qtbot, dialog)
        self._qtbot.waitUntil(lambda: self._db.idle and not dialog.waiting()
                              and dialog.model.rowCount() > 0)
        self.seen.append({
            "title": dialog.windowTitle(), "reason": dialog.reason_label.text(),
            "reason_shown": dialog.reason_label.isVisible(),
            "date": dialog.trigger_date(), "read_only": dialog.date_edit.isReadOnly(),
            "trigger": dialog.trigger_row, "rows": diff_rows(dialog),
            "move": dialog.save_button.text().replace("&", ""),
            "keep_enabled": dialog.keep_button.isEnabled()})
        if self._press == "move":
            self._qtbot.mouseClick(dialog.save_button, LEFT)
        elif self._press == "keep":
            self._qtbot.mouseClick(dialog.keep_button, LEFT)
        else:
            dialog.reject()
            return False
        self._qtbot.waitUntil(lambda: dialog.saved and self._db.idle)
        return True



# --- Compute deadlines from this event… -----------------------------------------------------

def test_compute_from_a_hearing_links_its_deadlines_to_it(qtbot: Any, pane_on: Any,
                                                          monkeypatch: Any) -> None:
    pane, db, ids = pane_on(False)
    acts = pane.entry_actions
    assert acts.compute_from.isEnabled()
    assert acts.compute_from in pane.more_button.menu().actions()
    assert acts.compute_from in pane.month.actions()  # the right-click menu
    shown: list[dict[str, Any]] = []

    def run(dialog: ComputeDeadlinesDialog) -> bool:
        show(qtbot, dialog)
        qtbot.waitUntil(lambda: dialog.rule_set_combo.count() > 0 and db.idle
                        and not dialog.waiting() and dialog.model.rowCount() > 0)
        label = dialog.form.labelForField(dialog.event_label)
        shown.append({"trigger": dialog.trigger_combo.currentData(),
                      "date": dialog.trigger_date(), "read_only": dialog.date_edit.isReadOnly(),
                      "from": f"{label.text()} {dialog.event_label.text()}",
                      "due": due_texts(dialog)})
        qtbot.mouseClick(dialog.save_button, LEFT)
        qtbot.waitUntil(lambda: dialog.saved and db.idle)
        return True

    monkeypatch.setattr(ComputeDeadlinesDialog, "run", classmethod(lambda cls, d: run(d)))
    with qtbot.waitSignal(pane.status_message, timeout=5000) as blocker:
        acts.compute_from.trigger()
    [seen] = shown
    assert seen["trigger"] == "motion_hearing_set"
    assert (seen["date"], seen["read_only"]) == (HEARING_DAY, True)
    assert seen["from"] == "From: Motion hearing, Mon 9 Mar 2026"
    assert seen["due"]["Serve the motion and notice of hearing"].startswith("Mon 23 Feb 2026")
    assert seen["due"]["Serve opposing affidavits"].startswith("Mon 2 Mar 2026")
    assert blocker.args == ["Deadlines added from the hearing “Motion hearing” on "
                            "Mon 9 Mar 2026"]
    [trigger] = fetch(qtbot, db, deadlines.triggers_for_event, ids["hearing"])
    assert (trigger.trigger_key, trigger.trigger_date, trigger.event_id) == (
        "motion_hearing_set", HEARING_DAY, ids["hearing"])
    assert linked_days(qtbot, db, ids["case"]) == {"motion_served": date(2026, 2, 23),
                                                   "opposing_affidavits": date(2026, 3, 2)}


def test_the_action_is_offered_only_for_court_dates_of_a_case(qtbot: Any, pane_on: Any,
                                                              monkeypatch: Any) -> None:
    pane, _db, ids = pane_on(False)
    hearing = pane.current_entry()
    assert isinstance(hearing, EventRow)
    assert can_compute_deadlines_from(hearing)
    assert can_compute_deadlines_from(replace(hearing, kind=EventKind.DEPOSITION))
    assert can_compute_deadlines_from(replace(hearing, kind=EventKind.TRIAL, all_day=True))
    assert can_compute_deadlines_from(replace(hearing, kind=EventKind.MEETING, all_day=True))
    assert not can_compute_deadlines_from(replace(hearing, kind=EventKind.MEETING))
    assert not can_compute_deadlines_from(replace(hearing, status=EventStatus.VACATED))
    assert not can_compute_deadlines_from(replace(hearing, case_id=None))
    assert not can_compute_deadlines_from(None)
    due = select(qtbot, pane, ids["due"])
    assert due.is_deadline and not pane.entry_actions.compute_from.isEnabled()
    asked: list[Any] = []
    monkeypatch.setattr(ComputeDeadlinesDialog, "ask",
                        classmethod(lambda cls, *a, **kw: asked.append(kw)))
    pane.compute_from_current()  # even asked directly: nothing for a deadline
    assert asked == []
    select(qtbot, pane, ids["depo"])
    assert pane.entry_actions.compute_from.isEnabled()
    pane.entry_actions.compute_from.trigger()
    assert asked[0]["event"].id == ids["depo"]


def test_the_preferred_trigger_is_the_court_date_of_the_events_kind() -> None:
    frcp = list(builtin_rule_set("frcp").triggers)
    keys = [t.key for t in frcp]
    assert keys[preferred_trigger(frcp, EventKind.HEARING)] == "motion_hearing_set"
    assert keys[preferred_trigger(frcp, EventKind.CONFERENCE)] == "scheduling_conference_set"
    assert keys[preferred_trigger(frcp, EventKind.TRIAL)] == "trial_set"
    assert preferred_trigger(frcp, EventKind.DEPOSITION) == 0
    ndcal = list(builtin_rule_set("ndcal").triggers)
    assert preferred_trigger(ndcal, EventKind.TRIAL) == 0
    assert ndcal[preferred_trigger(ndcal, EventKind.HEARING)].key == "motion_hearing_set"
    own = [replace(frcp[0], key="complaint_filed"), replace(frcp[0], key="status_conference_set")]
    assert preferred_trigger(own, EventKind.CONFERENCE) == 1


def test_a_cases_calendar_tab_computes_from_its_court_date(qtbot: Any, open_practice: Any,  # noqa: F811
                                                           monkeypatch: Any) -> None:
    db, ids = open_practice(build)
    host = show(qtbot, QWidget())
    actions = EventActions(db, host, staff=lambda: [], actor=lambda: ids["alice"])
    tab = CaseEventsTab(db, actions, host)
    tab.show_case(ids["case"], CASE_LABEL)
    qtbot.waitUntil(lambda: tab.loaded)
    number = next(i for i, r in enumerate(tab.model.rows) if r.id == ids["hearing"])
    tab.view.selectRow(number)
    assert tab.current_event().id == ids["hearing"]
    compute = tab.entry_actions.compute_from
    assert compute.isEnabled() and compute in tab.more_button.menu().actions()
    assert compute in tab.view.actions()
    asked: list[tuple[Any, ...]] = []
    monkeypatch.setattr(ComputeDeadlinesDialog, "ask", classmethod(
        lambda cls, parent, db, case_id, label, **kw: asked.append((case_id, label, kw))))
    compute.trigger()
    [(case_id, label, kw)] = asked
    assert (case_id, label) == (ids["case"], CASE_LABEL)
    assert kw["event"].id == ids["hearing"] and kw["actor_staff_id"] == ids["alice"]
    tab.show_case(ids["case"], CASE_LABEL, closed=True)
    assert not compute.isEnabled()


# --- The court date moves: its deadlines come up for review --------------------------------

def test_dragging_the_hearing_opens_the_review_and_moves_what_is_accepted(
        qtbot: Any, pane_on: Any, monkeypatch: Any) -> None:
    pane, db, ids = pane_on(True)
    reviews = Reviews(qtbot, db, monkeypatch, press="move")
    hearing = pane.current_entry()
    with qtbot.waitSignal(pane.status_message, timeout=5000):
        pane.month.event_dropped.emit(hearing, MOVED_DAY)  # what a drag in the month sends
    qtbot.waitUntil(lambda: bool(reviews.seen) and db.idle)
    [seen] = reviews.seen
    assert seen["reason"] == ("The hearing moved to Tue 17 Mar 2026: these deadlines count "
                              "from it.")
    assert seen["reason_shown"] and seen["title"] == f"Review deadlines — {CASE_LABEL}"
    assert (seen["date"], seen["read_only"]) == (MOVED_DAY, True)
    assert seen["trigger"].id == ids["trigger"]
    assert seen["trigger"].trigger_date == HEARING_DAY
    assert sorted(seen["rows"]) == [
        ("Serve opposing affidavits", date(2026, 3, 2), date(2026, 3, 10), True),
        ("Serve the motion and notice of hearing", date(2026, 2, 23), date(2026, 3, 3), True)]
    assert seen["move"] == "Move 2 deadlines"
    assert linked_days(qtbot, db, ids["case"]) == {"motion_served": date(2026, 3, 3),
                                                   "opposing_affidavits": date(2026, 3, 10)}
    [trigger] = fetch(qtbot, db, deadlines.case_triggers, ids["case"])
    assert trigger.trigger_date == MOVED_DAY
    assert fetch(qtbot, db, deadlines.event_trigger_reviews, event_id=ids["hearing"]) == []


def test_editing_the_hearings_day_and_keeping_all_dates_moves_nothing(
        qtbot: Any, pane_on: Any, monkeypatch: Any) -> None:
    pane, db, ids = pane_on(True)
    before = linked_days(qtbot, db, ids["case"])
    reviews = Reviews(qtbot, db, monkeypatch, press="keep")
    hearing = pane.current_entry()
    assert isinstance(hearing, EventRow) and hearing.starts_at and hearing.ends_at
    shift = datetime.combine(MOVED_DAY, time()) - datetime.combine(HEARING_DAY, time())
    answer = EventDialog.Answer(data=input_from_row(
        hearing, starts_at=hearing.starts_at + shift, ends_at=hearing.ends_at + shift),
        event_id=hearing.id, expected_version=hearing.version)
    monkeypatch.setattr(EventDialog, "ask", classmethod(lambda cls, parent, **kw: answer))
    with qtbot.waitSignal(pane.status_message, timeout=5000):
        pane.edit_current()
    qtbot.waitUntil(lambda: bool(reviews.seen) and db.idle)
    [seen] = reviews.seen
    assert seen["date"] == MOVED_DAY and seen["keep_enabled"]
    assert seen["reason"].startswith("The hearing moved to Tue 17 Mar 2026")
    assert linked_days(qtbot, db, ids["case"]) == before
    [trigger] = fetch(qtbot, db, deadlines.case_triggers, ids["case"])
    assert trigger.trigger_date == MOVED_DAY  # saved: the review does not come back
    kept = [r for r in case_events(qtbot, db, ids["case"]) if r.trigger_id is not None]
    assert all(r.explanation[-1].startswith("Not moved when the trigger changed to Tue 17 Mar")
               for r in kept)
    # A new time on the same day (the week view's drag) opens nothing.
    moved = select(qtbot, pane, ids["hearing"])
    assert moved.day == MOVED_DAY and moved.starts_at is not None
    with qtbot.waitSignal(pane.status_message, timeout=5000):
        pane.week.event_rescheduled.emit(moved, moved.starts_at.replace(minute=0))
    qtbot.waitUntil(lambda: db.idle)
    qtbot.wait(50)
    assert len(reviews.seen) == 1


def test_a_review_cancelled_keeps_everything_and_says_so(qtbot: Any, pane_on: Any,
                                                         monkeypatch: Any) -> None:
    pane, db, ids = pane_on(True)
    before = linked_days(qtbot, db, ids["case"])
    reviews = Reviews(qtbot, db, monkeypatch, press="cancel")
    messages: list[str] = []
    pane.status_message.connect(messages.append)
    pane.event_actions.move(pane.current_entry(), MOVED_DAY)
    qtbot.waitUntil(lambda: bool(reviews.seen) and db.idle)
    qtbot.waitUntil(lambda: any("not reviewed" in m for m in messages))
    assert linked_days(qtbot, db, ids["case"]) == before
    [trigger] = fetch(qtbot, db, deadlines.case_triggers, ids["case"])
    assert trigger.trigger_date == HEARING_DAY  # it comes up again when the hearing changes
    [(again, day, _diffs)] = fetch(qtbot, db, deadlines.event_trigger_reviews,
                                   event_id=ids["hearing"])
    assert (again.id, day) == (ids["trigger"], MOVED_DAY)


def test_moving_an_event_nothing_counts_from_opens_no_review(qtbot: Any, pane_on: Any,
                                                             monkeypatch: Any) -> None:
    pane, db, ids = pane_on(True)
    opened: list[Any] = []
    monkeypatch.setattr(TriggerChangeDialog, "ask",
                        classmethod(lambda cls, *a, **kw: opened.append(kw)))
    for key in ("depo", "due"):  # a court date and a deadline that nothing counts from
        row = select(qtbot, pane, ids[key])
        with qtbot.waitSignal(pane.status_message, timeout=5000):
            pane.month.event_dropped.emit(row, date(2026, 3, 19))
        qtbot.waitUntil(lambda: db.idle)
    qtbot.wait(50)
    assert opened == []
    days = {r.id: r.day for r in case_events(qtbot, db, ids["case"])}
    assert days[ids["depo"]] == days[ids["due"]] == date(2026, 3, 19)

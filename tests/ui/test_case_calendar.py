"""Events in the real window: Ctrl+N in the Calendar makes an event on the selected day, F2
opens the selected one, and a case's Calendar tab lists, adds and completes its events."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import Qt

from casedesk.domain.enums import EventKind, EventStatus
from casedesk.persistence.practice import Practice
from casedesk.services import event_list, events
from casedesk.services.events import EventInput
from casedesk.ui.dialogs.event_dialog import EventDialog, MarkDoneDialog
from casedesk.ui.models.event_models import AgendaModel

TODAY = date.today()


def _answers(monkeypatch: Any, make: Any) -> list[dict[str, Any]]:
    asked: list[dict[str, Any]] = []

    def ask(cls: Any, parent: Any, **kwargs: Any) -> Any:
        asked.append(kwargs)
        return make(kwargs) if len(asked) == 1 else None

    monkeypatch.setattr(EventDialog, "ask", classmethod(ask))
    return asked


def _titles(model: AgendaModel) -> list[str]:
    return [row.title for row in model.rows]


def test_ctrl_n_in_the_calendar_adds_an_event_on_the_selected_day(
        qtbot: Any, app_and_ids: Any, monkeypatch: Any, qtmodeltester: Any) -> None:
    app, ids = app_and_ids
    window = app.window
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    pane = window.calendar_pane
    qtbot.waitUntil(lambda: pane.loaded, timeout=10_000)
    pane.month.setFocus()
    qtbot.keyClick(pane.month, Qt.Key.Key_Right)
    day = TODAY + timedelta(days=1)

    def meeting(kwargs: dict[str, Any]) -> EventDialog.Answer:
        return EventDialog.Answer(data=EventInput(
            kind="hearing", title="Status hearing", case_id=ids["case1"],
            starts_at=datetime.combine(kwargs["day"], time(9)),
            attendee_staff_ids=(ids["attorney"],),
            reminders_minutes_before=()))  # no reminder window takes the focus meanwhile

    asked = _answers(monkeypatch, meeting)
    with qtbot.waitSignal(app.db.changed, timeout=10_000) as blocker:
        qtbot.keyClick(pane.month, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert asked[0]["day"] == day and blocker.args[0].events
    qtbot.waitUntil(lambda: [r.title for r in pane.month.events_on(day)] == ["Status hearing"],
                    timeout=10_000)
    qtbot.waitUntil(lambda: pane.current_entry() is not None, timeout=10_000)
    assert pane.current_entry().title == "Status hearing"  # the new event is selected
    assert window.edit_case_action.isEnabled()  # the toolbar's Edit follows the pane's
    qtbot.keyClick(pane.month, Qt.Key.Key_F2)
    assert len(asked) == 2 and asked[1]["event"].title == "Status hearing"
    for model in (pane.side.day_model, pane.side.upcoming_model):
        qtmodeltester.check(model)
    pane.set_view("agenda")
    qtbot.waitUntil(lambda: pane.agenda_model.rowCount() > 0, timeout=10_000)
    qtmodeltester.check(pane.agenda_model)


def test_a_cases_calendar_tab_lists_adds_and_completes_its_events(
        qtbot: Any, app_and_ids: Any, monkeypatch: Any, qtmodeltester: Any) -> None:
    app, ids = app_and_ids
    with Practice(app.db.location) as practice:
        practice.write(events.add_event, data=EventInput(
            kind="filing_deadline", title="Answer due", case_id=ids["case1"],
            on_date=TODAY + timedelta(days=4)))
        practice.write(events.add_event, data=EventInput(
            kind="conference", title="Rule 26(f) conference", case_id=ids["case1"],
            starts_at=datetime.combine(TODAY - timedelta(days=30), time(10)), status="done"))
        practice.write(events.add_event, data=EventInput(
            kind="hearing", title="Other case's hearing", case_id=ids["case2"],
            starts_at=datetime.combine(TODAY, time(10))))
    pane = app.window.cases_pane
    pane.select_case(ids["case1"])
    detail = pane.detail
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.id == ids["case1"],
                    timeout=10_000)
    tab = detail.events_tab
    assert detail.tabs.tabText(detail.tabs.indexOf(tab)) == "Calendar"
    assert [detail.tabs.tabText(i).split(" (")[0] for i in range(detail.tabs.count())] == [
        "Overview", "Parties", "Calendar", "Documents", "Correspondence", "Budget",
        "Notes && Tasks", "History"]
    detail.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.loaded, timeout=10_000)
    qtmodeltester.check(tab.model)
    assert _titles(tab.model) == ["Rule 26(f) conference", "Answer due"]  # oldest first
    assert tab.current_event() is not None and tab.current_event().title == "Answer due"
    assert tab.count_label.text() == "2 events, 1 scheduled"

    def deposition(kwargs: dict[str, Any]) -> EventDialog.Answer:
        assert kwargs["case"] == (ids["case1"], "2026-CV-0001 · Smith v. Acme Logistics")
        assert kwargs["case_fixed"] is True
        return EventDialog.Answer(data=EventInput(
            kind=EventKind.DEPOSITION, title="Deposition of Smith", case_id=kwargs["case"][0],
            starts_at=datetime.combine(TODAY + timedelta(days=9), time(13))))

    asked = _answers(monkeypatch, deposition)
    with qtbot.waitSignal(app.db.changed, timeout=10_000):
        qtbot.mouseClick(tab.buttons["new"], Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    qtbot.waitUntil(lambda: "Deposition of Smith" in _titles(tab.model), timeout=10_000)
    tab.view.setCurrentIndex(tab.model.index(_titles(tab.model).index("Answer due"), 5))
    monkeypatch.setattr(MarkDoneDialog, "ask",
                        classmethod(lambda cls, parent, event: "Answer filed, ECF 12"))
    with qtbot.waitSignal(app.db.changed, timeout=10_000):
        qtbot.mouseClick(tab.buttons["done"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: next(r for r in tab.model.rows if r.title == "Answer due").status
                    is EventStatus.DONE, timeout=10_000)
    with Practice(app.db.location) as practice:
        answer = next(e for e in event_list.case_events(practice.reader, ids["case1"])
                      if e.title == "Answer due")
    assert answer.satisfied_by == "Answer filed, ECF 12"
    assert tab.buttons["done"].isEnabled() is False  # it is done now
    assert app.window.actions_.events is app.window.actions_.events  # one, made once


def test_the_case_actions_offer_new_event(qtbot: Any, app_and_ids: Any,
                                          monkeypatch: Any) -> None:
    app, ids = app_and_ids
    pane = app.window.cases_pane
    pane.select_case(ids["case3"])
    qtbot.waitUntil(lambda: pane.detail.detail is not None
                    and pane.detail.detail.id == ids["case3"], timeout=10_000)
    asked = _answers(monkeypatch, lambda kwargs: None)
    app.window.actions_.new_event(pane.detail.detail)
    assert asked == [{"staff": app.lookups.staff, "draft": None,
                      "case": (ids["case3"], "2025-CV-0107 · In re Estate of Brown"),
                      "day": None, "starts_at": None,
                      "search_cases": app.window.actions_.events.search_cases,
                      "case_fixed": True}]

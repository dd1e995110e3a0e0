"""Computed deadlines reached from a case: Compute deadlines…, Change trigger…, the menus."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from casedesk.persistence.practice import Practice
from casedesk.services import deadlines
from casedesk.ui.dialogs.compute_deadlines_dialog import ComputeDeadlinesDialog
from casedesk.ui.dialogs.trigger_change_dialog import TriggerChangeDialog


def _open_calendar_tab(qtbot: Any, app: Any, case_id: uuid.UUID) -> Any:
    pane = app.window.cases_pane
    pane.select_case(case_id)
    detail = pane.detail
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.id == case_id,
                    timeout=10_000)
    tab = detail.events_tab
    detail.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.loaded, timeout=10_000)
    return tab


def test_compute_and_change_trigger_from_the_case_calendar(qtbot: Any, app_and_ids: Any,
                                                           monkeypatch: Any) -> None:
    app, ids = app_and_ids
    trigger_id = uuid.uuid4()
    with Practice(app.db.location) as practice:
        practice.write(deadlines.apply_trigger, case_id=ids["case1"], rule_set_key="frcp",
                       trigger_key="complaint_served", trigger_date=date(2026, 6, 13),
                       trigger_id=trigger_id, rule_keys=None)
    tab = _open_calendar_tab(qtbot, app, ids["case1"])
    qtbot.waitUntil(lambda: tab.model.rowCount() >= 2, timeout=10_000)
    computed: list[tuple[Any, ...]] = []
    monkeypatch.setattr(ComputeDeadlinesDialog, "ask", classmethod(
        lambda cls, parent, db, case_id, label, **kw: computed.append((case_id, label, kw))))
    assert tab.compute_button.isEnabled()
    tab.compute_button.click()
    assert computed[0][0] == ids["case1"] and computed[0][1].startswith("2026-CV-0001")
    assert computed[0][2]["actor_staff_id"] == ids["attorney"]
    assert tab.current_event() is not None and tab.current_event().trigger_id == trigger_id
    assert tab.change_trigger_action.isEnabled()
    changed: list[Any] = []
    monkeypatch.setattr(TriggerChangeDialog, "ask", classmethod(
        lambda cls, parent, db, trigger, **kw: changed.append(trigger)))
    tab.change_trigger_action.trigger()
    qtbot.waitUntil(lambda: bool(changed), timeout=10_000)
    assert changed[0].id == trigger_id
    assert changed[0].trigger_name == "Summons and complaint served"


def test_change_trigger_needs_a_computed_deadline_and_menus_are_there(
        qtbot: Any, app_and_ids: Any) -> None:
    app, ids = app_and_ids
    tab = _open_calendar_tab(qtbot, app, ids["case2"])
    assert tab.current_event() is None and not tab.change_trigger_action.isEnabled()
    window = app.window
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text().replace("&", "") for a in file_menu.actions()]
    assert "Deadline rules…" in texts and "Courts  holidays…" in texts
    assert window.compute_action.isEnabled()  # case2 is selected and open

"""A court date that deadlines count from is vacated, cancelled or deleted: its pending deadlines
are offered for vacating (none ticked), and only what the person ticks is vacated. Also: the
case Calendar tab's "Import calendar file (.ics) into this case…" asks the window to do it.

The calendar pane, a case's Calendar tab and the dialog are real; the modal dialog is driven
through `DependentDeadlinesDialog.run`."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from casedesk.domain.enums import EventStatus
from casedesk.domain.rows import EventRow
from casedesk.services import deadlines, event_list, events
from casedesk.ui.db import Database
from casedesk.ui.dialogs.dependent_deadlines_dialog import DependentDeadlinesDialog
from casedesk.ui.dialogs.event_dialog import EventDialog, input_from_row
from casedesk.ui.dialogs.trigger_change_dialog import TriggerChangeDialog
from casedesk.ui.panes.calendar_pane import CalendarPane
from casedesk.ui.settings import Settings
from casedesk.ui.widgets.calendar_actions import EventActions
from casedesk.ui.widgets.calendar_case_events import CaseEventsTab
from tests.ui.dialog_fixtures import PLATFORM_LIMITS, discard_at_teardown, show  # noqa: F401
from tests.ui.pane_fixtures import open_practice, settings, show_in_host  # noqa: F401
from tests.ui.test_deadline_dialogs import case_events, fetch
from tests.ui.test_event_linked_deadlines import CASE_LABEL, build, select

pytestmark = pytest.mark.qt_log_ignore(PLATFORM_LIMITS)

LEFT = Qt.MouseButton.LeftButton
CHECK = Qt.ItemDataRole.CheckStateRole
SERVED = "Serve the motion and notice of hearing"  # Mon 23 Feb 2026, 14 days before
AFFIDAVITS = "Serve opposing affidavits"  # Mon 2 Mar 2026, 7 days before
Ids = dict[str, uuid.UUID]


def statuses(qtbot: Any, db: Database, case_id: uuid.UUID) -> dict[str, EventStatus]:
    return {r.title: r.status for r in case_events(qtbot, db, case_id)}


def rows_of(dialog: DependentDeadlinesDialog) -> list[tuple[str, str, bool]]:
    model = dialog.model
    return [(model.index(r, 0).data(), model.index(r, 1).data(),
             model.index(r, 0).data(CHECK) == Qt.CheckState.Checked)
            for r in range(model.rowCount())]


def tick(dialog: DependentDeadlinesDialog, titles: Sequence[str]) -> None:
    model = dialog.model
    for number in range(model.rowCount()):
        if model.index(number, 0).data() in titles:
            assert model.setData(model.index(number, 0), Qt.CheckState.Checked.value, CHECK)


def button_text(dialog: DependentDeadlinesDialog) -> str:
    return dialog.vacate_button.text().replace("&", "")


class Offers:
    """Answers DependentDeadlinesDialog.run with the real dialog: records what it showed,
    ticks `ticks`, then presses "Vacate N deadlines" or "Keep them"."""

    def __init__(self, qtbot: Any, db: Database, monkeypatch: Any, *,
                 ticks: Sequence[str] = (), press: str = "vacate") -> None:
        self.seen: list[dict[str, Any]] = []
        self._qtbot, self._db, self._ticks, self._press = qtbot, db, ticks, press
        monkeypatch.setattr(DependentDeadlinesDialog, "run",
                            classmethod(lambda cls, dialog: self.run(dialog)))

    def run(self, dialog: DependentDeadlinesDialog) -> int:
        show(self._qtbot, dialog)
        seen = {"title": dialog.windowTitle(), "headline": dialog.headline.text(),
                "event": dialog.event_label.text(), "rows": rows_of(dialog),
                "button": button_text(dialog), "enabled": dialog.vacate_button.isEnabled()}
        tick(dialog, self._ticks)
        seen["ticked_button"] = button_text(dialog)
        self.seen.append(seen)
        if self._press == "vacate":
            self._qtbot.mouseClick(dialog.vacate_button, LEFT)
            self._qtbot.waitUntil(lambda: dialog.vacated > 0 and self._db.idle)
        else:
            self._qtbot.mouseClick(dialog.keep_button, LEFT)
        assert not dialog.isVisible()
        return dialog.vacated


@pytest.fixture(name="tab_on")
def tab_on_fixture(qtbot: Any, open_practice: Any) -> Any:  # noqa: F811
    """`tab_on()`: the case's Calendar tab on the practice with the linked motion deadlines,
    the hearing selected; returns (tab, db, ids, status messages)."""
    def make() -> tuple[CaseEventsTab, Database, Ids, list[str]]:
        db, ids = open_practice(lambda p: build(p, linked=True))
        host = show(qtbot, QWidget())
        actions = EventActions(db, host, staff=lambda: [], actor=lambda: ids["alice"])
        tab = CaseEventsTab(db, actions, host)
        tab.show_case(ids["case"], CASE_LABEL)
        qtbot.waitUntil(lambda: tab.loaded)
        choose(tab, ids["hearing"])
        messages: list[str] = []
        actions.status_message.connect(messages.append)
        return tab, db, ids, messages

    return make


def choose(tab: CaseEventsTab, event_id: uuid.UUID) -> EventRow:
    tab.view.selectRow(next(i for i, r in enumerate(tab.model.rows) if r.id == event_id))
    row = tab.current_event()
    assert row is not None and row.id == event_id
    return row


def test_vacating_the_hearing_on_the_case_tab_offers_its_deadlines_and_vacates_the_ticked(
        qtbot: Any, tab_on: Any, monkeypatch: Any) -> None:
    tab, db, ids, messages = tab_on()
    offers = Offers(qtbot, db, monkeypatch, ticks=[AFFIDAVITS])
    vacate = tab.entry_actions.vacate
    assert vacate in tab.more_button.menu().actions()
    vacate.trigger()
    qtbot.waitUntil(lambda: any(m.startswith("Vacated 1 deadline") for m in messages))
    [seen] = offers.seen
    assert seen["headline"] == ("The hearing on Mon 9 Mar 2026 was vacated. These deadlines "
                                "count from it:")
    assert seen["title"] == f"Deadlines from the hearing — {CASE_LABEL}"
    assert seen["event"] == "“Motion hearing”"
    assert [(title, ticked) for title, _due, ticked in seen["rows"]] == [
        (SERVED, False), (AFFIDAVITS, False)]  # nobody chose yet: nothing ticked
    assert [due.split(" (")[0] for _t, due, _c in seen["rows"]] == ["Mon 23 Feb 2026",
                                                                    "Mon 2 Mar 2026"]
    assert (seen["button"], seen["enabled"]) == ("Vacate 0 deadlines", False)
    assert seen["ticked_button"] == "Vacate 1 deadline"
    assert messages[-1] == "Vacated 1 deadline that counted from the hearing · Reopen undoes it"
    assert statuses(qtbot, db, ids["case"]) == {
        "Motion hearing": EventStatus.VACATED, AFFIDAVITS: EventStatus.VACATED,
        SERVED: EventStatus.SCHEDULED, "Deposition of Smith": EventStatus.SCHEDULED,
        "Reply brief due": EventStatus.SCHEDULED}
    [left] = fetch(qtbot, db, deadlines.dependent_deadlines, event_id=ids["hearing"])
    assert left.title == SERVED


@pytest.fixture(name="pane_on")
def pane_on_fixture(qtbot: Any, open_practice: Any,  # noqa: F811
                    settings: Settings) -> Iterator[Any]:  # noqa: F811
    """`pane_on()`: the calendar pane on the practice with linked deadlines, hearing selected."""
    hosts: list[QWidget] = []

    def make() -> tuple[CalendarPane, Database, Ids]:
        db, ids = open_practice(lambda p: build(p, linked=True))
        pane = CalendarPane(db, settings)
        hosts.append(show_in_host(qtbot, pane, 1280, 800))
        qtbot.waitUntil(lambda: pane.loaded)
        select(qtbot, pane, ids["hearing"])
        return pane, db, ids

    yield make
    for host in hosts:
        host.close()


def test_cancelling_in_the_calendar_and_keeping_them_changes_nothing(
        qtbot: Any, pane_on: Any, monkeypatch: Any) -> None:
    pane, db, ids = pane_on()
    before = statuses(qtbot, db, ids["case"])
    offers = Offers(qtbot, db, monkeypatch, ticks=[SERVED, AFFIDAVITS], press="keep")
    messages: list[str] = []
    pane.status_message.connect(messages.append)
    pane.entry_actions.cancel.trigger()
    qtbot.waitUntil(lambda: any(m.startswith("Kept") for m in messages))
    [seen] = offers.seen
    assert seen["headline"].startswith("The hearing on Mon 9 Mar 2026 was cancelled.")
    assert seen["ticked_button"] == "Vacate 2 deadlines"  # ticked, but "Keep them" pressed
    assert messages[-1] == "Kept 2 deadlines that count from the cancelled hearing"
    qtbot.waitUntil(lambda: db.idle)
    assert statuses(qtbot, db, ids["case"]) == {**before,
                                                "Motion hearing": EventStatus.CANCELLED}
    assert len(fetch(qtbot, db, deadlines.dependent_deadlines, event_id=ids["hearing"])) == 2


def test_deleting_the_hearing_offers_its_deadlines(qtbot: Any, tab_on: Any,
                                                   monkeypatch: Any) -> None:
    tab, db, ids, messages = tab_on()
    monkeypatch.setattr(EventActions, "confirm", lambda self, question, explanation: True)
    offers = Offers(qtbot, db, monkeypatch, ticks=[SERVED, AFFIDAVITS])
    tab.delete_current()
    qtbot.waitUntil(lambda: any(m.startswith("Vacated 2 deadlines") for m in messages))
    [seen] = offers.seen
    assert seen["headline"].startswith("The hearing on Mon 9 Mar 2026 was deleted.")
    after = statuses(qtbot, db, ids["case"])
    assert "Motion hearing" not in after
    assert (after[SERVED], after[AFFIDAVITS], after["Reply brief due"]) == (
        EventStatus.VACATED, EventStatus.VACATED, EventStatus.SCHEDULED)


def test_events_nothing_counts_from_and_a_hearing_held_open_nothing(
        qtbot: Any, tab_on: Any, monkeypatch: Any) -> None:
    tab, db, ids, messages = tab_on()
    opened: list[Any] = []
    monkeypatch.setattr(DependentDeadlinesDialog, "ask",
                        classmethod(lambda cls, *a, **kw: opened.append(kw) or 0))
    monkeypatch.setattr(EventActions, "confirm", lambda self, question, explanation: True)
    actions = tab.event_actions
    hearing = choose(tab, ids["hearing"])
    actions.set_status(hearing, EventStatus.DONE, "Heard; motion granted")  # held: not gone
    choose(tab, ids["depo"])
    tab.entry_actions.vacate.trigger()
    choose(tab, ids["due"])
    tab.delete_current()
    qtbot.waitUntil(lambda: len(messages) == 3 and db.idle)
    qtbot.wait(50)
    assert opened == []
    assert messages[0].startswith("Done: Motion hearing")
    assert messages[2].startswith("Deleted filing deadline “Reply brief due”")
    after = statuses(qtbot, db, ids["case"])
    assert (after[SERVED], after[AFFIDAVITS]) == (EventStatus.SCHEDULED, EventStatus.SCHEDULED)
    assert after["Deposition of Smith"] is EventStatus.VACATED


def test_vacating_in_the_event_form_offers_the_deadlines_instead_of_a_move_review(
        qtbot: Any, tab_on: Any, monkeypatch: Any) -> None:
    tab, db, ids, messages = tab_on()
    reviews: list[Any] = []
    monkeypatch.setattr(TriggerChangeDialog, "ask",
                        classmethod(lambda cls, *a, **kw: reviews.append(kw)))
    hearing = tab.current_event()
    assert hearing is not None
    answer = EventDialog.Answer(data=input_from_row(hearing, status=EventStatus.VACATED),
                                event_id=hearing.id, expected_version=hearing.version)
    monkeypatch.setattr(EventDialog, "ask", classmethod(lambda cls, parent, **kw: answer))
    offers = Offers(qtbot, db, monkeypatch, ticks=[SERVED])
    tab.edit_current()
    qtbot.waitUntil(lambda: any(m.startswith("Vacated 1 deadline") for m in messages))
    assert offers.seen[0]["headline"].startswith("The hearing on Mon 9 Mar 2026 was vacated.")
    assert reviews == []
    after = statuses(qtbot, db, ids["case"])
    assert (after["Motion hearing"], after[SERVED], after[AFFIDAVITS]) == (
        EventStatus.VACATED, EventStatus.VACATED, EventStatus.SCHEDULED)
    # Editing the vacated hearing again (its notes) offers nothing more.
    vacated = choose(tab, ids["hearing"])
    again = EventDialog.Answer(data=input_from_row(vacated, notes="Vacated by minute order"),
                               event_id=vacated.id, expected_version=vacated.version)
    monkeypatch.setattr(EventDialog, "ask", classmethod(lambda cls, parent, **kw: again))
    tab.edit_current()
    qtbot.waitUntil(lambda: messages[-1].startswith("Saved hearing") and db.idle)
    qtbot.wait(50)
    assert len(offers.seen) == 1


def test_a_deadline_changed_meanwhile_is_refused_and_the_list_refreshed(
        qtbot: Any, open_practice: Any) -> None:  # noqa: F811
    db, ids = open_practice(lambda p: build(p, linked=True))
    hearing = fetch(qtbot, db, event_list.get_event, ids["hearing"], plain=True)
    found = fetch(qtbot, db, deadlines.dependent_deadlines, event_id=ids["hearing"])
    dialog = DependentDeadlinesDialog(None, db, hearing, outcome="vacated", deadlines=found,
                                      actor_staff_id=ids["alice"], today=date(2026, 2, 1))
    show(qtbot, dialog)
    assert [due for _t, due, _c in rows_of(dialog)] == ["Mon 23 Feb 2026", "Mon 2 Mar 2026"]
    tick(dialog, [SERVED, AFFIDAVITS])
    done: list[Any] = []
    db.write(events.set_event_status, event_id=found[0].event_id, status="done",
             satisfied_by="Served by e-mail", on_done=done.append)
    qtbot.waitUntil(lambda: bool(done))
    qtbot.mouseClick(dialog.vacate_button, LEFT)
    qtbot.waitUntil(lambda: db.idle and not dialog.waiting() and dialog.model.rowCount() == 1)
    assert dialog.isVisible() and dialog.vacated == 0
    assert dialog.message.text() == (f"Nothing was vacated: “{SERVED}” is no longer scheduled "
                                     "(it is done); nothing was vacated.")
    assert rows_of(dialog) == [(AFFIDAVITS, "Mon 2 Mar 2026", True)]  # still ticked
    assert statuses(qtbot, db, ids["case"])[AFFIDAVITS] is EventStatus.SCHEDULED
    qtbot.mouseClick(dialog.vacate_button, LEFT)
    qtbot.waitUntil(lambda: dialog.vacated == 1 and db.idle)
    assert not dialog.isVisible()
    assert statuses(qtbot, db, ids["case"])[AFFIDAVITS] is EventStatus.VACATED


# --- Import calendar file (.ics) into this case… ---------------------------------------------

def test_the_case_tab_asks_the_window_to_import_an_ics_file_into_its_case(
        qtbot: Any, app_and_ids: Any, monkeypatch: Any) -> None:
    from casedesk.ui import calendar_files

    app, ids = app_and_ids
    imports: list[Any] = []  # the window's import flow (its file dialog would be modal)
    monkeypatch.setattr(calendar_files, "import_calendar_file",
                        lambda window, *, case=None: imports.append(case))
    pane = app.window.cases_pane
    pane.select_case(ids["case1"])
    detail = pane.detail
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.id == ids["case1"],
                    timeout=10_000)
    tab = detail.events_tab
    action = tab.import_ics_action
    assert action in tab.more_button.menu().actions() and action.isEnabled()
    assert action.text().replace("&", "") == "Import calendar file (.ics) into this case…"
    from_detail: list[tuple[Any, ...]] = []
    detail.import_ics_requested.connect(lambda *args: from_detail.append(args))
    with qtbot.waitSignal(pane.import_ics_requested, timeout=5000) as blocker:
        action.trigger()
    assert blocker.args == [ids["case1"], "2026-CV-0001 · Smith v. Acme Logistics"]
    assert from_detail == [(ids["case1"], "2026-CV-0001 · Smith v. Acme Logistics")]
    assert imports == [(ids["case1"], "2026-CV-0001 · Smith v. Acme Logistics")]
    # A closed case takes no imports (the service refuses them too).
    tab.show_case(ids["case1"], "2026-CV-0001 · Smith v. Acme Logistics", closed=True)
    assert not action.isEnabled()
    with qtbot.assertNotEmitted(pane.import_ics_requested):
        tab.request_ics_import()

"""The case's Requests tab (the client's checklist) on a real practice, its dialogs, and overdue
requests surfaced with the deadlines: the calendar's "Documents requested from clients" section
and the overdue banner."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt

from casedesk.domain.enums import EventKind
from casedesk.services import cases, document_requests, events
from casedesk.services.document_requests import DueRequestRow, RequestStatus
from casedesk.services.events import EventInput
from casedesk.ui import format as fmt
from casedesk.ui import style
from casedesk.ui.dialogs.correspondence_dialog import DocumentChoice, Person
from casedesk.ui.dialogs.request_dialog import ReceivedDialog, RequestDialog
from casedesk.ui.reminder_center import OverdueBanner
from casedesk.ui.widgets import case_requests
from casedesk.ui.widgets.calendar_requests import DueRequestsPanel
from casedesk.ui.widgets.case_requests import (
    DOCUMENT_COL,
    DUE_COL,
    ITEM_COL,
    STATUS_COL,
    CaseRequestsTab,
)
from tests.ui.correspondence_fixtures import CASE_LABEL, TODAY, Ids, build, read
from tests.ui.dialog_fixtures import discard_at_teardown  # noqa: F401
from tests.ui.pane_fixtures import open_practice, show_in_host  # noqa: F401


@pytest.fixture
def tab_and_ids(qtbot: Any, open_practice: Any,  # noqa: F811
                qtmodeltester: Any) -> Iterator[tuple[CaseRequestsTab, Ids]]:
    db, ids = open_practice(build)
    tab = CaseRequestsTab(db, actor=lambda: ids["alice"])
    host = show_in_host(qtbot, tab, 1200, 600)
    titles: list[str] = []
    tab.title_changed.connect(titles.append)
    tab.show_case(ids["case"], CASE_LABEL, read(db, cases.get_case_detail, ids["case"]).parties)
    qtbot.waitUntil(lambda: tab.loaded)
    qtmodeltester.check(tab.model)
    assert titles == ["Requests (3, 1 overdue)"]
    yield tab, ids
    host.close()


def _past(day: date) -> str:
    return QLocale().toString(fmt.to_qdate(day), "d MMM yyyy")


def column(tab: CaseRequestsTab, col: int) -> list[str]:
    return [tab.model.index(r, col).data() for r in range(tab.model.rowCount())]


def select(tab: CaseRequestsTab, request_id: uuid.UUID) -> None:
    tab.select_request(request_id)
    assert tab.current_request() is not None and tab.current_request().id == request_id


def test_checklist_outstanding_first_with_overdue_in_red_and_in_words(
        tab_and_ids: tuple[CaseRequestsTab, Ids]) -> None:
    tab, ids = tab_and_ids
    assert column(tab, ITEM_COL) == [
        "Pay stubs for the last six months", "Medical records from Dr. Lee",
        "Tax returns 2024 and 2025", "Bank statements Jan–Mar", "Old warehouse lease"]
    assert column(tab, STATUS_COL) == [
        "Overdue 3 days", "Due in 10 days", "Outstanding",
        f"Received {_past(TODAY - timedelta(days=12))}", f"Withdrawn {_past(TODAY)}"]
    assert column(tab, DUE_COL)[:3] == [fmt.day(TODAY - timedelta(days=3)),
                                        fmt.day(TODAY + timedelta(days=10)), ""]
    assert column(tab, DOCUMENT_COL)[3] == "Bank statements Jan–Mar"
    overdue = tab.model.index(0, STATUS_COL)
    assert overdue.data(Qt.ItemDataRole.ForegroundRole) == style.overdue_color()
    assert overdue.data(Qt.ItemDataRole.DecorationRole) is not None  # and an icon
    assert tab.model.index(1, STATUS_COL).data(Qt.ItemDataRole.ForegroundRole) is None
    assert tab.model.index(3, STATUS_COL).data(Qt.ItemDataRole.ForegroundRole) \
        == style.ok_color()
    assert tab.model.index(4, ITEM_COL).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert "All pages" in tab.model.index(0, ITEM_COL).data(Qt.ItemDataRole.ToolTipRole)
    assert tab.count_label.text() == "3 outstanding (1 overdue) · 1 received · 1 withdrawn"
    shown = [text for c in range(tab.model.columnCount()) for text in column(tab, c)]
    assert not any(str(i) in text for text in shown for i in ids.values())


def test_actions_follow_the_status(tab_and_ids: Any) -> None:
    tab, ids = tab_and_ids
    select(tab, ids["req_paystubs"])
    assert tab.withdraw_action.isEnabled() and not tab.reopen_action.isEnabled()
    assert tab.received_action.text() == "Mark received…"
    select(tab, ids["req_statements"])
    assert tab.reopen_action.isEnabled() and not tab.withdraw_action.isEnabled()
    assert tab.received_action.text() == "Change received…"
    select(tab, ids["req_lease"])
    assert tab.reopen_action.isEnabled() and tab.received_action.isEnabled()
    assert tab.letter_action.isEnabled() and tab.add_action.isEnabled()


def test_add_through_the_dialog(qtbot: Any, tab_and_ids: Any,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    tab, ids = tab_and_ids
    asked: list[dict[str, Any]] = []

    def ask(cls: Any, parent: Any, **kwargs: Any) -> RequestDialog.Answer:
        asked.append(kwargs)
        return RequestDialog.Answer(item="Signed HIPAA release", requested_on=TODAY,
                                    due_on=TODAY + timedelta(days=1),
                                    contact_id=kwargs["default_contact"], notes="",
                                    case_id=kwargs["case_id"])

    monkeypatch.setattr(RequestDialog, "ask", classmethod(ask))
    titles: list[str] = []
    tab.title_changed.connect(titles.append)
    tab.buttons["add"].click()
    qtbot.waitUntil(lambda: "Signed HIPAA release" in column(tab, ITEM_COL), timeout=10_000)
    assert asked[0]["default_contact"] == ids["smith"]  # the client
    assert asked[0]["case_label"] == CASE_LABEL
    row = tab.current_request()
    assert row is not None and row.item == "Signed HIPAA release"  # the new one is selected
    assert row.contact_name == "John Smith"
    assert column(tab, STATUS_COL)[tab.model.row_of(row.id)] == "Due tomorrow"
    assert titles[-1] == "Requests (4, 1 overdue)"


def test_mark_received_with_a_document_then_reopen(qtbot: Any, tab_and_ids: Any,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    tab, ids = tab_and_ids
    offered: list[list[DocumentChoice]] = []

    def ask(cls: Any, parent: Any, *, request: Any, documents: Any) -> ReceivedDialog.Answer:
        offered.append(list(documents))
        return ReceivedDialog.Answer(request_id=request.id, received_on=TODAY,
                                     document_id=ids["statements"],
                                     expected_version=request.version)

    monkeypatch.setattr(ReceivedDialog, "ask", classmethod(ask))
    select(tab, ids["req_paystubs"])
    tab.received_action.trigger()
    qtbot.waitUntil(lambda: tab.current_request() is not None
                    and tab.current_request().status is RequestStatus.RECEIVED,
                    timeout=10_000)
    assert {d.id for d in offered[0]} == {ids["engagement"], ids["complaint"],
                                          ids["statements"], ids["notes"]}
    row = tab.current_request()
    assert row.id == ids["req_paystubs"] and row.document_title == "Bank statements Jan–Mar"
    assert tab.count_label.text() == "2 outstanding · 2 received · 1 withdrawn"
    tab.reopen_action.trigger()
    qtbot.waitUntil(lambda: tab.current_request() is not None
                    and tab.current_request().status is RequestStatus.OUTSTANDING,
                    timeout=10_000)
    assert tab.current_request().document_id is None


def test_withdraw_then_delete_after_asking(qtbot: Any, tab_and_ids: Any,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    tab, ids = tab_and_ids
    said: list[str] = []
    tab.status_message.connect(said.append)
    select(tab, ids["req_tax"])
    tab.withdraw_action.trigger()
    qtbot.waitUntil(lambda: said == ["Withdrew “Tax returns 2024 and 2025” (Reopen undoes "
                                     "it)."], timeout=10_000)
    qtbot.waitUntil(lambda: tab.current_request() is not None
                    and tab.current_request().status is RequestStatus.WITHDRAWN)
    questions: list[str] = []
    answers = [False, True]

    def confirm(parent: Any, title: str, text: str, info: str, action: str) -> bool:
        questions.append(text)
        return answers.pop(0)

    monkeypatch.setattr(case_requests, "confirm", confirm)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert questions == ["Delete the request for “Tax returns 2024 and 2025” from "
                         "2026-CV-0142?"]
    assert tab.model.rowCount() == 5
    tab.delete_action.trigger()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 4, timeout=10_000)
    left = read(tab._db, document_requests.list_for_case, ids["case"])
    assert "Tax returns 2024 and 2025" not in [r.item for r in left]


def test_request_letter_asks_the_window(qtbot: Any, tab_and_ids: Any) -> None:
    tab, ids = tab_and_ids
    with qtbot.waitSignal(tab.request_letter_requested) as blocker:
        tab.buttons["letter"].click()
    assert blocker.args == [ids["case"]]


def test_closed_case_takes_no_new_requests_and_empty_state_explains(
        qtbot: Any, tab_and_ids: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    tab, ids = tab_and_ids
    monkeypatch.setattr(RequestDialog, "ask",
                        classmethod(lambda *a, **k: pytest.fail("no dialog on a closed case")))
    titles: list[str] = []
    tab.title_changed.connect(titles.append)
    tab.show_case(ids["other"], "2026-CV-0107 · Estate of Brown", ())
    qtbot.waitUntil(lambda: tab.loaded and tab.stack.currentWidget() is tab.empty)
    assert titles == ["Requests"]
    assert tab.empty.headline.text() == "No documents requested from the client yet."
    assert "calendar" in tab.empty.explanation.text()
    assert tab.empty_add.isVisibleTo(tab) and not tab.letter_action.isEnabled()
    tab.show_case(ids["other"], "2026-CV-0107 · Estate of Brown", (), closed=True)
    assert not tab.add_action.isEnabled() and not tab.empty_add.isVisibleTo(tab)
    assert "reopen it" in tab.empty.explanation.text()
    tab.add_request()


# -- the dialogs -----------------------------------------------------------------------------------
CLIENT = Person(uuid.uuid4(), "John Smith", "John Smith (Client)")


def _show(qtbot: Any, dialog: Any) -> Any:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_request_dialog_checks_the_dates(qtbot: Any) -> None:
    case_id = uuid.uuid4()
    dialog = _show(qtbot, RequestDialog(None, case_id=case_id, case_label=CASE_LABEL,
                                        contacts=[CLIENT], default_contact=CLIENT.id))
    assert dialog.windowTitle() == "Request a document — 2026-CV-0142"
    assert not dialog.save_button.isEnabled() and dialog.message.text() == \
        "Say what is requested"
    dialog.item_edit.setText("  Pay   stubs ")
    assert dialog.save_button.isEnabled()
    assert dialog.due_edit.value() is None  # no due date until ticked…
    dialog.due_edit.check.setChecked(True)  # …then two weeks out
    assert dialog.due_edit.value() == TODAY + timedelta(days=14)
    dialog.due_edit.edit.setDate(fmt.to_qdate(TODAY - timedelta(days=1)))
    assert dialog.message.text() == "The due date is before the day it was requested"
    assert not dialog.save_button.isEnabled()
    dialog.due_edit.edit.setDate(fmt.to_qdate(TODAY + timedelta(days=3)))
    answer = dialog.answer()
    assert answer.as_kwargs() == {"case_id": case_id, "item": "Pay stubs",
                                  "requested_on": TODAY, "due_on": TODAY + timedelta(days=3),
                                  "contact_id": CLIENT.id, "notes": ""}


def _request(**changes: Any) -> document_requests.DocumentRequestRow:
    values: dict[str, Any] = dict(
        id=uuid.uuid4(), case_id=uuid.uuid4(), item="Pay stubs",
        requested_on=TODAY - timedelta(days=5), due_on=None, received_on=None,
        withdrawn_on=None, document_id=None, document_title="", contact_id=CLIENT.id,
        contact_name="John Smith", notes="", status=RequestStatus.OUTSTANDING, overdue=False,
        days_overdue=0, version=2)
    values.update(changes)
    return document_requests.DocumentRequestRow(**values)


def test_edit_dialog_keeps_the_request_and_its_version(qtbot: Any) -> None:
    row = _request(due_on=TODAY + timedelta(days=2), notes="Both jobs")
    dialog = _show(qtbot, RequestDialog(None, case_id=row.case_id, case_label=CASE_LABEL,
                                        contacts=[CLIENT], request=row))
    assert dialog.windowTitle() == "Edit document request — 2026-CV-0142"
    assert not dialog.is_dirty()
    kwargs = dialog.answer().as_kwargs()
    assert (kwargs["request_id"], kwargs["expected_version"]) == (row.id, 2)
    assert kwargs["due_on"] == TODAY + timedelta(days=2) and kwargs["notes"] == "Both jobs"
    assert "case_id" not in kwargs


def test_received_dialog_offers_the_case_documents(qtbot: Any) -> None:
    doc = DocumentChoice(uuid.uuid4(), "Pay stubs Jan–Jun", "paystubs.pdf")
    row = _request()
    dialog = _show(qtbot, ReceivedDialog(None, request=row, documents=[doc]))
    assert dialog.save_button.text() == "Mark received" and dialog.save_button.isEnabled()
    assert dialog.document_combo.itemText(1) == "Pay stubs Jan–Jun  ·  paystubs.pdf"
    dialog.document_combo.setCurrentIndex(1)
    dialog.received_edit.setDate(fmt.to_qdate(TODAY - timedelta(days=9)))
    assert "cannot have come before that" in dialog.message.text()
    dialog.received_edit.setDate(fmt.to_qdate(TODAY - timedelta(days=1)))
    assert dialog.answer().as_kwargs() == {"request_id": row.id,
                                           "received_on": TODAY - timedelta(days=1),
                                           "document_id": doc.id, "expected_version": 2}


# -- overdue requests with the deadlines -----------------------------------------------------------
def test_calendar_section_lists_what_clients_owe(qtbot: Any, open_practice: Any,  # noqa: F811
                                                 qtmodeltester: Any) -> None:
    db, ids = open_practice(build)
    panel = DueRequestsPanel(db)
    host = show_in_host(qtbot, panel, 500, 300)
    panel.show_for(TODAY, 7)
    qtbot.waitUntil(lambda: panel.loaded)
    qtmodeltester.check(panel.model)
    assert [r.item for r in panel.model.rows] == ["Pay stubs for the last six months"]
    assert panel.heading.text() == "Documents requested from clients · 1 overdue"
    due = panel.model.index(0, 0)
    assert due.data() == fmt.day(TODAY - timedelta(days=3))
    assert due.data(Qt.ItemDataRole.ToolTipRole) == "Overdue 3 days"
    assert due.data(Qt.ItemDataRole.DecorationRole) is not None
    assert due.data(Qt.ItemDataRole.ForegroundRole) == style.overdue_color()
    assert panel.model.index(0, 1).data() == "2026-CV-0142"
    panel.show_for(TODAY, 30)  # the coming-up list's 30 days reach the medical records
    qtbot.waitUntil(lambda: len(panel.model.rows) == 2)
    assert panel.model.rows[1].item == "Medical records from Dr. Lee"
    with qtbot.waitSignal(panel.open_case_requested) as blocker:
        panel.view.activated.emit(panel.model.index(1, 2))
    assert blocker.args == [ids["case"]]
    panel.show_for(TODAY, 30, ids["other"])  # the calendar filtered on another case
    qtbot.waitUntil(lambda: not panel.model.rows)
    assert panel.empty.isVisibleTo(panel) and not panel.view.isVisibleTo(panel)
    assert panel.empty.text() == ("No document requested from a client is overdue or due in "
                                  "the next 30 days.")
    assert panel.heading.text() == "Documents requested from clients"
    host.close()


def _due_request(days_overdue: int) -> DueRequestRow:
    return DueRequestRow(id=uuid.uuid4(), case_id=uuid.uuid4(), case_number="2026-CV-0142",
                         case_title="Smith v. Acme", item="Pay stubs",
                         requested_on=TODAY - timedelta(days=20),
                         due_on=TODAY - timedelta(days=days_overdue), contact_name="",
                         days_overdue=days_overdue)


def test_banner_counts_overdue_requests(qtbot: Any) -> None:
    banner = OverdueBanner()
    qtbot.addWidget(banner)
    banner.show_overdue([], TODAY, [_due_request(3), _due_request(1)])
    assert not banner.isHidden()
    assert banner.text.text() == (
        f"2 document requests to clients are overdue: 2026-CV-0142 Pay stubs (due "
        f"{fmt.day(TODAY - timedelta(days=3))}, 3 days ago) and 1 more.")
    banner.show_overdue([], TODAY, [])
    assert banner.isHidden()


def test_window_shows_tabs_banner_and_calendar_section(qtbot: Any,
                                                        app_and_ids: Any) -> None:
    app, ids = app_and_ids
    window = app.window
    today = date.today()
    app.db.write(document_requests.add_request, case_id=ids["case1"], item="Payslips",
                 requested_on=today - timedelta(days=10), due_on=today - timedelta(days=2))
    banner = window.overdue_banner
    qtbot.waitUntil(banner.isVisible, timeout=10_000)
    assert banner.text.text().startswith("1 document request to a client is overdue: "
                                         "2026-CV-0001 Payslips")
    app.db.write(events.add_event, data=EventInput(
        kind=EventKind.FILING_DEADLINE, title="Reply brief", case_id=ids["case1"],
        on_date=today - timedelta(days=1), reminders_minutes_before=()))
    qtbot.waitUntil(lambda: "Also 1 document request to clients overdue."
                    in banner.text.text(), timeout=10_000)
    assert banner.text.text().startswith("1 deadline is overdue: 2026-CV-0001 Reply brief")

    window.open_case(ids["case1"])
    detail = window.cases_pane.detail
    titles = [detail.tabs.tabText(i) for i in range(detail.tabs.count())]
    assert "Correspondence" in titles
    sections = detail.correspondence_section
    qtbot.waitUntil(lambda: "Requests (1, 1 overdue)" in [
        sections.tabText(i) for i in range(sections.count())], timeout=10_000)
    # The tab holding an overdue request is marked (icon), not only its section.
    assert not detail.tabs.tabIcon(detail.tabs.indexOf(sections)).isNull()
    assert detail.requests_tab.case_id == ids["case1"]
    assert detail.correspondence_tab.case_id == ids["case1"]

    window.show_pane(1)
    section = window.calendar_pane.requests_due
    qtbot.waitUntil(lambda: section.loaded and len(section.model.rows) == 1, timeout=10_000)
    assert section.model.rows[0].item == "Payslips"
    with qtbot.waitSignal(window.calendar_pane.open_case_requested) as blocker:
        section.view.activated.emit(section.model.index(0, 2))
    assert blocker.args == [ids["case1"]]

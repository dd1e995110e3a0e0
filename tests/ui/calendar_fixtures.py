"""A practice for the Calendar pane tests: two people, two cases, tasks and events around
today (overdue, done, vacated, next month), and the pane shown on it."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from casedesk.domain.enums import TaskStatus
from casedesk.persistence.practice import Practice
from casedesk.services import cases, event_list, events, staff, tasks
from casedesk.services.events import EventInput
from casedesk.ui.dialogs.event_dialog import EventDialog
from casedesk.ui.models.event_models import AgendaModel
from casedesk.ui.panes.calendar_pane import CalendarPane
from casedesk.ui.settings import Settings
from tests.ui.pane_fixtures import open_practice, settings, show_in_host  # noqa: F401

TODAY = date.today()
NEXT_MONTH_15 = (TODAY.replace(day=1) + timedelta(days=32)).replace(day=15)
CHICAGO = ZoneInfo("America/Chicago")
Ids = dict[str, uuid.UUID]


def build(practice: Practice) -> Ids:
    ids = {name: uuid.uuid4() for name in (
        "alice", "bob", "answer", "old", "subpoena", "motion", "later", "far",
        "hearing", "overdue", "filed", "depo", "meeting", "vacated", "next_month")}
    w = practice.write
    w(staff.add_staff, name="Alice Attorney", role="attorney", staff_id=ids["alice"])
    w(staff.add_staff, name="Bob Paralegal", role="paralegal", staff_id=ids["bob"])
    _c, ids["case1"] = w(cases.create_case, number="2026-CV-0001", title="Smith v. Acme",
                         court_time_zone="America/Chicago", responsible_staff_id=ids["alice"])
    _c, ids["case2"] = w(cases.create_case, number="2026-CV-0002", title="Estate of Smith",
                         court_time_zone="America/Chicago", responsible_staff_id=ids["bob"])
    for key, case, title, due, who, extra in (
        ("answer", "case1", "File answer", TODAY - timedelta(days=2), "alice",
         {"priority": "urgent"}),
        ("old", "case1", "Old reminder", TODAY - timedelta(days=2), "bob", {"status": "done"}),
        ("subpoena", "case1", "Serve subpoena", TODAY, "bob", {}),
        ("motion", "case2", "Draft motion", TODAY + timedelta(days=3), "alice", {}),
        ("later", "case2", "Call client", TODAY + timedelta(days=20), "bob", {}),
        ("far", "case2", "Prepare trial binder", NEXT_MONTH_15, "alice", {}),
    ):
        w(tasks.add_task, case_id=ids[case], title=title, due_on=due,
          assignee_staff_id=ids[who], task_id=ids[key], **extra)

    def event(key: str, **kw: Any) -> None:
        w(events.add_event, data=EventInput(**kw), event_id=ids[key])

    at = datetime.combine
    event("hearing", kind="hearing", title="Motion hearing", case_id=ids["case1"],
          starts_at=at(TODAY, time(9, 30)), ends_at=at(TODAY, time(10, 30)),
          location="Courtroom 2141", attendee_staff_ids=(ids["alice"],))
    event("overdue", kind="filing_deadline", title="Answer due", case_id=ids["case1"],
          on_date=TODAY - timedelta(days=3))
    event("filed", kind="filing_deadline", title="Reply due", case_id=ids["case1"],
          on_date=TODAY - timedelta(days=5), status="done", satisfied_by="Filed, ECF 31")
    event("depo", kind="deposition", title="Deposition of Smith", case_id=ids["case2"],
          starts_at=at(TODAY + timedelta(days=2), time(10)), attendee_staff_ids=(ids["bob"],))
    event("meeting", kind="meeting", title="Partners meeting",
          starts_at=at(TODAY + timedelta(days=10), time(8, 30)), time_zone="America/Chicago")
    event("vacated", kind="conference", title="Status conference", case_id=ids["case2"],
          starts_at=at(TODAY - timedelta(days=1), time(11)), status="vacated")
    event("next_month", kind="hearing", title="Pretrial conference", case_id=ids["case2"],
          starts_at=at(NEXT_MONTH_15, time(14)))
    return ids


@pytest.fixture(name="pane_and_ids")
def pane_and_ids_fixture(qtbot: Any, open_practice: Any, settings: Settings,  # noqa: F811
                 qtmodeltester: Any) -> Iterator[tuple[CalendarPane, Ids]]:
    db, ids = open_practice(build)
    pane = CalendarPane(db, settings)
    host = show_in_host(qtbot, pane, 1280, 800)
    qtbot.waitUntil(lambda: pane.loaded and pane.side.upcoming_model.rowCount() > 0)
    for model in (pane.side.day_model, pane.side.upcoming_model):
        qtmodeltester.check(model)
    yield pane, ids
    host.close()


def titles(model: AgendaModel) -> list[str]:
    return [row.title for row in model.rows]


def read_event(pane: CalendarPane, event_id: uuid.UUID) -> Any:
    """The event as the database has it now."""
    with Practice(pane._db.location) as practice:
        return event_list.get_event(practice.reader, event_id)


def task_status(pane: CalendarPane, case_id: uuid.UUID, task_id: uuid.UUID) -> TaskStatus:
    with Practice(pane._db.location) as practice:
        detail = practice.read(cases.get_case_detail, case_id)
    return next(t.status for t in detail.tasks if t.id == task_id)


def answer_with(monkeypatch: pytest.MonkeyPatch, *answers: Any) -> list[dict[str, Any]]:
    """Answer EventDialog.ask with these, in turn; returns what it was asked."""
    asked: list[dict[str, Any]] = []
    queue = list(answers)

    def ask(cls: Any, parent: Any, **kwargs: Any) -> Any:
        asked.append(kwargs)
        value = queue.pop(0) if queue else None
        return value(kwargs) if callable(value) else value

    monkeypatch.setattr(EventDialog, "ask", classmethod(ask))
    return asked

"""The calendar's "Budgets" section: open cases near or over their budget, on a real practice
(budgets, time and expenses made through the services), read on the DB worker."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt

from casedesk.domain.changes import Changes
from casedesk.domain.enums import BudgetLevel
from casedesk.persistence.practice import Practice
from casedesk.services import budgets, cases, expenses, firm, staff, time_entries
from casedesk.services.budget_rows import BudgetLineInput
from casedesk.ui import format as fmt
from casedesk.ui import style
from casedesk.ui.widgets.calendar_budgets import (
    CASE_COL,
    STATE_COL,
    BudgetWarningsPanel,
    percent_text,
)
from casedesk.ui.widgets.calendar_requests import DueRequestsPanel
from tests.ui.pane_fixtures import open_practice, show_in_host

FIXTURES = (open_practice,)
TODAY = date.today()
Ids = dict[str, uuid.UUID]


def add_hours(write: Any, case_id: uuid.UUID, staff_id: uuid.UUID, hours: int) -> None:
    """`hours` whole hours, at most 8 a day, on the days before today."""
    day = 1
    while hours > 0:
        chunk = min(8, hours)
        write(time_entries.add_time_entry, case_id=case_id, staff_id=staff_id,
              worked_on=TODAY - timedelta(days=day), hours=str(chunk), phase="Pleadings")
        hours -= chunk
        day += 1


def build_budgets(practice: Practice) -> Ids:
    """A firm; Alice at 300/h; four open cases:
    near  2026-CV-0142  budget 10,000.00, 29.00 h = 8,700.00 -> 87.0 % (near)
    over  2026-CV-0007  budget  1,000.00, 5.00 h = 1,500.00 + expense 250.00 -> 175.0 % (over)
    calm  2026-CV-0300  budget 50,000.00, 1.00 h = 300.00 -> 0.6 %
    none  2026-CV-0400  no budget, 2.00 h = 600.00
    """
    ids: Ids = {}
    practice.write(firm.save_firm, name="Doe & Partners LLP", currency="USD")
    ids["alice"] = uuid.uuid4()
    practice.write(staff.add_staff, name="Alice Avery", role="attorney", staff_id=ids["alice"],
                   hourly_rate="300")
    for key, number, title, budget, hours in (
            ("near", "2026-CV-0142", "Smith v. Acme Logistics", "10000", "29"),
            ("over", "2026-CV-0007", "Garcia v. Northwind", "1000", "5"),
            ("calm", "2026-CV-0300", "In re Estate of Brown", "50000", "1"),
            ("none", "2026-CV-0400", "Lee v. Park", None, "2")):
        _c, ids[key] = practice.write(cases.create_case, number=number, title=title,
                                      status="open", opened_on=date(2026, 1, 5),
                                      responsible_staff_id=ids["alice"],
                                      practice_area="Civil litigation")
        if budget is not None:
            practice.write(budgets.set_budget, case_id=ids[key], lines=[
                BudgetLineInput(phase="Pleadings", kind="fees", amount=budget)])
        add_hours(practice.write, ids[key], ids["alice"], int(hours))
    practice.write(expenses.add_expense, case_id=ids["over"], spent_on=TODAY - timedelta(days=2),
                   category="Court fees", amount="250.00", phase="Pleadings")
    return ids


def test_percent_words() -> None:
    assert percent_text(Decimal("86.0")) == "86%"
    assert percent_text(Decimal("86.4")) == "86.4%"
    assert percent_text(Decimal("1175.0")) == "1,175%"
    assert percent_text(None) == ""


def test_lists_cases_near_and_over_budget(qtbot: Any, open_practice: Any,
                                          qtmodeltester: Any) -> None:
    db, ids = open_practice(build_budgets)
    panel = BudgetWarningsPanel(db)
    host = show_in_host(qtbot, panel, 500, 300)
    panel.show_for(TODAY)
    qtbot.waitUntil(lambda: panel.loaded, timeout=10_000)
    qtmodeltester.check(panel.model)
    assert [r.case_number for r in panel.model.rows] == ["2026-CV-0007", "2026-CV-0142"]
    assert panel.heading.text() == "Budgets · 1 over · 1 near"
    over, near = panel.model.index(0, STATE_COL), panel.model.index(1, STATE_COL)
    assert over.data() == "Over budget — 175% used"
    assert near.data() == "Near budget — 87% used"
    assert over.data(Qt.ItemDataRole.ForegroundRole) == style.overdue_color()
    assert near.data(Qt.ItemDataRole.ForegroundRole) == style.soon_color()
    assert over.data(Qt.ItemDataRole.DecorationRole) is not None  # an icon and a word
    assert near.data(Qt.ItemDataRole.DecorationRole) is not None
    tip = panel.model.index(0, CASE_COL).data(Qt.ItemDataRole.ToolTipRole)
    assert (f"Budget {fmt.money(Decimal('1000.00'))} · spent {fmt.money(Decimal('1750.00'))}"
            in tip)
    assert panel.model.rows[0].level is BudgetLevel.OVER

    # Nobody routes the Budget tab: the case opens.
    with qtbot.waitSignal(panel.open_case_requested) as blocker:
        panel.view.activated.emit(panel.model.index(1, STATE_COL))
    assert blocker.args == [ids["near"]]
    # Once the window routes it, the case opens at its Budget tab.
    opened: list[uuid.UUID] = []
    panel.open_budget_requested.connect(opened.append)
    panel.view.activated.emit(panel.model.index(0, CASE_COL))
    assert opened == [ids["over"]]

    panel.show_for(TODAY, ids["calm"])  # the calendar filtered on a case within budget
    qtbot.waitUntil(lambda: not panel.model.rows)
    assert panel.empty.isVisibleTo(panel) and not panel.view.isVisibleTo(panel)
    assert panel.empty.text() == "This case is within its budget."
    assert panel.heading.text() == "Budgets"
    host.close()


def test_follows_new_time_and_settings(qtbot: Any, open_practice: Any) -> None:
    db, ids = open_practice(build_budgets)
    panel = BudgetWarningsPanel(db)
    host = show_in_host(qtbot, panel, 500, 300)
    panel.show_for(TODAY)
    qtbot.waitUntil(lambda: len(panel.model.rows) == 2, timeout=10_000)
    # 28.00 more hours on the calm case: 8,700.00 of 50,000.00 = 17.4 %; lower the threshold.
    add_hours(lambda fn, **kw: db.write(fn, **kw), ids["calm"], ids["alice"], 28)
    from casedesk.services.budget_settings import save_settings

    db.write(save_settings, phases=["Pleadings"], expense_categories=["Court fees"],
             activities=["Draft or revise"], warning_percent=15, over_percent=90)
    qtbot.waitUntil(lambda: len(panel.model.rows) == 3, timeout=10_000)
    assert [(r.case_number, r.level) for r in panel.model.rows] == [
        ("2026-CV-0007", BudgetLevel.OVER), ("2026-CV-0142", BudgetLevel.WARNING),
        ("2026-CV-0300", BudgetLevel.WARNING)]
    assert panel.heading.text() == "Budgets · 1 over · 2 near"
    assert panel.model.index(2, STATE_COL).data() == "Near budget — 17.4% used"
    host.close()


def test_sits_under_the_requests_in_the_calendar(qtbot: Any, open_practice: Any
                                                 ) -> None:
    db, ids = open_practice(build_budgets)
    requests = DueRequestsPanel(db)
    host = show_in_host(qtbot, requests, 500, 500)
    requests.show_for(TODAY, 7)
    section = requests.budgets
    qtbot.waitUntil(lambda: section.loaded and len(section.model.rows) == 2, timeout=10_000)
    assert section.isVisibleTo(requests)
    with qtbot.waitSignal(requests.open_case_requested) as blocker:
        section.view.activated.emit(section.model.index(0, STATE_COL))
    assert blocker.args == [ids["over"]]
    requests.show_for(TODAY, 30, ids["near"])  # the calendar's case filter applies here too
    qtbot.waitUntil(lambda: [r.case_number for r in section.model.rows] == ["2026-CV-0142"])
    db.changed.emit(Changes(budgets=True))  # a change re-reads, for the same case
    qtbot.waitUntil(lambda: section.loaded)
    assert [r.case_number for r in section.model.rows] == ["2026-CV-0142"]
    host.close()


def test_in_the_calendar_pane(qtbot: Any, open_practice: Any, tmp_path: Any) -> None:
    from PySide6.QtCore import QSettings

    from casedesk.ui.panes.calendar_pane import CalendarPane
    from casedesk.ui.settings import Settings

    db, ids = open_practice(build_budgets)
    pane = CalendarPane(db, Settings(QSettings(str(tmp_path / "ui.ini"),
                                               QSettings.Format.IniFormat)))
    host = show_in_host(qtbot, pane, 1280, 800)
    section = pane.requests_due.budgets
    qtbot.waitUntil(lambda: section.loaded and len(section.model.rows) == 2, timeout=10_000)
    assert section.isVisibleTo(pane)
    with qtbot.waitSignal(pane.open_case_tab_requested) as blocker:  # at its Budget tab
        section.view.activated.emit(section.model.index(1, STATE_COL))
    assert blocker.args == [ids["near"], "budget"]
    host.close()

"""The case's Budget tab is built the first time it is shown (by its tab, the header's warning,
or Time ▸ Add time / Add expense), in its placeholder's place; until then the header warning
and the tab's warning icon still follow the case's budget, read on the DB worker."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtWidgets import QTabWidget

from casedesk.services.budget_rows import BudgetLineInput
from casedesk.ui import format as fmt
from casedesk.ui import style
from casedesk.ui.widgets.case_budget import CaseBudgetTab
from tests.ui import test_case_budget_header

window_and_ids = test_case_budget_header.window_and_ids  # the same real window (fixture)
TIP = "Budget, time and expenses"


def budget_index(detail: Any) -> int:
    titles = [detail.tabs.tabText(i) for i in range(detail.tabs.count())]
    assert titles.count("Budget") == 1, titles
    return titles.index("Budget")


def built(detail: Any) -> bool:
    return isinstance(detail.tabs.widget(budget_index(detail)), CaseBudgetTab)


def select(qtbot: Any, window: Any, case_id: Any, warning: str) -> Any:
    """Select the case; wait for its detail and for the header to say `warning` ("": none)."""
    detail = window.cases_pane.detail
    window.cases_pane.select_case(case_id)
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.id == case_id
                    and window.db.idle and (warning in detail.budget_warning.text()
                                            if warning else detail.budget_warning.text() == ""),
                    timeout=10_000)
    return detail


def test_the_warnings_follow_the_budget_without_building_the_tab(
        qtbot: Any, window_and_ids: Any) -> None:
    window, ids = window_and_ids
    detail = select(qtbot, window, ids["over"], "Over budget 175%")
    index = budget_index(detail)
    assert not built(detail)
    assert detail.budget_warning.isVisible()
    assert style.overdue_color().name() in detail.budget_warning.text()
    assert not detail.tabs.tabIcon(index).isNull()
    assert detail.tabs.tabToolTip(index) == f"{TIP} · Over budget 175%"

    detail = select(qtbot, window, ids["near"], "Near budget 87%")
    assert style.soon_color().name() in detail.budget_warning.text()
    assert detail.tabs.tabToolTip(index) == f"{TIP} · Near budget 87%"

    detail = select(qtbot, window, ids["calm"], "")
    assert not detail.budget_warning.isVisible()
    assert detail.tabs.tabIcon(index).isNull()
    assert detail.tabs.tabToolTip(index) == f"{TIP} · Within budget 0.6%"

    detail = select(qtbot, window, ids["none"], "")
    assert detail.tabs.tabToolTip(index) == f"{TIP} · No budget"
    # A budget set at another desk (or a dialog): read again, the tab still not built.
    from casedesk.services import budgets

    window.db.write(budgets.set_budget, case_id=ids["none"], lines=[
        BudgetLineInput(phase="Pleadings", kind="fees", amount="500")])
    qtbot.waitUntil(lambda: "Over budget 120%" in detail.budget_warning.text(), timeout=10_000)
    assert detail.budget_warning.isVisible()
    assert not detail.tabs.tabIcon(index).isNull()
    assert not built(detail)


def test_opening_the_tab_builds_it_in_place(qtbot: Any, window_and_ids: Any) -> None:
    window, ids = window_and_ids
    detail = select(qtbot, window, ids["over"], "Over budget 175%")
    index, count = budget_index(detail), detail.tabs.count()
    seen: list[tuple[int, Any]] = []
    detail.tabs.currentChanged.connect(lambda i: seen.append((i, detail.tabs.widget(i))))
    detail.tabs.setCurrentIndex(index)
    # At once, in the same place, and what others see on the signal is the real tab.
    tab = detail.tabs.widget(index)
    assert isinstance(tab, CaseBudgetTab) and isinstance(tab, QTabWidget)
    assert seen == [(index, tab)]
    assert detail.tabs.currentWidget() is tab is detail.budget_tab
    assert detail.tabs.count() == count
    assert detail.tabs.tabText(index) == "Budget"
    assert detail.tabs.tabToolTip(index) == f"{TIP} · Over budget 175%"
    assert not detail.tabs.tabIcon(index).isNull()
    assert [tab.tabText(i).split(" (")[0] for i in range(tab.count())] == [
        "Overview", "Time", "Expenses", "Revisions"]
    qtbot.waitUntil(lambda: tab.loaded and window.db.idle, timeout=10_000)
    values = {key: label.text() for key, label in tab.overview.values.items()}
    assert values["budget"] == fmt.money(Decimal("1000.00"))
    assert values["actual"] == fmt.money(Decimal("1750.00"))  # 5 h x 300.00 + 250.00
    assert values["used"] == "Over budget · 175% used"
    assert tab.tabText(1) == "Time (1)" and tab.tabText(2) == "Expenses (1)"
    assert "Over budget 175%" in detail.budget_warning.text()

    # Built once; from now on the tab itself drives the warnings.
    detail = select(qtbot, window, ids["calm"], "")
    assert detail.budget_tab is tab and tab.case_id == ids["calm"] and tab.loaded
    assert detail.tabs.tabToolTip(index) == f"{TIP} · Within budget 0.6%"
    assert detail.tabs.tabIcon(index).isNull()


def test_built_behind_another_tab_it_stays_behind(qtbot: Any, window_and_ids: Any) -> None:
    window, ids = window_and_ids
    detail = select(qtbot, window, ids["over"], "Over budget 175%")
    detail.tabs.setCurrentWidget(detail.notes_page)
    seen: list[int] = []
    detail.tabs.currentChanged.connect(seen.append)
    tab = detail.budget_tab  # as tests and time_actions reach it: built on first access
    assert built(detail) and detail.tabs.widget(budget_index(detail)) is tab
    assert detail.tabs.currentWidget() is detail.notes_page and seen == []
    assert detail.tabs.tabToolTip(budget_index(detail)) == f"{TIP} · Over budget 175%"
    qtbot.waitUntil(lambda: tab.loaded and tab.case_id == ids["over"], timeout=10_000)


def test_the_header_warning_builds_and_opens_it(qtbot: Any, window_and_ids: Any) -> None:
    window, ids = window_and_ids
    detail = select(qtbot, window, ids["near"], "Near budget 87%")
    detail.tabs.setCurrentWidget(detail.notes_page)  # a tab after Budget in front
    detail.budget_warning.linkActivated.emit("budget")
    assert built(detail) and detail.tabs.currentWidget() is detail.budget_tab
    qtbot.waitUntil(lambda: detail.budget_tab.loaded, timeout=10_000)
    assert detail.budget_tab.case_id == ids["near"]


def test_add_time_and_expense_from_the_menu_build_it(qtbot: Any, window_and_ids: Any,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from casedesk.ui.dialogs.expense_dialog import ExpenseDialog
    from casedesk.ui.dialogs.time_entry_dialog import TimeEntryDialog

    window, ids = window_and_ids
    asked: list[tuple[str, dict[str, Any]]] = []
    monkeypatch.setattr(TimeEntryDialog, "ask", classmethod(
        lambda cls, parent, **kwargs: asked.append(("time", kwargs))))
    monkeypatch.setattr(ExpenseDialog, "ask", classmethod(
        lambda cls, parent, **kwargs: asked.append(("expense", kwargs))))
    detail = select(qtbot, window, ids["near"], "Near budget 87%")
    qtbot.waitUntil(lambda: window.time.add_time_action.isEnabled(), timeout=10_000)
    assert not built(detail)
    window.time.add_time_action.trigger()
    assert built(detail)
    tab = detail.budget_tab
    assert detail.tabs.currentWidget() is tab
    # The dialog opens once the new tab has the case's lists (staff, settings).
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=10_000)
    kind, kwargs = asked[0]
    assert kind == "time" and kwargs["case_id"] == ids["near"]
    assert [s.name for s in kwargs["staff"]] == ["Alice Avery"]
    assert tab.currentWidget() is tab.time

    window.time.add_expense_action.trigger()  # loaded: asks once the case's documents are in
    assert tab.currentWidget() is tab.expenses
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=10_000)
    assert [k for k, _kw in asked] == ["time", "expense"]
    assert asked[1][1]["case_id"] == ids["near"]
    assert tab.currentWidget() is tab.expenses

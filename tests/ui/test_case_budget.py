"""The case's Budget tab on a real practice, built standalone as the case detail builds it:
the overview's figures and phases, the Time and Expenses lists with their totals and filters,
adding, editing, deleting and billing through the (answered) dialogs, receipts that open,
the budget's revisions, and the empty state."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QPushButton

from casedesk.domain.enums import BudgetKind, FeeArrangement
from casedesk.persistence.practice import Practice
from casedesk.services import budgets, cases, documents, expenses, staff, time_entries
from casedesk.services.budget_rows import BudgetLineInput
from casedesk.services.documents import DocumentMeta, NewFile
from casedesk.ui import document_files, style
from casedesk.ui import format as fmt
from casedesk.ui.settings import Settings
from casedesk.ui.widgets.case_budget import CaseBudgetTab
from tests.ui.dialog_fixtures import discard_at_teardown  # noqa: F401
from tests.ui.pane_fixtures import open_practice, show_in_host  # noqa: F401

Ids = dict[str, uuid.UUID]
TODAY = date.today()
CASE_LABEL = "2026-CV-0142 · Smith v. Acme Logistics"
OTHER_LABEL = "2026-CV-0107 · Estate of Brown"


def money(text: str) -> str:
    return fmt.money(Decimal(text))


# Budget 15,000.00: Pleadings fees 3,000.00; Discovery fees 10,000.00 (30 h), expenses 2,000.00.
# Actual 13,108.75 = fees 12,206.25 (3,500.00 + 7,175.00 + 1,531.25) + expenses 902.50
# (402.50 + 500.00): 87.4% used, near budget at the practice's 80% / 100%.
def build(practice: Practice) -> Ids:
    """Smith v. Acme with a budget, three time entries (one billed, one not billable) and two
    expenses (one billed, with its receipt among the case's documents); an empty second case."""
    w = practice.write
    ids: Ids = {"alice": uuid.uuid4(), "paul": uuid.uuid4()}
    w(staff.add_staff, name="Alice Avery", role="attorney", hourly_rate="350.00",
      staff_id=ids["alice"])
    w(staff.add_staff, name="Paul Park", role="paralegal", hourly_rate="125.00",
      staff_id=ids["paul"])
    _c, ids["case"] = w(cases.create_case, number="2026-CV-0142",
                        title="Smith v. Acme Logistics", status="open",
                        opened_on=TODAY - timedelta(days=60),
                        responsible_staff_id=ids["alice"])
    _c, ids["other"] = w(cases.create_case, number="2026-CV-0107", title="Estate of Brown",
                         status="open")
    case = ids["case"]
    stored = practice.blobs.put_bytes(b"%PDF receipt")
    _c, docs = w(documents.add_documents, case_id=case, files=[
        NewFile(stored=stored, file_name="Filing fee receipt.pdf",
                meta=DocumentMeta(title="Filing fee receipt"))])
    ids["receipt"] = uuid.UUID(str(docs[0]))
    _c, ids["budget"] = w(budgets.set_budget, case_id=case, lines=[
        BudgetLineInput("Pleadings", BudgetKind.FEES, "3000.00"),
        BudgetLineInput("Discovery", BudgetKind.FEES, "10000.00", "30"),
        BudgetLineInput("Discovery", BudgetKind.EXPENSES, "2000.00")],
        planned_end_on=TODAY + timedelta(days=90), reason="Engagement letter",
        actor_staff_id=ids["alice"])

    def time(key: str, who: str, days: int, hours: str, phase: str, activity: str,
             description: str, billable: bool = True) -> None:
        _c, ids[key] = w(time_entries.add_time_entry, case_id=case, staff_id=ids[who],
                         worked_on=TODAY - timedelta(days=days), hours=hours, phase=phase,
                         activity=activity, description=description, billable=billable)

    time("t_pleadings", "alice", 40, "10", "Pleadings", "Draft or revise", "Complaint")
    time("t_discovery", "alice", 10, "20.5", "Discovery", "Review and analyze",
         "Document production, first wave")
    time("t_paul", "paul", 5, "12.25", "Discovery", "Manage files", "Index of the production",
         billable=False)
    _c, ids["e_fee"] = w(expenses.add_expense, case_id=case,
                         spent_on=TODAY - timedelta(days=39), category="Court fees",
                         amount="402.50", vendor="Cook County Clerk", phase="Pleadings",
                         description="Filing fee", receipt_document_id=ids["receipt"])
    _c, ids["e_expert"] = w(expenses.add_expense, case_id=case,
                            spent_on=TODAY - timedelta(days=3), category="Expert witnesses",
                            amount="500.00", vendor="Dr. Lee", phase="Discovery",
                            description="Retainer")
    from casedesk.services import billing

    w(billing.mark_billed, case_id=case, billed_on=TODAY - timedelta(days=30),
      time_entry_ids=[ids["t_pleadings"]], expense_ids=[ids["e_fee"]])
    return ids


def make_tab(qtbot: Any, db: Any, ids: Ids, tmp_path: Path, settings: Settings | None = None,
             *, case: str = "case", size: tuple[int, int] = (1100, 700)
             ) -> tuple[CaseBudgetTab, Any]:
    """The Budget tab over `ids[case]`, shown in a host window (keep the host referenced);
    the integration helper for other tests (and how the case detail builds it)."""
    tab = CaseBudgetTab(db, actor=lambda: ids["alice"], settings=settings,
                        cache_root=lambda: tmp_path / "cache")
    host = show_in_host(qtbot, tab, *size)
    tab.show_case(ids[case], CASE_LABEL if case == "case" else OTHER_LABEL,
                  responsible_staff_id=ids["alice"] if case == "case" else None)
    qtbot.waitUntil(lambda: tab.loaded)
    return tab, host


def reloaded(qtbot: Any, tab: CaseBudgetTab, action: Callable[[], None]) -> None:
    """Do something that writes, and wait until the tab has shown the result."""
    with qtbot.waitSignal(tab.loaded_changed, timeout=10_000):
        action()


@pytest.fixture
def ui_settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def tab_and_ids(qtbot: Any, open_practice: Any, tmp_path: Path,  # noqa: F811
                ui_settings: Settings, qtmodeltester: Any
                ) -> Iterator[tuple[CaseBudgetTab, Ids]]:
    db, ids = open_practice(build)
    tab, host = make_tab(qtbot, db, ids, tmp_path, ui_settings)
    for model in (tab.time.model, tab.expenses.model, tab.revisions.model,
                  tab.revisions.line_model, tab.overview.phase_model):
        qtmodeltester.check(model)
    yield tab, ids
    host.close()


def column(model: Any, col: int) -> list[str]:
    return [model.index(r, col).data() for r in range(model.rowCount())]


def row_texts(model: Any, row: int) -> list[str]:
    return [model.index(row, c).data() for c in range(model.columnCount())]


# -- overview ---------------------------------------------------------------------------------
def test_overview_figures(tab_and_ids: tuple[CaseBudgetTab, Ids]) -> None:
    tab, _ids = tab_and_ids
    overview = tab.overview
    values = {key: label.text() for key, label in overview.values.items()}
    tips = {key: label.toolTip() for key, label in overview.values.items()}
    # One line each, the details in the tooltips.
    assert values["budget"] == money("15000.00")
    assert tips["budget"] == f"Fees {money('13000.00')} · expenses {money('2000.00')}"
    assert values["actual"] == money("13108.75")
    assert tips["actual"].startswith(f"Fees {money('12206.25')} · expenses "
                                     f"{money('902.50')} · 42.75 h.")
    assert values["remaining"] == money("1891.25")
    assert values["used"] == "Near budget · 87.4% used"
    assert overview.values["used"].palette().windowText().color() == style.soon_color()
    assert overview.values["used"].font().bold()
    assert not overview.level_icon.pixmap().isNull()  # an icon too, not colour alone
    assert values["unbilled"] == money("7675.00")  # 7,175.00 + 500.00; not Paul's time
    assert values["arrangement"] == "Hourly"
    assert values["hours"] == "42.75 h"
    assert values["planned_end"] == fmt.day(TODAY + timedelta(days=90))
    assert values["revision"].startswith("1, ")
    assert tips["revision"].startswith("Revision 1, set ") and tips["revision"].endswith(
        " by Alice Avery: Engagement letter")
    status = tab.data.status if tab.data else None
    assert status is not None and status.forecast_from_burn is not None
    assert values["forecast_burn"] == money(str(status.forecast_from_burn))
    assert fmt.day(TODAY + timedelta(days=90)) in tips["forecast_burn"]
    assert values["forecast_phases"] == money("15902.50")
    assert values["runs_out"] == fmt.day(status.exhausted_on)
    assert values["burn"].endswith(" / month")
    # Money and dates right-aligned, in tabular figures.
    for key in ("budget", "actual", "remaining", "forecast_burn", "runs_out"):
        label = overview.values[key]
        assert label.alignment() & Qt.AlignmentFlag.AlignRight
        assert label.font().featureValue(QFont.Tag("tnum")) == 1
    assert tab.attention and tab.level_text == "Near budget 87.4%"
    assert tab.tabText(0) == "Overview"
    assert [tab.tabText(i) for i in range(1, 4)] == ["Time (3)", "Expenses (2)",
                                                      "Revisions (1)"]
    assert overview.set_budget_action.text() == "Revise budget…"
    assert "Ctrl+Shift+H" in overview.time_button.toolTip()
    assert "Ctrl+Shift+X" in overview.expense_button.toolTip()


def test_overview_figures_reflow_to_the_width(qtbot: Any,
                                              tab_and_ids: tuple[CaseBudgetTab, Ids]) -> None:
    tab, _ids = tab_and_ids
    grid = tab.overview.figures
    tab.window().resize(1400, 700)
    tab.resize(1400, 700)
    qtbot.waitUntil(lambda: grid.columns == 3)
    budget, burn = grid.values["budget"], grid.values["burn"]
    assert burn.geometry().left() > budget.geometry().right()  # the groups side by side
    charts = tab.overview.charts
    qtbot.waitUntil(lambda: charts.side_by_side is True)
    tab.resize(560, 700)
    qtbot.waitUntil(lambda: grid.columns < 3)
    assert charts.side_by_side is False
    qtbot.waitUntil(lambda: tab.overview.bars.geometry().bottom()
                    < tab.overview.burn_chart.geometry().top())  # one above the other
    # Nothing is cut: each value gets the width its text needs.
    for label in grid.values.values():
        assert label.width() >= label.sizeHint().width(), label.accessibleName()


def test_overview_phases_with_totals(tab_and_ids: tuple[CaseBudgetTab, Ids]) -> None:
    tab, _ids = tab_and_ids
    model = tab.overview.phase_model
    assert row_texts(model, 0) == ["Pleadings", money("3000.00"), money("3902.50"),
                                   money("-902.50"), "130.1%"]
    assert row_texts(model, 1) == ["Discovery", money("12000.00"), money("9206.25"),
                                   money("2793.75"), "76.7%"]
    assert row_texts(model, 2) == ["Total", money("15000.00"), money("13108.75"),
                                   money("1891.25"), "87.4%"]
    assert model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole) == (
        f"Fees {money('10000.00')} · expenses {money('2000.00')}")
    over = model.index(0, 4)
    assert over.data(Qt.ItemDataRole.ForegroundRole) == style.overdue_color()
    assert over.data(Qt.ItemDataRole.ToolTipRole) == "Over budget 130.1%"
    assert not over.data(Qt.ItemDataRole.DecorationRole).isNull()  # and an icon
    assert model.index(0, 3).data(Qt.ItemDataRole.ForegroundRole) == style.overdue_color()
    assert model.index(1, 4).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(1, 4).data(Qt.ItemDataRole.DecorationRole) is None
    assert model.index(2, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(1, 2).data(Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert "1531.25" not in model.index(1, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(1, 2).data(Qt.ItemDataRole.ToolTipRole) == (
        f"Fees {money('8706.25')} · expenses {money('500.00')} · 32.75 h")


def test_overview_chart_names_every_phase(tab_and_ids: tuple[CaseBudgetTab, Ids]) -> None:
    tab, _ids = tab_and_ids
    drawing = tab.overview.bars.drawing()
    assert drawing is not None
    assert {"Pleadings", "Discovery"} <= set(drawing.texts())
    over = [t for t in drawing.texts() if t.startswith("$3.9k")]  # Pleadings, 3,902.50
    assert over in (["$3.9k of $3k — over budget"], ["$3.9k — over"])  # by the room
    assert tab.overview.bars.height() >= drawing.used_height * tab.overview.bars.unit() - 1


def build_unbudgeted(practice: Practice) -> Ids:
    """As `build`, and time on the second case, which has no budget."""
    ids = build(practice)
    _c, ids["t_other"] = practice.write(
        time_entries.add_time_entry, case_id=ids["other"], staff_id=ids["alice"],
        worked_on=TODAY - timedelta(days=2), hours="2", phase="Discovery")
    return ids


def test_spending_without_a_budget_is_not_over_anything(qtbot: Any,
                                                        open_practice: Any,  # noqa: F811
                                                        tmp_path: Path) -> None:
    db, ids = open_practice(build_unbudgeted)
    tab, host = make_tab(qtbot, db, ids, tmp_path, case="other")
    overview = tab.overview
    assert overview.stack.currentWidget() is not overview.empty
    assert overview.values["used"].text() == "No budget"
    assert overview.values["budget"].text() == "No budget set"
    assert overview.values["actual"].text() == money("700.00")  # 2 h at 350.00
    model = overview.phase_model
    assert row_texts(model, 0) == ["Discovery", "—", money("700.00"), "—", ""]
    for column in range(model.columnCount()):
        index = model.index(0, column)
        assert index.data(Qt.ItemDataRole.ForegroundRole) is None
        assert index.data(Qt.ItemDataRole.DecorationRole) is None
    bars = overview.bars.drawing()
    burn = overview.burn_chart.drawing()
    assert bars is not None and burn is not None
    assert not any("over" in text.split() for text in bars.texts() + burn.texts())
    assert "Actual (no budget set)" in bars.texts()
    assert "no budget is set" in bars.summary and "no budget is set" in burn.summary
    host.close()


def test_a_case_with_nothing_yet_says_how_to_begin(qtbot: Any, open_practice: Any,  # noqa: F811
                                                   tmp_path: Path) -> None:
    db, ids = open_practice(build)
    tab, host = make_tab(qtbot, db, ids, tmp_path, case="other")
    assert tab.overview.stack.currentWidget() is tab.overview.empty
    assert tab.overview.empty.headline.text() == "No budget yet."
    buttons = [b.text() for b in tab.overview.empty.findChildren(QPushButton)]
    assert buttons == ["Set budget…", "Add time…", "Add expense…"]
    assert tab.time.stack.currentWidget() is tab.time.empty
    assert tab.expenses.stack.currentWidget() is tab.expenses.empty
    assert tab.revisions.stack.currentWidget() is tab.revisions.empty
    assert [tab.tabText(i) for i in range(4)] == ["Overview", "Time", "Expenses", "Revisions"]
    assert not tab.attention
    host.close()


# -- time -------------------------------------------------------------------------------------
def test_time_list_newest_first_with_totals_of_what_is_shown(
        tab_and_ids: tuple[CaseBudgetTab, Ids]) -> None:
    tab, ids = tab_and_ids
    model = tab.time.model
    assert row_texts(model, 0) == [
        fmt.day(TODAY - timedelta(days=5)), "Paul Park", "12.25", money("125.00"),
        money("1531.25"), "Discovery", "Manage files", "Index of the production",
        "Not billable"]
    assert column(model, 8)[2] == f"Billed {fmt.day(TODAY - timedelta(days=30))}"
    assert model.index(2, 8).data(Qt.ItemDataRole.ForegroundRole) == style.done_color()
    assert model.index(0, 4).data(Qt.ItemDataRole.FontRole).featureValue(
        __import__("PySide6.QtGui", fromlist=["QFont"]).QFont.Tag("tnum")) == 1
    assert tab.time.totals_label.text() == f"3 entries · 42.75 h · {money('12206.25')}"
    tab.time.filter_edit.setText("alice discovery")
    assert column(model, 1) == ["Alice Avery"]
    assert tab.time.totals_label.text() == (f"1 entry · 20.50 h · {money('7175.00')}  "
                                            f"(of 3 entries · 42.75 h · {money('12206.25')})")
    tab.time.filter_edit.clear()
    tab.time.billing_combo.setCurrentIndex(tab.time.billing_combo.findData("unbilled"))
    assert column(model, 6) == ["Review and analyze"]
    shown = [text for r in range(model.rowCount()) for text in row_texts(model, r)]
    assert not any(str(i) in text for text in shown for i in ids.values())


def test_add_time_through_the_dialog(qtbot: Any, tab_and_ids: tuple[CaseBudgetTab, Ids],
                                     ui_settings: Settings,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from casedesk.ui.dialogs.time_entry_dialog import TimeEntryDialog
    from casedesk.ui.widgets.time_tracker import LAST_STAFF

    tab, ids = tab_and_ids
    tab.show_section("time")
    asked: list[dict[str, Any]] = []

    def ask(cls: Any, parent: Any, **kwargs: Any) -> TimeEntryDialog.Answer:
        asked.append(kwargs)
        return TimeEntryDialog.Answer(
            staff_id=ids["paul"], worked_on=TODAY, hours=Decimal("1.33"),
            rate=Decimal("125.00"), phase="Discovery", activity="Research",
            description="Privilege log", billable=True, case_id=kwargs["case_id"])

    monkeypatch.setattr(TimeEntryDialog, "ask", classmethod(ask))
    tab.time.view.setFocus()
    reloaded(qtbot, tab, lambda: qtbot.keyClick(tab.time.view, Qt.Key.Key_N,
                                                Qt.KeyboardModifier.ControlModifier))
    assert asked[0]["default_staff_id"] == ids["alice"]  # the person at the desk
    assert asked[0]["phase"] == "Discovery"  # as the latest entry
    assert [s.name for s in asked[0]["staff"]] == ["Alice Avery", "Paul Park"]
    assert ui_settings.get(LAST_STAFF) == str(ids["paul"])
    current = tab.time.current_row()
    assert current is not None and current.description == "Privilege log"
    assert current.amount == Decimal("166.25")  # 1.33 x 125.00
    assert tab.time.totals_label.text() == f"4 entries · 44.08 h · {money('12372.50')}"
    assert tab.tabText(1) == "Time (4)"
    assert tab.overview.values["actual"].text().startswith(money("13275.00"))
    tab.show_section("overview")
    reloaded(qtbot, tab, tab.add_time)  # the window's "Add time…": the Time section in front
    assert tab.currentWidget() is tab.time
    assert asked[-1]["default_staff_id"] == ids["paul"]  # whoever was recorded last


def test_edit_with_f2_enter_or_double_click(qtbot: Any, tab_and_ids: tuple[CaseBudgetTab, Ids],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from casedesk.ui.dialogs.time_entry_dialog import TimeEntryDialog

    tab, ids = tab_and_ids
    tab.show_section("time")
    asked: list[Any] = []
    monkeypatch.setattr(TimeEntryDialog, "ask", classmethod(
        lambda cls, parent, **kw: asked.append(kw["entry"])))
    tab.time.select_row_id(ids["t_discovery"])
    # The window's own F2 (edit case) and Ctrl+N (new case) do not take the keys away.
    window_hits: list[str] = []
    for key, name in (("F2", "edit"), (QKeySequence.StandardKey.New, "new")):
        action = QAction(name, tab.window())
        action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _c=False, n=name: window_hits.append(n))
        tab.window().addAction(action)
    tab.time.view.setFocus()
    qtbot.keyClick(tab.time.view, Qt.Key.Key_F2)
    qtbot.keyClick(tab.time.view, Qt.Key.Key_Return)
    rect = tab.time.view.visualRect(tab.time.model.index(1, 2))
    qtbot.mouseClick(tab.time.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tab.time.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert [e.id for e in asked] == [ids["t_discovery"]] * 3
    assert window_hits == []


def test_delete_names_the_entry(qtbot: Any, tab_and_ids: tuple[CaseBudgetTab, Ids],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    from casedesk.ui.widgets import case_budget_actions

    tab, ids = tab_and_ids
    tab.show_section("time")
    attention: list[bool] = []
    tab.attention_changed.connect(attention.append)
    questions: list[str] = []
    monkeypatch.setattr(case_budget_actions, "confirm",
                        lambda parent, title, text, info, action: questions.append(text)
                        or len(questions) > 1)
    tab.time.select_row_id(ids["t_paul"])
    tab.time.view.setFocus()
    qtbot.keyClick(tab.time.view, Qt.Key.Key_Delete)  # answered Cancel
    assert tab.time.model.rowCount() == 3
    reloaded(qtbot, tab, lambda: qtbot.keyClick(tab.time.view, Qt.Key.Key_Delete))
    assert questions[0] == (f"Delete 12.25 h by Paul Park on {fmt.day(TODAY - timedelta(days=5))}"
                            f" ({money('1531.25')}) from 2026-CV-0142?")
    assert column(tab.time.model, 1) == ["Alice Avery", "Alice Avery"]
    assert tab.overview.values["used"].text() == "Within budget · 77.2% used"  # of 15,000
    assert attention == [False] and tab.level_text == "Within budget 77.2%"


def test_mark_billed_and_not_billed(qtbot: Any, tab_and_ids: tuple[CaseBudgetTab, Ids],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from casedesk.ui.dialogs.time_entry_dialog import MarkBilledDialog

    tab, ids = tab_and_ids
    tab.show_section("time")
    asked: list[dict[str, Any]] = []

    def ask(cls: Any, parent: Any, **kwargs: Any) -> MarkBilledDialog.Answer:
        asked.append(kwargs)
        return MarkBilledDialog.Answer(kwargs["case_id"], TODAY,
                                       time_entry_ids=tuple(kwargs["time_entry_ids"]))

    monkeypatch.setattr(MarkBilledDialog, "ask", classmethod(ask))
    tab.time.view.selectAll()  # billed and not billable rows are left out
    assert tab.time.unbilled_action.isEnabled()  # one of them is billed
    reloaded(qtbot, tab, tab.time.billed_action.trigger)
    assert asked[0]["time_entry_ids"] == [ids["t_discovery"]]
    assert asked[0]["unbilled_text"] == f"Not yet billed on this case: {money('7675.00')}"
    assert column(tab.time.model, 8)[1] == f"Billed {fmt.day(TODAY)}"
    assert tab.overview.values["unbilled"].text() == money("500.00")
    tab.time.select_row_id(ids["t_pleadings"])
    reloaded(qtbot, tab, tab.time.unbilled_action.trigger)
    assert column(tab.time.model, 8)[2] == "Billable"


# -- expenses ---------------------------------------------------------------------------------
def test_expenses_and_their_receipts(qtbot: Any, tab_and_ids: tuple[CaseBudgetTab, Ids],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    tab, ids = tab_and_ids
    tab.show_section("expenses")
    model = tab.expenses.model
    assert row_texts(model, 1) == [
        fmt.day(TODAY - timedelta(days=39)), "Court fees", "Cook County Clerk",
        money("402.50"), "Pleadings", "Filing fee",
        f"Billed {fmt.day(TODAY - timedelta(days=30))}", "Filing fee receipt"]
    assert model.index(1, 7).data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(0, 7).data(Qt.ItemDataRole.DecorationRole) is None
    assert tab.expenses.totals_label.text() == f"2 expenses · {money('902.50')}"
    tab.expenses.select_row_id(ids["e_expert"])
    assert tab.expenses.receipt_action is not None
    assert not tab.expenses.receipt_action.isEnabled()
    opened: list[Path] = []
    monkeypatch.setattr(document_files, "open_with_system",
                        lambda path: opened.append(path) or True)
    rect = tab.expenses.view.visualRect(model.index(1, 7))
    qtbot.mouseClick(tab.expenses.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())
    qtbot.mouseDClick(tab.expenses.view.viewport(), Qt.MouseButton.LeftButton,
                      pos=rect.center())
    qtbot.waitUntil(lambda: bool(opened))
    assert opened[0].name == "Filing fee receipt.pdf"
    assert opened[0].read_bytes() == b"%PDF receipt"


def test_add_expense_offers_the_case_documents(qtbot: Any,
                                               tab_and_ids: tuple[CaseBudgetTab, Ids],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from casedesk.ui.dialogs.expense_dialog import ExpenseDialog

    tab, ids = tab_and_ids
    asked: list[dict[str, Any]] = []

    def ask(cls: Any, parent: Any, **kwargs: Any) -> ExpenseDialog.Answer:
        asked.append(kwargs)
        return ExpenseDialog.Answer(
            spent_on=TODAY, category="Travel", amount=Decimal("88.10"), vendor="Metra",
            phase="Discovery", description="Train to the deposition", billable=True,
            receipt_document_id=kwargs["documents"][0].id, case_id=kwargs["case_id"],
            staff_id=kwargs["staff_id"])

    monkeypatch.setattr(ExpenseDialog, "ask", classmethod(ask))
    reloaded(qtbot, tab, tab.overview.expense_button.click)
    assert [d.title for d in asked[0]["documents"]] == ["Filing fee receipt"]
    assert asked[0]["staff_id"] == ids["alice"]
    assert asked[0]["phase"] == "Discovery"  # as the latest expense
    assert tab.expenses.totals_label.text() == f"3 expenses · {money('990.60')}"
    assert tab.tabText(2) == "Expenses (3)"


# -- revisions --------------------------------------------------------------------------------
def test_revising_keeps_the_history(qtbot: Any, tab_and_ids: tuple[CaseBudgetTab, Ids],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from casedesk.ui.dialogs.budget_dialog import BudgetDialog

    tab, _ids = tab_and_ids
    asked: list[dict[str, Any]] = []

    def ask(cls: Any, parent: Any, **kwargs: Any) -> BudgetDialog.Answer:
        asked.append(kwargs)
        return BudgetDialog.Answer(
            case_id=kwargs["case_id"], fee_arrangement=FeeArrangement.FIXED_FEE,
            fixed_fee=Decimal("12000.00"), contingency_percent=None, expected_recovery=None,
            planned_end_on=None, reason="Scope cut", expected_revision=1,
            lines=(BudgetLineInput("Discovery", BudgetKind.FEES, Decimal("10000.00")),))

    monkeypatch.setattr(BudgetDialog, "ask", classmethod(ask))
    reloaded(qtbot, tab, tab.overview.budget_button.click)
    assert asked[0]["current"] is not None and asked[0]["current"].revision == 1
    assert tab.overview.values["used"].text() == "Over budget · 131.1% used"
    assert tab.overview.values["arrangement"].text() == f"Fixed fee {money('12000.00')}"
    assert tab.overview.values["forecast_burn"].text() == "No planned end"
    assert "planned end date" in tab.overview.values["forecast_burn"].toolTip()
    revisions = tab.revisions
    assert column(revisions.model, 0) == ["2 (current)", "1"]
    assert column(revisions.model, 4) == [money("10000.00"), money("15000.00")]
    assert column(revisions.model, 6) == ["Scope cut", "Engagement letter"]
    assert column(revisions.model, 3) == [f"Fixed fee {money('12000.00')}", "Hourly"]
    assert tab.tabText(3) == "Revisions (2)"
    revisions.view.selectRow(1)
    assert column(revisions.line_model, 0) == ["Pleadings", "Discovery", "Discovery"]
    assert column(revisions.line_model, 3) == ["", "30.00", ""]
    assert revisions.lines_caption.text() == (
        f"Revision 1: fees {money('13000.00')} · expenses {money('2000.00')} · total "
        f"{money('15000.00')}")
    assert tab.attention


def test_reloads_on_budget_changes_from_elsewhere(qtbot: Any,
                                                  tab_and_ids: tuple[CaseBudgetTab, Ids]
                                                  ) -> None:
    tab, ids = tab_and_ids
    reloaded(qtbot, tab, lambda: tab._db.write(
        expenses.delete_expense, expense_id=ids["e_expert"]))
    assert tab.expenses.model.rowCount() == 1
    assert tab.overview.values["actual"].text().startswith(money("12608.75"))

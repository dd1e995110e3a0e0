"""The Reports pane: the list of reports, the filters, a report's tables on screen (money with
the currency, totals bold, sortable), computing on the worker with stale answers dropped, the
empty states, opening a case from a row, and exporting. Most tests give the pane hand-made
report documents; the last ones run the real builders and writers on a real practice."""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from casedesk.domain.changes import Changes
from casedesk.services.budget_rows import ReportFilters
from casedesk.ui import format as fmt
from casedesk.ui.models.report_table_model import TOTALS_ROLE, VALUE_ROLE, ReportTableModel
from casedesk.ui.panes.reports_pane import REPORTS_CURRENT, ReportsPane
from casedesk.ui.widgets import report_export
from casedesk.ui.widgets.report_catalog import REPORT_KEYS, REPORTS
from casedesk.ui.widgets.report_export import file_stem
from casedesk.ui.widgets.report_filter_bar import period_range, period_words
from tests.ui.pane_fixtures import open_practice, settings, show_in_host
from tests.ui.test_calendar_budgets import build_budgets

FIXTURES = (open_practice, settings)
TODAY = date(2026, 5, 20)


@dataclass(frozen=True)
class Col:
    key: str
    label: str
    kind: str = "text"


@dataclass(frozen=True)
class Tab:
    columns: tuple[Col, ...]
    rows: tuple[tuple[Any, ...], ...]
    totals: tuple[Any, ...] | None = None


@dataclass(frozen=True)
class Sec:
    title: str
    table: Tab | None
    chart: Any = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Doc:
    title: str
    sections: tuple[Sec, ...]
    firm_name: str = "Doe & Partners LLP"
    period_text: str = "1 Jan 2026 – 31 Dec 2026"
    generated_on: date = TODAY
    currency: str = "USD"


HOURS = Tab((Col("staff", "Staff"), Col("hours", "Hours", "hours"),
             Col("amount", "Value", "money")),
            (("Bob Baker", Decimal("3.50"), Decimal("700.00")),
             ("Alice Avery", Decimal("12.25"), Decimal("3675.00"))),
            ("Total", Decimal("15.75"), Decimal("4375.00")))
CASES = Tab((Col("case_number", "Case"), Col("title", "Title"),
             Col("budget", "Budget", "money"), Col("actual", "Actual", "money"),
             Col("percent_used", "Used", "percent"), Col("level", "Status")),
            (("2026-CV-0007", "Garcia v. Northwind", Decimal("1000.00"), Decimal("1750.00"),
              Decimal("175.0"), "Over budget"),
             ("2026-CV-0142", "Smith v. Acme Logistics", Decimal("10000.00"),
              Decimal("8700.00"), Decimal("87.0"), "Near budget"),
             ("2026-CV-0300", "In re Estate of Brown", Decimal("50000.00"), Decimal("300.00"),
              Decimal("0.6"), "")),
            ("Total", "", Decimal("61000.00"), Decimal("10750.00"), None, ""))


@dataclass
class Builders:
    """Fake builders: what each was asked for, and what it answers."""

    calls: list[tuple[str, ReportFilters]] = field(default_factory=list)
    docs: dict[str, Doc] = field(default_factory=dict)
    gate: threading.Event | None = None

    def table(self) -> dict[str, Any]:
        def make(key: str) -> Any:
            def build(reader: Any, filters: ReportFilters, today: date) -> Doc:
                assert today == TODAY
                self.calls.append((key, filters))
                if self.gate is not None:
                    self.gate.wait(10)
                return self.docs.get(key) or Doc(f"Report {key}", (
                    Sec("Cases", CASES) if "budget" in key else Sec("Hours", HOURS),))
            return build
        return {key: make(key) for key in REPORT_KEYS}


@pytest.fixture
def made(qtbot: Any, open_practice: Any, settings: Any
         ) -> Any:
    db, ids = open_practice(build_budgets)
    fakes = Builders()
    settings.set(REPORTS_CURRENT, "hours")
    pane = ReportsPane(db, settings, builders=fakes.table(), today=TODAY)
    host = show_in_host(qtbot, pane, 1280, 800)
    qtbot.waitUntil(lambda: pane.loaded, timeout=10_000)
    yield pane, fakes, ids, db
    host.close()


def test_periods() -> None:
    day = date(2026, 5, 20)
    assert period_range("this_month", day) == (date(2026, 5, 1), date(2026, 5, 31))
    assert period_range("last_month", day) == (date(2026, 4, 1), date(2026, 4, 30))
    assert period_range("last_month", date(2026, 1, 9)) == (date(2025, 12, 1),
                                                             date(2025, 12, 31))
    assert period_range("this_quarter", day) == (date(2026, 4, 1), date(2026, 6, 30))
    assert period_range("this_quarter", date(2026, 12, 31)) == (date(2026, 10, 1),
                                                                date(2026, 12, 31))
    assert period_range("this_year", day) == (date(2026, 1, 1), date(2026, 12, 31))
    assert period_range("last_12_months", day) == (date(2025, 6, 1), date(2026, 5, 31))
    assert period_range("last_12_months", date(2024, 2, 29)) == (date(2023, 3, 1),
                                                                 date(2024, 2, 29))
    assert period_range("all", day) == (None, None)
    assert period_words(None, None) == "All dates"
    assert period_words(date(2026, 1, 1), None) == f"From {fmt.day(date(2026, 1, 1))}"


def test_filter_bar_takes_two_rows_when_narrow(qtbot: Any) -> None:
    from casedesk.ui.widgets.report_filter_bar import ReportFilterBar

    bar = ReportFilterBar(None)
    host = show_in_host(qtbot, bar, 1600, 90)
    bar.set_scope(case=False, staff=True, area=True)
    assert not bar.compact
    bar.setGeometry(0, 0, 420, 90)
    assert bar.compact
    assert bar.minimumSizeHint().width() <= 420
    bar.setGeometry(0, 0, 1600, 90)
    assert not bar.compact
    bar.set_custom(date(2026, 1, 1), date(2026, 3, 31))
    assert bar.filters() == ReportFilters(date_from=date(2026, 1, 1), date_to=date(2026, 3, 31))
    assert bar.period_text() == period_words(date(2026, 1, 1), date(2026, 3, 31))
    host.close()


def test_file_names() -> None:
    assert file_stem("Budget vs actual — all open cases", "2026-01-01-2026-12-31") == \
        "budget-vs-actual-all-open-cases-2026-01-01-2026-12-31"
    assert file_stem("///") == "report"


def test_table_model(qtbot: Any, qtmodeltester: Any) -> None:
    model = ReportTableModel()
    model.set_table(CASES, "USD", thresholds=(80, 100))
    qtmodeltester.check(model)
    assert model.rowCount() == 4 and model.columnCount() == 6
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Budget"
    money = model.index(0, 3)
    assert money.data() == fmt.money(Decimal("1750.00"), "USD")
    assert money.data(VALUE_ROLE) == Decimal("1750.00")
    assert money.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert not model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) & \
        Qt.AlignmentFlag.AlignRight
    assert model.index(0, 4).data() == "175.0%"
    from casedesk.ui import style

    assert model.index(0, 4).data(Qt.ItemDataRole.ForegroundRole) == style.overdue_color()
    assert model.index(1, 4).data(Qt.ItemDataRole.ForegroundRole) == style.soon_color()
    assert model.index(2, 4).data(Qt.ItemDataRole.ForegroundRole) is None
    totals = model.index(3, 2)
    assert totals.data(TOTALS_ROLE) and totals.data(Qt.ItemDataRole.FontRole).bold()
    assert not model.index(0, 2).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(3, 4).data() == ""
    # Sorting compares values, not text; the totals row stays last.
    model.sort(3, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, 3).data(VALUE_ROLE) for r in range(4)] == [
        Decimal("300.00"), Decimal("1750.00"), Decimal("8700.00"), Decimal("10750.00")]
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, 0).data() for r in range(4)] == [
        "2026-CV-0300", "2026-CV-0142", "2026-CV-0007", "Total"]
    qtmodeltester.check(model)
    model.set_table(HOURS, "EUR")
    assert model.index(1, 1).data() == "12.25"
    assert model.index(1, 2).data() == fmt.money(Decimal("3675.00"), "EUR")


def test_lists_the_reports_and_shows_one(made: Any, qtmodeltester: Any) -> None:
    pane, fakes, _ids, _db = made
    titles = [pane.report_list.item(i).text() for i in range(pane.report_list.count())]
    assert titles == [s.title for s in REPORTS]
    assert titles[0] == "Budget vs actual — one case"
    assert pane.spec.key == "hours"
    assert fakes.calls[-1] == ("hours", ReportFilters(date_from=date(2026, 1, 1),
                                                      date_to=date(2026, 12, 31)))
    assert pane.view.title.text() == "Report hours"
    assert pane.view.subtitle.text().startswith("Doe & Partners LLP · 1 Jan 2026 – 31 Dec 2026")
    section = pane.view.sections[0]
    assert section.heading.text() == "Hours"
    qtmodeltester.check(section.model)
    assert section.view is not None and section.view.isVisibleTo(pane)
    assert section.model.index(2, 0).data() == "Total"
    assert pane.stack.currentWidget() is pane.view
    assert all(a.isEnabled() for a in pane.exporter.actions.values())
    assert not pane.busy_label.isVisibleTo(pane)
    # Staff and practice area show for a firm-wide report; the case picker does not.
    bar = pane.filter_bar
    assert bar.staff_combo.isVisibleTo(pane) and not bar.case_picker.isVisibleTo(pane)
    assert [bar.staff_combo.itemText(i) for i in range(bar.staff_combo.count())] == [
        "All staff", "Alice Avery"]
    qtbot_wait = pane.filter_bar.area_combo
    assert qtbot_wait.itemText(0) == "All practice areas"


def test_filters_reach_the_builder(qtbot: Any, made: Any) -> None:
    pane, fakes, ids, _db = made
    bar = pane.filter_bar
    qtbot.waitUntil(lambda: bar.area_combo.count() == 2)
    assert bar.area_combo.itemText(1) == "Civil litigation"
    bar.staff_combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: fakes.calls[-1][1].staff_id == ids["alice"])
    bar.area_combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: fakes.calls[-1][1].practice_area == "Civil litigation")
    bar.set_period("last_month")
    qtbot.waitUntil(lambda: fakes.calls[-1][1].date_from == date(2026, 4, 1))
    bar.set_custom(date(2026, 2, 1), date(2026, 2, 28))
    qtbot.waitUntil(lambda: fakes.calls[-1][1] == ReportFilters(
        date_from=date(2026, 2, 1), date_to=date(2026, 2, 28), staff_id=ids["alice"],
        practice_area="Civil litigation"))
    assert bar.from_edit.isVisibleTo(pane) and bar.to_edit.isVisibleTo(pane)
    count = len(fakes.calls)
    bar.to_edit.setDate(fmt.to_qdate(date(2026, 1, 1)))  # ends before it starts
    assert pane.empty.headline.text() == "Check the period"
    assert len(fakes.calls) == count  # nothing asked of the worker


def test_calculating_and_stale_answers(qtbot: Any, made: Any) -> None:
    pane, fakes, _ids, _db = made
    fakes.gate = threading.Event()
    shown: list[str] = []
    original = pane.view.show_document
    pane.view.show_document = lambda doc, th=None, **kw: (  # type: ignore[method-assign]
        shown.append(doc.title), original(doc, th, **kw))
    fakes.docs["expenses"] = Doc("Expenses by category and month", (Sec("Expenses", HOURS),))
    fakes.docs["unbilled"] = Doc("Unbilled time and expenses", (Sec("Unbilled", HOURS),))
    pane.show_report("expenses")
    assert pane.calculating and pane.busy_label.isVisibleTo(pane)
    assert pane.busy_label.text() == "Calculating…"
    assert not any(a.isEnabled() for a in pane.exporter.actions.values())
    pane.show_report("unbilled")  # overtakes the first before it answers
    fakes.gate.set()
    qtbot.waitUntil(lambda: not pane.calculating, timeout=10_000)
    qtbot.waitUntil(lambda: pane.result is not None and pane.result.key == "unbilled")
    assert shown == ["Unbilled time and expenses"]  # the expenses answer was dropped
    assert pane.view.title.text() == "Unbilled time and expenses"


def test_refreshes_on_changes_while_visible(qtbot: Any, made: Any) -> None:
    pane, fakes, _ids, db = made
    count = len(fakes.calls)
    db.changed.emit(Changes(budgets=True))
    qtbot.waitUntil(lambda: len(fakes.calls) == count + 1)
    db.changed.emit(Changes(documents=True))  # not what a report shows
    pane.hide()
    db.changed.emit(Changes(staff=True))  # hidden: later
    qtbot.wait(50)
    assert len(fakes.calls) == count + 1
    pane.show()
    qtbot.waitUntil(lambda: len(fakes.calls) == count + 2)


def test_refresh_keeps_the_sort(qtbot: Any, made: Any) -> None:
    pane, fakes, _ids, db = made
    pane.show_report("firm_budget")
    qtbot.waitUntil(lambda: pane.result is not None and pane.result.key == "firm_budget")
    section = pane.view.sections[0]
    assert section.view is not None
    section.view.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # actual, smallest first
    first = section.model.index(0, 0).data()
    assert first == "2026-CV-0300"
    count = len(fakes.calls)
    db.changed.emit(Changes(budgets=True))
    db.changed.emit(Changes(budgets=True, cases=True))  # a burst: computed once
    qtbot.waitUntil(lambda: pane.view.sections and pane.view.sections[0] is not section)
    assert len(fakes.calls) == count + 1
    again = pane.view.sections[0]
    assert again.model.index(0, 0).data() == "2026-CV-0300"
    assert again.view is not None and again.view.horizontalHeader().sortIndicatorSection() == 3


def test_empty_states(qtbot: Any, made: Any) -> None:
    pane, fakes, _ids, _db = made
    empty = Doc("Hours by staff", (Sec("Hours", Tab(HOURS.columns, ())),))
    fakes.docs["hours"] = empty
    fakes.docs["over_budget"] = Doc("Cases over or near budget", (Sec("Cases",
                                                                      Tab(CASES.columns, ())),))
    pane.filter_bar.set_period("all")
    pane.show_report("hours")
    qtbot.waitUntil(lambda: pane.stack.currentWidget() is pane.empty)
    assert pane.empty.headline.text() == "No time recorded yet."
    assert pane.empty.explanation.text() == ("Open a case's Budget tab to set a budget or add "
                                             "time.")
    assert not any(a.isEnabled() for a in pane.exporter.actions.values())
    pane.filter_bar.set_period("this_month")
    pane.show_report("hours")
    qtbot.waitUntil(lambda: pane.empty.headline.text() == "Nothing for this period and these "
                    "filters.")
    assert pane.empty_all.isVisibleTo(pane)
    pane.empty_all.click()
    qtbot.waitUntil(lambda: pane.empty.headline.text() == "No time recorded yet.")
    assert pane.filter_bar.period_key() == "all"
    pane.show_report("over_budget")
    qtbot.waitUntil(lambda: pane.empty.headline.text() == "No open case is over or near its "
                    "budget.")
    assert "80%" in pane.empty.explanation.text()  # the practice's threshold
    assert pane.empty_settings.isVisibleTo(pane)


def test_one_case_report(qtbot: Any, made: Any) -> None:
    pane, fakes, ids, _db = made
    pane.show_report("case_budget")
    assert pane.empty.headline.text() == "Choose a case"
    assert pane.filter_bar.case_picker.isVisibleTo(pane)
    assert not pane.filter_bar.staff_combo.isVisibleTo(pane)
    fakes.docs["case_budget"] = Doc("Budget vs actual — 2026-CV-0142", (Sec("By phase", Tab(
        (Col("phase", "Phase"), Col("budget", "Budget", "money")),
        (("Pleadings", Decimal("10000.00")),), ("Total", Decimal("10000.00")))),))
    pane.show_report("case_budget", ids["near"], "2026-CV-0142 · Smith v. Acme Logistics")
    qtbot.waitUntil(lambda: pane.result is not None and pane.result.key == "case_budget")
    assert fakes.calls[-1][1].case_id == ids["near"]
    # A phase row opens the case (at its Budget tab once the window routes that).
    section = pane.view.sections[0]
    assert section.view is not None
    with qtbot.waitSignal(pane.open_case_requested) as blocker:
        section.view.activated.emit(section.model.index(0, 0))
    assert blocker.args == [ids["near"]]
    opened: list[tuple[uuid.UUID, str]] = []
    pane.open_case_tab_requested.connect(lambda c, t: opened.append((c, t)))
    section.view.activated.emit(section.model.index(1, 0))  # the totals row: nothing
    section.view.activated.emit(section.model.index(0, 1))
    assert opened == [(ids["near"], "budget")]


def test_double_click_opens_the_case_of_a_row(qtbot: Any, made: Any) -> None:
    pane, _fakes, ids, _db = made
    pane.show_report("firm_budget")
    qtbot.waitUntil(lambda: pane.result is not None and pane.result.key == "firm_budget")
    section = pane.view.sections[0]
    assert section.view is not None
    with qtbot.waitSignal(pane.open_case_requested, timeout=10_000) as blocker:
        section.view.activated.emit(section.model.index(1, 1))
    assert blocker.args == [ids["near"]]


def test_export_writes_on_the_worker(qtbot: Any, made: Any, monkeypatch: Any,
                                     tmp_path: Path) -> None:
    pane, _fakes, _ids, _db = made
    written: list[tuple[str, str, Path]] = []
    main_thread = threading.current_thread()

    def fake_write(fmt_key: str, document: Any, path: Path) -> Path:
        assert threading.current_thread() is not main_thread
        written.append((fmt_key, document.title, path))
        return path

    monkeypatch.setattr(report_export, "write_report", fake_write)
    asked: list[str] = []

    def save_name(parent: Any, caption: str, suggested: str, filters: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(tmp_path / "hours"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    messages: list[str] = []
    pane.status_message.connect(messages.append)
    pane.exporter.actions["pdf"].trigger()
    qtbot.waitUntil(lambda: bool(written) and messages[-1].startswith("Saved"))
    assert written == [("pdf", "Report hours", tmp_path / "hours.pdf")]
    assert asked[0].endswith("report-hours-2026-01-01-2026-12-31.pdf")
    assert messages == ["Saving “Report hours” as PDF…",
                        f"Saved “Report hours” as PDF: {tmp_path / 'hours.pdf'}"]


def test_export_failure_is_said_plainly(qtbot: Any, made: Any, monkeypatch: Any,
                                        tmp_path: Path) -> None:
    pane, _fakes, _ids, _db = made

    def refuse(fmt_key: str, document: Any, path: Path) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(report_export, "write_report", refuse)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda *a: (str(tmp_path / "out.xlsx"), "")))
    errors: list[str] = []
    monkeypatch.setattr(report_export, "show_error",
                        lambda parent, message, details="": errors.append(message))
    pane.exporter.actions["xlsx"].trigger()
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert errors[0].startswith(f"The Excel file could not be saved to {tmp_path / 'out.xlsx'}."
                                " The computer refused: Permission denied")
    assert "Traceback" not in errors[0]
    assert all(a.isEnabled() for a in pane.exporter.actions.values())


def test_cancelled_save_dialog_writes_nothing(qtbot: Any, made: Any, monkeypatch: Any) -> None:
    pane, _fakes, _ids, _db = made
    monkeypatch.setattr(report_export, "write_report",
                        lambda *a: pytest.fail("wrote after a cancel"))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: ("", "")))
    pane.exporter.actions["csv"].trigger()
    qtbot.wait(50)
    assert not pane.exporter.busy


def test_remembers_report_and_period(qtbot: Any, open_practice: Any,
                                     settings: Any) -> None:
    db, _ids = open_practice(build_budgets)
    fakes = Builders()
    pane = ReportsPane(db, settings, builders=fakes.table(), today=TODAY)
    host = show_in_host(qtbot, pane)
    qtbot.waitUntil(lambda: pane.loaded, timeout=10_000)
    assert pane.spec.key == "over_budget"  # the default: what needs attention
    pane.report_list.setCurrentRow(REPORT_KEYS.index("unbilled"))
    pane.filter_bar.set_period("this_quarter")
    pane.save_state()
    host.close()
    again = ReportsPane(db, settings, builders=fakes.table(), today=TODAY)
    host = show_in_host(qtbot, again)
    assert again.spec.key == "unbilled"
    assert again.filter_bar.period_key() == "this_quarter"
    qtbot.waitUntil(lambda: again.loaded, timeout=10_000)
    host.close()


# -- the real builders and writers ---------------------------------------------------------------
@pytest.fixture
def real(qtbot: Any, open_practice: Any, settings: Any) -> Any:
    db, ids = open_practice(build_budgets)
    settings.set(REPORTS_CURRENT, "over_budget")
    pane = ReportsPane(db, settings)
    pane.filter_bar.set_period("all")
    host = show_in_host(qtbot, pane, 1280, 800)
    qtbot.waitUntil(lambda: pane.loaded and not pane.calculating, timeout=15_000)
    yield pane, ids
    host.close()


def test_real_report_on_screen(qtbot: Any, real: Any, qtmodeltester: Any) -> None:
    pane, ids = real
    assert pane.message.text() == ""
    assert pane.view.title.text() == "Cases over or near budget"
    section = pane.view.sections[0]
    assert section.chart is not None  # the bars, painted from the report's Drawing
    model = section.model
    qtmodeltester.check(model)
    case, used, actual = (model.column_of("case_number"), model.column_of("percent_used"),
                          model.column_of("actual"))
    assert [model.index(r, case).data() for r in range(model.rowCount())] == [
        "2026-CV-0007", "2026-CV-0142", "Total"]
    assert model.index(0, used).data(VALUE_ROLE) == Decimal("175.0")
    assert model.index(0, actual).data() == fmt.money(Decimal("1750.00"), "USD")
    assert model.index(2, actual).data(VALUE_ROLE) == Decimal("10450.00")  # exact total
    assert model.index(2, actual).data(Qt.ItemDataRole.FontRole).bold()
    from casedesk.ui import style

    assert model.index(0, used).data(Qt.ItemDataRole.ForegroundRole) == style.overdue_color()
    assert section.view is not None
    with qtbot.waitSignal(pane.open_case_requested, timeout=10_000) as blocker:
        section.view.activated.emit(model.index(1, 0))
    assert blocker.args == [ids["near"]]

    pane.show_report("hours")
    qtbot.waitUntil(lambda: pane.result is not None and pane.result.key == "hours"
                    and not pane.calculating, timeout=15_000)
    hours = pane.view.table_models()[0]
    assert hours.index(0, hours.column_of("hours")).data(VALUE_ROLE) == Decimal("37.00")
    assert hours.index(0, hours.column_of("amount")).data(VALUE_ROLE) == Decimal("11100.00")


def test_real_exports_read_back(qtbot: Any, real: Any, monkeypatch: Any,
                                tmp_path: Path) -> None:
    import csv

    import openpyxl
    import pypdf

    pane, _ids = real
    messages: list[str] = []
    pane.status_message.connect(messages.append)
    for key, name in (("csv", "cases.csv"), ("xlsx", "cases.xlsx"), ("pdf", "cases.pdf")):
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
            lambda *a, n=name: (str(tmp_path / n), "")))
        pane.exporter.actions[key].trigger()
        qtbot.waitUntil(lambda n=name: messages[-1].endswith(str(tmp_path / n)),
                        timeout=15_000)
    text = (tmp_path / "cases.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(text.splitlines()))
    assert rows[0] == ["Cases over or near budget"]
    assert any(r[:1] == ["2026-CV-0007"] and "1750.00" in r for r in rows)
    sheet = openpyxl.load_workbook(tmp_path / "cases.xlsx").worksheets[0]
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "2026-CV-0142" in values and 8700 in values
    pdf = pypdf.PdfReader(tmp_path / "cases.pdf")
    first = pdf.pages[0].extract_text()
    assert "Cases over or near budget" in first and "2026-CV-0007" in first
    assert f"Page 1 of {len(pdf.pages)}" in first

"""Review of the monitoring figures and the firm report (issue 5) against a hand calculation,
with entries on the first and last day of the period (counted) and on the days either side
(not), a closed case, the staff and practice-area filters; and the whole firm report the same on
SQLite (both readers) and PostgreSQL for the same data, row for row.

The practice is made through the services (as a user makes it), with fixed ids so that the
backends can be compared."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from casedesk.domain.enums import BudgetLevel
from casedesk.persistence.practice import Practice
from casedesk.persistence.reader import Reader
from casedesk.services import (
    budget_report,
    budgets,
    cases,
    expenses,
    firm,
    staff,
    time_entries,
)
from casedesk.services.budget_rows import BudgetLineInput as Line
from casedesk.services.budget_rows import ReportFilters
from tests.unit.list_backends import BACKENDS, built_desk, open_desk

TODAY = date(2026, 6, 30)
PERIOD = ReportFilters(date_from=date(2026, 4, 1), date_to=date(2026, 6, 30))
IDS = {name: uuid.UUID(int=n) for n, name in enumerate(("ann", "ben", "P", "Q", "R"), 1)}


def build(practice: Practice) -> dict[str, uuid.UUID]:
    """P (open, Family, Ann responsible): budget Discovery fees 2,000 + Court fees expenses 500,
    planned end 2026-08-29. Time: 03-31 Ann 1 h = 200.00 (before the period); 04-01 Ann 2.50 h
    = 500.00 (its first day); 05-15 Ben 3.33 h x 150 = 499.50 not billable; 06-30 Ann 0.01 h x
    150.50 = 1.505 -> 1.51 (its last day); 07-01 Ann 1 h = 200.00 (after it, and after today).
    Expenses: 04-01 Court fees 450.00; 06-30 Court fees 100.00; 07-01 Travel 9.99.
    Q (closed, Family): Ben 05-01 1 h = 150.00, Travel 05-01 20.00.
    R (open, Employment): budget 1,000; Ann 06-01 4 h = 800.00 and "eDiscovery hosting"
    05-20 5.00 (a category the practice does not list, no phase): 80.5%, near."""
    practice.write(firm.save_firm, name="Ørsted & Åberg", currency="EUR")
    practice.write(staff.add_staff, name="Ann Archer", role="attorney", hourly_rate="200",
                   staff_id=IDS["ann"])
    practice.write(staff.add_staff, name="Ben Baker", role="paralegal", hourly_rate="150",
                   staff_id=IDS["ben"])
    for key, number, area in (("P", "2026-FA-0001", "Family"), ("Q", "2026-FA-0002", "Family"),
                              ("R", "2026-EM-0003", "Employment")):
        practice.write(cases.create_case, number=number, title=f"Matter {key}",
                       practice_area=area, status="open", case_id=IDS[key],
                       opened_on="2026-01-05",
                       responsible_staff_id=IDS["ann"] if key == "P" else None)
    practice.write(budgets.set_budget, case_id=IDS["P"], planned_end_on="2026-08-29",
                   lines=[Line("Discovery", "fees", "2000"), Line("Court fees", "expenses",
                                                                  "500")])
    practice.write(budgets.set_budget, case_id=IDS["R"], lines=[Line("General", "fees", "1000")])
    practice.write(budgets.set_budget, case_id=IDS["Q"], lines=[Line("General", "fees", "100")])
    n = 100

    def time(case: str, who: str, day: str, hours: str, **kw: object) -> None:
        nonlocal n
        n += 1
        practice.write(time_entries.add_time_entry, case_id=IDS[case], staff_id=IDS[who],
                       worked_on=day, hours=hours, entry_id=uuid.UUID(int=n), **kw)

    def spent(case: str, day: str, category: str, amount: str, phase: str = "") -> None:
        nonlocal n
        n += 1
        practice.write(expenses.add_expense, case_id=IDS[case], spent_on=day,
                       category=category, amount=amount, phase=phase,
                       expense_id=uuid.UUID(int=n))

    time("P", "ann", "2026-03-31", "1", phase="Discovery")
    time("P", "ann", "2026-04-01", "2.50", phase="discovery")
    time("P", "ben", "2026-05-15", "3.33", phase="Discovery", billable=False)
    time("P", "ann", "2026-06-30", "0.01", phase="Discovery", rate="150.50")
    time("P", "ann", "2026-07-01", "1", phase="Discovery")
    spent("P", "2026-04-01", "Court fees", "450.00", "court fees")
    spent("P", "2026-06-30", "Court fees", "100.00", "Court fees")
    spent("P", "2026-07-01", "Travel", "9.99")
    time("Q", "ben", "2026-05-01", "1")
    spent("Q", "2026-05-01", "Travel", "20.00")
    practice.write(cases.close_case, case_id=IDS["Q"], closed_on="2026-06-15")
    time("R", "ann", "2026-06-01", "4", phase="General")
    spent("R", "2026-05-20", "eDiscovery hosting", "5.00")
    return IDS


Built = tuple[Practice, Reader, dict[str, uuid.UUID]]


@pytest.fixture(scope="module", params=BACKENDS)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[Built]:
    yield from built_desk(request, tmp_path_factory, build)


def test_one_case_in_the_period_by_hand(built: Built) -> None:
    _p, reader, ids = built
    st = budget_report.case_status(reader, ids["P"], today=TODAY, filters=PERIOD)
    # Fees 500.00 + 499.50 + 1.51; expenses 450.00 + 100.00: the days either side left out.
    assert (st.actual_fees, st.actual_expenses, st.actual_total) == (
        D("1001.01"), D("550.00"), D("1551.01"))
    assert (st.first_entry_on, st.last_entry_on) == (date(2026, 4, 1), date(2026, 6, 30))
    assert st.hours == D("5.84")
    assert (st.budget_total, st.percent_used, st.level) == (D("2500.00"), D("62.0"),
                                                           BudgetLevel.OK)
    by_phase = {p.phase: (p.budget, p.actual, p.forecast) for p in st.phases}
    assert by_phase == {"Discovery": (D("2000.00"), D("1001.01"), D("2000.00")),
                        "Court fees": (D("500.00"), D("550.00"), D("550.00"))}
    # 90 days from 04-01 to 06-30; the burn window is 04-02..06-30: 499.50 + 1.51 + 100.00
    # = 601.01 over 90 days = 200.336.. -> 200.34 per 30 days.
    assert st.burn_rate == D("200.34")
    assert st.forecast_from_burn == D("1951.69")  # + 200.34 x 60 days to 08-29 / 30
    assert st.forecast_from_phases == D("2550.00")
    assert st.forecast == D("2550.00")
    assert st.exhausted_on == date(2026, 11, 20)  # 948.99 x 30 / 200.34 = 142.1 -> day 143
    assert st.unbilled == D("1051.51")  # Ben's hours are not billable


def test_all_dates_count_the_future_entry_too(built: Built) -> None:
    _p, reader, ids = built
    st = budget_report.case_status(reader, ids["P"], today=TODAY)
    assert (st.actual_fees, st.actual_expenses) == (D("1401.01"), D("559.99"))
    assert st.first_entry_on == date(2026, 3, 31) and st.last_entry_on == date(2026, 7, 1)


def test_firm_lists_by_hand(built: Built) -> None:
    _p, reader, _ids = built
    report = budget_report.firm_report(reader, PERIOD, today=TODAY)
    # The closed case Q is not among the open cases, but its hours and costs count elsewhere.
    assert [(c.case_number, c.actual, c.percent_used, c.level) for c in report.cases] == [
        ("2026-EM-0003", D("805.00"), D("80.5"), BudgetLevel.WARNING),
        ("2026-FA-0001", D("1551.01"), D("62.0"), BudgetLevel.OK)]
    assert [(c.case_number, c.forecast) for c in report.cases] == [
        ("2026-EM-0003", D("1005.00")), ("2026-FA-0001", D("2550.00"))]
    assert [(r.month, r.category, r.amount, r.count) for r in report.expenses_by_month] == [
        (date(2026, 4, 1), "Court fees", D("450.00"), 1),
        (date(2026, 5, 1), "eDiscovery hosting", D("5.00"), 1),
        (date(2026, 5, 1), "Travel", D("20.00"), 1),
        (date(2026, 6, 1), "Court fees", D("100.00"), 1)]
    assert [(r.staff_name, r.hours, r.billable_hours, r.amount, r.billable_amount)
            for r in report.hours_by_staff] == [
        ("Ann Archer", D("6.51"), D("6.51"), D("1301.51"), D("1301.51")),
        ("Ben Baker", D("4.33"), D("1.00"), D("649.50"), D("150.00"))]
    assert [(r.case_number, r.fees, r.expenses, r.oldest_on) for r in report.unbilled] == [
        ("2026-FA-0001", D("501.51"), D("550.00"), date(2026, 4, 1)),
        ("2026-EM-0003", D("800.00"), D("5.00"), date(2026, 5, 20)),
        ("2026-FA-0002", D("150.00"), D("20.00"), date(2026, 5, 1))]


def test_staff_and_practice_area_filters_by_hand(built: Built) -> None:
    _p, reader, ids = built
    ben = ReportFilters(date_from=PERIOD.date_from, date_to=PERIOD.date_to, staff_id=ids["ben"])
    rows = budget_report.case_summaries(reader, ben, today=TODAY)
    assert [(c.case_number, c.actual) for c in rows] == [("2026-FA-0001", D("499.50"))]
    family = ReportFilters(date_from=PERIOD.date_from, date_to=PERIOD.date_to,
                           practice_area="Family")
    report = budget_report.firm_report(reader, family, today=TODAY)
    assert [c.case_number for c in report.cases] == ["2026-FA-0001"]
    assert [r.case_number for r in report.unbilled] == ["2026-FA-0001", "2026-FA-0002"]
    assert sum((r.amount for r in report.expenses_by_month), D("0.00")) == D("570.00")


def test_the_firm_report_is_the_same_on_every_backend(tmp_path: Path) -> None:
    reports = {}
    for backend in BACKENDS:
        name = backend if isinstance(backend, str) else backend.values[0]
        try:
            with open_desk(str(name), tmp_path / str(name)) as (practice, reader):
                build(practice)
                reports[name] = [budget_report.firm_report(reader, flt, today=TODAY)
                                 for flt in (ReportFilters(), PERIOD)]
        except pytest.skip.Exception:
            continue
    assert {"sqlite", "sqlite-engine"} <= set(reports)
    first, *others = reports.values()
    for other in others:
        assert other == first


def test_a_period_ending_in_year_one_does_not_overflow(built: Built) -> None:
    _p, reader, ids = built
    early = ReportFilters(date_to=date(1, 1, 5))
    st = budget_report.case_status(reader, ids["P"], today=TODAY, filters=early)
    assert (st.actual_total, st.burn_rate) == (D("0.00"), D("0.00"))
    assert budget_report.case_summaries(reader, early, today=TODAY)[0].actual == D("0.00")

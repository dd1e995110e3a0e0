"""The firm-wide figures (services/budget_report: case_summaries, budget_warnings,
expenses_by_month, hours_by_staff, unbilled, firm_report) on every backend, over the practice
of test_budget_report.build (its docstring lists every row)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest

from casedesk.domain.enums import BudgetLevel, FeeArrangement
from casedesk.persistence.practice import Practice
from casedesk.persistence.reader import Reader
from casedesk.services import budget_report as br
from casedesk.services.budget_rows import ReportFilters
from tests.unit.list_backends import BACKENDS, built_desk
from tests.unit.test_budget_report import TODAY, build

D = Decimal
Built = tuple[Practice, Reader, dict[str, uuid.UUID]]
ALL = ReportFilters()


@pytest.fixture(scope="module", params=BACKENDS)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[Built]:
    yield from built_desk(request, tmp_path_factory, build)


def test_case_summaries_worst_first_then_cases_without_budget(built: Built) -> None:
    _p, reader, ids = built
    rows = br.case_summaries(reader, ALL, today=TODAY)
    got = [(r.case_number, r.budget, r.actual, r.forecast, r.percent_used, r.level, r.unbilled)
           for r in rows]
    assert got == [
        ("2026-EM-0003", D("500.00"), D("500.00"), D("500.00"), D("100.0"), BudgetLevel.OVER,
         D("500.00")),
        ("2026-EM-0002", D("1000.00"), D("800.00"), D("1000.00"), D("80.0"),
         BudgetLevel.WARNING, D("800.00")),
        ("2026-CV-0001", D("22000.00"), D("6240.61"), D("22944.99"), D("28.4"), BudgetLevel.OK,
         D("3041.22")),
        ("2026-FA-0006", D("0.00"), D("360.00"), D("360.00"), None, BudgetLevel.NONE,
         D("360.00")),
    ]  # closed D, deleted E and G (deleted budget, no entries) are not listed
    a = rows[2]
    assert (a.case_id, a.case_title, a.practice_area, a.responsible_name, a.fee_arrangement) == (
        ids["A"], "Matter 2026-CV-0001", "Civil litigation", "Alice Archer",
        FeeArrangement.HOURLY)
    assert rows[0].fee_arrangement is FeeArrangement.FIXED_FEE
    assert rows[3].fee_arrangement is None


def test_summary_figures_match_the_case_status(built: Built) -> None:
    _p, reader, _ids = built
    for flt in (ALL, ReportFilters(date_from=date(2026, 4, 1), date_to=date(2026, 5, 31)),
                ReportFilters(date_to=date(2026, 6, 21))):
        for row in br.case_summaries(reader, flt, today=TODAY):
            st = br.case_status(reader, row.case_id, today=TODAY, filters=flt)
            assert (row.budget, row.actual, row.forecast, row.percent_used, row.level,
                    row.unbilled) == (st.budget_total, st.actual_total, st.forecast,
                                      st.percent_used, st.level, st.unbilled)


def test_budget_warnings_are_open_cases_near_or_over(built: Built) -> None:
    _p, reader, _ids = built
    warned = br.budget_warnings(reader, today=TODAY)
    assert [(w.case_number, w.level) for w in warned] == [
        ("2026-EM-0003", BudgetLevel.OVER), ("2026-EM-0002", BudgetLevel.WARNING)]


def test_period_filter_on_the_summaries(built: Built) -> None:
    _p, reader, _ids = built
    flt = ReportFilters(date_from=date(2026, 4, 1), date_to=date(2026, 5, 31))
    rows = br.case_summaries(reader, flt, today=TODAY)
    # Budgeted cases stay listed with what they spent in the period; F had nothing in it.
    assert [(r.case_number, r.actual, r.level) for r in rows] == [
        ("2026-CV-0001", D("2170.62"), BudgetLevel.OK),
        ("2026-EM-0002", D("0.00"), BudgetLevel.OK),
        ("2026-EM-0003", D("0.00"), BudgetLevel.OK)]
    assert rows[0].forecast == D("22000.00")  # 3,000 + 5,000 + 14,000: no phase is over


def test_staff_filter_lists_only_cases_with_their_entries(built: Built) -> None:
    _p, reader, ids = built
    rows = br.case_summaries(reader, ReportFilters(staff_id=ids["bob"]), today=TODAY)
    assert [(r.case_number, r.actual) for r in rows] == [
        ("2026-CV-0001", D("2553.96")), ("2026-FA-0006", D("360.00"))]


def test_practice_area_and_case_filters(built: Built) -> None:
    _p, reader, ids = built
    rows = br.case_summaries(reader, ReportFilters(practice_area="Employment"), today=TODAY)
    assert [r.case_number for r in rows] == ["2026-EM-0003", "2026-EM-0002"]
    rows = br.case_summaries(reader, ReportFilters(case_id=ids["A"]), today=TODAY)
    assert [r.case_number for r in rows] == ["2026-CV-0001"]


def test_expenses_by_month_and_category(built: Built) -> None:
    _p, reader, _ids = built
    got = [(r.month, r.category, r.amount, r.count) for r in br.expenses_by_month(reader, ALL)]
    assert got == [  # closed D included; deleted expense and deleted case E not
        (date(2026, 1, 1), "Court fees", D("50.00"), 1),
        (date(2026, 4, 1), "Court reporters and transcripts", D("1234.56"), 1),
        (date(2026, 6, 1), "Court fees", D("500.00"), 1),
        (date(2026, 6, 1), "Travel", D("99.99"), 1),
    ]
    flt = ReportFilters(date_from=date(2026, 6, 1), practice_area="Civil litigation")
    assert [(r.category, r.amount) for r in br.expenses_by_month(reader, flt)] == [
        ("Travel", D("99.99"))]


def test_expenses_by_month_staff_filter(built: Built) -> None:
    _p, reader, ids = built
    rows = br.expenses_by_month(reader, ReportFilters(staff_id=ids["bob"]))
    assert [(r.category, r.amount) for r in rows] == [
        ("Court reporters and transcripts", D("1234.56"))]


def test_hours_by_staff(built: Built) -> None:
    _p, reader, ids = built
    got = [(r.staff_id, r.staff_name, r.hours, r.billable_hours, r.amount, r.billable_amount)
           for r in br.hours_by_staff(reader, ALL)]
    assert got == [
        (ids["alice"], "Alice Archer", D("17.21"), D("17.21"), D("4386.66"), D("4386.66")),
        (ids["bob"], "Bob Baker", D("14.33"), D("11.00"), D("2579.40"), D("1980.00")),
    ]
    june = br.hours_by_staff(reader, ReportFilters(date_from=date(2026, 6, 1),
                                                   date_to=date(2026, 6, 30)))
    assert [(r.staff_name, r.hours, r.amount) for r in june] == [
        ("Alice Archer", D("3.70"), D("925.00")), ("Bob Baker", D("6.00"), D("1080.00"))]
    family = br.hours_by_staff(reader, ReportFilters(practice_area="Family"))
    assert [(r.staff_name, r.hours) for r in family] == [("Bob Baker", D("2.00"))]


def test_unbilled_per_case_largest_first(built: Built) -> None:
    _p, reader, ids = built
    got = [(r.case_number, r.fees, r.expenses, r.hours, r.oldest_on, r.total)
           for r in br.unbilled(reader, ALL)]
    assert got == [
        ("2026-CV-0001", D("1806.66"), D("1234.56"), D("8.01"), date(2026, 2, 2), D("3041.22")),
        ("2025-CV-0004", D("900.00"), D("50.00"), D("5.00"), date(2026, 1, 5), D("950.00")),
        ("2026-EM-0002", D("800.00"), D("0.00"), D("3.20"), date(2026, 6, 21), D("800.00")),
        ("2026-EM-0003", D("0.00"), D("500.00"), D("0.00"), date(2026, 6, 25), D("500.00")),
        ("2026-FA-0006", D("360.00"), D("0.00"), D("2.00"), date(2026, 6, 10), D("360.00")),
    ]
    by_staff = br.unbilled(reader, ReportFilters(staff_id=ids["alice"], date_to=date(2026, 6, 1)))
    assert [(r.case_number, r.total) for r in by_staff] == [("2026-CV-0001", D("961.66"))]


def test_firm_report_assembles_everything(built: Built) -> None:
    _p, reader, _ids = built
    flt = ReportFilters(date_from=date(2026, 1, 1), date_to=date(2026, 12, 31))
    report = br.firm_report(reader, flt, today=TODAY)
    assert (report.firm_name, report.currency, report.filters, report.today) == (
        "Smith & Jones LLP", "EUR", flt, TODAY)
    assert [c.case_number for c in report.cases] == [
        "2026-EM-0003", "2026-EM-0002", "2026-CV-0001", "2026-FA-0006"]
    assert [c.case_number for c in report.over_or_near] == ["2026-EM-0003", "2026-EM-0002"]
    assert len(report.expenses_by_month) == 4
    assert sum((r.amount for r in report.expenses_by_month), D(0)) == D("1884.55")
    assert [r.staff_name for r in report.hours_by_staff] == ["Alice Archer", "Bob Baker"]
    assert sum((r.total for r in report.unbilled), D(0)) == D("5651.22")
    assert (report.warning_percent, report.over_percent) == (80, 100)
    assert any("period" in n for n in report.notes)
    assert any("1 open case with time or expenses has no budget" in n for n in report.notes)


def test_an_empty_practice_reports_nothing(tmp_path_factory: pytest.TempPathFactory) -> None:
    from tests.unit.list_backends import open_desk

    with open_desk("sqlite", tmp_path_factory.mktemp("empty")) as (_practice, reader):
        report = br.firm_report(reader, ALL, today=TODAY)
        assert (report.firm_name, report.currency, report.cases, report.unbilled) == (
            "", "USD", (), ())
        assert br.budget_warnings(reader, today=TODAY) == []

"""Budget monitoring of one case (services/budget_report.case_status, burn_up) on every backend:
exact totals, per-phase figures, burn rate and both forecasts on hand-computed examples, the
warning thresholds, filters, and soft-deleted rows ignored.

The practice is built directly with the tables (not through the budget services) so these
tests check the read side alone; `build` documents every figure the tests expect.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pytest
from sqlmodel import Session

from casedesk.domain.enums import BudgetKind, BudgetLevel, CaseStatus, FeeArrangement, StaffRole
from casedesk.domain.errors import NotFound
from casedesk.domain.models import Budget, BudgetLine, Case, Expense, Firm, Staff, TimeEntry
from casedesk.domain.money import time_amount_cents, to_cents, to_hours_centi
from casedesk.persistence.practice import Practice
from casedesk.persistence.reader import Reader
from casedesk.services import budget_report as br
from casedesk.services.budget_rows import NO_PHASE, ReportFilters
from tests.unit.list_backends import BACKENDS, built_desk, open_desk

TODAY = date(2026, 6, 30)  # a Tuesday
DELETED = datetime(2026, 6, 29, 12, tzinfo=UTC)
D = Decimal


@dataclass
class Builder:
    """Rows added straight to the tables inside one unit of work."""

    session: Session
    ids: dict[str, uuid.UUID] = field(default_factory=dict)

    def firm(self, *, currency: str = "EUR", warning: int = 80, over: int = 100) -> None:
        self.session.add(Firm(name="Smith & Jones LLP", currency=currency,
                              budget_warning_percent=warning, budget_over_percent=over))

    def staff(self, key: str, name: str, rate: str) -> uuid.UUID:
        row = Staff(name=name, role=StaffRole.ATTORNEY, hourly_rate_cents=to_cents(rate))
        self.session.add(row)
        self.session.flush()
        self.ids[key] = row.id
        return row.id

    def case(self, key: str, number: str, *, area: str = "", status: CaseStatus = CaseStatus.OPEN,
             deleted: bool = False, responsible: str | None = None) -> uuid.UUID:
        row = Case(number=number, title=f"Matter {number}", practice_area=area, status=status,
                   deleted_at=DELETED if deleted else None,
                   responsible_staff_id=self.ids[responsible] if responsible else None)
        self.session.add(row)
        self.session.flush()
        self.ids[key] = row.id
        return row.id

    def budget(self, case: str, revision: int, made: date, lines: list[tuple[str, str, str]],
               *, current: bool = True, planned_end_on: date | None = None,
               deleted: bool = False, at_utc: datetime | None = None,
               arrangement: FeeArrangement = FeeArrangement.HOURLY) -> uuid.UUID:
        """lines: (phase, "fees"|"expenses", amount); made that day at 15:00 UTC unless
        `at_utc` says when."""
        row = Budget(case_id=self.ids[case], revision=revision, is_current=current,
                     fee_arrangement=arrangement, planned_end_on=planned_end_on,
                     created_at=at_utc or datetime(made.year, made.month, made.day, 15,
                                                   tzinfo=UTC),
                     deleted_at=DELETED if deleted else None, reason=f"revision {revision}")
        self.session.add(row)
        self.session.flush()
        for position, (phase, kind, amount) in enumerate(lines):
            self.session.add(BudgetLine(budget_id=row.id, position=position, phase=phase,
                                        kind=BudgetKind(kind), amount_cents=to_cents(amount)))
        self.session.flush()
        return row.id

    def time(self, case: str, staff: str, day: date, hours: str, rate: str, phase: str = "",
             *, billable: bool = True, billed_on: date | None = None,
             deleted: bool = False) -> None:
        centi, rate_cents = to_hours_centi(hours), to_cents(rate)
        assert rate_cents is not None
        self.session.add(TimeEntry(
            case_id=self.ids[case], staff_id=self.ids[staff], worked_on=day, hours_centi=centi,
            rate_cents=rate_cents, amount_cents=time_amount_cents(centi, rate_cents), phase=phase,
            billable=billable, billed_on=billed_on, deleted_at=DELETED if deleted else None))

    def expense(self, case: str, day: date, category: str, amount: str, phase: str = "", *,
                staff: str | None = None, billable: bool = True, deleted: bool = False) -> None:
        cents = to_cents(amount)
        assert cents is not None
        self.session.add(Expense(
            case_id=self.ids[case], spent_on=day, category=category, amount_cents=cents,
            phase=phase, billable=billable, staff_id=self.ids[staff] if staff else None,
            deleted_at=DELETED if deleted else None))


def build(practice: Practice) -> dict[str, uuid.UUID]:
    """The practice every read-only test here (and in test_budget_report_firm.py) uses.

    Case A (open, Civil litigation, responsible Alice), budget revision 1 on 2026-01-10
    (Pleadings 5,000 + Discovery 10,000 = 15,000), revision 2 current from 2026-03-01:
    Discovery fees 12,000 + expenses 2,000, Investigation 3,000, Pleadings 5,000 = 22,000,
    planned end 2026-12-31. Entries (a deleted time entry and a deleted expense ignored):
      02-02 Alice 2.50 h x 250.00 = 625.00 Investigation        billable
      03-15 Alice 10.00 h x 250.00 = 2,500.00 Pleadings         billed 04-01
      04-20 Bob 3.33 h x 180.00 = 599.40 Discovery              not billable
      04-25 expense Court reporters 1,234.56 Discovery (Bob)    billable
      05-10 Alice 1.01 h x 333.33 = 336.66 Discovery            billable
      06-01 expense Travel 99.99, no phase                      not billable
      06-15 Bob 4.00 h x 180.00 = 720.00 Mediation (no budget)  billable
      06-20 Alice 0.50 h x 250.00 = 125.00, no phase            billable
    Actual 4,906.06 fees + 1,334.55 expenses = 6,240.61 (28.4%).
    B (open, Employment): budget 1,000.00 General; Alice 06-21 3.20 h x 250 = 800.00: 80.0%.
    C (open, Employment): budget 500.00 Court fees expenses; expense 06-25 500.00: 100.0%.
    D (closed): budget 100.00; Bob 01-05 5 h x 180 = 900.00, expense 01-06 Court fees 50.00.
    E (deleted case): Alice 06-01 1 h x 250, expense 77.77 Travel: never counted.
    F (open, Family, no budget but a deleted one): Bob 06-10 2.00 h x 180 = 360.00.
    G (open): only a deleted budget, no entries: not listed.
    """
    with practice.transaction() as session:
        b = Builder(session)
        b.firm()
        b.staff("alice", "Alice Archer", "250.00")
        b.staff("bob", "Bob Baker", "180.00")
        b.case("A", "2026-CV-0001", area="Civil litigation", responsible="alice")
        b.budget("A", 1, date(2026, 1, 10), [("Pleadings", "fees", "5000.00"),
                                             ("Discovery", "fees", "10000.00")], current=False)
        b.budget("A", 2, date(2026, 3, 1), [
            ("Discovery", "fees", "12000.00"), ("Investigation", "fees", "3000.00"),
            ("Discovery", "expenses", "2000.00"), ("Pleadings", "fees", "5000.00")],
            planned_end_on=date(2026, 12, 31))
        b.time("A", "alice", date(2026, 2, 2), "2.50", "250.00", "Investigation")
        b.time("A", "alice", date(2026, 3, 15), "10.00", "250.00", "Pleadings",
               billed_on=date(2026, 4, 1))
        b.time("A", "bob", date(2026, 4, 20), "3.33", "180.00", "Discovery", billable=False)
        b.time("A", "alice", date(2026, 5, 10), "1.01", "333.33", "Discovery")
        b.time("A", "bob", date(2026, 6, 15), "4.00", "180.00", "Mediation")
        b.time("A", "alice", date(2026, 6, 20), "0.50", "250.00")
        b.time("A", "alice", date(2026, 6, 21), "8.00", "250.00", "Discovery", deleted=True)
        b.expense("A", date(2026, 4, 25), "Court reporters and transcripts", "1234.56",
                  "Discovery", staff="bob")
        b.expense("A", date(2026, 6, 1), "Travel", "99.99", billable=False)
        b.expense("A", date(2026, 6, 2), "Travel", "500.00", "Discovery", deleted=True)
        b.case("B", "2026-EM-0002", area="Employment")
        b.budget("B", 1, date(2026, 6, 1), [("General", "fees", "1000.00")])
        b.time("B", "alice", date(2026, 6, 21), "3.20", "250.00", "General")
        b.case("C", "2026-EM-0003", area="Employment")
        b.budget("C", 1, date(2026, 6, 1), [("General", "expenses", "500.00")],
                 arrangement=FeeArrangement.FIXED_FEE)
        b.expense("C", date(2026, 6, 25), "Court fees", "500.00", "General")
        b.case("D", "2025-CV-0004", area="Civil litigation", status=CaseStatus.CLOSED)
        b.budget("D", 1, date(2025, 12, 1), [("Trial", "fees", "100.00")])
        b.time("D", "bob", date(2026, 1, 5), "5.00", "180.00", "Trial")
        b.expense("D", date(2026, 1, 6), "Court fees", "50.00", "Trial")
        b.case("E", "2026-CV-0005", area="Civil litigation", deleted=True)
        b.budget("E", 1, date(2026, 5, 1), [("Trial", "fees", "10.00")])
        b.time("E", "alice", date(2026, 6, 1), "1.00", "250.00")
        b.expense("E", date(2026, 6, 1), "Travel", "77.77")
        b.case("F", "2026-FA-0006", area="Family")
        b.time("F", "bob", date(2026, 6, 10), "2.00", "180.00")
        b.budget("F", 1, date(2026, 5, 1), [("Trial", "fees", "10.00")], deleted=True)
        b.case("G", "2026-CV-0007", area="Civil litigation")
        b.budget("G", 1, date(2026, 5, 1), [("Trial", "fees", "10.00")], deleted=True)
        return b.ids


Built = tuple[Practice, Reader, dict[str, uuid.UUID]]


@pytest.fixture(scope="module", params=BACKENDS)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[Built]:
    yield from built_desk(request, tmp_path_factory, build)


def test_case_totals_are_exact_to_the_cent(built: Built) -> None:
    _p, reader, ids = built
    st = br.case_status(reader, ids["A"], today=TODAY)
    assert (st.case_number, st.case_status, st.practice_area) == (
        "2026-CV-0001", CaseStatus.OPEN, "Civil litigation")
    assert st.currency == "EUR"
    assert st.budget is not None and st.budget.revision == 2
    assert st.budget_total == D("22000.00")
    assert st.actual_fees == D("4906.06")
    assert st.actual_expenses == D("1334.55")
    assert st.actual_total == D("6240.61")
    assert st.remaining == D("15759.39")
    assert st.hours == D("21.34")
    assert st.unbilled == D("3041.22")  # 625 + 336.66 + 720 + 125 fees, 1,234.56 expenses
    assert st.percent_used == D("28.4")
    assert st.level is BudgetLevel.OK
    assert (st.first_entry_on, st.last_entry_on) == (date(2026, 2, 2), date(2026, 6, 20))
    assert (st.warning_percent, st.over_percent) == (80, 100)


def test_phases_in_the_practice_order_then_others_then_no_phase(built: Built) -> None:
    _p, reader, ids = built
    st = br.case_status(reader, ids["A"], today=TODAY)
    got = [(p.phase, p.budget_fees, p.budget_expenses, p.actual_fees, p.actual_expenses, p.hours)
           for p in st.phases]
    assert got == [
        ("Investigation", D("3000.00"), D("0.00"), D("625.00"), D("0.00"), D("2.50")),
        ("Pleadings", D("5000.00"), D("0.00"), D("2500.00"), D("0.00"), D("10.00")),
        ("Discovery", D("12000.00"), D("2000.00"), D("936.06"), D("1234.56"), D("4.34")),
        ("Mediation", D("0.00"), D("0.00"), D("720.00"), D("0.00"), D("4.00")),
        (NO_PHASE, D("0.00"), D("0.00"), D("125.00"), D("99.99"), D("0.50")),
    ]
    discovery = st.phases[2]
    assert (discovery.budget, discovery.actual, discovery.remaining) == (
        D("14000.00"), D("2170.62"), D("11829.38"))
    assert discovery.percent_used == D("15.5")
    assert st.phases[3].percent_used is None  # nothing budgeted to compare with


def test_burn_rate_and_both_forecasts(built: Built) -> None:
    _p, reader, ids = built
    st = br.case_status(reader, ids["A"], today=TODAY)
    # Dated 2026-04-02..06-30 (the 90 days ending today): 599.40 + 1,234.56 + 336.66 + 99.99
    # + 720.00 + 125.00 = 3,115.61; / 3 = 1,038.536.. -> 1,038.54 per 30 days.
    assert st.burn_rate == D("1038.54")
    # 184 days to 2026-12-31: 6,240.61 + 1,038.54 x 184 / 30 = 12,610.322 -> 12,610.32.
    assert st.forecast_from_burn == D("12610.32")
    # max(budget, actual) per phase: 3,000 + 5,000 + 14,000 + 720 + 224.99.
    assert st.forecast_from_phases == D("22944.99")
    assert st.forecast == D("22944.99")
    # 15,759.39 left at 1,038.54 per 30 days: 455.24 days -> the 456th day, 2027-09-29.
    assert st.exhausted_on == date(2027, 9, 29)


def test_burn_rate_of_a_case_younger_than_90_days(built: Built) -> None:
    _p, reader, ids = built
    st = br.case_status(reader, ids["B"], today=TODAY)
    # One entry of 800.00 on 06-21, 10 days counting today: not 800 / 10 x 30 = 2,400.00 a
    # month (one week's work is not a monthly rate) but over at least 30 days: 800.00.
    assert st.burn_rate == D("800.00")
    assert st.forecast_from_burn is None  # no planned end
    assert st.forecast == st.forecast_from_phases == D("1000.00")
    # 200.00 left at 800 per 30 days: 7.5 days -> runs out on the 8th day.
    assert st.exhausted_on == date(2026, 7, 8)
    assert (st.percent_used, st.level) == (D("80.0"), BudgetLevel.WARNING)


def test_exactly_at_the_over_threshold_is_over(built: Built) -> None:
    _p, reader, ids = built
    st = br.case_status(reader, ids["C"], today=TODAY)
    assert (st.actual_total, st.budget_total, st.percent_used) == (
        D("500.00"), D("500.00"), D("100.0"))
    assert st.level is BudgetLevel.OVER
    assert st.exhausted_on is None  # nothing left
    assert st.budget is not None and st.budget.fee_arrangement is FeeArrangement.FIXED_FEE


def test_planned_end_in_the_past_forecasts_the_actual() -> None:
    assert br.forecast_from_burn(D("10.00"), D("5.00"), date(2026, 1, 1), TODAY) == D("10.00")
    assert br.forecast_from_burn(D("10.00"), D("5.00"), None, TODAY) is None
    assert br.forecast_from_burn(D("10.00"), D("3.00"), date(2026, 7, 10), TODAY) == D("11.00")
    assert br.burn_rate(D("100.00"), None, TODAY) == D("0.00")
    assert br.burn_rate(D("100.00"), date(2026, 7, 1), TODAY) == D("0.00")  # future only
    assert br.burn_rate(D("900.00"), date(2026, 5, 17), TODAY) == D("600.00")  # 45 days
    assert br.burn_rate(D("900.00"), date(2026, 6, 29), TODAY) == D("900.00")  # 30 at least
    assert br.burn_rate(D("900.00"), date(2025, 1, 1), TODAY) == D("300.00")  # last 90 days
    assert br.exhausted_on(D("10.00"), D("0.00"), TODAY) is None


def test_period_filter_limits_actual_and_takes_forecasts_at_its_end(built: Built) -> None:
    _p, reader, ids = built
    flt = ReportFilters(date_from=date(2026, 4, 1), date_to=date(2026, 5, 31))
    st = br.case_status(reader, ids["A"], today=TODAY, filters=flt)
    assert st.budget_total == D("22000.00")  # the budget stays whole
    assert (st.actual_fees, st.actual_expenses) == (D("936.06"), D("1234.56"))
    assert st.first_entry_on == date(2026, 4, 20)
    # As of 05-31, first entry 04-20 (42 days): 2,170.62 x 30 / 42 = 1,550.44.
    assert st.burn_rate == D("1550.44")
    # 214 days from 05-31 to 12-31: 2,170.62 + 1,550.44 x 214 / 30 = 13,230.425.. -> .43
    assert st.forecast_from_burn == D("13230.43")
    assert [p.phase for p in st.phases] == ["Investigation", "Pleadings", "Discovery"]
    assert st.exhausted_on == date(2027, 6, 19)  # 19,829.38 x 30 / 1,550.44 -> 384 days


def test_staff_filter_counts_that_persons_time_and_expenses(built: Built) -> None:
    _p, reader, ids = built
    st = br.case_status(reader, ids["A"], today=TODAY, filters=ReportFilters(staff_id=ids["bob"]))
    assert (st.actual_fees, st.actual_expenses) == (D("1319.40"), D("1234.56"))
    assert st.hours == D("7.33")
    assert st.unbilled == D("1954.56")  # 720.00 + 1,234.56 (04-20 is not billable)


def test_case_without_budget_and_missing_case(built: Built) -> None:
    _p, reader, ids = built
    st = br.case_status(reader, ids["F"], today=TODAY)
    assert st.budget is None and st.budget_total == D("0.00")
    assert (st.percent_used, st.level, st.forecast_from_burn) == (None, BudgetLevel.NONE, None)
    assert st.forecast_from_phases == st.actual_total == D("360.00")
    assert [p.phase for p in st.phases] == [NO_PHASE]
    assert br.case_status(reader, ids["G"], today=TODAY).budget is None  # deleted budget
    with pytest.raises(NotFound):
        br.case_status(reader, ids["E"], today=TODAY)  # deleted case
    with pytest.raises(NotFound):
        br.case_status(reader, uuid.uuid4(), today=TODAY)


def test_budget_revision_details(built: Built) -> None:
    _p, reader, ids = built
    st = br.case_status(reader, ids["A"], today=TODAY)
    assert st.budget is not None
    assert st.budget.is_current and st.budget.reason == "revision 2"
    assert st.budget.planned_end_on == date(2026, 12, 31)
    assert st.budget.created_at == datetime(2026, 3, 1, 15, tzinfo=UTC)
    assert [(ln.phase, ln.kind, ln.amount) for ln in st.budget.lines] == [
        ("Discovery", BudgetKind.FEES, D("12000.00")),
        ("Investigation", BudgetKind.FEES, D("3000.00")),
        ("Discovery", BudgetKind.EXPENSES, D("2000.00")),
        ("Pleadings", BudgetKind.FEES, D("5000.00"))]
    assert (st.budget.fees_total, st.budget.expenses_total) == (D("20000.00"), D("2000.00"))


def test_burn_up_weekly_with_the_budget_in_force(built: Built) -> None:
    _p, reader, ids = built
    points = br.burn_up(reader, ids["A"], today=TODAY)
    # From revision 1 (Saturday 2026-01-10), every Sunday, and today.
    assert points[0].on == date(2026, 1, 10)
    assert points[1].on == date(2026, 1, 11)
    assert points[-2].on == date(2026, 6, 28)
    assert points[-1].on == TODAY
    assert len(points) == 1 + 25 + 1  # the first day, 25 Sundays from 01-11 to 06-28, today
    assert all(b.on - a.on <= timedelta(days=7) for a, b in pairwise(points))
    by_day = {p.on: p for p in points}
    assert by_day[date(2026, 1, 10)].actual == D("0.00")
    assert by_day[date(2026, 1, 10)].budget == D("15000.00")
    assert by_day[date(2026, 2, 22)].budget == D("15000.00")
    assert by_day[date(2026, 3, 1)].budget == D("22000.00")  # revision 2 made that day
    assert by_day[date(2026, 2, 8)].actual == D("625.00")
    assert by_day[date(2026, 4, 26)].actual == D("4958.96")  # 625 + 2,500 + 599.40 + 1,234.56
    assert points[-1].actual == D("6240.61")  # the deleted rows never count


def test_burn_up_without_anything_is_empty(built: Built) -> None:
    _p, reader, ids = built
    assert br.burn_up(reader, ids["G"], today=TODAY) == []
    f = br.burn_up(reader, ids["F"], today=TODAY)
    assert [(p.on, p.actual, p.budget) for p in f] == [
        (date(2026, 6, 10), D("360.00"), D("0.00")), (date(2026, 6, 14), D("360.00"), D("0.00")),
        (date(2026, 6, 21), D("360.00"), D("0.00")), (date(2026, 6, 28), D("360.00"), D("0.00")),
        (TODAY, D("360.00"), D("0.00"))]


def test_case_id_for_number(built: Built) -> None:
    _p, reader, ids = built
    assert br.case_id_for_number(reader, "2026-CV-0001") == ids["A"]
    assert br.case_id_for_number(reader, " 2026-cv-0001 ") == ids["A"]
    assert br.case_id_for_number(reader, "2026-CV-0005") is None  # deleted
    assert br.case_id_for_number(reader, "nope") is None


@pytest.mark.parametrize(("actual", "level"), [
    ("799.00", BudgetLevel.OK), ("800.00", BudgetLevel.WARNING), ("999.00", BudgetLevel.WARNING),
    ("1000.00", BudgetLevel.OVER), ("1000.01", BudgetLevel.OVER)])
def test_thresholds_at_exactly_80_and_100_percent(tmp_path: Path, actual: str,
                                                  level: BudgetLevel) -> None:
    with open_desk("sqlite", tmp_path / "desk") as (practice, reader):
        with practice.transaction() as session:
            b = Builder(session)
            b.firm()
            b.case("X", "X-1")
            b.budget("X", 1, date(2026, 6, 1), [("Trial", "fees", "1000.00")])
            b.expense("X", date(2026, 6, 2), "Court fees", actual, "Trial")
            ids = b.ids
        assert br.case_status(reader, ids["X"], today=TODAY).level is level
        warned = br.budget_warnings(reader, today=TODAY)
        assert [w.case_number for w in warned] == ([] if level is BudgetLevel.OK else ["X-1"])


def test_the_practice_thresholds_are_used(tmp_path: Path) -> None:
    with open_desk("sqlite", tmp_path / "desk") as (practice, reader):
        with practice.transaction() as session:
            b = Builder(session)
            b.firm(warning=50, over=75)
            b.case("X", "X-1")
            b.budget("X", 1, date(2026, 6, 1), [("Trial", "fees", "1000.00")])
            b.expense("X", date(2026, 6, 2), "Court fees", "600.00", "Trial")
            ids = b.ids
        st = br.case_status(reader, ids["X"], today=TODAY)
        assert (st.level, st.warning_percent, st.over_percent) == (BudgetLevel.WARNING, 50, 75)


def test_burn_up_dates_revisions_in_the_firm_time_zone(tmp_path: Path) -> None:
    with open_desk("sqlite", tmp_path / "desk") as (practice, reader):
        with practice.transaction() as session:
            b = Builder(session)
            b.firm()  # America/New_York
            b.case("X", "X-1")
            b.budget("X", 1, date(2026, 6, 1), [("Trial", "fees", "100.00")], current=False)
            # 02:00 UTC on Monday 06-08 is still Sunday 06-07 in New York.
            b.budget("X", 2, date(2026, 6, 8), [("Trial", "fees", "200.00")],
                     at_utc=datetime(2026, 6, 8, 2, tzinfo=UTC))
            ids = b.ids
        points = br.burn_up(reader, ids["X"], today=date(2026, 6, 10))
        assert [(p.on, p.budget) for p in points] == [
            (date(2026, 6, 1), D("100.00")), (date(2026, 6, 7), D("200.00")),
            (date(2026, 6, 10), D("200.00"))]

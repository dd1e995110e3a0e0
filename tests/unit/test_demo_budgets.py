"""The demo's budgets, time entries and expenses: deterministic, consistent to the cent, along
each case's timeline, billed monthly, and a few open cases over or near their budget."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise
from typing import Any

import pytest

from casedesk.domain.enums import DEFAULT_ACTIVITIES, BudgetLevel
from casedesk.domain.money import time_amount_cents
from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from casedesk.services import budget_report, budget_settings, budgets
from casedesk.services.demo import DemoFiles, DemoSummary, build_world, generate
from casedesk.services.demo import budgets as demo_budgets
from casedesk.services.demo import generator as demo_generator
from casedesk.services.demo.budget_entries import period_end
from casedesk.services.demo.budget_texts import DEMO_PHASES, PHASES

TODAY = date(2026, 3, 2)
YESTERDAY = TODAY - timedelta(days=1)
MONEY_TABLES = ("budgets", "budget_lines", "time_entries", "expenses")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Practice, DemoSummary]]:
    """One 300-case demo practice, shared (read-only) by the tests below."""
    folder = tmp_path_factory.mktemp("money") / "practice"
    practice = Practice(resolve(folder))
    try:
        summary: DemoSummary = practice.write(generate, cases=300, seed=11, today=TODAY)
        yield practice, summary
    finally:
        practice.close()


def rows(practice: Practice, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    with sqlite3.connect(practice.location.sqlite_path or "") as conn:
        return conn.execute(sql, params).fetchall()


def day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def test_counts_match_the_summary(demo: tuple[Practice, DemoSummary]) -> None:
    practice, summary = demo
    counted = {t: rows(practice, f"SELECT count(*) FROM {t}")[0][0] for t in MONEY_TABLES[::2]}
    counted["expenses"] = rows(practice, "SELECT count(*) FROM expenses")[0][0]
    assert counted == {"budgets": summary.budgets, "time_entries": summary.time_entries,
                       "expenses": summary.expenses}
    assert summary.time_entries >= 20 * 300 and summary.expenses >= 3 * 300
    assert summary.describe().endswith(f"{summary.time_entries} time entries, "
                                       f"{summary.expenses} expenses")


def test_same_seed_same_money_and_the_rest_left_as_it_was(
        monkeypatch: pytest.MonkeyPatch) -> None:
    first = build_world(cases=40, seed=5, today=TODAY)
    second = build_world(cases=40, seed=5, today=TODAY)
    for table in MONEY_TABLES:
        assert first.rows[table] == second.rows[table], table
    other = build_world(cases=40, seed=6, today=TODAY)
    assert [e["description"] for e in other.rows["time_entries"][:50]] != \
        [e["description"] for e in first.rows["time_entries"][:50]]
    monkeypatch.setattr(demo_generator, "GENERATORS", tuple(
        g for g in demo_generator.GENERATORS if g[0] != "budgets"))
    without = build_world(cases=40, seed=5, today=TODAY)
    assert not any(table in without.rows for table in MONEY_TABLES)
    for table, kept in without.rows.items():
        if table == "activities":  # the budgets' and billing's history lines come last
            assert first.rows[table][:len(kept)] == kept
        else:
            assert first.rows[table] == kept, table


def test_amounts_are_hours_times_rate_and_totals_add_up(demo: tuple[Practice, DemoSummary]
                                                        ) -> None:
    practice, _summary = demo
    entries = rows(practice, "SELECT hours_centi, rate_cents, amount_cents FROM time_entries")
    for hours, rate, amount in entries:
        assert amount == time_amount_cents(hours, rate)
        assert hours % 10 == 0 and 10 <= hours <= 2400  # tenths of an hour, at most a day
    assert all(cents > 0 for (cents,) in rows(practice, "SELECT amount_cents FROM expenses"))
    # What the budget service and the report read is what the tables hold, to the cent.
    reader = practice.reader
    case_ids = [r[0] for r in rows(practice, "SELECT case_id FROM budgets WHERE is_current "
                                             "ORDER BY case_id LIMIT 12")]
    for case_hex in case_ids:
        case_id = next(c for c in practice.read(_case_ids) if c.hex == case_hex)
        current = practice.read(budgets.current_budget, case_id)
        assert current is not None
        lines = rows(practice, "SELECT sum(l.amount_cents) FROM budget_lines l JOIN budgets b "
                               "ON b.id = l.budget_id WHERE b.is_current AND b.case_id = ?",
                     (case_hex,))[0][0]
        assert current.total == Decimal(lines) / 100
        spent = sum(r[0] for r in rows(practice, "SELECT amount_cents FROM time_entries WHERE "
                                                 "case_id = ? UNION ALL SELECT amount_cents "
                                                 "FROM expenses WHERE case_id = ?",
                                       (case_hex, case_hex)))
        status = budget_report.case_status(reader, case_id, today=TODAY)
        assert status.actual_fees + status.actual_expenses == Decimal(spent) / 100
        assert status.budget_total == current.total


def _case_ids(session: Any) -> list[Any]:
    from sqlmodel import select

    from casedesk.domain.models import Case

    return list(session.exec(select(Case.id)))


def _percent_by_case(practice: Practice) -> dict[str, tuple[float, str]]:
    """Each open case with a budget: percent used, from the tables alone."""
    budget = dict(rows(practice, "SELECT b.case_id, sum(l.amount_cents) FROM budgets b JOIN "
                                 "budget_lines l ON l.budget_id = b.id JOIN cases c ON "
                                 "c.id = b.case_id WHERE b.is_current AND c.status != 'closed' "
                                 "GROUP BY b.case_id"))
    spent: dict[str, int] = defaultdict(int)
    for case_id, cents in rows(practice, "SELECT case_id, amount_cents FROM time_entries "
                                         "UNION ALL SELECT case_id, amount_cents FROM expenses"):
        spent[case_id] += cents
    numbers = dict(rows(practice, "SELECT id, number FROM cases"))
    return {case_id: (spent[case_id] * 100 / total, numbers[case_id])
            for case_id, total in budget.items()}


def test_a_few_open_cases_are_over_budget_and_some_near(demo: tuple[Practice, DemoSummary]
                                                        ) -> None:
    practice, _summary = demo
    percent = _percent_by_case(practice)
    over = {number for p, number in percent.values() if p >= 100}
    near = {number for p, number in percent.values() if 80 <= p < 100}
    assert len(percent) >= 120
    assert 0.015 <= len(over) / len(percent) <= 0.08
    assert 0.03 <= len(near) / len(percent) <= 0.16
    warnings = budget_report.budget_warnings(practice.reader, today=TODAY)
    assert {w.case_number for w in warnings if w.level is BudgetLevel.OVER} == over
    assert {w.case_number for w in warnings if w.level is BudgetLevel.WARNING} == near


def test_budgets_by_phase_with_revisions_fixed_fees_and_contingencies(
        demo: tuple[Practice, DemoSummary]) -> None:
    practice, _summary = demo
    revisions = rows(practice, "SELECT b.case_id, b.revision, b.is_current, b.reason, "
                               "b.fee_arrangement, b.fixed_fee_cents, "
                               "b.contingency_basis_points, b.expected_recovery_cents, "
                               "c.practice_area, c.status, c.court FROM budgets b JOIN cases c "
                               "ON c.id = b.case_id ORDER BY b.case_id, b.revision")
    by_case: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for row in revisions:
        by_case[row[0]].append(row)
    for listed in by_case.values():
        assert [r[1] for r in listed] == list(range(1, len(listed) + 1))
        assert [bool(r[2]) for r in listed] == [False] * (len(listed) - 1) + [True]
    revised = [listed[-1] for listed in by_case.values() if len(listed) == 2]
    assert len(revised) >= 0.1 * len(by_case) and all(r[3] for r in revised)
    assert rows(practice, "SELECT count(*) FROM activities WHERE action = 'budget_revised'"
                )[0][0] == len(revised)
    current = [listed[-1] for listed in by_case.values()]
    kinds = Counter((r[8], r[4]) for r in current)
    assert kinds[("Estate planning", "fixed_fee")] > kinds[("Estate planning", "hourly")]
    assert kinds[("Immigration", "fixed_fee")] > 0
    assert all(r[5] > 0 for r in current if r[4] == "fixed_fee")
    contingency = [r for r in current if r[4] == "contingency"]
    assert contingency and {r[8] for r in contingency} == {"Personal injury"}
    assert all(r[6] in (3333, 4000) and r[7] > 0 for r in contingency)
    litigation = rows(practice, "SELECT id FROM cases WHERE court != '' AND status = 'open' "
                                "AND practice_area = 'Civil litigation'")
    assert sum(1 for (case_id,) in litigation if case_id in by_case) >= 0.8 * len(litigation)
    settings = budget_settings.read_settings(practice.reader)
    assert settings.phases == DEMO_PHASES
    phases = {r[0] for r in rows(practice, "SELECT DISTINCT phase FROM budget_lines UNION "
                                           "SELECT DISTINCT phase FROM time_entries UNION "
                                           "SELECT DISTINCT phase FROM expenses")}
    assert phases <= set(DEMO_PHASES)
    assert rows(practice, "SELECT count(*) FROM budget_lines WHERE kind = 'expenses' AND "
                          "hours_centi IS NOT NULL")[0][0] == 0


def test_entries_follow_the_case_timeline_phase_after_phase(demo: tuple[Practice, DemoSummary]
                                                            ) -> None:
    practice, _summary = demo
    cases = {r[0]: r[1:] for r in rows(practice, "SELECT id, opened_on, closed_on, "
                                                 "practice_area, court FROM cases")}
    spans: dict[tuple[str, str], list[date]] = defaultdict(list)
    weekdays: Counter[bool] = Counter()
    for case_id, on, phase in rows(practice, "SELECT case_id, worked_on, phase FROM "
                                             "time_entries UNION ALL SELECT case_id, spent_on, "
                                             "phase FROM expenses"):
        opened, closed, _area, _court = cases[case_id]
        worked = date.fromisoformat(on)
        assert day(opened) <= worked <= (day(closed) or YESTERDAY)  # type: ignore[operator]
        weekdays[worked.weekday() < 5] += 1
        spans[(case_id, phase)].append(worked)
    assert weekdays[True] >= 0.97 * sum(weekdays.values())
    checked = 0
    for case_id, (_opened, _closed, area, court) in cases.items():
        key = f"{area}/court" if court and f"{area}/court" in PHASES else area
        order = [name for name, _share in PHASES[key] if (case_id, name) in spans]
        for earlier, later in pairwise(order):
            assert max(spans[(case_id, earlier)]) < min(spans[(case_id, later)])
            checked += 1
    assert checked >= 300


def test_billing_is_monthly_and_the_latest_work_unbilled(demo: tuple[Practice, DemoSummary]
                                                         ) -> None:
    practice, _summary = demo
    entries = rows(practice, "SELECT t.case_id, t.worked_on, t.billable, t.billed_on, "
                             "b.fee_arrangement, c.closed_on, t.version FROM time_entries t "
                             "JOIN cases c ON c.id = t.case_id LEFT JOIN budgets b ON "
                             "b.case_id = t.case_id AND b.is_current")
    billed = unbilled = 0
    runs = set()
    for case_id, on, billable, billed_on, arrangement, closed, version in entries:
        worked, invoiced = date.fromisoformat(on), day(billed_on)
        if not billable or arrangement in ("fixed_fee", "contingency"):
            assert invoiced is None or billable
            continue
        if invoiced is None:
            unbilled += 1
            assert closed is None and worked >= date(2025, 11, 1)  # only the latest work
            continue
        billed += 1
        runs.add((case_id, billed_on))
        assert version == 2 and worked <= invoiced <= YESTERDAY
        assert invoiced in (period_end(worked, quarterly=False),
                            period_end(worked, quarterly=True), day(closed))
        if worked >= date(2026, 2, 1) and invoiced != day(closed):
            pytest.fail("February's work is billed before its invoice run")
    assert billed > 5 * unbilled > 0
    assert not any(r[2] == 0 and r[3] is not None for r in entries)
    logged = rows(practice, "SELECT count(*) FROM activities WHERE action = 'entries_billed'")
    assert logged[0][0] >= len(runs)


def test_descriptions_vendors_and_rates_read_as_real_work(demo: tuple[Practice, DemoSummary]
                                                          ) -> None:
    practice, _summary = demo
    texts = rows(practice, "SELECT description, activity FROM time_entries")
    assert all("{" not in text and "lorem" not in text.lower() for text, _a in texts)
    assert len({text for text, _a in texts}) >= 150
    assert {activity for _t, activity in texts} <= set(DEFAULT_ACTIVITIES)
    vendors = rows(practice, "SELECT DISTINCT category, vendor FROM expenses")
    assert len(vendors) >= 30 and all(v and "{" not in v for _c, v in vendors)
    assert any("Court Report" in v or "Deposition" in v for _c, v in vendors)
    rates = rows(practice, "SELECT t.worked_on, t.rate_cents, s.hourly_rate_cents, s.role "
                           "FROM time_entries t JOIN staff s ON s.id = t.staff_id")
    assert {role for *_rest, role in rates} >= {"attorney", "paralegal"}
    for on, rate, current, _role in rates:
        assert rate <= current
        if on >= "2026-01-01":
            assert rate == current  # this year's rate; earlier years were lower


def test_receipts_are_documents_of_the_same_case() -> None:
    world = build_world(cases=30, seed=4, today=TODAY, files=DemoFiles())
    receipts = [e for e in world.rows["expenses"] if e["receipt_document_id"] is not None]
    assert len(receipts) >= 5
    for expense in receipts:
        papers = {doc_id: on for doc_id, _title, on in world.papers[expense["case_id"]]}
        assert papers[expense["receipt_document_id"]] <= expense["spent_on"]
    assert len({e["receipt_document_id"] for e in receipts}) == len(receipts)


def test_bigger_demos_have_smaller_matters_for_the_same_people(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def fees_and_hours(world: Any) -> tuple[int, int]:
        current = {b["id"] for b in world.rows["budgets"] if b["is_current"]
                   and b["fee_arrangement"] == "hourly"}
        fees = sum(line["amount_cents"] for line in world.rows["budget_lines"]
                   if line["budget_id"] in current and line["kind"] == "fees")
        return fees, sum(t["hours_centi"] for t in world.rows["time_entries"])

    full = fees_and_hours(build_world(cases=60, seed=8, today=TODAY))
    # As if each attorney had four times the cases: matters a quarter of the size.
    monkeypatch.setattr(demo_budgets, "CASES_PER_ATTORNEY", 5)  # 3 x 5 / 60 = 0.25
    small = fees_and_hours(build_world(cases=60, seed=8, today=TODAY))
    assert 0.2 <= small[0] / full[0] <= 0.3
    assert 0.15 <= small[1] / full[1] <= 0.35

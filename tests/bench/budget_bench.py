"""Budget figures for `make bench`: the firm-wide budget report over 20,000 cases and 300,000
time entries and expenses through `services/budget_report`, beside the same aggregation
written by hand in raw `sqlite3` (GROUP BY per case and phase, per month and category, per
staff member, unbilled per case, added up in a few lines of Python) in the same run.

The practice is built once in bench-data/ (rows inserted with executemany; 15,000 open cases
with a current budget of 7 lines, a third of them revised once; 3 years of entries by 12 staff
over 12 practice areas) and reused while BUDGET_VERSION stays the same.
Run alone: `python -m tests.bench.budget_bench [--cases N] [--entries N]`.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import sqlite3
import statistics
import sys
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

Row = tuple[str, float, str, float]
ROOT = Path(__file__).resolve().parents[2]
BENCH_DATA = ROOT / "bench-data"
BUDGET_VERSION = 1  # bump when the generated practice changes, so cached ones are rebuilt
DEFAULT_CASES = 20_000
DEFAULT_ENTRIES = 300_000
EXPENSE_SHARE = 5  # one entry in five is an expense
REFERENCE_DAY = date(2026, 11, 27)  # tests/bench/run.REFERENCE_DAY
YEARS = 3
FEE_PHASES = ("Investigation", "Pleadings", "Discovery", "Trial preparation", "Trial")
EXPENSE_PHASES = ("Discovery", "Trial")
OTHER_PHASES = ("Appeal", "General", "")  # entries outside the budget's phases
CATEGORIES = ("Court fees", "Service of process", "Court reporters and transcripts",
              "Expert witnesses", "Travel", "Copying and printing", "Postage and courier",
              "Research databases")
STAFF = (("Alice Archer", 32500), ("Bob Baker", 27500), ("Carmen Diaz", 40000),
         ("Dmitri Volkov", 22500), ("Erin O'Neill", 18000), ("Farah Khan", 35000),
         ("George Hall", 15000), ("Hana Sato", 29500), ("Ivan Petrov", 12500),
         ("Julia Rossi", 45000), ("Kofi Mensah", 21000), ("Lena Berg", 9500))


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def build_practice(folder: Path, cases: int, entries: int) -> None:
    """The practice (see the module docstring), written straight into the SQLite file."""
    from casedesk.domain.enums import PRACTICE_AREAS
    from casedesk.persistence.locations import resolve
    from casedesk.persistence.practice import Practice

    folder.mkdir(parents=True, exist_ok=True)
    Practice(resolve(folder)).close()  # creates the schema
    rnd = random.Random(5)
    conn = sqlite3.connect(folder / "casedesk.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("BEGIN")
    now = _stamp(datetime(2026, 11, 27, 12, tzinfo=UTC))
    conn.execute("INSERT INTO firms (id, created_at, updated_at, version, name, address, phone, "
                 "email, time_zone, currency, budget_warning_percent, budget_over_percent) "
                 "VALUES (?, ?, ?, 1, 'Archer & Baker LLP', '', '', '', 'America/New_York', "
                 "'USD', 80, 100)", (uuid.uuid4().hex, now, now))
    staff = [(uuid.uuid4().hex, name, rate) for name, rate in STAFF]
    conn.executemany("INSERT INTO staff (id, created_at, updated_at, version, name, role, email, "
                     "hourly_rate_cents, bar_number, active) "
                     "VALUES (?, ?, ?, 1, ?, 'attorney', '', ?, '', 1)",
                     [(sid, now, now, name, rate) for sid, name, rate in staff])
    first_day = REFERENCE_DAY - timedelta(days=365 * YEARS)
    case_rows, open_ids, case_ids = [], [], []
    for n in range(cases):
        case_id = uuid.uuid4().hex
        closed = n % 4 == 3
        status = "closed" if closed else ("intake", "open", "pending", "open")[n % 4]
        opened = first_day + timedelta(days=rnd.randrange(365 * YEARS - 30))
        case_rows.append((case_id, now, now, f"{opened.year}-CV-{n + 1:05d}",
                          f"Matter number {n + 1}", PRACTICE_AREAS[n % len(PRACTICE_AREAS)],
                          status, opened.isoformat(), staff[n % len(staff)][0]))
        case_ids.append((case_id, opened))
        if not closed:
            open_ids.append(case_id)
    conn.executemany(
        "INSERT INTO cases (id, created_at, updated_at, version, number, title, practice_area, "
        "status, court, court_time_zone, judge, docket_number, opened_on, description, "
        "client_names, search_text, responsible_staff_id) "
        "VALUES (?, ?, ?, 1, ?, ?, ?, ?, '', '', '', '', ?, '', '', '', ?)", case_rows)
    # Entries first, so each budget can be set around what its case really spends.
    spent: dict[tuple[str, str], int] = defaultdict(int)
    time_rows, expense_rows = [], []
    for i in range(entries):
        case_id, opened = case_ids[rnd.randrange(cases)]
        day = opened + timedelta(days=rnd.randrange(max((REFERENCE_DAY - opened).days, 1)))
        deleted = now if rnd.random() < 0.01 else None
        billable = rnd.random() < 0.85
        billed = ((day + timedelta(days=30)).isoformat()
                  if billable and day < REFERENCE_DAY - timedelta(days=60) and rnd.random() < 0.7
                  else None)
        if i % EXPENSE_SHARE == 0:
            phase = rnd.choice((*EXPENSE_PHASES, ""))
            cents = rnd.randrange(500, 250_000)
            expense_rows.append((uuid.uuid4().hex, now, now, deleted, case_id, day.isoformat(),
                                 rnd.choice(CATEGORIES), "Vendor", cents, phase, "", billable,
                                 billed, rnd.choice(staff)[0] if rnd.random() < 0.6 else None))
        else:
            phase = rnd.choice(FEE_PHASES * 3 + OTHER_PHASES)
            sid, _name, rate = rnd.choice(staff)
            hours = rnd.randrange(10, 800)
            cents = (hours * rate + 50) // 100
            time_rows.append((uuid.uuid4().hex, now, now, deleted, case_id, sid, day.isoformat(),
                              hours, rate, cents, phase, "Research", "", billable, billed))
        if deleted is None:
            spent[(case_id, phase)] += cents
    conn.executemany(
        "INSERT INTO time_entries (id, created_at, updated_at, version, deleted_at, case_id, "
        "staff_id, worked_on, hours_centi, rate_cents, amount_cents, phase, activity, "
        "description, billable, billed_on) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        time_rows)
    conn.executemany(
        "INSERT INTO expenses (id, created_at, updated_at, version, deleted_at, case_id, "
        "spent_on, category, vendor, amount_cents, phase, description, billable, billed_on, "
        "staff_id) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", expense_rows)
    # Budgets: every open case and half the closed ones; a third revised once.
    budget_rows, line_rows = [], []
    for n, (case_id, opened) in enumerate(case_ids):
        if n % 4 == 3 and n % 8 != 3:
            continue
        revisions = 2 if n % 3 == 0 else 1
        made = datetime(opened.year, opened.month, opened.day, 15, tzinfo=UTC)
        for revision in range(1, revisions + 1):
            budget_id = uuid.uuid4().hex
            factor = rnd.uniform(0.7, 2.2) if revision == revisions else rnd.uniform(0.5, 1.2)
            end = (REFERENCE_DAY + timedelta(days=rnd.randrange(-60, 700))).isoformat()
            budget_rows.append((budget_id, _stamp(made), _stamp(made), case_id, revision,
                                revision == revisions, end, f"revision {revision}"))
            lines = [(p, "fees") for p in FEE_PHASES] + [(p, "expenses") for p in EXPENSE_PHASES]
            for position, (phase, kind) in enumerate(lines):
                base = spent.get((case_id, phase), 0) // (2 if phase in EXPENSE_PHASES else 1)
                amount = max(int(base * factor), 50_000)
                line_rows.append((budget_id, position, phase, kind, amount // 100 * 100))
            made += timedelta(days=rnd.randrange(30, 300))
    conn.executemany(
        "INSERT INTO budgets (id, created_at, updated_at, version, case_id, revision, "
        "is_current, fee_arrangement, planned_end_on, reason) "
        "VALUES (?, ?, ?, 1, ?, ?, ?, 'hourly', ?, ?)", budget_rows)
    conn.executemany("INSERT INTO budget_lines (budget_id, position, phase, kind, amount_cents) "
                     "VALUES (?, ?, ?, ?, ?)", line_rows)
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def ensure_practice(cases: int, entries: int) -> Path:
    folder = BENCH_DATA / f"budget-{cases}-{entries}-v{BUDGET_VERSION}"
    marker = folder / "built"
    if marker.exists():
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    print(f"building the {cases:,}-case, {entries:,}-entry budget practice in {folder} "
          "(once)...", flush=True)
    started = time.perf_counter()
    build_practice(folder, cases, entries)
    marker.write_text("ok\n")
    print(f"  built in {time.perf_counter() - started:.1f} s", flush=True)
    return folder


# -- the reference: the same figures by hand in raw sqlite3 ---------------------------------------
def raw_case_figures(conn: sqlite3.Connection, today: date) -> list[tuple[Any, ...]]:
    """Per open case: budget, actual, forecast from phases (max per phase), actual in the last
    90 days, first entry, unbilled; worst first. Plain GROUP BY queries + dict merging."""
    burn_from = (today - timedelta(days=89)).isoformat()
    phases: dict[tuple[str, str], list[Any]] = {}

    def add(key: tuple[str, str], budget: int, actual: int, recent: int, first: str | None,
            unbilled: int) -> None:
        row = phases.setdefault(key, [0, 0, 0, None, 0])
        row[0] += budget
        row[1] += actual
        row[2] += recent
        if first is not None and (row[3] is None or first < row[3]):
            row[3] = first
        row[4] += unbilled

    open_cases = "SELECT id FROM cases WHERE deleted_at IS NULL AND status <> 'closed'"
    for case_id, phase, cents in conn.execute(
            "SELECT b.case_id, l.phase, sum(l.amount_cents) FROM budgets b "
            "JOIN budget_lines l ON l.budget_id = b.id WHERE b.is_current = 1 "
            f"AND b.deleted_at IS NULL AND b.case_id IN ({open_cases}) "
            "GROUP BY b.case_id, l.phase"):
        add((case_id, phase), cents, 0, 0, None, 0)
    for table, day in (("time_entries", "worked_on"), ("expenses", "spent_on")):
        for case_id, phase, cents, recent, first, unbilled in conn.execute(
                f"SELECT case_id, phase, sum(amount_cents), sum(CASE WHEN {day} >= ? "
                f"AND {day} <= ? THEN amount_cents ELSE 0 END), min({day}), "
                "sum(CASE WHEN billable = 1 AND billed_on IS NULL THEN amount_cents ELSE 0 END) "
                f"FROM {table} WHERE deleted_at IS NULL AND case_id IN ({open_cases}) "
                "GROUP BY case_id, phase", (burn_from, today.isoformat())):
            add((case_id, phase), 0, cents, recent, first, unbilled)
    cases: dict[str, list[Any]] = {}
    for (case_id, _phase), (budget, actual, recent, first, unbilled) in phases.items():
        row = cases.setdefault(case_id, [0, 0, 0, 0, None, 0])
        row[0] += budget
        row[1] += actual
        row[2] += max(budget, actual)
        row[3] += recent
        if first is not None and (row[4] is None or first < row[4]):
            row[4] = first
        row[5] += unbilled
    info = {r[0]: r[1:] for r in conn.execute(
        "SELECT c.id, c.number, c.title, c.practice_area, s.name, b.fee_arrangement, "
        "b.planned_end_on, b.id FROM cases c LEFT JOIN budgets b ON b.case_id = c.id "
        "AND b.is_current = 1 AND b.deleted_at IS NULL "
        "LEFT JOIN staff s ON s.id = c.responsible_staff_id "
        "WHERE c.deleted_at IS NULL AND c.status <> 'closed'")}
    out = [(*info[case_id], *figures) for case_id, figures in cases.items() if case_id in info]
    out.sort(key=lambda r: (-(r[8] * 1000 // r[7]) if r[7] else 1, r[0]))
    return out


def raw_firm_tables(conn: sqlite3.Connection) -> tuple[list[Any], list[Any], list[Any]]:
    """Expenses by month and category, hours by staff, unbilled per case."""
    live = "SELECT id FROM cases WHERE deleted_at IS NULL"
    months = conn.execute(
        "SELECT substr(spent_on, 1, 7), category, sum(amount_cents), count(*) FROM expenses "
        f"WHERE deleted_at IS NULL AND case_id IN ({live}) GROUP BY 1, 2 ORDER BY 1, 2").fetchall()
    hours = conn.execute(
        "SELECT t.staff_id, s.name, sum(t.hours_centi), "
        "sum(CASE WHEN t.billable = 1 THEN t.hours_centi ELSE 0 END), sum(t.amount_cents), "
        "sum(CASE WHEN t.billable = 1 THEN t.amount_cents ELSE 0 END) FROM time_entries t "
        "LEFT JOIN staff s ON s.id = t.staff_id "
        f"WHERE t.deleted_at IS NULL AND t.case_id IN ({live}) "
        "GROUP BY t.staff_id ORDER BY s.name").fetchall()
    unbilled: dict[str, list[Any]] = {}
    for table, day, fees in (("time_entries", "worked_on", True), ("expenses", "spent_on", False)):
        for case_id, cents, hours_centi, oldest in conn.execute(
                f"SELECT case_id, sum(amount_cents), {'sum(hours_centi)' if fees else '0'}, "
                f"min({day}) FROM {table} WHERE deleted_at IS NULL AND billable = 1 "
                f"AND billed_on IS NULL AND case_id IN ({live}) GROUP BY case_id"):
            row = unbilled.setdefault(case_id, [0, 0, 0, oldest])
            row[0 if fees else 1] += cents
            row[2] += hours_centi
            row[3] = min(row[3], oldest)
    numbers = dict(conn.execute(f"SELECT id, number FROM cases WHERE id IN ({live})").fetchall())
    per_case = sorted(((numbers[k], *v) for k, v in unbilled.items()),
                      key=lambda r: (-(r[1] + r[2]), r[0]))
    return months, hours, per_case


def raw_case_status(conn: sqlite3.Connection, case_id: str, today: date) -> list[Any]:
    """One case: its current budget's lines and its entries per phase."""
    burn_from = (today - timedelta(days=89)).isoformat()
    lines = conn.execute(
        "SELECT l.phase, l.kind, l.amount_cents FROM budgets b JOIN budget_lines l "
        "ON l.budget_id = b.id WHERE b.case_id = ? AND b.is_current = 1 "
        "AND b.deleted_at IS NULL ORDER BY l.position", (case_id,)).fetchall()
    actual = conn.execute(
        "SELECT phase, sum(f), sum(e), sum(h), sum(r), min(d), max(d), sum(u) FROM ("
        "SELECT phase, amount_cents AS f, 0 AS e, hours_centi AS h, CASE WHEN worked_on >= ? "
        "THEN amount_cents ELSE 0 END AS r, worked_on AS d, CASE WHEN billable = 1 AND "
        "billed_on IS NULL THEN amount_cents ELSE 0 END AS u FROM time_entries "
        "WHERE case_id = ? AND deleted_at IS NULL UNION ALL "
        "SELECT phase, 0, amount_cents, 0, CASE WHEN spent_on >= ? THEN amount_cents ELSE 0 END, "
        "spent_on, CASE WHEN billable = 1 AND billed_on IS NULL THEN amount_cents ELSE 0 END "
        "FROM expenses WHERE case_id = ? AND deleted_at IS NULL) GROUP BY phase",
        (burn_from, case_id, burn_from, case_id)).fetchall()
    return [lines, actual]


def paired_ms(ours: Callable[[], object], reference: Callable[[], object], repeat: int
              ) -> tuple[float, float]:
    """Medians of the two, run alternately after one warm-up each, so a busy moment on a
    shared machine weighs on both sides alike."""
    ours()
    reference()
    a, b = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        ours()
        a.append(time.perf_counter() - started)
        started = time.perf_counter()
        reference()
        b.append(time.perf_counter() - started)
    return statistics.median(a) * 1000, statistics.median(b) * 1000


# -- the figures ----------------------------------------------------------------------------------
def figures(folder: Path, repeat: int, today: date = REFERENCE_DAY) -> list[Row]:
    from casedesk.persistence.reader import SqliteReader
    from casedesk.services import budget_report
    from casedesk.services import budget_report_sql as sql
    from casedesk.services.budget_rows import ReportFilters

    db_path = folder / "casedesk.db"
    reader = SqliteReader(db_path)  # what the GUI's worker (db.plain) and the CLI read through
    raw = sqlite3.connect(db_path)
    counts = raw.execute("SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM "
                         "time_entries) + (SELECT count(*) FROM expenses)").fetchone()
    size = f"{counts[0]:,} cases, {counts[1]:,} entries"
    everything = ReportFilters()
    report = budget_report.firm_report(reader, everything, today=today)
    reference = raw_case_figures(raw, today)
    assert len(report.cases) == len(reference), (len(report.cases), len(reference))
    # Both sides compute the same figures (checked here, outside the timings).
    assert sum(c.actual for c in report.cases) * 100 == sum(r[8] for r in reference)
    assert sum(c.budget for c in report.cases) * 100 == sum(r[7] for r in reference)
    months, hours, unbilled = raw_firm_tables(raw)
    assert [(m.category, m.amount * 100) for m in report.expenses_by_month] == [
        (m[1], m[2]) for m in months]
    assert sum(h.amount for h in report.hours_by_staff) * 100 == sum(h[4] for h in hours)
    assert [u.case_number for u in report.unbilled] == [u[0] for u in unbilled]

    def own_sql(flt: ReportFilters) -> Callable[[], object]:
        """The four statements firm_report runs, through raw sqlite3, rows left as tuples."""
        params: dict[str, Any] = {}
        as_of = budget_report.as_of_day(today, flt)
        texts = [sql.case_summaries("sqlite", flt, params, as_of=as_of,
                                    burn_from=budget_report.burn_window_start(as_of)),
                 sql.expenses_by_month("sqlite", flt, params),
                 sql.hours_by_staff("sqlite", flt, params), sql.unbilled(flt, params)]
        bound = {k: v.isoformat() if isinstance(v, date) else v for k, v in params.items()}
        return lambda: [raw.execute(text, bound).fetchall() for text in texts]

    def firm() -> object:
        return budget_report.firm_report(reader, everything, today=today)

    rows: list[tuple[str, float, float, str]] = [
        (f"firm-wide budget report ({size})", *paired_ms(
            firm, lambda: (raw_case_figures(raw, today), raw_firm_tables(raw)), repeat),
         "hand-written GROUP BYs in raw sqlite3"),
        ("  the same", *paired_ms(firm, own_sql(everything), repeat),
         "its own SQL through raw sqlite3, no objects"),
        ("  open cases against budget (case_summaries)", *paired_ms(
            lambda: budget_report.case_summaries(reader, everything, today=today),
            lambda: raw_case_figures(raw, today), repeat),
         "the same per-case figures by hand in raw sqlite3"),
    ]
    year = ReportFilters(date_from=date(today.year, 1, 1), date_to=today,
                         practice_area="Civil litigation")
    rows.append(("  one practice area, this year", *paired_ms(
        lambda: budget_report.firm_report(reader, year, today=today), own_sql(year), repeat),
        "its own SQL through raw sqlite3, no objects"))
    busiest = raw.execute("SELECT case_id FROM time_entries GROUP BY case_id "
                          "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    case_id = uuid.UUID(hex=busiest)
    rows.append(("one case's budget status (case_status)", *paired_ms(
        lambda: budget_report.case_status(reader, case_id, today=today),
        lambda: raw_case_status(raw, busiest, today), repeat * 4),
        "its budget lines + entries by phase, raw"))
    rows.append(("one case's burn-up line (burn_up)", *paired_ms(
        lambda: budget_report.burn_up(reader, case_id, today=today),
        lambda: raw_case_status(raw, busiest, today), repeat * 4),
        "its budget lines + entries by phase, raw"))
    return [(name, ours, ref_name, ref) for name, ours, ref, ref_name in rows]




def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=DEFAULT_CASES)
    parser.add_argument("--entries", type=int, default=DEFAULT_ENTRIES)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}")
    rows = figures(ensure_practice(args.cases, args.entries), args.repeat)
    width = max(len(r[0]) for r in rows)
    for name, value, ref_name, ref in rows:
        print(f"{name.ljust(width)}  {value:8.1f} ms  {ref:8.2f} ms  {value / ref:5.1f}x  "
              f"{ref_name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

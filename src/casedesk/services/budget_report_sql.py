"""The SQL behind the budget monitoring and reports (services/budget_report.py), one text for
SQLite and PostgreSQL.

Every figure is a SUM of stored integer cents or hundredths of an hour, grouped in the
database; Python only adds up a handful of per-phase rows and converts to Decimal. Ids are
bound as UUIDs (the reader turns them into SQLite's 32-digit hex), dates as dates (ISO text on
SQLite), and booleans are tested as `t.billable` / `b.is_current`, which both databases read as
true or false (SQLite stores 0/1).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from casedesk.services.budget_rows import ReportFilters

Params = dict[str, Any]

# An entry is part of the practice's figures when neither it nor its case is deleted.
LIVE_CASE = "c.deleted_at IS NULL"
OPEN_CASE = "c.deleted_at IS NULL AND c.status <> 'closed'"


def greatest(dialect: str, a: str, b: str) -> str:
    """The larger of two values (SQLite's two-argument max(), PostgreSQL's GREATEST)."""
    return f"max({a}, {b})" if dialect == "sqlite" else f"GREATEST({a}, {b})"


def month_of(dialect: str, column: str) -> str:
    """'YYYY-MM' of a date column (dates are ISO text on SQLite)."""
    if dialect == "sqlite":
        return f"substr({column}, 1, 7)"
    return f"to_char({column}, 'YYYY-MM')"


def entry_where(alias: str, day: str, flt: ReportFilters, params: Params) -> str:
    """The filters on one entry table (`t` time entries / `e` expenses): not deleted, in the
    period (inclusive), by the staff member, of the case."""
    clauses = [f"{alias}.deleted_at IS NULL"]
    if flt.date_from is not None:
        clauses.append(f"{alias}.{day} >= :date_from")
        params["date_from"] = flt.date_from
    if flt.date_to is not None:
        clauses.append(f"{alias}.{day} <= :date_to")
        params["date_to"] = flt.date_to
    if flt.staff_id is not None:
        clauses.append(f"{alias}.staff_id = :staff_id")
        params["staff_id"] = flt.staff_id
    if flt.case_id is not None:
        clauses.append(f"{alias}.case_id = :case_id")
        params["case_id"] = flt.case_id
    return " AND ".join(clauses)


def case_where(flt: ReportFilters, params: Params, *, open_only: bool) -> str:
    """The filters on the cases an entry counts for (`c`): live (and open), practice area."""
    clauses = [OPEN_CASE if open_only else LIVE_CASE]
    if flt.practice_area:
        clauses.append("c.practice_area = :practice_area")
        params["practice_area"] = flt.practice_area
    if flt.case_id is not None:
        clauses.append("c.id = :case_id")
        params["case_id"] = flt.case_id
    return " AND ".join(clauses)


def case_scope(alias: str, flt: ReportFilters, params: Params, *, open_only: bool = False,
               live_only: bool = True) -> str:
    """" AND <alias>.case_id IN (cases of the practice area)" when a practice area is asked
    for: few cases, so the entries are reached through their (case_id, day) index. Otherwise
    the entries are scanned and, with `live_only`, those of deleted cases left out through the
    (short) list of deleted cases; callers that group by case check the case afterwards
    instead, which is cheaper than looking the case up for every entry."""
    if flt.practice_area:
        return (f" AND {alias}.case_id IN (SELECT c.id FROM cases c WHERE "
                f"{case_where(flt, params, open_only=open_only)})")
    if live_only:
        return (f" AND {alias}.case_id NOT IN (SELECT c.id FROM cases c "
                "WHERE c.deleted_at IS NOT NULL)")
    return ""


def by_column(dialect: str, column: str) -> str:
    """A GROUP BY term that SQLite must sort for rather than follow an index on `column`:
    without ANALYZE statistics it walks e.g. ix_time_entries_staff_day for GROUP BY staff_id
    and then fetches every row out of order (about 5x slower than scanning and sorting).
    Unary + changes nothing but hides the column from the planner (not valid on uuid in
    PostgreSQL, which plans this well on its own)."""
    return f"+{column}" if dialect == "sqlite" else column


def entries_union(flt: ReportFilters, params: Params, *, as_of: date, burn_from: date,
                  scope: str = "") -> str:
    """Time entries and expenses as one row set, columns:
    case_id, phase, budget (0), fees, expenses, hours, recent (amount in the burn window
    [burn_from, as_of]), day, unbilled (billable and not billed), n (1 per entry).

    `scope` is "" or a `case_scope(...)` text with "{alias}" left for the table alias."""
    params["as_of"], params["burn_from"] = as_of, burn_from
    t_where = entry_where("t", "worked_on", flt, params) + scope.format(alias="t")
    e_where = entry_where("e", "spent_on", flt, params) + scope.format(alias="e")
    return (
        "SELECT t.case_id AS case_id, t.phase AS phase, 0 AS budget, "
        "t.amount_cents AS fees, 0 AS expenses, t.hours_centi AS hours, "
        "CASE WHEN t.worked_on >= :burn_from AND t.worked_on <= :as_of "
        "THEN t.amount_cents ELSE 0 END AS recent, t.worked_on AS day, "
        "CASE WHEN t.billable AND t.billed_on IS NULL THEN t.amount_cents ELSE 0 END "
        "AS unbilled, 1 AS n "
        f"FROM time_entries t WHERE {t_where} "
        "UNION ALL "
        "SELECT e.case_id, e.phase, 0, 0, e.amount_cents, 0, "
        "CASE WHEN e.spent_on >= :burn_from AND e.spent_on <= :as_of "
        "THEN e.amount_cents ELSE 0 END, e.spent_on, "
        "CASE WHEN e.billable AND e.billed_on IS NULL THEN e.amount_cents ELSE 0 END, 1 "
        f"FROM expenses e WHERE {e_where}")


# -- one case -------------------------------------------------------------------------------------
CASE_ROW = ("SELECT c.number, c.title, c.practice_area, c.status FROM cases c "
            "WHERE c.id = :case_id AND c.deleted_at IS NULL")

CURRENT_BUDGET = (
    "SELECT b.id, b.revision, b.is_current, b.fee_arrangement, b.fixed_fee_cents, "
    "b.contingency_basis_points, b.expected_recovery_cents, b.planned_end_on, b.reason, "
    "b.staff_id, s.name, b.created_at, b.version "
    "FROM budgets b LEFT JOIN staff s ON s.id = b.staff_id "
    "WHERE b.case_id = :case_id AND b.is_current AND b.deleted_at IS NULL "
    "ORDER BY b.revision DESC LIMIT 1")

LINES = ("SELECT l.phase, l.kind, l.amount_cents, l.hours_centi FROM budget_lines l "
         "WHERE l.budget_id = :budget_id ORDER BY l.position, l.id")


def phase_actuals(union: str) -> str:
    """A case's entries by phase (the union filtered to one case)."""
    return ("SELECT x.phase, sum(x.fees), sum(x.expenses), sum(x.hours), sum(x.recent), "
            "min(x.day), max(x.day), sum(x.unbilled), sum(x.n) "
            f"FROM ({union}) x GROUP BY x.phase")


def daily_actuals() -> str:
    """A case's live entries added up per day (the burn-up line)."""
    return ("SELECT x.day, sum(x.amount) FROM ("
            "SELECT t.worked_on AS day, t.amount_cents AS amount FROM time_entries t "
            "WHERE t.case_id = :case_id AND t.deleted_at IS NULL "
            "UNION ALL SELECT e.spent_on, e.amount_cents FROM expenses e "
            "WHERE e.case_id = :case_id AND e.deleted_at IS NULL) x "
            "GROUP BY x.day ORDER BY x.day")


REVISION_TOTALS = (
    "SELECT b.created_at, b.revision, coalesce(sum(l.amount_cents), 0) FROM budgets b "
    "LEFT JOIN budget_lines l ON l.budget_id = b.id "
    "WHERE b.case_id = :case_id AND b.deleted_at IS NULL "
    "GROUP BY b.id, b.created_at, b.revision ORDER BY b.created_at, b.revision")


# -- every open case ------------------------------------------------------------------------------
def case_summaries(dialect: str, flt: ReportFilters, params: Params, *, as_of: date,
                   burn_from: date) -> str:
    """One row per open case with a current budget or with entries counted by the filters:
    id, number, title, practice area, responsible, fee arrangement, planned end, budget id,
    budget, actual, forecast from phases, recent, first entry day, unbilled, entries.

    Budget lines and entries are put in one row set and added up per (case, phase), so that
    the phase forecast max(budget, actual) is taken per phase, then per case; only then are
    the cases checked (open, not deleted, practice area): one lookup per case, not per entry."""
    scope = ("" if not flt.practice_area
             else case_scope("{alias}", flt, params, open_only=True))
    union = entries_union(flt, params, as_of=as_of, burn_from=burn_from, scope=scope)
    lines = (
        "SELECT b.case_id, coalesce(l.phase, ''), coalesce(l.amount_cents, 0), 0, 0, 0, 0, "
        "NULL, 0, 0 FROM budgets b LEFT JOIN budget_lines l ON l.budget_id = b.id "
        f"WHERE b.is_current AND b.deleted_at IS NULL{scope.format(alias='b')}")
    if flt.case_id is not None:
        lines += " AND b.case_id = :case_id"
    big = greatest(dialect, "p.budget", "p.fees + p.expenses")
    per_phase = (
        "SELECT x.case_id AS case_id, sum(x.budget) AS budget, sum(x.fees) AS fees, "
        "sum(x.expenses) AS expenses, sum(x.recent) AS recent, min(x.day) AS first_on, "
        "sum(x.unbilled) AS unbilled, sum(x.n) AS n "
        f"FROM ({union} UNION ALL {lines}) x GROUP BY x.case_id, x.phase")
    per_case = (
        "SELECT p.case_id AS case_id, sum(p.budget) AS budget, "
        "sum(p.fees + p.expenses) AS actual, "
        f"sum({big}) AS by_phases, sum(p.recent) AS recent, min(p.first_on) AS first_on, "
        "sum(p.unbilled) AS unbilled, sum(p.n) AS n "
        f"FROM ({per_phase}) p GROUP BY p.case_id")
    return (
        "SELECT c.id, c.number, c.title, c.practice_area, s.name, b.fee_arrangement, "
        "b.planned_end_on, b.id, a.budget, a.actual, a.by_phases, a.recent, a.first_on, "
        "a.unbilled, a.n "
        f"FROM ({per_case}) a JOIN cases c ON c.id = a.case_id "
        f"AND {case_where(flt, params, open_only=True)} "
        "LEFT JOIN budgets b ON b.case_id = c.id AND b.is_current AND b.deleted_at IS NULL "
        "LEFT JOIN staff s ON s.id = c.responsible_staff_id")


# -- firm-wide tables -----------------------------------------------------------------------------
def expenses_by_month(dialect: str, flt: ReportFilters, params: Params) -> str:
    month = month_of(dialect, "e.spent_on")
    where = entry_where("e", "spent_on", flt, params) + case_scope("e", flt, params)
    return (f"SELECT {month} AS month, e.category, sum(e.amount_cents), count(*) "
            f"FROM expenses e WHERE {where} GROUP BY {month}, e.category ORDER BY 1, 2")


def hours_by_staff(dialect: str, flt: ReportFilters, params: Params) -> str:
    where = entry_where("t", "worked_on", flt, params) + case_scope("t", flt, params)
    per_staff = (
        "SELECT t.staff_id AS staff_id, sum(t.hours_centi) AS hours, "
        "sum(CASE WHEN t.billable THEN t.hours_centi ELSE 0 END) AS billable_hours, "
        "sum(t.amount_cents) AS amount, "
        "sum(CASE WHEN t.billable THEN t.amount_cents ELSE 0 END) AS billable_amount "
        f"FROM time_entries t WHERE {where} GROUP BY {by_column(dialect, 't.staff_id')}")
    return ("SELECT h.staff_id, s.name, h.hours, h.billable_hours, h.amount, h.billable_amount "
            f"FROM ({per_staff}) h LEFT JOIN staff s ON s.id = h.staff_id")


def unbilled(flt: ReportFilters, params: Params) -> str:
    """Per case, then the case checked (live, practice area): one lookup per case."""
    scope = "" if not flt.practice_area else case_scope("{alias}", flt, params)
    t_where = entry_where("t", "worked_on", flt, params) + scope.format(alias="t")
    e_where = entry_where("e", "spent_on", flt, params) + scope.format(alias="e")
    union = (
        "SELECT t.case_id AS case_id, t.amount_cents AS fees, 0 AS expenses, "
        "t.hours_centi AS hours, t.worked_on AS day FROM time_entries t "
        f"WHERE {t_where} AND t.billable AND t.billed_on IS NULL "
        "UNION ALL SELECT e.case_id, 0, e.amount_cents, 0, e.spent_on FROM expenses e "
        f"WHERE {e_where} AND e.billable AND e.billed_on IS NULL")
    return ("SELECT c.id, c.number, c.title, u.fees, u.expenses, u.hours, u.oldest_on FROM ("
            "SELECT x.case_id AS case_id, sum(x.fees) AS fees, sum(x.expenses) AS expenses, "
            f"sum(x.hours) AS hours, min(x.day) AS oldest_on FROM ({union}) x "
            "GROUP BY x.case_id) u JOIN cases c ON c.id = u.case_id AND "
            f"{case_where(flt, params, open_only=False)}")


FIRM_NAME = "SELECT name FROM firms WHERE deleted_at IS NULL ORDER BY created_at LIMIT 1"
FIRM_ZONE = ("SELECT time_zone FROM firms WHERE deleted_at IS NULL ORDER BY created_at "
             "LIMIT 1")
CASE_BY_NUMBER = "SELECT id FROM cases WHERE number = :number AND deleted_at IS NULL"
CASE_BY_NUMBER_NOCASE = ("SELECT id FROM cases WHERE lower(number) = lower(:number) "
                         "AND deleted_at IS NULL LIMIT 2")

"""Budgets, time entries, expenses and the budget settings in a practice document: check them
and type them.

A case's `budget` is the revision in force as the contract gives it (items `phase kind
amount`); `budget_revisions` carries the whole history with the details of each revision; the
last revision is the one in force, so when both are given they must agree. Hours and amounts
are decimal strings with at most two decimals; a time entry's amount is derived (hours x rate,
rounded half up once) and, when the file gives it, must be that. Every problem a case's budget
or entries have names the case number and the entry's id besides its path. What needs the
database (staff, receipts, ids and revision numbers kept in this practice) is checked by
services/interchange_budget.py.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from casedesk.domain.enums import BudgetKind, FeeArrangement
from casedesk.domain.money import (
    MAX_CENTS,
    MAX_RATE_CENTS,
    format_decimal,
    from_cents,
    time_amount_cents,
    to_basis_points,
)
from casedesk.export import interchange_budget_values as v
from casedesk.export.interchange_budget_values import (
    MAX_DESCRIPTION,
    MAX_REASON,
    MAX_VENDOR,
)
from casedesk.export.interchange_fields import Fields

BUDGET_ITEM_KEYS = ("phase", "kind", "amount")
REVISION_KEYS = ("id", "revision", "fee_arrangement", "fixed_fee", "contingency_percent",
                 "expected_recovery", "planned_end_on", "reason", "staff_id", "created_at",
                 "lines")
REVISION_LINE_KEYS = ("phase", "kind", "amount", "hours")
TIME_ENTRY_KEYS = ("id", "staff_id", "date", "hours", "rate", "phase", "activity",
                   "description", "billable")
TIME_ENTRY_EXTENSIONS = ("billed_on", "amount")
EXPENSE_KEYS = ("id", "date", "category", "vendor", "amount", "phase", "description",
                "billable")
EXPENSE_EXTENSIONS = ("billed_on", "receipt_document_id", "staff_id")
SETTINGS_KEYS = ("phases", "expense_categories", "activities", "warning_percent",
                 "over_percent")

MAX_LINES = 200  # lines of one budget (as services/budgets.py)


@dataclass(frozen=True, slots=True)
class BudgetLineIn:
    path: str
    phase: str
    kind: BudgetKind
    amount_cents: int
    hours_centi: int | None = None


@dataclass(frozen=True, slots=True)
class RevisionIn:
    path: str
    id: uuid.UUID
    revision: int
    fee_arrangement: FeeArrangement
    fixed_fee_cents: int | None
    contingency_basis_points: int | None
    expected_recovery_cents: int | None
    planned_end_on: date | None
    reason: str
    staff_id: uuid.UUID | None
    created_at: datetime
    lines: tuple[BudgetLineIn, ...]


@dataclass(frozen=True, slots=True)
class TimeEntryIn:
    """A time entry; `billed_on` is None and `given_billed` False when the file leaves it out
    (an existing entry then keeps its own)."""

    path: str
    id: uuid.UUID
    staff_id: uuid.UUID
    worked_on: date
    hours_centi: int
    rate_cents: int
    amount_cents: int
    phase: str
    activity: str
    description: str
    billable: bool
    billed_on: date | None
    given: frozenset[str]


@dataclass(frozen=True, slots=True)
class ExpenseIn:
    path: str
    id: uuid.UUID
    spent_on: date
    category: str
    vendor: str
    amount_cents: int
    phase: str
    description: str
    billable: bool
    billed_on: date | None
    receipt_document_id: uuid.UUID | None
    staff_id: uuid.UUID | None
    given: frozenset[str]


@dataclass(frozen=True, slots=True)
class CaseMoneyIn:
    """A case's budget and entries. `budget` is None when the file has no `budget` key."""

    budget: tuple[BudgetLineIn, ...] | None = None
    revisions: tuple[RevisionIn, ...] = ()
    time_entries: tuple[TimeEntryIn, ...] = ()
    expenses: tuple[ExpenseIn, ...] = ()


@dataclass(frozen=True, slots=True)
class BudgetSettingsIn:
    """The practice's budget lists and thresholds (checked against the settings' own rules
    by services/interchange_budget.py)."""

    path: str
    phases: tuple[str, ...]
    expense_categories: tuple[str, ...]
    activities: tuple[str, ...]
    warning_percent: int
    over_percent: int


# -- records ----------------------------------------------------------------------------------
def _line(f: Fields, path: str, value: Any, *, with_hours: bool) -> BudgetLineIn | None:
    keys = REVISION_LINE_KEYS if with_hours else BUDGET_ITEM_KEYS
    data = f.obj(value, path, keys, (), "a budget line")
    if data is None:
        return None
    cents = v.amount(f, data, path, "amount")
    kind = f.enum(data, path, "kind", BudgetKind)
    hours = (v.decimal_text(f, data, path, "hours", v.budget_hours, "120.00", nullable=True)
             if with_hours else None)
    if hours is not None and kind is BudgetKind.EXPENSES:
        f.problem(f"{path}.hours", "hours go with fees lines only (write null)")
    return BudgetLineIn(path=path, phase=v.name(f, data, path, "phase", required=True),
                        kind=kind, amount_cents=cents or 0, hours_centi=hours)


def _lines(f: Fields, data: dict[str, Any], path: str, key: str, *,
           with_hours: bool) -> tuple[BudgetLineIn, ...]:
    items = v.items(f, data, path, key)
    if len(items) > MAX_LINES:
        f.problem(f.where(path, key), f"has {len(items)} lines; a budget has at most "
                                      f"{MAX_LINES}")
    lines = [_line(f, p, v, with_hours=with_hours) for p, v in items]
    seen: dict[tuple[str, BudgetKind], str] = {}
    for line in lines:
        if line is None:
            continue
        pair = (line.phase.casefold(), line.kind)
        if pair in seen:
            shown = line.phase or "(no phase)"
            f.problem(f"{line.path}.phase", f"{shown!r} has a {line.kind.value} line twice "
                                            f"(see {seen[pair]})")
        seen.setdefault(pair, line.path)
    return tuple(line for line in lines if line is not None)


def parse_revision(f: Fields, path: str, value: Any) -> RevisionIn | None:
    data = f.obj(value, path, REVISION_KEYS, (), "a budget revision")
    if data is None:
        return None
    number = f.whole(data, path, "revision", low=1, high=100_000)
    arrangement = f.enum(data, path, "fee_arrangement", FeeArrangement)
    fixed_fee = v.amount(f, data, path, "fixed_fee", nullable=True)
    percent = v.decimal_text(f, data, path, "contingency_percent",
                            lambda v: to_basis_points(v, field="contingency_percent"), "33.33",
                            nullable=True)
    if not f.failed(path, "fee_arrangement") and "fee_arrangement" in data:
        _check_terms(f, data, path, arrangement, fixed_fee, percent)
    lines = _lines(f, data, path, "lines", with_hours=True)
    if isinstance(data.get("lines"), list) and not data["lines"]:
        f.problem(f"{path}.lines", "a budget revision needs at least one line")
    return RevisionIn(
        path=path, id=f.ident(data, path, "id"), revision=number or 0,
        fee_arrangement=arrangement, fixed_fee_cents=fixed_fee,
        contingency_basis_points=percent,
        expected_recovery_cents=v.amount(f, data, path, "expected_recovery", nullable=True),
        planned_end_on=f.day(data, path, "planned_end_on"),
        reason=f.text(data, path, "reason", max_len=MAX_REASON),
        staff_id=f.opt_ident(data, path, "staff_id"), created_at=f.moment(data, path,
                                                                          "created_at"),
        lines=lines)


def _check_terms(f: Fields, data: dict[str, Any], path: str, arrangement: FeeArrangement,
                 fixed_fee: int | None, percent: int | None) -> None:
    """A fixed fee goes with (and is needed by) a fixed-fee budget, a percentage with a
    contingency one, as the budget service keeps them."""
    for key, value, owner in (("fixed_fee", fixed_fee, FeeArrangement.FIXED_FEE),
                              ("contingency_percent", percent, FeeArrangement.CONTINGENCY)):
        if f.failed(path, key) or key not in data:
            continue
        if arrangement is owner and not value:
            f.problem(f"{path}.{key}", f"a {owner.value} budget needs its {key} (more than "
                                       "zero)")
        elif arrangement is not owner and data[key] is not None:
            f.problem(f"{path}.{key}", f"is set, but the fee arrangement is "
                                       f"{arrangement.value!r} (write null)")


def parse_time_entry(f: Fields, path: str, value: Any) -> TimeEntryIn | None:
    data = f.obj(value, path, TIME_ENTRY_KEYS, TIME_ENTRY_EXTENSIONS, "a time entry")
    if data is None:
        return None
    hours = v.hours(f, data, path, "hours")
    rate = v.amount(f, data, path, "rate")
    if rate is not None and rate > MAX_RATE_CENTS:
        f.problem(f"{path}.rate", f"{data['rate']!r} is too large for an hourly rate")
        rate = None
    derived = time_amount_cents(hours, rate) if hours is not None and rate is not None else 0
    if derived > MAX_CENTS:
        f.problem(f"{path}.rate", "hours x rate is too large an amount")
    if "amount" in data and hours is not None and rate is not None:
        given = v.amount(f, data, path, "amount")
        if given is not None and given != derived:
            f.problem(f"{path}.amount", f"is {data['amount']!r}, but {data['hours']} hours at "
                                        f"{data['rate']} make {format_decimal(from_cents(derived))}"
                                        " (the amount is hours x rate, rounded to the cent)")
    staff_id = f.opt_ident(data, path, "staff_id")
    if staff_id is None and "staff_id" in data:
        f.problem(f"{path}.staff_id", "a time entry needs the staff member who did the work")
    return TimeEntryIn(
        path=path, id=f.ident(data, path, "id"), staff_id=staff_id or uuid.UUID(int=0),
        worked_on=v.required_day(f, data, path, "date"), hours_centi=hours or 0,
        rate_cents=rate or 0, amount_cents=derived,
        phase=v.name(f, data, path, "phase"), activity=v.name(f, data, path, "activity"),
        description=f.text(data, path, "description", max_len=MAX_DESCRIPTION),
        billable=v.flag(f, data, path, "billable"), billed_on=f.day(data, path, "billed_on"),
        given=frozenset(k for k in TIME_ENTRY_EXTENSIONS if k in data))


def parse_expense(f: Fields, path: str, value: Any) -> ExpenseIn | None:
    data = f.obj(value, path, EXPENSE_KEYS, EXPENSE_EXTENSIONS, "an expense")
    if data is None:
        return None
    return ExpenseIn(
        path=path, id=f.ident(data, path, "id"), spent_on=v.required_day(f, data, path, "date"),
        category=v.name(f, data, path, "category", required=True),
        vendor=v.name(f, data, path, "vendor", max_len=MAX_VENDOR),
        amount_cents=v.amount(f, data, path, "amount", positive=True) or 0,
        phase=v.name(f, data, path, "phase"),
        description=f.text(data, path, "description", max_len=MAX_DESCRIPTION),
        billable=v.flag(f, data, path, "billable"), billed_on=f.day(data, path, "billed_on"),
        receipt_document_id=f.opt_ident(data, path, "receipt_document_id"),
        staff_id=f.opt_ident(data, path, "staff_id"),
        given=frozenset(k for k in EXPENSE_EXTENSIONS if k in data))


def parse_case_money(f: Fields, data: dict[str, Any], path: str, number: str) -> CaseMoneyIn:
    """A case's `budget`, `budget_revisions`, `time_entries` and `expenses` (each optional)."""
    case = f"case {number}" if number else "this case"
    start = len(f.problems)
    budget = (_lines(f, data, path, "budget", with_hours=False) if "budget" in data else None)
    v.with_context(f, start, f"{case}, budget")
    revisions: list[RevisionIn] = []
    for where, value in v.items(f, data, path, "budget_revisions"):
        start = len(f.problems)
        revision = parse_revision(f, where, value)
        if revision is not None:
            revisions.append(revision)
        v.with_context(f, start, f"{case}, budget revision "
                                f"{revision.revision if revision else '?'}")
    start = len(f.problems)
    _check_revisions(f, path, budget, revisions)
    v.with_context(f, start, f"{case}, budget")
    entries = []
    for where, value in v.items(f, data, path, "time_entries"):
        start = len(f.problems)
        entries.append(parse_time_entry(f, where, value))
        v.with_context(f, start, f"{case}, time entry {_id_of(value)}")
    expenses = []
    for where, value in v.items(f, data, path, "expenses"):
        start = len(f.problems)
        expenses.append(parse_expense(f, where, value))
        v.with_context(f, start, f"{case}, expense {_id_of(value)}")
    return CaseMoneyIn(budget=budget, revisions=tuple(revisions),
                       time_entries=tuple(e for e in entries if e is not None),
                       expenses=tuple(e for e in expenses if e is not None))


def _id_of(value: Any) -> str:
    found = value.get("id") if isinstance(value, dict) else None
    return found if isinstance(found, str) and len(found) <= 40 else "?"


def _check_revisions(f: Fields, path: str, budget: tuple[BudgetLineIn, ...] | None,
                     revisions: list[RevisionIn]) -> None:
    """Revision numbers unique; the `budget` given beside them is the last one's lines."""
    seen: dict[int, str] = {}
    for revision in revisions:
        if revision.revision in seen:
            f.problem(f"{revision.path}.revision", f"revision {revision.revision} is also "
                                                   f"{seen[revision.revision]}")
        seen.setdefault(revision.revision, revision.path)
    if budget is None or not revisions:
        return
    last = max(revisions, key=lambda r: r.revision)
    if line_set(budget) != line_set(last.lines):
        f.problem(f"{path}.budget", f"does not match the last revision ({last.revision}) in "
                                    "budget_revisions: the budget is the revision in force")


def line_set(lines: tuple[BudgetLineIn, ...]) -> frozenset[tuple[str, str, int]]:
    """What a budget says, whatever the order of its lines (phase, kind, cents)."""
    return frozenset((ln.phase, ln.kind.value, ln.amount_cents) for ln in lines)


def parse_settings(f: Fields, path: str, value: Any) -> BudgetSettingsIn | None:
    data = f.obj(value, path, SETTINGS_KEYS, (), "the budget settings")
    if data is None:
        return None
    lists = {key: _texts(f, data, path, key) for key in SETTINGS_KEYS[:3]}
    return BudgetSettingsIn(
        path=path, phases=lists["phases"], expense_categories=lists["expense_categories"],
        activities=lists["activities"],
        warning_percent=f.whole(data, path, "warning_percent", low=1, high=1000) or 0,
        over_percent=f.whole(data, path, "over_percent", low=1, high=1000) or 0)


def _texts(f: Fields, data: dict[str, Any], path: str, key: str) -> tuple[str, ...]:
    """A list of texts as written (the settings' own rules are checked later)."""
    value = data.get(key)
    where = f.where(path, key)
    if not isinstance(value, list):
        if key in data:
            f.problem(where, f"must be a list of texts, not {f.describe(value)}")
        return ()
    for i, item in enumerate(value):
        if not isinstance(item, str):
            f.problem(f"{where}[{i}]", f"must be text, not {f.describe(item)}")
    return tuple(item for item in value if isinstance(item, str))


def check_money_inside(f: Fields, cases: list[CaseMoneyIn]) -> None:
    """No two budget revisions, time entries or expenses of the file share an id."""
    for what, records in (
            ("budget revision", [(r.path, r.id) for c in cases for r in c.revisions]),
            ("time entry", [(t.path, t.id) for c in cases for t in c.time_entries]),
            ("expense", [(e.path, e.id) for c in cases for e in c.expenses])):
        seen: dict[uuid.UUID, str] = {}
        for path, record_id in records:
            if record_id in seen:
                f.problem(f"{path}.id", f"the {what} id {record_id} is also used by "
                                        f"{seen[record_id]}")
            else:
                seen[record_id] = path

"""A case's budget: revisions by phase, for fees and for expenses, with the history kept.

Setting a budget always adds a revision (1, 2, ...) and makes it the current one; the earlier
revisions stay as they were, so the history shows what was agreed when and why. A save that
changes nothing (same arrangement, figures and lines as the current revision) adds no revision.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlmodel import Session, col, func, select

from casedesk.domain.changes import Changes
from casedesk.domain.enums import BudgetKind, FeeArrangement
from casedesk.domain.errors import ConcurrentEdit, InvalidInput, RuleViolation
from casedesk.domain.models import Budget, BudgetLine
from casedesk.domain.money import (
    from_basis_points,
    from_cents,
    from_hours_centi,
    to_basis_points,
)
from casedesk.services.budget_rows import (
    BudgetLineInput,
    BudgetLineRow,
    BudgetRevisionRow,
    BudgetSettings,
)
from casedesk.services.budget_settings import get_settings
from casedesk.services.common import log_activity
from casedesk.services.entry_common import (
    MAX_NAME,
    MAX_REASON,
    canonical_name,
    cents,
    check_actor,
    free_text,
    live_case,
    money_text,
    name_text,
    number_text,
    optional_date,
    staff_names,
)

_CHANGES = Changes(budgets=True, cases=True)
MAX_LINES = 200
MAX_BUDGET_HOURS = Decimal("1000000")
_KINDS = ", ".join(k.value for k in BudgetKind)

# (phase, kind, amount_cents, hours_centi) of one line, as stored.
_Line = tuple[str, BudgetKind, int, int | None]


# -- validation ---------------------------------------------------------------------------------
def _arrangement(value: FeeArrangement | str) -> FeeArrangement:
    try:
        return FeeArrangement(value)
    except ValueError:
        allowed = ", ".join(a.value for a in FeeArrangement)
        raise InvalidInput(f"{value!r} is not a fee arrangement ({allowed}).",
                           field="fee_arrangement") from None


def _budget_hours(value: Decimal | str | None, where: str) -> int | None:
    """Budgeted hours of a fees line: optional, not negative, to 0.01 h (no 24 h cap)."""
    try:
        checked = number_text(value, field="lines", what="a number of hours", example="48.5")
    except InvalidInput as exc:
        raise InvalidInput(f"{where}: {exc.message}", field="lines") from None
    text = "" if checked is None else str(checked).strip()
    if not text:
        return None
    try:
        hours = Decimal(text)
    except InvalidOperation:
        raise InvalidInput(f"{where}: {value!r} is not a number of hours.",
                           field="lines") from None
    if not hours.is_finite() or hours.quantize(Decimal("0.01")) != hours:
        raise InvalidInput(f"{where}: {value!r} is not a number of hours with at most two "
                           "decimals.", field="lines")
    if hours < 0 or hours > MAX_BUDGET_HOURS:
        raise InvalidInput(f"{where}: {value!r} hours is out of range.", field="lines")
    return int(hours * 100)


def _line(number: int, line: BudgetLineInput, settings: BudgetSettings) -> _Line:
    phase = name_text(line.phase, field="lines", label=f"Line {number}: the phase",
                      max_len=10 * MAX_NAME)
    if not phase:
        raise InvalidInput(f"Line {number}: enter the phase or category.", field="lines")
    if len(phase) > MAX_NAME:
        raise InvalidInput(f"Line {number}: the phase {phase[:30]!r}... is longer than "
                           f"{MAX_NAME} characters.", field="lines")
    try:
        kind = BudgetKind(str(line.kind).strip().lower())
    except ValueError:
        raise InvalidInput(f"{phase}: {line.kind!r} is not a kind of budget line ({_KINDS}).",
                           field="lines") from None
    where = f"{phase} ({kind.value})"
    try:
        amount = cents(line.amount, field="lines", label="the amount")
    except InvalidInput as exc:
        raise InvalidInput(f"{where}: {exc.message}", field="lines") from None
    assert amount is not None  # required
    hours = _budget_hours(line.hours, where)
    if hours is not None and kind is BudgetKind.EXPENSES:
        raise InvalidInput(f"{where}: hours go with fees lines only.", field="lines")
    # Spelt as the practice's lists spell it, as entries are (services/entry_common.py).
    lists = (settings.phases, settings.expense_categories)
    phase = canonical_name(phase, *(lists if kind is BudgetKind.FEES else lists[::-1]))
    return phase, kind, amount, hours


def _lines(lines: Sequence[BudgetLineInput], settings: BudgetSettings) -> list[_Line]:
    if not lines:
        raise InvalidInput("A budget needs at least one line (a phase with an amount).",
                           field="lines")
    if len(lines) > MAX_LINES:
        raise InvalidInput(f"A budget has at most {MAX_LINES} lines.", field="lines")
    clean: list[_Line] = []
    seen: dict[tuple[str, BudgetKind], int] = {}
    for number, line in enumerate(lines, start=1):
        item = _line(number, line, settings)
        key = (item[0].casefold(), item[1])
        if key in seen:
            raise InvalidInput(f"{item[0]} ({item[1].value}) is on lines {seen[key]} and "
                               f"{number}; enter each phase once per kind.", field="lines")
        seen[key] = number
        clean.append(item)
    return clean


def _terms(arrangement: FeeArrangement, fixed_fee: Decimal | str | None,
           contingency_percent: Decimal | str | None
           ) -> tuple[int | None, int | None]:
    """The fixed fee (fixed-fee cases) or the contingency share (contingency cases)."""
    if arrangement is FeeArrangement.FIXED_FEE:
        return cents(fixed_fee, field="fixed_fee", label="the fixed fee", positive=True), None
    if arrangement is FeeArrangement.CONTINGENCY:
        if isinstance(contingency_percent, str):
            contingency_percent = number_text(
                contingency_percent.strip().removesuffix("%"), field="contingency_percent",
                what="a percentage", example="33.33", grouping=False)
        points = to_basis_points(contingency_percent, field="contingency_percent")
        if not points:
            raise InvalidInput("Enter the contingency percentage (for example 33.33); it must "
                               "be more than zero.", field="contingency_percent")
        return None, points
    return None, None


# -- reading ------------------------------------------------------------------------------------
def _current(session: Session, case_id: uuid.UUID) -> Budget | None:
    return session.exec(select(Budget).where(
        Budget.case_id == case_id, col(Budget.is_current).is_(True),
        col(Budget.deleted_at).is_(None))).first()


def _stored_lines(session: Session, budget_ids: Sequence[uuid.UUID]
                  ) -> dict[uuid.UUID, list[BudgetLine]]:
    by_budget: dict[uuid.UUID, list[BudgetLine]] = {i: [] for i in budget_ids}
    if budget_ids:
        for line in session.exec(select(BudgetLine).where(
                col(BudgetLine.budget_id).in_(budget_ids)).order_by(
                col(BudgetLine.budget_id), col(BudgetLine.position), col(BudgetLine.id))):
            by_budget[line.budget_id].append(line)
    return by_budget


def _rows(session: Session, budgets: Sequence[Budget]) -> list[BudgetRevisionRow]:
    """Row snapshots of these revisions: one query for all their lines, one for names."""
    lines = _stored_lines(session, [b.id for b in budgets])
    names = staff_names(session, (b.staff_id for b in budgets))
    return [BudgetRevisionRow(
        id=b.id, case_id=b.case_id, revision=b.revision, is_current=b.is_current,
        fee_arrangement=b.fee_arrangement, fixed_fee=from_cents(b.fixed_fee_cents),
        contingency_percent=from_basis_points(b.contingency_basis_points),
        expected_recovery=from_cents(b.expected_recovery_cents),
        planned_end_on=b.planned_end_on, reason=b.reason, staff_id=b.staff_id,
        staff_name=names.get(b.staff_id, "") if b.staff_id else "", created_at=b.created_at,
        lines=tuple(BudgetLineRow(phase=ln.phase, kind=ln.kind,
                                  amount=from_cents(ln.amount_cents) or Decimal("0.00"),
                                  hours=from_hours_centi(ln.hours_centi))
                    for ln in lines[b.id]),
        version=b.version) for b in budgets]


def current_budget(session: Session, case_id: uuid.UUID) -> BudgetRevisionRow | None:
    """The revision in force (None when the case has no budget yet)."""
    live_case(session, case_id)
    budget = _current(session, case_id)
    return None if budget is None else _rows(session, [budget])[0]


def budget_history(session: Session, case_id: uuid.UUID) -> list[BudgetRevisionRow]:
    """Every revision of the case's budget, newest first."""
    live_case(session, case_id)
    budgets = list(session.exec(select(Budget).where(
        Budget.case_id == case_id, col(Budget.deleted_at).is_(None)).order_by(
        col(Budget.revision).desc())))
    return _rows(session, budgets)


# -- writing ------------------------------------------------------------------------------------
def _same_as(session: Session, current: Budget, new: Budget, lines: list[_Line]) -> bool:
    fields = ("fee_arrangement", "fixed_fee_cents", "contingency_basis_points",
              "expected_recovery_cents", "planned_end_on")
    if any(getattr(current, f) != getattr(new, f) for f in fields):
        return False
    stored = [(ln.phase, ln.kind, ln.amount_cents, ln.hours_centi)
              for ln in _stored_lines(session, [current.id])[current.id]]
    return stored == lines


def _history_line(session: Session, budget: Budget, lines: list[_Line],
                  previous_total: Decimal | None) -> str:
    currency = get_settings(session).currency
    fees = sum(amount for _p, kind, amount, _h in lines if kind is BudgetKind.FEES)
    expenses = sum(amount for _p, kind, amount, _h in lines if kind is BudgetKind.EXPENSES)
    total = from_cents(fees + expenses)
    figures = (f"{currency} {money_text(total)} (fees {money_text(from_cents(fees))}, "
               f"expenses {money_text(from_cents(expenses))})")
    if budget.fee_arrangement is FeeArrangement.FIXED_FEE:
        figures += f"; fixed fee {money_text(from_cents(budget.fixed_fee_cents))}"
    elif budget.fee_arrangement is FeeArrangement.CONTINGENCY:
        figures += f"; contingency {from_basis_points(budget.contingency_basis_points)}%"
    if previous_total is None:
        text = f"Budget set: {figures}"
    else:
        text = (f"Budget revised (revision {budget.revision}): {currency} "
                f"{money_text(previous_total)} → {figures}")
    return f"{text}. Reason: {budget.reason}" if budget.reason else text


def set_budget(session: Session, *, case_id: uuid.UUID, lines: Sequence[BudgetLineInput],
               fee_arrangement: FeeArrangement | str = FeeArrangement.HOURLY,
               fixed_fee: Decimal | str | None = None,
               contingency_percent: Decimal | str | None = None,
               expected_recovery: Decimal | str | None = None,
               planned_end_on: date | str | None = None, reason: str = "",
               expected_revision: int | None = None, actor_staff_id: uuid.UUID | None = None,
               budget_id: uuid.UUID | None = None) -> tuple[Changes, uuid.UUID]:
    """Add revision N+1 (1 if none) of the case's budget and make it the current one.

    `expected_revision` is the revision the caller showed (0 for "no budget yet"); if someone
    revised the budget meanwhile, ConcurrentEdit. Returns the new revision's id (or the current
    one's, unchanged, when nothing differs from it).
    """
    case = live_case(session, case_id)
    current = _current(session, case.id)
    current_number = current.revision if current is not None else 0
    if expected_revision is not None and expected_revision != current_number:
        raise ConcurrentEdit("budget")
    check_actor(session, actor_staff_id)
    arrangement = _arrangement(fee_arrangement)
    fixed_fee_cents, basis_points = _terms(arrangement, fixed_fee, contingency_percent)
    clean = _lines(lines, get_settings(session))
    top = session.exec(select(func.max(Budget.revision)).where(Budget.case_id == case.id)).one()
    budget = Budget(
        id=budget_id or uuid.uuid4(), case_id=case.id, revision=int(top or 0) + 1,
        is_current=True, fee_arrangement=arrangement, fixed_fee_cents=fixed_fee_cents,
        contingency_basis_points=basis_points,
        expected_recovery_cents=cents(expected_recovery, field="expected_recovery",
                                      label="the expected recovery", required=False),
        planned_end_on=optional_date(planned_end_on, field="planned_end_on",
                                     label="the planned end"),
        reason=free_text(reason, field="reason", label="The reason", max_len=MAX_REASON),
        staff_id=actor_staff_id)
    if current is not None and _same_as(session, current, budget, clean):
        return Changes(), current.id  # nothing to revise (e.g. the same budget imported again)
    if budget_id is not None and session.get(Budget, budget_id) is not None:
        raise RuleViolation("A budget revision with this id already exists.")
    previous_total = None
    if current is not None:
        previous_total = from_cents(sum(ln.amount_cents for ln in _stored_lines(
            session, [current.id])[current.id]))
        current.is_current = False
        session.flush()  # the old revision stops being current before the new one starts
    session.add(budget)
    session.flush()  # the lines point at the revision
    for position, (phase, kind, amount, hours) in enumerate(clean):
        session.add(BudgetLine(budget_id=budget.id, position=position, phase=phase, kind=kind,
                               amount_cents=amount, hours_centi=hours))
    log_activity(session, case_id=case.id,
                 action="budget_set" if current is None else "budget_revised",
                 summary=_history_line(session, budget, clean, previous_total),
                 staff_id=actor_staff_id)
    return _CHANGES, budget.id

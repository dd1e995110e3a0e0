"""Importing budgets, time entries, expenses and the budget settings: what the database holds
and the checks that need it (the writes: services/interchange_budget_write.py).

Budget revisions, time entries and expenses are merged by id like the rest of the file, and
stay in their case. A revision keeps its number: a known revision id with another number, or a
number this case already has under another id, is refused. The staff an entry names must be in
the file or in this practice; a receipt must be a document of the same case (in the file or
in this practice). The settings are checked against the rules of services/budget_settings.py.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlmodel import Session

from casedesk.domain.errors import InvalidInput
from casedesk.export.interchange import Problem
from casedesk.export.interchange_budget import BudgetSettingsIn
from casedesk.export.interchange_parse import CaseIn, PracticeIn
from casedesk.services.budget_settings import clean_names
from casedesk.services.bulk_sql import Row, rows_where_in

_META = ("id", "version", "deleted")
REVISION_FIELDS = ("case_id", "revision", "is_current", "fee_arrangement", "fixed_fee_cents",
                   "contingency_basis_points", "expected_recovery_cents", "planned_end_on",
                   "reason", "staff_id", "created_at")
LINE_COLUMNS = ("budget_id", "position", "phase", "kind", "amount_cents", "hours_centi")
TIME_FIELDS = ("case_id", "staff_id", "worked_on", "hours_centi", "rate_cents", "amount_cents",
               "phase", "activity", "description", "billable", "billed_on")
EXPENSE_FIELDS = ("case_id", "spent_on", "category", "vendor", "amount_cents", "phase",
                  "description", "billable", "billed_on", "receipt_document_id", "staff_id")
Line = tuple[int, str, str, int, int | None]  # position, phase, kind, cents, hours


@dataclass
class BudgetState:
    """The rows of this practice the file's budgets and entries touch or point at."""

    revisions: dict[uuid.UUID, Row] = field(default_factory=dict)
    # Every revision (deleted ones too) of the cases whose budget the file gives, by case.
    case_revisions: dict[uuid.UUID, list[Row]] = field(default_factory=dict)
    lines: dict[uuid.UUID, list[Line]] = field(default_factory=dict)  # by revision id
    time_entries: dict[uuid.UUID, Row] = field(default_factory=dict)
    expenses: dict[uuid.UUID, Row] = field(default_factory=dict)
    receipts: dict[uuid.UUID, Row] = field(default_factory=dict)  # documents named as receipts


def staff_refs(case: CaseIn) -> set[uuid.UUID]:
    """The staff a case's budget revisions, time entries and expenses name."""
    money = case.money
    refs = {r.staff_id for r in money.revisions if r.staff_id is not None}
    refs.update(t.staff_id for t in money.time_entries)
    refs.update(e.staff_id for e in money.expenses if e.staff_id is not None)
    return refs


def _by_id(rows: Iterable[Row]) -> dict[uuid.UUID, Row]:
    return {row["id"]: row for row in rows}


def load_budget_state(session: Session, practice: PracticeIn) -> BudgetState:
    """Read, in bulk, the rows the file's budgets and entries match or point at."""
    cases = practice.cases
    with_budget = [c.id for c in cases if c.money.revisions or c.money.budget]
    state = BudgetState(
        time_entries=_by_id(rows_where_in(
            session, "time_entries", "id", [t.id for c in cases for t in c.money.time_entries],
            (*_META, *TIME_FIELDS))),
        expenses=_by_id(rows_where_in(
            session, "expenses", "id", [e.id for c in cases for e in c.money.expenses],
            (*_META, *EXPENSE_FIELDS))),
        receipts=_by_id(rows_where_in(
            session, "documents", "id", [e.receipt_document_id for c in cases
                                         for e in c.money.expenses
                                         if e.receipt_document_id is not None],
            ("id", "case_id", "deleted"))))
    known = rows_where_in(session, "budgets", "id", [r.id for c in cases
                                                     for r in c.money.revisions],
                          (*_META, *REVISION_FIELDS))
    ours = rows_where_in(session, "budgets", "case_id", with_budget, (*_META, *REVISION_FIELDS))
    state.revisions = _by_id([*known, *ours])
    for row in state.revisions.values():
        state.case_revisions.setdefault(row["case_id"], []).append(row)
    for row in sorted(rows_where_in(session, "budget_lines", "budget_id", state.revisions,
                                    LINE_COLUMNS), key=lambda r: r["position"]):
        state.lines.setdefault(row["budget_id"], []).append(
            (row["position"], row["phase"], str(row["kind"]), row["amount_cents"],
             row["hours_centi"]))
    return state


class _Checker:
    def __init__(self, state: BudgetState, known_staff: set[uuid.UUID],
                 problems: list[Problem]) -> None:
        self.state = state
        self.known_staff = known_staff
        self.problems = problems

    def add(self, path: str, reason: str, context: str) -> None:
        self.problems.append(Problem(path, f"{reason} ({context})"))

    def staff(self, path: str, staff_id: uuid.UUID | None, context: str) -> None:
        if staff_id is not None and staff_id not in self.known_staff:
            self.add(path, f"no staff member {staff_id} in the file or in this practice",
                     context)

    def other_case(self, kind: str, rows: dict[uuid.UUID, Row], item_id: uuid.UUID,
                   path: str, case_id: uuid.UUID, context: str) -> None:
        row = rows.get(item_id)
        if row is not None and row["case_id"] != case_id:
            self.add(f"{path}.id", f"this {kind} id belongs to another case in this practice",
                     context)

    def case(self, case: CaseIn) -> None:
        state, money, name = self.state, case.money, f"case {case.number}"
        numbers = {r["revision"]: r for r in state.case_revisions.get(case.id, [])}
        for revision in money.revisions:
            context = f"{name}, budget revision {revision.revision}"
            self.other_case("budget revision", state.revisions, revision.id, revision.path,
                            case.id, context)
            self.staff(f"{revision.path}.staff_id", revision.staff_id, context)
            row = state.revisions.get(revision.id)
            if row is not None and row["case_id"] == case.id and \
                    row["revision"] != revision.revision:
                self.add(f"{revision.path}.revision", f"this revision is revision "
                         f"{row['revision']} in this practice (a revision keeps its number)",
                         context)
            holder = numbers.get(revision.revision)
            if holder is not None and holder["id"] != revision.id:
                deleted = " (a deleted one)" if holder["deleted"] else ""
                self.add(f"{revision.path}.id", f"revision {revision.revision} of this case's "
                         f"budget is another revision in this practice{deleted}", context)
        doc_ids = {d.id for d in case.documents}
        for entry in money.time_entries:
            context = f"{name}, time entry {entry.id}"
            self.other_case("time entry", state.time_entries, entry.id, entry.path, case.id,
                            context)
            self.staff(f"{entry.path}.staff_id", entry.staff_id, context)
        for expense in money.expenses:
            context = f"{name}, expense {expense.id}"
            self.other_case("expense", state.expenses, expense.id, expense.path, case.id,
                            context)
            self.staff(f"{expense.path}.staff_id", expense.staff_id, context)
            receipt = expense.receipt_document_id
            if receipt is None or receipt in doc_ids:
                continue
            row = state.receipts.get(receipt)
            if row is None:
                self.add(f"{expense.path}.receipt_document_id", f"no document {receipt} in "
                         "this case (in the file or in this practice)", context)
            elif row["case_id"] != case.id:
                self.add(f"{expense.path}.receipt_document_id", f"document {receipt} belongs "
                         "to another case (a receipt must be one of the case's documents)",
                         context)


def check_settings(settings: BudgetSettingsIn, problems: list[Problem]) -> None:
    """The practice's lists and thresholds, by the rules the settings dialog keeps."""
    for key, label in (("phases", "Phases"), ("expense_categories", "Expense categories"),
                       ("activities", "Activities")):
        try:
            clean_names(getattr(settings, key), field=key, label=label)
        except InvalidInput as exc:
            problems.append(Problem(f"{settings.path}.{key}", exc.message.rstrip(".")))
    if settings.warning_percent and settings.warning_percent >= settings.over_percent:
        problems.append(Problem(f"{settings.path}.warning_percent",
                                f"{settings.warning_percent} must be below over_percent "
                                f"({settings.over_percent})"))


def check_budgets(state: BudgetState, practice: PracticeIn, live_cases: Iterable[CaseIn],
                  known_staff: set[uuid.UUID], problems: list[Problem]) -> None:
    """Problems only the database shows: ids of other cases, revision numbers, staff and
    receipts; and the budget settings. Records of cases left deleted are not looked at."""
    checker = _Checker(state, known_staff, problems)
    for case in live_cases:
        checker.case(case)
    if practice.firm is not None and practice.firm.budget_settings is not None:
        check_settings(practice.firm.budget_settings, problems)

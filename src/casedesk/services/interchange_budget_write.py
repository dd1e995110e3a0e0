"""Importing budgets, time entries and expenses, part two: the bulk writes (the state and the
checks are in services/interchange_budget.py).

Revisions, time entries and expenses are merged by id. The revision in force is a case's
highest live revision (in the file or in this practice); the others are marked as not current,
and a revision whose flag or lines change counts as updated. A case given only `budget` (no
`budget_revisions`) gets revision 1 with those lines, or, when its budget in force says
something else, a new revision with them (keeping the fee arrangement in force). A time entry's
amount is hours x rate, rounded once. Optional keys a file leaves out (`billed_on`, a receipt,
who paid) keep what this practice has.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import delete, insert
from sqlmodel import Session

from casedesk.domain.enums import FeeArrangement
from casedesk.export.interchange_budget import (
    BudgetLineIn,
    BudgetSettingsIn,
    ExpenseIn,
    RevisionIn,
    TimeEntryIn,
)
from casedesk.export.interchange_parse import CaseIn
from casedesk.services.bulk_sql import CHUNK, Row, execute_many, table
from casedesk.services.interchange_budget import BudgetState, Line

if TYPE_CHECKING:
    from datetime import datetime

    from casedesk.services.interchange_write import ImportSummary, Tally

IMPORT_REASON = "Imported from a practice file"
_CHANGED = ("new", "updated")


class _Writer(Protocol):
    now: datetime
    inserts: dict[str, list[Row]]
    updates: dict[str, list[Row]]
    summary: ImportSummary

    def merge(self, name: str, rows: dict[uuid.UUID, Row], row_id: uuid.UUID,
              desired: dict[str, Any], tally: Tally,
              new_values: dict[str, Any] | None = None) -> str: ...

    def flush_table(self, name: str) -> None: ...


def _lines(lines: tuple[BudgetLineIn, ...]) -> list[Line]:
    return [(i, ln.phase, ln.kind.value, ln.amount_cents, ln.hours_centi)
            for i, ln in enumerate(lines)]


def _kept(given: frozenset[str], key: str, existing: Row | None, value: Any) -> Any:
    """The file's value of an optional key, else what this practice has (None when new)."""
    if key in given:
        return value
    return existing[key] if existing is not None else None


class BudgetMerger:
    """Collects the rows of new and changed revisions and entries into the writer's insert
    and update lists (shared with it), and writes what the writer cannot."""

    def __init__(self, state: BudgetState, writer: _Writer) -> None:
        self.state = state
        self.w = writer
        self.relined: list[uuid.UUID] = []  # revisions whose lines are replaced
        self.new_lines: list[Row] = []

    def case(self, case: CaseIn) -> bool:
        """A case's budget, time entries and expenses; True if any was added or changed."""
        money = case.money
        changed = False
        if money.revisions:
            changed |= self._revisions(case.id, money.revisions)
        elif money.budget:
            changed |= self._budget_only(case.id, money.budget)
        for entry in money.time_entries:
            changed |= self._time_entry(entry, case.id)
        for expense in money.expenses:
            changed |= self._expense(expense, case.id)
        return changed

    # -- budgets ------------------------------------------------------------------------------
    def _live(self, case_id: uuid.UUID) -> list[Row]:
        return [r for r in self.state.case_revisions.get(case_id, []) if not r["deleted"]]

    def _revisions(self, case_id: uuid.UUID, revisions: tuple[RevisionIn, ...]) -> bool:
        state, tally = self.state, self.w.summary.budgets
        written = [r for r in revisions if not (r.id in state.revisions
                                                and state.revisions[r.id]["deleted"])]
        numbers = [r["revision"] for r in self._live(case_id)] + [r.revision for r in written]
        current = max(numbers) if numbers else 0
        changed = False
        for revision in revisions:
            desired = {"case_id": case_id, "revision": revision.revision,
                       "is_current": revision.revision == current,
                       "fee_arrangement": revision.fee_arrangement,
                       "fixed_fee_cents": revision.fixed_fee_cents,
                       "contingency_basis_points": revision.contingency_basis_points,
                       "expected_recovery_cents": revision.expected_recovery_cents,
                       "planned_end_on": revision.planned_end_on, "reason": revision.reason,
                       "staff_id": revision.staff_id, "created_at": revision.created_at}
            outcome = self.w.merge("budgets", state.revisions, revision.id, desired, tally,
                                   {"updated_at": revision.created_at})
            if outcome == "skipped":
                continue
            wanted = _lines(revision.lines)
            if outcome == "new":
                self._add_lines(revision.id, wanted)
            elif state.lines.get(revision.id, []) != wanted:
                self.relined.append(revision.id)
                self._add_lines(revision.id, wanted)
                outcome = self._force(revision.id, desired, outcome)
            changed |= outcome in _CHANGED
        in_file = {r.id for r in revisions}
        changed |= self._set_current(case_id, current, skip=in_file)
        return changed

    def _force(self, revision_id: uuid.UUID, desired: dict[str, Any], outcome: str) -> str:
        """An unchanged revision whose lines changed: its version moves on too."""
        if outcome != "unchanged":
            return outcome
        tally = self.w.summary.budgets
        self.w.updates.setdefault("budgets", []).append(
            {"id": revision_id, **desired,
             "version": self.state.revisions[revision_id]["version"] + 1,
             "updated_at": self.w.now})
        tally.unchanged -= 1
        tally.updated += 1
        return "updated"

    def _add_lines(self, revision_id: uuid.UUID, lines: list[Line]) -> None:
        self.new_lines.extend(
            {"budget_id": revision_id, "position": position, "phase": phase, "kind": kind,
             "amount_cents": cents, "hours_centi": hours}
            for position, phase, kind, cents, hours in lines)

    def _set_current(self, case_id: uuid.UUID, current: int, *, skip: set[uuid.UUID]) -> bool:
        """Mark this practice's other live revisions current or not (the highest one is)."""
        changed = False
        for row in self._live(case_id):
            should = row["revision"] == current
            if row["id"] in skip or bool(row["is_current"]) == should:
                continue
            self.w.updates.setdefault("budgets", []).append(
                {"id": row["id"], **{key: row[key] for key in _REVISION_VALUES},
                 "is_current": should, "version": row["version"] + 1,
                 "updated_at": self.w.now})
            changed = True
        return changed

    def _budget_only(self, case_id: uuid.UUID, budget: tuple[BudgetLineIn, ...]) -> bool:
        """A file with `budget` but no revisions: a new revision when it says something new."""
        live = self._live(case_id)
        in_force = max(live, key=lambda r: r["revision"]) if live else None
        wanted = _lines(budget)
        if in_force is not None:
            have = {(phase, kind, cents) for _p, phase, kind, cents, _h
                    in self.state.lines.get(in_force["id"], [])}
            if have == {(phase, kind, cents) for _p, phase, kind, cents, _h in wanted}:
                self.w.summary.budgets.unchanged += 1
                return False
        every = self.state.case_revisions.get(case_id, [])
        number = max((r["revision"] for r in every), default=0) + 1
        revision_id = uuid.uuid4()
        kept = {key: in_force[key] for key in _ARRANGEMENT} if in_force is not None else {
            "fee_arrangement": FeeArrangement.HOURLY, "fixed_fee_cents": None,
            "contingency_basis_points": None, "expected_recovery_cents": None,
            "planned_end_on": None}
        self.w.merge("budgets", {}, revision_id,
                     {"case_id": case_id, "revision": number, "is_current": True, **kept,
                      "reason": IMPORT_REASON, "staff_id": None, "created_at": self.w.now},
                     self.w.summary.budgets)
        self._add_lines(revision_id, wanted)
        self._set_current(case_id, number, skip=set())
        return True

    # -- entries ------------------------------------------------------------------------------
    def _time_entry(self, entry: TimeEntryIn, case_id: uuid.UUID) -> bool:
        existing = self.state.time_entries.get(entry.id)
        desired = {"case_id": case_id, "staff_id": entry.staff_id,
                   "worked_on": entry.worked_on, "hours_centi": entry.hours_centi,
                   "rate_cents": entry.rate_cents, "amount_cents": entry.amount_cents,
                   "phase": entry.phase, "activity": entry.activity,
                   "description": entry.description, "billable": entry.billable,
                   "billed_on": _kept(entry.given, "billed_on", existing, entry.billed_on)}
        return self.w.merge("time_entries", self.state.time_entries, entry.id, desired,
                            self.w.summary.time_entries) in _CHANGED

    def _expense(self, expense: ExpenseIn, case_id: uuid.UUID) -> bool:
        existing = self.state.expenses.get(expense.id)
        given = expense.given
        desired = {"case_id": case_id, "spent_on": expense.spent_on,
                   "category": expense.category, "vendor": expense.vendor,
                   "amount_cents": expense.amount_cents, "phase": expense.phase,
                   "description": expense.description, "billable": expense.billable,
                   "billed_on": _kept(given, "billed_on", existing, expense.billed_on),
                   "receipt_document_id": _kept(given, "receipt_document_id", existing,
                                                expense.receipt_document_id),
                   "staff_id": _kept(given, "staff_id", existing, expense.staff_id)}
        return self.w.merge("expenses", self.state.expenses, expense.id, desired,
                            self.w.summary.expenses) in _CHANGED

    def flush(self, session: Session) -> None:
        """Write everything collected (after the cases, staff and documents)."""
        self.w.flush_table("budgets")
        tbl = table("budget_lines")
        ordered = sorted(self.relined, key=str)
        for start in range(0, len(ordered), CHUNK):
            session.execute(delete(tbl).where(tbl.c.budget_id.in_(ordered[start:start + CHUNK])))
        execute_many(session, insert(tbl), self.new_lines)
        self.w.flush_table("time_entries")
        self.w.flush_table("expenses")

    def changed(self) -> bool:
        """Whether the import added or changed any budget, time entry or expense."""
        s = self.w.summary
        return any(t.new or t.updated for t in (s.budgets, s.time_entries, s.expenses))


_ARRANGEMENT = ("fee_arrangement", "fixed_fee_cents", "contingency_basis_points",
                "expected_recovery_cents", "planned_end_on")
_REVISION_VALUES = ("case_id", "revision", "fee_arrangement", "fixed_fee_cents",
                    "contingency_basis_points", "expected_recovery_cents", "planned_end_on",
                    "reason", "staff_id", "created_at")


def write_settings(session: Session, settings: BudgetSettingsIn) -> bool:
    """Set the practice's budget lists and thresholds from the file (after the firm is
    saved); True if they changed."""
    from casedesk.services.budget_settings import get_settings, save_settings

    current = get_settings(session)  # what the database holds (defaults before a firm)
    wanted = (settings.phases, settings.expense_categories, settings.activities,
              settings.warning_percent, settings.over_percent)
    if current.firm_version is not None and wanted == (
            current.phases, current.expense_categories, current.activities,
            current.warning_percent, current.over_percent):
        return False
    save_settings(session, phases=settings.phases,
                  expense_categories=settings.expense_categories,
                  activities=settings.activities, warning_percent=settings.warning_percent,
                  over_percent=settings.over_percent)
    return True

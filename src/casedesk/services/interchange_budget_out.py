"""Exporting budgets, time entries, expenses and the budget settings: read in bulk, ordered so
the file never wobbles.

A case's `budget` is its last (live) revision's lines, in their order; `budget_revisions` lists
every live revision by number with its lines; time entries and expenses are ordered by date,
then id. A receipt that is not in the file (its document belongs to a case that is not
exported) is written as null; a deleted receipt of the same case travels with the documents
(services/interchange_documents_out.py), as other deleted documents a record points at do.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any

from sqlmodel import Session

from casedesk.domain.enums import (
    DEFAULT_ACTIVITIES,
    DEFAULT_BUDGET_PHASES,
    DEFAULT_EXPENSE_CATEGORIES,
)
from casedesk.domain.money import format_decimal, from_basis_points, from_cents, from_hours_centi
from casedesk.services.bulk_sql import Row
from casedesk.services.interchange_documents_out import all_rows

_REVISION = ("id", "case_id", "revision", "fee_arrangement", "fixed_fee_cents",
             "contingency_basis_points", "expected_recovery_cents", "planned_end_on", "reason",
             "staff_id", "created_at", "deleted")
_LINE = ("budget_id", "position", "phase", "kind", "amount_cents", "hours_centi")
_TIME = ("id", "case_id", "staff_id", "worked_on", "hours_centi", "rate_cents", "amount_cents",
         "phase", "activity", "description", "billable", "billed_on")
_EXPENSE = ("id", "case_id", "spent_on", "category", "vendor", "amount_cents", "phase",
            "description", "billable", "billed_on", "receipt_document_id", "staff_id")
SETTINGS_COLUMNS = ("budget_phases", "expense_categories", "activities",
                    "budget_warning_percent", "budget_over_percent")


def _money(cents: int | None) -> str | None:
    return format_decimal(from_cents(cents))


@dataclass
class BudgetsOut:
    """The budget keys of each exported case (by case id, as text)."""

    budget: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    revisions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    time_entries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    expenses: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    staff_refs: set[str | None] = field(default_factory=set)
    receipt_refs: set[str] = field(default_factory=set)

    def case_values(self, case_id: str) -> dict[str, list[dict[str, Any]]]:
        """The four keys of one case, in the order they are written."""
        return {"budget": self.budget.get(case_id, []),
                "budget_revisions": self.revisions.get(case_id, []),
                "time_entries": self.time_entries.get(case_id, []),
                "expenses": self.expenses.get(case_id, [])}

    def keep_receipts(self, exported_documents: set[str]) -> None:
        """Write null for a receipt whose document is not in the file."""
        for listed in self.expenses.values():
            for expense in listed:
                if expense["receipt_document_id"] not in exported_documents:
                    expense["receipt_document_id"] = None


def _line(row: Row, *, with_hours: bool) -> dict[str, Any]:
    line = {"phase": row["phase"], "kind": row["kind"], "amount": _money(row["amount_cents"])}
    if with_hours:
        line["hours"] = format_decimal(from_hours_centi(row["hours_centi"]))
    return line


def _revision(row: Row, lines: list[Row]) -> dict[str, Any]:
    percent = from_basis_points(row["contingency_basis_points"])
    return {"id": row["id"], "revision": row["revision"],
            "fee_arrangement": row["fee_arrangement"],
            "fixed_fee": _money(row["fixed_fee_cents"]),
            "contingency_percent": None if percent is None else f"{percent:f}",
            "expected_recovery": _money(row["expected_recovery_cents"]),
            "planned_end_on": row["planned_end_on"], "reason": row["reason"],
            "staff_id": row["staff_id"],
            "created_at": row["created_at"].astimezone(UTC).isoformat(),
            "lines": [_line(ln, with_hours=True) for ln in lines]}


def _time_entry(row: Row) -> dict[str, Any]:
    return {"id": row["id"], "staff_id": row["staff_id"], "date": row["worked_on"],
            "hours": format_decimal(from_hours_centi(row["hours_centi"])),
            "rate": _money(row["rate_cents"]), "phase": row["phase"],
            "activity": row["activity"], "description": row["description"],
            "billable": bool(row["billable"]), "billed_on": row["billed_on"],
            "amount": _money(row["amount_cents"])}


def _expense(row: Row) -> dict[str, Any]:
    return {"id": row["id"], "date": row["spent_on"], "category": row["category"],
            "vendor": row["vendor"], "amount": _money(row["amount_cents"]),
            "phase": row["phase"], "description": row["description"],
            "billable": bool(row["billable"]), "billed_on": row["billed_on"],
            "receipt_document_id": row["receipt_document_id"], "staff_id": row["staff_id"]}


def read_budgets(session: Session, case_ids: set[str]) -> BudgetsOut:
    """The live budget revisions, time entries and expenses of these exported cases."""
    out = BudgetsOut()
    revisions = [r for r in all_rows(session, "budgets", _REVISION)
                 if not r["deleted"] and r["case_id"] in case_ids]
    wanted = {r["id"] for r in revisions}
    lines: dict[str, list[Row]] = defaultdict(list)
    for row in all_rows(session, "budget_lines", _LINE):
        if row["budget_id"] in wanted:
            lines[row["budget_id"]].append(row)
    for listed in lines.values():
        listed.sort(key=lambda ln: (ln["position"], ln["kind"], ln["phase"]))
    for row in sorted(revisions, key=lambda r: (r["case_id"], r["revision"])):
        out.staff_refs.add(row["staff_id"])
        out.revisions.setdefault(row["case_id"], []).append(_revision(row, lines[row["id"]]))
        # The last revision is the one in force: its lines are the case's `budget`.
        out.budget[row["case_id"]] = [_line(ln, with_hours=False) for ln in lines[row["id"]]]
    entries = [r for r in all_rows(session, "time_entries", _TIME, live_only=True)
               if r["case_id"] in case_ids]
    for row in sorted(entries, key=lambda r: (r["worked_on"], r["id"])):
        out.staff_refs.add(row["staff_id"])
        out.time_entries.setdefault(row["case_id"], []).append(_time_entry(row))
    expenses = [r for r in all_rows(session, "expenses", _EXPENSE, live_only=True)
                if r["case_id"] in case_ids]
    for row in sorted(expenses, key=lambda r: (r["spent_on"], r["id"])):
        out.staff_refs.add(row["staff_id"])
        if row["receipt_document_id"] is not None:
            out.receipt_refs.add(row["receipt_document_id"])
        out.expenses.setdefault(row["case_id"], []).append(_expense(row))
    return out


def _names(value: Any, default: tuple[str, ...]) -> list[str]:
    return list(value) if value else list(default)  # None: the practice keeps the defaults


def settings_document(firm: Row) -> dict[str, Any]:
    """The firm's budget settings as the file writes them: the lists in force (the defaults
    when the practice keeps them) and the thresholds."""
    return {"phases": _names(firm["budget_phases"], DEFAULT_BUDGET_PHASES),
            "expense_categories": _names(firm["expense_categories"],
                                         DEFAULT_EXPENSE_CATEGORIES),
            "activities": _names(firm["activities"], DEFAULT_ACTIVITIES),
            "warning_percent": int(firm["budget_warning_percent"]),
            "over_percent": int(firm["budget_over_percent"])}

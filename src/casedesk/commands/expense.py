"""`casedesk expense CASE`: record a cost paid out for a case, or list its expenses.

    casedesk expense 2026-CV-0001 --category "Court fees" --amount 405 [--date 2026-03-05]
        [--vendor "Clerk of Court"] [--phase Pleadings] [--description TEXT] [--non-billable]
        [--receipt "Filing fee receipt"] [--staff NAME] [--json]
    casedesk expense 2026-CV-0001 [--list] [--json]

--receipt names a document of the case by its title or file name (upper or lower case alike).
Without expense options, lists the case's expenses (newest first) with their totals.
"""

from __future__ import annotations

import argparse
import sys
import uuid
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from casedesk.commands.budget import (
    dump_json,
    money,
    one_line,
    plain,
    print_table,
    terminal_text,
)
from casedesk.commands.time_entry import billing_text

if TYPE_CHECKING:
    from sqlmodel import Session

    from casedesk.services.budget_rows import ExpenseRow

_EXPENSE_OPTIONS = ("category", "amount", "date", "vendor", "phase", "description", "receipt",
                    "staff")


def add_arguments(parser: argparse.ArgumentParser, _name: str) -> None:
    parser.add_argument("case", metavar="CASE", help="the case number")
    parser.add_argument("--list", action="store_true",
                        help="list the case's expenses with totals (the default without "
                             "--category and --amount)")
    parser.add_argument("--category", metavar="C", help="e.g. Court fees, Travel")
    parser.add_argument("--amount", metavar="X", help="the amount paid (more than zero)")
    parser.add_argument("--date", metavar="DATE",
                        help="when it was paid, YYYY-MM-DD (default: today)")
    parser.add_argument("--vendor", metavar="V", help="who was paid")
    parser.add_argument("--phase", metavar="P", help="the budget phase, e.g. Discovery")
    parser.add_argument("--description", metavar="TEXT", help="what it was for")
    parser.add_argument("--non-billable", action="store_true",
                        help="not to be billed to the client")
    parser.add_argument("--receipt", metavar="DOCUMENT",
                        help="the receipt: a document of the case, by title or file name")
    parser.add_argument("--staff", metavar="NAME", help="who paid it (a staff member)")
    parser.add_argument("--json", action="store_true", help="print as JSON")


def expense_json(row: ExpenseRow) -> dict[str, object]:
    """One expense, with the interchange format's key names."""
    return {"id": str(row.id), "date": row.spent_on.isoformat(), "category": row.category,
            "vendor": row.vendor, "amount": plain(row.amount), "phase": row.phase,
            "description": row.description, "billable": row.billable,
            "billed_on": row.billed_on.isoformat() if row.billed_on else None,
            "receipt": row.receipt_title or None, "staff": row.staff_name or None}


def expense_line(row: ExpenseRow) -> str:
    """'2026-03-05  Court fees  405.00 · Clerk of Court · Pleadings · billable · receipt: X'."""
    parts = [f"{row.spent_on.isoformat()}  {row.category}  {money(row.amount)}"]
    parts += [p for p in (row.vendor, row.phase) if p]
    parts.append(billing_text(row.billable, row.billed_on))
    if row.receipt_title:
        parts.append(f"receipt: {row.receipt_title}")
    if row.description:
        parts.append(one_line(row.description))
    return terminal_text(" · ".join(parts))


def run(args: argparse.Namespace) -> int:
    from casedesk.commands.common import open_practice
    from casedesk.domain.errors import InvalidInput

    adding = any(getattr(args, name) is not None for name in _EXPENSE_OPTIONS) \
        or args.non_billable
    if adding and args.list:
        raise InvalidInput("--list only lists the expenses; leave out the expense options.")
    if adding and (args.category is None or args.amount is None):
        raise InvalidInput("To add an expense give --category C and --amount X.")
    with open_practice(args, must_exist=True) as practice:
        if adding:
            with practice.transaction() as session:
                row = _add(session, args)
        else:
            number, rows = practice.read(_list, args.case)
    if adding:
        if args.json:
            dump_json(expense_json(row))
        else:
            print(expense_line(row))
        print(f"Expense added to {row.case_number}.", file=sys.stderr)
        return 0
    _print_list(number, rows, as_json=args.json)
    return 0


def find_document(session: Session, case_id: uuid.UUID, key: str) -> uuid.UUID:
    """The case's live document whose title or file name is `key` (case-insensitive)."""
    from sqlmodel import col, select

    from casedesk.domain.errors import InvalidInput
    from casedesk.domain.models import Document

    wanted = " ".join(key.casefold().split())
    docs = session.exec(select(Document).where(Document.case_id == case_id,
                                               col(Document.deleted_at).is_(None))).all()
    found = [d for d in docs if wanted in (" ".join(d.title.casefold().split()),
                                           d.file_name.casefold())]
    if not found:
        raise InvalidInput(f"The case has no document titled or named {key.strip()!r}.",
                           field="receipt")
    if len(found) > 1:
        names = "; ".join(f"{d.title} ({d.file_name})" for d in found[:5])
        raise InvalidInput(f"{len(found)} documents match {key.strip()!r}: {names}. Use a "
                           "title or file name only one of them has.", field="receipt")
    return found[0].id


def _add(session: Session, args: argparse.Namespace) -> ExpenseRow:
    from casedesk.services.cases import find_case_by_number
    from casedesk.services.entry_common import find_staff_by_name
    from casedesk.services.expenses import add_expense, get_expense

    case = find_case_by_number(session, args.case)
    staff_id = find_staff_by_name(session, args.staff).id if args.staff else None
    receipt_id = find_document(session, case.id, args.receipt) if args.receipt else None
    _c, expense_id = add_expense(
        session, case_id=case.id, spent_on=args.date or date.today(), category=args.category,
        amount=args.amount, vendor=args.vendor or "", phase=args.phase or "",
        description=args.description or "", billable=not args.non_billable,
        receipt_document_id=receipt_id, staff_id=staff_id)
    session.flush()
    return get_expense(session, expense_id)


def _list(session: Session, number: str) -> tuple[str, list[ExpenseRow]]:
    from casedesk.services.cases import find_case_by_number
    from casedesk.services.expenses import list_expenses

    case = find_case_by_number(session, number)
    return case.number, list_expenses(session, case.id)


def _print_list(number: str, rows: list[ExpenseRow], *, as_json: bool) -> None:
    zero = Decimal("0.00")
    sums = {"amount": sum((r.amount for r in rows), zero),
            "billable": sum((r.amount for r in rows if r.billable), zero),
            "unbilled": sum((r.amount for r in rows if r.billable and r.billed_on is None),
                            zero)}
    if as_json:
        dump_json({"case": number, "expenses": [expense_json(r) for r in rows],
                   "totals": {k: plain(v) for k, v in sums.items()}})
        return
    if not rows:
        print(f"{number} has no expenses yet.", file=sys.stderr)
        return
    print_table(["Date", "Category", "Vendor", "Amount", "Phase", "Billing", "Receipt",
                 "Description"],
                [[r.spent_on.isoformat(), r.category, r.vendor, money(r.amount), r.phase,
                  billing_text(r.billable, r.billed_on), r.receipt_title,
                  one_line(r.description)[:60]] for r in rows], right=(3,))
    noun = "expense" if len(rows) == 1 else "expenses"
    print(f"\nTotal: {len(rows)} {noun}, {money(sums['amount'])} "
          f"(billable {money(sums['billable'])}, unbilled {money(sums['unbilled'])})")

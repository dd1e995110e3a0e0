"""`casedesk time CASE`: record time worked on a case, or list its time entries.

    casedesk time 2026-CV-0001 --staff "Jane Smith" --hours 1.5 [--date 2026-03-05]
        [--rate 250] [--phase Discovery] [--activity Research] [--description TEXT]
        [--non-billable] [--json]
    casedesk time 2026-CV-0001 [--list] [--json]

The rate defaults to the staff member's hourly rate. Without entry options, lists the case's
entries (newest first) with their totals.
"""

from __future__ import annotations

import argparse
import sys
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

if TYPE_CHECKING:
    from sqlmodel import Session

    from casedesk.services.budget_rows import TimeEntryRow

_ENTRY_OPTIONS = ("staff", "hours", "date", "rate", "phase", "activity", "description")


def add_arguments(parser: argparse.ArgumentParser, _name: str) -> None:
    parser.add_argument("case", metavar="CASE", help="the case number")
    parser.add_argument("--list", action="store_true",
                        help="list the case's time entries with totals (the default without "
                             "--staff and --hours)")
    parser.add_argument("--staff", metavar="NAME", help="who worked (a staff member's name)")
    parser.add_argument("--hours", metavar="H", help="hours worked, to 0.01 (e.g. 1.25)")
    parser.add_argument("--date", metavar="DATE", help="the day worked, YYYY-MM-DD (default: "
                                                       "today)")
    parser.add_argument("--rate", metavar="R",
                        help="the hourly rate (default: the staff member's rate)")
    parser.add_argument("--phase", metavar="P", help="the budget phase, e.g. Discovery")
    parser.add_argument("--activity", metavar="A", help="what kind of work, e.g. Research")
    parser.add_argument("--description", metavar="TEXT", help="what was done")
    parser.add_argument("--non-billable", action="store_true",
                        help="not to be billed to the client")
    parser.add_argument("--json", action="store_true", help="print as JSON")


def billing_text(billable: bool, billed_on: date | None) -> str:
    if billed_on is not None:
        return f"billed {billed_on.isoformat()}"
    return "billable" if billable else "non-billable"


def entry_json(row: TimeEntryRow) -> dict[str, object]:
    """One entry, with the interchange format's key names."""
    return {"id": str(row.id), "staff_id": str(row.staff_id), "staff": row.staff_name,
            "date": row.worked_on.isoformat(), "hours": plain(row.hours),
            "rate": plain(row.rate), "amount": plain(row.amount), "phase": row.phase,
            "activity": row.activity, "description": row.description,
            "billable": row.billable,
            "billed_on": row.billed_on.isoformat() if row.billed_on else None}


def entry_line(row: TimeEntryRow) -> str:
    """'2026-03-05  Jane Smith  1.50 h x 250.00 = 375.00 · Discovery · Research · billable'."""
    parts = [f"{row.worked_on.isoformat()}  {row.staff_name}  {row.hours} h x "
             f"{money(row.rate)} = {money(row.amount)}"]
    parts += [p for p in (row.phase, row.activity) if p]
    parts.append(billing_text(row.billable, row.billed_on))
    if row.description:
        parts.append(one_line(row.description))
    return terminal_text(" · ".join(parts))


def totals(rows: list[TimeEntryRow]) -> dict[str, Decimal]:
    zero = Decimal("0.00")
    return {"hours": sum((r.hours for r in rows), zero),
            "amount": sum((r.amount for r in rows), zero),
            "billable": sum((r.amount for r in rows if r.billable), zero),
            "unbilled": sum((r.amount for r in rows if r.billable and r.billed_on is None),
                            zero)}


def run(args: argparse.Namespace) -> int:
    from casedesk.commands.common import open_practice
    from casedesk.domain.errors import InvalidInput

    adding = any(getattr(args, name) is not None for name in _ENTRY_OPTIONS) \
        or args.non_billable
    if adding and args.list:
        raise InvalidInput("--list only lists the entries; leave out the entry options.")
    if adding and (args.staff is None or args.hours is None):
        raise InvalidInput("To add a time entry give --staff NAME and --hours H.")
    with open_practice(args, must_exist=True) as practice:
        if adding:
            with practice.transaction() as session:
                row = _add(session, args)
        else:
            number, rows = practice.read(_list, args.case)
    if adding:
        if args.json:
            dump_json(entry_json(row))
        else:
            print(entry_line(row))
        print(f"Time entry added to {row.case_number}.", file=sys.stderr)
        return 0
    _print_list(number, rows, as_json=args.json)
    return 0


def _add(session: Session, args: argparse.Namespace) -> TimeEntryRow:
    from casedesk.services.cases import find_case_by_number
    from casedesk.services.entry_common import find_staff_by_name
    from casedesk.services.time_entries import add_time_entry, get_time_entry

    case = find_case_by_number(session, args.case)
    staff = find_staff_by_name(session, args.staff)
    _c, entry_id = add_time_entry(
        session, case_id=case.id, staff_id=staff.id, worked_on=args.date or date.today(),
        hours=args.hours, rate=args.rate, phase=args.phase or "", activity=args.activity or "",
        description=args.description or "", billable=not args.non_billable)
    session.flush()
    return get_time_entry(session, entry_id)


def _list(session: Session, number: str) -> tuple[str, list[TimeEntryRow]]:
    from casedesk.services.cases import find_case_by_number
    from casedesk.services.time_entries import list_time_entries

    case = find_case_by_number(session, number)
    return case.number, list_time_entries(session, case.id)


def _print_list(number: str, rows: list[TimeEntryRow], *, as_json: bool) -> None:
    sums = totals(rows)
    if as_json:
        dump_json({"case": number, "time_entries": [entry_json(r) for r in rows],
                   "totals": {k: plain(v) for k, v in sums.items()}})
        return
    if not rows:
        print(f"{number} has no time entries yet.", file=sys.stderr)
        return
    print_table(["Date", "Staff", "Hours", "Rate", "Amount", "Phase", "Activity", "Billing",
                 "Description"],
                [[r.worked_on.isoformat(), r.staff_name, f"{r.hours}", money(r.rate),
                  money(r.amount), r.phase, r.activity, billing_text(r.billable, r.billed_on),
                  one_line(r.description)[:60]] for r in rows], right=(2, 3, 4))
    noun = "entry" if len(rows) == 1 else "entries"
    print(f"\nTotal: {len(rows)} {noun}, {sums['hours']} h, {money(sums['amount'])} "
          f"(billable {money(sums['billable'])}, unbilled {money(sums['unbilled'])})")

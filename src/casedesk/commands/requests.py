"""`casedesk requests [--case NUMBER] [--overdue]`: documents asked of clients, one per line.

With --case, that case's whole checklist (outstanding first, then received and withdrawn);
without it, what is outstanding on every case that is not closed, soonest due first. --overdue
keeps only what is past its due date. The count goes to stderr, so stdout is just the list.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from casedesk.services.document_requests import DocumentRequestRow, DueRequestRow


def add_arguments(parser: argparse.ArgumentParser, _name: str) -> None:
    parser.add_argument("--case", metavar="NUMBER",
                        help="one case's checklist (default: outstanding requests of every "
                             "case that is not closed)")
    parser.add_argument("--overdue", action="store_true",
                        help="only requests past their due date")


def _lateness(days: int) -> str:
    if days > 0:
        return f" ({days} day{'s' if days != 1 else ''} overdue)"
    return " (due today)" if days == 0 else ""


def _due(due_on: date | None) -> str:
    return f"due {due_on.isoformat()}" if due_on else "no due date"


def checklist_line(row: DocumentRequestRow) -> str:
    """'outstanding  Payslips · requested 2026-03-01 · due 2026-03-05 (5 days overdue)'."""
    parts = [f"requested {row.requested_on.isoformat()}",
             _due(row.due_on) + (_lateness(row.days_overdue) if row.overdue else "")]
    if row.contact_name:
        parts.append(f"asked of {row.contact_name}")
    if row.received_on:
        got = f"received {row.received_on.isoformat()}"
        parts.append(f"{got} ({row.document_title})" if row.document_title else got)
    if row.withdrawn_on:
        parts.append(f"withdrawn {row.withdrawn_on.isoformat()}")
    return f"{row.status.value:<11}  {row.item} · " + " · ".join(parts)


def practice_line(row: DueRequestRow) -> str:
    """'2026-CV-0001  Payslips · due 2026-03-05 (5 days overdue) · asked of Jane Smith'."""
    due = _due(row.due_on) + (_lateness(row.days_overdue) if row.due_on else "")
    who = f" · asked of {row.contact_name}" if row.contact_name else ""
    return f"{row.case_number}  {row.item} · {due}{who}"


def run(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from casedesk.commands.common import open_practice

    today = date.today()
    with open_practice(args, must_exist=True) as practice:
        from casedesk.services import document_requests as requests
        from casedesk.services.cases import find_case_by_number

        if args.case:
            rows = practice.read(lambda session: requests.list_for_case(
                session, find_case_by_number(session, args.case).id, today=today))
            if args.overdue:
                rows = [r for r in rows if r.overdue]
            lines = [checklist_line(r) for r in rows]
        else:
            through = today - timedelta(days=1) if args.overdue else None
            due_rows = requests.outstanding_requests(practice.reader, today=today,
                                                     through=through, limit=1_000_000)
            lines = [practice_line(r) for r in due_rows]
    for line in lines:
        print(line)
    what = "overdue request" if args.overdue else "request"
    print(f"{len(lines)} {what}{'s' if len(lines) != 1 else ''}", file=sys.stderr)
    return 0

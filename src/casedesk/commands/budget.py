"""`casedesk budget CASE`: show, set or revise a case's budget, or list its revisions.

    casedesk budget 2026-CV-0001                       the budget in force
    casedesk budget 2026-CV-0001 --history             every revision, newest first
    casedesk budget 2026-CV-0001 --set Discovery:fees:12000:48 --set "Court fees:expenses:800"
        [--arrangement hourly|fixed_fee|contingency] [--fixed-fee X] [--contingency-percent P]
        [--expected-recovery X] [--planned-end DATE] [--reason TEXT] [--by STAFF_NAME]

Setting adds a revision and keeps the earlier ones. --set lines replace all the lines; without
--set the current lines are kept (e.g. to move only the planned end). Options not given keep
their current value. Also the shared output helpers of `casedesk time` and `casedesk expense`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlmodel import Session

    from casedesk.services.budget_rows import BudgetLineInput, BudgetRevisionRow

ARRANGEMENTS = ("hourly", "fixed_fee", "contingency")
KINDS = ("fees", "expenses")
_KIND_WORDS = {"fees": "fees", "fee": "fees", "expenses": "expenses", "expense": "expenses"}


# -- output helpers shared with `casedesk time` and `casedesk expense` --------------------------
def money(amount: Decimal | None) -> str:
    """1234.5 -> "1,234.50" ("" for None)."""
    return "" if amount is None else f"{amount:,.2f}"


def plain(amount: Decimal | None) -> str | None:
    """A Decimal as the decimal string JSON output carries ("1234.50"); None stays None."""
    return None if amount is None else f"{amount:.2f}"


# Control characters a terminal would act on (ESC starts sequences that re-title the window,
# clear the screen or worse): a case title or a name from an imported file is shown, never run.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


def terminal_text(text: str) -> str:
    """Text as a terminal shows it and does not act on: control characters as "?"."""
    return _CONTROLS.sub("?", text)


def one_line(text: str) -> str:
    """Text as one line for a terminal: runs of white space as one space, control
    characters as "?"."""
    return terminal_text(" ".join(text.split()))


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]], *,
                right: Sequence[int] = (), file: Any = None) -> None:
    """Columns padded to their widest cell (numbers in the `right` columns right-aligned)."""
    rows = [[one_line(c) for c in r] for r in rows]
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip()

    print(line(headers), file=file or sys.stdout)
    for row in rows:
        print(line(row), file=file or sys.stdout)


def dump_json(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


# -- arguments ------------------------------------------------------------------------------------
def add_arguments(parser: argparse.ArgumentParser, _name: str) -> None:
    parser.add_argument("case", metavar="CASE", help="the case number")
    parser.add_argument("--history", action="store_true",
                        help="list every revision, newest first (the current one marked *)")
    parser.add_argument("--set", metavar="PHASE:KIND:AMOUNT[:HOURS]", action="append",
                        dest="lines", default=None,
                        help="a budget line: a phase or category, fees or expenses, the amount "
                             "and, for fees, the hours (repeat for each line; they replace the "
                             "current lines)")
    parser.add_argument("--arrangement", choices=ARRANGEMENTS,
                        help="how the client pays (default: as now, else hourly)")
    parser.add_argument("--fixed-fee", metavar="AMOUNT",
                        help="the agreed fee (with --arrangement fixed_fee)")
    parser.add_argument("--contingency-percent", metavar="P",
                        help="the contingency share, e.g. 33.33 (with --arrangement "
                             "contingency)")
    parser.add_argument("--expected-recovery", metavar="AMOUNT",
                        help='what the case is expected to recover ("" to clear)')
    parser.add_argument("--planned-end", metavar="DATE",
                        help='when the work should be done, YYYY-MM-DD ("" to clear)')
    parser.add_argument("--reason", metavar="TEXT", default=None,
                        help="why the budget is set or revised (kept in the history)")
    parser.add_argument("--by", metavar="STAFF_NAME", help="who sets it (a staff member)")
    parser.add_argument("--json", action="store_true", help="print the budget as JSON")


_WRITE_OPTIONS = ("lines", "arrangement", "fixed_fee", "contingency_percent",
                  "expected_recovery", "planned_end", "reason", "by")


def parse_line(text: str) -> BudgetLineInput:
    """ "Trial preparation:fees:15000:60" -> a line (the phase may itself contain colons)."""
    from casedesk.domain.errors import InvalidInput
    from casedesk.services.budget_rows import BudgetLineInput

    def kind_of(word: str) -> str:
        return _KIND_WORDS.get(word.strip().lower(), word.strip())

    parts = text.rsplit(":", 3)
    if len(parts) == 4 and kind_of(parts[1]) in KINDS:
        phase, kind, amount, hours = parts
        return BudgetLineInput(phase=phase, kind=kind_of(kind), amount=amount.strip(),
                               hours=hours.strip() or None)
    parts = text.rsplit(":", 2)
    if len(parts) != 3:
        raise InvalidInput(f"--set {text!r}: write PHASE:KIND:AMOUNT, e.g. "
                           "Discovery:fees:12000 or \"Court fees:expenses:800\".", field="lines")
    phase, kind, amount = parts
    return BudgetLineInput(phase=phase, kind=kind_of(kind), amount=amount.strip())


# -- output ---------------------------------------------------------------------------------------
def _terms(row: BudgetRevisionRow) -> str:
    if row.fixed_fee is not None:
        return f"fixed fee {money(row.fixed_fee)}"
    if row.contingency_percent is not None:
        text = f"contingency {row.contingency_percent}%"
        if row.expected_fee is not None:
            text += f" of {money(row.expected_recovery)} expected = {money(row.expected_fee)}"
        return text
    return "hourly"


def _set_on(row: BudgetRevisionRow) -> str:
    return row.created_at.astimezone().date().isoformat()


def _show(number: str, title: str, row: BudgetRevisionRow | None, count: int) -> None:
    print(one_line(f"{number}  {title}"))
    if row is None:
        print("No budget yet. Set one with --set PHASE:KIND:AMOUNT (e.g. Discovery:fees:12000).")
        return
    by = f" by {one_line(row.staff_name)}" if row.staff_name else ""
    print(f"Budget revision {row.revision} of {count} · {_terms(row)} · set {_set_on(row)}{by}")
    if row.expected_recovery is not None and row.contingency_percent is None:
        print(f"Expected recovery: {money(row.expected_recovery)}")
    if row.planned_end_on is not None:
        print(f"Planned end: {row.planned_end_on.isoformat()}")
    if row.reason:
        print(f"Reason: {one_line(row.reason)}")
    print()
    rows = [[ln.phase, ln.kind.value, money(ln.amount),
             "" if ln.hours is None else f"{ln.hours}"] for ln in row.lines]
    rows += [["Total fees", "", money(row.fees_total), ""],
             ["Total expenses", "", money(row.expenses_total), ""],
             ["Total", "", money(row.total), ""]]
    print_table(["Phase", "Kind", "Amount", "Hours"], rows, right=(2, 3))


def budget_json(row: BudgetRevisionRow) -> dict[str, object]:
    return {"revision": row.revision, "is_current": row.is_current,
            "fee_arrangement": row.fee_arrangement.value, "fixed_fee": plain(row.fixed_fee),
            "contingency_percent": plain(row.contingency_percent),
            "expected_recovery": plain(row.expected_recovery),
            "expected_fee": plain(row.expected_fee),
            "planned_end_on": row.planned_end_on.isoformat() if row.planned_end_on else None,
            "reason": row.reason, "set_by": row.staff_name, "set_on": _set_on(row),
            "lines": [{"phase": ln.phase, "kind": ln.kind.value, "amount": plain(ln.amount),
                       "hours": plain(ln.hours)} for ln in row.lines],
            "fees_total": plain(row.fees_total), "expenses_total": plain(row.expenses_total),
            "total": plain(row.total)}


def _history(rows: list[BudgetRevisionRow]) -> None:
    if not rows:
        print("No budget yet.", file=sys.stderr)
        return
    table = [[f"{r.revision}{'*' if r.is_current else ''}", _set_on(r),
              r.fee_arrangement.value, money(r.fees_total), money(r.expenses_total),
              money(r.total), r.staff_name, one_line(r.reason)] for r in rows]
    print_table(["Rev", "Set on", "Arrangement", "Fees", "Expenses", "Total", "By", "Reason"],
                table, right=(0, 3, 4, 5))


# -- run ------------------------------------------------------------------------------------------
def run(args: argparse.Namespace) -> int:
    from casedesk.commands.common import open_practice
    from casedesk.domain.errors import InvalidInput

    writing = any(getattr(args, name) is not None for name in _WRITE_OPTIONS)
    if writing and args.history:
        raise InvalidInput("--history only lists the revisions; leave out the options that "
                           "set the budget.")
    lines = [parse_line(text) for text in args.lines] if args.lines else None
    with open_practice(args, must_exist=True) as practice:
        if writing:
            with practice.transaction() as session:
                _set(session, args, lines)
        number, title, history = practice.read(_read, args.case)
    current = next((r for r in history if r.is_current), None)
    if args.history:
        if args.json:
            dump_json({"case": number, "revisions": [budget_json(r) for r in history]})
        else:
            _history(history)
    elif args.json:
        dump_json({"case": number, "revisions": len(history),
                   "budget": budget_json(current) if current else None})
    else:
        _show(number, title, current, len(history))
    return 0


def _read(session: Session, number: str) -> tuple[str, str, list[BudgetRevisionRow]]:
    from casedesk.services.budgets import budget_history
    from casedesk.services.cases import find_case_by_number

    case = find_case_by_number(session, number)
    return case.number, case.title, budget_history(session, case.id)


def _set(session: Session, args: argparse.Namespace, lines: list[BudgetLineInput] | None
         ) -> None:
    from casedesk.domain.errors import InvalidInput
    from casedesk.services.budget_rows import BudgetLineInput
    from casedesk.services.budgets import current_budget, set_budget
    from casedesk.services.cases import find_case_by_number
    from casedesk.services.entry_common import find_staff_by_name

    case = find_case_by_number(session, args.case)
    now = current_budget(session, case.id)
    actor = find_staff_by_name(session, args.by).id if args.by else None
    if lines is None:
        if now is None:
            raise InvalidInput(f"{case.number} has no budget yet: give its lines with --set "
                               "PHASE:KIND:AMOUNT (e.g. Discovery:fees:12000).", field="lines")
        lines = [BudgetLineInput(phase=ln.phase, kind=ln.kind, amount=ln.amount,
                                 hours=ln.hours) for ln in now.lines]
    arrangement = args.arrangement or (now.fee_arrangement.value if now else "hourly")
    same = now is not None and now.fee_arrangement.value == arrangement
    if args.fixed_fee is not None and arrangement != "fixed_fee":
        raise InvalidInput("--fixed-fee goes with --arrangement fixed_fee.", field="fixed_fee")
    if args.contingency_percent is not None and arrangement != "contingency":
        raise InvalidInput("--contingency-percent goes with --arrangement contingency.",
                           field="contingency_percent")

    fixed_fee = args.fixed_fee if args.fixed_fee is not None \
        else (now.fixed_fee if now is not None and same else None)
    percent = args.contingency_percent if args.contingency_percent is not None \
        else (now.contingency_percent if now is not None and same else None)
    recovery = args.expected_recovery if args.expected_recovery is not None \
        else (now.expected_recovery if now is not None else None)
    planned_end = args.planned_end if args.planned_end is not None \
        else (now.planned_end_on if now is not None else None)
    _c, budget_id = set_budget(
        session, case_id=case.id, lines=lines, fee_arrangement=arrangement, fixed_fee=fixed_fee,
        contingency_percent=percent, expected_recovery=recovery, planned_end_on=planned_end,
        reason=args.reason or "", expected_revision=now.revision if now else 0,
        actor_staff_id=actor)
    if now is not None and budget_id == now.id:
        print(f"Nothing changed: the budget is the same as revision {now.revision}.",
              file=sys.stderr)
    else:
        print(f"Budget revision {now.revision + 1 if now else 1} of {case.number} saved.",
              file=sys.stderr)

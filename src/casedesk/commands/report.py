"""`casedesk report budget|expenses|hours|unbilled [--case NUMBER] [--from DATE] [--to DATE]
[--staff NAME] [--practice-area AREA] --format csv|xlsx|pdf -o FILE`: a management report.

- budget: with --case, that case's budget vs actual vs forecast by phase (bars and burn-up);
  without, every open case with a budget, over and near budget first;
- expenses: by category and by month (one case with --case);
- hours: hours and their value per member of staff;
- unbilled: billable time and expenses not yet billed, per case.

The period (--from/--to) limits the time and expenses counted; budgets are always whole. Nothing
is written unless the whole report is made; the file is replaced atomically. What was written
is told on stderr (stdout stays empty). The practice's own files (its database, the document
and backup folders) are never a target: a slip of -o must not replace the practice with a
report.
"""

from __future__ import annotations

import argparse
import sys
import uuid
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from casedesk.commands.common import iso_date, refuse_practice_files

if TYPE_CHECKING:
    from casedesk.export.report_document import ReportDocument
    from casedesk.persistence.reader import Reader

KINDS = ("budget", "expenses", "hours", "unbilled")
FORMATS = ("csv", "xlsx", "pdf")


def add_arguments(parser: argparse.ArgumentParser, _name: str) -> None:
    parser.add_argument("report", choices=KINDS, metavar="REPORT",
                        help="budget (one case with --case, else every open case), expenses, "
                             "hours or unbilled")
    parser.add_argument("--case", metavar="NUMBER", help="only this case")
    parser.add_argument("--from", metavar="DATE", type=iso_date, dest="start",
                        help="first day of the period (YYYY-MM-DD; default: no limit)")
    parser.add_argument("--to", metavar="DATE", type=iso_date, dest="end",
                        help="last day of the period (YYYY-MM-DD; default: no limit)")
    parser.add_argument("--staff", metavar="NAME", help="only this person's time and expenses")
    parser.add_argument("--practice-area", metavar="AREA", dest="practice_area",
                        help="only cases of this practice area")
    parser.add_argument("--format", choices=FORMATS, dest="fmt",
                        help="csv, xlsx or pdf (default: from the file name's extension)")
    parser.add_argument("-o", "--output", metavar="FILE", type=Path, required=True,
                        help="where to write the report (an existing file is replaced, "
                             "atomically)")


def _format(args: argparse.Namespace) -> str:
    from casedesk.domain.errors import InvalidInput

    if args.fmt:
        return str(args.fmt)
    suffix = str(args.output.suffix).lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    raise InvalidInput("Say which format to write: --format csv, xlsx or pdf (or end the file "
                       "name with .csv, .xlsx or .pdf).", field="format")


def staff_id_for_name(reader: Reader, name: str) -> uuid.UUID:
    """The one member of staff called `name` (ignoring case and spacing)."""
    from casedesk.domain.errors import InvalidInput, NotFound
    from casedesk.persistence.reader import as_uuid

    key = " ".join(name.casefold().split())
    matches = [as_uuid(r[0]) for r in reader.rows(
        "SELECT id, name FROM staff WHERE deleted_at IS NULL")
        if " ".join(str(r[1]).casefold().split()) == key]
    if not matches:
        raise NotFound("staff member", name.strip())
    if len(matches) > 1:
        raise InvalidInput(f"{len(matches)} staff members are called {name.strip()!r}.",
                           field="staff")
    return matches[0]


def practice_area_named(reader: Reader, area: str) -> str:
    """The practice area as the cases spell it; refuses one no case has (a typo, likely)."""
    from casedesk.domain.errors import InvalidInput

    known = sorted({str(r[0]) for r in reader.rows(
        "SELECT DISTINCT practice_area FROM cases WHERE deleted_at IS NULL") if r[0]},
        key=str.casefold)
    key = " ".join(area.casefold().split())
    for name in known:
        if " ".join(name.casefold().split()) == key:
            return name
    listed = ", ".join(known) if known else "none is set on any case"
    raise InvalidInput(f"No case has the practice area {area.strip()!r} (known: {listed}).",
                       field="practice_area")


def build(reader: Reader, args: argparse.Namespace, *, today: date) -> ReportDocument:
    """The report the arguments ask for, read through `reader`."""
    from casedesk.domain.errors import NotFound
    from casedesk.export import report_build
    from casedesk.services.budget_report import case_id_for_number
    from casedesk.services.budget_rows import ReportFilters

    case_id = None
    if args.case:
        case_id = case_id_for_number(reader, args.case)
        if case_id is None:
            raise NotFound("case numbered", args.case.strip())
    filters = ReportFilters(
        date_from=args.start, date_to=args.end,
        staff_id=staff_id_for_name(reader, args.staff) if args.staff else None,
        practice_area=practice_area_named(reader, args.practice_area)
        if args.practice_area else None,
        case_id=case_id)
    if args.report == "budget":
        return report_build.budget_report(reader, case_id=case_id, filters=filters, today=today)
    maker = {"expenses": report_build.expenses_report, "hours": report_build.hours_report,
             "unbilled": report_build.unbilled_report}[args.report]
    return maker(reader, filters=filters, today=today)


def describe(document: ReportDocument, target: Path, fmt: str) -> list[str]:
    """What was written: the file, then each section with its rows."""
    from casedesk.commands.budget import one_line
    from casedesk.export.report_format import plural

    sections = [s for s in document.sections if s.table is not None]
    lines = [f"wrote {one_line(document.title)} ({fmt.upper()}) to {target}: "
             f"{plural(len(sections), 'section')}, {plural(document.row_count, 'row')}"]
    for section in sections:
        assert section.table is not None
        total = " + totals" if section.table.totals is not None else ""
        lines.append(f"  {section.title}: {plural(len(section.table.rows), 'row')}{total}")
    return lines


def run(args: argparse.Namespace) -> int:
    from casedesk.commands.common import open_practice
    from casedesk.domain.errors import InvalidInput

    fmt = _format(args)
    if args.start and args.end and args.start > args.end:
        raise InvalidInput(f"The period starts ({args.start}) after it ends ({args.end}).",
                           field="from")
    from casedesk.export.files import check_target

    target: Path = args.output
    check_target(target)  # a missing folder is refused before any work
    refuse_practice_files(args, target)
    with open_practice(args, must_exist=True) as practice:
        document = build(practice.reader, args, today=date.today())
    from casedesk.export.files import write_bytes_atomically
    from casedesk.export.report_document import render

    write_bytes_atomically(target, render(document, fmt))
    for line in describe(document, target, fmt):
        print(line, file=sys.stderr)
    return 0

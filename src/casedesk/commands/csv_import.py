"""`casedesk import-csv contacts|cases FILE.csv [--dry-run]`: import a spreadsheet.

Columns are found by their header names (see docs/interchange.md). A file with any problem
writes nothing; `--dry-run` reports what would happen, row by row, and writes nothing either.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from casedesk.services.csv_import import CsvReport


def add_arguments(parser: argparse.ArgumentParser, _name: str) -> None:
    parser.add_argument("kind", choices=("contacts", "cases"), help="what the file holds")
    parser.add_argument("file", metavar="FILE.csv", type=Path,
                        help="a CSV file whose first row names the columns (UTF-8 or Excel's "
                             "CSV; comma, semicolon or tab separated)")
    parser.add_argument("--dry-run", action="store_true",
                        help="check the file and report what would be imported, writing "
                             "nothing")
    parser.add_argument("--date-order", choices=("dmy", "mdy"), default=None,
                        help="how to read dates like 03/04/2026: day first (dmy) or month "
                             "first (mdy); by default only unambiguous dates are accepted")


class _DryRun(Exception):
    """Raised inside the unit of work to roll a dry run back."""

    def __init__(self, report: CsvReport) -> None:
        super().__init__("dry run")
        self.report = report


def _print_report(report: CsvReport) -> None:
    for action in report.actions:
        print(action)
    for warning in report.warnings:
        print(f"warning: {warning}")
    for problem in report.problems:
        print(f"problem: {problem}")
    tail = ""
    if report.problems:
        count = len(report.problems)
        tail = f"; {count} problem{'s' if count != 1 else ''} (fix them, then import)"
    print(report.summary(dry_run=True) + tail)


def run(args: argparse.Namespace) -> int:
    from casedesk.commands.common import open_practice
    from casedesk.services.csv_import import CsvProblems, import_csv

    data = args.file.read_bytes()
    with open_practice(args) as practice:
        try:
            with practice.transaction() as session:
                _changes, report = import_csv(session, data=data, kind=args.kind,
                                              date_order=args.date_order)
                if args.dry_run:
                    raise _DryRun(report)  # rolls the unit of work back: nothing is written
        except _DryRun as dry:
            _print_report(dry.report)
            return 0
        except CsvProblems as exc:
            if args.dry_run:
                _print_report(exc.report)
                count = len(exc.report.problems)
                print(f"casedesk: error: {count} problem{'s' if count != 1 else ''} in "
                      f"{args.file}; nothing would be imported", file=sys.stderr)
                return 2
            for warning in exc.report.warnings:
                print(f"casedesk: warning: {warning}", file=sys.stderr)
            raise
    for warning in report.warnings:
        print(f"casedesk: warning: {warning}", file=sys.stderr)
    print(report.summary())
    return 0

"""`casedesk ics -o FILE.ics [--case NUMBER]... [--staff NAME] [--from DATE] [--to DATE]
[--minimal]`: the calendar as an .ics file for Outlook or Google Calendar.

The same core functions serve the GUI's exports (per case, per person, everything); see
services/ics_io.py and the README's section on calendar files.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from casedesk.commands.common import iso_date


def add_arguments(parser: argparse.ArgumentParser, _name: str) -> None:
    parser.add_argument("-o", "--output", metavar="FILE.ics", type=Path, required=True,
                        help="where to write the calendar (an existing file is replaced, "
                             "atomically)")
    parser.add_argument("--case", metavar="NUMBER", action="append", default=[],
                        dest="cases", help="only this case's events (repeat for several)")
    parser.add_argument("--staff", metavar="NAME",
                        help="only this person's events (ones they attend, and unattended "
                             "ones on cases they are responsible for)")
    parser.add_argument("--from", metavar="DATE", type=iso_date, dest="start",
                        help="first day (YYYY-MM-DD; default: no limit)")
    parser.add_argument("--to", metavar="DATE", type=iso_date, dest="end",
                        help="last day (YYYY-MM-DD; default: no limit)")
    parser.add_argument("--minimal", action="store_true",
                        help="leave out client names, titles, places and notes: each event "
                             "shows only its case number and kind")


def run(args: argparse.Namespace) -> int:
    from casedesk.commands.common import open_practice, refuse_practice_files
    from casedesk.domain.errors import EnvironmentFault

    target: Path = args.output
    if target.is_dir():
        raise EnvironmentFault(f"{target} is a folder; name the file to write.")
    refuse_practice_files(args, target)
    with open_practice(args, must_exist=True) as practice:
        from casedesk.export.files import write_bytes_atomically
        from casedesk.services.ics_io import export_calendar

        exported = export_calendar(practice.reader, case_numbers=args.cases,
                                   staff_name=args.staff, start=args.start, end=args.end,
                                   minimal=args.minimal)
    write_bytes_atomically(target, exported.data)
    noun = "event" if exported.count == 1 else "events"
    print(f"wrote {exported.count} {noun} to {target}", file=sys.stderr)
    return 0

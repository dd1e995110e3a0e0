"""`casedesk import-ics FILE.ics --case NUMBER [--kind KIND] [--dry-run]`: a court's or
co-counsel's calendar file into a case.

Events are matched by UID: a known one is updated, a new one created with the file's UID, so
importing a corrected file again does not duplicate anything. A file with any broken event
changes nothing. Repeating events are skipped and listed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from casedesk.domain.enums import EventKind


def add_arguments(parser: argparse.ArgumentParser, _name: str) -> None:
    parser.add_argument("file", metavar="FILE.ics", type=Path, help="an iCalendar file")
    parser.add_argument("--case", metavar="NUMBER", required=True,
                        help="the case the events belong to")
    parser.add_argument("--kind", choices=[k.value for k in EventKind], default=None,
                        help="kind of new events whose categories name none of casedesk's "
                             "(default: filing_deadline for all-day events, hearing for "
                             "timed ones)")
    parser.add_argument("--dry-run", action="store_true",
                        help="report what would be created, updated and skipped, writing "
                             "nothing")


def _read(path: Path) -> bytes:
    from casedesk.domain.errors import InvalidInput
    from casedesk.export.ics_parse import MAX_ICS_BYTES

    if path.is_dir():
        raise InvalidInput(f"{path} is a folder; name an .ics file.")
    with path.open("rb") as handle:
        data = handle.read(MAX_ICS_BYTES + 1)  # never read a huge file whole
    if len(data) > MAX_ICS_BYTES:
        raise InvalidInput(f"{path} is larger than {MAX_ICS_BYTES // (1024 * 1024)} MB; "
                           "nothing was imported.")
    return data


def run(args: argparse.Namespace) -> int:
    from casedesk.commands.common import open_practice
    from casedesk.export.ics_parse import parse_ics

    # Read and check the file before opening (and locking) the database.
    calendar = parse_ics(_read(args.file))
    with open_practice(args, must_exist=True) as practice:
        from casedesk.services.cases import find_case_by_number
        from casedesk.services.ics_io import import_events

        with practice.transaction() as session:
            case = find_case_by_number(session, args.case)
            _changes, result = import_events(session, case_id=case.id, calendar=calendar,
                                             default_kind=args.kind, dry_run=args.dry_run)
    for line in result.report():
        print(line)
    print(result.summary())
    return 0

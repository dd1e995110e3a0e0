"""`casedesk import-eml FILE... --case NUMBER [--dry-run]`: saved e-mails into a case's
correspondence, each message and attachment kept as a document of the case.

Every file is read and checked first; one that is not a saved e-mail (or is damaged) refuses
the whole batch, naming it, and nothing is imported. A message the case already holds (same
Message-ID) is skipped and listed. A message without a readable Date header (a saved draft) is
dated by its file's modification time, and its line says so.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser, _name: str) -> None:
    parser.add_argument("files", metavar="FILE", type=Path, nargs="+",
                        help="saved e-mails (.eml, as Outlook, Thunderbird or Apple Mail save "
                             "them)")
    parser.add_argument("--case", metavar="NUMBER", required=True,
                        help="the case the correspondence belongs to")
    parser.add_argument("--dry-run", action="store_true",
                        help="report what would be imported and skipped, saving nothing")


def run(args: argparse.Namespace) -> int:
    from casedesk.commands.common import open_practice
    from casedesk.services.eml_parse import load_eml_files

    # Read and check every file before opening (and locking) the database.
    emails = load_eml_files(list(args.files))
    with open_practice(args, must_exist=True) as practice:
        from casedesk.services.cases import find_case_by_number
        from casedesk.services.eml_import import import_emails

        case_id = practice.read(lambda session: find_case_by_number(session, args.case).id)
        result = import_emails(practice.write, practice.read, practice.blobs, case_id=case_id,
                               emails=emails, dry_run=args.dry_run)
    for line in result.report():
        print(line)
    print(result.summary())
    return 0

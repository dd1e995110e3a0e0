"""`casedesk filing list|show|export|status`: a case's filing packages from the command line.

    casedesk filing list --case NUMBER
    casedesk filing show FILING --case NUMBER
    casedesk filing export FILING --case NUMBER -o DIR|FILE.zip [--zip]
    casedesk filing status FILING --case NUMBER [--set STATUS] [--date D] [--confirmation X]
                           [--reason TEXT] [--note TEXT] [--by STAFF_NAME]

FILING is a filing's title (as `list` prints it; upper or lower case alike) or its id. Output
is tab-separated, one line per filing or document, for scripts; messages go to stderr. Bad
input exits 2 and changes and writes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from casedesk.commands.common import iso_date
from casedesk.domain.enums import FilingStatus

if TYPE_CHECKING:
    import uuid

    from sqlmodel import Session

    from casedesk.persistence.practice import Practice
    from casedesk.services.filings import FilingRow


def add_arguments(parser: argparse.ArgumentParser, _name: str) -> None:
    sub = parser.add_subparsers(dest="filing_command", metavar="ACTION", required=True)

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, description=help_text)

    listing = action("list", "a case's filings, one per line: id, status, date of that "
                     "status, documents, confirmation number, title")
    listing.add_argument("--case", metavar="NUMBER", required=True, help="the case")

    show = action("show", "one filing's documents in order, one per line: number, title, "
                  "file name, size, version")
    export = action("export", "write the package as a new folder or a .zip of numbered files "
                    "with an index (and the cover letter, if any)")
    status = action("status", "move a filing to its next status (draft → ready → submitted → "
                    "accepted or rejected; accepted → conformed), or record its confirmation "
                    "number")
    for one in (show, export, status):
        one.add_argument("filing", metavar="FILING", help="the filing's title or id")
        one.add_argument("--case", metavar="NUMBER", required=True, help="its case")

    export.add_argument("-o", "--output", metavar="DIR|FILE.zip", type=Path, required=True,
                        help="a folder that does not exist yet, or a .zip file (replaced "
                             "atomically if it exists)")
    export.add_argument("--zip", action="store_true",
                        help="write a zip file even if the name does not end in .zip")

    status.add_argument("--set", metavar="STATUS", dest="new_status",
                        choices=[s.value for s in FilingStatus],
                        help="the new status: " + ", ".join(s.value for s in FilingStatus))
    status.add_argument("--date", metavar="DATE", type=iso_date,
                        help="when it happened (YYYY-MM-DD; default: today)")
    status.add_argument("--confirmation", metavar="NUMBER",
                        help="the court's confirmation number (with --set submitted, "
                             "accepted or conformed, or alone once submitted)")
    status.add_argument("--reason", metavar="TEXT", default="",
                        help="why the court rejected it (with --set rejected)")
    status.add_argument("--note", metavar="TEXT", default="", help="a note for the history")
    status.add_argument("--by", metavar="STAFF_NAME", help="who did it (a staff member)")


def _clean(text: object) -> str:
    return " ".join(str(text).split())


def _status_date(row: FilingRow) -> str:
    day = {FilingStatus.SUBMITTED: row.submitted_on, FilingStatus.ACCEPTED: row.accepted_on,
           FilingStatus.REJECTED: row.rejected_on,
           FilingStatus.CONFORMED: row.conformed_on}.get(row.status)
    if day is None and row.history:
        day = row.history[-1].on
    return day.isoformat() if day else ""


def run(args: argparse.Namespace) -> int:
    from casedesk.commands.common import open_practice, refuse_practice_files
    from casedesk.domain.errors import InvalidInput

    command: str = args.filing_command
    if command == "status" and args.new_status is None and args.confirmation is None:
        raise InvalidInput("Say what to record: --set STATUS and/or --confirmation NUMBER.")
    if command == "status" and args.new_status is None and (
            args.date is not None or args.reason or args.note):
        raise InvalidInput("--date, --reason and --note go with --set STATUS.")
    if command == "export":
        _check_output(args.output, as_zip=_as_zip(args))
        refuse_practice_files(args, args.output)
    with open_practice(args, must_exist=True) as practice:
        action = {"list": _list, "show": _show, "export": _export, "status": _status}[command]
        return action(practice, args)


def _as_zip(args: argparse.Namespace) -> bool:
    return bool(args.zip) or args.output.suffix.lower() == ".zip"


def _check_output(target: Path, *, as_zip: bool) -> None:
    """Refuse a bad target before opening the practice (the export checks again)."""
    from casedesk.domain.errors import InvalidInput

    if as_zip and target.is_dir():
        raise InvalidInput(f"{target} is a folder; name the .zip file to write.")
    if not as_zip and (target.exists() or target.is_symlink()):
        raise InvalidInput(f"{target} already exists; choose a new folder name.")
    if not target.parent.is_dir():
        raise InvalidInput(f"Cannot write {target.name}: folder {target.parent} does not exist.")


def _find(session: Session, args: argparse.Namespace) -> uuid.UUID:
    from casedesk.services.cases import find_case_by_number
    from casedesk.services.filings import find_filing

    case = find_case_by_number(session, args.case)
    return find_filing(session, case_id=case.id, key=args.filing)


def _list(practice: Practice, args: argparse.Namespace) -> int:
    from casedesk.services.cases import find_case_by_number
    from casedesk.services.filings import list_for_case

    def read(session: Session) -> list[FilingRow]:
        return list_for_case(session, find_case_by_number(session, args.case).id)

    for row in practice.read(read):
        print("\t".join((str(row.id), row.status.value, _status_date(row),
                         str(row.document_count), _clean(row.confirmation_number),
                         _clean(row.title))))
    return 0


def _show(practice: Practice, args: argparse.Namespace) -> int:
    from casedesk.services.filings import get_filing

    row = practice.read(lambda session: get_filing(session, _find(session, args)))
    width = max(2, len(str(len(row.items))))
    for item in row.items:
        print("\t".join((f"{item.position:0{width}d}", _clean(item.shown_title),
                         _clean(item.file_name), str(item.size), str(item.version))))
    noun = "document" if len(row.items) == 1 else "documents"
    print(f"{row.title}: {row.status.value}, {len(row.items)} {noun}", file=sys.stderr)
    return 0


def _export(practice: Practice, args: argparse.Namespace) -> int:
    from casedesk.services.filing_export import package_plan, write_package

    plan = practice.read(lambda session: package_plan(session, _find(session, args)))
    result = write_package(practice.blobs, plan, args.output, as_zip=_as_zip(args))
    noun = "document" if result.files == 1 else "documents"
    print(f"wrote {result.files} {noun} to {result.target}", file=sys.stderr)
    return 0


def _staff_id(session: Session, name: str | None) -> uuid.UUID | None:
    from sqlmodel import col, select

    from casedesk.domain.errors import InvalidInput, NotFound
    from casedesk.domain.models import Staff

    if name is None:
        return None
    key = " ".join(name.casefold().split())
    found = [s.id for s in session.exec(select(Staff).where(col(Staff.deleted_at).is_(None)))
             if " ".join(s.name.casefold().split()) == key]
    if not found:
        raise NotFound("staff member", name.strip())
    if len(found) > 1:
        raise InvalidInput(f"{len(found)} staff members are called {name.strip()!r}.")
    return found[0]


def _status(practice: Practice, args: argparse.Namespace) -> int:
    from casedesk.services.filing_status import set_confirmation, set_status
    from casedesk.services.filings import get_filing

    with practice.transaction() as session:
        filing_id = _find(session, args)
        actor = _staff_id(session, args.by)
        if args.new_status is not None:
            set_status(session, filing_id=filing_id, status=args.new_status, on=args.date,
                       confirmation_number=args.confirmation, reason=args.reason,
                       note=args.note, actor_staff_id=actor)
        else:
            set_confirmation(session, filing_id=filing_id,
                             confirmation_number=args.confirmation, actor_staff_id=actor)
        row = get_filing(session, filing_id)
    extra = f" (confirmation {row.confirmation_number})" if row.confirmation_number else ""
    print(f"{row.title}: {row.status.value}{extra}", file=sys.stderr)
    return 0

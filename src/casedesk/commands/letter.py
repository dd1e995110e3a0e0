"""`casedesk letter TEMPLATE --case NUMBER [--to NAME] [--from NAME] -o OUT.docx`: a letter
filled from a Word template, saved to the case and logged as correspondence.

TEMPLATE is a .docx file or the name of a template in the library (`casedesk templates`).
The template is checked first: syntax errors and unknown placeholders are listed (with "did
you mean") and nothing is written. Otherwise the file is written atomically and, unless
`--no-save`, the letter becomes a correspondence document of the case and an outgoing letter
in its log, in one transaction with the file.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from casedesk.commands.ics import iso_date


def add_arguments(parser: argparse.ArgumentParser, _name: str) -> None:
    parser.add_argument("template", metavar="TEMPLATE",
                        help="a Word template (.docx) or the name of one in the library")
    parser.add_argument("--case", metavar="NUMBER", required=True, help="the case's number")
    parser.add_argument("--to", metavar="CONTACT_NAME",
                        help="the recipient (default: the template's usual addressee, "
                             "normally the client)")
    parser.add_argument("--from", metavar="STAFF_NAME", dest="sender",
                        help="who signs (default: the case's responsible staff member)")
    parser.add_argument("--filing", metavar="TITLE",
                        help="a filing package of the case (for a cover letter listing its "
                             "documents)")
    parser.add_argument("--date", metavar="DATE", type=iso_date,
                        help="the letter's date (YYYY-MM-DD; default: today)")
    parser.add_argument("--title", help="the document's title in the case")
    parser.add_argument("-o", "--output", metavar="OUT.docx", type=Path, required=True,
                        help="where to write the letter (an existing file is replaced, "
                             "atomically)")
    parser.add_argument("--no-save", action="store_true",
                        help="only write the file: nothing is saved in the practice")


def _looks_like_path(text: str) -> bool:
    return Path(text).suffix.lower() in (".docx", ".dotx", ".doc", ".docm")


def _check_output(target: Path) -> None:
    from casedesk.domain.errors import EnvironmentFault

    if target.is_dir():
        raise EnvironmentFault(f"{target} is a folder; name the file to write.")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise EnvironmentFault(f"Cannot write {target.name}: folder {folder} does not exist.")


def run(args: argparse.Namespace) -> int:
    from casedesk.commands.common import open_practice
    from casedesk.services import letters

    target: Path = args.output
    _check_output(target)
    template: str | bytes = args.template
    name: str | None = None
    if Path(args.template).exists():
        # Read and check a file before opening (and locking) the practice.
        path = Path(args.template)
        template = letters.read_template_file(path)
        check = letters.check_template(template)
        if not check.ok:
            raise letters.TemplateProblems(check, what=path.name)
        name = path.name
    with open_practice(args, must_exist=True) as practice:
        return _make(practice, args, template, name, target)


def _make(practice: Any, args: argparse.Namespace, template: str | bytes, name: str | None,
          target: Path) -> int:
    from casedesk.domain.errors import InvalidInput, NotFound
    from casedesk.export.files import write_bytes_atomically
    from casedesk.services import letters
    from casedesk.services.cases import find_case_by_number
    from casedesk.services.documents import blob_recorded
    from casedesk.services.letters_context import find_recipient, find_sender

    store = practice.blobs
    existed = target.exists()
    written = False
    draft: letters.LetterDraft | None = None
    try:
        with practice.transaction() as session:
            case = find_case_by_number(session, args.case)
            extra = _filing(session, case.id, args.filing) if args.filing else None
            draft = letters.prepare_letter(
                session, case_id=case.id, template=template, store=store,
                recipient_contact_id=(find_recipient(session, case_id=case.id, name=args.to)
                                      if args.to else None),
                sender_staff_id=find_sender(session, args.sender) if args.sender else None,
                title=args.title, today=args.date, extra=extra, template_name=name)
            if not args.no_save:
                letters.save_letter(session, store=store, draft=draft)
            write_bytes_atomically(target, draft.data)
            written = True
    except BaseException as exc:
        if draft is not None and not args.no_save and \
                not practice.read(blob_recorded, draft.sha256):
            store.remove(draft.sha256)
        if written and not existed:
            target.unlink(missing_ok=True)
        if isinstance(exc, NotFound) and exc.what == "template named" and \
                _looks_like_path(args.template):
            raise InvalidInput(f"There is no file {args.template} (and no template of that "
                               "name in the library).", field="template") from None
        raise
    print(f"wrote {target} ({draft.template_name} to {draft.recipient}, dated "
          f"{_day(draft.on_date)})", file=sys.stderr)
    if not args.no_save:
        print(f"saved to case {args.case} as “{draft.title}” and logged as a letter to "
              f"{draft.recipient}", file=sys.stderr)
    return 0


def _day(day: date) -> str:
    from casedesk.export.letter_schema import letter_date

    return letter_date(day)


def _filing(session: Any, case_id: Any, key: str) -> dict[str, Any]:
    from casedesk.services.filings import filing_context, find_filing

    return {"filing": filing_context(session, find_filing(session, case_id=case_id, key=key))}

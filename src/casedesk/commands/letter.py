"""`casedesk letter TEMPLATE --case NUMBER [--to NAME] [--from NAME] -o OUT.docx`: a letter
filled from a Word template, saved to the case and logged as correspondence.

TEMPLATE is a .docx file or the name of a template in the library (`casedesk templates`).
The template is checked first: syntax errors and unknown placeholders are listed (with "did
you mean") and nothing is written. Otherwise, unless `--no-save`, the letter becomes a
correspondence document of the case and an outgoing letter in its log (with `--filing`, also
the filing's cover letter), in one transaction. The file is written beside OUT.docx within that
transaction (a full disk stops it) and moved over OUT.docx only once the case has the letter,
so a failure anywhere keeps an earlier OUT.docx as it was. Only a regular file is replaced: a
link, device or pipe at OUT.docx is refused.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from casedesk.commands.common import iso_date


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
                        help="a filing package of the case: the letter lists its documents "
                             "and becomes its cover letter")
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
    """Refuse a missing folder, or a folder, link, device or pipe at the target, up front."""
    from casedesk.export.files import check_target

    check_target(target)


def run(args: argparse.Namespace) -> int:
    from casedesk.commands.common import open_practice, refuse_practice_files
    from casedesk.services import letters

    target: Path = args.output
    _check_output(target)
    refuse_practice_files(args, target)
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
    from casedesk.export import files
    from casedesk.services import letters
    from casedesk.services.cases import find_case_by_number
    from casedesk.services.documents import blob_recorded
    from casedesk.services.filings import filing_context, find_filing, set_cover_document
    from casedesk.services.letters_context import find_recipient, find_sender

    store = practice.blobs
    draft: letters.LetterDraft | None = None
    prepared: files.PreparedFile | None = None
    try:
        with practice.transaction() as session:
            case = find_case_by_number(session, args.case)
            filing_id = find_filing(session, case_id=case.id, key=args.filing) \
                if args.filing else None
            extra = {"filing": filing_context(session, filing_id)} if filing_id else None
            draft = letters.prepare_letter(
                session, case_id=case.id, template=template, store=store,
                recipient_contact_id=(find_recipient(session, case_id=case.id, name=args.to)
                                      if args.to else None),
                sender_staff_id=find_sender(session, args.sender) if args.sender else None,
                title=args.title, today=args.date, extra=extra, template_name=name)
            if not args.no_save:
                _c, document_id, _e = letters.save_letter(session, store=store, draft=draft)
                if filing_id is not None:
                    set_cover_document(session, filing_id=filing_id, document_id=document_id)
            # Written beside the target inside the transaction (a full disk undoes it), moved
            # over the target only once the transaction is committed.
            prepared = files.prepare_bytes(target, draft.data)
    except BaseException as exc:
        if prepared is not None:
            prepared.discard()
        if draft is not None and not args.no_save and \
                not practice.read(blob_recorded, draft.sha256):
            store.remove(draft.sha256)
        if isinstance(exc, NotFound) and exc.what == "template named" and \
                _looks_like_path(args.template):
            raise InvalidInput(f"There is no file {args.template} (and no template of that "
                               "name in the library).", field="template") from None
        raise
    _place(prepared, args, target)
    print(f"wrote {target} ({draft.template_name} to {draft.recipient}, dated "
          f"{_day(draft.on_date)})", file=sys.stderr)
    if not args.no_save:
        print(f"saved to case {args.case} as “{draft.title}” and logged as a letter to "
              f"{draft.recipient}", file=sys.stderr)
        if extra is not None:
            print(f"attached to the filing “{extra['filing']['title']}” as its cover letter",
                  file=sys.stderr)
    return 0


def _place(prepared: Any, args: argparse.Namespace, target: Path) -> None:
    """Move the written letter over the target, after the case has it; should that fail
    (rare: the target was replaced by a folder or link meanwhile), say the letter is saved."""
    from casedesk.domain.errors import CasedeskError, EnvironmentFault

    try:
        prepared.commit()
    except (OSError, CasedeskError) as exc:
        if args.no_save:
            raise
        why = exc.message if isinstance(exc, CasedeskError) else (exc.strerror or str(exc))
        raise EnvironmentFault(f"The letter was saved to case {args.case}, but {target} could "
                               f"not be written ({why.rstrip('.')}); export it from the "
                               "case's documents.") from exc


def _day(day: date) -> str:
    from casedesk.export.letter_schema import letter_date

    return letter_date(day)


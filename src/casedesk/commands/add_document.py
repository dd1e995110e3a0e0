"""`casedesk add-document CASE FILE... [--category C] [--privileged] ...`: files into a case.

The files are copied into the document store (kept once by SHA-256, never changed) and
recorded as documents of the case, all of them or none: a missing file, an unknown case or
category, a bad date or an empty tag stops the command with exit status 2 before anything is
stored. Notes on stderr (the command still succeeds): a file that is already a document of the
case (a second record is made, as asked), and a stored copy of a file that was damaged and has
been replaced with the good bytes given.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from casedesk.persistence.blob_store import Stored
    from casedesk.services.documents import DocumentMeta, SameFile


def add_arguments(parser: argparse.ArgumentParser, _name: str) -> None:
    parser.add_argument("case", metavar="CASE", help="the case number (e.g. 2026-CV-0001)")
    parser.add_argument("files", metavar="FILE", nargs="+", type=Path,
                        help="files to add (each becomes a document)")
    parser.add_argument("--category", metavar="C", default="other",
                        help="pleading, motion, order, correspondence, evidence, contract, "
                             "note or other (default)")
    parser.add_argument("--title", help="the document's title (only with one file; default: "
                                        "the file's name)")
    parser.add_argument("--tag", dest="tags", metavar="TAG", action="append", default=[],
                        help="a tag (repeat for several)")
    parser.add_argument("--privileged", action="store_true",
                        help="mark as privileged (attorney-client, work product)")
    parser.add_argument("--confidential", action="store_true", help="mark as confidential")
    parser.add_argument("--author", default="", help="who wrote it")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="the document's own date")
    parser.add_argument("--received", metavar="YYYY-MM-DD", help="the date it was received")
    parser.add_argument("--sent", metavar="YYYY-MM-DD", help="the date it was sent")
    parser.add_argument("--source", default="file",
                        help="where it came from (default: file)")


def _unreadable(paths: list[Path]) -> list[str]:
    """What is wrong with each path that is not a readable file."""
    import os

    wrong: list[str] = []
    for path in paths:
        if not path.exists():
            wrong.append(f"{path} does not exist")
        elif not path.is_file():
            wrong.append(f"{path} is not a file")
        elif not os.access(path, os.R_OK):
            wrong.append(f"{path} cannot be read")
    return wrong


def _meta(args: argparse.Namespace) -> DocumentMeta:
    """The documents' description, checked before anything is stored."""
    from casedesk.domain.errors import InvalidInput
    from casedesk.services.common import parse_date
    from casedesk.services.documents import DocumentMeta, clean_tags, parse_category

    if args.title is not None and len(args.files) > 1:
        raise InvalidInput("--title names one document; give one file with it (or leave it "
                           "out: each document takes its file's name).", field="title")
    if any(not tag.strip() for tag in args.tags):
        raise InvalidInput("--tag: a tag cannot be empty (leave the option out for no tag).",
                           field="tags")
    dates = {}
    for option, key in (("--date", "date"), ("--received", "received"), ("--sent", "sent")):
        try:
            dates[key] = parse_date(getattr(args, key), key)
        except InvalidInput as exc:
            raise InvalidInput(f"{option}: {exc.message}", field=key) from None
    return DocumentMeta(title=(args.title or "").strip(), category=parse_category(args.category),
                        tags=clean_tags(args.tags), privileged=args.privileged,
                        confidential=args.confidential, author=args.author,
                        document_date=dates["date"], received_on=dates["received"],
                        sent_on=dates["sent"], source=args.source)


def run(args: argparse.Namespace) -> int:
    from casedesk.commands.common import open_practice
    from casedesk.domain.errors import InvalidInput

    meta = _meta(args)
    wrong = _unreadable(args.files)
    if wrong:
        raise InvalidInput("; ".join(wrong) + "; nothing was added.", field="file")
    with open_practice(args, must_exist=True) as practice:
        from casedesk.services import documents
        from casedesk.services.cases import find_case_by_number

        case_id = practice.read(lambda session: find_case_by_number(session, args.case).id)
        stored: list[Stored] = []
        ids = documents.add_files(practice.write, practice.read, practice.blobs,
                                  case_id=case_id, paths=args.files, meta=meta,
                                  on_stored=stored.extend)
        rows = [practice.read(documents.get_document, doc_id) for doc_id in ids]
        same = [practice.read(documents.documents_with_file, case_id=case_id,
                              sha256=item.sha256, exclude=ids) for item in stored]
    for row in rows:
        print(f"added {row.id}: {row.title!r} ({row.file_name}, {row.size:,} bytes) to case "
              f"{row.case_number}")
    for path, item, found in zip(args.files, stored, same, strict=True):
        for note in _notes(path, item, found):
            print(f"casedesk: note: {note}", file=sys.stderr)
    return 0


def _notes(path: Path, stored: Stored, same: list[SameFile]) -> list[str]:
    """What the user should know about one added file (it was still added)."""
    notes = []
    if stored.healed:
        notes.append(f"{path.name}: the stored copy of this file was damaged; it has been "
                     "replaced with this file's bytes")
    if same:
        names = " and ".join(f"document “{s.title}”" + (
            "" if s.current else f" (its version {s.version})") for s in same)
        notes.append(f"{path.name}: the same file is already {names} of this case")
    return notes

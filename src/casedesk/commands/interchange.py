"""`casedesk export FILE.json` and `casedesk import FILE.json`: the practice interchange file.

The format (casedesk-practice, version 1) is described in docs/interchange.md. The documents'
files and the letter templates travel in a folder beside the JSON (`FILE.files/`).
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    if name == "export":
        parser.add_argument("file", metavar="FILE.json", type=Path,
                            help="where to write the practice (an existing file is replaced, "
                                 "atomically); the documents' files go in FILE.files/ beside "
                                 "it")
    else:
        parser.add_argument("file", metavar="FILE.json", type=Path,
                            help="a casedesk-practice file to merge into this practice "
                                 "(new records are added, known ones updated, none "
                                 "deleted); the documents' files are read from FILE.files/ "
                                 "beside it")


def _export(args: argparse.Namespace) -> int:
    from casedesk.commands.common import open_practice, refuse_practice_files
    from casedesk.domain.errors import EnvironmentFault
    from casedesk.export.interchange_files import files_folder, write_export

    target: Path = args.file
    if target.is_dir():
        raise EnvironmentFault(f"{target} is a folder; name the file to write.")
    refuse_practice_files(args, target)
    folder = files_folder(target)
    with open_practice(args, must_exist=True) as practice:
        from casedesk.services import interchange

        document = practice.read(interchange.build_document)
        written = write_export(target, document, practice.blobs)
    line = (f"exported: {len(document['staff'])} staff, {len(document['contacts'])} contacts, "
            f"{len(document['cases'])} cases to {target}")
    if written:
        line += f"; {written} file{'s' if written != 1 else ''} to {folder}"
    print(line)
    return 0


def _import(args: argparse.Namespace) -> int:
    from casedesk.commands.common import open_practice
    from casedesk.export.interchange import read_document_file
    from casedesk.export.interchange_files import files_folder, verify_files
    from casedesk.export.interchange_parse import parse_document
    from casedesk.services import interchange

    # Read and check the file, and every file it names, before opening (and locking) the
    # database.
    folder = files_folder(args.file)
    parsed = parse_document(read_document_file(args.file))
    verify_files(parsed, folder)
    with open_practice(args) as practice:
        _changes, summary = interchange.import_with_files(
            practice.write, practice.read, practice.blobs, practice=parsed, folder=folder,
            files_checked=True)
    print(summary.line())
    return 0


def run(args: argparse.Namespace) -> int:
    return _export(args) if args.command == "export" else _import(args)

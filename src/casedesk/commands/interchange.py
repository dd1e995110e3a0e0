"""`casedesk export FILE.json` and `casedesk import FILE.json`: the practice interchange file.

The format (casedesk-practice, version 1) is described in docs/interchange.md.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    if name == "export":
        parser.add_argument("file", metavar="FILE.json", type=Path,
                            help="where to write the practice (an existing file is replaced, "
                                 "atomically)")
    else:
        parser.add_argument("file", metavar="FILE.json", type=Path,
                            help="a casedesk-practice file to merge into this practice "
                                 "(new records are added, known ones updated, none deleted)")


def _export(args: argparse.Namespace) -> int:
    from casedesk.commands.common import open_practice
    from casedesk.domain.errors import EnvironmentFault
    from casedesk.export.interchange import dump_document, write_text_atomically

    target: Path = args.file
    if target.is_dir():
        raise EnvironmentFault(f"{target} is a folder; name the file to write.")
    with open_practice(args, must_exist=True) as practice:
        from casedesk.services import interchange

        document = practice.read(interchange.build_document)
    write_text_atomically(target, dump_document(document))
    print(f"exported: {len(document['staff'])} staff, {len(document['contacts'])} contacts, "
          f"{len(document['cases'])} cases to {target}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from casedesk.commands.common import open_practice
    from casedesk.export.interchange import read_document_file
    from casedesk.export.interchange_parse import parse_document
    from casedesk.services import interchange

    # Read and check the file before opening (and locking) the database.
    parsed = parse_document(read_document_file(args.file))
    with open_practice(args) as practice:
        _changes, summary = practice.write(interchange.import_practice, practice=parsed)
    print(summary.line())
    return 0


def run(args: argparse.Namespace) -> int:
    return _export(args) if args.command == "export" else _import(args)

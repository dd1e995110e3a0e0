"""`casedesk templates`: the letter template library.

    casedesk templates                          list the library (shipped and the practice's own)
    casedesk templates --check FILE.docx...     check templates (exit 2 if any has a problem)
    casedesk templates --placeholders           every placeholder a template can use
    casedesk templates --export NAME -o FILE    copy a library template out, to adapt it in Word
    casedesk templates --add FILE.docx --name NAME [--description TEXT]
    casedesk templates --remove NAME            remove one of the practice's own templates
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser, _name: str) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.description = __doc__
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--check", metavar="FILE.docx", type=Path, nargs="+",
                        help="check templates without filling them (no practice needed)")
    action.add_argument("--placeholders", action="store_true",
                        help="list every placeholder a template can use")
    action.add_argument("--export", metavar="NAME", help="copy a library template to -o FILE")
    action.add_argument("--add", metavar="FILE.docx", type=Path,
                        help="add a template to the practice's library (it is checked first)")
    action.add_argument("--remove", metavar="NAME",
                        help="remove one of the practice's own templates")
    parser.add_argument("--name", help="the added template's name (default: the file's name)")
    parser.add_argument("--description", default="", help="what the added template is for")
    parser.add_argument("-o", "--output", metavar="FILE.docx", type=Path,
                        help="where --export writes")


def run(args: argparse.Namespace) -> int:
    if args.check:
        return _check(args.check)
    if args.placeholders:
        return _placeholders()
    from casedesk.commands.common import open_practice, refuse_practice_files
    from casedesk.domain.errors import InvalidInput

    if args.export and args.output is None:
        raise InvalidInput("--export needs -o FILE.docx.", field="output")
    if args.export:
        from casedesk.export.files import check_target

        check_target(args.output)  # a missing folder, a folder or a link: refused up front
        refuse_practice_files(args, args.output)
    with open_practice(args, must_exist=not args.add) as practice:
        from casedesk.services import letters

        if args.export:
            from casedesk.export.files import write_bytes_atomically

            data = practice.read(lambda s: letters.template_bytes(s, store=practice.blobs,
                                                                  name=args.export))
            write_bytes_atomically(args.output, data)
            print(f"wrote {args.output}", file=sys.stderr)
        elif args.add:
            name = args.name or args.add.stem.replace("_", " ")
            letters.add_template_file(practice.write, practice.read, practice.blobs,
                                      path=args.add, name=name, description=args.description)
            print(f"added the template “{name}”", file=sys.stderr)
        elif args.remove:
            info = practice.read(letters.find_template, args.remove)
            if info.shipped:
                raise InvalidInput(f"“{info.name}” ships with casedesk and cannot be removed.",
                                   field="template")
            practice.write(letters.delete_template, template_id=info.id)
            print(f"removed the template “{info.name}”", file=sys.stderr)
        else:
            for info in practice.read(letters.list_templates):
                origin = "shipped" if info.shipped else "practice"
                print(f"{info.name}\t{origin}\t{info.description}")
    return 0


def _check(paths: list[Path]) -> int:
    from casedesk.domain.errors import InvalidInput
    from casedesk.services.letters import check_template, read_template_file

    failed = 0
    for path in paths:
        try:
            check = check_template(read_template_file(path))
            lines = check.report()
        except InvalidInput as exc:
            lines = [exc.message]
        if lines:
            failed += 1
            print(f"{path}: {len(lines)} problem{'s' if len(lines) != 1 else ''}",
                  file=sys.stderr)
            for line in lines:
                print(f"  - {line}", file=sys.stderr)
        else:
            print(f"{path}: OK ({len(check.placeholders)} placeholders)")
    return 2 if failed else 0


def _placeholders() -> int:
    from casedesk.export.letter_schema import SCHEMA, Flag, ListOf, Text, iter_paths

    for path, node in iter_paths(SCHEMA, ""):
        if isinstance(node, Text | Flag):
            example = f"  e.g. {node.example!r}" if node.example not in ("", False) else ""
            print(f"{path:34} {node.description}{example}")
        elif isinstance(node, ListOf):
            print(f"{path:34} (list) {node.description}")
    return 0

"""`casedesk index [--rebuild]`: bring the full-text search index up to date (or rebuild it
from nothing, reading every stored file again) and say what was done."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser, _name: str) -> None:
    parser.add_argument("--rebuild", action="store_true",
                        help="index everything again, re-reading every file (also retries "
                             "files whose text could not be read); search keeps working "
                             "meanwhile on SQLite")


def run(args: argparse.Namespace) -> int:
    from casedesk.commands.common import open_practice
    from casedesk.commands.search import progress_printer

    with open_practice(args, must_exist=True) as practice:
        from casedesk.services import search_index

        work = search_index.rebuild if args.rebuild else search_index.index_pending
        report = work(practice.engine, practice.blobs, progress=progress_printer())
    if not (report.indexed or report.removed):
        print("The search index is up to date.")
        return 0
    kinds = ", ".join(f"{count:,} {kind}" for kind, count in report.by_kind.items())
    print(f"Indexed {report.indexed:,}, removed {report.removed:,} ({kinds}).")
    if report.files_read:
        print(f"Read the text of {report.files_read:,} files: {report.unsupported:,} of a kind "
              f"casedesk cannot read, {report.failed:,} damaged, encrypted or missing.")
    return 0

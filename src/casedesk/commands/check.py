"""`casedesk check [--json]`: verify every stored file against its SHA-256, and the database.

Prints one problem per line (missing or damaged files with the document, case and version or
template using them, files nothing uses, clutter in the store's folder, database problems) and
a summary. Clutter is a `.incoming-*` temporary file an interrupted copy left ("an unfinished
copy", safe to delete once no casedesk is running) or a file or folder under
`documents/sha256/` that is not a stored file; it counts as a problem, so that a clean store
exits 0. Exit status 0 when all is well, 1 when problems were found, 2 when the practice cannot
be opened. Reads only: nothing is repaired or deleted.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from casedesk.persistence.locations import DataLocation
    from casedesk.services.store_check import CheckProblem


def add_arguments(parser: argparse.ArgumentParser, _name: str) -> None:
    parser.epilog = (
        "Lists missing and damaged stored files (with the documents and templates using "
        "them), stored files nothing uses, clutter in the documents folder (an unfinished "
        "copy: a .incoming-* file an interrupted add left, safe to delete once no casedesk "
        "is running; anything else under documents/sha256/ that is not a stored file) and "
        "database problems. Clutter counts as a problem. Exit status: 0 no problems, 1 "
        "problems found, 2 the practice cannot be opened. Nothing is repaired or deleted; "
        "adding the original file again heals a damaged stored file.")
    parser.add_argument("--json", action="store_true",
                        help="print the report as JSON (problems, counts, database result)")


def _database(location: DataLocation) -> tuple[str, list[CheckProblem]]:
    """SQLite's integrity checks, or why the database was not checked."""
    import sqlite3

    from casedesk.domain.errors import EnvironmentFault
    from casedesk.services.store_check import CheckProblem, check_sqlite

    path = location.sqlite_path
    if path is None:
        return "not checked (PostgreSQL checks its own pages)", []
    try:
        problems = check_sqlite(path)
    except sqlite3.OperationalError as exc:  # locked, unreadable: the check could not run
        raise EnvironmentFault(f"cannot check the database {path}: {exc}") from None
    except sqlite3.DatabaseError as exc:  # so damaged that the check itself stops
        problems = [CheckProblem("database", f"integrity: {exc}")]
    return ("problems" if problems else "ok"), problems


def run(args: argparse.Namespace) -> int:
    from casedesk.commands.common import open_practice
    from casedesk.domain.errors import EnvironmentFault

    # Open (or refuse) the practice first: a mistyped folder is refused, nothing is created.
    with open_practice(args, must_exist=True) as practice:
        from sqlalchemy.exc import DatabaseError

        from casedesk.services import store_check

        database, db_problems = _database(practice.location)
        try:
            uses, recorded = practice.read(store_check.file_uses)
        except DatabaseError as exc:
            if not db_problems:
                raise EnvironmentFault(f"cannot read the practice's records: {exc.orig}"
                                       ) from None
            # The damage found above: the files cannot be matched with their documents.
            report = store_check.CheckReport()
            db_problems.append(store_check.CheckProblem(
                "database", f"the stored files were not checked: their records cannot be "
                            f"read ({exc.orig})"))
        else:
            report = store_check.check_files(practice.blobs, uses, recorded)
    report.database = database
    report.problems[:0] = db_problems
    if args.json:
        print(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        for problem in report.problems:
            print(problem.line())
        print(report.summary())
    return 0 if report.ok else 1

"""What the subcommands share: opening the practice from the global options, keeping their
output off the practice's own files, and reading a date typed as YYYY-MM-DD."""

from __future__ import annotations

import argparse
import os
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from casedesk.domain.errors import InvalidInput
from casedesk.persistence.locations import DB_FILENAME, DataLocation, resolve

if TYPE_CHECKING:
    from casedesk.persistence.practice import Practice

# A database holds a practice once any of these tables has a row (as `casedesk demo` checks).
_PRACTICE_TABLES = ("firms", "staff", "contacts", "cases")


def open_practice(args: argparse.Namespace, *, must_exist: bool = False) -> Practice:
    """The practice named by --data-dir/--database-url.

    Commands that write create it on first use; commands that only read pass
    `must_exist=True` and are refused (with nothing created) where no practice is yet, so a
    mistyped folder is not taken for an empty practice.
    """
    location = resolve(args.data_dir, args.database_url)
    _check_folder(location.data_dir)
    if not must_exist:
        from casedesk.persistence.practice import Practice

        return Practice(location)
    sqlite_path = location.sqlite_path
    if sqlite_path is not None:
        _check_sqlite_practice(location, sqlite_path)
        from casedesk.persistence.practice import Practice

        return Practice(location)
    return _open_server_practice(location)


def _check_folder(folder: Path) -> None:
    """Refuse a data folder that is a file (or lies inside one) with a plain message."""
    for path in (folder, *folder.parents):
        if path.exists():
            if not path.is_dir():
                raise InvalidInput(f"{path} is a file, not a folder.", field="data_dir")
            return


def _no_practice(location: DataLocation) -> InvalidInput:
    sqlite_path = location.sqlite_path
    if sqlite_path is None:
        from casedesk.persistence.engine import describe_url

        where, option = f"the database {describe_url(location.database_url)}", "--database-url"
    elif sqlite_path == location.data_dir / DB_FILENAME:
        where, option = str(location.data_dir), "--data-dir"
    else:
        where, option = str(sqlite_path), "--database-url"
    return InvalidInput(f"{where} holds no casedesk practice (check {option})", field="data_dir")


def _check_sqlite_practice(location: DataLocation, path: Path) -> None:
    """Refuse a missing or empty SQLite practice, reading with the stdlib driver only."""
    import sqlite3
    from contextlib import closing

    from casedesk.persistence.migrate import SchemaState, classify, sqlite_revision

    if not path.is_file():
        raise _no_practice(location)
    state = classify(sqlite_revision(path))
    if state is SchemaState.MISSING:
        raise _no_practice(location)
    if state is SchemaState.NEWER:
        return  # opening it refuses it as too new, which says more than "empty"
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            found = any(conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None
                        for table in _PRACTICE_TABLES)
    except sqlite3.Error:
        found = False  # stamped but without the practice's tables: nothing to read either
    if not found:
        raise _no_practice(location)


def _open_server_practice(location: DataLocation) -> Practice:
    """Open a server practice, refusing (before creating any table or folder) an empty one."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from casedesk.persistence.engine import make_engine
    from casedesk.persistence.migrate import SchemaState, classify, database_revision
    from casedesk.persistence.practice import Practice

    state = classify(database_revision(location))
    if state is SchemaState.MISSING:
        raise _no_practice(location)
    if state is not SchemaState.NEWER:  # a too-new one is refused on opening, as such
        engine = make_engine(location.database_url)
        try:
            with engine.connect() as conn:
                found = any(conn.execute(text(f"SELECT 1 FROM {table} LIMIT 1")).first()
                            is not None for table in _PRACTICE_TABLES)
        except DBAPIError:
            found = False  # stamped but without the practice's tables
        finally:
            engine.dispose()
        if not found:
            raise _no_practice(location)
    return Practice(location)


def refuse_practice_files(args: argparse.Namespace, target: Path) -> None:
    """Refuse to write over the practice's database (and its journal files) or into its
    documents or backups folders (EnvironmentFault, before any work): a slip of -o must not
    replace the practice with a report, a calendar or a letter."""
    from casedesk.domain.errors import EnvironmentFault

    location = resolve(args.data_dir, args.database_url)
    where = Path(os.path.realpath(target))
    folder, key = where.parent, where.name.casefold()  # casefold: macOS and Windows
    db = location.sqlite_path
    if db is not None:
        db = Path(os.path.realpath(db))
        names = {(db.name + suffix).casefold() for suffix in ("", "-wal", "-shm", "-journal")}
        if key in names and _same_folder(folder, db.parent):
            raise EnvironmentFault(f"{target} is the practice's own database; choose another "
                                   "file name. Nothing was written.")
    for kept in (location.documents_dir, location.backups_dir):
        kept = Path(os.path.realpath(kept))
        if any(_same_folder(f, kept) for f in (where, *where.parents)):
            raise EnvironmentFault(f"{target} is in the practice's own {kept.name} folder "
                                   f"({kept}); write it elsewhere. Nothing was written.")


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a == b or os.path.samefile(a, b)
    except OSError:
        return False


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def iso_date(text: str) -> date:
    """A date option's value: YYYY-MM-DD only (not "20260301" or "2026-W10-1", which Python
    also reads), between 1900 and 2199 (argparse type)."""
    value = text.strip()
    try:
        if _ISO_DAY.fullmatch(value) is None:
            raise ValueError(value)
        day = date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (use YYYY-MM-DD)") from None
    if not 1900 <= day.year <= 2199:
        raise argparse.ArgumentTypeError(f"{text!r} is not a plausible date (1900 to 2199)")
    return day
